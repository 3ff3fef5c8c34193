//! How an item is answered: `"yes_no"`, a measurement with its thresholds, or a count
//! against a table or a share.

use toml::Spanned;
use toml::value::Table;

use super::report::Report;
use crate::domain::checklist::{Answer, Count, Over, Requirement, Step, Tolerance, Unit};
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
struct Reading<'r, 'a> {
    report: &'r mut Report<'a>,
    at: usize,
    what: &'r str,
    ok: bool,
}

impl Reading<'_, '_> {
    fn fail(&mut self, reason: impl std::fmt::Display) {
        self.report.add(self.at, format!("{}: {reason}", self.what));
        self.ok = false;
    }

    fn only(&mut self, table: &Table, keys: &[&str]) {
        for key in table.keys() {
            if !keys.contains(&key.as_str()) {
                self.fail(format!(
                    "unknown answer key `{key}` (allowed: {})",
                    keys.join(", ")
                ));
            }
        }
    }

    fn text(&mut self, table: &Table, key: &str) -> Option<Bilingual> {
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

    fn whole(&mut self, value: Option<&toml::Value>, key: &str) -> Option<u32> {
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
            &["measure", "min", "max", "tolerance", "tolerance_clause"],
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
        if min.is_none() && max.is_none() {
            self.fail("a measured answer needs `min` or `max`");
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
        })
    }

    fn count(&mut self, table: &Table) -> Option<Answer> {
        let rule = table
            .get("count")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let requirement = match rule {
            "table" => {
                self.only(table, &["count", "total", "provided", "rows", "over"]);
                self.table(table)
            }
            "share" => {
                self.only(
                    table,
                    &[
                        "count", "total", "provided", "percent", "at_least", "up_to", "over",
                    ],
                );
                self.share(table)
            }
            "per" => {
                self.only(table, &["count", "total", "provided", "per"]);
                match self.whole(table.get("per"), "per") {
                    Some(0) => {
                        self.fail("`per` must be at least 1");
                        None
                    }
                    Some(per) => Some(Requirement::Per { per }),
                    None => None,
                }
            }
            other => {
                self.fail(format!(
                    "unknown count rule `{other}` (allowed: table, share, per)"
                ));
                None
            }
        };
        let total = self.text(table, "total");
        let provided = self.text(table, "provided");
        let count = Count {
            total: total?,
            provided: provided?,
            requirement: requirement?,
        };
        self.ok.then_some(Answer::Count(count))
    }

    fn over(&mut self, table: &Table, after: Option<u32>) -> Option<Option<Over>> {
        let Some(value) = table.get("over") else {
            return Some(None);
        };
        let Some(over) = value.as_table() else {
            self.fail("`over` must be { from = N, required = N, per = N }");
            return None;
        };
        let from = self.whole(over.get("from"), "over.from")?;
        let required = self.whole(over.get("required"), "over.required")?;
        let per = self.whole(over.get("per"), "over.per")?;
        if per == 0 {
            self.fail("`over.per` must be at least 1");
            return None;
        }
        if let Some(after) = after
            && from != after + 1
        {
            self.fail(format!(
                "`over.from` must follow the last total directly ({}), not {from}",
                after + 1
            ));
            return None;
        }
        Some(Some(Over {
            from,
            required,
            per,
        }))
    }

    fn table(&mut self, table: &Table) -> Option<Requirement> {
        let Some(rows) = table.get("rows").and_then(|r| r.as_array()) else {
            self.fail("a count table needs `rows = [[UP_TO, REQUIRED], ...]`");
            return None;
        };
        let mut steps: Vec<Step> = Vec::with_capacity(rows.len());
        for row in rows {
            let pair = row.as_array().filter(|p| p.len() == 2);
            let Some(pair) = pair else {
                self.fail("each row is [UP_TO, REQUIRED]");
                return None;
            };
            let up_to = self.whole(pair.first(), "rows[].up_to")?;
            let required = self.whole(pair.get(1), "rows[].required")?;
            if let Some(last) = steps.last()
                && (up_to <= last.up_to || required < last.required)
            {
                self.fail(format!(
                    "rows must rise: [{up_to}, {required}] after [{}, {}]",
                    last.up_to, last.required
                ));
                return None;
            }
            steps.push(Step { up_to, required });
        }
        if steps.is_empty() {
            self.fail("a count table needs at least one row");
            return None;
        }
        let over = self.over(table, steps.last().map(|s| s.up_to))?;
        Some(Requirement::Table { rows: steps, over })
    }

    fn share(&mut self, table: &Table) -> Option<Requirement> {
        let percent = match table.get("percent") {
            Some(toml::Value::Integer(n)) => *n as f64,
            Some(toml::Value::Float(f)) => *f,
            _ => {
                self.fail("a share needs `percent = N`");
                return None;
            }
        };
        if !(percent > 0.0 && percent <= 100.0) {
            self.fail("`percent` must be above 0 and at most 100");
            return None;
        }
        let at_least = match table.get("at_least") {
            None => 0,
            Some(v) => self.whole(Some(v), "at_least")?,
        };
        let up_to = match table.get("up_to") {
            None => None,
            Some(v) => Some(self.whole(Some(v), "up_to")?),
        };
        let over = self.over(table, up_to)?;
        if up_to.is_some() != over.is_some() {
            self.fail("`up_to` and `over` go together");
            return None;
        }
        Some(Requirement::Share {
            percent,
            at_least,
            up_to,
            over,
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
