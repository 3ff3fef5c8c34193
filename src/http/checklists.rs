//! Checklists: `GET /api/v1/checklists[/{id}]` and the pages that show them.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use maud::Markup;
use serde::Serialize;
use uuid::Uuid;

use super::{AppState, HtmlError};
use crate::domain::checklist::Checklist;
use crate::domain::lang::Bilingual;
use crate::domain::site::SiteKind;
use crate::error::AppError;
use crate::store::checklists::{self, Snapshot};
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/checklists", get(list))
        .route("/api/v1/checklists/{id}", get(read))
        .route("/checklists", get(list_page))
        .route("/checklists/{id}", get(detail_page))
}

/// A checklist in a list: what it is, without its items.
#[derive(Serialize)]
struct Summary {
    id: String,
    version: u32,
    regulation: String,
    applies_to: Vec<SiteKind>,
    title: Bilingual,
    items: usize,
    snapshot_id: Uuid,
    content_hash: String,
}

/// A checklist with every item.
#[derive(Serialize)]
struct Full {
    snapshot_id: Uuid,
    content_hash: String,
    #[serde(flatten)]
    checklist: Checklist,
}

async fn latest_all(state: &AppState) -> Result<Vec<Snapshot>, AppError> {
    let mut conn = state.db.conn().await?;
    Ok(checklists::latest_all(&mut conn).await?)
}

async fn latest(state: &AppState, id: &str) -> Result<Snapshot, AppError> {
    let mut conn = state.db.conn().await?;
    checklists::latest(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<Summary>>, AppError> {
    let summaries = latest_all(&state)
        .await?
        .into_iter()
        .map(|s| Summary {
            items: s.checklist.items().count(),
            id: s.checklist.id,
            version: s.checklist.version,
            regulation: s.checklist.regulation,
            applies_to: s.checklist.applies_to,
            title: s.checklist.title,
            snapshot_id: s.snapshot_id,
            content_hash: s.content_hash,
        })
        .collect();
    Ok(Json(summaries))
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Full>, AppError> {
    let s = latest(&state, &id).await?;
    Ok(Json(Full {
        snapshot_id: s.snapshot_id,
        content_hash: s.content_hash,
        checklist: s.checklist,
    }))
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
) -> Result<Markup, HtmlError> {
    let s = latest(&state, &id).await?;
    Ok(views::checklists::detail_page(&ctx, &s.checklist))
}
