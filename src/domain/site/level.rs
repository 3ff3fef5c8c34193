//! A site's public level and per-feature summary: one rule, written down in plain words in
//! `docs/levels.md`.
//!
//! - `unknown` while the site has no approved audit: never shown as accessible;
//! - `not_accessible` when an open critical barrier is in the approach or the entrance (a
//!   wheelchair user cannot get in);
//! - `accessible` when no critical or major barrier is open;
//! - `partly` otherwise.
//!
//! Only compliance findings count (items of a clause, read); advice never changes a level.

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::checklist::{Feature, Severity};
use crate::domain::enums::string_enum;

string_enum! {
    /// What the public is told about a site as a whole.
    Level {
        /// No critical or major barrier is open.
        Accessible = "accessible",
        /// Usable with some barriers.
        Partly = "partly",
        /// A wheelchair user cannot get in.
        NotAccessible = "not_accessible",
        /// Never audited (or no audit approved yet).
        Unknown = "unknown",
    }
}

impl Level {
    /// The OpenStreetMap `wheelchair=*` value this level maps onto; none when unknown.
    pub fn osm_wheelchair(self) -> Option<&'static str> {
        match self {
            Level::Accessible => Some("yes"),
            Level::Partly => Some("limited"),
            Level::NotAccessible => Some("no"),
            Level::Unknown => None,
        }
    }
}

string_enum! {
    /// How one feature group of a site (parking, entrance, toilet, ...) stands.
    FeatureState {
        /// Checked, and no barrier of it is open.
        Works = "works",
        /// A barrier of it is open.
        DoesNotWork = "does_not_work",
        /// Not checked: no approved audit, or nothing of it applied.
        NotChecked = "not_checked",
    }
}

/// An open compliance finding, as the level rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Barrier {
    /// How much it matters.
    pub severity: Severity,
    /// The feature group it belongs to.
    pub feature: Feature,
}

/// How much an open barrier weighs in a site's score (lower is better; 0 is none open).
pub fn weight(severity: Severity) -> u32 {
    match severity {
        Severity::Critical => 5,
        Severity::Major => 2,
        Severity::Minor => 1,
    }
}

/// The public level of a site: `audited` is whether it has an approved audit, `open` its
/// open compliance findings.
pub fn level(audited: bool, open: &[Barrier]) -> Level {
    if !audited {
        return Level::Unknown;
    }
    let blocks_the_way_in = open.iter().any(|b| {
        b.severity == Severity::Critical
            && matches!(b.feature, Feature::Approach | Feature::Entrance)
    });
    if blocks_the_way_in {
        Level::NotAccessible
    } else if open.iter().all(|b| b.severity == Severity::Minor) {
        Level::Accessible
    } else {
        Level::Partly
    }
}

/// A site's summary as stored after each approval and shown to the public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The public level.
    pub level: Level,
    /// Open critical barriers.
    pub critical: u32,
    /// Open major barriers.
    pub major: u32,
    /// Open minor barriers.
    pub minor: u32,
    /// The severity-weighted sum of open barriers ([`weight`]).
    pub score: u32,
    /// Every feature group, in order, with how it stands.
    pub features: Vec<(Feature, FeatureState)>,
}

/// Summarises a site: `checked` holds the feature groups that had a compliance item
/// answered in its latest approved audit (`None`: never approved), `open` its open
/// compliance findings.
pub fn summarise(checked: Option<&[Feature]>, open: &[Barrier]) -> Summary {
    let count = |severity| open.iter().filter(|b| b.severity == severity).count() as u32;
    let features = Feature::ALL
        .iter()
        .map(|feature| {
            let state = if open.iter().any(|b| b.feature == *feature) {
                FeatureState::DoesNotWork
            } else if checked.is_some_and(|c| c.contains(feature)) {
                FeatureState::Works
            } else {
                FeatureState::NotChecked
            };
            (*feature, state)
        })
        .collect();
    Summary {
        level: level(checked.is_some(), open),
        critical: count(Severity::Critical),
        major: count(Severity::Major),
        minor: count(Severity::Minor),
        score: open.iter().map(|b| weight(b.severity)).sum(),
        features,
    }
}

