//! The reviewer's view of a submitted audit: every answer beside its requirement, the
//! inspector's overrides and notes, the photos side by side with any location warning, and
//! the decision.

use std::collections::HashMap;

use maud::{Markup, html};

use super::{facts, reviewable_by};
use crate::domain::audit::Audit;
use crate::domain::audit::sheet::Status;
use crate::domain::checklist::Answer;
use crate::domain::photo::camera_distance;
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, problem_text};
use crate::views::checklists::requirement;
use crate::views::labels::{outcome_label, severity_label};
use crate::views::values::{measured, number};
use crate::views::{Ctx, layout};

/// `/audits/{id}/review`.
/// `typed` is the refused form, shown again as it was sent.
pub fn review_page(
    ctx: &Ctx,
    audit: &Audit,
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
    let title = ctx.t(Msg::ReviewTitle);
    let error = |field: &str| errors.and_then(|e| e.for_field(field));
    layout(
        ctx,
        title,
        html! {
            p { a href={ "/audits/" (audit.id) } { (ctx.t(Msg::AuditBack)) } }
            h1 { (title) ": " (audit.site.name) }
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
            h2 { (ctx.t(Msg::ReviewAnswers)) }
            @for section in &audit.checklist.sections {
                section aria-labelledby={ "s-" (section.code) } {
                    h3 id={ "s-" (section.code) } { (section.title.get(ctx.lang)) }
                    @if audit.sections_not_applicable.contains(&section.code) {
                        p { (ctx.t(Msg::AuditSectionNotApplicable)) }
                    } @else {
                        ol class="items" {
                            @for item in &section.items {
                                @let status = sheet.status(item);
                                @let answer = answers.iter().find(|a| a.item == item.code);
                                @let photos: Vec<_> = audit.photos.iter().filter(|p| p.item.as_deref() == Some(item.code.as_str())).collect();
                                li id={ "item-" (item.code) } {
                                    p class="item-text" { (item.text.get(ctx.lang)) }
                                    ul class="facts-inline" {
                                        li { (item.clause) }
                                        li { (ctx.t(severity_label(item.severity))) }
                                        @if !item.can_be_finding() {
                                            li { "(" (ctx.t(Msg::ReviewAdvice)) ")" }
                                        }
                                    }
                                    @match status {
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
                                                @let far = camera_distance(audit.site.location, p.exif_position).filter(|d| d.far).map(|d| d.metres);
                                                li {
                                                    a href={ (files) "/display" } {
                                                        img src={ (files) "/thumb" } width=(p.thumb.width) height=(p.thumb.height)
                                                            alt={ (ctx.t(Msg::AnswerPhoto)) ": " (item.text.get(ctx.lang)) };
                                                    }
                                                    @if let Some(metres) = far {
                                                        p class="notice" {
                                                            (ctx.t(Msg::ReviewLocationWarning)) " " (number(metres.round(), ctx.lang)) " " (ctx.t(Msg::ReviewMetres)) "."
                                                        }
                                                    }
                                                }
                                            }
                                        }
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
