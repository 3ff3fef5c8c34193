//! Sites: the JSON API and the pages to list, view, create and edit them.

mod api;
mod pages;

use axum::Router;
use uuid::Uuid;

use super::AppState;
use super::auth::Auth;
use crate::domain::event::Change;
use crate::domain::import::unknown_department;
use crate::domain::permission::Action;
use crate::domain::site::{Site, SiteInput};
use crate::error::AppError;
use crate::store::{departments, events, sites};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(api::router())
        .merge(pages::router())
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// What a save does with its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Save {
    /// Register a new site.
    New,
    /// Replace every field of site `id` (the form).
    Replace(Uuid),
    /// Change only the fields given for site `id` (PATCH).
    Patch(Uuid),
}

/// Checks permission and `input`, and stores the site with its event in one transaction;
/// nothing is written when anything is refused. An existing site is locked and read inside
/// the transaction, so concurrent edits cannot undo each other, and a person who may not
/// edit it is refused (403) before their input is even checked.
async fn save(
    state: &AppState,
    auth: &Auth,
    how: Save,
    input: &SiteInput,
) -> Result<Site, AppError> {
    let (action, id) = match how {
        Save::New => (Action::CreateSite, None),
        Save::Replace(id) | Save::Patch(id) => (Action::EditSite, Some(id)),
    };
    let principal = auth.require(action, &[])?;
    let mut tx = state.db.begin().await?;
    let before = match id {
        None => None,
        Some(id) => {
            if !sites::lock(&mut tx, id).await? {
                return Err(AppError::NotFound);
            }
            let before = sites::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            auth.require(action, &[before.department.id])?;
            Some(before)
        }
    };
    let site = match (how, &before) {
        (Save::Patch(_), Some(before)) => SiteInput::from_site(before)
            .merge(input.clone())
            .parse(&state.settings.region)?,
        _ => input.parse(&state.settings.region)?,
    };
    let Some(department) = departments::by_code(&mut tx, &site.department).await? else {
        let known = departments::codes(&mut tx).await?;
        return Err(AppError::field(
            "department",
            unknown_department(&site.department, &known),
        ));
    };
    let mut owners = vec![department.id];
    owners.extend(before.as_ref().map(|b| b.department.id));
    auth.require(action, &owners)?;
    let area = sites::locate(&mut tx, site.location).await?;
    let id = match id {
        None => sites::insert(&mut tx, &site, department.id, area).await?,
        Some(id) => {
            sites::update(&mut tx, id, &site, department.id, area).await?;
            id
        }
    };
    let saved = sites::by_id(&mut tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("site {id} vanished inside its own transaction"))?;
    let change = match &before {
        None => Change::new(&principal.actor(), "site.create", "site", id),
        Some(before) => Change::new(&principal.actor(), "site.update", "site", id).before(before),
    };
    events::append(&mut tx, change.after(&saved)).await?;
    tx.commit().await?;
    Ok(saved)
}

/// Reads a path id; a malformed one is simply not found.
fn parse_id(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| AppError::NotFound)
}
