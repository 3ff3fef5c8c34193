//! Checklists: regulation-based items an inspector answers, loaded from `checklists/*.toml`.

mod load;

pub use load::{ChecklistError, load_dir, parse};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::enums::string_enum;
use super::lang::Bilingual;
use super::site::SiteKind;

string_enum! {
    /// How much a failed item matters.
    Severity {
        /// Keeps people out or makes the place unusable.
        Critical = "critical",
        /// Serious difficulty.
        Major = "major",
        /// Comfort or information.
        Minor = "minor",
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
        /// A count.
        Count = "count",
        /// Seconds.
        Seconds = "seconds",
        /// Decibels.
        Db = "db",
    }
}

impl Unit {
    /// The largest sensible threshold in this unit, to catch typos such as a 90000 mm door.
    pub fn ceiling(self) -> f64 {
        match self {
            Unit::Mm => 100_000.0,
            Unit::M => 1_000.0,
            Unit::Percent => 100.0,
            Unit::Ratio => 1.0,
            Unit::Count => 10_000.0,
            Unit::Seconds => 3_600.0,
            Unit::Db => 200.0,
        }
    }
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
    },
}

/// One thing an inspector checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Code, unique and never reused (`entrance.door_width`).
    pub code: String,
    /// What to check.
    pub text: Bilingual,
    /// The regulation clause it rests on.
    pub clause: String,
    /// Public feature group.
    pub feature: Feature,
    /// Severity of a failure.
    pub severity: Severity,
    /// How it is answered.
    pub answer: Answer,
    /// When a photo is expected.
    pub photo: PhotoRule,
    /// False when the threshold comes from a secondary source and awaits confirmation.
    pub verified: bool,
    /// How to check or measure it.
    pub guidance: Option<Bilingual>,
}

/// A group of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Code.
    pub code: String,
    /// Title.
    pub title: Bilingual,
    /// Items in order.
    pub items: Vec<Item>,
}

/// A whole checklist at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    /// Stable id (`public-building`).
    pub id: String,
    /// Version, bumped on every change.
    pub version: u32,
    /// The regulation edition it follows.
    pub regulation: String,
    /// Site kinds it is used for.
    pub applies_to: Vec<SiteKind>,
    /// Title.
    pub title: Bilingual,
    /// Sections in order.
    pub sections: Vec<Section>,
}

impl Checklist {
    /// Every item in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
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
