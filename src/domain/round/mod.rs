//! Reporting rounds: the standing agency asks the departments for their written part on a
//! period, by a due date; each department's reviewers write it in set sections beside the
//! figures of the data, submit it, and the agency returns it with a comment or accepts it.
//!
//! ```text
//! pending ─> draft ─> submitted ─┬─> accepted      (final: no more edits)
//!    │          ^        ^       └─> returned ─┐  (with the coordinator's comment)
//!    └──────────┴────────┴─────────────────────┘  (saved and submitted again)
//! ```
//! Interim ("sơ kết") and final ("tổng kết") reviews are rounds over longer periods.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::enums::string_enum;
use crate::domain::report::Period;
use crate::domain::validation::{COMMENT_MAX, FieldErrors, Problem, multi_line, required_text};

mod read;
#[cfg(test)]
mod tests;

pub use read::{Compiled, CompiledPart, PartLine, PartView, RoundView, Rounds};

string_enum! {
    /// What a round is for.
    RoundKind {
        /// The usual report of a quarter, half-year or year.
        Periodic = "periodic",
        /// An interim review ("sơ kết") of a stage of the plan.
        Interim = "interim",
        /// The final review ("tổng kết") of the plan.
        Final = "final",
    }
}

string_enum! {
    /// Where a department's part stands.
    PartState {
        /// Nothing written yet.
        Pending = "pending",
        /// Written and saved, not sent.
        Draft = "draft",
        /// Sent to the coordinator.
        Submitted = "submitted",
        /// Sent back with a comment, to be written again and sent.
        Returned = "returned",
        /// Taken into the compiled report; nothing more is changed.
        Accepted = "accepted",
    }
}

/// Longest round title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest section of a part, in characters.
pub const SECTION_MAX: usize = 20_000;

/// A round to open, as read from the form or the API.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRound {
    /// Its title ("Báo cáo quý III năm 2025").
    pub title: String,
    /// What it is for.
    pub kind: RoundKind,
    /// The days its figures and parts cover.
    pub period: Period,
    /// The last day a part is on time.
    pub due_on: NaiveDate,
    /// The departments asked (at least one).
    pub departments: Vec<Uuid>,
}

/// A round as typed: texts as sent, departments already looked up (unknown codes are
/// named by the caller).
#[derive(Debug, Clone, Default)]
pub struct RoundInput<'a> {
    /// Title.
    pub title: Option<&'a str>,
    /// `periodic`, `interim` or `final`; none is periodic.
    pub kind: Option<&'a str>,
    /// First day, `YYYY-MM-DD`.
    pub period_from: Option<&'a str>,
    /// Last day, `YYYY-MM-DD`.
    pub period_to: Option<&'a str>,
    /// Due date, `YYYY-MM-DD`.
    pub due_on: Option<&'a str>,
}

impl NewRound {
    /// Reads a round, naming every wrong field: the title, the kind, a period that ends
    /// before it starts (or starts after `today`), a due date before `today`, and no
    /// department asked. `departments` are the ones found; `errors` may already hold those
    /// of department codes not found.
    pub fn parse(
        input: &RoundInput<'_>,
        departments: Vec<Uuid>,
        today: NaiveDate,
        mut errors: FieldErrors,
    ) -> Result<NewRound, FieldErrors> {
        let title = errors.take("title", required_text(input.title, TITLE_MAX));
        let kind = match input.kind.map(str::trim).filter(|k| !k.is_empty()) {
            None => Some(RoundKind::Periodic),
            Some(text) => errors.take("kind", RoundKind::parse(text)),
        };
        // The report's period rule, under this form's field names.
        let period = match Period::parse(input.period_from, input.period_to, today) {
            Ok(period) => Some(period),
            Err(e) => {
                for error in e.0 {
                    let field = if error.field == "from" {
                        "period_from"
                    } else {
                        "period_to"
                    };
                    errors.add(field, error.problem);
                }
                None
            }
        };
        let due_on = match input.due_on.map(str::trim).filter(|d| !d.is_empty()) {
            None => {
                errors.add("due_on", Problem::Required);
                None
            }
            Some(text) => errors
                .take("due_on", crate::domain::validation::date(text))
                .and_then(|due| {
                    if due < today {
                        errors.add(
                            "due_on",
                            Problem::DateInPast {
                                today: today.to_string(),
                            },
                        );
                        None
                    } else {
                        Some(due)
                    }
                }),
        };
        if departments.is_empty() && !errors.0.iter().any(|e| e.field == "departments") {
            errors.add("departments", Problem::Required);
        }
        errors.into_result(|| NewRound {
            title: title.expect("checked"),
            kind: kind.expect("checked"),
            period: period.expect("checked"),
            due_on: due_on.expect("checked"),
            departments,
        })
    }
}

/// A round as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// Id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// What it is for.
    pub kind: RoundKind,
    /// The days it covers.
    pub period: Period,
    /// The last day a part is on time.
    pub due_on: NaiveDate,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
}

/// The three set sections of a part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// Results of the period.
    pub results: String,
    /// Difficulties and obstacles met.
    pub difficulties: String,
    /// Proposals to the province.
    pub proposals: String,
}

