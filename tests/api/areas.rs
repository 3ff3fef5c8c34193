//! Areas that change: a map whose new areas name the areas they replace ends those on the
//! day given, moves each site to the new area that holds it (the import lists the sites
//! that moved and those no area in force holds), and reports of past periods still count
//! the areas as they were then. The demo replays Lạng Sơn's 2025 the same way.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, run_cli, spawn, stderr};

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Every area as stored, with its validity.
async fn stored_areas(app: &TestApp) -> Vec<tiepcan::domain::area::Area> {
    let mut conn = app.db().conn().await.expect("conn");
    tiepcan::store::areas::all(&mut conn).await.expect("areas")
}

async fn stored_area(app: &TestApp, code: &str) -> tiepcan::domain::area::Area {
    stored_areas(app)
        .await
        .into_iter()
        .find(|a| a.code == code)
        .unwrap_or_else(|| panic!("area {code}"))
}

fn square(lon: f64, lat: f64, half: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[
        [lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
        [lon - half, lat + half], [lon - half, lat - half]
    ]] })
}

fn commune(code: &str, name: &str, from: Option<&str>, replaces: Value, at: (f64, f64)) -> Value {
    json!({ "type": "Feature", "geometry": square(at.0, at.1, 0.05), "properties": {
        "code": code, "name": name, "level": "commune", "parent": "20",
        "valid_from": from, "replaces": replaces, "approximate": true
    } })
}

fn import(app: &TestApp, features: Vec<Value>) -> std::process::Output {
    let file = app
        .dir
        .path()
        .join(format!("areas-{}.geojson", uuid::Uuid::now_v7()));
    let collection = json!({ "type": "FeatureCollection", "features": features });
    std::fs::write(&file, collection.to_string()).expect("write");
    run_cli(
        Some(app),
        &["import", "areas", file.to_str().expect("utf-8")],
        "",
    )
}

async fn register(app: &TestApp, token: &str, name: &str, lon: f64, lat: f64) -> String {
    let mut site = museum();
    site["name"] = json!(name);
    site["lon"] = json!(lon);
    site["lat"] = json!(lat);
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(token)
        .json(&site)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["id"].as_str().expect("id").to_owned()
}

