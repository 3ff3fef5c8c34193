//! `tiepcan import sites|areas FILE` and `tiepcan demo generate --sites N`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::print_error;
use crate::app::imports::{self, ImportError, Step};
use crate::config::{DemoAction, ImportWhat};
use crate::domain::actor::Actor;
use crate::domain::import::{Format, ImportReport};
use crate::i18n::{self, field_label, problem_text};
use crate::server::{Needs, open};

/// Imports a file: all rows or none, every bad row reported; progress is shown on a
/// terminal (rows read, checked, written).
pub async fn import(what: ImportWhat) -> anyhow::Result<ExitCode> {
    let bar = ProgressBar::new_spinner();
    let (file, outcome) = match what {
        ImportWhat::Areas {
            file,
            database,
            region,
            zone,
        } => {
            let bytes = read(&file)?;
            let needs = Needs {
                region: Some(region),
                zone: Some(zone),
                ..Needs::default()
            };
            let s = open(&database, needs).await?;
            bar.set_message("checking the areas");
            let outcome = imports::areas(&s, &Actor::Console, &bytes).await;
            s.db.close().await;
            let said = outcome.map(|done| areas_report(&done));
            (file, said)
        }
        ImportWhat::Sites {
            file,
            database,
            region,
            zone,
        } => {
            let format = Format::from_path(&file)
                .with_context(|| format!("{}: use a .csv or .geojson file", file.display()))?;
            let bytes = read(&file)?;
            let needs = Needs {
                region: Some(region),
                zone: Some(zone),
                ..Needs::default()
            };
            let s = open(&database, needs).await?;
            bar.set_message("reading");
            let show = |step: Step| show_step(&bar, step);
            let outcome = imports::sites(&s, &Actor::Console, format, bytes, &show).await;
            s.db.close().await;
            let said =
                outcome.map(|done| format!("{} sites imported (import {})", done.count, done.id));
            (file, said)
        }
    };
    bar.finish_and_clear();
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

/// What an areas import did: the areas it ended, and each site it moved or that no current
/// boundary holds, by name.
fn areas_report(done: &imports::AreasImported) -> String {
    let mut lines = vec![format!(
        "{} areas imported; sites placed again (import {})",
        done.imported.count, done.imported.id
    )];
    if !done.ended.is_empty() {
        lines.push(format!("ended: {}", done.ended.join(", ")));
    }
    lines.push(format!("{} sites moved", done.moved.len()));
    for m in &done.moved {
        let code = |c: &Option<String>| c.clone().unwrap_or_else(|| "-".into());
        lines.push(format!(
            "  {} ({}): {} -> {}",
            m.name,
            m.site,
            code(&m.from),
            code(&m.to)
        ));
    }
    lines.push(format!("{} sites in no current area", done.outside.len()));
    for (id, name) in &done.outside {
        lines.push(format!("  {name} ({id})"));
    }
    lines.join("\n")
}

/// Shows an import's step on the progress line (drawn only on a terminal).
fn show_step(bar: &ProgressBar, step: Step) {
    match step {
        Step::Read(rows) => bar.set_message(format!("{rows} rows read; checking")),
        Step::Checked(rows) => {
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} rows written ({per_sec})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_length(rows as u64);
            bar.set_message(format!("{rows} rows checked"));
        }
        Step::Written(done, _) => bar.set_position(done as u64),
    }
}

fn read(file: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(file).with_context(|| format!("reading {}", file.display()))
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
        csv,
        audits,
        database,
        photos,
    } = action;
    if let Some(file) = csv {
        let text = crate::domain::demo::synthetic_csv(n, seed);
        std::fs::write(&file, text).with_context(|| format!("writing {}", file.display()))?;
        println!("{n} synthetic sites written to {}", file.display());
        return Ok(ExitCode::SUCCESS);
    }
    let needs = Needs {
        photos: Some(&photos),
        ..Needs::default()
    };
    let s = open(&database, needs).await?;
    let bar = ProgressBar::new(n).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} sites ({per_sec}, {eta} left)")
            .context("progress bar template")?,
    );
    let done =
        crate::app::demo::generate_sites(&s, &Actor::Console, n, seed, 2_000, |k| bar.inc(k)).await;
    bar.finish();
    let done = match done {
        Ok(ids) if audits => crate::app::demo::audits::audit_sites(&s, &ids)
            .await
            .map(|approved| format!("{n} synthetic sites written, {approved} audits approved")),
        Ok(_) => Ok(format!("{n} synthetic sites written")),
        Err(e) => Err(e),
    };
    s.db.close().await;
    match done {
        Ok(said) => {
            println!("{said}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            print_error(&e);
            Ok(ExitCode::FAILURE)
        }
    }
}
