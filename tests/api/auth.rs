//! Accounts and sessions: sign-in failures that reveal nothing, session life, tokens,
//! cross-site writes, throttling, escaping, and secrets that never appear in clear.

use axum::http::{StatusCode, header};
use serde_json::json;
use tiepcan::domain::user::Role;

use crate::common::{Demo, museum, spawn};

#[tokio::test]
async fn wrong_password_unknown_user_and_disabled_user_get_the_same_answer() {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("lan", Role::Inspector, Some("transport"))
        .await;
    let _ = app
        .add_user("off", Role::Inspector, Some("transport"))
        .await;
    tiepcan::app::users::set_active(
        app.services(),
        &tiepcan::domain::actor::Actor::Console,
        "off",
        false,
    )
    .await
    .expect("disable");
    let attempt = |username: &'static str, password: String| {
        let app = &app;
        async move {
            app.json(
                "POST",
                "/api/v1/session",
                &json!({ "username": username, "password": password }),
            )
            .await
        }
    };
    let ok = attempt("LAN", password).await;
    assert_eq!(ok.status, StatusCode::OK, "usernames ignore case");
    assert!(ok.json().get("password_hash").is_none());
    let wrong = attempt("lan", "not the password".into()).await;
    let unknown = attempt("nobody", "whatever password".into()).await;
    let disabled = attempt("off", "pw-off-0123456789".into()).await;
    for reply in [&wrong, &unknown, &disabled] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
        assert_eq!(reply.json()["error"]["code"], "login_failed");
        assert_eq!(reply.header(header::SET_COOKIE), None);
    }
    assert_eq!(wrong.json(), unknown.json());
    assert_eq!(wrong.json(), disabled.json());
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_survives_a_restart() {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("lan", Role::Inspector, Some("transport"))
        .await;
    let reply = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "lan", "password": password }),
        )
        .await;
    let cookie = reply.header(header::SET_COOKIE).expect("cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http base URL");
    let cookie = cookie.split(';').next().expect("pair").to_owned();

    // A second instance on the same database knows the session.
    let other = crate::common::TestApp::start_on(&app.config).await;
    let me = other.whoami(&cookie).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(me.json()["username"], "lan");
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("lan", Role::Inspector, Some("transport"))
        .await;
    let cookie = app.sign_in("lan", &password).await;
    let out = app
        .call("DELETE", "/api/v1/session")
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    // The old cookie value no longer works, even if the browser kept it.
    let me = app.whoami(&cookie).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("lan", Role::Inspector, Some("transport"))
        .await;
    let cookie = app.sign_in("lan", &password).await;
    let value = cookie.split_once('=').expect("pair").1;
    let hash = tiepcan::domain::secret::digest(value);
    let long_ago =
        chrono::Utc::now() - tiepcan::domain::user::SESSION_IDLE - chrono::Duration::minutes(1);
    let mut tx = app.db().begin().await.expect("tx");
    tiepcan::store::sessions::touch(&mut tx, &hash, long_ago)
        .await
        .expect("age it");
    tx.commit().await.expect("commit");
    let me = app.whoami(&cookie).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let cleared = me.header(header::SET_COOKIE).expect("cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
}

#[tokio::test]
async fn a_token_is_shown_once_works_as_bearer_and_stops_when_revoked() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    assert!(token.starts_with("tc_"));
    let listed = app
        .call("GET", "/api/v1/tokens")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        !listed.body.contains(&token[3..]),
        "the list never shows the value"
    );
    let id = listed.json()[0]["id"].as_str().expect("id").to_owned();

    let created = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED);

    let revoked = app
        .call("DELETE", &format!("/api/v1/tokens/{id}"))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let before = app.site_count().await;
    let refused = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn another_users_token_cannot_be_revoked() {
    let app = spawn(Demo::Yes).await;
    let mine = app.token("lan", Role::Inspector, Some("transport")).await;
    let theirs = app.token("minh", Role::Inspector, Some("transport")).await;
    let their_id = app
        .call("GET", "/api/v1/tokens")
        .bearer(&theirs)
        .send()
        .await
        .json()[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let reply = app
        .call("DELETE", &format!("/api/v1/tokens/{their_id}"))
        .bearer(&mine)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let still = app
        .call("GET", "/api/v1/tokens")
        .bearer(&theirs)
        .send()
        .await;
    assert_eq!(still.status, StatusCode::OK, "their token still works");
    assert_eq!(still.json()[0]["revoked_at"], serde_json::Value::Null);
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_and_writes_nothing() {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("vanhoa", Role::Inspector, Some("culture"))
        .await;
    let cookie = app.sign_in("vanhoa", &password).await;
    let before = app.site_count().await;
    let fields = [
        ("name", "Giả mạo"),
        ("kind", "cultural_site"),
        ("lat", "21.85"),
        ("lon", "106.76"),
        ("department", "culture"),
    ];
    let evil = axum::http::Request::post("/sites")
        .header(header::COOKIE, &cookie)
        .header(header::HOST, "tiepcan.test")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(
            serde_urlencoded::to_string(fields).expect("form"),
        ))
        .expect("request");
    let reply = app.send(evil).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains("trang web khác"), "{}", reply.body);

    let no_origin = axum::http::Request::post("/api/v1/sites")
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(museum().to_string()))
        .expect("request");
    let reply = app.send(no_origin).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json()["error"]["code"], "cross_site");
    assert_eq!(app.site_count().await, before);

    // Programs with a bearer token are not browsers: no origin check.
    let token = app
        .token("chuongtrinh", Role::Inspector, Some("culture"))
        .await;
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .header("origin", "https://elsewhere.example")
        .json(&museum())
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

