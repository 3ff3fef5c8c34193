//! Answers as an inspector types them, checked against the item they answer: one parser for
//! every notation, so the API, the form and the demo read `90 cm`, `0,9 m`, `1:12` and `8%`
//! the same way.
//!
//! A measured or counted item's result is computed from its threshold. The inspector may
//! give another result only with a note (an override, shown to the reviewer).

mod form;

pub use form::from_section_form;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::domain::checklist::{Answer, Checklist, Item, Unit};
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

/// The numbers of an answer, read for the item's answer type.
#[derive(Debug, Default)]
struct Measured {
    value: Option<f64>,
    total: Option<u32>,
    provided: Option<u32>,
}

impl Measured {
    fn read(
        item: &Item,
        input: &AnswerInput,
        given: Option<Outcome>,
        problems: &mut Vec<Problem>,
    ) -> Measured {
        let mut measured = Measured::default();
        let not_applicable = given == Some(Outcome::NotApplicable);
        let needs_numbers = !matches!(given, Some(Outcome::NotApplicable | Outcome::Alternative));
        match &item.answer {
            Answer::YesNo => {
                if input.value.is_some()
                    || input.unit.is_some()
                    || input.total.is_some()
                    || input.provided.is_some()
                {
                    problems.push(Problem::ValueNotExpected);
                }
                if input.result.is_none() {
                    problems.push(Problem::Required);
                }
            }
            Answer::Measure { unit, .. } => {
                if input.total.is_some()
                    || input.provided.is_some()
                    || (not_applicable && input.value.is_some())
                {
                    problems.push(Problem::ValueNotExpected);
                }
                match &input.value {
                    Some(value) if !not_applicable => {
                        match measure(*unit, value, input.unit.as_deref()) {
                            Ok(v) => measured.value = Some(v),
                            Err(problem) => problems.push(problem),
                        }
                    }
                    None if needs_numbers => problems.push(Problem::ValueNeeded),
                    _ => {}
                }
            }
            Answer::Count(_) => {
                if input.value.is_some()
                    || input.unit.is_some()
                    || (not_applicable && (input.total.is_some() || input.provided.is_some()))
                {
                    problems.push(Problem::ValueNotExpected);
                }
                if !not_applicable {
                    let total = input.total.as_ref().map(whole);
                    let provided = input.provided.as_ref().map(whole);
                    match (total, provided) {
                        (Some(Ok(total)), Some(Ok(provided))) if provided > total => {
                            problems.push(Problem::ProvidedAboveTotal)
                        }
                        (Some(Ok(total)), Some(Ok(provided))) => {
                            measured.total = Some(total);
                            measured.provided = Some(provided);
                        }
                        (None, None) if !needs_numbers => {}
                        (total, provided) => {
                            for part in [total, provided] {
                                match part {
                                    Some(Err(problem)) => problems.push(problem),
                                    None => problems.push(Problem::CountNeeded),
                                    Some(Ok(_)) => {}
                                }
                            }
                        }
                    }
                }
            }
        }
        measured
    }

    /// The result the threshold gives, when the numbers are there.
    fn outcome(&self, item: &Item) -> Option<Outcome> {
        let pass = match &item.answer {
            Answer::YesNo => return None,
            Answer::Measure {
                min,
                max,
                tolerance,
                ..
            } => {
                let value = self.value?;
                let slack = tolerance.as_ref().map_or(0.0, |t| t.amount) + 1e-9;
                min.is_none_or(|min| value >= min - slack)
                    && max.is_none_or(|max| value <= max + slack)
            }
            Answer::Count(count) => count.requirement.met(self.total?, self.provided?),
        };
        Some(if pass { Outcome::Pass } else { Outcome::Fail })
    }
}

/// A whole number from 0, as a count is.
fn whole(entry: &Entry) -> Result<u32, Problem> {
    let n = match entry {
        Entry::Number(n) => *n,
        Entry::Text(t) => t.trim().parse::<f64>().map_err(|_| Problem::NotANumber)?,
    };
    if !n.is_finite() {
        return Err(Problem::NotANumber);
    }
    if n < 0.0 {
        return Err(Problem::Negative);
    }
    if n.fract() != 0.0 {
        return Err(Problem::NotWhole);
    }
    if n > 1_000_000.0 {
        return Err(Problem::AboveCeiling {
            max: 1_000_000.0,
            unit: String::new(),
        });
    }
    Ok(n as u32)
}

/// How a unit may be written by the inspector, by the unit it is stored in.
pub fn accepted(unit: Unit) -> &'static [&'static str] {
    match unit {
        Unit::Mm | Unit::M => &["mm", "cm", "m"],
        Unit::Ratio | Unit::Percent => &["ratio", "%"],
        Unit::Seconds => &["s"],
        Unit::DbLevel | Unit::DbAbove | Unit::Db => &["dB"],
    }
}

