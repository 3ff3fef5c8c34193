//! `tiepcan department list|add|rename|merge|retire`.

use std::process::ExitCode;

use super::finish;
use crate::app;
use crate::config::DepartmentAction;
use crate::domain::actor::Actor;
use crate::domain::lang::Bilingual;

/// Runs one department command at the console.
pub async fn run(action: DepartmentAction) -> anyhow::Result<ExitCode> {
    let database = match &action {
        DepartmentAction::List { database }
        | DepartmentAction::Add { database, .. }
        | DepartmentAction::Rename { database, .. }
        | DepartmentAction::Merge { database, .. }
        | DepartmentAction::Retire { database, .. } => database.clone(),
    };
    let s = crate::server::open(&database, Default::default()).await?;
    let actor = Actor::Console;
    let outcome = match action {
        DepartmentAction::List { .. } => app::departments::list(&s).await.map(|all| {
            all.iter()
                .map(|d| format!("{}\t{}\t{}", d.code, d.name.vi, d.name.en))
                .collect::<Vec<_>>()
                .join("\n")
        }),
        DepartmentAction::Add {
            code,
            name_vi,
            name_en,
            ..
        } => {
            let name = Bilingual {
                vi: name_vi,
                en: name_en,
            };
            app::departments::create(&s, &actor, &code, &name)
                .await
                .map(|d| format!("department {} added", d.code))
        }
        DepartmentAction::Rename {
            code,
            name_vi,
            name_en,
            ..
        } => {
            let name = Bilingual {
                vi: name_vi,
                en: name_en,
            };
            app::departments::rename(&s, &actor, &code, &name, None)
                .await
                .map(|d| format!("department {} renamed", d.code))
        }
        DepartmentAction::Merge { code, into, .. } => {
            app::departments::merge(&s, &actor, &code, &into)
                .await
                .map(|m| {
                    format!(
                        "department {} merged into {}: {} people, {} sites, {} open audits, {} findings moved",
                        m.from.code, m.into.code, m.users, m.sites, m.audits, m.findings
                    )
                })
        }
        DepartmentAction::Retire { code, .. } => app::departments::retire(&s, &actor, &code, None)
            .await
            .map(|d| format!("department {} retired", d.code)),
    };
    s.db.close().await;
    Ok(finish(outcome))
}
