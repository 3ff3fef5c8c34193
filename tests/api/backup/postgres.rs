//! On PostgreSQL, `pg_dump` and `pg_restore` as the README gives them.

use super::{EXPORTS, Install, every_photo_present, exports, text, verified};
use crate::common::{Demo, postgres_url, stderr};

/// `base` (a PostgreSQL URL) naming database `name` instead.
fn in_database(base: &str, name: &str) -> String {
    let (head, query) = base
        .split_once('?')
        .map_or((base, None), |(h, q)| (h, Some(q)));
    let (server, _) = head.rsplit_once('/').expect("a URL with a database");
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// Runs a PostgreSQL client program; it must succeed.
fn client(program: &str, args: &[&str]) {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (the PostgreSQL client is installed): {e}"));
    assert!(output.status.success(), "{program}: {}", stderr(&output));
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIEPCAN_TEST_POSTGRES_URL and run with --include-ignored"]
async fn pg_dump_and_pg_restore_as_the_readme_says_give_back_the_same_log_and_open_data() {
    let base = postgres_url().expect("set TIEPCAN_TEST_POSTGRES_URL");
    let id = uuid::Uuid::now_v7().simple().to_string();
    let (source, copy) = (format!("tiepcan_src_{id}"), format!("tiepcan_copy_{id}"));
    client("createdb", &[&format!("--maintenance-db={base}"), &source]);
    let mut install = Install::new(Demo::Full).await;
    install.config.database.database_url = Some(in_database(&base, &source));
    install.config.photos.photo_store = None;
    let app = install.start().await;

    let dump = app.dir.path().join("tiepcan.dump");
    client(
        "pg_dump",
        &["-Fc", "-f", text(&dump), &in_database(&base, &source)],
    );
    let mut target = Install::new(Demo::No).await;
    target.config.database.database_url = Some(in_database(&base, &copy));
    target.config.photos.photo_store = None;
    client("createdb", &[&format!("--maintenance-db={base}"), &copy]);
    client(
        "pg_restore",
        &["--no-owner", "-d", &in_database(&base, &copy), text(&dump)],
    );
    let photos = app.dir.path().join("photos");
    client(
        "cp",
        &["-a", text(&photos), text(&target.dir.path().join("photos"))],
    );
    let restored = target.start().await;

    let (original, copied) = (exports(&app).await, exports(&restored).await);
    for ((path, original), copied) in EXPORTS.iter().zip(&original).zip(&copied) {
        assert!(original == copied, "{path} differs after pg_restore");
    }
    assert_eq!(
        verified(&restored),
        verified(&app),
        "the same log, to its last hash"
    );
    every_photo_present(&restored);
    app.db().close().await;
    restored.db().close().await;
    for name in [&source, &copy] {
        client("dropdb", &[&format!("--maintenance-db={base}"), name]);
    }
}
