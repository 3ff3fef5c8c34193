//! Numbers and measured values as each language writes them: a decimal comma in
//! Vietnamese, a point in English; slopes as `1:10 (10 %)`, per cents as `8 %`. Every page,
//! the statement and the report's tables show values through these, so a value reads the
//! same wherever it appears.

use crate::domain::checklist::Unit;
use crate::domain::lang::Lang;
use crate::views::labels::unit_label;

/// `v` with exactly `places` decimals and the language's decimal mark (`8,3`).
pub fn fixed(v: f64, places: usize, lang: Lang) -> String {
    mark(format!("{v:.places$}"), lang)
}

/// A number as people write it: at most two decimals, none shown when they are zero
/// (`900`, `0,75`, `12,5`), with the language's decimal mark.
pub fn number(n: f64, lang: Lang) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    mark(text.to_owned(), lang)
}

/// A measured value with its unit, as typed in the usual notation: `850 mm`, `0,9 m`,
/// `8 %`, `21 giây`; a slope (stored as a fraction) as `1:10 (10 %)`, and a level floor as
/// `0 %`.
pub fn measured(value: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Ratio if value <= 0.0 => format!("{} %", number(0.0, lang)),
        Unit::Ratio => {
            let run = (1.0 / value * 10.0).round() / 10.0;
            let percent = (value * 1000.0).round() / 10.0;
            format!("1:{} ({} %)", number(run, lang), number(percent, lang))
        }
        Unit::Percent => format!("{} %", number(value, lang)),
        _ => format!("{} {}", number(value, lang), unit_label(unit, lang)),
    }
}

/// A point as the language writes it: `21,8537; 106,7615` in Vietnamese, where the comma
/// marks the decimals, `21.8537, 106.7615` in English.
pub fn coordinates(lat: f64, lon: f64, lang: Lang) -> String {
    let (lat, lon) = (mark(format!("{lat}"), lang), mark(format!("{lon}"), lang));
    match lang {
        Lang::Vi => format!("{lat}; {lon}"),
        Lang::En => format!("{lat}, {lon}"),
    }
}

/// A stored value as an inspector would type it again, so that saving the form unchanged
/// stores the same number: a slope as `1:12` when that is exact, else its fraction; other
/// units in full precision; both with the language's decimal mark.
pub fn typed(value: f64, unit: Unit, lang: Lang) -> String {
    let exact = |v: f64| mark(format!("{v}"), lang);
    if unit == Unit::Ratio && value > 0.0 {
        let run = (1.0 / value * 100.0).round() / 100.0;
        if (1.0 / run - value).abs() < 1e-12 {
            return format!("1:{}", exact(run));
        }
    }
    exact(value)
}

/// An amount of đồng grouped as the language writes it: `12.500.000 đ` in Vietnamese,
/// `12,500,000 VND` in English.
pub fn dong(amount: u64, lang: Lang) -> String {
    let digits = amount.to_string();
    let (separator, unit) = match lang {
        Lang::Vi => ('.', "đ"),
        Lang::En => (',', "VND"),
    };
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    format!("{grouped} {unit}")
}

/// A written number with the language's decimal mark.
fn mark(text: String, lang: Lang) -> String {
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dong_are_grouped_by_thousands_as_each_language_writes_them() {
        assert_eq!(dong(12_500_000, Lang::Vi), "12.500.000 đ");
        assert_eq!(dong(12_500_000, Lang::En), "12,500,000 VND");
        assert_eq!(dong(999, Lang::Vi), "999 đ");
        assert_eq!(dong(1_000, Lang::Vi), "1.000 đ");
        assert_eq!(dong(0, Lang::En), "0 VND");
    }

    #[test]
    fn slopes_are_shown_as_typed_in_the_usual_notation() {
        assert_eq!(measured(0.1, Unit::Ratio, Lang::Vi), "1:10 (10 %)");
        assert_eq!(measured(0.1, Unit::Ratio, Lang::En), "1:10 (10 %)");
        assert_eq!(measured(1.0 / 12.0, Unit::Ratio, Lang::Vi), "1:12 (8,3 %)");
        assert_eq!(measured(0.08, Unit::Ratio, Lang::Vi), "1:12,5 (8 %)");
        assert_eq!(measured(0.08, Unit::Ratio, Lang::En), "1:12.5 (8 %)");
        assert_eq!(measured(0.0, Unit::Ratio, Lang::En), "0 %");
    }

    #[test]
    fn a_value_typed_again_reads_back_to_the_same_number() {
        assert_eq!(typed(0.1, Unit::Ratio, Lang::Vi), "1:10");
        assert_eq!(typed(1.0 / 12.0, Unit::Ratio, Lang::En), "1:12");
        assert_eq!(typed(0.08, Unit::Ratio, Lang::Vi), "1:12,5");
        assert_eq!(typed(0.08334, Unit::Ratio, Lang::Vi), "0,08334");
        assert_eq!(typed(850.125, Unit::Mm, Lang::Vi), "850,125");
        assert_eq!(typed(900.0, Unit::Mm, Lang::En), "900");
    }

    #[test]
    fn a_point_keeps_its_two_numbers_apart_in_either_language() {
        assert_eq!(
            coordinates(21.8537, 106.7615, Lang::Vi),
            "21,8537; 106,7615"
        );
        assert_eq!(
            coordinates(21.8537, 106.7615, Lang::En),
            "21.8537, 106.7615"
        );
    }

    #[test]
    fn per_cents_and_lengths_carry_the_languages_decimal_mark() {
        assert_eq!(measured(8.0, Unit::Percent, Lang::Vi), "8 %");
        assert_eq!(measured(8.25, Unit::Percent, Lang::Vi), "8,25 %");
        assert_eq!(measured(850.0, Unit::Mm, Lang::Vi), "850 mm");
        assert_eq!(measured(0.75, Unit::M, Lang::Vi), "0,75 m");
        assert_eq!(measured(0.75, Unit::M, Lang::En), "0.75 m");
        assert_eq!(measured(21.0, Unit::Seconds, Lang::Vi), "21 giây");
        assert_eq!(number(1200.0, Lang::Vi), "1200", "no thousands mark");
        assert_eq!(number(12.5, Lang::Vi), "12,5");
        assert_eq!(fixed(66.666, 1, Lang::Vi), "66,7");
        assert_eq!(fixed(66.666, 1, Lang::En), "66.7");
    }
}
