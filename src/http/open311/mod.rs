//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2/>) for barrier reports, so
//! that the civic-tech clients that speak it can send reports and follow them:
//!
//! - `GET /open311/v2/services.{json|xml}`: one service per barrier feature;
//! - `POST /open311/v2/requests.{json|xml}`: a report, form-encoded, through the same use
//!   case as `POST /api/v1/barrier-reports` (its checks, its per-address limit, its
//!   `Idempotency-Key`);
//! - `GET /open311/v2/requests/{id}.{json|xml}` and `GET /open311/v2/requests.{json|xml}
//!   ?service_request_id=a,b`: a request as it stands, the id being the report's public
//!   token.
//!
//! Errors are the standard's list of `{code, description}`, one per field refused.

mod answer;
mod posted;
pub mod reply;
mod xml;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use self::answer::{RequestJson, SentJson, ServiceJson, Setting, parameter};
use self::posted::{posted, with_numbers};
use self::reply::{Format, refused, reply, split};
use super::auth::ClientAddress;
use super::retries::IdempotencyKey;
use super::{ApiError, AppState, PathId};
use crate::app::Error;
use crate::app::barrier_reports::{self as reports, Sent};
use crate::domain::barrier::Feature;
use crate::domain::lang::Lang;
use crate::i18n::{self, Msg, problem_text};
use crate::views::Ctx;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/open311/v2/{file}", get(list).post(send))
        .route("/open311/v2/requests/{file}", get(one))
}

/// `error` answered in the standard's form: refused input is 400, one entry per field,
/// each naming the standard's parameter (`contact` named as `contact_field`); anything
/// else keeps its status and message.
fn error_answer(format: Format, error: Error, contact_field: &'static str) -> Response {
    let lang = i18n::current();
    match error {
        Error::Invalid(errors) => {
            let descriptions = errors
                .0
                .iter()
                .map(|e| {
                    let name = parameter(&e.field, contact_field);
                    format!("{name}: {}", problem_text(&e.problem, lang))
                })
                .collect();
            refused(format, StatusCode::BAD_REQUEST, descriptions)
        }
        other => {
            let error = ApiError::App(other);
            let mut response = refused(format, error.status(), vec![error.message()]);
            error.add_headers(&mut response);
            response
        }
    }
}

/// A request this interface cannot read or route, in the standard's form.
fn unreadable(file: &str, error: ApiError) -> Response {
    super::error::error_for_path(&format!("/open311/v2/{file}"), error)
}

/// What a `GET /open311/v2/requests.json` asks for.
#[derive(Deserialize)]
struct Wanted {
    service_request_id: Option<String>,
}

/// `GET /open311/v2/services.{json|xml}`, and `requests.{json|xml}?service_request_id=a,b`.
async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PathId(file): PathId<String>,
    Query(wanted): Query<Wanted>,
) -> Response {
    let Some((name, format)) = split(&file) else {
        return unreadable(&file, Error::NotFound.into());
    };
    match name {
        "services" => {
            let services: Vec<ServiceJson> = Feature::ALL
                .iter()
                .map(|f| ServiceJson::of(*f, lang))
                .collect();
            reply(StatusCode::OK, format, ("services", "service"), &services)
        }
        "requests" => {
            let ids = wanted.service_request_id.unwrap_or_default();
            let ids: Vec<&str> = ids
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .collect();
            if ids.is_empty() {
                let why = Msg::Open311NoListing.get(lang).to_owned();
                return refused(format, StatusCode::BAD_REQUEST, vec![why]);
            }
            let at = setting(&state, lang);
            let mut found = Vec::new();
            for id in ids {
                match reports::follow(&state.services, id).await {
                    Ok(followed) => found.push(RequestJson::of(&followed, at)),
                    Err(Error::NotFound) => {}
                    Err(e) => return error_answer(format, e, "email"),
                }
            }
            reply(
                StatusCode::OK,
                format,
                ("service_requests", "request"),
                &found,
            )
        }
        _ => unreadable(&file, Error::NotFound.into()),
    }
}

/// `GET /open311/v2/requests/{id}.{json|xml}`: the request as it stands.
async fn one(State(state): State<AppState>, lang: Lang, PathId(file): PathId<String>) -> Response {
    let Some((token, format)) = split(&file) else {
        return unreadable(&file, Error::NotFound.into());
    };
    match reports::follow(&state.services, token).await {
        Ok(followed) => {
            let request = RequestJson::of(&followed, setting(&state, lang));
            reply(
                StatusCode::OK,
                format,
                ("service_requests", "request"),
                &[request],
            )
        }
        Err(e) => error_answer(format, e, "email"),
    }
}

fn setting(state: &AppState, lang: Lang) -> Setting<'_> {
    Setting {
        base: &state.settings.base_url,
        zone: state.services.zone,
        lang,
    }
}

/// `POST /open311/v2/requests.{json|xml}`: a report, form-encoded. The same
/// `Idempotency-Key` sends one report.
async fn send(
    State(state): State<AppState>,
    ctx: Ctx,
    address: ClientAddress,
    key: Result<IdempotencyKey, ApiError>,
    PathId(file): PathId<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let format = match split(&file) {
        Some(("requests", format)) => format,
        _ => return unreadable(&file, Error::NotFound.into()),
    };
    let form = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.trim_start()
                .starts_with("application/x-www-form-urlencoded")
        });
    if !form {
        let why = Msg::Open311FormOnly.get(ctx.lang).to_owned();
        return refused(format, StatusCode::BAD_REQUEST, vec![why]);
    }
    let key = match key {
        Ok(IdempotencyKey(key)) => key,
        Err(e) => return unreadable(&file, e),
    };
    let bytes = match body {
        Ok(bytes) => bytes,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return unreadable(&file, ApiError::TooLarge(super::BODY_LIMIT));
        }
        Err(e) => return unreadable(&file, ApiError::Malformed(e.body_text())),
    };
    let pairs: Vec<(String, String)> = match serde_urlencoded::from_bytes(&bytes) {
        Ok(pairs) => pairs,
        Err(e) => return unreadable(&file, ApiError::Malformed(e.to_string())),
    };
    let posted = posted(pairs);
    let sent =
        super::barrier_reports::send_by_program(&state, &ctx, address, key, &posted.input).await;
    let (status, report) = match sent {
        Ok(Sent::New(r)) => (StatusCode::CREATED, r),
        Ok(Sent::Again(r)) => (StatusCode::OK, r),
        Err(Error::Invalid(errors)) => {
            let errors = with_numbers(errors, posted.numbers);
            return error_answer(format, Error::Invalid(errors), posted.contact);
        }
        Err(e) => return error_answer(format, e, posted.contact),
    };
    let answer = SentJson::of(&report, &state.settings.base_url, ctx.lang);
    reply(status, format, ("service_requests", "request"), &[answer])
}
