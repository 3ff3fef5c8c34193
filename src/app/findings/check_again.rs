//! Inside an approval: the findings a later audit answered move as the transition function
//! says for a pass or a fail (verified, or reopened).

use serde::Serialize;
use uuid::Uuid;

use crate::app::{Error, Services};
use crate::domain::audit::sheet::{Decisions, Sheet, Status};
use crate::domain::audit::{Audit, Outcome};
use crate::domain::finding::FindingState;
use crate::domain::finding::lifecycle::{self, Cause, Refused};
use crate::store::Tx;
use crate::store::findings::{self, NewHistory};

/// What an approved audit did to the findings it checked again.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Checked {
    /// Findings it verified.
    pub verified: Vec<Uuid>,
    /// Findings it reopened (marked fixed, found failing).
    pub reopened: Vec<Uuid>,
    /// Findings whose item passed, left unverified because the audit's inspector marked
    /// them fixed.
    pub same_person: Vec<Uuid>,
    /// Findings whose item was answered before they last changed (a fix reported since),
    /// left as they are.
    pub answered_before: Vec<Uuid>,
}

/// Inside an approval of `audit` by `reviewer` (the site and its findings locked): each
/// finding of the site whose barrier stands and whose item the audit answered after the
/// finding last changed moves as the transition function says for a pass or a fail. An
/// answer given before a fix was reported says nothing about that fix.
pub(crate) async fn check_again(
    s: &Services,
    tx: &mut Tx,
    reviewer: Uuid,
    audit: &Audit,
    sheet: &Sheet<'_>,
    decisions: &Decisions,
) -> Result<Checked, Error> {
    let mut checked = Checked::default();
    for f in findings::standing(tx, audit.site.id).await? {
        let Some(asked) = sheet.checklist().item(&f.item) else {
            continue;
        };
        let answered_at = audit
            .answers
            .iter()
            .find(|a| a.answer.item == f.item)
            .map(|a| a.answered_at);
        if answered_at.is_none_or(|at| at < f.updated_at) {
            if answered_at.is_some() {
                checked.answered_before.push(f.id);
            }
            continue;
        }
        let passed = match sheet.decided(asked, decisions) {
            Status::Answered(Outcome::Pass) => true,
            Status::Answered(Outcome::Fail) => false,
            _ => continue,
        };
        let cause = Cause::Audit {
            passed,
            by_fixer: f.fixed_by == Some(audit.inspector.id),
        };
        let step = match lifecycle::transition(f.state, cause) {
            Ok(step) => step,
            Err(Refused::SamePerson) => {
                checked.same_person.push(f.id);
                continue;
            }
            Err(_) => continue,
        };
        let verified = (step.to == FindingState::Verified).then_some(audit.id);
        findings::move_by_audit(tx, f.id, step.to, verified, s.now()).await?;
        let fields = serde_json::json!({ "audit_id": audit.id, "passed": passed });
        findings::add_history(
            tx,
            &NewHistory {
                finding_id: f.id,
                from: f.state,
                to: step.to,
                actor_id: reviewer,
                audit_id: Some(audit.id),
                comment: None,
                fields: &fields,
            },
            s.now(),
        )
        .await?;
        match step.to {
            FindingState::Verified => checked.verified.push(f.id),
            _ => checked.reopened.push(f.id),
        }
    }
    Ok(checked)
}
