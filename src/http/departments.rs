//! Departments: listed for everyone; renamed and merged by admins.

use axum::extract::{Path, State};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::auth::Auth;
use super::{ApiJson, AppState};
use crate::domain::department::Department;
use crate::domain::lang::Bilingual;
use crate::domain::permission::Action;
use crate::error::AppError;
use crate::store::accounts::{self, Merged};
use crate::store::departments;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/departments", get(list))
        .route("/api/v1/departments/{code}", patch(rename))
        .route("/api/v1/departments/{code}/merge", post(merge))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<Department>>, AppError> {
    let mut conn = state.db.conn().await?;
    Ok(Json(departments::all(&mut conn).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    name: Bilingual,
}

async fn rename(
    State(state): State<AppState>,
    auth: Auth,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<Rename>,
) -> Result<Json<Department>, AppError> {
    let principal = auth.require(Action::ManageDepartments, &[])?;
    Ok(Json(
        accounts::rename_department(&state.db, &principal.actor(), &code, body.name).await?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Merge {
    into: String,
}

async fn merge(
    State(state): State<AppState>,
    auth: Auth,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<Merge>,
) -> Result<Json<Merged>, AppError> {
    let principal = auth.require(Action::ManageDepartments, &[])?;
    Ok(Json(
        accounts::merge_departments(&state.db, &principal.actor(), &code, &body.into).await?,
    ))
}
