//! Remediation: findings planned, fixed with after-photos, verified by a later audit or
//! given up, the department dashboard and its CSV, and every illegal step refused.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, answers_for, office, photo, put_answers, start_as, upload};
use crate::common::Reply;
use tiepcan::domain::user::Role;

/// The three failures of the first audit: a missing ramp (critical, approach), a narrow
/// door (major, entrance), poor sign contrast (minor, signage).
pub const RAMP: &str = "approach.fixed_ramp_at_level_change";
pub const DOOR: &str = "entrance.door_width";
pub const SIGNS: &str = "signage.contrast";

/// `o` after an approved audit by its inspector with the three failures, each photographed.
pub async fn three_findings(o: &Office) -> Vec<Value> {
    let audit = start_as(o, &o.inspector).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let fails = [
        (RAMP, json!({ "result": "fail" })),
        (DOOR, json!({ "value": 700, "unit": "mm" })),
        (SIGNS, json!({ "result": "fail" })),
    ];
    let answers = answers_for(&audit, &[], &fails);
    let reply = put_answers(o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let photographed = [
        RAMP,
        DOOR,
        SIGNS,
        "entrance.accessible_entrance",
        "toilet.accessible_present",
    ];
    for (n, item) in photographed.iter().enumerate() {
        let sent = upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &photo(n as u64, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    submit_and_approve(o, &o.inspector, &id).await;
    let list = get(o, &o.reviewer, &format!("/api/v1/findings?site={}", o.site)).await;
    let items = list["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 3, "{list}");
    items
}

pub async fn submit_and_approve(o: &Office, inspector: &str, id: &str) {
    let sent = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/submit"))
        .bearer(inspector)
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let approved = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/review"))
        .bearer(&o.reviewer)
        .json(&json!({ "decision": "approve" }))
        .send()
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
}

async fn get(o: &Office, token: &str, uri: &str) -> Value {
    let reply = o.app.call("GET", uri).bearer(token).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply.json()
}

pub fn id_of(findings: &[Value], item: &str) -> String {
    findings
        .iter()
        .find(|f| f["item"] == item)
        .and_then(|f| f["id"].as_str())
        .unwrap_or_else(|| panic!("{item} among the findings"))
        .to_owned()
}

pub async fn step(o: &Office, token: &str, finding: &str, body: Value) -> Reply {
    o.app
        .call("POST", &format!("/api/v1/findings/{finding}/transitions"))
        .bearer(token)
        .json(&body)
        .send()
        .await
}

/// Marks `finding` fixed as `token` with one after-photo, by multipart.
pub async fn mark_fixed(o: &Office, token: &str, finding: &str, seed: u64) -> Reply {
    let bytes = photo(seed, None);
    o.app
        .call("POST", &format!("/api/v1/findings/{finding}/transitions"))
        .bearer(token)
        .multipart(
            &[
                ("to", "fixed"),
                ("comment", "Đã xây đường dốc 1:14 có tay vịn hai bên"),
            ],
            &[("file", "after.jpg", "image/jpeg", &bytes)],
        )
        .send()
        .await
}

/// [`office`] on a clock ten days back, and the real time now (to set the clock to later).
pub async fn office_ten_days_ago() -> (Office, chrono::DateTime<chrono::Utc>) {
    let mut o = office().await;
    let real_now = chrono::Utc::now();
    o.app = o
        .app
        .at_time(&(real_now - chrono::Duration::days(10)).to_rfc3339());
    (o, real_now)
}

/// The day `days` from today in the province, `YYYY-MM-DD`.
pub fn day_from_today(o: &Office, days: i64) -> String {
    (o.app.services().today() + chrono::Duration::days(days)).to_string()
}

/// Starts a follow-up audit of the site as `token`.
pub async fn follow_up(o: &Office, token: &str) -> Reply {
    let key = uuid::Uuid::now_v7().to_string();
    o.app
        .call("POST", &format!("/api/v1/sites/{}/audits", o.site))
        .bearer(token)
        .json(&json!({ "key": key, "follow_up": true }))
        .send()
        .await
}

fn items_of(audit: &Value) -> Vec<String> {
    let mut items: Vec<String> = audit["checklist"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["items"].as_array().expect("items").clone())
        .map(|i| i["code"].as_str().expect("code").to_owned())
        .collect();
    items.sort();
    items
}

#[tokio::test]
async fn a_finding_goes_from_failure_to_verified_fix_and_the_dashboard_csv_and_public_page_say_so()
{
    let o = office().await;
    let other_inspector = o
        .app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    let findings = three_findings(&o).await;
    let public = o.app.get(&format!("/api/v1/public/sites/{}", o.site)).await;
    assert_eq!(
        public.json()["level"],
        "not_accessible",
        "a missing ramp on the way in: {}",
        public.body
    );
    let (ramp, door, signs) = (
        id_of(&findings, RAMP),
        id_of(&findings, DOOR),
        id_of(&findings, SIGNS),
    );

    // The reviewer plans the door; an inspector marks the ramp fixed with a photo; the
    // reviewer decides the signs of the listed building will not change.
    let due = day_from_today(&o, 30);
    let planned = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "planned", "due_date": due, "assignee": "Ban quản lý dự án tỉnh",
                "budget_year": 2027, "comment": "Thay cửa trong quý I" }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    assert_eq!(planned.json()["state"], "planned");
    assert_eq!(planned.json()["due_date"], due);
    assert_eq!(planned.json()["budget_year"], 2027);
    let fixed = mark_fixed(&o, &o.inspector, &ramp, 50).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    assert_eq!(fixed.json()["state"], "fixed");
    assert_eq!(
        fixed.json()["photos_after"]
            .as_array()
            .expect("after")
            .len(),
        1
    );
    let reason = "Cổng là di tích được bảo vệ; không được thay đổi màu sơn";
    let given_up = step(
        &o,
        &o.reviewer,
        &signs,
        json!({ "to": "wont_fix", "reason": reason }),
    )
    .await;
    assert_eq!(given_up.status, StatusCode::OK, "{}", given_up.body);

    // A fixed barrier still stands until an audit verifies it.
    let public = o.app.get(&format!("/api/v1/public/sites/{}", o.site)).await;
    assert_eq!(public.json()["level"], "not_accessible");

    // Another inspector's follow-up holds the ramp and the door, not the signs.
    let started = follow_up(&o, &other_inspector).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    let audit = started.json();
    assert_eq!(items_of(&audit), vec![RAMP.to_owned(), DOOR.to_owned()]);
    let id = audit["id"].as_str().expect("id").to_owned();
    let outside = put_answers(
        &o,
        &other_inspector,
        &id,
        &json!([{ "item": SIGNS, "result": "pass" }]),
    )
    .await;
    assert_eq!(
        outside.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an item the follow-up does not hold: {}",
        outside.body
    );
    let answers = json!([
        { "item": RAMP, "result": "pass" },
        { "item": DOOR, "value": 720, "unit": "mm" },
    ]);
    let reply = put_answers(&o, &other_inspector, &id, &answers).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let sent = upload(&o.app, &other_inspector, &id, Some(DOOR), &photo(60, None)).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    submit_and_approve(&o, &other_inspector, &id).await;

    // The ramp is verified, the door still planned, the signs given up.
    let state_of = |list: &Value, item: &str| {
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|f| f["item"] == item)
            .map(|f| f["state"].clone())
            .unwrap_or(Value::Null)
    };
    let list = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}", o.site),
    )
    .await;
    assert_eq!(
        list["items"].as_array().expect("items").len(),
        3,
        "no new finding"
    );
    assert_eq!(state_of(&list, RAMP), "verified");
    assert_eq!(state_of(&list, DOOR), "planned");
    assert_eq!(state_of(&list, SIGNS), "wont_fix");
    let counts = &list["counts"];
    assert_eq!(counts["by_state"]["verified"], 1);
    assert_eq!(counts["by_state"]["planned"], 1);
    assert_eq!(counts["by_state"]["wont_fix"], 1);
    assert_eq!(counts["open_by_severity"]["major"], 1);
    assert_eq!(counts["open_by_severity"]["critical"], 0);
    assert_eq!(counts["awaiting_verification"], 0);
    assert_eq!(counts["overdue"], 0);
    let planned_only = get(
        &o,
        &o.reviewer,
        &format!(
            "/api/v1/findings?site={}&state=planned&severity=major",
            o.site
        ),
    )
    .await;
    assert_eq!(
        planned_only["items"].as_array().expect("items").len(),
        1,
        "{planned_only}"
    );

    // The ramp's history: marked fixed by the first inspector, verified by the follow-up.
    let detail = get(&o, &o.reviewer, &format!("/api/v1/findings/{ramp}")).await;
    let history = detail["history"].as_array().expect("history");
    assert_eq!(history.len(), 2, "{detail}");
    assert_eq!(
        (history[0]["from"].clone(), history[0]["to"].clone()),
        (json!("open"), json!("fixed"))
    );
    assert_eq!(history[0]["by"]["username"], "thanh.kt");
    assert_eq!(
        history[0]["comment"],
        "Đã xây đường dốc 1:14 có tay vịn hai bên"
    );
    assert_eq!(
        history[0]["fields"]["after_photos"]
            .as_array()
            .expect("photos")
            .len(),
        1
    );
    assert_eq!(history[1]["to"], "verified");
    assert_eq!(history[1]["audit_id"], json!(id));
    assert_eq!(detail["photos_before"].as_array().expect("before").len(), 1);
    let after = detail["photos_after"][0]["thumb_url"]
        .as_str()
        .expect("after photo")
        .to_owned();
    let path = after
        .split_once("/api/")
        .map(|(_, p)| format!("/api/{p}"))
        .expect("path");
    let file = o.app.call("GET", &path).bearer(&o.reviewer).send().await;
    assert_eq!(
        file.status,
        StatusCode::OK,
        "the after-photo is served to staff"
    );

    // The CSV: a byte order mark, a header, exactly the three findings, Vietnamese words.
    let csv = o
        .app
        .call(
            "GET",
            &format!("/api/v1/findings?site={}&format=csv", o.site),
        )
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert_eq!(
        csv.header(axum::http::header::CONTENT_TYPE).as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(csv.bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let mut reader = csv::Reader::from_reader(&csv.bytes[3..]);
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name} in {header:?}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    let mut states: Vec<String> = rows
        .iter()
        .map(|r| r[column("Tình trạng")].to_owned())
        .collect();
    states.sort();
    assert_eq!(
        states,
        vec!["Không khắc phục", "Đã lên kế hoạch", "Đã xác minh"]
    );
    let door_row = rows
        .iter()
        .find(|r| &r[column("Mã hạng mục")] == DOOR)
        .expect("door row");
    assert_eq!(&door_row[column("hạn (NNNN-TT-NN)")], due.as_str());
    assert_eq!(
        &door_row[column("Đơn vị thực hiện")],
        "Ban quản lý dự án tỉnh"
    );

    // The public page: the two barriers that stand, in plain words, no staff names; the
    // level rose with the verified ramp.
    let public = o.app.get(&format!("/api/v1/public/sites/{}", o.site)).await;
    let site = public.json();
    assert_eq!(site["level"], "partly", "{}", public.body);
    let barriers = site["barriers"].as_array().expect("barriers");
    let mut items: Vec<&str> = barriers
        .iter()
        .map(|b| b["item"].as_str().expect("item"))
        .collect();
    items.sort();
    assert_eq!(items, vec![DOOR, SIGNS]);
    assert_eq!(
        site["photos"].as_array().expect("photos").len(),
        5,
        "the place is still shown by its full audit's photos, not the follow-up's"
    );
    let map = o
        .app
        .get("/api/v1/public/sites.geojson?kind=public_building")
        .await
        .json();
    let on_map = map["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["id"] == json!(o.site))
        .expect("the office on the map")
        .clone();
    assert_eq!(
        on_map["properties"]["last_audit"], site["last_audit"],
        "the map and the page date the same (full) audit"
    );
    assert_eq!(on_map["properties"]["level"], "partly");
    let door_barrier = barriers.iter().find(|b| b["item"] == DOOR).expect("door");
    assert_eq!(door_barrier["state"], "planned");
    assert_eq!(door_barrier["planned_for"], due);
    let signs_barrier = barriers.iter().find(|b| b["item"] == SIGNS).expect("signs");
    assert_eq!(signs_barrier["state"], "wont_fix");
    assert_eq!(signs_barrier["reason"], reason);
    for name in ["thanh.kt", "hoa.duyet", "binh.kt", "Ban quản lý"] {
        assert!(!public.body.contains(name), "{name} on the public page");
    }
    let page = o.app.get(&format!("/sites/{}", o.site)).await;
    assert!(
        page.body.contains("Đã có kế hoạch khắc phục."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Sẽ không được khắc phục"));
    assert!(!page.body.contains("thanh.kt") && !page.body.contains("binh.kt"));

    // The event log holds each person's step.
    let coordinator = o.app.token("dieu.phoi", Role::Coordinator, None).await;
    let events = get(
        &o,
        &coordinator,
        "/api/v1/events?action=finding.transition&limit=50",
    )
    .await;
    assert_eq!(
        events["items"].as_array().expect("events").len(),
        3,
        "{events}"
    );
    let approval = get(
        &o,
        &coordinator,
        &format!("/api/v1/events?action=audit.approve&entity_id={id}"),
    )
    .await;
    let after: Value = serde_json::from_str(
        approval["items"][0]["after"]
            .as_str()
            .expect("the event's after, as stored"),
    )
    .expect("JSON");
    assert_eq!(
        after["checked_again"]["verified"],
        json!([ramp]),
        "the approval's event names the finding it verified: {approval}"
    );
}

#[tokio::test]
async fn a_pass_by_the_person_who_marked_it_fixed_does_not_verify_it_and_a_fail_reopens_it() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let ramp = id_of(&findings, RAMP);
    let door = id_of(&findings, DOOR);
    let fixed = mark_fixed(&o, &o.inspector, &ramp, 70).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let fixed = mark_fixed(&o, &o.inspector, &door, 71).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);

    // The same inspector checks again: the ramp passes, the door and the signs still fail.
    let started = follow_up(&o, &o.inspector).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    let id = started.json()["id"].as_str().expect("id").to_owned();
    let answers = json!([
        { "item": RAMP, "result": "pass" },
        { "item": DOOR, "value": 700, "unit": "mm" },
        { "item": SIGNS, "result": "fail" },
    ]);
    assert_eq!(
        put_answers(&o, &o.inspector, &id, &answers).await.status,
        StatusCode::OK
    );
    for (n, item) in [DOOR, SIGNS].iter().enumerate() {
        let sent = upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &photo(72 + n as u64, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    submit_and_approve(&o, &o.inspector, &id).await;

    let ramp_now = get(&o, &o.reviewer, &format!("/api/v1/findings/{ramp}")).await;
    assert_eq!(
        ramp_now["state"], "fixed",
        "not verified by the one who fixed it"
    );
    let door_now = get(&o, &o.reviewer, &format!("/api/v1/findings/{door}")).await;
    assert_eq!(door_now["state"], "reopened");
    assert_eq!(door_now["history"][1]["audit_id"], json!(id));
    let list = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}", o.site),
    )
    .await;
    assert_eq!(
        list["items"].as_array().expect("items").len(),
        3,
        "the same door, not a new finding"
    );
    let signs = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings/{}", id_of(&findings, SIGNS)),
    )
    .await;
    assert_eq!(signs["state"], "open", "a failing open finding stays open");
}

#[tokio::test]
async fn a_follow_up_of_a_site_without_findings_is_refused_by_name() {
    let o = office().await;
    let reply = follow_up(&o, &o.inspector).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(
        reply.field_error("follow_up").contains("không có rào cản"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn planning_names_the_site_operator_when_nobody_else_is_named() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let site = get(&o, &o.inspector, &format!("/api/v1/sites/{}", o.site)).await;
    let edit = o
        .app
        .call("PATCH", &format!("/api/v1/sites/{}", o.site))
        .bearer(&o.inspector)
        .header("If-Match", &format!("\"{}\"", site["version"]))
        .json(&json!({ "operator": "Văn phòng UBND phường" }))
        .send()
        .await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.body);
    let planned = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "planned", "due_date": day_from_today(&o, 0) }),
    )
    .await;
    assert_eq!(
        planned.status,
        StatusCode::OK,
        "today is allowed: {}",
        planned.body
    );
    assert_eq!(planned.json()["assignee"], "Văn phòng UBND phường");
}

