//! The demo's 2025: on 1 July the district level ended and Lạng Sơn's communes were
//! rearranged (Resolution 1672/NQ-UBTVQH15), and provincial departments were merged. The
//! demo replays that history on top of the 2020 structure, so a new install shows how a
//! province moves its registry to the new map: reports of periods before the change still
//! count the districts.
//!
//! The boundaries are rough stand-ins, marked approximate: the city's square is cut into
//! the four wards of 2025, and each former district becomes one commune-level area named
//! after the commune at its old seat, standing for all the communes of that district (the
//! province has 65). A real deployment imports the official boundaries instead.

use chrono::NaiveDate;
use geo::{BooleanOps, MultiPolygon, Rect, coord};

use super::{city_square, unit_cells};
use crate::domain::area::{AreaLevel, NewArea};
use crate::domain::department::NewDepartment;
use crate::domain::lang::Bilingual;

/// The first day of the new map.
pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a valid date")
}

/// The four wards of 2025, from the north-west clockwise.
const WARDS: [(&str, &str); 4] = [
    ("phuong-tam-thanh", "Phường Tam Thanh"),
    ("phuong-luong-van-tri", "Phường Lương Văn Tri"),
    ("phuong-dong-kinh", "Phường Đông Kinh"),
    ("phuong-ky-lua", "Phường Kỳ Lừa"),
];

/// Each former district's stand-in commune: the district's GSO code, its code and name.
const COMMUNES: [(&str, &str, &str); 10] = [
    ("180", "xa-that-khe", "Xã Thất Khê"),
    ("181", "xa-binh-gia", "Xã Bình Gia"),
    ("182", "xa-na-sam", "Xã Na Sầm"),
    ("183", "xa-dong-dang", "Xã Đồng Đăng"),
    ("184", "xa-van-quan", "Xã Văn Quan"),
    ("185", "xa-bac-son", "Xã Bắc Sơn"),
    ("186", "xa-huu-lung", "Xã Hữu Lũng"),
    ("187", "xa-chi-lang", "Xã Chi Lăng"),
    ("188", "xa-loc-binh", "Xã Lộc Bình"),
    ("189", "xa-dinh-lap", "Xã Đình Lập"),
];

/// The commune-level areas of 2025, each naming the 2020 unit it replaces.
pub fn areas() -> Vec<NewArea> {
    let area = |code: &str, name: &str, replaces: &str, boundary: MultiPolygon<f64>| NewArea {
        code: code.into(),
        name: name.into(),
        level: AreaLevel::Commune,
        parent: Some("20".into()),
        valid_from: Some(day()),
        valid_to: None,
        approximate: true,
        boundary,
        replaces: vec![replaces.into()],
    };
    let city = MultiPolygon(vec![city_square()]);
    let (min, max) = city_square().exterior().0.iter().fold(
        ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN)),
        |(lo, hi), c| {
            (
                (lo.0.min(c.x), lo.1.min(c.y)),
                (hi.0.max(c.x), hi.1.max(c.y)),
            )
        },
    );
    let (mid_x, mid_y) = ((min.0 + max.0) / 2.0, (min.1 + max.1) / 2.0);
    let quarters = [
        ((min.0, mid_y), (mid_x, max.1)),
        ((mid_x, mid_y), (max.0, max.1)),
        ((mid_x, min.1), (max.0, mid_y)),
        ((min.0, min.1), (mid_x, mid_y)),
    ];
    let mut out: Vec<NewArea> = WARDS
        .iter()
        .zip(quarters)
        .map(|((code, name), (lo, hi))| {
            let quarter = Rect::new(coord! { x: lo.0, y: lo.1 }, coord! { x: hi.0, y: hi.1 });
            let boundary = city.intersection(&MultiPolygon(vec![quarter.to_polygon()]));
            area(code, name, "178", boundary)
        })
        .collect();
    let cells = unit_cells();
    for (district, code, name) in COMMUNES {
        let (_, _, boundary) = cells
            .iter()
            .find(|(c, _, _)| *c == district)
            .expect("every 2020 district has a cell");
        out.push(area(code, name, district, boundary.clone()));
    }
    out
}

/// The department created in 2025 to take over another's work.
pub fn new_departments() -> Vec<NewDepartment> {
    vec![NewDepartment {
        code: "home_affairs".into(),
        name: Bilingual {
            vi: "Sở Nội vụ".into(),
            en: "Department of Home Affairs".into(),
        },
    }]
}

/// The 2025 mergers: transport into construction, labour into home affairs.
pub const MERGERS: [(&str, &str); 2] = [("transport", "construction"), ("labour", "home_affairs")];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::area::AreaIndex;
    use crate::domain::geo::Coordinates;

    #[test]
    fn every_2020_unit_is_replaced_and_every_place_of_the_province_has_a_2025_area() {
        let areas = areas();
        let replaced: std::collections::BTreeSet<&str> = areas
            .iter()
            .flat_map(|a| a.replaces.iter().map(String::as_str))
            .collect();
        let units: std::collections::BTreeSet<&str> =
            unit_cells().iter().map(|(code, _, _)| *code).collect();
        assert_eq!(replaced, units);
        let shapes = areas
            .iter()
            .enumerate()
            .map(|(n, a)| crate::domain::area::AreaShape {
                id: uuid::Uuid::from_u128(n as u128 + 1),
                level: a.level,
                valid_from: a.valid_from,
                valid_to: None,
                boundary: a.boundary.clone(),
            });
        let index = AreaIndex::new(shapes);
        let after = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        for (lat, lon) in [
            (21.854, 106.759),
            (21.86, 106.75),
            (22.258, 106.469),
            (21.506, 106.345),
        ] {
            let point = Coordinates::new(lon, lat).expect("valid");
            assert!(index.locate(point, after).is_some(), "{lat},{lon}");
        }
    }
}
