//! The report's charts, drawn on the server as SVG with `plotters`: no script runs in the
//! reader's browser. Each chart is an image with a title and a description; its numbers are
//! in the table printed beside it.

use plotters::coord::ranged1d::{SegmentValue, SegmentedCoord};
use plotters::coord::types::{RangedCoordu32, RangedCoordu64};
use plotters::prelude::*;

use crate::domain::lang::Lang;
use crate::domain::report::{Figure, Figures, Report};
use crate::i18n::Msg;
use crate::i18n::dates::Dates;
use crate::views::labels::figure_label;

/// A chart ready to put in a page.
pub struct Chart {
    /// Anchor and id prefix.
    pub id: &'static str,
    /// Title.
    pub title: String,
    /// What it shows, in words.
    pub description: String,
    /// The table (by id) that holds its numbers.
    pub table: &'static str,
    /// The SVG, with its title and description inside.
    pub svg: String,
}

const WIDTH: u32 = 680;
const HEIGHT: u32 = 300;

/// The level colours of the map's legend, darkened to stand on white.
const LEVELS: [(Figure, RGBColor); 4] = [
    (Figure::Accessible, RGBColor(0x1a, 0x7f, 0x37)),
    (Figure::Partly, RGBColor(0xa3, 0x51, 0x00)),
    (Figure::NotAccessible, RGBColor(0xb3, 0x26, 0x1e)),
    (Figure::NotAudited, RGBColor(0x5f, 0x63, 0x68)),
];

/// The findings' counts the second chart compares.
const FINDINGS: [Figure; 4] = [
    Figure::Opened,
    Figure::Fixed,
    Figure::Verified,
    Figure::WontFix,
];

/// A count of `figures`, as a bar's height.
fn count(figure: Figure, figures: &Figures) -> u64 {
    figure.of(figures).number().unwrap_or(0.0) as u64
}

/// Both charts of `report`.
pub fn charts(report: &Report, lang: Lang) -> Vec<Chart> {
    vec![levels(report, lang), findings(report, lang)]
}