/// The report's registered sites by area code, for a period.
async fn registered_by_area(
    app: &TestApp,
    token: &str,
    from: &str,
    to: &str,
    area: Option<&str>,
) -> Vec<(String, u64)> {
    let mut uri = format!("/api/v1/reports?from={from}&to={to}&format=json");
    if let Some(area) = area {
        uri.push_str(&format!("&area={area}"));
    }
    let reply = app.call("GET", &uri).bearer(token).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["by_area"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| Some((g["code"].as_str()?.to_owned(), g["registered"].as_u64()?)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[tokio::test]
async fn new_communes_end_their_district_move_its_sites_and_past_reports_keep_the_district() {
    let app = spawn(Demo::Yes).await.at_time("2024-03-01T02:00:00Z");
    let inspector = app.token("vh.kt", Role::Inspector, Some("culture")).await;
    let coordinator = app.token("dp", Role::Coordinator, None).await;
    // Three places of Lộc Bình district, registered in 2024.
    let a = register(
        &app,
        &inspector,
        "Nhà văn hóa thị trấn Lộc Bình",
        106.92,
        21.76,
    )
    .await;
    let b = register(&app, &inspector, "Nhà văn hóa xã Khánh Xuân", 107.0, 21.78).await;
    let c = register(&app, &inspector, "Đình làng Na Dương", 106.85, 21.70).await;
    let app = app.at_time("2026-02-01T02:00:00Z");

    let done = import(
        &app,
        vec![
            commune(
                "xa-loc-binh",
                "Xã Lộc Bình",
                Some("2025-07-01"),
                json!(["188"]),
                (106.92, 21.76),
            ),
            commune(
                "xa-khanh-xuan",
                "Xã Khánh Xuân",
                Some("2025-07-01"),
                json!("188"),
                (107.0, 21.78),
            ),
        ],
    );
    let said = String::from_utf8_lossy(&done.stdout).into_owned();
    assert!(done.status.success(), "{said}{}", stderr(&done));
    assert!(said.contains("ended: 188"), "{said}");
    assert!(
        said.contains(&format!(
            "Nhà văn hóa thị trấn Lộc Bình ({a}): 188 -> xa-loc-binh"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "Nhà văn hóa xã Khánh Xuân ({b}): 188 -> xa-khanh-xuan"
        )),
        "{said}"
    );
    let outside = said
        .split("in no current area")
        .nth(1)
        .expect("the outside list");
    assert!(
        outside.contains(&format!("Đình làng Na Dương ({c})")),
        "{said}"
    );
    assert!(!outside.contains(&a), "{said}");

    let site = |id: &str| format!("/api/v1/sites/{id}");
    assert_eq!(
        app.get(&site(&a)).await.json()["area"]["code"],
        "xa-loc-binh"
    );
    assert_eq!(
        app.get(&site(&b)).await.json()["area"]["code"],
        "xa-khanh-xuan"
    );
    assert_eq!(
        app.get(&site(&c)).await.json()["area"]["code"],
        "188",
        "no commune holds it yet"
    );
    let district = stored_area(&app, "188").await;
    assert_eq!(
        district.valid_to,
        Some(day("2025-07-01")),
        "the district stays, for history"
    );

    // 2024 counts the district as it was; January 2026 counts the communes.
    let then = registered_by_area(&app, &coordinator, "2024-01-01", "2024-12-31", None).await;
    assert_eq!(then, [("188".to_owned(), 3)], "{then:?}");
    let then_in =
        registered_by_area(&app, &coordinator, "2024-01-01", "2024-12-31", Some("188")).await;
    assert_eq!(
        then_in,
        [("188".to_owned(), 3)],
        "an area asked for is matched as it was"
    );
    let mut now = registered_by_area(&app, &coordinator, "2026-01-01", "2026-01-31", None).await;
    now.sort();
    assert_eq!(
        now,
        [
            ("188".to_owned(), 1),
            ("xa-khanh-xuan".to_owned(), 1),
            ("xa-loc-binh".to_owned(), 1)
        ],
        "{now:?}"
    );

    // The same file again changes nothing and is not refused.
    let again = import(
        &app,
        vec![commune(
            "xa-loc-binh",
            "Xã Lộc Bình",
            Some("2025-07-01"),
            json!(["188"]),
            (106.92, 21.76),
        )],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 sites moved"));
}

#[tokio::test]
async fn replacing_an_unknown_or_ended_area_or_without_a_first_day_is_refused_by_row_and_changes_nothing()
 {
    let app = spawn(Demo::Yes).await;
    let first = import(
        &app,
        vec![commune(
            "xa-a",
            "Xã A",
            Some("2025-07-01"),
            json!(["188"]),
            (106.92, 21.76),
        )],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let before = stored_areas(&app).await;
    let refused = import(
        &app,
        vec![
            commune(
                "xa-b",
                "Xã B",
                Some("2026-01-01"),
                json!(["zz"]),
                (107.0, 21.78),
            ),
            commune(
                "xa-c",
                "Xã C",
                Some("2026-01-01"),
                json!(["188"]),
                (107.0, 21.78),
            ),
            commune("xa-d", "Xã D", None, json!(["184"]), (106.5, 21.86)),
        ],
    );
    assert!(!refused.status.success());
    let said = stderr(&refused);
    let line = |row: usize| {
        said.lines()
            .filter(|l| l.contains(&format!(": row {row}: ")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        line(1).contains("replaces") && line(1).contains("“zz”"),
        "{said}"
    );
    assert!(line(2).contains("Area “188” ended on 2025-07-01"), "{said}");
    assert!(line(3).contains("valid_from"), "{said}");
    assert!(
        said.contains("3 bad row(s); nothing was imported"),
        "{said}"
    );
    assert_eq!(stored_areas(&app).await, before, "nothing changed");
}

#[tokio::test]
async fn the_demo_replays_2025_on_the_2020_structure_and_logs_it() {
    let app = spawn(Demo::Today).await;
    for district in ["178", "180", "188", "189"] {
        let area = stored_area(&app, district).await;
        assert_eq!(area.valid_to, Some(day("2025-07-01")), "{district}");
    }
    for commune in [
        "phuong-tam-thanh",
        "phuong-ky-lua",
        "xa-that-khe",
        "xa-loc-binh",
    ] {
        let area = stored_area(&app, commune).await;
        assert_eq!(area.valid_from, Some(day("2025-07-01")), "{commune}");
        assert!(area.approximate, "{commune}");
    }
    let codes: Vec<String> = app
        .get("/api/v1/departments")
        .await
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect();
    assert!(
        codes.contains(&"construction".to_owned()) && codes.contains(&"home_affairs".to_owned()),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"transport".to_owned()) && !codes.contains(&"labour".to_owned()),
        "{codes:?}"
    );
    let all = app.get("/api/v1/sites?limit=500").await.json();
    let items = all["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for site in items {
        let area = site["area"]["code"].as_str().unwrap_or_default();
        assert!(
            area.starts_with("xa-") || area.starts_with("phuong-"),
            "{} is in {area}",
            site["name"]
        );
        assert_ne!(site["department"]["code"], "transport");
    }
    let admin = app.token("root", Role::Admin, None).await;
    let log = app
        .call("GET", "/api/v1/events?limit=500")
        .bearer(&admin)
        .send()
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"areas.import"), "{actions:?}");
    assert_eq!(
        actions.iter().filter(|a| **a == "department.merge").count(),
        2,
        "{actions:?}"
    );
}
