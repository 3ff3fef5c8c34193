//! Departments as data: the one lookup of a typed department code, and creating, renaming,
//! merging and retiring them as a province reorganises.

mod merge;

pub use merge::{Merged, merge};

use serde::Serialize;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::department::{
    Department, Directory, NewDepartment, OpenWork, parse_code, parse_name,
};
use crate::domain::event::Change;
use crate::domain::lang::Bilingual;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::FieldErrors;
use crate::store::{Access, Tx, departments};

/// Every department in use, by code.
pub async fn directory(ex: &mut impl Access) -> Result<Directory, Error> {
    Ok(Directory::new(departments::all(ex).await?))
}

/// Every department in use, by code, for a list or a form's choices.
pub async fn list(s: &Services) -> Result<Vec<Department>, Error> {
    Ok(departments::all(&mut s.db.conn().await?).await?)
}

/// Every department in use with what still belongs to it, for the administrators' page
/// (what a merge would move, why a retirement would be refused).
pub async fn with_open_work(
    s: &Services,
    actor: &Actor,
) -> Result<Vec<(Department, OpenWork)>, Error> {
    actor.may(Action::ManageDepartments, Scope::Everywhere)?;
    let mut conn = s.db.conn().await?;
    let mut out = Vec::new();
    for department in departments::all(&mut conn).await? {
        let work = departments::open_work(&mut conn, department.id).await?;
        out.push((department, work));
    }
    Ok(out)
}

/// The department a person typed as `field`. A department merged away or retired is
/// refused saying so (and where its work went); an unknown code is refused naming the
/// known codes.
pub async fn resolve(ex: &mut impl Access, field: &str, code: &str) -> Result<Department, Error> {
    // Only a well-formed code goes near SQL; any other is simply not one of the known.
    if well_formed(code)
        && let Some(refusal) = departments::standing(ex, code.trim())
            .await?
            .and_then(|standing| standing.refusal())
    {
        return Err(Error::field(field, refusal));
    }
    let directory = directory(ex).await?;
    directory
        .resolve(code)
        .cloned()
        .map_err(|problem| Error::field(field, problem))
}

/// True when `code` could be a department's code (so it may be looked up by SQL): text
/// with a control character, say, never is.
pub(crate) fn well_formed(code: &str) -> bool {
    parse_code(code).is_ok()
}

/// A department as the event log records it.
#[derive(Debug, Serialize)]
pub struct DepartmentRecord {
    code: String,
    name: Bilingual,
}

impl From<&Department> for DepartmentRecord {
    fn from(d: &Department) -> Self {
        DepartmentRecord {
            code: d.code.clone(),
            name: d.name.clone(),
        }
    }
}

/// Creates a department (a code and names in both languages). A code any department has
/// ever had, merged and retired ones too, is refused as taken (409).
pub async fn create(
    s: &Services,
    actor: &Actor,
    code: &str,
    name: &Bilingual,
) -> Result<Department, Error> {
    actor.may(Action::ManageDepartments, Scope::Everywhere)?;
    let new = NewDepartment::parse(code, name)?;
    let mut tx = s.begin().await?;
    let created = departments::insert(&mut tx, &new, s.now()).await?;
    let change = Change::new(actor, "department.create", "department", &created.code)
        .after(DepartmentRecord::from(&created));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(created)
}

/// Renames a department (both languages); the event keeps the old name. With `expected`, a
/// department changed since that version is refused ([`Error::Stale`]).
pub async fn rename(
    s: &Services,
    actor: &Actor,
    code: &str,
    name: &Bilingual,
    expected: Option<i64>,
) -> Result<Department, Error> {
    actor.may(Action::ManageDepartments, Scope::Everywhere)?;
    let name = parse_name(name)?;
    let mut tx = s.begin().await?;
    // Held to the commit: a second rename waits, then reads this one's version.
    let before = locked(&mut tx, code, expected).await?;
    departments::rename(&mut tx, before.id, &name).await?;
    let after = Department {
        name,
        version: before.version + 1,
        ..before.clone()
    };
    let change = Change::new(actor, "department.rename", "department", code)
        .before(DepartmentRecord::from(&before))
        .after(DepartmentRecord::from(&after));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Retires a department that has nothing left: no site, no active person, no audit waiting
/// and no open finding; otherwise refused (409) saying how many of what. It keeps its row
/// and name for history.
pub async fn retire(
    s: &Services,
    actor: &Actor,
    code: &str,
    expected: Option<i64>,
) -> Result<Department, Error> {
    actor.may(Action::ManageDepartments, Scope::Everywhere)?;
    let mut tx = s.begin().await?;
    let department = locked(&mut tx, code, expected).await?;
    departments::open_work(&mut tx, department.id)
        .await?
        .check_retire()
        .map_err(|problem| Error::Conflict(FieldErrors::single("code", problem)))?;
    departments::retire(&mut tx, department.id, s.now()).await?;
    let change = Change::new(actor, "department.retire", "department", code)
        .before(DepartmentRecord::from(&department));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(Department {
        version: department.version + 1,
        ..department
    })
}

/// The department in use named by a path, held to the end of the transaction and checked
/// against the version the client read: a merged, retired or unknown one is not found.
async fn locked(tx: &mut Tx, code: &str, expected: Option<i64>) -> Result<Department, Error> {
    if !well_formed(code) {
        return Err(Error::NotFound);
    }
    departments::lock(tx, code).await?;
    let department = departments::by_code(tx, code)
        .await?
        .ok_or(Error::NotFound)?;
    match expected {
        Some(expected) if expected != department.version => Err(Error::Stale(department.version)),
        _ => Ok(department),
    }
}
