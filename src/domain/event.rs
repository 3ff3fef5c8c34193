//! The event log: every change, chained by hashes so that an edited or removed row shows.

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::actor::Actor;

/// A change to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The acting user's id, if a person did it.
    pub actor_id: Option<Uuid>,
    /// Username, or `system` / `cli` for the server and the command line.
    pub actor: String,
    /// What, as `entity.verb` (`site.create`, `user.disable`, ...).
    pub action: &'static str,
    /// Kind of record (`site`, `user`, ...).
    pub entity_type: &'static str,
    /// Its id or code.
    pub entity_id: String,
    /// The record before, if it existed.
    pub before: Option<Value>,
    /// The record after, if it still exists.
    pub after: Option<Value>,
}

impl Change {
    /// A change by `actor` on `entity_type` `entity_id`.
    pub fn new(
        actor: &Actor,
        action: &'static str,
        entity_type: &'static str,
        entity_id: impl ToString,
    ) -> Change {
        Change {
            actor_id: actor.user_id(),
            actor: actor.name().to_owned(),
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            before: None,
            after: None,
        }
    }

    /// With the record as it was (an event record type, never a domain struct as it is).
    pub fn before(mut self, value: impl Serialize) -> Change {
        self.before = Some(serde_json::to_value(value).expect("records serialise"));
        self
    }

    /// With the record as it is now.
    pub fn after(mut self, value: impl Serialize) -> Change {
        self.after = Some(serde_json::to_value(value).expect("records serialise"));
        self
    }
}

/// A stored event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Id.
    pub id: Uuid,
    /// When (UTC, microseconds).
    pub at: DateTime<Utc>,
    /// User id of the actor.
    pub actor_id: Option<Uuid>,
    /// Actor name.
    pub actor: String,
    /// What happened.
    pub action: String,
    /// Kind of record.
    pub entity_type: String,
    /// Record id or code.
    pub entity_id: String,
    /// Record before, as stored JSON text.
    pub before: Option<String>,
    /// Record after, as stored JSON text.
    pub after: Option<String>,
    /// Hash of the previous event (empty for the first).
    pub prev_hash: String,
    /// Hash of this event, over all fields above.
    pub hash: String,
}

/// How much changed on one local day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The local date, `YYYY-MM-DD`.
    pub day: String,
    /// Every change that day.
    pub changes: i64,
    /// Of those, changes to records that existed before (edits, moves, disabling).
    pub edits: i64,
}

/// The time as stored: microseconds, which both databases keep exactly.
pub fn stored_time(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

impl Event {
    /// The hash this event should carry, from its fields and the previous hash.
    pub fn expected_hash(&self) -> String {
        let mut h = Sha256::new();
        let field = |h: &mut Sha256, text: &str| {
            h.update((text.len() as u64).to_be_bytes());
            h.update(text.as_bytes());
        };
        field(&mut h, &self.prev_hash);
        field(&mut h, &self.seq.to_string());
        field(&mut h, &self.id.to_string());
        field(
            &mut h,
            &self.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        );
        field(
            &mut h,
            &self.actor_id.map(|u| u.to_string()).unwrap_or_default(),
        );
        field(&mut h, &self.actor);
        field(&mut h, &self.action);
        field(&mut h, &self.entity_type);
        field(&mut h, &self.entity_id);
        field(&mut h, self.before.as_deref().unwrap_or("\u{0}"));
        field(&mut h, self.after.as_deref().unwrap_or("\u{0}"));
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Where a chain check stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The row's fields do not match its hash (edited).
    Tampered {
        /// Its position.
        seq: i64,
        /// Its id.
        id: Uuid,
    },
    /// The row does not follow the previous one (removed or inserted rows).
    Unlinked {
        /// Its position.
        seq: i64,
        /// Its id.
        id: Uuid,
    },
}

/// Checks one event against the previous one in the chain.
pub fn check_link(previous: Option<&Event>, event: &Event) -> Result<(), Break> {
    let (expected_seq, expected_prev) = match previous {
        None => (1, ""),
        Some(p) => (p.seq + 1, p.hash.as_str()),
    };
    if event.seq != expected_seq || event.prev_hash != expected_prev {
        return Err(Break::Unlinked {
            seq: event.seq,
            id: event.id,
        });
    }
    if event.hash != event.expected_hash() {
        return Err(Break::Tampered {
            seq: event.seq,
            id: event.id,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: i64, prev: &str) -> Event {
        let mut e = Event {
            seq,
            id: Uuid::from_u128(seq as u128),
            at: stored_time(Utc::now()),
            actor_id: None,
            actor: "system".into(),
            action: "site.create".into(),
            entity_type: "site".into(),
            entity_id: "x".into(),
            before: None,
            after: Some("{\"name\":\"A\"}".into()),
            prev_hash: prev.into(),
            hash: String::new(),
        };
        e.hash = e.expected_hash();
        e
    }

    #[test]
    fn a_chain_checks_and_an_edit_or_gap_is_found() {
        let first = event(1, "");
        let second = event(2, &first.hash);
        assert_eq!(check_link(None, &first), Ok(()));
        assert_eq!(check_link(Some(&first), &second), Ok(()));

        let mut edited = second.clone();
        edited.after = Some("{\"name\":\"B\"}".into());
        assert_eq!(
            check_link(Some(&first), &edited),
            Err(Break::Tampered {
                seq: 2,
                id: second.id
            })
        );
        let third = event(3, &second.hash);
        assert!(matches!(
            check_link(Some(&first), &third),
            Err(Break::Unlinked { .. })
        ));
    }

    #[test]
    fn absent_and_empty_json_hash_differently() {
        let mut a = event(1, "");
        a.before = Some(String::new());
        assert_ne!(a.expected_hash(), event(1, "").expected_hash());
    }
}
