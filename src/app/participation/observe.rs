//! What an observer sees: the audits they are named on, and one audit whole with its
//! findings (the page staff read too, with the participants' form).

use uuid::Uuid;

use crate::app::audit_access::{named, person, reading};
use crate::app::{Error, Services, audits, findings};
use crate::domain::actor::Actor;
use crate::domain::audit::participation::USUAL_ORGANISATIONS;
use crate::domain::audit::{Audit, AuditState, Head};
use crate::domain::finding::Finding;
use crate::store::{audits as audit_rows, departments};

/// Most audits listed on an observer's page.
const OBSERVED_MAX: u32 = 200;

/// An audit with the findings it made, and the organisations a participant's form suggests.
#[derive(Debug)]
pub struct ObservedAudit {
    /// The audit, with its participants and remarks.
    pub audit: Audit,
    /// Its findings, once approved.
    pub findings: Vec<Finding>,
    /// The usual organisations, then the departments.
    pub suggestions: Vec<String>,
}

/// The audits `actor` is named on as an observer, newest first.
pub async fn observed(s: &Services, actor: &Actor) -> Result<Vec<Head>, Error> {
    let me = person(actor)?;
    let mut conn = s.db.conn().await?;
    let heads = audit_rows::named_on(&mut conn, me, OBSERVED_MAX).await?;
    Ok(heads
        .into_iter()
        .filter(|head| named(actor, reading(head), &[me]))
        .collect())
}

/// Audit `id` as `actor` may see it, with its findings.
pub async fn observed_audit(s: &Services, actor: &Actor, id: Uuid) -> Result<ObservedAudit, Error> {
    let audit = audits::read(s, actor, id).await?;
    let findings = if audit.state == AuditState::Approved {
        findings::of_audit(s, actor, id).await?
    } else {
        Vec::new()
    };
    let mut suggestions: Vec<String> = USUAL_ORGANISATIONS
        .iter()
        .map(|o| (*o).to_owned())
        .collect();
    let mut conn = s.db.conn().await?;
    for department in departments::all(&mut conn).await? {
        suggestions.push(department.name.vi.clone());
    }
    Ok(ObservedAudit {
        audit,
        findings,
        suggestions,
    })
}
