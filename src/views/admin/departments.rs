//! `/admin/departments`: the departments in use with what belongs to each, a form to add
//! one, and for each a form to rename it, merge it into another or retire it.

use maud::{Markup, html};

use super::{FormId, Refused, Text, field_id, text_input};
use crate::domain::department::{Department, OpenWork};
use crate::i18n::{Msg, field_label, problem_text};
use crate::views::components::{self, FieldParts};
use crate::views::{Ctx, layout};

/// The forms of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form<'a> {
    /// Add a department.
    Create,
    /// Rename the department with this code.
    Rename(&'a str),
    /// Merge the department with this code into another.
    Merge(&'a str),
    /// Retire the department with this code.
    Retire(&'a str),
}

impl FormId for Form<'_> {
    fn prefix(&self) -> String {
        match self {
            Form::Create => "new".to_owned(),
            Form::Rename(code) => format!("rename-{code}"),
            Form::Merge(code) => format!("merge-{code}"),
            Form::Retire(code) => format!("retire-{code}"),
        }
    }
}

/// What was just done, shown at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A department was added.
    Created(String),
    /// A department was renamed.
    Renamed(String),
    /// `from` was merged into `into`, moving this much of its work.
    Merged {
        /// The department merged away.
        from: String,
        /// The department that took over.
        into: String,
        /// What moved.
        moved: OpenWork,
    },
    /// A department was retired.
    Retired(String),
}

/// "3 sites, 1 active people, ...".
fn counts(ctx: &Ctx, work: &OpenWork, people: Msg) -> String {
    format!(
        "{} {}, {} {}, {} {}, {} {}",
        work.sites,
        ctx.t(Msg::DeptSites),
        work.users,
        ctx.t(people),
        work.audits,
        ctx.t(Msg::DeptAudits),
        work.findings,
        ctx.t(Msg::DeptFindings)
    )
}

fn notice_text(ctx: &Ctx, notice: &Notice) -> String {
    match notice {
        Notice::Created(code) => format!("{}: {code}", ctx.t(Msg::DeptCreated)),
        Notice::Renamed(code) => format!("{}: {code}", ctx.t(Msg::DeptRenamed)),
        Notice::Retired(code) => format!("{}: {code}", ctx.t(Msg::DeptRetired)),
        Notice::Merged { from, into, moved } => format!(
            "{} {from} {} {into}; {}: {}.",
            ctx.t(Msg::DeptMerged),
            ctx.t(Msg::DeptMergedInto),
            ctx.t(Msg::DeptMoved),
            counts(ctx, moved, Msg::DeptPeopleMoved)
        ),
    }
}

/// The page; `refused` is a form sent and refused, shown again open with what was typed;
/// `current` is the department as saved now when a rename came after someone else's.
pub fn page(
    ctx: &Ctx,
    departments: &[(Department, OpenWork)],
    notice: Option<&Notice>,
    refused: Option<&Refused<'_, Form<'_>>>,
    current: Option<&Department>,
) -> Markup {
    let title = ctx.t(Msg::DeptTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::DeptIntro)) }
            @if let Some(notice) = notice {
                (components::notice(&notice_text(ctx, notice)))
            }
            @if let Some(refused) = refused {
                @if let Some(errors) = refused.errors {
                    @let prefix = refused.form.prefix();
                    (components::error_summary(ctx, errors, |f| (anchor(&refused.form, &prefix, f), field_label(f, ctx.lang))))
                }
            }
            @if let (Some(current), Some(refused)) = (current, refused) {
                (conflict(ctx, current, refused))
            }
            @if departments.is_empty() {
                p { (ctx.t(Msg::DeptNone)) }
            }
            ul class="cards" {
                @for (department, work) in departments {
                    (card(ctx, department, work, departments, refused))
                }
            }
            (create_form(ctx, refused))
        },
    )
}

/// Where the summary's link for `field` of `form` leads: the field, or the retire button.
fn anchor(form: &Form<'_>, prefix: &str, field: &str) -> String {
    match form {
        Form::Retire(_) => prefix.to_owned(),
        _ => field_id(prefix, field),
    }
}

/// The rename that came too late beside the names saved now.
fn conflict(ctx: &Ctx, current: &Department, refused: &Refused<'_, Form<'_>>) -> Markup {
    let typed = |name: &str| refused.typed.get(name).cloned().unwrap_or_default();
    let rows = [
        (
            ctx.t(Msg::DeptNameVi).to_owned(),
            typed("name.vi"),
            current.name.vi.clone(),
        ),
        (
            ctx.t(Msg::DeptNameEn).to_owned(),
            typed("name.en"),
            current.name.en.clone(),
        ),
    ];
    let discard = format!("/admin/departments#dept-{}", current.code);
    components::conflict(ctx, ctx.t(Msg::DeptConflictTitle), &rows, &discard)
}

