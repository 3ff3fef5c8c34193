//! `tiepcan backup` and `tiepcan restore`, run as the real binary: a backup taken while
//! others write restores into an empty folder with an intact event log and every photo;
//! one taken at rest gives back byte for byte the same open data; a target with data and a
//! backup with a missing or altered file are refused by name, and nothing is written. On
//! PostgreSQL, the README's `pg_dump` and `pg_restore` commands do the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use axum::http::StatusCode;
use serde_json::json;
use tempfile::TempDir;
use tiepcan::config::Config;
use tiepcan::domain::user::Role;
use tiepcan::http::app;

use crate::audits::{photo, upload};
use crate::common::{Demo, TestApp, run_cli, stderr, test_config};

mod postgres;
mod refusals;
mod round_trip;

/// The time both sides of a comparison run at, so that the exports' `generated_at` agrees.
const AT: &str = "2026-12-01T03:00:00Z";

/// Every public export, by its path.
const EXPORTS: [&str; 4] = [
    "/api/v1/public/export.geojson",
    "/api/v1/public/export.csv",
    "/api/v1/exports/osm-tags.csv",
    "/api/v1/public/sites.geojson?limit=5000",
];

/// An installation's settings and folder: one not started yet (a restore goes into it
/// first), or the app's own.
struct Install {
    config: Config,
    dir: TempDir,
}

impl Install {
    /// Fresh settings on a SQLite file whatever backend this run tests (`backup` copies
    /// SQLite), with a new photo store (a folder, or a new prefix of the test bucket).
    async fn new(demo: Demo) -> Install {
        let (mut config, dir) = test_config(demo).await;
        let file = dir.path().join("tiepcan.db");
        config.database.database_url = Some(format!("sqlite://{}", file.display()));
        Install { config, dir }
    }

    /// Starts the app on it, its clock at [`AT`].
    async fn start(self) -> TestApp {
        let state = tiepcan::server::prepare(&self.config)
            .await
            .expect("the app starts");
        TestApp {
            router: app(state.clone()),
            state,
            config: self.config,
            dir: self.dir,
        }
        .at_time(AT)
    }

    /// `tiepcan restore DIR` into this installation, as its settings say.
    fn restore(&self, backup: &Path) -> Output {
        run_cli(
            None,
            &with_storage(&self.config, &["restore", text(backup)]),
            "",
        )
    }
}

/// `args` followed by the database, data folder and photo store options of `config`.
fn with_storage<'a>(config: &'a Config, args: &[&'a str]) -> Vec<&'a str> {
    let s = &config.database;
    let mut all = args.to_vec();
    all.extend(["--database-url", s.database_url.as_deref().expect("a URL")]);
    all.extend(["--data-dir", text(&s.data_dir)]);
    if let Some(store) = &config.photos.photo_store
        && crate::common::reads_photo_store(args)
    {
        all.extend(["--photo-store", store]);
    }
    all
}

/// `args` run on `app`'s database, data folder and photo store.
fn on(app: &TestApp, args: &[&str]) -> Output {
    run_cli(None, &with_storage(&app.config, args), "")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn text(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A new backup of `app` in a fresh folder (kept while the first value lives).
fn backup(app: &TestApp) -> (TempDir, PathBuf) {
    let parent = tempfile::tempdir().expect("dir");
    let out = parent.path().join("backup");
    let output = on(app, &["backup", "--out", text(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("backup written to"),
        "{}",
        stdout(&output)
    );
    (parent, out)
}

/// Every public export of `app`, as sent.
async fn exports(app: &TestApp) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    for path in EXPORTS {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        all.push(reply.bytes);
    }
    all
}

/// What `tiepcan events verify` says of `app`'s log: it must be intact.
fn verified(app: &TestApp) -> String {
    let output = on(app, &["events", "verify"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(said.starts_with("event log intact"), "{said}");
    said
}

/// `tiepcan photos check` of `app` finds every recorded object, and no other.
fn every_photo_present(app: &TestApp) {
    let output = on(app, &["photos", "check"]);
    let said = stdout(&output);
    assert!(output.status.success(), "{said}{}", stderr(&output));
    assert!(said.contains("0 orphaned, 0 missing"), "{said}");
}

/// Every file under `dir` with its bytes, and every folder (to see that nothing was made).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut found = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.insert(path.clone(), None);
            found.extend(tree(&path));
        } else {
            found.insert(path.clone(), Some(std::fs::read(&path).expect("read")));
        }
    }
    found
}

/// A small installation with one photo of an audit (and its backup).
async fn photographed() -> (TestApp, TempDir, PathBuf) {
    let app = Install::new(Demo::Yes).await.start().await;
    let token = app.token("anh.vh", Role::Inspector, Some("culture")).await;
    let (site, _) = app.register_museum(&token).await;
    let started = app
        .call(
            "POST",
            &format!("/api/v1/sites/{}/audits", site["id"].as_str().expect("id")),
        )
        .bearer(&token)
        .json(&json!({ "key": uuid::Uuid::now_v7().to_string() }))
        .send()
        .await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    let audit = started.json()["id"].as_str().expect("id").to_owned();
    let reply = upload(&app, &token, &audit, None, &photo(7, None)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let (kept, out) = backup(&app);
    (app, kept, out)
}
