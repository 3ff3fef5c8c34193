//! Barrier reports: what anyone, without an account, tells the province about a barrier
//! at a place, and the answers the department that owns the place gives.
//!
//! ```text
//! received ─┬─> under_review ─┬─> confirmed            (a finding on the site)
//!           │                 ├─> follow_up_planned ─┬─> confirmed
//!           │                 │                      └─> not_a_barrier
//!           │                 ├─> not_a_barrier       (with the reason)
//!           │                 └─> duplicate           (of another report)
//!           └─────────── (each of these straight from received too) ──────────
//! ```
//!
//! A report's own text and photo are public only once a moderator accepts them
//! ([`Publication`]); its sender's contact never is.

mod guard;
mod input;
mod steps;

pub use guard::{HeldBack, check as guard, limit as per_address_limit};
pub use input::{Contact, DESCRIPTION_MAX, NewReport, ReportInput, Where};
pub use steps::{Answer, Refused, Tracking, answer};

use crate::domain::enums::string_enum;

string_enum! {
    /// What is wrong, in the plain words of the report form: the part of a place the
    /// barrier is in.
    Feature {
        /// Getting in: steps without a ramp, a heavy or narrow door.
        Entrance = "entrance",
        /// A ramp too steep, without rails, or blocked.
        Ramp = "ramp",
        /// The way to and through the place: kerbs, broken paving, obstacles.
        Path = "path",
        /// No accessible toilet, or one locked or used as a store.
        Toilet = "toilet",
        /// No reserved parking, or taken by others.
        Parking = "parking",
        /// No lift, or one out of order.
        Lift = "lift",
        /// Signs, counters, information that cannot be read or reached.
        Information = "information",
        /// Something else.
        Other = "other",
    }
}

string_enum! {
    /// Where a report is on its way.
    ReportState {
        /// Sent, not yet looked at.
        Received = "received",
        /// A moderator is looking at it.
        UnderReview = "under_review",
        /// The barrier is real: a finding on the site tracks it.
        Confirmed = "confirmed",
        /// An audit will look at it on a set date.
        FollowUpPlanned = "follow_up_planned",
        /// Not a barrier, for the reason given.
        NotABarrier = "not_a_barrier",
        /// Another report already told it.
        Duplicate = "duplicate",
    }
}

impl ReportState {
    /// True once the report has its last answer: its sender's contact is deleted a set time
    /// after.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ReportState::Confirmed | ReportState::NotABarrier | ReportState::Duplicate
        )
    }
}

string_enum! {
    /// Whether the report's own words and photo may be shown to the public.
    Publication {
        /// Not yet decided: the public page shows the state and the answers only.
        Pending = "pending",
        /// A moderator accepted them.
        Accepted = "accepted",
        /// A moderator held them back (personal details, abuse); the answers stay public.
        Withheld = "withheld",
    }
}

/// A stored report, as its department and the use cases see it (the public sees less: see
/// the public page's response type).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Id.
    pub id: uuid::Uuid,
    /// The unguessable part of its public address, `/barriers/{token}`.
    pub public_token: String,
    /// The registered place, with its name, if it is one.
    pub site: Option<(uuid::Uuid, String)>,
    /// Where: the site's position, or the one given.
    pub position: crate::domain::geo::Coordinates,
    /// The department that answers it; none for a place not in the registry (the
    /// coordinators answer those).
    pub department: Option<uuid::Uuid>,
    /// What is wrong.
    pub features: Vec<Feature>,
    /// In the sender's words.
    pub description: String,
    /// The language the sender wrote in (the form's).
    pub lang: crate::domain::lang::Lang,
    /// How to reach the sender, until erased.
    pub contact: Option<String>,
    /// When the contact was deleted (a set time after the last answer).
    pub contact_erased_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Where it is on its way.
    pub state: ReportState,
    /// Whether its words may be shown.
    pub publication: Publication,
    /// The finding that tracks the barrier, once confirmed.
    pub finding: Option<uuid::Uuid>,
    /// The day of the follow-up audit, when one is planned.
    pub follow_up_on: Option<chrono::NaiveDate>,
    /// Why it is not a barrier.
    pub reason: Option<String>,
    /// The report it repeats.
    pub duplicate_of: Option<uuid::Uuid>,
    /// When it was sent.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it was first answered.
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When it got its last answer.
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Raised by each change.
    pub version: i64,
}

/// A report as the public may read it, and the public address of the report it repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicReport {
    /// The report, without its contact.
    pub report: Report,
    /// The token of the report it duplicates, if it does.
    pub duplicate_of: Option<String>,
    /// The photos its sender sent, once a moderator accepted them.
    pub photos: Vec<uuid::Uuid>,
    /// Where the fix of the confirmed barrier stands, and when it is due.
    pub fix: Option<(
        crate::domain::finding::FindingState,
        Option<chrono::NaiveDate>,
    )>,
}

/// A moderator's queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    /// The reports, newest first.
    pub reports: Vec<Report>,
    /// How many are in each state, all of them.
    pub counts: Vec<(ReportState, i64)>,
}

/// A report as its moderators see it, with what they may confirm it by.
#[derive(Debug, Clone)]
pub struct Moderating {
    /// The report, the contact included.
    pub report: Report,
    /// Its photos: the original is the moderators' to see, the copies without metadata the
    /// public's once the report's words and photo are accepted.
    pub photos: Vec<crate::domain::audit::Photo>,
    /// The findings of its place that still stand: one of them may track the barrier.
    pub findings: Vec<crate::domain::finding::Finding>,
    /// The checklist of its place, whose items a new finding is made on; none for a place
    /// in no registry.
    pub checklist: Option<std::sync::Arc<crate::domain::checklist::Checklist>>,
    /// The departments a report of a place in no registry may be given to (none once it
    /// has a department).
    pub departments: Vec<crate::domain::department::Department>,
}
