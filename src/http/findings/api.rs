//! `GET /api/v1/findings` (JSON or `format=csv`), `GET /api/v1/findings/{id}` and
//! `POST /api/v1/findings/{id}/transitions` (JSON, or multipart with after-photos).

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use uuid::Uuid;

use super::form::{self, TRANSITION_LIMIT};
use super::json::{CountsJson, FindingDetailJson, FindingJson, FindingsPageJson};
use super::query::FindingsQuery;
use crate::app::Error;
use crate::app::findings::{self, Detail, TransitionInput};
use crate::app::retries::{Created, Once};
use crate::http::auth::Auth;
use crate::http::retries::{IdempotencyKey, fingerprint, json_answer, replay};
use crate::http::{ApiError, ApiQuery, AppState};
use crate::views;
use crate::views::Ctx;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/findings", get(list))
        .route("/api/v1/findings/{id}", get(one))
        .route(
            "/api/v1/findings/{id}/transitions",
            post(transition).layer(DefaultBodyLimit::max(TRANSITION_LIMIT)),
        )
}

/// A finding id from a path; a malformed one is simply not found.
pub(super) fn finding_id(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text).map_err(|_| Error::NotFound)
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    ApiQuery(query): ApiQuery<FindingsQuery>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let parsed = query.parse(s).await?;
    let items = findings::list(s, &actor, &parsed.input).await?;
    let today = s.today();
    if parsed.csv {
        let bytes = views::findings::csv(&ctx, &items, today, &state.settings.base_url);
        return Ok((
            [
                (
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"findings.csv\""),
                ),
            ],
            bytes,
        )
            .into_response());
    }
    let counts = findings::counts(s, &actor, &parsed.input).await?;
    let base = &state.settings.base_url;
    let next = query
        .next(&items, parsed.input.limit)
        .map(|q| format!("{base}/api/v1/findings?{q}"));
    Ok(Json(FindingsPageJson {
        items: items
            .iter()
            .map(|f| FindingJson::new(f, today, base))
            .collect(),
        next,
        counts: CountsJson::from(&counts),
    })
    .into_response())
}

async fn one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> Result<Json<FindingDetailJson>, ApiError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let detail = findings::read(s, &actor, finding_id(&id)?).await?;
    Ok(Json(FindingDetailJson::new(
        &detail,
        s.today(),
        &state.settings.base_url,
    )))
}

/// True when the request body is multipart.
fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// Takes a step; with `Idempotency-Key`, the same request again answers as the first.
async fn transition(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    req: Request,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let id = finding_id(&id)?;
    let (input, photos, fingerprint) = if is_multipart(&req) {
        let form = form::read(req, &state).await?;
        (form.input, form.photos, form.fingerprint)
    } else {
        let method = req.method().to_string();
        let path = req.uri().path().to_owned();
        let body = Bytes::from_request(req, &state)
            .await
            .map_err(|e| ApiError::Malformed(e.body_text()))?;
        let input: TransitionInput = serde_json::from_slice(&body)
            .map_err(|e| ApiError::Malformed(format!("Failed to parse the JSON body: {e}")))?;
        (input, Vec::new(), fingerprint(&method, &path, &body))
    };
    let s = &state.services;
    let today = s.today();
    let base = state.settings.base_url.clone();
    let answer = |d: &Detail| json_answer(StatusCode::OK, &FindingDetailJson::new(d, today, &base));
    let once = key.as_deref().map(|key| Once {
        key,
        fingerprint: fingerprint.clone(),
        answer: &answer,
    });
    match findings::transition(s, &actor, id, &input, photos, once).await? {
        Created::New(detail) => {
            Ok(Json(FindingDetailJson::new(&detail, today, &base)).into_response())
        }
        Created::Replayed(answer) => Ok(replay(answer)),
    }
}
