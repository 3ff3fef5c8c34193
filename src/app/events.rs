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

/// How long this instance trusts the event log's position it last read, when it has not
/// written itself since: a change through another instance sharing the database shows
/// after at most this long.
pub const OTHERS_SEEN_WITHIN: std::time::Duration = std::time::Duration::from_millis(100);

/// How long after this instance appends an event it reads the position again on every
/// ask, because the append's transaction may commit any time within it: a write
/// transaction holds only short steps (slow work happens before or after it) and waits at
/// most [`crate::store::LOCK_WAIT`] (5 s) for the database, so a minute is ample.
const OWN_COMMIT_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

/// The event log's position as this instance last read it, so that answers kept while the
/// log stands still (the GeoJSON pages) need not ask the database on every request.
#[derive(Debug, Default)]
pub struct LogWatch(std::sync::Mutex<Watched>);

#[derive(Debug, Default)]
struct Watched {
    read: Option<(std::time::Instant, i64)>,
    wrote: Option<std::time::Instant>,
}

impl LogWatch {
    /// Notes that this instance appended an event (its commit may follow).
    pub fn wrote(&self, now: std::time::Instant) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).wrote = Some(now);
    }

    /// The position read last, while it can be trusted at `now`.
    fn fresh(&self, now: std::time::Instant) -> Option<i64> {
        let w = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (read_at, position) = w.read?;
        let recent = now.saturating_duration_since(read_at) < OTHERS_SEEN_WITHIN;
        let after_own = w
            .wrote
            .is_none_or(|wrote| read_at >= wrote + OWN_COMMIT_WITHIN);
        (recent && after_own).then_some(position)
    }

    fn read(&self, at: std::time::Instant, position: i64) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).read = Some((at, position));
    }
}

/// The event log's position. Every change to what the public sees (a site, an audit, a
/// finding) appends an event, so answers made at this position are still true. A change
/// through this instance is seen on the next ask; one through another instance within
/// [`OTHERS_SEEN_WITHIN`].
pub async fn position(s: &Services) -> Result<i64, Error> {
    let now = std::time::Instant::now();
    if let Some(position) = s.log_watch.fresh(now) {
        return Ok(position);
    }
    let (position, _) = events::head(&mut s.db.conn().await?).await?;
    s.log_watch.read(now, position);
    Ok(position)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    #[test]
    fn a_read_position_is_trusted_briefly_and_not_while_an_own_write_may_still_commit() {
        let watch = LogWatch::default();
        let t0 = Instant::now();
        assert_eq!(watch.fresh(t0), None, "nothing read yet");
        watch.read(t0, 7);
        assert_eq!(watch.fresh(t0 + Duration::from_millis(50)), Some(7));
        assert_eq!(watch.fresh(t0 + OTHERS_SEEN_WITHIN), None, "read again");
        watch.wrote(t0 + Duration::from_millis(60));
        assert_eq!(
            watch.fresh(t0 + Duration::from_millis(61)),
            None,
            "an own write is seen on the next ask"
        );
        let later = t0 + Duration::from_millis(70);
        watch.read(later, 8);
        assert_eq!(
            watch.fresh(later + Duration::from_millis(1)),
            None,
            "its commit may land after that read"
        );
        let settled = t0 + Duration::from_millis(60) + OWN_COMMIT_WITHIN;
        watch.read(settled, 8);
        assert_eq!(watch.fresh(settled + Duration::from_millis(1)), Some(8));
    }
}
