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
