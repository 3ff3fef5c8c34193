//! The web layer: routers, extractors, response types and handlers. A handler extracts,
//! calls one use case in [`crate::app`] (or a plain read in [`crate::store`]) and renders.

mod account;
mod account_mail;
mod admin;
mod audits;
pub mod auth;
mod barrier_reports;
mod body_clock;
mod budget;
pub mod cache;
pub(crate) mod checklists;
mod compress;
mod ctx;
mod departments;
pub mod error;
mod events;
mod export;
mod extract;
mod findings;
mod health;
mod home;
mod lang;
mod map;
mod metrics;
mod offline;
mod ogc;
mod open311;
mod paging;
mod participation;
mod public;
pub(crate) mod reports;
mod request_id;
mod retries;
pub mod robust;
mod rounds;
mod session;
mod signed_in;
mod sites;
mod statics;
mod targets;
mod tokens;
mod uploads;
mod users;
mod versions;

pub use cache::etag;
pub use error::{ApiError, HtmlError};
pub use extract::{ApiJson, ApiQuery, BODY_LIMIT, HtmlForm, PathId};
pub use metrics::{MetricsPlace, metrics_app};
pub use statics::MAP_BUILT;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::trace::TraceLayer;

use crate::app::Services;

/// Settings the web layer needs, fixed at start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public base URL without a trailing slash, for links in API answers.
    pub base_url: String,
    /// True when the base URL was configured, so browsers' `Origin` must match it exactly;
    /// otherwise it must match the request's `Host`.
    pub base_url_explicit: bool,
    /// Read the client address from `X-Forwarded-For` (behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// A request whose handler worked this long (not counting the time it waited for the
    /// client's body) answers 503.
    pub request_timeout: Duration,
    /// A request body from which no byte arrived for this long is cut (408).
    pub body_idle_timeout: Duration,
    /// The interactive map, when this binary carries its library.
    pub map: Option<crate::views::home::MapSettings>,
    /// The letterhead of the periodic reports.
    pub letterhead: crate::domain::report::Letterhead,
    /// Where `/metrics` is answered.
    pub metrics: MetricsPlace,
    /// How often expired resumable uploads are removed.
    pub upload_sweep: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base_url: "http://127.0.0.1:8080".into(),
            base_url_explicit: false,
            trust_forwarded_for: false,
            request_timeout: Duration::from_secs(30),
            body_idle_timeout: Duration::from_secs(30),
            map: None,
            letterhead: crate::config::Heading::default().letterhead(),
            metrics: MetricsPlace::Off,
            upload_sweep: Duration::from_secs(600),
        }
    }
}

/// What every handler can reach. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases' dependencies: database, region, time zone, clock.
    pub services: Services,
    /// Fixed web settings.
    pub settings: Arc<Settings>,
    /// The home page's site count, recounted at most once a minute.
    pub site_count: Arc<home::SiteCount>,
    /// GeoJSON pages already rendered, kept while the event log stands still.
    pub geojson_pages: Arc<cache::Kept>,
    /// Open data already rendered, kept while the event log stands still.
    pub exports: Arc<cache::Kept>,
}

impl AppState {
    /// The state for these services and settings.
    pub fn new(services: Services, settings: Settings) -> AppState {
        AppState {
            services,
            settings: Arc::new(settings),
            site_count: Arc::default(),
            geojson_pages: Arc::default(),
            exports: Arc::default(),
        }
    }
}

/// Every feature's routes, without the shared middleware.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(home::router())
        .merge(sites::router())
        .merge(barrier_reports::router())
        .merge(open311::router())
        .merge(audits::router())
        .merge(participation::router())
        .merge(findings::router())
        .merge(public::router())
        .merge(map::router())
        .merge(export::router())
        .merge(reports::router())
        .merge(targets::router())
        .merge(budget::router())
        .merge(rounds::router())
        .merge(ogc::router())
        .merge(checklists::router())
        .merge(statics::router())
        .merge(session::router())
        .merge(tokens::router())
        .merge(uploads::router())
        .merge(users::router())
        .merge(departments::router())
        .merge(admin::router())
        .merge(account::router())
        .merge(account_mail::router())
        .merge(events::router())
        .merge(metrics::router())
        .fallback(error::not_found)
}

/// The whole application: every feature's routes with the shared middleware.
pub fn app(state: AppState) -> Router {
    with_middleware(routes(), state)
}

/// Wraps routes in the shared middleware, outermost first: the measures of `/metrics`;
/// tracing; compression of text answers; the request's language; the guard (request id,
/// time limit, panics); control characters in path and query; the body limit; who is asking.
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    routes
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(robust::refuse_control_characters))
        .layer(axum::middleware::from_fn_with_state(
            robust::Timeouts {
                request: state.settings.request_timeout,
                body_idle: state.settings.body_idle_timeout,
            },
            robust::guard,
        ))
        .layer(axum::middleware::from_fn(lang::language))
        .layer(compress::layer())
        .layer(axum::middleware::map_response(
            compress::weak_tag_when_encoded,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn(metrics::measure))
        .with_state(state)
}
