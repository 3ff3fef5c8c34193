//! `/targets`: the province's targets, and for coordinators the form that enters one and a
//! button that removes one. The report holds its figures against them.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::domain::area::Area;
use crate::domain::permission::{Action, Scope};
use crate::domain::site::SiteKind;
use crate::domain::target::{Measure, Target};
use crate::domain::validation::FieldErrors;
use crate::i18n::Msg;
use crate::views::components::{self, FieldParts};
use crate::views::labels::kind_label;
use crate::views::reports::targets::measure_label;
use crate::views::{Ctx, layout};

/// What the page shows.
pub struct TargetsPage<'a> {
    /// Every target.
    pub targets: &'a [Target],
    /// Every area, for the form.
    pub areas: &'a [Area],
    /// The form refused, with what was typed.
    pub refused: Option<(&'a FieldErrors, &'a HashMap<String, String>)>,
    /// What was just done.
    pub notice: Option<Msg>,
}

/// The form's fields in order, with their labels.
const FIELDS: [(&str, Msg); 7] = [
    ("year", Msg::TargetYear),
    ("measure", Msg::TargetMeasure),
    ("site_kind", Msg::SiteKind),
    ("area", Msg::ReportArea),
    ("share", Msg::TargetShare),
    ("by_date", Msg::TargetBy),
    ("programme", Msg::TargetProgramme),
];

/// The id of the form's input `name`.
fn field_id(name: &str) -> &'static str {
    match name {
        "year" => "target-year",
        "measure" => "target-measure",
        "site_kind" => "target-site_kind",
        "area" => "target-area",
        "share" => "target-share",
        "by_date" => "target-by_date",
        _ => "target-programme",
    }
}

fn label(name: &str) -> Msg {
    FIELDS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(Msg::TargetWhat, |(_, m)| *m)
}

/// The page.
pub fn page(ctx: &Ctx, p: &TargetsPage<'_>) -> Markup {
    let title = ctx.t(Msg::TargetsTitle);
    let manage = ctx.can(Action::ManageTargets, Scope::Everywhere);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::TargetsIntro)) }
            @if let Some(notice) = p.notice { (components::notice(ctx.t(notice))) }
            @if p.targets.is_empty() {
                p { (ctx.t(Msg::TargetsNone)) }
            } @else {
                h2 id="targets-list-title" { (ctx.t(Msg::TargetsListed)) }
                ul class="site-list" aria-labelledby="targets-list-title" {
                    @for t in p.targets {
                        @let what = described(ctx, t);
                        li {
                            h3 { (what) }
                            dl {
                                dt { (ctx.t(Msg::TargetShare)) }
                                dd { (crate::views::values::number(t.entered.share * 100.0, ctx.lang)) " %" }
                                dt { (ctx.t(Msg::TargetBy)) }
                                dd { (ctx.date(t.entered.by)) " (" (ctx.t(Msg::TargetYear)) " " (t.entered.year) ")" }
                                dt { (ctx.t(Msg::TargetProgramme)) }
                                dd { (t.entered.programme) }
                            }
                            @if manage {
                                form method="post" action={ "/targets/" (t.id) "/delete" } {
                                    button type="submit" class="secondary" aria-label={ (ctx.t(Msg::TargetRemove)) ": " (what) " (" (t.entered.year) ")" } {
                                        (ctx.t(Msg::TargetRemove))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if manage { (form(ctx, p)) }
        },
    )
}

/// What a target measures, for which sites, where.
fn described(ctx: &Ctx, t: &Target) -> String {
    let kind = match t.entered.kind {
        Some(kind) => ctx.t(kind_label(kind)),
        None => ctx.t(Msg::TargetEveryKind),
    };
    let area = match &t.area {
        Some(a) => format!("{} ({})", a.name, a.code),
        None => ctx.t(Msg::TargetWholeProvince).to_owned(),
    };
    format!(
        "{} – {kind} – {area}",
        ctx.t(measure_label(t.entered.measure))
    )
}

/// The form that enters a target.
fn form(ctx: &Ctx, p: &TargetsPage<'_>) -> Markup {
    let errors = p.refused.map(|(e, _)| e);
    let typed = |name: &str| {
        p.refused
            .and_then(|(_, t)| t.get(name))
            .map_or("", String::as_str)
    };
    let error = |name: &str| errors.and_then(|e| e.for_field(name));
    let parts = |name: &'static str, required: bool, hint: Option<&'static str>| FieldParts {
        id: field_id(name),
        label: ctx.t(label(name)),
        required,
        hint,
        error: error(name),
    };
    let invalid = |name: &str| error(name).map(|_| "true");
    html! {
        section aria-labelledby="target-form-title" {
            h2 id="target-form-title" { (ctx.t(Msg::TargetNew)) }
            @if let Some(errors) = errors {
                (components::error_summary(ctx, errors, |field| (field_id(field).to_owned(), ctx.t(label(field)).to_owned())))
            }
            form method="post" action="/targets" {
                (components::field(ctx, parts("year", true, None), |described| html! {
                    input type="number" id="target-year" name="year" value=(typed("year")) required
                        min="2000" max="2100" aria-describedby=[described] aria-invalid=[invalid("year")];
                }))
                (components::field(ctx, parts("measure", true, None), |described| html! {
                    select id="target-measure" name="measure" required aria-describedby=[described] aria-invalid=[invalid("measure")] {
                        @for m in Measure::ALL {
                            option value=(m.as_str()) selected[typed("measure") == m.as_str()] { (ctx.t(measure_label(*m))) }
                        }
                    }
                }))
                (components::field(ctx, parts("site_kind", false, None), |described| html! {
                    select id="target-site_kind" name="site_kind" aria-describedby=[described] aria-invalid=[invalid("site_kind")] {
                        option value="" { (ctx.t(Msg::TargetEveryKind)) }
                        @for k in SiteKind::ALL {
                            option value=(k.as_str()) selected[typed("site_kind") == k.as_str()] { (ctx.t(kind_label(*k))) }
                        }
                    }
                }))
                (components::field(ctx, parts("area", false, None), |described| html! {
                    select id="target-area" name="area" aria-describedby=[described] aria-invalid=[invalid("area")] {
                        option value="" { (ctx.t(Msg::TargetWholeProvince)) }
                        @for a in p.areas {
                            option value=(a.code) selected[typed("area") == a.code] { (a.name) " (" (a.code) ")" }
                        }
                    }
                }))
                (components::field(ctx, parts("share", true, Some(ctx.t(Msg::TargetShareHint))), |described| html! {
                    input type="text" inputmode="decimal" id="target-share" name="share" value=(typed("share")) required
                        aria-describedby=[described] aria-invalid=[invalid("share")];
                }))
                (components::field(ctx, parts("by_date", false, Some(ctx.t(Msg::TargetByHint))), |described| html! {
                    input type="date" id="target-by_date" name="by_date" value=(typed("by_date"))
                        aria-describedby=[described] aria-invalid=[invalid("by_date")];
                }))
                (components::field(ctx, parts("programme", true, Some(ctx.t(Msg::TargetProgrammeHint))), |described| html! {
                    input type="text" id="target-programme" name="programme" value=(typed("programme")) required
                        aria-describedby=[described] aria-invalid=[invalid("programme")];
                }))
                button type="submit" { (ctx.t(Msg::TargetSave)) }
            }
        }
    }
}
