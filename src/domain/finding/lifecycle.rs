//! A finding's way from found to proven fixed: the one transition function.
//!
//! ```text
//! open ─┬─> planned ─┬─> in_progress ─┬─> fixed ──(later approved audit passes)──> verified
//!       │            │                │     └────(it fails, or a reviewer)──────> reopened
//!       └────────────┴────────────────┴─> wont_fix (a reviewer, with a reason) ─> reopened
//! ```
//!
//! `reopened` behaves like `open`. By hand, nobody reaches `verified` and nothing leaves it;
//! only a later approved audit in which the item passes verifies a finding (in any state but
//! verified, `wont_fix` included: the barrier is gone), and only when it was filled by
//! someone other than the person who marked it fixed.

use chrono::NaiveDate;

use super::FindingState;
use crate::domain::permission::Action;
use crate::domain::validation::{FieldErrors, Problem};

/// A person's request to move a finding, with what goes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Where to.
    pub to: FindingState,
    /// Why, or what was done.
    pub comment: Option<String>,
    /// When the fix is due (for `planned`).
    pub due_date: Option<NaiveDate>,
    /// Why it will not be fixed (for `wont_fix`).
    pub reason: Option<String>,
    /// How many after-photos come with it.
    pub after_photos: usize,
}

/// What moves a finding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause<'a> {
    /// A person asks, on `today` (the province's date).
    Hand {
        /// The request.
        request: &'a Request,
        /// Today, for due dates.
        today: NaiveDate,
    },
    /// A later audit, just approved, answered the finding's item.
    Audit {
        /// The item passed (an accepted alternative passes).
        passed: bool,
        /// The audit was filled by the person who marked the finding fixed.
        by_fixer: bool,
    },
}

/// A step the rules allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The state it leads to.
    pub to: FindingState,
    /// What the person must be allowed to do, in the permission matrix (`None` for an
    /// audit's approval, which the reviewer was already allowed).
    pub needs: Option<Action>,
}

/// Why a finding cannot move as asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// `verified` is reached only through a later approved audit.
    OnlyByAudit,
    /// `open` is where a finding starts; a finding found failing again is `reopened`.
    NotByHand,
    /// A verified finding is closed; a new failure makes a new finding.
    Closed,
    /// There is no step from `from` to `to`.
    NotFrom {
        /// The finding's state.
        from: FindingState,
        /// The state asked for.
        to: FindingState,
    },
    /// The step needs these fields.
    Fields(FieldErrors),
    /// An audit filled by the person who marked the finding fixed cannot verify it.
    SamePerson,
    /// The audit's answer leaves the finding where it is.
    Unchanged,
}

/// Where a finding in state `from` goes for `cause`, and who may take the step.
pub fn transition(from: FindingState, cause: Cause<'_>) -> Result<Step, Refused> {
    use FindingState::*;
    match cause {
        Cause::Audit { passed, by_fixer } => {
            if !from.stands() {
                return Err(Refused::Unchanged);
            }
            match (passed, from) {
                (true, _) if by_fixer => Err(Refused::SamePerson),
                (true, _) => Ok(Step {
                    to: Verified,
                    needs: None,
                }),
                (false, Fixed) => Ok(Step {
                    to: Reopened,
                    needs: None,
                }),
                (false, _) => Err(Refused::Unchanged),
            }
        }
        Cause::Hand { request, today } => {
            let to = request.to;
            if from == Verified {
                return Err(Refused::Closed);
            }
            let needs = by_hand(from, to)?;
            let errors = needed_fields(request, today);
            if !errors.is_empty() {
                return Err(Refused::Fields(errors));
            }
            Ok(Step {
                to,
                needs: Some(needs),
            })
        }
    }
}

/// What a person must be allowed to do to move a finding from `from` to `to` by hand, or
/// why no one may.
fn by_hand(from: FindingState, to: FindingState) -> Result<Action, Refused> {
    use FindingState::*;
    let allowed_from: &[FindingState] = match to {
        Verified => return Err(Refused::OnlyByAudit),
        Open => return Err(Refused::NotByHand),
        Planned => &[Open, Reopened, Planned, InProgress],
        InProgress => &[Open, Reopened, Planned],
        Fixed | WontFix => &[Open, Reopened, Planned, InProgress],
        Reopened => &[Fixed, WontFix],
    };
    match needs(to) {
        Some(action) if allowed_from.contains(&from) => Ok(action),
        _ => Err(Refused::NotFrom { from, to }),
    }
}

/// What a person must be allowed to do to move any finding to `to` by hand: marking it
/// fixed is the field staff's, every other step the reviewers'; nobody sets `open` or
/// `verified` by hand. Asked before the finding's state, so that someone who may never take
/// a step is told so, whatever the state.
pub fn needs(to: FindingState) -> Option<Action> {
    match to {
        FindingState::Open | FindingState::Verified => None,
        FindingState::Fixed => Some(Action::FixFindings),
        FindingState::Planned
        | FindingState::InProgress
        | FindingState::WontFix
        | FindingState::Reopened => Some(Action::ManageFindings),
    }
}

/// The steps a person may offer from `from` (given the fields each needs), in state order,
/// with what each needs in the matrix: what a finding's page shows as forms.
pub fn offered(from: FindingState) -> Vec<Step> {
    if from == FindingState::Verified {
        return Vec::new();
    }
    FindingState::ALL
        .iter()
        .filter_map(|to| {
            by_hand(from, *to).ok().map(|needs| Step {
                to: *to,
                needs: Some(needs),
            })
        })
        .collect()
}

/// The fields a step to `request.to` lacks.
fn needed_fields(request: &Request, today: NaiveDate) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let blank = |text: &Option<String>| text.as_deref().is_none_or(|t| t.trim().is_empty());
    match request.to {
        FindingState::Planned => match request.due_date {
            None => errors.add("due_date", Problem::Required),
            Some(due) if due < today => errors.add(
                "due_date",
                Problem::DateInPast {
                    today: today.to_string(),
                },
            ),
            Some(_) => {}
        },
        FindingState::Fixed => {
            if request.after_photos == 0 {
                errors.add("file", Problem::AfterPhotoNeeded);
            }
            if blank(&request.comment) {
                errors.add("comment", Problem::Required);
            }
        }
        FindingState::WontFix => {
            if blank(&request.reason) {
                errors.add("reason", Problem::Required);
            }
        }
        FindingState::Reopened => {
            if blank(&request.comment) {
                errors.add("comment", Problem::Required);
            }
        }
        FindingState::Open | FindingState::InProgress | FindingState::Verified => {}
    }
    errors
}

#[cfg(test)]
mod tests;