#[tokio::test]
async fn repeated_failures_slow_down_then_lock_without_revealing_the_user() {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("lan", Role::Inspector, Some("transport"))
        .await;
    for _ in 0..3 {
        let reply = app
            .json(
                "POST",
                "/api/v1/session",
                &json!({ "username": "lan", "password": "wrong wrong" }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password must wait.
    let slowed = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "lan", "password": password }),
        )
        .await;
    assert_eq!(
        slowed.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        slowed.body
    );
    assert!(slowed.header(header::RETRY_AFTER).is_some());

    // An unknown username is throttled the same way.
    for _ in 0..3 {
        app.json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "ghost", "password": "x" }),
        )
        .await;
    }
    let ghost = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "ghost", "password": "x" }),
        )
        .await;
    assert_eq!(ghost.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        ghost.json()["error"]["code"],
        slowed.json()["error"]["code"],
        "same answer whether the user exists or not"
    );

    // Ten failures lock the account for a quarter of an hour.
    let mut tx = app.db().begin().await.expect("tx");
    let ten = tiepcan::domain::throttle::Failures {
        count: 10,
        last_at: chrono::Utc::now(),
    };
    tiepcan::store::throttle::put(&mut tx, "user:lan", ten)
        .await
        .expect("put");
    tx.commit().await.expect("commit");
    let locked = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "lan", "password": password }),
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = locked
        .header(header::RETRY_AFTER)
        .expect("retry-after")
        .parse()
        .expect("seconds");
    assert!((800..=900).contains(&wait), "{wait}");
}

