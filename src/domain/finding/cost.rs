//! What a fix costs, in whole Vietnamese đồng, read as people write it: `12.500.000`,
//! `12 500 000`, `12,500,000` or `12500000 đ`. A separator followed by anything but three
//! digits is a decimal, and đồng are whole.

use crate::domain::validation::Problem;

/// The largest cost taken for one finding: a thousand billion đồng. Anything above it is
/// a typo (a fix of one barrier does not cost more than a new building).
pub const MAX: u64 = 1_000_000_000_000;

/// An amount of đồng, from 0 to [`MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Dong(u64);

impl Dong {
    /// `amount` đồng, if it is not above [`MAX`].
    pub fn new(amount: u64) -> Result<Dong, Problem> {
        if amount > MAX {
            return Err(ceiling());
        }
        Ok(Dong(amount))
    }

    /// The amount.
    pub fn get(self) -> u64 {
        self.0
    }

    /// A number as a JSON body sends it.
    pub fn from_number(n: f64) -> Result<Dong, Problem> {
        if !n.is_finite() {
            return Err(Problem::NotANumber);
        }
        if n < 0.0 {
            return Err(Problem::Negative);
        }
        if n.fract() != 0.0 {
            return Err(Problem::NotWhole);
        }
        if n > MAX as f64 {
            return Err(ceiling());
        }
        Dong::new(n as u64)
    }

    /// Text as a form sends it; none when it is empty.
    pub fn parse(text: &str) -> Result<Option<Dong>, Problem> {
        let squeezed: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
            .collect();
        let lower = squeezed.to_lowercase();
        let number = ["vnđ", "vnd", "đồng", "₫", "đ"]
            .iter()
            .find_map(|unit| lower.strip_suffix(unit))
            .unwrap_or(&lower);
        if number.is_empty() {
            return if squeezed.is_empty() {
                Ok(None)
            } else {
                Err(Problem::NotANumber)
            };
        }
        let (negative, digits) = match number.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, number),
        };
        let groups: Vec<&str> = digits.split(['.', ',']).collect();
        let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        if !groups.iter().all(|g| all_digits(g)) {
            return Err(Problem::NotANumber);
        }
        if negative {
            return Err(Problem::Negative);
        }
        if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
            return Err(Problem::NotWhole);
        }
        let joined: String = groups.concat();
        match joined.parse::<u64>() {
            Ok(n) => Dong::new(n).map(Some),
            Err(_) => Err(ceiling()),
        }
    }
}

fn ceiling() -> Problem {
    Problem::AboveCeiling {
        max: MAX as f64,
        unit: "đồng".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Option<u64>, Problem> {
        Dong::parse(text).map(|d| d.map(Dong::get))
    }

    #[test]
    fn costs_are_read_as_people_write_them() {
        for text in [
            "12500000",
            "12.500.000",
            "12,500,000",
            "12 500 000",
            "12.500.000 đ",
            "12.500.000đ",
            "12500000 VND",
            "12.500.000 đồng",
            "12 500 000 ₫",
        ] {
            assert_eq!(read(text), Ok(Some(12_500_000)), "{text}");
        }
        assert_eq!(read("0"), Ok(Some(0)));
        assert_eq!(read("  "), Ok(None));
        assert_eq!(read(""), Ok(None));
    }

    #[test]
    fn a_negative_a_decimal_a_word_and_a_typo_are_each_named() {
        assert_eq!(read("-5000"), Err(Problem::Negative));
        assert_eq!(read("-5.000"), Err(Problem::Negative));
        assert_eq!(read("1,5"), Err(Problem::NotWhole));
        assert_eq!(read("12.50"), Err(Problem::NotWhole));
        assert_eq!(read("1234.567"), Err(Problem::NotWhole));
        assert_eq!(read("mười triệu"), Err(Problem::NotANumber));
        assert_eq!(read("12tr"), Err(Problem::NotANumber));
        assert_eq!(read("đ"), Err(Problem::NotANumber));
        assert_eq!(read("1..000"), Err(Problem::NotANumber));
        assert_eq!(read("1000000000001"), Err(ceiling()));
        assert_eq!(read("99999999999999999999999"), Err(ceiling()));
        assert_eq!(read("1.000.000.000.000"), Ok(Some(MAX)));
    }

    #[test]
    fn a_json_number_must_be_whole_not_negative_and_not_absurd() {
        assert_eq!(Dong::from_number(2_000_000.0).map(Dong::get), Ok(2_000_000));
        assert_eq!(Dong::from_number(-1.0), Err(Problem::Negative));
        assert_eq!(Dong::from_number(0.5), Err(Problem::NotWhole));
        assert_eq!(Dong::from_number(1e13), Err(ceiling()));
        assert_eq!(Dong::from_number(f64::NAN), Err(Problem::NotANumber));
    }
}
