//! The sites API: create, read, update, list with filters and paging, and every kind of
//! bad input refused by name with nothing written.

use axum::http::StatusCode;
use serde_json::{Value, json};

use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, spawn};

/// An inspector of the culture department (the museum's), signed in with a token.
async fn culture_inspector(app: &TestApp) -> String {
    app.token("vanhoa", Role::Inspector, Some("culture")).await
}

fn with(field: &str, value: Value) -> Value {
    let mut site = museum();
    site[field] = value;
    site
}

#[tokio::test]
async fn a_registered_site_is_placed_in_its_area_and_can_be_read_back() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let created = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let site = created.json();
    assert_eq!(site["area"]["code"], "178", "the city contains the museum");
    assert_eq!(site["department"]["code"], "culture");
    assert_eq!(site["legal_deadline"], "2020-01-01");

    let read = app
        .get(&format!(
            "/api/v1/sites/{}",
            site["id"].as_str().expect("id")
        ))
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json(), site);
}

#[tokio::test]
async fn patch_changes_only_the_given_fields_and_moves_the_area_with_the_point() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let (site, uri) = app.register_museum(&token).await;
    // Lộc Bình district, east of the city.
    let patched = app
        .call("PATCH", &uri)
        .bearer(&token)
        .json(&json!({ "lat": 21.761, "lon": 106.92, "operator": "UBND huyện" }))
        .send()
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    let patched = patched.json();
    assert_eq!(patched["name"], site["name"]);
    assert_eq!(patched["operator"], "UBND huyện");
    assert_eq!(patched["area"]["code"], "188");
}

#[tokio::test]
async fn patch_with_a_bad_field_is_refused_and_the_site_is_unchanged() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let (site, uri) = app.register_museum(&token).await;
    let refused = app
        .call("PATCH", &uri)
        .bearer(&token)
        .json(&json!({ "name": "", "kind": "castle" }))
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.field_error("name");
    refused.field_error("kind");
    assert_eq!(app.get(&uri).await.json(), site);
}

#[tokio::test]
async fn unknown_site_is_404_in_json() {
    let app = spawn(Demo::No).await;
    for uri in [
        "/api/v1/sites/0190a8d0-0000-7000-8000-000000000000",
        "/api/v1/sites/not-an-id",
    ] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.json()["error"]["code"], "not_found");
    }
}

/// Each bad input is refused with 422, names the field, and writes nothing.
#[tokio::test]
async fn bad_site_input_is_refused_by_field_and_writes_nothing() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let before = app.site_count().await;
    let cases = [
        (with("lat", json!(95.0)), "lat", "90"),
        (with("lon", json!(-200.0)), "lon", "180"),
        (with("lat", json!("NaN")), "lat", "số"),
        (with("lat", json!("abc")), "lat", "số"),
        (
            with("lat", json!(21.03)).tap("lon", json!(105.85)),
            "lat",
            "ngoài vùng",
        ),
        (with("kind", json!("castle")), "kind", "castle"),
        (
            with("department", json!("health")),
            "department",
            "construction",
        ),
        (with("name", json!("")), "name", "Chưa nhập"),
        (with("name", json!("   ")), "name", "Chưa nhập"),
        (with("name", json!("x".repeat(1000))), "name", "200"),
        (with("subtype", json!("bus_stop")), "subtype", "bus_stop"),
    ];
    for (body, field, words) in cases {
        let reply = app
            .call("POST", "/api/v1/sites")
            .bearer(&token)
            .json(&body)
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            reply.body
        );
        assert_eq!(reply.json()["error"]["code"], "invalid");
        let message = reply.field_error(field);
        assert!(
            message.contains(words),
            "{field}: {message:?} should mention {words:?}"
        );
    }
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn errors_speak_english_when_asked() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let reply = app
        .call("POST", "/api/v1/sites?lang=en")
        .bearer(&token)
        .json(&with("lat", json!(95.0)))
        .send()
        .await;
    assert_eq!(reply.field_error("lat"), "Must be between -90 and 90.");
    assert!(
        reply.json()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("Latitude")
    );
}

