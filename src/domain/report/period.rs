//! The days a report covers, and the period before it that it is compared with.

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::validation::{FieldErrors, Problem};

/// The longest period a report may cover, in years.
pub const MAX_YEARS: u32 = 10;

/// Days from `from` to `to`, both included, as the province's calendar counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl Period {
    /// Reads `from` and `to` (`YYYY-MM-DD`), naming every field that is missing, not a date,
    /// out of order or too far apart; a period may not start after `today`.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Period, FieldErrors> {
        let mut errors = FieldErrors::default();
        let from = errors.take("from", date(from));
        let to = errors.take("to", date(to));
        if let Some(start) = from.filter(|f| *f > today) {
            errors.add(
                "from",
                Problem::StartsAfterToday {
                    given: start.to_string(),
                    today: today.to_string(),
                },
            );
        }
        let (Some(from), Some(to)) = (from, to) else {
            return Err(errors);
        };
        if !errors.0.is_empty() {
            return Err(errors);
        }
        Period::new(from, to)
    }

    /// The period from `from` to `to`: `to` may not come before `from`, and the two may be
    /// at most [`MAX_YEARS`] years apart.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, FieldErrors> {
        if to < from {
            return Err(FieldErrors::single(
                "to",
                Problem::EndBeforeStart {
                    from: from.to_string(),
                },
            ));
        }
        let limit = from.checked_add_months(Months::new(MAX_YEARS * 12));
        if limit.is_none_or(|limit| to >= limit) {
            return Err(FieldErrors::single(
                "to",
                Problem::PeriodTooLong {
                    max_years: MAX_YEARS,
                },
            ));
        }
        Ok(Period { from, to })
    }

    /// How many days it covers.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// True when `day` falls in it.
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The period of the same length just before this one: as many whole months when this
    /// one is whole months (a quarter is compared with the quarter before, a year with the
    /// year before), as many days otherwise.
    pub fn previous(&self) -> Period {
        let to = self.from.pred_opt().unwrap_or(self.from);
        let months = self.whole_months();
        let from = months
            .and_then(|m| self.from.checked_sub_months(Months::new(m)))
            .unwrap_or_else(|| to - chrono::Days::new(u64::try_from(self.days() - 1).unwrap_or(0)));
        Period { from, to }
    }

    /// The number of months when the period runs from a first to a last day of a month.
    fn whole_months(&self) -> Option<u32> {
        let last_of_month = self.to.succ_opt().is_some_and(|next| next.day() == 1);
        if self.from.day() != 1 || !last_of_month {
            return None;
        }
        let months = (self.to.year() - self.from.year()) * 12 + self.to.month0() as i32
            - self.from.month0() as i32
            + 1;
        u32::try_from(months).ok()
    }
}

/// The periods a report is usually asked for, offered on the report form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usual {
    /// The calendar quarter holding today, to its last day.
    ThisQuarter,
    /// The calendar quarter before it.
    LastQuarter,
    /// The calendar year holding today, to 31 December.
    ThisYear,
    /// The calendar year before it.
    LastYear,
}

impl Usual {
    /// Every usual period, in the order the form offers them.
    pub const ALL: [Usual; 4] = [
        Usual::ThisQuarter,
        Usual::LastQuarter,
        Usual::ThisYear,
        Usual::LastYear,
    ];

    /// The days it covers, seen on `today`.
    pub fn on(self, today: NaiveDate) -> Period {
        let first_of = |year: i32, month: u32| {
            NaiveDate::from_ymd_opt(year, month, 1).expect("the first of a month exists")
        };
        let quarter = first_of(today.year(), today.month0() / 3 * 3 + 1);
        let year = first_of(today.year(), 1);
        let (from, months) = match self {
            Usual::ThisQuarter => (quarter, 3),
            Usual::LastQuarter => (quarter - Months::new(3), 3),
            Usual::ThisYear => (year, 12),
            Usual::LastYear => (year - Months::new(12), 12),
        };
        let to = (from + Months::new(months))
            .pred_opt()
            .expect("a day before the first of a month exists");
        Period { from, to }
    }
}

