//! Upgrades: a database written by the previous release (made once by
//! `tests/upgrade/make.sh` from that release's commit, checked in compressed) opens in this
//! one, is migrated, keeps its event log intact, serves the same public data byte for
//! byte as that release served from it (the open data has gained columns since, which are
//! set aside to compare: see [`ADDED`]), and finds its sites by the current search rule.

use std::io::Read;
use std::path::PathBuf;

use axum::http::StatusCode;
use clap::Parser;
use tiepcan::app::events::Verdict;
use tiepcan::config::Cli;

use crate::common::{TestApp, checklists_dir};

/// The releases whose databases this one must open, oldest first.
const RELEASES: [&str; 1] = ["release-28"];

fn fixture(release: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/upgrade")
        .join(release)
}

/// This checkout's migrations for SQLite, by count.
fn migrations() -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    std::fs::read_dir(dir)
        .expect("migrations")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count()
}

/// What the open data gained since the releases of [`RELEASES`]: each site's counts of the
/// public's reports a moderator answered, the CSV's last columns and the GeoJSON's last
/// properties. Everything the release served is served the same; these are left out to
/// compare.
const ADDED: [&str; 5] = [
    "reports_under_review",
    "reports_confirmed",
    "reports_follow_up_planned",
    "reports_not_a_barrier",
    "reports_duplicate",
];

/// `served` (a file of `name`) as the release would have written it: without the
/// [`ADDED`] columns of a CSV, written again by the same writer; a GeoJSON read, without
/// the [`ADDED`] properties of its features (its bytes then compared as read values).
fn as_released(name: &str, served: &[u8]) -> Vec<u8> {
    if name.ends_with(".csv") {
        let text = served
            .strip_prefix("\u{feff}".as_bytes())
            .expect("a byte order mark first");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text);
        let records: Vec<csv::StringRecord> =
            reader.records().map(|r| r.expect("a record")).collect();
        let kept: Vec<usize> = records[0]
            .iter()
            .enumerate()
            .filter(|(_, heading)| !ADDED.contains(heading))
            .map(|(i, _)| i)
            .collect();
        let mut out = Vec::from("\u{feff}".as_bytes());
        {
            let mut writer = csv::Writer::from_writer(&mut out);
            for record in &records {
                writer
                    .write_record(kept.iter().map(|i| &record[*i]))
                    .expect("write");
            }
            writer.flush().expect("write");
        }
        out
    } else if name == "export.geojson" {
        let mut value: serde_json::Value = serde_json::from_slice(served).expect("JSON");
        for feature in value["features"].as_array_mut().expect("features") {
            let properties = feature["properties"].as_object_mut().expect("properties");
            for added in ADDED {
                assert!(properties.remove(added).is_some(), "{added} is served");
            }
        }
        serde_json::to_vec(&value).expect("JSON")
    } else {
        served.to_vec()
    }
}

/// The time an export says it was made: the GeoJSON's `generated_at` member, the CSV's last
/// column; none for a file that does not say.
fn generated_at(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let at = match text.find("\"generated_at\":\"") {
        Some(start) => {
            let rest = &text[start + "\"generated_at\":\"".len()..];
            rest[..rest.find('"')?].to_owned()
        }
        None => text.trim_end().rsplit(',').next()?.to_owned(),
    };
    chrono::DateTime::parse_from_rfc3339(&at).ok().map(|_| at)
}

#[tokio::test]
async fn a_database_written_by_the_last_release_opens_migrates_and_serves_the_same_public_data() {
    for release in RELEASES {
        let dir = tempfile::tempdir().expect("dir");
        let mut packed = Vec::new();
        std::fs::File::open(fixture(release).join("tiepcan.db.gz"))
            .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut packed))
            .expect("the fixture unpacks");
        let db = dir.path().join("tiepcan.db");
        std::fs::write(&db, &packed).expect("write the database");
        let (url, data, checklists) = (
            format!("sqlite://{}", db.display()),
            dir.path().display().to_string(),
            checklists_dir().display().to_string(),
        );
        let config = Cli::parse_from([
            "tiepcan",
            "--database-url",
            &url,
            "--data-dir",
            &data,
            "--base-url",
            "http://tiepcan.test",
            "--checklists-dir",
            &checklists,
            "--no-demo",
        ])
        .serve;
        let mut app = TestApp::start_on(&config).await;

        let tiepcan::store::Db::Sqlite(pool) = app.db() else {
            panic!("the fixture is a SQLite file")
        };
        let applied: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                .fetch_one(pool)
                .await
                .expect("migrations");
        assert_eq!(
            applied as usize,
            migrations(),
            "{release}: every migration applied"
        );
        let verdict = tiepcan::app::events::verify(app.services())
            .await
            .expect("verify");
        assert!(
            matches!(verdict, Verdict::Intact { .. }),
            "{release}: the event log verifies: {verdict:?}"
        );
        for file in ["export.geojson", "export.csv", "areas.geojson"] {
            let expected = std::fs::read(fixture(release).join(file)).expect("expected");
            // Exports say when they were made: asked on the release's clock, this one must
            // write the very same bytes.
            if let Some(at) = generated_at(&expected) {
                app = app.at_time(&at);
            }
            let reply = app.get(&format!("/api/v1/public/{file}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{release} {file}");
            let served = as_released(file, &reply.bytes);
            let expected = if file == "export.geojson" {
                let read: serde_json::Value = serde_json::from_slice(&expected).expect("JSON");
                serde_json::to_vec(&read).expect("JSON")
            } else {
                expected
            };
            assert!(
                served == expected,
                "{release}: {file} differs from what the release served ({} bytes against {})",
                served.len(),
                expected.len()
            );
        }
        // The release stored search texts by the older rule; this one made them again.
        let school = app
            .get("/sites?q=trung%20hoc%20pho%20thong%20viet%20bac")
            .await;
        assert!(
            school.body.contains("Trường THPT Việt Bắc"),
            "{release}: a name written short is found written out"
        );
    }
}
