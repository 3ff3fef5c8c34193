//! Working offline, as the server supports it: the installable app's manifest and icons,
//! the service worker with the files it keeps, the page it shows for a page the phone
//! does not hold, and the field script with its texts on field staff's pages only (the
//! browser side is tested in Chromium by `tests/offline/`).

use axum::http::{StatusCode, header};
use serde_json::json;
use tiepcan::domain::user::Role;
use tiepcan::views::assets::{FIELD_JS, OFFLINE_BUILT, UPLOAD_JS};

use crate::audits::{office, start};
use crate::common::{Demo, spawn};

#[tokio::test]
async fn the_app_is_installable_with_a_vietnamese_manifest_and_icons_of_the_site() {
    let app = spawn(Demo::Yes).await;
    let manifest = app.get("/manifest.webmanifest").await;
    if !OFFLINE_BUILT {
        assert_eq!(
            manifest.status,
            StatusCode::NOT_FOUND,
            "a build without Node"
        );
        return;
    }
    assert_eq!(manifest.status, StatusCode::OK);
    assert_eq!(
        manifest.header(header::CONTENT_TYPE).as_deref(),
        Some("application/manifest+json")
    );
    let m = manifest.json();
    assert_eq!(m["lang"], "vi");
    assert!(
        m["name"]
            .as_str()
            .expect("a name")
            .contains("kiểm tra tiếp cận")
    );
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["start_url"], "/audits");
    let english = app.get("/manifest.webmanifest?lang=en").await.json();
    assert_eq!(english["lang"], "en");
    for icon in m["icons"].as_array().expect("icons") {
        let src = icon["src"].as_str().expect("src");
        let file = app.get(src).await;
        assert_eq!(file.status, StatusCode::OK, "{src}");
        assert_eq!(
            file.header(header::CONTENT_TYPE).as_deref(),
            Some("image/png")
        );
    }
    assert_eq!(
        app.get("/icons/icon-100.png").await.status,
        StatusCode::NOT_FOUND
    );
    let home = app.get("/").await;
    assert!(
        home.body
            .contains("rel=\"manifest\" href=\"/manifest.webmanifest\"")
    );
}

#[tokio::test]
async fn the_service_worker_keeps_the_versioned_files_and_the_offline_page() {
    let app = spawn(Demo::Yes).await;
    let worker = app.get("/sw.js").await;
    if !OFFLINE_BUILT {
        assert_eq!(worker.status, StatusCode::NOT_FOUND, "a build without Node");
        assert_eq!(
            app.get("/static/field.js").await.status,
            StatusCode::NOT_FOUND
        );
        return;
    }
    assert_eq!(worker.status, StatusCode::OK);
    assert_eq!(
        worker.header(header::CACHE_CONTROL).as_deref(),
        Some("no-cache")
    );
    assert!(
        !worker.body.contains("__WB_MANIFEST"),
        "the list is filled in"
    );
    assert!(
        worker.body.contains(&FIELD_JS.href()),
        "the field script is kept"
    );
    assert!(
        worker.body.contains(&UPLOAD_JS.href()),
        "the upload library is kept, though pages load it only to send a photo"
    );
    assert!(worker.body.contains("\"/offline\""));
    let offline = app.get("/offline").await;
    assert_eq!(offline.status, StatusCode::OK);
    assert!(
        offline
            .body
            .contains("Trang này chưa được lưu trên điện thoại")
    );
    assert!(app.get(&FIELD_JS.href()).await.status == StatusCode::OK);
    let library = app.get(&UPLOAD_JS.href()).await;
    assert_eq!(library.status, StatusCode::OK);
    assert!(library.body.contains("tiepcanTus"), "the library, bundled");
}

