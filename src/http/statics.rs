//! Static files compiled into the binary: our stylesheet and scripts, and the map library
//! (Leaflet, bundled from the npm registry by `build.rs` when the build could fetch it).

use axum::Router;
use axum::extract::State;
use axum::http::Uri;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::AppState;

const APP_CSS: &str = include_str!("../../static/app.css");
const NEAR_JS: &str = include_str!("../../static/near.js");
const MAP_JS: &str = include_str!("../../static/map.js");
const LEAFLET_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/map/leaflet.js"));
const LEAFLET_CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/map/leaflet.css"));

/// True when this binary carries the map library (its build had Node.js and npm).
pub const MAP_BUILT: bool = !LEAFLET_JS.is_empty() && !LEAFLET_CSS.is_empty();

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/app.css",
            get(|| async { file(CSS, APP_CSS.as_bytes()) }),
        )
        .route(
            "/static/report.css",
            get(|| async { file(CSS, crate::views::reports::STYLE.as_bytes()) }),
        )
        .route(
            "/static/near.js",
            get(|| async { file(JS, NEAR_JS.as_bytes()) }),
        )
        .route("/static/map.js", get(map_js))
        .route("/static/leaflet.js", get(leaflet_js))
        .route("/static/leaflet.css", get(leaflet_css))
}

fn file(content_type: &'static str, bytes: &'static [u8]) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        bytes,
    )
        .into_response()
}

/// A file of the interactive map: not found when this server runs without the map.
async fn map_file(
    state: &AppState,
    uri: Uri,
    content_type: &'static str,
    bytes: &'static [u8],
) -> Response {
    match state.settings.map {
        Some(_) => file(content_type, bytes),
        None => super::error::not_found(uri).await,
    }
}

async fn map_js(State(state): State<AppState>, uri: Uri) -> Response {
    map_file(&state, uri, JS, MAP_JS.as_bytes()).await
}

async fn leaflet_js(State(state): State<AppState>, uri: Uri) -> Response {
    map_file(&state, uri, JS, LEAFLET_JS).await
}

async fn leaflet_css(State(state): State<AppState>, uri: Uri) -> Response {
    map_file(&state, uri, CSS, LEAFLET_CSS).await
}
