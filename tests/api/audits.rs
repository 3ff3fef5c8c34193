//! Audits through the API: start, answer, submit, review; the findings and level approval
//! makes; and every bad request of the inspector's and reviewer's day.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::{Demo, TestApp, spawn};
use tiepcan::domain::user::Role;

/// A building of the construction department, and the people who work on it.
pub struct Office {
    pub app: TestApp,
    pub inspector: String,
    pub reviewer: String,
    pub site: String,
}

/// An app with a commune office, its department's inspector and reviewer.
pub async fn office() -> Office {
    office_with(commune_office()).await
}

/// The commune office most audit tests are of.
pub fn commune_office() -> Value {
    json!({
        "name": "UBND phường Chi Lăng",
        "kind": "public_building",
        "subtype": "people_committee",
        "address": "Phố Lê Lợi",
        "lat": 21.8530,
        "lon": 106.7610,
        "department": "construction"
    })
}

/// An app with `site` registered, and an inspector and a reviewer of its department.
pub async fn office_with(site: Value) -> Office {
    office_in(spawn(Demo::Yes).await, site).await
}

/// `app` (with the demo's 2020 structure) with `site` registered, and an inspector and a
/// reviewer of its department.
pub async fn office_in(app: TestApp, site: Value) -> Office {
    let department = site["department"].as_str().expect("department");
    let inspector = app
        .token("thanh.kt", Role::Inspector, Some(department))
        .await;
    let reviewer = app
        .token("hoa.duyet", Role::Reviewer, Some(department))
        .await;
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(&inspector)
        .json(&site)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let site = reply.json()["id"].as_str().expect("id").to_owned();
    Office {
        app,
        inspector,
        reviewer,
        site,
    }
}

/// Starts an audit with a new key; returns it.
pub async fn start(o: &Office) -> Value {
    start_as(o, &o.inspector).await
}