#[tokio::test]
async fn only_field_staff_get_the_field_script_and_the_section_form_says_where_it_belongs() {
    let o = office().await;
    let public = o.app.get(&format!("/sites/{}", o.site)).await;
    assert!(
        !public.body.contains("field."),
        "no field script for the public"
    );
    assert!(!public.body.contains("offline-panel"));
    let inspector = o.app.sign_in("thanh.kt", "pw-thanh.kt-0123456789").await;
    let site = o
        .app
        .call("GET", &format!("/sites/{}", o.site))
        .cookie(&inspector)
        .send()
        .await;
    let audit = start(&o).await["id"].as_str().expect("id").to_owned();
    let section = o
        .app
        .call("GET", &format!("/audits/{audit}/sections/parking"))
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(section.status, StatusCode::OK);
    assert!(section.body.contains(&format!("data-audit=\"{audit}\"")));
    assert!(section.body.contains("data-section=\"parking\""));
    assert!(section.body.contains("data-state=\"draft\""));
    if OFFLINE_BUILT {
        assert!(
            site.body.contains("data-take-offline"),
            "take offline, shown by the script"
        );
        for page in [&site.body, &section.body] {
            assert!(page.contains(&FIELD_JS.href()));
            assert!(
                page.contains(&format!("data-upload=\"{}\"", UPLOAD_JS.href())),
                "the field script's tag names the upload library it loads later"
            );
            assert!(
                !page.contains(&format!("src=\"{}\"", UPLOAD_JS.href())),
                "which the page itself does not load"
            );
            assert!(page.contains("id=\"offline-panel\" class=\"offline-panel\" hidden"));
            assert!(
                page.contains("Đang ngoại tuyến"),
                "its texts in the page's language"
            );
        }
    }
}

#[tokio::test]
async fn an_audits_id_is_its_start_key_and_neither_the_blank_id_nor_another_audits_id_is_a_key() {
    let o = office().await;
    let uri = format!("/api/v1/sites/{}/audits", o.site);
    // As a phone makes it (`crypto.randomUUID()`, version 4).
    let key = "3f0c9d1e-5b7a-4c2e-9f61-2a8d4e7b9c10".to_owned();
    let started = o
        .app
        .call("POST", &uri)
        .bearer(&o.inspector)
        .json(&json!({ "key": key }))
        .send()
        .await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    assert_eq!(started.json()["id"], key.as_str(), "the phone knows the id");
    let other = o
        .app
        .token("lan.kt", Role::Inspector, Some("construction"))
        .await;
    for (bad, why) in [
        (key.as_str(), "another person's audit id"),
        ("00000000-0000-0000-0000-000000000000", "the blank id"),
    ] {
        let refused = o
            .app
            .call("POST", &uri)
            .bearer(&other)
            .json(&json!({ "key": bad }))
            .send()
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{why}: {}",
            refused.body
        );
        assert!(
            refused.json()["error"]["fields"]["key"].is_string(),
            "{why}: {}",
            refused.body
        );
    }
    let mine = o
        .app
        .call("GET", "/api/v1/audits?mine=true")
        .bearer(&other)
        .send()
        .await;
    assert_eq!(mine.json()["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_sites_blank_audit_shows_its_sections_under_the_blank_id_to_those_who_may_start_one_and_stores_nothing()
 {
    let o = office().await;
    let blank = "00000000-0000-0000-0000-000000000000";
    let inspector = o.app.sign_in("thanh.kt", "pw-thanh.kt-0123456789").await;
    let overview = o
        .app
        .call("GET", &format!("/sites/{}/audits/blank", o.site))
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(overview.status, StatusCode::OK, "{}", overview.body);
    assert!(
        overview
            .body
            .contains(&format!("href=\"/audits/{blank}/sections/entrance\"")),
        "each section, linked under the blank id"
    );
    assert!(
        !overview.body.contains("Bắt đầu lúc"),
        "no start time: it starts when the phone starts it"
    );
    let section = o
        .app
        .call(
            "GET",
            &format!("/sites/{}/audits/blank/sections/entrance", o.site),
        )
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(section.status, StatusCode::OK, "{}", section.body);
    for needed in [
        format!("data-audit=\"{blank}\""),
        "data-section=\"entrance\"".to_owned(),
        "data-state=\"draft\"".to_owned(),
        "data-version=\"1\"".to_owned(),
        "name=\"value.entrance.door_width\"".to_owned(),
    ] {
        assert!(section.body.contains(&needed), "{needed}");
    }
    let unknown = o
        .app
        .call(
            "GET",
            &format!("/sites/{}/audits/blank/sections/nowhere", o.site),
        )
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // Someone of another department, and the public, get no blank audit of this site.
    let password = o
        .app
        .add_user("minh.gt", Role::Inspector, Some("transport"))
        .await;
    let elsewhere = o.app.sign_in("minh.gt", &password).await;
    let refused = o
        .app
        .call("GET", &format!("/sites/{}/audits/blank", o.site))
        .cookie(&elsewhere)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let public = o.app.get(&format!("/sites/{}/audits/blank", o.site)).await;
    assert_ne!(public.status, StatusCode::OK, "the public");
    let mine = o
        .app
        .call("GET", "/api/v1/audits?mine=true")
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(
        mine.json()["items"].as_array().map(Vec::len),
        Some(0),
        "no audit was started"
    );
}
