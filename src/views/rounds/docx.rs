//! The compiled report as a Word document (DOCX), the format the province's offices edit
//! and sign: A4, the letterhead and report number of an administrative report, the
//! periodic report's tables, every accepted part beside its department's figures, and the
//! signature block, as the HTML document has them.

use std::io::Cursor;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell,
    TableRow, WidthType,
};

use crate::domain::lang::Lang;
use crate::domain::report::Letterhead;
use crate::domain::round::Compiled;
use crate::i18n::Msg;
use crate::i18n::dates::Dates;
use crate::views::labels::round_kind_label;
use crate::views::reports::document::{
    NUMBER_BLANK, as_of_text, dated, issuer_province, period_text, recipients, scope_text,
};
use crate::views::reports::tables::{self, Table as Figures};

/// A4 in twentieths of a point, and the margins of an administrative document (Decree
/// 30/2020/NĐ-CP: 2 cm top and bottom, 3 cm left, 1.5 cm right).
const A4: (u32, u32) = (11_906, 16_838);
const WIDE: usize = 11_906 - 1_701 - 850;

/// Everything the document is written from.
pub struct DocxInput<'a> {
    /// The compiled round.
    pub compiled: &'a Compiled,
    /// The language of its words.
    pub lang: Lang,
    /// Who issues it.
    pub letterhead: &'a Letterhead,
    /// When it was made.
    pub generated: DateTime<Utc>,
    /// The province's time zone.
    pub zone: Tz,
}

fn text(t: impl Into<String>) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

fn bold(t: impl Into<String>) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t).bold())
}

/// A paragraph of one run of `size` (half-points), bold if asked.
fn sized(t: impl Into<String>, size: usize, strong: bool) -> Paragraph {
    let run = Run::new().add_text(t).size(size);
    Paragraph::new().add_run(if strong { run.bold() } else { run })
}

fn centred(p: Paragraph) -> Paragraph {
    p.align(AlignmentType::Center)
}

fn heading(level: u8, t: impl Into<String>) -> Paragraph {
    let style = if level == 1 { "Heading1" } else { "Heading2" };
    Paragraph::new()
        .style(style)
        .keep_next(true)
        .add_run(Run::new().add_text(t))
}

/// Two columns without borders, each a list of paragraphs (letterhead, signatures); the
/// left one `left_share` per cent of the width.
fn two_columns(left: Vec<Paragraph>, right: Vec<Paragraph>, left_share: usize) -> Table {
    let widths = [WIDE * left_share / 100, WIDE - WIDE * left_share / 100];
    let cell = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs
            .into_iter()
            .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| {
                c.add_paragraph(p)
            })
    };
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, widths[0]),
        cell(right, widths[1]),
    ])])
    .set_grid(widths.to_vec())
    .width(WIDE, WidthType::Dxa)
}

/// One of the report's tables, headings in bold, numbers to the right; a table of many
/// columns in a smaller type, so that it fits the page's width.
fn figures_table(table: &Figures, lang: Lang) -> Table {
    let size = if table.columns.len() > 6 { 16 } else { 24 };
    let head = TableRow::new(
        table
            .columns
            .iter()
            .map(|c| TableCell::new().add_paragraph(sized(c.clone(), size, true)))
            .collect(),
    );
    let rows = table.rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .map(|cell| {
                    let p = sized(cell.text(lang), size, false);
                    let p = if cell.number().is_some() {
                        p.align(AlignmentType::Right)
                    } else {
                        p
                    };
                    TableCell::new().add_paragraph(p)
                })
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(rows).collect()).width(WIDE, WidthType::Dxa)
}

