//! A sender's contact is kept only while it may be needed: a set time (90 days unless the
//! server is told otherwise) after the report's last answer, it is deleted, each deletion
//! an event.

use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::store::barrier_reports;

/// How long a contact is kept after the report's last answer, unless set otherwise.
pub const CONTACT_KEEP: chrono::Duration = chrono::Duration::days(90);

/// Deletes the contacts of reports closed longer ago than the server keeps them; returns
/// how many.
pub async fn erase_contacts(s: &Services) -> Result<usize, Error> {
    let now = s.now();
    let mut tx = s.begin().await?;
    let erased = barrier_reports::erase_contacts(&mut tx, now - s.report_contact_keep, now).await?;
    for id in &erased {
        s.log(
            &mut tx,
            Change::new(
                &Actor::System,
                "barrier_report.contact_erased",
                "barrier_report",
                id,
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(erased.len())
}

/// Runs [`erase_contacts`] every `every`, until the task is dropped.
pub async fn erase_contacts_every(s: Services, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match erase_contacts(&s).await {
            Ok(0) => {}
            Ok(erased) => tracing::info!(erased, "barrier report contacts deleted"),
            Err(e) => tracing::warn!(error = %e, "deleting barrier report contacts failed"),
        }
    }
}
