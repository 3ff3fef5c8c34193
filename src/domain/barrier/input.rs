//! Reading a barrier report as anyone may send it: what is wrong, where, in their words,
//! and how to reach them if they wish.

use uuid::Uuid;

use super::Feature;
use crate::domain::geo::{Bbox, Coordinates};
use crate::domain::validation::{self as text, FieldErrors, Problem};

/// Shortest description, in characters: enough to say what is wrong.
pub const DESCRIPTION_MIN: usize = 10;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 2000;
/// Longest contact, in characters.
const CONTACT_MAX: usize = 200;
/// Most features one report names.
pub const FEATURES_MAX: usize = 3;

/// A report as the form or the API sends it, unread.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ReportInput {
    /// What is wrong (a [`Feature`] code, up to [`FEATURES_MAX`]).
    pub features: Vec<String>,
    /// In the sender's words.
    pub description: Option<String>,
    /// An email address or a phone number, kept private; may be left out.
    pub contact: Option<String>,
    /// The registered place, if it is one.
    pub site: Option<String>,
    /// Where, for a place not in the registry.
    pub lat: Option<f64>,
    /// Where, for a place not in the registry.
    pub lon: Option<f64>,
}

/// How to reach the sender, kept private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// An email address.
    Email(String),
    /// A phone number, digits only (a leading `+` kept).
    Phone(String),
}

impl Contact {
    /// The contact as stored.
    pub fn as_str(&self) -> &str {
        match self {
            Contact::Email(text) | Contact::Phone(text) => text,
        }
    }

    /// Reads an email address or a phone number of 8 to 15 digits (spaces, dots, dashes
    /// and brackets between them allowed).
    pub fn parse(text: &str) -> Result<Contact, Problem> {
        let text = text::required_text(Some(text), CONTACT_MAX)?;
        if let Some((user, host)) = text.split_once('@') {
            let fine = !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !text.contains(char::is_whitespace)
                && !host.contains('@');
            return if fine {
                Ok(Contact::Email(text))
            } else {
                Err(Problem::NotAContact)
            };
        }
        let plus = text.starts_with('+');
        let rest = if plus { &text[1..] } else { &text[..] };
        if !rest
            .chars()
            .all(|c| c.is_ascii_digit() || " .-()".contains(c))
        {
            return Err(Problem::NotAContact);
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if !(8..=15).contains(&digits.len()) {
            return Err(Problem::NotAContact);
        }
        Ok(Contact::Phone(if plus {
            format!("+{digits}")
        } else {
            digits
        }))
    }
}

/// Where the barrier is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Where {
    /// At a registered place.
    Site(Uuid),
    /// At a place not in the registry.
    Position(Coordinates),
}

/// A report read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    /// What is wrong, without repeats, in the order given.
    pub features: Vec<Feature>,
    /// In the sender's words, trimmed (lines kept).
    pub description: String,
    /// How to reach them, if they said.
    pub contact: Option<Contact>,
    /// Where.
    pub place: Where,
}

