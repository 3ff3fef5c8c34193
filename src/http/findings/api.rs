//! `GET /api/v1/findings` (JSON or `format=csv`), `GET /api/v1/findings/{id}` and
//! `POST /api/v1/findings/{id}/transitions` (JSON, or multipart with after-photos).

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::form::{self, TRANSITION_LIMIT};
use super::json::{CountsJson, FindingDetailJson, FindingJson, FindingsPageJson};
use super::query::FindingsQuery;
use crate::app::findings::{self, Detail, TransitionInput};
use crate::app::retries::{Created, Once};
use crate::http::auth::Auth;
use crate::http::extract::read_body;
use crate::http::retries::{IdempotencyKey, fingerprint, json_answer, replay};
use crate::http::{ApiError, ApiQuery, AppState, BODY_LIMIT, PathId};
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

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    ApiQuery(query): ApiQuery<FindingsQuery>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let parsed = query.parse(s).await?;
    let items = findings::list(s, &actor, &parsed.filter).await?;
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
    let counts = findings::counts(s, &actor, &parsed.filter).await?;
    let base = &state.settings.base_url;
    let next = query
        .next(&items, parsed.filter.limit)
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
    PathId(id): PathId,
) -> Result<Json<FindingDetailJson>, ApiError> {
    let actor = auth.actor()?;
    let s = &state.services;
    let detail = findings::read(s, &actor, id).await?;
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
    PathId(id): PathId,
    IdempotencyKey(key): IdempotencyKey,
    req: Request,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let (input, photos, fingerprint) = if is_multipart(&req) {
        let form = form::read(req, &state).await?;
        (form.input, form.photos, form.fingerprint)
    } else {
        let method = req.method().to_string();
        let path = req.uri().path().to_owned();
        // Only a multipart step carries photos: a JSON one is held to the usual limit.
        let body = read_body(req, BODY_LIMIT).await?;
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
