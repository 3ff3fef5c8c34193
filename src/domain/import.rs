//! Reading sites and areas from files, all-or-nothing: every bad row is reported, and
//! nothing is written unless every row is good.

use std::collections::{HashMap, HashSet};

use geo::MultiPolygon;
use geojson::{Feature, GeoJson};
use serde_json::Value;

use super::area::{AreaLevel, NewArea, parse_date};
use super::geo::Bbox;
use super::site::{Degrees, NewSite, SiteInput};
use super::text::search_key;
use super::validation::{FieldErrors, Problem, required_text};

/// The file formats sites can be imported from.
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

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 8] = [
    "name",
    "kind",
    "subtype",
    "lat",
    "lon",
    "address",
    "department",
    "operator",
];

/// Reads site rows from a file's text; unreadable files and rows are reported.
pub fn read_site_rows(format: Format, text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
    // Spreadsheets often save UTF-8 with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Csv => read_csv(text),
        Format::GeoJson => read_site_features(text),
    }
}

fn read_csv(text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportReport::whole_file("file", malformed(e)))?
        .clone();
    let column: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h, i)).collect();
    for required in ["name", "kind", "lat", "lon", "department"] {
        if !column.contains_key(required) {
            return Err(ImportReport::whole_file(
                "header",
                malformed(format!(
                    "missing column `{required}`; expected {}",
                    CSV_COLUMNS.join(",")
                )),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut report = ImportReport::default();
    for record in reader.records() {
        let (number, record) = match record {
            Ok(record) => (record.position().map_or(0, |p| p.line() as usize), record),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                report.rows.push(RowError {
                    row: line,
                    errors: FieldErrors::single("row", malformed(e)),
                });
                continue;
            }
        };
        let get = |name: &str| {
            column
                .get(name)
                .and_then(|i| record.get(*i))
                .map(str::to_owned)
        };
        rows.push(Row {
            number,
            value: SiteInput {
                name: get("name"),
                kind: get("kind"),
                subtype: get("subtype"),
                address: get("address"),
                lat: get("lat").map(Degrees::Text),
                lon: get("lon").map(Degrees::Text),
                department: get("department"),
                operator: get("operator"),
            },
        });
    }
    if report.rows.is_empty() {
        Ok(rows)
    } else {
        Err(report)
    }
}

fn features(text: &str) -> Result<Vec<Feature>, ImportReport> {
    match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) => Ok(fc.features),
        Ok(_) => Err(ImportReport::whole_file(
            "file",
            malformed("expected a GeoJSON FeatureCollection"),
        )),
        Err(e) => Err(ImportReport::whole_file("file", malformed(e))),
    }
}

