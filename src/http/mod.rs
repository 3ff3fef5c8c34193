//! The web layer: routers, extractors and handlers. No SQL and no business rules here.

pub mod auth;
mod checklists;
mod departments;
mod events;
mod extract;
mod health;
mod home;
mod lang;
mod session;
mod sites;
mod statics;
mod tokens;
mod users;

pub use extract::{ApiJson, ApiQuery, HtmlError};

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::trace::TraceLayer;

use crate::domain::geo::Bbox;
use crate::store::Db;

/// Largest request body outside photo uploads.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Settings the handlers need, fixed at start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Region every site must lie in.
    pub region: Bbox,
    /// Public base URL without a trailing slash, for links in API answers.
    pub base_url: String,
    /// True when the base URL was configured, so browsers' `Origin` must match it exactly;
    /// otherwise it must match the request's `Host`.
    pub base_url_explicit: bool,
    /// Read the client address from `X-Forwarded-For` (behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

/// What every handler can reach. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Fixed settings.
    pub settings: Arc<Settings>,
}

/// The whole application: every feature's router, with the shared middleware.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .merge(home::router())
        .merge(sites::router())
        .merge(checklists::router())
        .merge(statics::router())
        .merge(session::router())
        .merge(tokens::router())
        .merge(users::router())
        .merge(departments::router())
        .merge(events::router())
        .fallback(extract::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn(lang::language))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
