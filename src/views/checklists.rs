//! Checklist pages: the list, and one checklist with everything an inspector needs to know
//! about each item.

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::domain::checklist::{Answer, Checklist, Gate, Item, Requirement, Unit};
use crate::i18n::Msg;
use crate::views::citation::clause;
use crate::views::labels::{basis_label, kind_label, severity_label, subtype_label, unit_label};
use crate::views::values::{measured, number};

/// Every checklist with its edition, version and size.
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
                    @let findings = c.items().filter(|i| i.can_be_finding()).count();
                    li {
                        a href={ "/checklists/" (c.id) } { (c.title.get(ctx.lang)) }
                        span class="meta" {
                            (c.edition.name) " · " (ctx.t(Msg::ChecklistVersion)) " " (c.version)
                            " · " (ctx.t(Msg::ChecklistItems)) ": " (c.items().count())
                            " (" (ctx.t(Msg::ChecklistCompliance)) ": " (findings) "; "
                            (ctx.t(Msg::ChecklistAdvice)) ": " (c.items().count() - findings) ")"
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

/// A count rule in words: "up to 5: 0; up to 50: 1; ...; from 201: 5, and 1 more for every
/// further 100".
fn count_rule(ctx: &Ctx, requirement: &Requirement) -> String {
    // Files say `above = N`, the last total (`from` is N); versions stored before that
    // reading start the open end one above it, and are shown as they were read.
    let over = |o: &crate::domain::checklist::Over, last: Option<u32>| {
        if last == Some(o.from) {
            let more = ctx
                .t(Msg::CountOneMorePerFull)
                .replace("{n}", &o.per.to_string());
            format!(
                "{} {}: {}, {more}",
                ctx.t(Msg::CountAbove),
                o.from,
                o.required
            )
        } else {
            format!(
                "{} {}: {}, {} {}",
                ctx.t(Msg::CountFrom),
                o.from,
                o.required,
                ctx.t(Msg::CountOneMorePer),
                o.per
            )
        }
    };
    match requirement {
        Requirement::Table { rows, over: open } => {
            let mut parts: Vec<String> = rows
                .iter()
                .map(|r| format!("{} {}: {}", ctx.t(Msg::CountUpTo), r.up_to, r.required))
                .collect();
            let last = rows.last().map(|r| r.up_to);
            parts.extend(open.as_ref().map(|o| over(o, last)));
            parts.join("; ")
        }
        Requirement::Share {
            percent,
            at_least,
            up_to,
            over: open,
        } => {
            let mut text = format!(
                "{} % {}",
                number(*percent, ctx.lang),
                ctx.t(Msg::CountOfTotal)
            );
            if *at_least > 0 {
                text.push_str(&format!(", {} {at_least}", ctx.t(Msg::CountAtLeast)));
            }
            if let (Some(up_to), Some(open)) = (up_to, open) {
                text.push_str(&format!(
                    " ({} {up_to}); {}",
                    ctx.t(Msg::CountUpTo),
                    over(open, Some(*up_to))
                ));
            }
            text
        }
        Requirement::Per { per } => format!("{} {per}", ctx.t(Msg::CountOnePer)),
    }
}

/// A requirement as people write it: `≥ 900 mm`, `≤ 1:12`, `900–1200 mm`, a count rule.
pub fn requirement(ctx: &Ctx, answer: &Answer) -> String {
    match answer {
        Answer::YesNo => ctx.t(Msg::ChecklistYesNo).to_owned(),
        Answer::Measure {
            unit,
            min,
            max,
            tolerance,
            strict,
        } => {
            let (at_least, at_most) = if *strict { (">", "<") } else { ("≥", "≤") };
            let shown = |v: f64| measured(v, *unit, ctx.lang);
            let mut text = match (min, max) {
                (Some(lo), Some(hi)) if matches!(unit, Unit::Ratio | Unit::Percent) => {
                    format!("{} – {}", shown(*lo), shown(*hi))
                }
                (Some(lo), Some(hi)) => format!(
                    "{}–{} {}",
                    number(*lo, ctx.lang),
                    number(*hi, ctx.lang),
                    unit_label(*unit, ctx.lang)
                ),
                (Some(lo), None) => format!("{at_least} {}", shown(*lo)),
                (None, Some(hi)) => format!("{at_most} {}", shown(*hi)),
                (None, None) => String::new(),
            };
            if let Some(t) = tolerance {
                let u = unit_label(*unit, ctx.lang);
                text.push_str(&format!(
                    " (± {} {u}, {})",
                    number(t.amount, ctx.lang),
                    clause(&t.clause, ctx.lang)
                ));
            }
            text
        }
        Answer::Count(count) => format!(
            "{} / {}: {}",
            count.provided.get(ctx.lang),
            count.total.get(ctx.lang),
            count_rule(ctx, &count.requirement)
        ),
    }
}

fn item(ctx: &Ctx, item: &Item) -> Markup {
    html! {
        li id={ "i-" (item.code) } {
            p class="item-text" { (item.text.get(ctx.lang)) }
            @if let Some(barrier) = &item.barrier {
                p { (ctx.t(Msg::ChecklistBarrier)) ": " (barrier.get(ctx.lang)) }
            }
            p {
                (ctx.t(Msg::ChecklistRequirement)) ": "
                strong { (requirement(ctx, &item.answer)) }
            }
            ul class="facts-inline" {
                li {
                    (ctx.t(Msg::ChecklistBasis)) ": " (ctx.t(basis_label(item.basis)))
                    @if !item.verified {
                        " " em class="unverified" { "(" (ctx.t(Msg::ChecklistUnverified)) ")" }
                    }
                }
                li {
                    @if item.can_be_finding() {
                        (ctx.t(Msg::ChecklistCompliance))
                    } @else {
                        (ctx.t(Msg::ChecklistAdvice))
                    }
                }
                @if item.not_applicable { li { (ctx.t(Msg::ChecklistMayBeNa)) } }
                @if item.required { li { (ctx.t(Msg::ChecklistRequired)) } }
                @if let Some(requires) = &item.requires {
                    li {
                        @match item.requires_when {
                            Gate::Passes => (ctx.t(Msg::ChecklistRequires)),
                            Gate::AtLeastOne => (ctx.t(Msg::ChecklistRequiresOne)),
                        }
                        " "
                        a href={ "#i-" (requires) } { code { (requires) } }
                    }
                }
                @if !item.subtypes.is_empty() {
                    li {
                        (ctx.t(Msg::ChecklistOnlyAt)) " "
                        @for (n, subtype) in item.subtypes.iter().enumerate() {
                            @if n > 0 { "; " }
                            (ctx.t(subtype_label(*subtype)))
                        }
                    }
                }
            }
            @if let Some(alternative) = &item.alternative {
                p { (ctx.t(Msg::ChecklistAlternative)) " " (alternative.get(ctx.lang)) }
            }
            @if let Some(guidance) = &item.guidance {
                p class="guidance" { (ctx.t(Msg::ChecklistGuidance)) ": " (guidance.get(ctx.lang)) }
            }
            p class="meta" {
                (ctx.t(Msg::ChecklistClause)) ": " (clause(&item.clause, ctx.lang))
                " · " (ctx.t(Msg::ChecklistSeverity)) ": "
                (ctx.t(severity_label(item.severity)))
                " · " code { (item.code) }
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
            p {
                (checklist.edition.name) " · " (ctx.t(Msg::ChecklistInForce)) " "
                (ctx.day(checklist.edition.in_force))
                " · " (ctx.t(Msg::ChecklistVersion)) " " (checklist.version)
            }
            @if let Some(previous) = &checklist.edition.previous {
                p { (ctx.t(Msg::ChecklistPrevious)) " " (previous.name) " (" (previous.clause) ")." }
            }
            @for section in &checklist.sections {
                section aria-labelledby={ "s-" (section.code) } {
                    h2 id={ "s-" (section.code) } { (section.title.get(ctx.lang)) }
                    @if let Some(question) = &section.question {
                        p class="question" {
                            strong { (ctx.t(Msg::ChecklistOptionalSection)) } " " (question.get(ctx.lang))
                        }
                    }
                    ol class="items" {
                        @for i in &section.items { (item(ctx, i)) }
                    }
                }
            }
        },
    )
}
