//! Checklists: regulation-based items an inspector answers, loaded from `checklists/*.toml`.
//!
//! The serde form of these types is the stored snapshot (its SHA-256 is a version's
//! identity); responses are built from them by the web layer's own types.

mod count;
mod edition;
#[cfg(test)]
pub mod fixtures;
mod load;
mod shipped;
mod terms;

pub use count::{Over, Requirement, Step};
use edition::Stored;
pub use edition::{Edition, PreviousEdition};
pub use load::{ChecklistError, SourceFile, parse, parse_set};
pub use terms::{Basis, Feature, Gate, PhotoRule, Severity, Unit};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::lang::Bilingual;
use super::site::{SiteKind, Subtype};

/// The allowance a tape measure may take, where the regulation itself gives one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    /// How far either side of the range still passes, in the item's unit.
    pub amount: f64,
    /// The clause that gives it.
    pub clause: String,
}

/// A number that must be provided for a total: spaces for cars, rooms, seats, toilets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// What the total counts ("car parking spaces").
    pub total: Bilingual,
    /// What is counted as provided ("accessible spaces").
    pub provided: Bilingual,
    /// How many must be provided for a total.
    pub requirement: Requirement,
}

/// How an item is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// Yes means compliant.
    YesNo,
    /// A measured value that must lie within `min..=max` (either may be open).
    Measure {
        /// Unit.
        unit: Unit,
        /// Lowest compliant value.
        min: Option<f64>,
        /// Highest compliant value.
        max: Option<f64>,
        /// Where the regulation allows for the tape, by how much.
        #[serde(default)]
        tolerance: Option<Tolerance>,
        /// True when the bounds themselves fail: the clause says "more than" or "less
        /// than" (a lift door open "over 20 s" fails at exactly 20 s).
        #[serde(default, skip_serializing_if = "is_false")]
        strict: bool,
    },
    /// Two numbers, the total and those provided; the requirement decides.
    Count(Count),
}

/// One thing an inspector checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Code, unique and never reused (`entrance.door_width`).
    pub code: String,
    /// What to check.
    pub text: Bilingual,
    /// The barrier a failure leaves, as the public reads it ("The entrance has a
    /// threshold"); every item that can become a finding has one. Versions stored before
    /// it existed have none, and keep their hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barrier: Option<Bilingual>,
    /// The clause it rests on.
    pub clause: String,
    /// Why it is here: only `regulation` items can become compliance findings.
    #[serde(default = "regulation")]
    pub basis: Basis,
    /// Public feature group.
    pub feature: Feature,
    /// Severity of a failure.
    pub severity: Severity,
    /// How it is answered.
    pub answer: Answer,
    /// When a photo is expected.
    pub photo: PhotoRule,
    /// False when the rule comes from a secondary source and awaits confirmation.
    pub verified: bool,
    /// May be answered "not applicable" on its own (a place without one).
    #[serde(default)]
    pub not_applicable: bool,
    /// Must be answered in every audit: never not applicable.
    #[serde(default)]
    pub required: bool,
    /// The item that must pass for this one to be asked (the detail of a thing that exists).
    #[serde(default)]
    pub requires: Option<String>,
    /// What the gate in `requires` must show.
    #[serde(default, skip_serializing_if = "Gate::is_passes")]
    pub requires_when: Gate,
    /// The site subtypes the item is asked at; empty for every subtype of the checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtypes: Vec<Subtype>,
    /// Why this item's severity differs from other items of its clause and feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_reason: Option<String>,
    /// What may be offered instead, with a note, for the reviewer to accept or refuse.
    #[serde(default)]
    pub alternative: Option<Bilingual>,
    /// How to check or measure it.
    pub guidance: Option<Bilingual>,
}

impl Item {
    /// True when a failure of this item is a compliance finding: a clause of the code, read
    /// in the signed text. Every other item is advice.
    pub fn can_be_finding(&self) -> bool {
        self.basis == Basis::Regulation && self.verified
    }
}

