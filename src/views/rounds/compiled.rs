//! The compiled report as the printable HTML document of the periodic report, with the
//! round's title under its own and every accepted part after its tables.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::report::Letterhead;
use crate::domain::round::{Compiled, CompiledPart};
use crate::i18n::Msg;
use crate::i18n::dates::Dates;
use crate::views::labels::round_kind_label;
use crate::views::reports::tables::{self, Table};
use crate::views::reports::{Addition, document_with, table_markup};

/// The whole document.
pub fn document(
    c: &Compiled,
    lang: Lang,
    letterhead: &Letterhead,
    generated: DateTime<Utc>,
    zone: Tz,
) -> Markup {
    let addition = Addition {
        subtitle: Some(format!(
            "{} ({})",
            c.round.title,
            round_kind_label(c.round.kind).get(lang)
        )),
        after_tables: Some(parts(c, lang)),
    };
    document_with(&c.report, lang, letterhead, generated, zone, &addition)
}

/// A part's figures as a table of its own (its anchors apart from the report's summary).
fn part_summary(part: &CompiledPart, lang: Lang) -> Table {
    let mut summary = tables::summary(&part.figures, lang, Dates::Written(lang));
    summary.id = format!("part-{}", part.line.department.code);
    summary
}

/// Every accepted part: its department's figures, then its three sections.
fn parts(c: &Compiled, lang: Lang) -> Markup {
    let t = |m: Msg| m.get(lang);
    html! {
        section class="report-parts" aria-labelledby="parts" {
            h2 id="parts" { (t(Msg::CompiledPartsTitle)) }
            @if c.parts.is_empty() {
                p { (t(Msg::CompiledNoParts)) }
            }
            @for part in &c.parts {
                @let code = &part.line.department.code;
                @let summary = part_summary(part, lang);
                section class="report-part" aria-labelledby={ "d-" (code) } {
                    h3 id={ "d-" (code) } { (part.line.department.name.get(lang)) }
                    h4 id={ "t-part-" (code) } { (t(Msg::PartFigures)) }
                    (table_markup(&summary, lang))
                    @for (label, body) in [
                        (Msg::PartResults, &part.line.part.sections.results),
                        (Msg::PartDifficulties, &part.line.part.sections.difficulties),
                        (Msg::PartProposals, &part.line.part.sections.proposals),
                    ] {
                        h4 { (t(label)) }
                        @for line in body.lines().filter(|l| !l.trim().is_empty()) { p { (line) } }
                    }
                }
            }
            @if !c.missing.is_empty() {
                p {
                    (t(Msg::CompiledMissing)) ": "
                    @for (n, l) in c.missing.iter().enumerate() {
                        @if n > 0 { ", " }
                        (l.department.name.get(lang))
                    }
                    "."
                }
            }
        }
    }
}