/// Each illegal step answers 4xx naming its rule, and the finding is as it was.
#[tokio::test]
async fn every_illegal_transition_is_refused_by_its_rule_and_changes_nothing() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let ramp = id_of(&findings, RAMP);
    let transport = o
        .app
        .token("tuan.gt", Role::Reviewer, Some("transport"))
        .await;
    let before = get(&o, &o.reviewer, &format!("/api/v1/findings/{door}")).await;
    let unchanged = |label: &'static str| {
        let before = before.clone();
        let o = &o;
        let door = door.clone();
        async move {
            let now = get(o, &o.reviewer, &format!("/api/v1/findings/{door}")).await;
            assert_eq!(now, before, "{label}: the finding is unchanged");
        }
    };
    let cases: Vec<(&'static str, &str, Value, StatusCode, &str, &str)> = vec![
        (
            "verified by hand",
            &o.reviewer,
            json!({ "to": "verified" }),
            StatusCode::CONFLICT,
            "transition_refused",
            "kiểm tra sau đó",
        ),
        (
            "open by hand",
            &o.reviewer,
            json!({ "to": "open" }),
            StatusCode::CONFLICT,
            "transition_refused",
            "mở lại",
        ),
        (
            "fixed without a photo",
            &o.reviewer,
            json!({ "to": "fixed", "comment": "Đã sửa" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "ảnh",
        ),
        (
            "planned without a date",
            &o.reviewer,
            json!({ "to": "planned" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Hạn hoàn thành",
        ),
        (
            "planned in the past",
            &o.reviewer,
            json!({ "to": "planned", "due_date": day_from_today(&o, -1) }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "từ hôm nay",
        ),
        (
            "planned on a non-date",
            &o.reviewer,
            json!({ "to": "planned", "due_date": "31/12/2026" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "NNNN-TT-NN",
        ),
        (
            "wont_fix without a reason",
            &o.reviewer,
            json!({ "to": "wont_fix" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Lý do",
        ),
        (
            "wont_fix by an inspector",
            &o.inspector,
            json!({ "to": "wont_fix", "reason": "Di tích" }),
            StatusCode::FORBIDDEN,
            "forbidden",
            "người duyệt",
        ),
        (
            "another department",
            &transport,
            json!({ "to": "planned", "due_date": day_from_today(&o, 5) }),
            StatusCode::FORBIDDEN,
            "forbidden",
            "sở khác",
        ),
        (
            "an unknown state",
            &o.reviewer,
            json!({ "to": "finished" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "wont_fix",
        ),
        (
            "no state",
            &o.reviewer,
            json!({ "comment": "?" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Tình trạng",
        ),
    ];
    for (label, token, body, status, code, says) in cases {
        let reply = step(&o, token, &door, body).await;
        assert_eq!(reply.status, status, "{label}: {}", reply.body);
        let error = &reply.json()["error"];
        assert_eq!(error["code"], code, "{label}: {}", reply.body);
        assert!(
            error["message"].as_str().expect("message").contains(says),
            "{label}: {} should say {says}",
            reply.body
        );
        unchanged(label).await;
    }

    // A photo without a comment is refused too, and its files are not kept.
    let no_comment = o
        .app
        .call("POST", &format!("/api/v1/findings/{door}/transitions"))
        .bearer(&o.inspector)
        .multipart(
            &[("to", "fixed")],
            &[("file", "a.jpg", "image/jpeg", &photo(80, None))],
        )
        .send()
        .await;
    assert_eq!(
        no_comment.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        no_comment.body
    );
    assert!(no_comment.field_error("comment").contains("Chưa nhập"));
    unchanged("fixed without a comment").await;
    let not_a_photo = o
        .app
        .call("POST", &format!("/api/v1/findings/{door}/transitions"))
        .bearer(&o.inspector)
        .multipart(
            &[("to", "fixed"), ("comment", "Đã sửa")],
            &[("file", "a.pdf", "application/pdf", b"%PDF-1.4 not a photo")],
        )
        .send()
        .await;
    assert_eq!(
        not_a_photo.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        not_a_photo.body
    );
    assert!(
        not_a_photo.field_error("file").contains("PDF"),
        "{}",
        not_a_photo.body
    );
    unchanged("fixed with a PDF").await;

    // From verified, nothing moves: verify the ramp through a follow-up first.
    assert_eq!(
        mark_fixed(&o, &o.inspector, &ramp, 81).await.status,
        StatusCode::OK
    );
    let other = o
        .app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    let id = follow_up(&o, &other).await.json()["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let answers = json!([
        { "item": RAMP, "result": "pass" },
        { "item": DOOR, "value": 700, "unit": "mm" },
        { "item": SIGNS, "result": "pass" },
    ]);
    assert_eq!(
        put_answers(&o, &other, &id, &answers).await.status,
        StatusCode::OK
    );
    let sent = upload(&o.app, &other, &id, Some(DOOR), &photo(82, None)).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    submit_and_approve(&o, &other, &id).await;
    let verified = get(&o, &o.reviewer, &format!("/api/v1/findings/{ramp}")).await;
    assert_eq!(verified["state"], "verified");
    let reply = step(
        &o,
        &o.reviewer,
        &ramp,
        json!({ "to": "reopened", "comment": "?" }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(
        reply.json()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("đã được xác minh")
    );
    assert_eq!(
        get(&o, &o.reviewer, &format!("/api/v1/findings/{ramp}")).await,
        verified
    );

    // English on request.
    let english = o
        .app
        .call(
            "POST",
            &format!("/api/v1/findings/{door}/transitions?lang=en"),
        )
        .bearer(&o.reviewer)
        .json(&json!({ "to": "verified" }))
        .send()
        .await;
    assert!(
        english.body.contains("Only a later approved audit"),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn an_overdue_finding_is_shown_as_overdue_in_the_list_the_filter_and_the_command_line() {
    // The finding is planned ten days ago (the command line reads the real clock).
    let (o, real_now) = office_ten_days_ago().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let due = day_from_today(&o, 3);
    let planned = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "planned", "due_date": due }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    let overdue = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}&overdue=true", o.site),
    )
    .await;
    assert_eq!(overdue["items"].as_array().expect("items").len(), 0);

    // Today the door is a week past due.
    o.app.services().clock.set(real_now);
    let overdue = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}&overdue=true", o.site),
    )
    .await;
    let items = overdue["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{overdue}");
    assert_eq!(items[0]["item"], DOOR);
    assert_eq!(items[0]["overdue"], true);
    assert_eq!(overdue["counts"]["overdue"], 1);
    let public = o.app.get(&format!("/api/v1/public/sites/{}", o.site)).await;
    let door_barrier = public.json()["barriers"]
        .as_array()
        .expect("barriers")
        .iter()
        .find(|b| b["item"] == DOOR)
        .cloned()
        .expect("door");
    assert_eq!(door_barrier["overdue"], true);
    let due_before = get(
        &o,
        &o.reviewer,
        &format!(
            "/api/v1/findings?site={}&due_before={}",
            o.site,
            day_from_today(&o, 0)
        ),
    )
    .await;
    assert_eq!(due_before["items"].as_array().expect("items").len(), 1);
    let bad = o
        .app
        .call(
            "GET",
            "/api/v1/findings?overdue=maybe&due_before=soon&state=done",
        )
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    for field in ["overdue", "due_before", "state"] {
        assert!(!bad.field_error(field).is_empty(), "{field}: {}", bad.body);
    }
    let printed = crate::common::run_cli(
        Some(&o.app),
        &["findings", "overdue", "--department", "construction"],
        "",
    );
    assert!(
        printed.status.success(),
        "{}",
        crate::common::stderr(&printed)
    );
    let out = String::from_utf8_lossy(&printed.stdout);
    assert!(out.contains("construction (1)"), "{out}");
    assert!(
        out.contains(DOOR) && out.contains(&due) && out.contains("(+7d)"),
        "{out}"
    );
    assert!(out.contains(&format!("/findings/{door}")), "{out}");
    let elsewhere = crate::common::run_cli(
        Some(&o.app),
        &["findings", "overdue", "--department", "transport"],
        "",
    );
    assert!(String::from_utf8_lossy(&elsewhere.stdout).contains("0 overdue"));
    let nowhere = crate::common::run_cli(
        Some(&o.app),
        &["findings", "overdue", "--department", "nowhere"],
        "",
    );
    assert!(!nowhere.status.success());
    assert!(
        crate::common::stderr(&nowhere).contains("nowhere"),
        "{}",
        crate::common::stderr(&nowhere)
    );
    let unknown = o
        .app
        .call("GET", "/api/v1/findings?department=nowhere")
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unknown.body
    );
}

#[tokio::test]
async fn a_step_sent_again_with_the_same_key_is_answered_as_the_first_and_taken_once() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let ramp = id_of(&findings, RAMP);
    let bytes = photo(95, None);
    let send = || {
        o.app
            .call("POST", &format!("/api/v1/findings/{ramp}/transitions"))
            .bearer(&o.inspector)
            .header("Idempotency-Key", "fix-ramp-0001")
            .multipart(
                &[("to", "fixed"), ("comment", "Đã xây đường dốc")],
                &[("file", "after.jpg", "image/jpeg", &bytes)],
            )
            .send()
    };
    let first = send().await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = send().await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "the phone's retry: {}",
        again.body
    );
    assert_eq!(again.json(), first.json(), "the first answer again");
    let detail = get(&o, &o.reviewer, &format!("/api/v1/findings/{ramp}")).await;
    assert_eq!(detail["history"].as_array().expect("history").len(), 1);
    assert_eq!(detail["photos_after"].as_array().expect("after").len(), 1);
    // The same key for another request is refused by name.
    let other = o
        .app
        .call("POST", &format!("/api/v1/findings/{ramp}/transitions"))
        .bearer(&o.inspector)
        .header("Idempotency-Key", "fix-ramp-0001")
        .json(&json!({ "to": "in_progress" }))
        .send()
        .await;
    assert_eq!(
        other.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        other.body
    );
    assert!(
        !other.field_error("Idempotency-Key").is_empty(),
        "{}",
        other.body
    );
    // Without a key, the same step again is refused: it is fixed already.
    let plain = step(&o, &o.reviewer, &ramp, json!({ "to": "in_progress" })).await;
    assert_eq!(plain.status, StatusCode::CONFLICT, "{}", plain.body);
}

#[tokio::test]
async fn an_answer_given_before_a_fix_was_reported_does_not_judge_that_fix() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let ramp = id_of(&findings, RAMP);
    let other = o
        .app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    // The follow-up is filled while the work is still going on: the ramp fails.
    let id = follow_up(&o, &other).await.json()["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let answers = json!([
        { "item": RAMP, "result": "fail" },
        { "item": DOOR, "value": 700, "unit": "mm" },
        { "item": SIGNS, "result": "fail" },
    ]);
    assert_eq!(
        put_answers(&o, &other, &id, &answers).await.status,
        StatusCode::OK
    );
    for (n, item) in [RAMP, DOOR, SIGNS].iter().enumerate() {
        let sent = upload(
            &o.app,
            &other,
            &id,
            Some(item),
            &photo(110 + n as u64, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    // Then the ramp is reported fixed; then the follow-up is approved.
    assert_eq!(
        mark_fixed(&o, &o.inspector, &ramp, 120).await.status,
        StatusCode::OK
    );
    submit_and_approve(&o, &other, &id).await;
    let now = get(&o, &o.reviewer, &format!("/api/v1/findings/{ramp}")).await;
    assert_eq!(
        now["state"], "fixed",
        "the older answer says nothing of the fix"
    );
    assert_eq!(now["history"].as_array().expect("history").len(), 1);
}

#[tokio::test]
async fn each_step_leaves_the_plan_as_it_stands_and_photos_go_only_with_a_fix() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let signs = id_of(&findings, SIGNS);
    let due = day_from_today(&o, 30);
    let planned = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "planned", "due_date": due, "assignee": "Đội 3", "budget_year": 2027 }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    let started = step(&o, &o.reviewer, &door, json!({ "to": "in_progress" })).await;
    assert_eq!(
        started.json()["due_date"],
        due,
        "starting work keeps the plan"
    );
    assert_eq!(started.json()["assignee"], "Đội 3");
    let replanned = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "planned", "due_date": day_from_today(&o, 60) }),
    )
    .await;
    assert_eq!(replanned.status, StatusCode::OK, "{}", replanned.body);
    assert_eq!(
        replanned.json()["budget_year"],
        Value::Null,
        "a new plan replaces the old"
    );
    // Photos go with a fix only, and the photo of the failure is no proof of a fix.
    let with_photo = o
        .app
        .call("POST", &format!("/api/v1/findings/{door}/transitions"))
        .bearer(&o.reviewer)
        .multipart(
            &[("to", "in_progress")],
            &[("file", "a.jpg", "image/jpeg", &photo(130, None))],
        )
        .send()
        .await;
    assert_eq!(
        with_photo.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        with_photo.body
    );
    assert!(
        with_photo.field_error("file").contains("khắc phục"),
        "{}",
        with_photo.body
    );
    let same = o
        .app
        .call("POST", &format!("/api/v1/findings/{door}/transitions"))
        .bearer(&o.inspector)
        .multipart(
            &[("to", "fixed"), ("comment", "Đã sửa")],
            // The door's own photo, uploaded by `three_findings` with seed 1.
            &[("file", "a.jpg", "image/jpeg", &photo(1, None))],
        )
        .send()
        .await;
    assert_eq!(
        same.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        same.body
    );
    assert!(
        same.field_error("file").contains("khi phát hiện"),
        "{}",
        same.body
    );

    // Given up, then reopened: the reason goes, and the public sees no planned date.
    let given_up = step(
        &o,
        &o.reviewer,
        &signs,
        json!({ "to": "wont_fix", "reason": "Di tích" }),
    )
    .await;
    assert_eq!(given_up.json()["reason"], "Di tích");
    let reopened = step(
        &o,
        &o.reviewer,
        &signs,
        json!({ "to": "reopened", "comment": "Đã được phép sửa" }),
    )
    .await;
    assert_eq!(reopened.status, StatusCode::OK, "{}", reopened.body);
    assert_eq!(reopened.json()["reason"], Value::Null);
    let fixed = mark_fixed(&o, &o.inspector, &door, 131).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let back = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "reopened", "comment": "Chưa đạt" }),
    )
    .await;
    assert_eq!(
        back.json()["due_date"],
        Value::Null,
        "a reopened finding needs a new plan"
    );
    let public = o
        .app
        .get(&format!("/api/v1/public/sites/{}", o.site))
        .await
        .json();
    for barrier in public["barriers"].as_array().expect("barriers") {
        assert_eq!(barrier["planned_for"], Value::Null, "{barrier}");
        assert_eq!(barrier["overdue"], false);
    }
}

