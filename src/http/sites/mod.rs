//! Sites: the JSON API and the pages to list, view, create and edit them.

mod api;
mod pages;

use std::collections::HashSet;

use axum::Router;
use uuid::Uuid;

use super::AppState;
use crate::domain::import::unknown_department;
use crate::domain::site::{Site, SiteInput};
use crate::error::AppError;
use crate::store::{departments, sites};

pub(super) fn router() -> Router<AppState> {
    Router::new().merge(api::router()).merge(pages::router())
}

/// Checks `input` and stores it as a new site (`id` None) or over site `id`, in one
/// transaction; nothing is written when anything is refused.
async fn save(state: &AppState, id: Option<Uuid>, input: &SiteInput) -> Result<Site, AppError> {
    let site = input.parse(&state.settings.region)?;
    let mut tx = state.db.begin().await?;
    let Some(department) = departments::by_code(&mut tx, &site.department).await? else {
        let known: HashSet<String> = departments::all(&mut tx)
            .await?
            .into_iter()
            .map(|d| d.code)
            .collect();
        return Err(AppError::field(
            "department",
            unknown_department(&site.department, &known),
        ));
    };
    let area = sites::locate(&mut tx, site.location).await?;
    let id = match id {
        None => sites::insert(&mut tx, &site, department.id, area).await?,
        Some(id) => {
            if !sites::update(&mut tx, id, &site, department.id, area).await? {
                return Err(AppError::NotFound);
            }
            id
        }
    };
    let saved = sites::by_id(&mut tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("site {id} vanished inside its own transaction"))?;
    tx.commit().await?;
    Ok(saved)
}

/// Reads a path id; a malformed one is simply not found.
fn parse_id(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| AppError::NotFound)
}
