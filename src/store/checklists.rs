//! Checklist snapshots: each loaded version stored once by content hash, never changed.

use chrono::Utc;
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::checklist::Checklist;

/// A stored checklist version.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Id of this snapshot.
    pub snapshot_id: Uuid,
    /// SHA-256 of the canonical content.
    pub content_hash: String,
    /// The checklist.
    pub checklist: Checklist,
}

/// What storing a checklist did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A new version was stored.
    New,
    /// This exact content was already stored.
    Unchanged,
    /// The same id and version is stored with other content: the file changed without a
    /// version bump, which would silently change what past audits mean.
    VersionReused {
        /// The stored content's hash.
        stored_hash: String,
    },
}

/// Stores `checklist` unless its content is already stored.
pub async fn snapshot(ex: &mut Tx, checklist: &Checklist) -> Result<Stored, sqlx::Error> {
    let hash = checklist.content_hash();
    let sql =
        "SELECT content_hash FROM checklist_versions WHERE checklist_id = $1 AND version = $2";
    let stored: Option<String> = on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(&checklist.id)
        .bind(i64::from(checklist.version))
        .fetch_optional(c)
        .await)?;
    match stored {
        Some(stored_hash) if stored_hash == hash => return Ok(Stored::Unchanged),
        Some(stored_hash) => return Ok(Stored::VersionReused { stored_hash }),
        None => {}
    }
    let sql =
        "INSERT INTO checklist_versions (id, checklist_id, version, content_hash, body, loaded_at)
               VALUES ($1, $2, $3, $4, $5, $6)";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(Uuid::now_v7())
        .bind(&checklist.id)
        .bind(i64::from(checklist.version))
        .bind(&hash)
        .bind(checklist.canonical_json())
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(Stored::New)
}

fn decode(
    (snapshot_id, content_hash, body): (Uuid, String, String),
) -> Result<Snapshot, sqlx::Error> {
    let checklist = serde_json::from_str(&body).map_err(|e| {
        sqlx::Error::Decode(format!("checklist snapshot {snapshot_id}: {e}").into())
    })?;
    Ok(Snapshot {
        snapshot_id,
        content_hash,
        checklist,
    })
}

/// The latest version of every checklist, by id.
pub async fn latest_all(ex: &mut impl Access) -> Result<Vec<Snapshot>, sqlx::Error> {
    let sql = "SELECT v.id, v.content_hash, v.body FROM checklist_versions v
               WHERE v.version = (SELECT MAX(w.version) FROM checklist_versions w
                                  WHERE w.checklist_id = v.checklist_id)
               ORDER BY v.checklist_id";
    let rows: Vec<(Uuid, String, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    rows.into_iter().map(decode).collect()
}

/// The latest version of the checklist `id`.
pub async fn latest(ex: &mut impl Access, id: &str) -> Result<Option<Snapshot>, sqlx::Error> {
    let sql = "SELECT id, content_hash, body FROM checklist_versions WHERE checklist_id = $1
               ORDER BY version DESC LIMIT 1";
    let row: Option<(Uuid, String, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(decode).transpose()
}

/// Version `version` of the checklist `id`, as it was stored.
pub async fn version(
    ex: &mut impl Access,
    id: &str,
    version: u32,
) -> Result<Option<Snapshot>, sqlx::Error> {
    let sql = "SELECT id, content_hash, body FROM checklist_versions
               WHERE checklist_id = $1 AND version = $2";
    let row: Option<(Uuid, String, String)> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(id)
        .bind(i64::from(version))
        .fetch_optional(c)
        .await)?;
    row.map(decode).transpose()
}

/// Every stored `(checklist id, version)`, oldest first.
pub async fn versions(ex: &mut impl Access) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = "SELECT checklist_id, version FROM checklist_versions ORDER BY checklist_id, version";
    on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)
}

/// The snapshot with id `snapshot_id` (what an audit follows).
pub async fn by_snapshot(
    ex: &mut impl Access,
    snapshot_id: Uuid,
) -> Result<Option<Snapshot>, sqlx::Error> {
    let sql = "SELECT id, content_hash, body FROM checklist_versions WHERE id = $1";
    let row: Option<(Uuid, String, String)> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(snapshot_id)
        .fetch_optional(c)
        .await)?;
    row.map(decode).transpose()
}
