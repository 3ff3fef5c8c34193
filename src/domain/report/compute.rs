//! The report's arithmetic: every figure comes from the facts here, once.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use uuid::Uuid;

use super::{
    Deadline, Facts, Figures, FindingFact, FixTimes, Levels, Named, Period, Report, Row, Scope,
    SiteFact,
};
use crate::domain::checklist::Severity;
use crate::domain::finding::FindingState;
use crate::domain::site::SiteKind;
use crate::domain::site::level::{Barrier, Level, level};

/// Computes the report for `period` over `facts`, compared with the period before it. A
/// period that has not ended by `today` is counted up to `today`: its "last day" figures
/// (levels, open and overdue findings, the age of the data) are as they stand today.
pub fn compute(facts: &Facts, scope: Scope, period: Period, today: NaiveDate) -> Report {
    let previous = period.previous();
    let counted = |p: Period| Period {
        from: p.from,
        to: p.to.min(today),
    };
    let mut findings: HashMap<Uuid, Vec<&FindingFact>> = HashMap::new();
    for f in &facts.findings {
        findings.entry(f.site).or_default().push(f);
    }
    let areas: HashMap<Uuid, &Named> = facts.areas.iter().map(|a| (a.id, a)).collect();

    let mut total = Group::default();
    let mut total_previous = Group::default();
    let mut departments: BTreeMap<Uuid, Group> = facts
        .departments
        .iter()
        .map(|d| (d.id, Group::default()))
        .collect();
    let mut by_area: HashMap<Option<Uuid>, Group> = HashMap::new();
    let mut kinds: BTreeMap<usize, Group> = (0..SiteKind::ALL.len())
        .map(|k| (k, Group::default()))
        .collect();
    let mut fixes: HashMap<Severity, (Vec<i64>, Vec<i64>)> = HashMap::new();
    let mut deadlines: BTreeMap<NaiveDate, Levels> = BTreeMap::new();

    let none = Vec::new();
    for site in &facts.sites {
        let found = findings.get(&site.id).unwrap_or(&none);
        let now = Outcome::of(site, found, counted(period));
        let before = Outcome::of(site, found, counted(previous));
        total.add(&now);
        total_previous.add(&before);
        departments.entry(site.department).or_default().add(&now);
        if now.level.is_some() {
            // An area is listed once it holds a site registered by the last day.
            by_area.entry(site.area).or_default().add(&now);
        }
        let kind = SiteKind::ALL
            .iter()
            .position(|k| *k == site.kind)
            .unwrap_or_default();
        kinds.entry(kind).or_default().add(&now);
        for (severity, days) in &now.fix_days {
            fixes.entry(*severity).or_default().0.push(*days);
        }
        for (severity, days) in &before.fix_days {
            fixes.entry(*severity).or_default().1.push(*days);
        }
        if let Some(level) = now.level {
            count_level(
                deadlines.entry(site.subtype.legal_deadline()).or_default(),
                level,
            );
        }
    }

    let by_department = facts
        .departments
        .iter()
        .map(|d| Row {
            key: d.clone(),
            figures: departments.remove(&d.id).unwrap_or_default().figures(),
        })
        .collect();
    let mut by_area: Vec<Row<Option<Named>>> = by_area
        .into_iter()
        .map(|(id, group)| Row {
            key: id.and_then(|id| areas.get(&id).map(|a| (*a).clone())),
            figures: group.figures(),
        })
        .collect();
    // Named areas by name, then the sites outside every known area.
    by_area.sort_by(|a, b| match (&a.key, &b.key) {
        (Some(x), Some(y)) => (x.name.vi.as_str(), &x.code).cmp(&(y.name.vi.as_str(), &y.code)),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    let by_kind = kinds
        .into_iter()
        .map(|(k, group)| Row {
            key: SiteKind::ALL[k],
            figures: group.figures(),
        })
        .collect();
    let fix_times = Severity::ALL
        .iter()
        .map(|severity| {
            let (mut now, mut before) = fixes.remove(severity).unwrap_or_default();
            FixTimes {
                severity: *severity,
                fixed: now.len() as u64,
                median_days: median(&mut now),
                fixed_previous: before.len() as u64,
                median_days_previous: median(&mut before),
            }
        })
        .collect();
    let deadlines = [2020, 2025]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, 1, 1))
        .map(|deadline| {
            let levels = deadlines.remove(&deadline).unwrap_or_default();
            Deadline {
                deadline,
                passed: deadline <= counted(period).to,
                sites: levels.accessible + levels.not_yet_accessible(),
                levels,
            }
        })
        .collect();

    Report {
        period,
        previous,
        as_of: counted(period).to,
        scope,
        total: total.figures(),
        total_previous: total_previous.figures(),
        by_department,
        by_area,
        by_kind,
        fix_times,
        deadlines,
    }
}

