//! What makes the pages installable and usable offline: the web app manifest, its icons,
//! the service worker (`/sw.js`, bundled with Workbox by `build.rs`) with the list of
//! files it keeps filled in here, and the page it shows for a page not kept on the phone.
//! A build without Node has none of them (404), and the pages work online as before.

use axum::Router;
use axum::extract::Path;
use axum::http::Uri;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

use super::AppState;
use crate::i18n::Msg;
use crate::views::Ctx;
use crate::views::assets::{self, APP_CSS, FIELD_JS, NEAR_JS, OFFLINE_BUILT, UPLOAD_JS};

/// The address of the page the worker shows for a page it does not hold.
pub const OFFLINE_PAGE: &str = "/offline";

/// The sizes of the app's icons, in pixels.
const ICON_SIDES: [u32; 2] = [192, 512];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/sw.js", get(worker))
        .route("/manifest.webmanifest", get(manifest))
        .route("/icons/{file}", get(icon))
        .route(OFFLINE_PAGE, get(offline_page))
        // Tagged from their bytes, so the browser's daily check of the worker costs a 304.
        .route_layer(axum::middleware::from_fn(super::cache::public))
}

/// One file the worker keeps from its installation on (Workbox's precache entry).
#[derive(Serialize)]
struct Precached {
    url: String,
    revision: Option<String>,
}

/// The files the worker keeps: our stylesheet and scripts under their versioned names
/// (which never change, so no revision), and the offline page, kept again with them.
fn precache_list() -> Vec<Precached> {
    let mut list: Vec<Precached> = [&APP_CSS, &NEAR_JS, &FIELD_JS, &UPLOAD_JS]
        .iter()
        .map(|a| Precached {
            url: a.href(),
            revision: None,
        })
        .collect();
    list.push(Precached {
        url: OFFLINE_PAGE.to_owned(),
        revision: Some(format!("{}{}", APP_CSS.version(), FIELD_JS.version())),
    });
    list
}

/// `/sw.js`: the bundled worker with its precache list in place of `self.__WB_MANIFEST`,
/// as Workbox's `injectManifest` would write it. Checked on every use, so a new version of
/// the app reaches the phone on its next visit online.
async fn worker(uri: Uri) -> Response {
    if !OFFLINE_BUILT {
        return super::error::not_found(uri).await;
    }
    let source = String::from_utf8_lossy(assets::SERVICE_WORKER);
    let list = serde_json::to_string(&precache_list()).expect("a list of strings serializes");
    let body = source.replace("self.__WB_MANIFEST", &list);
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The web app manifest.
#[derive(Serialize)]
struct Manifest {
    name: &'static str,
    short_name: &'static str,
    description: &'static str,
    lang: &'static str,
    start_url: &'static str,
    scope: &'static str,
    display: &'static str,
    background_color: &'static str,
    theme_color: &'static str,
    icons: Vec<ManifestIcon>,
}

#[derive(Serialize)]
struct ManifestIcon {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    media_type: &'static str,
    purpose: &'static str,
}

/// `/manifest.webmanifest`, in the page's language (Vietnamese unless English was chosen).
async fn manifest(ctx: Ctx, uri: Uri) -> Response {
    if !OFFLINE_BUILT {
        return super::error::not_found(uri).await;
    }
    let manifest = Manifest {
        name: ctx.t(Msg::AppInstallName),
        short_name: ctx.t(Msg::AppName),
        description: ctx.t(Msg::AppInstallDescription),
        lang: ctx.lang.code(),
        start_url: "/audits",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#073763",
        icons: ICON_SIDES
            .iter()
            .map(|side| ManifestIcon {
                src: format!("/icons/icon-{side}.png"),
                sizes: format!("{side}x{side}"),
                media_type: "image/png",
                purpose: "any",
            })
            .collect(),
    };
    (
        [
            (CONTENT_TYPE, "application/manifest+json"),
            (CACHE_CONTROL, "no-cache"),
        ],
        serde_json::to_string(&manifest).expect("the manifest serializes"),
    )
        .into_response()
}

/// `/icons/icon-192.png` and `/icons/icon-512.png`.
async fn icon(Path(file): Path<String>, uri: Uri) -> Response {
    let side = file
        .strip_prefix("icon-")
        .and_then(|f| f.strip_suffix(".png"))
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| ICON_SIDES.contains(n));
    match side {
        Some(side) => (
            [
                (CONTENT_TYPE, "image/png"),
                (CACHE_CONTROL, "public, max-age=86400"),
            ],
            assets::icon_png(side),
        )
            .into_response(),
        None => super::error::not_found(uri).await,
    }
}

/// `/offline`: what the worker shows for a page this phone does not hold.
async fn offline_page(ctx: Ctx) -> Response {
    crate::views::offline::offline_page(&ctx).into_response()
}
