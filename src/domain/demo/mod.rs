//! Demo data for Lạng Sơn: departments of the 2020 plan, the 11 units of 2020 with rough
//! boundaries, real-looking public sites, and a generator of synthetic sites for benchmarks.

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon, Rect, coord};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod audits;
pub mod reorganisation;

pub use audits::{Outlook, audit_answers};

use crate::domain::area::{AreaLevel, NewArea};
use crate::domain::department::NewDepartment;
use crate::domain::geo::{Bbox, Coordinates};
use crate::domain::lang::Bilingual;
use crate::domain::site::{NewSite, SiteKind, Subtype};

/// The demo sites, in the import CSV format (see `src/demo/sites.csv`).
pub const SITES_CSV: &str = include_str!("../../demo/sites.csv");

/// The departments named by plan 123/KH-UBND (2020).
pub fn departments() -> Vec<NewDepartment> {
    let dept = |code: &str, vi: &str, en: &str| NewDepartment {
        code: code.into(),
        name: Bilingual {
            vi: vi.into(),
            en: en.into(),
        },
    };
    vec![
        dept("construction", "Sở Xây dựng", "Department of Construction"),
        dept(
            "transport",
            "Sở Giao thông vận tải",
            "Department of Transport",
        ),
        dept(
            "culture",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Department of Culture, Sports and Tourism",
        ),
        dept(
            "labour",
            "Sở Lao động - Thương binh và Xã hội",
            "Department of Labour, Invalids and Social Affairs",
        ),
    ]
}

/// The 2020 units: GSO code, name, centre latitude and longitude.
const UNITS: [(&str, &str, f64, f64); 11] = [
    ("178", "Thành phố Lạng Sơn", 21.854, 106.759),
    ("180", "Huyện Tràng Định", 22.258, 106.469),
    ("181", "Huyện Bình Gia", 21.960, 106.367),
    ("182", "Huyện Văn Lãng", 22.056, 106.614),
    ("183", "Huyện Cao Lộc", 21.867, 106.770),
    ("184", "Huyện Văn Quan", 21.865, 106.539),
    ("185", "Huyện Bắc Sơn", 21.900, 106.319),
    ("186", "Huyện Hữu Lũng", 21.506, 106.345),
    ("187", "Huyện Chi Lăng", 21.658, 106.579),
    ("188", "Huyện Lộc Bình", 21.761, 106.920),
    ("189", "Huyện Đình Lập", 21.546, 107.099),
];

/// Half the side of the square standing in for the city, in degrees.
const CITY_HALF_SIDE: f64 = 0.03;

/// The province outline used by the demo: its bounding box.
fn province_rect() -> Rect<f64> {
    let region: Bbox = crate::domain::geo::LANG_SON_BBOX
        .parse()
        .expect("the default region is valid");
    region.rect()
}

pub(super) fn city_square() -> Polygon<f64> {
    let (_, _, lat, lon) = UNITS[0];
    Rect::new(
        coord! { x: lon - CITY_HALF_SIDE, y: lat - CITY_HALF_SIDE },
        coord! { x: lon + CITY_HALF_SIDE, y: lat + CITY_HALF_SIDE },
    )
    .to_polygon()
}

