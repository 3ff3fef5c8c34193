//! An audit as its reviewer reads it: the audit, and what changed in its answers since a
//! reviewer last returned it (read from the audit's events: see
//! [`crate::domain::audit::since_return`]).

use uuid::Uuid;

use super::read;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::Audit;
use crate::domain::audit::since_return::{Changed, answers_at_return, changed_since};
use crate::store::events::{self, Filter};

/// Most events of one audit read to find its last return: far more than an audit makes.
const EVENTS_MAX: u32 = 10_000;

/// An audit with what changed since its last return.
#[derive(Debug)]
pub struct ForReview {
    /// The audit.
    pub audit: Audit,
    /// The answers whose result or numbers changed since the last return; none when it
    /// was never returned.
    pub since_return: Option<Vec<Changed>>,
}

/// Audit `id` as `actor` may see it, with what changed since it was last returned.
pub async fn read_for_review(s: &Services, actor: &Actor, id: Uuid) -> Result<ForReview, Error> {
    let audit = read(s, actor, id).await?;
    if audit.reviewed_at.is_none() {
        return Ok(ForReview {
            audit,
            since_return: None,
        });
    }
    let filter = Filter {
        entity_type: Some("audit".into()),
        entity_id: Some(id.to_string()),
        limit: EVENTS_MAX,
        ..Filter::default()
    };
    let newest_first = events::list(&mut s.db.conn().await?, &filter).await?;
    let oldest_first = newest_first
        .iter()
        .rev()
        .map(|e| (e.action.as_str(), e.after.as_deref()));
    let since_return =
        answers_at_return(oldest_first).map(|then| changed_since(&then, &audit.item_answers()));
    Ok(ForReview {
        audit,
        since_return,
    })
}
