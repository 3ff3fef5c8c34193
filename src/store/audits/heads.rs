//! An audit's head (everything but its answers and photos), one or a list.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::audit::{AuditState, Filter, Fix, PersonRef, SiteRef};
use crate::domain::geo::Coordinates;
use crate::domain::lang::Bilingual;
use crate::domain::site::{DepartmentRef, SiteKind, Subtype};
use crate::store::{Access, Tx, on_backend, per_backend};

pub use crate::domain::audit::Head;

/// Every column of an audit's head (a macro so queries stay `&'static str`).
macro_rules! select_heads {
    () => {
        "SELECT a.id, a.checklist_version_id, a.state, a.gps_lat, a.gps_lon, a.gps_accuracy_m,
            a.started_at, a.submitted_at, a.reviewed_at, a.review_comment, a.version, a.updated_at,
            a.follow_up_items,
            s.id AS site_id, s.name AS site_name, s.kind AS site_kind, s.subtype AS site_subtype,
            s.lon AS site_lon, s.lat AS site_lat, s.department_id AS site_department_id,
            s.design_approved_on AS site_design_approved_on,
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
    site_department_id: Uuid,
    site_design_approved_on: Option<NaiveDate>,
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
                department: r.site_department_id,
                design_approved_on: r.site_design_approved_on,
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

/// The head of audit `id`, its row taken for the rest of `tx` so that two steps on one audit
/// cannot interleave. On PostgreSQL that is a row lock; a SQLite write transaction
/// (`BEGIN IMMEDIATE`) holds the whole database until it ends already.
pub async fn locked_head(tx: &mut Tx, id: Uuid) -> Result<Option<Head>, sqlx::Error> {
    let row: Option<HeadRow> = per_backend!(tx,
        sqlite: concat!(select_heads!(), "WHERE a.id = $1"),
        postgres: concat!(select_heads!(), "WHERE a.id = $1 FOR UPDATE OF a"),
        |c, sql| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    row.map(Head::try_from).transpose()
}

/// The audits on which account `user` is named as a participant, newest first (at most
/// `limit`).
pub async fn named_on(
    ex: &mut impl Access,
    user: Uuid,
    limit: u32,
) -> Result<Vec<Head>, sqlx::Error> {
    let sql = concat!(
        select_heads!(),
        "WHERE a.id IN (SELECT p.audit_id FROM audit_participants p WHERE p.user_id = $1)
         ORDER BY a.id DESC LIMIT $2"
    );
    let rows: Vec<HeadRow> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(user)
        .bind(i64::from(limit))
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Head::try_from).collect()
}

/// Who reads a list: the person (whose own audits `mine` means, and whose own drafts are
/// always theirs to see), and whether they may see the drafts of others.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// The person asking.
    pub person: Uuid,
    /// May see audits others are still filling (the department's reviewers).
    pub sees_drafts: bool,
}

/// How many audits there are, in any state.
pub async fn count_all(ex: &mut impl Access) -> Result<i64, sqlx::Error> {
    on_backend!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM audits")
        .fetch_one(c)
        .await)
}

/// Audits matching `filter`, newest first.
pub async fn list(
    ex: &mut impl Access,
    f: &Filter,
    reader: &Reader,
) -> Result<Vec<Head>, sqlx::Error> {
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
    let hide = !reader.sees_drafts;
    let unless = reader.person;
    let rows: Vec<HeadRow> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(f.state.map(AuditState::as_str))
        .bind(f.site)
        .bind(f.mine.then_some(reader.person))
        .bind(f.department)
        .bind(hide)
        .bind(unless)
        .bind(f.before)
        .bind(i64::from(f.limit))
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Head::try_from).collect()
}
