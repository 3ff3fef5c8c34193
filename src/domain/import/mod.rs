//! Reading sites, areas and people from files, all-or-nothing: every bad row is reported, and
//! nothing is written unless every row is good.

mod csv;
mod geojson;
mod users;

pub use self::csv::CSV_COLUMNS;
pub use self::geojson::read_areas;
pub use self::users::{USER_COLUMNS, USERS_MAX, check_user_rows, read_user_rows};

use std::collections::{HashMap, HashSet};

use super::department::Directory;
use super::geo::Bbox;
use super::site::{NewSite, SiteInput};
use super::text::search_key;
use super::validation::{FieldErrors, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `name,kind,subtype,lat,lon,address,department,operator` with a header row.
    Csv,
    /// A FeatureCollection of Point features with the same properties.
    GeoJson,
}

impl Format {
    /// Guesses the format from a file name's extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "geojson" | "json" => Some(Format::GeoJson),
            _ => None,
        }
    }
}

/// One input row with the number a person finds it by (CSV line, or feature number from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    /// CSV line number (the header is line 1) or GeoJSON feature number (from 1).
    pub number: usize,
    /// The content.
    pub value: T,
}

/// Everything wrong with one row; row 0 means the file as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Row number as in [`Row::number`].
    pub row: usize,
    /// The problems.
    pub errors: FieldErrors,
}

/// Why an import was refused: every bad row, not just the first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Bad rows in file order.
    pub rows: Vec<RowError>,
}

impl ImportReport {
    /// `value` when no row was bad, else this report: an import is all rows or none.
    pub fn or_ok<T>(self, value: T) -> Result<T, ImportReport> {
        if self.rows.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    fn whole_file(field: &str, problem: Problem) -> ImportReport {
        ImportReport {
            rows: vec![RowError {
                row: 0,
                errors: FieldErrors::single(field, problem),
            }],
        }
    }
}

fn malformed(detail: impl ToString) -> Problem {
    Problem::Malformed {
        detail: detail.to_string(),
    }
}

/// A file's bytes as text: UTF-8 without the byte-order mark spreadsheets like to add;
/// anything else is refused naming the line and column of the first bad byte.
pub fn text_of(bytes: &[u8]) -> Result<&str, ImportReport> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to here");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ImportReport {
            rows: vec![RowError {
                row: line,
                errors: FieldErrors::single("encoding", Problem::NotUtf8 { column }),
            }],
        }
    })
}

/// Reads site rows from a file's bytes; unreadable files and rows are reported.
pub fn read_site_rows(format: Format, bytes: &[u8]) -> Result<Vec<Row<SiteInput>>, ImportReport> {
    let text = text_of(bytes)?;
    match format {
        Format::Csv => self::csv::read(text),
        Format::GeoJson => self::geojson::read_sites(text),
    }
}

/// What makes two sites the same: folded name and location to about 10 m.
pub type DuplicateKey = (String, i64, i64);

/// The duplicate key of a name at a point.
pub fn duplicate_key(name: &str, lon: f64, lat: f64) -> DuplicateKey {
    (
        search_key(name),
        (lon * 10_000.0).round() as i64,
        (lat * 10_000.0).round() as i64,
    )
}

/// Checks every row: field rules, the region, known departments, and duplicates within the
/// file and against `existing` sites. Either every row is good or all bad rows are reported.
pub fn check_site_rows(
    rows: Vec<Row<SiteInput>>,
    region: &Bbox,
    departments: &Directory,
    existing: &HashSet<DuplicateKey>,
) -> Result<Vec<Row<NewSite>>, ImportReport> {
    let mut good = Vec::with_capacity(rows.len());
    let mut report = ImportReport::default();
    let mut seen: HashMap<DuplicateKey, usize> = HashMap::new();
    for row in rows {
        let site = row.value.parse(region).and_then(|site| {
            let mut errors = FieldErrors::default();
            if let Err(problem) = departments.resolve(&site.department) {
                errors.add("department", problem);
            }
            let key = duplicate_key(&site.name, site.location.lon(), site.location.lat());
            if existing.contains(&key) {
                errors.add(
                    "name",
                    Problem::Duplicate {
                        of: "existing".into(),
                    },
                );
            } else if let Some(first) = seen.get(&key) {
                errors.add(
                    "name",
                    Problem::Duplicate {
                        of: first.to_string(),
                    },
                );
            } else {
                seen.insert(key, row.number);
            }
            errors.into_result(|| site)
        });
        match site {
            Ok(site) => good.push(Row {
                number: row.number,
                value: site,
            }),
            Err(errors) => report.rows.push(RowError {
                row: row.number,
                errors,
            }),
        }
    }
    report.or_ok(good)
}

/// The problem for a department code that does not exist, naming those that do.
#[cfg(test)]
mod tests;
