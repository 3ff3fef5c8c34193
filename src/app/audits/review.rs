//! Reviewing: a reviewer of the audit's department returns it with a comment or approves it
//! (see [`super::approve`] for what an approval writes).

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use super::approve::approve;
use crate::app::audit_access::{complete, load, may_read, person, with_head};
use crate::app::findings::Checked;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, AuditState, Step};
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::{COMMENT_MAX, FieldErrors, Problem, multi_line};
use crate::store::audits;

/// A reviewer's decision as sent.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// `approve` or `return`.
    pub decision: Option<String>,
    /// Why it is returned (required then).
    pub comment: Option<String>,
    /// For each alternative offered: accepted (true) or refused (false).
    #[serde(default)]
    pub alternatives: HashMap<String, bool>,
}

/// A checked decision.
#[derive(Debug, Clone, PartialEq)]
enum Decision {
    Approve { comment: Option<String> },
    Return { comment: String },
}

impl ReviewInput {
    fn parse(&self) -> Result<Decision, FieldErrors> {
        let mut errors = FieldErrors::default();
        let comment = errors
            .take("comment", multi_line(self.comment.as_deref(), COMMENT_MAX))
            .flatten();
        let decision = match self.decision.as_deref().map(str::trim) {
            Some("approve") => Some(Decision::Approve { comment }),
            Some("return") => match comment {
                Some(comment) => Some(Decision::Return { comment }),
                None => {
                    if errors.for_field("comment").is_none() {
                        errors.add("comment", Problem::Required);
                    }
                    None
                }
            },
            Some(other) => {
                errors.add(
                    "decision",
                    Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: vec!["approve".into(), "return".into()],
                    },
                );
                None
            }
            None => {
                errors.add("decision", Problem::Required);
                None
            }
        };
        match decision {
            Some(decision) if errors.is_empty() => Ok(decision),
            _ => Err(errors),
        }
    }
}

/// A review as the event log records it.
#[derive(Serialize)]
struct ReviewRecord<'a> {
    decision: &'a str,
    comment: Option<&'a str>,
    alternatives: &'a HashMap<String, bool>,
    findings: Vec<Uuid>,
    /// Findings the approval verified or reopened.
    #[serde(skip_serializing_if = "Option::is_none")]
    checked_again: Option<Checked>,
    level: Option<&'a str>,
}

/// A reviewer of the audit's department (never its author) approves or returns it. A
/// return needs a comment for the inspector. Approval decides every offered alternative,
/// makes a finding of every failed compliance item and stores the site's new summary, all
/// in one transaction.
pub async fn review(
    s: &Services,
    actor: &Actor,
    id: Uuid,
    input: &ReviewInput,
) -> Result<Audit, Error> {
    let me = person(actor)?;
    let mut tx = s.begin().await?;
    let head = audits::locked_head(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    may_read(actor, &head)?;
    actor.may(Action::ReviewAudits, Scope::Department(head.department.id))?;
    if head.inspector.id == me {
        return Err(Error::OwnAudit);
    }
    let decision = input.parse()?;
    let now = s.now();
    let reviewed = match decision {
        Decision::Return { comment } => {
            head.state.transition(Step::Return)?;
            audits::review(&mut tx, id, AuditState::Returned, me, Some(&comment), now).await?;
            let record = ReviewRecord {
                decision: "return",
                comment: Some(&comment),
                alternatives: &input.alternatives,
                findings: Vec::new(),
                checked_again: None,
                level: None,
            };
            s.log(
                &mut tx,
                Change::new(actor, "audit.return", "audit", id).after(record),
            )
            .await?;
            load(s, &mut tx, id).await?
        }
        Decision::Approve { comment } => {
            head.state.transition(Step::Approve)?;
            let audit = complete(s, &mut tx, head).await?;
            let approved = approve(s, &mut tx, me, &audit, &input.alternatives).await?;
            let record = ReviewRecord {
                decision: "approve",
                comment: comment.as_deref(),
                alternatives: &input.alternatives,
                findings: approved.findings,
                checked_again: Some(approved.checked),
                level: Some(approved.level.as_str()),
            };
            s.log(
                &mut tx,
                Change::new(actor, "audit.approve", "audit", id).after(record),
            )
            .await?;
            audits::review(
                &mut tx,
                id,
                AuditState::Approved,
                me,
                comment.as_deref(),
                now,
            )
            .await?;
            // Only the head changed, and the answers when alternatives were decided.
            let head = audits::head(&mut tx, id).await?.ok_or(Error::NotFound)?;
            let mut audit = with_head(audit, head);
            if !input.alternatives.is_empty() {
                audit.answers = audits::answers(&mut tx, id).await?;
            }
            audit
        }
    };
    tx.commit().await?;
    Ok(reviewed)
}
