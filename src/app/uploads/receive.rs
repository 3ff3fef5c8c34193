//! Receiving a part of a resumable upload: its bytes are kept as they arrive, in pieces of
//! [`PIECE_BYTES`], each in a short transaction that holds only if the upload still stands
//! where this request found it. The last piece is not stored alone: with the pieces before
//! it, it goes through the photo pipeline, and the upload is marked complete in the
//! transaction that records the photo.

use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use super::status;
use crate::app::photo_files::Upload as PhotoUpload;
use crate::app::photos::{Added, Completing, add_completing};
use crate::app::retries::{Answer, Created, Once};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::photo::Sha256;
use crate::domain::secret::digest_bytes;
use crate::domain::upload::{PIECE_BYTES, PhotoMetadata, Upload};
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::uploads;

/// How the first answer to a photo is written down for a retry with its key.
pub type AnswerOf = Arc<dyn Fn(&Added) -> Answer + Send + Sync>;

/// Receives the part of upload `id` that starts at `offset` from `body`, as it arrives.
/// The part is kept up to where the body ends or is cut; the upload as it then stands is
/// returned. Refused when `offset` is not where the upload stands (409, nothing kept),
/// and when the body holds more than the upload's length. The work goes on in a task of
/// its own, so what arrived is kept even when the request is dropped.
pub async fn receive<B, E>(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    offset: u64,
    body: B,
    answer: AnswerOf,
) -> Result<Upload, Error>
where
    B: Stream<Item = Result<Bytes, E>> + Send + Unpin + 'static,
    E: std::fmt::Display + Send + 'static,
{
    let upload = status(s, actor, id).await?;
    if upload.completed && offset == upload.length {
        return Ok(upload);
    }
    if upload.completed || offset != upload.received {
        return Err(moved(upload.received));
    }
    let task = tokio::spawn(run(s.clone(), actor.clone(), upload, body, answer));
    task.await
        .map_err(|e| anyhow::anyhow!("receiving an upload stopped: {e}"))?
}

/// 409: the upload stands at `expected`, not where the request said.
fn moved(expected: u64) -> Error {
    Error::Conflict(FieldErrors::single(
        "Upload-Offset",
        Problem::OffsetMismatch { expected },
    ))
}

async fn run<B, E>(
    s: Services,
    actor: Actor,
    upload: Upload,
    mut body: B,
    answer: AnswerOf,
) -> Result<Upload, Error>
where
    B: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut at = upload.received;
    let mut held = BytesMut::new();
    let ended = loop {
        match body.next().await {
            None => break Ok(()),
            Some(Err(cut)) => break Err(cut.to_string()),
            Some(Ok(bytes)) => {
                let total = at + (held.len() + bytes.len()) as u64;
                if total > upload.length {
                    keep(&s, &upload, &mut at, held.split().freeze()).await?;
                    return Err(Error::field(
                        "Upload-Length",
                        Problem::Malformed {
                            detail: format!(
                                "the part goes past the upload's length of {} bytes",
                                upload.length
                            ),
                        },
                    ));
                }
                held.extend_from_slice(&bytes);
                // Whole pieces are kept as they come, all but the last piece of the file.
                while held.len() >= PIECE_BYTES && at + (held.len() as u64) < upload.length {
                    let piece = held.split_to(PIECE_BYTES).freeze();
                    keep(&s, &upload, &mut at, piece).await?;
                }
            }
        }
    };
    if upload.finished_by(at, held.len() as u64) {
        return finish(&s, &actor, &upload, at, held.freeze(), answer).await;
    }
    keep(&s, &upload, &mut at, held.freeze()).await?;
    match ended {
        Ok(()) => status(&s, &actor, upload.id).await,
        Err(cut) => {
            tracing::info!(upload = %upload.id, received = at, %cut, "an upload's part was cut; what arrived is kept");
            Err(Error::field("body", Problem::Malformed { detail: cut }))
        }
    }
}

