//! Resumable uploads and their pieces. Every write is conditional on the offset the writer
//! read, so two requests sending the same piece (two instances, a retry racing a late
//! original) never both land: the second finds the offset moved and is refused.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::upload::Upload;

/// An upload's row.
#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    owner_id: Uuid,
    audit_id: Uuid,
    metadata: String,
    length: i64,
    received: i64,
    photo_id: Option<Uuid>,
    completed: bool,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl From<Row> for Upload {
    fn from(r: Row) -> Self {
        Upload {
            id: r.id,
            owner: r.owner_id,
            audit_id: r.audit_id,
            metadata: r.metadata,
            length: count(r.length),
            received: count(r.received),
            photo_id: r.photo_id,
            completed: r.completed,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

/// Stores a new upload.
pub async fn insert(tx: &mut Tx, upload: &Upload) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO uploads (id, owner_id, audit_id, metadata, length, received,
                   photo_id, completed, created_at, expires_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(upload.id)
        .bind(upload.owner)
        .bind(upload.audit_id)
        .bind(&upload.metadata)
        .bind(signed(upload.length))
        .bind(signed(upload.received))
        .bind(upload.photo_id)
        .bind(upload.completed)
        .bind(upload.created_at)
        .bind(upload.expires_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Upload `id`, if it is stored.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Upload>, sqlx::Error> {
    let sql = "SELECT id, owner_id, audit_id, metadata, length, received, photo_id, completed,
                   created_at, expires_at
               FROM uploads WHERE id = $1";
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    Ok(row.map(Upload::from))
}

/// Keeps `bytes` as the piece of upload `id` starting at `at`, when `at` is still where the
/// upload stands, and moves its offset and expiry on. False when the offset moved meanwhile
/// (nothing is written then).
pub async fn add_piece(
    tx: &mut Tx,
    id: Uuid,
    at: u64,
    bytes: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE uploads SET received = received + $3, expires_at = $4
               WHERE id = $1 AND received = $2 AND NOT completed";
    let moved = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(signed(at))
        .bind(signed(bytes.len() as u64))
        .bind(expires_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if moved == 0 {
        return Ok(false);
    }
    let sql = "INSERT INTO upload_pieces (upload_id, start, bytes) VALUES ($1, $2, $3)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(signed(at))
        .bind(bytes)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(true)
}

/// The stored pieces of upload `id`, in order: `(start, bytes)`.
pub async fn pieces(ex: &mut impl Access, id: Uuid) -> Result<Vec<(u64, Vec<u8>)>, sqlx::Error> {
    let sql = "SELECT start, bytes FROM upload_pieces WHERE upload_id = $1 ORDER BY start";
    let rows: Vec<(i64, Vec<u8>)> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|(s, b)| (count(s), b)).collect())
}

/// Marks upload `id` complete with the photo it made, when `at` bytes are still what it
/// holds, and drops its pieces. False when another request moved it meanwhile.
pub async fn complete(
    tx: &mut Tx,
    id: Uuid,
    at: u64,
    photo_id: Option<Uuid>,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE uploads SET received = length, photo_id = $3, completed = TRUE,
                   expires_at = $4
               WHERE id = $1 AND received = $2 AND NOT completed";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(signed(at))
        .bind(photo_id)
        .bind(expires_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if done == 0 {
        return Ok(false);
    }
    let sql = "DELETE FROM upload_pieces WHERE upload_id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(true)
}

/// Removes upload `id` and its pieces; false when there was none.
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "DELETE FROM upload_pieces WHERE upload_id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    let sql = "DELETE FROM uploads WHERE id = $1";
    let gone = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(gone > 0)
}

/// The ids of uploads that expired before `now`, at most `limit` of them.
pub async fn expired(
    ex: &mut impl Access,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = "SELECT id FROM uploads WHERE expires_at < $1 ORDER BY expires_at LIMIT $2";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(now)
        .bind(limit)
        .fetch_all(c)
        .await)
}

/// How many uploads and pieces are stored (for tests and the clean-up's log).
pub async fn counts(ex: &mut impl Access) -> Result<(i64, i64), sqlx::Error> {
    let sql = "SELECT (SELECT COUNT(*) FROM uploads), (SELECT COUNT(*) FROM upload_pieces)";
    on_backend!(ex, |c| sqlx::query_as(sql).fetch_one(c).await)
}
