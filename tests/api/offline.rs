//! Working offline, as the server supports it: the installable app's manifest and icons,
//! the service worker with the files it keeps, the page it shows for a page the phone
//! does not hold, and the field script with its texts on field staff's pages only (the
//! browser side is tested in Chromium by `tests/offline/`).

use axum::http::{StatusCode, header};
use tiepcan::views::assets::{FIELD_JS, OFFLINE_BUILT};

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
    assert!(worker.body.contains("\"/offline\""));
    let offline = app.get("/offline").await;
    assert_eq!(offline.status, StatusCode::OK);
    assert!(
        offline
            .body
            .contains("Trang này chưa được lưu trên điện thoại")
    );
    assert!(app.get(&FIELD_JS.href()).await.status == StatusCode::OK);
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
            assert!(page.contains("id=\"offline-panel\" class=\"offline-panel\" hidden"));
            assert!(
                page.contains("Đang ngoại tuyến"),
                "its texts in the page's language"
            );
        }
    }
}
