//! Our own static files (stylesheet), compiled into the binary.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;

use super::AppState;

const APP_CSS: &str = include_str!("../../static/app.css");

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/static/app.css", get(app_css))
}

async fn app_css() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_CSS,
    )
}
