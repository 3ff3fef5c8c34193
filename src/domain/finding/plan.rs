//! What a finding's plan holds after each step a person takes: a new plan replaces the old
//! one, a reopened finding needs a new one, only a finding given up has a reason, and who
//! last marked it fixed is remembered (a later audit by them cannot verify it).

use chrono::NaiveDate;
use uuid::Uuid;

use super::cost::Dong;
use super::{Finding, FindingState};

/// A finding's plan and the facts kept with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// When the fix is due.
    pub due_date: Option<NaiveDate>,
    /// Who does the work.
    pub assignee: Option<String>,
    /// The budget year the fix is paid from.
    pub budget_year: Option<i32>,
    /// What the fix is estimated to cost.
    pub estimated_cost: Option<Dong>,
    /// What the last fix cost.
    pub actual_cost: Option<Dong>,
    /// Why it will not be fixed.
    pub reason: Option<String>,
    /// Who last marked it fixed.
    pub fixed_by: Option<Uuid>,
}

/// What a person's step brings to the plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    /// The due date asked (for `planned`).
    pub due_date: Option<NaiveDate>,
    /// Who does the work (for `planned`; the site's operator when nobody is named).
    pub assignee: Option<String>,
    /// The budget year (for `planned`).
    pub budget_year: Option<i32>,
    /// The estimated cost (for `planned`).
    pub estimated_cost: Option<Dong>,
    /// What the fix cost (for `fixed`).
    pub actual_cost: Option<Dong>,
    /// Why it will not be fixed (for `wont_fix`).
    pub reason: Option<String>,
    /// Who takes the step.
    pub by: Option<Uuid>,
}

impl Plan {
    /// The plan `finding` has now.
    pub fn of(finding: &Finding) -> Plan {
        Plan {
            due_date: finding.due_date,
            assignee: finding.assignee.clone(),
            budget_year: finding.budget_year,
            estimated_cost: finding.estimated_cost,
            actual_cost: finding.actual_cost,
            reason: finding.reason.clone(),
            fixed_by: finding.fixed_by,
        }
    }

    /// The plan after a step to `to` with `given`.
    pub fn after(&self, to: FindingState, given: Given) -> Plan {
        let mut plan = Plan {
            reason: None,
            ..self.clone()
        };
        match to {
            FindingState::Planned => {
                plan.due_date = given.due_date;
                plan.budget_year = given.budget_year;
                plan.estimated_cost = given.estimated_cost;
                plan.assignee = given.assignee;
            }
            FindingState::WontFix => plan.reason = given.reason,
            FindingState::Fixed => {
                plan.fixed_by = given.by;
                plan.actual_cost = given.actual_cost;
            }
            FindingState::Reopened => plan.due_date = None,
            FindingState::Open | FindingState::InProgress | FindingState::Verified => {}
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
    }

    fn planned() -> Plan {
        Plan {
            due_date: Some(day(31)),
            assignee: Some("UBND xã".into()),
            budget_year: Some(2027),
            estimated_cost: Some(Dong::new(15_000_000).expect("a cost")),
            actual_cost: None,
            reason: Some("an old reason".into()),
            fixed_by: None,
        }
    }

    #[test]
    fn a_new_plan_replaces_the_old_one_whole() {
        let given = Given {
            due_date: Some(day(20)),
            assignee: None,
            ..Given::default()
        };
        let after = planned().after(FindingState::Planned, given);
        assert_eq!(after.due_date, Some(day(20)));
        assert_eq!(after.assignee, None);
        assert_eq!(after.budget_year, None);
        assert_eq!(after.estimated_cost, None);
        assert_eq!(after.reason, None);
    }

    #[test]
    fn the_estimate_comes_with_a_plan_and_the_actual_cost_with_a_fix() {
        let cost = |n| Some(Dong::new(n).expect("a cost"));
        let replanned = planned().after(
            FindingState::Planned,
            Given {
                due_date: Some(day(20)),
                estimated_cost: cost(9_000_000),
                actual_cost: cost(1),
                ..Given::default()
            },
        );
        assert_eq!(replanned.estimated_cost, cost(9_000_000));
        assert_eq!(replanned.actual_cost, None, "a plan has no actual cost");
        let fixed = replanned.after(
            FindingState::Fixed,
            Given {
                actual_cost: cost(8_400_000),
                estimated_cost: cost(1),
                ..Given::default()
            },
        );
        assert_eq!(fixed.estimated_cost, cost(9_000_000), "the estimate stays");
        assert_eq!(fixed.actual_cost, cost(8_400_000));
        let verified = fixed.after(FindingState::Verified, Given::default());
        assert_eq!(verified.actual_cost, cost(8_400_000));
    }

    #[test]
    fn only_a_finding_given_up_keeps_a_reason() {
        for to in FindingState::ALL {
            let given = Given {
                reason: Some("heritage".into()),
                ..Given::default()
            };
            let after = planned().after(*to, given);
            let want = (*to == FindingState::WontFix).then(|| "heritage".to_owned());
            assert_eq!(after.reason, want, "{to:?}");
        }
    }

    #[test]
    fn a_reopened_finding_needs_a_new_due_date_and_keeps_the_rest() {
        let after = planned().after(FindingState::Reopened, Given::default());
        assert_eq!(after.due_date, None);
        assert_eq!(after.assignee.as_deref(), Some("UBND xã"));
        assert_eq!(after.budget_year, Some(2027));
    }

    #[test]
    fn marking_fixed_remembers_who_and_other_steps_keep_it() {
        let me = Uuid::now_v7();
        let fixed = planned().after(
            FindingState::Fixed,
            Given {
                by: Some(me),
                ..Given::default()
            },
        );
        assert_eq!(fixed.fixed_by, Some(me));
        assert_eq!(fixed.due_date, Some(day(31)), "the plan stays");
        let moved_on = fixed.after(FindingState::InProgress, Given::default());
        assert_eq!(moved_on.fixed_by, Some(me));
    }
}
