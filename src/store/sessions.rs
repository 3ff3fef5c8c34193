//! Browser sessions, stored by the digest of their cookie value.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};

/// A stored session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    /// Whose.
    pub user_id: Uuid,
    /// Last request seen (for idle expiry).
    pub last_seen_at: DateTime<Utc>,
    /// Absolute expiry.
    pub expires_at: DateTime<Utc>,
}

/// Stores a session by the digest of its cookie value.
pub async fn create(
    ex: &mut Tx,
    id_hash: &str,
    user_id: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
               VALUES ($1, $2, $3, $3, $4)";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The session with this digest.
pub async fn by_digest(
    ex: &mut impl Access,
    id_hash: &str,
) -> Result<Option<Session>, sqlx::Error> {
    let sql = "SELECT user_id, last_seen_at, expires_at FROM sessions WHERE id_hash = $1";
    on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(id_hash)
        .fetch_optional(c)
        .await)
}

/// Records activity on a session.
pub async fn touch(ex: &mut Tx, id_hash: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id_hash)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Ends one session.
pub async fn delete(ex: &mut Tx, id_hash: &str) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE id_hash = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id_hash)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Ends every session of a user (disabled, or password reset).
pub async fn delete_all_of(ex: &mut Tx, user_id: Uuid) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE user_id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(user_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// Ends every session of a user but `keep` (the one a password change came from).
pub async fn delete_all_of_but(
    ex: &mut Tx,
    user_id: Uuid,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(user_id)
        .bind(keep.unwrap_or_default())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}
