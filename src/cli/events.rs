//! `tiepcan events verify`.

use std::process::ExitCode;

use crate::app::events::{self, Verdict};
use crate::config::EventsAction;
use crate::domain::event::Break;

/// Checks the event log's hash chain and says where it broke, if it did.
pub async fn run(action: EventsAction) -> anyhow::Result<ExitCode> {
    let EventsAction::Verify { database } = action;
    let s = crate::server::open(&database, Default::default()).await?;
    let verdict = events::verify(&s).await;
    s.db.close().await;
    let problem = match verdict.map_err(|e| anyhow::anyhow!("{e:#}"))? {
        Verdict::Intact { count, head_hash } => {
            println!("event log intact: {count} events, last hash {head_hash}");
            return Ok(ExitCode::SUCCESS);
        }
        Verdict::Broken(Break::Tampered { seq, id }) => {
            format!("row #{seq} (id {id}): its content does not match its hash (edited)")
        }
        Verdict::Broken(Break::Unlinked { seq, id }) => format!(
            "row #{seq} (id {id}): it does not follow row #{} (rows removed or inserted)",
            seq - 1
        ),
        Verdict::Truncated { last_seq, head_seq } => {
            format!(
                "after row #{last_seq}: the chain head is #{head_seq} (rows removed at the end)"
            )
        }
    };
    eprintln!("event log BROKEN at {problem}");
    Ok(ExitCode::FAILURE)
}
