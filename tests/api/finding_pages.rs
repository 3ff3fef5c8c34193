//! The remediation pages, as a department's reviewer and inspector use them without
//! JavaScript: the dashboard, a finding's page with a form per allowed step, a refused form
//! shown again with what was typed, and the site page's timeline and follow-up start.

use axum::http::{StatusCode, header};

use crate::audits::{Office, office, photo};
use crate::remediation::{
    DOOR, RAMP, SIGNS, day_from_today, id_of, office_ten_days_ago, step, three_findings,
};

/// The session cookie of `username` (created by [`office`] with the test password).
async fn cookie(o: &Office, username: &str) -> String {
    o.app
        .sign_in(username, &format!("pw-{username}-0123456789"))
        .await
}

async fn page(o: &Office, cookie: &str, uri: &str) -> crate::common::Reply {
    let reply = o.app.call("GET", uri).cookie(cookie).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply
}

fn location(reply: &crate::common::Reply) -> String {
    reply.header(header::LOCATION).unwrap_or_default()
}

#[tokio::test]
async fn the_dashboard_counts_and_lists_the_departments_findings_overdue_first() {
    // The door is planned ten days ago, due three days later: overdue today.
    let (o, real_now) = office_ten_days_ago().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let planned = step(
        &o,
        &o.reviewer,
        &door,
        serde_json::json!({ "to": "planned", "due_date": day_from_today(&o, 3) }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    o.app.services().clock.set(real_now);
    let signs = id_of(&findings, SIGNS);
    let given_up = step(
        &o,
        &o.reviewer,
        &signs,
        serde_json::json!({ "to": "wont_fix", "reason": "Di tích" }),
    )
    .await;
    assert_eq!(given_up.status, StatusCode::OK, "{}", given_up.body);

    let reviewer = cookie(&o, "hoa.duyet").await;
    let dashboard = page(&o, &reviewer, "/findings").await;
    let body = &dashboard.body;
    assert!(body.contains("Các rào cản cần khắc phục"), "{body}");
    assert!(
        body.contains("href=\"/findings\""),
        "the navigation links the dashboard"
    );
    for id in [&door, &id_of(&findings, RAMP)] {
        assert!(body.contains(&format!("/findings/{id}")), "{id} listed");
    }
    assert!(
        !body.contains(&format!("/findings/{signs}")),
        "given-up findings are not in the default list"
    );
    assert!(body.contains(&format!("/sites/{}", o.site)));
    assert!(
        body.contains("Đã lên kế hoạch"),
        "the door's state in words"
    );
    let door_at = body.find(&format!("/findings/{door}\"")).expect("door row");
    let ramp_at = body
        .find(&format!("/findings/{}\"", id_of(&findings, RAMP)))
        .expect("ramp row");
    assert!(door_at < ramp_at, "the overdue door comes first");
    assert!(
        body[door_at..ramp_at].contains("Quá hạn"),
        "and says it is overdue"
    );
    assert!(
        body.contains("<strong>1</strong> quá hạn"),
        "the count of overdue findings"
    );
    assert!(body.contains("/api/v1/findings?"), "a CSV link");
    assert!(body.contains("format=csv"));
    let given_up_list = page(&o, &reviewer, "/findings?state=wont_fix&lang=en").await;
    assert!(given_up_list.body.contains(&format!("/findings/{signs}")));
    assert!(given_up_list.body.contains("Will not be fixed"));
    let refused = o
        .app
        .call("GET", "/findings?due_before=soon")
        .cookie(&reviewer)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("NNNN-TT-NN"), "{}", refused.body);
    let anonymous = o.app.get("/findings").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/login"));
}

#[tokio::test]
async fn a_finding_page_offers_each_person_only_their_steps_and_a_refused_form_keeps_what_was_typed()
 {
    let o = office().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let reviewer = cookie(&o, "hoa.duyet").await;
    let inspector = cookie(&o, "thanh.kt").await;
    let uri = format!("/findings/{door}");

    let as_reviewer = page(&o, &reviewer, &uri).await;
    for step in ["planned", "in_progress", "fixed", "wont_fix"] {
        assert!(
            as_reviewer
                .body
                .contains(&format!("id=\"step-{step}-title\"")),
            "the reviewer may {step}"
        );
    }
    assert!(!as_reviewer.body.contains("step-reopened"));
    assert!(as_reviewer.body.contains("Trước khắc phục"));
    assert!(
        as_reviewer.body.contains("/thumb"),
        "the photo of the failure"
    );
    let as_inspector = page(&o, &inspector, &uri).await;
    assert!(as_inspector.body.contains("id=\"step-fixed-title\""));
    assert!(!as_inspector.body.contains("step-planned"));
    assert!(!as_inspector.body.contains("step-wont_fix"));

    // A plan without a date comes back with the problem and what was typed.
    let refused = o
        .app
        .call("POST", &format!("{uri}/transitions"))
        .cookie(&reviewer)
        .multipart(
            &[
                ("to", "planned"),
                ("due_date", ""),
                ("assignee", "Đội thi công số 3"),
            ],
            &[],
        )
        .send()
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("error-summary"));
    assert!(
        refused.body.contains("Hạn hoàn thành: Chưa nhập giá trị."),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"Đội thi công số 3\""));
    // An inspector's attempt at a reviewer's step names the rule.
    let not_theirs = o
        .app
        .call("POST", &format!("{uri}/transitions"))
        .cookie(&inspector)
        .multipart(&[("to", "wont_fix"), ("reason", "Di tích")], &[])
        .send()
        .await;
    assert_eq!(
        not_theirs.status,
        StatusCode::FORBIDDEN,
        "{}",
        not_theirs.body
    );
    assert!(
        not_theirs.body.contains("Chỉ người duyệt"),
        "{}",
        not_theirs.body
    );

    // With a date it is saved, and the page says so and shows it in the history.
    let due = day_from_today(&o, 20);
    let saved = o
        .app
        .call("POST", &format!("{uri}/transitions"))
        .cookie(&reviewer)
        .multipart(
            &[
                ("to", "planned"),
                ("due_date", &due),
                ("budget_year", "2027"),
                ("comment", "Thay cửa"),
            ],
            &[],
        )
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(location(&saved), format!("{uri}?done=1"));
    let after = page(&o, &reviewer, &location(&saved)).await;
    assert!(after.body.contains("Đã lưu."));
    assert!(
        after.body.contains("Thay cửa"),
        "the comment in the history"
    );
    assert!(after.body.contains("2027"));

    // The inspector marks it fixed with a photo from the phone.
    let bytes = photo(90, None);
    let fixed = o
        .app
        .call("POST", &format!("{uri}/transitions"))
        .cookie(&inspector)
        .multipart(
            &[("to", "fixed"), ("comment", "Đã lắp cửa 950 mm")],
            &[("file", "IMG_2001.jpg", "image/jpeg", &bytes)],
        )
        .send()
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER, "{}", fixed.body);
    let now = page(&o, &inspector, &uri).await;
    assert!(now.body.contains("Đã khắc phục, chờ xác minh"));
    assert!(now.body.contains("Sau khắc phục"));
    assert_eq!(
        now.body.matches("/thumb").count(),
        2,
        "one photo before, one after: {}",
        now.body
    );
}

