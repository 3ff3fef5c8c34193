//! A step asked of a finding, as sent and as checked field by field.

use serde::Deserialize;

use crate::app::photo_files::{Upload, caption};
use crate::domain::finding::FindingState;
use crate::domain::finding::cost::Dong;
use crate::domain::finding::lifecycle::Request;
use crate::domain::validation::{COMMENT_MAX, FieldErrors, Problem, multi_line, optional_text};

/// Longest reason for `wont_fix`, in characters.
pub const REASON_MAX: usize = 1000;
/// Longest name of who does the work.
pub const ASSIGNEE_MAX: usize = 200;
/// Most after-photos sent with one step.
pub const AFTER_PHOTOS_MAX: usize = 10;

/// A budget year as sent: a number, or text in a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum YearField {
    /// `2027`.
    Number(i64),
    /// `"2027"`.
    Text(String),
}

/// A cost as sent: a number, or text in a form (`12.500.000`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CostField {
    /// `12500000`.
    Number(f64),
    /// `"12.500.000 đ"`.
    Text(String),
}

impl CostField {
    /// The cost, checked; none when the text is empty.
    fn read(&self) -> Result<Option<Dong>, Problem> {
        match self {
            CostField::Number(n) => Dong::from_number(*n).map(Some),
            CostField::Text(text) => Dong::parse(text),
        }
    }
}

/// A transition as sent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    /// The state wanted.
    pub to: Option<String>,
    /// Why, or what was done.
    pub comment: Option<String>,
    /// `YYYY-MM-DD`, for `planned`.
    pub due_date: Option<String>,
    /// Who does the work (for `planned`; the site's operator by default).
    pub assignee: Option<String>,
    /// The budget year (for `planned`).
    pub budget_year: Option<YearField>,
    /// The estimated cost in đồng (for `planned`).
    pub estimated_cost: Option<CostField>,
    /// What the fix cost in đồng (for `fixed`).
    pub actual_cost: Option<CostField>,
    /// Why it will not be fixed (for `wont_fix`).
    pub reason: Option<String>,
}

/// A transition read and checked field by field.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    /// The request, for the transition function.
    pub request: Request,
    /// Who does the work, if named.
    pub assignee: Option<String>,
    /// The budget year, if given.
    pub budget_year: Option<i32>,
    /// The estimated cost, if given.
    pub estimated_cost: Option<Dong>,
    /// What the fix cost, if given.
    pub actual_cost: Option<Dong>,
    /// Each after-photo's caption, checked.
    pub captions: Vec<Option<String>>,
}

impl TransitionInput {
    /// Checks every field, and the captions of the after-photos sent with it.
    pub(super) fn parse(&self, uploads: &[Upload]) -> Result<Parsed, FieldErrors> {
        let mut errors = FieldErrors::default();
        let photos = uploads.len();
        let mut captions = Vec::with_capacity(photos);
        for upload in uploads {
            match caption(upload) {
                Ok(text) => captions.push(text),
                Err(problem) => {
                    if errors.for_field("caption").is_none() {
                        errors.add("caption", problem);
                    }
                    captions.push(None);
                }
            }
        }
        let to = match self.to.as_deref().map(str::trim) {
            None | Some("") => {
                errors.add("to", Problem::Required);
                None
            }
            Some(text) => errors.take("to", FindingState::parse(text)),
        };
        let comment = errors
            .take("comment", multi_line(self.comment.as_deref(), COMMENT_MAX))
            .flatten();
        let due_date = match self.due_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => errors.take("due_date", crate::domain::validation::date(text)),
        };
        let assignee = errors
            .take(
                "assignee",
                optional_text(self.assignee.as_deref(), ASSIGNEE_MAX),
            )
            .flatten();
        let reason = errors
            .take("reason", multi_line(self.reason.as_deref(), REASON_MAX))
            .flatten();
        let budget_year = match &self.budget_year {
            None => None,
            Some(YearField::Text(t)) if t.trim().is_empty() => None,
            Some(field) => {
                let year = match field {
                    YearField::Number(n) => Some(*n),
                    YearField::Text(t) => t.trim().parse::<i64>().ok(),
                };
                match year {
                    Some(y) if (2000..=2100).contains(&y) => i32::try_from(y).ok(),
                    Some(_) => {
                        errors.add(
                            "budget_year",
                            Problem::OutOfRange {
                                min: 2000.0,
                                max: 2100.0,
                            },
                        );
                        None
                    }
                    None => {
                        errors.add("budget_year", Problem::NotANumber);
                        None
                    }
                }
            }
        };
        let mut cost = |name: &str, field: &Option<CostField>| {
            field
                .as_ref()
                .and_then(|f| errors.take(name, f.read()).flatten())
        };
        let estimated_cost = cost("estimated_cost", &self.estimated_cost);
        let actual_cost = cost("actual_cost", &self.actual_cost);
        if photos > AFTER_PHOTOS_MAX {
            errors.add(
                "file",
                Problem::OutOfRange {
                    min: 1.0,
                    max: AFTER_PHOTOS_MAX as f64,
                },
            );
        }
        match to {
            Some(to) if errors.is_empty() => Ok(Parsed {
                request: Request {
                    to,
                    comment,
                    due_date,
                    reason,
                    after_photos: photos,
                },
                assignee,
                budget_year,
                estimated_cost,
                actual_cost,
                captions,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_cost_is_named_on_its_field() {
        let input = TransitionInput {
            to: Some("planned".into()),
            due_date: Some("2027-03-01".into()),
            estimated_cost: Some(CostField::Number(-1.0)),
            actual_cost: Some(CostField::Text("nhiều".into())),
            ..TransitionInput::default()
        };
        let errors = input.parse(&[]).expect_err("refused");
        assert_eq!(errors.for_field("estimated_cost"), Some(&Problem::Negative));
        assert_eq!(errors.for_field("actual_cost"), Some(&Problem::NotANumber));
        let input = TransitionInput {
            estimated_cost: Some(CostField::Text("12.500.000 đ".into())),
            actual_cost: Some(CostField::Text(String::new())),
            ..input
        };
        let parsed = input.parse(&[]).expect("read");
        assert_eq!(parsed.estimated_cost.map(Dong::get), Some(12_500_000));
        assert_eq!(parsed.actual_cost, None);
    }

    #[test]
    fn a_transition_names_every_bad_field_at_once() {
        let input = TransitionInput {
            to: Some("finished".into()),
            due_date: Some("31/12/2026".into()),
            budget_year: Some(YearField::Number(1990)),
            ..TransitionInput::default()
        };
        let errors = input.parse(&[]).expect_err("refused");
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["to", "due_date", "budget_year"]);
        assert!(matches!(
            errors.for_field("to"),
            Some(Problem::NotOneOf { allowed, .. }) if allowed.len() == FindingState::ALL.len()
        ));
    }
}
