//! `tiepcan backup --out DIR` and `tiepcan restore DIR`.

use std::process::ExitCode;

use crate::app::backup::{self, BackupError, Summary, Target};
use crate::config::{BackupArgs, RestoreArgs};
use crate::i18n::{self, backup::nothing_written, backup::refusal_text};
use crate::server::Needs;

/// Copies the database and its photos into `--out`.
pub async fn run_backup(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let url = args.database.url();
    if let Err(e) = backup::refuse_postgres(&url).and_then(|()| backup::check_out(&args.out)) {
        return refused(e);
    }
    let needs = Needs {
        photos: Some(&args.photos),
        ..Needs::default()
    };
    let s = crate::server::open(&args.database, needs).await?;
    let outcome = backup::backup(&s, &args.out).await;
    s.db.close().await;
    match outcome {
        Ok(summary) => {
            println!(
                "backup written to {}: {}; manifest.json lists every file with its SHA-256",
                summary.dir.display(),
                contents(&summary)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e),
    }
}

/// Restores the backup folder into the data folder and photo store of the options.
pub async fn run_restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let url = args.database.url();
    let target = Target {
        database_url: &url,
        photo_store: args.photos.photo_store.as_deref(),
        data_dir: &args.database.data_dir,
    };
    match backup::restore(&args.dir, &target).await {
        Ok(summary) => {
            println!(
                "restored {} into {}: {}",
                summary.dir.display(),
                summary.database.display(),
                contents(&summary)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e),
    }
}

/// What a backup holds, in a few words.
fn contents(summary: &Summary) -> String {
    format!(
        "the database ({} bytes, schema version {}) and {} photo files ({} bytes)",
        summary.database_bytes, summary.schema_version, summary.photos, summary.photo_bytes
    )
}

/// Prints each reason of a refusal in the terminal's language (or a failure as it is).
fn refused(e: BackupError) -> anyhow::Result<ExitCode> {
    match e {
        BackupError::Refused(refusals) => {
            let lang = i18n::terminal();
            for refusal in &refusals {
                eprintln!("{}", refusal_text(refusal, lang));
            }
            eprintln!("{}", nothing_written(lang));
            Ok(ExitCode::FAILURE)
        }
        BackupError::Failed(e) => Err(e),
    }
}
