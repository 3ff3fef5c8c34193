//! Users (admins only): list, create, enable or disable, set a password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::auth::Auth;
use super::{ApiJson, AppState};
use crate::domain::permission::Action;
use crate::domain::user::{NewUser, User};
use crate::error::AppError;
use crate::store::accounts::{self, UserUpdate};
use crate::store::users;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/users", get(list).post(create))
        .route("/api/v1/users/{username}", patch(update))
        .route("/api/v1/users/{username}/password", post(set_password))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Json<Vec<User>>, AppError> {
    auth.require(Action::ManageUsers, &[])?;
    let mut conn = state.db.conn().await?;
    Ok(Json(users::all(&mut conn).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUserBody {
    username: Option<String>,
    display_name: Option<String>,
    role: Option<String>,
    department: Option<String>,
    password: Option<String>,
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewUserBody>,
) -> Result<(StatusCode, Json<User>), AppError> {
    let principal = auth.require(Action::ManageUsers, &[])?;
    let user = NewUser::parse(
        body.username.as_deref(),
        body.display_name.as_deref(),
        body.role.as_deref(),
        body.department.as_deref(),
    )?;
    let password = body.password.unwrap_or_default();
    let created = accounts::add_user(&state.db, &principal.actor(), &user, &password).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(username): Path<String>,
    ApiJson(body): ApiJson<UserUpdate>,
) -> Result<Json<User>, AppError> {
    let principal = auth.require(Action::ManageUsers, &[])?;
    Ok(Json(
        accounts::update_user(&state.db, &principal.actor(), &username, &body).await?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordBody {
    password: Option<String>,
}

async fn set_password(
    State(state): State<AppState>,
    auth: Auth,
    Path(username): Path<String>,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<StatusCode, AppError> {
    let principal = auth.require(Action::ManageUsers, &[])?;
    let password = body.password.unwrap_or_default();
    accounts::reset_password(&state.db, &principal.actor(), &username, &password).await?;
    Ok(StatusCode::NO_CONTENT)
}
