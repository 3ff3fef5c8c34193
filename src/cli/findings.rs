//! `tiepcan findings overdue [--department CODE]`.

use std::process::ExitCode;

use super::print_error;
use crate::app::findings;
use crate::config::FindingsAction;
use crate::i18n;
use crate::server::Needs;

/// Prints the overdue findings, per department: one line each with its due date and days
/// late, severity, state, site, item and the path of its page.
pub async fn run(action: FindingsAction) -> anyhow::Result<ExitCode> {
    let FindingsAction::Overdue {
        department,
        database,
        zone,
    } = action;
    let needs = Needs {
        zone: Some(zone),
        ..Needs::default()
    };
    let s = crate::server::open(&database, needs).await?;
    let found = findings::overdue(&s, department.as_deref()).await;
    s.db.close().await;
    let groups = match found {
        Ok(groups) => groups,
        Err(e) => {
            print_error(&e);
            return Ok(ExitCode::FAILURE);
        }
    };
    let lang = i18n::terminal();
    let today = s.today();
    let mut total = 0;
    for group in &groups {
        println!("{} ({})", group.department, group.findings.len());
        for f in &group.findings {
            let due = f.due_date.map(|d| d.to_string()).unwrap_or_default();
            let late = f.due_date.map_or(0, |d| (today - d).num_days());
            println!(
                "  {due} (+{late}d)  {}  {}  {}  {}  {}  /findings/{}",
                f.severity.as_str(),
                f.state.as_str(),
                f.site_name,
                f.text.get(lang),
                f.item,
                f.id
            );
        }
        total += group.findings.len();
    }
    println!("{total} overdue on {today}");
    Ok(ExitCode::SUCCESS)
}