fn property(feature: &Feature, name: &str) -> Option<String> {
    match feature.properties.as_ref()?.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn read_site_features(text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
    let mut rows = Vec::new();
    let mut report = ImportReport::default();
    for (i, feature) in features(text)?.iter().enumerate() {
        let number = i + 1;
        let point = match feature.geometry.as_ref().map(|g| &g.value) {
            Some(geojson::GeometryValue::Point { coordinates }) if coordinates.len() >= 2 => {
                coordinates.as_slice().to_vec()
            }
            _ => {
                report.rows.push(RowError {
                    row: number,
                    errors: FieldErrors::single("geometry", malformed("expected a Point")),
                });
                continue;
            }
        };
        let prop = |name: &str| property(feature, name);
        rows.push(Row {
            number,
            value: SiteInput {
                name: prop("name"),
                kind: prop("kind"),
                subtype: prop("subtype"),
                address: prop("address"),
                lat: Some(Degrees::Number(point[1])),
                lon: Some(Degrees::Number(point[0])),
                department: prop("department"),
                operator: prop("operator"),
            },
        });
    }
    if report.rows.is_empty() {
        Ok(rows)
    } else {
        Err(report)
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
    departments: &HashSet<String>,
    existing: &HashSet<DuplicateKey>,
) -> Result<Vec<Row<NewSite>>, ImportReport> {
    let mut good = Vec::with_capacity(rows.len());
    let mut report = ImportReport::default();
    let mut seen: HashMap<DuplicateKey, usize> = HashMap::new();
    for row in rows {
        let site = row.value.parse(region).and_then(|site| {
            let mut errors = FieldErrors::default();
            if !departments.contains(&site.department) {
                errors.add(
                    "department",
                    unknown_department(&site.department, departments),
                );
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
    if report.rows.is_empty() {
        Ok(good)
    } else {
        Err(report)
    }
}

/// The problem for a department code that does not exist, naming those that do.
pub fn unknown_department(given: &str, known: &HashSet<String>) -> Problem {
    let mut allowed: Vec<String> = known.iter().cloned().collect();
    allowed.sort();
    Problem::NotOneOf {
        given: given.to_owned(),
        allowed,
    }
}

/// Reads areas from a GeoJSON FeatureCollection of Polygon or MultiPolygon features with
/// properties `code`, `name`, `level`, optional `parent` (a code), `valid_from`, `valid_to`
/// (`YYYY-MM-DD`) and `approximate` (boolean). Boundaries must touch the region.
pub fn read_areas(text: &str, region: &Bbox) -> Result<Vec<Row<NewArea>>, ImportReport> {
    let mut rows = Vec::new();
    let mut report = ImportReport::default();
    let mut codes: HashMap<String, usize> = HashMap::new();
    for (i, feature) in features(text)?.iter().enumerate() {
        let number = i + 1;
        let mut errors = FieldErrors::default();
        let prop = |name: &str| property(feature, name);
        let code = errors.take("code", required_text(prop("code").as_deref(), 64));
        if let Some(code) = &code
            && let Some(first) = codes.insert(code.clone(), number)
        {
            errors.add(
                "code",
                Problem::Duplicate {
                    of: first.to_string(),
                },
            );
        }
        let name = errors.take("name", required_text(prop("name").as_deref(), 200));
        let level = errors.take(
            "level",
            required_text(prop("level").as_deref(), 32).and_then(|l| AreaLevel::parse(&l)),
        );
        let date = |name: &str| prop(name).map(|d| parse_date(&d)).transpose();
        let valid_from = errors.take("valid_from", date("valid_from"));
        let valid_to = errors.take("valid_to", date("valid_to"));
        if let (Some(Some(from)), Some(Some(to))) = (valid_from, valid_to)
            && from >= to
        {
            errors.add("valid_to", Problem::MinAboveMax);
        }
        let boundary = errors.take("geometry", boundary(feature, region));
        let area = errors.into_result(|| NewArea {
            code: code.expect("checked"),
            name: name.expect("checked"),
            level: level.expect("checked"),
            parent: crate::domain::text::optional(prop("parent").as_deref()),
            valid_from: valid_from.expect("checked"),
            valid_to: valid_to.expect("checked"),
            approximate: matches!(
                feature
                    .properties
                    .as_ref()
                    .and_then(|p| p.get("approximate")),
                Some(Value::Bool(true))
            ),
            boundary: boundary.expect("checked"),
        });
        match area {
            Ok(area) => rows.push(Row {
                number,
                value: area,
            }),
            Err(errors) => report.rows.push(RowError {
                row: number,
                errors,
            }),
        }
    }
    // Parents must be in the file or already stored; the store checks the latter.
    if report.rows.is_empty() {
        Ok(rows)
    } else {
        Err(report)
    }
}

fn boundary(feature: &Feature, region: &Bbox) -> Result<MultiPolygon<f64>, Problem> {
    let value = &feature.geometry.as_ref().ok_or(Problem::Required)?.value;
    let shape = match value {
        geojson::GeometryValue::Polygon { .. } => {
            geo::Polygon::<f64>::try_from(value).map(|p| MultiPolygon(vec![p]))
        }
        geojson::GeometryValue::MultiPolygon { .. } => MultiPolygon::<f64>::try_from(value),
        _ => return Err(malformed("expected a Polygon or MultiPolygon")),
    }
    .map_err(malformed)?;
    let bbox = geo::BoundingRect::bounding_rect(&shape)
        .map(Bbox::from_rect)
        .ok_or_else(|| malformed("the boundary is empty"))?;
    let sane = [bbox.min_lon, bbox.max_lon]
        .iter()
        .all(|x| (-180.0..=180.0).contains(x))
        && [bbox.min_lat, bbox.max_lat]
            .iter()
            .all(|y| (-90.0..=90.0).contains(y));
    if !sane {
        return Err(Problem::OutOfRange {
            min: -180.0,
            max: 180.0,
        });
    }
    if !bbox.intersects(region) {
        return Err(Problem::OutsideRegion {
            region: region.to_string(),
        });
    }
    Ok(shape)
}

#[cfg(test)]
mod tests;
