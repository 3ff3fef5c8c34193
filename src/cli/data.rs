//! `tiepcan import sites|areas FILE` and `tiepcan demo generate --sites N`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::print_error;
use crate::app::imports::{self, ImportError};
use crate::config::{DemoAction, ImportWhat, Province};
use crate::domain::actor::Actor;
use crate::domain::import::{Format, ImportReport};
use crate::i18n::{self, field_label, problem_text};

/// Imports a file: all rows or none, every bad row reported.
pub async fn import(what: ImportWhat) -> anyhow::Result<ExitCode> {
    let (file, outcome) = match what {
        ImportWhat::Areas {
            file,
            storage,
            province,
        } => {
            let text = read(&file)?;
            let s = crate::server::open(&storage, &province).await?;
            let outcome = imports::areas(&s, &Actor::Console, &text).await;
            s.db.close().await;
            (
                file,
                outcome.map(|n| format!("{n} areas imported; sites placed again")),
            )
        }
        ImportWhat::Sites {
            file,
            storage,
            province,
        } => {
            let format = Format::from_path(&file)
                .with_context(|| format!("{}: use a .csv or .geojson file", file.display()))?;
            let text = read(&file)?;
            let s = crate::server::open(&storage, &province).await?;
            let outcome = imports::sites(&s, &Actor::Console, format, &text).await;
            s.db.close().await;
            (file, outcome.map(|n| format!("{n} sites imported")))
        }
    };
    match outcome {
        Ok(message) => {
            println!("{message}");
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Rejected(report)) => {
            print_report(&file, &report);
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::Failed(e)) => {
            print_error(&e);
            Ok(ExitCode::FAILURE)
        }
    }
}

fn read(file: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
}

fn print_report(file: &Path, report: &ImportReport) {
    let lang = i18n::terminal();
    for row in &report.rows {
        for e in &row.errors.0 {
            let place = if row.row == 0 {
                file.display().to_string()
            } else {
                format!("{}: row {}", file.display(), row.row)
            };
            eprintln!(
                "{place}: {}: {}",
                field_label(&e.field, lang),
                problem_text(&e.problem, lang)
            );
        }
    }
    eprintln!("{} bad row(s); nothing was imported", report.rows.len());
}

/// Writes synthetic sites for benchmarks, with a progress bar.
pub async fn demo(action: DemoAction) -> anyhow::Result<ExitCode> {
    let DemoAction::Generate {
        sites: n,
        seed,
        storage,
    } = action;
    let s = crate::server::open(&storage, &Province::default()).await?;
    let bar = ProgressBar::new(n).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} sites ({per_sec}, {eta} left)")
            .context("progress bar template")?,
    );
    let done =
        crate::app::demo::generate_sites(&s, &Actor::Console, n, seed, 2_000, |k| bar.inc(k)).await;
    bar.finish();
    s.db.close().await;
    match done {
        Ok(()) => {
            println!("{n} synthetic sites written");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            print_error(&e);
            Ok(ExitCode::FAILURE)
        }
    }
}
