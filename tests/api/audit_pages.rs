//! The audit pages, as an inspector on a phone and a reviewer use them, without
//! JavaScript: start from the site page, one section per page with a camera input per
//! item, refused input shown again, the summary with links to what is missing, submit,
//! review; and the public site page after approval.

use axum::http::{StatusCode, header};
use serde_json::json;

use crate::audits::{Office, answers_for, office, photo, put_answers};

/// The session cookie of `username` (created by [`office`] with the test password).
async fn cookie(o: &Office, username: &str) -> String {
    o.app
        .sign_in(username, &format!("pw-{username}-0123456789"))
        .await
}

fn location(reply: &crate::common::Reply) -> String {
    reply.header(header::LOCATION).unwrap_or_default()
}

async fn page(o: &Office, cookie: &str, uri: &str) -> crate::common::Reply {
    let reply = o.app.call("GET", uri).cookie(cookie).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply
}

/// The value of the hidden `key` field of the site page's start form.
fn start_key(body: &str) -> String {
    let at = body
        .find("name=\"key\" value=\"")
        .expect("a start form with a key")
        + 18;
    body[at..at + 36].to_owned()
}

/// The office's inspector, signed in, on an audit just started from the site page.
async fn inspector_on_a_new_audit(o: &Office) -> (String, String) {
    let inspector = cookie(o, "thanh.kt").await;
    let id = start_from_site_page(o, &inspector).await;
    (inspector, id)
}

/// Starts an audit from the site page as a browser does; returns its id.
async fn start_from_site_page(o: &Office, inspector: &str) -> String {
    let site = page(o, inspector, &format!("/sites/{}", o.site)).await;
    assert!(site.body.contains("Bắt đầu kiểm tra"), "{}", site.body);
    let key = start_key(&site.body);
    let started = o
        .app
        .call("POST", &format!("/sites/{}/audits", o.site))
        .cookie(inspector)
        .form(&[("key", &key), ("lat", ""), ("lon", ""), ("accuracy", "")])
        .send()
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let to = location(&started);
    assert!(to.ends_with("/sections/parking"), "the first section: {to}");
    let again = o
        .app
        .call("POST", &format!("/sites/{}/audits", o.site))
        .cookie(inspector)
        .form(&[("key", &key)])
        .send()
        .await;
    assert_eq!(
        location(&again),
        to,
        "the same form sent twice opens the same audit"
    );
    to.split('/').nth(2).expect("id").to_owned()
}

