//! `tiepcan checklists check [DIR]`.

use std::process::ExitCode;

use crate::config::ChecklistsAction;
use crate::domain::checklist::load_dir;

/// Validates a folder of checklist files, printing one line per problem.
pub fn run(action: ChecklistsAction) -> ExitCode {
    let ChecklistsAction::Check { dir } = action;
    match load_dir(&dir) {
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
