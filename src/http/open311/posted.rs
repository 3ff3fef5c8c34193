//! A request as an Open311 client posts it, read into a report: the standard's parameter
//! names, and a position that is not a number named as such.

use crate::domain::barrier::ReportInput;
use crate::domain::validation::{FieldErrors, Problem};

/// A request as posted, read into a report.
#[derive(Debug, Default)]
pub(super) struct Posted {
    pub(super) input: ReportInput,
    /// The parameter the contact came in: `email`, else `phone`.
    pub(super) contact: &'static str,
    /// `lat` or `long` given but not a number.
    pub(super) numbers: FieldErrors,
}

/// Reads the standard's parameters: `service_code` is what is wrong, `lat` and `long`
/// where, `description` in the sender's words, `email` (or `phone`) the private contact.
/// The rest (`api_key`, `jurisdiction_id`, names, `device_id`, `account_id`,
/// `address_string`, `address_id`, `media_url`, attributes) is not used.
pub(super) fn posted(pairs: Vec<(String, String)>) -> Posted {
    let mut p = Posted {
        contact: "email",
        ..Posted::default()
    };
    let (mut email, mut phone) = (None, None);
    for (name, value) in pairs {
        match name.as_str() {
            "service_code" => p.input.features.push(value),
            "description" => p.input.description = Some(value),
            "email" => email = Some(value).filter(|v| !v.trim().is_empty()),
            "phone" => phone = Some(value).filter(|v| !v.trim().is_empty()),
            "lat" => p.input.lat = number(&mut p.numbers, "lat", &value),
            "long" => p.input.lon = number(&mut p.numbers, "long", &value),
            _ => {}
        }
    }
    if email.is_none() && phone.is_some() {
        p.contact = "phone";
    }
    p.input.contact = email.or(phone);
    p
}

/// `text` as a number; none, and a problem noted, when it is not one.
fn number(problems: &mut FieldErrors, field: &str, text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let read = text.parse::<f64>().ok().filter(|n| n.is_finite());
    if read.is_none() {
        problems.add(field, Problem::NotANumber);
    }
    read
}

/// The refusal, with a position that was not a number named as such instead of as
/// missing.
pub(super) fn with_numbers(errors: FieldErrors, numbers: FieldErrors) -> FieldErrors {
    if numbers.is_empty() {
        return errors;
    }
    let mut merged = FieldErrors::default();
    for e in errors.0 {
        if !matches!(e.field.as_str(), "lat" | "lon" | "site" | "position") {
            merged.add(&e.field, e.problem);
        }
    }
    for e in numbers.0 {
        merged.add(&e.field, e.problem);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_standards_parameters_are_read_into_a_report() {
        let p = posted(pairs(&[
            ("service_code", "ramp"),
            ("lat", " 21.85 "),
            ("long", "106.76"),
            ("description", "Dốc quá dốc."),
            ("email", ""),
            ("phone", "0912 345 678"),
            ("first_name", "Mai"),
            ("api_key", "x"),
        ]));
        assert_eq!(p.input.features, ["ramp"]);
        assert_eq!((p.input.lat, p.input.lon), (Some(21.85), Some(106.76)));
        assert_eq!(p.input.contact.as_deref(), Some("0912 345 678"));
        assert_eq!(p.contact, "phone");
        assert!(p.numbers.is_empty());
        let both = posted(pairs(&[
            ("email", "mai@example.vn"),
            ("phone", "0912345678"),
        ]));
        assert_eq!(both.input.contact.as_deref(), Some("mai@example.vn"));
        assert_eq!(both.contact, "email");
    }

    #[test]
    fn a_position_that_is_no_number_is_named_as_such() {
        let p = posted(pairs(&[("lat", "north"), ("long", "NaN")]));
        assert_eq!((p.input.lat, p.input.lon), (None, None));
        let mut refused = FieldErrors::default();
        refused.add("description", Problem::Required);
        refused.add("site", Problem::Required);
        let merged = with_numbers(refused, p.numbers);
        let fields: Vec<&str> = merged.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["description", "lat", "long"]);
        assert!(
            merged.0[1..]
                .iter()
                .all(|e| e.problem == Problem::NotANumber)
        );
    }
}
