//! `GET /metrics` in the Prometheus text format, and the measuring of every request.
//! Off unless asked for: on the main address (`--metrics`) only to the allowed networks,
//! or on an address of its own (`--metrics-addr`), where the main address answers 404.

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ipnet::IpNet;

use super::AppState;
use super::auth::ClientAddress;
use crate::telemetry;

/// Where `/metrics` is answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MetricsPlace {
    /// Nowhere: `/metrics` is 404.
    #[default]
    Off,
    /// On the main address, to clients in these networks; others get 403.
    Main(Vec<IpNet>),
    /// On an address of its own ([`metrics_app`]); the main address answers 404.
    Apart,
}

impl MetricsPlace {
    /// True when `/metrics` is served somewhere, so its measures must be kept.
    pub fn is_on(&self) -> bool {
        *self != MetricsPlace::Off
    }
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(on_main_address))
}

/// The router of the metrics address: `/metrics` and nothing else.
pub fn metrics_app(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .fallback(super::error::not_found)
        .with_state(state)
}

async fn on_main_address(
    State(state): State<AppState>,
    client: ClientAddress,
    uri: axum::http::Uri,
) -> Response {
    let MetricsPlace::Main(allowed) = &state.settings.metrics else {
        return super::error::not_found(uri).await;
    };
    // An IPv4 client of a dual-stack listener shows as `::ffff:a.b.c.d`.
    let ip = client.ip().map(|ip| ip.to_canonical());
    if ip.is_some_and(|ip| allowed.iter().any(|net| net.contains(&ip))) {
        return render(State(state)).await;
    }
    let message = format!(
        "403 Forbidden: /metrics is readable only from the addresses the server allows \
         (--metrics-allow); this request's address ({}) is not one of them.\n",
        client.0
    );
    (StatusCode::FORBIDDEN, message).into_response()
}

async fn render(State(state): State<AppState>) -> Response {
    let pool = state.services.db.pool_use();
    telemetry::pool_in_use(pool.in_use, pool.idle, pool.max);
    telemetry::photo_decodes(state.services.photos.decodes.counts());
    let text = telemetry::metrics_handle().render();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// Counts each request under its route template and status, with the time it took.
pub(super) async fn measure(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    telemetry::request_answered(
        method.as_str(),
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}