/// The compiled report as the bytes of a DOCX file.
pub fn write(input: &DocxInput<'_>) -> anyhow::Result<Vec<u8>> {
    let DocxInput {
        compiled: c,
        lang,
        letterhead,
        generated,
        zone,
    } = *input;
    let t = |m: Msg| m.get(lang);
    let report = &c.report;
    let dates = Dates::Written(lang);
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman");
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1_134)
                .bottom(1_134)
                .left(1_701)
                .right(850),
        )
        .default_fonts(fonts)
        .default_size(26)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .bold()
                .size(28),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .bold()
                .size(26),
        );
    doc = doc.add_table(two_columns(
        vec![
            centred(text(issuer_province(letterhead))),
            centred(bold(letterhead.issuer.to_uppercase())),
            centred(text(format!("{}: {NUMBER_BLANK}", t(Msg::ReportNumber)))),
        ],
        vec![
            centred(sized(t(Msg::ReportCountry), 24, true)),
            centred(bold(t(Msg::ReportMotto))),
            centred(
                Paragraph::new().add_run(
                    Run::new()
                        .add_text(dated(&letterhead.province, generated, zone, lang))
                        .italic(),
                ),
            ),
        ],
        40,
    ));
    doc = doc
        .add_paragraph(centred(sized(t(Msg::ReportTitle).to_uppercase(), 28, true)))
        .add_paragraph(centred(bold(format!(
            "{} ({})",
            c.round.title,
            t(round_kind_label(c.round.kind))
        ))))
        .add_paragraph(centred(text(format!(
            "{}: {}",
            t(Msg::ReportPeriod),
            period_text(report, lang, dates)
        ))))
        .add_paragraph(centred(text(format!(
            "{}: {}",
            t(Msg::ReportScope),
            scope_text(report, lang)
        ))));
    if let Some(as_of) = as_of_text(report, lang, dates) {
        doc = doc.add_paragraph(centred(bold(as_of)));
    }
    if report.is_empty() {
        doc = doc.add_paragraph(text(t(Msg::ReportEmpty)));
    }
    for (n, table) in tables::tables(report, lang, dates).iter().enumerate() {
        doc = doc
            .add_paragraph(heading(1, format!("{}. {}", n + 1, table.title)))
            .add_table(figures_table(table, lang));
    }
    doc = doc.add_paragraph(heading(1, t(Msg::CompiledPartsTitle)));
    if c.parts.is_empty() {
        doc = doc.add_paragraph(text(t(Msg::CompiledNoParts)));
    }
    for part in &c.parts {
        let sections = &part.line.part.sections;
        doc = doc
            .add_paragraph(heading(1, part.line.department.name.get(lang)))
            .add_paragraph(bold(t(Msg::PartFigures)))
            .add_table(figures_table(
                &tables::summary(&part.figures, lang, dates),
                lang,
            ));
        for (label, body) in [
            (Msg::PartResults, &sections.results),
            (Msg::PartDifficulties, &sections.difficulties),
            (Msg::PartProposals, &sections.proposals),
        ] {
            doc = doc.add_paragraph(heading(2, t(label)));
            for line in body.lines().filter(|l| !l.trim().is_empty()) {
                doc = doc.add_paragraph(text(line));
            }
        }
    }
    if !c.missing.is_empty() {
        let names: Vec<&str> = c
            .missing
            .iter()
            .map(|l| l.department.name.get(lang))
            .collect();
        doc = doc.add_paragraph(text(format!(
            "{}: {}.",
            t(Msg::CompiledMissing),
            names.join(", ")
        )));
    }
    doc = doc.add_paragraph(text(t(Msg::ReportDefinitions)));
    doc = doc.add_table(two_columns(
        vec![
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!("{}:", t(Msg::ReportRecipients)))
                    .bold()
                    .italic(),
            ),
            text(recipients(letterhead, lang)),
        ],
        vec![
            centred(bold(t(Msg::ReportPreparedBy))),
            centred(Paragraph::new().add_run(Run::new().add_text(t(Msg::ReportSignHere)).italic())),
        ],
        50,
    ));
    doc = doc.add_paragraph(text(format!(
        "{} {}",
        t(Msg::ReportGenerated),
        crate::i18n::dates::date_time(generated.with_timezone(&zone).naive_local(), lang)
    )));
    let mut bytes = Cursor::new(Vec::new());
    doc.pack(&mut bytes)?;
    Ok(bytes.into_inner())
}
