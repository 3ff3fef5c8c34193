//! Checklists as the API shows them.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::checklist::{
    Answer, Basis, Checklist, Feature, Gate, Item, Over, PhotoRule, Requirement, Section, Severity,
    Step, Unit,
};
use crate::domain::lang::Bilingual;
use crate::domain::site::{SiteKind, Subtype};
use crate::store::checklists::Snapshot;

/// A checklist in a list: what it is, without its items.
#[derive(Serialize)]
pub(super) struct SummaryJson {
    id: String,
    version: u32,
    regulation: String,
    in_force: NaiveDate,
    applies_to: Vec<SiteKind>,
    subtypes: Vec<Subtype>,
    title: Bilingual,
    items: usize,
    /// Items whose failure is a compliance finding.
    compliance_items: usize,
    /// Items that are advice only.
    advisory_items: usize,
    snapshot_id: Uuid,
    content_hash: String,
}

impl From<&Snapshot> for SummaryJson {
    fn from(s: &Snapshot) -> Self {
        let c = &s.checklist;
        let findings = c.items().filter(|i| i.can_be_finding()).count();
        SummaryJson {
            id: c.id.clone(),
            version: c.version,
            regulation: c.edition.name.clone(),
            in_force: c.edition.in_force,
            applies_to: c.applies_to.clone(),
            subtypes: c.subtypes.clone(),
            title: c.title.clone(),
            items: c.items().count(),
            compliance_items: findings,
            advisory_items: c.items().count() - findings,
            snapshot_id: s.snapshot_id,
            content_hash: s.content_hash.clone(),
        }
    }
}

/// A checklist with every item.
#[derive(Serialize)]
pub(super) struct ChecklistJson {
    snapshot_id: Uuid,
    content_hash: String,
    id: String,
    version: u32,
    regulation: String,
    in_force: NaiveDate,
    previous_edition: Option<PreviousJson>,
    applies_to: Vec<SiteKind>,
    subtypes: Vec<Subtype>,
    title: Bilingual,
    sections: Vec<SectionJson>,
}

#[derive(Serialize)]
struct PreviousJson {
    name: String,
    clause: String,
}

/// A section with its items, as checklists and audits show it.
#[derive(Serialize)]
pub(crate) struct SectionJson {
    code: String,
    title: Bilingual,
    optional: bool,
    question: Option<Bilingual>,
    items: Vec<ItemJson>,
}

#[derive(Serialize)]
struct ItemJson {
    code: String,
    text: Bilingual,
    /// What stands in the way when it fails, as the public reads it.
    barrier: Option<Bilingual>,
    clause: String,
    basis: Basis,
    verified: bool,
    /// A failure is a compliance finding (regulation, verified); otherwise advice.
    compliance: bool,
    feature: Feature,
    severity: Severity,
    answer: AnswerJson,
    photo: PhotoRule,
    not_applicable_allowed: bool,
    required: bool,
    requires: Option<String>,
    /// What the gate in `requires` must show: `passes`, or `at_least_one` provided.
    requires_when: Option<Gate>,
    /// The site subtypes the item is asked at; empty for all of the checklist's.
    subtypes: Vec<Subtype>,
    severity_reason: Option<String>,
    alternative: Option<Bilingual>,
    guidance: Option<Bilingual>,
}

/// How an item is answered.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum AnswerJson {
    YesNo,
    Measure {
        unit: Unit,
        min: Option<f64>,
        max: Option<f64>,
        tolerance: Option<ToleranceJson>,
        /// True when `min` and `max` themselves fail ("more than 20 s").
        strict: bool,
    },
    Count {
        total: Bilingual,
        provided: Bilingual,
        requirement: RequirementJson,
    },
}

#[derive(Serialize)]
struct ToleranceJson {
    amount: f64,
    clause: String,
}

#[derive(Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
enum RequirementJson {
    Table {
        rows: Vec<StepJson>,
        over: Option<OverJson>,
    },
    Share {
        percent: f64,
        at_least: u32,
        up_to: Option<u32>,
        over: Option<OverJson>,
    },
    Per {
        per: u32,
    },
}

