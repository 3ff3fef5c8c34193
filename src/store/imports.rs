//! Site rows of an import: staged in short transactions, then published in one.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::sites::{Placed, ROWS_PER_STATEMENT, SITE_BINDS, bind_site, value_tuples};
use super::{Tx, on_backend};

/// Writes rows into the staging table under `import_id`; nobody sees them yet.
pub async fn stage(
    tx: &mut Tx,
    import_id: Uuid,
    rows: &[Placed],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let shared = chunk.len() * SITE_BINDS + 1;
        let sql = format!(
            "INSERT INTO site_import_rows (id, name, kind, subtype, address, lon, lat, area_id,
                 department_id, operator, design_approved_on, heritage, search_key, created_at,
                 import_id) VALUES {}",
            value_tuples(chunk.len(), |_| format!("${shared}"))
        );
        on_backend!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for r in chunk {
                q = bind_site!(q, r.id, &r.site, r.department_id, r.area_id, at);
            }
            q.bind(import_id).execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Copies every staged row of `import_id` into the sites in one statement; returns how
/// many. The staged rows stay until [`discard`] (after the commit, so the publishing
/// transaction stays short).
pub async fn publish(tx: &mut Tx, import_id: Uuid) -> Result<u64, sqlx::Error> {
    let sql = "INSERT INTO sites (id, name, kind, subtype, address, lon, lat, area_id,
                   department_id, operator, design_approved_on, heritage, search_key,
                   created_at, updated_at)
               SELECT id, name, kind, subtype, address, lon, lat, area_id, department_id,
                   operator, design_approved_on, heritage, search_key, created_at, created_at
               FROM site_import_rows WHERE import_id = $1";
    let published = on_backend!(tx, |c| sqlx::query(sql)
        .bind(import_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(published)
}

/// Forgets the staged rows of `import_id` (published, or given up).
pub async fn discard(tx: &mut Tx, import_id: Uuid) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM site_import_rows WHERE import_id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(import_id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Forgets rows staged before `cutoff` by imports that never finished (a crash).
pub async fn discard_abandoned(tx: &mut Tx, cutoff: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM site_import_rows WHERE created_at < $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(cutoff)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_gets_its_own_numbers_and_shares_the_last() {
        let sql = super::super::sites::value_tuples(2, |_| "$29".into());
        assert!(sql.starts_with("($1, $2,"), "{sql}");
        assert!(sql.contains("$14, $29), ($15,"), "{sql}");
        assert!(sql.ends_with("$28, $29)"), "{sql}");
    }
}
