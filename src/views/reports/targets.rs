//! The province's targets in the periodic report: each target beside the figure on the
//! report's last day, the share a steady pace would have reached by then, and where it
//! stands. The page, the CSV and the workbook draw the same table.

use super::cells::{Cell, Table};
use crate::domain::lang::Lang;
use crate::domain::report::{Report, Standing, TargetFact};
use crate::domain::target::Measure;
use crate::i18n::Msg;
use crate::views::labels::kind_label;

/// What a target measures, for whom, in words: "Share of sites audited – transport stops –
/// Lộc Bình".
pub fn described(target: &TargetFact, lang: Lang) -> String {
    let mut words = vec![measure_label(target.measure).get(lang).to_owned()];
    words.push(match target.kind {
        Some(kind) => kind_label(kind).get(lang).to_owned(),
        None => Msg::TargetEveryKind.get(lang).to_owned(),
    });
    words.push(match &target.area {
        Some(area) => format!("{} ({})", area.name.get(lang), area.code),
        None => Msg::TargetWholeProvince.get(lang).to_owned(),
    });
    words.join(" – ")
}

/// A measure's name.
pub fn measure_label(measure: Measure) -> Msg {
    match measure {
        Measure::Audited => Msg::TargetAudited,
        Measure::Accessible => Msg::TargetAccessible,
        Measure::Fixed => Msg::TargetFixed,
    }
}

/// A standing's name.
pub fn standing_label(standing: Standing) -> Msg {
    match standing {
        Standing::Reached => Msg::TargetReached,
        Standing::OnTrack => Msg::TargetOnTrack,
        Standing::Behind => Msg::TargetBehind,
        Standing::Missed => Msg::TargetMissed,
        Standing::NoData => Msg::TargetNoData,
    }
}

/// The targets' table; none when the report holds no target.
pub fn table(report: &Report, lang: Lang) -> Option<Table> {
    if report.targets.is_empty() {
        return None;
    }
    let t = |m: Msg| m.get(lang).to_owned();
    let rows = report
        .targets
        .iter()
        .map(|p| {
            vec![
                Cell::Text(described(&p.target, lang)),
                Cell::Text(p.target.programme.clone()),
                Cell::Date(p.target.by),
                Cell::Share(Some(p.target.share)),
                Cell::Count(p.counted),
                Cell::Count(p.of),
                Cell::Share(p.actual),
                Cell::Share(Some(p.expected)),
                Cell::Text(t(standing_label(p.standing))),
            ]
        })
        .collect();
    Some(Table {
        id: "targets".into(),
        sheet: t(Msg::ReportSheetTargets),
        title: t(Msg::ReportTargets),
        columns: [
            Msg::TargetWhat,
            Msg::TargetProgramme,
            Msg::TargetBy,
            Msg::TargetShare,
            Msg::TargetCounted,
            Msg::TargetOf,
            Msg::TargetActual,
            Msg::TargetExpected,
            Msg::TargetStanding,
        ]
        .iter()
        .map(|m| t(*m))
        .collect(),
        rows,
    })
}
