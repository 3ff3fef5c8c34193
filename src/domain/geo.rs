//! Points and boxes in WGS84 longitude/latitude, checked on the way in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::validation::Problem;

/// Lạng Sơn province, slightly padded (see `docs/regulations.md` and the demo data): the
/// default region and the box the demo's synthetic sites are kept in.
pub const LANG_SON_BBOX: &str = "106.10,21.32,107.35,22.45";

/// A WGS84 point that is known to be finite and in range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    lon: f64,
    lat: f64,
}

impl Coordinates {
    /// Checks a longitude and latitude; the error names the one that is wrong.
    pub fn new(lon: f64, lat: f64) -> Result<Self, (&'static str, Problem)> {
        longitude(lon).map_err(|p| ("lon", p))?;
        latitude(lat).map_err(|p| ("lat", p))?;
        Ok(Coordinates { lon, lat })
    }

    /// Longitude in degrees east.
    pub fn lon(self) -> f64 {
        self.lon
    }

    /// Latitude in degrees north.
    pub fn lat(self) -> f64 {
        self.lat
    }

    /// The point as a `geo` point (x = lon, y = lat).
    pub fn point(self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}

/// Checks a latitude on its own.
pub fn latitude(value: f64) -> Result<f64, Problem> {
    check_range(value, -90.0, 90.0)
}

/// Checks a longitude on its own.
pub fn longitude(value: f64) -> Result<f64, Problem> {
    check_range(value, -180.0, 180.0)
}

fn check_range(value: f64, min: f64, max: f64) -> Result<f64, Problem> {
    if !value.is_finite() {
        return Err(Problem::NotANumber);
    }
    if value < min || value > max {
        return Err(Problem::OutOfRange { min, max });
    }
    Ok(value)
}

/// Reads a coordinate typed by a person or found in a file ("21.85", " 106,75" is refused).
pub fn parse_degrees(text: &str) -> Result<f64, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let value: f64 = text.parse().map_err(|_| Problem::NotANumber)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Problem::NotANumber)
    }
}

/// Great-circle distance in metres between two points (haversine, mean Earth radius).
pub fn distance_m(a: Coordinates, b: Coordinates) -> f64 {
    use geo::Distance as _;
    geo::Haversine.distance(a.point(), b.point())
}

/// A longitude/latitude box, `min <= max` on both axes (boxes across the antimeridian are
/// not needed for one country and are refused).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bbox {
    /// West edge.
    pub min_lon: f64,
    /// South edge.
    pub min_lat: f64,
    /// East edge.
    pub max_lon: f64,
    /// North edge.
    pub max_lat: f64,
}

impl Bbox {
    /// True when `point` lies inside or on the edge.
    pub fn contains(&self, point: Coordinates) -> bool {
        (self.min_lon..=self.max_lon).contains(&point.lon)
            && (self.min_lat..=self.max_lat).contains(&point.lat)
    }

    /// True when the two boxes share at least one point.
    pub fn intersects(&self, other: &Bbox) -> bool {
        self.min_lon <= other.max_lon
            && other.min_lon <= self.max_lon
            && self.min_lat <= other.max_lat
            && other.min_lat <= self.max_lat
    }

    /// The box as a `geo` rectangle.
    pub fn rect(&self) -> geo::Rect<f64> {
        geo::Rect::new(
            geo::coord! { x: self.min_lon, y: self.min_lat },
            geo::coord! { x: self.max_lon, y: self.max_lat },
        )
    }

    /// The smallest box around a rectangle.
    pub fn from_rect(rect: geo::Rect<f64>) -> Bbox {
        Bbox {
            min_lon: rect.min().x,
            min_lat: rect.min().y,
            max_lon: rect.max().x,
            max_lat: rect.max().y,
        }
    }
}

impl fmt::Display for Bbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{},{},{},{}",
            self.min_lon, self.min_lat, self.max_lon, self.max_lat
        )
    }
}

impl FromStr for Bbox {
    type Err = Problem;

