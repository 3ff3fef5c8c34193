//! Administrative areas and the point-in-polygon rule that places a site in one.

use chrono::NaiveDate;
use geo::{BoundingRect, Intersects, MultiPolygon};
use uuid::Uuid;

use super::enums::string_enum;
use super::geo::{Bbox, Coordinates};
use super::validation::Problem;

string_enum! {
    /// How high an administrative unit sits.
    AreaLevel {
        /// Province or city under the centre.
        Province = "province",
        /// District (abolished in 2025, kept for history).
        District = "district",
        /// Commune or ward.
        Commune = "commune",
    }
}

impl AreaLevel {
    /// Deeper levels are more specific: province 0, district 1, commune 2.
    pub fn depth(self) -> u8 {
        match self {
            AreaLevel::Province => 0,
            AreaLevel::District => 1,
            AreaLevel::Commune => 2,
        }
    }
}

/// An area to store, read from a boundary file or the demo data.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArea {
    /// Code, unique (GSO code for Vietnamese units).
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: AreaLevel,
    /// Code of the parent area, if any.
    pub parent: Option<String>,
    /// First day it existed, when known.
    pub valid_from: Option<NaiveDate>,
    /// First day it no longer existed, when it has ended.
    pub valid_to: Option<NaiveDate>,
    /// True when the boundary is a rough stand-in, not an official one.
    pub approximate: bool,
    /// Boundary.
    pub boundary: MultiPolygon<f64>,
    /// Codes of the areas this one replaces: they end on its first day.
    pub replaces: Vec<String>,
}

impl NewArea {
    /// The box around the boundary; `None` for an empty boundary.
    pub fn bbox(&self) -> Option<Bbox> {
        self.boundary.bounding_rect().map(Bbox::from_rect)
    }
}

/// An area as stored, without its boundary.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Id.
    pub id: Uuid,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: AreaLevel,
    /// Parent area.
    pub parent_id: Option<Uuid>,
    /// First day it existed.
    pub valid_from: Option<NaiveDate>,
    /// First day it no longer existed.
    pub valid_to: Option<NaiveDate>,
    /// True when the boundary is approximate.
    pub approximate: bool,
}

/// One area with its boundary, as the index holds it.
#[derive(Debug, Clone)]
pub struct AreaShape {
    /// Id.
    pub id: Uuid,
    /// Level.
    pub level: AreaLevel,
    /// Start of validity.
    pub valid_from: Option<NaiveDate>,
    /// End of validity.
    pub valid_to: Option<NaiveDate>,
    /// Boundary.
    pub boundary: MultiPolygon<f64>,
}

/// Finds the area a point lies in.
#[derive(Debug, Default)]
pub struct AreaIndex {
    shapes: Vec<(Bbox, AreaShape)>,
}

impl AreaIndex {
    /// Builds the index; shapes with an empty boundary are ignored.
    pub fn new(shapes: impl IntoIterator<Item = AreaShape>) -> Self {
        let shapes = shapes
            .into_iter()
            .filter_map(|s| Some((Bbox::from_rect(s.boundary.bounding_rect()?), s)))
            .collect();
        AreaIndex { shapes }
    }

    /// The most specific area containing `point` (boundary included) on day `on`: among the
    /// areas begun by then, the deepest level; among equals, one still valid (not ended),
    /// else the one that ended last. Old units stay useful until the new ones are imported;
    /// an area that begins later is not used yet, so a past day finds the areas of its time.
    pub fn locate(&self, point: Coordinates, on: NaiveDate) -> Option<Uuid> {
        let p = point.point();
        let today = on;
        self.shapes
            .iter()
            .filter(|(bbox, _)| bbox.contains(point))
            .filter(|(_, s)| s.valid_from.is_none_or(|start| start <= on))
            .filter(|(_, s)| s.boundary.intersects(&p))
            .map(|(_, s)| s)
            .max_by_key(|s| {
                let current = s.valid_from.is_none_or(|start| start <= today)
                    && s.valid_to.is_none_or(|end| end > today);
                (
                    s.level.depth(),
                    current,
                    s.valid_to.unwrap_or(NaiveDate::MAX),
                )
            })
            .map(|s| s.id)
    }
}