/// Sites by level on the last day, a stacked bar per department.
fn levels(report: &Report, lang: Lang) -> Chart {
    let rows: Vec<(String, [u64; 4])> = report
        .by_department
        .iter()
        .map(|r| {
            let levels = LEVELS.map(|(figure, _)| count(figure, &r.figures));
            (r.key.name.get(lang).to_owned(), levels)
        })
        .collect();
    let top = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let svg = draw(|root| {
        let n = rows.len().max(1) as u32;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            // A segmented range holds its end too: `0..n - 1` is `n` bars (one slot stays empty
            // when there is a single department, which plotters cannot draw alone).
            .build_cartesian_2d(
                (0..(n - 1).max(1)).into_segmented(),
                0u64..top + top / 5 + 1,
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => rows
                    .get(*i as usize)
                    .map(|(name, _)| short(name))
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .y_desc(Msg::ReportRegistered.get(lang))
            .draw()?;
        for (level, (figure, color)) in LEVELS.into_iter().enumerate() {
            let stacked = rows.iter().enumerate().map(|(i, (_, values))| {
                let below: u64 = values[..level].iter().sum();
                (i as u32, below, below + values[level])
            });
            let label = figure_label(figure, lang, Dates::Written(lang));
            series(&mut chart, stacked, color, (24, 24), &label)?;
        }
        key(&mut chart)
    });
    finish(
        "levels",
        Msg::ReportChartLevels.get(lang).to_owned(),
        Msg::ReportChartLevelsText.get(lang).to_owned(),
        "by_department",
        svg,
    )
}

/// Findings found, fixed, verified and given up: this period beside the previous one.
fn findings(report: &Report, lang: Lang) -> Chart {
    let (now, before) = (&report.total, &report.total_previous);
    let groups = FINDINGS.map(|f| {
        (
            figure_label(f, lang, Dates::Written(lang)),
            count(f, now),
            count(f, before),
        )
    });
    let top = groups
        .iter()
        .map(|(_, a, b)| *a.max(b))
        .max()
        .unwrap_or(0)
        .max(1);
    let this = RGBColor(0x1f, 0x4e, 0x99);
    let last = RGBColor(0x8a, 0xa9, 0xd6);
    let svg = draw(|root| {
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(
                (0..groups.len() as u32 - 1).into_segmented(),
                0u64..top + top / 5 + 1,
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => groups
                    .get(*i as usize)
                    .map(|(label, _, _)| label.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .draw()?;
        // Each group's segment is about (WIDTH - 72) / 4 pixels: the two bars share it.
        let half = (WIDTH - 72) / groups.len() as u32 / 2;
        let periods = [
            (Msg::ReportThisPeriod, this, (12, half + 2)),
            (Msg::ReportPreviousPeriod, last, (half + 2, 12)),
        ];
        for (n, (label, color, margins)) in periods.into_iter().enumerate() {
            let bars = groups
                .iter()
                .enumerate()
                .map(|(i, (_, a, b))| (i as u32, 0, if n == 0 { *a } else { *b }));
            series(&mut chart, bars, color, margins, label.get(lang))?;
        }
        key(&mut chart)
    });
    finish(
        "findings",
        Msg::ReportChartFindings.get(lang).to_owned(),
        Msg::ReportChartFindingsText.get(lang).to_owned(),
        "summary",
        svg,
    )
}

/// One series of bars: for each slot `(i, from, to)` a bar of `color` from `from` up to
/// `to`, `margins` (left, right) pixels in from the slot's edges, named `label` in the key.
fn series(
    chart: &mut Bars<'_>,
    bars: impl Iterator<Item = (u32, u64, u64)>,
    color: RGBColor,
    (left, right): (u32, u32),
    label: &str,
) -> Result<(), Box<dyn std::error::Error + 'static>> {
    let bars = bars.map(|(i, from, to)| {
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(i), from),
                (SegmentValue::Exact(i + 1), to),
            ],
            color.filled(),
        );
        bar.set_margin(0, 0, left, right);
        bar
    });
    chart
        .draw_series(bars)
        .map_err(|e| e.to_string())?
        .label(label)
        .legend(swatch(color));
    Ok(())
}

/// The key's square of a series' colour.
fn swatch(color: RGBColor) -> impl Fn((i32, i32)) -> Rectangle<(i32, i32)> {
    move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

type Bars<'a> =
    ChartContext<'a, SVGBackend<'a>, Cartesian2d<SegmentedCoord<RangedCoordu32>, RangedCoordu64>>;

/// The key naming each series, in the upper right corner.
fn key(chart: &mut Bars<'_>) -> Result<(), Box<dyn std::error::Error + 'static>> {
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()
        .map_err(|e| e.to_string().into())
}

/// Draws on a white SVG canvas; a drawing error leaves the chart empty (its table stays).
fn draw(paint: impl FnOnce(Area<'_>) -> Result<(), Box<dyn std::error::Error + '_>>) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| paint(root.clone()).map_err(|e| e.to_string()))
            .and_then(|()| root.present().map_err(|e| e.to_string()));
        if let Err(e) = drawn {
            tracing::warn!(error = %e, "a report chart could not be drawn");
        }
    }
    svg
}

/// A long department name cut to fit under its bar.
fn short(name: &str) -> String {
    const MAX: usize = 22;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// Names the SVG as an image with its title and description, for screen readers.
fn finish(
    id: &'static str,
    title: String,
    description: String,
    table: &'static str,
    svg: String,
) -> Chart {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let named = match svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|e| start + e))
    {
        Some(end) => format!(
            "{} role=\"img\" aria-labelledby=\"chart-{id}-title chart-{id}-desc\" class=\"chart\">\
             <title id=\"chart-{id}-title\">{}</title><desc id=\"chart-{id}-desc\">{}</desc>{}",
            &svg[..end],
            esc(&title),
            esc(&description),
            &svg[end + 1..]
        ),
        None => svg,
    };
    Chart {
        id,
        title,
        description,
        table,
        svg: named,
    }
}
