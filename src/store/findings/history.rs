//! Each finding's history: one entry per step.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::audit::PersonRef;
use crate::domain::finding::{FindingState, HistoryEntry};
use crate::store::{Access, Tx, on_backend};

/// One history entry about to be stored.
#[derive(Debug, Clone)]
pub struct NewHistory<'a> {
    /// The finding.
    pub finding_id: Uuid,
    /// From.
    pub from: FindingState,
    /// To.
    pub to: FindingState,
    /// Who.
    pub actor_id: Uuid,
    /// The approved audit that moved it, if one did.
    pub audit_id: Option<Uuid>,
    /// Why.
    pub comment: Option<&'a str>,
    /// The fields set, as JSON.
    pub fields: &'a serde_json::Value,
}

/// Appends to a finding's history.
pub async fn add_history(
    tx: &mut Tx,
    entry: &NewHistory<'_>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO finding_history (id, finding_id, from_state, to_state, actor_id,
                   audit_id, comment, fields, at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    let fields = entry.fields.to_string();
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(Uuid::now_v7())
        .bind(entry.finding_id)
        .bind(entry.from.as_str())
        .bind(entry.to.as_str())
        .bind(entry.actor_id)
        .bind(entry.audit_id)
        .bind(entry.comment)
        .bind(&fields)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: Uuid,
    finding_id: Uuid,
    from_state: String,
    to_state: String,
    user_id: Uuid,
    username: String,
    display_name: String,
    audit_id: Option<Uuid>,
    comment: Option<String>,
    fields: String,
    at: DateTime<Utc>,
}

/// Every column of a history entry with its person (a macro so queries stay `&'static str`).
macro_rules! select_history {
    () => {
        "SELECT h.id, h.finding_id, h.from_state, h.to_state, u.id AS user_id, u.username,
                u.display_name, h.audit_id, h.comment, h.fields, h.at
         FROM finding_history h JOIN users u ON u.id = h.actor_id "
    };
}

/// The history of finding `id`, oldest first.
pub async fn history(ex: &mut impl Access, id: Uuid) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let sql = concat!(select_history!(), "WHERE h.finding_id = $1 ORDER BY h.id");
    let rows: Vec<HistoryRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
    rows.into_iter().map(|r| entry(r).map(|(_, h)| h)).collect()
}

/// The history of every finding of `site`, oldest first, as `(finding, entry)`.
pub async fn site_history(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Vec<(Uuid, HistoryEntry)>, sqlx::Error> {
    let sql = concat!(
        select_history!(),
        "JOIN findings f ON f.id = h.finding_id WHERE f.site_id = $1 ORDER BY h.id"
    );
    let rows: Vec<HistoryRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(site).fetch_all(c).await)?;
    rows.into_iter().map(entry).collect()
}

/// A history row as `(finding, entry)`.
fn entry(r: HistoryRow) -> Result<(Uuid, HistoryEntry), sqlx::Error> {
    {
        let HistoryRow {
            id: hid,
            finding_id,
            from_state: from,
            to_state: to,
            user_id: uid,
            username,
            display_name,
            audit_id,
            comment,
            fields,
            at,
        } = r;
        let decode = |what: String| sqlx::Error::Decode(format!("history {hid}: {what}").into());
        Ok((
            finding_id,
            HistoryEntry {
                id: hid,
                from: FindingState::parse(&from).map_err(|p| decode(format!("{p:?}")))?,
                to: FindingState::parse(&to).map_err(|p| decode(format!("{p:?}")))?,
                by: PersonRef {
                    id: uid,
                    username,
                    display_name,
                },
                audit_id,
                comment,
                fields: serde_json::from_str(&fields).map_err(|e| decode(e.to_string()))?,
                at,
            },
        ))
    }
}
