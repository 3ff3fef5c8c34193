//! The findings planned for a budget year, by department.

use uuid::Uuid;

use super::{Access, on_backend};

/// One department's findings for a budget year.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BudgetRow {
    /// The department.
    pub department_id: Uuid,
    /// Findings planned for the year (not given up).
    pub planned: i64,
    /// Of those, with an estimate.
    pub estimated_findings: i64,
    /// The sum of their estimates, in đồng.
    pub estimated: i64,
}

/// The findings planned for `year`, by department (only departments that have any).
pub async fn of_year(ex: &mut impl Access, year: i32) -> Result<Vec<BudgetRow>, sqlx::Error> {
    let sql = "SELECT f.department_id, COUNT(*) AS planned,
                      COUNT(f.estimated_cost) AS estimated_findings,
                      CAST(COALESCE(SUM(f.estimated_cost), 0) AS BIGINT) AS estimated
               FROM findings f
               WHERE f.budget_year = $1 AND f.state <> 'wont_fix'
               GROUP BY f.department_id";
    on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(i64::from(year))
        .fetch_all(c)
        .await)
}

/// The findings without a plan yet (open or reopened), by department.
pub async fn unplanned(ex: &mut impl Access) -> Result<Vec<(Uuid, i64)>, sqlx::Error> {
    let sql = "SELECT f.department_id, COUNT(*) FROM findings f
               WHERE f.state IN ('open', 'reopened') GROUP BY f.department_id";
    on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)
}
