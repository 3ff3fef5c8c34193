//! Site pages: list, details, and the form for creating and editing.

use maud::{Markup, html};
use uuid::Uuid;

use super::{Ctx, kind_label, layout, subtype_label};
use crate::domain::department::Department;
use crate::domain::permission::{Action, Scope};
use crate::domain::site::{Degrees, Site, SiteInput, SiteKind, Subtype};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, field_label, problem_text};

/// The searchable list of sites.
pub fn list_page(
    ctx: &Ctx,
    q: &Option<String>,
    kind: &Option<String>,
    sites: &[Site],
    paged: bool,
    next: Option<&str>,
) -> Markup {
    let title = ctx.t(Msg::SitesTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            form class="search" method="get" action="/sites" role="search"
                aria-label=(ctx.t(Msg::SitesSearch)) {
                div class="field" {
                    label for="q" { (ctx.t(Msg::SitesSearchLabel)) }
                    input id="q" name="q" type="search" value=[q.as_deref()];
                }
                div class="field" {
                    label for="kind" { (ctx.t(Msg::SiteKind)) }
                    select id="kind" name="kind" {
                        option value="" { (ctx.t(Msg::SitesAnyKind)) }
                        @for k in SiteKind::ALL {
                            option value=(k.as_str()) selected[kind.as_deref() == Some(k.as_str())] {
                                (ctx.t(kind_label(*k)))
                            }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::SitesSearchButton)) }
            }
            @if ctx.can_for_own_department(Action::CreateSite) {
                p { a href="/sites/new" { (ctx.t(Msg::NavNewSite)) } }
            }
            @if sites.is_empty() {
                p { (ctx.t(Msg::SitesNone)) }
            } @else {
                ul class="site-list" {
                    @for site in sites {
                        li {
                            a href={ "/sites/" (site.id) } { (site.name) }
                            span class="meta" {
                                (ctx.t(subtype_label(site.subtype)))
                                @if let Some(area) = &site.area { " · " (area.name) }
                            }
                        }
                    }
                }
            }
            @if paged || next.is_some() {
                nav class="pager" aria-label=(ctx.t(Msg::SitesPager)) {
                    @if let Some(next) = next {
                        a href=(next) rel="next" { (ctx.t(Msg::SitesNextPage)) }
                    }
                    @if paged {
                        a href="/sites" { (ctx.t(Msg::SitesFirstPage)) }
                    }
                }
            }
        },
    )
}

/// Everything known about one site.
pub fn detail_page(ctx: &Ctx, site: &Site) -> Markup {
    let can_edit = ctx.can(Action::EditSite, Scope::Department(site.department.id));
    let row = |label: Msg, value: Markup| {
        html! { dt { (ctx.t(label)) } dd { (value) } }
    };
    layout(
        ctx,
        &site.name,
        html! {
            h1 { (site.name) }
            dl class="facts" {
                (row(Msg::SiteKind, html! { (ctx.t(kind_label(site.kind))) " — " (ctx.t(subtype_label(site.subtype))) }))
                (row(Msg::SiteAddress, html! { (site.address.as_deref().unwrap_or("—")) }))
                (row(Msg::SiteArea, html! {
                    @match &site.area {
                        Some(area) => (area.name),
                        None => (ctx.t(Msg::SiteAreaUnknown)),
                    }
                }))
                (row(Msg::SiteLocation, html! { (site.location.lat()) ", " (site.location.lon()) }))
                (row(Msg::SiteDepartment, html! { (site.department.name.get(ctx.lang)) }))
                (row(Msg::SiteOperator, html! { (site.operator.as_deref().unwrap_or("—")) }))
                (row(Msg::SiteDeadline, html! {
                    time datetime=(site.legal_deadline) { (site.legal_deadline.format("%d/%m/%Y")) }
                    " (" (ctx.t(Msg::SiteDeadlineHint)) ")"
                }))
            }
            @if can_edit {
                p { a class="button" href={ "/sites/" (site.id) "/edit" } { (ctx.t(Msg::SiteEdit)) } }
            }
        },
    )
}

/// The site form's state: what was typed and what was refused.
pub struct FormView<'a> {
    id: Option<Uuid>,
    input: &'a SiteInput,
    errors: Option<&'a FieldErrors>,
}

impl<'a> FormView<'a> {
    /// A form for a new site (`id` None) or an existing one.
    pub fn new(id: Option<Uuid>, input: &'a SiteInput, errors: Option<&'a FieldErrors>) -> Self {
        FormView { id, input, errors }
    }
}

fn degrees(value: &Option<Degrees>) -> Option<String> {
    value.as_ref().map(|d| match d {
        Degrees::Number(n) => n.to_string(),
        Degrees::Text(t) => t.clone(),
    })
}

