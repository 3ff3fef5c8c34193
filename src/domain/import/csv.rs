//! Sites from CSV: a header row naming the columns, then one site a line.
//!
//! Read strictly, so that nothing is silently swallowed: a field never holds a line break
//! (so a record is exactly one line, and a quote that does not close where its field ends
//! is reported at the line where it opened), a closing quote must end its field, and every
//! row has as many fields as the header.

use std::collections::HashMap;

use super::{ImportReport, Row, RowError};
use crate::domain::site::{Degrees, Flag, SiteInput};
use crate::domain::validation::{FieldErrors, Problem};

/// The CSV columns, in their usual order.
pub const CSV_COLUMNS: [&str; 10] = [
    "name",
    "kind",
    "subtype",
    "lat",
    "lon",
    "address",
    "department",
    "operator",
    "design_approved_on",
    "heritage",
];

/// The columns a file must have.
const REQUIRED: [&str; 5] = ["name", "kind", "lat", "lon", "department"];

/// Splits one line into fields (RFC 4180 quoting, `""` for a quote inside quotes).
/// Columns in problems count characters from 1.
fn fields(line: &str) -> Result<Vec<String>, Problem> {
    let mut out = Vec::new();
    let mut chars = line.chars().enumerate().peekable();
    loop {
        let mut field = String::new();
        match chars.peek().copied() {
            Some((opened, '"')) => {
                chars.next();
                loop {
                    match chars.next() {
                        None => return Err(Problem::UnclosedQuote { column: opened + 1 }),
                        Some((_, '"')) if chars.peek().map(|(_, c)| *c) == Some('"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some((_, '"')) => break,
                        Some((_, c)) => field.push(c),
                    }
                }
                match chars.next() {
                    None => {
                        out.push(field);
                        return Ok(out);
                    }
                    Some((_, ',')) => out.push(field),
                    Some((column, _)) => {
                        return Err(Problem::TextAfterQuote { column: column + 1 });
                    }
                }
            }
            _ => loop {
                match chars.next() {
                    None => {
                        out.push(field.trim().to_owned());
                        return Ok(out);
                    }
                    Some((_, ',')) => {
                        out.push(field.trim().to_owned());
                        break;
                    }
                    Some((column, '"')) => {
                        return Err(Problem::StrayQuote { column: column + 1 });
                    }
                    Some((_, c)) => field.push(c),
                }
            },
        }
    }
}

/// The header's columns by position; every problem with it is reported.
fn header(line: &str) -> Result<Vec<&'static str>, FieldErrors> {
    let names = fields(line).map_err(|p| FieldErrors::single("header", p))?;
    let mut errors = FieldErrors::default();
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    let mut columns = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(column) = CSV_COLUMNS.iter().find(|c| **c == name.as_str()) else {
            errors.add(
                "header",
                Problem::NotOneOf {
                    given: name.clone(),
                    allowed: CSV_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
                },
            );
            continue;
        };
        if let Some(first) = seen.insert(column, i + 1) {
            errors.add(
                "header",
                Problem::DuplicateColumn {
                    name: (*column).to_owned(),
                    first,
                },
            );
        }
        columns.push(*column);
    }
    for required in REQUIRED {
        if !names.iter().any(|n| n == required) {
            errors.add(
                "header",
                Problem::MissingColumn {
                    name: required.to_owned(),
                },
            );
        }
    }
    errors.into_result(|| columns)
}

/// Reads every row of a CSV file's text, reporting each bad one by its line.
pub(super) fn read(text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, first)) = lines.next() else {
        return Err(ImportReport::whole_file("header", Problem::Required));
    };
    let columns = header(first).map_err(|errors| ImportReport {
        rows: vec![RowError { row: 0, errors }],
    })?;
    let mut rows = Vec::new();
    let mut report = ImportReport::default();
    for (number, line) in lines {
        let values = match fields(line) {
            Ok(values) if values.len() == columns.len() => values,
            Ok(values) => {
                let problem = Problem::FieldCount {
                    found: values.len(),
                    expected: columns.len(),
                };
                report.rows.push(RowError {
                    row: number,
                    errors: FieldErrors::single("row", problem),
                });
                continue;
            }
            Err(problem) => {
                report.rows.push(RowError {
                    row: number,
                    errors: FieldErrors::single("row", problem),
                });
                continue;
            }
        };
        let get = |name: &str| {
            columns
                .iter()
                .position(|c| *c == name)
                .map(|i| values[i].clone())
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
                design_approved_on: get("design_approved_on"),
                heritage: get("heritage").map(Flag::Text),
            },
        });
    }
    if report.rows.is_empty() {
        Ok(rows)
    } else {
        Err(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_and_doubled_quotes() {
        assert_eq!(
            fields(r#""Chợ ""mới"", khu 5",x,"#),
            Ok(vec!["Chợ \"mới\", khu 5".into(), "x".into(), String::new()])
        );
    }

    #[test]
    fn a_quote_that_does_not_close_on_its_line_names_where_it_opened() {
        assert_eq!(
            fields(r#""A",b,"op"#),
            Err(Problem::UnclosedQuote { column: 7 })
        );
        assert_eq!(
            fields(r#""A"x,b"#),
            Err(Problem::TextAfterQuote { column: 4 })
        );
        assert_eq!(fields(r#"ab"c,d"#), Err(Problem::StrayQuote { column: 3 }));
    }

    #[test]
    fn a_header_must_name_known_columns_once_and_the_required_ones() {
        let errors = header("name,kind,kind,colour,lat").expect_err("bad header");
        let problems: Vec<&Problem> = errors.0.iter().map(|e| &e.problem).collect();
        assert!(problems.contains(&&Problem::DuplicateColumn {
            name: "kind".into(),
            first: 2
        }));
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, Problem::NotOneOf { given, .. } if given == "colour"))
        );
        assert!(problems.contains(&&Problem::MissingColumn { name: "lon".into() }));
        assert!(problems.contains(&&Problem::MissingColumn {
            name: "department".into()
        }));
        assert_eq!(
            header("lon,lat,department,kind,name"),
            Ok(vec!["lon", "lat", "department", "kind", "name"])
        );
    }
}
