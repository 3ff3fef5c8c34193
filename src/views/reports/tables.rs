//! The report's tables, in one language: the HTML page, the CSV and the workbook are all
//! drawn from these, so they cannot disagree.

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::report::{Figures, Levels, Report, Row};
use crate::i18n::Msg;
use crate::views::labels::{kind_label, severity_label};

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words.
    Text(String),
    /// A count.
    Count(u64),
    /// A share between 0 and 1; none when there is nothing to divide by.
    Share(Option<f64>),
    /// A number of days; none when there is nothing to measure.
    Days(Option<f64>),
    /// The difference from the previous period; none when either side has no value.
    Change(Option<f64>),
    /// The difference between two shares, as a fraction (0.1 is ten percentage points).
    ShareChange(Option<f64>),
    /// A day.
    Date(NaiveDate),
}

impl Cell {
    /// The value as a person reads it (`—` for none).
    pub fn text(&self, lang: Lang) -> String {
        let decimal = |v: f64, places: usize| {
            let s = format!("{v:.places$}");
            if lang == Lang::Vi {
                s.replace('.', ",")
            } else {
                s
            }
        };
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(Some(v)) => format!("{} %", decimal(v * 100.0, 1)),
            Cell::Days(Some(v)) => decimal(*v, if v.fract() == 0.0 { 0 } else { 1 }),
            Cell::Change(Some(v)) => {
                let places = if v.fract() == 0.0 { 0 } else { 1 };
                let sign = if *v > 0.0 { "+" } else { "" };
                format!("{sign}{}", decimal(*v, places))
            }
            Cell::ShareChange(Some(v)) => {
                let sign = if *v > 0.0 { "+" } else { "" };
                let unit = if lang == Lang::Vi {
                    "điểm %"
                } else {
                    "points"
                };
                format!("{sign}{} {unit}", decimal(v * 100.0, 1))
            }
            Cell::Share(None) | Cell::Days(None) | Cell::Change(None) | Cell::ShareChange(None) => {
                "—".to_owned()
            }
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }

    /// The value as a number, for the workbook and the charts.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Share(v) | Cell::Days(v) | Cell::Change(v) | Cell::ShareChange(v) => *v,
            Cell::Text(_) | Cell::Date(_) => None,
        }
    }
}

/// One table of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A stable name (`by_department`), for anchors, sheet-independent references and tests.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// Every table of `report`, in the order the document shows them.
pub fn tables(report: &Report, lang: Lang) -> Vec<Table> {
    let t = |m: Msg| m.get(lang).to_owned();
    vec![
        summary(report, lang),
        grouped(
            "by_department",
            t(Msg::ReportByDepartment),
            t(Msg::ReportDepartment),
            &report.by_department,
            |d| d.name.get(lang).to_owned(),
            lang,
        ),
        grouped(
            "by_area",
            t(Msg::ReportByArea),
            t(Msg::ReportArea),
            &report.by_area,
            |a| match a {
                Some(a) => format!("{} ({})", a.name.get(lang), a.code),
                None => t(Msg::ReportNoArea),
            },
            lang,
        ),
        grouped(
            "by_kind",
            t(Msg::ReportByKind),
            t(Msg::SiteKind),
            &report.by_kind,
            |k| kind_label(*k).get(lang).to_owned(),
            lang,
        ),
        fix_times(report, lang),
        deadlines(report, lang),
    ]
}

/// Reads one figure of a group.
type Read = fn(&Figures) -> Cell;

/// The rows of the summary: what each figure is called and where it is read.
fn summary_rows() -> Vec<(Msg, Read)> {
    vec![
        (Msg::ReportRegistered, |f| Cell::Count(f.registered)),
        (Msg::ReportRegisteredInPeriod, |f| {
            Cell::Count(f.registered_in_period)
        }),
        (Msg::ReportAudited, |f| Cell::Count(f.audited)),
        (Msg::ReportAuditedInPeriod, |f| {
            Cell::Count(f.audited_in_period)
        }),
        (Msg::ReportCoverage, |f| Cell::Share(f.coverage)),
        (Msg::ReportMedianAge, |f| Cell::Days(f.median_age_days)),
        (Msg::LevelAccessible, |f| Cell::Count(f.levels.accessible)),
        (Msg::LevelPartly, |f| Cell::Count(f.levels.partly)),
        (Msg::LevelNotAccessible, |f| {
            Cell::Count(f.levels.not_accessible)
        }),
        (Msg::ReportNotAudited, |f| Cell::Count(f.levels.unknown)),
        (Msg::ReportOpened, |f| Cell::Count(f.opened)),
        (Msg::ReportFixed, |f| Cell::Count(f.fixed)),
        (Msg::ReportVerified, |f| Cell::Count(f.verified)),
        (Msg::ReportWontFix, |f| Cell::Count(f.wont_fix)),
        (Msg::ReportOpenAtEnd, |f| Cell::Count(f.open_at_end)),
        (Msg::ReportOverdueAtEnd, |f| Cell::Count(f.overdue_at_end)),
    ]
}

