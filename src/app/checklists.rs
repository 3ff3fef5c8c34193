//! Storing the checklist files' versions at start, and reading the stored ones.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::Serialize;
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::checklist::{Checklist, ChecklistError, SourceFile, parse_set};
use crate::domain::event::Change;
use crate::store::Access;
use crate::store::checklists::{self, Stored};

/// Reads every `*.toml` file in `dir` (sorted by name) and checks them as one set.
pub fn read_dir(dir: &Path) -> Result<Vec<Checklist>, Vec<ChecklistError>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![ChecklistError {
            file: dir.to_path_buf(),
            line: 1,
            reason: format!("cannot read folder: {e}"),
        }]
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let files: Vec<SourceFile> = paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string());
            (path, text)
        })
        .collect();
    parse_set(dir, files)
}

/// A stored checklist version as the event log records it.
#[derive(Serialize)]
struct VersionRecord<'a> {
    id: &'a str,
    version: u32,
    content_hash: String,
    items: usize,
}

/// Why the checklists could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A changed file kept its version number: past audits must keep their meaning.
    #[error(
        "checklist `{id}` version {version} differs from the stored version (hash {stored_hash}); \
         bump `version` in its file when changing it"
    )]
    VersionReused {
        /// Checklist id.
        id: String,
        /// The version in the file.
        version: u32,
        /// The stored content's hash.
        stored_hash: String,
    },
    /// The database failed.
    #[error(transparent)]
    Failed(#[from] Error),
}

/// Stores every checklist version not stored yet, each with its event, in one transaction.
pub async fn store(s: &Services, loaded: &[Checklist]) -> Result<usize, StoreError> {
    let mut tx = s.begin().await?;
    let mut new = 0;
    for checklist in loaded {
        match checklists::snapshot(&mut tx, checklist)
            .await
            .map_err(Error::from)?
        {
            Stored::New => {
                tracing::info!(
                    id = %checklist.id,
                    version = checklist.version,
                    items = checklist.items().count(),
                    "stored a new checklist version"
                );
                let record = VersionRecord {
                    id: &checklist.id,
                    version: checklist.version,
                    content_hash: checklist.content_hash(),
                    items: checklist.items().count(),
                };
                let change = Change::new(
                    &Actor::System,
                    "checklist.store",
                    "checklist",
                    &checklist.id,
                )
                .after(record);
                s.log(&mut tx, change).await?;
                new += 1;
            }
            Stored::Unchanged => {}
            Stored::VersionReused { stored_hash } => {
                return Err(StoreError::VersionReused {
                    id: checklist.id.clone(),
                    version: checklist.version,
                    stored_hash,
                });
            }
        }
    }
    tx.commit().await.map_err(Error::from)?;
    Ok(new)
}

/// Checklist snapshots already read, by snapshot id. Snapshots never change (a trigger
/// refuses it), so every instance may keep them as long as it runs.
#[derive(Debug, Clone, Default)]
pub struct Snapshots(Arc<RwLock<HashMap<Uuid, Arc<Checklist>>>>);

impl Snapshots {
    /// The checklist of snapshot `id`, read once.
    pub async fn get(&self, ex: &mut impl Access, id: Uuid) -> Result<Arc<Checklist>, Error> {
        if let Some(found) = self.0.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return Ok(found.clone());
        }
        let snapshot = checklists::by_snapshot(ex, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("checklist snapshot {id} is missing"))?;
        let checklist = Arc::new(snapshot.checklist);
        self.0
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, checklist.clone());
        Ok(checklist)
    }
}
