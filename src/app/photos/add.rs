//! Adding a photo to an audit being filled, and removing one: the files are made and
//! stored first (see [`crate::app::photo_files`]), then one short transaction records them.
//! A failed step leaves the draft as it was.

use bytes::Bytes;
use serde::Serialize;
use uuid::Uuid;

use crate::app::audit_access::{checklist_of, for_author, may_fill};
use crate::app::photo_files::{
    Upload, caption, forget_unused, keep_files, keys_of, objects_of, process, record_of,
    store_objects,
};
use crate::app::retries::{Answer, Created, Once};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Photo, PhotoOwner, SiteRef, Step};
use crate::domain::event::Change;
use crate::domain::photo::Sha256;
use crate::domain::validation::{FieldErrors, Problem};
use crate::objects::Key;
use crate::store::{audits, photos, uploads};

/// A photo just added, with the site its audit is of (to say how far the camera was).
#[derive(Debug, Clone)]
pub struct Added {
    /// The record.
    pub photo: Photo,
    /// The audit's site.
    pub site: SiteRef,
}

/// A photo's upload as the event log records it.
#[derive(Serialize)]
struct PhotoRecord<'a> {
    item: Option<&'a str>,
    original_sha256: &'a str,
    original_type: &'a str,
    bytes: u64,
}

/// A resumable upload that a photo completes: marked complete in the transaction that
/// records the photo, so the upload's last bytes and the photo commit together.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Completing {
    /// The upload.
    pub upload: Uuid,
    /// The bytes it holds before its last piece.
    pub at: u64,
    /// How long it is remembered once complete.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Checks what can be checked before the file is decoded (or, for a resumable upload,
/// before it is sent): the audit may take a photo from this person, the item is one of its
/// checklist's, the caption is one line, the file is not empty. Gives the caption and the
/// audit's site.
pub(crate) async fn may_add(
    s: &Services,
    actor: &Actor,
    audit_id: Uuid,
    upload: &Upload,
    file_bytes: u64,
) -> Result<(Option<String>, SiteRef), Error> {
    let mut conn = s.db.conn().await?;
    let head = audits::head(&mut conn, audit_id)
        .await?
        .ok_or(Error::NotFound)?;
    may_fill(actor, &head)?;
    head.state.transition(Step::Edit)?;
    let mut errors = FieldErrors::default();
    if let Some(item) = &upload.item {
        let checklist = checklist_of(s, &mut conn, &head).await?;
        if checklist.item(item).is_none() {
            errors.add(
                "item",
                Problem::Unknown {
                    given: item.clone(),
                },
            );
        }
    }
    let caption = errors.take("caption", caption(upload)).flatten();
    if file_bytes == 0 {
        errors.add("file", Problem::Required);
    }
    errors
        .into_result(|| (caption, head.site))
        .map_err(Error::from)
}

/// Adds a photo to a draft (or returned) audit of its author. Sent with a key (`once`),
/// the same upload again gets the first answer instead of a second photo.
pub async fn add(
    s: &Services,
    actor: &Actor,
    audit_id: Uuid,
    upload: Upload,
    once: Option<Once<'_, Added>>,
) -> Result<Created<Added>, Error> {
    add_completing(s, actor, audit_id, upload, once, None).await
}

/// [`add`], completing a resumable upload in the photo's transaction when one is given.
pub(crate) async fn add_completing(
    s: &Services,
    actor: &Actor,
    audit_id: Uuid,
    upload: Upload,
    once: Option<Once<'_, Added>>,
    completing: Option<Completing>,
) -> Result<Created<Added>, Error> {
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    // A retry of an upload that was stored gets its first answer, even if the audit has
    // moved on since; someone who may not fill the audit learns nothing from it.
    if let Some(once) = &once {
        let mut conn = s.db.conn().await?;
        let head = audits::head(&mut conn, audit_id)
            .await?
            .ok_or(Error::NotFound)?;
        may_fill(actor, &head)?;
        if let Some(answer) = once.earlier(&mut conn, actor).await? {
            return Ok(Created::Replayed(answer));
        }
    }
    let (caption, site) = may_add(s, actor, audit_id, &upload, upload.bytes.len() as u64).await?;
    // The same file for the same item again (a form sent twice) is the photo already there.
    let digest = Sha256::of(&upload.bytes).hex();
    let same = photos::of_audit(&mut s.db.conn().await?, audit_id)
        .await?
        .into_iter()
        .find(|p| p.item == upload.item && p.original.sha256 == digest);
    if let Some(photo) = same {
        return Ok(Created::New(Added { photo, site }));
    }
    let processed = process(&s.photos, upload.bytes.clone()).await?;
    let written = store_objects(s, &processed, &upload.bytes).await?;
    let photo = record_of(
        Uuid::now_v7(),
        PhotoOwner::Audit(audit_id),
        &upload,
        caption,
        &processed,
        Some(me),
        s.now(),
    );
    let added = Added { photo, site };
    let files = objects_of(&processed, &upload.bytes);
    match record_completing(
        s,
        actor,
        &added.photo,
        &files,
        once.as_ref().map(|o| (o, &added)),
        completing,
    )
    .await
    {
        Ok(None) => Ok(Created::New(added)),
        Ok(Some(answer)) => {
            forget_unused(s, &written).await;
            Ok(Created::Replayed(answer))
        }
        Err(e) => {
            forget_unused(s, &written).await;
            Err(e)
        }
    }
}

