//! Open data: `GET /api/v1/public/export.geojson` and `.csv`, and the OpenStreetMap tags
//! for review, `GET /api/v1/exports/osm-tags.csv`.

use std::collections::HashMap;

use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::common::{Demo, TestApp, spawn};

async fn export(app: &TestApp) -> Value {
    let reply = app.get("/api/v1/public/export.geojson").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.header(header::CONTENT_TYPE).as_deref(),
        Some("application/geo+json")
    );
    reply.json()
}

/// The rows of a CSV answer after its byte order mark, headings first.
fn rows(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let text = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a byte order mark first");
    let mut reader = csv::Reader::from_reader(text);
    let headers = reader.headers().expect("headings").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_open_data_gives_every_site_with_its_public_facts_a_licence_and_the_time_and_no_staff_name()
 {
    let app = spawn(Demo::Full).await;
    let data = export(&app).await;
    assert_eq!(data["type"], "FeatureCollection");
    assert_eq!(data["licence"], "CC-BY-4.0");
    let generated = data["generated_at"].as_str().expect("generated_at");
    assert!(
        chrono::DateTime::parse_from_rfc3339(generated).is_ok(),
        "{generated}"
    );
    let features = data["features"].as_array().expect("features");
    let map = app
        .get("/api/v1/public/sites.geojson?limit=5000")
        .await
        .json();
    let on_map: HashMap<&str, &Value> = map["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| (f["properties"]["id"].as_str().expect("id"), f))
        .collect();
    assert_eq!(features.len(), on_map.len(), "every site, no page");
    let mut conn = app.db().conn().await.expect("conn");
    let registered = tiepcan::store::sites::count(&mut conn)
        .await
        .expect("count");
    drop(conn);
    assert_eq!(features.len() as i64, registered, "every registered site");

    let mut audited = 0;
    for f in features {
        let p = &f["properties"];
        let id = p["id"].as_str().expect("id");
        let shown = &on_map[id]["properties"];
        assert_eq!(f["geometry"], on_map[id]["geometry"], "{id}: lon, lat");
        for field in ["name", "kind", "subtype", "level", "last_audit", "url"] {
            assert_eq!(p[field], shown[field], "{id}: {field} as the map says");
        }
        assert!(p["department"].as_str().is_some_and(|d| !d.is_empty()));
        if p["level"] != "unknown" {
            audited += 1;
            let page = app.get(&format!("/api/v1/public/sites/{id}")).await.json();
            let barriers = page["barriers"].as_array().expect("barriers").len() as u64;
            assert_eq!(
                p["barriers_standing"].as_u64(),
                Some(barriers),
                "{id}: the barriers its public page lists"
            );
            assert!(p["features"].as_object().is_some_and(|f| !f.is_empty()));
        }
    }
    assert!(audited > 5, "the demo's audited sites are in it");

    let csv = app.get("/api/v1/public/export.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.header(header::CONTENT_TYPE).as_deref(),
        Some("text/csv; charset=utf-8")
    );
    let table = rows(&csv.bytes);
    assert_eq!(table.len(), features.len(), "the CSV has the same sites");
    let by_id: HashMap<&str, &Value> = features
        .iter()
        .map(|f| (f["properties"]["id"].as_str().expect("id"), f))
        .collect();
    for row in &table {
        let p = &by_id[row["id"].as_str()]["properties"];
        assert_eq!(row["level"], p["level"].as_str().expect("level"));
        assert_eq!(row["department"], p["department"].as_str().expect("dept"));
        assert_eq!(row["barriers_standing"], p["barriers_standing"].to_string());
        assert_eq!(
            row["feature_toilet"],
            p["features"]["toilet"].as_str().unwrap_or_default(),
            "{}",
            row["id"]
        );
        assert_eq!(row["licence"], "CC-BY-4.0");
        assert!(chrono::DateTime::parse_from_rfc3339(&row["generated_at"]).is_ok());
    }

    let mut conn = app.db().conn().await.expect("conn");
    let people = tiepcan::store::users::all(&mut conn).await.expect("users");
    drop(conn);
    assert!(people.len() > 5);
    let osm = app.get("/api/v1/exports/osm-tags.csv").await;
    let json_values: Vec<String> = features
        .iter()
        .flat_map(|f| {
            f["properties"]
                .as_object()
                .expect("properties")
                .values()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let cells: Vec<String> = rows(&csv.bytes)
        .into_iter()
        .chain(rows(&osm.bytes))
        .flat_map(|row| row.into_values())
        .chain(json_values)
        .collect();
    for person in people {
        for cell in &cells {
            assert!(
                !cell.contains(&person.display_name),
                "{}",
                person.display_name
            );
            assert_ne!(cell, &person.username);
        }
    }
}

#[tokio::test]
async fn the_osm_tags_map_each_audited_site_and_leave_the_never_audited_out() {
    let app = spawn(Demo::Full).await;
    let data = export(&app).await;
    let features = data["features"].as_array().expect("features");
    let reply = app.get("/api/v1/exports/osm-tags.csv").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let table = rows(&reply.bytes);
    let audited: Vec<&Value> = features
        .iter()
        .filter(|f| f["properties"]["level"] != "unknown")
        .collect();
    assert_eq!(table.len(), audited.len(), "one row per audited site");
    let by_id: HashMap<&str, &Value> = audited
        .iter()
        .map(|f| (f["properties"]["id"].as_str().expect("id"), *f))
        .collect();
    let mut toilets = 0;
    for row in &table {
        let p = &by_id[row["id"].as_str()]["properties"];
        let wheelchair = match p["level"].as_str().expect("level") {
            "accessible" => "yes",
            "partly" => "limited",
            "not_accessible" => "no",
            other => panic!("{other} in the OSM tags"),
        };
        assert_eq!(row["wheelchair"], wheelchair);
        let toilet = match p["features"]["toilet"].as_str() {
            Some("works") => "yes",
            Some("does_not_work") => "no",
            _ => "",
        };
        assert_eq!(row["toilets:wheelchair"], toilet, "{}", row["name"]);
        if !toilet.is_empty() {
            toilets += 1;
        }
        let checked = p["last_audit"]
            .as_str()
            .expect("an audited site has a date");
        assert_eq!(row["checked_on"], checked);
        let (y, m, d) = (&checked[..4], &checked[5..7], &checked[8..10]);
        assert!(
            row["wheelchair:description"].starts_with(&format!("Kiểm tra ngày {d}/{m}/{y}.")),
            "{}",
            row["wheelchair:description"]
        );
        assert!(
            row["wheelchair:description"].chars().count() <= 255,
            "OSM's limit"
        );
        if p["features"]["toilet"] == "works" {
            assert!(row["wheelchair:description"].contains("Nhà vệ sinh"));
        }
    }
    assert!(toilets > 0, "some audited sites had their toilet checked");
}

#[tokio::test]
async fn an_export_is_kept_until_a_change_and_answers_304_to_a_client_that_has_it() {
    let app = spawn(Demo::Yes).await;
    let first = app.get("/api/v1/public/export.geojson").await;
    let tag = first.header(header::ETAG).expect("a validator");
    assert!(
        first
            .header(header::CACHE_CONTROL)
            .is_some_and(|c| c.starts_with("public"))
    );
    let before = first.json();
    let moved: uuid::Uuid = before["features"][0]["properties"]["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    assert!(before["features"][0]["properties"]["area_code"].is_string());

    // The site leaves its area behind the log's back (no event): the kept export still
    // gives the area, byte for byte, which only a kept answer can do.
    let mut tx = app.db().begin().await.expect("tx");
    tiepcan::store::sites::set_area(&mut tx, &[moved], None)
        .await
        .expect("moved");
    tx.commit().await.expect("commit");
    let again = app.get("/api/v1/public/export.geojson").await;
    assert_eq!(again.header(header::ETAG).as_deref(), Some(tag.as_str()));
    assert_eq!(again.bytes, first.bytes);
    let held = app
        .call("GET", "/api/v1/public/export.geojson")
        .header("if-none-match", &tag)
        .send()
        .await;
    assert_eq!(held.status, StatusCode::NOT_MODIFIED);

    app.add_museum().await;
    let after = app.get("/api/v1/public/export.geojson").await;
    assert_ne!(after.header(header::ETAG), Some(tag));
    let after = after.json();
    assert_eq!(
        after["features"].as_array().expect("f").len(),
        before["features"].as_array().expect("f").len() + 1,
        "the new museum is in the next export"
    );
    let site = after["features"]
        .as_array()
        .expect("f")
        .iter()
        .find(|f| f["properties"]["id"] == moved.to_string())
        .expect("the moved site");
    assert!(site["properties"]["area_code"].is_null(), "read again");
}

#[tokio::test]
async fn each_site_carries_the_counts_of_the_publics_reports_a_moderator_answered_and_nothing_they_say()
 {
    let app = spawn(Demo::Full).await;
    let coordinator = app
        .token("open.coord", tiepcan::domain::user::Role::Coordinator, None)
        .await;
    let findings = app
        .call("GET", "/api/v1/findings?limit=1")
        .bearer(&coordinator)
        .send()
        .await
        .json();
    let finding = findings["items"][0]["id"].as_str().expect("a finding");
    let site = findings["items"][0]["site_id"].as_str().expect("its site");
    let department = findings["items"][0]["department"]["code"]
        .as_str()
        .expect("its department");
    let password = app
        .add_user(
            "open.rev",
            tiepcan::domain::user::Role::Reviewer,
            Some(department),
        )
        .await;
    let reviewer = app.sign_in("open.rev", &password).await;
    let send = |description: &'static str| {
        app.call("POST", "/api/v1/barrier-reports")
            .json(&serde_json::json!({
                "features": ["entrance"], "description": description, "site": site,
                "contact": "open.data.private@example.vn"
            }))
            .send()
    };
    let queue_newest = || async {
        let queue = app
            .call("GET", "/moderation/barriers")
            .cookie(&reviewer)
            .send()
            .await;
        let at = queue
            .body
            .find("href=\"/moderation/barriers/")
            .expect("a report")
            + "href=\"/moderation/barriers/".len();
        queue.body[at..at + 36].to_owned()
    };
    let answer = |id: String, fields: Vec<(&'static str, String)>| {
        let (app, reviewer) = (&app, &reviewer);
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let reply = app
                .call("POST", &format!("/moderation/barriers/{id}"))
                .cookie(reviewer)
                .form(&fields)
                .send()
                .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        }
    };
    // One confirmed (its words accepted), one under review, one not answered yet.
    assert_eq!(
        send("Lối vào chính có ba bậc cao, không dốc.").await.status,
        StatusCode::CREATED
    );
    let confirmed = queue_newest().await;
    answer(
        confirmed,
        vec![
            ("version", "1".into()),
            ("answer", "confirm".into()),
            ("finding", finding.into()),
            ("publication", "accepted".into()),
        ],
    )
    .await;
    assert_eq!(
        send("Nhà vệ sinh tiếp cận bị khoá cả ngày.").await.status,
        StatusCode::CREATED
    );
    let reviewed = queue_newest().await;
    answer(
        reviewed,
        vec![("version", "1".into()), ("answer", "review".into())],
    )
    .await;
    assert_eq!(
        send("Chỗ đỗ xe dành riêng bị ô tô chiếm.").await.status,
        StatusCode::CREATED
    );

    let geojson = app.get("/api/v1/public/export.geojson").await;
    let csv = app.get("/api/v1/public/export.csv").await;
    let data = geojson.json();
    let features = data["features"].as_array().expect("features");
    let ours = &features
        .iter()
        .find(|f| f["properties"]["id"] == site)
        .expect("the site")["properties"];
    let counts = |p: &Value| -> Vec<u64> {
        [
            "reports_under_review",
            "reports_confirmed",
            "reports_follow_up_planned",
            "reports_not_a_barrier",
            "reports_duplicate",
        ]
        .iter()
        .map(|k| p[*k].as_u64().unwrap_or_else(|| panic!("{k} in {p}")))
        .collect()
    };
    assert_eq!(
        counts(ours),
        [1, 1, 0, 0, 0],
        "the one not answered is not counted"
    );
    let other = &features
        .iter()
        .find(|f| f["properties"]["id"] != site)
        .expect("another site")["properties"];
    assert_eq!(counts(other), [0, 0, 0, 0, 0]);
    let row = rows(&csv.bytes)
        .into_iter()
        .find(|r| r["id"] == site)
        .expect("the site's row");
    for (key, want) in [
        ("reports_under_review", "1"),
        ("reports_confirmed", "1"),
        ("reports_duplicate", "0"),
    ] {
        assert_eq!(row[key], want, "{key} in the CSV");
    }
    for bytes in [&geojson.bytes, &csv.bytes] {
        let text = String::from_utf8_lossy(bytes);
        for private in [
            "open.data.private",
            "ba bậc cao",
            "bị khoá cả ngày",
            "bị ô tô chiếm",
        ] {
            assert!(!text.contains(private), "{private} in the open data");
        }
    }
}
