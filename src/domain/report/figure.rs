//! The one list of a report's figures: what each is called in the data (its key), where it
//! is read in [`Figures`], and whether it is a count, a share or a number of days. The
//! JSON, the CSV, the workbook and the HTML tables all iterate these lists, so a figure
//! added here shows in every format.

use chrono::{Datelike, NaiveDate};

use super::{DEADLINES, Figures};
use crate::domain::checklist::Severity;

/// One figure of a group for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Sites registered by the last day.
    Registered,
    /// Sites registered during the period.
    RegisteredInPeriod,
    /// Sites with an approved audit by the last day.
    Audited,
    /// Sites with an audit approved during the period.
    AuditedInPeriod,
    /// Audited over registered.
    Coverage,
    /// Median days since the latest approved audit.
    MedianAge,
    /// Sites accessible on the last day.
    Accessible,
    /// Sites partly accessible.
    Partly,
    /// Sites not accessible.
    NotAccessible,
    /// Sites never audited.
    NotAudited,
    /// Findings found in the period.
    Opened,
    /// Findings marked fixed in the period.
    Fixed,
    /// Findings verified in the period.
    Verified,
    /// Findings given up in the period.
    WontFix,
    /// Findings open on the last day.
    OpenAtEnd,
    /// Of those, past their due date.
    OverdueAtEnd,
    /// Findings of this severity marked fixed in the period.
    FixedOf(Severity),
    /// Median days from found to fixed of those.
    DaysToFix(Severity),
    /// Sites registered by the last day that the law gave until this deadline.
    DueBy(NaiveDate),
    /// Of those, the ones not accessible on the last day (partly, not, or never audited).
    NotYetAccessibleBy(NaiveDate),
}

/// What a figure holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A count.
    Count(u64),
    /// A share between 0 and 1; none when there is nothing to divide by.
    Share(Option<f64>),
    /// A number of days; none when there is nothing to measure.
    Days(Option<f64>),
}

impl Value {
    /// The value as a number; none for a share or days with nothing to measure.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(n as f64),
            Value::Share(v) | Value::Days(v) => v,
        }
    }
}

impl Figure {
    /// The summary's rows, in order: the sites, their levels, the findings.
    pub const SUMMARY: [Figure; 16] = [
        Figure::Registered,
        Figure::RegisteredInPeriod,
        Figure::Audited,
        Figure::AuditedInPeriod,
        Figure::Coverage,
        Figure::MedianAge,
        Figure::Accessible,
        Figure::Partly,
        Figure::NotAccessible,
        Figure::NotAudited,
        Figure::Opened,
        Figure::Fixed,
        Figure::Verified,
        Figure::WontFix,
        Figure::OpenAtEnd,
        Figure::OverdueAtEnd,
    ];

    /// The figures of the sites and findings of a group, in the order the grouped tables
    /// show them: the summary's but the two that count the period alone.
    pub fn group() -> Vec<Figure> {
        Figure::SUMMARY
            .into_iter()
            .filter(|f| !matches!(f, Figure::RegisteredInPeriod | Figure::AuditedInPeriod))
            .collect()
    }

    /// Fixes and their median time, severity by severity.
    pub fn fix_times() -> Vec<Figure> {
        Severity::ALL
            .iter()
            .flat_map(|s| [Figure::FixedOf(*s), Figure::DaysToFix(*s)])
            .collect()
    }

    /// The sites due by each deadline of the law, and those of them not accessible yet.
    pub fn deadlines() -> Vec<Figure> {
        DEADLINES
            .iter()
            .flat_map(|d| [Figure::DueBy(*d), Figure::NotYetAccessibleBy(*d)])
            .collect()
    }

    /// Every figure a group has, each once: the summary's, then the fix times, then the
    /// deadlines.
    pub fn all() -> Vec<Figure> {
        let mut all = Figure::SUMMARY.to_vec();
        all.extend(Figure::fix_times());
        all.extend(Figure::deadlines());
        all
    }

