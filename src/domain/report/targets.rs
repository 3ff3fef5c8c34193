//! The report's figures held against the province's targets: for each target, the actual
//! share on the report's last day, the share a steady pace from the start of the target's
//! year would have reached by then, and whether the figure is on track.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use super::compute::{level_on, state_on};
use super::{Facts, FindingFact, Named};
use crate::domain::finding::FindingState;
use crate::domain::site::SiteKind;
use crate::domain::site::level::Level;
use crate::domain::target::Measure;

/// A target as the report reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetFact {
    /// Id.
    pub id: Uuid,
    /// The year it is for.
    pub year: i32,
    /// What it measures.
    pub measure: Measure,
    /// One kind of site; none: every kind.
    pub kind: Option<SiteKind>,
    /// Its area; none: the whole province.
    pub area: Option<Named>,
    /// The area and every area inside it (empty for the whole province).
    pub areas: Vec<Uuid>,
    /// The share to reach, from 0 to 1.
    pub share: f64,
    /// The day to reach it by.
    pub by: NaiveDate,
    /// The programme it comes from.
    pub programme: String,
}

/// Where a figure stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The share is reached.
    Reached,
    /// Not reached yet, but at or ahead of a steady pace.
    OnTrack,
    /// Behind a steady pace, with time left.
    Behind,
    /// The day has passed without reaching it.
    Missed,
    /// Nothing to count (no site, or no finding, in its scope).
    NoData,
}

impl Standing {
    /// The stored and transmitted form.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Reached => "reached",
            Standing::OnTrack => "on_track",
            Standing::Behind => "behind",
            Standing::Missed => "missed",
            Standing::NoData => "no_data",
        }
    }
}

/// One target and the figure held against it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetProgress {
    /// The target.
    pub target: TargetFact,
    /// Sites (or findings) that count towards it.
    pub counted: u64,
    /// Out of.
    pub of: u64,
    /// `counted / of`; none when `of` is 0.
    pub actual: Option<f64>,
    /// The share a steady pace from the first day of its year reaches on the day counted.
    pub expected: f64,
    /// Where it stands.
    pub standing: Standing,
}

/// Holds `facts` on `as_of` against each of `targets`.
pub fn progress(facts: &Facts, targets: &[TargetFact], as_of: NaiveDate) -> Vec<TargetProgress> {
    let mut findings: HashMap<Uuid, Vec<&FindingFact>> = HashMap::new();
    for f in &facts.findings {
        findings.entry(f.site).or_default().push(f);
    }
    let none = Vec::new();
    targets
        .iter()
        .map(|target| {
            let areas: HashSet<Uuid> = target.areas.iter().copied().collect();
            let sites = facts.sites.iter().filter(|s| {
                s.registered <= as_of
                    && target.kind.is_none_or(|k| k == s.kind)
                    && (areas.is_empty() || s.area.is_some_and(|a| areas.contains(&a)))
            });
            let (mut counted, mut of) = (0, 0);
            for site in sites {
                let found = findings.get(&site.id).unwrap_or(&none);
                match target.measure {
                    Measure::Audited => {
                        of += 1;
                        counted += u64::from(site.approved.iter().any(|d| *d <= as_of));
                    }
                    Measure::Accessible => {
                        of += 1;
                        counted += u64::from(level_on(site, found, as_of) == Level::Accessible);
                    }
                    Measure::Fixed => {
                        for f in found.iter().filter(|f| f.found <= as_of) {
                            of += 1;
                            counted += u64::from(matches!(
                                state_on(f, as_of),
                                FindingState::Fixed | FindingState::Verified
                            ));
                        }
                    }
                }
            }
            let actual = (of > 0).then(|| counted as f64 / of as f64);
            let expected = target.share * pace(target, as_of);
            let standing = match actual {
                None => Standing::NoData,
                Some(a) if a >= target.share => Standing::Reached,
                Some(_) if as_of >= target.by => Standing::Missed,
                Some(a) if a >= expected => Standing::OnTrack,
                Some(_) => Standing::Behind,
            };
            TargetProgress {
                target: target.clone(),
                counted,
                of,
                actual,
                expected,
                standing,
            }
        })
        .collect()
}

/// How far through its time a target is on `day`: 0 on the first day of its year (or
/// before), 1 on its day (or after).
fn pace(target: &TargetFact, day: NaiveDate) -> f64 {
    let start = NaiveDate::from_ymd_opt(target.year, 1, 1).unwrap_or(target.by);
    let total = (target.by - start).num_days();
    if total <= 0 {
        return 1.0;
    }
    ((day - start).num_days() as f64 / total as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests;
