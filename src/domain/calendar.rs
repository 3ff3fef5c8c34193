//! Calendar arithmetic on the province's dates.

use chrono::{Datelike, NaiveDate};

/// The first day of the month after `day`: the end (exclusive) of `day`'s month.
pub fn first_of_next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_after_december_is_january() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        assert_eq!(first_of_next_month(day(2026, 12, 2)), day(2027, 1, 1));
        assert_eq!(first_of_next_month(day(2026, 1, 31)), day(2026, 2, 1));
        assert_eq!(first_of_next_month(day(2028, 2, 29)), day(2028, 3, 1));
    }
}
