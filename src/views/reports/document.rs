//! The report as an HTML document with the layout of an official report: the province and
//! the issuing body, the report number and date, the charts beside their tables, and the
//! signature block. Its style sheet is inside it, so a saved file prints the same.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charts::charts;
use super::tables::{Cell, Table, tables};
use crate::domain::lang::Lang;
use crate::domain::report::{Letterhead, Report};
use crate::i18n::Msg;
use crate::i18n::dates::Dates;

/// The report's own style, screen and A4 print.
pub const STYLE: &str = include_str!("../../../static/report.css");

/// The lines that head the CSV and the workbook: title, how the file writes its days
/// (when in ISO 8601), period, scope, the day the figures are counted on when the period
/// has not ended, and the notice of an empty report.
pub fn heading(report: &Report, lang: Lang, dates: Dates) -> Vec<String> {
    let mut lines = vec![Msg::ReportTitle.get(lang).to_owned()];
    if dates == Dates::Iso {
        lines.push(Msg::ReportIsoDates.get(lang).to_owned());
    }
    lines.extend([
        format!(
            "{}: {}",
            Msg::ReportPeriod.get(lang),
            period_text(report, lang, dates)
        ),
        format!(
            "{}: {}",
            Msg::ReportScope.get(lang),
            scope_text(report, lang)
        ),
    ]);
    lines.extend(as_of_text(report, lang, dates));
    if report.is_empty() {
        lines.push(Msg::ReportEmpty.get(lang).to_owned());
    }
    lines
}

/// "Figures as of …" when the period has not ended yet.
pub fn as_of_text(report: &Report, lang: Lang, dates: Dates) -> Option<String> {
    (report.as_of < report.period.to)
        .then(|| format!("{} {}", Msg::ReportAsOf.get(lang), dates.day(report.as_of)))
}

pub fn period_text(report: &Report, lang: Lang, dates: Dates) -> String {
    let (from, to) = (dates.day(report.period.from), dates.day(report.period.to));
    match lang {
        Lang::Vi => format!("từ ngày {from} đến ngày {to}"),
        Lang::En => format!("{from} to {to}"),
    }
}

pub fn scope_text(report: &Report, lang: Lang) -> String {
    let mut parts = Vec::new();
    match &report.scope.department {
        Some(d) => parts.push(d.name.get(lang).to_owned()),
        None => parts.push(Msg::ReportAllDepartments.get(lang).to_owned()),
    }
    match &report.scope.area {
        Some(a) => parts.push(format!("{} ({})", a.name.get(lang), a.code)),
        None => parts.push(Msg::ReportWholeProvince.get(lang).to_owned()),
    }
    parts.join(" · ")
}

/// The date line of the letterhead. In Vietnamese it takes the form an administrative
/// document must (Decree 30/2020/NĐ-CP, appendix I): "Lạng Sơn, ngày 04 tháng 12 năm
/// 2026", a day below 10 and the months 1 and 2 with a leading zero; in English the day
/// as pages write it.
pub fn dated(place: &str, at: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    let d = at.with_timezone(&zone).date_naive();
    match lang {
        Lang::Vi => {
            let month = if d.month() <= 2 {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            format!(
                "{place}, ngày {:02} tháng {month} năm {}",
                d.day(),
                d.year()
            )
        }
        Lang::En => format!("{place}, {}", crate::i18n::dates::date(d, lang)),
    }
}

/// What a compiled report adds to the periodic report: a title under the report's own,
/// and a part after the tables, before the definitions and the signatures.
#[derive(Default)]
pub struct Addition {
    /// The line under the title (a round's title).
    pub subtitle: Option<String>,
    /// What goes after the tables.
    pub after_tables: Option<Markup>,
}

/// The report as a whole document (`format=html`, `tiepcan report --format html`).
pub fn document(
    report: &Report,
    lang: Lang,
    letterhead: &Letterhead,
    generated: DateTime<Utc>,
    zone: Tz,
) -> Markup {
    document_with(
        report,
        lang,
        letterhead,
        generated,
        zone,
        &Addition::default(),
    )
}

/// The report as a whole document with `addition`.
pub fn document_with(
    report: &Report,
    lang: Lang,
    letterhead: &Letterhead,
    generated: DateTime<Utc>,
    zone: Tz,
    addition: &Addition,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title {
                    @if let Some(subtitle) = &addition.subtitle { (subtitle) " · " }
                    (Msg::ReportTitle.get(lang)) " · " (period_text(report, lang, Dates::Written(lang)))
                }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main class="report" {
                    (body_with(report, lang, letterhead, generated, zone, addition))
                }
            }
        }
    }
}

