//! The periodic report in every format: the tables ([`tables`]) are drawn once from the
//! computed report, and the HTML document, the CSV and the workbook each write them out.

mod barriers;
mod cells;
pub mod charts;
mod costs;
pub mod csv;
mod document;
mod json;
pub mod page;
pub mod tables;
pub mod targets;
mod written;
pub mod xlsx;

pub use document::{STYLE, body, document, heading};
pub use written::{Format, Written, file_name};
