//! Writing findings: new ones from an approval, locks, steps, after-photos; and reading
//! the standing findings of a site as an approval checks them again.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::FINDINGS_PER_STATEMENT;
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::finding::cost::Dong;
use crate::domain::finding::{FindingState, Plan};
use crate::store::{Access, Tx, on_backend, tuples};

/// A finding about to be stored.
#[derive(Debug, Clone)]
pub struct NewFinding {
    /// Its id.
    pub id: Uuid,
    /// The site.
    pub site_id: Uuid,
    /// What found it.
    pub found_by: FoundBy,
    /// The checklist item.
    pub item: String,
    /// The clause.
    pub clause: String,
    /// Severity.
    pub severity: Severity,
    /// Feature group.
    pub feature: Feature,
    /// The measured value.
    pub value: Option<f64>,
    /// Its unit.
    pub unit: Option<Unit>,
    /// For a count: in all.
    pub total: Option<u32>,
    /// For a count: accessible.
    pub provided: Option<u32>,
    /// Responsible department.
    pub department_id: Uuid,
    /// The audit's photos of this item.
    pub photos: Vec<Uuid>,
}

/// What found a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    /// An approved audit.
    Audit(Uuid),
    /// A confirmed barrier report, on an item of this checklist snapshot.
    Report {
        /// The report.
        report: Uuid,
        /// The checklist snapshot its item is read from.
        checklist_version: Uuid,
    },
}

impl FoundBy {
    /// `(audit_id, report_id, checklist_version_id)` as stored.
    fn columns(self) -> (Option<Uuid>, Option<Uuid>, Option<Uuid>) {
        match self {
            FoundBy::Audit(audit) => (Some(audit), None, None),
            FoundBy::Report {
                report,
                checklist_version,
            } => (None, Some(report), Some(checklist_version)),
        }
    }
}

/// Columns of one finding row.
const FINDING_BINDS: usize = 15;
/// Stores new `open` findings and links their photos.
pub async fn insert_many(
    tx: &mut Tx,
    findings: &[NewFinding],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in findings.chunks(FINDINGS_PER_STATEMENT) {
        let shared = chunk.len() * FINDING_BINDS + 1;
        let sql = format!(
            "INSERT INTO findings (id, site_id, audit_id, report_id, checklist_version_id,
                 item_code, clause, severity, feature, value, unit, total, provided,
                 department_id, state, created_at, updated_at)
             VALUES {}",
            tuples(chunk.len(), FINDING_BINDS, |_| vec![
                format!("${shared}"),
                format!("${shared}")
            ])
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for f in chunk {
                let (audit, report, checklist_version) = f.found_by.columns();
                q = q
                    .bind(f.id)
                    .bind(f.site_id)
                    .bind(audit)
                    .bind(report)
                    .bind(checklist_version)
                    .bind(&f.item)
                    .bind(&f.clause)
                    .bind(f.severity.as_str())
                    .bind(f.feature.as_str())
                    .bind(f.value)
                    .bind(f.unit.map(Unit::as_str))
                    .bind(f.total.map(i64::from))
                    .bind(f.provided.map(i64::from))
                    .bind(f.department_id)
                    .bind(FindingState::Open.as_str());
            }
            q.bind(at).execute(c).await.map(|_| ())
        })?;
    }
    let links: Vec<(Uuid, Uuid)> = findings
        .iter()
        .flat_map(|f| f.photos.iter().map(|p| (f.id, *p)))
        .collect();
    for chunk in links.chunks(FINDINGS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO finding_photos (finding_id, photo_id, kind) VALUES {}",
            tuples(chunk.len(), 2, |_| vec!["'before'".into()])
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (finding, photo) in chunk {
                q = q.bind(*finding).bind(*photo);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// The item codes of the findings of `site` that still stand (every state but verified): a
/// failure of one of these items is that finding again, not a new one.
pub async fn standing_items(ex: &mut impl Access, site: Uuid) -> Result<Vec<String>, sqlx::Error> {
    let sql = "SELECT item_code FROM findings WHERE site_id = $1 AND state <> 'verified'";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(site)
        .fetch_all(c)
        .await)
}

/// A finding as an approval checks it again.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Standing {
    /// Id.
    pub id: Uuid,
    /// The item.
    #[sqlx(rename = "item_code")]
    pub item: String,
    /// Its state.
    #[sqlx(try_from = "String")]
    pub state: FindingState,
    /// Who last marked it fixed.
    pub fixed_by: Option<Uuid>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Locks `site` and all its findings for the rest of `tx`, so that approvals of the site
/// take turns and no step on one of its findings runs between an approval's reading of it
/// and its writing (on PostgreSQL, whose writers run side by side).
pub async fn lock_site(tx: &mut Tx, site: Uuid) -> Result<(), sqlx::Error> {
    if tx.on_sqlite() {
        return Ok(()); // `BEGIN IMMEDIATE` holds the whole database until `tx` ends
    }
    let sql = "UPDATE sites SET version = version WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(site)
        .execute(c)
        .await
        .map(|_| ()))?;
    let sql = "UPDATE findings SET version = version WHERE site_id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(site)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The findings of `site` whose barrier stands (every state but verified), oldest first.
pub async fn standing(ex: &mut impl Access, site: Uuid) -> Result<Vec<Standing>, sqlx::Error> {
    let sql = "SELECT id, item_code, state, fixed_by, updated_at FROM findings
               WHERE site_id = $1 AND state <> 'verified' ORDER BY id";
    on_backend!(ex, |c| sqlx::query_as(sql).bind(site).fetch_all(c).await)
}

/// Locks finding `id` for the rest of `tx`; false when there is none.
pub async fn lock(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE findings SET version = version WHERE id = $1";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// A cost as the database keeps it ([`Dong`]'s ceiling is far below `i64::MAX`).
fn stored(cost: Dong) -> i64 {
    i64::try_from(cost.get()).unwrap_or(i64::MAX)
}

/// Moves finding `id` to `state` by a person's step, with `plan` as it stands after it.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    state: FindingState,
    plan: &Plan,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE findings SET state = $2, due_date = $3, assignee = $4, budget_year = $5,
                   reason = $6, fixed_by = $7, verified_by_audit = NULL,
                   updated_at = $8, version = version + 1, estimated_cost = $9, actual_cost = $10
               WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(state.as_str())
        .bind(plan.due_date)
        .bind(&plan.assignee)
        .bind(plan.budget_year.map(i64::from))
        .bind(&plan.reason)
        .bind(plan.fixed_by)
        .bind(at)
        .bind(plan.estimated_cost.map(stored))
        .bind(plan.actual_cost.map(stored))
        .execute(c)
        .await
        .map(|_| ()))
}

/// Moves finding `id` to `state` as a later audit found it, keeping its plan.
pub async fn move_by_audit(
    tx: &mut Tx,
    id: Uuid,
    state: FindingState,
    verified_by_audit: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE findings SET state = $2, verified_by_audit = $3, updated_at = $4,
                   version = version + 1
               WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(state.as_str())
        .bind(verified_by_audit)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Links after-photos to finding `id`.
pub async fn add_after_photos(tx: &mut Tx, id: Uuid, photos: &[Uuid]) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO finding_photos (finding_id, photo_id, kind) VALUES ($1, $2, 'after')";
    for photo in photos {
        on_backend!(tx, |c| sqlx::query(sql)
            .bind(id)
            .bind(*photo)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}
