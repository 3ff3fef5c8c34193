//! Starting the server: database, migrations, checklists, demo data, then HTTP until a
//! shutdown signal.

use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::app::decode_gate::DecodeGate;
use crate::app::photos::PhotoStore;
use crate::app::{self, Clock, Services};
use crate::config::{Config, Database, DemoMode, PhotoStorage, Region, Zone};
use crate::http::{self, AppState, MetricsPlace, Settings};
use crate::objects::Objects;
use crate::store::{Db, departments};
use crate::views::home::MapSettings;

/// What a command reads besides the database. A part left out is not read, and the
/// services go without it: no photo store (using one is an error), the default region and
/// time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct Needs<'a> {
    /// Where the photos are.
    pub photos: Option<&'a PhotoStorage>,
    /// The region every site must lie in.
    pub region: Option<Region>,
    /// The province's time zone.
    pub zone: Option<Zone>,
}

/// Opens the database and applies migrations (and makes search texts stored by an older
/// rule again), as every data command needs, with the other settings the command reads.
pub async fn open(database: &Database, needs: Needs<'_>) -> anyhow::Result<Services> {
    let db = Db::connect(&database.url()).await?;
    db.migrate().await?;
    let remade = crate::store::sites::refresh_search_texts(&db)
        .await
        .context("making the sites' search texts by the current rule")?;
    if remade > 0 {
        tracing::info!(sites = remade, "search texts made by the current rule");
    }
    let objects = match needs.photos {
        Some(photos) => Objects::from_setting(photos.photo_store.as_deref(), &database.data_dir)
            .context("opening the photo store")?,
        None => Objects::none(),
    };
    Ok(Services {
        db,
        region: needs.region.unwrap_or_default().region_bbox,
        zone: needs.zone.unwrap_or_default().time_zone,
        clock: Clock::system(),
        snapshots: Default::default(),
        photos: PhotoStore {
            objects,
            limits: Default::default(),
            decodes: Default::default(),
        },
        clusters: Default::default(),
        log_watch: Default::default(),
        upload_expiry: app::uploads::DEFAULT_EXPIRY,
        report_contact_keep: app::barrier_reports::CONTACT_KEEP,
        report_answer_days: crate::domain::report::ANSWER_DAYS,
        mail: Default::default(),
    })
}

/// Opens the database, applies migrations, stores the checklists, seeds the demo data when
/// asked, and returns the state the HTTP layer runs on.
pub async fn prepare(config: &Config) -> anyhow::Result<AppState> {
    // Measured from the start, so the demo's and the first administrator's events count.
    let metrics = match (config.metrics.addr, config.metrics.on_main) {
        (Some(_), _) => MetricsPlace::Apart,
        (None, true) => MetricsPlace::Main(config.metrics.allow.clone()),
        (None, false) => MetricsPlace::Off,
    };
    if metrics.is_on() {
        crate::telemetry::metrics_handle();
    }
    let needs = Needs {
        photos: Some(&config.photos),
        region: Some(config.province.region),
        zone: Some(config.province.zone),
    };
    let mut services = open(&config.database, needs).await?;
    services.photos.decodes = DecodeGate::new(config.photo_decodes());
    services.upload_expiry = config.upload_expiry();
    services.report_contact_keep = config.report_contact_keep();
    services.report_answer_days = config.answer_time.report_answer_days;
    services.mail = config.mail.setup(&config.base_url())?;
    load_checklists(&services, config).await?;
    seed_if_asked(&services, config).await?;
    first_admin(&services, config).await?;
    let settings = Settings {
        base_url: config.base_url(),
        base_url_explicit: config.base_url.is_some(),
        trust_forwarded_for: config.trust_forwarded_for,
        request_timeout: config.request_timeout(),
        body_idle_timeout: config.body_idle_timeout(),
        map: crate::http::MAP_BUILT.then(|| MapSettings {
            tiles_url: config.tiles_url.clone(),
            tiles_attribution: config.tiles_attribution.clone(),
        }),
        letterhead: config.province.heading.letterhead(),
        metrics,
        ..Settings::default()
    };
    Ok(AppState::new(services, settings))
}

/// Validates the checklist folder and stores any version not stored yet. A changed file
/// that kept its version number stops the start: past audits must keep their meaning.
pub async fn load_checklists(services: &Services, config: &Config) -> anyhow::Result<()> {
    let loaded = crate::app::checklists::read_dir(&config.checklists_dir).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the checklists are not valid:\n{}", lines.join("\n"))
    })?;
    app::checklists::store(services, &loaded).await?;
    Ok(())
}

