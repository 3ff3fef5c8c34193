//! Imports that lose nothing and hold nobody up: strict CSV, text that is not UTF-8, GeoJSON
//! values of the wrong type, one event per import, progress, and other writers going on
//! while a large import runs.

use std::time::Duration;

use axum::http::StatusCode;
use tiepcan::app::imports::{self, Step};
use tiepcan::domain::actor::Actor;
use tiepcan::domain::import::Format;
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, run_cli, spawn, stderr};

/// Writes `bytes` to a file in the app's folder and imports it with the real binary.
fn import_bytes(app: &TestApp, name: &str, bytes: &[u8]) -> std::process::Output {
    let path = app.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    run_cli(
        Some(app),
        &["import", "sites", path.to_str().expect("utf-8")],
        "",
    )
}

const HEADER: &str = "name,kind,subtype,lat,lon,address,department,operator\n";

#[tokio::test]
async fn an_unclosed_quote_is_refused_at_the_line_where_it_opened() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    // The file of the report: A's operator opens a quote that never closes on its line.
    let csv = format!(
        "{HEADER}\"A\",cultural_site,museum,21.80,106.70,x,culture,\"op\n\
         \"B\",cultural_site,museum,21.90,106.80,y,culture,\"op\"\n"
    );
    let output = import_bytes(&app, "q.csv", csv.as_bytes());
    assert!(!output.status.success(), "refused");
    let err = stderr(&output);
    assert!(
        err.contains(
            "q.csv: row 2: row: The quote opened at column 49 does not close on this line"
        ),
        "{err}"
    );
    assert!(err.contains("1 bad row(s); nothing was imported"), "{err}");
    assert_eq!(app.site_count().await, before, "neither A nor B");
}

#[tokio::test]
async fn a_header_with_a_repeated_unknown_or_missing_column_is_refused() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let row = "Chợ,public_building,market,21.85,106.76,,construction,\n";
    let repeated = format!("name,kind,kind,subtype,lat,lon,address,department,operator\n{row}");
    let err = stderr(&import_bytes(&app, "twice.csv", repeated.as_bytes()));
    assert!(
        err.contains("Column “kind” appears twice (first at position 2)"),
        "{err}"
    );
    let unknown = format!("name,kind,subtype,lat,lon,address,department,colour\n{row}");
    let err = stderr(&import_bytes(&app, "unknown.csv", unknown.as_bytes()));
    assert!(
        err.contains("“colour” is not allowed; use one of: name"),
        "{err}"
    );
    // A file whose first line is already data has no header at all.
    let err = stderr(&import_bytes(&app, "headless.csv", row.as_bytes()));
    assert!(err.contains("The header has no column “name”"), "{err}");
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn text_that_is_not_utf8_names_the_line_and_column_of_the_first_bad_byte() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"Ch\xe1 ");
    // "Chợ" saved in a legacy 8-bit code page: 0xE1 starts no valid UTF-8 sequence here.
    bytes.extend_from_slice(b"\xbb\xa3,public_building,market,21.85,106.76,,construction,\n");
    let output = import_bytes(&app, "latin.csv", &bytes);
    let err = stderr(&output);
    assert!(!output.status.success());
    assert!(
        err.contains("row 2: encoding: Not UTF-8 text: the first bad byte is at column 3"),
        "{err}"
    );
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn a_geojson_name_that_is_a_number_or_a_boolean_is_refused() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Point","coordinates":[106.76,21.85]},
       "properties":{"name":1234,"kind":"cultural_site","department":"culture"}},
      {"type":"Feature","geometry":{"type":"Point","coordinates":[106.77,21.86]},
       "properties":{"name":true,"kind":"cultural_site","department":"culture"}}]}"#;
    let output = import_bytes(&app, "typed.geojson", text.as_bytes());
    let err = stderr(&output);
    assert!(
        err.contains("row 1: Name: Must be text (in quotes), not a number."),
        "{err}"
    );
    assert!(
        err.contains("row 2: Name: Must be text (in quotes), not a boolean."),
        "{err}"
    );
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn an_import_is_one_event_with_the_files_hash_and_the_new_ids() {
    let app = spawn(Demo::Yes).await;
    let csv = format!(
        "{HEADER}Trạm Y tế xã Mai Pha,public_building,health_station,21.83,106.73,,construction,\n\
         Nhà văn hóa thôn Pò Mã,cultural_site,cultural_house,21.91,106.69,,culture,\n"
    );
    let head = |app: &TestApp| {
        let db = app.db().clone();
        async move {
            let mut conn = db.conn().await.expect("conn");
            tiepcan::store::events::head(&mut conn)
                .await
                .expect("head")
                .0
        }
    };
    let before = head(&app).await;
    let steps = std::sync::Mutex::new(Vec::new());
    let record = |step: Step| steps.lock().expect("steps").push(step);
    let done = imports::sites(
        app.services(),
        &Actor::Console,
        Format::Csv,
        csv.as_bytes().to_vec(),
        &record,
    )
    .await
    .expect("imported");
    assert_eq!(done.count, 2);
    assert_eq!(head(&app).await, before + 1, "one event for the whole file");
    assert_eq!(
        *steps.lock().expect("steps"),
        vec![Step::Read(2), Step::Checked(2), Step::Written(2, 2)],
        "rows read, checked and written are reported"
    );
    let admin = app.token("root", Role::Admin, None).await;
    let log = app
        .call("GET", "/api/v1/events?action=sites.import")
        .bearer(&admin)
        .send()
        .await
        .json();
    let event = &log["items"][0];
    assert_eq!(event["entity_id"], done.id.to_string());
    let after: serde_json::Value =
        serde_json::from_str(event["after"].as_str().expect("after")).expect("json");
    assert_eq!(
        after["file_sha256"],
        tiepcan::domain::secret::digest_bytes(csv.as_bytes())
    );
    assert_eq!(after["rows"], 2);
    let ids = after["ids"].as_array().expect("ids");
    for id in ids {
        let site = app
            .get(&format!("/api/v1/sites/{}", id.as_str().expect("id")))
            .await;
        assert_eq!(
            site.status,
            StatusCode::OK,
            "the logged ids are the new sites"
        );
    }
}

