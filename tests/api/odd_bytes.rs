//! Odd bytes: a NUL or another control character anywhere a person can type is refused by
//! name, the same way on SQLite and PostgreSQL, and never reaches the database.

use axum::http::StatusCode;
use serde_json::json;
use tiepcan::domain::user::Role;

use crate::common::{Demo, museum, run_cli, spawn, stderr};

#[tokio::test]
async fn control_characters_in_a_site_are_refused_by_field() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let before = app.site_count().await;
    for (field, value) in [
        ("name", "Bảo tàng\u{0}"),
        ("address", "Đường \u{1b}[31mLê Lợi"),
        ("operator", "Sở\nVăn hóa"),
        ("department", "culture\u{0}"),
    ] {
        let mut site = museum();
        site[field] = json!(value);
        let reply = app
            .call("POST", "/api/v1/sites")
            .bearer(&token)
            .json(&site)
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        assert!(
            reply.field_error(field).contains("ký tự điều khiển"),
            "{}",
            reply.body
        );
    }
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn control_characters_in_a_query_or_a_path_are_refused_before_any_query() {
    let app = spawn(Demo::Yes).await;
    let search = app.get("/api/v1/sites?q=b%E1%BA%A3o%00t%C3%A0ng").await;
    assert_eq!(
        search.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        search.body
    );
    search.field_error("q");
    let page = app.get("/sites?q=%1B").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("<html lang=\"vi\">"),
        "a page for a page"
    );
    let checklist = app.get("/api/v1/checklists/public%00building").await;
    assert_eq!(
        checklist.status,
        StatusCode::NOT_FOUND,
        "{}",
        checklist.body
    );
    let admin = app.token("root", Role::Admin, None).await;
    let renamed = app
        .call("PATCH", "/api/v1/departments/trans%00port")
        .bearer(&admin)
        .json(&json!({ "name": { "vi": "x", "en": "y" } }))
        .send()
        .await;
    assert_eq!(renamed.status, StatusCode::NOT_FOUND, "{}", renamed.body);
    let events = app
        .call("GET", "/api/v1/events?actor=ad%00min")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(events.status, StatusCode::UNPROCESSABLE_ENTITY);
    events.field_error("actor");
}

#[tokio::test]
async fn a_username_with_a_nul_is_only_a_failed_sign_in() {
    let app = spawn(Demo::Yes).await;
    let reply = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "ad\u{0}min", "password": "whatever it is" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
    assert_eq!(reply.json()["error"]["code"], "login_failed");
    let name = app
        .call("POST", "/api/v1/users")
        .bearer(&app.token("root", Role::Admin, None).await)
        .json(
            &json!({ "username": "lan", "display_name": "Lan\u{0}", "role": "coordinator",
                       "password": "long enough password" }),
        )
        .send()
        .await;
    assert_eq!(name.status, StatusCode::UNPROCESSABLE_ENTITY);
    name.field_error("display_name");
}

#[tokio::test]
async fn control_characters_in_an_import_cell_name_the_row() {
    let app = spawn(Demo::Yes).await;
    let before = app.site_count().await;
    let path = app.dir.path().join("nul.csv");
    std::fs::write(
        &path,
        "name,kind,lat,lon,department\nGa\u{0} Đồng Đăng,transport_stop,21.94,106.70,transport\n",
    )
    .expect("write");
    let output = run_cli(
        Some(&app),
        &["import", "sites", path.to_str().expect("utf-8")],
        "",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("row 2: Name: Contains a control character"),
        "{}",
        stderr(&output)
    );
    assert_eq!(app.site_count().await, before);
}
