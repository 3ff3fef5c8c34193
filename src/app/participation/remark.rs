//! A participant's remark on an audit or one of its findings: written by the observer named
//! on it under their own account, or noted down by staff for a participant without one.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::may_manage;
use crate::app::audit_access::{may_read_or_observe, named, person};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::PersonRef;
use crate::domain::audit::participation::{NewRemark, Remark};
use crate::domain::event::Change;
use crate::domain::permission::Action;
use crate::domain::validation::Problem;
use crate::store::{audits, participants, users};

/// A remark as typed into the form or the API: nothing checked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RemarkInput {
    /// The words.
    pub body: Option<String>,
    /// Whose remark staff note down (an observer writing their own names nobody).
    pub participant: Option<String>,
    /// The finding it is about, if any.
    pub finding: Option<String>,
}

/// A remark as the event log records it.
#[derive(Serialize)]
struct RemarkRecord<'a> {
    remark: Uuid,
    participant: Uuid,
    finding: Option<Uuid>,
    body: &'a str,
}

/// Adds a remark to audit `audit`: the observer's own when they are named on it, else
/// one staff who record its participants note down for a participant without an account.
pub async fn remark(
    s: &Services,
    actor: &Actor,
    audit: Uuid,
    input: &RemarkInput,
) -> Result<Remark, Error> {
    let me = person(actor)?;
    let mut tx = s.begin().await?;
    let head = audits::locked_head(&mut tx, audit)
        .await?
        .ok_or(Error::NotFound)?;
    may_read_or_observe(&mut tx, actor, &head).await?;
    let named_on = participants::of_audit(&mut tx, audit).await?;
    let observer = named(actor, Action::RemarkOnAudit, &named_on.accounts());
    if !observer {
        may_manage(actor, &head)?;
    }
    let checked = NewRemark::parse(
        input.body.as_deref(),
        input.participant.as_deref(),
        input.finding.as_deref(),
    )?;
    let participant = if observer {
        named_on.of_account(me).ok_or(Error::Forbidden)?
    } else {
        let id = checked
            .participant
            .ok_or_else(|| Error::field("participant", Problem::Required))?;
        let participant = named_on
            .participant(id)
            .ok_or_else(|| Error::field("participant", Problem::NotOfThisAudit))?;
        if participant.account.is_some() {
            return Err(Error::field("participant", Problem::WritesOwnRemarks));
        }
        participant
    };
    if let Some(finding) = checked.finding
        && !participants::finding_of_audit(&mut tx, audit, finding).await?
    {
        return Err(Error::field("finding", Problem::NotOfThisAudit));
    }
    let writer = users::by_id(&mut tx, me).await?.ok_or(Error::Forbidden)?;
    let remark = Remark {
        id: Uuid::now_v7(),
        participant_id: participant.id,
        finding_id: checked.finding,
        body: checked.body,
        written_by: PersonRef {
            id: writer.id,
            username: writer.username,
            display_name: writer.display_name,
        },
        created_at: s.now(),
    };
    participants::remark(&mut tx, audit, &remark).await?;
    let record = RemarkRecord {
        remark: remark.id,
        participant: remark.participant_id,
        finding: remark.finding_id,
        body: &remark.body,
    };
    s.log(
        &mut tx,
        Change::new(actor, "audit.remark", "audit", audit).after(record),
    )
    .await?;
    tx.commit().await?;
    Ok(remark)
}
