//! Audits: the JSON API and the pages inspectors and reviewers work in.

mod api;
pub(crate) mod json;
mod pages;
pub(crate) mod photos;

use axum::Router;

use super::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(api::router())
        .merge(photos::router())
        .merge(pages::router())
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}