/// Starts an audit as `token` with a new key; returns it.
pub async fn start_as(o: &Office, token: &str) -> Value {
    let key = uuid::Uuid::now_v7().to_string();
    let reply = o
        .app
        .call("POST", &format!("/api/v1/sites/{}/audits", o.site))
        .bearer(token)
        .json(&json!({ "key": key, "lat": 21.8531, "lon": 106.7611, "accuracy": 12.0 }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

/// Sends a batch of answers as `token`.
pub async fn put_answers(
    o: &Office,
    token: &str,
    audit: &str,
    answers: &Value,
) -> crate::common::Reply {
    o.app
        .call("PUT", &format!("/api/v1/audits/{audit}/answers"))
        .bearer(token)
        .json(answers)
        .send()
        .await
}

#[tokio::test]
async fn the_same_key_from_the_same_person_starts_one_audit() {
    let o = office().await;
    let key = uuid::Uuid::now_v7().to_string();
    let uri = format!("/api/v1/sites/{}/audits", o.site);
    let first = o
        .app
        .call("POST", &uri)
        .bearer(&o.inspector)
        .json(&json!({ "key": key }))
        .send()
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = o
        .app
        .call("POST", &uri)
        .bearer(&o.inspector)
        .json(&json!({ "key": key }))
        .send()
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(first.json()["id"], again.json()["id"]);
    let audit = first.json();
    assert_eq!(audit["state"], "draft");
    assert_eq!(audit["checklist"]["id"], "public-building");
    assert_eq!(audit["inspector"]["username"], "thanh.kt");
    assert_eq!(audit["department"]["code"], "construction");
    let list = o
        .app
        .call("GET", "/api/v1/audits?mine=true")
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(list.json()["items"].as_array().expect("items").len(), 1);
}

#[tokio::test]
async fn a_batch_with_bad_answers_names_each_and_saves_none() {
    let o = office().await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id");
    let reply = put_answers(
        &o,
        &o.inspector,
        id,
        &json!([
            { "item": "entrance.door_width", "value": 95, "unit": "cm" },
            { "item": "entrance.door_width_x", "result": "pass" },
            { "item": "parking.accessible_spaces_count", "value": 3, "unit": "kg" },
            { "item": "ramp.clear_width", "value": -5, "unit": "cm" },
            { "item": "ramp.run_length", "value": "khá dài", "unit": "m" },
            { "item": "inside.door_width", "value": 90, "unit": "kg" },
        ]),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let fields = reply.json()["error"]["fields"].clone();
    assert!(fields.get("entrance.door_width_x").is_some(), "{fields}");
    assert!(
        fields.get("parking.accessible_spaces_count").is_some(),
        "{fields}"
    );
    let said = |item: &str| fields[item].as_str().unwrap_or_default().to_owned();
    assert!(said("ramp.clear_width").contains("âm"), "{fields}");
    assert!(said("ramp.run_length").contains("số"), "{fields}");
    assert!(said("inside.door_width").contains("kg"), "{fields}");
    assert!(
        said("inside.door_width").contains("mm"),
        "names the units it takes: {fields}"
    );
    let read = o
        .app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(
        read.json()["answers"],
        json!([]),
        "nothing of the batch is kept"
    );
}

#[tokio::test]
async fn a_draft_is_not_reviewed_and_a_return_needs_a_comment() {
    let o = office().await;
    let audit = start(&o).await;
    let uri = format!(
        "/api/v1/audits/{}/review",
        audit["id"].as_str().expect("id")
    );
    let review = |body: Value| {
        o.app
            .call("POST", &uri)
            .bearer(&o.reviewer)
            .json(&body)
            .send()
    };
    let early = review(json!({ "decision": "approve" })).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert!(
        early.json()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("bản nháp")
    );
    let bare = review(json!({ "decision": "return" })).await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.body
    );
    assert!(bare.json()["error"]["fields"].get("comment").is_some());
}

/// Answers for every asked item of `audit` (as the API returns it): sections in `skip`
/// are marked not applicable in one answer each; items in `fails` get the given answer
/// (a result or a value); items whose `requires` is failed or not applicable are left
/// out, as they are not asked; every other item passes (a measure at a value its range takes, a count with
/// every space accessible).
pub fn answers_for(audit: &Value, skip: &[&str], fails: &[(&str, Value)]) -> Vec<Value> {
    let mut out = Vec::new();
    let failed: Vec<&str> = fails
        .iter()
        .filter(|(_, a)| {
            a.get("result") == Some(&json!("fail"))
                || a.get("result") == Some(&json!("not_applicable"))
                || a.get("value").is_some()
        })
        .map(|(code, _)| *code)
        .collect();
    for section in audit["checklist"]["sections"].as_array().expect("sections") {
        let code = section["code"].as_str().expect("code");
        if skip.contains(&code) {
            out.push(json!({ "section": code, "result": "not_applicable" }));
            continue;
        }
        for item in section["items"].as_array().expect("items") {
            let code = item["code"].as_str().expect("code");
            if item["requires"]
                .as_str()
                .is_some_and(|r| failed.contains(&r))
            {
                continue;
            }
            if let Some((_, answer)) = fails.iter().find(|(c, _)| *c == code) {
                let mut answer = answer.clone();
                answer["item"] = json!(code);
                out.push(answer);
                continue;
            }
            let spec = &item["answer"];
            out.push(match spec["type"].as_str().expect("type") {
                "yes_no" => json!({ "item": code, "result": "pass" }),
                "measure" => {
                    // A strict bound ("more than 20 s") fails at the bound itself.
                    let beyond = if spec["strict"] == json!(true) {
                        0.5
                    } else {
                        0.0
                    };
                    let value = match (spec["min"].as_f64(), spec["max"].as_f64()) {
                        (Some(min), Some(max)) => (min + max) / 2.0,
                        (Some(min), None) => min + beyond,
                        (None, Some(max)) => max - beyond * max,
                        (None, None) => panic!("{code}: a measure without a range"),
                    };
                    json!({ "item": code, "value": value, "unit": spec["unit"] })
                }
                "count" => json!({ "item": code, "total": 12, "provided": 12 }),
                other => panic!("{code}: answer type {other}"),
            });
        }
    }
    out
}

/// A small JPEG of a scene, different for each seed, with the camera at `gps`.
pub fn photo(seed: u64, gps: Option<(f64, f64)>) -> Vec<u8> {
    use tiepcan::domain::photo::sample::{self, SampleExif};
    let jpeg = sample::camera_jpeg(&sample::scene(640, 480, seed), 85);
    let exif = SampleExif {
        orientation: Some(1),
        taken: Some("2026:11:30 09:15:00".into()),
        offset: Some("+07:00".into()),
        gps,
        big_endian: false,
    };
    sample::with_exif(&jpeg, &sample::exif_tiff(&exif))
}

/// Uploads `bytes` as a photo of `item` on `audit`, as `token`.
pub async fn upload(
    app: &crate::common::TestApp,
    token: &str,
    audit: &str,
    item: Option<&str>,
    bytes: &[u8],
) -> crate::common::Reply {
    let fields: Vec<(&str, &str)> = item.map(|i| ("item", i)).into_iter().collect();
    app.call("POST", &format!("/api/v1/audits/{audit}/photos"))
        .bearer(token)
        .multipart(&fields, &[("file", "IMG_0001.jpg", "image/jpeg", bytes)])
        .send()
        .await
}

async fn get_json(o: &Office, token: &str, uri: &str) -> Value {
    let reply = o.app.call("GET", uri).bearer(token).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply.json()
}

/// The codes of a list of findings.
fn codes(findings: &Value) -> Vec<String> {
    let mut codes: Vec<String> = findings["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| f["item"].as_str().expect("item").to_owned())
        .collect();
    codes.sort();
    codes
}

#[tokio::test]
async fn an_audit_goes_from_draft_through_return_to_approval_with_the_findings_it_implies() {
    let o = office().await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let uri = format!("/api/v1/audits/{id}");
    // Optional sections the building does not have, each in one answer; a missing
    // accessible toilet (a gate: its details are not asked), a narrow door, a sign without
    // contrast; and two failures that are advice, not findings: a `standard` item and a
    // regulation item whose clause is not read in the signed text.
    let skip = ["lift", "seating", "health", "hotel", "refuge", "steps"];
    let fails = [
        ("toilet.accessible_present", json!({ "result": "fail" })),
        ("entrance.door_width", json!({ "value": 70, "unit": "cm" })),
        ("signage.contrast", json!({ "result": "fail" })),
        ("ramp.handrail_height", json!({ "value": 1.2, "unit": "m" })),
        (
            "inside.services_step_free",
            json!({ "result": "fail", "note": "Phòng một cửa ở tầng 2" }),
        ),
    ];
    let mut answers = answers_for(&audit, &skip, &fails);
    // A measured failure the inspector overrides, with the note that says why: the
    // reviewer sees both results.
    answers.retain(|a| a["item"] != "inside.door_width");
    answers.push(
        json!({ "item": "inside.door_width", "value": 750, "unit": "mm",
        "result": "pass", "note": "Cửa đôi: cánh bên cạnh mở cùng, tổng 1500 mm" }),
    );
    let reply = put_answers(&o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let saved = reply.json();
    let door = saved["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["item"] == "entrance.door_width")
        .expect("door answer")
        .clone();
    assert_eq!(
        door["value"],
        json!(700.0),
        "stored in the item's unit: {door}"
    );
    assert_eq!(door["result"], "fail");
    assert_eq!(
        saved["missing"]["answers"],
        json!([]),
        "{}",
        saved["missing"]
    );
    let inner = saved["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["item"] == "inside.door_width")
        .expect("inner door")
        .clone();
    assert_eq!(
        (&inner["computed"], &inner["result"], &inner["overridden"]),
        (&json!("fail"), &json!("pass"), &json!(true)),
        "{inner}"
    );

    // The whole batch is one event; sent again, as a phone that lost its connection does,
    // it changes nothing and logs nothing.
    let admin = o.app.token("root.audit", Role::Admin, None).await;
    let events = |admin: String| {
        let app = &o.app;
        let uri = format!("/api/v1/events?action=audit.answer&entity_id={id}");
        async move {
            let reply = app.call("GET", &uri).bearer(&admin).send().await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            reply.json()["items"].as_array().expect("items").len()
        }
    };
    assert_eq!(
        events(admin.clone()).await,
        1,
        "{} answers, one event",
        answers.len()
    );
    let again = put_answers(&o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.json()["version"], saved["version"], "nothing changed");
    assert_eq!(events(admin.clone()).await, 1, "and nothing was logged");

    // Submitting without the photos the checklist asks for names each item.
    let submit = |token: String| {
        let uri = format!("{uri}/submit");
        let app = &o.app;
        async move { app.call("POST", &uri).bearer(&token).send().await }
    };
    let early = submit(o.inspector.clone()).await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        early.body
    );
    let mut want_photos: Vec<&str> = vec![
        "entrance.accessible_entrance",
        "entrance.door_width",
        "inside.services_step_free",
        "ramp.handrail_height",
        "signage.contrast",
        "toilet.accessible_present",
    ];
    want_photos.sort();
    let mut missing: Vec<String> = saved["missing"]["photos"]
        .as_array()
        .expect("photos")
        .iter()
        .map(|c| c.as_str().expect("code").to_owned())
        .collect();
    missing.sort();
    assert_eq!(missing, want_photos);
    for (n, item) in want_photos.iter().enumerate() {
        let reply = upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &photo(n as u64, None),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{item}: {}", reply.body);
    }
    let submitted = submit(o.inspector.clone()).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    assert_eq!(submitted.json()["state"], "submitted");
    let twice = submit(o.inspector.clone()).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    let seen_by_reviewer = get_json(&o, &o.reviewer, &uri).await;
    let inner = seen_by_reviewer["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["item"] == "inside.door_width")
        .expect("inner door")
        .clone();
    assert_eq!(inner["overridden"], true, "the reviewer sees the override");
    assert_eq!(
        inner["note"],
        "Cửa đôi: cánh bên cạnh mở cùng, tổng 1500 mm"
    );
    let coordinator = o.app.token("dieu.phoi", Role::Coordinator, None).await;
    assert_eq!(
        get_json(&o, &coordinator, &uri).await["state"],
        "submitted",
        "coordinators read every submitted audit"
    );

    // The reviewer returns it; the inspector sees why, fixes the sign and resubmits.
    let review = |body: Value| {
        let uri = format!("{uri}/review");
        let app = &o.app;
        let token = o.reviewer.clone();
        async move {
            app.call("POST", &uri)
                .bearer(&token)
                .json(&body)
                .send()
                .await
        }
    };
    let comment = "Biển báo đã được thay hôm qua, đề nghị kiểm tra lại.";
    let returned = review(json!({ "decision": "return", "comment": comment })).await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
    let seen = get_json(&o, &o.inspector, &uri).await;
    assert_eq!(seen["state"], "returned");
    assert_eq!(seen["review_comment"], comment);
    let fixed = put_answers(
        &o,
        &o.inspector,
        &id,
        &json!([{ "item": "signage.contrast", "result": "pass" }]),
    )
    .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    assert_eq!(submit(o.inspector.clone()).await.status, StatusCode::OK);
    let none = get_json(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}", o.site),
    )
    .await;
    assert_eq!(
        codes(&none),
        Vec::<String>::new(),
        "no findings before approval"
    );

    let approved = review(json!({ "decision": "approve" })).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    assert_eq!(approved.json()["state"], "approved");

    // Findings: the two failed compliance items, not the advice, not the gated details.
    let findings = get_json(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}", o.site),
    )
    .await;
    assert_eq!(
        codes(&findings),
        vec!["entrance.door_width", "toilet.accessible_present"]
    );
    let door = findings["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|f| f["item"] == "entrance.door_width")
        .expect("door")
        .clone();
    assert_eq!(door["state"], "open");
    assert_eq!(door["severity"], "major");
    assert_eq!(door["feature"], "entrance");
    assert_eq!(door["clause"], "QCVN 10:2024/BXD 2.3.1");
    assert_eq!(door["value"], json!(700.0));
    assert_eq!(door["department"]["code"], "construction");
    assert_eq!(
        door["photos"].as_array().expect("photos").len(),
        1,
        "{door}"
    );
    let by_dept = get_json(
        &o,
        &o.reviewer,
        &format!(
            "/api/v1/findings?department=construction&state=open&site={}",
            o.site
        ),
    )
    .await;
    assert_eq!(codes(&by_dept), codes(&findings));

    // The level: two major barriers, none critical: partly accessible.
    let public = o.app.get(&format!("/api/v1/public/sites/{}", o.site)).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    let public = public.json();
    assert_eq!(public["level"], "partly");
    assert_eq!(public["wheelchair"], "limited");
    assert_eq!(
        (
            public["critical"].clone(),
            public["major"].clone(),
            public["minor"].clone()
        ),
        (json!(0), json!(2), json!(0))
    );
    let state_of = |feature: &str| {
        public["features"]
            .as_array()
            .expect("features")
            .iter()
            .find(|f| f["feature"] == feature)
            .map(|f| f["state"].clone())
            .unwrap_or_else(|| panic!("{feature} in {}", public["features"]))
    };
    assert_eq!(state_of("entrance"), "does_not_work");
    assert_eq!(state_of("toilet"), "does_not_work");
    assert_eq!(state_of("parking"), "works");
    assert_eq!(state_of("signage"), "works");
    assert_eq!(state_of("lift"), "not_checked");
    assert_eq!(public["barriers"].as_array().expect("barriers").len(), 2);
    assert_eq!(
        public["photos"].as_array().expect("photos").len(),
        want_photos.len()
    );
}

/// An audit started by `token`, every item passing (the optional sections answered), with
/// the photos the checklist always asks for, submitted; its id.
pub async fn submitted_by(o: &Office, token: &str) -> String {
    let audit = start_as(o, token).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let reply = put_answers(o, token, &id, &json!(answers_for(&audit, &[], &[]))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    for (n, item) in ["entrance.accessible_entrance", "toilet.accessible_present"]
        .iter()
        .enumerate()
    {
        let sent = upload(&o.app, token, &id, Some(item), &photo(100 + n as u64, None)).await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    let sent = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/submit"))
        .bearer(token)
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    id
}

#[tokio::test]
async fn a_submitted_audit_cannot_be_edited_and_keeps_what_was_saved() {
    let o = office().await;
    let id = submitted_by(&o, &o.inspector).await;
    let before = get_json(&o, &o.inspector, &format!("/api/v1/audits/{id}")).await;
    let edit = put_answers(
        &o,
        &o.inspector,
        &id,
        &json!([{ "item": "entrance.door_width", "value": 60, "unit": "cm" }]),
    )
    .await;
    assert_eq!(edit.status, StatusCode::CONFLICT, "{}", edit.body);
    assert!(
        edit.json()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("đã được nộp"),
        "{}",
        edit.body
    );
    let photo_reply = upload(&o.app, &o.inspector, &id, None, &photo(1, None)).await;
    assert_eq!(
        photo_reply.status,
        StatusCode::CONFLICT,
        "{}",
        photo_reply.body
    );
    let first = before["photos"][0]["id"].as_str().expect("photo id");
    let removed = o
        .app
        .call("DELETE", &format!("/api/v1/audits/{id}/photos/{first}"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(removed.status, StatusCode::CONFLICT, "{}", removed.body);
    let again = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/submit"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    let after = get_json(&o, &o.inspector, &format!("/api/v1/audits/{id}")).await;
    assert_eq!(after["answers"], before["answers"]);
    assert_eq!(after["photos"], before["photos"]);
    assert_eq!(after["version"], before["version"]);
}

#[tokio::test]
async fn a_reviewer_may_not_approve_their_own_audit_nor_one_of_another_department() {
    let o = office().await;
    let own = submitted_by(&o, &o.reviewer).await;
    let approve = |id: String, token: String| {
        let app = &o.app;
        async move {
            app.call("POST", &format!("/api/v1/audits/{id}/review"))
                .bearer(&token)
                .json(&json!({ "decision": "approve" }))
                .send()
                .await
        }
    };
    let mine = approve(own.clone(), o.reviewer.clone()).await;
    assert_eq!(mine.status, StatusCode::FORBIDDEN, "{}", mine.body);
    let other = o
        .app
        .token("mai.duyet", Role::Reviewer, Some("culture"))
        .await;
    let theirs = submitted_by(&o, &o.inspector).await;
    let elsewhere = approve(theirs.clone(), other).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::NOT_FOUND,
        "{}",
        elsewhere.body
    );
    let coordinator = o.app.token("phuong.dp", Role::Coordinator, None).await;
    let reader = approve(theirs.clone(), coordinator).await;
    assert_eq!(reader.status, StatusCode::FORBIDDEN, "{}", reader.body);
    for id in [own, theirs] {
        let audit = get_json(&o, &o.reviewer, &format!("/api/v1/audits/{id}")).await;
        assert_eq!(audit["state"], "submitted", "still waiting for a reviewer");
    }
    let colleague = o
        .app
        .token("lan.duyet", Role::Reviewer, Some("construction"))
        .await;
    let id = get_json(&o, &o.reviewer, "/api/v1/audits?state=submitted").await["items"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(approve(id, colleague).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_slope_read_back_is_the_same_number_so_sending_it_again_changes_nothing() {
    let o = office().await;
    let audit = start(&o).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    // 1:12 and 1:14 are fractions no 15-digit decimal writes exactly.
    let answers = json!([
        { "item": "ramp.slope", "value": "1:12" },
        { "item": "ramp.run_length", "value": "8,3 m" },
    ]);
    let saved = put_answers(&o, &o.inspector, &id, &answers).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let again = put_answers(&o, &o.inspector, &id, &answers).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(
        again.json()["version"],
        saved.json()["version"],
        "read back to the last bit, the same answers change nothing"
    );
}