fn card(
    ctx: &Ctx,
    d: &Department,
    work: &OpenWork,
    all: &[(Department, OpenWork)],
    refused: Option<&Refused<'_, Form<'_>>>,
) -> Markup {
    let code = d.code.as_str();
    let open = |form: Form<'_>| refused.is_some_and(|r| r.is(&form));
    let errors = |form: Form<'_>| refused.and_then(|r| r.errors_of(&form));
    let typed = |form: Form<'_>, name: &str| refused.and_then(|r| r.typed_in(&form, name));
    let rename = Form::Rename(code);
    let merge = Form::Merge(code);
    let retire = Form::Retire(code);
    let retire_problem = errors(retire).and_then(|e| e.0.first()).map(|e| &e.problem);
    let retire_id = retire.prefix();
    html! {
        li class="card" id={ "dept-" (code) } {
            h2 { (d.name.get(ctx.lang)) }
            dl class="facts" {
                dt { (ctx.t(Msg::DeptCode)) } dd { code { (code) } }
                dt { (ctx.t(Msg::DeptNameVi)) } dd lang="vi" { (d.name.vi) }
                dt { (ctx.t(Msg::DeptNameEn)) } dd lang="en" { (d.name.en) }
                dt { (ctx.t(Msg::DeptNowHas)) } dd { (counts(ctx, work, Msg::DeptPeople)) }
            }
            details open[open(rename)] {
                summary { (ctx.t(Msg::DeptRename)) }
                form method="post" action={ "/admin/departments/" (code) "/rename" } novalidate {
                    // Read now: after a rename that came too late, sending again is a
                    // knowing choice.
                    input type="hidden" name="version" value=(d.version);
                    (text_input(ctx, &rename.prefix(), "name.vi", ctx.t(Msg::DeptNameVi), None,
                        typed(rename, "name.vi").unwrap_or(&d.name.vi), errors(rename), Text::Name))
                    (text_input(ctx, &rename.prefix(), "name.en", ctx.t(Msg::DeptNameEn), None,
                        typed(rename, "name.en").unwrap_or(&d.name.en), errors(rename), Text::Name))
                    button type="submit" { (ctx.t(Msg::DeptRenameSave)) }
                }
            }
            details open[open(merge)] {
                summary { (ctx.t(Msg::DeptMerge)) }
                form method="post" action={ "/admin/departments/" (code) "/merge" } novalidate {
                    p id={ (merge.prefix()) "-explain" } { (ctx.t(Msg::DeptMergeExplain)) }
                    @let id = field_id(&merge.prefix(), "into");
                    @let error = errors(merge).and_then(|e| e.for_field("into"));
                    @let chosen = typed(merge, "into").unwrap_or_default();
                    (components::field(ctx, FieldParts { id: &id, label: &field_label("into", ctx.lang), required: true, hint: None, error }, |described| html! {
                        select id=(id) name="into" required aria-describedby=[described] aria-invalid=[error.map(|_| "true")] {
                            option value="" { (ctx.t(Msg::DeptMergeChoose)) }
                            @for (other, _) in all.iter().filter(|(o, _)| o.id != d.id) {
                                option value=(other.code) selected[chosen == other.code] {
                                    (other.name.get(ctx.lang)) " (" (other.code) ")"
                                }
                            }
                        }
                    }))
                    button type="submit" aria-describedby={ (merge.prefix()) "-explain" } { (ctx.t(Msg::DeptMergeButton)) }
                }
            }
            details open[open(retire)] {
                summary { (ctx.t(Msg::DeptRetire)) }
                form method="post" action={ "/admin/departments/" (code) "/retire" }
                    class=[retire_problem.map(|_| "field-error")] {
                    p id={ (retire_id) "-explain" } { (ctx.t(Msg::DeptRetireExplain)) }
                    @if let Some(problem) = retire_problem {
                        p class="error" id={ (retire_id) "-error" } { (problem_text(problem, ctx.lang)) }
                    }
                    button type="submit" id=(retire_id)
                        aria-describedby={ (retire_id) "-explain" @if retire_problem.is_some() { " " (retire_id) "-error" } } {
                        (ctx.t(Msg::DeptRetire))
                    }
                }
            }
        }
    }
}

fn create_form(ctx: &Ctx, refused: Option<&Refused<'_, Form<'_>>>) -> Markup {
    let form = Form::Create;
    let errors = refused.and_then(|r| r.errors_of(&form));
    let typed = |name: &str| {
        refused
            .and_then(|r| r.typed_in(&form, name))
            .unwrap_or_default()
    };
    let prefix = form.prefix();
    html! {
        section aria-labelledby="new-title" {
            h2 id="new-title" { (ctx.t(Msg::DeptNew)) }
            form method="post" action="/admin/departments" novalidate {
                (text_input(ctx, &prefix, "code", ctx.t(Msg::DeptCode), Some(ctx.t(Msg::DeptCodeHint)),
                    typed("code"), errors, Text::Code))
                (text_input(ctx, &prefix, "name.vi", ctx.t(Msg::DeptNameVi), None, typed("name.vi"), errors, Text::Name))
                (text_input(ctx, &prefix, "name.en", ctx.t(Msg::DeptNameEn), None, typed("name.en"), errors, Text::Name))
                button type="submit" { (ctx.t(Msg::DeptCreate)) }
            }
        }
    }
}
