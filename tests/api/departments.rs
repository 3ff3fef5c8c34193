//! Departments as data: created, renamed, merged and retired through the API and the
//! command line, and every bad request of an administrator's day refused by name.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, Reply, TestApp, run_cli, spawn, stderr};

fn name(vi: &str, en: &str) -> Value {
    json!({ "vi": vi, "en": en })
}

async fn create(app: &TestApp, admin: &str, code: &str) -> Reply {
    app.call("POST", "/api/v1/departments")
        .bearer(admin)
        .json(&json!({ "code": code, "name": name(&format!("Sở {code}"), &format!("Department {code}")) }))
        .send()
        .await
}

async fn merge(app: &TestApp, admin: &str, from: &str, into: &str) -> Reply {
    app.call("POST", &format!("/api/v1/departments/{from}/merge"))
        .bearer(admin)
        .json(&json!({ "into": into }))
        .send()
        .await
}

async fn retire(app: &TestApp, admin: &str, code: &str) -> Reply {
    app.call("POST", &format!("/api/v1/departments/{code}/retire"))
        .bearer(admin)
        .send()
        .await
}

async fn codes(app: &TestApp) -> Vec<String> {
    app.get("/api/v1/departments")
        .await
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

#[tokio::test]
async fn an_empty_install_creates_a_department_that_then_takes_sites_and_people() {
    let app = spawn(Demo::No).await;
    assert!(
        codes(&app).await.is_empty(),
        "no department without the demo"
    );
    let admin = app.token("root", Role::Admin, None).await;
    let created = create(&app, &admin, "xay-dung").await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(
        created.header(axum::http::header::ETAG).as_deref(),
        Some("\"1\"")
    );
    assert_eq!(created.json()["name"]["vi"], "Sở xay-dung");
    assert_eq!(codes(&app).await, ["xay-dung"]);

    let inspector = app.token("kt", Role::Inspector, Some("xay-dung")).await;
    let mut site = crate::common::museum();
    site["department"] = json!("xay-dung");
    let registered = app
        .call("POST", "/api/v1/sites")
        .bearer(&inspector)
        .json(&site)
        .send()
        .await;
    assert_eq!(
        registered.status,
        StatusCode::CREATED,
        "{}",
        registered.body
    );

    let log = app
        .call(
            "GET",
            "/api/v1/events?entity_type=department&entity_id=xay-dung",
        )
        .bearer(&admin)
        .send()
        .await
        .json();
    assert!(
        log["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|e| e["action"] == "department.create"),
        "{log}"
    );
}

#[tokio::test]
async fn a_bad_code_or_name_is_refused_by_field_and_nothing_is_created() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    assert_eq!(
        create(&app, &admin, "giao-thong").await.status,
        StatusCode::CREATED
    );

    let taken = create(&app, &admin, "giao-thong").await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);
    assert!(
        taken.field_error("code").contains("đã được dùng"),
        "{}",
        taken.body
    );
    for (code, says) in [
        ("", "Chưa nhập"),
        ("   ", "Chưa nhập"),
        ("giao thong", "không dấu, không khoảng trắng"),
        ("giao\u{0}thong", "không dấu, không khoảng trắng"),
        ("giao\u{1b}thong", "không dấu, không khoảng trắng"),
        ("Giao-Thong", "không dấu, không khoảng trắng"),
        ("giao-thông", "không dấu, không khoảng trắng"),
    ] {
        let refused = create(&app, &admin, code).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code:?}: {}",
            refused.body
        );
        assert!(
            refused.field_error("code").contains(says),
            "{code:?}: {}",
            refused.body
        );
    }
    let nameless = app
        .call("POST", "/api/v1/departments")
        .bearer(&admin)
        .json(&json!({ "code": "van-hoa", "name": name(" ", "") }))
        .send()
        .await;
    assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nameless.field_error("name.vi").contains("Chưa nhập"));
    assert!(nameless.field_error("name.en").contains("Chưa nhập"));
    assert_eq!(
        codes(&app).await,
        ["giao-thong"],
        "only the first was created"
    );
}

