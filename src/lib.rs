//! `tiepcan`: accessibility audits of public buildings, transport stops and cultural sites.
//!
//! Layers, arrows pointing down only: [`http`] (routes, extractors, response types,
//! handlers) renders with [`views`] and calls [`app`] (one function per user action), which
//! uses [`domain`] (types and rules, no I/O) and [`store`] (all SQL). See
//! `docs/ARCHITECTURE.md`.

pub mod app;
pub mod cli;
pub mod config;
pub mod console;
pub mod domain;
pub mod http;
pub mod i18n;
pub mod mailer;
pub mod objects;
pub mod server;
pub mod store;
pub mod telemetry;
pub mod views;

pub use cli::run;
