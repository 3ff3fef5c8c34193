//! What a periodic report reads: the sites in its scope, their full approvals, their
//! findings and every step of those. Each query reads all of its rows in one pass and
//! hands them over as one row, a JSON list the database builds: a province has a hundred
//! thousand sites, and SQLite's driver hands every row over on its own, which cost more than
//! the reading. The report is computed from them outside the database.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, on_backend, per_backend};

/// Which sites a report covers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    /// Sites of this department.
    pub department: Option<Uuid>,
    /// Sites in this area or an area below it.
    pub area: Option<Uuid>,
}

/// Adds the scope's conditions on `s` (the sites table) to a query being built.
macro_rules! push_scope {
    ($query:ident, $scope:expr) => {{
        let scope: Scope = $scope;
        $query.push(" WHERE 1 = 1");
        if let Some(department) = scope.department {
            $query.push(" AND s.department_id = ").push_bind(department);
        }
        if let Some(area) = scope.area {
            crate::store::push_area_below!($query, "s.area_id", area);
        }
    }};
}

/// Adds ` WHERE column IN (the ids of the sites in scope)` when the scope is limited: a
/// province-wide report reads the table alone, without a join.
macro_rules! push_sites_in_scope {
    ($query:ident, $column:literal, $scope:expr) => {{
        let scope: Scope = $scope;
        if scope.department.is_some() || scope.area.is_some() {
            $query.push(concat!(" WHERE ", $column, " IN (SELECT s.id FROM sites s"));
            push_scope!($query, scope);
            $query.push(")");
        }
    }};
}

/// A site: id, subtype, department, area, registered at.
pub type SiteRow = (Uuid, String, Uuid, Option<Uuid>, DateTime<Utc>);

/// Every site in scope: one pass over the sites.
pub async fn sites(ex: &mut impl Access, scope: Scope) -> Result<Vec<SiteRow>, sqlx::Error> {
    let list: String = per_backend!(ex,
    sqlite: "SELECT json_group_array(json_array(hex(s.id), s.subtype, hex(s.department_id),
                 hex(s.area_id), s.created_at)) FROM sites s",
    postgres: "SELECT COALESCE(json_agg(json_build_array(s.id, s.subtype, s.department_id,
                   s.area_id, s.created_at)), '[]')::text FROM sites s",
    |c, select| {
        let mut query = sqlx::QueryBuilder::new(select);
        push_scope!(query, scope);
        query.build_query_scalar().fetch_one(c).await
    })?;
    let rows: Vec<(Text, Text, Text, Option<Text>, Text)> = decode(&list, "sites")?;
    rows.into_iter()
        .map(|(id, subtype, department, area, registered)| {
            let area = area.filter(|a| !a.is_empty());
            Ok((
                uuid(&id)?,
                subtype.owned(),
                uuid(&department)?,
                area.map(|a| uuid(&a)).transpose()?,
                time(&registered)?,
            ))
        })
        .collect()
}

/// When a site's full audit (not a follow-up) was approved: site, approved at.
pub type ApprovalRow = (Uuid, DateTime<Utc>);

/// Every approval of a full audit of a site in scope: one pass over the audits, apart from
/// the sites (a join would look each site's audits up one by one).
pub async fn approvals(
    ex: &mut impl Access,
    scope: Scope,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    let list: String = per_backend!(ex,
    sqlite: "SELECT json_group_array(json_array(hex(a.site_id), a.reviewed_at))
             FROM audits a",
    postgres: "SELECT COALESCE(json_agg(json_build_array(a.site_id, a.reviewed_at)),
                   '[]')::text FROM audits a",
    |c, select| {
        let mut query = sqlx::QueryBuilder::new(select);
        push_sites_in_scope!(query, "a.site_id", scope);
        query.push(if scope.department.is_some() || scope.area.is_some() {
            " AND"
        } else {
            " WHERE"
        });
        query.push(
            " a.state = 'approved' AND a.follow_up_items IS NULL
               AND a.reviewed_at IS NOT NULL",
        );
        query.build_query_scalar().fetch_one(c).await
    })?;
    let rows: Vec<(Text, Text)> = decode(&list, "approvals")?;
    rows.into_iter()
        .map(|(site, at)| Ok((uuid(&site)?, time(&at)?)))
        .collect()
}

/// A finding as the report reads it.
#[derive(Debug)]
pub struct FindingRow {
    /// Id.
    pub id: Uuid,
    /// Its site.
    pub site: Uuid,
    /// Severity, as stored.
    pub severity: String,
    /// Feature group, as stored.
    pub feature: String,
    /// When it was found.
    pub found: DateTime<Utc>,
    /// Its due date.
    pub due: Option<NaiveDate>,
    /// Its plan's budget year.
    pub budget_year: Option<i64>,
    /// Its estimated cost.
    pub estimated_cost: Option<i64>,
    /// Its actual cost.
    pub actual_cost: Option<i64>,
}

/// A finding's row in the JSON list the query builds.
type FindingTuple<'a> = (
    Text<'a>,
    Text<'a>,
    Text<'a>,
    Text<'a>,
    Text<'a>,
    Option<NaiveDate>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// Every finding of a site in scope.
