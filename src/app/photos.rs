//! Photos of an audit: checked and made into a display image and a thumbnail before any
//! transaction (on a blocking thread), stored in the object store by SHA-256, then recorded
//! in one short transaction. A failed step leaves the draft as it was, and objects that no
//! record refers to are removed again.

use std::sync::Arc;

use bytes::Bytes;
use serde::Serialize;
use uuid::Uuid;

use super::retries::{Created, Once};
use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Image, Photo, SiteRef, Step};
use crate::domain::photo::{self, Kind, Limits, PhotoError, Processed, Sha256};
use crate::domain::validation::{FieldErrors, Problem, optional_text};
use crate::objects::{Folder, Key, Objects, Put};
use crate::store::{Tx, audits, photos};

/// Longest caption, in characters.
pub const CAPTION_MAX: usize = 300;

/// Where photos go and how they are made.
#[derive(Debug, Clone)]
pub struct PhotoStore {
    /// The object store (a folder, or an S3 bucket shared by several instances).
    pub objects: Objects,
    /// The pipeline's limits and sizes.
    pub limits: Arc<Limits>,
}

/// A photo as uploaded.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The file's bytes.
    pub bytes: Bytes,
    /// The checklist item it shows, if any.
    pub item: Option<String>,
    /// The inspector's caption.
    pub caption: Option<String>,
}

/// A photo just added, with the site its audit is of (to say how far the camera was).
#[derive(Debug, Clone)]
pub struct Added {
    /// The record.
    pub photo: Photo,
    /// The audit's site.
    pub site: SiteRef,
}

/// The problem with an uploaded file, as the person is told it.
fn refused(e: PhotoError) -> Error {
    let problem = match e {
        PhotoError::NotAnImage {
            found: Kind::Unknown | Kind::Empty,
        } => Problem::NotAPhoto { found: None },
        PhotoError::NotAnImage { found } => Problem::NotAPhoto {
            found: Some(found.code().to_owned()),
        },
        PhotoError::TooManyPixels {
            width,
            height,
            max_megapixels,
        } => Problem::TooManyPixels {
            width,
            height,
            max_megapixels: u32::try_from(max_megapixels).unwrap_or(u32::MAX),
        },
        PhotoError::OverMemoryLimit { .. } => Problem::PhotoTooDemanding,
        PhotoError::Truncated | PhotoError::Corrupt { .. } | PhotoError::Unsupported { .. } => {
            tracing::info!(error = %e, "photo refused");
            Problem::BrokenPhoto
        }
    };
    Error::field("file", problem)
}

/// Makes the renditions of `bytes` on a blocking thread: decoding never holds up the
/// server's other requests, nor any database lock.
pub async fn process(store: &PhotoStore, bytes: Bytes) -> Result<Processed, Error> {
    let limits = store.limits.clone();
    tokio::task::spawn_blocking(move || photo::process(&bytes, &limits))
        .await
        .map_err(|e| anyhow::anyhow!("the photo pipeline stopped: {e}"))?
        .map_err(refused)
}

/// The three objects of a processed photo.
pub fn objects_of(processed: &Processed, original: &Bytes) -> [(Key, Bytes); 3] {
    [
        (
            Key::new(Folder::Originals, processed.original.sha256),
            original.clone(),
        ),
        (
            Key::new(Folder::Display, processed.display.sha256),
            Bytes::from(processed.display.jpeg.clone()),
        ),
        (
            Key::new(Folder::Thumbs, processed.thumbnail.sha256),
            Bytes::from(processed.thumbnail.jpeg.clone()),
        ),
    ]
}

/// Stores a processed photo's objects; returns the keys this call wrote (the others were
/// there already), so a failure after it can remove only what it added.
pub async fn store_objects(
    s: &Services,
    processed: &Processed,
    original: &Bytes,
) -> Result<Vec<Key>, Error> {
    let mut written = Vec::new();
    for (key, bytes) in objects_of(processed, original) {
        match s.photos.objects.put(&key, bytes).await {
            Ok(Put::Written) => written.push(key),
            Ok(Put::AlreadyStored) => {}
            Err(e) => {
                forget_unused(s, &written).await;
                return Err(anyhow::Error::new(e).context("storing a photo").into());
            }
        }
    }
    Ok(written)
}

