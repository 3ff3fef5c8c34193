//! What a department dashboard and a site's timeline show: counts over findings, a finding
//! with its history, a site's audits and findings. Read models, computed without I/O.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use super::{Finding, FindingState, HistoryEntry};
use crate::domain::audit::Head;
use crate::domain::checklist::Severity;
use crate::domain::site::{AreaRef, SiteKind};

/// How many findings share a state, severity, site kind and area, and whether they are
/// overdue or due this month (the store's grouped count).
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    /// State.
    pub state: FindingState,
    /// Severity.
    pub severity: Severity,
    /// The site's kind.
    pub kind: SiteKind,
    /// The site's area (`None`: outside every known area).
    pub area: Option<AreaRef>,
    /// Open and past its due date.
    pub overdue: bool,
    /// Due before the end of this month.
    pub due_this_month: bool,
    /// How many.
    pub count: u64,
}

/// What a department dashboard counts over the findings matching a filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// Every finding matching, by state.
    pub by_state: BTreeMap<&'static str, u64>,
    /// Open ones (open, planned, in progress, reopened) by severity.
    pub open_by_severity: BTreeMap<&'static str, u64>,
    /// Open and past their due date.
    pub overdue: u64,
    /// Open and due from today to the end of this month.
    pub due_this_month: u64,
    /// Marked fixed, waiting for a later audit.
    pub awaiting_verification: u64,
    /// Open ones by the site's area (code, name), most first.
    pub open_by_area: Vec<AreaCount>,
    /// Open ones by site kind.
    pub open_by_kind: BTreeMap<&'static str, u64>,
}

/// Open findings in one area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCount {
    /// The area; `None` for sites outside every known area.
    pub area: Option<AreaRef>,
    /// How many.
    pub open: u64,
}

/// Adds up the grouped counts.
pub fn tally(rows: &[CountRow]) -> Counts {
    let mut counts = Counts::default();
    for state in FindingState::ALL {
        counts.by_state.insert(state.as_str(), 0);
    }
    for severity in Severity::ALL {
        counts.open_by_severity.insert(severity.as_str(), 0);
    }
    let mut areas: HashMap<Option<Uuid>, AreaCount> = HashMap::new();
    for row in rows {
        *counts.by_state.entry(row.state.as_str()).or_default() += row.count;
        if row.state == FindingState::Fixed {
            counts.awaiting_verification += row.count;
        }
        if !row.state.is_open() {
            continue;
        }
        *counts
            .open_by_severity
            .entry(row.severity.as_str())
            .or_default() += row.count;
        *counts.open_by_kind.entry(row.kind.as_str()).or_default() += row.count;
        if row.overdue {
            counts.overdue += row.count;
        } else if row.due_this_month {
            counts.due_this_month += row.count;
        }
        areas
            .entry(row.area.as_ref().map(|a| a.id))
            .or_insert_with(|| AreaCount {
                area: row.area.clone(),
                open: 0,
            })
            .open += row.count;
    }
    let mut areas: Vec<AreaCount> = areas.into_values().collect();
    areas.sort_by(|a, b| {
        b.open.cmp(&a.open).then_with(|| {
            let name = |c: &AreaCount| c.area.as_ref().map(|a| a.name.clone());
            name(a).cmp(&name(b))
        })
    });
    counts.open_by_area = areas;
    counts
}

/// A finding with its history.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The finding.
    pub finding: Finding,
    /// Its changes, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// A site's audits and findings for its department's staff, coordinators and admins.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Its audits the person may see, newest first.
    pub audits: Vec<Head>,
    /// Its findings, newest first, with photos before and after.
    pub findings: Vec<Finding>,
    /// Every change of those findings, oldest first, as `(finding, change)`.
    pub history: Vec<(Uuid, HistoryEntry)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(state: FindingState, severity: Severity, overdue: bool, soon: bool, n: u64) -> CountRow {
        CountRow {
            state,
            severity,
            kind: SiteKind::PublicBuilding,
            area: None,
            overdue,
            due_this_month: soon,
            count: n,
        }
    }

    #[test]
    fn counts_add_open_findings_by_severity_and_keep_overdue_out_of_due_this_month() {
        use FindingState::*;
        let counts = tally(&[
            row(Open, Severity::Critical, false, false, 2),
            row(Planned, Severity::Major, true, true, 1),
            row(Planned, Severity::Major, false, true, 3),
            row(Fixed, Severity::Minor, false, true, 4),
            row(WontFix, Severity::Critical, false, false, 5),
            row(Verified, Severity::Major, false, false, 6),
        ]);
        assert_eq!(counts.open_by_severity["critical"], 2);
        assert_eq!(counts.open_by_severity["major"], 4);
        assert_eq!(counts.open_by_severity["minor"], 0);
        assert_eq!(counts.overdue, 1);
        assert_eq!(
            counts.due_this_month, 3,
            "overdue ones are counted as overdue only"
        );
        assert_eq!(counts.awaiting_verification, 4);
        assert_eq!(counts.by_state["wont_fix"], 5);
        assert_eq!(counts.by_state["verified"], 6);
        assert_eq!(counts.by_state["reopened"], 0);
        assert_eq!(counts.open_by_kind["public_building"], 6);
        assert_eq!(counts.open_by_area.len(), 1);
        assert_eq!(counts.open_by_area[0].open, 6);
    }
}