impl ReportInput {
    /// Reads the report; `region` is the province, which a position must lie in. Every
    /// problem is named at once, by field.
    pub fn parse(&self, region: &Bbox) -> Result<NewReport, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut features = Vec::new();
        for code in &self.features {
            match Feature::parse(code) {
                Ok(f) if !features.contains(&f) => features.push(f),
                Ok(_) => {}
                Err(problem) => errors.add("features", problem),
            }
        }
        if features.is_empty() && errors.is_empty() {
            errors.add("features", Problem::Required);
        }
        if features.len() > FEATURES_MAX {
            errors.add("features", Problem::TooMany { max: FEATURES_MAX });
        }
        let description = match text::multi_line(self.description.as_deref(), DESCRIPTION_MAX) {
            Ok(None) => {
                errors.add("description", Problem::Required);
                None
            }
            Ok(Some(d)) if d.chars().count() < DESCRIPTION_MIN => {
                errors.add(
                    "description",
                    Problem::TooShort {
                        min: DESCRIPTION_MIN,
                    },
                );
                None
            }
            Ok(Some(d)) => Some(d),
            Err(problem) => {
                errors.add("description", problem);
                None
            }
        };
        let contact = match crate::domain::text::optional(self.contact.as_deref()) {
            None => None,
            Some(text) => errors.take("contact", Contact::parse(&text)),
        };
        let place = self.place(region, &mut errors);
        match (description, place) {
            (Some(description), Some(place)) if errors.is_empty() => Ok(NewReport {
                features,
                description,
                contact,
                place,
            }),
            _ => Err(errors),
        }
    }

    fn place(&self, region: &Bbox, errors: &mut FieldErrors) -> Option<Where> {
        let site = crate::domain::text::optional(self.site.as_deref());
        match (site, self.lat, self.lon) {
            (Some(id), None, None) => {
                let id = Uuid::parse_str(&id).map_err(|_| Problem::NotAnId);
                errors.take("site", id).map(Where::Site)
            }
            (None, Some(lat), Some(lon)) => match Coordinates::new(lon, lat) {
                Ok(at) if region.contains(at) => Some(Where::Position(at)),
                Ok(_) => {
                    errors.add(
                        "position",
                        Problem::OutsideRegion {
                            region: region.to_string(),
                        },
                    );
                    None
                }
                Err((field, problem)) => {
                    errors.add(field, problem);
                    None
                }
            },
            (None, None, None) => {
                errors.add("site", Problem::Required);
                None
            }
            (Some(_), _, _) => {
                errors.add("position", Problem::SiteOrPosition);
                None
            }
            (None, lat, _) => {
                errors.add(if lat.is_none() { "lat" } else { "lon" }, Problem::Required);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn province() -> Bbox {
        crate::domain::geo::LANG_SON_BBOX
            .parse()
            .expect("the province's box")
    }

    fn at_site() -> ReportInput {
        ReportInput {
            features: vec!["entrance".into()],
            description: Some("Lối vào chính có ba bậc, không có dốc.".into()),
            contact: None,
            site: Some(Uuid::from_u128(7).to_string()),
            lat: None,
            lon: None,
        }
    }

    fn fields(r: Result<NewReport, FieldErrors>) -> Vec<String> {
        r.expect_err("refused")
            .0
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_report_at_a_site_is_read_with_its_features_once() {
        let mut input = at_site();
        input.features = vec!["entrance".into(), "toilet".into(), "entrance".into()];
        input.description = Some("  Lối vào có bậc.\nNhà vệ sinh bị khoá.  ".into());
        let report = input.parse(&province()).expect("read");
        assert_eq!(report.features, vec![Feature::Entrance, Feature::Toilet]);
        assert_eq!(report.description, "Lối vào có bậc.\nNhà vệ sinh bị khoá.");
        assert_eq!(report.place, Where::Site(Uuid::from_u128(7)));
        assert_eq!(report.contact, None);
    }

    #[test]
    fn an_empty_a_too_long_or_a_controlled_description_is_refused() {
        for bad in [
            None,
            Some("   ".to_owned()),
            Some("short".to_owned()),
            Some("x".repeat(10_000)),
            Some("Bậc cao\u{0}ở lối vào chính".to_owned()),
            Some("Bậc cao \u{1b}[2J ở lối vào".to_owned()),
        ] {
            let mut input = at_site();
            input.description = bad.clone();
            assert_eq!(fields(input.parse(&province())), ["description"], "{bad:?}");
        }
    }

    #[test]
    fn a_contact_is_an_email_or_a_phone_number() {
        assert_eq!(
            Contact::parse(" mai@example.vn "),
            Ok(Contact::Email("mai@example.vn".into()))
        );
        assert_eq!(
            Contact::parse("0912 345 678"),
            Ok(Contact::Phone("0912345678".into()))
        );
        assert_eq!(
            Contact::parse("+84 (912) 345-678"),
            Ok(Contact::Phone("+84912345678".into()))
        );
        for bad in [
            "mai@",
            "@example.vn",
            "mai at example",
            "12345",
            "0912abc678",
            "a b@c.vn",
        ] {
            assert_eq!(Contact::parse(bad), Err(Problem::NotAContact), "{bad}");
        }
    }

    #[test]
    fn a_position_must_be_in_the_province_and_a_place_is_a_site_or_a_position() {
        let mut input = at_site();
        input.site = None;
        input.lat = Some(21.85);
        input.lon = Some(106.76);
        assert!(matches!(
            input.parse(&province()).expect("in Lạng Sơn").place,
            Where::Position(_)
        ));
        input.lat = Some(21.03); // Hà Nội
        input.lon = Some(105.85);
        assert_eq!(fields(input.parse(&province())), ["position"]);
        input.lat = None;
        assert_eq!(fields(input.parse(&province())), ["lat"]);
        let mut both = at_site();
        both.lat = Some(21.85);
        both.lon = Some(106.76);
        assert_eq!(fields(both.parse(&province())), ["position"]);
        let mut neither = at_site();
        neither.site = None;
        assert_eq!(fields(neither.parse(&province())), ["site"]);
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let input = ReportInput {
            features: vec!["stairs".into()],
            description: None,
            contact: Some("not a contact".into()),
            site: Some("nowhere".into()),
            lat: None,
            lon: None,
        };
        assert_eq!(
            fields(input.parse(&province())),
            ["features", "description", "contact", "site"]
        );
        let none = ReportInput {
            features: vec![],
            ..at_site()
        };
        assert_eq!(fields(none.parse(&province())), ["features"]);
    }
}
