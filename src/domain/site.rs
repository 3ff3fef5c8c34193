//! Sites: the places that are audited, and the checks on what people type about them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::geo::{Bbox, Coordinates, latitude, longitude, parse_degrees};
use super::lang::Bilingual;
use super::validation::{FieldErrors, Problem, optional_text, required_text};

/// Longest site name, in characters.
pub const NAME_MAX: usize = 200;
/// Longest address or operator, in characters.
pub const TEXT_MAX: usize = 300;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and transmitted form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads the stored form; anything else is refused with the allowed values.
            pub fn parse(text: &str) -> Result<Self, $crate::domain::validation::Problem> {
                match text.trim() {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::domain::validation::Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: Self::ALL.iter().map(|v| v.as_str().to_owned()).collect(),
                    }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::validation::Problem;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }
    };
}
pub(crate) use string_enum;

string_enum! {
    /// The three kinds of place the law names.
    SiteKind {
        /// Offices, hospitals, schools and other public buildings.
        PublicBuilding = "public_building",
        /// Bus stations, stops, rail stations, ports.
        TransportStop = "transport_stop",
        /// Museums, monuments, heritage sites, venues.
        CulturalSite = "cultural_site",
    }
}

string_enum! {
    /// What sort of place within its kind.
    Subtype {
        /// Commune, district or provincial people's committee office.
        PeopleCommittee = "people_committee",
        /// Other state office.
        StateOffice = "state_office",
        /// Hospital.
        Hospital = "hospital",
        /// Commune health station or health centre.
        HealthStation = "health_station",
        /// School.
        School = "school",
        /// University or college.
        University = "university",
        /// Vocational school.
        VocationalSchool = "vocational_school",
        /// Post office.
        PostOffice = "post_office",
        /// Bank.
        Bank = "bank",
        /// Market.
        Market = "market",
        /// Hotel.
        Hotel = "hotel",
        /// Apartment building.
        ApartmentBuilding = "apartment_building",
        /// Bus station (terminal).
        BusStation = "bus_station",
        /// Bus stop or shelter.
        BusStop = "bus_stop",
        /// Railway station.
        RailStation = "rail_station",
        /// River or sea port.
        RiverPort = "river_port",
        /// Rest stop.
        RestStop = "rest_stop",
        /// Museum.
        Museum = "museum",
        /// Monument or memorial.
        Monument = "monument",
        /// Historic site.
        HistoricSite = "historic_site",
        /// Temple, pagoda, church.
        ReligiousSite = "religious_site",
        /// Cultural house.
        CulturalHouse = "cultural_house",
        /// Library.
        Library = "library",
        /// Theatre or cinema.
        Theatre = "theatre",
        /// Stadium or sports centre.
        Stadium = "stadium",
        /// Park or square.
        Park = "park",
        /// Anything else of its kind.
        Other = "other",
    }
}

impl Subtype {
    /// The kinds this subtype may be used with.
    pub fn fits(self, kind: SiteKind) -> bool {
        use Subtype::*;
        match self {
            Other => true,
            PeopleCommittee | StateOffice | Hospital | HealthStation | School | University
            | VocationalSchool | PostOffice | Bank | Market | Hotel | ApartmentBuilding => {
                kind == SiteKind::PublicBuilding
            }
            BusStation | BusStop | RailStation | RiverPort | RestStop => {
                kind == SiteKind::TransportStop
            }
            Museum | Monument | HistoricSite | ReligiousSite | CulturalHouse | Library
            | Theatre | Stadium | Park => kind == SiteKind::CulturalSite,
        }
    }

    /// The subtypes allowed with `kind`, for forms.
    pub fn for_kind(kind: SiteKind) -> impl Iterator<Item = Subtype> {
        Subtype::ALL.iter().copied().filter(move |s| s.fits(kind))
    }

    /// The legal deadline for accessibility (Law 51/2010/QH12 Art. 40): 2020-01-01 for state
    /// offices, stations, health facilities, schools and culture and sports works;
    /// 2025-01-01 for all other public infrastructure.
    pub fn legal_deadline(self) -> NaiveDate {
        use Subtype::*;
        let year = match self {
            PeopleCommittee | StateOffice | Hospital | HealthStation | School | University
            | VocationalSchool | BusStation | BusStop | RailStation | RiverPort | RestStop
            | Museum | Monument | HistoricSite | CulturalHouse | Library | Theatre | Stadium => {
                2020
            }
            PostOffice | Bank | Market | Hotel | ApartmentBuilding | ReligiousSite | Park
            | Other => 2025,
        };
        NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists")
    }
}

/// A coordinate as a client may send it: a JSON number or text from a form or file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// A site as typed into a form, posted as JSON or read from an import row: nothing checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
                None => Ok(Subtype::Other),
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
        let location = self.location(region, &mut errors);
        errors.into_result(|| NewSite {
            name: name.expect("checked"),
            kind: kind.expect("checked"),
            subtype: subtype.expect("checked"),
            address: address.expect("checked"),
            location: location.expect("checked"),
            department: department.expect("checked"),
            operator: operator.expect("checked"),
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
        }
    }

    /// Applies a partial update: fields present in `patch` replace those in `self`.
    pub fn merge(mut self, patch: SiteInput) -> SiteInput {
        macro_rules! take {
            ($($field:ident),+) => { $(if patch.$field.is_some() { self.$field = patch.$field; })+ };
        }
        take!(name, kind, subtype, address, lat, lon, department, operator);
        self
    }
}

/// A department as shown with a site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentRef {
    /// Id.
    pub id: Uuid,
    /// Stable code (`construction`, ...).
    pub code: String,
    /// Name in both languages.
    pub name: Bilingual,
}

/// An area as shown with a site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRef {
    /// Id.
    pub id: Uuid,
    /// Code (GSO code for Vietnamese units).
    pub code: String,
    /// Name.
    pub name: String,
}

/// A stored site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    /// Id (UUIDv7).
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: SiteKind,
    /// Subtype.
    pub subtype: Subtype,
    /// Address.
    pub address: Option<String>,
    /// Location.
    #[serde(flatten)]
    pub location: Coordinates,
    /// The administrative area the location falls in, if any is known.
    pub area: Option<AreaRef>,
    /// Responsible department.
    pub department: DepartmentRef,
    /// Operator.
    pub operator: Option<String>,
    /// Accessibility deadline under Law 51/2010 Art. 40.
    pub legal_deadline: NaiveDate,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region() -> Bbox {
        crate::config::DEFAULT_REGION_BBOX.parse().expect("valid")
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
    fn every_subtype_fits_some_kind_and_has_a_deadline() {
        for subtype in Subtype::ALL {
            assert!(
                SiteKind::ALL.iter().any(|k| subtype.fits(*k)),
                "{subtype:?}"
            );
            assert!([2020, 2025].contains(&chrono::Datelike::year(&subtype.legal_deadline())));
        }
        assert_eq!(
            Subtype::Hospital.legal_deadline(),
            NaiveDate::from_ymd_opt(2020, 1, 1).expect("date")
        );
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
