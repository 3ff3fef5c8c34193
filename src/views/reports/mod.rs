//! The periodic report in every format: the tables ([`tables`]) are drawn once from the
//! computed report, and the HTML document, the CSV and the workbook each write them out.

mod barriers;
mod cells;
pub mod charts;
mod costs;
pub mod csv;
pub mod document;
mod json;
pub mod page;
pub mod tables;
pub mod targets;
mod written;
pub mod xlsx;

pub use document::{Addition, STYLE, body, document, document_with, heading, table_markup};
pub use json::ReportJson;
pub use written::{Format, Written, file_name};
