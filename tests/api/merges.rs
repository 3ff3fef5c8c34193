//! A merge moves the open work: audits not yet approved and findings in every state follow
//! their sites to the department merged into, the people who move act on them there, and
//! the dashboard, the finding list, the report and the public page agree before and after.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::audits::{
    Office, answers_for, office, photo, put_answers, start_as, submitted_by, upload,
};
use crate::remediation::{
    DOOR, RAMP, SIGNS, day_from_today, follow_up, id_of, mark_fixed, step, submit_and_approve,
};

/// Seven failures, one for each state a finding can be in.
const ROUTE_SIGNED: &str = "approach.route_signed";
const SURFACE: &str = "approach.level_non_slip";
const GLARE: &str = "signage.no_glare";
const BRAILLE: &str = "signage.symbols_braille";

async fn get(o: &Office, token: &str, uri: &str) -> Value {
    let reply = o.app.call("GET", uri).bearer(token).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply.json()
}

async fn photograph(o: &Office, token: &str, audit: &str, items: &[&str], seed: u64) {
    for (n, item) in items.iter().enumerate() {
        let sent = upload(
            &o.app,
            token,
            audit,
            Some(item),
            &photo(seed + n as u64, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
}

/// The site's findings by item, with their states.
async fn states(o: &Office, token: &str) -> BTreeMap<String, String> {
    let list = get(o, token, &format!("/api/v1/findings?site={}", o.site)).await;
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| {
            (
                f["item"].as_str().expect("item").to_owned(),
                f["state"].as_str().expect("state").to_owned(),
            )
        })
        .collect()
}

/// The dashboard's counts of one department's findings, by state.
async fn dashboard(o: &Office, token: &str, department: &str) -> BTreeMap<String, u64> {
    let list = get(
        o,
        token,
        &format!("/api/v1/findings?department={department}&limit=500"),
    )
    .await;
    serde_json::from_value(list["counts"]["by_state"].clone()).expect("counts")
}

/// The report's count figures for each department, and the province's.
async fn report(
    o: &Office,
    token: &str,
) -> (
    BTreeMap<String, BTreeMap<String, u64>>,
    BTreeMap<String, u64>,
) {
    let today = o.app.services().today();
    let uri = format!(
        "/api/v1/reports?from={}-01-01&to={today}&format=json",
        today.format("%Y")
    );
    let r = get(o, token, &uri).await;
    let counts = |figures: &Value| -> BTreeMap<String, u64> {
        figures
            .as_object()
            .expect("figures")
            .iter()
            .filter_map(|(k, v)| v.as_u64().map(|n| (k.clone(), n)))
            .collect()
    };
    let groups = r["by_department"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (g["code"].as_str().expect("code").to_owned(), counts(g)))
        .collect();
    (groups, counts(&r["total"]))
}

fn sum(a: &BTreeMap<String, u64>, b: &BTreeMap<String, u64>) -> BTreeMap<String, u64> {
    let mut out = a.clone();
    for (k, v) in b {
        *out.entry(k.clone()).or_default() += v;
    }
    out.retain(|_, v| *v > 0);
    out
}

fn nonzero(mut m: BTreeMap<String, u64>) -> BTreeMap<String, u64> {
    m.retain(|_, v| *v > 0);
    m
}

#[tokio::test]
async fn a_merge_moves_audits_and_findings_in_every_state_and_the_moved_people_act_on_them() {
    let o = office().await;
    let admin = o.app.token("root", Role::Admin, None).await;
    let coordinator = o.app.token("dieu.phoi", Role::Coordinator, None).await;
    let second = o
        .app
        .token("kt2", Role::Inspector, Some("construction"))
        .await;

    // Seven findings from one approved audit.
    let audit = start_as(&o, &o.inspector).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let fail = json!({ "result": "fail" });
    let fails = [
        (RAMP, fail.clone()),
        (DOOR, json!({ "value": 700, "unit": "mm" })),
        (SIGNS, fail.clone()),
        (ROUTE_SIGNED, fail.clone()),
        (SURFACE, fail.clone()),
        (GLARE, fail.clone()),
        (BRAILLE, fail.clone()),
    ];
    let reply = put_answers(
        &o,
        &o.inspector,
        &id,
        &json!(answers_for(&audit, &[], &fails)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let failed: Vec<&str> = fails.iter().map(|(item, _)| *item).collect();
    photograph(&o, &o.inspector, &id, &failed, 10).await;
    photograph(
        &o,
        &o.inspector,
        &id,
        &["entrance.accessible_entrance", "toilet.accessible_present"],
        20,
    )
    .await;
    submit_and_approve(&o, &o.inspector, &id).await;
    let list = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}", o.site),
    )
    .await;
    let findings = list["items"].as_array().expect("items").clone();
    assert_eq!(findings.len(), 7, "{list}");

    // Verified and reopened: fixed, then checked again by someone else.
    for (n, item) in [RAMP, DOOR].iter().enumerate() {
        let fixed = mark_fixed(&o, &o.inspector, &id_of(&findings, item), 30 + n as u64).await;
        assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    }
    let started = follow_up(&o, &second).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    let check = started.json()["id"].as_str().expect("id").to_owned();
    let mut answers = vec![
        json!({ "item": RAMP, "result": "pass" }),
        json!({ "item": DOOR, "value": 700, "unit": "mm" }),
    ];
    for item in [SIGNS, ROUTE_SIGNED, SURFACE, GLARE, BRAILLE] {
        answers.push(json!({ "item": item, "result": "fail" }));
    }
    assert_eq!(
        put_answers(&o, &second, &check, &json!(answers))
            .await
            .status,
        StatusCode::OK
    );
    photograph(
        &o,
        &second,
        &check,
        &[DOOR, SIGNS, ROUTE_SIGNED, SURFACE, GLARE, BRAILLE],
        40,
    )
    .await;
    submit_and_approve(&o, &second, &check).await;
    // The rest by hand: planned, in progress, fixed, given up; one stays open.
    let due = day_from_today(&o, 30);
    let planned = json!({ "to": "planned", "due_date": due });
    for (item, body) in [
        (ROUTE_SIGNED, planned.clone()),
        (SURFACE, planned.clone()),
        (SURFACE, json!({ "to": "in_progress" })),
        (
            BRAILLE,
            json!({ "to": "wont_fix", "reason": "Di tích: không được khoan vào tường đá" }),
        ),
    ] {
        let done = step(&o, &o.reviewer, &id_of(&findings, item), body).await;
        assert_eq!(done.status, StatusCode::OK, "{item}: {}", done.body);
    }
    let fixed = mark_fixed(&o, &o.reviewer, &id_of(&findings, GLARE), 50).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let before = states(&o, &o.reviewer).await;
    let mut seen: Vec<&str> = before.values().map(String::as_str).collect();
    seen.sort_unstable();
    assert_eq!(
        seen,
        [
            "fixed",
            "in_progress",
            "open",
            "planned",
            "reopened",
            "verified",
            "wont_fix"
        ]
    );

    // Audits in every state but approved: a draft, a submitted one, a returned one.
    let draft = start_as(&o, &o.inspector).await;
    let draft = draft["id"].as_str().expect("id").to_owned();
    let submitted = submitted_by(&o, &second).await;
    let returned = submitted_by(&o, &o.inspector).await;
    let sent_back = o
        .app
        .call("POST", &format!("/api/v1/audits/{returned}/review"))
        .bearer(&o.reviewer)
        .json(&json!({ "decision": "return", "comment": "Thiếu ảnh lối vào phụ" }))
        .send()
        .await;
    assert_eq!(sent_back.status, StatusCode::OK, "{}", sent_back.body);

    let dashboard_before = (
        dashboard(&o, &coordinator, "construction").await,
        dashboard(&o, &coordinator, "transport").await,
    );
    let (groups_before, total_before) = report(&o, &coordinator).await;
    let public_uri = format!("/api/v1/public/sites/{}", o.site);
    let public_before = o.app.get(&public_uri).await.json();

    let merged = o
        .app
        .call("POST", "/api/v1/departments/construction/merge")
        .bearer(&admin)
        .json(&json!({ "into": "transport" }))
        .send()
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
    let merged = merged.json();
    assert!(merged["audits"].as_u64().expect("audits") >= 3, "{merged}");
    assert!(
        merged["findings"].as_u64().expect("findings") >= 7,
        "{merged}"
    );

    // The counts agree: transport now holds what both held, and nothing was lost.
    assert_eq!(
        nonzero(dashboard(&o, &coordinator, "transport").await),
        sum(&dashboard_before.0, &dashboard_before.1),
        "the dashboard"
    );
    let (groups_after, total_after) = report(&o, &coordinator).await;
    assert_eq!(total_after, total_before, "the report's province total");
    assert!(!groups_after.contains_key("construction"));
    assert_eq!(
        nonzero(groups_after["transport"].clone()),
        sum(&groups_before["construction"], &groups_before["transport"]),
        "the report's transport group"
    );
    assert_eq!(
        states(&o, &o.reviewer).await,
        before,
        "every finding kept its state"
    );
    let mut public_after = o.app.get(&public_uri).await.json();
    assert_eq!(
        public_after["department"]["en"], "Department of Transport",
        "{public_after}"
    );
    public_after["department"] = public_before["department"].clone();
    assert_eq!(
        public_after, public_before,
        "the public page says the same of the place"
    );

    // The moved people act on every moved audit and finding; transport's own reviewer may
    // too, and another department's may not.
    let transport = o
        .app
        .token("duyet.gt", Role::Reviewer, Some("transport"))
        .await;
    let culture = o
        .app
        .token("duyet.vh", Role::Reviewer, Some("culture"))
        .await;
    let planned_one = id_of(&findings, ROUTE_SIGNED);
    let moved_on = step(&o, &transport, &planned_one, json!({ "to": "in_progress" })).await;
    assert_eq!(
        moved_on.status,
        StatusCode::OK,
        "transport's reviewer: {}",
        moved_on.body
    );
    let refused = step(
        &o,
        &culture,
        &planned_one,
        json!({ "to": "wont_fix", "reason": "x" }),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let saved = put_answers(
        &o,
        &o.inspector,
        &draft,
        &json!([{ "item": RAMP, "result": "pass" }]),
    )
    .await;
    assert_eq!(
        saved.status,
        StatusCode::OK,
        "the moved inspector's draft: {}",
        saved.body
    );
    let resent = o
        .app
        .call("POST", &format!("/api/v1/audits/{returned}/submit"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(
        resent.status,
        StatusCode::OK,
        "the returned audit: {}",
        resent.body
    );
    let open_now = states(&o, &o.reviewer).await;
    for (item, state) in &open_now {
        let next = match state.as_str() {
            "open" | "reopened" => json!({ "to": "planned", "due_date": due }),
            "planned" => json!({ "to": "in_progress" }),
            "in_progress" => json!({ "to": "wont_fix", "reason": "Không còn sử dụng" }),
            "fixed" | "verified" | "wont_fix" => continue,
            other => panic!("{item}: {other}"),
        };
        let done = step(&o, &o.reviewer, &id_of(&findings, item), next).await;
        assert_eq!(
            done.status,
            StatusCode::OK,
            "{item} ({state}): {}",
            done.body
        );
    }
    for audit in [&submitted, &returned] {
        let approved = o
            .app
            .call("POST", &format!("/api/v1/audits/{audit}/review"))
            .bearer(&o.reviewer)
            .json(&json!({ "decision": "approve" }))
            .send()
            .await;
        assert_eq!(
            approved.status,
            StatusCode::OK,
            "the moved reviewer: {}",
            approved.body
        );
    }
    // Approved audits keep the department that approved them, as history, and stay
    // readable to the staff who took the site over.
    let first = get(&o, &o.reviewer, &format!("/api/v1/audits/{id}")).await;
    assert_eq!(first["state"], "approved");
    assert_eq!(first["department"]["code"], "construction");
    let resubmitted = get(&o, &o.reviewer, &format!("/api/v1/audits/{returned}")).await;
    assert_eq!(
        resubmitted["department"]["code"], "transport",
        "open work moved"
    );
}
