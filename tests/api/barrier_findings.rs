//! A report confirmed as a new finding: its photo is the finding's evidence, marked as from
//! the public and public only as a copy without metadata once accepted; the finding is
//! planned, fixed and verified like any other, and the report's page follows every step.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, office, photo, put_answers, upload};
use crate::barrier_reports::{answer, form_key, location, newest_in_queue, report_count, sent};
use crate::remediation::{DOOR, day_from_today, follow_up, mark_fixed, step, submit_and_approve};
use tiepcan::domain::user::Role;

/// `o` on a settable clock started now.
fn settable(mut o: Office) -> (Office, chrono::DateTime<chrono::Utc>) {
    let now = chrono::Utc::now();
    o.app = o.app.at_time(&now.to_rfc3339());
    (o, now)
}

/// A report sent with the site page's form, 5 seconds after the form was drawn, with
/// `files`; the reply.
async fn send_form(
    o: &Office,
    start: chrono::DateTime<chrono::Utc>,
    description: &str,
    files: &[(&str, &str, &str, &[u8])],
) -> crate::common::Reply {
    let form = o.app.get(&format!("/sites/{}/barrier", o.site)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    let key = form_key(&form.body);
    o.app
        .services()
        .clock
        .set(start + chrono::Duration::seconds(5));
    o.app
        .call("POST", "/barriers")
        .multipart(
            &[
                ("key", &key),
                ("site", &o.site),
                ("features", "entrance"),
                ("description", description),
                ("contact", "lan@example.vn"),
            ],
            files,
        )
        .send()
        .await
}

/// A reviewer of the office's department, signed in with a session.
async fn moderator(o: &Office, name: &str) -> String {
    let password = o
        .app
        .add_user(name, Role::Reviewer, Some("construction"))
        .await;
    o.app.sign_in(name, &password).await
}

/// The first `/{prefix}/.../photos/{id}/` photo id on `body`.
fn photo_on(body: &str, prefix: &str) -> String {
    let at = body.find(prefix).expect("a photo link") + prefix.len();
    let rest = &body[at..];
    let at = rest.find("/photos/").expect("photos") + "/photos/".len();
    rest[at..at + 36].to_owned()
}

/// `path` as the person signed in with `cookie` sees it.
async fn get_as(o: &Office, cookie: &str, path: &str) -> crate::common::Reply {
    o.app.call("GET", path).cookie(cookie).send().await
}

/// The findings of the office's site, as its reviewer reads them.
async fn findings_of(o: &Office) -> Vec<Value> {
    let reply = o
        .app
        .call("GET", &format!("/api/v1/findings?site={}", o.site))
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn a_report_confirmed_as_a_new_finding_is_fixed_and_verified_and_its_page_follows_every_step()
{
    let (o, start) = settable(office().await);
    let cookie = moderator(&o, "mod.xaydung").await;
    let with_gps = photo(7, Some((21.8531, 106.7612)));
    let sent = send_form(
        &o,
        start,
        "Cửa vào hẹp, xe lăn không qua được.",
        &[("photo", "cua.jpg", "image/jpeg", &with_gps)],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = location(&sent).replace("?sent=1", "");
    let token = page.trim_start_matches("/barriers/").to_owned();

    // The moderator sees the photo; the public sees none of it before it is accepted.
    let id = newest_in_queue(&o.app, &cookie).await;
    let moderation = get_as(&o, &cookie, &format!("/moderation/barriers/{id}")).await;
    let staff_prefix = format!("/api/v1/barrier-reports/{id}");
    let photo_id = photo_on(&moderation.body, &staff_prefix);
    let original = get_as(
        &o,
        &cookie,
        &format!("{staff_prefix}/photos/{photo_id}/original"),
    )
    .await;
    assert_eq!(original.status, StatusCode::OK);
    assert_eq!(original.bytes, with_gps, "the original is kept as sent");
    let public_copy = format!("{page}/photos/{photo_id}/display");
    assert_eq!(o.app.get(&public_copy).await.status, StatusCode::NOT_FOUND);
    assert!(!o.app.get(&page).await.body.contains("/photos/"));

    // Confirmed as a new finding on the door's width, its words and photo accepted.
    let confirmed = answer(
        &o.app,
        &cookie,
        &id,
        &[
            ("version", "1"),
            ("answer", "confirm"),
            ("finding", "new"),
            ("item", DOOR),
            ("publication", "accepted"),
        ],
    )
    .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    let findings = findings_of(&o).await;
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!(finding["item"], DOOR);
    assert_eq!(finding["state"], "open");
    assert_eq!(finding["audit_id"], Value::Null);
    assert!(
        finding["report_url"]
            .as_str()
            .is_some_and(|u| u.ends_with(&page)),
        "{finding}"
    );
    assert_eq!(
        finding["photos"],
        json!([photo_id]),
        "the report's photo is the evidence"
    );
    let finding_id = finding["id"].as_str().expect("id").to_owned();
    let finding_page = get_as(&o, &cookie, &format!("/findings/{finding_id}")).await;
    assert_eq!(finding_page.status, StatusCode::OK);
    assert!(finding_page.body.contains("phản ánh của người dân"));
    assert!(
        finding_page
            .body
            .contains(&format!("href=\"/barriers/{token}\""))
    );
    assert!(
        finding_page
            .body
            .contains(&format!("{staff_prefix}/photos/{photo_id}/thumb"))
    );

    // The public copy carries no metadata: no EXIF block, no GPS position.
    let copy = o.app.get(&public_copy).await;
    assert_eq!(copy.status, StatusCode::OK);
    assert!(copy.bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
    let has = |needle: &[u8]| copy.bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        !has(b"Exif"),
        "no EXIF block, so no GPS position, in the public copy"
    );
    assert!(!has(b"2026:11:30"), "no capture time");
    assert_eq!(
        o.app
            .get(&format!("{page}/photos/{photo_id}/original"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "the original is never public"
    );
    let public = o.app.get(&page).await.body;
    assert!(public.contains("Đã xác nhận là rào cản"));
    assert!(public.contains("Mới phát hiện"), "the fix's state");
    assert!(public.contains(&format!("{page}/photos/{photo_id}/thumb")));

    // Planned: the page says so, with the date.
    let due = day_from_today(&o, 30);
    let planned = step(
        &o,
        &o.reviewer,
        &finding_id,
        json!({ "to": "planned", "due_date": due }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    let public = o.app.get(&page).await.body;
    assert!(public.contains("Đã lên kế hoạch"), "planned");
    let due_shown = chrono::NaiveDate::parse_from_str(&due, "%Y-%m-%d")
        .expect("a date")
        .format("%d/%m/%Y")
        .to_string();
    assert!(public.contains(&due_shown), "the due date {due_shown}");
    let json = o
        .app
        .get(&format!("/api/v1/barrier-reports/{token}"))
        .await
        .json();
    assert_eq!(json["fix_state"], "planned");
    assert_eq!(json["fix_due"], due);

    // Fixed with an after-photo, filed with the report's photos.
    let fixed = mark_fixed(&o, &o.inspector, &finding_id, 70).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let after = fixed.json()["photos_after"][0]["thumb_url"]
        .as_str()
        .expect("an after-photo")
        .to_owned();
    assert!(after.contains(&staff_prefix), "{after}");
    let after_path = &after[after.find("/api/").expect("a path")..];
    let thumb = get_as(&o, &cookie, after_path).await;
    assert_eq!(thumb.status, StatusCode::OK);
    assert!(
        o.app
            .get(&page)
            .await
            .body
            .contains("Đã khắc phục, chờ xác minh")
    );

    // Verified by another inspector's follow-up audit, like any finding.
    let other = o
        .app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    let started = follow_up(&o, &other).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    let audit = started.json()["id"].as_str().expect("id").to_owned();
    let answers = json!([{ "item": DOOR, "value": 900, "unit": "mm" }]);
    let reply = put_answers(&o, &other, &audit, &answers).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let shot = upload(&o.app, &other, &audit, Some(DOOR), &photo(71, None)).await;
    assert_eq!(shot.status, StatusCode::CREATED, "{}", shot.body);
    submit_and_approve(&o, &other, &audit).await;
    assert_eq!(findings_of(&o).await[0]["state"], "verified");
    let public = o.app.get(&page).await.body;
    assert!(public.contains("Đã xác minh"), "verified");
    assert!(!public.contains("lan@example.vn"), "never the contact");
}

#[tokio::test]
async fn a_report_photo_that_is_a_pdf_or_over_the_limit_is_named_with_the_text_kept_and_nothing_stored()
 {
    let (o, start) = settable(office().await);
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let refused = send_form(
        &o,
        start,
        "Dốc lên quá dốc, không có tay vịn.",
        &[("photo", "bien-ban.pdf", "application/pdf", pdf)],
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("href=\"#photo\""),
        "the photo is named"
    );
    assert!(
        refused.body.contains("Dốc lên quá dốc, không có tay vịn."),
        "the text is kept"
    );
    assert_eq!(report_count(&o.app).await, 0);

    let huge = vec![0xFF_u8; 60 * 1024 * 1024];
    let refused = send_form(
        &o,
        start,
        "Dốc lên quá dốc, không có tay vịn.",
        &[("photo", "to.jpg", "image/jpeg", &huge)],
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("25 MB"), "the limit is named");
    assert!(refused.body.contains("Dốc lên quá dốc, không có tay vịn."));
    assert_eq!(report_count(&o.app).await, 0);
    let stored = match o.app.db() {
        tiepcan::store::Db::Sqlite(pool) => {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM photos")
                .fetch_one(pool)
                .await
        }
        tiepcan::store::Db::Postgres(pool) => {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM photos")
                .fetch_one(pool)
                .await
        }
    }
    .expect("count");
    assert_eq!(stored, 0, "no photo record");
}

#[tokio::test]
async fn a_new_finding_needs_a_registered_place_an_item_of_its_checklist_and_none_standing_on_it() {
    let (o, _) = settable(office().await);
    let cookie = moderator(&o, "mod.moi").await;
    let reported = |description: &'static str| {
        let (app, site) = (&o.app, o.site.clone());
        async move {
            sent(
                app,
                json!({ "features": ["entrance"], "description": description, "site": site }),
            )
            .await
        }
    };
    reported("Cửa vào quá hẹp cho xe lăn.").await;
    let first = newest_in_queue(&o.app, &cookie).await;
    let confirm = |item: &'static str| {
        [
            ("version", "1"),
            ("answer", "confirm"),
            ("finding", "new"),
            ("item", item),
        ]
    };
    // No item, an item of no checklist: each named, nothing written.
    let none = answer(&o.app, &cookie, &first, &confirm("")).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("href=\"#item\""), "{}", none.body);
    let unknown = answer(&o.app, &cookie, &first, &confirm("entrance.no_such_item")).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("entrance.no_such_item"));
    assert!(findings_of(&o).await.is_empty());
    let made = answer(&o.app, &cookie, &first, &confirm(DOOR)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let finding = findings_of(&o).await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // A second report of the same door is the same finding, not another.
    reported("Cửa vào vẫn hẹp, chưa sửa.").await;
    let second = newest_in_queue(&o.app, &cookie).await;
    assert_ne!(second, first);
    let again = answer(&o.app, &cookie, &second, &confirm(DOOR)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("chọn rào cản đó"), "{}", again.body);
    let moderation = get_as(&o, &cookie, &format!("/moderation/barriers/{second}")).await;
    assert!(
        moderation
            .body
            .contains(&format!("<option value=\"{finding}\">")),
        "the standing finding is offered"
    );
    let linked = answer(
        &o.app,
        &cookie,
        &second,
        &[
            ("version", "1"),
            ("answer", "confirm"),
            ("finding", &finding),
        ],
    )
    .await;
    assert_eq!(linked.status, StatusCode::SEE_OTHER, "{}", linked.body);
    assert_eq!(findings_of(&o).await.len(), 1);
}

#[tokio::test]
async fn a_place_in_no_registry_is_given_to_a_department_registered_from_its_report_and_confirmed()
{
    let (o, _) = settable(office().await);
    let reviewer = moderator(&o, "mod.noi").await;
    let coordinator = o.app.add_user("dp.tinh", Role::Coordinator, None).await;
    let coordinator = o.app.sign_in("dp.tinh", &coordinator).await;
    let page = sent(
        &o.app,
        json!({ "features": ["path"], "description": "Lối vào nhà chờ bị bậc cao chắn.", "lat": 21.8402, "lon": 106.7533 }),
    )
    .await;
    let id = newest_in_queue(&o.app, &coordinator).await;
    let confirm_new = [
        ("version", "1"),
        ("answer", "confirm"),
        ("finding", "new"),
        ("item", DOOR),
    ];
    let refused = answer(&o.app, &coordinator, &id, &confirm_new).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("hãy đăng ký địa điểm trước"),
        "{}",
        refused.body
    );

    // The coordinator gives it to the department of construction: an unknown one is named.
    let assign = |code: &'static str| {
        let (app, coordinator, id) = (&o.app, coordinator.clone(), id.clone());
        async move {
            app.call("POST", &format!("/moderation/barriers/{id}/department"))
                .cookie(&coordinator)
                .form(&[("department", code)])
                .send()
                .await
        }
    };
    let unknown = assign("no-such-department").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("no-such-department"));
    let given = assign("construction").await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);
    assert_eq!(
        assign("culture").await.status,
        StatusCode::FORBIDDEN,
        "no longer the coordinators'"
    );
    assert_eq!(
        newest_in_queue(&o.app, &reviewer).await,
        id,
        "now the department's"
    );

    // Its reviewer registers the place from the report, the position filled in.
    let moderation = get_as(&o, &reviewer, &format!("/moderation/barriers/{id}"))
        .await
        .body;
    let at = moderation.find("/sites/new?").expect("register the place");
    let link = moderation[at..at + moderation[at..].find('"').expect("end")].replace("&amp;", "&");
    let form = get_as(&o, &reviewer, &link).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(
        form.body.contains("value=\"21.8402\""),
        "the latitude is filled in"
    );
    assert!(
        form.body
            .contains(&format!("name=\"report\" value=\"{id}\""))
    );
    let created = o
        .app
        .call("POST", "/sites")
        .cookie(&reviewer)
        .form(&[
            ("name", "Nhà chờ xe buýt Phai Vệ"),
            ("kind", "public_building"),
            ("subtype", "people_committee"),
            ("address", "Đường Bà Triệu"),
            ("lat", "21.8402"),
            ("lon", "106.7533"),
            ("department", "construction"),
            ("operator", ""),
            ("report", &id),
        ])
        .send()
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let site = location(&created);
    let json = o
        .app
        .get(&page.replace("/barriers/", "/api/v1/barrier-reports/"))
        .await
        .json();
    assert_eq!(
        json["site_name"], "Nhà chờ xe buýt Phai Vệ",
        "the report is filed under the place: {json}"
    );
    assert!(site.ends_with(json["site"].as_str().expect("site")));

    // Now it can be confirmed as a new finding of the place.
    let confirmed = answer(
        &o.app,
        &reviewer,
        &id,
        &[
            ("version", "3"),
            ("answer", "confirm"),
            ("finding", "new"),
            ("item", DOOR),
        ],
    )
    .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert!(
        o.app
            .get(&page)
            .await
            .body
            .contains("Đã xác nhận là rào cản")
    );
}

