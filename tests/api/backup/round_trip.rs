//! A backup taken while others register sites and upload and delete photos, and one taken
//! at rest, each restored into an empty folder.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::photo::Sha256;
use tiepcan::domain::user::Role;
use tiepcan::objects::Objects;

use super::{
    EXPORTS, Install, backup, every_photo_present, exports, photographed, stdout, tree, verified,
};
use crate::audits::{photo, upload};
use crate::common::{Demo, TestApp, museum, stderr};

/// Writers that register sites and upload (then delete) photos until stopped.
struct Writers {
    stop: Arc<AtomicBool>,
    sites: Arc<AtomicUsize>,
    photos: Arc<AtomicUsize>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Writers {
    async fn start(app: Arc<TestApp>) -> Writers {
        let token = app.token("ghi.vh", Role::Inspector, Some("culture")).await;
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
        let w = Writers {
            stop: Arc::default(),
            sites: Arc::default(),
            photos: Arc::default(),
            tasks: Vec::new(),
        };
        let (stop, count, a, t) = (w.stop.clone(), w.sites.clone(), app.clone(), token.clone());
        let sites = tokio::spawn(async move {
            for i in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let mut site = museum();
                site["name"] = json!(format!("Nhà văn hóa thôn {i}"));
                site["lat"] = json!(21.80 + f64::from(i) * 0.0003);
                let reply = a
                    .call("POST", "/api/v1/sites")
                    .bearer(&t)
                    .json(&site)
                    .send()
                    .await;
                match reply.status {
                    StatusCode::CREATED => count.fetch_add(1, Ordering::Relaxed),
                    StatusCode::SERVICE_UNAVAILABLE => 0,
                    other => panic!("registering a site: {other} {}", reply.body),
                };
            }
        });
        let (stop, count, a) = (w.stop.clone(), w.photos.clone(), app.clone());
        let photos = tokio::spawn(async move {
            let mut previous: Option<Value> = None;
            for seed in 1000.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let reply = upload(&a, &token, &audit, None, &photo(seed, None)).await;
                assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
                let uploaded = reply.json();
                if let Some(old) = previous.replace(uploaded) {
                    let uri = format!(
                        "/api/v1/audits/{audit}/photos/{}",
                        old["id"].as_str().expect("id")
                    );
                    let gone = a.call("DELETE", &uri).bearer(&token).send().await;
                    assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
                }
                count.fetch_add(1, Ordering::Relaxed);
            }
        });
        Writers {
            tasks: vec![sites, photos],
            ..w
        }
    }

    /// Sites registered and photos uploaded so far.
    fn done(&self) -> (usize, usize) {
        (
            self.sites.load(Ordering::Relaxed),
            self.photos.load(Ordering::Relaxed),
        )
    }

    async fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        for task in self.tasks {
            task.await.expect("a writer ran without fault");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_others_write_restores_whole_and_one_at_rest_gives_the_same_open_data()
{
    let app = Arc::new(Install::new(Demo::Full).await.start().await);
    let registered_before = app.site_count().await;
    let writers = Writers::start(app.clone()).await;
    while writers.done().0 < 3 || writers.done().1 < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Backups until one ran while a site was registered and a photo uploaded and deleted.
    let mut tries = 0;
    let (_kept, during, at_start, at_end) = loop {
        tries += 1;
        let (before, at_start) = (writers.done(), app.site_count().await);
        let shared = app.clone();
        let (kept, out) = tokio::task::spawn_blocking(move || backup(&shared))
            .await
            .expect("the backup ran");
        let (after, at_end) = (writers.done(), app.site_count().await);
        if after.0 > before.0 && after.1 > before.1 {
            break (kept, out, at_start, at_end);
        }
        assert!(
            tries < 20,
            "no backup overlapped the writers: {before:?} {after:?}"
        );
    };
    writers.stop().await;

    let target = Install::new(Demo::No).await;
    let restored = target.restore(&during);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let restored = target.start().await;
    verified(&restored);
    every_photo_present(&restored);
    let count = restored.site_count().await;
    assert!(
        (at_start..=at_end).contains(&count) && count > registered_before,
        "the snapshot is the database at one moment of the backup: {at_start} <= {count} <= {at_end}"
    );

    // At rest, a second backup restores to the very same open data and event log.
    let (_kept, quiet) = backup(&app);
    let target = Install::new(Demo::No).await;
    let output = target.restore(&quiet);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("restored"), "{}", stdout(&output));
    let restored = target.start().await;
    let (original, copy) = (exports(&app).await, exports(&restored).await);
    for ((path, original), copy) in EXPORTS.iter().zip(&original).zip(&copy) {
        assert!(original == copy, "{path} differs after the restore");
    }
    assert_eq!(
        verified(&restored),
        verified(&app),
        "the same log, to its last hash"
    );
    every_photo_present(&restored);
}

#[tokio::test]
async fn the_manifest_lists_every_file_of_the_backup_with_its_sha256_and_size() {
    let started = chrono::Utc::now();
    let (app, _kept, out) = photographed().await;
    let text = std::fs::read_to_string(out.join("manifest.json")).expect("read");
    let manifest: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(manifest["format"], 1);
    assert_eq!(manifest["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["backend"], "sqlite");
    assert_eq!(
        manifest["schema_version"].as_i64(),
        Some(tiepcan::store::backup::known_schema_version("sqlite"))
    );
    let taken = manifest["created_at"].as_str().expect("created_at");
    let taken = chrono::DateTime::parse_from_rfc3339(taken).expect("RFC 3339");
    assert!(started <= taken && taken <= chrono::Utc::now(), "{taken}");

    let files = manifest["files"].as_array().expect("files");
    assert_eq!(files[0]["path"], "tiepcan.db", "the database first");
    let listed: BTreeMap<String, (String, u64)> = files
        .iter()
        .map(|f| {
            let path = f["path"].as_str().expect("path").to_owned();
            let sha256 = f["sha256"].as_str().expect("sha256").to_owned();
            (path, (sha256, f["bytes"].as_u64().expect("bytes")))
        })
        .collect();
    let on_disk: BTreeMap<String, (String, u64)> = tree(&out)
        .into_iter()
        .filter_map(|(path, bytes)| {
            let bytes = bytes?;
            let name = path
                .strip_prefix(&out)
                .expect("inside")
                .to_str()?
                .to_owned();
            let digest = Sha256::of(&bytes).hex();
            (name != "manifest.json").then_some((name, (digest, bytes.len() as u64)))
        })
        .collect();
    assert_eq!(
        listed, on_disk,
        "every file, each with its SHA-256 and size"
    );

    // `photos/` reads as a photo store folder holding the installation's objects.
    let copy = Objects::local(&out.join("photos")).expect("a folder store");
    let stored = app
        .services()
        .photos
        .objects
        .list(None)
        .await
        .expect("list");
    assert_eq!(
        stored.len(),
        3,
        "the photo's original, display image and thumbnail"
    );
    assert_eq!(copy.list(None).await.expect("list"), stored);
}