fn summary(report: &Report, lang: Lang) -> Table {
    let rows = summary_rows()
        .into_iter()
        .map(|(label, read)| {
            let now = read(&report.total);
            let before = read(&report.total_previous);
            let difference = now.number().zip(before.number()).map(|(a, b)| a - b);
            let change = match now {
                Cell::Share(_) => Cell::ShareChange(difference),
                _ => Cell::Change(difference),
            };
            vec![Cell::Text(label.get(lang).to_owned()), now, before, change]
        })
        .collect();
    Table {
        id: "summary",
        title: Msg::ReportSummary.get(lang).to_owned(),
        columns: vec![
            Msg::ReportIndicator.get(lang).to_owned(),
            period_heading(Msg::ReportThisPeriod, report.period, lang),
            period_heading(Msg::ReportPreviousPeriod, report.previous, lang),
            Msg::ReportChange.get(lang).to_owned(),
        ],
        rows,
    }
}

fn period_heading(msg: Msg, p: crate::domain::report::Period, lang: Lang) -> String {
    format!(
        "{} ({} – {})",
        msg.get(lang),
        p.from.format("%d/%m/%Y"),
        p.to.format("%d/%m/%Y")
    )
}

/// The columns every grouped table has after its first.
const GROUP_COLUMNS: [Msg; 14] = [
    Msg::ReportRegistered,
    Msg::ReportAudited,
    Msg::ReportCoverage,
    Msg::ReportMedianAge,
    Msg::LevelAccessible,
    Msg::LevelPartly,
    Msg::LevelNotAccessible,
    Msg::ReportNotAudited,
    Msg::ReportOpened,
    Msg::ReportFixed,
    Msg::ReportVerified,
    Msg::ReportWontFix,
    Msg::ReportOpenAtEnd,
    Msg::ReportOverdueAtEnd,
];

fn group_cells(f: &Figures) -> Vec<Cell> {
    let Levels {
        accessible,
        partly,
        not_accessible,
        unknown,
    } = f.levels;
    vec![
        Cell::Count(f.registered),
        Cell::Count(f.audited),
        Cell::Share(f.coverage),
        Cell::Days(f.median_age_days),
        Cell::Count(accessible),
        Cell::Count(partly),
        Cell::Count(not_accessible),
        Cell::Count(unknown),
        Cell::Count(f.opened),
        Cell::Count(f.fixed),
        Cell::Count(f.verified),
        Cell::Count(f.wont_fix),
        Cell::Count(f.open_at_end),
        Cell::Count(f.overdue_at_end),
    ]
}

fn grouped<K>(
    id: &'static str,
    title: String,
    first: String,
    rows: &[Row<K>],
    name: impl Fn(&K) -> String,
    lang: Lang,
) -> Table {
    let mut columns = vec![first];
    columns.extend(GROUP_COLUMNS.iter().map(|m| m.get(lang).to_owned()));
    Table {
        id,
        title,
        columns,
        rows: rows
            .iter()
            .map(|r| {
                let mut cells = vec![Cell::Text(name(&r.key))];
                cells.extend(group_cells(&r.figures));
                cells
            })
            .collect(),
    }
}

fn fix_times(report: &Report, lang: Lang) -> Table {
    let t = |m: Msg| m.get(lang).to_owned();
    Table {
        id: "fix_times",
        title: t(Msg::ReportFixTimes),
        columns: vec![
            t(Msg::FindingSeverity),
            t(Msg::ReportFixed),
            t(Msg::ReportMedianDaysToFix),
            format!(
                "{} ({})",
                t(Msg::ReportFixed),
                t(Msg::ReportPreviousPeriodShort)
            ),
            format!(
                "{} ({})",
                t(Msg::ReportMedianDaysToFix),
                t(Msg::ReportPreviousPeriodShort)
            ),
        ],
        rows: report
            .fix_times
            .iter()
            .map(|f| {
                vec![
                    Cell::Text(severity_label(f.severity).get(lang).to_owned()),
                    Cell::Count(f.fixed),
                    Cell::Days(f.median_days),
                    Cell::Count(f.fixed_previous),
                    Cell::Days(f.median_days_previous),
                ]
            })
            .collect(),
    }
}

fn deadlines(report: &Report, lang: Lang) -> Table {
    let t = |m: Msg| m.get(lang).to_owned();
    Table {
        id: "deadlines",
        title: t(Msg::ReportDeadlines),
        columns: vec![
            t(Msg::ReportDeadline),
            t(Msg::ReportDeadlineClasses),
            t(Msg::ReportDeadlinePassed),
            t(Msg::ReportRegistered),
            t(Msg::LevelAccessible),
            t(Msg::LevelPartly),
            t(Msg::LevelNotAccessible),
            t(Msg::ReportNotAudited),
            t(Msg::ReportStillNotAccessible),
        ],
        rows: report
            .deadlines
            .iter()
            .map(|d| {
                let classes = if d.deadline.format("%Y").to_string() == "2020" {
                    Msg::ReportDeadline2020Classes
                } else {
                    Msg::ReportDeadline2025Classes
                };
                let passed = if d.passed { Msg::Yes } else { Msg::No };
                vec![
                    Cell::Date(d.deadline),
                    Cell::Text(t(classes)),
                    Cell::Text(t(passed)),
                    Cell::Count(d.sites),
                    Cell::Count(d.levels.accessible),
                    Cell::Count(d.levels.partly),
                    Cell::Count(d.levels.not_accessible),
                    Cell::Count(d.levels.unknown),
                    Cell::Count(d.levels.not_yet_accessible()),
                ]
            })
            .collect(),
    }
}
