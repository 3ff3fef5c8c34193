//! Findings as staff read them in JSON, and the dashboard's counts.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::app::findings::{Counts, Detail};
use crate::domain::audit::PhotoOwner;
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::finding::{Finding, FindingState, HistoryEntry};
use crate::domain::lang::Bilingual;
use crate::domain::site::SiteKind;
use crate::http::departments::DepartmentRefJson;
use crate::views::components::photo_files;

/// The area of a finding's site.
#[derive(Debug, Serialize)]
pub struct AreaRefJson {
    id: Uuid,
    code: String,
    name: String,
}

/// A photo of a finding with the staff addresses of its files.
#[derive(Debug, Serialize)]
pub struct FindingPhotoJson {
    id: Uuid,
    thumb_url: String,
    display_url: String,
}

impl FindingPhotoJson {
    fn new(owner: PhotoOwner, photo: Uuid, base: &str) -> Self {
        let files = format!("{base}{}", photo_files(owner, photo));
        FindingPhotoJson {
            id: photo,
            thumb_url: format!("{files}/thumb"),
            display_url: format!("{files}/display"),
        }
    }
}

/// A finding as staff read it.
#[derive(Debug, Serialize)]
pub struct FindingJson {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
    site_kind: SiteKind,
    area: Option<AreaRefJson>,
    /// The approved audit that found it; none for one confirmed from a report.
    audit_id: Option<Uuid>,
    /// The public page of the barrier report it was confirmed from, if it was.
    report_url: Option<String>,
    item: String,
    text: Bilingual,
    clause: String,
    severity: Severity,
    feature: Feature,
    value: Option<f64>,
    unit: Option<Unit>,
    total: Option<u32>,
    provided: Option<u32>,
    department: DepartmentRefJson,
    state: FindingState,
    due_date: Option<NaiveDate>,
    /// Open and past its due date (in the province's time zone).
    overdue: bool,
    assignee: Option<String>,
    budget_year: Option<i32>,
    /// The estimated cost of the fix, in đồng.
    estimated_cost: Option<u64>,
    /// What the fix cost, in đồng.
    actual_cost: Option<u64>,
    reason: Option<String>,
    /// The ids of the photos of the audit that found it.
    photos: Vec<Uuid>,
    /// The ids of the photos of the fix.
    after_photos: Vec<Uuid>,
    photos_before: Vec<FindingPhotoJson>,
    photos_after: Vec<FindingPhotoJson>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
    url: String,
    site_url: String,
}

impl FindingJson {
    /// `f` as of `today`, linked under `base`.
    pub fn new(f: &Finding, today: NaiveDate, base: &str) -> Self {
        let links = |ids: &[Uuid]| -> Vec<FindingPhotoJson> {
            ids.iter()
                .map(|p| FindingPhotoJson::new(f.photo_owner(), *p, base))
                .collect()
        };
        FindingJson {
            id: f.id,
            site_id: f.site_id,
            site_name: f.site_name.clone(),
            site_kind: f.site_kind,
            area: f.area.as_ref().map(|a| AreaRefJson {
                id: a.id,
                code: a.code.clone(),
                name: a.name.clone(),
            }),
            audit_id: f.audit_id,
            report_url: f
                .report
                .as_ref()
                .map(|r| format!("{base}/barriers/{}", r.token)),
            item: f.item.clone(),
            text: f.text.clone(),
            clause: f.clause.clone(),
            severity: f.severity,
            feature: f.feature,
            value: f.value,
            unit: f.unit,
            total: f.total,
            provided: f.provided,
            department: DepartmentRefJson::from(&f.department),
            state: f.state,
            due_date: f.due_date,
            overdue: f.overdue(today),
            assignee: f.assignee.clone(),
            budget_year: f.budget_year,
            estimated_cost: f.estimated_cost.map(|c| c.get()),
            actual_cost: f.actual_cost.map(|c| c.get()),
            reason: f.reason.clone(),
            photos: f.photos.clone(),
            after_photos: f.after_photos.clone(),
            photos_before: links(&f.photos),
            photos_after: links(&f.after_photos),
            created_at: f.created_at,
            updated_at: f.updated_at,
            version: f.version,
            url: format!("{base}/findings/{}", f.id),
            site_url: format!("{base}/sites/{}", f.site_id),
        }
    }
}

/// A person in a finding's history (staff only).
#[derive(Debug, Serialize)]
pub struct PersonJson {
    id: Uuid,
    username: String,
    display_name: String,
}

/// One change of a finding's state.
#[derive(Debug, Serialize)]
pub struct HistoryJson {
    from: FindingState,
    to: FindingState,
    by: PersonJson,
    audit_id: Option<Uuid>,
    comment: Option<String>,
    fields: serde_json::Value,
    at: DateTime<Utc>,
}

impl From<&HistoryEntry> for HistoryJson {
    fn from(h: &HistoryEntry) -> Self {
        HistoryJson {
            from: h.from,
            to: h.to,
            by: PersonJson {
                id: h.by.id,
                username: h.by.username.clone(),
                display_name: h.by.display_name.clone(),
            },
            audit_id: h.audit_id,
            comment: h.comment.clone(),
            fields: h.fields.clone(),
            at: h.at,
        }
    }
}

/// A finding with its history.
#[derive(Debug, Serialize)]
pub struct FindingDetailJson {
    #[serde(flatten)]
    finding: FindingJson,
    history: Vec<HistoryJson>,
}

impl FindingDetailJson {
    /// `d` as of `today`, linked under `base`.
    pub fn new(d: &Detail, today: NaiveDate, base: &str) -> Self {
        FindingDetailJson {
            finding: FindingJson::new(&d.finding, today, base),
            history: d.history.iter().map(HistoryJson::from).collect(),
        }
    }
}

/// Open findings of one area.
#[derive(Debug, Serialize)]
pub struct AreaCountJson {
    area: Option<AreaRefJson>,
    open: u64,
}

/// The dashboard's counts over the filtered findings.
#[derive(Debug, Serialize)]
pub struct CountsJson {
    by_state: BTreeMap<&'static str, u64>,
    open_by_severity: BTreeMap<&'static str, u64>,
    overdue: u64,
    due_this_month: u64,
    awaiting_verification: u64,
    open_by_area: Vec<AreaCountJson>,
    open_by_kind: BTreeMap<&'static str, u64>,
}

impl From<&Counts> for CountsJson {
    fn from(c: &Counts) -> Self {
        CountsJson {
            by_state: c.by_state.clone(),
            open_by_severity: c.open_by_severity.clone(),
            overdue: c.overdue,
            due_this_month: c.due_this_month,
            awaiting_verification: c.awaiting_verification,
            open_by_area: c
                .open_by_area
                .iter()
                .map(|a| AreaCountJson {
                    area: a.area.as_ref().map(|a| AreaRefJson {
                        id: a.id,
                        code: a.code.clone(),
                        name: a.name.clone(),
                    }),
                    open: a.open,
                })
                .collect(),
            open_by_kind: c.open_by_kind.clone(),
        }
    }
}

/// A page of findings with the counts over every finding the filter matches.
#[derive(Debug, Serialize)]
pub struct FindingsPageJson {
    /// This page.
    pub items: Vec<FindingJson>,
    /// The next page's full URL; absent on the last.
    pub next: Option<String>,
    /// Counts over all matching findings (not only this page).
    pub counts: CountsJson,
}
