//! Wording for problems with days and periods. Days the problem carries (ISO text) are
//! written as the language writes them (see [`crate::i18n::dates`]).

use super::either;
use crate::domain::lang::Lang;
use crate::i18n::dates::iso_date;

pub(super) fn not_a_date(given: &str, vi: bool) -> String {
    // About what to type: date fields and the API take ISO days.
    either(
        vi,
        format!("“{given}” không phải là ngày viết theo dạng NNNN-TT-NN (ví dụ 2026-12-31)."),
        format!("“{given}” is not a date written YYYY-MM-DD (for example 2026-12-31)."),
    )
}

pub(super) fn end_before_start(from: &str, lang: Lang) -> String {
    let from = iso_date(from, lang);
    either(
        lang == Lang::Vi,
        format!("Ngày kết thúc phải từ ngày bắt đầu ({from}) trở đi."),
        format!("The last day must be the first day ({from}) or later."),
    )
}

pub(super) fn starts_after_today(given: &str, today: &str, lang: Lang) -> String {
    let (given, today) = (iso_date(given, lang), iso_date(today, lang));
    either(
        lang == Lang::Vi,
        format!("Kỳ báo cáo bắt đầu ngày {given}, sau hôm nay ({today}): chưa có gì để báo cáo."),
        format!(
            "The period starts on {given}, after today ({today}): nothing of it has happened yet."
        ),
    )
}

pub(super) fn period_too_long(max_years: u32, vi: bool) -> String {
    either(
        vi,
        format!("Một báo cáo bao quát tối đa {max_years} năm."),
        format!("A report covers at most {max_years} years."),
    )
}

pub(super) fn date_in_past(today: &str, lang: Lang) -> String {
    let today = iso_date(today, lang);
    either(
        lang == Lang::Vi,
        format!("Hạn hoàn thành phải từ hôm nay ({today}) trở đi."),
        format!("The due date must be today ({today}) or later."),
    )
}

pub(super) fn not_in_year(year: i32, vi: bool) -> String {
    either(
        vi,
        format!("Ngày phải thuộc năm {year}."),
        format!("The day must be in {year}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_problems_are_written_as_on_pages() {
        assert_eq!(
            date_in_past("2026-12-04", Lang::Vi),
            "Hạn hoàn thành phải từ hôm nay (04/12/2026) trở đi."
        );
        assert!(
            starts_after_today("2026-12-05", "2026-12-04", Lang::En)
                .contains("on 05/12/2026, after today (04/12/2026)")
        );
    }
}
