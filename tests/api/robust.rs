//! What every later feature relies on: a panic or a slow request still gets an answer, a
//! body over the limit is refused by name, people see dates of their own time zone, and
//! the health check and home page do not read whole tables.

use std::time::Duration;

use axum::http::{StatusCode, header};
use axum::routing::get;
use serde_json::json;
use tiepcan::domain::actor::Actor;
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, spawn, with_settings};

/// The app with two extra routes, behind the same middleware as every real one.
fn with_trouble(app: &TestApp, limit: Duration) -> axum::Router {
    let state = with_settings(&app.state, |s| s.request_timeout = limit);
    let routes = tiepcan::http::routes()
        .route(
            "/api/v1/test/panic",
            get(|| async {
                if true {
                    panic!("a bug in a handler");
                }
                "unreachable"
            }),
        )
        .route(
            "/api/v1/test/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route(
            "/api/v1/test/slow-after-body",
            axum::routing::post(|body: axum::body::Bytes| async move {
                tokio::time::sleep(Duration::from_secs(5)).await;
                body.len().to_string()
            }),
        )
        .route(
            "/test/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route(
            "/test/panic",
            get(|| async {
                if true {
                    panic!("a bug in a page");
                }
                "unreachable"
            }),
        );
    tiepcan::http::with_middleware(routes, state)
}

async fn get_from(router: &axum::Router, uri: &str) -> crate::common::Reply {
    let request = axum::http::Request::get(uri)
        .body(axum::body::Body::empty())
        .expect("request");
    crate::common::send_to(router, request).await
}

#[tokio::test]
async fn a_panicking_handler_answers_500_with_the_request_id() {
    let app = spawn(Demo::No).await;
    let router = with_trouble(&app, Duration::from_secs(30));
    let reply = get_from(&router, "/api/v1/test/panic").await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let id = reply
        .header("x-request-id".parse().expect("name"))
        .expect("request id");
    let body = reply.json();
    assert_eq!(body["error"]["code"], "internal");
    assert_eq!(body["error"]["reference"], id.as_str());
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("text")
            .contains(&id)
    );
    assert!(
        !reply.body.contains("a bug in"),
        "the panic text stays in the log"
    );
    let page = get_from(&router, "/test/panic?lang=en").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        page.body.contains("<html lang=\"en\">"),
        "a page, in English"
    );
    // The server goes on answering.
    assert_eq!(get_from(&router, "/healthz").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_request_past_the_time_limit_answers_503() {
    let app = spawn(Demo::No).await;
    let router = with_trouble(&app, Duration::from_millis(200));
    let reply = get_from(&router, "/api/v1/test/slow").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.json()["error"]["code"], "timed_out");
    assert!(reply.header(header::RETRY_AFTER).is_some());
}

#[tokio::test]
async fn a_page_past_the_time_limit_keeps_the_person_signed_in() {
    let app = spawn(Demo::No).await;
    let password = app.add_user("mai.dp", Role::Coordinator, None).await;
    let cookie = app.sign_in("mai.dp", &password).await;
    let router = with_trouble(&app, Duration::from_millis(200));
    let request = axum::http::Request::get("/test/slow")
        .header(header::COOKIE, &cookie)
        .body(axum::body::Body::empty())
        .expect("request");
    let page = crate::common::send_to(&router, request).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Đăng xuất") && !page.body.contains("href=\"/login"),
        "the signed-in header, not a signed-out one: {}",
        page.body
    );
    let anonymous = get_from(&router, "/test/slow").await;
    assert!(
        anonymous.body.contains("href=\"/login"),
        "{}",
        anonymous.body
    );
}

