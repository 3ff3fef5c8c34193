//! The numbers of one answer, read for its item's answer type.

use super::notation::{measure, whole};
use super::{AnswerInput, Outcome};
use crate::domain::checklist::{Answer, Item};
use crate::domain::validation::Problem;

/// The numbers of an answer, read for the item's answer type.
#[derive(Debug, Default)]
pub(super) struct Measured {
    pub(super) value: Option<f64>,
    pub(super) total: Option<u32>,
    pub(super) provided: Option<u32>,
}

impl Measured {
    pub(super) fn read(
        item: &Item,
        input: &AnswerInput,
        given: Option<Outcome>,
        problems: &mut Vec<Problem>,
    ) -> Measured {
        let mut measured = Measured::default();
        let not_applicable = given == Some(Outcome::NotApplicable);
        let needs_numbers = !matches!(given, Some(Outcome::NotApplicable | Outcome::Alternative));
        match &item.answer {
            Answer::YesNo => {
                if input.value.is_some()
                    || input.unit.is_some()
                    || input.total.is_some()
                    || input.provided.is_some()
                {
                    problems.push(Problem::ValueNotExpected);
                }
                if input.result.is_none() {
                    problems.push(Problem::Required);
                }
            }
            Answer::Measure { unit, .. } => {
                if input.total.is_some()
                    || input.provided.is_some()
                    || (not_applicable && input.value.is_some())
                {
                    problems.push(Problem::ValueNotExpected);
                }
                match &input.value {
                    Some(value) if !not_applicable => {
                        match measure(*unit, value, input.unit.as_deref()) {
                            Ok(v) => measured.value = Some(v),
                            Err(problem) => problems.push(problem),
                        }
                    }
                    None if needs_numbers => problems.push(Problem::ValueNeeded),
                    _ => {}
                }
            }
            Answer::Count(_) => {
                if input.value.is_some()
                    || input.unit.is_some()
                    || (not_applicable && (input.total.is_some() || input.provided.is_some()))
                {
                    problems.push(Problem::ValueNotExpected);
                }
                if !not_applicable {
                    let total = input.total.as_ref().map(whole);
                    let provided = input.provided.as_ref().map(whole);
                    match (total, provided) {
                        (Some(Ok(total)), Some(Ok(provided))) if provided > total => {
                            problems.push(Problem::ProvidedAboveTotal)
                        }
                        (Some(Ok(total)), Some(Ok(provided))) => {
                            measured.total = Some(total);
                            measured.provided = Some(provided);
                        }
                        (None, None) if !needs_numbers => {}
                        (total, provided) => {
                            for part in [total, provided] {
                                match part {
                                    Some(Err(problem)) => problems.push(problem),
                                    None => problems.push(Problem::CountNeeded),
                                    Some(Ok(_)) => {}
                                }
                            }
                        }
                    }
                }
            }
        }
        measured
    }

    /// The result the threshold gives, when the numbers are there.
    pub(super) fn outcome(&self, item: &Item) -> Option<Outcome> {
        let pass = match &item.answer {
            Answer::YesNo => return None,
            Answer::Measure {
                min,
                max,
                tolerance,
                strict,
                ..
            } => {
                let value = self.value?;
                let allowance = tolerance.as_ref().map_or(0.0, |t| t.amount);
                if *strict {
                    // "More than 20 s": exactly 20 fails.
                    let slack = allowance - 1e-9;
                    min.is_none_or(|min| value > min - slack)
                        && max.is_none_or(|max| value < max + slack)
                } else {
                    let slack = allowance + 1e-9;
                    min.is_none_or(|min| value >= min - slack)
                        && max.is_none_or(|max| value <= max + slack)
                }
            }
            Answer::Count(count) => count.requirement.met(self.total?, self.provided?),
        };
        Some(if pass { Outcome::Pass } else { Outcome::Fail })
    }
}