#[tokio::test]
async fn a_barrier_given_up_that_a_later_full_audit_finds_passing_is_verified() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let signs = id_of(&findings, SIGNS);
    let given_up = step(
        &o,
        &o.reviewer,
        &signs,
        json!({ "to": "wont_fix", "reason": "Di tích" }),
    )
    .await;
    assert_eq!(given_up.status, StatusCode::OK);
    // A full audit by another inspector finds everything passing.
    let other = o
        .app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    let id = crate::audits::submitted_by(&o, &other).await;
    let approved = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/review"))
        .bearer(&o.reviewer)
        .json(&json!({ "decision": "approve" }))
        .send()
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let list = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?site={}", o.site),
    )
    .await;
    for f in list["items"].as_array().expect("items") {
        assert_eq!(f["state"], "verified", "{}", f["item"]);
    }
    let public = o
        .app
        .get(&format!("/api/v1/public/sites/{}", o.site))
        .await
        .json();
    assert_eq!(public["level"], "accessible");
    assert_eq!(public["barriers"], json!([]));
}

#[tokio::test]
async fn the_finding_list_filters_by_site_kind_and_area_and_counts_by_both() {
    let o = office().await;
    three_findings(&o).await;
    let site = get(&o, &o.inspector, &format!("/api/v1/sites/{}", o.site)).await;
    let area = site["area"]["id"]
        .as_str()
        .expect("the office's area")
        .to_owned();
    let count = |list: &Value| list["items"].as_array().expect("items").len();
    let all = get(&o, &o.reviewer, "/api/v1/findings").await;
    assert_eq!(count(&all), 3);
    assert_eq!(all["counts"]["open_by_kind"]["public_building"], 3);
    assert_eq!(all["counts"]["open_by_area"][0]["area"]["id"], json!(area));
    assert_eq!(all["counts"]["open_by_area"][0]["open"], 3);
    let buildings = get(&o, &o.reviewer, "/api/v1/findings?kind=public_building").await;
    assert_eq!(count(&buildings), 3);
    let stops = get(&o, &o.reviewer, "/api/v1/findings?kind=transport_stop").await;
    assert_eq!(count(&stops), 0);
    assert_eq!(stops["counts"]["open_by_severity"]["critical"], 0);
    let here = get(&o, &o.reviewer, &format!("/api/v1/findings?area={area}")).await;
    assert_eq!(count(&here), 3, "the office's own area");
    let mut conn = o.app.db().conn().await.expect("conn");
    let own = tiepcan::store::areas::by_id(&mut conn, uuid::Uuid::parse_str(&area).expect("id"))
        .await
        .expect("read")
        .expect("the area");
    let above = own
        .parent_id
        .expect("the office's area lies in the province");
    drop(conn);
    let wider = get(&o, &o.reviewer, &format!("/api/v1/findings?area={above}")).await;
    assert_eq!(count(&wider), 3, "the area above holds the areas below it");
    let elsewhere = get(
        &o,
        &o.reviewer,
        &format!("/api/v1/findings?area={}", uuid::Uuid::now_v7()),
    )
    .await;
    assert_eq!(count(&elsewhere), 0);
    let bad = o
        .app
        .call(
            "GET",
            "/api/v1/findings?kind=castle&severity=huge&area=here",
        )
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    for field in ["kind", "severity", "area"] {
        assert!(!bad.field_error(field).is_empty(), "{field}: {}", bad.body);
    }
}

