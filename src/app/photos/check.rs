//! `tiepcan photos check`: the object store against the photo records.

use std::collections::HashSet;

use uuid::Uuid;

use crate::app::photo_files::{forget_one, keys_of};
use crate::app::{Error, Services};
use crate::objects::Key;
use crate::store::photos;

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
    let mut wanted = HashSet::new();
    let mut missing = Vec::new();
    let present: HashSet<Key> = stored.iter().copied().collect();
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