/// Keeps `piece` at `at` and moves `at` past it; 409 when another request moved the
/// upload meanwhile.
async fn keep(s: &Services, upload: &Upload, at: &mut u64, piece: Bytes) -> Result<(), Error> {
    if piece.is_empty() {
        return Ok(());
    }
    let mut tx = s.begin().await?;
    let expires = s.now() + s.upload_expiry;
    if !uploads::add_piece(&mut tx, upload.id, *at, &piece, expires).await? {
        let now = uploads::by_id(&mut tx, upload.id).await?;
        return Err(moved(now.map_or(0, |u| u.received)));
    }
    tx.commit().await?;
    *at += piece.len() as u64;
    Ok(())
}

/// The file whole: the stored pieces, in order, then `last`.
async fn file_of(s: &Services, upload: &Upload, at: u64, last: Bytes) -> Result<Bytes, Error> {
    let pieces = uploads::pieces(&mut s.db.conn().await?, upload.id).await?;
    let mut file = Vec::with_capacity(usize::try_from(upload.length).unwrap_or(0));
    for (start, bytes) in pieces {
        if start != file.len() as u64 {
            return Err(anyhow::anyhow!("upload {} has a gap at byte {start}", upload.id).into());
        }
        file.extend_from_slice(&bytes);
    }
    if file.len() as u64 != at {
        return Err(moved(file.len() as u64));
    }
    file.extend_from_slice(&last);
    Ok(Bytes::from(file))
}

/// True for a refusal of the photo itself (a broken file, an audit submitted meanwhile, a
/// key used for another photo): sending the same bytes again cannot help, so the upload
/// is removed. Anything else (a busy database, a store that failed) leaves it as it was,
/// for the client to send its last piece again.
fn refuses_the_photo(e: &Error) -> bool {
    matches!(
        e,
        Error::Invalid(_)
            | Error::AuditState(_)
            | Error::Forbidden
            | Error::NotFound
            | Error::OwnAudit
            | Error::Transition(_)
    )
}

/// Makes the photo of a complete upload, as a photo sent in one request is made, and
/// marks the upload complete in the photo's transaction (or right after, when the photo
/// was there already or the key's first answer is replayed).
async fn finish(
    s: &Services,
    actor: &Actor,
    upload: &Upload,
    at: u64,
    last: Bytes,
    answer: AnswerOf,
) -> Result<Upload, Error> {
    let meta = PhotoMetadata::parse(&upload.metadata)?;
    let bytes = file_of(s, upload, at, last).await?;
    // What this upload is, for the key: a second upload with the same key and file is the
    // same photo; the same key with another file or item is refused.
    let fingerprint = digest_bytes(
        format!(
            "tus photo\n{}\n{}\n{}\n{}",
            upload.audit_id,
            meta.item.as_deref().unwrap_or_default(),
            meta.caption.as_deref().unwrap_or_default(),
            Sha256::of(&bytes).hex()
        )
        .as_bytes(),
    );
    let photo = PhotoUpload {
        bytes,
        item: meta.item.clone(),
        caption: meta.caption.clone(),
        taken_at: meta.taken_at.clone(),
        position: meta.position,
    };
    let once = meta.key.as_deref().map(|key| Once {
        key,
        fingerprint: fingerprint.clone(),
        answer: &*answer,
    });
    let expires_at = s.now() + s.upload_expiry;
    let completing = Completing {
        upload: upload.id,
        at,
        expires_at,
    };
    let photo_id =
        match add_completing(s, actor, upload.audit_id, photo, once, Some(completing)).await {
            Ok(Created::New(added)) => Some(added.photo.id),
            Ok(Created::Replayed(first)) => serde_json::from_str::<serde_json::Value>(&first.body)
                .ok()
                .and_then(|v| v["id"].as_str().and_then(|id| Uuid::parse_str(id).ok())),
            Err(e) => {
                if refuses_the_photo(&e) {
                    let mut tx = s.begin().await?;
                    uploads::delete(&mut tx, upload.id).await?;
                    tx.commit().await?;
                }
                return Err(e);
            }
        };
    let mut tx = s.begin().await?;
    uploads::complete(&mut tx, upload.id, at, photo_id, expires_at).await?;
    tx.commit().await?;
    status(s, actor, upload.id).await
}
