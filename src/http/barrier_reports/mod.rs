//! Barrier reports from the public: the form (`/sites/{id}/barrier`, `/barriers/new` for a
//! position on the map), sending it (`POST /barriers`), the report's public page
//! (`/barriers/{token}`), the same through the API (`/api/v1/barrier-reports`), and the
//! moderators' queue and answers (`/moderation/barriers`).

mod form;
mod moderation;
mod photos;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::ClientAddress;
use super::retries::IdempotencyKey;
use super::{ApiError, ApiJson, AppState, HtmlError, PathId};
use crate::app::Error;
use crate::app::barrier_reports::{self as reports, Sender, Sent, Via};
use crate::domain::barrier::{Report, ReportInput};
use crate::domain::geo::Coordinates;
use crate::domain::validation::Problem;
use crate::views::Ctx;
use crate::views::barrier_reports::{self as views, Place, ReportForm};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/sites/{id}/barrier", get(site_form))
        .route("/barriers/new", get(position_form))
        .route(
            "/barriers",
            post(form::send_form).layer(DefaultBodyLimit::max(form::LIMIT)),
        )
        .route("/barriers/{token}", get(public_page))
        .route("/api/v1/barrier-reports", post(send_api))
        .route("/api/v1/barrier-reports/{token}", get(public_api))
        .route(
            "/api/v1/barrier-reports/{id}/photos/{photo}/{file}",
            get(photos::staff_file),
        )
        .route(
            "/barriers/{token}/photos/{photo}/{file}",
            get(photos::public_file),
        )
        .route("/moderation/barriers", get(moderation::queue_page))
        .route(
            "/moderation/barriers/{id}",
            get(moderation::report_page).post(moderation::answer),
        )
        .route(
            "/moderation/barriers/{id}/department",
            post(moderation::assign),
        )
}

/// `/sites/{id}/barrier`: the form for a registered place.
async fn site_form(
    State(state): State<AppState>,
    ctx: Ctx,
    PathId(site): PathId<Uuid>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let (id, name) = reports::place(s, site).await?;
    Ok(
        views::form_page(&ctx, &blank(Place::Site(id, &name), reports::form_key(s)))
            .into_response(),
    )
}

/// Where on the map a report for a place not in the registry is.
/// A position as a link or the home page's form gives it (a decimal comma is read too).
#[derive(Deserialize)]
struct At {
    lat: Option<String>,
    lon: Option<String>,
}

/// `/barriers/new?lat=..&lon=..`: the form for a position on the map, in the province.
async fn position_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(at): Query<At>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let degrees = |field: &str, text: Option<String>| {
        let text = text.unwrap_or_default().replace(',', ".");
        crate::domain::geo::parse_degrees(&text).map_err(|p| Error::field(field, p))
    };
    let lat = degrees("lat", at.lat)?;
    let lon = degrees("lon", at.lon)?;
    let at = Coordinates::new(lon, lat).map_err(|(field, problem)| Error::field(field, problem))?;
    if !s.region.contains(at) {
        return Err(Error::field(
            "position",
            Problem::OutsideRegion {
                region: s.region.to_string(),
            },
        )
        .into());
    }
    Ok(views::form_page(&ctx, &blank(Place::Position(at), reports::form_key(s))).into_response())
}

