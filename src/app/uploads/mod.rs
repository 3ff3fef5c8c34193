//! Resumable photo uploads (tus 1.0): a phone on a weak link creates an upload for a photo
//! of an audit ([`create`]), sends the file in as many requests as its connection allows
//! ([`receive`]), asks how much arrived after a cut ([`status`]), or gives up
//! ([`terminate`]). Everything received is kept in the database, so an upload survives a
//! restart and any instance sharing the database takes its next piece; the last piece goes
//! through the same photo pipeline and `Idempotency-Key` rules as a photo sent in one
//! request, and commits with the photo. Unfinished uploads expire and [`sweep`] removes
//! them. Uploads are the sending of a photo, not a change to a record: the event log gets
//! the photo's own event when it is added, nothing for the pieces.

mod receive;

pub use receive::{AnswerOf, receive};

use bytes::Bytes;
use uuid::Uuid;

use crate::app::photo_files::Upload as PhotoUpload;
use crate::app::photos::may_add;
use crate::app::retries::check_key;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::upload::{PhotoMetadata, Upload};
use crate::store::uploads;

/// How long an unfinished upload is kept after its last piece, unless configured.
pub const DEFAULT_EXPIRY: chrono::Duration = chrono::Duration::hours(48);

/// How many expired uploads one clean-up transaction removes.
const SWEEP_BATCH: i64 = 100;

/// An upload as its creation asks for it.
#[derive(Debug, Clone)]
pub struct NewUpload {
    /// `Upload-Length`: the whole file, in bytes (the web layer refuses more than a photo
    /// may have).
    pub length: u64,
    /// `Upload-Metadata` as sent.
    pub metadata: String,
}

/// Creates an upload of a photo for an audit its creator may add photos to: the same
/// checks as a photo sent in one request (the audit, its state, the item, the caption),
/// before a byte of the file is sent.
pub async fn create(s: &Services, actor: &Actor, new: &NewUpload) -> Result<Upload, Error> {
    let me = actor.user_id().ok_or(Error::SignInRequired)?;
    let meta = PhotoMetadata::parse(&new.metadata)?;
    let audit_id = meta
        .audit
        .ok_or_else(|| anyhow::anyhow!("parsed metadata without its audit"))?;
    if let Some(key) = &meta.key {
        check_key(key)?;
    }
    let probe = PhotoUpload {
        bytes: Bytes::new(),
        item: meta.item.clone(),
        caption: meta.caption.clone(),
        ..PhotoUpload::default()
    };
    may_add(s, actor, audit_id, &probe, new.length).await?;
    let now = s.now();
    let upload = Upload {
        id: Uuid::now_v7(),
        owner: me,
        audit_id,
        metadata: new.metadata.clone(),
        length: new.length,
        received: 0,
        photo_id: None,
        completed: false,
        created_at: now,
        expires_at: now + s.upload_expiry,
    };
    let mut tx = s.begin().await?;
    uploads::insert(&mut tx, &upload).await?;
    tx.commit().await?;
    Ok(upload)
}

/// Upload `id` as it stands, for the person who created it (404 for anyone else, so
/// nobody learns of another's upload); 410 once it has expired.
pub async fn status(s: &Services, actor: &Actor, id: Uuid) -> Result<Upload, Error> {
    let me = actor.user_id().ok_or(Error::SignInRequired)?;
    let upload = uploads::by_id(&mut s.db.conn().await?, id)
        .await?
        .filter(|u| u.owner == me)
        .ok_or(Error::NotFound)?;
    if upload.expired(s.now()) {
        return Err(Error::Gone);
    }
    Ok(upload)
}

/// Gives up upload `id`: it and everything received of it are removed. A photo it already
/// made stays (removing that is the photo's own `DELETE`).
pub async fn terminate(s: &Services, actor: &Actor, id: Uuid) -> Result<(), Error> {
    let me = actor.user_id().ok_or(Error::SignInRequired)?;
    let mut tx = s.begin().await?;
    let mine = uploads::by_id(&mut tx, id)
        .await?
        .is_some_and(|u| u.owner == me);
    if !mine {
        return Err(Error::NotFound);
    }
    uploads::delete(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes every upload expired by now, unfinished or finished, with what it received, in
/// short transactions; returns how many. The server runs it periodically; several
/// instances may run it at once.
pub async fn sweep(s: &Services) -> Result<u64, Error> {
    let mut removed = 0;
    loop {
        let ids = uploads::expired(&mut s.db.conn().await?, s.now(), SWEEP_BATCH).await?;
        if ids.is_empty() {
            return Ok(removed);
        }
        let mut tx = s.begin().await?;
        for id in &ids {
            if uploads::delete(&mut tx, *id).await? {
                removed += 1;
            }
        }
        tx.commit().await?;
        if (ids.len() as i64) < SWEEP_BATCH {
            return Ok(removed);
        }
    }
}

/// Runs [`sweep`] every `every`, logging what it removed, until the task is dropped.
pub async fn sweep_every(s: Services, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match sweep(&s).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "expired resumable uploads removed"),
            Err(e) => tracing::warn!(error = %e, "removing expired resumable uploads failed"),
        }
    }
}
