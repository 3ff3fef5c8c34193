//! The form for creating and editing a site, and the page that shows an edit that came too
//! late beside what is saved now.

use maud::{Markup, html};
use uuid::Uuid;

use crate::domain::department::Department;
use crate::domain::site::{Degrees, Flag, Site, SiteInput, SiteKind, Subtype};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, field_label};
use crate::views::components::{self, FieldParts};
use crate::views::labels::{kind_label, subtype_label};
use crate::views::{Ctx, layout};

/// The site form's state: what was typed and what was refused.
pub struct FormView<'a> {
    id: Option<Uuid>,
    input: &'a SiteInput,
    errors: Option<&'a FieldErrors>,
    /// The version the edit starts from (sent back, so a late edit is noticed).
    version: Option<i64>,
    /// The key of this new-site form, so sending it twice registers one site.
    form_key: Option<String>,
    /// The site as saved now, when the edit came after someone else's.
    current: Option<&'a Site>,
    /// The barrier report the new place is registered from: it is filed under the place.
    report: Option<Uuid>,
}

impl<'a> FormView<'a> {
    /// A form for a new site (`id` None) or an existing one.
    pub fn new(id: Option<Uuid>, input: &'a SiteInput, errors: Option<&'a FieldErrors>) -> Self {
        FormView {
            id,
            input,
            errors,
            version: None,
            form_key: None,
            current: None,
            report: None,
        }
    }

    /// Registering the place barrier report `report` is about.
    pub fn from_report(mut self, report: Option<Uuid>) -> Self {
        self.report = report;
        self
    }

    /// Editing from `version`.
    pub fn from_version(mut self, version: i64) -> Self {
        self.version = Some(version);
        self
    }

    /// A new-site form with its key.
    pub fn with_key(mut self, key: String) -> Self {
        self.form_key = Some(key);
        self
    }

    /// The edit came too late: `current` is what is saved now; the form keeps what was
    /// typed and carries the current version, so saving again is a knowing choice.
    pub fn too_late(mut self, current: &'a Site) -> Self {
        self.version = Some(current.version);
        self.current = Some(current);
        self
    }
}

/// The fields of a site as text, for showing typed input beside the saved values.
fn shown(input: &SiteInput) -> [(&'static str, String); 8] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        ("name", text(&input.name)),
        ("kind", text(&input.kind)),
        ("subtype", text(&input.subtype)),
        ("address", text(&input.address)),
        ("lat", degrees(&input.lat).unwrap_or_default()),
        ("lon", degrees(&input.lon).unwrap_or_default()),
        ("department", text(&input.department)),
        ("operator", text(&input.operator)),
    ]
}

/// What was typed beside what is saved now.
fn conflict(ctx: &Ctx, typed: &SiteInput, current: &Site) -> Markup {
    let saved = shown(&SiteInput::from_site(current));
    let rows: Vec<(String, String, String)> = shown(typed)
        .into_iter()
        .zip(saved)
        .map(|((name, yours), (_, now))| (field_label(name, ctx.lang), yours, now))
        .collect();
    let discard = format!("/sites/{}", current.id);
    components::conflict(ctx, ctx.t(Msg::ConflictTitle), &rows, &discard)
}

fn degrees(value: &Option<Degrees>) -> Option<String> {
    value.as_ref().map(|d| match d {
        Degrees::Number(n) => n.to_string(),
        Degrees::Text(t) => t.clone(),
    })
}

/// One labelled field of the site form.
fn field(
    ctx: &Ctx,
    form: &FormView<'_>,
    name: &str,
    required: bool,
    hint: Option<Msg>,
    control: impl FnOnce(Option<String>) -> Markup,
) -> Markup {
    let label = field_label(name, ctx.lang);
    let parts = FieldParts {
        id: name,
        label: &label,
        required,
        hint: hint.map(|h| ctx.t(h)),
        error: form.errors.and_then(|e| e.for_field(name)),
    };
    components::field(ctx, parts, control)
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
                (components::error_summary(ctx, errors, |f| (f.to_owned(), field_label(f, ctx.lang))))
            }
            @if let Some(current) = form.current {
                (conflict(ctx, input, current))
            }
            form method="post" action=(action) novalidate {
                @if let Some(version) = form.version {
                    input type="hidden" name="version" value=(version);
                }
                @if let Some(report) = form.report {
                    input type="hidden" name="report" value=(report);
                }
                @if let Some(key) = &form.form_key {
                    input type="hidden" name="form_key" value=(key);
                }
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
                                @for s in Subtype::for_kind(*k).filter(|s| !s.is_other()) {
                                    option value=(s.as_str()) selected[input.subtype.as_deref() == Some(s.as_str())] {
                                        (ctx.t(subtype_label(s)))
                                    }
                                }
                            }
                        }
                        option value="other" selected[input.subtype.as_deref().is_none_or(|s| s.starts_with("other") || s.is_empty())] {
                            (ctx.t(Msg::SubtypeOther))
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
                (field(ctx, form, "design_approved_on", false, Some(Msg::SiteDesignApprovedHint), |described| html! {
                    input id="design_approved_on" name="design_approved_on" type="date"
                        value=[input.design_approved_on.clone()]
                        aria-describedby=[described] aria-invalid=[invalid("design_approved_on")];
                }))
                @let heritage = matches!(&input.heritage, Some(Flag::Bool(true)))
                    || matches!(&input.heritage, Some(Flag::Text(t)) if !t.trim().is_empty() && t.trim() != "false");
                div class="field checkbox" {
                    input id="heritage" name="heritage" type="checkbox" value="true" checked[heritage]
                        aria-describedby="heritage-hint";
                    label for="heritage" { (field_label("heritage", ctx.lang)) }
                    p class="hint" id="heritage-hint" { (ctx.t(Msg::SiteHeritageHint)) }
                }
                div class="actions" {
                    button type="submit" {
                        (ctx.t(if form.current.is_some() { Msg::ConflictSaveMine } else { Msg::SiteSave }))
                    }
                    a href=(match form.id { Some(id) => format!("/sites/{id}"), None => "/sites".into() }) {
                        (ctx.t(Msg::SiteCancel))
                    }
                }
            }
        },
    )
}
