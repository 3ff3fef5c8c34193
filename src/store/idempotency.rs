//! The first answer to each creating request sent with an `Idempotency-Key`.

use chrono::{DateTime, Utc};

use super::{Access, Tx, on_backend};

/// A stored answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Answer {
    /// What the request was (method, path and body, hashed).
    pub fingerprint: String,
    /// The status it got.
    pub status: i64,
    /// The body it got.
    pub body: String,
}

/// The answer stored for `key` of `actor`.
pub async fn find(
    ex: &mut impl Access,
    actor: &str,
    key: &str,
) -> Result<Option<Answer>, sqlx::Error> {
    let sql =
        "SELECT fingerprint, status, body FROM idempotency_keys WHERE actor = $1 AND key = $2";
    on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(actor)
        .bind(key)
        .fetch_optional(c)
        .await)
}

/// Stores the answer to `key` of `actor`, in the transaction that did the work. A
/// concurrent request with the same key is refused by the primary key (and then replayed).
pub async fn remember(
    tx: &mut Tx,
    actor: &str,
    key: &str,
    answer: &Answer,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO idempotency_keys (actor, key, fingerprint, status, body, created_at)
               VALUES ($1, $2, $3, $4, $5, $6)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(actor)
        .bind(key)
        .bind(&answer.fingerprint)
        .bind(answer.status)
        .bind(&answer.body)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Forgets answers stored before `cutoff`.
pub async fn forget_before(tx: &mut Tx, cutoff: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM idempotency_keys WHERE created_at < $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(cutoff)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}
