//! `/admin/people`: every account with a form per action (role and department, disable or
//! enable, a new password), a form to add one person and one to add many from CSV; and the
//! page that shows new one-time passwords, once.

use maud::{Markup, html};

use super::{FormId, Refused, Text, field_id, text_input};
use crate::domain::department::Department;
use crate::domain::import::{ImportReport, USER_COLUMNS, USERS_MAX};
use crate::domain::user::{Role, User};
use crate::i18n::{Msg, field_label, problem_text};
use crate::views::components::{self, FieldParts};
use crate::views::{Ctx, layout, role_label};

/// The forms of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form<'a> {
    /// Add one person.
    Add,
    /// Change the role and department of this username.
    Change(&'a str),
    /// Disable or enable this username.
    Active(&'a str),
    /// Add many from CSV.
    Many,
}

impl FormId for Form<'_> {
    fn prefix(&self) -> String {
        match self {
            Form::Add => "add".to_owned(),
            Form::Change(username) => format!("change-{username}"),
            Form::Active(username) => format!("active-{username}"),
            Form::Many => "many".to_owned(),
        }
    }
}

/// What was just done, shown at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// This person's role or department changed.
    Changed(String),
    /// This person's account was disabled.
    Disabled(String),
    /// This person's account was enabled.
    Enabled(String),
}

/// What the page shows besides the people.
pub struct PageParts<'a> {
    /// What was just done.
    pub notice: Option<&'a Notice>,
    /// The form sent and refused.
    pub refused: Option<&'a Refused<'a, Form<'a>>>,
    /// The person as saved now, when a change came after someone else's.
    pub current: Option<&'a User>,
    /// Why the CSV file was refused, line by line.
    pub report: Option<&'a ImportReport>,
}

/// The page.
pub fn page(
    ctx: &Ctx,
    users: &[User],
    departments: &[Department],
    parts: &PageParts<'_>,
) -> Markup {
    let title = ctx.t(Msg::PeopleTitle);
    let refused = parts.refused;
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::PeopleIntro)) }
            @if let Some(notice) = parts.notice {
                @let (msg, username) = match notice {
                    Notice::Changed(u) => (Msg::PeopleChanged, u),
                    Notice::Disabled(u) => (Msg::PeopleDisabledDone, u),
                    Notice::Enabled(u) => (Msg::PeopleEnabledDone, u),
                };
                (components::notice(&format!("{}: {username}", ctx.t(msg))))
            }
            @if let Some(refused) = refused {
                @if let Some(errors) = refused.errors {
                    @let prefix = refused.form.prefix();
                    (components::error_summary(ctx, errors, |f| {
                        let id = match refused.form {
                            Form::Active(_) => prefix.clone(),
                            _ => field_id(&prefix, f),
                        };
                        (id, field_label(f, ctx.lang))
                    }))
                }
            }
            @if let (Some(current), Some(refused)) = (parts.current, refused) {
                (conflict(ctx, current, refused))
            }
            ul class="cards" {
                @for user in users {
                    (card(ctx, user, departments, refused))
                }
            }
            (add_form(ctx, departments, refused))
            (many_form(ctx, refused, parts.report))
        },
    )
}

fn department_name(ctx: &Ctx, user: &User) -> String {
    user.department.as_ref().map_or_else(
        || ctx.t(Msg::PeopleNoDepartment).to_owned(),
        |d| d.name.get(ctx.lang).to_owned(),
    )
}

fn conflict(ctx: &Ctx, current: &User, refused: &Refused<'_, Form<'_>>) -> Markup {
    let typed = |name: &str| refused.typed.get(name).cloned().unwrap_or_default();
    let role = Role::parse(&typed("role"))
        .map_or_else(|_| typed("role"), |r| ctx.t(role_label(r)).to_owned());
    let rows = [
        (
            field_label("role", ctx.lang),
            role,
            ctx.t(role_label(current.role)).to_owned(),
        ),
        (
            field_label("department", ctx.lang),
            typed("department"),
            current
                .department
                .as_ref()
                .map(|d| d.code.clone())
                .unwrap_or_default(),
        ),
    ];
    let discard = format!("/admin/people#person-{}", current.username);
    components::conflict(ctx, ctx.t(Msg::PeopleConflictTitle), &rows, &discard)
}

