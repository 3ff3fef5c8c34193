//! Audits, their answers and the sections marked not applicable.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, tuples};
use crate::domain::audit::answer::ItemAnswer;
use crate::domain::audit::{AuditState, Fix, Outcome, PersonRef, SiteRef, StoredAnswer};
use crate::domain::geo::Coordinates;
use crate::domain::lang::Bilingual;
use crate::domain::site::{DepartmentRef, SiteKind, Subtype};

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

/// Takes the audit's row for the rest of `tx` (so two batches for one audit cannot
/// interleave); false when there is none.
pub async fn lock(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE audits SET version = version WHERE id = $1";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub use crate::domain::audit::Head;

/// Every column of an audit's head (a macro so queries stay `&'static str`).
macro_rules! select_heads {
    () => {
        "SELECT a.id, a.checklist_version_id, a.state, a.gps_lat, a.gps_lon, a.gps_accuracy_m,
            a.started_at, a.submitted_at, a.reviewed_at, a.review_comment, a.version, a.updated_at,
            a.follow_up_items,
            s.id AS site_id, s.name AS site_name, s.kind AS site_kind, s.subtype AS site_subtype,
            s.lon AS site_lon, s.lat AS site_lat,
            i.id AS inspector_id, i.username AS inspector_username,
            i.display_name AS inspector_name,
            r.id AS reviewer_id, r.username AS reviewer_username, r.display_name AS reviewer_name,
            d.id AS department_id, d.code AS department_code,
            d.name_vi AS department_name_vi, d.name_en AS department_name_en
        FROM audits a
        JOIN sites s ON s.id = a.site_id
        JOIN users i ON i.id = a.inspector_id
        LEFT JOIN users r ON r.id = a.reviewer_id
        JOIN departments d ON d.id = a.department_id "
    };
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    id: Uuid,
    checklist_version_id: Uuid,
    #[sqlx(try_from = "String")]
    state: AuditState,
    gps_lat: Option<f64>,
    gps_lon: Option<f64>,
    gps_accuracy_m: Option<f64>,
    started_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
    reviewed_at: Option<DateTime<Utc>>,
    review_comment: Option<String>,
    version: i64,
    updated_at: DateTime<Utc>,
    follow_up_items: Option<String>,
    site_id: Uuid,
    site_name: String,
    #[sqlx(try_from = "String")]
    site_kind: SiteKind,
    #[sqlx(try_from = "String")]
    site_subtype: Subtype,
    site_lon: f64,
    site_lat: f64,
    inspector_id: Uuid,
    inspector_username: String,
    inspector_name: String,
    reviewer_id: Option<Uuid>,
    reviewer_username: Option<String>,
    reviewer_name: Option<String>,
    department_id: Uuid,
    department_code: String,
    department_name_vi: String,
    department_name_en: String,
}

fn point(id: Uuid, lon: f64, lat: f64) -> Result<Coordinates, sqlx::Error> {
    Coordinates::new(lon, lat)
        .map_err(|(field, p)| sqlx::Error::Decode(format!("audit {id} {field}: {p:?}").into()))
}

impl TryFrom<HeadRow> for Head {
    type Error = sqlx::Error;

    fn try_from(r: HeadRow) -> Result<Self, sqlx::Error> {
        let fix = match (r.gps_lat, r.gps_lon) {
            (Some(lat), Some(lon)) => Some(Fix {
                at: point(r.id, lon, lat)?,
                accuracy_m: r.gps_accuracy_m,
            }),
            _ => None,
        };
        let reviewer = match (r.reviewer_id, r.reviewer_username, r.reviewer_name) {
            (Some(id), Some(username), Some(display_name)) => Some(PersonRef {
                id,
                username,
                display_name,
            }),
            _ => None,
        };
        let follow_up = r
            .follow_up_items
            .as_deref()
            .map(serde_json::from_str::<Vec<String>>)
            .transpose()
            .map_err(|e| sqlx::Error::Decode(format!("audit {} items: {e}", r.id).into()))?;
        Ok(Head {
            id: r.id,
            follow_up,
            site: SiteRef {
                id: r.site_id,
                name: r.site_name,
                kind: r.site_kind,
                subtype: r.site_subtype,
                location: point(r.id, r.site_lon, r.site_lat)?,
            },
            checklist_version_id: r.checklist_version_id,
            inspector: PersonRef {
                id: r.inspector_id,
                username: r.inspector_username,
                display_name: r.inspector_name,
            },
            department: DepartmentRef {
                id: r.department_id,
                code: r.department_code,
                name: Bilingual {
                    vi: r.department_name_vi,
                    en: r.department_name_en,
                },
            },
            state: r.state,
            fix,
            started_at: r.started_at,
            submitted_at: r.submitted_at,
            reviewed_at: r.reviewed_at,
            reviewer,
            review_comment: r.review_comment,
            version: r.version,
            updated_at: r.updated_at,
        })
    }
}

/// The latest approved full audit (not a follow-up) of `site`, if any.
pub async fn latest_full_approved(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    let sql = "SELECT id FROM audits
               WHERE site_id = $1 AND state = 'approved' AND follow_up_items IS NULL
               ORDER BY reviewed_at DESC, id DESC LIMIT 1";
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(site)
        .fetch_optional(c)
        .await)
}

