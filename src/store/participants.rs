//! Who took part in an audit besides its inspector, and their remarks.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::audit::PersonRef;
use crate::domain::audit::participation::{Participant, Participation, Remark};

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    id: Uuid,
    audit_id: Uuid,
    name: String,
    organisation: String,
    added_at: DateTime<Utc>,
    user_id: Option<Uuid>,
    username: Option<String>,
    display_name: Option<String>,
}

impl From<ParticipantRow> for Participant {
    fn from(r: ParticipantRow) -> Self {
        let account = match (r.user_id, r.username, r.display_name) {
            (Some(id), Some(username), Some(display_name)) => Some(PersonRef {
                id,
                username,
                display_name,
            }),
            _ => None,
        };
        Participant {
            id: r.id,
            audit_id: r.audit_id,
            name: r.name,
            organisation: r.organisation,
            account,
            added_at: r.added_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct RemarkRow {
    id: Uuid,
    participant_id: Uuid,
    finding_id: Option<Uuid>,
    body: String,
    created_at: DateTime<Utc>,
    written_by: Uuid,
    username: String,
    display_name: String,
}

impl From<RemarkRow> for Remark {
    fn from(r: RemarkRow) -> Self {
        Remark {
            id: r.id,
            participant_id: r.participant_id,
            finding_id: r.finding_id,
            body: r.body,
            written_by: PersonRef {
                id: r.written_by,
                username: r.username,
                display_name: r.display_name,
            },
            created_at: r.created_at,
        }
    }
}

/// The participants of audit `audit` and their remarks, oldest first.
pub async fn of_audit(ex: &mut impl Access, audit: Uuid) -> Result<Participation, sqlx::Error> {
    let sql = "SELECT p.id, p.audit_id, p.name, p.organisation, p.added_at,
                      u.id AS user_id, u.username, u.display_name
               FROM audit_participants p LEFT JOIN users u ON u.id = p.user_id
               WHERE p.audit_id = $1 ORDER BY p.id";
    let rows: Vec<ParticipantRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(audit).fetch_all(c).await)?;
    let sql = "SELECT r.id, r.participant_id, r.finding_id, r.body, r.created_at,
                      r.written_by, u.username, u.display_name
               FROM audit_remarks r JOIN users u ON u.id = r.written_by
               WHERE r.audit_id = $1 ORDER BY r.id";
    let remarks: Vec<RemarkRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(audit).fetch_all(c).await)?;
    Ok(Participation {
        participants: rows.into_iter().map(Participant::from).collect(),
        remarks: remarks.into_iter().map(Remark::from).collect(),
    })
}

/// The organisations named on audit `audit`, in the order first added (repeats included).
pub async fn organisations(ex: &mut impl Access, audit: Uuid) -> Result<Vec<String>, sqlx::Error> {
    let sql = "SELECT organisation FROM audit_participants WHERE audit_id = $1 ORDER BY id";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(audit)
        .fetch_all(c)
        .await)
}

/// Stores `p`, added by `by`.
pub async fn add(tx: &mut Tx, p: &Participant, by: Uuid) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO audit_participants
                   (id, audit_id, name, organisation, user_id, added_by, added_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(p.id)
        .bind(p.audit_id)
        .bind(&p.name)
        .bind(&p.organisation)
        .bind(p.account.as_ref().map(|a| a.id))
        .bind(by)
        .bind(p.added_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Removes participant `id` of audit `audit` (who has no remark); false when there was none.
pub async fn remove(tx: &mut Tx, audit: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "DELETE FROM audit_participants WHERE id = $1 AND audit_id = $2";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(audit)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Stores remark `r` of audit `audit`.
pub async fn remark(tx: &mut Tx, audit: Uuid, r: &Remark) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO audit_remarks
                   (id, audit_id, participant_id, finding_id, body, written_by, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(r.id)
        .bind(audit)
        .bind(r.participant_id)
        .bind(r.finding_id)
        .bind(&r.body)
        .bind(r.written_by.id)
        .bind(r.created_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// True when finding `finding` was found by audit `audit`.
pub async fn finding_of_audit(
    ex: &mut impl Access,
    audit: Uuid,
    finding: Uuid,
) -> Result<bool, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM findings WHERE id = $1 AND audit_id = $2";
    let n: i64 = on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(finding)
        .bind(audit)
        .fetch_one(c)
        .await)?;
    Ok(n > 0)
}
