//! Finding pages: the department dashboard, one finding with its history and the steps the
//! person may take, the staff timeline of a site, and the CSV export.

mod detail;
mod timeline;

pub use detail::{DetailView, Typed, detail_page};
pub use timeline::timeline;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::inert;
use super::{Ctx, layout};
use crate::domain::checklist::Severity;
use crate::domain::finding::dashboard::Counts;
use crate::domain::finding::{Finding, FindingState};
use crate::domain::site::SiteKind;
use crate::i18n::Msg;

use crate::views::citation::clause;
use crate::views::labels::{feature_label, finding_state_label, kind_label, severity_label};
use crate::views::values::measured;

/// A day as the request's language writes it, for a page part without the page context
/// at hand; with it, [`Ctx::day`] says the same.
pub fn day(date: NaiveDate) -> Markup {
    let lang = crate::i18n::current();
    html! { time datetime=(date) { (crate::i18n::dates::date(date, lang)) } }
}

/// A finding's state in words, with its due date and "overdue" in words too.
pub fn state_line(ctx: &Ctx, f: &Finding, today: NaiveDate) -> Markup {
    html! {
        (ctx.t(finding_state_label(f.state)))
        @if let Some(due) = f.due_date {
            @if f.state.is_open() {
                " · " (ctx.t(Msg::FindingDue)) " " (ctx.day(due))
            }
        }
        @if f.overdue(today) {
            " · " strong class="overdue" { (ctx.t(Msg::FindingOverdue)) }
        }
    }
}

/// The filters of the dashboard, as typed.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// State code, if one was chosen.
    pub state: String,
    /// Severity code.
    pub severity: String,
    /// Department code.
    pub department: String,
    /// Site kind code.
    pub kind: String,
    /// Area id.
    pub area: String,
    /// Site id.
    pub site: String,
    /// Only overdue.
    pub overdue: bool,
    /// Due before, `YYYY-MM-DD`.
    pub due_before: String,
    /// The query string without `format`, for the CSV link.
    pub query: String,
}

/// What the dashboard shows.
pub struct Dashboard<'a> {
    /// The findings matching, in the order shown (overdue first).
    pub findings: &'a [Finding],
    /// The counts over every finding matching.
    pub counts: &'a Counts,
    /// The filters as typed.
    pub filters: &'a Filters,
    /// Department codes and names the person may choose from (coordinators: all).
    pub departments: &'a [(String, String)],
    /// Today in the province.
    pub today: NaiveDate,
    /// The next page's query string, when there is one.
    pub next: Option<String>,
}

