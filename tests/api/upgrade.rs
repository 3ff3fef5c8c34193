//! Upgrades: a database written by the previous release (made once by
//! `tests/upgrade/make.sh` from that release's commit, checked in compressed) opens in this
//! one, is migrated, keeps its event log intact, serves the same public data byte for
//! byte as that release served from it, and finds its sites by the current search rule.

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
            assert!(
                reply.bytes == expected,
                "{release}: {file} differs from what the release served ({} bytes against {})",
                reply.bytes.len(),
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
