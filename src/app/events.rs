//! Reading the event log (admins and coordinators) and checking its hash chain.

use chrono::{DateTime, Utc};

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::{Break, Day, Event, check_link};
use crate::domain::permission::{Action, Scope};
use crate::store::events::{self, Filter};

/// Events matching `filter`, newest first.
pub async fn list(s: &Services, actor: &Actor, filter: &Filter) -> Result<Vec<Event>, Error> {
    actor.may(Action::ReadEvents, Scope::Everywhere)?;
    Ok(events::list(&mut s.db.conn().await?, filter).await?)
}

/// Changes per local day between `from` and `to`.
pub async fn per_day(
    s: &Services,
    actor: &Actor,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Day>, Error> {
    actor.may(Action::ReadEvents, Scope::Everywhere)?;
    let offset = chrono::Offset::fix(&chrono::TimeZone::offset_from_utc_datetime(
        &s.zone,
        &s.now().naive_utc(),
    ))
    .local_minus_utc();
    Ok(events::per_day(&mut s.db.conn().await?, from, to, offset).await?)
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every row checks; `count` events, ending at `head_hash`.
    Intact {
        /// Events checked.
        count: u64,
        /// The chain head's hash.
        head_hash: String,
    },
    /// A row was edited, removed or inserted.
    Broken(Break),
    /// The rows end before the recorded head (rows removed at the end).
    Truncated {
        /// The last row found.
        last_seq: i64,
        /// The head the chain records.
        head_seq: i64,
    },
}

/// Checks the hash chain of the whole log, oldest first, a thousand rows at a time.
pub async fn verify(s: &Services) -> Result<Verdict, Error> {
    let mut conn = s.db.conn().await?;
    let mut previous: Option<Event> = None;
    let mut count = 0u64;
    loop {
        let after = previous.as_ref().map_or(0, |e| e.seq);
        let page = events::page(&mut conn, after, 1000).await?;
        if page.is_empty() {
            break;
        }
        for event in page {
            if let Err(b) = check_link(previous.as_ref(), &event) {
                return Ok(Verdict::Broken(b));
            }
            count += 1;
            previous = Some(event);
        }
    }
    let (head_seq, head_hash) = events::head(&mut conn).await?;
    let last_seq = previous.as_ref().map_or(0, |e| e.seq);
    let last_hash = previous.as_ref().map_or("", |e| e.hash.as_str());
    if last_seq != head_seq || last_hash != head_hash {
        return Ok(Verdict::Truncated { last_seq, head_seq });
    }
    Ok(Verdict::Intact { count, head_hash })
}
