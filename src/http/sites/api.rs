//! `/api/v1/sites`: list with filters and keyset paging, read, create, partial update.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Save, parse_id, save};
use crate::domain::geo::Bbox;
use crate::domain::site::{Site, SiteInput, SiteKind};
use crate::domain::validation::{FieldErrors, Problem};
use crate::error::AppError;
use crate::http::auth::Auth;
use crate::http::{ApiJson, ApiQuery, AppState};
use crate::store::sites::{self, Filter};

/// Page size when none is asked for, and the largest allowed.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sites", get(list).post(create))
        .route("/api/v1/sites/{id}", get(read).patch(patch))
}

/// The list query as sent; every field is checked and refused by name.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct ListQuery {
    pub bbox: Option<String>,
    pub kind: Option<String>,
    pub area: Option<String>,
    pub q: Option<String>,
    pub limit: Option<String>,
    pub after: Option<String>,
}

fn blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ListQuery {
    /// The store filter, or every problem with the query.
    pub(super) fn filter(&self) -> Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let bbox = blank(&self.bbox).and_then(|b| errors.take("bbox", b.parse::<Bbox>()));
        let kind = blank(&self.kind).and_then(|k| errors.take("kind", SiteKind::parse(k)));
        let id = |v: &str| Uuid::parse_str(v).map_err(|_| Problem::NotAnId);
        let area = blank(&self.area).and_then(|a| errors.take("area", id(a)));
        let after = blank(&self.after).and_then(|a| errors.take("after", id(a)));
        let limit = match blank(&self.limit) {
            None => Some(DEFAULT_LIMIT),
            Some(l) => errors.take(
                "limit",
                l.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or(Problem::OutOfRange {
                        min: 1.0,
                        max: f64::from(MAX_LIMIT),
                    }),
            ),
        };
        let q = blank(&self.q).map(str::to_owned);
        errors.into_result(|| Filter {
            bbox,
            kind,
            area,
            q,
            after,
            limit: limit.expect("checked"),
        })
    }

    /// The query string of the page after `last`, or `None` on a short page.
    pub(super) fn next(&self, page: &[Site], limit: u32) -> Option<String> {
        let last = page.last().filter(|_| page.len() == limit as usize)?;
        let next = ListQuery {
            after: Some(last.id.to_string()),
            limit: self.limit.clone(),
            bbox: self.bbox.clone(),
            kind: self.kind.clone(),
            area: self.area.clone(),
            q: self.q.clone(),
        };
        serde_urlencoded::to_string(&next).ok()
    }
}

#[derive(Serialize)]
struct Page {
    items: Vec<Site>,
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Page>, AppError> {
    let filter = query.filter()?;
    let mut conn = state.db.conn().await?;
    let items = sites::list(&mut conn, &filter).await?;
    let next = query
        .next(&items, filter.limit)
        .map(|q| format!("{}/api/v1/sites?{q}", state.settings.base_url));
    Ok(Json(Page { items, next }))
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Site>, AppError> {
    let id = parse_id(&id)?;
    let mut conn = state.db.conn().await?;
    let site = sites::by_id(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(site))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(input): ApiJson<SiteInput>,
) -> Result<(StatusCode, Json<Site>), AppError> {
    let site = save(&state, &auth, Save::New, &input).await?;
    Ok((StatusCode::CREATED, Json(site)))
}

async fn patch(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(patch): ApiJson<SiteInput>,
) -> Result<Json<Site>, AppError> {
    let id = parse_id(&id)?;
    Ok(Json(save(&state, &auth, Save::Patch(id), &patch).await?))
}
