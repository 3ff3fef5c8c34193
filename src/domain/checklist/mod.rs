//! Checklists: regulation-based items an inspector answers, loaded from `checklists/*.toml`.
//!
//! The serde form of these types is the stored snapshot (its SHA-256 is a version's
//! identity); responses are built from them by the web layer's own types.

mod count;
mod edition;
#[cfg(test)]
pub mod fixtures;
mod load;

pub use count::{Over, Requirement, Step};
use edition::Stored;
pub use edition::{Edition, PreviousEdition};
pub use load::{ChecklistError, SourceFile, parse, parse_set};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::enums::string_enum;
use super::lang::Bilingual;
use super::site::{SiteKind, Subtype};

string_enum! {
    /// How much a failed item matters, the same in every checklist.
    Severity {
        /// A wheelchair user or a blind person cannot get in or use the main service.
        Critical = "critical",
        /// Possible only with help, or with danger.
        Major = "major",
        /// An inconvenience.
        Minor = "minor",
    }
}

string_enum! {
    /// Why an item is in the checklist.
    Basis {
        /// A clause of the Vietnamese code, read.
        Regulation = "regulation",
        /// An international reference filling a gap (ISO 21542, the 2010 ADA Standards).
        Standard = "standard",
        /// Good practice, no rule behind it.
        GoodPractice = "good_practice",
    }
}

string_enum! {
    /// The public feature group an item belongs to, as a visitor thinks of a place.
    Feature {
        /// Parking.
        Parking = "parking",
        /// Getting to the entrance.
        Approach = "approach",
        /// Entrance and doors.
        Entrance = "entrance",
        /// Corridors, inner doors, stairs.
        InsideRoutes = "inside_routes",
        /// Lifts.
        Lift = "lift",
        /// Toilets.
        Toilet = "toilet",
        /// Reception and counters.
        Counter = "counter",
        /// Signs and tactile information.
        Signage = "signage",
        /// Alarms and evacuation.
        Alarm = "alarm",
        /// Seating and wheelchair spaces.
        Seating = "seating",
        /// Boarding vehicles.
        Boarding = "boarding",
        /// Visiting exhibits, guides.
        Visit = "visit",
        /// Rooms to stay in: patient rooms, hotel rooms.
        Rooms = "rooms",
    }
}

string_enum! {
    /// When a photo is expected.
    PhotoRule {
        /// Never needed.
        Never = "never",
        /// When the item fails.
        OnFail = "on_fail",
        /// Always.
        Always = "always",
    }
}

string_enum! {
    /// Unit of a measured item.
    Unit {
        /// Millimetres.
        Mm = "mm",
        /// Metres.
        M = "m",
        /// Per cent.
        Percent = "percent",
        /// Rise over run, written `1:12`; stored as the fraction.
        Ratio = "ratio",
        /// Seconds.
        Seconds = "seconds",
        /// An absolute sound level, dB(A).
        DbLevel = "db_level",
        /// How far a sound rises above the background, in dB.
        DbAbove = "db_above",
        /// Decibels of either kind: only in checklist versions stored before the unit was
        /// split; new files must say `db_level` or `db_above`.
        Db = "db",
    }
}

impl Unit {
    /// The largest sensible value in this unit, to catch typos such as a 90000 mm door.
    pub fn ceiling(self) -> f64 {
        match self {
            Unit::Mm => 100_000.0,
            Unit::M => 1_000.0,
            Unit::Percent => 100.0,
            Unit::Ratio => 1.0,
            Unit::Seconds => 3_600.0,
            Unit::DbLevel => 200.0,
            Unit::DbAbove => 100.0,
            Unit::Db => 200.0,
        }
    }
}

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
        let sections = self
            .sections
            .iter()
            .filter_map(|section| {
                let items: Vec<Item> = section
                    .items
                    .iter()
                    .filter(|item| held(&item.code))
                    .map(|item| Item {
                        requires: item.requires.clone().filter(|gate| held(gate)),
                        ..item.clone()
                    })
                    .collect();
                (!items.is_empty()).then(|| Section {
                    code: section.code.clone(),
                    title: section.title.clone(),
                    question: None,
                    items,
                })
            })
            .collect();
        Checklist {
            sections,
            ..self.clone()
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