fn select(ctx: &Ctx, name: &str, label: Msg, chosen: &str, options: &[(String, String)]) -> Markup {
    html! {
        div class="field" {
            label for={ "filter-" (name) } { (ctx.t(label)) }
            select id={ "filter-" (name) } name=(name) {
                option value="" selected[chosen.is_empty()] { (ctx.t(Msg::FilterAny)) }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    }
}

/// `/findings`: the department dashboard.
pub fn dashboard_page(ctx: &Ctx, d: &Dashboard<'_>) -> Markup {
    let title = ctx.t(Msg::FindingsTitle);
    let f = d.filters;
    let states: Vec<(String, String)> = FindingState::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(finding_state_label(*s)).to_owned(),
            )
        })
        .collect();
    let severities: Vec<(String, String)> = Severity::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), ctx.t(severity_label(*s)).to_owned()))
        .collect();
    let kinds: Vec<(String, String)> = SiteKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), ctx.t(kind_label(*k)).to_owned()))
        .collect();
    let c = d.counts;
    let csv = if f.query.is_empty() {
        "/api/v1/findings?format=csv".to_owned()
    } else {
        format!("/api/v1/findings?{}&format=csv", f.query)
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            form method="get" action="/findings" class="filters" {
                fieldset {
                    legend { (ctx.t(Msg::FindingsFilter)) }
                    (select(ctx, "state", Msg::FindingState, &f.state, &states))
                    (select(ctx, "severity", Msg::FindingSeverity, &f.severity, &severities))
                    @if !d.departments.is_empty() {
                        (select(ctx, "department", Msg::SiteDepartment, &f.department, d.departments))
                    }
                    (select(ctx, "kind", Msg::SiteKind, &f.kind, &kinds))
                    div class="field" {
                        label for="filter-due" { (ctx.t(Msg::FindingsDueBefore)) }
                        input type="date" id="filter-due" name="due_before" value=(f.due_before);
                    }
                    div class="choice" {
                        input type="checkbox" id="filter-overdue" name="overdue" value="true" checked[f.overdue];
                        label for="filter-overdue" { (ctx.t(Msg::FindingsOnlyOverdue)) }
                    }
                    @if !f.area.is_empty() { input type="hidden" name="area" value=(f.area); }
                    @if !f.site.is_empty() { input type="hidden" name="site" value=(f.site); }
                    button type="submit" { (ctx.t(Msg::FindingsApply)) }
                }
            }
            section aria-labelledby="counts" {
                h2 id="counts" { (ctx.t(Msg::FindingsSummary)) }
                ul class="counts" {
                    li { strong { (c.overdue) } " " (ctx.t(Msg::FindingsCountOverdue)) }
                    li { strong { (c.due_this_month) } " " (ctx.t(Msg::FindingsCountDueThisMonth)) }
                    li { strong { (c.awaiting_verification) } " " (ctx.t(Msg::FindingsCountAwaiting)) }
                    @for severity in Severity::ALL {
                        li {
                            strong { (c.open_by_severity.get(severity.as_str()).copied().unwrap_or(0)) }
                            " " (ctx.t(Msg::FindingsCountOpen)) " — " (ctx.t(severity_label(*severity)))
                        }
                    }
                }
                @if !c.open_by_area.is_empty() {
                    table {
                        caption { (ctx.t(Msg::FindingsByArea)) }
                        thead { tr { th scope="col" { (ctx.t(Msg::SiteArea)) } th scope="col" { (ctx.t(Msg::FindingsCountOpen)) } } }
                        tbody {
                            @for a in &c.open_by_area {
                                tr {
                                    th scope="row" {
                                        @match &a.area {
                                            Some(area) => a href={ "/findings?area=" (area.id) } { (area.name) },
                                            None => (ctx.t(Msg::SiteAreaUnknown)),
                                        }
                                    }
                                    td { (a.open) }
                                }
                            }
                        }
                    }
                }
                table {
                    caption { (ctx.t(Msg::FindingsByKind)) }
                    thead { tr { th scope="col" { (ctx.t(Msg::SiteKind)) } th scope="col" { (ctx.t(Msg::FindingsCountOpen)) } } }
                    tbody {
                        @for kind in SiteKind::ALL {
                            tr {
                                th scope="row" { (ctx.t(kind_label(*kind))) }
                                td { (c.open_by_kind.get(kind.as_str()).copied().unwrap_or(0)) }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="list" {
                h2 id="list" { (ctx.t(Msg::FindingsList)) " (" (d.findings.len()) ")" }
                p { a href=(csv) download="findings.csv" { (ctx.t(Msg::FindingsCsv)) } }
                @if d.findings.is_empty() {
                    p { (ctx.t(Msg::FindingsNone)) }
                } @else {
                    // A phone scrolls the table, never the page (WCAG 1.4.10).
                    div class="table-scroll" role="region" aria-labelledby="findings-caption" tabindex="0" {
                        table class="findings" {
                            caption class="visually-hidden" id="findings-caption" { (ctx.t(Msg::FindingsList)) }
                            thead {
                                tr {
                                    th scope="col" { (ctx.t(Msg::FindingItem)) }
                                    th scope="col" { (ctx.t(Msg::FindingSite)) }
                                    th scope="col" { (ctx.t(Msg::FindingSeverity)) }
                                    th scope="col" { (ctx.t(Msg::FindingState)) }
                                    th scope="col" { (ctx.t(Msg::FindingPhotos)) }
                                }
                            }
                            tbody {
                                @for finding in d.findings {
                                    tr class=[finding.overdue(d.today).then_some("overdue")] {
                                        th scope="row" {
                                            a href={ "/findings/" (finding.id) } { (finding.text.get(ctx.lang)) }
                                            @if let (Some(value), Some(unit)) = (finding.value, finding.unit) {
                                                " (" (measured(value, unit, ctx.lang)) ")"
                                            }
                                            br;
                                            span class="meta" { (ctx.t(feature_label(finding.feature))) " · " (clause(&finding.clause, ctx.lang)) }
                                        }
                                        td {
                                            a href={ "/sites/" (finding.site_id) } { (finding.site_name) }
                                            @if let Some(area) = &finding.area { br; span class="meta" { a href={ "/areas/" (area.id) } { (area.name) } } }
                                        }
                                        td { (ctx.t(severity_label(finding.severity))) }
                                        td { (state_line(ctx, finding, d.today)) }
                                        td { (finding.photos.len()) " / " (finding.after_photos.len()) }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(next) = &d.next {
                        p { a href={ "/findings?" (next) } { (ctx.t(Msg::FindingsNextPage)) } }
                    }
                }
            }
        },
    )
}

/// The filtered findings as CSV (UTF-8 with a byte order mark, so that spreadsheet
/// programs read Vietnamese text correctly), headed and worded in the person's language.
pub fn csv(ctx: &Ctx, findings: &[Finding], today: NaiveDate, base: &str) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        let header = [
            Msg::CsvId,
            Msg::FindingSite,
            Msg::SiteKind,
            Msg::SiteArea,
            Msg::SiteDepartment,
            Msg::FindingItem,
            Msg::CsvItemCode,
            Msg::CsvClause,
            Msg::FindingSeverity,
            Msg::FindingState,
            Msg::FindingDue,
            Msg::FindingOverdue,
            Msg::CsvMeasured,
            Msg::FindingAssignee,
            Msg::FindingBudgetYear,
            Msg::FindingEstimatedCost,
            Msg::FindingActualCost,
            Msg::FindingReason,
            Msg::CsvFound,
            Msg::CsvPhotosBefore,
            Msg::CsvPhotosAfter,
            Msg::CsvUrl,
        ];
        let write = |w: &mut csv::Writer<&mut Vec<u8>>, row: Vec<String>| {
            let row: Vec<String> = row.into_iter().map(inert).collect();
            w.write_record(&row).expect("writing to memory");
        };
        // Days and times are ISO 8601, as programs read them; the heading says so.
        let heading = |m: &Msg| match m {
            Msg::FindingDue => format!("{} ({})", ctx.t(*m), ctx.t(Msg::CsvIsoDay)),
            Msg::CsvFound => format!("{} ({})", ctx.t(*m), ctx.t(Msg::CsvIsoTime)),
            _ => ctx.t(*m).to_owned(),
        };
        write(&mut writer, header.iter().map(heading).collect());
        // Whole đồng as programs read them, without grouping.
        let cost = |c: Option<crate::domain::finding::cost::Dong>| {
            c.map(|c| c.get().to_string()).unwrap_or_default()
        };
        for f in findings {
            let measured = match (f.value, f.unit) {
                (Some(v), Some(unit)) => measured(v, unit, ctx.lang),
                _ => match (f.provided, f.total) {
                    (Some(p), Some(t)) => format!("{p}/{t}"),
                    _ => String::new(),
                },
            };
            write(
                &mut writer,
                vec![
                    f.id.to_string(),
                    f.site_name.clone(),
                    ctx.t(kind_label(f.site_kind)).to_owned(),
                    f.area.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                    f.department.name.get(ctx.lang).to_owned(),
                    f.text.get(ctx.lang).to_owned(),
                    f.item.clone(),
                    f.clause.clone(),
                    ctx.t(severity_label(f.severity)).to_owned(),
                    ctx.t(finding_state_label(f.state)).to_owned(),
                    f.due_date.map(|d| d.to_string()).unwrap_or_default(),
                    ctx.t(if f.overdue(today) { Msg::Yes } else { Msg::No })
                        .to_owned(),
                    measured,
                    f.assignee.clone().unwrap_or_default(),
                    f.budget_year.map(|y| y.to_string()).unwrap_or_default(),
                    cost(f.estimated_cost),
                    cost(f.actual_cost),
                    f.reason.clone().unwrap_or_default(),
                    f.created_at
                        .with_timezone(&ctx.zone)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                    f.photos.len().to_string(),
                    f.after_photos.len().to_string(),
                    format!("{base}/findings/{}", f.id),
                ],
            );
        }
        writer.flush().expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_as_a_formula_is_made_plain_text() {
        assert_eq!(inert("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        for start in ["+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(inert(start.into()).starts_with('\''), "{start}");
        }
        assert_eq!(inert("Nhà văn hóa".into()), "Nhà văn hóa");
        assert_eq!(inert("2026-12-31".into()), "2026-12-31");
    }
}
