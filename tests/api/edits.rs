//! Nobody's change is lost quietly: versions with `ETag` and `If-Match`, a stale edit form
//! that asks instead of overwriting, retried creates that make one record, and a busy
//! database that answers 503 instead of failing.

use std::time::Duration;

use axum::http::{StatusCode, header};
use serde_json::json;
use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, museum, spawn};

/// A culture inspector's cookie and token, and the museum they registered.
async fn setup(app: &TestApp) -> (String, String, String) {
    let password = app
        .add_user("vanhoa", Role::Inspector, Some("culture"))
        .await;
    let cookie = app.sign_in("vanhoa", &password).await;
    let token = app.token_for(&cookie).await;
    let (site, _) = app.register_museum(&token).await;
    (cookie, token, site["id"].as_str().expect("id").to_owned())
}

#[tokio::test]
async fn a_change_with_a_stale_if_match_is_refused_and_changes_nothing() {
    let app = spawn(Demo::Yes).await;
    let (_, token, id) = setup(&app).await;
    let uri = format!("/api/v1/sites/{id}");
    let read = app.get(&uri).await;
    let etag = read.header(header::ETAG).expect("an ETag");
    assert_eq!(etag, "\"1\"");
    assert_eq!(read.json()["version"], 1);

    let first = app
        .call("PATCH", &uri)
        .bearer(&token)
        .header("if-match", &etag)
        .json(&json!({ "operator": "Ban quản lý di tích" }))
        .send()
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.header(header::ETAG).as_deref(), Some("\"2\""));

    let late = app
        .call("PATCH", &uri)
        .bearer(&token)
        .header("if-match", &etag)
        .json(&json!({ "operator": "Someone else" }))
        .send()
        .await;
    assert_eq!(
        late.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        late.body
    );
    assert_eq!(late.json()["error"]["code"], "stale");
    assert!(
        late.json()["error"]["message"]
            .as_str()
            .expect("text")
            .contains("2")
    );
    assert_eq!(
        app.get(&uri).await.json()["operator"],
        "Ban quản lý di tích"
    );

    // Scripts that send no If-Match still work.
    let script = app
        .call("PATCH", &uri)
        .bearer(&token)
        .json(&json!({ "address": "Số 1 Lê Lợi" }))
        .send()
        .await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.json()["version"], 3);
    let garbage = app
        .call("PATCH", &uri)
        .bearer(&token)
        .header("if-match", "three")
        .json(&json!({ "address": "x" }))
        .send()
        .await;
    assert_eq!(garbage.status, StatusCode::UNPROCESSABLE_ENTITY);
    garbage.field_error("If-Match");
}

#[tokio::test]
async fn a_stale_edit_form_shows_both_versions_and_overwrites_nothing() {
    let app = spawn(Demo::Yes).await;
    let (cookie, _, id) = setup(&app).await;
    // Inspector A opens the edit form: it carries version 1.
    let form = app
        .call("GET", &format!("/sites/{id}/edit"))
        .cookie(&cookie)
        .send()
        .await;
    assert!(
        form.body.contains("name=\"version\" value=\"1\""),
        "{}",
        form.body
    );
    // Reviewer B changes the operator through the API meanwhile.
    let reviewer = app
        .token("pheduyet2", Role::Reviewer, Some("culture"))
        .await;
    let b = app
        .call("PATCH", &format!("/api/v1/sites/{id}"))
        .bearer(&reviewer)
        .json(&json!({ "operator": "Trung tâm Văn hóa tỉnh" }))
        .send()
        .await;
    assert_eq!(b.status, StatusCode::OK);
    // A submits the old form with a new name.
    let fields = [
        ("name", "Bảo tàng tỉnh Lạng Sơn"),
        ("kind", "cultural_site"),
        ("subtype", "museum"),
        ("lat", "21.8495"),
        ("lon", "106.7571"),
        ("department", "culture"),
        ("operator", "Sở Văn hóa"),
        ("version", "1"),
    ];
    let late = app
        .call("POST", &format!("/sites/{id}/edit"))
        .cookie(&cookie)
        .form(&fields)
        .send()
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.body.contains("vừa được người khác sửa"),
        "{}",
        late.body
    );
    assert!(
        late.body.contains("Trung tâm Văn hóa tỉnh"),
        "B's value is shown"
    );
    assert!(
        late.body.contains("value=\"Bảo tàng tỉnh Lạng Sơn\""),
        "A's input is kept"
    );
    assert!(
        late.body.contains("name=\"version\" value=\"2\""),
        "the form now knows v2"
    );
    let saved = app.get(&format!("/api/v1/sites/{id}")).await.json();
    assert_eq!(
        saved["operator"], "Trung tâm Văn hóa tỉnh",
        "B's change is intact"
    );
    assert_eq!(saved["name"], museum()["name"]);

    // Having seen both, A saves knowingly.
    let mut again = fields.to_vec();
    again.retain(|(k, _)| *k != "version");
    again.push(("version", "2"));
    let saved = app
        .call("POST", &format!("/sites/{id}/edit"))
        .cookie(&cookie)
        .form(&again)
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        app.get(&format!("/api/v1/sites/{id}")).await.json()["name"],
        "Bảo tàng tỉnh Lạng Sơn"
    );
}