/// A site's stored summary with the approval it follows.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSummary {
    /// The latest approved audit.
    pub audit_id: Uuid,
    /// When it was approved.
    pub approved_at: DateTime<Utc>,
    /// The summary.
    pub summary: Summary,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule written out independently of [`level`], case by case.
    fn expected(audited: bool, open: &[Barrier]) -> Level {
        if !audited {
            return Level::Unknown;
        }
        let mut worst = Level::Accessible;
        for b in open {
            let this = match (b.severity, b.feature) {
                (Severity::Critical, Feature::Approach | Feature::Entrance) => Level::NotAccessible,
                (Severity::Critical | Severity::Major, _) => Level::Partly,
                (Severity::Minor, _) => Level::Accessible,
            };
            worst = match (worst, this) {
                (Level::NotAccessible, _) | (_, Level::NotAccessible) => Level::NotAccessible,
                (Level::Partly, _) | (_, Level::Partly) => Level::Partly,
                _ => Level::Accessible,
            };
        }
        worst
    }

    /// Every single barrier, and every pair of them.
    #[test]
    fn the_level_rule_holds_for_every_barrier_and_every_pair() {
        let mut barriers = Vec::new();
        for severity in Severity::ALL {
            for feature in Feature::ALL {
                barriers.push(Barrier {
                    severity: *severity,
                    feature: *feature,
                });
            }
        }
        for audited in [false, true] {
            assert_eq!(level(audited, &[]), expected(audited, &[]));
            for a in &barriers {
                assert_eq!(level(audited, &[*a]), expected(audited, &[*a]), "{a:?}");
                for b in &barriers {
                    let both = [*a, *b];
                    assert_eq!(level(audited, &both), expected(audited, &both), "{both:?}");
                }
            }
        }
    }

    #[test]
    fn the_named_cases_read_as_the_rule_says() {
        let b = |severity, feature| Barrier { severity, feature };
        assert_eq!(
            level(false, &[]),
            Level::Unknown,
            "never audited is never accessible"
        );
        assert_eq!(level(true, &[]), Level::Accessible);
        assert_eq!(
            level(true, &[b(Severity::Minor, Feature::Toilet)]),
            Level::Accessible
        );
        assert_eq!(
            level(true, &[b(Severity::Critical, Feature::Entrance)]),
            Level::NotAccessible
        );
        assert_eq!(
            level(true, &[b(Severity::Critical, Feature::Approach)]),
            Level::NotAccessible
        );
        assert_eq!(
            level(true, &[b(Severity::Critical, Feature::Toilet)]),
            Level::Partly,
            "a wheelchair user can get in"
        );
        assert_eq!(
            level(true, &[b(Severity::Major, Feature::Entrance)]),
            Level::Partly
        );
    }

    #[test]
    fn levels_map_onto_osm_wheelchair() {
        assert_eq!(Level::Accessible.osm_wheelchair(), Some("yes"));
        assert_eq!(Level::Partly.osm_wheelchair(), Some("limited"));
        assert_eq!(Level::NotAccessible.osm_wheelchair(), Some("no"));
        assert_eq!(Level::Unknown.osm_wheelchair(), None);
    }

    #[test]
    fn features_work_do_not_or_were_not_checked() {
        let open = [Barrier {
            severity: Severity::Major,
            feature: Feature::Toilet,
        }];
        let summary = summarise(Some(&[Feature::Entrance, Feature::Toilet]), &open);
        let state = |f| {
            summary
                .features
                .iter()
                .find(|(g, _)| *g == f)
                .map(|(_, s)| *s)
        };
        assert_eq!(state(Feature::Entrance), Some(FeatureState::Works));
        assert_eq!(state(Feature::Toilet), Some(FeatureState::DoesNotWork));
        assert_eq!(state(Feature::Lift), Some(FeatureState::NotChecked));
        assert_eq!((summary.critical, summary.major, summary.minor), (0, 1, 0));
        assert_eq!(summary.score, 2);
        assert_eq!(summary.level, Level::Partly);
        let never = summarise(None, &[]);
        assert_eq!(never.level, Level::Unknown);
        assert!(
            never
                .features
                .iter()
                .all(|(_, s)| *s == FeatureState::NotChecked)
        );
    }
}
