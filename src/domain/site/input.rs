//! A site as people type it, and the checks that turn it into a [`NewSite`].

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::{Site, SiteKind, Subtype};
use crate::domain::geo::{Bbox, Coordinates, latitude, longitude, parse_degrees};
use crate::domain::validation::{FieldErrors, Problem, optional_text, required_text};

/// Longest site name, in characters.
pub const NAME_MAX: usize = 200;
/// Longest address or operator, in characters.
pub const TEXT_MAX: usize = 300;

/// A coordinate as a client may send it: a JSON number or text from a form or file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Degrees {
    /// A number.
    Number(f64),
    /// Text to be read as a number.
    Text(String),
}

impl Degrees {
    fn value(&self) -> Result<f64, Problem> {
        match self {
            Degrees::Number(n) if n.is_finite() => Ok(*n),
            Degrees::Number(_) => Err(Problem::NotANumber),
            Degrees::Text(t) => parse_degrees(t),
        }
    }
}

/// A yes or no as a client may send it: a JSON boolean, or text from a form or file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Flag {
    /// A boolean.
    Bool(bool),
    /// Text: `true`/`false`, `yes`/`no`, `1`/`0`, `có`/`không`, or blank for no.
    Text(String),
}

impl Flag {
    fn value(&self) -> Result<bool, Problem> {
        match self {
            Flag::Bool(b) => Ok(*b),
            Flag::Text(t) => match t.trim().to_lowercase().as_str() {
                "" | "false" | "no" | "0" | "không" | "off" => Ok(false),
                "true" | "yes" | "1" | "có" | "on" => Ok(true),
                other => Err(Problem::NotOneOf {
                    given: other.to_owned(),
                    allowed: vec!["true".into(), "false".into()],
                }),
            },
        }
    }
}

/// A site as typed into a form, posted as JSON or read from an import row: nothing checked.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInput {
    /// Name.
    pub name: Option<String>,
    /// `public_building`, `transport_stop` or `cultural_site`.
    pub kind: Option<String>,
    /// A subtype fitting the kind.
    pub subtype: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Latitude, degrees north.
    pub lat: Option<Degrees>,
    /// Longitude, degrees east.
    pub lon: Option<Degrees>,
    /// Code of the responsible department.
    pub department: Option<String>,
    /// Who runs the place.
    pub operator: Option<String>,
    /// The day its design was approved (`YYYY-MM-DD`), which decides the edition of the code
    /// that may govern it.
    pub design_approved_on: Option<String>,
    /// Whether it is a listed heritage site (alternative solutions may be accepted).
    pub heritage: Option<Flag>,
}

/// A site that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSite {
    /// Name, trimmed, 1 to [`NAME_MAX`] characters.
    pub name: String,
    /// Kind.
    pub kind: SiteKind,
    /// Subtype that fits the kind.
    pub subtype: Subtype,
    /// Address.
    pub address: Option<String>,
    /// Location inside the region.
    pub location: Coordinates,
    /// Department code, still to be looked up.
    pub department: String,
    /// Operator.
    pub operator: Option<String>,
    /// The day its design was approved.
    pub design_approved_on: Option<NaiveDate>,
    /// A listed heritage site.
    pub heritage: bool,
}

/// Reads an optional date typed as `YYYY-MM-DD`, from 1900 on.
fn optional_date(text: Option<&str>) -> Result<Option<NaiveDate>, Problem> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::Malformed {
        detail: format!("“{text}” is not a date written YYYY-MM-DD"),
    })?;
    if date.year() < 1900 {
        return Err(Problem::OutOfRange {
            min: 1900.0,
            max: 9999.0,
        });
    }
    Ok(Some(date))
}