#[tokio::test]
async fn the_public_page_says_what_was_measured_in_plain_words() {
    let o = office().await;
    three_findings(&o).await;
    let site = o
        .app
        .get(&format!("/api/v1/public/sites/{}", o.site))
        .await
        .json();
    let measured = site["measured"].as_array().expect("measured");
    let door = measured
        .iter()
        .find(|m| m["item"] == DOOR)
        .expect("the door was measured");
    assert_eq!(door["value"], 700.0);
    assert_eq!(door["unit"], "mm");
    assert_eq!(door["passes"], false);
    assert!(
        measured.iter().filter(|m| m["passes"] == true).count() > 0,
        "the others meet the rule: {measured:?}"
    );
    let page = o.app.get(&format!("/sites/{}?lang=en", o.site)).await;
    assert!(page.body.contains("Measured at the audit"), "{}", page.body);
    assert!(
        page.body
            .contains("<strong>700 mm</strong> (does not meet the rule)"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_map_and_the_page_date_a_site_by_its_latest_full_audit_not_a_follow_up() {
    let (o, real_now) = office_ten_days_ago().await;
    three_findings(&o).await;
    let full_day = o.app.services().today().to_string();
    o.app.services().clock.set(real_now);
    let other = o
        .app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    let id = follow_up(&o, &other).await.json()["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let answers = json!([
        { "item": RAMP, "result": "pass" },
        { "item": DOOR, "value": 950, "unit": "mm" },
        { "item": SIGNS, "result": "pass" },
    ]);
    assert_eq!(
        put_answers(&o, &other, &id, &answers).await.status,
        StatusCode::OK
    );
    submit_and_approve(&o, &other, &id).await;
    let site = o
        .app
        .get(&format!("/api/v1/public/sites/{}", o.site))
        .await
        .json();
    assert_eq!(
        site["level"], "accessible",
        "the follow-up verified all three"
    );
    assert_eq!(site["last_audit"], json!(full_day));
    let map = o
        .app
        .get("/api/v1/public/sites.geojson?kind=public_building")
        .await
        .json();
    let on_map = map["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["id"] == json!(o.site))
        .expect("the office on the map")
        .clone();
    assert_eq!(on_map["properties"]["last_audit"], json!(full_day));
    assert_eq!(on_map["properties"]["level"], "accessible");
}
