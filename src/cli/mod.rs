//! The command line: dispatches subcommands and prints their results.

mod backup;
mod checklists;
mod data;
mod departments;
mod events;
mod findings;
mod mail;
mod photos;
mod report;
mod users;

use std::process::ExitCode;

use crate::app::Error;
use crate::config::{Cli, Command};
use crate::i18n::{self, Msg, field_label, problem_text};
use crate::server;

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
    match cli.command {
        None => server::serve(cli.serve).await.map(|()| ExitCode::SUCCESS),
        Some(Command::Serve(config)) => server::serve(*config).await.map(|()| ExitCode::SUCCESS),
        Some(Command::Checklists { action }) => Ok(checklists::run(action)),
        Some(Command::Import { what }) => data::import(what).await,
        Some(Command::Demo { action }) => data::demo(action).await,
        Some(Command::User { action }) => users::run(action).await,
        Some(Command::Department { action }) => departments::run(action).await,
        Some(Command::Events { action }) => events::run(action).await,
        Some(Command::Photos { action }) => photos::run(action).await,
        Some(Command::Findings { action }) => findings::run(action).await,
        Some(Command::Mail { action }) => mail::run(action).await,
        Some(Command::Report(args)) => report::run(args).await,
        Some(Command::Backup(args)) => backup::run_backup(args).await,
        Some(Command::Restore(args)) => backup::run_restore(args).await,
    }
}

/// Prints a use case's refusal the way a person at the terminal reads it.
fn print_error(e: &Error) {
    let lang = i18n::terminal();
    match e {
        Error::Invalid(errors) | Error::Conflict(errors) => {
            for err in &errors.0 {
                eprintln!(
                    "{}: {}",
                    field_label(&err.field, lang),
                    problem_text(&err.problem, lang)
                );
            }
        }
        Error::NotFound => eprintln!("{}", Msg::ErrorNotFound.get(lang)),
        Error::Busy => eprintln!("{}", Msg::ErrorBusy.get(lang)),
        other => eprintln!("error: {other:#}"),
    }
}

/// The exit code for a use case's outcome, printing its message or its refusal.
fn finish(outcome: Result<String, Error>) -> ExitCode {
    match outcome {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_error(&e);
            ExitCode::FAILURE
        }
    }
}
