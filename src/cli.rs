//! The command line: dispatches subcommands and prints their results.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::{
    ChecklistsAction, Cli, Command, Config, DemoAction, EventsAction, ImportWhat, UserAction,
};
use crate::domain::checklist::load_dir;
use crate::domain::event::{Actor, Break, Event, check_link};
use crate::domain::import::{Format, ImportReport};
use crate::domain::user::NewUser;
use crate::error::AppError;
use crate::i18n::{self, field_label, problem_text};
use crate::server;
use crate::store::import::{self, ImportError};
use crate::store::{Db, accounts, events};

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
        Command::User { action } => user(&config, action).await,
        Command::Events {
            action: EventsAction::Verify,
        } => verify_events(&config).await,
    }
}

/// Reads a password from the first line of standard input.
pub fn read_password_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    anyhow::ensure!(!password.is_empty(), "no password on standard input");
    Ok(password)
}

/// Prints an app error from a command the way a person at the terminal reads it.
fn print_app_error(e: &AppError) {
    let lang = i18n::terminal();
    match e {
        AppError::Invalid(errors) => {
            for err in &errors.0 {
                eprintln!(
                    "{}: {}",
                    field_label(&err.field, lang),
                    problem_text(&err.problem, lang)
                );
            }
        }
        AppError::NotFound => eprintln!("no such user"),
        other => eprintln!("error: {other:#}"),
    }
}

async fn user(config: &Config, action: UserAction) -> anyhow::Result<ExitCode> {
    let db = open(config).await?;
    let actor = Actor::cli();
    let outcome = match action {
        UserAction::Add {
            username,
            role,
            department,
            display_name,
            password_stdin: _,
        } => {
            let password = read_password_stdin()?;
            match NewUser::parse(
                Some(&username),
                display_name.as_deref(),
                Some(&role),
                department.as_deref(),
            ) {
                Err(errors) => Err(AppError::Invalid(errors)),
                Ok(new) => accounts::add_user(&db, &actor, &new, &password)
                    .await
                    .map(|u| format!("user {} added ({})", u.username, u.role.as_str())),
            }
        }
        UserAction::Disable { username } => accounts::set_active(&db, &actor, &username, false)
            .await
            .map(|u| {
                format!(
                    "user {} disabled; sessions ended, tokens revoked",
                    u.username
                )
            }),
        UserAction::Enable { username } => accounts::set_active(&db, &actor, &username, true)
            .await
            .map(|u| format!("user {} enabled", u.username)),
        UserAction::ResetPassword {
            username,
            password_stdin: _,
        } => {
            let password = read_password_stdin()?;
            accounts::reset_password(&db, &actor, &username, &password)
                .await
                .map(|u| format!("password of {} set; their sessions ended", u.username))
        }
    };
    db.close().await;
    match outcome {
        Ok(message) => {
            println!("{message}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            print_app_error(&e);
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn verify_events(config: &Config) -> anyhow::Result<ExitCode> {
    let db = open(config).await?;
    let mut conn = db.conn().await?;
    let mut previous: Option<Event> = None;
    let mut count = 0u64;
    let broken = 'walk: loop {
        let after = previous.as_ref().map_or(0, |e| e.seq);
        let page = events::page(&mut conn, after, 1000).await?;
        if page.is_empty() {
            break None;
        }
        for event in page {
            if let Err(b) = check_link(previous.as_ref(), &event) {
                break 'walk Some(b);
            }
            count += 1;
            previous = Some(event);
        }
    };
    let (head_seq, head_hash) = events::head(&mut conn).await?;
    drop(conn);
    db.close().await;
    let last_seq = previous.as_ref().map_or(0, |e| e.seq);
    let last_hash = previous.as_ref().map_or("", |e| e.hash.as_str());
    let problem = match broken {
        Some(Break::Tampered { seq, id }) => Some(format!(
            "row #{seq} (id {id}): its content does not match its hash (edited)"
        )),
        Some(Break::Unlinked { seq, id }) => Some(format!(
            "row #{seq} (id {id}): it does not follow row #{} (rows removed or inserted)",
            seq - 1
        )),
        None if last_seq != head_seq || last_hash != head_hash => Some(format!(
            "after row #{last_seq}: the chain head is #{head_seq} (rows removed at the end)"
        )),
        None => None,
    };
    match problem {
        Some(problem) => {
            eprintln!("event log BROKEN at {problem}");
            Ok(ExitCode::FAILURE)
        }
        None => {
            println!("event log intact: {count} events, last hash {head_hash}");
            Ok(ExitCode::SUCCESS)
        }
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
            let outcome =
                import::import_areas(&db, &Actor::cli(), &config.region_bbox, &text).await;
            (
                file,
                outcome.map(|n| format!("{n} areas imported; sites placed again")),
            )
        }
        ImportWhat::Sites { file } => {
            let format = Format::from_path(&file)
                .with_context(|| format!("{}: use a .csv or .geojson file", file.display()))?;
            let text = read(&file)?;
            let outcome =
                import::import_sites(&db, &Actor::cli(), &config.region_bbox, format, &text).await;
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
    import::generate_sites(&db, &Actor::cli(), n, seed, 2_000, |done| bar.inc(done)).await?;
    bar.finish();
    db.close().await;
    println!("{n} synthetic sites written");
    Ok(())
}
