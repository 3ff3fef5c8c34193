//! `tiepcan user add|disable|enable|set-email|reset-password`.

use std::process::ExitCode;

use super::finish;
use crate::app;
use crate::config::UserAction;
use crate::console::read_password_stdin;
use crate::domain::actor::Actor;
use crate::domain::user::UserInput;

/// Runs one user command at the console.
pub async fn run(action: UserAction) -> anyhow::Result<ExitCode> {
    let database = match &action {
        UserAction::Add { database, .. }
        | UserAction::Disable { database, .. }
        | UserAction::Enable { database, .. }
        | UserAction::SetEmail { database, .. }
        | UserAction::ResetPassword { database, .. } => database.clone(),
    };
    let s = crate::server::open(&database, Default::default()).await?;
    let actor = Actor::Console;
    let outcome = match action {
        UserAction::Add {
            username,
            role,
            department,
            display_name,
            email,
            ..
        } => {
            let password = read_password_stdin()?;
            let input = UserInput {
                username: Some(username),
                display_name,
                role: Some(role),
                department,
                email,
            };
            app::users::add(&s, &actor, &input, &password)
                .await
                .map(|u| format!("user {} added ({})", u.username, u.role.as_str()))
        }
        UserAction::Disable { username, .. } => {
            app::users::set_active(&s, &actor, &username, false)
                .await
                .map(|u| {
                    format!(
                        "user {} disabled; sessions ended, tokens revoked",
                        u.username
                    )
                })
        }
        UserAction::Enable { username, .. } => app::users::set_active(&s, &actor, &username, true)
            .await
            .map(|u| format!("user {} enabled", u.username)),
        UserAction::SetEmail {
            username, address, ..
        } => {
            let update = app::users::UserUpdate {
                email: Some(address),
                ..Default::default()
            };
            app::users::update(&s, &actor, &username, &update, None)
                .await
                .map(|u| match u.email {
                    Some(email) => format!("mail of {} goes to {email}", u.username),
                    None => format!("{} has no email address now", u.username),
                })
        }
        UserAction::ResetPassword { username, .. } => {
            let password = read_password_stdin()?;
            app::users::reset_password(&s, &actor, &username, &password)
                .await
                .map(|u| format!("password of {} set; their sessions ended", u.username))
        }
    };
    s.db.close().await;
    Ok(finish(outcome))
}
