//! The map's clusters: sites grouped per zoom level on a grid in Web Mercator pixel space,
//! each group counting its sites by level, built once in memory and queried per viewport.
//!
//! At zoom `z` the world is `256 · 2^z` pixels wide; sites whose positions fall in the same
//! `radius`-pixel cell form one cluster, placed at their mean position. Above `max_zoom`
//! every site stands alone. A query reads only the cells of the viewport: its columns, and in
//! each column its rows.
//!
//! The build sorts the sites once, by a radix sort on their cell at `max_zoom` (column, then
//! row). Every zoom below is made from the one above without sorting again: a cell at zoom `z`
//! is exactly four cells at `z + 1` (the grid doubles), two in each of two neighbouring
//! columns, so each column pair is merged row by row. The work after the sort is on cells.

use uuid::Uuid;

mod grid;

use grid::{Cell, Grid, radix_sort};

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

/// The index.
#[derive(Debug, Clone, Default)]
pub struct ClusterIndex {
    /// Every site, sorted by its cell at `max_zoom`: column, then row.
    points: Vec<Point>,
    /// Per zoom 0..=max_zoom, its cells.
    zooms: Vec<Grid>,
    radius: f64,
    max_zoom: u8,
}

/// Web Mercator `x` of `lon` in 0..1.
fn mercator_x(lon: f64) -> f64 {
    (lon + 180.0) / 360.0
}

/// Web Mercator `y` of `lat` in 0..1 (north at 0), clamped to the projection's limits.
fn mercator_y(lat: f64) -> f64 {
    let sin = lat.clamp(-85.051_128_78, 85.051_128_78).to_radians().sin();
    0.5 - ((1.0 + sin) / (1.0 - sin)).ln() / (4.0 * std::f64::consts::PI)
}

/// Cells across the world at `zoom`.
fn cells_per_side(zoom: u8, radius: f64) -> f64 {
    256.0 * f64::from(1u32 << zoom) / radius
}

/// The place of `level` in [`Level::ALL`].
fn level_index(level: Level) -> usize {
    match level {
        Level::Accessible => 0,
        Level::Partly => 1,
        Level::NotAccessible => 2,
        Level::Unknown => 3,
    }
}

/// The sites sorted by their cell at `side` cells across the world (column, then row), and
/// each one's cell as a word, column in the high half and row in the low half.
///
/// One radix sort: its key counts from the lowest column and row in use, so it has few bits,
/// and carries the site's place beside it in the same word when both fit.
fn by_cell(points: &[Point], side: f64) -> (Vec<Point>, Vec<u64>) {
    let mut words: Vec<u64> = points
        .iter()
        .map(|p| {
            let cx = (mercator_x(p.lon) * side) as u32;
            (u64::from(cx) << 32) | u64::from((mercator_y(p.lat) * side) as u32)
        })
        .collect();
    let (x0, x1, y0, y1) = words.iter().fold((u32::MAX, 0, u32::MAX, 0), |b, &w| {
        let (cx, cy) = ((w >> 32) as u32, w as u32);
        (b.0.min(cx), b.1.max(cx), b.2.min(cy), b.3.max(cy))
    });
    let bits = |span: u64| u64::BITS - span.leading_zeros();
    let y_bits = bits(u64::from(y1.saturating_sub(y0)));
    let key_bits = bits(u64::from(x1.saturating_sub(x0))) + y_bits;
    let key = |w: u64| (((w >> 32) - u64::from(x0)) << y_bits) | u64::from(w as u32 - y0);
    let cell = |key: u64| {
        let row = (key & ((1 << y_bits) - 1)) + u64::from(y0);
        (((key >> y_bits) + u64::from(x0)) << 32) | row
    };
    let site_bits = bits(points.len() as u64);
    let mut sorted = Vec::with_capacity(points.len());
    if key_bits + site_bits <= u64::BITS {
        for (site, w) in words.iter_mut().enumerate() {
            *w = (key(*w) << site_bits) | site as u64;
        }
        radix_sort(&mut words, |w| w >> site_bits, key_bits);
        for w in &mut words {
            sorted.push(points[(*w & ((1 << site_bits) - 1)) as usize]);
            *w = cell(*w >> site_bits);
        }
    } else {
        let mut keyed: Vec<(u64, usize)> = words.iter().map(|&w| key(w)).zip(0..).collect();
        radix_sort(&mut keyed, |&(k, _)| k, key_bits);
        for (w, (k, site)) in words.iter_mut().zip(keyed) {
            sorted.push(points[site]);
            *w = cell(k);
        }
    }
    (sorted, words)
}

