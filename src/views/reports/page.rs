//! `/reports`: the staff page that compiles a periodic report, shows it, and links its
//! printable document and its files.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::document::body;
use crate::domain::report::Letterhead;
use crate::domain::report::{Period, Report, Usual};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, problem_text};
use crate::views::{Ctx, layout};

/// What the page shows.
pub struct ReportPage<'a> {
    /// The typed first day.
    pub from: String,
    /// The typed last day.
    pub to: String,
    /// The chosen department code.
    pub department: String,
    /// The chosen area code.
    pub area: String,
    /// Departments the person may choose: (code, name).
    pub departments: &'a [(String, String)],
    /// Areas: (code, label).
    pub areas: &'a [(String, String)],
    /// The usual periods, with the days each covers and the link that asks for it.
    pub usual: Vec<(Usual, Period, String)>,
    /// True when the person may have the whole province's report.
    pub everywhere: bool,
    /// What was wrong with the input.
    pub errors: &'a FieldErrors,
    /// The report, once asked for and computed.
    pub report: Option<&'a Report>,
    /// The same report's files: (format, link).
    pub links: Vec<(&'static str, String)>,
    /// The letterhead.
    pub letterhead: &'a Letterhead,
    /// When it was computed.
    pub generated: DateTime<Utc>,
}

/// What a usual period is called.
fn usual_label(usual: Usual) -> Msg {
    match usual {
        Usual::ThisQuarter => Msg::ReportThisQuarter,
        Usual::LastQuarter => Msg::ReportLastQuarter,
        Usual::ThisYear => Msg::ReportThisYear,
        Usual::LastYear => Msg::ReportLastYear,
    }
}

fn label_of(field: &str) -> Msg {
    match field {
        "from" => Msg::ReportFrom,
        "to" => Msg::ReportTo,
        "area" => Msg::ReportArea,
        _ => Msg::ReportDepartment,
    }
}

/// The page.
pub fn page(ctx: &Ctx, p: &ReportPage<'_>) -> Markup {
    let title = ctx.t(Msg::ReportFormTitle);
    let invalid = |field: &str| p.errors.0.iter().any(|e| e.field == field);
    layout(
        ctx,
        title,
        html! {
            link rel="stylesheet" href=(crate::views::assets::REPORT_CSS.href());
            div class="no-print" {
                h1 { (title) }
                nav aria-label=(ctx.t(Msg::ReportRelated)) {
                    ul {
                        li { a href="/budget" { (ctx.t(Msg::BudgetTitle)) } }
                        @if p.everywhere {
                            li { a href="/targets" { (ctx.t(Msg::TargetsTitle)) } }
                        }
                    }
                }
                @if !p.errors.0.is_empty() {
                    div class="errors" role="alert" tabindex="-1" id="errors" {
                        ul {
                            @for e in &p.errors.0 {
                                li {
                                    a href={ "#report-" (e.field) } { (ctx.t(label_of(&e.field))) }
                                    ": " (problem_text(&e.problem, ctx.lang))
                                }
                            }
                        }
                    }
                }
                form method="get" action="/reports" class="filters" {
                    fieldset {
                        legend { (ctx.t(Msg::ReportPeriod)) }
                        p id="report-usual" { (ctx.t(Msg::ReportUsualPeriods)) }
                        ul aria-labelledby="report-usual" class="usual-periods" {
                            @for (usual, period, href) in &p.usual {
                                @let chosen = p.from == period.from.to_string() && p.to == period.to.to_string();
                                li {
                                    a href=(href) aria-current=[chosen.then_some("true")] {
                                        (ctx.t(usual_label(*usual))) " (" (ctx.date(period.from)) " – " (ctx.date(period.to)) ")"
                                    }
                                }
                            }
                        }
                        div class="field" {
                            label for="report-from" { (ctx.t(Msg::ReportFrom)) }
                            input type="date" id="report-from" name="from" value=(p.from) required
                                aria-invalid=[invalid("from").then_some("true")];
                        }
                        div class="field" {
                            label for="report-to" { (ctx.t(Msg::ReportTo)) }
                            input type="date" id="report-to" name="to" value=(p.to) required
                                aria-invalid=[invalid("to").then_some("true")];
                        }
                        div class="field" {
                            label for="report-department" { (ctx.t(Msg::ReportDepartment)) }
                            select id="report-department" name="department"
                                aria-invalid=[invalid("department").then_some("true")] {
                                @if p.everywhere {
                                    option value="" selected[p.department.is_empty()] { (ctx.t(Msg::ReportAllDepartments)) }
                                }
                                @for (code, name) in p.departments {
                                    option value=(code) selected[&p.department == code] { (name) }
                                }
                            }
                        }
                        div class="field" {
                            label for="report-area" { (ctx.t(Msg::ReportArea)) }
                            select id="report-area" name="area"
                                aria-invalid=[invalid("area").then_some("true")] {
                                option value="" selected[p.area.is_empty()] { (ctx.t(Msg::ReportWholeProvince)) }
                                @for (code, name) in p.areas {
                                    option value=(code) selected[&p.area == code] { (name) }
                                }
                            }
                        }
                        button type="submit" { (ctx.t(Msg::ReportShow)) }
                    }
                }
                @if p.report.is_some() {
                    nav aria-label=(ctx.t(Msg::ReportFormats)) class="report-files" {
                        h2 { (ctx.t(Msg::ReportFormats)) }
                        ul {
                            @for (format, link) in &p.links {
                                li {
                                    a href=(link) {
                                        @if *format == "html" { (ctx.t(Msg::ReportPrintable)) } @else { (format.to_uppercase()) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(report) = p.report {
                (body(report, ctx.lang, p.letterhead, p.generated, ctx.zone))
            }
        },
    )
}
