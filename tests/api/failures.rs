//! Database errors are read as what they are on PostgreSQL, by their SQLSTATE as text: an
//! invalid byte or a refused privilege is a fault (500, logged under a reference), never
//! "busy, try again" (503 with `Retry-After`), which would invite endless retries.

use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::IntoResponse;
use serde_json::json;
use tiepcan::app::Error;
use tiepcan::domain::user::Role;
use tiepcan::http::ApiError;

use crate::common::{Demo, TestApp, postgres_url, test_config};

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIEPCAN_TEST_POSTGRES_URL and run with --include-ignored"]
async fn an_invalid_byte_on_postgresql_is_a_fault_not_a_busy_database() {
    let url = postgres_url().expect("set TIEPCAN_TEST_POSTGRES_URL");
    let pool = sqlx::PgPool::connect(&url).await.expect("PostgreSQL");
    let refused = sqlx::query("SELECT $1::text")
        .bind("a\u{0}b")
        .fetch_one(&pool)
        .await
        .expect_err("PostgreSQL refuses a NUL in text");
    let sqlstate = refused
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned());
    assert_eq!(sqlstate.as_deref(), Some("22021"), "{refused}");
    let error = Error::from(refused);
    assert!(matches!(error, Error::Internal(_)), "{error:?}");
    let response = ApiError::App(error).into_response();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.headers().get(RETRY_AFTER).is_none());
}

/// `postgres://USER@...` with `user` in place of the URL's own user.
fn as_user(url: &str, user: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let host = rest.split_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{user}@{host}")
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIEPCAN_TEST_POSTGRES_URL and run with --include-ignored"]
async fn a_write_the_database_user_may_not_make_is_a_fault_and_stores_nothing() {
    let url = postgres_url().expect("set TIEPCAN_TEST_POSTGRES_URL");
    let admin = sqlx::PgPool::connect(&url).await.expect("PostgreSQL");
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    // A role that is not a superuser (a superuser is never refused), owning its schema.
    for sql in [
        format!("CREATE ROLE {name} LOGIN"),
        format!("CREATE SCHEMA {name} AUTHORIZATION {name}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&admin)
            .await
            .expect("set up");
    }
    let (mut config, _dir) = test_config(Demo::Yes).await;
    let separator = if url.contains('?') { '&' } else { '?' };
    config.database.database_url = Some(format!(
        "{}{separator}options=-c%20search_path%3D{name}",
        as_user(&url, &name)
    ));
    let app = TestApp::start_on(&config).await;
    let token = app
        .token("thanh.kt", Role::Inspector, Some("construction"))
        .await;
    let before = app.site_count().await;
    // The operator took away the right to add sites (a read-only replica would refuse so).
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "REVOKE INSERT ON {name}.sites FROM {name}"
    )))
    .execute(&admin)
    .await
    .expect("revoke");

    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&json!({
            "name": "Nhà văn hóa", "kind": "cultural_site", "subtype": "cultural_house",
            "address": "Lạng Sơn", "lat": 21.85, "lon": 106.76, "department": "construction"
        }))
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        reply.body
    );
    assert!(
        reply.header(RETRY_AFTER).is_none(),
        "no invitation to retry"
    );
    let body = reply.json();
    assert_eq!(body["error"]["code"], "internal");
    assert!(body["error"]["reference"].is_string(), "{body}");
    assert_eq!(app.site_count().await, before, "nothing stored");

    app.state.services.db.close().await;
    for sql in [
        format!("DROP SCHEMA {name} CASCADE"),
        format!("DROP ROLE {name}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&admin)
            .await
            .expect("clean up");
    }
}
