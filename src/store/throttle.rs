//! Failed sign-ins per key, shared by every instance.

use chrono::{DateTime, Utc};

use super::{Access, Tx, on_backend};
use crate::domain::throttle::{Failures, WINDOW};

/// The failures recorded for `key`.
pub async fn get(ex: &mut impl Access, key: &str) -> Result<Option<Failures>, sqlx::Error> {
    let sql = "SELECT count, last_at FROM login_failures WHERE key = $1";
    let row: Option<(i64, DateTime<Utc>)> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(key)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|(count, last_at)| Failures {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        last_at,
    }))
}

/// Stores the failures for `key`.
pub async fn put(ex: &mut Tx, key: &str, failures: Failures) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO login_failures (key, count, last_at) VALUES ($1, $2, $3)
               ON CONFLICT (key) DO UPDATE SET count = excluded.count, last_at = excluded.last_at";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(key)
        .bind(i64::from(failures.count))
        .bind(failures.last_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Counts one more failure for `key` in a single statement, so concurrent failures are all
/// counted; a count whose last failure is older than [`WINDOW`] starts again at 1.
pub async fn add_failure(ex: &mut Tx, key: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO login_failures (key, count, last_at) VALUES ($1, 1, $2)
               ON CONFLICT (key) DO UPDATE SET
                   count = CASE WHEN login_failures.last_at < $3 THEN 1
                                ELSE login_failures.count + 1 END,
                   last_at = excluded.last_at";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(key)
        .bind(now)
        .bind(now - WINDOW)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Forgets the failures for `key` (after a successful sign-in).
pub async fn clear(ex: &mut Tx, key: &str) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM login_failures WHERE key = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(key)
        .execute(c)
        .await
        .map(|_| ()))
}