/// Keeps the part of a convex ring where `(b - a)·p <= (|b|² - |a|²) / 2`, i.e. nearer `a`.
fn clip_nearer(ring: &[Coord<f64>], a: Coord<f64>, b: Coord<f64>) -> Vec<Coord<f64>> {
    let (nx, ny) = (b.x - a.x, b.y - a.y);
    let limit = (b.x * b.x + b.y * b.y - a.x * a.x - a.y * a.y) / 2.0;
    let side = |p: Coord<f64>| nx * p.x + ny * p.y - limit;
    let mut out = Vec::new();
    for i in 0..ring.len() {
        let (p, q) = (ring[i], ring[(i + 1) % ring.len()]);
        let (sp, sq) = (side(p), side(q));
        if sp <= 0.0 {
            out.push(p);
        }
        if (sp < 0.0 && sq > 0.0) || (sp > 0.0 && sq < 0.0) {
            let t = sp / (sp - sq);
            out.push(coord! { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
        }
    }
    out
}

/// The province and its 11 units of 2020. Unit boundaries are nearest-centre cells inside
/// the province box, with the city as a small square: approximate, and marked so.
pub fn areas() -> Vec<NewArea> {
    let province = province_rect();
    let mut areas = vec![NewArea {
        code: "20".into(),
        name: "Tỉnh Lạng Sơn".into(),
        level: AreaLevel::Province,
        parent: None,
        valid_from: None,
        valid_to: None,
        approximate: true,
        boundary: MultiPolygon(vec![province.to_polygon()]),
        replaces: Vec::new(),
    }];
    for (code, name, boundary) in unit_cells() {
        areas.push(NewArea {
            code: code.into(),
            name: name.into(),
            level: AreaLevel::District,
            parent: Some("20".into()),
            valid_from: None,
            // Ended by the 2025 reorganisation (see [`reorganisation`]), not here.
            valid_to: None,
            approximate: true,
            boundary,
            replaces: Vec::new(),
        });
    }
    areas
}

/// The 2020 units' approximate boundaries, by GSO code and name: nearest-centre cells
/// inside the province box, the city a small square cut out of its neighbours.
pub(super) fn unit_cells() -> Vec<(&'static str, &'static str, MultiPolygon<f64>)> {
    let province = province_rect();
    let centre = |i: usize| coord! { x: UNITS[i].3, y: UNITS[i].2 };
    let city = MultiPolygon(vec![city_square()]);
    UNITS
        .iter()
        .enumerate()
        .map(|(i, (code, name, _, _))| {
            let boundary = if i == 0 {
                city.clone()
            } else {
                let mut ring: Vec<Coord<f64>> = province.to_polygon().exterior().0.clone();
                ring.pop();
                for j in 1..UNITS.len() {
                    if j != i {
                        ring = clip_nearer(&ring, centre(i), centre(j));
                    }
                }
                let cell = MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])]);
                cell.difference(&city)
            };
            (*code, *name, boundary)
        })
        .collect()
}

/// Name stems for synthetic sites, by subtype.
const STEMS: [(Subtype, &str); 12] = [
    (Subtype::School, "Trường Tiểu học"),
    (Subtype::School, "Trường THCS"),
    (Subtype::HealthStation, "Trạm Y tế xã"),
    (Subtype::PeopleCommittee, "UBND xã"),
    (Subtype::PostOffice, "Bưu điện văn hóa xã"),
    (Subtype::Market, "Chợ"),
    (Subtype::BusStop, "Điểm dừng xe buýt"),
    (Subtype::BusStation, "Bến xe"),
    (Subtype::RestStop, "Trạm dừng nghỉ"),
    (Subtype::CulturalHouse, "Nhà văn hóa thôn"),
    (Subtype::ReligiousSite, "Đình làng"),
    (Subtype::HistoricSite, "Di tích"),
];

const PLACES: [&str; 12] = [
    "Hoàng Đồng",
    "Mai Pha",
    "Tân Thanh",
    "Hồng Phong",
    "Yên Trạch",
    "Quang Lang",
    "Đồng Bành",
    "Tú Mịch",
    "Hòa Bình",
    "Khánh Khê",
    "Bình Trung",
    "Tân Đoàn",
];

/// `n` plausible synthetic sites, repeatable for a seed, streamed one at a time: spread
/// around the unit centres, with unique names.
pub fn synthetic_sites(n: u64, seed: u64) -> impl Iterator<Item = NewSite> {
    let mut rng = StdRng::seed_from_u64(seed);
    let region: Bbox = crate::domain::geo::LANG_SON_BBOX
        .parse()
        .expect("the default region is valid");
    (0..n).map(move |i| {
        let (_, unit, lat, lon) = UNITS[rng.random_range(0..UNITS.len())];
        // Sum of uniforms: a cheap bell curve about 0.1 degrees wide.
        let mut spread = || (0..3).map(|_| rng.random_range(-0.06..0.06)).sum::<f64>();
        let lat = (lat + spread()).clamp(region.min_lat, region.max_lat);
        let lon = (lon + spread()).clamp(region.min_lon, region.max_lon);
        let (subtype, stem) = STEMS[rng.random_range(0..STEMS.len())];
        let place = PLACES[rng.random_range(0..PLACES.len())];
        let kind = [
            SiteKind::PublicBuilding,
            SiteKind::TransportStop,
            SiteKind::CulturalSite,
        ]
        .into_iter()
        .find(|k| subtype.fits(*k))
        .expect("every stem's subtype fits a kind");
        let department = match kind {
            SiteKind::PublicBuilding => "construction",
            SiteKind::TransportStop => "transport",
            SiteKind::CulturalSite => "culture",
        };
        NewSite {
            name: format!("{stem} {place} số {}", i + 1),
            kind,
            subtype,
            address: Some(format!("{place}, {unit}, Lạng Sơn")),
            location: Coordinates::new(lon, lat).expect("clamped into the region"),
            department: department.into(),
            operator: None,
            design_approved_on: None,
            heritage: false,
        }
    })
}