#[tokio::test]
async fn the_import_help_lists_only_the_import_options() {
    let output = run_cli(None, &["import", "sites", "--help"], "");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("--database-url") && help.contains("--region-bbox"),
        "{help}"
    );
    for server_only in ["--listen", "--base-url", "--trust-forwarded-for", "--demo"] {
        assert!(!help.contains(server_only), "{server_only} in:\n{help}");
    }
}

#[tokio::test]
async fn progress_is_drawn_on_a_terminal() {
    let app = spawn(Demo::Yes).await;
    let path = app.dir.path().join("tty.csv");
    std::fs::write(
        &path,
        format!(
            "{HEADER}Điểm dừng xe buýt Đông Kinh,transport_stop,bus_stop,21.85,106.76,,transport,\n"
        ),
    )
    .expect("write");
    // `script` gives the command a terminal, as a person at the console has.
    let command = format!(
        "{} import sites {} --database-url '{}'",
        env!("CARGO_BIN_EXE_tiepcan"),
        path.display(),
        app.config.database_url()
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("script runs");
    let seen = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{seen}");
    assert!(seen.contains("rows written"), "the progress line: {seen:?}");
    assert!(seen.contains("1 sites imported"), "{seen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_large_import_holds_up_no_other_writer() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let before = app.site_count().await;
    let rows = 100_000;
    let bytes = tiepcan::domain::demo::synthetic_csv(rows, 7).into_bytes();
    let services = app.services().clone();
    let import = tokio::spawn(async move {
        imports::sites(&services, &Actor::Console, Format::Csv, bytes, &|_| {})
            .await
            .expect("the import succeeds")
    });
    // Creations run one after another while the import runs; one that had to wait for the
    // whole import would come back after it, and so would every one after it.
    let mut n = 0;
    let mut during = 0;
    while !import.is_finished() {
        n += 1;
        let mut site = museum();
        site["name"] = serde_json::json!(format!("Nhà văn hóa số {n}"));
        site["lat"] = serde_json::json!(21.80 + f64::from(n) * 0.0001);
        let reply = app
            .call("POST", "/api/v1/sites")
            .bearer(&token)
            .json(&site)
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "creation {n}: {}",
            reply.body
        );
        if !import.is_finished() {
            during += 1;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let imported = import.await.expect("task");
    assert_eq!(imported.count, rows as usize);
    assert!(
        during >= 10,
        "only {during} of {n} creations were answered while the import ran"
    );
    assert_eq!(app.site_count().await, before + rows as i64 + i64::from(n));
}
