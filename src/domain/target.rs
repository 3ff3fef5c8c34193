//! The province's targets: what a programme asks to reach by a day, for the sites of one
//! kind (or every kind) in one area (or the whole province): a share of the sites audited,
//! a share accessible, or a share of the findings fixed. Targets are data the coordinators
//! enter; the report holds the figures against them.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use crate::domain::enums::string_enum;
use crate::domain::site::SiteKind;
use crate::domain::validation::{FieldErrors, Problem, date, optional_text};

/// The longest citation of a programme, in characters.
pub const PROGRAMME_MAX: usize = 500;

string_enum! {
    /// What a target measures.
    Measure {
        /// The share of registered sites with an approved audit.
        Audited = "audited",
        /// The share of registered sites that are accessible.
        Accessible = "accessible",
        /// The share of the findings found that are fixed (or verified).
        Fixed = "fixed",
    }
}

/// A target as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTarget {
    /// The year it is for.
    pub year: i32,
    /// What it measures.
    pub measure: Measure,
    /// One kind of site; none: every kind.
    pub kind: Option<SiteKind>,
    /// One area (with the areas inside it); none: the whole province.
    pub area: Option<Uuid>,
    /// The share to reach, from 0 to 1.
    pub share: f64,
    /// The day it is to be reached by.
    pub by: NaiveDate,
    /// The programme it comes from, as it is cited.
    pub programme: String,
}

/// A target as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Id.
    pub id: Uuid,
    /// What was entered, the area by its id.
    pub entered: NewTarget,
    /// The area's code and name, when it has one.
    pub area: Option<crate::domain::site::AreaRef>,
    /// When it was entered.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A target's fields as text, as a form or the API sends them (the area already found).
#[derive(Debug, Clone, Default)]
pub struct Fields<'a> {
    /// `2026`.
    pub year: Option<&'a str>,
    /// `audited`, `accessible` or `fixed`.
    pub measure: Option<&'a str>,
    /// A kind, or empty for every kind.
    pub kind: Option<&'a str>,
    /// A share in per cent: `80`, `80 %`, `62,5`.
    pub share: Option<&'a str>,
    /// `YYYY-MM-DD`; empty: the year's last day.
    pub by: Option<&'a str>,
    /// The programme.
    pub programme: Option<&'a str>,
}

impl NewTarget {
    /// Checks every field of `fields`, naming each bad one; `area` was looked up already.
    pub fn check(fields: &Fields<'_>, area: Option<Uuid>) -> Result<NewTarget, FieldErrors> {
        let mut errors = FieldErrors::default();
        fn filled(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|t| !t.is_empty())
        }
        let year = match filled(fields.year) {
            None => {
                errors.add("year", Problem::Required);
                None
            }
            Some(text) => match text.parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => Some(y),
                Ok(_) => {
                    errors.add(
                        "year",
                        Problem::OutOfRange {
                            min: 2000.0,
                            max: 2100.0,
                        },
                    );
                    None
                }
                Err(_) => {
                    errors.add("year", Problem::NotANumber);
                    None
                }
            },
        };
        let measure = match filled(fields.measure) {
            None => {
                errors.add("measure", Problem::Required);
                None
            }
            Some(text) => errors.take("measure", Measure::parse(text)),
        };
        let kind = match filled(fields.kind) {
            None => None,
            Some(text) => errors.take("site_kind", SiteKind::parse(text)),
        };
        let share = match filled(fields.share) {
            None => {
                errors.add("share", Problem::Required);
                None
            }
            Some(text) => errors.take("share", share(text)),
        };
        let by = match (filled(fields.by), year) {
            (None, Some(y)) => NaiveDate::from_ymd_opt(y, 12, 31),
            (None, None) => None,
            (Some(text), year) => match errors.take("by_date", date(text)) {
                Some(day) => match year {
                    Some(year) if day.year() != year => {
                        errors.add("by_date", Problem::NotInYear { year });
                        None
                    }
                    _ => Some(day),
                },
                None => None,
            },
        };
        let programme = match errors
            .take("programme", optional_text(fields.programme, PROGRAMME_MAX))
            .flatten()
        {
            Some(p) => Some(p),
            None => {
                if errors.for_field("programme").is_none() {
                    errors.add("programme", Problem::Required);
                }
                None
            }
        };
        match (year, measure, share, by, programme) {
            (Some(year), Some(measure), Some(share), Some(by), Some(programme))
                if errors.is_empty() =>
            {
                Ok(NewTarget {
                    year,
                    measure,
                    kind,
                    area,
                    share,
                    by,
                    programme,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A share written in per cent (`80`, `80 %`, `62,5`), as a fraction from 0 to 1.
pub fn share(text: &str) -> Result<f64, Problem> {
    let number = text.trim().trim_end_matches('%').trim().replace(',', ".");
    let value: f64 = number.parse().map_err(|_| Problem::NotANumber)?;
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return Err(Problem::OutOfRange {
            min: 0.0,
            max: 100.0,
        });
    }
    Ok(value / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields<'static> {
        Fields {
            year: Some("2027"),
            measure: Some("audited"),
            kind: Some(""),
            share: Some("80 %"),
            by: Some(""),
            programme: Some("Kế hoạch 2020 của UBND tỉnh, mục II.2"),
        }
    }

    #[test]
    fn a_target_without_a_day_is_due_at_the_end_of_its_year() {
        let target = NewTarget::check(&fields(), None).expect("a target");
        assert_eq!(
            target.by,
            NaiveDate::from_ymd_opt(2027, 12, 31).expect("a day")
        );
        assert_eq!(target.share, 0.8);
        assert_eq!(target.kind, None);
        assert_eq!(target.measure, Measure::Audited);
    }

    #[test]
    fn shares_are_read_in_per_cent_with_either_decimal_mark() {
        assert_eq!(share("62,5"), Ok(0.625));
        assert_eq!(share("62.5%"), Ok(0.625));
        assert_eq!(share("100"), Ok(1.0));
        assert_eq!(share("0"), Ok(0.0));
        let range = Problem::OutOfRange {
            min: 0.0,
            max: 100.0,
        };
        assert_eq!(share("100,1"), Err(range.clone()));
        assert_eq!(share("-5"), Err(range));
        assert_eq!(share("tám mươi"), Err(Problem::NotANumber));
    }

    #[test]
    fn every_bad_field_of_a_target_is_named() {
        let bad = Fields {
            year: Some("năm sau"),
            measure: Some("happy"),
            kind: Some("bridge"),
            share: Some("120"),
            by: Some("2026-13-01"),
            programme: Some("  "),
        };
        let errors = NewTarget::check(&bad, None).expect_err("refused");
        let named: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            named,
            [
                "year",
                "measure",
                "site_kind",
                "share",
                "by_date",
                "programme"
            ]
        );
        let outside = Fields {
            by: Some("2028-01-15"),
            ..fields()
        };
        let errors = NewTarget::check(&outside, None).expect_err("refused");
        assert_eq!(
            errors.for_field("by_date"),
            Some(&Problem::NotInYear { year: 2027 })
        );
    }
}