#[tokio::test]
async fn an_inspector_fills_a_section_on_the_phone_and_bad_input_comes_back_with_what_was_typed() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let form = page(&o, &inspector, &format!("/audits/{id}/sections/entrance")).await;
    for needed in [
        "accept=\"image/*\"",
        "enctype=\"multipart/form-data\"",
        "QCVN 10:2024/BXD 2.3.1",
        "Cách kiểm tra",
        "name=\"value.entrance.door_width\"",
    ] {
        assert!(form.body.contains(needed), "{needed}");
    }
    assert!(
        !form.body.contains("capture="),
        "the phone lets the inspector choose a photo taken earlier"
    );
    let uri = format!("/audits/{id}/sections/entrance");
    let bad = o
        .app
        .call("POST", &uri)
        .cookie(&inspector)
        .multipart(
            &[
                ("result.entrance.accessible_entrance", "pass"),
                ("value.entrance.door_width", "-80"),
                ("unit.entrance.door_width", "cm"),
            ],
            &[],
        )
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("error-summary"), "{}", bad.body);
    assert!(bad.body.contains("href=\"#item-entrance.door_width\""));
    assert!(bad.body.contains("value=\"-80\""), "what was typed is kept");
    assert!(
        bad.body
            .contains("Các câu trả lời khác của phần này đã được lưu"),
        "the page says the rest is saved"
    );
    let api = || {
        let token = o.inspector.clone();
        let uri = format!("/api/v1/audits/{id}");
        let app = &o.app;
        async move { app.call("GET", &uri).bearer(&token).send().await.json() }
    };
    let kept = api().await;
    let kept: Vec<&str> = kept["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter_map(|a| a["item"].as_str())
        .collect();
    assert_eq!(
        kept,
        ["entrance.accessible_entrance"],
        "the good answer is saved, the refused one is not"
    );

    let good = o
        .app
        .call("POST", &uri)
        .cookie(&inspector)
        .multipart(
            &[
                ("result.entrance.accessible_entrance", "pass"),
                ("value.entrance.door_width", "0,95"),
                ("unit.entrance.door_width", "m"),
                ("then", "next"),
            ],
            &[(
                "photo.entrance.accessible_entrance",
                "IMG_1.jpg",
                "image/jpeg",
                &photo(1, None),
            )],
        )
        .send()
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    assert!(
        location(&good).contains("/sections/ramp"),
        "{}",
        location(&good)
    );
    let saved = api().await;
    assert_eq!(saved["answers"].as_array().expect("answers").len(), 2);
    assert_eq!(saved["photos"].as_array().expect("photos").len(), 1);

    // A PDF for a photo: the answers are saved, the page names the refused file.
    let pdf = b"%PDF-1.7\n%%EOF\n";
    let refused = o
        .app
        .call("POST", &uri)
        .cookie(&inspector)
        .multipart(
            &[("result.entrance.no_threshold", "fail")],
            &[(
                "photo.entrance.no_threshold",
                "nguong.jpg",
                "image/jpeg",
                pdf,
            )],
        )
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("PDF"), "{}", refused.body);
    let saved = api().await;
    assert_eq!(
        saved["answers"].as_array().expect("answers").len(),
        3,
        "the answer is kept"
    );
    assert_eq!(
        saved["photos"].as_array().expect("photos").len(),
        1,
        "the PDF is not"
    );

    // The wrong photo taken: removed from the phone, after a question.
    let first = saved["photos"][0]["id"]
        .as_str()
        .expect("photo id")
        .to_owned();
    let remove = format!("/audits/{id}/photos/{first}/delete");
    let section = page(&o, &inspector, &uri).await;
    assert!(
        section.body.contains(&remove),
        "a link to remove it beside the photo"
    );
    let ask = page(&o, &inspector, &remove).await;
    assert!(ask.body.contains("Xóa ảnh khỏi phiếu kiểm tra?"));
    let removed = o.app.call("POST", &remove).cookie(&inspector).send().await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(location(&removed), format!("{uri}?done=photo_removed"));
    let saved = api().await;
    assert_eq!(saved["photos"], json!([]), "the photo is gone");
    assert_eq!(
        saved["answers"].as_array().expect("answers").len(),
        3,
        "the answers stay"
    );

    // An optional section the building lacks, in one answer.
    let lift = o
        .app
        .call("POST", &format!("/audits/{id}/sections/lift"))
        .cookie(&inspector)
        .multipart(&[("applies", "no")], &[])
        .send()
        .await;
    assert_eq!(lift.status, StatusCode::SEE_OTHER, "{}", lift.body);
    assert_eq!(api().await["sections_not_applicable"], json!(["lift"]));
    let overview = page(&o, &inspector, &format!("/audits/{id}")).await;
    assert!(overview.body.contains("không áp dụng"));
}