#[tokio::test]
async fn users_and_departments_carry_versions_too() {
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    app.add_user("lan", Role::Inspector, Some("culture")).await;
    let changed = app
        .call("PATCH", "/api/v1/users/lan")
        .bearer(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({ "display_name": "Lan" }))
        .send()
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.header(header::ETAG).as_deref(), Some("\"2\""));
    let late = app
        .call("PATCH", "/api/v1/users/lan")
        .bearer(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({ "display_name": "Lan Anh" }))
        .send()
        .await;
    assert_eq!(late.status, StatusCode::PRECONDITION_FAILED);

    let name = json!({ "name": { "vi": "Sở Giao thông", "en": "Transport" } });
    let renamed = app
        .call("PATCH", "/api/v1/departments/transport")
        .bearer(&admin)
        .header("if-match", "\"1\"")
        .json(&name)
        .send()
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let late = app
        .call("PATCH", "/api/v1/departments/transport")
        .bearer(&admin)
        .header("if-match", "\"1\"")
        .json(&name)
        .send()
        .await;
    assert_eq!(late.status, StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn a_rename_waits_for_another_writer_of_the_department_and_then_sees_its_version() {
    use tiepcan::domain::lang::Bilingual;
    use tiepcan::store::departments;
    let app = spawn(Demo::Yes).await;
    let admin = app.token("root", Role::Admin, None).await;
    // Another writer (a merge, a rename on another instance) holds the department and
    // renames it, from version 1 to 2, and commits a moment later.
    let db = &app.services().db;
    let mut other = db.begin().await.expect("a transaction");
    assert!(
        departments::lock(&mut other, "transport")
            .await
            .expect("lock")
    );
    let transport = departments::by_code(&mut other, "transport")
        .await
        .expect("read")
        .expect("transport");
    let name = Bilingual {
        vi: "Sở Giao thông vận tải".into(),
        en: "Department of Transport".into(),
    };
    departments::rename(&mut other, transport.id, &name)
        .await
        .expect("rename");
    let later = async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        other.commit().await.expect("commit");
    };
    // A rename of version 1 sent meanwhile waits for that writer, then finds version 2.
    let ours = app
        .call("PATCH", "/api/v1/departments/transport")
        .bearer(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({ "name": { "vi": "Sở Giao thông", "en": "Transport" } }))
        .send();
    let (reply, ()) = tokio::join!(ours, later);
    assert_eq!(
        reply.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        reply.body
    );
    let listed = app
        .call("GET", "/api/v1/departments")
        .bearer(&admin)
        .send()
        .await
        .json();
    let transport = listed
        .as_array()
        .expect("departments")
        .iter()
        .find(|d| d["code"] == "transport")
        .cloned()
        .expect("transport");
    assert_eq!(
        (
            transport["name"]["vi"].clone(),
            transport["version"].clone()
        ),
        (json!("Sở Giao thông vận tải"), json!(2)),
        "the other writer's name stands"
    );
}

