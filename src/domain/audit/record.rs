//! An audit as stored: who, where, against which checklist, its answers and photos.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::AuditState;
use super::answer::ItemAnswer;
use super::sheet::{Decisions, Sheet};
use crate::domain::checklist::Checklist;
use crate::domain::geo::Coordinates;
use crate::domain::site::{DepartmentRef, SiteKind, Subtype};

pub use super::person::PersonRef;

/// The site an audit is of.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRef {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: SiteKind,
    /// Subtype.
    pub subtype: Subtype,
    /// Where it is.
    pub location: Coordinates,
    /// The department the site belongs to now (an approved audit keeps the one that
    /// approved it, which a merge may have retired since).
    pub department: Uuid,
    /// The day the site's design was approved, when known: before the checklist's edition
    /// came into force, the earlier edition may govern it.
    pub design_approved_on: Option<NaiveDate>,
}

/// Where the inspector's browser said they were when starting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    /// Position.
    pub at: Coordinates,
    /// Accuracy radius in metres, when the browser gave one.
    pub accuracy_m: Option<f64>,
}

/// One stored answer with the reviewer's word on an alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAnswer {
    /// The answer.
    pub answer: ItemAnswer,
    /// For an alternative: accepted (true) or refused (false) by the reviewer.
    pub accepted: Option<bool>,
    /// When it was last given.
    pub answered_at: DateTime<Utc>,
}

/// A stored image: its SHA-256 (the object's address) and pixel size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// SHA-256, hex.
    pub sha256: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// What a photo belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOwner {
    /// An audit (its inspector's photo, or a finding's fix filed under the audit that
    /// found it).
    Audit(Uuid),
    /// A barrier report (sent with it, or a fix of the finding confirmed from it).
    Report(Uuid),
}

impl Photo {
    /// What it belongs to.
    pub fn owner(&self) -> PhotoOwner {
        match (self.audit_id, self.report_id) {
            (Some(audit), _) => PhotoOwner::Audit(audit),
            (None, report) => PhotoOwner::Report(report.unwrap_or_default()),
        }
    }
}

/// A photo of an audit, or of a barrier report and the finding confirmed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Id.
    pub id: Uuid,
    /// The audit it belongs to, if an audit's.
    pub audit_id: Option<Uuid>,
    /// The barrier report it belongs to, if a report's (sent with it, or showing the fix of
    /// the finding confirmed from it).
    pub report_id: Option<Uuid>,
    /// The item it shows, if any.
    pub item: Option<String>,
    /// The inspector's caption.
    pub caption: Option<String>,
    /// The original as uploaded: private evidence.
    pub original: Image,
    /// `jpeg`, `png` or `webp`.
    pub original_type: String,
    /// The original's size in bytes.
    pub original_bytes: u64,
    /// The display image (long side at most 1600 px, no metadata).
    pub display: Image,
    /// The thumbnail (long side at most 320 px, no metadata).
    pub thumb: Image,
    /// The capture time the camera wrote (its own clock; private).
    pub taken_at: Option<String>,
    /// The camera's position from EXIF (private).
    pub exif_position: Option<Coordinates>,
    /// Who uploaded it; none when the public sent it with a report.
    pub uploaded_by: Option<Uuid>,
    /// When.
    pub uploaded_at: DateTime<Utc>,
}

/// An audit with everything it holds.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Id.
    pub id: Uuid,
    /// True for a follow-up audit: its checklist holds only the items of the site's
    /// findings when it started.
    pub follow_up: bool,
    /// The site.
    pub site: SiteRef,
    /// The id of the checklist snapshot it follows.
    pub checklist_version_id: Uuid,
    /// That checklist, as it was when the audit started (for a follow-up, only its items).
    pub checklist: Arc<Checklist>,
    /// Who fills it.
    pub inspector: PersonRef,
    /// The department it is for (the site's when it started).
    pub department: DepartmentRef,
    /// Where it is on its way.
    pub state: AuditState,
    /// The inspector's position at the start.
    pub fix: Option<Fix>,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was last approved or returned.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Who did.
    pub reviewer: Option<PersonRef>,
    /// The reviewer's comment when returning it.
    pub review_comment: Option<String>,
    /// Raised by each change.
    pub version: i64,
    /// Answers, in no particular order.
    pub answers: Vec<StoredAnswer>,
    /// Optional sections marked not applicable.
    pub sections_not_applicable: Vec<String>,
    /// Photos in upload order.
    pub photos: Vec<Photo>,
    /// Who took part besides the inspector, and their remarks.
    pub participation: super::participation::Participation,
}

/// The id of a blank audit: the draft a start would make, shown but never stored; a phone
/// puts its start key in its place.
pub const BLANK_ID: Uuid = Uuid::nil();

impl Audit {
    /// True for a blank audit (see [`BLANK_ID`]).
    pub fn is_blank(&self) -> bool {
        self.id == BLANK_ID
    }

    /// The plain answers.
    pub fn item_answers(&self) -> Vec<ItemAnswer> {
        self.answers.iter().map(|a| a.answer.clone()).collect()
    }

    /// The reviewer's decisions on alternatives, as stored.
    pub fn decisions(&self) -> Decisions {
        self.answers
            .iter()
            .filter_map(|a| a.accepted.map(|ok| (a.answer.item.clone(), ok)))
            .collect()
    }

    /// The answers laid over the checklist (`answers` is [`Audit::item_answers`], kept by
    /// the caller because the sheet borrows it).
    pub fn sheet<'a>(&'a self, answers: &'a [ItemAnswer]) -> Sheet<'a> {
        Sheet::new(
            &self.checklist,
            answers,
            self.sections_not_applicable.iter().map(String::as_str),
            self.photos.iter().filter_map(|p| p.item.as_deref()),
        )
    }
}

/// An audit without its answers and photos: enough to decide who may do what with it.
#[derive(Debug, Clone)]
pub struct Head {
    /// Id.
    pub id: Uuid,
    /// For a follow-up audit: the only items it holds (those of the site's findings when
    /// it started); `None` for a full audit.
    pub follow_up: Option<Vec<String>>,
    /// The site.
    pub site: SiteRef,
    /// The checklist snapshot.
    pub checklist_version_id: Uuid,
    /// Who fills it.
    pub inspector: PersonRef,
    /// The department it is for.
    pub department: DepartmentRef,
    /// State.
    pub state: AuditState,
    /// The browser's position at the start.
    pub fix: Option<Fix>,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Last reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The reviewer.
    pub reviewer: Option<PersonRef>,
    /// The reviewer's comment.
    pub review_comment: Option<String>,
    /// Raised by each change.
    pub version: i64,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}
