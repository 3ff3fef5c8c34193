//! Checklist pages: the list, and one checklist with its items.

use maud::{Markup, html};

use super::{Ctx, kind_label, layout, severity_label};
use crate::domain::checklist::{Answer, Checklist, Unit};
use crate::i18n::Msg;

/// Every checklist with its version and size.
pub fn list_page(ctx: &Ctx, checklists: &[&Checklist]) -> Markup {
    let title = ctx.t(Msg::ChecklistsTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::ChecklistsIntro)) }
            ul class="site-list" {
                @for c in checklists {
                    li {
                        a href={ "/checklists/" (c.id) } { (c.title.get(ctx.lang)) }
                        span class="meta" {
                            (c.regulation) " · " (ctx.t(Msg::ChecklistVersion)) " " (c.version)
                            " · " (ctx.t(Msg::ChecklistItems)) ": " (c.items().count())
                            " · "
                            @for (i, k) in c.applies_to.iter().enumerate() {
                                @if i > 0 { ", " }
                                (ctx.t(kind_label(*k)))
                            }
                        }
                    }
                }
            }
        },
    )
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// A threshold as people write it: `≥ 900 mm`, `≤ 1:12`, `900–1200 mm`.
fn requirement(ctx: &Ctx, answer: &Answer) -> String {
    match answer {
        Answer::YesNo => ctx.t(Msg::ChecklistYesNo).to_owned(),
        Answer::Measure {
            unit: Unit::Ratio,
            min,
            max,
        } => {
            let ratio = |f: f64| format!("1:{}", number((1.0 / f * 100.0).round() / 100.0));
            match (min, max) {
                (Some(lo), Some(hi)) => format!("{} – {}", ratio(*lo), ratio(*hi)),
                (Some(lo), None) => format!("≥ {}", ratio(*lo)),
                (None, Some(hi)) => format!("≤ {}", ratio(*hi)),
                (None, None) => String::new(),
            }
        }
        Answer::Measure { unit, min, max } => {
            let u = unit.as_str();
            match (min, max) {
                (Some(lo), Some(hi)) => format!("{}–{} {u}", number(*lo), number(*hi)),
                (Some(lo), None) => format!("≥ {} {u}", number(*lo)),
                (None, Some(hi)) => format!("≤ {} {u}", number(*hi)),
                (None, None) => String::new(),
            }
        }
    }
}

/// One checklist, section by section.
pub fn detail_page(ctx: &Ctx, checklist: &Checklist) -> Markup {
    let title = checklist.title.get(ctx.lang);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (checklist.regulation) " · " (ctx.t(Msg::ChecklistVersion)) " " (checklist.version) }
            @for section in &checklist.sections {
                section aria-labelledby={ "s-" (section.code) } {
                    h2 id={ "s-" (section.code) } { (section.title.get(ctx.lang)) }
                    ol class="items" {
                        @for item in &section.items {
                            li {
                                p class="item-text" { (item.text.get(ctx.lang)) }
                                p {
                                    (ctx.t(Msg::ChecklistRequirement)) ": "
                                    strong { (requirement(ctx, &item.answer)) }
                                    @if !item.verified {
                                        " " em class="unverified" { "(" (ctx.t(Msg::ChecklistUnverified)) ")" }
                                    }
                                }
                                p class="meta" {
                                    (ctx.t(Msg::ChecklistClause)) ": " (item.clause)
                                    " · " (ctx.t(Msg::ChecklistSeverity)) ": "
                                    (ctx.t(severity_label(item.severity)))
                                    " · " code { (item.code) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
