//! A blank audit of a site: the draft its start would make, never stored. The field script
//! keeps its pages on the phone when the inspector takes the site offline, so an audit
//! started with no network can be filled at once; the phone puts the start key it made in
//! place of [`BLANK_ID`], and since a started audit's id is its key ([`super::start`]),
//! what was typed reaches the audit the start makes.

use std::sync::Arc;

use uuid::Uuid;

use crate::app::audit_access::person;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, AuditState, BLANK_ID, PersonRef, SiteRef};
use crate::domain::checklist;
use crate::domain::permission::{Action, Scope};
use crate::store::{checklists, sites, users};

/// The version a newly started audit has: a blank's pages send it as the version they
/// were made from, so the first answers sent after the start are not taken for a
/// conflict.
const FIRST_VERSION: i64 = 1;

/// The draft that starting an audit of site `site_id` would make now, for someone who may
/// start one there.
pub async fn blank(s: &Services, actor: &Actor, site_id: Uuid) -> Result<Audit, Error> {
    let me = person(actor)?;
    let mut conn = s.db.conn().await?;
    let site = sites::by_id(&mut conn, site_id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::StartAudit, Scope::Department(site.department.id))?;
    let inspector = users::by_id(&mut conn, me).await?.ok_or(Error::Forbidden)?;
    let snapshots = checklists::latest_all(&mut conn).await?;
    let chosen = checklist::for_subtype(snapshots.iter().map(|s| &s.checklist), site.subtype)
        .ok_or_else(|| anyhow::anyhow!("no checklist for subtype {}", site.subtype.as_str()))?;
    let snapshot = snapshots
        .iter()
        .find(|s| std::ptr::eq(&s.checklist, chosen))
        .expect("the chosen checklist is one of the snapshots");
    Ok(Audit {
        id: BLANK_ID,
        follow_up: false,
        site: SiteRef {
            id: site.id,
            name: site.name,
            kind: site.kind,
            subtype: site.subtype,
            location: site.location,
            department: site.department.id,
            design_approved_on: site.design_approved_on,
        },
        checklist_version_id: snapshot.snapshot_id,
        checklist: Arc::new(chosen.clone()),
        inspector: PersonRef {
            id: inspector.id,
            username: inspector.username,
            display_name: inspector.display_name,
        },
        department: site.department,
        state: AuditState::Draft,
        fix: None,
        started_at: s.now(),
        submitted_at: None,
        reviewed_at: None,
        reviewer: None,
        review_comment: None,
        version: FIRST_VERSION,
        answers: Vec::new(),
        sections_not_applicable: Vec::new(),
        photos: Vec::new(),
        participation: Default::default(),
    })
}
