//! Departments.

use chrono::Utc;
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::department::{Department, NewDepartment};
use crate::domain::lang::Bilingual;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    code: String,
    name_vi: String,
    name_en: String,
    version: i64,
}

impl From<Row> for Department {
    fn from(r: Row) -> Self {
        Department {
            id: r.id,
            code: r.code,
            name: Bilingual {
                vi: r.name_vi,
                en: r.name_en,
            },
            version: r.version,
        }
    }
}

/// Every department still in use (not merged into another), by code.
pub async fn all(ex: &mut impl Access) -> Result<Vec<Department>, sqlx::Error> {
    let sql =
        "SELECT id, code, name_vi, name_en, version FROM departments WHERE merged_into IS NULL
               ORDER BY code";
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows.into_iter().map(Department::from).collect())
}

/// The department in use with `code`, if any (a merged one is not).
pub async fn by_code(ex: &mut impl Access, code: &str) -> Result<Option<Department>, sqlx::Error> {
    let sql = "SELECT id, code, name_vi, name_en, version FROM departments
               WHERE code = $1 AND merged_into IS NULL";
    let row: Option<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(code)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(Department::from))
}

/// Adds a department unless one with the same code exists; true when added.
pub async fn insert_if_missing(
    ex: &mut Tx,
    department: &NewDepartment,
) -> Result<bool, sqlx::Error> {
    let sql = "INSERT INTO departments (id, code, name_vi, name_en, created_at)
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING";
    let done = on_backend!(ex, |c| sqlx::query(sql)
        .bind(Uuid::now_v7())
        .bind(&department.code)
        .bind(&department.name.vi)
        .bind(&department.name.en)
        .bind(Utc::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// How many departments exist (zero means a fresh database).
pub async fn count(ex: &mut impl Access) -> Result<i64, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM departments";
    on_backend!(ex, |c| sqlx::query_scalar(sql).fetch_one(c).await)
}

/// Renames a department; the event log keeps the old name.
pub async fn rename(ex: &mut Tx, id: Uuid, name: &Bilingual) -> Result<(), sqlx::Error> {
    let sql =
        "UPDATE departments SET name_vi = $2, name_en = $3, version = version + 1 WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(id)
        .bind(&name.vi)
        .bind(&name.en)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Marks `from` as merged into `into` and moves its sites there; users move with
/// [`super::users::move_department`]. Returns how many sites moved. `from` keeps its row
/// and name, so history shows it as it was.
pub async fn merge(ex: &mut Tx, from: Uuid, into: Uuid) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE departments SET merged_into = $2, version = version + 1 WHERE id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(from)
        .bind(into)
        .execute(c)
        .await
        .map(|_| ()))?;
    let sql = "UPDATE sites SET department_id = $2, version = version + 1 WHERE department_id = $1";
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(from)
        .bind(into)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// Locks the department in use with `code` until the transaction ends (a no-op update,
/// which both databases treat as a write lock); false when there is none.
pub async fn lock(tx: &mut Tx, code: &str) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE departments SET version = version WHERE code = $1 AND merged_into IS NULL";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(code)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