#[derive(Serialize)]
struct StepJson {
    up_to: u32,
    required: u32,
}

#[derive(Serialize)]
struct OverJson {
    from: u32,
    required: u32,
    per: u32,
}

impl From<&Step> for StepJson {
    fn from(s: &Step) -> Self {
        StepJson {
            up_to: s.up_to,
            required: s.required,
        }
    }
}

impl From<&Over> for OverJson {
    fn from(o: &Over) -> Self {
        OverJson {
            from: o.from,
            required: o.required,
            per: o.per,
        }
    }
}

impl From<&Requirement> for RequirementJson {
    fn from(r: &Requirement) -> Self {
        match r {
            Requirement::Table { rows, over } => RequirementJson::Table {
                rows: rows.iter().map(StepJson::from).collect(),
                over: over.as_ref().map(OverJson::from),
            },
            Requirement::Share {
                percent,
                at_least,
                up_to,
                over,
            } => RequirementJson::Share {
                percent: *percent,
                at_least: *at_least,
                up_to: *up_to,
                over: over.as_ref().map(OverJson::from),
            },
            Requirement::Per { per } => RequirementJson::Per { per: *per },
        }
    }
}

impl From<&Answer> for AnswerJson {
    fn from(a: &Answer) -> Self {
        match a {
            Answer::YesNo => AnswerJson::YesNo,
            Answer::Measure {
                unit,
                min,
                max,
                tolerance,
                strict,
            } => AnswerJson::Measure {
                strict: *strict,
                unit: *unit,
                min: *min,
                max: *max,
                tolerance: tolerance.as_ref().map(|t| ToleranceJson {
                    amount: t.amount,
                    clause: t.clause.clone(),
                }),
            },
            Answer::Count(c) => AnswerJson::Count {
                total: c.total.clone(),
                provided: c.provided.clone(),
                requirement: RequirementJson::from(&c.requirement),
            },
        }
    }
}

impl From<&Item> for ItemJson {
    fn from(i: &Item) -> Self {
        ItemJson {
            code: i.code.clone(),
            text: i.text.clone(),
            barrier: i.barrier.clone(),
            clause: i.clause.clone(),
            basis: i.basis,
            verified: i.verified,
            compliance: i.can_be_finding(),
            feature: i.feature,
            severity: i.severity,
            answer: AnswerJson::from(&i.answer),
            photo: i.photo,
            not_applicable_allowed: i.not_applicable,
            required: i.required,
            requires: i.requires.clone(),
            requires_when: i.requires.as_ref().map(|_| i.requires_when),
            subtypes: i.subtypes.clone(),
            severity_reason: i.severity_reason.clone(),
            alternative: i.alternative.clone(),
            guidance: i.guidance.clone(),
        }
    }
}

impl From<&Section> for SectionJson {
    fn from(s: &Section) -> Self {
        SectionJson {
            code: s.code.clone(),
            title: s.title.clone(),
            optional: s.optional(),
            question: s.question.clone(),
            items: s.items.iter().map(ItemJson::from).collect(),
        }
    }
}

impl From<&Snapshot> for ChecklistJson {
    fn from(s: &Snapshot) -> Self {
        let c: &Checklist = &s.checklist;
        ChecklistJson {
            snapshot_id: s.snapshot_id,
            content_hash: s.content_hash.clone(),
            id: c.id.clone(),
            version: c.version,
            regulation: c.edition.name.clone(),
            in_force: c.edition.in_force,
            previous_edition: c.edition.previous.as_ref().map(|p| PreviousJson {
                name: p.name.clone(),
                clause: p.clause.clone(),
            }),
            applies_to: c.applies_to.clone(),
            subtypes: c.subtypes.clone(),
            title: c.title.clone(),
            sections: c.sections.iter().map(SectionJson::from).collect(),
        }
    }
}