#[tokio::test]
async fn a_retried_create_makes_one_site_and_gets_the_first_answer() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let before = app.site_count().await;
    let send = |body: serde_json::Value| {
        app.call("POST", "/api/v1/sites")
            .bearer(&token)
            .header("idempotency-key", "3f0c6a52-phone-upload-1")
            .json(&body)
            .send()
    };
    let first = send(museum()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = send(museum()).await;
    let third = send(museum()).await;
    for again in [&second, &third] {
        assert_eq!(again.status, StatusCode::CREATED);
        assert_eq!(again.json(), first.json(), "the first answer, again");
        assert_eq!(
            again
                .header("idempotent-replayed".parse().expect("name"))
                .as_deref(),
            Some("true")
        );
    }
    assert_eq!(app.site_count().await, before + 1);

    let mut other = museum();
    other["name"] = json!("Một bảo tàng khác");
    let reused = send(other).await;
    assert_eq!(
        reused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reused.body
    );
    assert!(
        reused
            .field_error("Idempotency-Key")
            .contains("yêu cầu khác")
    );
    assert_eq!(app.site_count().await, before + 1);

    // Without a key, every request is a new one, as before.
    let unkeyed = app
        .call("POST", "/api/v1/sites")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;
    assert_eq!(unkeyed.status, StatusCode::CREATED);
    assert_eq!(app.site_count().await, before + 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_copies_of_a_request_at_the_same_moment_make_one_site() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let before = app.site_count().await;
    for round in 0..10 {
        let mut site = museum();
        site["name"] = json!(format!("Bảo tàng {round}"));
        let key = format!("twin-{round}");
        let copies = (0..2).map(|_| {
            let router = app.router.clone();
            let (site, key, token) = (site.clone(), key.clone(), token.clone());
            tokio::spawn(async move {
                let request = axum::http::Request::post("/api/v1/sites")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("idempotency-key", key)
                    .body(axum::body::Body::from(site.to_string()))
                    .expect("request");
                tower::ServiceExt::oneshot(router, request)
                    .await
                    .expect("answer")
                    .status()
            })
        });
        for copy in copies {
            assert_eq!(
                copy.await.expect("task"),
                StatusCode::CREATED,
                "round {round}"
            );
        }
    }
    assert_eq!(app.site_count().await, before + 10);
}

#[tokio::test]
async fn a_key_is_kept_for_at_least_a_day() {
    let app = spawn(Demo::Yes).await.at_time("2026-12-01T08:00:00Z");
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let send = || {
        app.call("POST", "/api/v1/sites")
            .bearer(&token)
            .header("idempotency-key", "kept")
            .json(&museum())
            .send()
    };
    let before = app.site_count().await;
    send().await;
    app.services()
        .clock
        .set("2026-12-02T09:00:00Z".parse().expect("time"));
    let next_day = send().await;
    assert_eq!(
        next_day
            .header("idempotent-replayed".parse().expect("name"))
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        app.site_count().await,
        before + 1,
        "25 hours later: still one site"
    );
}

#[tokio::test]
async fn sending_the_new_site_form_twice_registers_one_site() {
    let app = spawn(Demo::Yes).await;
    let (cookie, _, _) = setup(&app).await;
    let form = app.call("GET", "/sites/new").cookie(&cookie).send().await;
    let key = form
        .body
        .split("name=\"form_key\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form has a key")
        .to_owned();
    let before = app.site_count().await;
    let fields = [
        ("name", "Nhà văn hóa khối 9"),
        ("kind", "cultural_site"),
        ("subtype", "cultural_house"),
        ("lat", "21.8452"),
        ("lon", "106.7533"),
        ("department", "culture"),
        ("form_key", key.as_str()),
    ];
    let first = app
        .call("POST", "/sites")
        .cookie(&cookie)
        .form(&fields)
        .send()
        .await;
    let second = app
        .call("POST", "/sites")
        .cookie(&cookie)
        .form(&fields)
        .send()
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    assert_eq!(
        first.header(header::LOCATION),
        second.header(header::LOCATION)
    );
    assert_eq!(app.site_count().await, before + 1);
}

#[tokio::test]
async fn a_writer_kept_waiting_too_long_gets_503_in_its_language_and_writes_nothing() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("vanhoa", Role::Inspector, Some("culture")).await;
    let before = app.site_count().await;
    // Someone else holds the write lock (on PostgreSQL: the head of the event chain)
    // longer than a writer waits.
    let mut holder = app.db().begin().await.expect("tx");
    let change = tiepcan::domain::event::Change::new(
        &tiepcan::domain::actor::Actor::Console,
        "test.hold",
        "test",
        "lock",
    );
    tiepcan::store::events::append(&mut holder, chrono::Utc::now(), change)
        .await
        .expect("append");
    let started = std::time::Instant::now();
    let reply = app
        .call("POST", "/api/v1/sites?lang=en")
        .bearer(&token)
        .json(&museum())
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "it waited first"
    );
    assert_eq!(reply.json()["error"]["code"], "busy");
    assert!(reply.body.contains("busy"), "{}", reply.body);
    assert!(reply.header(header::RETRY_AFTER).is_some());
    drop(holder);
    assert_eq!(app.site_count().await, before);
}