/// A choice of role, `chosen` selected.
fn role_select(
    ctx: &Ctx,
    prefix: &str,
    chosen: &str,
    error: Option<&crate::domain::validation::Problem>,
) -> Markup {
    let id = field_id(prefix, "role");
    let parts = FieldParts {
        id: &id,
        label: &field_label("role", ctx.lang),
        required: true,
        hint: None,
        error,
    };
    components::field(ctx, parts, |described| {
        html! {
            select id=(id) name="role" required aria-describedby=[described] aria-invalid=[error.map(|_| "true")] {
                option value="" { (ctx.t(Msg::PeopleChooseRole)) }
                @for role in Role::ALL {
                    option value=(role.as_str()) selected[chosen == role.as_str()] { (ctx.t(role_label(*role))) }
                }
            }
        }
    })
}

/// A choice of department (or none), `chosen` selected.
fn department_select(
    ctx: &Ctx,
    prefix: &str,
    departments: &[Department],
    chosen: &str,
    error: Option<&crate::domain::validation::Problem>,
) -> Markup {
    let id = field_id(prefix, "department");
    let hint = ctx.t(Msg::PeopleDepartmentHint);
    let parts = FieldParts {
        id: &id,
        label: &field_label("department", ctx.lang),
        required: false,
        hint: Some(hint),
        error,
    };
    components::field(ctx, parts, |described| {
        html! {
            select id=(id) name="department" aria-describedby=[described] aria-invalid=[error.map(|_| "true")] {
                option value="" { (ctx.t(Msg::PeopleNoDepartment)) }
                @for d in departments {
                    option value=(d.code) selected[chosen == d.code] { (d.name.get(ctx.lang)) " (" (d.code) ")" }
                }
            }
        }
    })
}

fn card(
    ctx: &Ctx,
    user: &User,
    departments: &[Department],
    refused: Option<&Refused<'_, Form<'_>>>,
) -> Markup {
    let name = user.username.as_str();
    let change = Form::Change(name);
    let active = Form::Active(name);
    let open = refused.is_some_and(|r| r.is(&change));
    let errors = refused.and_then(|r| r.errors_of(&change));
    let typed = |n: &str| refused.and_then(|r| r.typed_in(&change, n));
    let saved_department = user.department.as_ref().map_or("", |d| d.code.as_str());
    let access_problem = refused
        .and_then(|r| r.errors_of(&active))
        .and_then(|e| e.0.first())
        .map(|e| &e.problem);
    let access_id = active.prefix();
    html! {
        li class="card" id={ "person-" (name) } {
            h2 { (user.display_name) }
            dl class="facts" {
                dt { (field_label("username", ctx.lang)) } dd { code { (name) } }
                dt { (field_label("role", ctx.lang)) } dd { (ctx.t(role_label(user.role))) }
                dt { (field_label("department", ctx.lang)) } dd { (department_name(ctx, user)) }
                dt { (field_label("email", ctx.lang)) } dd { (user.email.as_deref().unwrap_or("–")) }
                dt { (ctx.t(Msg::PeopleState)) }
                dd { (ctx.t(if user.active { Msg::PeopleActive } else { Msg::PeopleDisabled })) }
            }
            details open[open] {
                summary { (ctx.t(Msg::PeopleChange)) }
                form method="post" action={ "/admin/people/" (name) } novalidate {
                    input type="hidden" name="version" value=(user.version);
                    (role_select(ctx, &change.prefix(), typed("role").unwrap_or(user.role.as_str()), errors.and_then(|e| e.for_field("role"))))
                    (department_select(ctx, &change.prefix(), departments, typed("department").unwrap_or(saved_department), errors.and_then(|e| e.for_field("department"))))
                    (text_input(ctx, &change.prefix(), "email", &field_label("email", ctx.lang), Some(ctx.t(Msg::PeopleEmailHint)), typed("email").unwrap_or(user.email.as_deref().unwrap_or_default()), errors, Text::OptionalEmail))
                    button type="submit" { (ctx.t(Msg::PeopleChangeSave)) }
                }
            }
            p class="hint" id={ (access_id) "-hint" } { (ctx.t(Msg::PeopleAccessHint)) }
            @if let Some(problem) = access_problem {
                p class="error" id={ (access_id) "-error" } { (problem_text(problem, ctx.lang)) }
            }
            div class="actions" {
                form method="post" action={ "/admin/people/" (name) "/active" } class="inline" {
                    input type="hidden" name="active" value=(if user.active { "false" } else { "true" });
                    button type="submit" id=(access_id) class="secondary"
                        aria-describedby={ (access_id) "-hint" @if access_problem.is_some() { " " (access_id) "-error" } } {
                        (ctx.t(if user.active { Msg::PeopleDisable } else { Msg::PeopleEnable }))
                        span class="visually-hidden" { ": " (name) }
                    }
                }
                form method="post" action={ "/admin/people/" (name) "/password" } class="inline" {
                    button type="submit" class="secondary" aria-describedby={ (access_id) "-hint" } {
                        (ctx.t(Msg::PeopleReset))
                        span class="visually-hidden" { ": " (name) }
                    }
                }
            }
        }
    }
}

