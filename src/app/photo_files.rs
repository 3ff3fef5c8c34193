//! The floor under the photo and finding use cases: the photo files pipeline. A photo is
//! checked and made into a display image and a thumbnail before any transaction (on a
//! blocking thread), its files are stored in the object store by SHA-256, and the
//! transaction that records it puts back any file a concurrent clean-up removed. Objects
//! that no record refers to are removed again.

use std::sync::Arc;

use bytes::Bytes;
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::audit::{Image, Photo, PhotoOwner};
use crate::domain::photo::{self, Kind, Limits, PhotoError, Processed, Sha256};
use crate::domain::validation::{Problem, optional_text};
use crate::objects::{Folder, Key, Objects, Put};
use crate::store::{Tx, photos};

/// Longest caption, in characters.
pub const CAPTION_MAX: usize = 300;

/// Where photos go and how they are made.
#[derive(Debug, Clone)]
pub struct PhotoStore {
    /// The object store (a folder, or an S3 bucket shared by several instances).
    pub objects: Objects,
    /// The pipeline's limits and sizes.
    pub limits: Arc<Limits>,
    /// How many photos may be decoded at once.
    pub decodes: super::decode_gate::DecodeGate,
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
    /// When the phone took it (`YYYY-MM-DDTHH:MM:SS+HH:MM`), for a file that does not
    /// say; the file's own Exif time wins.
    pub taken_at: Option<String>,
    /// Where the phone was, for a file that does not say; the file's own Exif position
    /// wins.
    pub position: Option<crate::domain::geo::Coordinates>,
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
        PhotoError::TooFewBytes {
            width,
            height,
            bytes,
            ..
        } => Problem::PhotoTooFewBytes {
            width,
            height,
            bytes,
        },
        PhotoError::Truncated | PhotoError::Corrupt { .. } | PhotoError::Unsupported { .. } => {
            tracing::info!(error = %e, "photo refused");
            Problem::BrokenPhoto
        }
    };
    Error::field("file", problem)
}

/// Makes the renditions of `bytes` on a blocking thread, through the decode gate: decoding
/// never holds up the server's other requests, nor any database lock, and no more photos
/// are decoded at once than the gate lets through.
pub async fn process(store: &PhotoStore, bytes: Bytes) -> Result<Processed, Error> {
    let limits = store.limits.clone();
    store
        .decodes
        .run(move || photo::process(&bytes, &limits))
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

pub(super) async fn forget_one(s: &Services, key: &Key) -> Result<(), Error> {
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

/// The record of a processed photo of `owner`, sent by `uploader` (none: the public).
pub fn record_of(
    id: Uuid,
    owner: PhotoOwner,
    upload: &Upload,
    caption: Option<String>,
    processed: &Processed,
    uploader: Option<Uuid>,
    at: chrono::DateTime<chrono::Utc>,
) -> Photo {
    let image = |sha256: Sha256, width, height| Image {
        sha256: sha256.hex(),
        width,
        height,
    };
    let (audit_id, report_id) = match owner {
        PhotoOwner::Audit(audit) => (Some(audit), None),
        PhotoOwner::Report(report) => (None, Some(report)),
    };
    Photo {
        id,
        audit_id,
        report_id,
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
        taken_at: processed
            .metadata
            .taken
            .map(|t| match t.offset {
                Some(offset) => format!("{}{offset}", t.local.format("%Y-%m-%dT%H:%M:%S")),
                None => t.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
            })
            .or_else(|| upload.taken_at.clone()),
        exif_position: processed.metadata.position.or(upload.position),
        uploaded_by: uploader,
        uploaded_at: at,
    }
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

/// A caption as typed: trimmed, one line, at most [`CAPTION_MAX`] characters; blank is none.
pub fn caption(upload: &Upload) -> Result<Option<String>, Problem> {
    optional_text(upload.caption.as_deref(), CAPTION_MAX)
}
