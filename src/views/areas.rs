//! An area's public page: coverage and age of the data, levels, open barriers, and the
//! areas below it.

use maud::{Markup, html};

use super::sites::accessibility::level_mark;
use super::{Ctx, layout};
use crate::domain::area::AreaFacts;
use crate::i18n::Msg;
use crate::views::labels::{level_label, severity_label};

/// `/areas/{id}`.
pub fn page(ctx: &Ctx, f: &AreaFacts) -> Markup {
    let title = &f.area.name;
    layout(
        ctx,
        title,
        html! {
            @if let Some(parent) = &f.parent {
                p { a href={ "/areas/" (parent.id) } { (parent.name) } }
            }
            h1 { (title) }
            dl class="facts" {
                dt { (ctx.t(Msg::AreaRegistered)) } dd { (f.registered) }
                dt { (ctx.t(Msg::AreaAudited)) } dd { (f.audited) " (" (f.coverage_percent()) " %)" }
                dt { (ctx.t(Msg::AreaDataAge)) }
                dd {
                    @match f.audits_between {
                        Some((oldest, newest)) => { (ctx.local_day(oldest)) " – " (ctx.local_day(newest)) }
                        None => (ctx.t(Msg::SiteNotAudited)),
                    }
                }
            }
            table {
                caption { (ctx.t(Msg::AreaLevels)) }
                thead { tr { th scope="col" { (ctx.t(Msg::HomeLevel)) } th scope="col" { (ctx.t(Msg::AreaSites)) } } }
                tbody {
                    @for (level, n) in &f.by_level {
                        tr {
                            th scope="row" {
                                span aria-hidden="true" class="level-mark" { (level_mark(*level)) } " "
                                a href={ "/?area=" (f.area.id) "&level=" (level.as_str()) } { (ctx.t(level_label(*level))) }
                            }
                            td { (n) }
                        }
                    }
                }
            }
            table {
                caption { (ctx.t(Msg::AreaOpenBarriers)) }
                thead { tr { th scope="col" { (ctx.t(Msg::FindingSeverity)) } th scope="col" { (ctx.t(Msg::FindingsCountOpen)) } } }
                tbody {
                    @for (severity, n) in &f.open_by_severity {
                        tr { th scope="row" { (ctx.t(severity_label(*severity))) } td { (n) } }
                    }
                }
            }
            @if !f.below.is_empty() {
                h2 { (ctx.t(Msg::AreaBelow)) }
                ul class="site-list" {
                    @for (area, registered, audited) in &f.below {
                        li {
                            a href={ "/areas/" (area.id) } { (area.name) }
                            span class="meta" { (ctx.t(Msg::AreaRegistered)) ": " (registered) " · " (ctx.t(Msg::AreaAudited)) ": " (audited) }
                        }
                    }
                }
            }
            p { a href={ "/?area=" (f.area.id) } { (ctx.t(Msg::AreaListSites)) } }
        },
    )
}
