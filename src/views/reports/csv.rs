//! The report as one CSV file (UTF-8 with a byte order mark): each table under a line with
//! its title, tables apart by an empty line. Numbers are written as numbers (a share, and
//! a change of a share, as a fraction: `0.6667`), days as `YYYY-MM-DD`, so a spreadsheet
//! computes with them; the file's heading says so in the report's language.

use super::tables::{Cell, Table};
use crate::views::inert;

/// A cell as the CSV and the workbook write it: machine-readable, words made inert.
pub fn machine(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) | Cell::Linked { text: t, .. } => inert(t.clone()),
        Cell::Count(n) | Cell::Money(n) => n.to_string(),
        Cell::Share(Some(v)) | Cell::ShareChange(Some(v)) => format!("{v:.4}"),
        Cell::Days(Some(v)) | Cell::Change(Some(v)) => {
            let v = (v * 10.0).round() / 10.0;
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        }
        Cell::Share(None) | Cell::Days(None) | Cell::Change(None) | Cell::ShareChange(None) => {
            String::new()
        }
        Cell::Date(d) => d.to_string(),
    }
}

/// `tables` under `heading` (the report's title, period and scope, one line each).
pub fn write(heading: &[String], tables: &[Table]) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let mut record = |cells: Vec<String>| {
            writer.write_record(&cells).expect("writing to memory");
        };
        for line in heading {
            record(vec![inert(line.clone())]);
        }
        for table in tables {
            record(vec![String::new()]);
            record(vec![inert(table.title.clone())]);
            record(table.columns.iter().cloned().map(inert).collect());
            for row in &table.rows {
                record(row.iter().map(machine).collect());
            }
        }
        writer.flush().expect("writing to memory");
    }
    out
}
