//! Users (admins only): list, create, change, enable or disable, set a password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Auth;
use super::departments::DepartmentRefJson;
use super::versions::{IfMatch, with_etag};
use super::{ApiError, ApiJson, AppState};
use crate::app::users::{self, UserUpdate};
use crate::domain::user::{Role, User, UserInput};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/users", get(list).post(create))
        .route("/api/v1/users/{username}", patch(update))
        .route("/api/v1/users/{username}/password", post(set_password))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// A user as staff see them (never the password hash).
#[derive(Debug, Serialize)]
pub struct UserJson {
    id: Uuid,
    username: String,
    display_name: String,
    role: Role,
    department: Option<DepartmentRefJson>,
    active: bool,
    created_at: DateTime<Utc>,
    version: i64,
    email: Option<String>,
}

impl From<&User> for UserJson {
    fn from(u: &User) -> Self {
        UserJson {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            department: u.department.as_ref().map(DepartmentRefJson::from),
            active: u.active,
            created_at: u.created_at,
            version: u.version,
            email: u.email.clone(),
        }
    }
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Json<Vec<UserJson>>, ApiError> {
    let all = users::list(&state.services, &auth.actor()?).await?;
    Ok(Json(all.iter().map(UserJson::from).collect()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUserBody {
    username: Option<String>,
    display_name: Option<String>,
    role: Option<String>,
    department: Option<String>,
    email: Option<String>,
    password: Option<String>,
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewUserBody>,
) -> Result<(StatusCode, Json<UserJson>), ApiError> {
    let actor = auth.actor()?;
    let input = UserInput {
        username: body.username,
        display_name: body.display_name,
        role: body.role,
        department: body.department,
        email: body.email,
    };
    let password = body.password.unwrap_or_default();
    let created = users::add(&state.services, &actor, &input, &password).await?;
    Ok((StatusCode::CREATED, Json(UserJson::from(&created))))
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(username): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<UserUpdate>,
) -> Result<(axum::http::HeaderMap, Json<UserJson>), ApiError> {
    let actor = auth.actor()?;
    let user = users::update(&state.services, &actor, &username, &body, expected).await?;
    Ok((with_etag(user.version), Json(UserJson::from(&user))))
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
) -> Result<StatusCode, ApiError> {
    let actor = auth.actor()?;
    let password = body.password.unwrap_or_default();
    users::reset_password(&state.services, &actor, &username, &password).await?;
    Ok(StatusCode::NO_CONTENT)
}
