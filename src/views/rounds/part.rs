//! A department's part of a round: its figures for the period (read-only, from the data),
//! the three sections as a form for its reviewers while it may be written, the
//! coordinator's comment when returned, and the coordinator's decision form once sent.

use maud::{Markup, html};

use crate::domain::round::PartView;
use crate::domain::round::{PartState, Sections};
use crate::domain::validation::FieldErrors;
use crate::i18n::dates::Dates;
use crate::i18n::{Msg, field_label, problem_text};
use crate::views::components::{self, FieldParts, notice};
use crate::views::labels::part_state_label;
use crate::views::reports::{table_markup, tables};
use crate::views::{Ctx, layout};

/// What the part's page shows besides the part: what was typed (given back when refused),
/// what is wrong, and what was just done.
pub struct PartPage<'a> {
    /// The part as read.
    pub view: &'a PartView,
    /// The sections as typed, when a form was refused; the stored ones otherwise.
    pub typed: Option<&'a Sections>,
    /// The decision form as typed: decision and comment.
    pub decision: (&'a str, &'a str),
    /// What is wrong with the form sent.
    pub errors: Option<&'a FieldErrors>,
    /// What was just done, to say so.
    pub done: Option<Msg>,
}

/// The three sections with their labels.
const SECTIONS: [(&str, Msg); 3] = [
    ("results", Msg::PartResults),
    ("difficulties", Msg::PartDifficulties),
    ("proposals", Msg::PartProposals),
];

/// `/rounds/{id}/parts/{code}`.
pub fn part_page(ctx: &Ctx, page: &PartPage<'_>) -> Markup {
    let v = page.view;
    let part = &v.line.part;
    let department = v.line.department.name.get(ctx.lang);
    let title = format!("{} {department}", ctx.t(Msg::PartTitle));
    let error = |f: &str| page.errors.and_then(|e| e.for_field(f));
    let editable = v.writes
        && matches!(
            part.state,
            PartState::Pending | PartState::Draft | PartState::Returned
        );
    let sections = page.typed.unwrap_or(&part.sections);
    let summary = tables::summary(&v.figures, ctx.lang, Dates::Written(ctx.lang));
    let action = format!("/rounds/{}/parts/{}", v.round.id, v.line.department.code);
    layout(
        ctx,
        &title,
        html! {
            p { a href={ "/rounds/" (v.round.id) } { (v.round.title) } }
            h1 { (title) }
            @if let Some(done) = page.done { (notice(ctx.t(done))) }
            @if let Some(errors) = page.errors {
                (components::error_summary(ctx, errors, |f| (format!("part-{f}"), field_label(f, ctx.lang))))
            }
            dl class="facts" {
                dt { (ctx.t(Msg::RoundPartState)) }
                dd {
                    (ctx.t(part_state_label(part.state)))
                    @if v.line.late { " (" (ctx.t(Msg::RoundLate)) ")" }
                }
                dt { (ctx.t(Msg::RoundPeriod)) } dd { (super::period(ctx, &v.round)) }
                dt { (ctx.t(Msg::RoundDueOn)) } dd { (ctx.day(v.round.due_on)) }
            }
            @if let Some(comment) = part.comment.as_deref().filter(|_| part.state == PartState::Returned) {
                div class="returned" role="note" aria-labelledby="comment-title" {
                    h2 id="comment-title" { (ctx.t(Msg::PartComment)) }
                    p { (ctx.t(Msg::PartReturnedNote)) }
                    blockquote class="comment" { (comment) }
                }
            }
            // The table's own region is named by this heading: the section is not a landmark.
            section {
                h2 id="t-summary" { (ctx.t(Msg::PartFigures)) }
                (table_markup(&summary, ctx.lang))
            }
            @if editable {
                form method="post" action=(action) novalidate {
                    @for (name, label) in SECTIONS {
                        @let id = format!("part-{name}");
                        @let problem = error(name);
                        (components::field(ctx, FieldParts { id: &id, label: ctx.t(label), required: true, hint: None, error: problem }, |described| html! {
                            textarea id=(id) name=(name) rows="8" aria-describedby=[described] aria-invalid=[problem.map(|_| "true")] {
                                (section_text(sections, name))
                            }
                        }))
                    }
                    div class="actions" {
                        button type="submit" name="action" value="save" { (ctx.t(Msg::PartSave)) }
                        button type="submit" name="action" value="submit" { (ctx.t(Msg::PartSubmit)) }
                    }
                }
            } @else {
                @match part.state {
                    PartState::Accepted => p { (ctx.t(Msg::PartFinal)) },
                    PartState::Submitted if v.writes => p { (ctx.t(Msg::PartReadOnly)) },
                    _ => {},
                }
                @for (name, label) in SECTIONS {
                    section aria-labelledby={ "s-" (name) } {
                        h2 id={ "s-" (name) } { (ctx.t(label)) }
                        @let text = section_text(&part.sections, name);
                        @if text.trim().is_empty() {
                            p { (ctx.t(Msg::PartNothingWritten)) }
                        } @else {
                            @for line in text.lines() { p { (line) } }
                        }
                    }
                }
            }
            @if v.decides && part.state == PartState::Submitted {
                (decision_form(ctx, page, &action))
            }
        },
    )
}

/// A section's text by its field name.
fn section_text<'a>(sections: &'a Sections, name: &str) -> &'a str {
    sections
        .named()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, text)| text)
}

/// The coordinator's form: accept, or return with a comment.
fn decision_form(ctx: &Ctx, page: &PartPage<'_>, action: &str) -> Markup {
    let (decision, comment) = page.decision;
    let error = |f: &str| page.errors.and_then(|e| e.for_field(f));
    html! {
        form method="post" action={ (action) "/decision" } novalidate {
            fieldset id="part-decision" {
                legend { (ctx.t(Msg::PartDecision)) }
                @if let Some(problem) = error("decision") {
                    p class="error" { (problem_text(problem, ctx.lang)) }
                }
                @for (value, label) in [("accept", Msg::PartAccept), ("return", Msg::PartReturn)] {
                    div class="choice" {
                        input type="radio" id={ "decision-" (value) } name="decision" value=(value) checked[decision == value];
                        label for={ "decision-" (value) } { (ctx.t(label)) }
                    }
                }
            }
            (components::field(ctx, FieldParts { id: "part-comment", label: ctx.t(Msg::PartComment), required: false, hint: Some(ctx.t(Msg::PartCommentHint)), error: error("comment") }, |described| html! {
                textarea id="part-comment" name="comment" rows="4" aria-describedby=[described] aria-invalid=[error("comment").map(|_| "true")] { (comment) }
            }))
            button type="submit" { (ctx.t(Msg::PartDecideSubmit)) }
        }
    }
}
