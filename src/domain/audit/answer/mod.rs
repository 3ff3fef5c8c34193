//! Answers as an inspector types them, checked against the item they answer: one parser for
//! every notation, so the API, the form and the demo read `90 cm`, `0,9 m`, `1:12` and `8%`
//! the same way.
//!
//! A measured or counted item's result is computed from its threshold. The inspector may
//! give another result only with a note (an override, shown to the reviewer).

mod form;
mod measured;
mod notation;
mod plausible;

pub use form::from_section_form;
use measured::Measured;
pub use notation::{accepted, measure};
pub use plausible::probably_meant;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::domain::checklist::Checklist;
use crate::domain::validation::{FieldErrors, Problem, multi_line};

/// Longest note, in characters.
pub const NOTE_MAX: usize = 2000;

/// A number as a client sends it: a JSON number, or text (`"0,9"`, `"90 cm"`, `"1:12"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    /// A number.
    Number(f64),
    /// Text, possibly with its unit.
    Text(String),
}

/// One answer as sent, nothing checked: for an item (`item`) or a whole optional section
/// (`section`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// The item's code.
    pub item: Option<String>,
    /// The section's code, to mark a whole optional section.
    pub section: Option<String>,
    /// `pass`, `fail`, `not_applicable`, `alternative`; `unknown` takes an answer back. For
    /// a section: `not_applicable`, or `applicable` to take that back.
    pub result: Option<String>,
    /// A measured value.
    pub value: Option<Entry>,
    /// The value's unit, when not written in `value`.
    pub unit: Option<String>,
    /// For a count: how many there are in all.
    pub total: Option<Entry>,
    /// For a count: how many of them are accessible.
    pub provided: Option<Entry>,
    /// A note; needed to override a computed result or to offer an alternative.
    pub note: Option<String>,
}

/// One item's answer, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemAnswer {
    /// The item's code.
    pub item: String,
    /// The result that counts.
    pub result: Outcome,
    /// The result the threshold gives, for measured and counted items.
    pub computed: Option<Outcome>,
    /// The measured value, in the item's unit.
    pub value: Option<f64>,
    /// For a count: how many in all.
    pub total: Option<u32>,
    /// For a count: how many accessible.
    pub provided: Option<u32>,
    /// The inspector's note.
    pub note: Option<String>,
}

impl ItemAnswer {
    /// True when the inspector gave another result than the threshold's.
    pub fn overridden(&self) -> bool {
        matches!(
            (self.computed, self.result),
            (Some(computed), result @ (Outcome::Pass | Outcome::Fail)) if computed != result
        )
    }
}

#[cfg(test)]
impl ItemAnswer {
    /// An answer that is only a result, as the tests of sheets and pages lay them.
    pub(crate) fn with_result(item: &str, result: Outcome) -> ItemAnswer {
        ItemAnswer {
            item: item.to_owned(),
            result,
            computed: None,
            value: None,
            total: None,
            provided: None,
            note: None,
        }
    }
}

/// One checked change to an audit's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Answer an item (again).
    Answer(ItemAnswer),
    /// Take an item's answer back: it is missing again.
    Clear {
        /// The item's code.
        item: String,
    },
    /// Mark an optional section as not applicable, or take that back.
    Section {
        /// The section's code.
        code: String,
        /// False: the place has none of it.
        applies: bool,
    },
}

/// Reads a batch as JSON sends it: a list of answers, or `{"answers": [...]}`. An answer
/// that is not an answer's shape (an unknown key, text where a list belongs) is named by
/// its place, `answers[N]`, with the parser's reason.
pub fn inputs_from_json(body: serde_json::Value) -> Result<Vec<AnswerInput>, FieldErrors> {
    let list = match body {
        serde_json::Value::Array(list) => list,
        serde_json::Value::Object(mut wrapped) if wrapped.len() == 1 => {
            match wrapped.remove("answers") {
                Some(serde_json::Value::Array(list)) => list,
                _ => return Err(FieldErrors::single("answers", Problem::ExpectedList)),
            }
        }
        _ => return Err(FieldErrors::single("answers", Problem::ExpectedList)),
    };
    let mut errors = FieldErrors::default();
    let mut inputs = Vec::with_capacity(list.len());
    for (n, value) in list.into_iter().enumerate() {
        match serde_json::from_value::<AnswerInput>(value) {
            Ok(input) => inputs.push(input),
            Err(e) => errors.add(
                &format!("answers[{n}]"),
                Problem::Malformed {
                    detail: e.to_string(),
                },
            ),
        }
    }
    errors.into_result(|| inputs)
}

