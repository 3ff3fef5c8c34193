//! `/api/v1/sites`: list with filters and keyset paging, read, create, partial update.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

use super::json::SiteJson;
use super::query::ListQuery;
use crate::app::Error;
use crate::app::sites::{self, Edit};
use crate::domain::site::SiteInput;
use crate::http::auth::Auth;
use crate::http::paging::PageJson;
use crate::http::{ApiError, ApiJson, ApiQuery, AppState, PathId};
use crate::store::sites as site_rows;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sites", get(list).post(create))
        .route("/api/v1/sites/{id}", get(read).patch(patch))
}

async fn list(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<PageJson<SiteJson>>, ApiError> {
    let filter = query.filter().map_err(Error::from)?;
    let mut conn = state.services.db.conn().await?;
    let items = site_rows::list(&mut conn, &filter).await?;
    let next = query
        .next(&items, filter.limit)
        .map(|q| format!("{}/api/v1/sites?{q}", state.settings.base_url));
    Ok(Json(PageJson {
        items: items.iter().map(SiteJson::from).collect(),
        next,
    }))
}

async fn read(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<SiteJson>, ApiError> {
    let mut conn = state.services.db.conn().await?;
    let site = site_rows::by_id(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(SiteJson::from(&site)))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(input): ApiJson<SiteInput>,
) -> Result<(StatusCode, Json<SiteJson>), ApiError> {
    let site = sites::register(&state.services, &auth.actor()?, &input).await?;
    Ok((StatusCode::CREATED, Json(SiteJson::from(&site))))
}

async fn patch(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(patch): ApiJson<SiteInput>,
) -> Result<Json<SiteJson>, ApiError> {
    let actor = auth.actor()?;
    let site = sites::edit(&state.services, &actor, id, Edit::Patch, &patch).await?;
    Ok(Json(SiteJson::from(&site)))
}
