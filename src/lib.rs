//! `tiepcan`: accessibility audits of public buildings, transport stops and cultural sites.
//!
//! Layers, arrows pointing down only: [`http`] (routes, extractors, handlers) renders with
//! [`views`] and calls [`domain`] (types and rules) and [`store`] (all SQL). See
//! `docs/ARCHITECTURE.md`.

pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod http;
pub mod i18n;
pub mod server;
pub mod store;
pub mod telemetry;
pub mod views;

pub use cli::run;