/// Checks a batch of answers against `checklist`. Every problem is named, by item code (or
/// section code, or `answers[N]` when an answer names neither); nothing of a refused batch
/// is kept.
pub fn read_batch(
    checklist: &Checklist,
    inputs: &[AnswerInput],
) -> Result<Vec<Change>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut changes = Vec::with_capacity(inputs.len());
    let mut seen: HashSet<&str> = HashSet::new();
    for (n, input) in inputs.iter().enumerate() {
        let position = format!("answers[{n}]");
        let (field, change) = match (input.item.as_deref(), input.section.as_deref()) {
            (Some(code), None) => (code, read_item(checklist, code, input)),
            (None, Some(code)) => (code, read_section(checklist, code, input)),
            (Some(_), Some(_)) => {
                errors.add(&position, Problem::ItemOrSection);
                continue;
            }
            (None, None) => {
                errors.add(&position, Problem::ItemOrSection);
                continue;
            }
        };
        if !seen.insert(field) {
            errors.add(field, Problem::AnsweredTwice);
            continue;
        }
        match change {
            Ok(change) => changes.push(change),
            Err(problems) => {
                for problem in problems {
                    errors.add(field, problem);
                }
            }
        }
    }
    errors.into_result(|| changes)
}

/// Checks each answer of a form alone against `checklist`: the changes of the good ones,
/// and the problems of the bad ones by item (or section) code. A section page saves what
/// it can and gives back only what it could not; the API's batch stays [`read_batch`],
/// all or nothing.
pub fn read_each(checklist: &Checklist, inputs: &[AnswerInput]) -> (Vec<Change>, FieldErrors) {
    let mut refused = FieldErrors::default();
    let mut changes = Vec::with_capacity(inputs.len());
    for input in inputs {
        if let Some(read) = refused.take_all(read_batch(checklist, std::slice::from_ref(input))) {
            changes.extend(read);
        }
    }
    (changes, refused)
}

/// The result word as sent: an outcome, or `unknown` (none).
fn result_word(text: &str) -> Result<Option<Outcome>, Problem> {
    match text.trim() {
        "unknown" => Ok(None),
        other => Outcome::parse(other)
            .map(Some)
            .map_err(|_| Problem::NotOneOf {
                given: other.to_owned(),
                allowed: Outcome::ALL
                    .iter()
                    .map(|o| o.as_str().to_owned())
                    .chain(["unknown".to_owned()])
                    .collect(),
            }),
    }
}

fn read_section(
    checklist: &Checklist,
    code: &str,
    input: &AnswerInput,
) -> Result<Change, Vec<Problem>> {
    let Some(section) = checklist.sections.iter().find(|s| s.code == code) else {
        return Err(vec![Problem::Unknown {
            given: code.to_owned(),
        }]);
    };
    let mut problems = Vec::new();
    if input.value.is_some()
        || input.unit.is_some()
        || input.total.is_some()
        || input.provided.is_some()
    {
        problems.push(Problem::ValueNotExpected);
    }
    let applies = match input.result.as_deref().map(str::trim) {
        Some("not_applicable") => false,
        Some("applicable") => true,
        Some(other) => {
            problems.push(Problem::NotOneOf {
                given: other.to_owned(),
                allowed: vec!["not_applicable".into(), "applicable".into()],
            });
            true
        }
        None => {
            problems.push(Problem::Required);
            true
        }
    };
    if !applies && !section.optional() {
        problems.push(Problem::SectionNotOptional);
    }
    if problems.is_empty() {
        Ok(Change::Section {
            code: code.to_owned(),
            applies,
        })
    } else {
        Err(problems)
    }
}

fn read_item(
    checklist: &Checklist,
    code: &str,
    input: &AnswerInput,
) -> Result<Change, Vec<Problem>> {
    let Some(item) = checklist.item(code) else {
        return Err(vec![Problem::Unknown {
            given: code.to_owned(),
        }]);
    };
    let mut problems = Vec::new();
    let given = match input.result.as_deref().map(result_word) {
        None => None,
        Some(Ok(None)) => {
            return Ok(Change::Clear {
                item: code.to_owned(),
            });
        }
        Some(Ok(Some(outcome))) => Some(outcome),
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
    };
    let note = match note(input.note.as_deref()) {
        Ok(note) => note,
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    if given == Some(Outcome::NotApplicable) && !item.not_applicable {
        problems.push(Problem::NotApplicableNotAllowed);
    }
    if given == Some(Outcome::Alternative) {
        if item.alternative.is_none() {
            problems.push(Problem::AlternativeNotAllowed);
        } else if note.is_none() {
            problems.push(Problem::NoteNeeded);
        }
    }
    let measured = Measured::read(item, input, given, &mut problems);
    let computed = measured.outcome(item);
    let result = match (given, computed) {
        (Some(given), _) => Some(given),
        (None, Some(computed)) => Some(computed),
        (None, None) => None,
    };
    let Some(result) = result else {
        if problems.is_empty() {
            problems.push(Problem::Required);
        }
        return Err(problems);
    };
    let answer = ItemAnswer {
        item: code.to_owned(),
        result,
        computed,
        value: measured.value,
        total: measured.total,
        provided: measured.provided,
        note,
    };
    if answer.overridden() && answer.note.is_none() {
        problems.push(Problem::OverrideNeedsNote);
    }
    if problems.is_empty() {
        Ok(Change::Answer(answer))
    } else {
        Err(problems)
    }
}

/// A note: trimmed, blank is none, several lines allowed, at most [`NOTE_MAX`].
fn note(text: Option<&str>) -> Result<Option<String>, Problem> {
    multi_line(text, NOTE_MAX)
}

#[cfg(test)]
mod tests;
