//! The report's tables, in one language: the HTML page, the CSV and the workbook are all
//! drawn from these, so they cannot disagree.

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::report::{Figure, Figures, Named, Report, Row, Value};
use crate::domain::site::SiteKind;
use crate::i18n::Msg;
use crate::views::labels::{figure_label, kind_label, severity_label};
use crate::views::values::fixed;

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
        let decimal = |v: f64, places: usize| fixed(v, places, lang);
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
    pub id: String,
    /// Its sheet's name in the workbook, in the report's language: short (Excel takes at
    /// most 31 characters) and unique.
    pub sheet: String,
    /// Its title.
    pub title: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// Every table of `report`, in the order the document shows them: the summary, the
/// figures of each department, area and kind, the whole scope's fix times and deadlines,
/// then the same groups in the previous period, by fix time and by deadline.
pub fn tables(report: &Report, lang: Lang) -> Vec<Table> {
    let t = |m: Msg| m.get(lang).to_owned();
    let department = |d: &Named| d.name.get(lang).to_owned();
    let area = |a: &Option<Named>| match a {
        Some(a) => format!("{} ({})", a.name.get(lang), a.code),
        None => t(Msg::ReportNoArea),
    };
    let kind = |k: &SiteKind| kind_label(*k).get(lang).to_owned();
    let by_department = Grouping {
        id: "department",
        sheet: t(Msg::ReportSheetDepartment),
        title: t(Msg::ReportByDepartment),
        first: t(Msg::ReportDepartment),
        rows: &report.by_department,
        name: &department,
        lang,
    };
    let by_area = Grouping {
        id: "area",
        sheet: t(Msg::ReportSheetArea),
        title: t(Msg::ReportByArea),
        first: t(Msg::ReportArea),
        rows: &report.by_area,
        name: &area,
        lang,
    };
    let by_kind = Grouping {
        id: "kind",
        sheet: t(Msg::ReportSheetKind),
        title: t(Msg::ReportByKind),
        first: t(Msg::SiteKind),
        rows: &report.by_kind,
        name: &kind,
        lang,
    };
    let mut all = vec![
        summary(report, lang),
        by_department.figures(),
        by_area.figures(),
        by_kind.figures(),
        fix_times(report, lang),
        deadlines(report, lang),
        by_department.previous(),
        by_area.previous(),
        by_kind.previous(),
    ];
    all.extend([
        by_department.fix_times(),
        by_area.fix_times(),
        by_kind.fix_times(),
    ]);
    all.extend([
        by_department.deadlines(),
        by_area.deadlines(),
        by_kind.deadlines(),
    ]);
    all
}

/// A figure's value as a cell.
fn cell(value: Value) -> Cell {
    match value {
        Value::Count(n) => Cell::Count(n),
        Value::Share(v) => Cell::Share(v),
        Value::Days(v) => Cell::Days(v),
    }
}