#[tokio::test]
async fn the_summary_links_what_is_missing_and_the_reviewer_returns_and_approves_through_pages() {
    let o = office().await;
    let inspector = cookie(&o, "thanh.kt").await;
    let reviewer = cookie(&o, "hoa.duyet").await;
    let id = start_from_site_page(&o, &inspector).await;
    let early = o
        .app
        .call("POST", &format!("/audits/{id}/submit"))
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains(&format!(
        "/audits/{id}/sections/entrance#item-entrance.door_width"
    )));

    let audit = o
        .app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await
        .json();
    let fails = [
        ("entrance.no_threshold", json!({ "result": "fail" })),
        (
            "inside.door_width",
            json!({ "value": 750, "unit": "mm", "result": "pass", "note": "Cửa đôi, tổng 1500 mm" }),
        ),
    ];
    let saved = put_answers(
        &o,
        &o.inspector,
        &id,
        &json!(answers_for(&audit, &["lift"], &fails)),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let summary = page(&o, &inspector, &format!("/audits/{id}/summary")).await;
    assert!(
        summary.body.contains("Còn thiếu ảnh"),
        "photos are still missing"
    );
    for item in [
        "entrance.accessible_entrance",
        "toilet.accessible_present",
        "entrance.no_threshold",
    ] {
        let section = item.split('.').next().expect("section");
        let sent = o
            .app
            .call("POST", &format!("/audits/{id}/sections/{section}"))
            .cookie(&inspector)
            .multipart(
                &[("then", "stay")],
                &[(
                    &format!("photo.{item}"),
                    "a.jpg",
                    "image/jpeg",
                    // The threshold's photo was taken 2 km away: the reviewer is warned.
                    &photo(
                        7,
                        (item == "entrance.no_threshold").then_some((21.8710, 106.7610)),
                    ),
                )],
            )
            .send()
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{item}: {}", sent.body);
    }
    let ready = page(&o, &inspector, &format!("/audits/{id}/summary")).await;
    assert!(ready.body.contains("có thể nộp"), "{}", ready.body);
    let submitted = o
        .app
        .call("POST", &format!("/audits/{id}/submit"))
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );

    let queue = page(&o, &reviewer, "/audits").await;
    assert!(
        queue.body.contains(&format!("/audits/{id}")),
        "in the reviewer's queue"
    );
    let view = page(&o, &reviewer, &format!("/audits/{id}/review")).await;
    assert!(view.body.contains("name=\"decision\""));
    assert!(view.body.contains("/thumb"), "photos beside the answers");
    assert!(
        view.body.contains("Người kiểm tra đã đổi kết quả"),
        "the override is shown"
    );
    assert!(view.body.contains("Cửa đôi, tổng 1500 mm"), "with its note");
    assert_eq!(
        view.body
            .matches("Cảnh báo: ảnh này được chụp cách địa điểm")
            .count(),
        1,
        "one photo is far from the site"
    );
    let review = |fields: Vec<(&'static str, &'static str)>| {
        let uri = format!("/audits/{id}/review");
        let cookie = reviewer.clone();
        let app = &o.app;
        async move {
            app.call("POST", &uri)
                .cookie(&cookie)
                .form(&fields)
                .send()
                .await
        }
    };
    let bare = review(vec![("decision", "return"), ("comment", "")]).await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.body
    );
    assert!(bare.body.contains("comment-error"), "{}", bare.body);
    let back = review(vec![
        ("decision", "return"),
        ("comment", "Cần ảnh rõ hơn ở ngưỡng cửa."),
    ])
    .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    let mine = page(&o, &inspector, "/audits").await;
    assert!(
        mine.body.contains("Cần ảnh rõ hơn ở ngưỡng cửa."),
        "the comment beside the returned audit"
    );
    let resubmitted = o
        .app
        .call("POST", &format!("/audits/{id}/submit"))
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(resubmitted.status, StatusCode::SEE_OTHER);
    let approved = review(vec![("decision", "approve")]).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);

    let public = o.app.get(&format!("/sites/{}", o.site)).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public.body.contains("Tiếp cận được một phần"),
        "the level in words"
    );
    assert!(
        public
            .body
            .contains("Lối vào và cửa: <strong>chưa dùng được</strong>"),
        "{}",
        public.body
    );
    assert!(
        public.body.contains("/api/v1/public/photos/"),
        "display photos"
    );
    assert!(
        !public.body.contains("thanh.kt") && !public.body.contains("hoa.duyet"),
        "no staff names"
    );
    assert!(
        !public.body.contains("Bắt đầu kiểm tra"),
        "no start form for the public"
    );
}

#[tokio::test]
async fn photos_are_kept_when_an_answer_is_refused_and_a_form_sent_twice_adds_nothing() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let uri = format!("/audits/{id}/sections/entrance");
    let bytes = photo(51, None);
    let send = |fields: Vec<(&'static str, &'static str)>, with_photo: bool| {
        let app = &o.app;
        let uri = uri.clone();
        let cookie = inspector.clone();
        let bytes = bytes.clone();
        async move {
            let files: Vec<(&str, &str, &str, &[u8])> = if with_photo {
                vec![(
                    "photo.entrance.accessible_entrance",
                    "a.jpg",
                    "image/jpeg",
                    &bytes,
                )]
            } else {
                vec![]
            };
            app.call("POST", &uri)
                .cookie(&cookie)
                .multipart(&fields, &files)
                .send()
                .await
        }
    };
    let photos = || {
        let app = &o.app;
        let token = o.inspector.clone();
        let uri = format!("/api/v1/audits/{id}");
        async move {
            let audit = app.call("GET", &uri).bearer(&token).send().await.json();
            audit["photos"].as_array().expect("photos").len()
        }
    };
    // A mistyped measurement: the page comes back naming it, and the photo is kept.
    let refused = send(vec![("value.entrance.door_width", "rộng lắm")], true).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("rộng lắm"),
        "what was typed is shown again"
    );
    assert_eq!(
        photos().await,
        1,
        "the photo is not lost with the refused answer"
    );
    // The same form sent again (a reload, a retry): still one photo.
    let again = send(vec![("result.entrance.accessible_entrance", "pass")], true).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(photos().await, 1);
    // A note on an unanswered item is not dropped: the person is told the result is missing.
    let note = send(
        vec![("note.entrance.no_threshold", "Cửa khóa, hỏi bảo vệ")],
        false,
    )
    .await;
    assert_eq!(
        note.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        note.body
    );
    assert!(
        note.body.contains("href=\"#item-entrance.no_threshold\""),
        "{}",
        note.body
    );
    assert!(note.body.contains("Cửa khóa, hỏi bảo vệ"));
}

