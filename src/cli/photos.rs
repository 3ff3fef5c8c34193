//! `tiepcan photos check [--delete]`.

use std::process::ExitCode;

use crate::app::photos;
use crate::config::PhotosAction;
use crate::server::Needs;

/// Lists orphaned and missing photo files; with `--delete`, removes the orphans.
pub async fn run(action: PhotosAction) -> anyhow::Result<ExitCode> {
    let PhotosAction::Check {
        delete,
        database,
        photos,
    } = action;
    let needs = Needs {
        photos: Some(&photos),
        ..Needs::default()
    };
    let s = crate::server::open(&database, needs).await?;
    let report = photos::check(&s, delete).await;
    s.db.close().await;
    let report = report.map_err(|e| anyhow::anyhow!("{e}"))?;
    let verb = if delete { "deleted" } else { "orphan" };
    for key in &report.orphans {
        println!("{verb}: {key} (no photo record uses it)");
    }
    for (photo, key) in &report.missing {
        println!("missing: {key} (photo {photo})");
    }
    println!(
        "{} orphaned, {} missing{}",
        report.orphans.len(),
        report.missing.len(),
        if delete && !report.orphans.is_empty() {
            "; the orphans are deleted"
        } else {
            ""
        }
    );
    let clean = report.missing.is_empty() && (delete || report.orphans.is_empty());
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
