//! The files of a report's photos: `/api/v1/barrier-reports/{id}/photos/{photo}/{file}`
//! for staff, `/barriers/{token}/photos/{photo}/{display|thumb}` for the public once
//! accepted.

use axum::extract::State;
use axum::response::Response;
use uuid::Uuid;

use super::super::audits::photos::file_response;
use super::super::auth::Auth;
use super::super::{ApiError, AppState, PathId};
use crate::app::Error;
use crate::app::barrier_reports as reports;
use crate::app::photos::Rendition;

pub(super) async fn staff_file(
    State(state): State<AppState>,
    auth: Auth,
    PathId((report, photo, file)): PathId<(Uuid, Uuid, String)>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    let which = Rendition::parse(&file).ok_or(Error::NotFound)?;
    let file = reports::staff_photo(&state.services, &actor, report, photo, which).await?;
    Ok(file_response(file, false))
}

pub(super) async fn public_file(
    State(state): State<AppState>,
    PathId((token, photo, file)): PathId<(String, Uuid, String)>,
) -> Result<Response, ApiError> {
    let which = Rendition::parse(&file).ok_or(Error::NotFound)?;
    let file = reports::public_photo(&state.services, &token, photo, which).await?;
    Ok(file_response(file, true))
}
