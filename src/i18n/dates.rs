//! Dates as each language writes them, in one place: every page, printed document and
//! error message writes a day as `dd/mm/yyyy` (Vietnamese, and British English alike, so
//! a page and its translation show the same figures) and a moment as `dd/mm/yyyy HH:MM`,
//! local. Files for programs (CSV) write ISO 8601 instead, and say so in their heading.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::lang::Lang;

/// How a text writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// As the language writes them for people.
    Written(Lang),
    /// ISO 8601 (`2026-12-04`), for files programs read.
    Iso,
}

impl Dates {
    /// `day` in this style.
    pub fn day(self, day: NaiveDate) -> String {
        match self {
            Dates::Written(lang) => date(day, lang),
            Dates::Iso => day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// `day` as `lang` writes it on pages: `04/12/2026`.
pub fn date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi | Lang::En => day.format("%d/%m/%Y").to_string(),
    }
}

/// A local moment as `lang` writes it on pages: `04/12/2026 06:30`.
pub fn date_time(at: NaiveDateTime, lang: Lang) -> String {
    format!("{} {}", date(at.date(), lang), at.format("%H:%M"))
}

/// A day carried as ISO text (as problems carry them) written as `lang` writes it; text
/// that is not such a day stays as it is.
pub fn iso_date(text: &str, lang: Lang) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| text.to_owned(), |d| date(d, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_a_day_one_way_and_files_write_iso() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a day");
        assert_eq!(date(day, Lang::Vi), "01/07/2026");
        assert_eq!(date(day, Lang::En), "01/07/2026");
        assert_eq!(Dates::Written(Lang::En).day(day), "01/07/2026");
        assert_eq!(Dates::Iso.day(day), "2026-07-01");
        let at = day.and_hms_opt(6, 5, 9).expect("a time");
        assert_eq!(date_time(at, Lang::Vi), "01/07/2026 06:05");
        assert_eq!(iso_date("2026-07-01", Lang::Vi), "01/07/2026");
        assert_eq!(
            iso_date("31/12/2026", Lang::Vi),
            "31/12/2026",
            "not ISO: as given"
        );
    }
}