fn summary(report: &Report, lang: Lang) -> Table {
    let rows = Figure::SUMMARY
        .iter()
        .map(|figure| {
            let now = figure.of(&report.total);
            let before = figure.of(&report.total_previous);
            let difference = now.number().zip(before.number()).map(|(a, b)| a - b);
            let change = match now {
                Value::Share(_) => Cell::ShareChange(difference),
                _ => Cell::Change(difference),
            };
            vec![
                Cell::Text(figure_label(*figure, lang)),
                cell(now),
                cell(before),
                change,
            ]
        })
        .collect();
    Table {
        id: "summary".into(),
        sheet: Msg::ReportSummary.get(lang).to_owned(),
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

/// The rows of one grouping (departments, areas or kinds), to be drawn as tables of
/// several sets of figures.
struct Grouping<'a, K> {
    /// The grouping's part of the table ids (`department`).
    id: &'static str,
    /// The grouping's part of the sheet names ("sở, ngành").
    sheet: String,
    title: String,
    /// The heading of the first column.
    first: String,
    rows: &'a [Row<K>],
    name: &'a dyn Fn(&K) -> String,
    lang: Lang,
}

impl<K> Grouping<'_, K> {
    /// The group's figures in the period (`by_department`).
    fn figures(&self) -> Table {
        let id = format!("by_{}", self.id);
        let sheet = format!("{} {}", self.t(Msg::ReportSheetBy), self.sheet);
        self.table(id, sheet, self.title.clone(), &Figure::group(), |r| {
            &r.figures
        })
    }

    /// The same figures in the previous period (`by_department_previous`).
    fn previous(&self) -> Table {
        let id = format!("by_{}_previous", self.id);
        let title = format!(
            "{} – {}",
            self.title,
            Msg::ReportPreviousPeriodShort.get(self.lang)
        );
        let sheet = format!(
            "{} {} ({})",
            self.t(Msg::ReportSheetBy),
            self.sheet,
            self.t(Msg::ReportSheetPrevious)
        );
        self.table(id, sheet, title, &Figure::group(), |r| &r.previous)
    }

    /// Fixes by severity, in the period and the one before (`fix_times_by_department`).
    fn fix_times(&self) -> Table {
        let id = format!("fix_times_by_{}", self.id);
        let title = self.subtitle(Msg::ReportFixTimes);
        let sheet = format!("{} – {}", self.t(Msg::ReportSheetFixesBy), self.sheet);
        self.both(id, sheet, title, &Figure::fix_times())
    }

    /// The sites due by each deadline and those not accessible yet, in the period and the
    /// one before (`deadlines_by_department`).
    fn deadlines(&self) -> Table {
        let id = format!("deadlines_by_{}", self.id);
        let title = self.subtitle(Msg::ReportDeadlinesShort);
        let sheet = format!("{} – {}", self.t(Msg::ReportSheetDeadlinesBy), self.sheet);
        self.both(id, sheet, title, &Figure::deadlines())
    }

    /// A message in the report's language.
    fn t(&self, msg: Msg) -> &'static str {
        msg.get(self.lang)
    }

    /// "Time to fix by severity – by responsible department".
    fn subtitle(&self, what: Msg) -> String {
        let mut by = self.title.clone();
        if let Some(first) = by.get(..1) {
            let lower = first.to_lowercase();
            by.replace_range(..1, &lower);
        }
        format!("{} – {by}", what.get(self.lang))
    }

    fn table(
        &self,
        id: String,
        sheet: String,
        title: String,
        figures: &[Figure],
        of: fn(&Row<K>) -> &Figures,
    ) -> Table {
        let mut columns = vec![self.first.clone()];
        columns.extend(figures.iter().map(|f| figure_label(*f, self.lang)));
        Table {
            id,
            sheet,
            title,
            columns,
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let mut cells = vec![Cell::Text((self.name)(&r.key))];
                    cells.extend(figures.iter().map(|f| cell(f.of(of(r)))));
                    cells
                })
                .collect(),
        }
    }

    /// `figures` in the period, then the same in the previous period.
    fn both(&self, id: String, sheet: String, title: String, figures: &[Figure]) -> Table {
        let earlier = self.table(String::new(), String::new(), String::new(), figures, |r| {
            &r.previous
        });
        let mut table = self.table(id, sheet, title, figures, |r| &r.figures);
        let short = Msg::ReportPreviousPeriodShort.get(self.lang);
        table.columns.extend(
            earlier.columns[1..]
                .iter()
                .map(|c| format!("{c} ({short})")),
        );
        for (row, before) in table.rows.iter_mut().zip(earlier.rows) {
            row.extend(before.into_iter().skip(1));
        }
        table
    }
}

fn fix_times(report: &Report, lang: Lang) -> Table {
    let t = |m: Msg| m.get(lang).to_owned();
    Table {
        id: "fix_times".into(),
        sheet: t(Msg::ReportSheetFixTimes),
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
        id: "deadlines".into(),
        sheet: t(Msg::ReportSheetDeadlines),
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
