//! Starting the server: database, migrations, checklists, demo data, then HTTP until a
//! shutdown signal.

use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::{Config, DemoMode};
use crate::domain::checklist::load_dir;
use crate::domain::event::{Actor, Change};
use crate::http::{self, AppState, Settings};
use crate::store::checklists::{self, Stored};
use crate::store::{Db, accounts, departments, events, import};

/// Opens the database, applies migrations, stores the checklists, seeds the demo data when
/// asked, and returns the state the HTTP layer runs on.
pub async fn prepare(config: &Config) -> anyhow::Result<AppState> {
    let db = Db::connect(&config.database_url()).await?;
    db.migrate().await?;
    load_checklists(&db, config).await?;
    seed_if_asked(&db, config).await?;
    first_admin(&db, config).await?;
    Ok(AppState {
        db,
        settings: Arc::new(Settings {
            region: config.region_bbox,
            base_url: config.base_url(),
            base_url_explicit: config.base_url.is_some(),
            trust_forwarded_for: config.trust_forwarded_for,
        }),
    })
}

/// Validates the checklist folder and stores any version not stored yet. A changed file
/// that kept its version number stops the start: past audits must keep their meaning.
pub async fn load_checklists(db: &Db, config: &Config) -> anyhow::Result<()> {
    let loaded = load_dir(&config.checklists_dir).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the checklists are not valid:\n{}", lines.join("\n"))
    })?;
    let mut tx = db.begin().await?;
    for checklist in &loaded {
        match checklists::snapshot(&mut tx, checklist).await? {
            Stored::New => {
                tracing::info!(
                    id = %checklist.id,
                    version = checklist.version,
                    items = checklist.items().count(),
                    "stored a new checklist version"
                );
                let record = serde_json::json!({
                    "id": checklist.id, "version": checklist.version,
                    "content_hash": checklist.content_hash(),
                    "items": checklist.items().count(),
                });
                let change = Change::new(
                    &Actor::system(),
                    "checklist.store",
                    "checklist",
                    &checklist.id,
                );
                events::append(&mut tx, change.after(record)).await?;
            }
            Stored::Unchanged => {}
            Stored::VersionReused { stored_hash } => anyhow::bail!(
                "checklist `{}` version {} differs from the stored version (hash {stored_hash}); \
                 bump `version` in its file when changing it",
                checklist.id,
                checklist.version
            ),
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn seed_if_asked(db: &Db, config: &Config) -> anyhow::Result<()> {
    let seed = match config.demo_mode() {
        DemoMode::Never => false,
        DemoMode::Always => true,
        DemoMode::IfEmpty => departments::count(&mut db.conn().await?).await? == 0,
    };
    if seed {
        let added = import::seed_demo(db, &config.region_bbox)
            .await
            .context("loading the demo data")?;
        tracing::info!(sites = added, "demo data loaded");
        let users = accounts::seed_demo_users(db)
            .await
            .map_err(|e| anyhow::anyhow!("creating the demo users: {e}"))?;
        if !users.is_empty() {
            println!(
                "Demo sign-ins (shown once; change with `tiepcan user reset-password NAME --password-stdin`):"
            );
            for (username, role, password) in users {
                println!("  {username:<10} {:<12} {password}", role.as_str());
            }
        }
    }
    Ok(())
}

/// Creates the first administrator when there is none, printing the one-time password.
async fn first_admin(db: &Db, config: &Config) -> anyhow::Result<()> {
    let given = if config.admin_password_stdin {
        Some(crate::cli::read_password_stdin()?)
    } else {
        None
    };
    let generated = given.is_none();
    let created = accounts::ensure_admin(db, given)
        .await
        .map_err(|e| anyhow::anyhow!("creating the first administrator: {e}"))?;
    if let Some((username, password)) = created {
        if generated {
            println!(
                "First administrator created. Username: {username}  One-time password: {password}\n\
                 This password is shown only now; set a new one with \
                 `tiepcan user reset-password {username} --password-stdin`."
            );
        } else {
            println!("First administrator created. Username: {username}");
        }
    }
    Ok(())
}

/// Runs the web server until SIGINT or SIGTERM, then finishes open requests and closes the
/// database.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let state = prepare(&config).await?;
    let db = state.db.clone();
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    tracing::info!(
        "tiếp cận is serving on http://{} ({} database)",
        listener.local_addr()?,
        db.backend()
    );
    let app = http::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP")?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
