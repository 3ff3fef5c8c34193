//! Removing a photo from an audit being filled: a page that asks, and the removal.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::app::audits;
use crate::app::photos;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, Photo};
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, PathId};
use crate::views::Ctx;
use crate::views::audits as views;

/// The audit and one of its photos.
async fn audit_and_photo(
    s: &Services,
    actor: &Actor,
    audit: Uuid,
    photo: Uuid,
) -> Result<(Audit, Photo), HtmlError> {
    let audit = audits::read(s, actor, audit).await?;
    let photo = audit
        .photos
        .iter()
        .find(|p| p.id == photo)
        .cloned()
        .ok_or(Error::NotFound)?;
    Ok((audit, photo))
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId((audit, photo)): PathId<(Uuid, Uuid)>,
) -> Result<Response, HtmlError> {
    let (audit, photo) = audit_and_photo(&state.services, &who.actor(), audit, photo).await?;
    Ok(views::remove_photo_page(&ctx, &audit, &photo).into_response())
}

/// Removes a photo, then goes back to its section.
pub(super) async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    PathId((audit, photo)): PathId<(Uuid, Uuid)>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let (audit, photo) = audit_and_photo(&state.services, &actor, audit, photo).await?;
    photos::delete(&state.services, &actor, audit.id, photo.id).await?;
    let section = photo
        .item
        .as_deref()
        .and_then(|code| audit.checklist.section_of(code));
    let back = match section {
        Some(section) => format!(
            "/audits/{}/sections/{}?done=photo_removed",
            audit.id, section.code
        ),
        None => format!("/audits/{}?done=photo_removed", audit.id),
    };
    Ok(Redirect::to(&back).into_response())
}