/// The canonical spelling of a unit as typed (`Cm`, `metres`, `giây`, `dB(A)`...), or as
/// the checklist's JSON names it (`percent`, `seconds`, `db_above`), so a client may send
/// back the unit an item states.
fn spelling(text: &str) -> Option<&'static str> {
    Some(match text.trim().to_lowercase().as_str() {
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "m" | "metre" | "metres" | "meter" | "meters" | "mét" => "m",
        "ratio" | "fraction" => "ratio",
        "%" | "percent" | "per cent" | "pct" => "%",
        "s" | "sec" | "second" | "seconds" | "giây" => "s",
        "db" | "dba" | "db(a)" | "decibel" | "decibels" | "db_level" | "db_above" => "dB",
        _ => return None,
    })
}

/// Reads a measured value in the notation the inspector used and returns it in `unit`:
/// lengths in mm, cm or m; slopes as `1:12`, a decimal fraction or a per cent; seconds;
/// decibels. A decimal comma is read as a point (`0,9`). Negative values, values beyond the
/// unit's ceiling and units that do not fit are refused.
pub fn measure(unit: Unit, value: &Entry, unit_text: Option<&str>) -> Result<f64, Problem> {
    let wrong_unit = |given: &str| Problem::WrongUnit {
        given: given.to_owned(),
        allowed: accepted(unit).iter().map(|u| (*u).to_owned()).collect(),
    };
    let named = match unit_text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => Some(spelling(text).ok_or_else(|| wrong_unit(text))?),
        None => None,
    };
    let (number, written) = match value {
        Entry::Number(n) => (Reading::Plain(*n), None),
        Entry::Text(text) => read_text(text)?,
    };
    let written = match written {
        Some(text) => Some(spelling(text).ok_or_else(|| wrong_unit(text))?),
        None => None,
    };
    let typed = match (written, named) {
        (Some(a), Some(b)) if a != b => return Err(wrong_unit(&format!("{a} / {b}"))),
        (a, b) => a.or(b),
    };
    if let Some(typed) = typed
        && !accepted(unit).contains(&typed)
    {
        return Err(wrong_unit(typed));
    }
    let fraction_of = |per_cent: bool| match unit {
        Unit::Percent if !per_cent => 100.0,
        Unit::Ratio if per_cent => 0.01,
        _ => 1.0,
    };
    let stored = match (number, typed) {
        (Reading::Rise { rise, run }, None | Some("ratio"))
            if matches!(unit, Unit::Ratio | Unit::Percent) =>
        {
            rise / run * fraction_of(false)
        }
        (Reading::Rise { .. }, _) => return Err(Problem::NotANumber),
        (Reading::Plain(n), typed) => {
            let factor = match (unit, typed) {
                (Unit::Mm, Some("cm")) => 10.0,
                (Unit::Mm, Some("m")) => 1000.0,
                (Unit::M, Some("mm")) => 0.001,
                (Unit::M, Some("cm")) => 0.01,
                (Unit::Ratio | Unit::Percent, Some("%")) => fraction_of(true),
                (Unit::Ratio | Unit::Percent, Some("ratio")) => fraction_of(false),
                _ => 1.0,
            };
            n * factor
        }
    };
    if !stored.is_finite() {
        return Err(Problem::NotANumber);
    }
    if stored < 0.0 {
        return Err(Problem::Negative);
    }
    if stored > unit.ceiling() {
        return Err(Problem::AboveCeiling {
            max: unit.ceiling(),
            unit: unit.as_str().to_owned(),
        });
    }
    // Unit conversions like 0.9 m -> mm are exact to far below a tape's reading.
    Ok((stored * 1e9).round() / 1e9)
}

/// A number as written: plain, or a rise over a run (`1:12`).
#[derive(Debug, Clone, Copy)]
enum Reading {
    Plain(f64),
    Rise { rise: f64, run: f64 },
}

/// Splits `"90 cm"`, `"0,9m"`, `"8.3%"`, `"1:12"` into the number and the unit written
/// after it.
fn read_text(text: &str) -> Result<(Reading, Option<&str>), Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::ValueNeeded);
    }
    if let Some((rise, run)) = text.split_once(':') {
        let rise = decimal(rise)?;
        let run = decimal(run)?;
        if run <= 0.0 {
            return Err(Problem::NotANumber);
        }
        return Ok((Reading::Rise { rise, run }, None));
    }
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(text.len());
    // An `e` starts the unit when no digit follows it (none of our units starts with e).
    let (number, unit) = text.split_at(end);
    let unit = unit.trim();
    Ok((
        Reading::Plain(decimal(number)?),
        (!unit.is_empty()).then_some(unit),
    ))
}

/// A decimal number with a point or a comma (not both: there are no thousands separators).
fn decimal(text: &str) -> Result<f64, Problem> {
    let text = text.trim();
    if text.contains('.') && text.contains(',') {
        return Err(Problem::NotANumber);
    }
    let n: f64 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| Problem::NotANumber)?;
    if n.is_finite() {
        Ok(n)
    } else {
        Err(Problem::NotANumber)
    }
}

#[cfg(test)]
mod tests;
