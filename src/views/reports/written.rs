//! A computed report written out in the format asked for; the same bytes for the API and
//! the command line.

use crate::domain::lang::Lang;
use crate::domain::report::{Letterhead, Report};
use crate::domain::validation::Problem;
use crate::i18n::dates::Dates;

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Every figure, numbers as numbers.
    Json,
    /// The document with its letterhead, tables and charts.
    Html,
    /// The tables, one after the other.
    Csv,
    /// A workbook with a sheet per table.
    Xlsx,
}

impl Format {
    /// Reads `format`; none is JSON.
    pub fn parse(given: Option<&str>) -> Result<Format, Problem> {
        match given.map(str::trim).unwrap_or("json") {
            "" | "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(Problem::NotOneOf {
                given: other.to_owned(),
                allowed: ["json", "html", "csv", "xlsx"].map(str::to_owned).to_vec(),
            }),
        }
    }

    /// The file name's ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Its media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Html => "text/html; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// True for the formats a browser saves as a file.
    pub fn is_download(self) -> bool {
        matches!(self, Format::Csv | Format::Xlsx)
    }
}

/// Everything needed to write a report out in any format.
pub struct Written {
    /// The report.
    pub report: Report,
    /// The language of its words.
    pub lang: Lang,
    /// Who issues it.
    pub letterhead: Letterhead,
    /// When it was made.
    pub generated: chrono::DateTime<chrono::Utc>,
    /// The province's time zone.
    pub zone: chrono_tz::Tz,
}

impl Written {
    /// [`Written::bytes`] on a blocking thread: charts and workbooks are CPU work.
    pub async fn render(self, format: Format) -> anyhow::Result<(Report, Vec<u8>)> {
        tokio::task::spawn_blocking(move || {
            let bytes = self.bytes(format)?;
            Ok((self.report, bytes))
        })
        .await?
    }

    /// The report's bytes in `format`.
    pub fn bytes(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        let lang = self.lang;
        // A CSV is read by programs: its days are ISO 8601, and its heading says so.
        let (written, iso) = (Dates::Written(lang), Dates::Iso);
        let tables = |dates| super::tables::tables(&self.report, lang, dates);
        Ok(match format {
            Format::Json => serde_json::to_vec_pretty(&super::json::ReportJson::new(
                &self.report,
                self.generated,
                lang,
            ))?,
            Format::Html => super::document(
                &self.report,
                lang,
                &self.letterhead,
                self.generated,
                self.zone,
            )
            .into_string()
            .into_bytes(),
            Format::Csv => {
                // A CSV carries no number formats: its heading says how figures are written.
                let mut heading = super::heading(&self.report, lang, iso);
                heading.push(crate::i18n::Msg::ReportCsvNotation.get(lang).to_owned());
                super::csv::write(&heading, &tables(iso))
            }
            Format::Xlsx => super::xlsx::write(
                &super::heading(&self.report, lang, written),
                &tables(written),
            )?,
        })
    }
}

/// `bao-cao-2025-07-01-2025-12-31.csv`.
pub fn file_name(report: &Report, format: Format) -> String {
    format!(
        "bao-cao-{}-{}.{}",
        report.period.from,
        report.period.to,
        format.extension()
    )
}
