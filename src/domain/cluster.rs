//! The map's clusters: sites grouped per zoom level on a grid in Web Mercator pixel space,
//! each group counting its sites by level, built once in memory and queried per viewport.
//!
//! At zoom `z` the world is `256 · 2^z` pixels wide; sites whose positions fall in the same
//! `radius`-pixel cell form one cluster, placed at their mean position. Above `max_zoom`
//! every site stands alone. A query reads only the cells of the viewport.

use uuid::Uuid;

use super::geo::Bbox;
use super::site::level::Level;

/// A site as the index holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The site.
    pub id: Uuid,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Its level.
    pub level: Level,
}

/// What a viewport shows at a zoom.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Several sites.
    Cluster {
        /// Mean longitude of its sites.
        lon: f64,
        /// Mean latitude.
        lat: f64,
        /// How many sites.
        count: u32,
        /// How many at each level, in [`Level::ALL`] order.
        by_level: [u32; 4],
    },
    /// One site.
    Site(Point),
}

/// One cell of one zoom.
#[derive(Debug, Clone)]
struct Cell {
    cx: u32,
    cy: u32,
    count: u32,
    by_level: [u32; 4],
    sum_lon: f64,
    sum_lat: f64,
    /// The site, while the cell holds one.
    one: Option<Point>,
}

/// The index.
#[derive(Debug, Clone, Default)]
pub struct ClusterIndex {
    /// Per zoom 0..=max_zoom, the cells sorted by (cx, cy).
    zooms: Vec<Vec<Cell>>,
    /// Every site, sorted by Mercator x, for zooms above `max_zoom`.
    singles: Vec<(f64, Point)>,
    radius: f64,
    max_zoom: u8,
}

/// Web Mercator `x` of `lon` in 0..1.
fn mercator_x(lon: f64) -> f64 {
    (lon + 180.0) / 360.0
}

/// Web Mercator `y` of `lat` in 0..1 (north at 0), clamped to the projection's limits.
fn mercator_y(lat: f64) -> f64 {
    let lat = lat.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0
}

fn level_index(level: Level) -> usize {
    Level::ALL.iter().position(|l| *l == level).unwrap_or(3)
}

