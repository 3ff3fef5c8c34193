//! Merging one department into another: its people, its sites and their open work move.

use serde::Serialize;

use super::{DepartmentRecord, resolve};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::department::Department;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::Problem;
use crate::store::{departments, users};

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
    /// Audits not yet approved that moved with their sites.
    pub audits: u64,
    /// Findings, in every state, that moved with their sites.
    pub findings: u64,
}

#[derive(Serialize)]
struct MergeRecord {
    from: DepartmentRecord,
    into: DepartmentRecord,
    users: u64,
    sites: u64,
    audits: u64,
    findings: u64,
}

/// Merges department `from` into `into`: its people, its sites, their audits not yet
/// approved and their findings in every state move, so whoever acts on them afterwards is
/// checked against the department they are in now; approved audits keep the department
/// that approved them. `from` stays, marked merged, so history keeps its name. Both
/// departments are held to the commit, always in the same order (by code): two merges of
/// the same pair, even opposite ones, happen one after the other, and the second then finds
/// its department merged away and is refused.
pub async fn merge(s: &Services, actor: &Actor, from: &str, into: &str) -> Result<Merged, Error> {
    actor.may(Action::ManageDepartments, Scope::Everywhere)?;
    let into = into.trim();
    if into.is_empty() {
        return Err(Error::field("into", Problem::Required));
    }
    if from == into {
        return Err(Error::field("into", Problem::SameDepartment));
    }
    let mut tx = s.begin().await?;
    if !super::well_formed(from) {
        return Err(Error::NotFound);
    }
    if !super::well_formed(into) {
        // Not a code any department could have: refused naming the known ones.
        resolve(&mut tx, "into", into).await?;
        return Err(Error::field("into", Problem::BadCode));
    }
    let mut both = [from, into];
    both.sort_unstable();
    for code in both {
        departments::lock(&mut tx, code).await?;
    }
    // Read once both are held: a merge that committed while this one waited is seen.
    let source = departments::by_code(&mut tx, from)
        .await?
        .ok_or(Error::NotFound)?;
    let target = resolve(&mut tx, "into", into).await?;
    let users = users::move_department(&mut tx, source.id, target.id).await?;
    let moved = departments::merge(&mut tx, source.id, target.id).await?;
    let record = MergeRecord {
        from: DepartmentRecord::from(&source),
        into: DepartmentRecord::from(&target),
        users,
        sites: moved.sites,
        audits: moved.audits,
        findings: moved.findings,
    };
    let change = Change::new(actor, "department.merge", "department", from).after(record);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(Merged {
        from: source,
        into: target,
        users,
        sites: moved.sites,
        audits: moved.audits,
        findings: moved.findings,
    })
}
