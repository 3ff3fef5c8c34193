//! Findings: failed compliance items of approved audits, for the site's department to fix.

pub mod cost;
pub mod dashboard;
mod filter;
pub mod lifecycle;
mod plan;

pub use filter::Filter;
pub use plan::{Given, Plan};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::audit::PersonRef;
use super::checklist::{Feature, Severity, Unit};
use super::enums::string_enum;
use super::lang::Bilingual;
use super::site::{AreaRef, DepartmentRef, SiteKind};

string_enum! {
    /// Where a finding is on its way to a proven fix.
    FindingState {
        /// Found, nothing planned yet.
        Open = "open",
        /// A fix is planned, with a due date.
        Planned = "planned",
        /// Work has started.
        InProgress = "in_progress",
        /// Marked fixed with an after-photo; awaits a later audit.
        Fixed = "fixed",
        /// A later approved audit found it passing.
        Verified = "verified",
        /// Will not be fixed, for a stated reason (a protected heritage structure).
        WontFix = "wont_fix",
        /// Found failing again after being marked fixed.
        Reopened = "reopened",
    }
}

impl FindingState {
    /// True while work on it is open: found (or found again) and not yet marked fixed or
    /// given up. These are the findings a dashboard lists as open and that can be overdue.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            FindingState::Open
                | FindingState::Planned
                | FindingState::InProgress
                | FindingState::Reopened
        )
    }

    /// True for the findings a later audit checks again: open ones and those marked fixed
    /// but not yet verified. A follow-up audit holds exactly their items.
    pub fn is_tracked(self) -> bool {
        self.is_open() || self == FindingState::Fixed
    }

    /// True while the barrier stands for the public: every state but `verified`. A barrier
    /// marked fixed stands until an audit verifies it, and one that will not be fixed
    /// stands too; these count toward the site's level.
    pub fn stands(self) -> bool {
        self != FindingState::Verified
    }
}

/// A finding as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Id.
    pub id: Uuid,
    /// The site.
    pub site_id: Uuid,
    /// The site's name.
    pub site_name: String,
    /// The site's kind.
    pub site_kind: SiteKind,
    /// The site's area, when known.
    pub area: Option<AreaRef>,
    /// The approved audit that found it; none for one confirmed from a barrier report.
    pub audit_id: Option<Uuid>,
    /// The barrier report it was confirmed from, if it was.
    pub report: Option<ReportRef>,
    /// The checklist item.
    pub item: String,
    /// The item's text, from the audit's checklist.
    pub text: Bilingual,
    /// The clause it rests on.
    pub clause: String,
    /// How much it matters.
    pub severity: Severity,
    /// The feature group.
    pub feature: Feature,
    /// The measured value, in `unit`.
    pub value: Option<f64>,
    /// The unit of `value`.
    pub unit: Option<Unit>,
    /// For a count: in all.
    pub total: Option<u32>,
    /// For a count: accessible.
    pub provided: Option<u32>,
    /// The department responsible (the site's).
    pub department: DepartmentRef,
    /// Where it stands.
    pub state: FindingState,
    /// The photos from the audit that show it.
    pub photos: Vec<Uuid>,
    /// The photos that show it fixed.
    pub after_photos: Vec<Uuid>,
    /// When the fix is due (a date in the province).
    pub due_date: Option<NaiveDate>,
    /// Who does the work.
    pub assignee: Option<String>,
    /// The budget year the fix is paid from.
    pub budget_year: Option<i32>,
    /// What the fix is estimated to cost, as planned.
    pub estimated_cost: Option<cost::Dong>,
    /// What the fix cost, as given when it was marked fixed.
    pub actual_cost: Option<cost::Dong>,
    /// Why it will not be fixed.
    pub reason: Option<String>,
    /// Who last marked it fixed (staff only).
    pub fixed_by: Option<Uuid>,
    /// When it was found (the approval).
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Raised by each change.
    pub version: i64,
}

impl Finding {
    /// What its photos belong to: the audit that found it, or the report it was confirmed
    /// from (a fix's after-photos are filed there too).
    pub fn photo_owner(&self) -> crate::domain::audit::PhotoOwner {
        use crate::domain::audit::PhotoOwner;
        match (self.audit_id, &self.report) {
            (Some(audit), _) => PhotoOwner::Audit(audit),
            (None, report) => PhotoOwner::Report(report.as_ref().map(|r| r.id).unwrap_or_default()),
        }
    }

    /// True when work on it is open and its due date has passed (`today` in the province).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.state.is_open() && self.due_date.is_some_and(|due| due < today)
    }
}

/// The barrier report a finding was confirmed from, and the public address of its page
/// (`/barriers/{token}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRef {
    /// The report's id.
    pub id: Uuid,
    /// The unguessable part of its public address.
    pub token: String,
}

/// One change of a finding's state, as its history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// Id (time-ordered).
    pub id: Uuid,
    /// The state before.
    pub from: FindingState,
    /// The state after.
    pub to: FindingState,
    /// Who: the person who asked, or the reviewer who approved the audit that moved it.
    pub by: PersonRef,
    /// The approved audit that moved it, if an audit did.
    pub audit_id: Option<Uuid>,
    /// Why, or what was done.
    pub comment: Option<String>,
    /// The fields the step set (due date, assignee, budget year, reason, photos), as JSON.
    pub fields: serde_json::Value,
    /// When.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_is_open_tracked_or_standing_as_documented() {
        use FindingState::*;
        // (state, open, tracked, stands)
        let table = [
            (Open, true, true, true),
            (Planned, true, true, true),
            (InProgress, true, true, true),
            (Fixed, false, true, true),
            (Verified, false, false, false),
            (WontFix, false, false, true),
            (Reopened, true, true, true),
        ];
        assert_eq!(table.len(), FindingState::ALL.len());
        for (state, open, tracked, stands) in table {
            assert_eq!(state.is_open(), open, "{state:?} open");
            assert_eq!(state.is_tracked(), tracked, "{state:?} tracked");
            assert_eq!(state.stands(), stands, "{state:?} stands");
        }
    }
}
