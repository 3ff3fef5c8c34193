//! Pages for people: language, landmarks, forms that work without JavaScript and keep what
//! was typed when something is refused.

use axum::http::{StatusCode, header};

use tiepcan::domain::user::Role;

use crate::common::{Demo, TestApp, spawn};

/// A culture inspector signed in through the API; returns the session cookie.
async fn signed_in(app: &TestApp) -> String {
    let password = app
        .add_user("vanhoa", Role::Inspector, Some("culture"))
        .await;
    app.sign_in("vanhoa", &password).await
}

#[tokio::test]
async fn pages_are_vietnamese_by_default_with_landmarks_and_a_skip_link() {
    let app = spawn(Demo::Yes).await;
    for uri in [
        "/",
        "/sites",
        "/login",
        "/checklists",
        "/checklists/public-building",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(page.body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(page.body.contains("<html lang=\"vi\">"), "{uri}");
        assert!(
            page.body.contains("class=\"skip-link\" href=\"#main\""),
            "{uri}"
        );
        assert!(page.body.contains("<main id=\"main\""), "{uri}");
        assert!(
            page.body.contains("<nav aria-label=\"Điều hướng chính\">"),
            "{uri}"
        );
        assert!(page.body.contains("name=\"viewport\""), "{uri}");
    }
}

#[tokio::test]
async fn the_new_site_form_sends_anonymous_visitors_to_sign_in_and_back() {
    let app = spawn(Demo::No).await;
    let reply = app.get("/sites/new").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header(header::LOCATION).as_deref(),
        Some("/login?next=%2Fsites%2Fnew")
    );
}

#[tokio::test]
async fn every_staff_page_sends_anonymous_visitors_to_sign_in_and_back() {
    let app = spawn(Demo::No).await;
    let id = "0190e6a0-0000-7000-8000-000000000001";
    let pages = [
        "/sites/new".to_owned(),
        format!("/sites/{id}/edit"),
        "/audits".to_owned(),
        format!("/audits/{id}"),
        format!("/audits/{id}/sections/entrance"),
        format!("/audits/{id}/photos/{id}/delete"),
        format!("/audits/{id}/summary"),
        "/findings".to_owned(),
        format!("/findings/{id}"),
        "/reports".to_owned(),
        "/events".to_owned(),
        "/admin/departments".to_owned(),
        "/admin/people".to_owned(),
        "/account".to_owned(),
    ];
    for page in pages {
        let reply = app.get(&page).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{page}");
        let back = format!("/login?next={}", page.replace('/', "%2F"));
        assert_eq!(
            reply.header(header::LOCATION).as_deref(),
            Some(back.as_str()),
            "{page}"
        );
    }
}

#[tokio::test]
async fn english_is_chosen_by_query_and_remembered_by_cookie() {
    let app = spawn(Demo::Yes).await;
    let english = app.get("/sites?lang=en").await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("<h1>Sites</h1>"));
    let cookie = english.header(header::SET_COOKIE).expect("cookie set");
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let request = axum::http::Request::get("/checklists")
        .header(header::COOKIE, "lang=en")
        .body(axum::body::Body::empty())
        .expect("request");
    let remembered = app.send(request).await;
    assert!(remembered.body.contains("<html lang=\"en\">"));
    assert!(remembered.body.contains("<h1>Checklists</h1>"));
    assert_eq!(remembered.header(header::SET_COOKIE), None);
}

#[tokio::test]
async fn a_site_created_through_the_form_is_shown_on_its_page() {
    let app = spawn(Demo::Yes).await;
    let cookie = signed_in(&app).await;
    let fields = [
        ("name", "Nhà văn hóa phường Chi Lăng"),
        ("kind", "cultural_site"),
        ("subtype", "cultural_house"),
        ("address", "Phường Chi Lăng, thành phố Lạng Sơn"),
        ("lat", "21.8441"),
        ("lon", "106.7488"),
        ("department", "culture"),
        ("operator", ""),
    ];
    let created = app
        .call("POST", "/sites")
        .cookie(&cookie)
        .form(&fields)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.header(header::LOCATION).expect("redirect");
    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Nhà văn hóa phường Chi Lăng</h1>"));
    assert!(page.body.contains("Thành phố Lạng Sơn"), "area shown");
    assert!(page.body.contains("Sở Văn hóa, Thể thao và Du lịch"));

    let edit = app
        .call("GET", &format!("{location}/edit"))
        .cookie(&cookie)
        .send()
        .await;
    assert!(edit.body.contains("value=\"21.8441\""));
}

