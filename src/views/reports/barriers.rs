//! The public's barrier reports in the periodic report: a table by the department that
//! answers them (places in no registry in a row of their own) and one by area, each ending
//! with the total; the HTML page, the CSV and the workbook draw the same tables.

use super::cells::{Cell, Table};
use crate::domain::lang::Lang;
use crate::domain::report::{BarrierFigure, BarrierFigures, BarrierRow, Report};
use crate::i18n::Msg;

/// A barrier figure's heading; the days departments are given are named where they count.
fn barrier_label(figure: BarrierFigure, answer_days: u64, lang: Lang) -> String {
    let msg = match figure {
        BarrierFigure::Received => Msg::ReportBarriersReceived,
        BarrierFigure::AnsweredInTime => Msg::ReportBarriersInTime,
        BarrierFigure::Late => Msg::ReportBarriersLate,
        BarrierFigure::Awaiting => Msg::ReportBarriersAwaiting,
        BarrierFigure::Confirmed => Msg::ReportBarriersConfirmed,
        BarrierFigure::FollowUpPlanned => Msg::ReportBarriersFollowUp,
        BarrierFigure::NotABarrier => Msg::ReportBarriersNotABarrier,
        BarrierFigure::Duplicate => Msg::ReportBarriersDuplicate,
        BarrierFigure::StillOpen => Msg::ReportBarriersStillOpen,
    };
    msg.get(lang).replace("{days}", &answer_days.to_string())
}

/// The two tables of `report`'s barrier reports: by department, then by area.
pub fn tables(report: &Report, lang: Lang) -> [Table; 2] {
    let b = &report.barriers;
    let t = |m: Msg| m.get(lang).to_owned();
    let department = |row: &BarrierRow| match &row.key {
        Some(d) => Cell::Text(d.name.get(lang).to_owned()),
        None => Cell::Text(t(Msg::ReportBarriersUnregistered)),
    };
    let area = |row: &BarrierRow| match &row.key {
        Some(a) => Cell::Linked {
            text: format!("{} ({})", a.name.get(lang), a.code),
            href: format!("/areas/{}", a.id),
        },
        None => Cell::Text(t(Msg::ReportNoArea)),
    };
    let table = |id: &str,
                 group: Msg,
                 first: Msg,
                 title: Msg,
                 name: &dyn Fn(&BarrierRow) -> Cell,
                 rows: &[BarrierRow]| {
        let mut columns = vec![t(first)];
        columns.extend(
            BarrierFigure::ALL
                .iter()
                .map(|f| barrier_label(*f, b.answer_days, lang)),
        );
        let line = |first: Cell, f: &BarrierFigures| {
            let mut cells = vec![first];
            cells.extend(BarrierFigure::ALL.iter().map(|x| Cell::Count(x.of(f))));
            cells
        };
        let mut lines: Vec<Vec<Cell>> = rows.iter().map(|r| line(name(r), &r.figures)).collect();
        lines.push(line(Cell::Text(t(Msg::ReportBarriersTotal)), &b.total));
        Table {
            id: id.to_owned(),
            sheet: format!("{} – {}", t(Msg::ReportSheetBarriers), t(group)),
            title: t(title),
            columns,
            rows: lines,
        }
    };
    [
        table(
            "barriers_by_department",
            Msg::ReportSheetDepartment,
            Msg::ReportDepartment,
            Msg::ReportBarriersByDepartment,
            &department,
            &b.by_department,
        ),
        table(
            "barriers_by_area",
            Msg::ReportSheetArea,
            Msg::ReportArea,
            Msg::ReportBarriersByArea,
            &area,
            &b.by_area,
        ),
    ]
}
