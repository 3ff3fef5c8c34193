//! Checklists: `GET /api/v1/checklists[/{id}]` and the pages that show them.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use maud::Markup;
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, AppState, HtmlError};
use crate::app::Error;
use crate::domain::checklist::{
    Answer, Checklist, Feature, Item, PhotoRule, Section, Severity, Unit,
};
use crate::domain::lang::Bilingual;
use crate::domain::site::SiteKind;
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
struct SummaryJson {
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
struct ChecklistJson {
    snapshot_id: Uuid,
    content_hash: String,
    id: String,
    version: u32,
    regulation: String,
    applies_to: Vec<SiteKind>,
    title: Bilingual,
    sections: Vec<SectionJson>,
}

#[derive(Serialize)]
struct SectionJson {
    code: String,
    title: Bilingual,
    items: Vec<ItemJson>,
}

#[derive(Serialize)]
struct ItemJson {
    code: String,
    text: Bilingual,
    clause: String,
    feature: Feature,
    severity: Severity,
    answer: AnswerJson,
    photo: PhotoRule,
    verified: bool,
    guidance: Option<Bilingual>,
}

/// How an item is answered.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum AnswerJson {
    YesNo,
    Measure {
        unit: Unit,
        min: Option<f64>,
        max: Option<f64>,
    },
}

impl From<&Answer> for AnswerJson {
    fn from(a: &Answer) -> Self {
        match a {
            Answer::YesNo => AnswerJson::YesNo,
            Answer::Measure { unit, min, max } => AnswerJson::Measure {
                unit: *unit,
                min: *min,
                max: *max,
            },
        }
    }
}

impl From<&Item> for ItemJson {
    fn from(i: &Item) -> Self {
        ItemJson {
            code: i.code.clone(),
            text: i.text.clone(),
            clause: i.clause.clone(),
            feature: i.feature,
            severity: i.severity,
            answer: AnswerJson::from(&i.answer),
            photo: i.photo,
            verified: i.verified,
            guidance: i.guidance.clone(),
        }
    }
}

impl From<&Section> for SectionJson {
    fn from(s: &Section) -> Self {
        SectionJson {
            code: s.code.clone(),
            title: s.title.clone(),
            items: s.items.iter().map(ItemJson::from).collect(),
        }
    }
}

impl From<&Snapshot> for ChecklistJson {
    fn from(s: &Snapshot) -> Self {
        let c: &Checklist = &s.checklist;
        ChecklistJson {
            snapshot_id: s.snapshot_id,
            content_hash: s.content_hash.clone(),
            id: c.id.clone(),
            version: c.version,
            regulation: c.regulation.clone(),
            applies_to: c.applies_to.clone(),
            title: c.title.clone(),
            sections: c.sections.iter().map(SectionJson::from).collect(),
        }
    }
}

impl From<&Snapshot> for SummaryJson {
    fn from(s: &Snapshot) -> Self {
        SummaryJson {
            items: s.checklist.items().count(),
            id: s.checklist.id.clone(),
            version: s.checklist.version,
            regulation: s.checklist.regulation.clone(),
            applies_to: s.checklist.applies_to.clone(),
            title: s.checklist.title.clone(),
            snapshot_id: s.snapshot_id,
            content_hash: s.content_hash.clone(),
        }
    }
}

async fn latest_all(state: &AppState) -> Result<Vec<Snapshot>, Error> {
    let mut conn = state.services.db.conn().await?;
    Ok(checklists::latest_all(&mut conn).await?)
}

async fn latest(state: &AppState, id: &str) -> Result<Snapshot, Error> {
    let mut conn = state.services.db.conn().await?;
    checklists::latest(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<SummaryJson>>, ApiError> {
    let all = latest_all(&state).await?;
    Ok(Json(all.iter().map(SummaryJson::from).collect()))
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ChecklistJson>, ApiError> {
    Ok(Json(ChecklistJson::from(&latest(&state, &id).await?)))
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
