//! Mail: the daily messages written into the outbox, the worker that sends the outbox,
//! each person's mail settings and the administrator's view of the outbox.

mod daily;
mod prefs;
mod send;
mod texts;

pub use daily::write_daily;
pub use prefs::{MailInput, outbox, own_prefs, set_own_prefs};
pub use send::{queue_test, send_due, send_test};

use std::time::Duration;

use crate::app::Services;
use crate::mailer::Mailer;

/// How often the worker looks for a day's messages to write and messages to send.
pub const TICK: Duration = Duration::from_secs(30);

/// What the mail work needs besides the database.
#[derive(Debug, Clone)]
pub struct MailSetup {
    /// The SMTP client; none: nothing is sent, messages stay in the outbox.
    pub mailer: Option<Mailer>,
    /// The sender's domain, for Message-IDs.
    pub domain: String,
    /// The server's public URL, for links in messages.
    pub base_url: String,
    /// Days a finding is overdue before the coordinators are told.
    pub escalate_after_days: u32,
    /// The hour of the day (in the province) from which the day's messages are written.
    pub digest_hour: u32,
}

impl Default for MailSetup {
    fn default() -> Self {
        MailSetup {
            mailer: None,
            domain: "tiepcan".to_owned(),
            base_url: "http://127.0.0.1:8080".to_owned(),
            escalate_after_days: 30,
            digest_hour: 7,
        }
    }
}

/// One round of the worker: writes the day's messages once their hour has come, then
/// sends what is due. Returns how many messages were written and sent.
pub async fn tick(s: &Services) -> Result<(usize, usize), crate::app::Error> {
    let written = write_daily(s).await?;
    let sent = send_due(s).await?;
    Ok((written, sent))
}

/// Runs [`tick`] every `every`, until the task is dropped.
pub async fn work_every(s: Services, every: Duration) {
    let mut timer = tokio::time::interval(every);
    loop {
        timer.tick().await;
        match tick(&s).await {
            Ok((0, 0)) => {}
            Ok((written, sent)) => tracing::info!(written, sent, "mail"),
            Err(e) => tracing::warn!(error = %e, "the mail worker's round failed"),
        }
    }
}