#[tokio::test]
async fn a_reports_photo_is_for_its_department_and_the_public_only_once_accepted() {
    let (o, start) = settable(office().await);
    let cookie = moderator(&o, "mod.anh").await;
    let sent = send_form(
        &o,
        start,
        "Cửa vào hẹp.",
        &[("photo", "cua.jpg", "image/jpeg", &photo(9, None))],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = location(&sent).replace("?sent=1", "");
    let id = newest_in_queue(&o.app, &cookie).await;
    let body = get_as(&o, &cookie, &format!("/moderation/barriers/{id}"))
        .await
        .body;
    let photo_id = photo_on(&body, &format!("/api/v1/barrier-reports/{id}"));
    let staff = format!("/api/v1/barrier-reports/{id}/photos/{photo_id}/thumb");
    let other = o
        .app
        .token("rev.vanhoa", Role::Reviewer, Some("culture"))
        .await;
    let refused = o.app.call("GET", &staff).bearer(&other).send().await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "another department");
    assert_eq!(o.app.get(&staff).await.status, StatusCode::UNAUTHORIZED);
    let withheld = answer(
        &o.app,
        &cookie,
        &id,
        &[("version", "1"), ("publication", "withheld")],
    )
    .await;
    assert_eq!(withheld.status, StatusCode::SEE_OTHER);
    let public = format!("{page}/photos/{photo_id}/thumb");
    assert_eq!(o.app.get(&public).await.status, StatusCode::NOT_FOUND);
    let accepted = answer(
        &o.app,
        &cookie,
        &id,
        &[("version", "2"), ("publication", "accepted")],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_eq!(o.app.get(&public).await.status, StatusCode::OK);
    let json = o
        .app
        .get(&page.replace("/barriers/", "/api/v1/barrier-reports/"))
        .await
        .json();
    assert_eq!(json["photos"].as_array().map(Vec::len), Some(1), "{json}");
}

#[tokio::test]
async fn a_departments_reports_go_with_its_places_when_it_is_merged() {
    let (o, _) = settable(office().await);
    let admin = o.app.token("root.gop", Role::Admin, None).await;
    let page = sent(
        &o.app,
        json!({ "features": ["entrance"], "description": "Cửa vào quá hẹp cho xe lăn.", "site": o.site }),
    )
    .await;
    let merged = o
        .app
        .call("POST", "/api/v1/departments/construction/merge")
        .bearer(&admin)
        .json(&json!({ "into": "transport" }))
        .send()
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
    let reviewer = o
        .app
        .add_user("rev.giaothong", Role::Reviewer, Some("transport"))
        .await;
    let reviewer = o.app.sign_in("rev.giaothong", &reviewer).await;
    let id = newest_in_queue(&o.app, &reviewer).await;
    let answered = answer(
        &o.app,
        &reviewer,
        &id,
        &[("version", "1"), ("answer", "review")],
    )
    .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    assert!(o.app.get(&page).await.body.contains("Đang xem xét"));
}

#[tokio::test]
async fn the_home_page_leads_to_the_report_form_at_a_typed_position_read_with_a_comma_too() {
    let (o, _) = settable(office().await);
    let home = o.app.get("/").await.body;
    assert!(
        home.contains("action=\"/barriers/new\""),
        "the home page's form"
    );
    assert!(home.contains("name=\"lat\"") && home.contains("name=\"lon\""));
    let comma = o.app.get("/barriers/new?lat=21,8402&lon=106,7533").await;
    assert_eq!(comma.status, StatusCode::OK, "{}", comma.body);
    assert!(
        comma.body.contains("name=\"lat\" value=\"21.8402\""),
        "{}",
        comma.body
    );
    let text = o.app.get("/barriers/new?lat=gần+chợ&lon=106.75").await;
    assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text.body.contains("Vĩ độ") || text.body.contains("lat"),
        "{}",
        text.body
    );
    assert_eq!(report_count(&o.app).await, 0);
}
