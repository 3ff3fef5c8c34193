//! `/api/v1/sites`: list with filters and keyset paging, read, create, partial update.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

use super::json::SiteJson;
use super::query::ListQuery;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::app::Error;
use crate::app::retries::{Created, Once};
use crate::app::sites::{self, Edit};
use crate::domain::site::{Site, SiteInput};
use crate::http::auth::Auth;
use crate::http::paging::PageJson;
use crate::http::retries::{IdempotencyKey, KeyedJson, json_answer, replay};
use crate::http::versions::{IfMatch, with_etag};
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
    if let Some(near) = query.near().map_err(Error::from)? {
        let found = sites::nearest(&state.services, near, filter.kind, filter.limit).await?;
        return Ok(Json(PageJson {
            items: found.iter().map(|(site, _)| SiteJson::from(site)).collect(),
            next: None,
        }));
    }
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
) -> Result<(HeaderMap, Json<SiteJson>), ApiError> {
    let mut conn = state.services.db.conn().await?;
    let site = site_rows::by_id(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((with_etag(site.version), Json(SiteJson::from(&site))))
}

/// Registers a site; with `Idempotency-Key`, the same request again answers as the first.
async fn create(
    State(state): State<AppState>,
    auth: Auth,
    IdempotencyKey(key): IdempotencyKey,
    body: KeyedJson<SiteInput>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let answer = |site: &Site| json_answer(StatusCode::CREATED, &SiteJson::from(site));
    let once = key.as_deref().map(|key| Once {
        key,
        fingerprint: body.fingerprint.clone(),
        answer: &answer,
    });
    match sites::register(&state.services, &actor, &body.value, once).await? {
        Created::New(site) => Ok((
            StatusCode::CREATED,
            with_etag(site.version),
            Json(SiteJson::from(&site)),
        )
            .into_response()),
        Created::Replayed(answer) => Ok(replay(answer)),
    }
}

async fn patch(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    IfMatch(expected): IfMatch,
    ApiJson(patch): ApiJson<SiteInput>,
) -> Result<(HeaderMap, Json<SiteJson>), ApiError> {
    let actor = auth.actor()?;
    let site = sites::edit(&state.services, &actor, id, Edit::Patch, &patch, expected).await?;
    Ok((with_etag(site.version), Json(SiteJson::from(&site))))
}
