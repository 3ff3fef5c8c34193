//! The command line: dispatches subcommands and prints their results.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::{ChecklistsAction, Cli, Command, Config, DemoAction, ImportWhat};
use crate::domain::checklist::load_dir;
use crate::domain::import::{Format, ImportReport};
use crate::i18n::{self, field_label, problem_text};
use crate::server;
use crate::store::Db;
use crate::store::import::{self, ImportError};

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => server::serve(config).await.map(|()| ExitCode::SUCCESS),
        Command::Checklists {
            action: ChecklistsAction::Check { dir },
        } => Ok(check_checklists(
            dir.as_deref().unwrap_or(&config.checklists_dir),
        )),
        Command::Import { what } => import(&config, what).await,
        Command::Demo {
            action: DemoAction::Generate { sites, seed },
        } => generate(&config, sites, seed)
            .await
            .map(|()| ExitCode::SUCCESS),
    }
}

fn check_checklists(dir: &Path) -> ExitCode {
    match load_dir(dir) {
        Ok(checklists) => {
            for c in &checklists {
                println!(
                    "ok  {} v{} ({}): {} items, hash {}",
                    c.id,
                    c.version,
                    c.regulation,
                    c.items().count(),
                    &c.content_hash()[..12]
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("{} problem(s) found; nothing was loaded", errors.len());
            ExitCode::FAILURE
        }
    }
}

/// Opens the database and applies migrations, as every data command needs.
async fn open(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database_url()).await?;
    db.migrate().await?;
    Ok(db)
}

async fn import(config: &Config, what: ImportWhat) -> anyhow::Result<ExitCode> {
    let db = open(config).await?;
    let (file, outcome) = match what {
        ImportWhat::Areas { file } => {
            let text = read(&file)?;
            let outcome = import::import_areas(&db, &config.region_bbox, &text).await;
            (
                file,
                outcome.map(|n| format!("{n} areas imported; sites placed again")),
            )
        }
        ImportWhat::Sites { file } => {
            let format = Format::from_path(&file)
                .with_context(|| format!("{}: use a .csv or .geojson file", file.display()))?;
            let text = read(&file)?;
            let outcome = import::import_sites(&db, &config.region_bbox, format, &text).await;
            (file, outcome.map(|n| format!("{n} sites imported")))
        }
    };
    db.close().await;
    match outcome {
        Ok(message) => {
            println!("{message}");
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Rejected(report)) => {
            print_report(&file, &report);
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::Internal(e)) => Err(e),
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

async fn generate(config: &Config, n: u64, seed: u64) -> anyhow::Result<()> {
    let db = open(config).await?;
    let bar = ProgressBar::new(n).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} sites ({per_sec}, {eta} left)")
            .context("progress bar template")?,
    );
    import::generate_sites(&db, n, seed, 2_000, |done| bar.inc(done)).await?;
    bar.finish();
    db.close().await;
    println!("{n} synthetic sites written");
    Ok(())
}