#[tokio::test]
async fn a_refused_review_keeps_the_comment_and_the_choice() {
    let o = office().await;
    let reviewer = cookie(&o, "hoa.duyet").await;
    let id = crate::audits::submitted_by(&o, &o.inspector).await;
    let comment = "Ảnh lối vào chụp ngược sáng, không thấy rõ bậc thềm; đề nghị chụp lại.";
    let reply = o
        .app
        .call("POST", &format!("/audits/{id}/review"))
        .cookie(&reviewer)
        .form(&[("comment", comment)])
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(reply.body.contains(comment), "the comment is shown again");
    assert!(
        reply.body.contains("href=\"#decision\""),
        "the missing decision is linked"
    );
}

#[tokio::test]
async fn a_section_with_several_phone_photos_is_taken_and_one_over_25_mb_is_named() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let mut big = photo(61, None);
    big.resize(26 * 1024 * 1024, 0);
    let mut heavy = Vec::new();
    for n in 0..3u64 {
        let mut p = photo(62 + n, None);
        // A phone photo of about 8 MB: padding after the end of the JPEG, as some cameras add.
        p.resize(8 * 1024 * 1024, 0);
        heavy.push(p);
    }
    let reply = o
        .app
        .call("POST", &format!("/audits/{id}/sections/entrance"))
        .cookie(&inspector)
        .multipart(
            &[
                ("result.entrance.no_threshold", "fail"),
                ("result.entrance.no_revolving_door", "fail"),
            ],
            &[
                (
                    "photo.entrance.no_threshold",
                    "1.jpg",
                    "image/jpeg",
                    &heavy[0],
                ),
                (
                    "photo.entrance.no_revolving_door",
                    "2.jpg",
                    "image/jpeg",
                    &heavy[1],
                ),
                (
                    "photo.entrance.guidance_tiles",
                    "3.jpg",
                    "image/jpeg",
                    &heavy[2],
                ),
                (
                    "photo.entrance.door_clear_space",
                    "4.jpg",
                    "image/jpeg",
                    &big,
                ),
            ],
        )
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        &reply.body[..reply.body.len().min(500)]
    );
    assert!(reply.body.contains("quá lớn"), "the big one is named");
    let audit = o
        .app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await
        .json();
    assert_eq!(
        audit["answers"].as_array().expect("answers").len(),
        2,
        "the answers are saved"
    );
    assert_eq!(
        audit["photos"].as_array().expect("photos").len(),
        3,
        "so are the other photos"
    );
}

#[tokio::test]
async fn an_audit_of_a_site_approved_before_the_2024_edition_says_the_2014_one_may_govern_it() {
    let o = office().await;
    let date = |day: &'static str| {
        o.app
            .call("PATCH", &format!("/api/v1/sites/{}", o.site))
            .bearer(&o.inspector)
            .json(&json!({ "design_approved_on": day }))
            .send()
    };
    assert_eq!(date("2024-06-01").await.status, StatusCode::OK);
    let audit = crate::audits::start(&o).await;
    let uri = format!("/audits/{}?lang=en", audit["id"].as_str().expect("id"));
    let inspector = cookie(&o, "thanh.kt").await;
    let overview = page(&o, &inspector, &uri).await;
    assert!(
        overview
            .body
            .contains("came into force, so QCVN 10:2014/BXD may govern it"),
        "the inspector sees which edition may govern: {}",
        overview.body
    );
    assert_eq!(date("2025-03-01").await.status, StatusCode::OK);
    let overview = page(&o, &inspector, &uri).await;
    assert!(
        !overview.body.contains("may govern it"),
        "approved after the 2024 edition came into force"
    );
}