impl SiteInput {
    /// Checks every field against the rules and the region, reporting all problems at once.
    pub fn parse(&self, region: &Bbox) -> Result<NewSite, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", required_text(self.name.as_deref(), NAME_MAX));
        let kind = errors.take(
            "kind",
            required_text(self.kind.as_deref(), 64).and_then(|k| SiteKind::parse(&k)),
        );
        let subtype = errors.take(
            "subtype",
            match self
                .subtype
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                // "anything else of its kind", blank or written as plain `other`
                None | Some("other") => {
                    Ok(Subtype::other(kind.unwrap_or(SiteKind::PublicBuilding)))
                }
                Some(s) => Subtype::parse(s),
            },
        );
        if let (Some(kind), Some(subtype)) = (kind, subtype)
            && !subtype.fits(kind)
        {
            errors.add(
                "subtype",
                Problem::SubtypeNotForKind {
                    given: subtype.as_str().to_owned(),
                    kind: kind.as_str().to_owned(),
                },
            );
        }
        let address = errors.take("address", optional_text(self.address.as_deref(), TEXT_MAX));
        let operator = errors.take(
            "operator",
            optional_text(self.operator.as_deref(), TEXT_MAX),
        );
        let department = errors.take("department", required_text(self.department.as_deref(), 64));
        let design_approved_on = errors.take(
            "design_approved_on",
            optional_date(self.design_approved_on.as_deref()),
        );
        let heritage = errors.take(
            "heritage",
            self.heritage.as_ref().map_or(Ok(false), Flag::value),
        );
        let location = self.location(region, &mut errors);
        errors.into_result(|| NewSite {
            name: name.expect("checked"),
            kind: kind.expect("checked"),
            subtype: subtype.expect("checked"),
            address: address.expect("checked"),
            location: location.expect("checked"),
            department: department.expect("checked"),
            operator: operator.expect("checked"),
            design_approved_on: design_approved_on.expect("checked"),
            heritage: heritage.expect("checked"),
        })
    }

    fn location(&self, region: &Bbox, errors: &mut FieldErrors) -> Option<Coordinates> {
        let read = |d: &Option<Degrees>| d.as_ref().ok_or(Problem::Required)?.value();
        let lat = errors.take("lat", read(&self.lat).and_then(latitude));
        let lon = errors.take("lon", read(&self.lon).and_then(longitude));
        let point = match Coordinates::new(lon?, lat?) {
            Ok(point) => point,
            Err((field, problem)) => {
                errors.add(field, problem);
                return None;
            }
        };
        if !region.contains(point) {
            let problem = Problem::OutsideRegion {
                region: region.to_string(),
            };
            errors.add("lat", problem.clone());
            errors.add("lon", problem);
            return None;
        }
        Some(point)
    }

    /// The input that would recreate `site`, as the start of an edit.
    pub fn from_site(site: &Site) -> SiteInput {
        SiteInput {
            name: Some(site.name.clone()),
            kind: Some(site.kind.as_str().to_owned()),
            subtype: Some(site.subtype.as_str().to_owned()),
            address: site.address.clone(),
            lat: Some(Degrees::Number(site.location.lat())),
            lon: Some(Degrees::Number(site.location.lon())),
            department: Some(site.department.code.clone()),
            operator: site.operator.clone(),
            design_approved_on: site.design_approved_on.map(|d| d.to_string()),
            heritage: Some(Flag::Bool(site.heritage)),
        }
    }

    /// Applies a partial update: fields present in `patch` replace those in `self`.
    pub fn merge(mut self, patch: SiteInput) -> SiteInput {
        macro_rules! take {
            ($($field:ident),+) => { $(if patch.$field.is_some() { self.$field = patch.$field; })+ };
        }
        take!(
            name,
            kind,
            subtype,
            address,
            lat,
            lon,
            department,
            operator,
            design_approved_on,
            heritage
        );
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region() -> Bbox {
        crate::domain::geo::LANG_SON_BBOX.parse().expect("valid")
    }

    fn input() -> SiteInput {
        SiteInput {
            name: Some("Bảo tàng tỉnh Lạng Sơn".into()),
            kind: Some("cultural_site".into()),
            subtype: Some("museum".into()),
            lat: Some(Degrees::Number(21.85)),
            lon: Some(Degrees::Text("106.76".into())),
            department: Some("culture".into()),
            ..SiteInput::default()
        }
    }

    #[test]
    fn a_complete_site_parses() {
        let site = input().parse(&region()).expect("valid");
        assert_eq!(site.kind, SiteKind::CulturalSite);
        assert_eq!(site.location.lon(), 106.76);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = SiteInput {
            name: Some("x".repeat(1000)),
            kind: Some("castle".into()),
            lat: Some(Degrees::Text("NaN".into())),
            lon: None,
            ..SiteInput::default()
        };
        let errors = bad.parse(&region()).expect_err("invalid");
        assert_eq!(
            errors.for_field("name"),
            Some(&Problem::TooLong { max: NAME_MAX })
        );
        assert!(matches!(
            errors.for_field("kind"),
            Some(Problem::NotOneOf { .. })
        ));
        assert_eq!(errors.for_field("lat"), Some(&Problem::NotANumber));
        assert_eq!(errors.for_field("lon"), Some(&Problem::Required));
        assert_eq!(errors.for_field("department"), Some(&Problem::Required));
    }

    #[test]
    fn a_point_outside_the_region_is_refused() {
        let hanoi = SiteInput {
            lat: Some(Degrees::Number(21.03)),
            lon: Some(Degrees::Number(105.85)),
            ..input()
        };
        let errors = hanoi.parse(&region()).expect_err("outside");
        assert!(matches!(
            errors.for_field("lon"),
            Some(Problem::OutsideRegion { .. })
        ));
    }

    #[test]
    fn subtype_must_fit_kind() {
        let wrong = SiteInput {
            subtype: Some("bus_stop".into()),
            ..input()
        };
        let errors = wrong.parse(&region()).expect_err("mismatch");
        assert!(matches!(
            errors.for_field("subtype"),
            Some(Problem::SubtypeNotForKind { .. })
        ));
    }

    #[test]
    fn a_missing_or_plain_other_subtype_is_the_other_of_the_kind() {
        let site = SiteInput {
            subtype: None,
            ..input()
        };
        assert_eq!(
            site.parse(&region()).expect("valid").subtype,
            Subtype::OtherCultural
        );
        let plain = SiteInput {
            subtype: Some("other".into()),
            kind: Some("transport_stop".into()),
            ..input()
        };
        assert_eq!(
            plain.parse(&region()).expect("valid").subtype,
            Subtype::OtherTransport
        );
    }

    #[test]
    fn design_approval_and_heritage_are_read_from_text_or_json() {
        let site = SiteInput {
            design_approved_on: Some("2019-06-30".into()),
            heritage: Some(Flag::Text("có".into())),
            ..input()
        };
        let parsed = site.parse(&region()).expect("valid");
        assert_eq!(
            parsed.design_approved_on,
            NaiveDate::from_ymd_opt(2019, 6, 30)
        );
        assert!(parsed.heritage);
        let bad = SiteInput {
            design_approved_on: Some("30/06/2019".into()),
            heritage: Some(Flag::Text("maybe".into())),
            ..input()
        };
        let errors = bad.parse(&region()).expect_err("invalid");
        assert!(matches!(
            errors.for_field("design_approved_on"),
            Some(Problem::Malformed { .. })
        ));
        assert!(matches!(
            errors.for_field("heritage"),
            Some(Problem::NotOneOf { .. })
        ));
    }

    #[test]
    fn merge_replaces_only_given_fields() {
        let patch = SiteInput {
            name: Some("Tên mới".into()),
            ..SiteInput::default()
        };
        let merged = input().merge(patch);
        assert_eq!(merged.name.as_deref(), Some("Tên mới"));
        assert_eq!(merged.kind.as_deref(), Some("cultural_site"));
    }
}