    /// Its name in the data (JSON keys; stable).
    pub fn key(self) -> String {
        match self {
            Figure::Registered => "registered".into(),
            Figure::RegisteredInPeriod => "registered_in_period".into(),
            Figure::Audited => "audited".into(),
            Figure::AuditedInPeriod => "audited_in_period".into(),
            Figure::Coverage => "coverage".into(),
            Figure::MedianAge => "median_age_days".into(),
            Figure::Accessible => "accessible".into(),
            Figure::Partly => "partly".into(),
            Figure::NotAccessible => "not_accessible".into(),
            Figure::NotAudited => "not_audited".into(),
            Figure::Opened => "opened".into(),
            Figure::Fixed => "fixed".into(),
            Figure::Verified => "verified".into(),
            Figure::WontFix => "wont_fix".into(),
            Figure::OpenAtEnd => "open_at_end".into(),
            Figure::OverdueAtEnd => "overdue_at_end".into(),
            Figure::FixedOf(s) => format!("fixed_{}", s.as_str()),
            Figure::DaysToFix(s) => format!("median_days_to_fix_{}", s.as_str()),
            Figure::DueBy(d) => format!("due_{}", d.year()),
            Figure::NotYetAccessibleBy(d) => format!("not_yet_accessible_{}", d.year()),
        }
    }

    /// Its value in `f`.
    pub fn of(self, f: &Figures) -> Value {
        let severity = |s: Severity| Severity::ALL.iter().position(|x| *x == s);
        let deadline = |d: NaiveDate| DEADLINES.iter().position(|x| *x == d);
        match self {
            Figure::Registered => Value::Count(f.registered),
            Figure::RegisteredInPeriod => Value::Count(f.registered_in_period),
            Figure::Audited => Value::Count(f.audited),
            Figure::AuditedInPeriod => Value::Count(f.audited_in_period),
            Figure::Coverage => Value::Share(f.coverage),
            Figure::MedianAge => Value::Days(f.median_age_days),
            Figure::Accessible => Value::Count(f.levels.accessible),
            Figure::Partly => Value::Count(f.levels.partly),
            Figure::NotAccessible => Value::Count(f.levels.not_accessible),
            Figure::NotAudited => Value::Count(f.levels.unknown),
            Figure::Opened => Value::Count(f.opened),
            Figure::Fixed => Value::Count(f.fixed),
            Figure::Verified => Value::Count(f.verified),
            Figure::WontFix => Value::Count(f.wont_fix),
            Figure::OpenAtEnd => Value::Count(f.open_at_end),
            Figure::OverdueAtEnd => Value::Count(f.overdue_at_end),
            Figure::FixedOf(s) => Value::Count(severity(s).map_or(0, |i| f.fix_times[i].fixed)),
            Figure::DaysToFix(s) => {
                Value::Days(severity(s).and_then(|i| f.fix_times[i].median_days))
            }
            Figure::DueBy(d) => Value::Count(deadline(d).map_or(0, |i| {
                let levels = f.by_deadline[i];
                levels.accessible + levels.not_yet_accessible()
            })),
            Figure::NotYetAccessibleBy(d) => {
                Value::Count(deadline(d).map_or(0, |i| f.by_deadline[i].not_yet_accessible()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_its_own_key() {
        let all = Figure::all();
        let mut keys: Vec<String> = all.iter().map(|f| f.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all.len(), "{keys:?}");
        assert_eq!(
            all.len(),
            16 + 2 * Severity::ALL.len() + 2 * DEADLINES.len()
        );
    }

    #[test]
    fn each_figure_reads_its_own_field() {
        // Each figure of the summary holds its place in the list, counted from 1.
        let mut f = Figures {
            registered: 1,
            registered_in_period: 2,
            audited: 3,
            audited_in_period: 4,
            coverage: Some(0.5),
            median_age_days: Some(6.0),
            opened: 11,
            fixed: 12,
            verified: 13,
            wont_fix: 14,
            open_at_end: 15,
            overdue_at_end: 16,
            ..Figures::default()
        };
        f.levels.accessible = 7;
        f.levels.partly = 8;
        f.levels.not_accessible = 9;
        f.levels.unknown = 10;
        f.fix_times[1].fixed = 17;
        f.fix_times[1].median_days = Some(18.0);
        f.by_deadline[1].accessible = 19;
        f.by_deadline[1].unknown = 20;
        let numbers: Vec<Option<f64>> = Figure::all().iter().map(|x| x.of(&f).number()).collect();
        let n = |v: f64| Some(v);
        let mut want: Vec<Option<f64>> = (1..=16).map(|v| n(f64::from(v))).collect();
        want[4] = n(0.5);
        want.extend([n(0.0), None, n(17.0), n(18.0), n(0.0), None]);
        want.extend([n(0.0), n(0.0), n(39.0), n(20.0)]);
        assert_eq!(numbers, want);
    }
}