/// The head of audit `id`, if any.
pub async fn head(ex: &mut impl Access, id: Uuid) -> Result<Option<Head>, sqlx::Error> {
    let sql = concat!(select_heads!(), "WHERE a.id = $1");
    let row: Option<HeadRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(Head::try_from).transpose()
}

/// Which audits a list shows; `None` is no filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only in this state.
    pub state: Option<AuditState>,
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only filled by this person.
    pub inspector: Option<Uuid>,
    /// Only for this department.
    pub department: Option<Uuid>,
    /// Leave out audits still being filled (drafts, returned) unless filled by this person.
    pub in_progress_only_of: Option<Option<Uuid>>,
    /// Only audits with ids below this (newest first paging).
    pub before: Option<Uuid>,
    /// At most this many.
    pub limit: u32,
}

/// How many audits there are, in any state.
pub async fn count_all(ex: &mut impl Access) -> Result<i64, sqlx::Error> {
    on_backend!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM audits")
        .fetch_one(c)
        .await)
}

/// Audits matching `filter`, newest first.
pub async fn list(ex: &mut impl Access, f: &Filter) -> Result<Vec<Head>, sqlx::Error> {
    let sql = concat!(
        select_heads!(),
        "WHERE ($1 IS NULL OR a.state = $1)
           AND ($2 IS NULL OR a.site_id = $2)
           AND ($3 IS NULL OR a.inspector_id = $3)
           AND ($4 IS NULL OR a.department_id = $4)
           AND ($5 = FALSE OR a.state IN ('submitted', 'approved') OR a.inspector_id = $6)
           AND ($7 IS NULL OR a.id < $7)
         ORDER BY a.id DESC LIMIT $8"
    );
    let hide = f.in_progress_only_of.is_some();
    let unless = f.in_progress_only_of.flatten();
    let rows: Vec<HeadRow> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(f.state.map(AuditState::as_str))
        .bind(f.site)
        .bind(f.inspector)
        .bind(f.department)
        .bind(hide)
        .bind(unless)
        .bind(f.before)
        .bind(i64::from(f.limit))
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Head::try_from).collect()
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    item_code: String,
    #[sqlx(try_from = "String")]
    result: Outcome,
    computed: Option<String>,
    value: Option<f64>,
    total: Option<i64>,
    provided: Option<i64>,
    note: Option<String>,
    accepted: Option<bool>,
    answered_at: DateTime<Utc>,
}

