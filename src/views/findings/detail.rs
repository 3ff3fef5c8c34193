//! One finding: what failed, its photos before and after side by side, its history, and a
//! form for each step the person may take.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::state_line;
use crate::domain::finding::FindingState;
use crate::domain::finding::dashboard::Detail;
use crate::domain::finding::lifecycle::offered;
use crate::domain::permission::Scope;
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, field_label, problem_text};

use crate::views::citation::clause;
use crate::views::components::before_after;
use crate::views::labels::{feature_label, finding_state_label, severity_label, step_label};
use crate::views::values::{dong, measured};
use crate::views::{Ctx, layout};

/// What was typed into a step's form, to show it again when it was refused.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    /// Due date.
    pub due_date: Option<String>,
    /// Who does the work.
    pub assignee: Option<String>,
    /// Budget year.
    pub budget_year: Option<String>,
    /// Estimated cost.
    pub estimated_cost: Option<String>,
    /// Actual cost.
    pub actual_cost: Option<String>,
    /// Comment.
    pub comment: Option<String>,
    /// Reason.
    pub reason: Option<String>,
}

/// What the finding page shows.
pub struct DetailView<'a> {
    /// The finding and its history.
    pub detail: &'a Detail,
    /// Today in the province.
    pub today: NaiveDate,
    /// The step that was refused, with its fields' problems.
    pub errors: Option<(FindingState, &'a FieldErrors)>,
    /// The rule that refused a step, in words.
    pub refusal: Option<String>,
    /// What was typed into the refused form.
    pub typed: Option<&'a Typed>,
    /// A message after a step was taken.
    pub notice: Option<Msg>,
    /// The key each step form sends, so that a form sent twice is one step (new for each
    /// page shown).
    pub key: String,
}

/// One input of a step's form.
struct Input {
    name: &'static str,
    label: Msg,
    /// `text`, `date`, `number`, `file` or `textarea`.
    kind: &'static str,
    required: bool,
}

const COMMENT: Input = Input {
    name: "comment",
    label: Msg::FindingComment,
    kind: "textarea",
    required: false,
};
const PLAN: &[Input] = &[
    Input {
        name: "due_date",
        label: Msg::FindingDueDate,
        kind: "date",
        required: true,
    },
    Input {
        name: "assignee",
        label: Msg::FindingAssignee,
        kind: "text",
        required: false,
    },
    Input {
        name: "budget_year",
        label: Msg::FindingBudgetYear,
        kind: "number",
        required: false,
    },
    Input {
        name: "estimated_cost",
        label: Msg::FindingEstimatedCost,
        kind: "money",
        required: false,
    },
    COMMENT,
];
const FIX: &[Input] = &[
    Input {
        name: "file",
        label: Msg::FindingAfterPhotos,
        kind: "file",
        required: true,
    },
    Input {
        name: "comment",
        label: Msg::FindingWhatWasDone,
        kind: "textarea",
        required: true,
    },
    Input {
        name: "actual_cost",
        label: Msg::FindingActualCost,
        kind: "money",
        required: false,
    },
];
const GIVE_UP: &[Input] = &[
    Input {
        name: "reason",
        label: Msg::FindingReason,
        kind: "textarea",
        required: true,
    },
    COMMENT,
];
const REOPEN: &[Input] = &[Input {
    required: true,
    ..COMMENT
}];
const OTHER: &[Input] = &[COMMENT];

/// The inputs of the form for the step to `to`, in order: the form shows them and the error
/// summary names and links them with the same labels.
fn step_inputs(to: FindingState) -> &'static [Input] {
    match to {
        FindingState::Planned => PLAN,
        FindingState::Fixed => FIX,
        FindingState::WontFix => GIVE_UP,
        FindingState::Reopened => REOPEN,
        _ => OTHER,
    }
}

/// What was typed into the input `name`.
fn typed_value<'t>(typed: &'t Typed, name: &str) -> Option<&'t String> {
    match name {
        "due_date" => typed.due_date.as_ref(),
        "assignee" => typed.assignee.as_ref(),
        "budget_year" => typed.budget_year.as_ref(),
        "estimated_cost" => typed.estimated_cost.as_ref(),
        "actual_cost" => typed.actual_cost.as_ref(),
        "comment" => typed.comment.as_ref(),
        "reason" => typed.reason.as_ref(),
        _ => None,
    }
}

