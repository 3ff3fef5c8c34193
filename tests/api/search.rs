//! Finding a place as people type it: words in any order, without diacritics, and the
//! usual abbreviations, in the staff's site search (the API) and the public list
//! (`/sites`), on either backend; texts stored by the older rule are made again at start.

use axum::http::StatusCode;
use serde_json::json;
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, spawn};

const OFFICE: &str = "Ủy ban nhân dân huyện Đình Lập";

/// The names the staff's search finds for `q`.
async fn staff_finds(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let uri = format!("/api/v1/sites?limit=500&q={}", urlencoded(q));
    let reply = app.call("GET", &uri).bearer(token).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{q}: {}", reply.body);
    reply.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|s| s["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The public list's page for `q`.
async fn public_page(app: &TestApp, q: &str) -> String {
    let reply = app
        .get(&format!("/sites?limit=100&q={}", urlencoded(q)))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{q}");
    reply.body
}

fn urlencoded(q: &str) -> String {
    serde_urlencoded::to_string([("q", q)]).expect("encodes")[2..].to_owned()
}

#[tokio::test]
async fn words_without_diacritics_or_abbreviated_find_the_office_in_staff_search_and_public_list() {
    let app = spawn(Demo::Yes).await;
    let token = app
        .token("tim.kt", Role::Inspector, Some("construction"))
        .await;
    for q in [
        "UBND Đình Lập",
        "uy ban dinh lap",
        "lập đình ủy ban",
        "ubnd  DINH-LAP",
    ] {
        let found = staff_finds(&app, &token, q).await;
        assert_eq!(found, [OFFICE], "staff search for {q:?}");
        let page = public_page(&app, q).await;
        assert!(page.contains(OFFICE), "public list for {q:?}");
        assert!(
            !page.contains("Ủy ban nhân dân huyện Cao Lộc"),
            "{q:?}: only Đình Lập's office"
        );
    }
    // "TT" reads as trung tâm or thị trấn: the health centre, and what lies in the town.
    let town = staff_finds(&app, &token, "TT y tế Đình Lập").await;
    assert_eq!(town, ["Trung tâm Y tế huyện Đình Lập"]);
    // A name written short is found written out, and the other way round.
    let school = staff_finds(&app, &token, "trung hoc pho thong viet bac").await;
    assert_eq!(school, ["Trường THPT Việt Bắc"]);
    assert!(
        public_page(&app, "THPT Việt Bắc")
            .await
            .contains("Trường THPT Việt Bắc")
    );
}

#[tokio::test]
async fn a_word_the_place_does_not_hold_finds_nothing() {
    let app = spawn(Demo::Yes).await;
    let token = app
        .token("tim.kt", Role::Inspector, Some("construction"))
        .await;
    for q in [
        "UBND Đình Lập bệnh viện",
        "uy ban dinh lap xyz",
        "BV Đình Lập",
        "Đình Lập sân bay",
    ] {
        assert_eq!(
            staff_finds(&app, &token, q).await,
            Vec::<String>::new(),
            "{q:?}"
        );
        assert!(!public_page(&app, q).await.contains(OFFICE), "{q:?}");
    }
}

#[tokio::test]
async fn a_site_registered_or_renamed_with_an_abbreviation_is_found_written_out() {
    let app = spawn(Demo::Yes).await;
    let token = app
        .token("tim.kt", Role::Inspector, Some("construction"))
        .await;
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&json!({
            "name": "TYT xã Mai Pha",
            "kind": "public_building",
            "subtype": "health_station",
            "address": "Thôn Khòn Pát, xã Mai Pha",
            "lat": 21.8300,
            "lon": 106.7700,
            "department": "construction"
        }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(
        staff_finds(&app, &token, "trạm y tế mai pha").await,
        ["TYT xã Mai Pha"]
    );
    let renamed = app
        .call("PATCH", &format!("/api/v1/sites/{id}"))
        .bearer(&token)
        .json(&json!({ "name": "BV xã Mai Pha" }))
        .send()
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let hospitals = staff_finds(&app, &token, "bệnh viện mai pha").await;
    assert!(
        hospitals.contains(&"BV xã Mai Pha".to_owned()),
        "{hospitals:?}"
    );
    assert!(
        staff_finds(&app, &token, "trạm y tế mai pha")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn texts_stored_by_the_older_rule_are_made_again_at_start() {
    let app = spawn(Demo::Yes).await;
    // As a release before the rule stored them: folded name and address, nothing added.
    let old = "UPDATE sites SET search_key = 'truong thpt viet bac duong ly thai to'
               WHERE name = 'Trường THPT Việt Bắc'";
    let rule = "UPDATE search_key_rule SET version = 1";
    match app.db() {
        tiepcan::store::Db::Sqlite(pool) => {
            sqlx::query(old).execute(pool).await.expect("old text");
            sqlx::query(rule).execute(pool).await.expect("old rule");
        }
        tiepcan::store::Db::Postgres(pool) => {
            sqlx::query(old).execute(pool).await.expect("old text");
            sqlx::query(rule).execute(pool).await.expect("old rule");
        }
    }
    let token = app
        .token("tim.kt", Role::Inspector, Some("construction"))
        .await;
    assert!(
        staff_finds(&app, &token, "trung hoc pho thong viet bac")
            .await
            .is_empty(),
        "the old text does not say what THPT stands for"
    );
    let again = TestApp::start_on(&app.config).await;
    assert_eq!(
        staff_finds(&again, &token, "trung hoc pho thong viet bac").await,
        ["Trường THPT Việt Bắc"]
    );
    let remade = tiepcan::store::sites::refresh_search_texts(again.db())
        .await
        .expect("refresh");
    assert_eq!(remade, 0, "once made, the texts are not made again");
}
