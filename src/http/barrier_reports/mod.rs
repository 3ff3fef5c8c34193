//! Barrier reports from the public: the form (`/sites/{id}/barrier`, `/barriers/new` for a
//! position on the map), sending it (`POST /barriers`), the report's public page
//! (`/barriers/{token}`), the same through the API (`/api/v1/barrier-reports`), and the
//! moderators' queue and answers (`/moderation/barriers`).

mod moderation;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::ClientAddress;
use super::retries::IdempotencyKey;
use super::{ApiError, ApiJson, AppState, HtmlError, HtmlForm, PathId};
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
        .route("/barriers", post(send_form))
        .route("/barriers/{token}", get(public_page))
        .route("/api/v1/barrier-reports", post(send_api))
        .route("/api/v1/barrier-reports/{token}", get(public_api))
        .route("/moderation/barriers", get(moderation::queue_page))
        .route(
            "/moderation/barriers/{id}",
            get(moderation::report_page).post(moderation::answer),
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
#[derive(Deserialize)]
struct At {
    lat: Option<f64>,
    lon: Option<f64>,
}

/// `/barriers/new?lat=..&lon=..`: the form for a position on the map, in the province.
async fn position_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(at): Query<At>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let (Some(lat), Some(lon)) = (at.lat, at.lon) else {
        return Err(Error::field("lat", Problem::Required).into());
    };
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

fn blank(place: Place<'_>, key: Uuid) -> ReportForm<'_> {
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
#[derive(Default)]
struct Posted {
    input: ReportInput,
    key: Option<String>,
    trap: Option<String>,
    lat: String,
    lon: String,
}

fn posted(pairs: Vec<(String, String)>) -> Posted {
    let mut p = Posted::default();
    for (name, value) in pairs {
        match name.as_str() {
            "features" => p.input.features.push(value),
            "description" => p.input.description = Some(value),
            "contact" => p.input.contact = Some(value),
            "site" => p.input.site = Some(value),
            "lat" => p.lat = value,
            "lon" => p.lon = value,
            "key" => p.key = Some(value),
            "leave_empty" => p.trap = Some(value),
            _ => {}
        }
    }
    p.input.lat = p.lat.trim().parse().ok();
    p.input.lon = p.lon.trim().parse().ok();
    p
}

/// `POST /barriers`: sends the form; the report's page on success, else the form again with
/// everything typed and what is wrong.
async fn send_form(
    State(state): State<AppState>,
    ctx: Ctx,
    address: ClientAddress,
    HtmlForm(pairs): HtmlForm<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let s = &state.services;
    let p = posted(pairs);
    // A form without its key (an old page, a program) gets a new one; it is then too fresh
    // to pass, and comes back to be sent again.
    let key = p
        .key
        .as_deref()
        .and_then(|k| Uuid::parse_str(k.trim()).ok())
        .unwrap_or_else(|| reports::form_key(s));
    let sender = Sender {
        address: address.0,
        lang: ctx.lang,
    };
    let via = Via::Form {
        key,
        trap: p.trap.as_deref(),
    };
    let refused = match reports::send(s, &sender, &p.input, via).await {
        Ok(Sent::New(r) | Sent::Again(r)) => {
            return Ok(
                Redirect::to(&format!("/barriers/{}?sent=1", r.public_token)).into_response(),
            );
        }
        Err(e @ (Error::Invalid(_) | Error::HeldBack(_))) => e,
        Err(other) => return Err(other.into()),
    };
    // The place again, as the form named it.
    let name;
    let place = match (&p.input.site, p.input.lat, p.input.lon) {
        (Some(site), _, _) => {
            let id = Uuid::parse_str(site.trim()).map_err(|_| Error::NotFound)?;
            name = reports::place(s, id).await?.1;
            Place::Site(id, &name)
        }
        (None, Some(lat), Some(lon)) => match Coordinates::new(lon, lat) {
            Ok(at) => Place::Position(at),
            Err(_) => return Err(refused.into()),
        },
        _ => return Err(refused.into()),
    };
    let (status, errors, held) = match refused {
        Error::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, Some(errors), None),
        Error::HeldBack(why) => {
            let said = ApiError::from(Error::HeldBack(why));
            (said.status(), None, Some(said.message()))
        }
        other => return Err(other.into()),
    };
    let form = ReportForm {
        place,
        // A form held back for its key gets a new one; otherwise it keeps its own.
        key: if held.is_some() {
            reports::form_key(s)
        } else {
            key
        },
        features: &p.input.features,
        description: p.input.description.as_deref().unwrap_or_default(),
        contact: p.input.contact.as_deref().unwrap_or_default(),
        errors: errors.as_ref(),
        held,
    };
    Ok((status, views::form_page(&ctx, &form)).into_response())
}

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
    reports::send(&state.services, &sender, input, Via::Api { key: &key }).await
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
    Ok(axum::Json(json).into_response())
}
