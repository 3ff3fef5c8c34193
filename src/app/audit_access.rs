//! The floor under the audit and photo use cases: who may read or fill an audit, and an
//! audit read whole. The use cases above call these; nothing here calls a use case.

use std::sync::Arc;

use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, AuditState, Head, Step, StoredAnswer};
use crate::domain::checklist::Checklist;
use crate::domain::permission::{Action, Scope};
use crate::store::{Access, Tx, audits, participants, photos};

/// The person acting: audits are filled and reviewed by signed-in people only.
pub(super) fn person(actor: &Actor) -> Result<Uuid, Error> {
    actor.user_id().ok_or(Error::Forbidden)
}

/// 404 unless `actor` may see the audit: its author always; while it is being filled, the
/// department's reviewers; once submitted, the department's staff, coordinators and admins;
/// once approved, also the staff of the department the site belongs to now (after a merge,
/// the site's history stays readable to those who took it over). Someone who may not see
/// it learns nothing of it, not even that it exists.
pub(super) fn may_read(actor: &Actor, head: &Head) -> Result<(), Error> {
    if actor
        .may(Action::FillAudit, Scope::OwnRecord(head.inspector.id))
        .is_ok()
    {
        return Ok(());
    }
    let action = reading(head);
    let approved_here = head.state == AuditState::Approved
        && actor
            .may(Action::ReadAudits, Scope::Department(head.site.department))
            .is_ok();
    if approved_here {
        return Ok(());
    }
    actor
        .may(action, Scope::Department(head.department.id))
        .map_err(|_| Error::NotFound)
}

/// The action that reads the audit as it stands: drafts and returned audits are read with
/// [`Action::ReadDraftAudits`], the others with [`Action::ReadAudits`].
pub(super) fn reading(head: &Head) -> Action {
    if head.state.in_progress() {
        Action::ReadDraftAudits
    } else {
        Action::ReadAudits
    }
}

/// True when the matrix lets `actor` do `action` on an audit naming `accounts` as its
/// participants (the observers named on it).
pub(super) fn named(actor: &Actor, action: Action, accounts: &[Uuid]) -> bool {
    accounts
        .iter()
        .any(|account| actor.may(action, Scope::NamedOn(*account)).is_ok())
}

/// 404 unless `actor` may see the audit: as [`may_read`], or as an observer named on it.
pub(super) async fn may_read_or_observe(
    ex: &mut impl Access,
    actor: &Actor,
    head: &Head,
) -> Result<(), Error> {
    if may_read(actor, head).is_ok() {
        return Ok(());
    }
    let accounts = participants::of_audit(ex, head.id).await?.accounts();
    if named(actor, reading(head), &accounts) {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// Who may fill the audit: its author only (anyone else who may see it is refused, anyone
/// who may not learns nothing of it). Its state is not asked: see [`for_author`].
pub(super) fn may_fill(actor: &Actor, head: &Head) -> Result<(), Error> {
    may_read(actor, head)?;
    actor.may(Action::FillAudit, Scope::OwnRecord(head.inspector.id))?;
    Ok(())
}

/// Locks audit `id` for a step of its author and checks that they may take it now.
pub(super) async fn for_author(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    step: Step,
) -> Result<Head, Error> {
    let head = audits::locked_head(tx, id).await?.ok_or(Error::NotFound)?;
    may_fill(actor, &head)?;
    head.state.transition(step)?;
    Ok(head)
}

/// The head of audit `id`, if `actor` may see it (an observer named on it too).
pub(super) async fn readable_head(
    ex: &mut impl Access,
    actor: &Actor,
    id: Uuid,
) -> Result<Head, Error> {
    let head = audits::head(ex, id).await?.ok_or(Error::NotFound)?;
    may_read_or_observe(ex, actor, &head).await?;
    Ok(head)
}

/// The checklist audit `head` is filled against: its snapshot as asked at the site's
/// subtype, or for a follow-up only the items it holds.
pub(super) async fn checklist_of(
    s: &Services,
    ex: &mut impl Access,
    head: &Head,
) -> Result<Arc<Checklist>, Error> {
    let checklist = s.snapshots.get(ex, head.checklist_version_id).await?;
    let asked = if checklist.items().any(|item| !item.subtypes.is_empty()) {
        Arc::new(checklist.asked_at(head.site.subtype))
    } else {
        checklist
    };
    Ok(match &head.follow_up {
        Some(items) => Arc::new(asked.only(items)),
        None => asked,
    })
}

/// Everything audit `id` holds; it must exist.
pub(super) async fn load(s: &Services, ex: &mut impl Access, id: Uuid) -> Result<Audit, Error> {
    let head = audits::head(ex, id).await?.ok_or(Error::NotFound)?;
    complete(s, ex, head).await
}

/// Adds the checklist, answers, sections and photos to `head`.
pub(super) async fn complete(
    s: &Services,
    ex: &mut impl Access,
    head: Head,
) -> Result<Audit, Error> {
    let answers = audits::answers(ex, head.id).await?;
    let sections_not_applicable = audits::sections_not_applicable(ex, head.id).await?;
    assemble(s, ex, head, answers, sections_not_applicable).await
}

/// `head` with `answers` and `sections_not_applicable` as the caller holds them, and its
/// checklist and photos.
pub(super) async fn assemble(
    s: &Services,
    ex: &mut impl Access,
    head: Head,
    answers: Vec<StoredAnswer>,
    sections_not_applicable: Vec<String>,
) -> Result<Audit, Error> {
    let checklist = checklist_of(s, ex, &head).await?;
    let photos = photos::of_audit(ex, head.id).await?;
    let participation = participants::of_audit(ex, head.id).await?;
    Ok(Audit {
        id: head.id,
        follow_up: head.follow_up.is_some(),
        site: head.site,
        checklist_version_id: head.checklist_version_id,
        checklist,
        inspector: head.inspector,
        department: head.department,
        state: head.state,
        fix: head.fix,
        started_at: head.started_at,
        submitted_at: head.submitted_at,
        reviewed_at: head.reviewed_at,
        reviewer: head.reviewer,
        review_comment: head.review_comment,
        version: head.version,
        answers,
        sections_not_applicable,
        photos,
        participation,
    })
}

/// `audit` with the facts of its head as they are now (state, dates, reviewer, version),
/// after a step that changed only those.
pub(super) fn with_head(audit: Audit, head: Head) -> Audit {
    Audit {
        state: head.state,
        submitted_at: head.submitted_at,
        reviewed_at: head.reviewed_at,
        reviewer: head.reviewer,
        review_comment: head.review_comment,
        version: head.version,
        ..audit
    }
}
