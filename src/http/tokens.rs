//! API tokens for programs: created once (the value is shown only then), listed, revoked.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Auth;
use super::{ApiJson, AppState};
use crate::domain::event::Change;
use crate::domain::permission::Action;
use crate::domain::secret::{self, digest};
use crate::domain::validation::required_text;
use crate::error::AppError;
use crate::store::events;
use crate::store::users::{self, Token};

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

/// A new token: the only time its value is shown.
#[derive(Serialize)]
struct Created {
    #[serde(flatten)]
    info: Token,
    token: String,
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let principal = auth.require(Action::ManageOwnTokens, &[])?;
    let name = required_text(body.name.as_deref(), 100).map_err(|p| AppError::field("name", p))?;
    let value = secret::new_secret("tc_");
    let mut tx = state.db.begin().await?;
    let info = users::create_token(&mut tx, principal.user.id, &name, &digest(&value)).await?;
    let change = Change::new(&principal.actor(), "token.create", "token", info.id).after(&info);
    events::append(&mut tx, change).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(Created { info, token: value })))
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Json<Vec<Token>>, AppError> {
    let principal = auth.require(Action::ManageOwnTokens, &[])?;
    let mut conn = state.db.conn().await?;
    Ok(Json(users::tokens_of(&mut conn, principal.user.id).await?))
}

async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let principal = auth.require(Action::ManageOwnTokens, &[])?;
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if !users::revoke_token(&mut tx, id, principal.user.id).await? {
        // Someone else's token is refused; an unknown or already revoked one is not found.
        return Err(match users::live_token_owner(&mut tx, id).await? {
            Some(_) => AppError::Forbidden,
            None => AppError::NotFound,
        });
    }
    events::append(
        &mut tx,
        Change::new(&principal.actor(), "token.revoke", "token", id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
