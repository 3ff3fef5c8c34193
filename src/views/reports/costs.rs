//! What the fixes cost in the periodic report: one table each by department, area, site
//! kind and budget year, each ending with the total; the page, the CSV and the workbook
//! draw the same tables.

use super::cells::{Cell, Table};
use crate::domain::lang::Lang;
use crate::domain::report::{CostFigures, CostRow, Report};
use crate::i18n::Msg;
use crate::views::labels::kind_label;

/// Each row's first cell, by `name`, and its costs.
fn rows<K>(list: &[CostRow<K>], name: &dyn Fn(&K) -> Cell) -> Vec<(Cell, CostFigures)> {
    list.iter().map(|r| (name(&r.key), r.figures)).collect()
}

/// The four cost tables of `report`.
pub fn tables(report: &Report, lang: Lang) -> [Table; 4] {
    let costs = &report.costs;
    let t = |m: Msg| m.get(lang).to_owned();
    let table = |id: &str, group: Msg, first: Msg, title: Msg, rows: Vec<(Cell, CostFigures)>| {
        let line = |first: Cell, f: &CostFigures| {
            vec![
                first,
                Cell::Count(f.estimated_findings),
                Cell::Money(f.estimated),
                Cell::Count(f.actual_findings),
                Cell::Money(f.actual),
            ]
        };
        let mut lines: Vec<Vec<Cell>> = rows.iter().map(|(c, f)| line(c.clone(), f)).collect();
        lines.push(line(Cell::Text(t(Msg::ReportBarriersTotal)), &costs.total));
        Table {
            id: id.to_owned(),
            sheet: format!("{} – {}", t(Msg::ReportSheetCosts), t(group)),
            title: t(title),
            columns: vec![
                t(first),
                t(Msg::ReportCostEstimatedFindings),
                t(Msg::ReportCostEstimated),
                t(Msg::ReportCostActualFindings),
                t(Msg::ReportCostActual),
            ],
            rows: lines,
        }
    };
    let department = rows::<crate::domain::report::Named>(
        &costs.by_department,
        &|d: &crate::domain::report::Named| Cell::Text(d.name.get(lang).to_owned()),
    );
    let area = rows(&costs.by_area, &|a: &Option<
        crate::domain::report::Named,
    >| {
        match a {
            Some(a) => Cell::Linked {
                text: format!("{} ({})", a.name.get(lang), a.code),
                href: format!("/areas/{}", a.id),
            },
            None => Cell::Text(t(Msg::ReportNoArea)),
        }
    });
    let kind = rows(&costs.by_kind, &|k: &crate::domain::site::SiteKind| {
        Cell::Text(kind_label(*k).get(lang).to_owned())
    });
    let year = rows(&costs.by_year, &|y: &Option<i32>| match y {
        Some(y) => Cell::Text(y.to_string()),
        None => Cell::Text(t(Msg::ReportCostNoYear)),
    });
    [
        table(
            "costs_by_department",
            Msg::ReportSheetDepartment,
            Msg::ReportDepartment,
            Msg::ReportCostsByDepartment,
            department,
        ),
        table(
            "costs_by_area",
            Msg::ReportSheetArea,
            Msg::ReportArea,
            Msg::ReportCostsByArea,
            area,
        ),
        table(
            "costs_by_kind",
            Msg::ReportSheetKind,
            Msg::SiteKind,
            Msg::ReportCostsByKind,
            kind,
        ),
        table(
            "costs_by_year",
            Msg::ReportSheetYear,
            Msg::FindingBudgetYear,
            Msg::ReportCostsByYear,
            year,
        ),
    ]
}