#[tokio::test]
async fn the_site_page_shows_staff_a_timeline_and_a_follow_up_start_and_the_public_neither() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let inspector = cookie(&o, "thanh.kt").await;
    let site = page(&o, &inspector, &format!("/sites/{}", o.site)).await;
    assert!(
        site.body.contains("Diễn biến kiểm tra và khắc phục"),
        "{}",
        site.body
    );
    assert!(site.body.contains("name=\"follow_up\" value=\"true\""));
    assert_eq!(
        site.body.matches("class=\"before-after\"").count(),
        3,
        "each finding with its photos before and after side by side"
    );
    for f in &findings {
        assert!(
            site.body
                .contains(&format!("/findings/{}", f["id"].as_str().expect("id")))
        );
    }
    let public = o.app.get(&format!("/sites/{}", o.site)).await;
    assert!(!public.body.contains("Diễn biến kiểm tra"));
    assert!(!public.body.contains("follow_up"));
    assert!(!public.body.contains("thanh.kt") && !public.body.contains("Thanh"));
    assert!(
        public.body.contains("Chưa có kế hoạch khắc phục."),
        "{}",
        public.body
    );

    // The follow-up form starts a short audit of the three items.
    let at = site.body.find("name=\"follow_up\"").expect("form");
    let form = &site.body[..at];
    let key_at = form.rfind("name=\"key\" value=\"").expect("key") + 18;
    let key = &form[key_at..key_at + 36];
    let started = o
        .app
        .call("POST", &format!("/sites/{}/audits", o.site))
        .cookie(&inspector)
        .form(&[
            ("key", key),
            ("follow_up", "true"),
            ("lat", ""),
            ("lon", ""),
            ("accuracy", ""),
        ])
        .send()
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let to = location(&started);
    assert!(
        to.ends_with("/sections/approach"),
        "the first held section: {to}"
    );
    let id = to.split('/').nth(2).expect("id");
    let audit = page(&o, &inspector, &format!("/audits/{id}")).await;
    for code in ["entrance", "signage", "approach"] {
        assert!(audit.body.contains(&format!("/sections/{code}")), "{code}");
    }
    assert!(
        !audit.body.contains("/sections/toilet"),
        "only the findings' sections"
    );
}

