//! The answers a department gives a report: the one transition function.

use chrono::NaiveDate;
use uuid::Uuid;

use super::ReportState;
use crate::domain::validation::{self as text, FieldErrors, Problem};

/// Longest reason for "not a barrier", in characters.
pub const REASON_MAX: usize = text::COMMENT_MAX;

/// What a moderator answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// "We are looking at it."
    Review,
    /// The barrier is real: a finding of the site tracks it.
    Confirm {
        /// That finding: one the site has, or a new one.
        finding: Tracking,
    },
    /// An audit will look at it on this day (today or later).
    PlanFollowUp {
        /// The day.
        on: NaiveDate,
    },
    /// Not a barrier, and why.
    NotABarrier {
        /// Why, in words the sender will read.
        reason: String,
    },
    /// Another report already told it.
    Duplicate {
        /// That report.
        of: Uuid,
    },
}

impl Answer {
    /// The state the answer leads to.
    pub fn to(&self) -> ReportState {
        match self {
            Answer::Review => ReportState::UnderReview,
            Answer::Confirm { .. } => ReportState::Confirmed,
            Answer::PlanFollowUp { .. } => ReportState::FollowUpPlanned,
            Answer::NotABarrier { .. } => ReportState::NotABarrier,
            Answer::Duplicate { .. } => ReportState::Duplicate,
        }
    }
}

/// The finding that tracks a confirmed barrier.
#[derive(Debug, Clone, PartialEq)]
pub enum Tracking {
    /// A finding the site has already (an audit found the same barrier).
    Existing(Uuid),
    /// A new finding on this item of the site's checklist, with the report's photo as its
    /// evidence.
    New {
        /// The checklist item's code.
        item: String,
    },
}

/// Why a report cannot take an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// It has its last answer already.
    Closed {
        /// The state it is in.
        state: ReportState,
    },
    /// There is no such step from its state.
    NotFrom {
        /// Its state.
        from: ReportState,
        /// The state asked for.
        to: ReportState,
    },
    /// The answer lacks what it needs.
    Fields(FieldErrors),
}

/// Where report `id`, in state `from`, goes for `answer` given on `today` (the province's
/// date), or why it cannot.
pub fn answer(
    id: Uuid,
    from: ReportState,
    answer: &Answer,
    today: NaiveDate,
) -> Result<ReportState, Refused> {
    use ReportState::*;
    if from.is_closed() {
        return Err(Refused::Closed { state: from });
    }
    let to = answer.to();
    let allowed_from: &[ReportState] = match to {
        Received => &[],
        UnderReview => &[Received],
        Duplicate => &[Received, UnderReview],
        // A planned follow-up may be planned again (another day), and ends confirmed or not.
        Confirmed | NotABarrier | FollowUpPlanned => &[Received, UnderReview, FollowUpPlanned],
    };
    if !allowed_from.contains(&from) {
        return Err(Refused::NotFrom { from, to });
    }
    let mut errors = FieldErrors::default();
    match answer {
        Answer::PlanFollowUp { on } if *on < today => errors.add(
            "follow_up_on",
            Problem::DateInPast {
                today: today.to_string(),
            },
        ),
        Answer::NotABarrier { reason } => match text::multi_line(Some(reason), REASON_MAX) {
            Ok(Some(_)) => {}
            Ok(None) => errors.add("reason", Problem::Required),
            Err(problem) => errors.add("reason", problem),
        },
        Answer::Duplicate { of } if *of == id => errors.add("duplicate_of", Problem::NotItself),
        _ => {}
    }
    if errors.is_empty() {
        Ok(to)
    } else {
        Err(Refused::Fields(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    const TODAY: &str = "2026-12-04";

    fn from(state: ReportState, a: &Answer) -> Result<ReportState, Refused> {
        answer(Uuid::from_u128(1), state, a, day(TODAY))
    }

    #[test]
    fn a_received_report_takes_every_answer() {
        use ReportState::*;
        let answers = [
            (Answer::Review, UnderReview),
            (
                Answer::Confirm {
                    finding: Tracking::Existing(Uuid::from_u128(3)),
                },
                Confirmed,
            ),
            (Answer::PlanFollowUp { on: day(TODAY) }, FollowUpPlanned),
            (
                Answer::NotABarrier {
                    reason: "Lối vào phía sau có dốc đạt chuẩn.".into(),
                },
                NotABarrier,
            ),
            (
                Answer::Duplicate {
                    of: Uuid::from_u128(2),
                },
                Duplicate,
            ),
        ];
        for (a, to) in answers {
            assert_eq!(from(Received, &a), Ok(to), "{a:?}");
        }
    }

    #[test]
    fn a_closed_report_takes_no_answer_and_review_comes_only_first() {
        use ReportState::*;
        for closed in [Confirmed, NotABarrier, Duplicate] {
            assert_eq!(
                from(closed, &Answer::Review),
                Err(Refused::Closed { state: closed })
            );
        }
        assert_eq!(
            from(UnderReview, &Answer::Review),
            Err(Refused::NotFrom {
                from: UnderReview,
                to: UnderReview
            })
        );
        assert_eq!(
            from(
                FollowUpPlanned,
                &Answer::Duplicate {
                    of: Uuid::from_u128(2)
                }
            ),
            Err(Refused::NotFrom {
                from: FollowUpPlanned,
                to: Duplicate
            })
        );
        assert_eq!(
            from(
                FollowUpPlanned,
                &Answer::Confirm {
                    finding: Tracking::New {
                        item: "entrance.step".into()
                    }
                }
            ),
            Ok(Confirmed)
        );
        assert_eq!(
            from(
                FollowUpPlanned,
                &Answer::PlanFollowUp {
                    on: day("2027-01-10")
                }
            ),
            Ok(FollowUpPlanned)
        );
    }

    #[test]
    fn an_answer_without_what_it_needs_is_refused_naming_the_field() {
        use ReportState::*;
        let field_of = |r: Result<ReportState, Refused>| match r {
            Err(Refused::Fields(errors)) => errors.0[0].field.clone(),
            other => panic!("refused for a field: {other:?}"),
        };
        assert_eq!(
            field_of(from(
                Received,
                &Answer::PlanFollowUp {
                    on: day("2026-12-03")
                }
            )),
            "follow_up_on"
        );
        assert_eq!(
            field_of(from(
                Received,
                &Answer::NotABarrier {
                    reason: "  ".into()
                }
            )),
            "reason"
        );
        assert_eq!(
            field_of(from(
                Received,
                &Answer::NotABarrier {
                    reason: "bad\u{1b}[31m".into()
                }
            )),
            "reason"
        );
        assert_eq!(
            field_of(from(
                UnderReview,
                &Answer::Duplicate {
                    of: Uuid::from_u128(1)
                }
            )),
            "duplicate_of"
        );
    }
}
