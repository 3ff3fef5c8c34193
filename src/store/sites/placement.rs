//! Where sites lie: their positions and areas, read and moved when boundaries change.

use uuid::Uuid;

use super::ROWS_PER_STATEMENT;
use crate::domain::geo::Coordinates;
use crate::store::{Access, Tx, on_backend};

/// Every site's id, location and current area, for placing them again.
pub async fn placements(
    ex: &mut impl Access,
) -> Result<Vec<(Uuid, Coordinates, Option<Uuid>)>, sqlx::Error> {
    let sql = "SELECT id, lon, lat, area_id FROM sites";
    let rows: Vec<(Uuid, f64, f64, Option<Uuid>)> =
        on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, lon, lat, area)| Some((id, Coordinates::new(lon, lat).ok()?, area)))
        .collect())
}

/// The names of the sites `ids`, a few hundred per statement.
pub async fn names(ex: &mut impl Access, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let list: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT id, name FROM sites WHERE id IN ({})",
            list.join(", ")
        );
        let rows: Vec<(Uuid, String)> = on_backend!(ex, |c| {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// Moves sites to area `area_id` (boundaries changed), a few hundred per statement.
pub async fn set_area(tx: &mut Tx, ids: &[Uuid], area_id: Option<Uuid>) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let list: Vec<String> = (2..chunk.len() + 2).map(|n| format!("${n}")).collect();
        let sql = format!(
            "UPDATE sites SET area_id = $1, version = version + 1 WHERE id IN ({})",
            list.join(", ")
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(area_id);
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}
