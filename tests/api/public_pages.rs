//! The public page of a site as a visitor reads it: each barrier that remains in its own
//! words with what was measured beside the rule, slopes and decimals as the language writes
//! them, "none here" told apart from "not checked", and only the parts its kind of site has.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, answers_for, office, put_answers, start_as};
use crate::remediation::{DOOR, submit_and_approve};

/// The ramp's slope at a public building.
const SLOPE: &str = "ramp.slope";

/// `o` after an approved audit that found the door 85.05 cm wide, the ramp at 1:10 and
/// the place without a car park.
async fn audited(o: &Office) {
    let audit = start_as(o, &o.inspector).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let fails = [
        (DOOR, json!({ "value": "85,05", "unit": "cm" })),
        (SLOPE, json!({ "value": "1:10" })),
    ];
    let answers = answers_for(&audit, &["parking"], &fails);
    let reply = put_answers(o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    for item in [
        DOOR,
        SLOPE,
        "entrance.accessible_entrance",
        "toilet.accessible_present",
    ] {
        let sent = crate::audits::upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &crate::audits::photo(7, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    submit_and_approve(o, &o.inspector, &id).await;
}

/// The part of `page` from `start` to the next `end`.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {page}"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[tokio::test]
async fn each_barrier_reads_as_the_barrier_with_the_value_beside_the_rule_and_slopes_as_typed() {
    let o = office().await;
    audited(&o).await;
    let page = o.app.get(&format!("/sites/{}", o.site)).await;
    assert_eq!(page.status, StatusCode::OK);
    let barriers = between(&page.body, "Những rào cản còn lại", "</ul>");
    assert!(
        barriers.contains("Cửa lối vào quá hẹp: 850,5 mm, cần ≥ 900 mm"),
        "the barrier, not the requirement, with the value and the rule: {barriers}"
    );
    assert!(
        barriers.contains("Đường dốc quá dốc: 1:10 (10 %), cần ≤ 1:12 (8,3 %)"),
        "the slope as typed: {barriers}"
    );
    assert!(
        !barriers.contains("Chiều rộng thông thủy cửa đi của lối vào"),
        "the requirement is not listed as the barrier: {barriers}"
    );
    let measured = between(&page.body, "Số đo khi kiểm tra", "</ul>");
    assert!(measured.contains("1:10 (10 %)"), "{measured}");
    assert!(!measured.contains("0.1 "), "no fraction for a slope");
    assert!(measured.contains("850,5 mm"), "a decimal comma: {measured}");

    let english = o.app.get(&format!("/sites/{}?lang=en", o.site)).await;
    let barriers = between(&english.body, "Barriers that remain", "</ul>");
    assert!(
        barriers.contains("The entrance door is too narrow: 850.5 mm, needs ≥ 900 mm"),
        "{barriers}"
    );
    assert!(
        barriers.contains("The ramp is too steep: 1:10 (10 %), needs ≤ 1:12 (8.3 %)"),
        "{barriers}"
    );

    let statement = o.app.get(&format!("/sites/{}/statement", o.site)).await;
    assert!(
        statement
            .body
            .contains("Cửa lối vào quá hẹp: 850,5 mm, cần ≥ 900 mm"),
        "the statement says the same"
    );

    let facts: Value = o
        .app
        .get(&format!("/api/v1/public/sites/{}", o.site))
        .await
        .json();
    let door = facts["barriers"]
        .as_array()
        .expect("barriers")
        .iter()
        .find(|b| b["item"] == DOOR)
        .expect("the door")
        .clone();
    assert_eq!(door["barrier"]["vi"], "Cửa lối vào quá hẹp");
    assert_eq!(door["barrier"]["en"], "The entrance door is too narrow");
    assert_eq!(door["value"], 850.5, "programs still get the number");
}

#[tokio::test]
async fn a_part_the_place_has_none_of_says_none_here_and_a_committee_office_lists_no_boarding() {
    let o = office().await;
    audited(&o).await;
    let page = o.app.get(&format!("/sites/{}", o.site)).await;
    let parts = between(
        &page.body,
        "Từng phần của địa điểm",
        "Những rào cản còn lại",
    );
    assert!(
        parts.contains("Không có ở đây: Chỗ đỗ xe"),
        "no car park is none here: {parts}"
    );
    assert!(
        !parts.contains("Chưa kiểm tra"),
        "nothing else was left unchecked: {parts}"
    );
    assert!(
        !parts.contains("Lên xuống xe"),
        "a people's committee office is asked about no boarding: {parts}"
    );
    let english = o.app.get(&format!("/sites/{}?lang=en", o.site)).await;
    assert!(english.body.contains("None here: Parking"));
    let facts: Value = o
        .app
        .get(&format!("/api/v1/public/sites/{}", o.site))
        .await
        .json();
    assert_eq!(facts["none_here"], json!(["parking"]));
}

#[tokio::test]
async fn a_filter_lands_on_the_list_and_says_how_many_sites_match() {
    let app = crate::common::spawn(crate::common::Demo::Full).await;
    let toilets = app
        .get("/api/v1/public/sites.geojson?feature=toilet&limit=5000")
        .await
        .json();
    let n = toilets["features"].as_array().expect("features").len();
    assert!(
        n > 5,
        "the demo has more accessible toilets than a page of 5"
    );
    let page = app.get("/?feature=toilet&limit=5").await;
    assert_eq!(page.status, StatusCode::OK);
    let list = between(&page.body, "id=\"home-list\"", "</section>");
    assert!(
        list.contains(&format!("{n} địa điểm phù hợp với bộ lọc")),
        "all that match, not the page's five: {list}"
    );
    assert_eq!(list.matches("<li><a href=\"/sites/").count(), 5);
    assert!(list.contains("href=\"/#home-list\">Bỏ lọc</a>"), "{list}");
    assert!(
        list.contains("#home-list\" rel=\"next\""),
        "the next page lands on the list too: {list}"
    );

    let all = app.get("/").await;
    let registered = tiepcan::store::sites::count(&mut app.db().conn().await.expect("conn"))
        .await
        .expect("count");
    assert!(
        all.body
            .contains(&format!("{registered} địa điểm đã đăng ký")),
        "without a filter, every registered site"
    );

    let first = toilets["features"][0]["properties"]["id"]
        .as_str()
        .expect("id");
    let site = app.get(&format!("/api/v1/sites/{first}")).await.json();
    let area_id = site["area"]["id"].as_str().expect("the site's area");
    let in_area = app.get(&format!("/?area={area_id}")).await;
    assert!(
        in_area
            .body
            .contains(&format!("href=\"/areas/{area_id}\">Trang của ")),
        "the area filter leads to the area's page"
    );
}
