//! The command line, run as the real binary: checklist checks, imports, demo generation.

use std::path::Path;
use std::process::Output;

use crate::common::{Demo, TestApp, checklists_dir, run_cli, spawn, stderr};

fn tiepcan(args: &[&str]) -> Output {
    run_cli(None, args, "")
}

/// Writes `text` to a file in the app's folder and imports it (`what`: sites or areas).
fn import(app: &TestApp, what: &str, name: &str, text: &str) -> Output {
    let file = write(app.dir.path(), name, text);
    run_cli(Some(app), &["import", what, &file], "")
}

#[test]
fn checklists_check_passes_on_the_shipped_checklists() {
    let dir = checklists_dir();
    let output = tiepcan(&["checklists", "check", dir.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        4,
        "{stdout}"
    );
}

#[test]
fn checklists_check_names_file_and_line_of_each_problem_in_a_broken_copy() {
    let dir = tempfile::tempdir().expect("dir");
    for entry in std::fs::read_dir(checklists_dir()).expect("read") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let file = dir.path().join("public-building.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    // Break the unit of the first measured item.
    let broken = text.replacen("measure = \"mm\"", "measure = \"inch\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&file, &broken).expect("write");
    let line = broken[..broken.find("\"inch\"").expect("inch")]
        .matches('\n')
        .count()
        + 1;

    let output = tiepcan(&["checklists", "check", dir.path().to_str().expect("utf-8")]);
    assert!(!output.status.success());
    let err = stderr(&output);
    let expected = format!("{}:{line}: ", file.display());
    assert!(err.contains(&expected), "expected {expected:?} in {err}");
    assert!(err.contains("unknown unit `inch`"), "{err}");
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8").to_owned()
}

const GOOD_CSV: &str = "name,kind,subtype,lat,lon,address,department,operator\n\
    Trạm Y tế xã Hoàng Đồng,public_building,health_station,21.8905,106.7405,\"Xã Hoàng Đồng, Lạng Sơn\",construction,\n\
    Điểm dừng xe buýt Kỳ Lừa,transport_stop,bus_stop,21.8601,106.7602,,transport,\n";

#[tokio::test]
async fn importing_a_good_csv_adds_every_row() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let output = import(&app, "sites", "sites.csv", GOOD_CSV);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(app.site_count().await, before + 2);

    // The same file again: every row is now a duplicate, and nothing is added.
    let again = import(&app, "sites", "sites.csv", GOOD_CSV);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("Duplicates an existing site"),
        "{}",
        stderr(&again)
    );
    assert_eq!(app.site_count().await, before + 2);
}

#[tokio::test]
async fn a_csv_with_bad_rows_is_refused_whole_with_every_row_reported() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let csv = format!(
        "{GOOD_CSV}\
        ,public_building,,21.85,106.76,,construction,\n\
        Chợ Kỳ Lừa,market,,21.85,106.76,,construction,\n\
        Ga Hà Nội,transport_stop,,21.02,105.84,,transport,\n\
        Ga X,transport_stop,,NaN,106.7,,transport,\n\
        Trạm Y tế xã Hoàng Đồng,public_building,health_station,21.8905,106.7405,,construction,\n"
    );
    let output = import(&app, "sites", "bad.csv", &csv);
    assert!(!output.status.success());
    let err = stderr(&output);
    for expected in [
        "row 4: Name: A value is required.",
        "row 5: Kind: “market” is not allowed",
        "row 6: Latitude: The location is outside the region",
        "row 7: Latitude: Not a number.",
        "row 8: Name: Duplicates row 2.",
        "5 bad row(s); nothing was imported",
    ] {
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
    assert_eq!(
        app.site_count().await,
        before,
        "the good rows were not written either"
    );
}

#[tokio::test]
async fn malformed_geojson_is_refused_with_the_parser_reason() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let output = import(
        &app,
        "sites",
        "sites.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("Could not be read"),
        "{}",
        stderr(&output)
    );
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn importing_geojson_sites_reads_lon_lat_points() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Point","coordinates":[106.7612,21.8478]},
       "properties":{"name":"Nhà văn hóa khối 5","kind":"cultural_site","subtype":"cultural_house","department":"culture"}}]}"#;
    let output = import(&app, "sites", "sites.geojson", text);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(app.site_count().await, before + 1);
    let found = app
        .get("/api/v1/sites?q=nha%20van%20hoa%20khoi%205")
        .await
        .json();
    assert_eq!(found["items"][0]["lon"], 106.7612);
    assert_eq!(found["items"][0]["area"]["code"], "178");
}

#[tokio::test]
async fn importing_communes_places_sites_in_the_deeper_current_unit() {
    let app = spawn(Demo::Yes).await;
    // A current (2025) ward covering the city centre.
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.74,21.84],[106.78,21.84],[106.78,21.87],[106.74,21.87],[106.74,21.84]]]},
       "properties":{"code":"06040","name":"Phường Lương Văn Tri","level":"commune","parent":"20","valid_from":"2025-07-01"}}]}"#;
    let output = import(&app, "areas", "wards.geojson", text);
    assert!(output.status.success(), "{}", stderr(&output));
    let site = app
        .get("/api/v1/sites?q=uy%20ban%20nhan%20dan%20thanh%20pho")
        .await
        .json();
    assert_eq!(site["items"][0]["area"]["code"], "06040", "{site}");

    let bad = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.74,21.84],[106.78,21.84],[106.78,21.87],[106.74,21.84]]]},
       "properties":{"code":"x1","name":"Nowhere child","level":"commune","parent":"nope"}}]}"#;
    let output = import(&app, "areas", "bad-areas.geojson", bad);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("row 1: parent"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn demo_generate_writes_n_sites() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let output = run_cli(Some(&app), &["demo", "generate", "--sites", "2500"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(app.site_count().await, before + 2500);
}

#[test]
fn a_bad_region_flag_is_refused_with_the_reason() {
    let output = tiepcan(&["import", "sites", "x.csv", "--region-bbox", "107,21,106,22"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("minimum is greater than the maximum"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn a_csv_without_the_needed_columns_is_refused_naming_the_column() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let output = import(
        &app,
        "sites",
        "wrong.csv",
        "ten;loai;vido;kinhdo\nA;b;21.8;106.7\n",
    );
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("The header has no column “name”"), "{err}");
    assert_eq!(app.site_count().await, before);
}