/// Records `photo`, whose `files` were stored before, in one short transaction; the audit
/// is checked again inside it, since it may have been submitted meanwhile. Under the photo
/// files' lock, a file that a concurrent clean-up removed since is put back first, so no
/// record is ever committed without its files. Gives a twin request's answer when one with
/// the same key committed first.
pub async fn record(
    s: &Services,
    actor: &Actor,
    photo: &Photo,
    files: &[(Key, Bytes)],
    once: Option<(&Once<'_, Added>, &Added)>,
) -> Result<Option<Answer>, Error> {
    record_completing(s, actor, photo, files, once, None).await
}

/// [`record`], marking `completing`'s upload complete in the same transaction; refused
/// (409, nothing written) when another request moved that upload meanwhile.
async fn record_completing(
    s: &Services,
    actor: &Actor,
    photo: &Photo,
    files: &[(Key, Bytes)],
    once: Option<(&Once<'_, Added>, &Added)>,
    completing: Option<Completing>,
) -> Result<Option<Answer>, Error> {
    let audit_id = photo
        .audit_id
        .ok_or_else(|| anyhow::anyhow!("photo {} names no audit", photo.id))?;
    let mut tx = s.begin().await?;
    for_author(&mut tx, actor, audit_id, Step::Edit).await?;
    keep_files(s, &mut tx, files).await?;
    photos::insert(&mut tx, photo).await?;
    audits::touch(&mut tx, audit_id, s.now()).await?;
    let record = PhotoRecord {
        item: photo.item.as_deref(),
        original_sha256: &photo.original.sha256,
        original_type: &photo.original_type,
        bytes: photo.original_bytes,
    };
    let change = Change::new(actor, "audit.photo.add", "photo", photo.id).after(record);
    s.log(&mut tx, change).await?;
    if let Some(c) = completing
        && !uploads::complete(&mut tx, c.upload, c.at, Some(photo.id), c.expires_at).await?
    {
        let expected = uploads::by_id(&mut tx, c.upload)
            .await?
            .map_or(0, |u| u.received);
        return Err(Error::Conflict(FieldErrors::single(
            "Upload-Offset",
            Problem::OffsetMismatch { expected },
        )));
    }
    if let Some((once, added)) = once
        && let Some(answer) = once.remember(s, &mut tx, actor, added).await?
    {
        return Ok(Some(answer));
    }
    tx.commit().await?;
    Ok(None)
}

/// Removes photo `photo_id` from a draft (or returned) audit of its author; its objects go
/// too unless another record uses the same file.
pub async fn delete(
    s: &Services,
    actor: &Actor,
    audit_id: Uuid,
    photo_id: Uuid,
) -> Result<(), Error> {
    let mut tx = s.begin().await?;
    for_author(&mut tx, actor, audit_id, Step::Edit).await?;
    let photo = photos::by_id(&mut tx, photo_id)
        .await?
        .filter(|p| p.audit_id == Some(audit_id))
        .ok_or(Error::NotFound)?;
    photos::delete(&mut tx, photo_id).await?;
    audits::touch(&mut tx, audit_id, s.now()).await?;
    let change = Change::new(actor, "audit.photo.delete", "photo", photo_id).before(
        serde_json::json!({ "item": photo.item, "original_sha256": photo.original.sha256 }),
    );
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    forget_unused(s, &keys_of(&photo)).await;
    Ok(())
}
