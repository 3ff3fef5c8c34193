//! Departments: listed for everyone; created, renamed, merged and retired by admins.

use axum::extract::{Path, State};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use axum::http::{HeaderMap, StatusCode};

use super::auth::Auth;
use super::versions::{IfMatch, with_etag};
use super::{ApiError, ApiJson, AppState};
use crate::app::departments::{self, Merged};
use crate::domain::department::Department;
use crate::domain::lang::Bilingual;
use crate::domain::site::DepartmentRef;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/departments", get(list).post(create))
        .route("/api/v1/departments/{code}", patch(rename))
        .route("/api/v1/departments/{code}/merge", post(merge))
        .route("/api/v1/departments/{code}/retire", post(retire))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// A department as the API lists it.
#[derive(Debug, Serialize)]
pub struct DepartmentJson {
    id: Uuid,
    code: String,
    name: Bilingual,
    version: i64,
}

impl From<&Department> for DepartmentJson {
    fn from(d: &Department) -> Self {
        DepartmentJson {
            id: d.id,
            code: d.code.clone(),
            name: d.name.clone(),
            version: d.version,
        }
    }
}

/// The department a site or a user belongs to, as shown with them.
#[derive(Debug, Serialize)]
pub struct DepartmentRefJson {
    id: Uuid,
    code: String,
    name: Bilingual,
}

impl From<&DepartmentRef> for DepartmentRefJson {
    fn from(d: &DepartmentRef) -> Self {
        DepartmentRefJson {
            id: d.id,
            code: d.code.clone(),
            name: d.name.clone(),
        }
    }
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<DepartmentJson>>, ApiError> {
    let all = departments::list(&state.services).await?;
    Ok(Json(all.iter().map(DepartmentJson::from).collect()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Create {
    code: String,
    name: Bilingual,
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<Create>,
) -> Result<(StatusCode, HeaderMap, Json<DepartmentJson>), ApiError> {
    let actor = auth.actor()?;
    let created = departments::create(&state.services, &actor, &body.code, &body.name).await?;
    Ok((
        StatusCode::CREATED,
        with_etag(created.version),
        Json(DepartmentJson::from(&created)),
    ))
}

async fn retire(
    State(state): State<AppState>,
    auth: Auth,
    Path(code): Path<String>,
    IfMatch(expected): IfMatch,
) -> Result<(HeaderMap, Json<DepartmentJson>), ApiError> {
    let actor = auth.actor()?;
    let retired = departments::retire(&state.services, &actor, &code, expected).await?;
    Ok((
        with_etag(retired.version),
        Json(DepartmentJson::from(&retired)),
    ))
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
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<Rename>,
) -> Result<(HeaderMap, Json<DepartmentJson>), ApiError> {
    let actor = auth.actor()?;
    let renamed = departments::rename(&state.services, &actor, &code, &body.name, expected).await?;
    Ok((
        with_etag(renamed.version),
        Json(DepartmentJson::from(&renamed)),
    ))
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
    audits: u64,
    findings: u64,
}

impl From<&Merged> for MergedJson {
    fn from(m: &Merged) -> Self {
        MergedJson {
            from: DepartmentJson::from(&m.from),
            into: DepartmentJson::from(&m.into),
            users: m.users,
            sites: m.sites,
            audits: m.audits,
            findings: m.findings,
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
