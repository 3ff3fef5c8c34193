//! The periodic report in every format: the tables ([`tables`]) are drawn once from the
//! computed report, and the HTML document, the CSV and the workbook each write them out.

pub mod charts;
pub mod csv;
mod document;
pub mod page;
pub mod tables;
pub mod xlsx;

pub use document::{Letterhead, STYLE, body, document, heading};
