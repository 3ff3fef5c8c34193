//! Findings, the photos that show them, and each site's stored summary.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, tuples};
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::finding::{Finding, FindingState};
use crate::domain::lang::Bilingual;
use crate::domain::site::DepartmentRef;
use crate::domain::site::level::{FeatureState, Level, Summary};

/// The states in which a barrier stands, as SQL (a macro so queries stay `&'static str`);
/// a test holds it to [`FindingState::is_open`].
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

/// Which findings a list shows; `None` is no filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only of this department.
    pub department: Option<Uuid>,
    /// Only in this state.
    pub state: Option<FindingState>,
    /// Only found by this audit.
    pub audit: Option<Uuid>,
    /// Only barriers that stand (open, planned, in progress, reopened).
    pub open_only: bool,
    /// Only findings with ids below this (newest first paging).
    pub before: Option<Uuid>,
    /// At most this many.
    pub limit: u32,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
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
    created_at: DateTime<Utc>,
    version: i64,
    department_id: Uuid,
    department_code: String,
    department_name_vi: String,
    department_name_en: String,
    checklist_version_id: Uuid,
}

/// Findings matching `filter`, newest first, each with the checklist snapshot of its audit;
/// the item text is left empty (it lives in that snapshot; the use case fills it in).
pub async fn list(ex: &mut impl Access, f: &Filter) -> Result<Vec<(Finding, Uuid)>, sqlx::Error> {
    let sql = concat!(
        "SELECT f.id, f.site_id, s.name AS site_name, f.audit_id, f.item_code, f.clause,
                  f.severity, f.feature, f.value, f.unit, f.total, f.provided, f.state,
                  f.created_at, f.version, d.id AS department_id, d.code AS department_code,
                  d.name_vi AS department_name_vi, d.name_en AS department_name_en,
                  a.checklist_version_id
               FROM findings f
               JOIN audits a ON a.id = f.audit_id
               JOIN sites s ON s.id = f.site_id
               JOIN departments d ON d.id = f.department_id
               WHERE ($1 IS NULL OR f.site_id = $1)
                 AND ($2 IS NULL OR f.department_id = $2)
                 AND ($3 IS NULL OR f.state = $3)
                 AND ($4 IS NULL OR f.audit_id = $4)
                 AND ($5 IS NULL OR f.id < $5)
                 AND ($7 = FALSE OR f.state IN ",
        open_states!(),
        ")
               ORDER BY f.id DESC LIMIT $6"
    );
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(f.site)
        .bind(f.department)
        .bind(f.state.map(FindingState::as_str))
        .bind(f.audit)
        .bind(f.before)
        .bind(i64::from(f.limit))
        .bind(f.open_only)
        .fetch_all(c)
        .await)?;
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
        finding.photos = links
            .iter()
            .filter(|(f, _)| *f == finding.id)
            .map(|(_, p)| *p)
            .collect();
    }
    Ok(findings)
}

/// `(finding, photo)` for the `before` photos of `findings`, in photo order.
async fn photo_links(
    ex: &mut impl Access,
    findings: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, sqlx::Error> {
    let mut links = Vec::new();
    for chunk in findings.chunks(FINDINGS_PER_STATEMENT) {
        let list: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT finding_id, photo_id FROM finding_photos
             WHERE kind = 'before' AND finding_id IN ({}) ORDER BY photo_id",
            list.join(", ")
        );
        let mut rows: Vec<(Uuid, Uuid)> = on_backend!(ex, |c| {
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
        Ok(Finding {
            id: r.id,
            site_id: r.site_id,
            site_name: r.site_name,
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
            created_at: r.created_at,
            version: r.version,
        })
    }
}

/// The item codes of the open findings of `site` (to find each barrier once).
pub async fn open_items(ex: &mut impl Access, site: Uuid) -> Result<Vec<String>, sqlx::Error> {
    let sql = concat!(
        "SELECT item_code FROM findings WHERE site_id = $1 AND state IN ",
        open_states!()
    );
    on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(site)
        .fetch_all(c)
        .await)
}

/// The open findings of `site`, as barriers `(severity, feature)`.
pub async fn open_barriers(
    ex: &mut impl Access,
    site: Uuid,
) -> Result<Vec<(Severity, Feature)>, sqlx::Error> {
    let sql = concat!(
        "SELECT severity, feature FROM findings WHERE site_id = $1 AND state IN ",
        open_states!()
    );
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
        let domain: Vec<String> = FindingState::open_states()
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        assert_eq!(listed, domain);
    }
}
