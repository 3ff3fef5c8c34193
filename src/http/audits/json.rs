//! Audits as staff read them through the API.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::audit::participation::{Participant, Remark};
use crate::domain::audit::sheet::{Sheet, Status};
use crate::domain::audit::{Audit, AuditState, Outcome, PersonRef, Photo, SiteRef, StoredAnswer};
use crate::domain::checklist::{Answer, Unit};
use crate::domain::lang::Bilingual;
use crate::domain::site::{SiteKind, Subtype};
use crate::http::checklists::json::SectionJson;
use crate::http::departments::DepartmentRefJson;
use crate::store::audits::Head;
use crate::views::components::photo_files;

use crate::domain::photo::camera_distance;

/// A person as staff see them on an audit.
#[derive(Serialize)]
pub struct PersonJson {
    id: Uuid,
    username: String,
    display_name: String,
}

impl From<&PersonRef> for PersonJson {
    fn from(p: &PersonRef) -> Self {
        PersonJson {
            id: p.id,
            username: p.username.clone(),
            display_name: p.display_name.clone(),
        }
    }
}

/// Someone who took part in an audit besides its inspector.
#[derive(Serialize)]
pub struct ParticipantJson {
    id: Uuid,
    name: String,
    organisation: String,
    /// The observer's account they sign in with, if any.
    account: Option<PersonJson>,
    added_at: DateTime<Utc>,
}

impl From<&Participant> for ParticipantJson {
    fn from(p: &Participant) -> Self {
        ParticipantJson {
            id: p.id,
            name: p.name.clone(),
            organisation: p.organisation.clone(),
            account: p.account.as_ref().map(PersonJson::from),
            added_at: p.added_at,
        }
    }
}

/// A participant's remark on an audit, or on one of its findings.
#[derive(Serialize)]
pub struct RemarkJson {
    id: Uuid,
    participant: Uuid,
    finding: Option<Uuid>,
    body: String,
    /// The observer themselves, or the staff who noted it down.
    written_by: PersonJson,
    created_at: DateTime<Utc>,
}

impl From<&Remark> for RemarkJson {
    fn from(r: &Remark) -> Self {
        RemarkJson {
            id: r.id,
            participant: r.participant_id,
            finding: r.finding_id,
            body: r.body.clone(),
            written_by: PersonJson::from(&r.written_by),
            created_at: r.created_at,
        }
    }
}

/// The site of an audit.
#[derive(Serialize)]
pub struct AuditSiteJson {
    id: Uuid,
    name: String,
    kind: SiteKind,
    subtype: Subtype,
    lat: f64,
    lon: f64,
}

impl From<&SiteRef> for AuditSiteJson {
    fn from(s: &SiteRef) -> Self {
        AuditSiteJson {
            id: s.id,
            name: s.name.clone(),
            kind: s.kind,
            subtype: s.subtype,
            lat: s.location.lat(),
            lon: s.location.lon(),
        }
    }
}

/// The browser's position when the audit started.
#[derive(Serialize)]
pub struct FixJson {
    lat: f64,
    lon: f64,
    accuracy_m: Option<f64>,
}

/// An audit in a list.
#[derive(Serialize)]
pub struct AuditSummaryJson {
    id: Uuid,
    state: AuditState,
    site: AuditSiteJson,
    inspector: PersonJson,
    department: DepartmentRefJson,
    started_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
    reviewed_at: Option<DateTime<Utc>>,
    review_comment: Option<String>,
    version: i64,
    url: String,
}

impl AuditSummaryJson {
    /// The list entry of `head`, linked under `base`.
    pub fn new(head: &Head, base: &str) -> Self {
        AuditSummaryJson {
            id: head.id,
            state: head.state,
            site: AuditSiteJson::from(&head.site),
            inspector: PersonJson::from(&head.inspector),
            department: DepartmentRefJson::from(&head.department),
            started_at: head.started_at,
            submitted_at: head.submitted_at,
            reviewed_at: head.reviewed_at,
            review_comment: head.review_comment.clone(),
            version: head.version,
            url: format!("{base}/api/v1/audits/{}", head.id),
        }
    }
}

/// An answer with where its item stands.
#[derive(Serialize)]
pub struct AnswerJson {
    item: String,
    result: Outcome,
    /// What the threshold gave, for measured and counted items.
    computed: Option<Outcome>,
    /// True when the inspector gave another result than the threshold's (with a note).
    overridden: bool,
    value: Option<f64>,
    unit: Option<Unit>,
    total: Option<u32>,
    provided: Option<u32>,
    note: Option<String>,
    /// For an alternative: the reviewer's word.
    accepted: Option<bool>,
    /// False when the item it requires did not pass, or its section does not apply: the
    /// answer is kept but not counted.
    asked: bool,
    answered_at: DateTime<Utc>,
}

/// A photo as staff see it: links to its renditions and original, and whether its camera
/// position is far from the site.
#[derive(Serialize)]
pub struct PhotoJson {
    id: Uuid,
    item: Option<String>,
    caption: Option<String>,
    original_type: String,
    original_bytes: u64,
    width: u32,
    height: u32,
    display_url: String,
    thumb_url: String,
    original_url: String,
    taken_at: Option<String>,
    /// Metres between the camera's EXIF position and the site, when the photo has one.
    distance_m: Option<f64>,
    /// True when that is more than [`crate::domain::photo::FAR_FROM_SITE_M`]: evidence of another place?
    location_warning: bool,
    uploaded_at: DateTime<Utc>,
}

