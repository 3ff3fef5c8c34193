//! The files of a report's photos: any rendition for its moderators and for staff who read
//! its department's findings; the copies without metadata for anyone with the report's
//! address once its words and photo are accepted. The original, with its GPS position, is
//! never public.

use uuid::Uuid;

use crate::app::photos::{File, Rendition, fetch};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::barrier::Publication;
use crate::domain::permission::{Action, Scope};
use crate::store::{barrier_reports, photos};

/// A file of photo `photo_id` of report `report_id`, for staff who may see it.
pub async fn staff_photo(
    s: &Services,
    actor: &Actor,
    report_id: Uuid,
    photo_id: Uuid,
    which: Rendition,
) -> Result<File, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    let mut conn = s.db.conn().await?;
    let report = barrier_reports::by_id(&mut conn, report_id)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = report
        .department
        .map_or(Scope::Everywhere, Scope::Department);
    let moderates = actor.may(Action::ModerateBarrierReports, scope).is_ok();
    let reads = report.department.is_some() && actor.may(Action::ReadFindings, scope).is_ok();
    if !moderates && !reads {
        return Err(Error::Forbidden);
    }
    let photo = photos::by_id(&mut conn, photo_id)
        .await?
        .filter(|p| p.report_id == Some(report_id))
        .ok_or(Error::NotFound)?;
    drop(conn);
    fetch(s, &photo, which).await
}

/// The display image or thumbnail of the photo `photo_id` the sender of the report at
/// `token` sent, once a moderator accepted the report's words and photo.
pub async fn public_photo(
    s: &Services,
    token: &str,
    photo_id: Uuid,
    which: Rendition,
) -> Result<File, Error> {
    if which == Rendition::Original {
        return Err(Error::NotFound);
    }
    let mut conn = s.db.conn().await?;
    let report = barrier_reports::by_token(&mut conn, token)
        .await?
        .filter(|r| r.publication == Publication::Accepted)
        .ok_or(Error::NotFound)?;
    let photo = photos::by_id(&mut conn, photo_id)
        .await?
        .filter(|p| p.report_id == Some(report.id) && p.uploaded_by.is_none())
        .ok_or(Error::NotFound)?;
    drop(conn);
    fetch(s, &photo, which).await
}
