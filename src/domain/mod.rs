//! Types and rules of the product: no web framework, no database pool, no I/O.

pub mod actor;
pub mod area;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod checklist;
pub mod cluster;
pub mod demo;
pub mod department;
pub mod enums;
pub mod event;
pub mod export;
pub mod finding;
pub mod geo;
pub mod import;
pub mod lang;
pub mod permission;
pub mod photo;
pub mod report;
pub mod search;
pub mod secret;
pub mod site;
pub mod text;
pub mod throttle;
pub mod user;
pub mod validation;