async fn seed_if_asked(services: &Services, config: &Config) -> anyhow::Result<()> {
    let seed = match config.demo_mode() {
        DemoMode::Never => false,
        DemoMode::Always => true,
        DemoMode::IfEmpty => departments::count(&mut services.db.conn().await?).await? == 0,
    };
    if !seed {
        return Ok(());
    }
    let added = app::demo::seed(services)
        .await
        .context("loading the demo data")?;
    tracing::info!(sites = added, "demo data loaded");
    let people = app::users::seed_demo(services)
        .await
        .context("creating the demo users")?;
    let audited = if config.demo_audits {
        app::demo::audits::seed(services)
            .await
            .context("filling the demo audits")?
    } else {
        0
    };
    if audited > 0 {
        tracing::info!(approved = audited, "demo audits filled");
    }
    if config.demo_reorganise {
        let replayed = app::demo::reorganisation::apply(services)
            .await
            .context("replaying 2025 on the demo data")?;
        tracing::info!(
            sites_moved = replayed.sites_moved,
            merged = replayed.merged,
            "demo 2025 reorganisation replayed"
        );
    }
    if !people.is_empty() {
        println!(
            "Demo sign-ins (shown once; change with `tiepcan user reset-password NAME --password-stdin`):"
        );
        for (username, role, password) in people {
            println!("  {username:<12} {:<12} {password}", role.as_str());
        }
    }
    Ok(())
}

/// Creates the first administrator when there is none, printing the one-time password.
async fn first_admin(services: &Services, config: &Config) -> anyhow::Result<()> {
    let given = if config.admin_password_stdin {
        Some(crate::console::read_password_stdin()?)
    } else {
        None
    };
    let generated = given.is_none();
    let created = app::users::ensure_admin(services, given)
        .await
        .context("creating the first administrator")?;
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
/// database. With `--metrics-addr`, `/metrics` is served on that address too.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let state = prepare(&config).await?;
    let listener = bind(config.listen).await?;
    let metrics = match config.metrics.addr {
        Some(addr) => Some(bind(addr).await?),
        None => None,
    };
    serve_on(listener, metrics, state, shutdown_signal()).await
}

async fn bind(addr: std::net::SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))
}

/// Serves `state` on `listener` until `shutdown` completes, then closes the database.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    serve_on(listener, None, state, shutdown).await
}

/// Serves the app on `listener` and, when given, `/metrics` alone on `metrics`, until
/// `shutdown`; both finish their open requests.
async fn serve_on(
    listener: TcpListener,
    metrics: Option<TcpListener>,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let db = state.services.db.clone();
    tracing::info!(
        "tiếp cận is serving on http://{} ({} database)",
        listener.local_addr()?,
        db.backend()
    );
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let upkeep = state
        .settings
        .metrics
        .is_on()
        .then(|| tokio::spawn(keep_measures()));
    let sweeper = tokio::spawn(app::uploads::sweep_every(
        state.services.clone(),
        state.settings.upload_sweep,
    ));
    let eraser = tokio::spawn(app::barrier_reports::erase_contacts_every(
        state.services.clone(),
        Duration::from_secs(3600),
    ));
    let mailer = tokio::spawn(app::mail::work_every(
        state.services.clone(),
        app::mail::TICK,
    ));
    let apart = match metrics {
        Some(metrics) => {
            tracing::info!(
                "metrics are served on http://{}/metrics",
                metrics.local_addr()?
            );
            let app = http::metrics_app(state.clone());
            let mut stopped = stopped.clone();
            Some(tokio::spawn(async move {
                axum::serve(metrics, app)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.wait_for(|stop| *stop).await;
                    })
                    .await
            }))
        }
        None => None,
    };
    let app = http::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let stop_too = stop.clone();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop_too.send(true);
        })
        .await
        .context("serving HTTP");
    let _ = stop.send(true);
    if let Some(apart) = apart {
        apart
            .await
            .context("the metrics server stopped")?
            .context("serving metrics")?;
    }
    if let Some(upkeep) = upkeep {
        upkeep.abort();
    }
    sweeper.abort();
    eraser.abort();
    mailer.abort();
    served?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Folds the request time samples into their histograms every few seconds, so that they
/// do not pile up between two reads of `/metrics`.
async fn keep_measures() {
    let mut every = tokio::time::interval(Duration::from_secs(5));
    loop {
        every.tick().await;
        crate::telemetry::metrics_handle().run_upkeep();
    }
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
