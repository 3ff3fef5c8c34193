//! Types and rules of the product: no web framework, no database pool.

pub mod area;
pub mod checklist;
pub mod demo;
pub mod department;
pub mod geo;
pub mod import;
pub mod lang;
pub mod site;
pub mod text;
pub mod validation;