impl ClusterIndex {
    /// Groups `points` at every zoom from 0 to `max_zoom`, in cells `radius` pixels wide.
    pub fn build(points: &[Point], radius: f64, max_zoom: u8) -> ClusterIndex {
        let (sorted, cells) = by_cell(points, cells_per_side(max_zoom, radius));
        let mut top = Grid::with_capacity(0, sorted.len());
        for (n, (&w, p)) in cells.iter().zip(&sorted).enumerate() {
            top.push((w >> 32) as u32, Cell::one(w as u32, p, n as u32));
        }
        drop(cells);
        top.shrink_to_fit();

        let mut zooms = Vec::with_capacity(usize::from(max_zoom) + 1);
        zooms.push(top);
        for _ in 0..max_zoom {
            let finer = zooms.last().expect("the top zoom is there");
            zooms.push(finer.parent());
        }
        zooms.reverse();
        ClusterIndex {
            points: sorted,
            zooms,
            radius,
            max_zoom,
        }
    }

    /// How many sites the index holds.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The clusters and single sites inside `bbox` at `zoom`.
    pub fn query(&self, bbox: Bbox, zoom: u8) -> Vec<Item> {
        let (x0, x1) = (mercator_x(bbox.min_lon), mercator_x(bbox.max_lon));
        let (y0, y1) = (mercator_y(bbox.max_lat), mercator_y(bbox.min_lat));
        let at = zoom.min(self.max_zoom);
        let Some(grid) = self.zooms.get(usize::from(at)) else {
            return Vec::new();
        };
        let side = cells_per_side(at, self.radius);
        let cells = grid.within(
            ((x0 * side) as u32, (x1 * side) as u32),
            ((y0 * side) as u32, (y1 * side) as u32),
        );
        if zoom <= self.max_zoom {
            return cells.map(|c| c.item(&self.points)).collect();
        }
        // Above the last zoom, the sites of the last zoom's cells that lie in the box.
        cells
            .flat_map(|c| &self.points[c.first as usize..][..c.count() as usize])
            .filter(|p| {
                (x0..=x1).contains(&mercator_x(p.lon))
                    && (bbox.min_lat..=bbox.max_lat).contains(&p.lat)
            })
            .map(|p| Item::Site(*p))
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

    #[test]
    fn sites_all_over_the_world_on_one_pixel_cells_are_each_counted_once() {
        // Up to zoom 22 in 1 px cells, a cell's key is too long to share a word with the
        // site's place: the sort takes them apart.
        let points: Vec<Point> = (0..400)
            .map(|n| {
                let lon = -179.0 + (n * 37 % 359) as f64;
                let lat = -80.0 + (n * 53 % 160) as f64;
                point(n as u128, lon, lat, Level::ALL[n % 4])
            })
            .collect();
        let index = ClusterIndex::build(&points, 1.0, 22);
        for zoom in [0, 3, 12, 22, 23] {
            assert_eq!(total(&index.query(WORLD, zoom)), 400, "zoom {zoom}");
        }
    }

    #[test]
    fn levels_are_counted_in_the_order_of_level_all() {
        for (i, level) in Level::ALL.iter().enumerate() {
            assert_eq!(level_index(*level), i);
        }
    }
}