#[tokio::test]
async fn a_handler_that_works_past_the_limit_after_reading_the_body_answers_503() {
    // The body arrives at once; the handler's own five seconds are what the limit cuts.
    let app = spawn(Demo::No).await;
    let router = with_trouble(&app, Duration::from_millis(200));
    let request = axum::http::Request::post("/api/v1/test/slow-after-body")
        .body(axum::body::Body::from(vec![7u8; 100_000]))
        .expect("request");
    let reply = crate::common::send_to(&router, request).await;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    assert_eq!(reply.json()["error"]["code"], "timed_out");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_in_the_users_language() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let mut site = museum();
    site["address"] = json!("x".repeat(3 * 1024 * 1024));
    let before = app.site_count().await;
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&site)
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    assert_eq!(reply.json()["error"]["code"], "too_large");
    assert!(
        reply.json()["error"]["message"]
            .as_str()
            .expect("text")
            .contains("quá lớn"),
        "{}",
        reply.body
    );
    let english = app
        .call("POST", "/api/v1/sites?lang=en")
        .bearer(&token)
        .json(&site)
        .send()
        .await;
    assert!(english.body.contains("too large"), "{}", english.body);
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn at_half_past_eleven_utc_people_see_the_next_local_day() {
    let app = spawn(Demo::Yes).await.at_time("2026-12-01T23:30:00Z");
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    app.register_museum(&token).await;
    let coordinator = app
        .token("dieuphoi2", Role::Coordinator, Some("labour"))
        .await;
    let page = app
        .call("GET", "/events?action=site.create")
        .bearer(&coordinator)
        .send()
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("02/12/2026 06:30"), "{}", page.body);
    assert!(!page.body.contains("01/12/2026 23:30"));
    // The day summary buckets the change on the local day, on both backends.
    assert!(
        page.body.contains("datetime=\"2026-12-02\""),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn changes_are_counted_per_local_day_on_either_backend() {
    let app = spawn(Demo::Yes).await.at_time("2026-12-01T16:59:59Z");
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let (_, uri) = app.register_museum(&token).await; // 23:59:59 local, 1 December
    app.services()
        .clock
        .set("2026-12-01T17:00:00Z".parse().expect("time"));
    app.call("PATCH", &uri)
        .bearer(&token)
        .json(&json!({ "operator": "Ban quản lý" }))
        .send()
        .await; // 00:00:00 local, 2 December
    let from = "2026-12-01T16:00:00Z".parse().expect("time");
    let to = "2026-12-01T18:00:00Z".parse().expect("time");
    let days = tiepcan::app::events::per_day(app.services(), &Actor::Console, from, to)
        .await
        .expect("days");
    let days: Vec<(String, i64, i64)> = days
        .into_iter()
        .map(|d| (d.day, d.changes, d.edits))
        .collect();
    // Signing in and the token are changes too; the edit is the only change to a record
    // that existed before.
    assert_eq!(days.len(), 2, "{days:?}");
    assert_eq!(days[0].0, "2026-12-01", "{days:?}");
    assert_eq!(days[1], ("2026-12-02".into(), 1, 1), "{days:?}");
}

#[tokio::test]
async fn a_site_is_placed_by_the_local_date_when_units_change_at_midnight() {
    let app = spawn(Demo::Yes).await.at_time("2026-12-01T23:30:00Z");
    let handover = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.74,21.84],[106.78,21.84],[106.78,21.87],[106.74,21.87],[106.74,21.84]]]},
       "properties":{"code":"old-ward","name":"Phường cũ","level":"commune","parent":"20","valid_to":"2026-12-02"}},
      {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.74,21.84],[106.78,21.84],[106.78,21.87],[106.74,21.87],[106.74,21.84]]]},
       "properties":{"code":"new-ward","name":"Phường mới","level":"commune","parent":"20","valid_from":"2026-12-02"}}]}"#;
    tiepcan::app::imports::areas(app.services(), &Actor::Console, handover.as_bytes())
        .await
        .expect("imported");
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let (site, _) = app.register_museum(&token).await;
    // 23:30 UTC on 1 December is 06:30 on 2 December in Lạng Sơn: the new ward.
    assert_eq!(site["area"]["code"], "new-ward", "{site}");
}

#[tokio::test]
async fn the_home_page_counts_sites_at_most_once_a_minute() {
    let app = spawn(Demo::Yes).await.at_time("2026-12-01T08:00:00Z");
    let count = |body: &str| {
        body.split("<strong>")
            .nth(1)
            .and_then(|rest| rest.split("</strong>").next())
            .and_then(|line| line.split_whitespace().next()?.parse::<i64>().ok())
            .unwrap_or_else(|| panic!("no count in {body}"))
    };
    let before = count(&app.get("/").await.body);
    assert_eq!(before, app.site_count().await);
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    app.register_museum(&token).await;
    assert_eq!(
        count(&app.get("/").await.body),
        before,
        "counted a moment ago"
    );
    app.services()
        .clock
        .set("2026-12-01T08:01:01Z".parse().expect("time"));
    assert_eq!(count(&app.get("/").await.body), before + 1);
}
