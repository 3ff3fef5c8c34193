//! Numbers as inspectors write them: counts, and measurements in any accepted notation
//! (`90 cm`, `0,9 m`, `1:12`, `8%`), read into the unit an item is stored in.

use super::Entry;
use crate::domain::checklist::Unit;
use crate::domain::validation::Problem;

/// A whole number from 0, as a count is.
pub(super) fn whole(entry: &Entry) -> Result<u32, Problem> {
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
/// decibels. A decimal comma is read as a point (`0,9`). A unit written in the value
/// (`85 cm`, `1:12`) wins over `unit_text`, the unit chosen beside it (a form's select left
/// on its default). Negative values, values beyond the unit's ceiling and units that do not
/// fit are refused; a refusal lists the units that fit, and never one of those.
pub fn measure(unit: Unit, value: &Entry, unit_text: Option<&str>) -> Result<f64, Problem> {
    let wrong_unit = |given: &str| Problem::WrongUnit {
        given: given.to_owned(),
        allowed: accepted(unit).iter().map(|u| (*u).to_owned()).collect(),
    };
    let (number, written) = match value {
        Entry::Number(n) => (Reading::Plain(*n), None),
        Entry::Text(text) => read_text(text)?,
    };
    let typed = match (written, number) {
        (Some(text), _) => Some(spelling(text).ok_or_else(|| wrong_unit(text))?),
        // A rise over a run names its own notation, for slopes only.
        (None, Reading::Rise { .. }) if matches!(unit, Unit::Ratio | Unit::Percent) => {
            Some("ratio")
        }
        (None, Reading::Rise { .. }) => return Err(Problem::NotANumber),
        (None, Reading::Plain(_)) => match unit_text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => Some(spelling(text).ok_or_else(|| wrong_unit(text))?),
            None => None,
        },
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
        (Reading::Rise { rise, run }, Some("ratio"))
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