fn count(n: Option<i64>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

/// The answers of audit `id`.
pub async fn answers(ex: &mut impl Access, id: Uuid) -> Result<Vec<StoredAnswer>, sqlx::Error> {
    let sql = "SELECT item_code, result, computed, value, total, provided, note, accepted,
                      answered_at
               FROM audit_answers WHERE audit_id = $1 ORDER BY item_code";
    let rows: Vec<AnswerRow> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
    rows.into_iter()
        .map(|r| {
            let computed = r
                .computed
                .as_deref()
                .map(Outcome::parse)
                .transpose()
                .map_err(|p| sqlx::Error::Decode(format!("audit {id} computed: {p:?}").into()))?;
            Ok(StoredAnswer {
                answer: ItemAnswer {
                    item: r.item_code,
                    result: r.result,
                    computed,
                    value: r.value,
                    total: count(r.total),
                    provided: count(r.provided),
                    note: r.note,
                },
                accepted: r.accepted,
                answered_at: r.answered_at,
            })
        })
        .collect()
}

/// Columns of one answer row.
const ANSWER_BINDS: usize = 8;
/// Answer rows per statement (8 binds each, well under either backend's limit).
const ANSWERS_PER_STATEMENT: usize = 100;

/// Stores answers for audit `id`, replacing earlier answers to the same items (and any
/// reviewer's word on them).
pub async fn save_answers(
    tx: &mut Tx,
    id: Uuid,
    answers: &[ItemAnswer],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in answers.chunks(ANSWERS_PER_STATEMENT) {
        let shared = chunk.len() * ANSWER_BINDS + 1;
        let sql = format!(
            "INSERT INTO audit_answers (item_code, result, computed, value, total, provided,
                 note, answered_at, audit_id, accepted)
             VALUES {}
             ON CONFLICT (audit_id, item_code) DO UPDATE SET result = excluded.result,
                 computed = excluded.computed, value = excluded.value, total = excluded.total,
                 provided = excluded.provided, note = excluded.note,
                 answered_at = excluded.answered_at, accepted = NULL",
            tuples(chunk.len(), ANSWER_BINDS, |_| vec![
                format!("${shared}"),
                "NULL".into()
            ])
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for a in chunk {
                q = q
                    .bind(&a.item)
                    .bind(a.result.as_str())
                    .bind(a.computed.map(Outcome::as_str))
                    .bind(a.value)
                    .bind(a.total.map(i64::from))
                    .bind(a.provided.map(i64::from))
                    .bind(&a.note)
                    .bind(at);
            }
            q.bind(id).execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Removes the answers of audit `id` to `items`.
pub async fn clear_answers(tx: &mut Tx, id: Uuid, items: &[String]) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM audit_answers WHERE audit_id = $1 AND item_code = $2";
    for item in items {
        on_backend!(tx, |c| sqlx::query(sql)
            .bind(id)
            .bind(item)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}

/// The optional sections of audit `id` marked not applicable.
pub async fn sections_not_applicable(
    ex: &mut impl Access,
    id: Uuid,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = "SELECT section_code FROM audit_sections_not_applicable WHERE audit_id = $1
               ORDER BY section_code";
    on_backend!(ex, |c| sqlx::query_scalar(sql).bind(id).fetch_all(c).await)
}

/// Marks optional sections of audit `id` not applicable (`applies` false), or takes that
/// back; one statement for all of them.
pub async fn mark_sections(
    tx: &mut Tx,
    id: Uuid,
    sections: &[&str],
    applies: bool,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if sections.is_empty() {
        return Ok(());
    }
    let sql = if applies {
        let list: Vec<String> = (0..sections.len()).map(|n| format!("${}", n + 2)).collect();
        format!(
            "DELETE FROM audit_sections_not_applicable
             WHERE audit_id = $1 AND section_code IN ({})",
            list.join(", ")
        )
    } else {
        let n = sections.len() * 2;
        let rows = tuples(sections.len(), 2, |_| vec![format!("${}", n + 1)]);
        format!(
            "INSERT INTO audit_sections_not_applicable (audit_id, section_code, marked_at)
             VALUES {rows} ON CONFLICT (audit_id, section_code) DO NOTHING"
        )
    };
    on_backend!(tx, |c| {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        if applies {
            query = query.bind(id);
            for section in sections {
                query = query.bind(*section);
            }
        } else {
            for section in sections {
                query = query.bind(id).bind(*section);
            }
            query = query.bind(at);
        }
        query.execute(c).await.map(|_| ())
    })
}

/// Records the reviewer's word on an alternative offered for `item`.
pub async fn decide_alternative(
    tx: &mut Tx,
    id: Uuid,
    item: &str,
    accepted: bool,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE audit_answers SET accepted = $3 WHERE audit_id = $1 AND item_code = $2";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(item)
        .bind(accepted)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Raises the version of audit `id` after a change to what it holds.
pub async fn touch(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE audits SET version = version + 1, updated_at = $2 WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Hands audit `id` to the reviewers.
pub async fn submit(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE audits SET state = 'submitted', submitted_at = $2, updated_at = $2,
                   version = version + 1
               WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
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
