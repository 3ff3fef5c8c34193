//! How an item is answered: `"yes_no"` or a measurement with its thresholds.

use toml::Spanned;

use super::report::Report;
use crate::domain::checklist::{Answer, Unit};

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
                    "{what}: answer must be \"yes_no\" or {{ measure = UNIT, min = .., max = .. }}, not {other}"
                ),
            );
            return None;
        }
    };
    let mut ok = true;
    for key in table.keys() {
        if !["measure", "min", "max"].contains(&key.as_str()) {
            report.add(at, format!("{what}: unknown answer key `{key}`"));
            ok = false;
        }
    }
    let unit = match table.get("measure") {
        Some(toml::Value::String(u)) => match Unit::parse(u) {
            Ok(unit) => Some(unit),
            Err(_) => {
                let allowed: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
                report.add(
                    at,
                    format!(
                        "{what}: unknown unit `{u}` (allowed: {})",
                        allowed.join(", ")
                    ),
                );
                None
            }
        },
        _ => {
            report.add(
                at,
                format!("{what}: a measured answer needs `measure = \"UNIT\"`"),
            );
            None
        }
    };
    let unit = unit?;
    let mut bound = |key: &str| -> Option<Option<f64>> {
        let value = table.get(key)?;
        match threshold(unit, value) {
            Ok(v) => Some(Some(v)),
            Err(reason) => {
                report.add(at, format!("{what}: `{key}` {reason}"));
                ok = false;
                Some(None)
            }
        }
    };
    let min = bound("min");
    let max = bound("max");
    if min.is_none() && max.is_none() {
        report.add(
            at,
            format!("{what}: a measured answer needs `min` or `max`"),
        );
        return None;
    }
    let (min, max) = (min.flatten(), max.flatten());
    if let (Some(lo), Some(hi)) = (min, max)
        && lo >= hi
    {
        report.add(at, format!("{what}: `min` must be below `max`"));
        return None;
    }
    ok.then_some(Answer::Measure { unit, min, max })
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