impl Sections {
    /// Reads the sections as typed: each may run over several lines and is at most
    /// [`SECTION_MAX`] characters; blank is empty (a draft may be unfinished).
    pub fn parse(
        results: Option<&str>,
        difficulties: Option<&str>,
        proposals: Option<&str>,
    ) -> Result<Sections, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut read = |field: &str, text: Option<&str>| {
            errors
                .take(field, multi_line(text, SECTION_MAX))
                .flatten()
                .unwrap_or_default()
        };
        let sections = Sections {
            results: read("results", results),
            difficulties: read("difficulties", difficulties),
            proposals: read("proposals", proposals),
        };
        errors.into_result(|| sections)
    }

    /// Each section by its field name, in the order they are written.
    pub fn named(&self) -> [(&'static str, &str); 3] {
        [
            ("results", &self.results),
            ("difficulties", &self.difficulties),
            ("proposals", &self.proposals),
        ]
    }

    /// A part is sent with every section written: "none" is an answer, a blank is not.
    fn check_complete(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, text) in self.named() {
            if text.trim().is_empty() {
                errors.add(field, Problem::Required);
            }
        }
        errors.into_result(|| ())
    }
}

/// One department's part as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The round.
    pub round: Uuid,
    /// The department.
    pub department: Uuid,
    /// Where it stands.
    pub state: PartState,
    /// What is written.
    pub sections: Sections,
    /// The coordinator's comment on returning it.
    pub comment: Option<String>,
    /// When it was last sent.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was last returned or accepted.
    pub decided_at: Option<DateTime<Utc>>,
    /// Raised by every change.
    pub version: i64,
}

/// Why a part cannot take a step now (409).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotNow {
    /// Accepted parts are final.
    Accepted,
    /// A submitted part waits for the coordinator; the department writes again once it is
    /// returned.
    Submitted,
    /// Only a submitted part is returned or accepted.
    NotSubmitted(PartState),
}

/// What the coordinator decides on a submitted part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Taken into the compiled report.
    Accept,
    /// Sent back, with what to change.
    Return {
        /// The comment the reviewers see.
        comment: String,
    },
}

impl Decision {
    /// Reads `accept` or `return` (with a comment, required).
    pub fn parse(decision: Option<&str>, comment: Option<&str>) -> Result<Decision, FieldErrors> {
        match decision.map(str::trim).unwrap_or_default() {
            "accept" => Ok(Decision::Accept),
            "return" => match multi_line(comment, COMMENT_MAX) {
                Ok(Some(comment)) => Ok(Decision::Return { comment }),
                Ok(None) => Err(FieldErrors::single("comment", Problem::Required)),
                Err(problem) => Err(FieldErrors::single("comment", problem)),
            },
            "" => Err(FieldErrors::single("decision", Problem::Required)),
            other => Err(FieldErrors::single(
                "decision",
                Problem::NotOneOf {
                    given: other.to_owned(),
                    allowed: vec!["accept".into(), "return".into()],
                },
            )),
        }
    }
}

impl Part {
    /// Saves `sections` as the draft. A returned part stays returned (its comment stays in
    /// view) until it is sent again.
    pub fn save(&self, sections: Sections) -> Result<Part, NotNow> {
        let state = match self.state {
            PartState::Accepted => return Err(NotNow::Accepted),
            PartState::Submitted => return Err(NotNow::Submitted),
            PartState::Pending | PartState::Draft => PartState::Draft,
            PartState::Returned => PartState::Returned,
        };
        Ok(Part {
            state,
            sections,
            ..self.clone()
        })
    }

    /// Sends `sections` at `now`; every section must be written.
    pub fn submit(&self, sections: Sections, now: DateTime<Utc>) -> Result<Part, Refusal> {
        match self.state {
            PartState::Accepted => return Err(Refusal::NotNow(NotNow::Accepted)),
            PartState::Submitted => return Err(Refusal::NotNow(NotNow::Submitted)),
            PartState::Pending | PartState::Draft | PartState::Returned => {}
        }
        sections.check_complete().map_err(Refusal::Invalid)?;
        Ok(Part {
            state: PartState::Submitted,
            sections,
            submitted_at: Some(now),
            ..self.clone()
        })
    }

    /// The coordinator's decision on a submitted part, at `now`.
    pub fn decide(&self, decision: Decision, now: DateTime<Utc>) -> Result<Part, NotNow> {
        if self.state != PartState::Submitted {
            return Err(NotNow::NotSubmitted(self.state));
        }
        let (state, comment) = match decision {
            Decision::Accept => (PartState::Accepted, self.comment.clone()),
            Decision::Return { comment } => (PartState::Returned, Some(comment)),
        };
        Ok(Part {
            state,
            comment,
            decided_at: Some(now),
            ..self.clone()
        })
    }

    /// True when it is late on `today`: sent after the due date (the last sending counts),
    /// or not sent and the due date passed. `sent_on` is the province's day of its last
    /// sending.
    pub fn is_late(&self, due_on: NaiveDate, sent_on: Option<NaiveDate>, today: NaiveDate) -> bool {
        match (self.state, sent_on) {
            (PartState::Submitted | PartState::Accepted, Some(day)) => day > due_on,
            _ => today > due_on,
        }
    }
}

/// Why a submission was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not in a state that may be sent.
    NotNow(NotNow),
    /// A section left blank.
    Invalid(FieldErrors),
}