/// A group of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Code.
    pub code: String,
    /// Title.
    pub title: Bilingual,
    /// For a section that may not apply, the question that decides ("Does the building have
    /// a lift?"); answering no marks all of it not applicable at once.
    #[serde(default)]
    pub question: Option<Bilingual>,
    /// Items in order.
    pub items: Vec<Item>,
}

impl Section {
    /// True when the whole section may be answered not applicable.
    pub fn optional(&self) -> bool {
        self.question.is_some()
    }
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// Items stored before `basis` existed cited clauses of the code.
fn regulation() -> Basis {
    Basis::Regulation
}

/// A whole checklist at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Checklist {
    /// Stable id (`public-building`).
    pub id: String,
    /// Version, bumped on every change.
    pub version: u32,
    /// The edition it follows.
    pub edition: Edition,
    /// Site kinds it is used for.
    pub applies_to: Vec<SiteKind>,
    /// The subtypes it is used for; each subtype has exactly one checklist.
    pub subtypes: Vec<Subtype>,
    /// Title.
    pub title: Bilingual,
    /// Sections in order.
    pub sections: Vec<Section>,
}

/// The checklist used for sites of `subtype` (each subtype has exactly one).
pub fn for_subtype<'a>(
    checklists: impl IntoIterator<Item = &'a Checklist>,
    subtype: Subtype,
) -> Option<&'a Checklist> {
    checklists
        .into_iter()
        .find(|c| c.subtypes.contains(&subtype))
}

impl Checklist {
    /// Every item in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
    }

    /// The item with `code`.
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items().find(|i| i.code == code)
    }

    /// The checklist a follow-up audit holds: only the items `codes` names, in their
    /// sections and order. Nothing in it is gated (an item whose gate is not held is asked
    /// on its own) and no section can be waved off as a whole: each item is checked again.
    pub fn only(&self, codes: &[String]) -> Checklist {
        let held = |code: &str| codes.iter().any(|c| c == code);
        self.keeping(false, |item| {
            held(&item.code).then(|| Item {
                requires: item.requires.clone().filter(|gate| held(gate)),
                ..item.clone()
            })
        })
    }

    /// The checklist as it is asked at a site of `subtype`: the items meant for other
    /// subtypes left out (a hospital is not asked the share of a nursing centre), and a
    /// section left with none dropped.
    pub fn asked_at(&self, subtype: Subtype) -> Checklist {
        self.keeping(true, |item| {
            (item.subtypes.is_empty() || item.subtypes.contains(&subtype)).then(|| item.clone())
        })
    }

    /// This checklist with the items `keep` gives, sections left empty dropped, and the
    /// sections' questions kept or not.
    fn keeping(&self, questions: bool, keep: impl Fn(&Item) -> Option<Item>) -> Checklist {
        let sections = self
            .sections
            .iter()
            .filter_map(|section| {
                let items: Vec<Item> = section.items.iter().filter_map(&keep).collect();
                (!items.is_empty()).then(|| Section {
                    code: section.code.clone(),
                    title: section.title.clone(),
                    question: section.question.clone().filter(|_| questions),
                    items,
                })
            })
            .collect();
        Checklist {
            id: self.id.clone(),
            version: self.version,
            edition: self.edition.clone(),
            applies_to: self.applies_to.clone(),
            subtypes: self.subtypes.clone(),
            title: self.title.clone(),
            sections,
        }
    }

    /// The section that holds item `code`.
    pub fn section_of(&self, code: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.code == code))
    }

    /// The edition that may govern a site whose design was approved on `approved`, when
    /// that is before this checklist's edition came into force (QCVN 10:2024/BXD 3.1).
    pub fn older_edition_for(&self, approved: Option<NaiveDate>) -> Option<&PreviousEdition> {
        let approved = approved?;
        let previous = self.edition.previous.as_ref()?;
        (approved < self.edition.in_force).then_some(previous)
    }

    /// The canonical stored form: JSON of the parsed checklist, so layout and comments in
    /// the file do not change it.
    pub fn canonical_json(&self) -> String {
        serde_json::to_string(self).expect("a checklist always serialises")
    }

    /// SHA-256 of the canonical form, hex: the identity of this exact content.
    pub fn content_hash(&self) -> String {
        let digest = Sha256::digest(self.canonical_json().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}