#[tokio::test]
async fn every_overdue_finding_is_on_the_first_page_of_the_dashboard_however_old() {
    // The ramp, the oldest finding, is planned ten days ago and due three days later.
    let (o, real_now) = office_ten_days_ago().await;
    let findings = three_findings(&o).await;
    let ramp = id_of(&findings, RAMP);
    let planned = step(
        &o,
        &o.reviewer,
        &ramp,
        serde_json::json!({ "to": "planned", "due_date": day_from_today(&o, 3) }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    o.app.services().clock.set(real_now);
    let reviewer = cookie(&o, "hoa.duyet").await;
    // One finding per page: the newest (the signs), and before it the overdue ramp.
    let first = page(&o, &reviewer, "/findings?limit=1").await;
    let ramp_at = first
        .body
        .find(&format!("/findings/{ramp}\""))
        .expect("the overdue ramp on page 1");
    let signs_at = first
        .body
        .find(&format!("/findings/{}\"", id_of(&findings, SIGNS)))
        .expect("the newest on page 1");
    assert!(ramp_at < signs_at, "overdue first");
    let before_at = first.body.find("before=").expect("a next page");
    let next_at = first.body[..before_at]
        .rfind("\"/findings?")
        .expect("its link")
        + 1;
    let next = &first.body[next_at..];
    let next = &next[..next.find('"').expect("link end")].replace("&amp;", "&");
    let second = page(&o, &reviewer, next).await;
    assert!(
        !second.body.contains(&format!("/findings/{ramp}\"")),
        "not shown again on a later page"
    );
    assert!(
        second
            .body
            .contains(&format!("/findings/{}\"", id_of(&findings, DOOR)))
    );
}

#[tokio::test]
async fn a_step_form_sent_twice_from_a_phone_is_one_step() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let reviewer = cookie(&o, "hoa.duyet").await;
    let uri = format!("/findings/{door}");
    let shown = page(&o, &reviewer, &uri).await;
    let at = shown.body.find("name=\"key\" value=\"").expect("a key") + 18;
    let key = &shown.body[at..shown.body[at..].find('"').expect("end") + at];
    let due = day_from_today(&o, 20);
    let send = || {
        o.app
            .call("POST", &format!("{uri}/transitions"))
            .cookie(&reviewer)
            .multipart(
                &[
                    ("to", "planned"),
                    ("key", key),
                    ("due_date", &due),
                    ("comment", "Thay cửa"),
                ],
                &[],
            )
            .send()
    };
    let first = send().await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let again = send().await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(location(&again), location(&first));
    let detail = o
        .app
        .call("GET", &format!("/api/v1/findings/{door}"))
        .bearer(&o.reviewer)
        .send()
        .await
        .json();
    assert_eq!(detail["history"].as_array().expect("history").len(), 1);
}