impl ClusterIndex {
    /// Groups `points` at every zoom from 0 to `max_zoom`, in cells `radius` pixels wide.
    ///
    /// The sites are sorted once by their cell at `max_zoom`; each zoom below merges the
    /// cells of the one above (a cell at zoom `z` is exactly four cells at `z + 1`, since
    /// the grid doubles), so the work after the first sort is on cells, not on sites.
    pub fn build(points: &[Point], radius: f64, max_zoom: u8) -> ClusterIndex {
        let side = |z: u8| 256.0 * f64::from(1u32 << z) / radius;
        let top = side(max_zoom);
        let mut keyed: Vec<(u32, u32, usize)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    (mercator_x(p.lon) * top) as u32,
                    (mercator_y(p.lat) * top) as u32,
                    i,
                )
            })
            .collect();
        keyed.sort_unstable_by_key(|&(cx, cy, _)| (cx, cy));
        let mut cells: Vec<Cell> = Vec::new();
        for &(cx, cy, i) in &keyed {
            let p = points[i];
            match cells.last_mut() {
                Some(c) if c.cx == cx && c.cy == cy => {
                    c.one = None;
                    c.count += 1;
                    c.by_level[level_index(p.level)] += 1;
                    c.sum_lon += p.lon;
                    c.sum_lat += p.lat;
                }
                _ => {
                    let mut by_level = [0; 4];
                    by_level[level_index(p.level)] = 1;
                    cells.push(Cell {
                        cx,
                        cy,
                        count: 1,
                        by_level,
                        sum_lon: p.lon,
                        sum_lat: p.lat,
                        one: Some(p),
                    });
                }
            }
        }
        let mut zooms = vec![Vec::new(); usize::from(max_zoom) + 1];
        zooms[usize::from(max_zoom)] = cells;
        for z in (0..max_zoom).rev() {
            let mut parents: Vec<Cell> = zooms[usize::from(z) + 1]
                .iter()
                .map(|c| Cell {
                    cx: c.cx / 2,
                    cy: c.cy / 2,
                    ..c.clone()
                })
                .collect();
            parents.sort_unstable_by_key(|c| (c.cx, c.cy));
            let mut merged: Vec<Cell> = Vec::with_capacity(parents.len());
            for c in parents {
                match merged.last_mut() {
                    Some(m) if m.cx == c.cx && m.cy == c.cy => {
                        m.one = None;
                        m.count += c.count;
                        for (a, b) in m.by_level.iter_mut().zip(c.by_level) {
                            *a += b;
                        }
                        m.sum_lon += c.sum_lon;
                        m.sum_lat += c.sum_lat;
                    }
                    _ => merged.push(c),
                }
            }
            zooms[usize::from(z)] = merged;
        }
        let mut singles: Vec<(f64, Point)> =
            points.iter().map(|p| (mercator_x(p.lon), *p)).collect();
        singles.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        ClusterIndex {
            zooms,
            singles,
            radius,
            max_zoom,
        }
    }

    /// How many sites the index holds.
    pub fn len(&self) -> usize {
        self.singles.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.singles.is_empty()
    }

    /// The clusters and single sites inside `bbox` at `zoom`.
    pub fn query(&self, bbox: Bbox, zoom: u8) -> Vec<Item> {
        let (x0, x1) = (mercator_x(bbox.min_lon), mercator_x(bbox.max_lon));
        let (y0, y1) = (mercator_y(bbox.max_lat), mercator_y(bbox.min_lat));
        if zoom > self.max_zoom {
            let start = self.singles.partition_point(|(x, _)| *x < x0);
            return self.singles[start..]
                .iter()
                .take_while(|(x, _)| *x <= x1)
                .map(|(_, p)| p)
                .filter(|p| p.lat >= bbox.min_lat && p.lat <= bbox.max_lat)
                .map(|p| Item::Site(*p))
                .collect();
        }
        let cells = &self.zooms[usize::from(zoom)];
        let cells_per_side = 256.0 * f64::from(1u32 << zoom) / self.radius;
        let (cx0, cx1) = ((x0 * cells_per_side) as u32, (x1 * cells_per_side) as u32);
        let (cy0, cy1) = ((y0 * cells_per_side) as u32, (y1 * cells_per_side) as u32);
        let start = cells.partition_point(|c| c.cx < cx0);
        cells[start..]
            .iter()
            .take_while(|c| c.cx <= cx1)
            .filter(|c| c.cy >= cy0 && c.cy <= cy1)
            .map(|c| match c.one {
                Some(p) => Item::Site(p),
                None => Item::Cluster {
                    lon: c.sum_lon / f64::from(c.count),
                    lat: c.sum_lat / f64::from(c.count),
                    count: c.count,
                    by_level: c.by_level,
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(n: u128, lon: f64, lat: f64, level: Level) -> Point {
        Point {
            id: Uuid::from_u128(n),
            lon,
            lat,
            level,
        }
    }

    const WORLD: Bbox = Bbox {
        min_lon: -180.0,
        min_lat: -85.0,
        max_lon: 180.0,
        max_lat: 85.0,
    };

    fn total(items: &[Item]) -> u32 {
        items
            .iter()
            .map(|i| match i {
                Item::Cluster { count, .. } => *count,
                Item::Site(_) => 1,
            })
            .sum()
    }

    #[test]
    fn every_site_is_counted_once_at_every_zoom_and_by_its_level() {
        let points: Vec<Point> = (0..500)
            .map(|n| {
                let level = Level::ALL[n % 4];
                point(
                    n as u128,
                    106.0 + (n % 25) as f64 * 0.05,
                    21.5 + (n / 25) as f64 * 0.03,
                    level,
                )
            })
            .collect();
        let index = ClusterIndex::build(&points, 60.0, 16);
        for zoom in 0..=17 {
            let items = index.query(WORLD, zoom);
            assert_eq!(total(&items), 500, "zoom {zoom}");
            let mut levels = [0u32; 4];
            for item in &items {
                match item {
                    Item::Cluster { by_level, .. } => {
                        for (l, n) in by_level.iter().enumerate() {
                            levels[l] += n;
                        }
                    }
                    Item::Site(p) => levels[level_index(p.level)] += 1,
                }
            }
            assert_eq!(levels, [125; 4], "zoom {zoom}");
        }
        assert_eq!(
            index.query(WORLD, 0).len(),
            1,
            "the province is one cluster from afar"
        );
        assert!(
            index
                .query(WORLD, 17)
                .iter()
                .all(|i| matches!(i, Item::Site(_)))
        );
    }

    #[test]
    fn a_viewport_holds_only_what_lies_in_it_and_zooming_in_splits_clusters() {
        let points = [
            point(1, 106.76, 21.85, Level::Accessible),
            point(2, 106.761, 21.851, Level::Partly),
            point(3, 105.0, 20.0, Level::Unknown),
        ];
        let index = ClusterIndex::build(&points, 60.0, 16);
        let city = Bbox {
            min_lon: 106.7,
            min_lat: 21.8,
            max_lon: 106.8,
            max_lat: 21.9,
        };
        let far = index.query(city, 8);
        assert_eq!(total(&far), 2, "the third site is outside: {far:?}");
        assert!(matches!(far[0], Item::Cluster { count: 2, .. }));
        let near = index.query(city, 17);
        assert_eq!(near.len(), 2, "two single sites when zoomed in");
        assert!(near.iter().all(|i| matches!(i, Item::Site(_))));
    }
}
