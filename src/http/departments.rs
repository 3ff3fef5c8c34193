//! Departments: listed for everyone; renamed and merged by admins.

use axum::extract::{Path, State};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Auth;
use super::{ApiError, ApiJson, AppState};
use crate::app::departments::{self, Merged};
use crate::domain::department::Department;
use crate::domain::lang::Bilingual;
use crate::domain::site::DepartmentRef;
use crate::store::departments as department_rows;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/departments", get(list))
        .route("/api/v1/departments/{code}", patch(rename))
        .route("/api/v1/departments/{code}/merge", post(merge))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// A department as the API shows it.
#[derive(Debug, Serialize)]
pub struct DepartmentJson {
    id: Uuid,
    code: String,
    name: Bilingual,
}

impl From<&Department> for DepartmentJson {
    fn from(d: &Department) -> Self {
        DepartmentJson {
            id: d.id,
            code: d.code.clone(),
            name: d.name.clone(),
        }
    }
}

impl From<&DepartmentRef> for DepartmentJson {
    fn from(d: &DepartmentRef) -> Self {
        DepartmentJson {
            id: d.id,
            code: d.code.clone(),
            name: d.name.clone(),
        }
    }
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<DepartmentJson>>, ApiError> {
    let mut conn = state.services.db.conn().await?;
    let all = department_rows::all(&mut conn).await?;
    Ok(Json(all.iter().map(DepartmentJson::from).collect()))
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
) -> Result<Json<DepartmentJson>, ApiError> {
    let actor = auth.actor()?;
    let renamed = departments::rename(&state.services, &actor, &code, &body.name).await?;
    Ok(Json(DepartmentJson::from(&renamed)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Merge {
    into: String,
}

/// What a merge moved, as the API shows it.
#[derive(Serialize)]
struct MergedJson {
    from: DepartmentJson,
    into: DepartmentJson,
    users: u64,
    sites: u64,
}

impl From<&Merged> for MergedJson {
    fn from(m: &Merged) -> Self {
        MergedJson {
            from: DepartmentJson::from(&m.from),
            into: DepartmentJson::from(&m.into),
            users: m.users,
            sites: m.sites,
        }
    }
}

async fn merge(
    State(state): State<AppState>,
    auth: Auth,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<Merge>,
) -> Result<Json<MergedJson>, ApiError> {
    let actor = auth.actor()?;
    let merged = departments::merge(&state.services, &actor, &code, &body.into).await?;
    Ok(Json(MergedJson::from(&merged)))
}
