//! What a periodic report reads: the sites in its scope with their full approvals, their
//! findings and every step of those. Each query reads all of its rows in one pass; the
//! report is computed from them outside the database.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, on_backend};

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

/// A site with one of its full approvals: id, subtype, department, area, registered at,
/// approved at (none for a site never approved). A site approved n times has n rows.
pub type SiteRow = (
    Uuid,
    String,
    Uuid,
    Option<Uuid>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// Every site in scope, each with every approval of a full audit (not a follow-up) of it:
/// one pass over the sites and their audits.
pub async fn sites(ex: &mut impl Access, scope: Scope) -> Result<Vec<SiteRow>, sqlx::Error> {
    on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT s.id, s.subtype, s.department_id, s.area_id, s.created_at, a.reviewed_at
             FROM sites s LEFT JOIN audits a ON a.site_id = s.id AND a.state = 'approved'
                 AND a.follow_up_items IS NULL AND a.reviewed_at IS NOT NULL",
        );
        push_scope!(query, scope);
        query.build_query_as().fetch_all(c).await
    })
}

/// A finding: id, site, severity, feature, found at, due date.
pub type FindingRow = (Uuid, Uuid, String, String, DateTime<Utc>, Option<NaiveDate>);

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

/// Every finding of a site in scope.
pub async fn findings(ex: &mut impl Access, scope: Scope) -> Result<Vec<FindingRow>, sqlx::Error> {
    on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT f.id, f.site_id, f.severity, f.feature, f.created_at, f.due_date FROM findings f",
        );
        push_sites_in_scope!(query, "f.site_id", scope);
        query.build_query_as().fetch_all(c).await
    })
}

/// A finding's step: finding, state reached, at, the step's id (for steps at one instant).
pub type StepRow = (Uuid, String, DateTime<Utc>, Uuid);

/// Every step of a finding of a site in scope, in no order.
pub async fn steps(ex: &mut impl Access, scope: Scope) -> Result<Vec<StepRow>, sqlx::Error> {
    on_backend!(ex, |c| {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT h.finding_id, h.to_state, h.at, h.id FROM finding_history h",
        );
        if scope.department.is_some() || scope.area.is_some() {
            query.push(" WHERE h.finding_id IN (SELECT f.id FROM findings f");
            push_sites_in_scope!(query, "f.site_id", scope);
            query.push(")");
        }
        query.build_query_as().fetch_all(c).await
    })
}
