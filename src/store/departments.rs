//! Departments.

use chrono::Utc;
use uuid::Uuid;

use super::{Access, Tx, on_backend};
use crate::domain::department::{Department, NewDepartment, OpenWork, Standing};
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

/// Every department still in use (neither merged into another nor retired), by code.
pub async fn all(ex: &mut impl Access) -> Result<Vec<Department>, sqlx::Error> {
    let sql = "SELECT id, code, name_vi, name_en, version FROM departments
               WHERE merged_into IS NULL AND retired_at IS NULL ORDER BY code";
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows.into_iter().map(Department::from).collect())
}

/// The department in use with `code`, if any (a merged or retired one is not).
pub async fn by_code(ex: &mut impl Access, code: &str) -> Result<Option<Department>, sqlx::Error> {
    let sql = "SELECT id, code, name_vi, name_en, version FROM departments
               WHERE code = $1 AND merged_into IS NULL AND retired_at IS NULL";
    let row: Option<Row> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(code)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(Department::from))
}

/// Department `id` whatever its standing (a round's part outlives a merge).
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Department>, sqlx::Error> {
    let sql = "SELECT id, code, name_vi, name_en, version FROM departments WHERE id = $1";
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
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

/// Where the department with `code` stands, in use or not; `None` when there is none.
pub async fn standing(ex: &mut impl Access, code: &str) -> Result<Option<Standing>, sqlx::Error> {
    let sql = "SELECT m.code, d.retired_at IS NOT NULL FROM departments d
               LEFT JOIN departments m ON m.id = d.merged_into WHERE d.code = $1";
    let row: Option<(Option<String>, bool)> = on_backend!(ex, |c| sqlx::query_as(sql)
        .bind(code)
        .fetch_optional(c)
        .await)?;
    Ok(
        row.map(|(merged_into, retired)| match (merged_into, retired) {
            (Some(into), _) => Standing::MergedInto(into),
            (None, true) => Standing::Retired,
            (None, false) => Standing::InUse,
        }),
    )
}

/// Adds a department; a code in use (by any department, merged and retired ones too) is
/// refused by the table's unique constraint.
pub async fn insert(
    tx: &mut Tx,
    department: &NewDepartment,
    now: chrono::DateTime<Utc>,
) -> Result<Department, sqlx::Error> {
    let id = Uuid::now_v7();
    let sql = "INSERT INTO departments (id, code, name_vi, name_en, created_at)
               VALUES ($1, $2, $3, $4, $5)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(&department.code)
        .bind(&department.name.vi)
        .bind(&department.name.en)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(Department {
        id,
        code: department.code.clone(),
        name: department.name.clone(),
        version: 1,
    })
}

/// What still belongs to a department: sites, active people, audits not yet approved and
/// findings not yet verified or given up.
pub async fn open_work(ex: &mut impl Access, id: Uuid) -> Result<OpenWork, sqlx::Error> {
    let sql = "SELECT
          (SELECT COUNT(*) FROM sites WHERE department_id = $1),
          (SELECT COUNT(*) FROM users WHERE department_id = $1 AND active),
          (SELECT COUNT(*) FROM audits WHERE department_id = $1 AND state <> 'approved'),
          (SELECT COUNT(*) FROM findings WHERE department_id = $1
             AND state NOT IN ('verified', 'wont_fix'))";
    let (sites, users, audits, findings): (i64, i64, i64, i64) =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_one(c).await)?;
    let n = |v: i64| u64::try_from(v).unwrap_or_default();
    Ok(OpenWork {
        sites: n(sites),
        users: n(users),
        audits: n(audits),
        findings: n(findings),
    })
}

/// Retires a department: it stays for history and takes no more work.
pub async fn retire(tx: &mut Tx, id: Uuid, now: chrono::DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE departments SET retired_at = $2, version = version + 1 WHERE id = $1";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
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

/// What a merge moved.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moved {
    /// Sites.
    pub sites: u64,
    /// Audits not yet approved.
    pub audits: u64,
    /// Findings, in every state.
    pub findings: u64,
}

/// Marks `from` as merged into `into` and moves its sites there with their open audits
/// (drafts, submitted, returned), their findings in every state and the public's reports
/// (which the department answers from then on); approved audits keep
/// the department that approved them, as history. Users move with
/// [`super::users::move_department`]. `from` keeps its row and name, so history shows it
/// as it was.
pub async fn merge(ex: &mut Tx, from: Uuid, into: Uuid) -> Result<Moved, sqlx::Error> {
    let statements = [
        "UPDATE departments SET merged_into = $2, version = version + 1 WHERE id = $1",
        "UPDATE sites SET department_id = $2, version = version + 1 WHERE department_id = $1",
        "UPDATE audits SET department_id = $2 WHERE department_id = $1 AND state <> 'approved'",
        "UPDATE findings SET department_id = $2 WHERE department_id = $1",
        // The public's reports go with the department's places (and those given to it).
        "UPDATE barrier_reports SET department_id = $2 WHERE department_id = $1",
    ];
    let mut moved = [0; 5];
    for (sql, count) in statements.into_iter().zip(&mut moved) {
        *count = both(ex, sql, from, into).await?;
    }
    let [_, sites, audits, findings, _] = moved;
    Ok(Moved {
        sites,
        audits,
        findings,
    })
}

/// Moves one site's open audits, its findings and the public's reports about it to `into`,
/// as when the site itself moves to another department; returns how many audits and
/// findings moved.
pub async fn move_site_work(
    ex: &mut Tx,
    site: Uuid,
    into: Uuid,
) -> Result<(u64, u64), sqlx::Error> {
    let statements = [
        "UPDATE audits SET department_id = $2 WHERE site_id = $1 AND state <> 'approved'",
        "UPDATE findings SET department_id = $2 WHERE site_id = $1",
        "UPDATE barrier_reports SET department_id = $2 WHERE site_id = $1",
    ];
    let mut moved = [0; 3];
    for (sql, count) in statements.into_iter().zip(&mut moved) {
        *count = both(ex, sql, site, into).await?;
    }
    Ok((moved[0], moved[1]))
}

/// Runs `sql` with `$1` and `$2` bound; how many rows it changed.
async fn both(ex: &mut Tx, sql: &'static str, one: Uuid, two: Uuid) -> Result<u64, sqlx::Error> {
    on_backend!(ex, |c| sqlx::query(sql)
        .bind(one)
        .bind(two)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// Locks the department in use with `code` until the transaction ends (a no-op update,
/// which both databases treat as a write lock); false when there is none.
pub async fn lock(tx: &mut Tx, code: &str) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE departments SET version = version
               WHERE code = $1 AND merged_into IS NULL AND retired_at IS NULL";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(code)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The name of department `id`, merged or retired ones too (what was answered by a
/// department keeps its name).
pub async fn name_of(ex: &mut impl Access, id: Uuid) -> Result<Option<Bilingual>, sqlx::Error> {
    let sql = "SELECT name_vi, name_en FROM departments WHERE id = $1";
    let row: Option<(String, String)> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    Ok(row.map(|(vi, en)| Bilingual { vi, en }))
}
