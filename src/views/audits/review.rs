//! The reviewer's view of a submitted audit at a glance: first what needs attention
//! (failures, results changed from the threshold's, alternatives, warnings such as a photo
//! taken far from the site), then what changed since it was last returned, then every
//! other answer folded by section; each answer beside its requirement with its note and
//! photos; and the decision.

use std::collections::HashMap;

use maud::{Markup, html};

use super::notes::{returned_comment, warning_text};
use super::{facts, reviewable_by};
use crate::domain::audit::sheet::{Sheet, Status};
use crate::domain::audit::since_return::{Changed, Said};
use crate::domain::audit::{Audit, Outcome, Warning};
use crate::domain::checklist::{Answer, Item};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, problem_text};
use crate::views::checklists::requirement;
use crate::views::components::distance;
use crate::views::labels::{outcome_label, severity_label};
use crate::views::values::measured;
use crate::views::{Ctx, layout};

/// One answer as the reviewer reads it: the item, its result beside the requirement, an
/// override and the note, and the photos with any warning.
fn answer_block(
    ctx: &Ctx,
    audit: &Audit,
    sheet: &Sheet<'_>,
    item: &Item,
    warnings: &[Warning],
) -> Markup {
    let answer = sheet.answer(&item.code);
    let photos: Vec<_> = audit
        .photos
        .iter()
        .filter(|p| p.item.as_deref() == Some(item.code.as_str()))
        .collect();
    let own = || warnings.iter().filter(|w| w.item() == item.code);
    html! {
        li id={ "item-" (item.code) } {
            p class="item-text" { (item.text.get(ctx.lang)) }
            ul class="facts-inline" {
                li { (crate::views::citation::clause(&item.clause, ctx.lang)) }
                li { (ctx.t(severity_label(item.severity))) }
                @if !item.can_be_finding() {
                    li { "(" (ctx.t(Msg::ReviewAdvice)) ")" }
                }
            }
            @match sheet.status(item) {
                Status::Answered(result) => {
                    p {
                        strong { (ctx.t(Msg::AnswerResult)) ": " (ctx.t(outcome_label(result))) }
                        @if let (Some(a), Answer::Measure { unit, .. }) = (answer, &item.answer) {
                            @if let Some(value) = a.value {
                                " · " (ctx.t(Msg::ReviewMeasured)) ": " (measured(value, *unit, ctx.lang))
                            }
                        }
                        @if let (Some(a), Answer::Count(count)) = (answer, &item.answer) {
                            " · " (count.total.get(ctx.lang)) ": " (a.total.unwrap_or(0))
                            " · " (count.provided.get(ctx.lang)) ": " (a.provided.unwrap_or(0))
                        }
                        " · " (ctx.t(Msg::ReviewThreshold)) ": " (requirement(ctx, &item.answer))
                    }
                    @if let Some(a) = answer.filter(|a| a.overridden()) {
                        p class="notice" {
                            (ctx.t(Msg::AnswerOverridden)) ": "
                            (ctx.t(Msg::AnswerComputed)) " "
                            (a.computed.map(|c| ctx.t(outcome_label(c))).unwrap_or("—"))
                            " → " (ctx.t(outcome_label(a.result)))
                        }
                    }
                    @for w in own().filter(|w| matches!(w, Warning::Implausible { .. })) {
                        p class="notice" { (warning_text(ctx, audit, w)) }
                    }
                    @if let Some(note) = answer.and_then(|a| a.note.as_deref()) {
                        p { (ctx.t(Msg::AnswerNote)) ": " (note) }
                    }
                }
                Status::NotAsked => p class="hint" { (ctx.t(Msg::ResultNotAsked)) },
                Status::Missing => p class="hint" { "—" },
                Status::SectionNotApplicable => p class="hint" { (ctx.t(Msg::AuditSectionNotApplicable)) },
            }
            @if !photos.is_empty() {
                ul class="photos" {
                    @for p in &photos {
                        @let files = format!("/api/v1/audits/{}/photos/{}", audit.id, p.id);
                        @let far = own().find_map(|w| match w {
                            Warning::PhotoFar { photo, metres, .. } if *photo == p.id => Some(*metres),
                            _ => None,
                        });
                        li {
                            a href={ (files) "/display" } {
                                img src={ (files) "/thumb" } width=(p.thumb.width) height=(p.thumb.height)
                                    alt={ (ctx.t(Msg::AnswerPhoto)) ": " (item.text.get(ctx.lang)) };
                            }
                            @if let Some(metres) = far {
                                p class="notice" {
                                    (ctx.t(Msg::ReviewLocationWarning)) " " (distance(metres, ctx.lang)) "."
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// True when the reviewer should see an item first: it failed, its result was changed
/// from the threshold's, it offers an alternative, or something about it needs a look.
fn needs_attention(sheet: &Sheet<'_>, item: &Item, warnings: &[Warning]) -> bool {
    matches!(
        sheet.status(item),
        Status::Answered(Outcome::Fail | Outcome::Alternative)
    ) || sheet.answer(&item.code).is_some_and(|a| a.overridden())
        || warnings.iter().any(|w| w.item() == item.code)
}

/// What an answer said, in a few words: its numbers and its result.
fn said(ctx: &Ctx, item: Option<&Item>, said: Option<&Said>) -> String {
    let Some(said) = said else {
        return ctx.t(Msg::ReviewNotAnswered).to_owned();
    };
    let numbers = match (
        item.map(|i| &i.answer),
        said.value,
        said.total,
        said.provided,
    ) {
        (Some(Answer::Measure { unit, .. }), Some(value), _, _) => {
            format!("{} · ", measured(value, *unit, ctx.lang))
        }
        (Some(Answer::Count(count)), _, Some(total), Some(provided)) => format!(
            "{}: {total}, {}: {provided} · ",
            count.total.get(ctx.lang),
            count.provided.get(ctx.lang)
        ),
        _ => String::new(),
    };
    format!("{numbers}{}", ctx.t(outcome_label(said.result)))
}

/// The answers changed since the audit was last returned, each before and after.
fn since_return(ctx: &Ctx, audit: &Audit, changes: &[Changed]) -> Markup {
    html! {
        section aria-labelledby="since-return" class="since-return" {
            h2 id="since-return" { (ctx.t(Msg::ReviewSinceReturn)) }
            @if changes.is_empty() {
                p { (ctx.t(Msg::ReviewSinceReturnNone)) }
            } @else {
                ul {
                    @for c in changes {
                        @let item = audit.checklist.item(&c.item);
                        li {
                            a href={ "#item-" (c.item) } { (item.map_or(c.item.as_str(), |i| i.text.get(ctx.lang))) }
                            ": " (said(ctx, item, c.before.as_ref())) " → " (said(ctx, item, c.after.as_ref()))
                        }
                    }
                }
            }
        }
    }
}

/// `/audits/{id}/review`: what needs attention first (failures, changed results,
/// alternatives, warnings), what changed since the audit was last returned, then every
/// other answer folded by section, and the decision. `typed` is the refused form, shown
/// again as it was sent.
pub fn review_page(
    ctx: &Ctx,
    audit: &Audit,
    changes: Option<&[Changed]>,
    errors: Option<&FieldErrors>,
    typed: Option<&HashMap<String, String>>,
) -> Markup {
    let typed_value = |name: &str| {
        typed
            .and_then(|t| t.get(name))
            .map(String::as_str)
            .unwrap_or_default()
    };
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let alternatives: Vec<&str> = sheet.alternatives().collect();
    let warnings = audit.warnings();
    let first: Vec<&Item> = audit
        .checklist
        .items()
        .filter(|item| needs_attention(&sheet, item, &warnings))
        .collect();
    let title = ctx.t(Msg::ReviewTitle);
    let error = |field: &str| errors.and_then(|e| e.for_field(field));
    layout(
        ctx,
        title,
        html! {
            p { a href={ "/audits/" (audit.id) } { (ctx.t(Msg::AuditBack)) } }
            h1 { (title) ": " (audit.site.name) }
            (returned_comment(ctx, audit))
            @if let Some(errors) = errors.filter(|e| !e.is_empty()) {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (ctx.t(Msg::FormErrorsTitle)) }
                    ul {
                        @for e in &errors.0 {
                            @let target = match e.field.as_str() {
                                "decision" => "decision".to_owned(),
                                "comment" => "comment".to_owned(),
                                code => format!("alternative-{code}"),
                            };
                            @let label = match e.field.as_str() {
                                "decision" => ctx.t(Msg::ReviewDecision).to_owned(),
                                "comment" => ctx.t(Msg::ReviewComment).to_owned(),
                                code => audit.checklist.item(code).map_or(code.to_owned(), |i| i.text.get(ctx.lang).to_owned()),
                            };
                            li { a href={ "#" (target) } { (label) } ": " (problem_text(&e.problem, ctx.lang)) }
                        }
                    }
                }
            }
            (facts(ctx, audit))
            section aria-labelledby="attention" {
                h2 id="attention" { (ctx.t(Msg::ReviewAttention)) " (" (first.len()) ")" }
                @if first.is_empty() {
                    p { (ctx.t(Msg::ReviewAttentionNone)) }
                } @else {
                    ol class="items attention" {
                        @for item in &first {
                            (answer_block(ctx, audit, &sheet, item, &warnings))
                        }
                    }
                }
            }
            @if let Some(changes) = changes {
                (since_return(ctx, audit, changes))
            }
            section aria-labelledby="the-rest" {
                h2 id="the-rest" { (ctx.t(Msg::ReviewTheRest)) }
                @for section in &audit.checklist.sections {
                    @let rest: Vec<&Item> = section.items.iter().filter(|i| !first.iter().any(|f| f.code == i.code)).collect();
                    @if !rest.is_empty() {
                        details class="review-section" {
                            summary { (section.title.get(ctx.lang)) " (" (rest.len()) ")" }
                            @if audit.sections_not_applicable.contains(&section.code) {
                                p { (ctx.t(Msg::AuditSectionNotApplicable)) }
                            } @else {
                                ol class="items" {
                                    @for item in &rest {
                                        (answer_block(ctx, audit, &sheet, item, &warnings))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if reviewable_by(ctx, audit) {
                form method="post" action={ "/audits/" (audit.id) "/review" } class="review" {
                    fieldset id="decision" {
                        legend { (ctx.t(Msg::ReviewDecision)) }
                        @if let Some(problem) = error("decision") {
                            p class="error" { (problem_text(problem, ctx.lang)) }
                        }
                        div class="choice" {
                            input type="radio" id="decision-approve" name="decision" value="approve"
                                checked[typed_value("decision") == "approve"];
                            label for="decision-approve" { (ctx.t(Msg::ReviewApprove)) }
                        }
                        div class="choice" {
                            input type="radio" id="decision-return" name="decision" value="return"
                                checked[typed_value("decision") == "return"];
                            label for="decision-return" { (ctx.t(Msg::ReviewReturn)) }
                        }
                    }
                    @for code in &alternatives {
                        @let item = audit.checklist.item(code);
                        fieldset id={ "alternative-" (code) } {
                            legend { (item.map_or(*code, |i| i.text.get(ctx.lang))) }
                            @if let Some(alternative) = item.and_then(|i| i.alternative.as_ref()) {
                                p class="hint" { (alternative.get(ctx.lang)) }
                            }
                            @if let Some(problem) = error(code) {
                                p class="error" { (problem_text(problem, ctx.lang)) }
                            }
                            div class="choice" {
                                input type="radio" id={ "accept-" (code) } name={ "alternative." (code) } value="accept"
                                    checked[typed_value(&format!("alternative.{code}")) == "accept"];
                                label for={ "accept-" (code) } { (ctx.t(Msg::ReviewAccept)) }
                            }
                            div class="choice" {
                                input type="radio" id={ "refuse-" (code) } name={ "alternative." (code) } value="refuse"
                                    checked[typed_value(&format!("alternative.{code}")) == "refuse"];
                                label for={ "refuse-" (code) } { (ctx.t(Msg::ReviewRefuse)) }
                            }
                        }
                    }
                    div class={ "field" @if error("comment").is_some() { " field-error" } } id="comment-field" {
                        label for="comment" { (ctx.t(Msg::ReviewComment)) }
                        p class="hint" id="comment-hint" { (ctx.t(Msg::ReviewCommentHint)) }
                        @if let Some(problem) = error("comment") {
                            p class="error" id="comment-error" { (problem_text(problem, ctx.lang)) }
                        }
                        textarea id="comment" name="comment" rows="4" aria-describedby="comment-hint" {
                            (typed_value("comment"))
                        }
                    }
                    button type="submit" { (ctx.t(Msg::ReviewSend)) }
                }
            }
        },
    )
}
