//! Tables from CSV (sites, people): a header row naming the columns, then one record a line.
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

/// The header's columns by position, each one of `known`, with every one of `required`;
/// every problem with it is reported.
fn header(
    line: &str,
    known: &[&'static str],
    required: &[&str],
) -> Result<Vec<&'static str>, FieldErrors> {
    let names = fields(line).map_err(|p| FieldErrors::single("header", p))?;
    let mut errors = FieldErrors::default();
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    let mut columns = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(column) = known.iter().find(|c| **c == name.as_str()) else {
            errors.add(
                "header",
                Problem::NotOneOf {
                    given: name.clone(),
                    allowed: known.iter().map(|c| (*c).to_owned()).collect(),
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
    for &required in required {
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

/// One record of a table: its fields by column.
pub(super) struct Record(Vec<(&'static str, String)>);

impl Record {
    /// The field of `column`, when the header has that column.
    pub(super) fn get(&self, column: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.clone())
    }
}

/// Reads every record of a CSV text whose header names some of the `known` columns and
/// every `required` one (the header is line 1). A line that cannot be read (a quote left
/// open, too few or too many fields) is kept as its problem, so that the lines after it
/// are still checked; a bad header refuses the whole file.
pub(super) fn read_table(
    text: &str,
    known: &[&'static str],
    required: &[&str],
) -> Result<Vec<Row<Result<Record, FieldErrors>>>, ImportReport> {
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, first)) = lines.next() else {
        return Err(ImportReport::whole_file("header", Problem::Required));
    };
    let columns = header(first, known, required).map_err(|errors| ImportReport {
        rows: vec![RowError { row: 0, errors }],
    })?;
    Ok(lines
        .map(|(number, line)| {
            let value = match fields(line) {
                Ok(values) if values.len() == columns.len() => {
                    Ok(Record(columns.iter().copied().zip(values).collect()))
                }
                Ok(values) => Err(FieldErrors::single(
                    "row",
                    Problem::FieldCount {
                        found: values.len(),
                        expected: columns.len(),
                    },
                )),
                Err(problem) => Err(FieldErrors::single("row", problem)),
            };
            Row { number, value }
        })
        .collect())
}

/// Reads every site of a CSV file's text, reporting each line that cannot be read by its
/// number.
pub(super) fn read(text: &str) -> Result<Vec<Row<SiteInput>>, ImportReport> {
    let mut rows = Vec::new();
    let mut report = ImportReport::default();
    for Row { number, value } in read_table(text, &CSV_COLUMNS, &REQUIRED)? {
        let r = match value {
            Ok(record) => record,
            Err(errors) => {
                report.rows.push(RowError {
                    row: number,
                    errors,
                });
                continue;
            }
        };
        rows.push(Row {
            number,
            value: SiteInput {
                name: r.get("name"),
                kind: r.get("kind"),
                subtype: r.get("subtype"),
                address: r.get("address"),
                lat: r.get("lat").map(Degrees::Text),
                lon: r.get("lon").map(Degrees::Text),
                department: r.get("department"),
                operator: r.get("operator"),
                design_approved_on: r.get("design_approved_on"),
                heritage: r.get("heritage").map(Flag::Text),
            },
        });
    }
    report.or_ok(rows)
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
        let errors =
            header("name,kind,kind,colour,lat", &CSV_COLUMNS, &REQUIRED).expect_err("bad header");
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
            header("lon,lat,department,kind,name", &CSV_COLUMNS, &REQUIRED),
            Ok(vec!["lon", "lat", "department", "kind", "name"])
        );
    }
}