/// What one site adds to its groups for one period.
struct Outcome {
    /// Its level on the last day; `None` when it was not registered yet.
    level: Option<Level>,
    registered_in_period: bool,
    audited_in_period: bool,
    /// Days since its latest approved audit, on the last day.
    age: Option<i64>,
    opened: u64,
    fixed: u64,
    verified: u64,
    wont_fix: u64,
    open_at_end: u64,
    overdue_at_end: u64,
    /// For each finding marked fixed in the period: days from found to that fix.
    fix_days: Vec<(Severity, i64)>,
}

impl Outcome {
    fn of(site: &SiteFact, findings: &[&FindingFact], p: Period) -> Outcome {
        if site.registered > p.to {
            // Nothing of a site registered later belongs to this period.
            return Outcome::empty();
        }
        let mut out = Outcome {
            registered_in_period: p.holds(site.registered),
            audited_in_period: site.approved.iter().any(|d| p.holds(*d)),
            age: site
                .approved
                .iter()
                .filter(|d| **d <= p.to)
                .max()
                .map(|d| (p.to - *d).num_days()),
            ..Outcome::empty()
        };
        let mut standing = Vec::new();
        for f in findings {
            if f.found > p.to {
                continue;
            }
            out.opened += u64::from(p.holds(f.found));
            let took = |state| f.steps.iter().any(|(s, d)| *s == state && p.holds(*d));
            out.fixed += u64::from(took(FindingState::Fixed));
            out.verified += u64::from(took(FindingState::Verified));
            out.wont_fix += u64::from(took(FindingState::WontFix));
            if let Some(day) = f
                .steps
                .iter()
                .filter(|(s, d)| *s == FindingState::Fixed && p.holds(*d))
                .map(|(_, d)| *d)
                .max()
            {
                out.fix_days.push((f.severity, (day - f.found).num_days()));
            }
            let state = state_on(f, p.to);
            if state.is_open() {
                out.open_at_end += 1;
                out.overdue_at_end += u64::from(f.due.is_some_and(|due| due < p.to));
            }
            if state != FindingState::Verified {
                standing.push(Barrier {
                    severity: f.severity,
                    feature: f.feature,
                });
            }
        }
        out.level = Some(level(out.age.is_some(), &standing));
        out
    }

    fn empty() -> Outcome {
        Outcome {
            level: None,
            registered_in_period: false,
            audited_in_period: false,
            age: None,
            opened: 0,
            fixed: 0,
            verified: 0,
            wont_fix: 0,
            open_at_end: 0,
            overdue_at_end: 0,
            fix_days: Vec::new(),
        }
    }
}

/// The state `f` was in at the end of `day`.
fn state_on(f: &FindingFact, day: NaiveDate) -> FindingState {
    f.steps
        .iter()
        .rev()
        .find(|(_, d)| *d <= day)
        .map_or(FindingState::Open, |(s, _)| *s)
}

fn count_level(levels: &mut Levels, level: Level) {
    match level {
        Level::Accessible => levels.accessible += 1,
        Level::Partly => levels.partly += 1,
        Level::NotAccessible => levels.not_accessible += 1,
        Level::Unknown => levels.unknown += 1,
    }
}

/// Adds up the outcomes of a group's sites.
#[derive(Default)]
struct Group {
    figures: Figures,
    ages: Vec<i64>,
}

impl Group {
    fn add(&mut self, o: &Outcome) {
        let Some(level) = o.level else {
            return;
        };
        let f = &mut self.figures;
        f.registered += 1;
        f.registered_in_period += u64::from(o.registered_in_period);
        f.audited += u64::from(o.age.is_some());
        f.audited_in_period += u64::from(o.audited_in_period);
        count_level(&mut f.levels, level);
        f.opened += o.opened;
        f.fixed += o.fixed;
        f.verified += o.verified;
        f.wont_fix += o.wont_fix;
        f.open_at_end += o.open_at_end;
        f.overdue_at_end += o.overdue_at_end;
        self.ages.extend(o.age);
    }

    fn figures(mut self) -> Figures {
        let f = &mut self.figures;
        f.coverage = (f.registered > 0).then(|| f.audited as f64 / f.registered as f64);
        f.median_age_days = median(&mut self.ages);
        self.figures
    }
}

/// The median, the mean of the two middle values for an even count; none for no values.
fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    })
}

#[cfg(test)]
mod tests;