#[tokio::test]
async fn merging_into_itself_a_retired_or_a_merged_department_is_refused_saying_which() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    for code in ["aa", "bb", "cc", "dd"] {
        assert_eq!(create(&app, &admin, code).await.status, StatusCode::CREATED);
    }
    let itself = merge(&app, &admin, "aa", "aa").await;
    assert_eq!(
        itself.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        itself.body
    );
    assert!(
        itself.field_error("into").contains("chính nó"),
        "{}",
        itself.body
    );

    assert_eq!(retire(&app, &admin, "dd").await.status, StatusCode::OK);
    let into_retired = merge(&app, &admin, "aa", "dd").await;
    assert_eq!(into_retired.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        into_retired.field_error("into").contains("ngừng hoạt động"),
        "{}",
        into_retired.body
    );

    // A chain: B goes into C, then A into B is refused pointing at C, where B's work went.
    assert_eq!(merge(&app, &admin, "bb", "cc").await.status, StatusCode::OK);
    let into_merged = merge(&app, &admin, "aa", "bb").await;
    assert_eq!(into_merged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        into_merged.field_error("into").contains("“cc”"),
        "{}",
        into_merged.body
    );
    let unknown = merge(&app, &admin, "aa", "zz").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.field_error("into").contains("aa, cc"),
        "{}",
        unknown.body
    );
    assert_eq!(merge(&app, &admin, "aa", "cc").await.status, StatusCode::OK);
    assert_eq!(codes(&app).await, ["cc"]);

    // A retired or merged code is not reused, and registers nothing.
    assert_eq!(
        create(&app, &admin, "dd").await.status,
        StatusCode::CONFLICT
    );
    let inspector = app.token("kt", Role::Inspector, Some("cc")).await;
    let mut site = crate::common::museum();
    site["department"] = json!("bb");
    let refused = app
        .call("POST", "/api/v1/sites")
        .bearer(&inspector)
        .json(&site)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.field_error("department").contains("“cc”"),
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn a_department_with_work_is_not_retired_and_the_refusal_counts_it() {
    let app = spawn(Demo::No).await;
    let admin = app.token("root", Role::Admin, None).await;
    assert_eq!(
        create(&app, &admin, "van-hoa").await.status,
        StatusCode::CREATED
    );
    let inspector = app.token("kt", Role::Inspector, Some("van-hoa")).await;
    let mut site = crate::common::museum();
    site["department"] = json!("van-hoa");
    let registered = app
        .call("POST", "/api/v1/sites")
        .bearer(&inspector)
        .json(&site)
        .send()
        .await;
    assert_eq!(
        registered.status,
        StatusCode::CREATED,
        "{}",
        registered.body
    );
    let refused = retire(&app, &admin, "van-hoa").await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let says = refused.field_error("code");
    assert!(
        says.contains("1 địa điểm, 1 người dùng, 0 cuộc kiểm tra"),
        "{says}"
    );
    assert_eq!(codes(&app).await, ["van-hoa"], "still in use");
}

fn tiepcan(app: &TestApp, args: &[&str]) -> std::process::Output {
    run_cli(Some(app), args, "")
}

#[tokio::test]
async fn the_command_line_lists_adds_renames_merges_and_retires_departments() {
    let app = spawn(Demo::No).await;
    let added = tiepcan(
        &app,
        &[
            "department",
            "add",
            "xd",
            "--name-vi",
            "Sở Xây dựng",
            "--name-en",
            "Department of Construction",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let again = tiepcan(
        &app,
        &[
            "department",
            "add",
            "xd",
            "--name-vi",
            "X",
            "--name-en",
            "X",
        ],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already in use"),
        "{}",
        stderr(&again)
    );
    let bad = tiepcan(
        &app,
        &[
            "department",
            "add",
            "X D",
            "--name-vi",
            "X",
            "--name-en",
            "X",
        ],
    );
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("no spaces"), "{}", stderr(&bad));
    for args in [
        [
            "department",
            "add",
            "gt",
            "--name-vi",
            "Sở Giao thông",
            "--name-en",
            "Department of Transport",
        ],
        [
            "department",
            "rename",
            "xd",
            "--name-vi",
            "Sở Xây dựng tỉnh",
            "--name-en",
            "Provincial Department of Construction",
        ],
    ] {
        let done = tiepcan(&app, &args);
        assert!(done.status.success(), "{args:?}: {}", stderr(&done));
    }
    let merged = tiepcan(&app, &["department", "merge", "gt", "--into", "xd"]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert!(String::from_utf8_lossy(&merged.stdout).contains("merged into xd"));
    let listed = tiepcan(&app, &["department", "list"]);
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert_eq!(
        listed.trim(),
        "xd\tSở Xây dựng tỉnh\tProvincial Department of Construction"
    );
    let _ = tiepcan(
        &app,
        &[
            "department",
            "add",
            "yt",
            "--name-vi",
            "Sở Y tế",
            "--name-en",
            "Department of Health",
        ],
    );
    let retired = tiepcan(&app, &["department", "retire", "yt"]);
    assert!(retired.status.success(), "{}", stderr(&retired));
    assert_eq!(codes(&app).await, ["xd"]);
}
