//! The per-site accessibility statement: `/sites/{id}/statement`.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::{Demo, spawn};

/// The text the QR code of `page` holds: its squares read back into modules and decoded.
fn qr_text(page: &str) -> String {
    let svg = &page[page.find("<svg class=\"qr\"").expect("a QR code")..];
    let svg = &svg[..svg.find("</svg>").expect("its end")];
    let side: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|v| v.split(' ').next())
        .and_then(|v| v.parse().ok())
        .expect("its size");
    let mut dark = vec![false; side * side];
    for square in svg.split("<rect x=\"").skip(2) {
        let (x, rest) = square.split_once("\" y=\"").expect("x");
        let y = rest.split('"').next().expect("y");
        let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
        dark[y * side + x] = true;
    }
    // Four pixels per module, as a camera would see it.
    let scale = 4;
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(side * scale, side * scale, |x, y| {
        dark[(y / scale) * side + x / scale]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("it decodes").1
}

#[tokio::test]
async fn a_sites_statement_says_what_was_checked_when_what_works_and_what_is_planned_with_a_qr_code_to_its_page()
 {
    let app = spawn(Demo::Full).await;
    let map = app
        .get("/api/v1/public/sites.geojson?limit=5000")
        .await
        .json();
    let mut chosen: Option<Value> = None;
    for f in map["features"].as_array().expect("features") {
        let id = f["properties"]["id"].as_str().expect("id");
        let facts = app.get(&format!("/api/v1/public/sites/{id}")).await.json();
        let planned = facts["barriers"]
            .as_array()
            .expect("barriers")
            .iter()
            .any(|b| b["planned_for"].is_string());
        if planned && !facts["photos"].as_array().expect("photos").is_empty() {
            chosen = Some(facts);
            break;
        }
    }
    let facts = chosen.expect("the demo has an audited site with a planned barrier and photos");
    let id = facts["id"].as_str().expect("id");
    let page = app.get(&format!("/sites/{id}/statement")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains(facts["name"].as_str().expect("name")));
    assert!(body.contains("Thông tin về khả năng tiếp cận"));
    assert!(
        body.contains("Đã kiểm tra theo"),
        "what it was checked against"
    );
    assert!(
        body.contains(&format!("/sites/{id}/barrier\">")),
        "where a passer-by reports a barrier here"
    );
    let day = |iso: &str| format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4]);
    let audited = facts["last_audit"].as_str().expect("an audit day");
    assert!(body.contains(&day(audited)), "when it was checked");
    for feature in facts["features"].as_array().expect("features") {
        let code = feature["feature"].as_str().expect("feature");
        let group = tiepcan::domain::checklist::Feature::ALL
            .iter()
            .find(|f| f.as_str() == code)
            .expect("a known group");
        let label =
            tiepcan::views::labels::feature_label(*group).get(tiepcan::domain::lang::Lang::Vi);
        let said = match feature["state"].as_str() {
            Some("works") => format!("{label}: <strong>dùng được"),
            Some("does_not_work") => format!("{label}: <strong>chưa dùng được"),
            _ => continue,
        };
        assert!(body.contains(&said), "{said}");
    }
    let version = body
        .split("phiên bản ")
        .nth(1)
        .and_then(|rest| rest.chars().next());
    assert!(
        version.is_some_and(|c| c.is_ascii_digit()),
        "the checklist's version"
    );
    for barrier in facts["barriers"].as_array().expect("barriers") {
        assert!(
            body.contains(
                barrier["barrier"]["vi"]
                    .as_str()
                    .expect("its barrier wording")
            ),
            "{barrier}"
        );
        if let Some(planned) = barrier["planned_for"].as_str() {
            assert!(body.contains(&day(planned)), "planned for {planned}");
        }
    }
    for photo in facts["photos"].as_array().expect("photos") {
        let id = photo["id"].as_str().expect("id");
        assert!(body.contains(&format!("/api/v1/public/photos/{id}/thumb")));
    }
    assert!(
        !facts["photos"].as_array().expect("photos").is_empty()
            && !body.contains("loading=\"lazy\""),
        "a printed statement has every photo at once"
    );
    assert_eq!(
        qr_text(body),
        format!("http://tiepcan.test/sites/{id}"),
        "the QR code opens the site's public page"
    );
    assert!(
        body.contains("role=\"img\" aria-label=\"Quét mã"),
        "the code is named"
    );
    let site_page = app.get(&format!("/sites/{id}")).await;
    assert!(
        site_page.body.matches("/thumb\" alt=").count()
            == site_page.body.matches("loading=\"lazy\"").count()
            && site_page.body.contains("loading=\"lazy\""),
        "on the site page the photos come as the reader scrolls to them"
    );
    assert!(
        site_page.body.contains(&format!("/sites/{id}/statement")),
        "linked from the site page"
    );

    let mut conn = app.db().conn().await.expect("conn");
    let people = tiepcan::store::users::all(&mut conn).await.expect("users");
    drop(conn);
    for person in people {
        assert!(
            !body.contains(&person.display_name),
            "{}",
            person.display_name
        );
    }

    let english = app.get(&format!("/sites/{id}/statement?lang=en")).await;
    assert!(english.body.contains("Accessibility statement"));
    let unknown = app
        .get("/sites/01a23492-8908-726e-9135-c5b284ca6150/statement")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("lang=\"vi\""));
}
