//! The cells of one zoom, kept column by column, and the sort that orders the sites by cell.

use super::{Item, Point, level_index};

/// One cell of one zoom; its column is its grid's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell {
    /// Its row.
    pub(super) cy: u32,
    /// A site of the cell, as its place in the index's sites (sorted by cell): the only one
    /// when the cell holds one; at the last zoom, the first of its sites, which follow it.
    pub(super) first: u32,
    by_level: [u32; 4],
    sum_lon: f64,
    sum_lat: f64,
}

impl Cell {
    /// The cell in row `cy` holding only `p`, which is site `first` of the index.
    pub(super) fn one(cy: u32, p: &Point, first: u32) -> Cell {
        let mut by_level = [0; 4];
        by_level[level_index(p.level)] = 1;
        Cell {
            cy,
            first,
            by_level,
            sum_lon: p.lon,
            sum_lat: p.lat,
        }
    }

    /// How many sites.
    pub(super) fn count(&self) -> u32 {
        self.by_level.iter().sum()
    }

    fn add(&mut self, other: &Cell) {
        for (a, b) in self.by_level.iter_mut().zip(other.by_level) {
            *a += b;
        }
        self.sum_lon += other.sum_lon;
        self.sum_lat += other.sum_lat;
    }

    /// What the cell shows, the index's sites being `points`.
    pub(super) fn item(&self, points: &[Point]) -> Item {
        let count = self.count();
        if count == 1 {
            return Item::Site(points[self.first as usize]);
        }
        Item::Cluster {
            lon: self.sum_lon / f64::from(count),
            lat: self.sum_lat / f64::from(count),
            count,
            by_level: self.by_level,
        }
    }
}

/// The cells of one zoom, column by column, each column's cells by row.
#[derive(Debug, Clone, Default)]
pub(super) struct Grid {
    /// The columns that hold a cell, in order.
    columns: Vec<u32>,
    /// Where each column's cells start in `cells`.
    starts: Vec<u32>,
    cells: Vec<Cell>,
}

impl Grid {
    pub(super) fn with_capacity(columns: usize, cells: usize) -> Grid {
        Grid {
            columns: Vec::with_capacity(columns),
            starts: Vec::with_capacity(columns),
            cells: Vec::with_capacity(cells),
        }
    }

    /// Adds `cell` to column `cx`, into the column's last cell when it is in the same row.
    /// Cells come column by column, and by row within each column.
    pub(super) fn push(&mut self, cx: u32, cell: Cell) {
        if self.columns.last() != Some(&cx) {
            self.columns.push(cx);
            self.starts.push(self.cells.len() as u32);
        }
        let open = self.starts.last().map_or(0, |&s| s as usize);
        match self.cells[open..].last_mut() {
            Some(last) if last.cy == cell.cy => last.add(&cell),
            _ => self.cells.push(cell),
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.cells.shrink_to_fit();
    }

    fn column(&self, i: usize) -> &[Cell] {
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.cells.len(), |&e| e as usize);
        &self.cells[self.starts[i] as usize..end]
    }

    /// The cells of columns `cx.0..=cx.1` and rows `cy.0..=cy.1`, column by column.
    pub(super) fn within(&self, cx: (u32, u32), cy: (u32, u32)) -> impl Iterator<Item = &Cell> {
        let first = self.columns.partition_point(|&c| c < cx.0);
        let last = self.columns.partition_point(|&c| c <= cx.1);
        (first..last.max(first)).flat_map(move |i| {
            let column = self.column(i);
            let top = column.partition_point(|c| c.cy < cy.0);
            let bottom = column.partition_point(|c| c.cy <= cy.1);
            &column[top..bottom.max(top)]
        })
    }

    /// The grid one zoom out: columns `2k` and `2k + 1` become column `k`, their cells merged
    /// by row, rows `2j` and `2j + 1` becoming row `j`.
    pub(super) fn parent(&self) -> Grid {
        // At most as many cells as this zoom: pages never written cost nothing.
        let mut out = Grid::with_capacity(self.columns.len() / 2 + 1, self.cells.len());
        let mut i = 0;
        while i < self.columns.len() {
            let cx = self.columns[i] / 2;
            let mut left = self.column(i).iter().peekable();
            let right = match self.columns.get(i + 1) {
                Some(next) if next / 2 == cx => {
                    i += 1;
                    self.column(i)
                }
                _ => &[],
            };
            let mut right = right.iter().peekable();
            i += 1;
            while let Some(cell) = match (left.peek(), right.peek()) {
                (Some(l), Some(r)) if r.cy / 2 < l.cy / 2 => right.next(),
                (Some(_), _) => left.next(),
                (None, _) => right.next(),
            } {
                out.push(
                    cx,
                    Cell {
                        cy: cell.cy / 2,
                        ..*cell
                    },
                );
            }
        }
        out.shrink_to_fit();
        out
    }
}

/// Sorts `items` by their `key`, keeping the order of equal keys: a radix sort on the key's
/// low `bits` bits, 11 at a time, where a digit that all keys share costs no pass.
pub(super) fn radix_sort<T: Copy + Default>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> u64,
    bits: u32,
) {
    const DIGIT: u32 = 11;
    const BUCKETS: usize = 1 << DIGIT;
    let mut counts = vec![[0usize; BUCKETS]; bits.div_ceil(DIGIT) as usize];
    for item in items.iter() {
        let k = key(item);
        for (pass, count) in counts.iter_mut().enumerate() {
            count[(k >> (pass as u32 * DIGIT)) as usize & (BUCKETS - 1)] += 1;
        }
    }
    let mut spare = vec![T::default(); items.len()];
    for (pass, count) in counts.iter_mut().enumerate() {
        if count.contains(&items.len()) {
            continue;
        }
        let mut at = 0;
        for c in count.iter_mut() {
            (*c, at) = (at, at + *c);
        }
        let shift = pass as u32 * DIGIT;
        for item in items.iter() {
            let digit = (key(item) >> shift) as usize & (BUCKETS - 1);
            spare[count[digit]] = *item;
            count[digit] += 1;
        }
        std::mem::swap(items, &mut spare);
    }
}
