//! Audits: an inspector's answers to one checklist version at one site, and the path from
//! draft to approval.
//!
//! [`answer`] reads what an inspector types (a measurement in any accepted notation, a
//! count, a yes or no) and computes the result from the item's threshold; [`sheet`] says,
//! for a whole audit, which items are asked, which are missing, which need a photo and
//! which failures become findings.

pub mod answer;
mod filter;
pub mod participation;
mod person;
pub mod record;
pub mod sheet;
pub mod since_return;
mod warnings;

pub use filter::Filter;
pub use record::{
    Audit, BLANK_ID, Fix, Head, Image, PersonRef, Photo, PhotoOwner, SiteRef, StoredAnswer,
};
pub use warnings::Warning;

use super::enums::string_enum;

string_enum! {
    /// Where an audit is on its way from the inspector to the public.
    AuditState {
        /// Being filled by its inspector.
        Draft = "draft",
        /// Waiting for a reviewer; read-only to its inspector.
        Submitted = "submitted",
        /// Sent back by a reviewer with a comment; the inspector fixes and resubmits.
        Returned = "returned",
        /// Accepted: its failures are findings and the site's level follows from it.
        Approved = "approved",
    }
}

string_enum! {
    /// The result of one item.
    Outcome {
        /// Compliant.
        Pass = "pass",
        /// Not compliant.
        Fail = "fail",
        /// The place has no such thing.
        NotApplicable = "not_applicable",
        /// Another solution is offered instead (a portable ramp where a fixed one cannot be
        /// built); the reviewer accepts or refuses it.
        Alternative = "alternative",
    }
}

/// A step on an audit's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Change answers or photos.
    Edit,
    /// Hand it to the reviewers.
    Submit,
    /// A reviewer sends it back.
    Return,
    /// A reviewer accepts it.
    Approve,
}

impl Step {
    /// Every step, for exhaustive tests.
    pub const ALL: [Step; 4] = [Step::Edit, Step::Submit, Step::Return, Step::Approve];
}

/// A step that the audit's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an audit that is {state:?} cannot take the step {step:?}")]
pub struct NotNow {
    /// The state it is in.
    pub state: AuditState,
    /// The step refused.
    pub step: Step,
}

impl AuditState {
    /// The state after `step`, or why it cannot be taken: only drafts and returned audits
    /// change or go to review; only submitted audits are reviewed; approved is final.
    pub fn transition(self, step: Step) -> Result<AuditState, NotNow> {
        use AuditState::*;
        match (self, step) {
            (Draft | Returned, Step::Edit) => Ok(self),
            (Draft | Returned, Step::Submit) => Ok(Submitted),
            (Submitted, Step::Return) => Ok(Returned),
            (Submitted, Step::Approve) => Ok(Approved),
            (state, step) => Err(NotNow { state, step }),
        }
    }

    /// True while its inspector is still filling it (draft or returned): only its author
    /// and the department's reviewers see it then.
    pub fn in_progress(self) -> bool {
        matches!(self, AuditState::Draft | AuditState::Returned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_step_has_one_answer() {
        use AuditState::*;
        for state in AuditState::ALL {
            for step in Step::ALL {
                let expected = match (state, step) {
                    (Draft, Step::Edit) => Some(Draft),
                    (Returned, Step::Edit) => Some(Returned),
                    (Draft | Returned, Step::Submit) => Some(Submitted),
                    (Submitted, Step::Return) => Some(Returned),
                    (Submitted, Step::Approve) => Some(Approved),
                    _ => None,
                };
                let got = state.transition(step);
                assert_eq!(got.ok(), expected, "{state:?} {step:?}");
                if expected.is_none() {
                    assert_eq!(
                        got,
                        Err(NotNow {
                            state: *state,
                            step
                        })
                    );
                }
            }
        }
    }

    #[test]
    fn an_approved_audit_never_changes_again() {
        for step in Step::ALL {
            assert!(AuditState::Approved.transition(step).is_err(), "{step:?}");
        }
        assert!(AuditState::Submitted.transition(Step::Edit).is_err());
        assert!(AuditState::Submitted.transition(Step::Submit).is_err());
    }
}