#[tokio::test]
async fn markup_and_sql_in_names_are_refused_or_stored_and_shown_escaped() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    let sql = app
        .call("POST", "/api/v1/users")
        .bearer(&admin)
        .json(&json!({ "username": "x'; DROP TABLE users; --", "role": "coordinator", "password": "long enough password" }))
        .send()
        .await;
    assert_eq!(sql.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(sql.field_error("username").contains("a-z"));

    let evil_name = "<script>alert('x')</script> Robert'); DROP TABLE users;--";
    let created = app
        .call("POST", "/api/v1/users")
        .bearer(&admin)
        .json(&json!({ "username": "bobby", "display_name": evil_name, "role": "coordinator", "password": "long enough password" }))
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.json()["display_name"], evil_name, "stored as given");
    let cookie = app.sign_in("bobby", "long enough password").await;
    let page = app.call("GET", "/sites").cookie(&cookie).send().await;
    assert!(
        page.body
            .contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>"));
    let users = app.call("GET", "/api/v1/users").bearer(&admin).send().await;
    assert_eq!(
        users.status,
        StatusCode::OK,
        "the users table is still there"
    );

    // A sign-in attempt with SQL in the username is just a failed sign-in.
    let reply = app
        .json(
            "POST",
            "/api/v1/session",
            &json!({ "username": "' OR '1'='1", "password": "' OR '1'='1" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn passwords_and_tokens_never_reach_the_database_in_clear() {
    let app = spawn(Demo::Yes).await;
    let password = app.add_user("lan", Role::Inspector, Some("culture")).await;
    let cookie = app.sign_in("lan", &password).await;
    let token = app.token("minh", Role::Inspector, Some("culture")).await;
    app.call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;
    let session = cookie.split_once('=').expect("pair").1.to_owned();

    let dump = crate::common::dump_database(&app).await;
    assert!(dump.len() > 10_000, "the dump holds the data");
    assert!(dump.contains("lan"), "the dump holds the users");
    for secret in [
        password.as_str(),
        token.as_str(),
        &token[3..],
        session.as_str(),
        &session[2..],
    ] {
        assert!(
            !dump.contains(secret),
            "found a secret in clear in the database"
        );
    }
}

#[tokio::test]
async fn a_new_sign_in_replaces_the_session_the_browser_had() {
    let app = spawn(Demo::Yes).await;
    let password = app.add_user("lan", Role::Inspector, Some("culture")).await;
    let first = app.sign_in("lan", &password).await;
    let again = app
        .call("POST", "/api/v1/session")
        .cookie(&first)
        .json(&json!({ "username": "lan", "password": password }))
        .send()
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let second = again.header(header::SET_COOKIE).expect("new cookie");
    let second = second.split(';').next().expect("pair").to_owned();
    assert_ne!(first, second);
    let old = app.whoami(&first).await;
    assert_eq!(
        old.status,
        StatusCode::UNAUTHORIZED,
        "the old session ended"
    );
    let new = app.whoami(&second).await;
    assert_eq!(new.status, StatusCode::OK);
}

#[tokio::test]
async fn a_session_ends_seven_days_after_sign_in_however_active() {
    let app = spawn(Demo::Yes).await;
    let password = app.add_user("lan", Role::Inspector, Some("culture")).await;
    let cookie = app.sign_in("lan", &password).await;
    let value = cookie.split_once('=').expect("pair").1;
    let digest = tiepcan::domain::secret::digest(value);
    // Replace the session with one that was active a minute ago but began seven days ago.
    let now = chrono::Utc::now();
    let user = {
        let mut conn = app.db().conn().await.expect("conn");
        tiepcan::store::users::by_username(&mut conn, "lan")
            .await
            .expect("read")
            .expect("user")
    };
    let mut tx = app.db().begin().await.expect("tx");
    tiepcan::store::sessions::delete(&mut tx, &digest)
        .await
        .expect("delete");
    tiepcan::store::sessions::create(&mut tx, &digest, user.id, now, now)
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    let me = app.whoami(&cookie).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_wrong_passwords_cannot_all_pass_the_throttle() {
    let app = spawn(Demo::Yes).await;
    app.add_user("lan", Role::Inspector, Some("culture")).await;
    let attempts = (0..20).map(|_| {
        let router = app.router.clone();
        tokio::spawn(async move {
            let request = axum::http::Request::post("/api/v1/session")
                .header(header::CONTENT_TYPE, "application/json")
                .body(axum::body::Body::from(
                    json!({ "username": "lan", "password": "wrong wrong" }).to_string(),
                ))
                .expect("request");
            tower::ServiceExt::oneshot(router, request)
                .await
                .expect("answer")
                .status()
        })
    });
    let mut checked = 0;
    for attempt in attempts {
        match attempt.await.expect("task") {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    // Three free failures, plus at most the four checks that may already be running when
    // the third is recorded: never the whole burst.
    let most = tiepcan::domain::throttle::FREE_FAILURES + 4;
    assert!(
        (3..=most).contains(&checked),
        "{checked} of 20 passwords were checked"
    );
}

#[tokio::test]
async fn an_anonymous_write_is_refused_before_its_body_is_read() {
    let app = spawn(Demo::Yes).await;
    let request = axum::http::Request::post("/api/v1/sites")
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from("{ this is not json"))
        .expect("request");
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
    assert_eq!(reply.json()["error"]["code"], "sign_in_required");
}

#[tokio::test]
async fn another_departments_inspector_is_refused_before_their_input_is_checked() {
    let app = spawn(Demo::Yes).await;
    let culture = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let (_, uri) = app.register_museum(&culture).await;
    let builder = app
        .token("xaydung", Role::Inspector, Some("construction"))
        .await;
    let reply = app
        .call("PATCH", &uri)
        .bearer(&builder)
        .json(&json!({ "lat": "north", "name": "" }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
}

#[tokio::test]
async fn a_password_reset_ends_sessions_and_revokes_tokens() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    let password = app.add_user("lan", Role::Inspector, Some("culture")).await;
    let cookie = app.sign_in("lan", &password).await;
    let token = app.token_for(&cookie).await;
    let reset = app
        .call("POST", "/api/v1/users/lan/password")
        .bearer(&admin)
        .json(&json!({ "password": "a brand new password" }))
        .send()
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT, "{}", reset.body);
    let by_cookie = app.whoami(&cookie).await;
    assert_eq!(by_cookie.status, StatusCode::UNAUTHORIZED, "session ended");
    let by_token = app
        .call("GET", "/api/v1/tokens")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(by_token.status, StatusCode::UNAUTHORIZED, "token revoked");
    app.sign_in("lan", "a brand new password").await;
}