/// One labelled form field with its hint and error, wired for screen readers.
fn field(
    ctx: &Ctx,
    form: &FormView<'_>,
    name: &str,
    required: bool,
    hint: Option<Msg>,
    control: impl FnOnce(Option<String>) -> Markup,
) -> Markup {
    let error = form.errors.and_then(|e| e.for_field(name));
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let error_id = error.map(|_| format!("{name}-error"));
    let described: Vec<String> = hint_id.iter().chain(error_id.iter()).cloned().collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        div class={ "field" @if error.is_some() { " field-error" } } {
            label for=(name) {
                (field_label(name, ctx.lang)) " "
                span class="req" { (ctx.t(if required { Msg::SiteRequired } else { Msg::SiteOptional })) }
            }
            @if let (Some(hint), Some(id)) = (hint, &hint_id) {
                p class="hint" id=(id) { (ctx.t(hint)) }
            }
            @if let (Some(problem), Some(id)) = (error, &error_id) {
                p class="error" id=(id) { (problem_text(problem, ctx.lang)) }
            }
            (control(described))
        }
    }
}

/// The create or edit form.
pub fn form_page(ctx: &Ctx, form: &FormView<'_>, departments: &[Department]) -> Markup {
    let title = ctx.t(if form.id.is_some() {
        Msg::SiteEditTitle
    } else {
        Msg::SiteNewTitle
    });
    let action = match form.id {
        Some(id) => format!("/sites/{id}/edit"),
        None => "/sites".to_owned(),
    };
    let input = form.input;
    let invalid = |name: &str| form.errors.and_then(|e| e.for_field(name)).map(|_| "true");
    let text = |name: &'static str,
                value: Option<String>,
                required: bool,
                hint: Option<Msg>,
                mode: Option<&'static str>| {
        field(ctx, form, name, required, hint, |described| {
            html! {
                input id=(name) name=(name) type="text" value=[value] required[required]
                    inputmode=[mode] aria-describedby=[described] aria-invalid=[invalid(name)];
            }
        })
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if let Some(errors) = form.errors {
                div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                    h2 id="error-summary-title" { (ctx.t(Msg::FormErrorsTitle)) }
                    ul {
                        @for e in &errors.0 {
                            li { a href={ "#" (e.field) } {
                                (field_label(&e.field, ctx.lang)) ": " (problem_text(&e.problem, ctx.lang))
                            } }
                        }
                    }
                }
            }
            form method="post" action=(action) novalidate {
                (text("name", input.name.clone(), true, None, None))
                (field(ctx, form, "kind", true, None, |described| html! {
                    select id="kind" name="kind" required aria-describedby=[described] aria-invalid=[invalid("kind")] {
                        @for k in SiteKind::ALL {
                            option value=(k.as_str()) selected[input.kind.as_deref() == Some(k.as_str())] {
                                (ctx.t(kind_label(*k)))
                            }
                        }
                    }
                }))
                (field(ctx, form, "subtype", false, None, |described| html! {
                    select id="subtype" name="subtype" aria-describedby=[described] aria-invalid=[invalid("subtype")] {
                        @for k in SiteKind::ALL {
                            optgroup label=(ctx.t(kind_label(*k))) {
                                @for s in Subtype::for_kind(*k).filter(|s| *s != Subtype::Other) {
                                    option value=(s.as_str()) selected[input.subtype.as_deref() == Some(s.as_str())] {
                                        (ctx.t(subtype_label(s)))
                                    }
                                }
                            }
                        }
                        option value="other" selected[input.subtype.as_deref().is_none_or(|s| s == "other" || s.is_empty())] {
                            (ctx.t(subtype_label(Subtype::Other)))
                        }
                    }
                }))
                (text("address", input.address.clone(), false, None, None))
                (text("lat", degrees(&input.lat), true, Some(Msg::SiteLatHint), Some("decimal")))
                (text("lon", degrees(&input.lon), true, Some(Msg::SiteLonHint), Some("decimal")))
                (field(ctx, form, "department", true, None, |described| html! {
                    select id="department" name="department" required aria-describedby=[described] aria-invalid=[invalid("department")] {
                        @for d in departments {
                            option value=(d.code) selected[input.department.as_deref() == Some(d.code.as_str())] {
                                (d.name.get(ctx.lang))
                            }
                        }
                    }
                }))
                (text("operator", input.operator.clone(), false, None, None))
                div class="actions" {
                    button type="submit" { (ctx.t(Msg::SiteSave)) }
                    a href=(match form.id { Some(id) => format!("/sites/{id}"), None => "/sites".into() }) {
                        (ctx.t(Msg::SiteCancel))
                    }
                }
            }
        },
    )
}
