//! Sites and areas from GeoJSON FeatureCollections.

use std::collections::HashMap;

use geo::MultiPolygon;
use geojson::{Feature, GeoJson};
use serde_json::Value;

use super::{ImportReport, Row, RowError, malformed};
use crate::domain::area::{AreaLevel, NewArea, parse_date};
use crate::domain::geo::Bbox;
use crate::domain::site::{Degrees, Flag, SiteInput};
use crate::domain::validation::{FieldErrors, Problem, required_text};

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

/// A property that may be written as text or as a number (`"178"` or `178` for a code).
fn property(feature: &Feature, name: &str) -> Option<String> {
    match feature.properties.as_ref()?.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A property that must be text when present: a number, a boolean, a list or an object is
/// refused rather than turned into text.
fn text_property(feature: &Feature, name: &str) -> Result<Option<String>, Problem> {
    let value = feature.properties.as_ref().and_then(|p| p.get(name));
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(_)) => Err(Problem::NotText { found: "number" }),
        Some(Value::Bool(_)) => Err(Problem::NotText { found: "boolean" }),
        Some(Value::Array(_)) => Err(Problem::NotText { found: "list" }),
        Some(Value::Object(_)) => Err(Problem::NotText { found: "object" }),
    }
}

/// A list of codes: a list of texts, or one text of codes separated by commas; none when
/// absent. Anything else is refused.
fn codes_property(feature: &Feature, name: &str) -> Result<Vec<String>, Problem> {
    let value = feature.properties.as_ref().and_then(|p| p.get(name));
    let texts: Vec<String> = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => s.split(',').map(str::to_owned).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(Problem::NotText { found: "non-text" }),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(Problem::ExpectedList),
    };
    let mut codes = Vec::new();
    for text in texts {
        let code = required_text(Some(&text), 64)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

pub(super) fn read_sites(text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
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
        let mut errors = FieldErrors::default();
        let mut text = |name: &str| errors.take(name, text_property(feature, name)).flatten();
        let value = SiteInput {
            name: text("name"),
            kind: text("kind"),
            subtype: text("subtype"),
            address: text("address"),
            lat: Some(Degrees::Number(point[1])),
            lon: Some(Degrees::Number(point[0])),
            department: text("department"),
            operator: text("operator"),
            design_approved_on: text("design_approved_on"),
            heritage: match feature.properties.as_ref().and_then(|p| p.get("heritage")) {
                Some(Value::Bool(b)) => Some(Flag::Bool(*b)),
                _ => text("heritage").map(Flag::Text),
            },
        };
        if errors.is_empty() {
            rows.push(Row { number, value });
        } else {
            report.rows.push(RowError {
                row: number,
                errors,
            });
        }
    }
    report.or_ok(rows)
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
        let name = errors.take(
            "name",
            text_property(feature, "name").and_then(|n| required_text(n.as_deref(), 200)),
        );
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
        let replaces = errors.take("replaces", codes_property(feature, "replaces"));
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
            replaces: replaces.expect("checked"),
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
    report.or_ok(rows)
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