/// The report itself, for the document and for the staff page.
pub fn body(
    report: &Report,
    lang: Lang,
    letterhead: &Letterhead,
    generated: DateTime<Utc>,
    zone: Tz,
) -> Markup {
    body_with(
        report,
        lang,
        letterhead,
        generated,
        zone,
        &Addition::default(),
    )
}

/// The report itself with `addition`.
fn body_with(
    report: &Report,
    lang: Lang,
    letterhead: &Letterhead,
    generated: DateTime<Utc>,
    zone: Tz,
    addition: &Addition,
) -> Markup {
    let t = |m: Msg| m.get(lang);
    let tables = tables(report, lang, Dates::Written(lang));
    let charts = charts(report, lang);
    html! {
        article class="report-document" {
            div class="letterhead" {
                div class="issuer" {
                    p { (issuer_province(letterhead)) }
                    p class="strong" { (letterhead.issuer.to_uppercase()) }
                    p class="number" { (t(Msg::ReportNumber)) ": " (NUMBER_BLANK) }
                }
                div class="country" {
                    p class="strong" { (t(Msg::ReportCountry)) }
                    p class="motto" { (t(Msg::ReportMotto)) }
                    p class="date" { em { (dated(&letterhead.province, generated, zone, lang)) } }
                }
            }
            h1 { (t(Msg::ReportTitle)) }
            @if let Some(subtitle) = &addition.subtitle {
                p class="subtitle" { strong { (subtitle) } }
            }
            p class="period" { (t(Msg::ReportPeriod)) ": " (period_text(report, lang, Dates::Written(lang))) }
            p class="period" { (t(Msg::ReportScope)) ": " (scope_text(report, lang)) }
            @if let Some(as_of) = as_of_text(report, lang, Dates::Written(lang)) {
                p class="period" { strong { (as_of) } }
            }
            @if report.is_empty() {
                p class="empty" { (t(Msg::ReportEmpty)) }
            }
            @for (n, table) in tables.iter().enumerate() {
                section class="report-table" {
                    h2 id={ "t-" (table.id) } { (n + 1) ". " (table.title) }
                    @for chart in charts.iter().filter(|c| c.table == table.id.as_str()) {
                        figure class="chart" aria-labelledby={ "f-" (chart.id) } {
                            (PreEscaped(&chart.svg))
                            figcaption id={ "f-" (chart.id) } {
                                strong { (chart.title) } ". " (chart.description)
                            }
                        }
                    }
                    (table_markup(table, lang))
                }
            }
            @if let Some(after) = &addition.after_tables { (after) }
            p class="definitions" { (t(Msg::ReportDefinitions)) }
            div class="signatures" {
                div class="recipients" {
                    p { strong { em { (t(Msg::ReportRecipients)) ":" } } }
                    p { (recipients(letterhead, lang)) }
                }
                div class="signer" {
                    p class="strong" { (t(Msg::ReportPreparedBy)) }
                    p { em { (t(Msg::ReportSignHere)) } }
                }
            }
            p class="generated" {
                (t(Msg::ReportGenerated)) " "
                (crate::i18n::dates::date_time(generated.with_timezone(&zone).naive_local(), lang))
            }
        }
    }
}

/// The blank the issuing office fills with the report's number.
pub const NUMBER_BLANK: &str = "........../BC-......";

/// The first line of the issuer's block: "UBND TỈNH LẠNG SƠN".
pub fn issuer_province(letterhead: &Letterhead) -> String {
    format!("UBND TỈNH {}", letterhead.province.to_uppercase())
}

/// Who receives the report: the setting, or the catalogue's list.
pub fn recipients(letterhead: &Letterhead, lang: Lang) -> String {
    match &letterhead.recipients {
        Some(recipients) => recipients.clone(),
        None => Msg::ReportRecipientsList.get(lang).to_owned(),
    }
}

/// A table in a box that scrolls sideways on a narrow screen; the box is a named region a
/// keyboard can reach, so it scrolls without a mouse.
pub fn table_markup(table: &Table, lang: Lang) -> Markup {
    html! {
        div class="table-wrap" role="region" tabindex="0" aria-labelledby={ "t-" (table.id) } {
            table id=(table.id) {
                thead {
                    tr {
                        @for column in &table.columns { th scope="col" { (column) } }
                    }
                }
                tbody {
                    @for row in &table.rows {
                        tr {
                            @for (i, cell) in row.iter().enumerate() {
                                @if let Cell::Linked { text, href } = cell {
                                    th scope="row" { a href=(href) { (text) } }
                                } @else if i == 0 {
                                    th scope="row" { (cell.text(lang)) }
                                } @else {
                                    td class=[cell.number().is_some().then_some("num")] { (cell.text(lang)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
