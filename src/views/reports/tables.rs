//! The report's tables, in one language: the HTML page, the CSV and the workbook are all
//! drawn from these, so they cannot disagree.

use crate::domain::lang::Lang;
use crate::domain::report::{Figure, Figures, Named, Report, Row, Value};
use crate::domain::site::SiteKind;
use crate::i18n::Msg;
use crate::i18n::dates::Dates;
use crate::views::labels::{figure_label, kind_label, severity_label};

pub use super::cells::{Cell, Table};

/// Every table of `report`, in the order the document shows them: the summary, the
/// figures of each department, area and kind, the whole scope's fix times and deadlines,
/// then the same groups in the previous period, by fix time and by deadline, then the
/// public's barrier reports by department and by area, then the cost of fixes by
/// department, area, kind and budget year, and the targets (in a report of the whole
/// province that has any). Days in headings are written as
/// `dates` says.
pub fn tables(report: &Report, lang: Lang, dates: Dates) -> Vec<Table> {
    let t = |m: Msg| m.get(lang).to_owned();
    let department = |d: &Named| Cell::Text(d.name.get(lang).to_owned());
    let area = |a: &Option<Named>| match a {
        Some(a) => Cell::Linked {
            text: format!("{} ({})", a.name.get(lang), a.code),
            href: format!("/areas/{}", a.id),
        },
        None => Cell::Text(t(Msg::ReportNoArea)),
    };
    let kind = |k: &SiteKind| Cell::Text(kind_label(*k).get(lang).to_owned());
    let by_department = Grouping {
        id: "department",
        sheet: t(Msg::ReportSheetDepartment),
        title: t(Msg::ReportByDepartment),
        first: t(Msg::ReportDepartment),
        rows: &report.by_department,
        name: &department,
        lang,
        dates,
    };
    let by_area = Grouping {
        id: "area",
        sheet: t(Msg::ReportSheetArea),
        title: t(Msg::ReportByArea),
        first: t(Msg::ReportArea),
        rows: &report.by_area,
        name: &area,
        lang,
        dates,
    };
    let by_kind = Grouping {
        id: "kind",
        sheet: t(Msg::ReportSheetKind),
        title: t(Msg::ReportByKind),
        first: t(Msg::SiteKind),
        rows: &report.by_kind,
        name: &kind,
        lang,
        dates,
    };
    let mut all = vec![
        summary(report, lang, dates),
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
    all.extend(super::barriers::tables(report, lang));
    all.extend(super::costs::tables(report, lang));
    all.extend(super::targets::table(report, lang));
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

/// The summary table: every figure of the summary for the period, the period before, and the
/// change.
pub fn summary(report: &Report, lang: Lang, dates: Dates) -> Table {
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
                Cell::Text(figure_label(*figure, lang, dates)),
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
            period_heading(Msg::ReportThisPeriod, report.period, lang, dates),
            period_heading(Msg::ReportPreviousPeriod, report.previous, lang, dates),
            Msg::ReportChange.get(lang).to_owned(),
        ],
        rows,
    }
}

fn period_heading(msg: Msg, p: crate::domain::report::Period, lang: Lang, dates: Dates) -> String {
    format!(
        "{} ({} – {})",
        msg.get(lang),
        dates.day(p.from),
        dates.day(p.to)
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
    name: &'a dyn Fn(&K) -> Cell,
    lang: Lang,
    dates: Dates,
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
        columns.extend(
            figures
                .iter()
                .map(|f| figure_label(*f, self.lang, self.dates)),
        );
        Table {
            id,
            sheet,
            title,
            columns,
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let mut cells = vec![(self.name)(&r.key)];
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
