//! Reading findings through the one filter: lists, one finding, the dashboard's counts.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::FINDINGS_PER_STATEMENT;
use super::open_states;
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::finding::cost::Dong;
use crate::domain::finding::{Filter, Finding, FindingState, ReportRef};
use crate::domain::lang::Bilingual;
use crate::domain::site::{AreaRef, DepartmentRef, SiteKind};
use crate::store::{Access, on_backend};

/// Every column of a finding with its site, area and department (a macro so queries stay
/// `&'static str`).
macro_rules! select_findings {
    () => {
        "SELECT f.id, f.site_id, s.name AS site_name, s.kind AS site_kind, f.audit_id,
            f.item_code, f.clause, f.severity, f.feature, f.value, f.unit, f.total, f.provided,
            f.state, f.due_date, f.assignee, f.budget_year, f.estimated_cost, f.actual_cost,
            f.reason, f.fixed_by,
            f.created_at, f.updated_at, f.version,
            d.id AS department_id, d.code AS department_code,
            d.name_vi AS department_name_vi, d.name_en AS department_name_en,
            ar.id AS area_id, ar.code AS area_code, ar.name AS area_name,
            COALESCE(a.checklist_version_id, f.checklist_version_id) AS checklist_version_id,
            f.report_id, br.public_token AS report_token
         FROM findings f
         LEFT JOIN audits a ON a.id = f.audit_id
         LEFT JOIN barrier_reports br ON br.id = f.report_id
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
    audit_id: Option<Uuid>,
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
    estimated_cost: Option<i64>,
    actual_cost: Option<i64>,
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
    report_id: Option<Uuid>,
    report_token: Option<String>,
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
            report: r
                .report_id
                .zip(r.report_token)
                .map(|(id, token)| ReportRef { id, token }),
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
            estimated_cost: stored_cost(r.estimated_cost),
            actual_cost: stored_cost(r.actual_cost),
            reason: r.reason,
            fixed_by: r.fixed_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

/// A cost as stored (the schema keeps it from 0 to what a `BIGINT` holds).
fn stored_cost(amount: Option<i64>) -> Option<Dong> {
    amount.and_then(|n| Dong::new(u64::try_from(n).ok()?).ok())
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