/// An input of the form `id`, with its problem next to it.
fn field(
    ctx: &Ctx,
    id: &str,
    input: &Input,
    value: &str,
    problems: Option<&FieldErrors>,
) -> Markup {
    let Input {
        name,
        label,
        kind,
        required,
    } = *input;
    let problem = problems.and_then(|e| e.for_field(name));
    let field_id = format!("{id}-{name}");
    let described = problem.map(|_| format!("{field_id}-error"));
    let invalid = problem.map(|_| "true");
    html! {
        div class={ "field" @if problem.is_some() { " field-error" } } {
            label for=(field_id) { (ctx.t(label)) @if required { " " span class="req" { (ctx.t(Msg::FieldRequired)) } } }
            @if let Some(p) = problem {
                p class="error" id={ (field_id) "-error" } { (problem_text(p, ctx.lang)) }
            }
            @match kind {
                "textarea" => {
                    textarea id=(field_id) name=(name) rows="3" required[required]
                        aria-describedby=[described] aria-invalid=[invalid] { (value) }
                }
                "money" => {
                    input type="text" inputmode="numeric" autocomplete="off" id=(field_id) name=(name)
                        value=(value) required[required] aria-describedby=[described] aria-invalid=[invalid];
                }
                "file" => {
                    input type="file" id=(field_id) name=(name) accept="image/jpeg,image/png,image/webp" multiple
                        required[required] aria-describedby=[described] aria-invalid=[invalid];
                }
                _ => {
                    input type=(kind) id=(field_id) name=(name) value=(value) required[required]
                        aria-describedby=[described] aria-invalid=[invalid];
                }
            }
        }
    }
}

/// The form for the step to `to`.
fn step_form(ctx: &Ctx, view: &DetailView<'_>, to: FindingState) -> Markup {
    let f = &view.detail.finding;
    let problems = view.errors.filter(|(s, _)| *s == to).map(|(_, e)| e);
    let typed = view.typed.filter(|_| problems.is_some());
    let id = format!("step-{}", to.as_str());
    html! {
        form method="post" enctype="multipart/form-data" action={ "/findings/" (f.id) "/transitions" }
            class="step" aria-labelledby={ (id) "-title" } {
            h3 id={ (id) "-title" } { (ctx.t(step_label(to))) }
            input type="hidden" name="to" value=(to.as_str());
            input type="hidden" name="key" value={ (view.key) "-" (to.as_str()) };
            @for input in step_inputs(to) {
                @let value = typed.and_then(|t| typed_value(t, input.name)).map_or("", String::as_str);
                (field(ctx, &id, input, value, problems))
            }
            button type="submit" { (ctx.t(step_label(to))) }
        }
    }
}

