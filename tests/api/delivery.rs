//! How answers travel: text compressed (brotli or gzip) and photos as they are; static
//! files under names that change with their content, kept for a year; the site's icon.

use std::io::Read;

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, LOCATION, VARY};
use serde_json::json;

use crate::audits::{office, photo, put_answers, start, upload};
use crate::common::{Demo, Reply, TestApp, spawn};

/// `reply`'s body decoded from its `Content-Encoding`.
fn decoded(reply: &Reply) -> Vec<u8> {
    let mut out = Vec::new();
    match reply.header(CONTENT_ENCODING).as_deref() {
        Some("br") => brotli_decompressor::Decompressor::new(&reply.bytes[..], 4096)
            .read_to_end(&mut out)
            .expect("valid brotli"),
        Some("gzip") => flate2::read::GzDecoder::new(&reply.bytes[..])
            .read_to_end(&mut out)
            .expect("valid gzip"),
        other => panic!("not compressed: {other:?}"),
    };
    out
}

async fn accepting(app: &TestApp, uri: &str, encodings: &str) -> Reply {
    app.call("GET", uri)
        .header("accept-encoding", encodings)
        .send()
        .await
}

/// The address of the first `<script>` or stylesheet of `page` whose name starts `stem.`.
fn linked(page: &str, stem: &str) -> String {
    let start = page
        .find(&format!("\"/static/{stem}."))
        .unwrap_or_else(|| panic!("the page links /static/{stem}.*"))
        + 1;
    page[start..start + page[start..].find('"').expect("closing quote")].to_owned()
}

#[tokio::test]
async fn pages_scripts_and_json_go_out_compressed_and_decode_to_the_same_bytes() {
    let app = spawn(Demo::Yes).await;
    let page = app.get("/sites").await;
    let script = linked(&page.body, "near");
    for uri in [
        "/sites".to_owned(),
        script,
        "/api/v1/public/sites.geojson".to_owned(),
    ] {
        let plain = app.get(&uri).await;
        assert_eq!(plain.status, StatusCode::OK, "{uri}");
        assert_eq!(
            plain.header(CONTENT_ENCODING),
            None,
            "{uri}: asked for nothing"
        );
        for encoding in ["br", "gzip"] {
            let packed = accepting(&app, &uri, encoding).await;
            assert_eq!(packed.status, StatusCode::OK, "{uri}");
            assert_eq!(
                packed.header(CONTENT_ENCODING).as_deref(),
                Some(encoding),
                "{uri}"
            );
            assert_eq!(packed.header(CONTENT_TYPE), plain.header(CONTENT_TYPE));
            assert!(
                packed.headers.get_all(VARY).iter().any(|v| v
                    .to_str()
                    .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))),
                "{uri}: caches keep the encodings apart"
            );
            assert!(
                packed.bytes.len() < plain.bytes.len(),
                "{uri} {encoding}: {} bytes, not smaller than {}",
                packed.bytes.len(),
                plain.bytes.len()
            );
            assert!(
                decoded(&packed) == plain.bytes,
                "{uri} {encoding}: the same bytes"
            );
        }
    }
    // Brotli when a browser offers both; a tagged answer's tag turns weak once compressed,
    // and still spares the bytes the next time.
    let both = accepting(&app, "/api/v1/public/sites.geojson", "gzip, deflate, br").await;
    assert_eq!(both.header(CONTENT_ENCODING).as_deref(), Some("br"));
    let tag = both.header(ETAG).expect("a tag");
    assert!(tag.starts_with("W/\""), "{tag}");
    let again = app
        .call("GET", "/api/v1/public/sites.geojson")
        .header("accept-encoding", "br")
        .header("if-none-match", &tag)
        .send()
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn a_photo_goes_out_as_it_is_even_to_a_client_accepting_compression() {
    let o = office().await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id");
    let saved = put_answers(
        &o,
        &o.inspector,
        id,
        &json!([{ "item": "entrance.door_width", "value": 95, "unit": "cm" }]),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let reply = upload(&o.app, &o.inspector, id, None, &photo(3, None)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let url = reply.json()["display_url"]
        .as_str()
        .expect("url")
        .to_owned();
    let path = &url[url.find("/api/").expect("an API path")..];
    let plain = o.app.call("GET", path).bearer(&o.inspector).send().await;
    let offered = o
        .app
        .call("GET", path)
        .bearer(&o.inspector)
        .header("accept-encoding", "br, gzip")
        .send()
        .await;
    assert_eq!(offered.status, StatusCode::OK);
    assert_eq!(offered.header(CONTENT_TYPE).as_deref(), Some("image/jpeg"));
    assert_eq!(
        offered.header(CONTENT_ENCODING),
        None,
        "a JPEG is not compressed again"
    );
    assert!(offered.bytes == plain.bytes, "the very JPEG");
    image::load_from_memory(&offered.bytes).expect("decodes as it is");
}

#[tokio::test]
async fn pages_link_versioned_static_files_kept_a_year_and_an_old_version_leads_to_the_new() {
    let app = spawn(Demo::Yes).await;
    let plain = app.get("/static/app.css").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(
        plain.header(CACHE_CONTROL).as_deref(),
        Some("no-cache"),
        "the plain name is checked before each use"
    );
    let tag = plain.header(ETAG).expect("a tag to check by");
    let checked = app
        .call("GET", "/static/app.css")
        .header("if-none-match", &tag)
        .send()
        .await;
    assert_eq!(checked.status, StatusCode::NOT_MODIFIED);

    for (page, english) in [("/", false), ("/sites?lang=en", true), ("/login", false)] {
        let body = app.get(page).await.body;
        let css = linked(&body, "app");
        let script = linked(&body, "near");
        for file in [&css, &script] {
            let version = file
                .split('.')
                .nth(1)
                .expect("a version between name and extension");
            assert!(
                version.len() == 8 && version.bytes().all(|b| b.is_ascii_hexdigit()),
                "{page} (English {english}) links {file}"
            );
        }
        assert!(
            !body.contains("\"/static/app.css\""),
            "{page}: no plain link"
        );
        let kept = app.get(&css).await;
        assert_eq!(kept.status, StatusCode::OK, "{css}");
        assert_eq!(
            kept.header(CACHE_CONTROL).as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        assert!(kept.bytes == plain.bytes, "the same stylesheet");
    }

    let current = linked(&app.get("/").await.body, "app");
    let stale = if current.contains(".00000000.") {
        "/static/app.11111111.css"
    } else {
        "/static/app.00000000.css"
    };
    let old = app.get(stale).await;
    assert_eq!(old.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(old.header(LOCATION).as_deref(), Some(current.as_str()));
    assert!(
        !old.header(CACHE_CONTROL)
            .unwrap_or_default()
            .contains("immutable"),
        "an old version is never kept as if it were the file"
    );
    assert_eq!(
        app.get("/static/app.zzzzzzzz.css").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/nothing.css").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_favicon_is_a_small_icon() {
    let app = spawn(Demo::No).await;
    let icon = app.get("/favicon.ico").await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.header(CONTENT_TYPE).as_deref(), Some("image/x-icon"));
    assert_eq!(&icon.bytes[..4], &[0, 0, 1, 0], "an icon file");
    assert!(icon.bytes.len() < 8 * 1024, "{} bytes", icon.bytes.len());
    let zipped = accepting(&app, "/favicon.ico", "br, gzip").await;
    assert_eq!(
        zipped.header(CONTENT_ENCODING),
        None,
        "an image is not compressed"
    );
}
