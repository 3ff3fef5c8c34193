//! What the pages and files of a round are drawn from: a round with its parts, a part
//! with its department's figures, the compiled report. Filled in by the use cases.

use crate::domain::department::Department;
use crate::domain::report::Report;

use super::{Part, PartState, Round};

/// One department's part as the round's page lists it.
#[derive(Debug, Clone)]
pub struct PartLine {
    /// The department.
    pub department: Department,
    /// The part.
    pub part: Part,
    /// Sent after the due date, or not sent and the due date passed.
    pub late: bool,
}

/// A round with the parts the person may see: every part for the coordinator, their own
/// department's for a reviewer.
#[derive(Debug, Clone)]
pub struct RoundView {
    /// The round.
    pub round: Round,
    /// Its parts, by department code.
    pub parts: Vec<PartLine>,
}

/// The list of rounds a person sees, and (for a department) the rounds whose part is due
/// within [`DUE_SOON_DAYS`] days, overdue or returned.
#[derive(Debug, Clone)]
pub struct Rounds {
    /// Every round the person sees, newest first.
    pub rounds: Vec<RoundView>,
    /// What the person's department has to do now, by due date.
    pub to_do: Vec<(Round, PartState)>,
    /// True for the coordinator, who opens rounds and decides on parts.
    pub runs: bool,
}

/// A part with its round and the department's figures for the round's period, computed
/// from the data (never typed, never stored).
#[derive(Debug, Clone)]
pub struct PartView {
    /// The round.
    pub round: Round,
    /// The part and its department.
    pub line: PartLine,
    /// The periodic report of the department for the round's period.
    pub figures: Report,
    /// True when the person may write it (its department's reviewers).
    pub writes: bool,
    /// True when the person decides on it (the coordinator).
    pub decides: bool,
}

/// A department's accepted part with its figures.
#[derive(Debug, Clone)]
pub struct CompiledPart {
    /// The part and its department.
    pub line: PartLine,
    /// The department's periodic report for the round's period.
    pub figures: Report,
}

/// Everything the compiled report is written from.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The round.
    pub round: Round,
    /// The periodic report of every department for the round's period.
    pub report: Report,
    /// The accepted parts, by department code.
    pub parts: Vec<CompiledPart>,
    /// The departments whose part is not accepted (yet), by code.
    pub missing: Vec<PartLine>,
}