#[tokio::test]
async fn malformed_json_and_unknown_fields_are_400_or_422_with_a_message() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let before = app.site_count().await;
    let request = axum::http::Request::post("/api/v1/sites")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::from("{\"name\": "))
        .expect("request");
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"]["code"], "bad_request");
    let unknown = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&with("colour", json!("red")))
        .send()
        .await;
    assert!(unknown.status.is_client_error());
    assert!(
        unknown.json()["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("colour")
    );
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn bbox_kind_and_search_filter_the_list() {
    let app = spawn(Demo::Yes).await;
    // The city square only.
    let city = app
        .get("/api/v1/sites?bbox=106.729,21.824,106.789,21.884&limit=500")
        .await;
    assert_eq!(city.status, StatusCode::OK, "{}", city.body);
    let items = city.json()["items"].as_array().expect("items").clone();
    assert!(items.len() >= 10, "demo has many city sites");
    for site in &items {
        let (lon, lat) = (
            site["lon"].as_f64().expect("lon"),
            site["lat"].as_f64().expect("lat"),
        );
        assert!((106.729..=106.789).contains(&lon) && (21.824..=21.884).contains(&lat));
    }
    let stops = app
        .get("/api/v1/sites?kind=transport_stop&limit=500")
        .await
        .json();
    let stops = stops["items"].as_array().expect("items");
    assert!(stops.len() >= 14);
    assert!(stops.iter().all(|s| s["kind"] == "transport_stop"));

    // Accent- and case-insensitive search on name and address.
    let found = app
        .get("/api/v1/sites?q=benh%20VIEN&limit=500")
        .await
        .json();
    let found = found["items"].as_array().expect("items");
    assert!(!found.is_empty());
    assert!(found.iter().all(|s| {
        let text = format!("{} {}", s["name"], s["address"]).to_lowercase();
        text.contains("bệnh viện")
    }));
    let none = app.get("/api/v1/sites?q=%25").await.json();
    assert_eq!(
        none["items"].as_array().expect("items").len(),
        0,
        "% is literal"
    );
}

#[tokio::test]
async fn area_filter_includes_the_areas_below() {
    let app = spawn(Demo::Yes).await;
    let all = app.get("/api/v1/sites?limit=500").await.json();
    let all = all["items"].as_array().expect("items").clone();
    let city_id = all
        .iter()
        .find(|s| s["area"]["code"] == "178")
        .map(|s| s["area"]["id"].as_str().expect("id").to_owned())
        .expect("a city site");
    let city = app
        .get(&format!("/api/v1/sites?area={city_id}&limit=500"))
        .await
        .json();
    let city = city["items"].as_array().expect("items");
    assert_eq!(
        city.len(),
        all.iter().filter(|s| s["area"]["code"] == "178").count()
    );

    let mut conn = app.db().conn().await.expect("conn");
    let province = tiepcan::store::areas::all(&mut conn)
        .await
        .expect("areas")
        .into_iter()
        .find(|a| a.code == "20")
        .expect("province");
    let whole = app
        .get(&format!("/api/v1/sites?area={}&limit=500", province.id))
        .await
        .json();
    assert_eq!(whole["items"].as_array().expect("items").len(), all.len());
}

#[tokio::test]
async fn pages_follow_next_links_without_gaps_or_repeats() {
    let app = spawn(Demo::Yes).await;
    let total = app.site_count().await as usize;
    let mut seen = std::collections::HashSet::new();
    let mut uri = Some("/api/v1/sites?limit=7".to_owned());
    while let Some(current) = uri {
        let page = app.get(&current).await.json();
        for site in page["items"].as_array().expect("items") {
            assert!(
                seen.insert(site["id"].as_str().expect("id").to_owned()),
                "repeat"
            );
        }
        uri = page["next"].as_str().map(|n| {
            n.strip_prefix("http://tiepcan.test")
                .expect("base url")
                .to_owned()
        });
    }
    assert_eq!(seen.len(), total);
}

#[tokio::test]
async fn bad_list_parameters_are_refused_by_name() {
    let app = spawn(Demo::No).await;
    let cases = [
        ("bbox=107,21,106,22", "bbox", "nhỏ nhất lớn hơn"),
        ("bbox=106,21,107", "bbox", "4"),
        ("bbox=a,b,c,d", "bbox", "số"),
        ("kind=castle", "kind", "castle"),
        ("area=nope", "area", "định danh"),
        ("limit=0", "limit", "1"),
        ("limit=100000", "limit", "500"),
        ("after=x", "after", "định danh"),
    ];
    for (query, field, words) in cases {
        let reply = app.get(&format!("/api/v1/sites?{query}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let message = reply.field_error(field);
        assert!(message.contains(words), "{query}: {message}");
    }
}

/// Small builder to change a second field in a case table.
trait Tap {
    fn tap(self, field: &str, value: Value) -> Value;
}

impl Tap for Value {
    fn tap(mut self, field: &str, value: Value) -> Value {
        self[field] = value;
        self
    }
}

#[tokio::test]
async fn another_departments_inspector_is_refused_before_their_input_is_checked() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let (site, uri) = app.register_museum(&token).await;
    let other = app
        .token(
            "xaydung",
            tiepcan::domain::user::Role::Inspector,
            Some("construction"),
        )
        .await;
    let reply = app
        .call("PATCH", &uri)
        .bearer(&other)
        .json(&json!({ "lat": 95.0, "department": "construction" }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert_eq!(app.get(&uri).await.json(), site);
}

#[tokio::test]
async fn a_site_approved_before_the_2024_edition_says_the_2014_one_may_govern_it() {
    let app = spawn(Demo::Yes).await;
    let token = culture_inspector(&app).await;
    let mut site = museum();
    site["design_approved_on"] = json!("2024-06-01");
    site["heritage"] = json!(true);
    let created = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&site)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let created = created.json();
    assert_eq!(created["design_approved_on"], "2024-06-01");
    assert_eq!(created["heritage"], true);
    let id = created["id"].as_str().expect("id");
    let page = app.get(&format!("/sites/{id}?lang=en")).await;
    assert!(
        page.body.contains("QCVN 10:2014/BXD may govern it"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Listed heritage site"));
    assert!(
        page.body.contains("/checklists/cultural-site"),
        "the site's checklist"
    );

    let later = app
        .call("PATCH", &format!("/api/v1/sites/{id}"))
        .bearer(&token)
        .json(&json!({ "design_approved_on": "2025-03-01" }))
        .send()
        .await;
    assert_eq!(later.status, StatusCode::OK);
    let page = app.get(&format!("/sites/{id}?lang=en")).await;
    assert!(
        !page.body.contains("may govern it"),
        "approved after it came into force"
    );

    let bad = app
        .call("PATCH", &format!("/api/v1/sites/{id}"))
        .bearer(&token)
        .json(&json!({ "design_approved_on": "01/03/2025" }))
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.field_error("design_approved_on");
}

#[tokio::test]
async fn sites_near_a_position_come_nearest_first_and_a_bad_position_is_named() {
    let app = spawn(Demo::Yes).await;
    let (lat, lon) = (21.8530, 106.7610);
    let reply = app
        .get(&format!("/api/v1/sites?near={lat},{lon}&limit=10"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body = reply.json();
    let items = body["items"].as_array().expect("items");
    assert!(items.len() >= 3, "demo sites in the city: {}", items.len());
    let here = tiepcan::domain::geo::Coordinates::new(lon, lat).expect("valid");
    let distances: Vec<f64> = items
        .iter()
        .map(|s| {
            let at = tiepcan::domain::geo::Coordinates::new(
                s["lon"].as_f64().expect("lon"),
                s["lat"].as_f64().expect("lat"),
            )
            .expect("valid");
            tiepcan::domain::geo::distance_m(here, at)
        })
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(body["next"].is_null());
    let page = app.get(&format!("/sites?near={lat},{lon}&limit=10")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(" m<") || page.body.contains(" km<"),
        "distances shown"
    );
    let bad = app.get("/api/v1/sites?near=21.85").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.json()["error"]["fields"].get("near").is_some());
}
