//! Checklists: `GET /api/v1/checklists[/{id}]` and the pages that show them.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use maud::Markup;
use serde::Deserialize;

pub(crate) mod json;

use self::json::{ChecklistJson, SummaryJson};
use crate::app::Error;
use crate::domain::checklist::Checklist;
use crate::domain::validation::Problem;
use crate::http::{ApiError, ApiQuery, AppState, HtmlError};
use crate::store::checklists::{self, Snapshot};
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/checklists", get(list))
        .route("/api/v1/checklists/{id}", get(read))
        .route("/checklists", get(list_page))
        .route("/checklists/{id}", get(detail_page))
}

async fn latest_all(state: &AppState) -> Result<Vec<Snapshot>, Error> {
    let mut conn = state.services.db.conn().await?;
    Ok(checklists::latest_all(&mut conn).await?)
}

/// `?version=N` picks an older stored version; without it, the latest.
#[derive(Debug, Default, Deserialize)]
struct VersionQuery {
    version: Option<String>,
}

impl VersionQuery {
    fn version(&self) -> Result<Option<u32>, Error> {
        match self
            .version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => Ok(None),
            Some(text) => text.parse::<u32>().map(Some).map_err(|_| {
                Error::field(
                    "version",
                    Problem::OutOfRange {
                        min: 1.0,
                        max: f64::from(u32::MAX),
                    },
                )
            }),
        }
    }
}

async fn stored(state: &AppState, id: &str, query: &VersionQuery) -> Result<Snapshot, Error> {
    let mut conn = state.services.db.conn().await?;
    let found = match query.version()? {
        None => checklists::latest(&mut conn, id).await?,
        Some(version) => checklists::version(&mut conn, id, version).await?,
    };
    found.ok_or(Error::NotFound)
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<SummaryJson>>, ApiError> {
    let all = latest_all(&state).await?;
    Ok(Json(all.iter().map(SummaryJson::from).collect()))
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<VersionQuery>,
) -> Result<Json<ChecklistJson>, ApiError> {
    Ok(Json(ChecklistJson::from(
        &stored(&state, &id, &query).await?,
    )))
}

async fn list_page(State(state): State<AppState>, ctx: Ctx) -> Result<Markup, HtmlError> {
    let all = latest_all(&state).await?;
    let checklists: Vec<&Checklist> = all.iter().map(|s| &s.checklist).collect();
    Ok(views::checklists::list_page(&ctx, &checklists))
}

async fn detail_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<VersionQuery>,
) -> Result<Markup, HtmlError> {
    let s = stored(&state, &id, &query).await?;
    Ok(views::checklists::detail_page(&ctx, &s.checklist))
}
