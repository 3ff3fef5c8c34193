//! Who took part in an audit besides its inspector: [`add`] and [`remove`] a participant
//! (the audit's author while it is theirs to fill, the department's reviewers at any time),
//! their remarks ([`remark`]: an observer's own, or noted down by staff for someone without
//! an account), and what an observer sees ([`observed`]). Each change is one event on the
//! audit.

mod observe;
mod remark;

pub use observe::{ObservedAudit, observed, observed_audit};
pub use remark::{RemarkInput, remark};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::audit_access::{may_read_or_observe, person};
use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::participation::{NewParticipant, Participant};
use crate::domain::audit::{Head, PersonRef};
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::user::Role;
use crate::domain::validation::Problem;
use crate::store::{Tx, audits, participants, users};

/// A participant as typed into the form or the API: nothing checked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ParticipantInput {
    /// Their name.
    pub name: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
    /// The username of their observer's account, if they have one.
    pub account: Option<String>,
}

/// A participant as the event log records them.
#[derive(Serialize)]
struct ParticipantRecord<'a> {
    participant: Uuid,
    name: &'a str,
    organisation: &'a str,
    account: Option<&'a str>,
}

impl<'a> From<&'a Participant> for ParticipantRecord<'a> {
    fn from(p: &'a Participant) -> Self {
        ParticipantRecord {
            participant: p.id,
            name: &p.name,
            organisation: &p.organisation,
            account: p.account.as_ref().map(|a| a.username.as_str()),
        }
    }
}

/// Who may record the audit's participants and note down their remarks: its author while
/// it is theirs to fill, and its department's reviewers.
pub(super) fn may_manage(actor: &Actor, head: &Head) -> Result<(), Error> {
    let author = head.state.in_progress()
        && actor
            .may(Action::FillAudit, Scope::OwnRecord(head.inspector.id))
            .is_ok();
    if !author {
        actor.may(
            Action::ManageParticipants,
            Scope::Department(head.department.id),
        )?;
    }
    Ok(())
}

/// Locks audit `id` for a change of its participants by `actor`: 404 unless they may see
/// it, 403 unless they may record its participants.
async fn for_manager(tx: &mut Tx, actor: &Actor, id: Uuid) -> Result<Head, Error> {
    let head = audits::locked_head(tx, id).await?.ok_or(Error::NotFound)?;
    may_read_or_observe(tx, actor, &head).await?;
    may_manage(actor, &head)?;
    Ok(head)
}

/// The observer's account `username` names, for linking to a participant.
async fn observer_account(tx: &mut Tx, username: &str) -> Result<PersonRef, Error> {
    let user = users::by_username(tx, username)
        .await?
        .filter(|u| u.role == Role::Observer && u.active)
        .ok_or_else(|| Error::field("account", Problem::NotAnObserver))?;
    Ok(PersonRef {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
    })
}

/// Names a participant on audit `audit`.
pub async fn add(
    s: &Services,
    actor: &Actor,
    audit: Uuid,
    input: &ParticipantInput,
) -> Result<Participant, Error> {
    let me = person(actor)?;
    let mut tx = s.begin().await?;
    for_manager(&mut tx, actor, audit).await?;
    let checked = NewParticipant::parse(
        input.name.as_deref(),
        input.organisation.as_deref(),
        input.account.as_deref(),
    )?;
    let account = match &checked.account {
        Some(username) => Some(observer_account(&mut tx, username).await?),
        None => None,
    };
    if let Some(account) = &account {
        let named = participants::of_audit(&mut tx, audit).await?;
        if named.of_account(account.id).is_some() {
            return Err(Error::field("account", Problem::Taken));
        }
    }
    let participant = Participant {
        id: Uuid::now_v7(),
        audit_id: audit,
        name: checked.name,
        organisation: checked.organisation,
        account,
        added_at: s.now(),
    };
    participants::add(&mut tx, &participant, me).await?;
    let change = Change::new(actor, "audit.add_participant", "audit", audit)
        .after(ParticipantRecord::from(&participant));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(participant)
}

/// Takes participant `id` off audit `audit`; one whose remarks are on the record stays.
pub async fn remove(s: &Services, actor: &Actor, audit: Uuid, id: Uuid) -> Result<(), Error> {
    person(actor)?;
    let mut tx = s.begin().await?;
    for_manager(&mut tx, actor, audit).await?;
    let named = participants::of_audit(&mut tx, audit).await?;
    let participant = named.participant(id).ok_or(Error::NotFound)?;
    if named.remarks.iter().any(|r| r.participant_id == id) {
        return Err(Error::Conflict(
            crate::domain::validation::FieldErrors::single("participant", Problem::HasRemarks),
        ));
    }
    participants::remove(&mut tx, audit, id).await?;
    let change = Change::new(actor, "audit.remove_participant", "audit", audit)
        .before(ParticipantRecord::from(participant));
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}
