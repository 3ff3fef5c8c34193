//! Audits, their answers and the sections marked not applicable.

mod answers;
mod heads;

pub use answers::{
    answers, clear_answers, decide_alternative, mark_sections, save_answers,
    sections_not_applicable,
};
pub use heads::{Head, Reader, count_all, head, latest_full_approved, list, locked_head, named_on};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::audit::{AuditState, Fix};
use crate::store::{Access, Tx, on_backend};

/// An audit about to be stored.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    /// Its id.
    pub id: Uuid,
    /// The site.
    pub site_id: Uuid,
    /// The checklist snapshot it follows.
    pub checklist_version_id: Uuid,
    /// Who fills it.
    pub inspector_id: Uuid,
    /// The department it is for.
    pub department_id: Uuid,
    /// The client's key: the same key from the same person starts one audit.
    pub key: &'a str,
    /// The browser's position.
    pub fix: Option<Fix>,
    /// For a follow-up audit: the only items it holds.
    pub follow_up: Option<&'a [String]>,
    /// When.
    pub at: DateTime<Utc>,
}

/// Stores a new draft audit.
pub async fn insert(tx: &mut Tx, a: &NewAudit<'_>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO audits (id, site_id, checklist_version_id, inspector_id,
                   department_id, state, start_key, gps_lat, gps_lon, gps_accuracy_m,
                   started_at, updated_at, follow_up_items)
               VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $10, $11)";
    let follow_up = a
        .follow_up
        .map(|items| serde_json::to_string(items).expect("item codes serialise"));
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(a.id)
        .bind(a.site_id)
        .bind(a.checklist_version_id)
        .bind(a.inspector_id)
        .bind(a.department_id)
        .bind(a.key)
        .bind(a.fix.map(|f| f.at.lat()))
        .bind(a.fix.map(|f| f.at.lon()))
        .bind(a.fix.and_then(|f| f.accuracy_m))
        .bind(a.at)
        .bind(&follow_up)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The audit that `inspector` started with `key`, if any.
pub async fn by_key(
    ex: &mut impl Access,
    inspector: Uuid,
    key: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    let sql = "SELECT id FROM audits WHERE inspector_id = $1 AND start_key = $2";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(inspector)
        .bind(key)
        .fetch_optional(c)
        .await)
}

/// Raises the version of audit `id` after a change to what it holds; gives the new one.
pub async fn touch(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    let sql = "UPDATE audits SET version = version + 1, updated_at = $2 WHERE id = $1
               RETURNING version";
    on_backend!(tx, |c| sqlx::query_scalar(sql)
        .bind(id)
        .bind(at)
        .fetch_one(c)
        .await)
}

/// Hands audit `id` to the reviewers.
pub async fn submit(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    let sql = "UPDATE audits SET state = 'submitted', submitted_at = $2, updated_at = $2,
                   version = version + 1
               WHERE id = $1
               RETURNING version";
    on_backend!(tx, |c| sqlx::query_scalar(sql)
        .bind(id)
        .bind(at)
        .fetch_one(c)
        .await)
}

/// Records a reviewer's decision: `state` is `returned` (with the comment) or `approved`.
pub async fn review(
    tx: &mut Tx,
    id: Uuid,
    state: AuditState,
    reviewer: Uuid,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE audits SET state = $2, reviewer_id = $3, review_comment = $4,
                   reviewed_at = $5, updated_at = $5, version = version + 1
               WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(state.as_str())
        .bind(reviewer)
        .bind(comment)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}
