//! `tiepcan mail test ADDRESS`: checks the mail settings by sending one message at once;
//! `tiepcan mail queue ADDRESS`: writes one into the outbox for the server to send.

use std::process::ExitCode;

use super::finish;
use crate::app::mail::{queue_test, send_test};
use crate::config::Database;
use crate::config::MailAction;
use crate::domain::actor::Actor;
use crate::domain::mail::EmailAddress;

/// Sends the test message and says whether the mail server accepted it; the exit status
/// is 1 and the cause is printed when it did not go.
pub async fn run(action: MailAction) -> anyhow::Result<ExitCode> {
    let (address, smtp) = match action {
        MailAction::Test { address, smtp } => (address, smtp),
        MailAction::Queue { address, database } => return queue(&address, &database).await,
    };
    let Ok(to) = EmailAddress::parse(&address) else {
        eprintln!("error: `{address}` is not an email address");
        return Ok(ExitCode::FAILURE);
    };
    let Some(mailer) = smtp.mailer()? else {
        eprintln!("error: no mail server is set: give --smtp-host (or TIEPCAN_SMTP_HOST)");
        return Ok(ExitCode::FAILURE);
    };
    match send_test(&mailer, &to, smtp.mail_from.domain()).await {
        Ok(()) => {
            println!("sent: {} accepted the test message to {to}", mailer.server);
            Ok(ExitCode::SUCCESS)
        }
        Err(cause) => {
            eprintln!(
                "error: the test message to {to} was not sent through {}: {cause}",
                mailer.server
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Writes the test message into the outbox.
async fn queue(address: &str, database: &Database) -> anyhow::Result<ExitCode> {
    let s = crate::server::open(database, Default::default()).await?;
    let outcome = queue_test(&s, &Actor::Console, address)
        .await
        .map(|to| format!("a test message to {to} is in the outbox"));
    s.db.close().await;
    Ok(finish(outcome))
}