/// Reads a date property (`YYYY-MM-DD`).
pub fn parse_date(text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| Problem::Malformed {
        detail: format!("expected a date as YYYY-MM-DD: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Rect, coord};

    fn square(min: (f64, f64), max: (f64, f64)) -> MultiPolygon<f64> {
        MultiPolygon(vec![
            Rect::new(coord! {x: min.0, y: min.1}, coord! {x: max.0, y: max.1}).to_polygon(),
        ])
    }

    fn shape(
        n: u128,
        level: AreaLevel,
        valid_to: Option<NaiveDate>,
        b: MultiPolygon<f64>,
    ) -> AreaShape {
        AreaShape {
            id: Uuid::from_u128(n),
            level,
            valid_from: None,
            valid_to,
            boundary: b,
        }
    }

    #[test]
    fn the_deepest_area_wins_and_current_beats_ended() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let ended = NaiveDate::from_ymd_opt(2025, 7, 1);
        let index = AreaIndex::new([
            shape(
                1,
                AreaLevel::Province,
                None,
                square((0.0, 0.0), (10.0, 10.0)),
            ),
            shape(
                2,
                AreaLevel::District,
                ended,
                square((0.0, 0.0), (5.0, 5.0)),
            ),
            shape(3, AreaLevel::District, None, square((0.0, 0.0), (3.0, 3.0))),
        ]);
        let at = |lon, lat| index.locate(Coordinates::new(lon, lat).expect("valid"), today);
        assert_eq!(at(1.0, 1.0), Some(Uuid::from_u128(3)));
        assert_eq!(at(4.0, 4.0), Some(Uuid::from_u128(2)));
        assert_eq!(at(8.0, 8.0), Some(Uuid::from_u128(1)));
        assert_eq!(at(11.0, 8.0), None);
    }

    #[test]
    fn a_unit_that_has_not_begun_yet_is_not_current() {
        let handover = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        let old = shape(
            1,
            AreaLevel::Commune,
            Some(handover),
            square((0.0, 0.0), (2.0, 2.0)),
        );
        let new = AreaShape {
            valid_from: Some(handover),
            ..shape(2, AreaLevel::Commune, None, square((0.0, 0.0), (2.0, 2.0)))
        };
        let index = AreaIndex::new([old, new]);
        let point = Coordinates::new(1.0, 1.0).expect("valid");
        let day = |d: u32| {
            NaiveDate::from_ymd_opt(2025, 6, 30).expect("date") + chrono::Days::new(d.into())
        };
        assert_eq!(
            index.locate(point, day(0)),
            Some(Uuid::from_u128(1)),
            "the eve"
        );
        assert_eq!(
            index.locate(point, day(1)),
            Some(Uuid::from_u128(2)),
            "the day"
        );
    }

    #[test]
    fn a_past_day_finds_the_district_of_its_time_though_a_commune_came_later() {
        let handover = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        let district = shape(
            1,
            AreaLevel::District,
            Some(handover),
            square((0.0, 0.0), (4.0, 4.0)),
        );
        let commune = AreaShape {
            valid_from: Some(handover),
            ..shape(2, AreaLevel::Commune, None, square((0.0, 0.0), (2.0, 2.0)))
        };
        let index = AreaIndex::new([district, commune]);
        let point = Coordinates::new(1.0, 1.0).expect("valid");
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(
            index.locate(point, on(2024, 12, 31)),
            Some(Uuid::from_u128(1))
        );
        assert_eq!(
            index.locate(point, on(2026, 1, 1)),
            Some(Uuid::from_u128(2))
        );
        let outside_commune = Coordinates::new(3.0, 3.0).expect("valid");
        assert_eq!(
            index.locate(outside_commune, on(2026, 1, 1)),
            Some(Uuid::from_u128(1)),
            "the ended district still holds what no commune does"
        );
    }
}

/// What the public may know of an area: how many of its sites are registered and audited,
/// how old the data is, their levels and the open barriers, with the areas below it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaFacts {
    /// The area.
    pub area: Area,
    /// The area it lies in, if any.
    pub parent: Option<Area>,
    /// Sites registered in it (and the areas below it).
    pub registered: u64,
    /// Of those, sites with an approved audit.
    pub audited: u64,
    /// Sites by level (`unknown` included).
    pub by_level: Vec<(crate::domain::site::level::Level, u64)>,
    /// The oldest and the newest latest approval among its audited sites.
    pub audits_between: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
    /// Open barriers (open, planned, in progress, reopened) by severity.
    pub open_by_severity: Vec<(crate::domain::checklist::Severity, u64)>,
    /// The areas directly below it: each with its registered and audited sites.
    pub below: Vec<(Area, u64, u64)>,
}

impl AreaFacts {
    /// The share of registered sites that are audited, in whole percent (0 when none).
    pub fn coverage_percent(&self) -> u64 {
        (self.audited * 100)
            .checked_div(self.registered)
            .unwrap_or(0)
    }
}
