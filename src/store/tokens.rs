//! API tokens, stored by the digest of their value.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};

/// An API token as listed (never with its value).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Token {
    /// Id.
    pub id: Uuid,
    /// Owner.
    pub user_id: Uuid,
    /// Name given by the owner.
    pub name: String,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// When revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Stores a token by its digest.
pub async fn create(
    ex: &mut Tx,
    user_id: Uuid,
    name: &str,
    token_hash: &str,
) -> Result<Token, sqlx::Error> {
    let token = Token {
        id: Uuid::now_v7(),
        user_id,
        name: name.to_owned(),
        created_at: crate::domain::event::stored_time(Utc::now()),
        revoked_at: None,
    };
    let sql = "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at)
               VALUES ($1, $2, $3, $4, $5)";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(token.id)
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(token.created_at)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(token)
}

/// The token with this digest.
pub async fn by_digest(ex: &mut impl Access, hash: &str) -> Result<Option<Token>, sqlx::Error> {
    let sql =
        "SELECT id, user_id, name, created_at, revoked_at FROM api_tokens WHERE token_hash = $1";
    on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(hash)
        .fetch_optional(c)
        .await)
}

/// A user's tokens, newest first.
pub async fn of_user(ex: &mut impl Access, user_id: Uuid) -> Result<Vec<Token>, sqlx::Error> {
    let sql = "SELECT id, user_id, name, created_at, revoked_at FROM api_tokens
               WHERE user_id = $1 ORDER BY id DESC";
    on_backend!(ex, |c| sqlx::query_as(sql).bind(user_id).fetch_all(c).await)
}

/// Revokes one of a user's tokens; false when they have no such live token.
pub async fn revoke(ex: &mut Tx, id: Uuid, user_id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE api_tokens SET revoked_at = $3
               WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";
    let done = on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Revokes every token of a user (disabled).
pub async fn revoke_all_of(ex: &mut Tx, user_id: Uuid) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(user_id)
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// The owner of a live (not revoked) token.
pub async fn live_owner(ex: &mut impl Access, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    let sql = "SELECT user_id FROM api_tokens WHERE id = $1 AND revoked_at IS NULL";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(c)
        .await)
}
