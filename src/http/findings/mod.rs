//! Findings: the JSON API (with the CSV export) and the pages departments work in.

mod api;
mod form;
pub(crate) mod json;
mod pages;
mod query;

use axum::Router;

use super::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(api::router())
        .merge(pages::router())
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}