/// Audit `id` as its inspector reads it through the API.
async fn audit_json(o: &Office, id: &str) -> serde_json::Value {
    o.app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await
        .json()
}

/// The saved answer to `item`, if any.
fn saved_answer(audit: &serde_json::Value, item: &str) -> Option<serde_json::Value> {
    audit["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["item"] == item)
        .cloned()
}

/// Posts a section page's fields (and photos) as the inspector's browser does.
async fn post_section(
    o: &Office,
    cookie: &str,
    id: &str,
    section: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> crate::common::Reply {
    o.app
        .call("POST", &format!("/audits/{id}/sections/{section}"))
        .cookie(cookie)
        .multipart(fields, files)
        .send()
        .await
}

#[tokio::test]
async fn a_unit_typed_in_the_value_wins_over_the_unit_select() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let saved = post_section(
        &o,
        &inspector,
        &id,
        "entrance",
        &[
            ("value.entrance.door_width", "85 cm"),
            ("unit.entrance.door_width", "mm"),
        ],
        &[],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let door = saved_answer(&audit_json(&o, &id).await, "entrance.door_width").expect("saved");
    assert_eq!(door["value"], json!(850.0), "85 cm, not 85 mm");
    assert_eq!(door["result"], "fail");
}

#[tokio::test]
async fn a_section_saves_its_good_answers_and_gives_back_only_the_bad_one_as_typed() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let reply = post_section(
        &o,
        &inspector,
        &id,
        "ramp",
        &[
            ("applies", "yes"),
            ("value.ramp.slope", "1:15"),
            ("unit.ramp.slope", "ratio"),
            ("value.ramp.clear_width", "rộng khoảng một mét rưỡi"),
            ("unit.ramp.clear_width", "mm"),
            ("value.ramp.run_length", "600 cm"),
            ("unit.ramp.run_length", "mm"),
            ("result.ramp.end_clear_space", "pass"),
            ("result.ramp.surface", "fail"),
            ("note.ramp.surface", "Gạch men bóng"),
            ("then", "next"),
        ],
        &[],
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("href=\"#item-ramp.clear_width\""),
        "the bad one is marked"
    );
    let summary = reply
        .body
        .find("class=\"error-summary\"")
        .expect("a summary");
    let summary = &reply.body[summary..];
    let summary = &summary[..summary.find("</div>").expect("its end")];
    assert_eq!(
        summary.matches("<li><a href=\"#item-").count(),
        1,
        "and only the bad one: {summary}"
    );
    assert!(
        reply.body.contains("value=\"rộng khoảng một mét rưỡi\""),
        "with what was typed"
    );
    assert!(
        reply
            .body
            .contains("Các câu trả lời khác của phần này đã được lưu")
    );
    let audit = audit_json(&o, &id).await;
    assert_eq!(saved_answer(&audit, "ramp.clear_width"), None);
    let slope = saved_answer(&audit, "ramp.slope").expect("the slope is saved");
    assert!((slope["value"].as_f64().expect("a value") - 1.0 / 15.0).abs() < 1e-9);
    let run = saved_answer(&audit, "ramp.run_length").expect("the run is saved");
    assert_eq!(run["value"], json!(6000.0));
    assert_eq!(
        saved_answer(&audit, "ramp.end_clear_space").expect("saved")["result"],
        "pass"
    );
    let surface = saved_answer(&audit, "ramp.surface").expect("saved");
    assert_eq!(surface["result"], "fail");
    assert_eq!(surface["note"], "Gạch men bóng");
    assert_eq!(
        put_answers(
            &o,
            &o.inspector,
            &id,
            &json!([
                { "item": "ramp.landing_length", "value": "1,5 m" },
                { "item": "ramp.handrails_both_sides", "result": "maybe" },
            ])
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the API's batch stays all or nothing"
    );
    assert_eq!(
        saved_answer(&audit_json(&o, &id).await, "ramp.landing_length"),
        None
    );
}

#[tokio::test]
async fn a_length_ten_times_off_is_saved_and_the_section_asks_whether_another_unit_was_meant() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let reply = post_section(
        &o,
        &inspector,
        &id,
        "ramp",
        &[
            ("applies", "yes"),
            ("result.ramp.handrails_both_sides", "pass"),
            ("value.ramp.handrail_height", "90"),
            ("unit.ramp.handrail_height", "mm"),
            ("then", "next"),
        ],
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let back = location(&reply);
    assert_eq!(
        back,
        format!("/audits/{id}/sections/ramp?done=check#item-ramp.handrail_height"),
        "the section stays, at the item to look at"
    );
    let rail = saved_answer(&audit_json(&o, &id).await, "ramp.handrail_height").expect("saved");
    assert_eq!(rail["value"], json!(90.0), "a warning, not a refusal");
    let page_vi = page(&o, &inspector, &back).await;
    assert!(
        page_vi.body.contains("Có phải ý bạn là 90 cm?"),
        "{}",
        page_vi.body
    );
    assert!(page_vi.body.contains("Đã lưu. Hãy xem lại cảnh báo"));
    let page_en = page(
        &o,
        &inspector,
        &format!("/audits/{id}/sections/ramp?lang=en"),
    )
    .await;
    assert!(
        page_en.body.contains("Did you mean 90 cm?"),
        "{}",
        page_en.body
    );
    // Corrected, the warning goes and the next save moves on.
    let fixed = post_section(
        &o,
        &inspector,
        &id,
        "ramp",
        &[
            ("applies", "yes"),
            ("result.ramp.handrails_both_sides", "pass"),
            ("value.ramp.handrail_height", "90 cm"),
            ("then", "next"),
        ],
        &[],
    )
    .await;
    assert_eq!(
        location(&fixed),
        format!("/audits/{id}/sections/steps?done=saved&section=ramp")
    );
    let ramp = page(&o, &inspector, &format!("/audits/{id}/sections/ramp")).await;
    assert!(!ramp.body.contains("Có phải ý bạn là"));
}

#[tokio::test]
async fn photo_problems_are_said_on_the_section_right_after_saving_and_the_overview_marks_missing_photos()
 {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let failed = post_section(
        &o,
        &inspector,
        &id,
        "entrance",
        &[("result.entrance.no_threshold", "fail"), ("then", "next")],
        &[],
    )
    .await;
    let here = format!("/audits/{id}/sections/entrance?done=check#item-entrance.no_threshold");
    assert_eq!(location(&failed), here, "{}", failed.body);
    let section = page(&o, &inspector, &here).await;
    assert!(
        section
            .body
            .contains("Thiếu ảnh: mục này cần ảnh trước khi nộp phiếu."),
        "{}",
        section.body
    );
    let overview = page(&o, &inspector, &format!("/audits/{id}")).await;
    assert!(
        overview.body.contains("thiếu ảnh: 1"),
        "the overview marks the section: {}",
        overview.body
    );
    // The photo comes, taken 2 km away.
    let far = photo(8, Some((21.8710, 106.7610)));
    let sent = post_section(
        &o,
        &inspector,
        &id,
        "entrance",
        &[("result.entrance.no_threshold", "fail"), ("then", "next")],
        &[("photo.entrance.no_threshold", "a.jpg", "image/jpeg", &far)],
    )
    .await;
    assert_eq!(location(&sent), here, "{}", sent.body);
    let section = page(&o, &inspector, &here).await;
    assert!(
        section
            .body
            .contains("Ảnh này được chụp cách địa điểm 2,0 km: có đúng địa điểm không?"),
        "{}",
        section.body
    );
    assert!(!section.body.contains("Thiếu ảnh:"), "the photo is there");
    let overview = page(&o, &inspector, &format!("/audits/{id}")).await;
    assert!(!overview.body.contains("thiếu ảnh:"));
}

#[tokio::test]
async fn a_long_section_keeps_the_inspector_where_they_were() {
    let o = office().await;
    let (inspector, id) = inspector_on_a_new_audit(&o).await;
    let audit = audit_json(&o, &id).await;
    let sections = audit["checklist"]["sections"].as_array().expect("sections");
    let entrance = 1 + sections
        .iter()
        .position(|s| s["code"] == "entrance")
        .expect("an entrance section");
    let form = page(&o, &inspector, &format!("/audits/{id}/sections/entrance")).await;
    assert!(
        form.body
            .contains(&format!("Phần {entrance} trên {}", sections.len())),
        "{}",
        form.body
    );
    assert!(form.body.contains("class=\"save-bar\""));
    assert!(
        form.body.contains(
            "<details class=\"override\"><summary>Đổi kết quả</summary><div class=\"field\"><label for=\"result-entrance.door_width\">"
        ),
        "the override is folded: {}",
        form.body
    );
    let stay = post_section(
        &o,
        &inspector,
        &id,
        "entrance",
        &[
            ("result.entrance.accessible_entrance", "pass"),
            ("value.entrance.door_width", "95 cm"),
            ("unit.entrance.door_width", "mm"),
            ("result.entrance.door_clear_space", "pass"),
            ("then", "stay"),
        ],
        &[(
            "photo.entrance.accessible_entrance",
            "a.jpg",
            "image/jpeg",
            &photo(3, None),
        )],
    )
    .await;
    let back = location(&stay);
    assert_eq!(
        back,
        format!("/audits/{id}/sections/entrance?done=saved#item-entrance.door_clear_space"),
        "back at the last item filled in"
    );
    let saved = page(&o, &inspector, &back).await;
    let bar = saved.body.find("class=\"save-bar\"").expect("a save bar");
    let notice = saved
        .body
        .find("Đã lưu câu trả lời của phần này.")
        .expect("the saved notice on the section saved");
    assert!(
        notice > bar,
        "in the save bar, in reach wherever the page is"
    );
    let next = post_section(
        &o,
        &inspector,
        &id,
        "entrance",
        &[
            ("result.entrance.no_revolving_door", "pass"),
            ("then", "next"),
        ],
        &[],
    )
    .await;
    let to = location(&next);
    assert_eq!(
        to,
        format!("/audits/{id}/sections/ramp?done=saved&section=entrance")
    );
    let ramp = page(&o, &inspector, &to).await;
    assert!(
        ramp.body.contains("Đã lưu phần “Lối vào”."),
        "{}",
        ramp.body
    );
    let en = page(&o, &inspector, &format!("{to}&lang=en")).await;
    assert!(en.body.contains("The section “Entrance” is saved."));
    assert!(
        en.body
            .contains(&format!("Section {} of {}", entrance + 1, sections.len()))
    );
}

#[tokio::test]
async fn a_failed_save_says_what_happened_keeps_the_person_signed_in_and_links_back() {
    let o = office().await;
    let inspector = cookie(&o, "thanh.kt").await;
    let id = crate::audits::submitted_by(&o, &o.inspector).await;
    // An old tab of a submitted audit: the save is refused.
    let late = post_section(
        &o,
        &inspector,
        &id,
        "entrance",
        &[("result.entrance.no_threshold", "fail")],
        &[],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    for said in [
        "Chưa lưu được phần này",
        "đã được nộp và đang chờ duyệt",
        "Các câu trả lời đã lưu trước đó vẫn còn nguyên",
        &format!("href=\"/audits/{id}/sections/entrance\""),
        "Đăng xuất",
    ] {
        assert!(late.body.contains(said), "{said}: {}", late.body);
    }
    assert!(!late.body.contains("/login?next="), "not signed out");
    // A form that arrives broken (the connection dropped): the same page.
    let id = start_from_site_page(&o, &inspector).await;
    let broken = o
        .app
        .call("POST", &format!("/audits/{id}/sections/entrance"))
        .cookie(&inspector)
        .raw(
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"value.entr".to_vec(),
        )
        .send()
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST, "{}", broken.body);
    assert!(broken.body.contains("Chưa lưu được phần này"));
    assert!(broken.body.contains("Lối vào"), "the section by name");
    assert!(broken.body.contains("Đăng xuất"));
    // Any other page's error keeps the signed-in header too.
    let missing = o
        .app
        .call("GET", "/audits/01a00000-0000-7000-8000-000000000000")
        .cookie(&inspector)
        .send()
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Đăng xuất"), "{}", missing.body);
}

#[tokio::test]
async fn a_returned_audits_comment_heads_its_overview_and_every_section() {
    let o = office().await;
    let inspector = cookie(&o, "thanh.kt").await;
    let id = crate::audits::submitted_by(&o, &o.inspector).await;
    let comment = "Đo lại chiều rộng cửa, kèm ảnh có thước.";
    let returned = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/review"))
        .bearer(&o.reviewer)
        .json(&json!({ "decision": "return", "comment": comment }))
        .send()
        .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
    let overview = page(&o, &inspector, &format!("/audits/{id}")).await;
    let at = overview.body.find(comment).expect("the comment");
    let facts = overview.body.find("class=\"facts\"").expect("the facts");
    let sections = overview.body.find("class=\"sections\"").expect("sections");
    assert!(at < facts && at < sections, "above the fold");
    assert_eq!(overview.body.matches(comment).count(), 1);
    let audit = audit_json(&o, &id).await;
    for section in audit["checklist"]["sections"].as_array().expect("sections") {
        let code = section["code"].as_str().expect("code");
        let form = page(&o, &inspector, &format!("/audits/{id}/sections/{code}")).await;
        let at = form.body.find(comment).unwrap_or_else(|| panic!("{code}"));
        let first = form
            .body
            .find("enctype=\"multipart/form-data\"")
            .expect("the section's form");
        assert!(at < first, "{code}: at the top");
    }
}

#[tokio::test]
async fn the_review_puts_failures_and_warnings_first_says_what_changed_since_the_return_and_folds_the_rest()
 {
    let o = office().await;
    let reviewer = cookie(&o, "hoa.duyet").await;
    let audit = crate::audits::start(&o).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let fails = [("entrance.no_threshold", json!({ "result": "fail" }))];
    let answers = answers_for(&audit, &[], &fails);
    let saved = put_answers(&o, &o.inspector, &id, &json!(answers)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    for (n, (item, gps)) in [
        ("entrance.accessible_entrance", None),
        ("toilet.accessible_present", None),
        ("entrance.no_threshold", Some((21.8530 + 0.4392, 106.7610))),
    ]
    .into_iter()
    .enumerate()
    {
        let sent = crate::audits::upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &photo(20 + n as u64, gps),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    let submit = || {
        o.app
            .call("POST", &format!("/api/v1/audits/{id}/submit"))
            .bearer(&o.inspector)
            .send()
    };
    assert_eq!(submit().await.status, StatusCode::OK);
    let first = page(&o, &reviewer, &format!("/audits/{id}/review")).await;
    assert!(
        !first.body.contains("Thay đổi từ khi trả lại"),
        "never returned yet"
    );
    let returned = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/review"))
        .bearer(&o.reviewer)
        .json(&json!({ "decision": "return", "comment": "Đo lại cửa bên trong." }))
        .send()
        .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
    let again = put_answers(
        &o,
        &o.inspector,
        &id,
        &json!([
            { "item": "inside.door_width", "value": "75 cm" },
            { "item": "entrance.signs_audio", "result": "pass", "note": "Có loa ở cửa" },
        ]),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let sent = crate::audits::upload(
        &o.app,
        &o.inspector,
        &id,
        Some("inside.door_width"),
        &photo(30, None),
    )
    .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    assert_eq!(submit().await.status, StatusCode::OK);

    let view = page(&o, &reviewer, &format!("/audits/{id}/review")).await;
    let body = &view.body;
    let folded = body
        .find("<details class=\"review-section\"")
        .expect("the rest is folded");
    let at = |needle: &str| {
        body.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {body}"))
    };
    assert!(at("Cần chú ý") < folded);
    assert!(
        at("id=\"item-entrance.no_threshold\"") < folded,
        "a failure comes first"
    );
    assert!(
        at("id=\"item-inside.door_width\"") < folded,
        "a new failure too"
    );
    assert!(
        at("id=\"item-entrance.accessible_entrance\"") > folded,
        "a pass is folded"
    );
    assert_eq!(body.matches("id=\"item-entrance.no_threshold\"").count(), 1);
    let changes = at("Thay đổi từ khi trả lại");
    assert!(changes < folded);
    assert!(
        body.contains("800 mm · Đạt → 750 mm · Không đạt"),
        "the door before and after: {body}"
    );
    assert!(
        !body[changes..folded].contains("entrance.signs_audio"),
        "a new note alone is no change of value or result"
    );
    assert!(
        body.contains("Cảnh báo: ảnh này được chụp cách địa điểm 48,8 km."),
        "the distance in km: {body}"
    );
    let en = page(&o, &reviewer, &format!("/audits/{id}/review?lang=en")).await;
    assert!(en.body.contains("48.8 km"), "{}", en.body);
    assert!(en.body.contains("What changed since it was returned"));
}
