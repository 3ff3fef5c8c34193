//! Why a use case did not happen. The web layer turns each into a status and a message in
//! the user's language in one place (`http::error`); the command line prints it.

use crate::domain::audit::{AuditState, NotNow};
use crate::domain::permission::Denied;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::{Failure, classify};

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input refused, field by field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// No such record.
    #[error("not found")]
    NotFound,
    /// The record was there and has expired (a resumable upload left unfinished).
    #[error("gone")]
    Gone,
    /// Nobody is signed in.
    #[error("sign-in required")]
    SignInRequired,
    /// Wrong username or password, or a disabled account; never says which.
    #[error("sign-in failed")]
    LoginFailed,
    /// Signed in but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts(i64),
    /// A report from the public held back (a form filled by a program, or too many from
    /// one address); nothing was stored.
    #[error("held back: {0:?}")]
    HeldBack(crate::domain::barrier::HeldBack),
    /// A value that must be unique is taken; names the field.
    #[error("conflict")]
    Conflict(FieldErrors),
    /// The record changed since the client read it; this is its version now.
    #[error("stale")]
    Stale(i64),
    /// The database is busy with other writers for longer than we wait.
    #[error("busy")]
    Busy,
    /// The audit is in a state that does not allow this (a submitted audit is read-only
    /// to its inspector; only submitted audits are reviewed).
    #[error("the audit is {0:?}")]
    AuditState(AuditState),
    /// A reviewer may not review their own audit.
    #[error("own audit")]
    OwnAudit,
    /// A round's part cannot take this step now (an accepted part is final; a sent one
    /// waits for the coordinator).
    #[error("round part: {0:?}")]
    RoundPart(crate::domain::round::NotNow),
    /// A finding cannot move as asked; names the rule.
    #[error("finding transition refused: {0:?}")]
    Transition(Transition),
    /// Anything else: logged with a reference, never shown raw.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The rule that refused a finding's transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// `verified` is reached only through a later approved audit (409).
    OnlyByAudit,
    /// `open` is where a finding starts; `reopened` is the state for one found again (409).
    NotByHand,
    /// A verified finding is closed (409).
    Closed,
    /// No step leads from `from` to `to` (409).
    NotFrom {
        /// The finding's state.
        from: crate::domain::finding::FindingState,
        /// The state asked for.
        to: crate::domain::finding::FindingState,
    },
    /// Only the department's reviewers take this step (403).
    ReviewersOnly,
    /// Only the department's inspectors and reviewers mark a finding fixed (403).
    FieldStaffOnly,
    /// The finding belongs to another department (403).
    OtherDepartment,
}

impl Error {
    /// A single refused field.
    pub fn field(field: &str, problem: Problem) -> Self {
        Error::Invalid(FieldErrors::single(field, problem))
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match classify(&e) {
            Failure::Unique { column } => {
                Error::Conflict(FieldErrors::single(&column, Problem::Taken))
            }
            Failure::Busy => {
                // Logged, so a busy database that never clears shows its cause.
                tracing::info!(error = %e, "the database was too busy to wait for");
                Error::Busy
            }
            Failure::Other => Error::Internal(anyhow::Error::new(e)),
        }
    }
}

impl From<FieldErrors> for Error {
    fn from(e: FieldErrors) -> Self {
        Error::Invalid(e)
    }
}

impl From<Denied> for Error {
    fn from(d: Denied) -> Self {
        match d {
            Denied::SignInRequired => Error::SignInRequired,
            Denied::Forbidden => Error::Forbidden,
        }
    }
}

impl From<NotNow> for Error {
    fn from(n: NotNow) -> Self {
        Error::AuditState(n.state)
    }
}
