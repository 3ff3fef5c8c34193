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
    let inspector = cookie(&o, "thanh.kt").await;
    let id = start_from_site_page(&o, &inspector).await;
    let form = page(&o, &inspector, &format!("/audits/{id}/sections/entrance")).await;
    for needed in [
        "accept=\"image/*\"",
        "capture=\"environment\"",
        "enctype=\"multipart/form-data\"",
        "QCVN 10:2024/BXD 2.3.1",
        "Cách kiểm tra",
        "name=\"value.entrance.door_width\"",
    ] {
        assert!(form.body.contains(needed), "{needed}");
    }
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
    let api = || {
        let token = o.inspector.clone();
        let uri = format!("/api/v1/audits/{id}");
        let app = &o.app;
        async move { app.call("GET", &uri).bearer(&token).send().await.json() }
    };
    assert_eq!(
        api().await["answers"],
        json!([]),
        "nothing of a refused form is saved"
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
    let inspector = cookie(&o, "thanh.kt").await;
    let id = start_from_site_page(&o, &inspector).await;
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
    let inspector = cookie(&o, "thanh.kt").await;
    let id = start_from_site_page(&o, &inspector).await;
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
