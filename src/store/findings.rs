//! Findings, the photos that show them, and each site's stored summary.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, tuples};
use crate::domain::audit::PersonRef;
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::finding::{Filter, Finding, FindingState, HistoryEntry, Plan};
use crate::domain::lang::Bilingual;
use crate::domain::site::level::{FeatureState, Level, Summary};
use crate::domain::site::{AreaRef, DepartmentRef, SiteKind};

/// The states in which work on a finding is open, as SQL (a macro so queries stay
/// `&'static str`); a test holds it to [`FindingState::is_open`].
macro_rules! open_states {
    () => {
        "('open', 'planned', 'in_progress', 'reopened')"
    };
}

/// A finding about to be stored.
#[derive(Debug, Clone)]
pub struct NewFinding {
    /// Its id.
    pub id: Uuid,
    /// The site.
    pub site_id: Uuid,
    /// The approved audit that found it.
    pub audit_id: Uuid,
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

/// Columns of one finding row.
const FINDING_BINDS: usize = 13;
/// Finding rows per statement.
const FINDINGS_PER_STATEMENT: usize = 50;

/// Stores new `open` findings and links their photos.
pub async fn insert_many(
    tx: &mut Tx,
    findings: &[NewFinding],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in findings.chunks(FINDINGS_PER_STATEMENT) {
        let shared = chunk.len() * FINDING_BINDS + 1;
        let sql = format!(
            "INSERT INTO findings (id, site_id, audit_id, item_code, clause, severity, feature,
                 value, unit, total, provided, department_id, state, created_at, updated_at)
             VALUES {}",
            tuples(chunk.len(), FINDING_BINDS, |_| vec![
                format!("${shared}"),
                format!("${shared}")
            ])
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for f in chunk {
                q = q
                    .bind(f.id)
                    .bind(f.site_id)
                    .bind(f.audit_id)
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

/// Every column of a finding with its site, area and department (a macro so queries stay
/// `&'static str`).
macro_rules! select_findings {
    () => {
        "SELECT f.id, f.site_id, s.name AS site_name, s.kind AS site_kind, f.audit_id,
            f.item_code, f.clause, f.severity, f.feature, f.value, f.unit, f.total, f.provided,
            f.state, f.due_date, f.assignee, f.budget_year, f.reason, f.fixed_by,
            f.created_at, f.updated_at, f.version,
            d.id AS department_id, d.code AS department_code,
            d.name_vi AS department_name_vi, d.name_en AS department_name_en,
            ar.id AS area_id, ar.code AS area_code, ar.name AS area_name,
            a.checklist_version_id
         FROM findings f
         JOIN audits a ON a.id = f.audit_id
         JOIN sites s ON s.id = f.site_id
         LEFT JOIN areas ar ON ar.id = s.area_id
         JOIN departments d ON d.id = f.department_id "
    };
}

/// Adds the WHERE clause of `$filter` to `$query` (both backends build the same text).
macro_rules! push_filter {
    ($query:ident, $filter:expr) => {{
        let f: &Filter = $filter;
        $query.push(" WHERE 1 = 1");
        if let Some(site) = f.site {
            $query.push(" AND f.site_id = ").push_bind(site);
        }
        if let Some(department) = f.department {
            $query.push(" AND f.department_id = ").push_bind(department);
        }
        if !f.states.is_empty() {
            $query.push(" AND f.state IN (");
            let mut list = $query.separated(", ");
            for state in &f.states {
                list.push_bind(state.as_str());
            }
            $query.push(")");
        }
        if let Some(severity) = f.severity {
            $query
                .push(" AND f.severity = ")
                .push_bind(severity.as_str());
        }
        if let Some(kind) = f.kind {
            $query.push(" AND s.kind = ").push_bind(kind.as_str());
        }
        if let Some(area) = f.area {
            crate::store::push_area_below!($query, "s.area_id", area);
        }
        if let Some(audit) = f.audit {
            $query.push(" AND f.audit_id = ").push_bind(audit);
        }
        if let Some(day) = f.overdue_on {
            $query
                .push(concat!(
                    " AND f.state IN ",
                    open_states!(),
                    " AND f.due_date < "
                ))
                .push_bind(day);
        }
        if let Some(day) = f.due_before {
            $query.push(" AND f.due_date < ").push_bind(day);
        }
        if f.standing_only {
            $query.push(" AND f.state <> 'verified'");
        }
    }};
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
    #[sqlx(try_from = "String")]
    site_kind: SiteKind,
    audit_id: Uuid,
    item_code: String,
    clause: String,
    #[sqlx(try_from = "String")]
    severity: Severity,
    #[sqlx(try_from = "String")]
    feature: Feature,
    value: Option<f64>,
    unit: Option<String>,
    total: Option<i64>,
    provided: Option<i64>,
    #[sqlx(try_from = "String")]
    state: FindingState,
    due_date: Option<NaiveDate>,
    assignee: Option<String>,
    budget_year: Option<i64>,
    reason: Option<String>,
    fixed_by: Option<Uuid>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
    department_id: Uuid,
    department_code: String,
    department_name_vi: String,
    department_name_en: String,
    area_id: Option<Uuid>,
    area_code: Option<String>,
    area_name: Option<String>,
    checklist_version_id: Uuid,
}

/// Findings matching `filter`, newest first, each with the checklist snapshot of its audit;
/// the item text is left empty (it lives in that snapshot; the use case fills it in).
pub async fn list(ex: &mut impl Access, f: &Filter) -> Result<Vec<(Finding, Uuid)>, sqlx::Error> {
    let rows: Vec<Row> = on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(select_findings!());
        push_filter!(query, f);
        if let Some(before) = f.before {
            query.push(" AND f.id < ").push_bind(before);
        }
        query
            .push(" ORDER BY f.id DESC LIMIT ")
            .push_bind(i64::from(f.limit));
        query.build_query_as().fetch_all(c).await
    })?;
    with_photos(ex, rows).await
}

/// Finding `id` with the checklist snapshot of its audit, if it exists.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<(Finding, Uuid)>, sqlx::Error> {
    let sql = concat!(select_findings!(), "WHERE f.id = $1");
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    Ok(with_photos(ex, row.into_iter().collect()).await?.pop())
}

/// The rows as findings, with their before and after photos.
async fn with_photos(
    ex: &mut impl Access,
    rows: Vec<Row>,
) -> Result<Vec<(Finding, Uuid)>, sqlx::Error> {
    let mut findings = rows
        .into_iter()
        .map(|r| {
            let snapshot = r.checklist_version_id;
            Finding::try_from(r).map(|f| (f, snapshot))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<Uuid> = findings.iter().map(|(f, _)| f.id).collect();
    let links = photo_links(ex, &ids).await?;
    for (finding, _) in &mut findings {
        for (of, photo, kind) in &links {
            if *of == finding.id {
                match kind.as_str() {
                    "after" => finding.after_photos.push(*photo),
                    _ => finding.photos.push(*photo),
                }
            }
        }
    }
    Ok(findings)
}

/// `(finding, photo, kind)` for the photos of `findings`, in photo order.
async fn photo_links(
    ex: &mut impl Access,
    findings: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, String)>, sqlx::Error> {
    let mut links = Vec::new();
    for chunk in findings.chunks(FINDINGS_PER_STATEMENT) {
        let list: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT finding_id, photo_id, kind FROM finding_photos
             WHERE finding_id IN ({}) ORDER BY photo_id",
            list.join(", ")
        );
        let mut rows: Vec<(Uuid, Uuid, String)> = on_backend!(ex, |c| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?;
        links.append(&mut rows);
    }
    Ok(links)
}

impl TryFrom<Row> for Finding {
    type Error = sqlx::Error;

    fn try_from(r: Row) -> Result<Self, sqlx::Error> {
        let unit = r
            .unit
            .as_deref()
            .map(Unit::parse)
            .transpose()
            .map_err(|p| sqlx::Error::Decode(format!("finding {} unit: {p:?}", r.id).into()))?;
        let area = match (r.area_id, r.area_code, r.area_name) {
            (Some(id), Some(code), Some(name)) => Some(AreaRef { id, code, name }),
            _ => None,
        };
        Ok(Finding {
            id: r.id,
            site_id: r.site_id,
            site_name: r.site_name,
            site_kind: r.site_kind,
            area,
            audit_id: r.audit_id,
            item: r.item_code,
            text: Bilingual {
                vi: String::new(),
                en: String::new(),
            },
            clause: r.clause,
            severity: r.severity,
            feature: r.feature,
            value: r.value,
            unit,
            total: r.total.and_then(|n| u32::try_from(n).ok()),
            provided: r.provided.and_then(|n| u32::try_from(n).ok()),
            department: DepartmentRef {
                id: r.department_id,
                code: r.department_code,
                name: Bilingual {
                    vi: r.department_name_vi,
                    en: r.department_name_en,
                },
            },
            state: r.state,
            photos: Vec::new(),
            after_photos: Vec::new(),
            due_date: r.due_date,
            assignee: r.assignee,
            budget_year: r.budget_year.and_then(|y| i32::try_from(y).ok()),
            reason: r.reason,
            fixed_by: r.fixed_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

pub use crate::domain::finding::dashboard::CountRow;

/// The counts of the findings matching `filter` (paging ignored), grouped as [`CountRow`].
pub async fn counts(
    ex: &mut impl Access,
    f: &Filter,
    today: NaiveDate,
    month_end: NaiveDate,
) -> Result<Vec<CountRow>, sqlx::Error> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        String,
        String,
        String,
        Option<Uuid>,
        Option<String>,
        Option<String>,
        bool,
        bool,
        i64,
    )> = on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT f.state, f.severity, s.kind, ar.id, ar.code, ar.name, ",
        );
        query
            .push(concat!(
                "(f.state IN ",
                open_states!(),
                " AND f.due_date IS NOT NULL AND f.due_date < "
            ))
            .push_bind(today)
            .push(") AS overdue, (f.due_date IS NOT NULL AND f.due_date < ")
            .push_bind(month_end)
            .push(
                ") AS due_soon, COUNT(*)
                     FROM findings f
                     JOIN sites s ON s.id = f.site_id
                     LEFT JOIN areas ar ON ar.id = s.area_id",
            );
        push_filter!(query, f);
        query.push(" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8");
        query.build_query_as().fetch_all(c).await
    })?;
    rows.into_iter()
        .map(
            |(state, severity, kind, area_id, code, name, overdue, due_soon, n)| {
                let decode = |p| sqlx::Error::Decode(format!("finding counts: {p:?}").into());
                Ok(CountRow {
                    state: FindingState::parse(&state).map_err(decode)?,
                    severity: Severity::parse(&severity).map_err(decode)?,
                    kind: SiteKind::parse(&kind).map_err(decode)?,
                    area: match (area_id, code, name) {
                        (Some(id), Some(code), Some(name)) => Some(AreaRef { id, code, name }),
                        _ => None,
                    },
                    overdue,
                    due_this_month: due_soon,
                    count: u64::try_from(n).unwrap_or(0),
                })
            },
        )
        .collect()
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
                   updated_at = $8, version = version + 1
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

/// The barriers of `site` that stand (every state but verified), as `(severity, feature)`.
pub async fn standing_barriers(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Vec<(Severity, Feature)>, sqlx::Error> {
    let sql = "SELECT severity, feature FROM findings WHERE site_id = $1 AND state <> 'verified'";
    let rows: Vec<(String, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(site).fetch_all(c).await)?;
    rows.into_iter()
        .map(|(s, f)| {
            let decode = |p| sqlx::Error::Decode(format!("finding of site {site}: {p:?}").into());
            Ok((
                Severity::parse(&s).map_err(decode)?,
                Feature::parse(&f).map_err(decode)?,
            ))
        })
        .collect()
}

/// Stores the summary of `site` after an approval of `audit`.
pub async fn save_summary(
    tx: &mut Tx,
    site: Uuid,
    audit: Uuid,
    summary: &Summary,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let features = serde_json::to_string(&summary.features).expect("features serialise");
    let sql = "INSERT INTO site_summaries (site_id, audit_id, approved_at, level, critical,
                   major, minor, score, features, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $3)
               ON CONFLICT (site_id) DO UPDATE SET audit_id = excluded.audit_id,
                   approved_at = excluded.approved_at, level = excluded.level,
                   critical = excluded.critical, major = excluded.major,
                   minor = excluded.minor, score = excluded.score,
                   features = excluded.features, updated_at = excluded.updated_at";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(site)
        .bind(audit)
        .bind(at)
        .bind(summary.level.as_str())
        .bind(i64::from(summary.critical))
        .bind(i64::from(summary.major))
        .bind(i64::from(summary.minor))
        .bind(i64::from(summary.score))
        .bind(features)
        .execute(c)
        .await
        .map(|_| ()))
}

pub use crate::domain::site::level::StoredSummary;

/// The stored summary of `site`; `None` for a site never approved (level `unknown`).
pub async fn summary(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Option<StoredSummary>, sqlx::Error> {
    let sql = "SELECT audit_id, approved_at, level, critical, major, minor, score, features
               FROM site_summaries WHERE site_id = $1";
    #[allow(clippy::type_complexity)]
    let row: Option<(Uuid, DateTime<Utc>, String, i64, i64, i64, i64, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql)
            .bind(site)
            .fetch_optional(c)
            .await)?;
    let Some((audit_id, approved_at, level, critical, major, minor, score, features)) = row else {
        return Ok(None);
    };
    let decode = |what: String| sqlx::Error::Decode(format!("summary of {site}: {what}").into());
    let level = Level::parse(&level).map_err(|p| decode(format!("{p:?}")))?;
    let features: Vec<(Feature, FeatureState)> =
        serde_json::from_str(&features).map_err(|e| decode(e.to_string()))?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(Some(StoredSummary {
        audit_id,
        approved_at,
        summary: Summary {
            level,
            critical: n(critical),
            major: n(major),
            minor: n(minor),
            score: n(score),
            features,
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_list_of_open_states_is_the_domains() {
        let listed: Vec<String> = open_states!()
            .trim_matches(|c| c == '(' || c == ')')
            .split(", ")
            .map(|s| s.trim_matches('\'').to_owned())
            .collect();
        let domain: Vec<String> = FindingState::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.as_str().to_owned())
            .collect();
        assert_eq!(listed, domain);
    }
}
