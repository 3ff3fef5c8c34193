//! API tokens for programs: `POST`, `GET /api/v1/tokens`, `DELETE /api/v1/tokens/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Auth;
use super::{ApiError, ApiJson, AppState, PathId};
use crate::app::tokens;
use crate::store::tokens::Token;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tokens", get(list).post(create))
        .route("/api/v1/tokens/{id}", delete(revoke))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

#[derive(Debug, Deserialize)]
struct NewToken {
    name: Option<String>,
}

/// A token as listed (never its value).
#[derive(Serialize)]
struct TokenJson {
    id: Uuid,
    name: String,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<&Token> for TokenJson {
    fn from(t: &Token) -> Self {
        TokenJson {
            id: t.id,
            name: t.name.clone(),
            created_at: t.created_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// A new token: the only time its value is shown.
#[derive(Serialize)]
struct CreatedJson {
    #[serde(flatten)]
    info: TokenJson,
    token: String,
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<CreatedJson>), ApiError> {
    let created = tokens::create(&state.services, &auth.actor()?, body.name.as_deref()).await?;
    let json = CreatedJson {
        info: TokenJson::from(&created.token),
        token: created.value,
    };
    Ok((StatusCode::CREATED, Json(json)))
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Json<Vec<TokenJson>>, ApiError> {
    let all = tokens::list(&state.services, &auth.actor()?).await?;
    Ok(Json(all.iter().map(TokenJson::from).collect()))
}

async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    tokens::revoke(&state.services, &auth.actor()?, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