/// `n` synthetic sites as an import file (`name,kind,subtype,lat,lon,address,department,
/// operator`), for trying and benchmarking imports.
pub fn synthetic_csv(n: u64, seed: u64) -> String {
    let mut csv = String::from("name,kind,subtype,lat,lon,address,department,operator\n");
    for site in synthetic_sites(n, seed) {
        csv.push_str(&format!(
            "\"{}\",{},{},{},{},\"{}\",{},\n",
            site.name,
            site.kind.as_str(),
            site.subtype.as_str(),
            site.location.lat(),
            site.location.lon(),
            site.address.unwrap_or_default(),
            site.department,
        ));
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::area::{AreaIndex, AreaShape};
    use crate::domain::import::{Format, check_site_rows, read_site_rows};
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn index() -> (AreaIndex, Vec<NewArea>) {
        let areas = areas();
        let shapes = areas.iter().enumerate().map(|(i, a)| AreaShape {
            id: Uuid::from_u128(i as u128),
            level: a.level,
            valid_from: a.valid_from,
            valid_to: a.valid_to,
            boundary: a.boundary.clone(),
        });
        (AreaIndex::new(shapes), areas)
    }

    #[test]
    fn each_unit_contains_its_own_centre_except_cao_loc_inside_the_city() {
        let (index, areas) = index();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        for (i, (code, _, lat, lon)) in UNITS.iter().enumerate() {
            let found = index
                .locate(Coordinates::new(*lon, *lat).expect("valid"), today)
                .expect("inside the province");
            let expected = if *code == "183" { "178" } else { code };
            assert_eq!(areas[found.as_u128() as usize].code, expected, "unit {i}");
        }
    }

    #[test]
    fn demo_sites_are_valid_import_rows_spread_over_every_unit() {
        let rows = read_site_rows(Format::Csv, SITES_CSV.as_bytes()).expect("readable");
        let departments =
            crate::domain::department::Directory::new(departments().into_iter().enumerate().map(
                |(i, d)| crate::domain::department::Department {
                    id: Uuid::from_u128(i as u128),
                    code: d.code,
                    name: d.name,
                    version: 1,
                },
            ));
        let region = crate::domain::geo::LANG_SON_BBOX.parse().expect("valid");
        let sites = check_site_rows(rows, &region, &departments, &Default::default())
            .expect("the demo file is valid");
        assert!(sites.len() >= 40, "{} demo sites", sites.len());
        let (index, areas) = index();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let mut units = std::collections::HashSet::new();
        for site in &sites {
            let found = index.locate(site.value.location, today).expect("inside");
            units.insert(areas[found.as_u128() as usize].code.clone());
        }
        assert_eq!(units.len(), 11, "{units:?}");
    }

    #[test]
    fn a_synthetic_csv_is_a_valid_import_file() {
        let csv = synthetic_csv(20, 3);
        let rows = read_site_rows(Format::Csv, csv.as_bytes()).expect("readable");
        assert_eq!(rows.len(), 20);
        let directory = crate::domain::department::Directory::new(
            ["construction", "transport", "culture"]
                .iter()
                .enumerate()
                .map(|(i, code)| crate::domain::department::Department {
                    id: Uuid::from_u128(i as u128),
                    code: (*code).into(),
                    name: Bilingual {
                        vi: (*code).into(),
                        en: (*code).into(),
                    },
                    version: 1,
                }),
        );
        let region = crate::domain::geo::LANG_SON_BBOX.parse().expect("valid");
        check_site_rows(rows, &region, &directory, &Default::default()).expect("every row is good");
    }

    #[test]
    fn synthetic_sites_are_repeatable_and_in_the_region() {
        let a: Vec<_> = synthetic_sites(50, 7).collect();
        let b: Vec<_> = synthetic_sites(50, 7).collect();
        assert_eq!(a, b);
        let names: std::collections::HashSet<_> = a.iter().map(|s| &s.name).collect();
        assert_eq!(names.len(), 50);
        assert!(a.iter().all(|s| s.subtype.fits(s.kind)));
    }
}