/// Removes those of `keys` that no photo record refers to (after a failed upload or a
/// deleted photo). Each is checked and removed under the photo files' lock, which
/// [`record`] takes too, so a file another upload is recording at the same moment is kept
/// or put back. Failures are logged: `tiepcan photos check` finds what is left.
pub async fn forget_unused(s: &Services, keys: &[Key]) {
    let mut later = Vec::new();
    for key in keys {
        if let Err(e) = forget_one(s, key).await {
            tracing::info!(%key, error = %e, "an unused photo object waits to be removed");
            later.push(*key);
        }
    }
    if later.is_empty() {
        return;
    }
    // The lock may be held by a long writer (an import): try again a little later, in the
    // background, so the request that failed is answered now.
    let s = s.clone();
    tokio::spawn(async move {
        for wait in RETRY_WAITS {
            tokio::time::sleep(wait).await;
            let mut left = Vec::new();
            for key in &later {
                if forget_one(&s, key).await.is_err() {
                    left.push(*key);
                }
            }
            later = left;
            if later.is_empty() {
                return;
            }
        }
        for key in later {
            tracing::warn!(%key, "could not remove an unused photo object; `tiepcan photos check --delete` will");
        }
    });
}

/// How long the background clean-up waits before each further try.
const RETRY_WAITS: [std::time::Duration; 3] = [
    std::time::Duration::from_secs(1),
    std::time::Duration::from_secs(5),
    std::time::Duration::from_secs(30),
];

async fn forget_one(s: &Services, key: &Key) -> Result<(), Error> {
    let mut tx = s.begin().await?;
    photos::lock_objects(&mut tx).await?;
    if !photos::is_referenced(&mut tx, &key.sha256.hex()).await? {
        s.photos
            .objects
            .delete(key)
            .await
            .map_err(|e| anyhow::Error::new(e).context(format!("removing {key}")))?;
    }
    tx.commit().await?;
    Ok(())
}

/// A photo's upload as the event log records it.
#[derive(Serialize)]
struct PhotoRecord<'a> {
    item: Option<&'a str>,
    original_sha256: &'a str,
    original_type: &'a str,
    bytes: u64,
}