#[tokio::test]
async fn a_refused_form_keeps_what_was_typed_and_marks_each_bad_field() {
    let app = spawn(Demo::Yes).await;
    let cookie = signed_in(&app).await;
    let before = app.site_count().await;
    let fields = [
        ("name", "Chợ Đông Kinh <b>mới</b>"),
        ("kind", "public_building"),
        ("subtype", "market"),
        ("lat", "91"),
        ("lon", "abc"),
        ("department", "construction"),
    ];
    let page = app
        .call("POST", "/sites")
        .cookie(&cookie)
        .form(&fields)
        .send()
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("class=\"error-summary\" role=\"alert\""));
    assert!(
        page.body
            .contains("id=\"lat\" name=\"lat\" type=\"text\" value=\"91\"")
    );
    assert!(
        page.body
            .contains("aria-describedby=\"lat-hint lat-error\" aria-invalid=\"true\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"lon-error\""));
    assert!(page.body.contains("Phải nằm trong khoảng -90 đến 90."));
    assert!(page.body.contains("Không phải là số."));
    // What was typed comes back escaped, never as markup.
    assert!(page.body.contains("Chợ Đông Kinh &lt;b&gt;mới&lt;/b&gt;"));
    assert!(!page.body.contains("<b>mới</b>"));
    assert_eq!(app.site_count().await, before);
}

#[tokio::test]
async fn editing_through_the_form_saves_and_an_unknown_site_is_a_404_page() {
    let app = spawn(Demo::Yes).await;
    let cookie = signed_in(&app).await;
    let site = app
        .call("POST", "/api/v1/sites")
        .cookie(&cookie)
        .json(&crate::common::museum())
        .send()
        .await
        .json();
    let id = site["id"].as_str().expect("id");
    let fields = [
        ("name", "Bảo tàng tỉnh (đã sửa)"),
        ("kind", "cultural_site"),
        ("subtype", "museum"),
        ("lat", "21.8495"),
        ("lon", "106.7571"),
        ("department", "culture"),
    ];
    let saved = app
        .call("POST", &format!("/sites/{id}/edit"))
        .cookie(&cookie)
        .form(&fields)
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let read = app.get(&format!("/api/v1/sites/{id}")).await.json();
    assert_eq!(read["name"], "Bảo tàng tỉnh (đã sửa)");
    assert_eq!(
        read["address"],
        serde_json::Value::Null,
        "blank field cleared"
    );

    let missing = app.get("/sites/0190a8d0-0000-7000-8000-000000000000").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<h1>Không tìm thấy</h1>"));
    let unknown_path = app.get("/no/such/page").await;
    assert_eq!(unknown_path.status, StatusCode::NOT_FOUND);
    assert!(unknown_path.body.contains("<html lang=\"vi\">"));
}

#[tokio::test]
async fn the_site_list_searches_and_pages() {
    let app = spawn(Demo::Yes).await;
    let page = app.get("/sites?q=ga&kind=transport_stop").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ga Đồng Đăng"), "rail station found");
    assert!(!page.body.contains("Bệnh viện"), "hospitals filtered out");
    let first = app.get("/sites?limit=5").await;
    assert!(first.body.contains("rel=\"next\""));
    let bad = app.get("/sites?bbox=1,2").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("<html lang=\"vi\">"),
        "an error page, not JSON"
    );
}

#[tokio::test]
async fn the_browsers_language_is_used_unless_a_choice_was_made_and_a_404_speaks_it_too() {
    let app = crate::common::spawn(crate::common::Demo::Yes).await;
    let get = |uri: &'static str, headers: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move {
            let mut call = app.call("GET", uri);
            for (name, value) in headers {
                call = call.header(name, value);
            }
            call.send().await
        }
    };
    let english = get("/", vec![("Accept-Language", "en-GB,en;q=0.9,vi;q=0.5")]).await;
    assert!(
        english.body.contains("<html lang=\"en\""),
        "{}",
        english.body
    );
    let vietnamese = get("/", vec![("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.8")]).await;
    assert!(vietnamese.body.contains("<html lang=\"vi\""));
    let chosen = get("/", vec![("Accept-Language", "en"), ("Cookie", "lang=vi")]).await;
    assert!(
        chosen.body.contains("<html lang=\"vi\""),
        "the remembered switch wins"
    );
    let asked = get("/?lang=vi", vec![("Accept-Language", "en")]).await;
    assert!(asked.body.contains("<html lang=\"vi\""));
    let missing = get(
        "/sites/01a23492-8908-726e-9135-c5b284ca6150",
        vec![("Accept-Language", "en")],
    )
    .await;
    assert_eq!(missing.status, axum::http::StatusCode::NOT_FOUND);
    assert!(
        missing.body.contains("<html lang=\"en\"") && missing.body.contains("Not found"),
        "{}",
        missing.body
    );
    let api = get(
        "/api/v1/public/sites.geojson?kind=castle",
        vec![("Accept-Language", "en")],
    )
    .await;
    assert!(
        api.field_error("kind")
            .contains("is not allowed; use one of"),
        "{}",
        api.body
    );
}