fn add_form(
    ctx: &Ctx,
    departments: &[Department],
    refused: Option<&Refused<'_, Form<'_>>>,
) -> Markup {
    let form = Form::Add;
    let prefix = form.prefix();
    let errors = refused.and_then(|r| r.errors_of(&form));
    let typed = |n: &str| {
        refused
            .and_then(|r| r.typed_in(&form, n))
            .unwrap_or_default()
    };
    let problem = |n: &str| errors.and_then(|e| e.for_field(n));
    html! {
        section aria-labelledby="add-title" {
            h2 id="add-title" { (ctx.t(Msg::PeopleAdd)) }
            form method="post" action="/admin/people" novalidate {
                (text_input(ctx, &prefix, "username", &field_label("username", ctx.lang), None, typed("username"), errors, Text::Code))
                (text_input(ctx, &prefix, "display_name", &field_label("display_name", ctx.lang), None, typed("display_name"), errors, Text::OptionalName))
                (role_select(ctx, &prefix, typed("role"), problem("role")))
                (department_select(ctx, &prefix, departments, typed("department"), problem("department")))
                (text_input(ctx, &prefix, "email", &field_label("email", ctx.lang), Some(ctx.t(Msg::PeopleEmailHint)), typed("email"), errors, Text::OptionalEmail))
                button type="submit" { (ctx.t(Msg::PeopleAddButton)) }
            }
        }
    }
}

fn many_form(
    ctx: &Ctx,
    refused: Option<&Refused<'_, Form<'_>>>,
    report: Option<&ImportReport>,
) -> Markup {
    let pasted = refused
        .and_then(|r| r.typed_in(&Form::Many, "csv"))
        .unwrap_or_default();
    html! {
        section aria-labelledby="many-title" {
            h2 id="many-title" { (ctx.t(Msg::PeopleBulk)) }
            p class="hint" id="many-hint" { (ctx.t(Msg::PeopleBulkHint)) " " (USERS_MAX) "." }
            @if let Some(report) = report {
                div class="error-summary" role="alert" aria-labelledby="many-refused" tabindex="-1" id="many-report" {
                    h3 id="many-refused" { (ctx.t(Msg::PeopleBulkRefused)) }
                    ul {
                        @for row in &report.rows {
                            @for e in &row.errors.0 {
                                li {
                                    @if row.row == 0 { (ctx.t(Msg::ImportWholeFile)) } @else { (ctx.t(Msg::ImportLine)) " " (row.row) }
                                    ": "
                                    @if USER_COLUMNS.contains(&e.field.as_str()) { (field_label(&e.field, ctx.lang)) ": " }
                                    (problem_text(&e.problem, ctx.lang))
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action="/admin/people/import" enctype="multipart/form-data" {
                div class="field" {
                    label for="many-file" { (ctx.t(Msg::PeopleBulkFile)) }
                    input type="file" id="many-file" name="csv_file" accept=".csv,text/csv" aria-describedby="many-hint";
                }
                div class="field" {
                    label for="many-csv" { (ctx.t(Msg::PeopleBulkPaste)) }
                    textarea id="many-csv" name="csv" rows="6" spellcheck="false" aria-describedby="many-hint" { (pasted) }
                }
                button type="submit" { (ctx.t(Msg::PeopleBulkButton)) }
            }
        }
    }
}

/// The page that shows new one-time passwords, this once: `added` when the people are
/// new, otherwise a reset.
pub fn one_time_page(ctx: &Ctx, people: &[(&User, &str)], added: bool) -> Markup {
    let title = ctx.t(Msg::OneTimeTitle);
    let done = ctx.t(if added {
        Msg::OneTimeAdded
    } else {
        Msg::OneTimeReset
    });
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            (components::notice(&format!("{done}: {}", people.len())))
            p { (ctx.t(Msg::OneTimeIntro)) }
            ul class="cards" {
                @for (user, password) in people {
                    li class="card" {
                        h2 { code { (user.username) } }
                        dl class="facts" {
                            dt { (field_label("display_name", ctx.lang)) } dd { (user.display_name) }
                            dt { (field_label("role", ctx.lang)) } dd { (ctx.t(role_label(user.role))) }
                            dt { (ctx.t(Msg::OneTimePassword)) } dd { code class="secret" { (password) } }
                        }
                    }
                }
            }
            p { a href="/admin/people" { (ctx.t(Msg::OneTimeBack)) } }
        },
    )
}