    /// Reads `minLon,minLat,maxLon,maxLat`.
    fn from_str(text: &str) -> Result<Self, Problem> {
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() != 4 {
            return Err(Problem::WrongParts {
                expected: 4,
                given: parts.len(),
            });
        }
        let mut values = [0.0; 4];
        for (value, part) in values.iter_mut().zip(&parts) {
            *value = parse_degrees(part)?;
        }
        let [min_lon, min_lat, max_lon, max_lat] = values;
        for lon in [min_lon, max_lon] {
            check_range(lon, -180.0, 180.0)?;
        }
        for lat in [min_lat, max_lat] {
            check_range(lat, -90.0, 90.0)?;
        }
        if min_lon > max_lon || min_lat > max_lat {
            return Err(Problem::MinAboveMax);
        }
        Ok(Bbox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }
}

/// Metres in one degree of latitude (and of longitude at the equator).
const METRES_PER_DEGREE: f64 = 111_320.0;

impl Bbox {
    /// The box reaching `metres` north, south, east and west of `centre`.
    pub fn around(centre: Coordinates, metres: f64) -> Bbox {
        let dlat = metres / METRES_PER_DEGREE;
        let dlon = metres / (METRES_PER_DEGREE * centre.lat.to_radians().cos().max(0.01));
        Bbox {
            min_lon: (centre.lon - dlon).max(-180.0),
            min_lat: (centre.lat - dlat).max(-90.0),
            max_lon: (centre.lon + dlon).min(180.0),
            max_lat: (centre.lat + dlat).min(90.0),
        }
    }
}

/// Reads a position as a browser's location is written into a link: `LAT,LON`.
pub fn parse_position(text: &str) -> Result<Coordinates, Problem> {
    let (lat, lon) = text.split_once(',').ok_or(Problem::NotANumber)?;
    let number = |t: &str| t.trim().parse::<f64>().map_err(|_| Problem::NotANumber);
    Coordinates::new(number(lon)?, number(lat)?).map_err(|(_, p)| p)
}

/// `items` nearest first from `from`, each with its distance in metres.
pub fn nearest_first<T>(
    items: Vec<T>,
    from: Coordinates,
    at: impl Fn(&T) -> Coordinates,
) -> Vec<(T, f64)> {
    let mut out: Vec<(T, f64)> = items
        .into_iter()
        .map(|item| {
            let d = distance_m(from, at(&item));
            (item, d)
        })
        .collect();
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    out
}

/// The search for what is nearest to a position, box by box from the street to the
/// province: the smallest radius holding enough, else all within the largest (100 km).
/// Each box is read nearest first and cut to the limit, so a dense box cannot hide a
/// nearer place.
#[derive(Debug, Clone)]
pub struct NearSearch {
    from: Coordinates,
    limit: usize,
    /// How many radii have been given out.
    tried: usize,
}

impl NearSearch {
    /// Radii tried in turn: the street, the town, the district, the province.
    pub const RADII_M: [f64; 4] = [1_000.0, 5_000.0, 20_000.0, 100_000.0];

    /// A search for the `limit` places nearest to `from`.
    pub fn new(from: Coordinates, limit: u32) -> NearSearch {
        NearSearch {
            from,
            limit: limit as usize,
            tried: 0,
        }
    }

    /// The next box to read; none after the largest.
    pub fn next_box(&mut self) -> Option<Bbox> {
        let radius = Self::RADII_M.get(self.tried)?;
        self.tried += 1;
        Some(Bbox::around(self.from, *radius))
    }

