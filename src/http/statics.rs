//! Static files compiled into the binary (see [`crate::views::assets`]), and the site's
//! icon. A file asked for under its current versioned name may be kept for a year; under
//! its plain name it is checked again on every use; an old version's name leads to the
//! current file.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::AppState;
use crate::views::assets::{self, Named};

pub use assets::MAP_BUILT;

/// How long a versioned file may be kept: a year, never revalidated.
const FOREVER: &str = "public, max-age=31536000, immutable";
/// A file under its plain name: kept, but checked (by its `ETag`) before each use.
const CHECKED: &str = "no-cache";
/// How long the icon may be kept: its address cannot carry a version.
const ICON: &str = "public, max-age=86400";

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/static/{file}", get(file))
        // Tagged, so a plain name's "check before use" costs a 304 and no bytes.
        .route_layer(axum::middleware::from_fn(super::cache::public))
        .route("/favicon.ico", get(favicon))
        .merge(super::offline::router())
}

async fn file(State(state): State<AppState>, Path(name): Path<String>, uri: Uri) -> Response {
    let Some((asset, named)) = assets::find(&name) else {
        return super::error::not_found(uri).await;
    };
    // A file of a part this build lacks (the offline scripts without Node).
    if (asset.map && state.settings.map.is_none()) || asset.bytes.is_empty() {
        return super::error::not_found(uri).await;
    }
    let cache = match named {
        Named::Current => FOREVER,
        Named::Plain => CHECKED,
        // A page older than the file: the current one serves it best; the redirect itself
        // is not kept, as the next version leads elsewhere.
        Named::Stale => {
            return (
                [(CACHE_CONTROL, "no-store")],
                Redirect::temporary(&asset.href()),
            )
                .into_response();
        }
    };
    (
        [(CONTENT_TYPE, asset.content_type), (CACHE_CONTROL, cache)],
        asset.bytes,
    )
        .into_response()
}

async fn favicon() -> Response {
    (
        [(CONTENT_TYPE, "image/x-icon"), (CACHE_CONTROL, ICON)],
        assets::favicon_ico(),
    )
        .into_response()
}
