//! Every truthful way out of the shipped checklists, end to end: at a place of each
//! checklist that has none of the optional things (no lift, no counter, no kerb, no bell,
//! no shelter, no door at an open-air site), the inspector answers the optional sections
//! and the items that may be not applicable as such, everything else passes, the audit is
//! submitted and approved, and no finding is opened.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, answers_for, office_with, photo, put_answers, start, upload};
use crate::remediation::submit_and_approve;

/// A site of `subtype` (of `kind`) of `department`, with that department's inspector and
/// reviewer.
async fn place(kind: &str, subtype: &str, department: &str) -> Office {
    office_with(json!({
        "name": format!("Nơi kiểm tra {subtype}"),
        "kind": kind,
        "subtype": subtype,
        "lat": 21.8530,
        "lon": 106.7610,
        "department": department
    }))
    .await
}

/// Every optional section of `audit`'s checklist, and every item that may be answered not
/// applicable on its own.
fn ways_out(audit: &Value) -> (Vec<String>, Vec<String>) {
    let sections = audit["checklist"]["sections"].as_array().expect("sections");
    let optional = sections
        .iter()
        .filter(|s| s["optional"] == json!(true))
        .map(|s| s["code"].as_str().expect("code").to_owned())
        .collect();
    let items = sections
        .iter()
        .filter(|s| s["optional"] != json!(true))
        .flat_map(|s| s["items"].as_array().expect("items"))
        .filter(|i| i["not_applicable_allowed"] == json!(true))
        .map(|i| i["code"].as_str().expect("code").to_owned())
        .collect();
    (optional, items)
}

async fn nothing_here_opens_no_finding(kind: &str, subtype: &str, department: &str) {
    let o = place(kind, subtype, department).await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let (sections, items) = ways_out(&audit);
    assert!(
        !sections.is_empty() || !items.is_empty(),
        "{subtype}: the checklist has ways out"
    );
    let skip: Vec<&str> = sections.iter().map(String::as_str).collect();
    let none: Vec<(&str, Value)> = items
        .iter()
        .map(|code| (code.as_str(), json!({ "result": "not_applicable" })))
        .collect();
    let answers = answers_for(&audit, &skip, &none);
    let reply = put_answers(&o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(reply.status, StatusCode::OK, "{subtype}: {}", reply.body);
    let saved = reply.json();
    assert_eq!(
        saved["missing"]["answers"],
        json!([]),
        "{subtype}: every asked item is answered"
    );
    let wanted: Vec<String> = saved["missing"]["photos"]
        .as_array()
        .expect("photos")
        .iter()
        .map(|p| p.as_str().expect("code").to_owned())
        .collect();
    for (n, item) in wanted.iter().enumerate() {
        let sent = upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &photo(300 + n as u64, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    submit_and_approve(&o, &o.inspector, &id).await;
    let findings = o
        .app
        .call("GET", &format!("/api/v1/findings?site={}", o.site))
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(findings.status, StatusCode::OK, "{}", findings.body);
    assert_eq!(
        findings.json()["items"],
        json!([]),
        "{subtype}: not applicable ({} sections, {} items) opens no finding",
        sections.len(),
        items.len()
    );
}

#[tokio::test]
async fn an_office_with_no_lift_counter_bell_or_stairs_has_no_finding() {
    nothing_here_opens_no_finding("public_building", "people_committee", "construction").await;
}

#[tokio::test]
async fn a_rural_stop_with_no_kerb_shelter_or_crossing_has_no_finding() {
    nothing_here_opens_no_finding("transport_stop", "bus_stop", "transport").await;
}

#[tokio::test]
async fn a_station_whose_levels_are_joined_by_a_ramp_has_no_finding() {
    nothing_here_opens_no_finding("transport_stop", "border_gate", "transport").await;
}

#[tokio::test]
async fn an_open_air_relic_with_no_door_desk_or_lift_has_no_finding() {
    nothing_here_opens_no_finding("cultural_site", "historic_site", "culture").await;
}
