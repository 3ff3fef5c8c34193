//! The files of a photo: any rendition for staff who may see its audit, the display image
//! and thumbnail for anyone once its audit is approved. Originals are never public.

use bytes::Bytes;
use uuid::Uuid;

use crate::app::audit_access::readable_head;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::Photo;
use crate::domain::photo::Sha256;
use crate::objects::{Folder, Key};
use crate::store::photos;

/// Which file of a photo to serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendition {
    /// The display image.
    Display,
    /// The thumbnail.
    Thumb,
    /// The original as uploaded (staff only).
    Original,
}

impl Rendition {
    /// Reads `display`, `thumb` or `original` from a path.
    pub fn parse(text: &str) -> Option<Rendition> {
        match text {
            "display" => Some(Rendition::Display),
            "thumb" => Some(Rendition::Thumb),
            "original" => Some(Rendition::Original),
            _ => None,
        }
    }

    fn key(self, photo: &Photo) -> Option<Key> {
        let (folder, hex) = match self {
            Rendition::Display => (Folder::Display, &photo.display.sha256),
            Rendition::Thumb => (Folder::Thumbs, &photo.thumb.sha256),
            Rendition::Original => (Folder::Originals, &photo.original.sha256),
        };
        Sha256::from_hex(hex).map(|sha| Key::new(folder, sha))
    }
}

/// A file to send: its bytes and media type.
#[derive(Debug, Clone)]
pub struct File {
    /// The bytes.
    pub bytes: Bytes,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub media_type: &'static str,
}

pub(crate) async fn fetch(s: &Services, photo: &Photo, which: Rendition) -> Result<File, Error> {
    let key = which
        .key(photo)
        .ok_or_else(|| anyhow::anyhow!("photo {} has a bad digest", photo.id))?;
    let bytes = s
        .photos
        .objects
        .get(&key)
        .await
        .map_err(|e| anyhow::Error::new(e).context(format!("reading photo {}", photo.id)))?;
    let media_type = match (which, photo.original_type.as_str()) {
        (Rendition::Original, "png") => "image/png",
        (Rendition::Original, "webp") => "image/webp",
        _ => "image/jpeg",
    };
    Ok(File { bytes, media_type })
}

/// A file of photo `photo_id` of audit `audit_id`, for staff who may see the audit.
pub async fn staff_file(
    s: &Services,
    actor: &Actor,
    audit_id: Uuid,
    photo_id: Uuid,
    which: Rendition,
) -> Result<File, Error> {
    actor.user_id().ok_or(Error::SignInRequired)?;
    let mut conn = s.db.conn().await?;
    readable_head(&mut conn, actor, audit_id).await?;
    let photo = photos::by_id(&mut conn, photo_id)
        .await?
        .filter(|p| p.audit_id == Some(audit_id))
        .ok_or(Error::NotFound)?;
    drop(conn);
    fetch(s, &photo, which).await
}

/// The display image or thumbnail of photo `photo_id`, for anyone, once its audit is
/// approved. Originals are never public.
pub async fn public_file(s: &Services, photo_id: Uuid, which: Rendition) -> Result<File, Error> {
    if which == Rendition::Original {
        return Err(Error::NotFound);
    }
    let photo = crate::app::public::photo(s, photo_id).await?;
    fetch(s, &photo, which).await
}