pub(super) fn blank(place: Place<'_>, key: Uuid) -> ReportForm<'_> {
    ReportForm {
        place,
        key,
        features: &[],
        description: "",
        contact: "",
        errors: None,
        held: None,
    }
}

/// The form as posted.
#[derive(Deserialize)]
struct SentNotice {
    sent: Option<String>,
}

/// `/barriers/{token}`: the report's public page.
async fn public_page(
    State(state): State<AppState>,
    ctx: Ctx,
    PathId(token): PathId<String>,
    Query(notice): Query<SentNotice>,
) -> Result<Response, HtmlError> {
    let public = reports::public(&state.services, &token).await?;
    Ok(views::public_page(&ctx, &public, notice.sent.is_some()).into_response())
}

/// What the public may see of a report, as JSON: never its contact, and its words only
/// once a moderator accepted them.
#[derive(Serialize)]
struct PublicReportJson {
    url: String,
    state: &'static str,
    site: Option<Uuid>,
    site_name: Option<String>,
    lat: f64,
    lon: f64,
    features: Vec<&'static str>,
    description: Option<String>,
    publication: &'static str,
    created_at: chrono::DateTime<chrono::Utc>,
    follow_up_on: Option<chrono::NaiveDate>,
    reason: Option<String>,
    confirmed: bool,
    duplicate_of: Option<String>,
    /// Where the fix of the confirmed barrier stands (a finding's state).
    fix_state: Option<&'static str>,
    /// When that fix is due.
    fix_due: Option<chrono::NaiveDate>,
    /// The sender's photos, once accepted (copies without metadata).
    photos: Vec<String>,
}

impl PublicReportJson {
    fn new(r: &Report, base: &str) -> Self {
        PublicReportJson {
            url: format!("{base}/barriers/{}", r.public_token),
            state: r.state.as_str(),
            site: r.site.as_ref().map(|(id, _)| *id),
            site_name: r.site.as_ref().map(|(_, name)| name.clone()),
            lat: r.position.lat(),
            lon: r.position.lon(),
            features: r.features.iter().map(|f| f.as_str()).collect(),
            description: (r.publication == crate::domain::barrier::Publication::Accepted)
                .then(|| r.description.clone()),
            publication: r.publication.as_str(),
            created_at: r.created_at,
            follow_up_on: r.follow_up_on,
            reason: r.reason.clone(),
            confirmed: r.finding.is_some(),
            duplicate_of: None,
            fix_state: None,
            fix_due: None,
            photos: Vec::new(),
        }
    }
}

/// `POST /api/v1/barrier-reports`: the same report from a program; the same
/// `Idempotency-Key` sends one report.
async fn send_api(
    State(state): State<AppState>,
    ctx: Ctx,
    address: ClientAddress,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(input): ApiJson<ReportInput>,
) -> Result<Response, ApiError> {
    let base = state.settings.base_url.clone();
    let (status, report) = match send_by_program(&state, &ctx, address, key, &input).await? {
        Sent::New(r) => (StatusCode::CREATED, r),
        Sent::Again(r) => (StatusCode::OK, r),
    };
    Ok((status, axum::Json(PublicReportJson::new(&report, &base))).into_response())
}

/// Sends a report that a program (this API, an Open311 client) made: without a form, so
/// only the per-address limit holds it back; the same `Idempotency-Key` sends one report,
/// and a request without one is a report of its own.
pub(super) async fn send_by_program(
    state: &AppState,
    ctx: &Ctx,
    address: ClientAddress,
    key: Option<String>,
    input: &ReportInput,
) -> Result<Sent, Error> {
    let sender = Sender {
        address: address.0,
        lang: ctx.lang,
    };
    let key = key.unwrap_or_else(|| Uuid::now_v7().to_string());
    reports::send(
        &state.services,
        &sender,
        input,
        Via::Api { key: &key },
        None,
    )
    .await
}

/// `GET /api/v1/barrier-reports/{token}`.
async fn public_api(
    State(state): State<AppState>,
    PathId(token): PathId<String>,
) -> Result<Response, ApiError> {
    let public = reports::public(&state.services, &token).await?;
    let base = state.settings.base_url.clone();
    let mut json = PublicReportJson::new(&public.report, &base);
    json.duplicate_of = public.duplicate_of.map(|t| format!("{base}/barriers/{t}"));
    json.fix_state = public.fix.map(|(state, _)| state.as_str());
    json.fix_due = public.fix.and_then(|(_, due)| due);
    json.photos = public
        .photos
        .iter()
        .map(|p| format!("{base}/barriers/{token}/photos/{p}/display"))
        .collect();
    Ok(axum::Json(json).into_response())
}
