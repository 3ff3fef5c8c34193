//! Findings: failed compliance items of approved audits, for the site's department to fix.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::checklist::{Feature, Severity, Unit};
use super::enums::string_enum;
use super::lang::Bilingual;
use super::site::DepartmentRef;
use super::site::level::Barrier;

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
    /// True while the barrier stands for the public: it counts toward the site's level.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            FindingState::Open
                | FindingState::Planned
                | FindingState::InProgress
                | FindingState::Reopened
        )
    }

    /// The states in which a barrier stands ([`FindingState::is_open`]).
    pub fn open_states() -> Vec<FindingState> {
        FindingState::ALL
            .iter()
            .copied()
            .filter(|s| s.is_open())
            .collect()
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
    /// The audit that found it.
    pub audit_id: Uuid,
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
    /// When it was found (the approval).
    pub created_at: DateTime<Utc>,
    /// Raised by each change.
    pub version: i64,
}

impl Finding {
    /// The barrier it is while open.
    pub fn barrier(&self) -> Barrier {
        Barrier {
            severity: self.severity,
            feature: self.feature,
        }
    }
}
