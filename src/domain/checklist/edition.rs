//! The edition of the regulation a checklist follows, and checklists as earlier releases
//! stored them (read as today's, so old audits stay readable).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Checklist, Section};
use crate::domain::lang::Bilingual;
use crate::domain::site::{SiteKind, Subtype};

/// The edition a checklist follows, and the one it replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    /// The regulation and edition (`QCVN 10:2024/BXD`).
    pub name: String,
    /// The day it came into force.
    pub in_force: NaiveDate,
    /// The edition that may still govern works approved before `in_force`, and the clause
    /// that says so.
    pub previous: Option<PreviousEdition>,
}

/// An earlier edition that may still govern older works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousEdition {
    /// Its name (`QCVN 10:2014/BXD`).
    pub name: String,
    /// The clause of the new edition that keeps it valid for older works.
    pub clause: String,
}

/// A stored version as any release wrote it: the first versions named their edition in
/// `regulation` and had no subtypes, so old audits stay readable.
#[derive(Deserialize)]
pub(super) struct Stored {
    id: String,
    version: u32,
    #[serde(default)]
    edition: Option<Edition>,
    #[serde(default)]
    regulation: Option<String>,
    applies_to: Vec<SiteKind>,
    #[serde(default)]
    subtypes: Vec<Subtype>,
    title: Bilingual,
    sections: Vec<Section>,
}

/// The day QCVN 10:2024/BXD came into force, which every first-version checklist followed.
fn qcvn_10_2024_in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 2, 1).expect("a real date")
}

impl From<Stored> for Checklist {
    fn from(s: Stored) -> Self {
        let edition = s.edition.unwrap_or_else(|| Edition {
            name: s.regulation.unwrap_or_default(),
            in_force: qcvn_10_2024_in_force(),
            previous: None,
        });
        Checklist {
            id: s.id,
            version: s.version,
            edition,
            applies_to: s.applies_to,
            subtypes: s.subtypes,
            title: s.title,
            sections: s.sections,
        }
    }
}
