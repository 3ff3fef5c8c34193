//! What changed in an audit since a reviewer last returned it. A return is an
//! `audit.return` event; every save of answers is an `audit.answer` event holding the
//! answers given and taken back. Replaying the answer events before the last return gives
//! the answers as the reviewer saw them.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Outcome;
use super::answer::ItemAnswer;

/// The event that records a save of answers.
const ANSWERED: &str = "audit.answer";

/// The event that records a return to the inspector.
const RETURNED: &str = "audit.return";

/// What an answer says that a reviewer judges: its result and its numbers (not its note).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Said {
    /// The item's code.
    pub item: String,
    /// The result that counts.
    pub result: Outcome,
    /// The measured value, in the item's unit.
    #[serde(default)]
    pub value: Option<f64>,
    /// For a count: how many in all.
    #[serde(default)]
    pub total: Option<u32>,
    /// For a count: how many accessible.
    #[serde(default)]
    pub provided: Option<u32>,
}

impl From<&ItemAnswer> for Said {
    fn from(a: &ItemAnswer) -> Said {
        Said {
            item: a.item.clone(),
            result: a.result,
            value: a.value,
            total: a.total,
            provided: a.provided,
        }
    }
}

/// One answer whose result or numbers changed since the return.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// The item's code.
    pub item: String,
    /// What it said when the audit was returned; none when it was not answered then.
    pub before: Option<Said>,
    /// What it says now; none when the answer was taken back.
    pub after: Option<Said>,
}

/// An `audit.answer` event's record, as far as it is read here.
#[derive(Debug, Default, Deserialize)]
struct Saved {
    #[serde(default)]
    answered: Vec<Said>,
    #[serde(default)]
    cleared: Vec<String>,
}

/// The answers as they stood at the audit's last return, from its events oldest first, each
/// as its action and its record after; none when the audit was never returned.
pub fn answers_at_return<'a>(
    events: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
) -> Option<BTreeMap<String, Said>> {
    let mut answers = BTreeMap::new();
    let mut at_return = None;
    for (action, after) in events {
        match action {
            ANSWERED => {
                let saved: Saved = after
                    .and_then(|text| serde_json::from_str(text).ok())
                    .unwrap_or_default();
                for said in saved.answered {
                    answers.insert(said.item.clone(), said);
                }
                for item in saved.cleared {
                    answers.remove(&item);
                }
            }
            RETURNED => at_return = Some(answers.clone()),
            _ => {}
        }
    }
    at_return
}

/// The answers whose result or numbers differ between `then` (at the return) and `now`,
/// by item code.
pub fn changed_since(then: &BTreeMap<String, Said>, now: &[ItemAnswer]) -> Vec<Changed> {
    let mut now: BTreeMap<String, Said> = now
        .iter()
        .map(|a| (a.item.clone(), Said::from(a)))
        .collect();
    let mut out = Vec::new();
    for (item, before) in then {
        let after = now.remove(item);
        if after.as_ref() != Some(before) {
            out.push(Changed {
                item: item.clone(),
                before: Some(before.clone()),
                after,
            });
        }
    }
    for (item, after) in now {
        out.push(Changed {
            item,
            before: None,
            after: Some(after),
        });
    }
    out.sort_by(|a, b| a.item.cmp(&b.item));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(item: &str, result: Outcome, value: Option<f64>, note: &str) -> ItemAnswer {
        ItemAnswer {
            item: item.into(),
            result,
            computed: value.map(|_| result),
            value,
            total: None,
            provided: None,
            note: Some(note.into()),
        }
    }

    fn saved(answered: &[ItemAnswer], cleared: &[&str]) -> String {
        serde_json::json!({
            "answered": answered,
            "cleared": cleared,
            "sections_not_applicable": [],
            "sections_applicable": [],
        })
        .to_string()
    }

    #[test]
    fn the_answers_at_the_last_return_are_the_saves_before_it() {
        let door = answer("door", Outcome::Fail, Some(850.0), "");
        let bell = answer("bell", Outcome::Pass, None, "");
        let first = saved(&[door.clone(), bell.clone()], &[]);
        let door_again = answer("door", Outcome::Pass, Some(950.0), "");
        let second = saved(std::slice::from_ref(&door_again), &["bell"]);
        let events = [
            ("audit.start", None),
            (ANSWERED, Some(first.as_str())),
            ("audit.submit", None),
            (RETURNED, Some("{}")),
            (ANSWERED, Some(second.as_str())),
        ];
        let then = answers_at_return(events).expect("returned once");
        assert_eq!(then.len(), 2);
        assert_eq!(then["door"].value, Some(850.0));
        let now = [door_again];
        let changes = changed_since(&then, &now);
        let items: Vec<(&str, bool, bool)> = changes
            .iter()
            .map(|c| (c.item.as_str(), c.before.is_some(), c.after.is_some()))
            .collect();
        assert_eq!(items, [("bell", true, false), ("door", true, true)]);
        assert_eq!(changes[1].after.as_ref().and_then(|s| s.value), Some(950.0));
        assert_eq!(answers_at_return([(ANSWERED, Some(first.as_str()))]), None);
    }

    #[test]
    fn a_changed_note_alone_is_not_a_change_of_value_or_result() {
        let then = BTreeMap::from([(
            "door".to_owned(),
            Said::from(&answer("door", Outcome::Fail, Some(850.0), "old")),
        )]);
        let now = [answer("door", Outcome::Fail, Some(850.0), "a new note")];
        assert!(changed_since(&then, &now).is_empty());
        let new = [
            answer("door", Outcome::Fail, Some(850.0), ""),
            answer("ramp", Outcome::Pass, None, ""),
        ];
        let changes = changed_since(&then, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].before, None, "answered only after the return");
    }
}
