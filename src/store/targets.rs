//! The province's targets.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::site::{AreaRef, SiteKind};
use crate::domain::target::{Measure, NewTarget, Target};

#[derive(sqlx::FromRow)]
struct TargetRow {
    id: Uuid,
    year: i64,
    #[sqlx(try_from = "String")]
    measure: Measure,
    site_kind: Option<String>,
    area_id: Option<Uuid>,
    area_code: Option<String>,
    area_name: Option<String>,
    share: f64,
    by_date: NaiveDate,
    programme: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<TargetRow> for Target {
    type Error = sqlx::Error;

    fn try_from(r: TargetRow) -> Result<Self, Self::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("target {}: {what}", r.id).into());
        let kind = match &r.site_kind {
            Some(k) => Some(SiteKind::parse(k).map_err(|_| bad("site kind"))?),
            None => None,
        };
        let area = match (r.area_id, r.area_code, r.area_name) {
            (Some(id), Some(code), Some(name)) => Some(AreaRef { id, code, name }),
            _ => None,
        };
        Ok(Target {
            id: r.id,
            entered: NewTarget {
                year: i32::try_from(r.year).map_err(|_| bad("year"))?,
                measure: r.measure,
                kind,
                area: r.area_id,
                share: r.share,
                by: r.by_date,
                programme: r.programme,
            },
            area,
            created_at: r.created_at,
        })
    }
}

/// Every target, by year (latest first), then as entered.
pub async fn all(ex: &mut impl Access) -> Result<Vec<Target>, sqlx::Error> {
    let sql = "SELECT t.id, t.year, t.measure, t.site_kind, t.area_id, a.code AS area_code,
                      a.name AS area_name, t.share, t.by_date, t.programme, t.created_at
               FROM targets t LEFT JOIN areas a ON a.id = t.area_id
               ORDER BY t.year DESC, t.id";
    let rows: Vec<TargetRow> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    rows.into_iter().map(Target::try_from).collect()
}

/// Records target `id` as entered by `by`.
pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    target: &NewTarget,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO targets (id, year, measure, site_kind, area_id, share, by_date,
                   programme, created_by, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(i64::from(target.year))
        .bind(target.measure.as_str())
        .bind(target.kind.map(SiteKind::as_str))
        .bind(target.area)
        .bind(target.share)
        .bind(target.by)
        .bind(&target.programme)
        .bind(by)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Removes target `id`; false when there was none.
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "DELETE FROM targets WHERE id = $1";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
