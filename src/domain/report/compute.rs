//! The report's arithmetic: every figure comes from the facts here, once.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use uuid::Uuid;

use super::{
    DEADLINES, Deadline, Facts, Figures, FindingFact, FixTimes, Levels, Named, Period, Report, Row,
    SEVERITIES, Scope, SiteFact,
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

    let mut total = Both::default();
    let mut departments: BTreeMap<Uuid, Both> = facts
        .departments
        .iter()
        .map(|d| (d.id, Both::default()))
        .collect();
    let mut by_area: HashMap<Option<Uuid>, Both> = HashMap::new();
    let mut kinds: Vec<Both> = SiteKind::ALL.iter().map(|_| Both::default()).collect();

    let none = Vec::new();
    for site in &facts.sites {
        let found = findings.get(&site.id).unwrap_or(&none);
        let now = Outcome::of(site, found, counted(period));
        let before = Outcome::of(site, found, counted(previous));
        let deadline = DEADLINES
            .iter()
            .position(|d| *d == site.subtype.legal_deadline());
        let add = |both: &mut Both| {
            both.now.add(&now, deadline);
            both.before.add(&before, deadline);
        };
        add(&mut total);
        add(departments.entry(site.department).or_default());
        if now.level.is_some() {
            // An area is listed once it holds a site registered by the last day.
            add(by_area.entry(site.area).or_default());
        }
        let kind = SiteKind::ALL
            .iter()
            .position(|k| *k == site.kind)
            .unwrap_or_default();
        add(&mut kinds[kind]);
    }

    let by_department = facts
        .departments
        .iter()
        .map(|d| departments.remove(&d.id).unwrap_or_default().row(d.clone()))
        .collect();
    let mut by_area: Vec<Row<Option<Named>>> = by_area
        .into_iter()
        .map(|(id, both)| both.row(id.and_then(|id| areas.get(&id).map(|a| (*a).clone()))))
        .collect();
    // Named areas by name, then the sites outside every known area.
    by_area.sort_by(|a, b| match (&a.key, &b.key) {
        (Some(x), Some(y)) => (x.name.vi.as_str(), &x.code).cmp(&(y.name.vi.as_str(), &y.code)),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    let by_kind = kinds
        .into_iter()
        .zip(SiteKind::ALL)
        .map(|(both, kind)| both.row(*kind))
        .collect();
    let Row {
        figures: total,
        previous: total_previous,
        ..
    } = total.row(());
    let fix_times = Severity::ALL
        .iter()
        .zip(total.fix_times.iter().zip(&total_previous.fix_times))
        .map(|(severity, (now, before))| FixTimes {
            severity: *severity,
            fixed: now.fixed,
            median_days: now.median_days,
            fixed_previous: before.fixed,
            median_days_previous: before.median_days,
        })
        .collect();
    let deadlines = DEADLINES
        .iter()
        .zip(total.by_deadline)
        .map(|(deadline, levels)| Deadline {
            deadline: *deadline,
            passed: *deadline <= counted(period).to,
            sites: levels.accessible + levels.not_yet_accessible(),
            levels,
        })
        .collect();

    Report {
        period,
        previous,
        as_of: counted(period).to,
        scope,
        total,
        total_previous,
        by_department,
        by_area,
        by_kind,
        fix_times,
        deadlines,
        barriers: super::BarrierReports::default(),
        costs: super::Costs::default(),
        targets: Vec::new(),
    }
}

/// A group's sums for the period and for the one before.
#[derive(Default)]
struct Both {
    now: Group,
    before: Group,
}

impl Both {
    fn row<K>(self, key: K) -> Row<K> {
        Row {
            key,
            figures: self.now.figures(),
            previous: self.before.figures(),
        }
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

/// The level of `site`, with its `findings`, at the end of `day` (not audited when it was
/// not registered yet).
pub(super) fn level_on(site: &SiteFact, findings: &[&FindingFact], day: NaiveDate) -> Level {
    let on = Period { from: day, to: day };
    Outcome::of(site, findings, on)
        .level
        .unwrap_or(Level::Unknown)
}

/// The state `f` was in at the end of `day`.
pub(super) fn state_on(f: &FindingFact, day: NaiveDate) -> FindingState {
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
    /// Days from found to fixed, one list per severity.
    fix_days: [Vec<i64>; SEVERITIES],
}

impl Group {
    /// Adds a site whose legal deadline is the `deadline`-th of [`DEADLINES`].
    fn add(&mut self, o: &Outcome, deadline: Option<usize>) {
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
        if let Some(levels) = deadline.and_then(|i| f.by_deadline.get_mut(i)) {
            count_level(levels, level);
        }
        self.ages.extend(o.age);
        for (severity, days) in &o.fix_days {
            if let Some(i) = Severity::ALL.iter().position(|s| s == severity) {
                self.fix_days[i].push(*days);
            }
        }
    }

    fn figures(mut self) -> Figures {
        let f = &mut self.figures;
        f.coverage = (f.registered > 0).then(|| f.audited as f64 / f.registered as f64);
        f.median_age_days = median(&mut self.ages);
        for (fix, days) in f.fix_times.iter_mut().zip(&mut self.fix_days) {
            fix.fixed = days.len() as u64;
            fix.median_days = median(days);
        }
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
