//! Departments: the one lookup of a typed department code, renaming and merging.

use serde::Serialize;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::department::{Department, Directory};
use crate::domain::event::Change;
use crate::domain::lang::Bilingual;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::{FieldErrors, Problem, required_text};
use crate::store::{Access, Tx, departments, users};

/// Longest department name, in characters.
pub const NAME_MAX: usize = 200;

/// Every department in use, by code.
pub async fn directory(ex: &mut impl Access) -> Result<Directory, Error> {
    Ok(Directory::new(departments::all(ex).await?))
}

/// The department a person typed as `field`; an unknown code is refused under that field,
/// naming the known codes.
pub async fn resolve(ex: &mut impl Access, field: &str, code: &str) -> Result<Department, Error> {
    let directory = directory(ex).await?;
    directory
        .resolve(code)
        .cloned()
        .map_err(|problem| Error::field(field, problem))
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
    let mut errors = FieldErrors::default();
    let vi = errors.take("name.vi", required_text(Some(&name.vi), NAME_MAX));
    let en = errors.take("name.en", required_text(Some(&name.en), NAME_MAX));
    let name = errors.into_result(|| Bilingual {
        vi: vi.expect("checked"),
        en: en.expect("checked"),
    })?;
    let mut tx = s.begin().await?;
    // Held to the commit: a second rename waits, then reads this one's version.
    departments::lock(&mut tx, code).await?;
    let before = in_use(&mut tx, code).await?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(Error::Stale(before.version));
    }
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

/// What a merge moved.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The department merged away (kept for history).
    pub from: Department,
    /// The department that takes over.
    pub into: Department,
    /// Users moved.
    pub users: u64,
    /// Sites moved.
    pub sites: u64,
}

#[derive(Serialize)]
struct MergeRecord {
    from: DepartmentRecord,
    into: DepartmentRecord,
    users: u64,
    sites: u64,
}

/// Merges department `from` into `into`: users and sites move; `from` stays, marked merged,
/// so history and past records keep its name.
pub async fn merge(s: &Services, actor: &Actor, from: &str, into: &str) -> Result<Merged, Error> {
    actor.may(Action::ManageDepartments, Scope::Everywhere)?;
    let mut tx = s.begin().await?;
    // A typed code is looked up before it goes near SQL; then both departments are held
    // to the commit, always in the same order, so two merges of the same pair wait for
    // each other instead of locking each other out, and both are read once held.
    let named = resolve(&mut tx, "into", into).await?;
    let mut both = [from, named.code.as_str()];
    both.sort_unstable();
    for code in both {
        departments::lock(&mut tx, code).await?;
    }
    let source = in_use(&mut tx, from).await?;
    let target = resolve(&mut tx, "into", into).await?;
    if source.id == target.id {
        return Err(Error::field(
            "into",
            Problem::Duplicate {
                of: from.to_owned(),
            },
        ));
    }
    let users = users::move_department(&mut tx, source.id, target.id).await?;
    let sites = departments::merge(&mut tx, source.id, target.id).await?;
    let record = MergeRecord {
        from: DepartmentRecord::from(&source),
        into: DepartmentRecord::from(&target),
        users,
        sites,
    };
    let change = Change::new(actor, "department.merge", "department", from).after(record);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(Merged {
        from: source,
        into: target,
        users,
        sites,
    })
}

/// The department in use named by a path: a merged or unknown one is not found.
async fn in_use(tx: &mut Tx, code: &str) -> Result<Department, Error> {
    departments::by_code(tx, code).await?.ok_or(Error::NotFound)
}