/// `/findings/{id}`.
pub fn detail_page(ctx: &Ctx, view: &DetailView<'_>) -> Markup {
    let f = &view.detail.finding;
    let title = f.text.get(ctx.lang);
    let scope = Scope::Department(f.department.id);
    let steps: Vec<FindingState> = offered(f.state)
        .into_iter()
        .filter(|s| s.needs.is_some_and(|a| ctx.can(a, scope)))
        .map(|s| s.to)
        .collect();
    let row = |label: Msg, value: Markup| html! { dt { (ctx.t(label)) } dd { (value) } };
    layout(
        ctx,
        title,
        html! {
            p { a href="/findings" { (ctx.t(Msg::FindingsBack)) } }
            h1 { (title) }
            @if let Some(notice) = view.notice {
                p class="success" role="status" { (ctx.t(notice)) }
            }
            @if let Some(rule) = &view.refusal {
                div class="error-summary" role="alert" aria-labelledby="step-refused-title" tabindex="-1" {
                    h2 id="step-refused-title" { (ctx.t(Msg::FindingStepRefused)) }
                    p { (rule) }
                }
            }
            @if let Some((to, errors)) = view.errors {
                div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                    h2 id="error-summary-title" { (ctx.t(Msg::FormErrorsTitle)) }
                    ul {
                        @for e in &errors.0 {
                            @let shown = step_inputs(to).iter().find(|i| i.name == e.field).filter(|_| steps.contains(&to));
                            @let problem = problem_text(&e.problem, ctx.lang);
                            li {
                                @match shown {
                                    Some(input) => a href={ "#step-" (to.as_str()) "-" (input.name) } { (ctx.t(input.label)) ": " (problem) },
                                    None => { (field_label(&e.field, ctx.lang)) ": " (problem) },
                                }
                            }
                        }
                    }
                }
            }
            dl class="facts" {
                (row(Msg::FindingState, state_line(ctx, f, view.today)))
                (row(Msg::FindingSite, html! { a href={ "/sites/" (f.site_id) } { (f.site_name) } }))
                (row(Msg::FindingSeverity, html! { (ctx.t(severity_label(f.severity))) }))
                (row(Msg::FindingFeature, html! { (ctx.t(feature_label(f.feature))) }))
                (row(Msg::CsvClause, html! { (clause(&f.clause, ctx.lang)) }))
                @if let (Some(value), Some(unit)) = (f.value, f.unit) {
                    (row(Msg::CsvMeasured, html! { (measured(value, unit, ctx.lang)) }))
                }
                @if let (Some(provided), Some(total)) = (f.provided, f.total) {
                    (row(Msg::CsvMeasured, html! { (provided) " / " (total) }))
                }
                (row(Msg::SiteDepartment, html! { (f.department.name.get(ctx.lang)) }))
                @if let Some(due) = f.due_date { (row(Msg::FindingDue, ctx.day(due))) }
                @if let Some(who) = &f.assignee { (row(Msg::FindingAssignee, html! { (who) })) }
                @if let Some(year) = f.budget_year { (row(Msg::FindingBudgetYear, html! { (year) })) }
                @if let Some(cost) = f.estimated_cost { (row(Msg::FindingEstimatedCost, html! { (dong(cost.get(), ctx.lang)) })) }
                @if let Some(cost) = f.actual_cost { (row(Msg::FindingActualCost, html! { (dong(cost.get(), ctx.lang)) })) }
                @if let Some(reason) = &f.reason { (row(Msg::FindingReason, html! { (reason) })) }
                (row(Msg::CsvFound, html! {
                    (ctx.local_time(f.created_at)) " · "
                    @match (f.audit_id, &f.report) {
                        (Some(audit), _) => a href={ "/audits/" (audit) } { (ctx.t(Msg::FindingTheAudit)) },
                        (None, Some(report)) => a href={ "/barriers/" (report.token) } { (ctx.t(Msg::FindingTheReport)) },
                        (None, None) => {},
                    }
                }))
            }
            section aria-labelledby="photos" {
                h2 id="photos" { (ctx.t(Msg::FindingPhotos)) }
                (before_after(ctx, f))
            }
            section aria-labelledby="history" {
                h2 id="history" { (ctx.t(Msg::FindingHistory)) }
                ol class="history" {
                    li { (ctx.local_time(f.created_at)) ": " (ctx.t(Msg::FindingFound)) }
                    @for h in &view.detail.history {
                        li {
                            (ctx.local_time(h.at)) ": "
                            (ctx.t(finding_state_label(h.from))) " → " strong { (ctx.t(finding_state_label(h.to))) }
                            " · " (h.by.display_name)
                            @if let Some(audit) = h.audit_id {
                                " · " a href={ "/audits/" (audit) } { (ctx.t(Msg::FindingByAudit)) }
                            }
                            @if let Some(due) = h.fields.get("due_date").and_then(|d| d.as_str()) {
                                " · " (ctx.t(Msg::FindingDue)) " " (crate::i18n::dates::iso_date(due, ctx.lang))
                            }
                            @if let Some(reason) = h.fields.get("reason").and_then(|d| d.as_str()) {
                                " · " (ctx.t(Msg::FindingReason)) ": " (reason)
                            }
                            @if let Some(comment) = &h.comment {
                                p { (comment) }
                            }
                        }
                    }
                }
            }
            @if !steps.is_empty() {
                section aria-labelledby="steps" {
                    h2 id="steps" { (ctx.t(Msg::FindingSteps)) }
                    @for to in &steps {
                        (step_form(ctx, view, *to))
                    }
                }
            } @else if f.state == FindingState::Fixed {
                p class="hint" { (ctx.t(Msg::FindingAwaitsAudit)) }
            }
        },
    )
}
