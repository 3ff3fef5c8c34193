//! No English inside the Vietnamese pages: the public pages, as rendered from the demo's
//! audits and the shipped checklists, hold no common English word in their visible text.
//! (The catalogue's own test checks its messages for the same words.)

use axum::http::StatusCode;

use crate::common::{Demo, spawn};

/// `html` with each block from `open` to the next `close` made a space.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        out.push(' ');
        rest = &rest[at..];
        rest = rest
            .find(close)
            .map_or("", |end| &rest[end + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The text a reader sees in `html`: no scripts, styles, drawings or code (item codes are
/// identifiers), nothing marked as English (the link to the English page), no tags, no
/// addresses.
fn visible_text(html: &str) -> String {
    let mut html = html.to_owned();
    for (open, close) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<svg", "</svg>"),
        ("<code", "</code>"),
        ("<a class=\"lang-switch\"", "</a>"),
    ] {
        html = without(&html, open, close);
    }
    let text = without(&html, "<", ">");
    text.split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&amp;", "&")
}

/// The English words of `text`.
fn english_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            tiepcan::i18n::ENGLISH_WORDS
                .iter()
                .any(|e| e.eq_ignore_ascii_case(w))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn english_words_are_found_in_visible_text_only() {
    let page = "<p>Bảng 1 <code>entrance.door_width</code> not read</p>\
        <a class=\"lang-switch\" href=\"?lang=en\" lang=\"en\">English</a>\
        <script>var the = 1;</script><p>An toàn, phóng to, in trang http://x.vn/sites/1</p>";
    assert_eq!(english_in(&visible_text(page)), ["not", "read"]);
}

#[tokio::test]
async fn the_vietnamese_public_pages_hold_no_english_words() {
    let app = spawn(Demo::Full).await;
    let map = app
        .get("/api/v1/public/sites.geojson?limit=5000")
        .await
        .json();
    let mut audited = None;
    for f in map["features"].as_array().expect("features") {
        let id = f["properties"]["id"].as_str().expect("id").to_owned();
        let facts = app.get(&format!("/api/v1/public/sites/{id}")).await.json();
        let measured = facts["barriers"]
            .as_array()
            .expect("barriers")
            .iter()
            .any(|b| b["value"].is_number());
        if measured && !facts["photos"].as_array().expect("photos").is_empty() {
            audited = Some(id);
            break;
        }
    }
    let site = audited.expect("the demo has a site with a measured barrier and photos");
    let area = app.get("/ogc/collections/areas/items?limit=1").await.json()["features"][0]["id"]
        .as_str()
        .expect("an area")
        .to_owned();
    let mut pages = vec![
        "/".to_owned(),
        "/?feature=toilet&level=accessible".to_owned(),
        "/sites".to_owned(),
        format!("/sites/{site}"),
        format!("/sites/{site}/statement"),
        format!("/areas/{area}"),
        "/checklists".to_owned(),
    ];
    for checklist in [
        "public-building",
        "transport-stop",
        "transport-station",
        "cultural-site",
    ] {
        pages.push(format!("/checklists/{checklist}"));
    }
    let mut found = Vec::new();
    for path in &pages {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("<html lang=\"vi\""), "{path}");
        let text = visible_text(&page.body);
        let words = english_in(&text);
        if !words.is_empty() {
            let near: Vec<String> = words
                .iter()
                .take(5)
                .map(|w| {
                    let at = text.find(w.as_str()).unwrap_or(0);
                    let from = text.floor_char_boundary(at.saturating_sub(60));
                    let to = text.ceil_char_boundary((at + 60).min(text.len()));
                    text[from..to].to_owned()
                })
                .collect();
            found.push(format!("{path}: {words:?} in {near:#?}"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
