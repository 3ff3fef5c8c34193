//! How an item is answered: `"yes_no"`, a measurement with its thresholds, or a count
//! against a table or a share.

use toml::Spanned;
use toml::value::Table;

use super::report::Report;
use crate::domain::checklist::{Answer, Tolerance, Unit};
use crate::domain::lang::Bilingual;

/// The units a new checklist may use (the old mixed `db` is readable but not writable).
fn units() -> Vec<&'static str> {
    Unit::ALL
        .iter()
        .filter(|u| **u != Unit::Db)
        .map(|u| u.as_str())
        .collect()
}

pub(super) fn parse_answer(
    report: &mut Report<'_>,
    raw: &Spanned<toml::Value>,
    what: &str,
) -> Option<Answer> {
    let at = raw.span().start;
    let table = match raw.get_ref() {
        toml::Value::String(s) if s == "yes_no" => return Some(Answer::YesNo),
        toml::Value::Table(table) => table,
        other => {
            report.add(
                at,
                format!(
                    "{what}: answer must be \"yes_no\", {{ measure = UNIT, min = .., max = .. }} or {{ count = RULE, .. }}, not {other}"
                ),
            );
            return None;
        }
    };
    let mut answer = Reading {
        report,
        at,
        what,
        ok: true,
    };
    match (table.get("measure"), table.get("count")) {
        (Some(_), None) => answer.measure(table),
        (None, Some(_)) => answer.count(table),
        _ => {
            answer.fail("an answer table needs exactly one of `measure = UNIT` or `count = RULE`");
            None
        }
    }
}

/// One answer being read, collecting its problems.
pub(super) struct Reading<'r, 'a> {
    report: &'r mut Report<'a>,
    at: usize,
    what: &'r str,
    pub(super) ok: bool,
}

impl Reading<'_, '_> {
    pub(super) fn fail(&mut self, reason: impl std::fmt::Display) {
        self.report.add(self.at, format!("{}: {reason}", self.what));
        self.ok = false;
    }

    pub(super) fn only(&mut self, table: &Table, keys: &[&str]) {
        for key in table.keys() {
            if !keys.contains(&key.as_str()) {
                self.fail(format!(
                    "unknown answer key `{key}` (allowed: {})",
                    keys.join(", ")
                ));
            }
        }
    }

    pub(super) fn text(&mut self, table: &Table, key: &str) -> Option<Bilingual> {
        let read = |lang: &str| {
            table
                .get(key)?
                .get(lang)?
                .as_str()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        match (read("vi"), read("en")) {
            (Some(vi), Some(en)) => Some(Bilingual { vi, en }),
            _ => {
                self.fail(format!("`{key}` needs {{ vi = \"...\", en = \"...\" }}"));
                None
            }
        }
    }

    pub(super) fn whole(&mut self, value: Option<&toml::Value>, key: &str) -> Option<u32> {
        match value {
            Some(toml::Value::Integer(n)) if (0..=1_000_000).contains(n) => Some(*n as u32),
            Some(other) => {
                self.fail(format!(
                    "`{key}` must be a whole number from 0, not {other}"
                ));
                None
            }
            None => {
                self.fail(format!("`{key}` is missing"));
                None
            }
        }
    }

    fn measure(&mut self, table: &Table) -> Option<Answer> {
        self.only(
            table,
            &[
                "measure",
                "min",
                "max",
                "more_than",
                "less_than",
                "tolerance",
                "tolerance_clause",
            ],
        );
        let unit = match table.get("measure") {
            Some(toml::Value::String(u)) if u == "db" => {
                self.fail(
                    "the unit `db` mixes a level and a difference: use `db_level` (a sound \
                     level) or `db_above` (how far a sound rises above the background)",
                );
                None
            }
            Some(toml::Value::String(u)) => match Unit::parse(u) {
                Ok(unit) => Some(unit),
                Err(_) => {
                    self.fail(format!(
                        "unknown unit `{u}` (allowed: {})",
                        units().join(", ")
                    ));
                    None
                }
            },
            _ => {
                self.fail("a measured answer needs `measure = \"UNIT\"`");
                None
            }
        }?;
        let mut bound = |key: &str| -> Option<Option<f64>> {
            let value = table.get(key)?;
            match threshold(unit, value) {
                Ok(v) => Some(Some(v)),
                Err(reason) => {
                    self.fail(format!("`{key}` {reason}"));
                    Some(None)
                }
            }
        };
        let (min, max) = (bound("min"), bound("max"));
        let (more_than, less_than) = (bound("more_than"), bound("less_than"));
        let strict = more_than.is_some() || less_than.is_some();
        if strict && (min.is_some() || max.is_some()) {
            self.fail(
                "bounds are either inclusive (`min`, `max`) or strict (`more_than`, \
                 `less_than`, where the clause says \"more than\"), not both",
            );
            return None;
        }
        let (min, max) = if strict {
            (more_than, less_than)
        } else {
            (min, max)
        };
        if min.is_none() && max.is_none() {
            self.fail("a measured answer needs `min` or `max` (or `more_than`, `less_than`)");
            return None;
        }
        let (min, max) = (min.flatten(), max.flatten());
        if let (Some(lo), Some(hi)) = (min, max)
            && lo >= hi
        {
            self.fail("`min` must be below `max`");
            return None;
        }
        let tolerance = match (table.get("tolerance"), table.get("tolerance_clause")) {
            (None, None) => None,
            (Some(amount), Some(toml::Value::String(clause))) if !clause.trim().is_empty() => {
                match threshold(unit, amount) {
                    Ok(amount) if amount > 0.0 => Some(Tolerance {
                        amount,
                        clause: clause.trim().to_owned(),
                    }),
                    _ => {
                        self.fail("`tolerance` must be a positive amount in the item's unit");
                        None
                    }
                }
            }
            _ => {
                self.fail(
                    "a tolerance is allowed only where the regulation gives one: \
                     `tolerance` needs `tolerance_clause`, the clause that gives it",
                );
                None
            }
        };
        self.ok.then_some(Answer::Measure {
            unit,
            min,
            max,
            tolerance,
            strict,
        })
    }
}

/// Reads one threshold: a number for most units, `"1:N"` for ratios.
fn threshold(unit: Unit, value: &toml::Value) -> Result<f64, String> {
    let number = match (unit, value) {
        (Unit::Ratio, toml::Value::String(text)) => {
            let run = text
                .trim()
                .strip_prefix("1:")
                .and_then(|n| n.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite() && *n > 0.0)
                .ok_or_else(|| format!("must be a ratio such as \"1:12\", not \"{text}\""))?;
            1.0 / run
        }
        (Unit::Ratio, other) => {
            return Err(format!(
                "must be a ratio in quotes such as \"1:12\", not {other}"
            ));
        }
        (_, toml::Value::Integer(n)) => *n as f64,
        (_, toml::Value::Float(f)) => *f,
        (unit, other) => {
            return Err(format!(
                "must be a number in {}, not {other}",
                unit.as_str()
            ));
        }
    };
    if !number.is_finite() || number < 0.0 || number > unit.ceiling() {
        return Err(format!(
            "is out of the sane range 0..{} {}",
            unit.ceiling(),
            unit.as_str()
        ));
    }
    Ok(number)
}
