//! A table of the report and its cells, as the page, the CSV and the workbook draw them.

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::views::values::fixed;

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words.
    Text(String),
    /// Words that name a page of their own (an area's name leads to its page); a link on
    /// the HTML page, words in the files.
    Linked { text: String, href: String },
    /// A count.
    Count(u64),
    /// An amount of đồng.
    Money(u64),
    /// A share between 0 and 1; none when there is nothing to divide by.
    Share(Option<f64>),
    /// A number of days; none when there is nothing to measure.
    Days(Option<f64>),
    /// The difference from the previous period; none when either side has no value.
    Change(Option<f64>),
    /// The difference between two shares, as a fraction (0.1 is ten percentage points).
    ShareChange(Option<f64>),
    /// A day.
    Date(NaiveDate),
}

impl Cell {
    /// The value as a person reads it (`—` for none).
    pub fn text(&self, lang: Lang) -> String {
        let decimal = |v: f64, places: usize| fixed(v, places, lang);
        match self {
            Cell::Text(t) | Cell::Linked { text: t, .. } => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Money(n) => crate::views::values::dong(*n, lang),
            Cell::Share(Some(v)) => format!("{} %", decimal(v * 100.0, 1)),
            Cell::Days(Some(v)) => decimal(*v, if v.fract() == 0.0 { 0 } else { 1 }),
            Cell::Change(Some(v)) => {
                let places = if v.fract() == 0.0 { 0 } else { 1 };
                let sign = if *v > 0.0 { "+" } else { "" };
                format!("{sign}{}", decimal(*v, places))
            }
            Cell::ShareChange(Some(v)) => {
                let sign = if *v > 0.0 { "+" } else { "" };
                let unit = if lang == Lang::Vi {
                    "điểm %"
                } else {
                    "points"
                };
                format!("{sign}{} {unit}", decimal(v * 100.0, 1))
            }
            Cell::Share(None) | Cell::Days(None) | Cell::Change(None) | Cell::ShareChange(None) => {
                "—".to_owned()
            }
            Cell::Date(d) => crate::i18n::dates::date(*d, lang),
        }
    }

    /// The value as a number, for the workbook and the charts.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) | Cell::Money(n) => Some(*n as f64),
            Cell::Share(v) | Cell::Days(v) | Cell::Change(v) | Cell::ShareChange(v) => *v,
            Cell::Text(_) | Cell::Linked { .. } | Cell::Date(_) => None,
        }
    }
}

/// One table of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A stable name (`by_department`), for anchors, sheet-independent references and tests.
    pub id: String,
    /// Its sheet's name in the workbook, in the report's language: short (Excel takes at
    /// most 31 characters) and unique.
    pub sheet: String,
    /// Its title.
    pub title: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}
