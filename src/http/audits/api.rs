//! `/api/v1/audits`: start, read, list, answer, submit and review audits.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::json::{AuditJson, AuditSummaryJson};
use crate::app::audits::{self, ReviewInput, StartInput, Started};
use crate::app::{Error, departments};
use crate::domain::audit::answer::inputs_from_json;
use crate::domain::audit::{AuditState, Filter};
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::auth::Auth;
use crate::http::paging::{self, PageJson, PageSize, param};
use crate::http::versions::with_etag;
use crate::http::{ApiError, ApiJson, ApiQuery, AppState, PathId};

/// Page sizes of the audit list.
const PAGE: PageSize = PageSize {
    default: 50,
    max: 200,
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sites/{id}/audits", post(start))
        .route("/api/v1/audits", get(list))
        .route("/api/v1/audits/{id}", get(read))
        .route("/api/v1/audits/{id}/answers", put(answer))
        .route("/api/v1/audits/{id}/submit", post(submit))
        .route("/api/v1/audits/{id}/review", post(review))
}

/// An audit with its version as the `ETag`.
fn audit_response(
    state: &AppState,
    status: StatusCode,
    audit: &crate::domain::audit::Audit,
) -> Response {
    (
        status,
        with_etag(audit.version),
        Json(AuditJson::new(audit, &state.settings.base_url)),
    )
        .into_response()
}

/// Starts a draft (201), or answers with the audit the same key started before (200).
async fn start(
    State(state): State<AppState>,
    auth: Auth,
    PathId(site): PathId,
    ApiJson(input): ApiJson<StartInput>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    Ok(
        match audits::start(&state.services, &actor, site, &input).await? {
            Started::New(audit) => audit_response(&state, StatusCode::CREATED, &audit),
            Started::Again(audit) => audit_response(&state, StatusCode::OK, &audit),
        },
    )
}

async fn read(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> Result<(HeaderMap, Json<AuditJson>), ApiError> {
    let actor = auth.actor()?;
    let audit = audits::read(&state.services, &actor, id).await?;
    Ok((
        with_etag(audit.version),
        Json(AuditJson::new(&audit, &state.settings.base_url)),
    ))
}

/// The list query as sent; every field is checked and refused by name.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
struct ListQuery {
    state: Option<String>,
    site: Option<String>,
    mine: Option<String>,
    department: Option<String>,
    before: Option<String>,
    limit: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<PageJson<AuditSummaryJson>>, ApiError> {
    let actor = auth.actor()?;
    let mut errors = FieldErrors::default();
    let audit_state = param(&query.state).and_then(|s| errors.take("state", AuditState::parse(s)));
    let site = paging::cursor::<Uuid>(&mut errors, "site", param(&query.site));
    let before = paging::cursor::<Uuid>(&mut errors, "before", param(&query.before));
    let limit = PAGE.read(&mut errors, param(&query.limit));
    let mine = match param(&query.mine) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            errors.add(
                "mine",
                Problem::NotOneOf {
                    given: other.to_owned(),
                    allowed: vec!["true".into(), "false".into()],
                },
            );
            false
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    let department = match param(&query.department) {
        Some(code) => {
            let mut conn = state.services.db.conn().await?;
            Some(
                departments::resolve(&mut conn, "department", code)
                    .await?
                    .id,
            )
        }
        None => None,
    };
    let filter = Filter {
        state: audit_state,
        site,
        mine,
        department,
        before,
        limit,
    };
    let items = audits::list(&state.services, &actor, &filter).await?;
    let base = &state.settings.base_url;
    let next = paging::next_page(&items, limit, |last| ListQuery {
        before: Some(last.id.to_string()),
        ..query.clone()
    })
    .map(|q| format!("{base}/api/v1/audits?{q}"));
    Ok(Json(PageJson {
        items: items
            .iter()
            .map(|h| AuditSummaryJson::new(h, base))
            .collect(),
        next,
    }))
}

async fn answer(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let inputs = inputs_from_json(body).map_err(Error::from)?;
    let audit = audits::answer(&state.services, &actor, id, &inputs).await?;
    Ok(audit_response(&state, StatusCode::OK, &audit))
}

async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let audit = audits::submit(&state.services, &actor, id).await?;
    Ok(audit_response(&state, StatusCode::OK, &audit))
}

async fn review(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(input): ApiJson<ReviewInput>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let audit = audits::review(&state.services, &actor, id, &input).await?;
    Ok(audit_response(&state, StatusCode::OK, &audit))
}