fn date(given: Option<&str>) -> Result<NaiveDate, Problem> {
    let given = given.map(str::trim).filter(|g| !g.is_empty());
    let given = given.ok_or(Problem::Required)?;
    NaiveDate::parse_from_str(given, "%Y-%m-%d").map_err(|_| Problem::NotADate {
        given: given.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn period(from: &str, to: &str) -> Period {
        Period::new(day(from), day(to)).expect("a period")
    }

    #[test]
    fn a_year_a_quarter_and_a_month_are_compared_with_the_same_before_them() {
        assert_eq!(
            period("2025-01-01", "2025-12-31").previous(),
            period("2024-01-01", "2024-12-31"),
            "a year with the leap year before"
        );
        assert_eq!(
            period("2025-04-01", "2025-06-30").previous(),
            period("2025-01-01", "2025-03-31")
        );
        assert_eq!(
            period("2025-03-01", "2025-03-31").previous(),
            period("2025-02-01", "2025-02-28")
        );
        assert_eq!(
            period("2025-07-01", "2025-12-31").previous(),
            period("2025-01-01", "2025-06-30")
        );
    }

    #[test]
    fn other_periods_are_compared_with_as_many_days_before() {
        let p = period("2025-03-10", "2025-03-19");
        assert_eq!(p.days(), 10);
        assert_eq!(p.previous(), period("2025-02-28", "2025-03-09"));
        assert_eq!(p.previous().days(), 10);
        let one = period("2025-01-01", "2025-01-01");
        assert_eq!(one.previous(), period("2024-12-31", "2024-12-31"));
    }

    const TODAY: &str = "2026-12-02";

    #[test]
    fn the_usual_periods_are_whole_calendar_quarters_and_years() {
        let on = |usual: Usual, today: &str| usual.on(day(today));
        assert_eq!(
            on(Usual::LastQuarter, "2026-12-04"),
            period("2026-07-01", "2026-09-30")
        );
        assert_eq!(
            on(Usual::ThisQuarter, "2026-12-04"),
            period("2026-10-01", "2026-12-31")
        );
        assert_eq!(
            on(Usual::ThisYear, "2026-12-04"),
            period("2026-01-01", "2026-12-31")
        );
        assert_eq!(
            on(Usual::LastYear, "2026-12-04"),
            period("2025-01-01", "2025-12-31")
        );
        assert_eq!(
            on(Usual::LastQuarter, "2027-02-15"),
            period("2026-10-01", "2026-12-31"),
            "across the new year"
        );
        assert_eq!(
            on(Usual::ThisQuarter, "2028-03-31"),
            period("2028-01-01", "2028-03-31")
        );
        assert_eq!(
            on(Usual::LastQuarter, "2028-04-01"),
            period("2028-01-01", "2028-03-31")
        );
        for usual in Usual::ALL {
            let p = on(usual, TODAY);
            assert!(
                Period::parse(
                    Some(&p.from.to_string()),
                    Some(&p.to.to_string()),
                    day(TODAY)
                )
                .is_ok(),
                "{usual:?} can be asked for"
            );
        }
    }

    #[test]
    fn a_period_may_run_past_today_but_not_start_after_it() {
        let today = day(TODAY);
        assert!(Period::parse(Some("2026-01-01"), Some("2026-12-31"), today).is_ok());
        let errors =
            Period::parse(Some("2026-12-03"), Some("2026-12-31"), today).expect_err("future");
        assert_eq!(errors.0[0].field, "from");
        assert_eq!(
            errors.0[0].problem,
            Problem::StartsAfterToday {
                given: "2026-12-03".into(),
                today: TODAY.into()
            }
        );
    }

    #[test]
    fn bad_dates_are_named_by_field() {
        let errors = Period::parse(Some("2025-13-01"), None, day(TODAY)).expect_err("refused");
        assert_eq!(errors.0.len(), 2, "{errors:?}");
        assert_eq!(errors.0[0].field, "from");
        assert_eq!(
            errors.0[0].problem,
            Problem::NotADate {
                given: "2025-13-01".into()
            }
        );
        assert_eq!(errors.0[1].field, "to");
        assert_eq!(errors.0[1].problem, Problem::Required);
    }

    #[test]
    fn an_end_before_the_start_and_more_than_ten_years_are_refused() {
        let errors =
            Period::parse(Some("2025-06-01"), Some("2025-05-31"), day(TODAY)).expect_err("order");
        assert_eq!(
            errors.0[0].problem,
            Problem::EndBeforeStart {
                from: "2025-06-01".into()
            }
        );
        assert!(
            Period::new(day("2015-01-01"), day("2024-12-31")).is_ok(),
            "ten years"
        );
        let errors = Period::new(day("2015-01-01"), day("2025-01-01")).expect_err("too long");
        assert_eq!(errors.0[0].field, "to");
        assert_eq!(
            errors.0[0].problem,
            Problem::PeriodTooLong { max_years: 10 }
        );
    }
}
