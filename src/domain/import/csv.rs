//! Sites from CSV: a header row naming the columns, then one site a line.

use std::collections::HashMap;

use super::{ImportReport, Row, RowError, malformed};
use crate::domain::site::{Degrees, SiteInput};
use crate::domain::validation::FieldErrors;

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
pub(super) fn read(text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
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