/// The record of a processed photo of `audit_id`.
pub fn record_of(
    id: Uuid,
    audit_id: Uuid,
    upload: &Upload,
    caption: Option<String>,
    processed: &Processed,
    uploader: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> Photo {
    let image = |sha256: Sha256, width, height| Image {
        sha256: sha256.hex(),
        width,
        height,
    };
    Photo {
        id,
        audit_id,
        item: upload.item.clone(),
        caption,
        original: image(
            processed.original.sha256,
            processed.original.width,
            processed.original.height,
        ),
        original_type: processed.original.kind.code().to_owned(),
        original_bytes: processed.original.bytes,
        display: image(
            processed.display.sha256,
            processed.display.width,
            processed.display.height,
        ),
        thumb: image(
            processed.thumbnail.sha256,
            processed.thumbnail.width,
            processed.thumbnail.height,
        ),
        taken_at: processed.metadata.taken.map(|t| match t.offset {
            Some(offset) => format!("{}{offset}", t.local.format("%Y-%m-%dT%H:%M:%S")),
            None => t.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }),
        exif_position: processed.metadata.position,
        uploaded_by: uploader,
        uploaded_at: at,
    }
}

/// Checks what can be checked before the file is decoded: the audit may take a photo from
/// this person, the item is one of its checklist's, the caption is one line. Gives the
/// caption and the audit's site.
async fn may_add(
    s: &Services,
    actor: &Actor,
    audit_id: Uuid,
    upload: &Upload,
) -> Result<(Option<String>, SiteRef), Error> {
    let mut conn = s.db.conn().await?;
    let head = audits::head(&mut conn, audit_id)
        .await?
        .ok_or(Error::NotFound)?;
    super::audits::may_read(actor, &head)?;
    actor.may(
        crate::domain::permission::Action::FillAudit,
        crate::domain::permission::Scope::OwnRecord(head.inspector.id),
    )?;
    head.state.transition(Step::Edit)?;
    let mut errors = FieldErrors::default();
    if let Some(item) = &upload.item {
        let checklist = super::audits::checklist_of(s, &mut conn, &head).await?;
        if checklist.item(item).is_none() {
            errors.add(
                "item",
                Problem::Unknown {
                    given: item.clone(),
                },
            );
        }
    }
    let caption = errors
        .take(
            "caption",
            optional_text(upload.caption.as_deref(), CAPTION_MAX),
        )
        .flatten();
    if upload.bytes.is_empty() {
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
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    // A retry of an upload that was stored gets its first answer, even if the audit has
    // moved on since; someone who may not fill the audit learns nothing from it.
    if let Some(once) = &once {
        let mut conn = s.db.conn().await?;
        let head = audits::head(&mut conn, audit_id)
            .await?
            .ok_or(Error::NotFound)?;
        super::audits::may_read(actor, &head)?;
        actor.may(
            crate::domain::permission::Action::FillAudit,
            crate::domain::permission::Scope::OwnRecord(head.inspector.id),
        )?;
        if let Some(answer) = once.earlier(&mut conn, actor).await? {
            return Ok(Created::Replayed(answer));
        }
    }
    let (caption, site) = may_add(s, actor, audit_id, &upload).await?;
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
        audit_id,
        &upload,
        caption,
        &processed,
        me,
        s.now(),
    );
    let added = Added { photo, site };
    let files = objects_of(&processed, &upload.bytes);
    match record(
        s,
        actor,
        &added.photo,
        &files,
        once.as_ref().map(|o| (o, &added)),
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
) -> Result<Option<super::retries::Answer>, Error> {
    let mut tx = s.begin().await?;
    super::audits::for_author(&mut tx, actor, photo.audit_id, Step::Edit).await?;
    keep_files(s, &mut tx, files).await?;
    photos::insert(&mut tx, photo).await?;
    audits::touch(&mut tx, photo.audit_id, s.now()).await?;
    let record = PhotoRecord {
        item: photo.item.as_deref(),
        original_sha256: &photo.original.sha256,
        original_type: &photo.original_type,
        bytes: photo.original_bytes,
    };
    let change = crate::domain::event::Change::new(actor, "audit.photo.add", "photo", photo.id)
        .after(record);
    s.log(&mut tx, change).await?;
    if let Some((once, added)) = once
        && let Some(answer) = once.remember(s, &mut tx, actor, added).await?
    {
        return Ok(Some(answer));
    }
    tx.commit().await?;
    Ok(None)
}

/// Takes the photo files' lock for the rest of `tx` and puts back any of `files` that a
/// concurrent clean-up removed since they were stored: a record committed in `tx` then
/// always has its files.
pub(super) async fn keep_files(
    s: &Services,
    tx: &mut Tx,
    files: &[(Key, Bytes)],
) -> Result<(), Error> {
    photos::lock_objects(tx).await?;
    for (key, bytes) in files {
        let present = s
            .photos
            .objects
            .exists(key)
            .await
            .map_err(|e| anyhow::Error::new(e).context("checking a photo object"))?;
        if !present {
            s.photos
                .objects
                .put(key, bytes.clone())
                .await
                .map_err(|e| anyhow::Error::new(e).context("storing a photo object again"))?;
        }
    }
    Ok(())
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
    super::audits::for_author(&mut tx, actor, audit_id, Step::Edit).await?;
    let photo = photos::by_id(&mut tx, photo_id)
        .await?
        .filter(|p| p.audit_id == audit_id)
        .ok_or(Error::NotFound)?;
    photos::delete(&mut tx, photo_id).await?;
    audits::touch(&mut tx, audit_id, s.now()).await?;
    let change = crate::domain::event::Change::new(actor, "audit.photo.delete", "photo", photo_id)
        .before(
            serde_json::json!({ "item": photo.item, "original_sha256": photo.original.sha256 }),
        );
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    forget_unused(s, &keys_of(&photo)).await;
    Ok(())
}

/// The keys of a recorded photo's three objects.
pub fn keys_of(photo: &Photo) -> Vec<Key> {
    [
        (Folder::Originals, &photo.original.sha256),
        (Folder::Display, &photo.display.sha256),
        (Folder::Thumbs, &photo.thumb.sha256),
    ]
    .into_iter()
    .filter_map(|(folder, hex)| Sha256::from_hex(hex).map(|sha| Key::new(folder, sha)))
    .collect()
}

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

async fn fetch(s: &Services, photo: &Photo, which: Rendition) -> Result<File, Error> {
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
    let head = audits::head(&mut conn, audit_id)
        .await?
        .ok_or(Error::NotFound)?;
    super::audits::may_read(actor, &head)?;
    let photo = photos::by_id(&mut conn, photo_id)
        .await?
        .filter(|p| p.audit_id == audit_id)
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
    let photo = super::public::photo(s, photo_id).await?;
    fetch(s, &photo, which).await
}

/// What `tiepcan photos check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Stored objects no record refers to.
    pub orphans: Vec<Key>,
    /// Objects records refer to that are not stored: `(photo id, key)`.
    pub missing: Vec<(Uuid, Key)>,
}

/// Compares the object store with the photo records; with `delete`, removes the orphans.
pub async fn check(s: &Services, delete: bool) -> Result<CheckReport, Error> {
    let stored = s
        .photos
        .objects
        .list(None)
        .await
        .map_err(|e| anyhow::Error::new(e).context("listing the photo store"))?;
    let records = photos::all(&mut s.db.conn().await?).await?;
    let mut wanted = std::collections::HashSet::new();
    let mut missing = Vec::new();
    let present: std::collections::HashSet<Key> = stored.iter().copied().collect();
    for photo in &records {
        for key in keys_of(photo) {
            wanted.insert(key);
            if !present.contains(&key) {
                missing.push((photo.id, key));
            }
        }
    }
    let orphans: Vec<Key> = stored.into_iter().filter(|k| !wanted.contains(k)).collect();
    if delete {
        // Each is checked again under the photo files' lock: an upload recorded since the
        // listing keeps its files (and one being recorded puts them back).
        for key in &orphans {
            forget_one(s, key).await?;
        }
    }
    Ok(CheckReport { orphans, missing })
}