pub async fn findings(ex: &mut impl Access, scope: Scope) -> Result<Vec<FindingRow>, sqlx::Error> {
    let list: String = per_backend!(ex,
    sqlite: "SELECT json_group_array(json_array(hex(f.id), hex(f.site_id), f.severity,
                 f.feature, f.created_at, f.due_date, f.budget_year, f.estimated_cost,
                 f.actual_cost)) FROM findings f",
    postgres: "SELECT COALESCE(json_agg(json_build_array(f.id, f.site_id, f.severity,
                   f.feature, f.created_at, f.due_date, f.budget_year, f.estimated_cost,
                   f.actual_cost)), '[]')::text FROM findings f",
    |c, select| {
        let mut query = sqlx::QueryBuilder::new(select);
        push_sites_in_scope!(query, "f.site_id", scope);
        query.build_query_scalar().fetch_one(c).await
    })?;
    let rows: Vec<FindingTuple> = decode(&list, "findings")?;
    rows.into_iter()
        .map(
            |(id, site, severity, feature, found, due, year, estimated, actual)| {
                Ok(FindingRow {
                    id: uuid(&id)?,
                    site: uuid(&site)?,
                    severity: severity.owned(),
                    feature: feature.owned(),
                    found: time(&found)?,
                    due,
                    budget_year: year,
                    estimated_cost: estimated,
                    actual_cost: actual,
                })
            },
        )
        .collect()
}

/// A finding's step: finding, state reached, at, the step's id (for steps at one instant).
pub type StepRow = (Uuid, String, DateTime<Utc>, Uuid);

/// Every step of a finding of a site in scope, in no order.
pub async fn steps(ex: &mut impl Access, scope: Scope) -> Result<Vec<StepRow>, sqlx::Error> {
    let list: String = per_backend!(ex,
    sqlite: "SELECT json_group_array(json_array(hex(h.finding_id), h.to_state, h.at,
                 hex(h.id))) FROM finding_history h",
    postgres: "SELECT COALESCE(json_agg(json_build_array(h.finding_id, h.to_state, h.at,
                   h.id)), '[]')::text FROM finding_history h",
    |c, select| {
        let mut query = sqlx::QueryBuilder::new(select);
        if scope.department.is_some() || scope.area.is_some() {
            query.push(" WHERE h.finding_id IN (SELECT f.id FROM findings f");
            push_sites_in_scope!(query, "f.site_id", scope);
            query.push(")");
        }
        query.build_query_scalar().fetch_one(c).await
    })?;
    let rows: Vec<(Text, Text, Text, Text)> = decode(&list, "steps")?;
    rows.into_iter()
        .map(|(finding, to, at, id)| Ok((uuid(&finding)?, to.owned(), time(&at)?, uuid(&id)?)))
        .collect()
}

/// A barrier report: the department that answers it, its area, lat, lon, when it was sent,
/// when first answered, its state.
pub type BarrierRow = (
    Option<Uuid>,
    Option<Uuid>,
    f64,
    f64,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    String,
);

/// Every barrier report in scope sent from `since` until before `until`: a department's
/// (those of places in no registry belong to none), in an area or an area below it.
pub async fn barriers(
    ex: &mut impl Access,
    scope: Scope,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<BarrierRow>, sqlx::Error> {
    on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT r.department_id, r.area_id, r.lat, r.lon, r.created_at, r.answered_at,
                    r.state FROM barrier_reports r WHERE r.created_at >= ",
        );
        query
            .push_bind(since)
            .push(" AND r.created_at < ")
            .push_bind(until);
        if let Some(department) = scope.department {
            query.push(" AND r.department_id = ").push_bind(department);
        }
        if let Some(area) = scope.area {
            crate::store::push_area_below!(query, "r.area_id", area);
        }
        query.build_query_as().fetch_all(c).await
    })
}

/// A text of a JSON list, borrowed from the list where it holds no escape (ids, codes and
/// times never do), so reading a hundred thousand rows copies no string.
#[derive(Debug, serde::Deserialize)]
#[serde(transparent)]
struct Text<'a>(#[serde(borrow)] std::borrow::Cow<'a, str>);

impl Text<'_> {
    fn owned(self) -> String {
        self.0.into_owned()
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// The rows of a JSON list.
fn decode<'a, T: serde::Deserialize<'a>>(list: &'a str, what: &str) -> Result<Vec<T>, sqlx::Error> {
    serde_json::from_str(list)
        .map_err(|e| sqlx::Error::Decode(format!("report {what}: {e}").into()))
}

/// An id as either database writes it in JSON: 32 hex digits (SQLite's `hex()` of the
/// stored bytes) or the hyphenated form (PostgreSQL's `uuid`).
fn uuid(text: &str) -> Result<Uuid, sqlx::Error> {
    Uuid::try_parse(text).map_err(|e| sqlx::Error::Decode(format!("report id {text}: {e}").into()))
}

/// A stored time as either database writes it in JSON: RFC 3339 with its offset, or (a
/// time SQLite wrote itself) without one, in UTC.
fn time(text: &str) -> Result<DateTime<Utc>, sqlx::Error> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    ["%F %T%.f", "%FT%T%.f"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
        .map(|t| t.and_utc())
        .ok_or_else(|| sqlx::Error::Decode(format!("report time {text}").into()))
}
