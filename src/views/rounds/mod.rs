//! Reporting rounds: the list (with what a department has to do), the form that opens a
//! round, a round's page, a department's part, and the compiled report in HTML, JSON and
//! DOCX.

pub mod compiled;
pub mod docx;
pub mod json;
mod part;
mod round;

pub use part::{PartPage, part_page};
pub use round::round_page;

use maud::{Markup, html};

use super::components::{self, FieldParts};
use super::labels::{part_state_label, round_kind_label};
use super::{Ctx, layout};
use crate::domain::department::Department;
use crate::domain::round::{Round, RoundKind};
use crate::domain::round::{RoundView, Rounds};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, field_label};

/// "01/07/2025 – 30/09/2025".
fn period(ctx: &Ctx, round: &Round) -> Markup {
    html! { (ctx.day(round.period.from)) " – " (ctx.day(round.period.to)) }
}

/// `/rounds`: what the department has to do, and every round the person sees.
pub fn list_page(ctx: &Ctx, rounds: &Rounds) -> Markup {
    let title = ctx.t(Msg::RoundListTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if rounds.runs {
                p { a href="/rounds/new" { (ctx.t(Msg::RoundOpenLink)) } }
            } @else {
                section aria-labelledby="to-do" {
                    h2 id="to-do" { (ctx.t(Msg::RoundToDoTitle)) }
                    @if rounds.to_do.is_empty() {
                        p { (ctx.t(Msg::RoundToDoNone)) }
                    } @else {
                        ul {
                            @for (round, state) in &rounds.to_do {
                                li {
                                    a href={ "/rounds/" (round.id) } { (round.title) }
                                    " — " (ctx.t(part_state_label(*state)))
                                    ", " (ctx.t(Msg::PartDueOn)) " " (ctx.day(round.due_on))
                                }
                            }
                        }
                    }
                }
            }
            @if rounds.rounds.is_empty() {
                p { (ctx.t(Msg::RoundListEmpty)) }
            } @else {
                ul class="rounds" {
                    @for view in &rounds.rounds {
                        li { (summary(ctx, view)) }
                    }
                }
            }
        },
    )
}

/// One round in the list: title, kind, period, due date, and how many parts stand where.
fn summary(ctx: &Ctx, view: &RoundView) -> Markup {
    let r = &view.round;
    let late = view.parts.iter().filter(|p| p.late).count();
    html! {
        h2 { a href={ "/rounds/" (r.id) } { (r.title) } }
        p {
            (ctx.t(round_kind_label(r.kind))) " · " (ctx.t(Msg::RoundPeriod)) ": " (period(ctx, r))
            " · " (ctx.t(Msg::RoundDueOn)) ": " (ctx.day(r.due_on))
        }
        p {
            @for (n, line) in view.parts.iter().enumerate() {
                @if n > 0 { "; " }
                (line.department.name.get(ctx.lang)) ": " (ctx.t(part_state_label(line.part.state)))
                @if line.late { " (" (ctx.t(Msg::RoundLate)) ")" }
            }
            @if late > 0 && view.parts.len() > 1 {
                " — " (ctx.t(Msg::RoundLate)) ": " (late)
            }
        }
    }
}

/// What was typed into the new-round form, given back when it is refused.
#[derive(Debug, Clone, Default)]
pub struct NewRoundForm {
    /// Title.
    pub title: String,
    /// Kind as sent.
    pub kind: String,
    /// First day.
    pub period_from: String,
    /// Last day.
    pub period_to: String,
    /// Due date.
    pub due_on: String,
    /// Codes ticked; `None` before the form was sent (every department ticked).
    pub departments: Option<Vec<String>>,
}

/// `/rounds/new`: the form that opens a round, with what is wrong named on its field.
pub fn new_page(
    ctx: &Ctx,
    form: &NewRoundForm,
    all: &[Department],
    errors: Option<&FieldErrors>,
) -> Markup {
    let title = ctx.t(Msg::RoundNewTitle);
    let error = |f: &str| errors.and_then(|e| e.for_field(f));
    let dates = [
        ("period_from", Msg::RoundPeriodFrom, &form.period_from),
        ("period_to", Msg::RoundPeriodTo, &form.period_to),
        ("due_on", Msg::RoundDueOn, &form.due_on),
    ];
    let kind = if form.kind.is_empty() {
        RoundKind::Periodic.as_str()
    } else {
        form.kind.as_str()
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if let Some(errors) = errors {
                (components::error_summary(ctx, errors, |f| (format!("round-{f}"), field_label(f, ctx.lang))))
            }
            form method="post" action="/rounds" novalidate {
                (components::field(ctx, FieldParts { id: "round-title", label: ctx.t(Msg::RoundTitle), required: true, hint: Some(ctx.t(Msg::RoundTitleHint)), error: error("title") }, |described| html! {
                    input id="round-title" name="title" type="text" value=(form.title) required
                        aria-describedby=[described] aria-invalid=[error("title").map(|_| "true")];
                }))
                fieldset id="round-kind" aria-invalid=[error("kind").map(|_| "true")] {
                    legend { (ctx.t(Msg::RoundKind)) }
                    @if let Some(problem) = error("kind") {
                        p class="error" { (crate::i18n::problem_text(problem, ctx.lang)) }
                    }
                    @for k in RoundKind::ALL {
                        div class="choice" {
                            input type="radio" id={ "kind-" (k.as_str()) } name="kind" value=(k.as_str()) checked[kind == k.as_str()];
                            label for={ "kind-" (k.as_str()) } { (ctx.t(round_kind_label(*k))) }
                        }
                    }
                }
                @for (name, label, value) in dates {
                    @let id = format!("round-{name}");
                    (components::field(ctx, FieldParts { id: &id, label: ctx.t(label), required: true, hint: Some(ctx.t(Msg::RoundDateHint)), error: error(name) }, |described| html! {
                        input id=(id) name=(name) type="date" value=(value) required
                            aria-describedby=[described] aria-invalid=[error(name).map(|_| "true")];
                    }))
                }
                fieldset id="round-departments" aria-describedby="round-departments-hint" {
                    legend { (ctx.t(Msg::RoundDepartments)) }
                    // Sent with the form: no box ticked then means none, not every one.
                    input type="hidden" name="departments_listed" value="1";
                    p class="hint" id="round-departments-hint" { (ctx.t(Msg::RoundDepartmentsHint)) }
                    @if let Some(problem) = error("departments") {
                        p class="error" { (crate::i18n::problem_text(problem, ctx.lang)) }
                    }
                    @for d in all {
                        @let ticked = form.departments.as_ref().is_none_or(|codes| codes.contains(&d.code));
                        div class="choice" {
                            input type="checkbox" id={ "dept-" (d.code) } name="departments" value=(d.code) checked[ticked];
                            label for={ "dept-" (d.code) } { (d.name.get(ctx.lang)) }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::RoundOpen)) }
            }
        },
    )
}