    /// What the last box read holds within its radius, nearest first with distances in
    /// metres, once that is enough or the box was the largest; none to read the next box.
    pub fn keep<T>(&self, items: Vec<T>, at: impl Fn(&T) -> Coordinates) -> Option<Vec<(T, f64)>> {
        let radius = Self::RADII_M[self.tried.max(1) - 1];
        let mut found = nearest_first(items, self.from, at);
        found.retain(|(_, d)| *d <= radius);
        (found.len() >= self.limit || self.tried == Self::RADII_M.len()).then_some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_widens_until_a_box_holds_enough_and_stops_at_the_province() {
        let here = Coordinates::new(106.76, 21.85).expect("valid");
        let north = |km: f64| Coordinates::new(106.76, 21.85 + km / 111.2).expect("valid");
        let mut search = NearSearch::new(here, 2);
        assert!(search.next_box().is_some());
        // One site 0.5 km away and one 3 km away: the street holds one, not enough.
        assert_eq!(search.keep(vec![north(0.5), north(3.0)], |c| *c), None);
        assert!(search.next_box().is_some());
        let found = search
            .keep(vec![north(3.0), north(0.5)], |c| *c)
            .expect("the town holds two");
        assert!(found[0].1 < found[1].1, "nearest first");
        let mut lonely = NearSearch::new(here, 5);
        let mut boxes = 0;
        let mut last = None;
        while lonely.next_box().is_some() {
            boxes += 1;
            last = lonely.keep(vec![north(150.0)], |c| *c);
            if last.is_some() {
                break;
            }
        }
        assert_eq!(boxes, 4, "every radius is tried");
        assert_eq!(
            last.map(|f| f.len()),
            Some(0),
            "150 km is beyond the province"
        );
    }

    #[test]
    fn a_box_around_a_point_reaches_the_distance_each_way() {
        let centre = Coordinates::new(106.7615, 21.8537).expect("valid");
        let b = Bbox::around(centre, 2_000.0);
        let north = Coordinates::new(106.7615, b.max_lat).expect("valid");
        let east = Coordinates::new(b.max_lon, 21.8537).expect("valid");
        assert!((distance_m(centre, north) - 2_000.0).abs() < 20.0);
        assert!((distance_m(centre, east) - 2_000.0).abs() < 20.0);
        assert!(b.contains(centre));
    }

    #[test]
    fn a_position_is_read_as_lat_comma_lon_and_sorted_nearest_first() {
        let here = parse_position("21.8537, 106.7615").expect("valid");
        assert_eq!((here.lat(), here.lon()), (21.8537, 106.7615));
        assert_eq!(parse_position("21.85"), Err(Problem::NotANumber));
        assert_eq!(parse_position("x,106"), Err(Problem::NotANumber));
        assert!(matches!(
            parse_position("95,106"),
            Err(Problem::OutOfRange { .. })
        ));
        let far = Coordinates::new(106.80, 21.90).expect("valid");
        let near = Coordinates::new(106.762, 21.854).expect("valid");
        let sorted = nearest_first(vec![far, near], here, |c| *c);
        assert_eq!(sorted[0].0, near);
        assert!(sorted[0].1 < sorted[1].1);
    }

    #[test]
    fn distance_between_two_points_is_the_great_circle_in_metres() {
        let lang_son = Coordinates::new(106.7615, 21.8537).expect("valid");
        let hanoi = Coordinates::new(105.8342, 21.0278).expect("valid");
        // One minute of latitude is about one nautical mile (1,852 m).
        let north = Coordinates::new(106.7615, 21.8537 + 1.0 / 60.0).expect("valid");
        assert!((distance_m(lang_son, north) - 1853.0).abs() < 5.0);
        // Lạng Sơn to Hà Nội is about 132 km as the crow flies.
        let far = distance_m(lang_son, hanoi);
        assert!((130_000.0..135_000.0).contains(&far), "{far}");
        assert_eq!(distance_m(hanoi, hanoi), 0.0);
    }

    #[test]
    fn coordinates_refuse_nan_and_out_of_range_naming_the_axis() {
        assert_eq!(
            Coordinates::new(f64::NAN, 21.0),
            Err(("lon", Problem::NotANumber))
        );
        assert!(matches!(
            Coordinates::new(106.0, 91.0),
            Err(("lat", Problem::OutOfRange { .. }))
        ));
        assert!(Coordinates::new(106.7, 21.8).is_ok());
    }

    #[test]
    fn parse_degrees_refuses_text_and_infinity() {
        assert_eq!(parse_degrees("abc"), Err(Problem::NotANumber));
        assert_eq!(parse_degrees("inf"), Err(Problem::NotANumber));
        assert_eq!(parse_degrees("NaN"), Err(Problem::NotANumber));
        assert_eq!(parse_degrees(""), Err(Problem::Required));
        assert_eq!(parse_degrees(" 21.5 "), Ok(21.5));
    }

    #[test]
    fn bbox_parses_four_numbers_in_order() {
        let bbox: Bbox = "106.1,21.3,107.4,22.5".parse().expect("valid");
        assert_eq!(bbox.min_lon, 106.1);
        assert_eq!(bbox.max_lat, 22.5);
        assert!(bbox.contains(Coordinates::new(106.7, 21.8).expect("valid")));
        assert!(!bbox.contains(Coordinates::new(105.0, 21.8).expect("valid")));
    }

    #[test]
    fn bbox_refuses_min_above_max_wrong_count_and_range() {
        assert_eq!("107,21,106,22".parse::<Bbox>(), Err(Problem::MinAboveMax));
        assert_eq!(
            "1,2,3".parse::<Bbox>(),
            Err(Problem::WrongParts {
                expected: 4,
                given: 3
            })
        );
        assert!(matches!(
            "0,-95,1,1".parse::<Bbox>(),
            Err(Problem::OutOfRange { .. })
        ));
    }
}