impl PhotoJson {
    /// The photo `p` of an audit of `site`, linked under `base`.
    pub fn new(p: &Photo, site: &SiteRef, base: &str) -> Self {
        let camera = camera_distance(site.location, p.exif_position);
        let files = format!("{base}{}", photo_files(p.owner(), p.id));
        PhotoJson {
            id: p.id,
            item: p.item.clone(),
            caption: p.caption.clone(),
            original_type: p.original_type.clone(),
            original_bytes: p.original_bytes,
            width: p.original.width,
            height: p.original.height,
            display_url: format!("{files}/display"),
            thumb_url: format!("{files}/thumb"),
            original_url: format!("{files}/original"),
            taken_at: p.taken_at.clone(),
            distance_m: camera.map(|c| c.metres.round()),
            location_warning: camera.is_some_and(|c| c.far),
            uploaded_at: p.uploaded_at,
        }
    }
}

/// The audit's checklist: which one, and its sections and items.
#[derive(Serialize)]
pub struct AuditChecklistJson {
    id: String,
    version: u32,
    snapshot_id: Uuid,
    regulation: String,
    title: Bilingual,
    sections: Vec<SectionJson>,
}

/// What still stops the audit from being submitted, by item code.
#[derive(Serialize)]
pub struct MissingJson {
    answers: Vec<String>,
    photos: Vec<String>,
}

/// An audit with everything in it.
#[derive(Serialize)]
pub struct AuditJson {
    id: Uuid,
    state: AuditState,
    site: AuditSiteJson,
    checklist: AuditChecklistJson,
    inspector: PersonJson,
    department: DepartmentRefJson,
    fix: Option<FixJson>,
    started_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
    reviewed_at: Option<DateTime<Utc>>,
    reviewer: Option<PersonJson>,
    review_comment: Option<String>,
    version: i64,
    answers: Vec<AnswerJson>,
    sections_not_applicable: Vec<String>,
    photos: Vec<PhotoJson>,
    missing: MissingJson,
    /// Items answered with an alternative, for the reviewer to accept or refuse.
    alternatives: Vec<String>,
    /// Who took part besides the inspector.
    participants: Vec<ParticipantJson>,
    /// What they said.
    remarks: Vec<RemarkJson>,
}

fn answer_json(a: &StoredAnswer, sheet: &Sheet<'_>) -> AnswerJson {
    let item = sheet.checklist().item(&a.answer.item);
    let unit = item.and_then(|i| match &i.answer {
        Answer::Measure { unit, .. } => Some(*unit),
        Answer::YesNo | Answer::Count(_) => None,
    });
    let asked = item.is_some_and(|i| matches!(sheet.status(i), Status::Answered(_)));
    AnswerJson {
        item: a.answer.item.clone(),
        result: a.answer.result,
        computed: a.answer.computed,
        overridden: a.answer.overridden(),
        value: a.answer.value,
        unit,
        total: a.answer.total,
        provided: a.answer.provided,
        note: a.answer.note.clone(),
        accepted: a.accepted,
        asked,
        answered_at: a.answered_at,
    }
}

impl AuditJson {
    /// The whole of `audit`, linked under `base`.
    pub fn new(audit: &Audit, base: &str) -> Self {
        let answers = audit.item_answers();
        let sheet = audit.sheet(&answers);
        let c = &audit.checklist;
        AuditJson {
            id: audit.id,
            state: audit.state,
            site: AuditSiteJson::from(&audit.site),
            checklist: AuditChecklistJson {
                id: c.id.clone(),
                version: c.version,
                snapshot_id: audit.checklist_version_id,
                regulation: c.edition.name.clone(),
                title: c.title.clone(),
                sections: c.sections.iter().map(SectionJson::from).collect(),
            },
            inspector: PersonJson::from(&audit.inspector),
            department: DepartmentRefJson::from(&audit.department),
            fix: audit.fix.map(|f| FixJson {
                lat: f.at.lat(),
                lon: f.at.lon(),
                accuracy_m: f.accuracy_m,
            }),
            started_at: audit.started_at,
            submitted_at: audit.submitted_at,
            reviewed_at: audit.reviewed_at,
            reviewer: audit.reviewer.as_ref().map(PersonJson::from),
            review_comment: audit.review_comment.clone(),
            version: audit.version,
            answers: audit
                .answers
                .iter()
                .map(|a| answer_json(a, &sheet))
                .collect(),
            sections_not_applicable: audit.sections_not_applicable.clone(),
            photos: audit
                .photos
                .iter()
                .map(|p| PhotoJson::new(p, &audit.site, base))
                .collect(),
            missing: MissingJson {
                answers: sheet
                    .missing_answers()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                photos: sheet
                    .missing_photos()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            },
            alternatives: sheet.alternatives().map(str::to_owned).collect(),
            participants: audit
                .participation
                .participants
                .iter()
                .map(ParticipantJson::from)
                .collect(),
            remarks: audit
                .participation
                .remarks
                .iter()
                .map(RemarkJson::from)
                .collect(),
        }
    }
}
