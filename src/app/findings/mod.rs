//! Findings for staff: the barriers approved audits found, by site, department and state,
//! and their way to a proven fix. Every step goes through the one transition function in
//! `domain::finding::lifecycle`; the matrix says who may take it. Lists take the one
//! [`Filter`](crate::domain::finding::Filter) from the query string to the SQL.

mod check_again;
mod input;
mod overdue;
mod read;
mod transition;

pub use check_again::Checked;
pub(crate) use check_again::check_again;
pub use input::{
    AFTER_PHOTOS_MAX, ASSIGNEE_MAX, CostField, REASON_MAX, TransitionInput, YearField,
};
pub use overdue::{Overdue, overdue};
pub(crate) use read::with_texts;
pub use read::{counts, list, of_audit, read};
pub use transition::transition;

pub use crate::domain::finding::dashboard::{AreaCount, Counts, Detail, Timeline};
