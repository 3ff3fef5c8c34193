//! `tiepcan checklists check [DIR]`.

use std::process::ExitCode;

use crate::config::ChecklistsAction;

/// Validates a folder of checklist files, printing one line per problem.
pub fn run(action: ChecklistsAction) -> ExitCode {
    let ChecklistsAction::Check { dir } = action;
    match crate::app::checklists::read_dir(&dir) {
        Ok(checklists) => {
            for c in &checklists {
                let findings = c.items().filter(|i| i.can_be_finding()).count();
                println!(
                    "ok  {} v{} ({}): {} items ({findings} can be findings, {} advice), hash {}",
                    c.id,
                    c.version,
                    c.edition.name,
                    c.items().count(),
                    c.items().count() - findings,
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
