//! The administrators' pages and each person's account page, as people use them without
//! JavaScript: a province set up from an empty database through the pages only, every
//! refused form shown again with its problem beside the field, one-time passwords shown
//! once, and changes that came too late overwriting nothing.

use std::collections::HashMap;

use axum::http::{StatusCode, header};
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::common::{Demo, Reply, TestApp, dump_database, run_cli, spawn, stderr};

/// The first administrator's password, set at the console as the README says.
pub(crate) const ADMIN_PASSWORD: &str = "mật khẩu quản trị đủ dài";

/// An empty province (no demo) whose first administrator has a known password.
pub(crate) async fn empty_province() -> TestApp {
    let app = spawn(Demo::No).await;
    let reset = run_cli(
        Some(&app),
        &["user", "reset-password", "admin", "--password-stdin"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    assert!(reset.status.success(), "{}", stderr(&reset));
    app
}

/// Signs in through the sign-in form, as a browser on this site does; returns the session
/// cookie.
pub(crate) async fn login(app: &TestApp, username: &str, password: &str) -> String {
    let reply = app
        .call("POST", "/login")
        .header("host", "tiepcan.test")
        .header("origin", "http://tiepcan.test")
        .form(&[
            ("username", username),
            ("password", password),
            ("next", "/"),
        ])
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::SEE_OTHER,
        "{username}: {}",
        reply.body
    );
    let cookie = reply.header(header::SET_COOKIE).expect("a session cookie");
    cookie.split(';').next().expect("name=value").to_owned()
}

pub(crate) async fn get(app: &TestApp, cookie: &str, uri: &str) -> Reply {
    let reply = app.call("GET", uri).cookie(cookie).send().await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply
}

pub(crate) async fn post(app: &TestApp, cookie: &str, uri: &str, fields: &[(&str, &str)]) -> Reply {
    app.call("POST", uri)
        .cookie(cookie)
        .form(fields)
        .send()
        .await
}

fn location(reply: &Reply) -> String {
    reply.header(header::LOCATION).unwrap_or_default()
}

/// Follows a form's redirect, as the browser does.
pub(crate) async fn follow(app: &TestApp, cookie: &str, reply: &Reply) -> Reply {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    get(app, cookie, &location(reply)).await
}

/// The one-time password a page shows beside `username`.
pub(crate) fn password_of(body: &str, username: &str) -> String {
    let row = body
        .find(&format!("<code>{username}</code>"))
        .unwrap_or_else(|| panic!("{username} is not on the page: {body}"));
    let start = body[row..]
        .find("<code class=\"secret\">")
        .expect("a password")
        + row
        + 21;
    let end = body[start..].find("</code>").expect("its end") + start;
    body[start..end].to_owned()
}

/// The value of the first hidden field `name` on a page.
pub(crate) fn hidden(body: &str, name: &str) -> String {
    let at = body
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name}"))
        + name.len()
        + 15;
    body[at..at + body[at..].find('"').expect("end")].to_owned()
}

/// A section's form as an inspector fills it.
struct SectionForm {
    code: String,
    fields: Vec<(String, String)>,
    /// The items whose photo is always needed.
    photos: Vec<String>,
}

/// The form of each section of `checklist`, filled so that every item passes.
fn passing_sections(checklist: &Value) -> Vec<SectionForm> {
    let answers = crate::audits::answers_for(&json!({ "checklist": checklist }), &[], &[]);
    let by_code: HashMap<&str, &Value> = answers
        .iter()
        .map(|a| (a["item"].as_str().expect("an item"), a))
        .collect();
    let mut out = Vec::new();
    for section in checklist["sections"].as_array().expect("sections") {
        let mut fields = vec![("then".to_owned(), "next".to_owned())];
        if !section["question"].is_null() {
            fields.push(("applies".to_owned(), "yes".to_owned()));
        }
        let mut photos = Vec::new();
        for item in section["items"].as_array().expect("items") {
            let code = item["code"].as_str().expect("code");
            let answer = by_code[code];
            for key in ["result", "value", "unit", "total", "provided"] {
                if let Some(v) = answer.get(key) {
                    let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                    fields.push((format!("{key}.{code}"), text));
                }
            }
            if item["photo"] == "always" {
                photos.push(code.to_owned());
            }
        }
        let code = section["code"].as_str().expect("code").to_owned();
        out.push(SectionForm {
            code,
            fields,
            photos,
        });
    }
    out
}

#[tokio::test]
async fn a_province_is_set_up_from_an_empty_database_through_the_pages_only() {
    let app = empty_province().await;
    let first = login(&app, "admin", ADMIN_PASSWORD).await;
    // The administrator chooses a password of their own.
    let chosen = "mật khẩu riêng của quản trị viên";
    let changed = post(
        &app,
        &first,
        "/account/password",
        &[
            ("current_password", ADMIN_PASSWORD),
            ("new_password", chosen),
        ],
    )
    .await;
    assert_eq!(
        location(&changed),
        "/account?done=password",
        "{}",
        changed.body
    );
    let admin = login(&app, "admin", chosen).await;
    let home = get(&app, &admin, "/").await;
    assert!(
        home.body.contains("href=\"/admin/departments\""),
        "{}",
        home.body
    );
    assert!(home.body.contains("href=\"/admin/people\""));
    assert!(home.body.contains("href=\"/account\""));
    let empty = get(&app, &admin, "/admin/departments").await;
    assert!(empty.body.contains("Chưa có sở, ngành nào"));

    // A department.
    let created = post(
        &app,
        &admin,
        "/admin/departments",
        &[
            ("code", "du-lich"),
            ("name.vi", "Sở Du lịch"),
            ("name.en", "Department of Tourism"),
        ],
    )
    .await;
    assert_eq!(
        location(&created),
        "/admin/departments?done=created&code=du-lich"
    );
    let listed = follow(&app, &admin, &created).await;
    assert!(
        listed.body.contains("Đã thêm sở, ngành: du-lich"),
        "{}",
        listed.body
    );
    assert!(listed.body.contains("Sở Du lịch") && listed.body.contains("Department of Tourism"));

    // Two people, each with the one-time password the answer shows.
    let mut passwords = HashMap::new();
    for (username, role) in [("kiemtra.dl", "inspector"), ("pheduyet.dl", "reviewer")] {
        let added = post(
            &app,
            &admin,
            "/admin/people",
            &[
                ("username", username),
                ("display_name", username),
                ("role", role),
                ("department", "du-lich"),
            ],
        )
        .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        passwords.insert(username, password_of(&added.body, username));
    }
    let inspector = login(&app, "kiemtra.dl", &passwords["kiemtra.dl"]).await;
    let reviewer = login(&app, "pheduyet.dl", &passwords["pheduyet.dl"]).await;

    // The inspector registers a bus stop with the site form.
    let form = get(&app, &inspector, "/sites/new").await;
    assert!(
        form.body.contains("<option value=\"du-lich\""),
        "the new department is offered"
    );
    let key = hidden(&form.body, "form_key");
    let registered = post(
        &app,
        &inspector,
        "/sites",
        &[
            ("name", "Điểm dừng xe buýt chợ Đông Kinh"),
            ("kind", "transport_stop"),
            ("subtype", "bus_stop"),
            ("address", "Đường Bà Triệu, thành phố Lạng Sơn"),
            ("lat", "21.8470"),
            ("lon", "106.7620"),
            ("department", "du-lich"),
            ("operator", ""),
            ("design_approved_on", ""),
            ("form_key", &key),
        ],
    )
    .await;
    assert_eq!(
        registered.status,
        StatusCode::SEE_OTHER,
        "{}",
        registered.body
    );
    let site_page = location(&registered);

    // Starts an audit from the site page and fills every section.
    let site = get(&app, &inspector, &site_page).await;
    let started = post(
        &app,
        &inspector,
        &format!("{site_page}/audits"),
        &[("key", &hidden(&site.body, "key"))],
    )
    .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let audit = location(&started)
        .split('/')
        .nth(2)
        .expect("the audit's id")
        .to_owned();
    let checklist = app.get("/api/v1/checklists/transport-stop").await.json();
    for (n, section) in passing_sections(&checklist).into_iter().enumerate() {
        let SectionForm {
            code: section,
            fields,
            photos,
        } = section;
        let uri = format!("/audits/{audit}/sections/{section}");
        get(&app, &inspector, &uri).await;
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let bytes: Vec<(String, Vec<u8>)> = photos
            .iter()
            .enumerate()
            .map(|(i, item)| {
                (
                    format!("photo.{item}"),
                    crate::audits::photo(100 + 10 * n as u64 + i as u64, None),
                )
            })
            .collect();
        let files: Vec<(&str, &str, &str, &[u8])> = bytes
            .iter()
            .map(|(name, b)| (name.as_str(), "anh.jpg", "image/jpeg", b.as_slice()))
            .collect();
        let saved = app
            .call("POST", &uri)
            .cookie(&inspector)
            .multipart(&fields, &files)
            .send()
            .await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{section}: {}",
            saved.body
        );
    }
    let summary = get(&app, &inspector, &format!("/audits/{audit}/summary")).await;
    assert!(summary.body.contains("có thể nộp"), "{}", summary.body);
    let submitted = post(&app, &inspector, &format!("/audits/{audit}/submit"), &[]).await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );

    // The reviewer approves it on the review page.
    let queue = get(&app, &reviewer, "/audits").await;
    assert!(
        queue.body.contains(&format!("/audits/{audit}")),
        "in the reviewer's queue"
    );
    get(&app, &reviewer, &format!("/audits/{audit}/review")).await;
    let approved = post(
        &app,
        &reviewer,
        &format!("/audits/{audit}/review"),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);

    // Anyone now reads the stop's level on its public page.
    let public = app.get(&site_page).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public.body.contains("Tiếp cận được") && !public.body.contains("Chưa rõ (chưa kiểm tra)"),
        "{}",
        public.body
    );
    assert!(!public.body.contains("kiemtra.dl"), "no staff name");
}

/// A department's names as the API reads them now.
async fn names_of(app: &TestApp, code: &str) -> Value {
    let all = app.get("/api/v1/departments").await.json();
    all.as_array()
        .expect("a list")
        .iter()
        .find(|d| d["code"] == code)
        .map(|d| d["name"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn every_refused_department_form_names_its_problem_beside_the_field_and_changes_nothing() {
    let app = empty_province().await;
    let admin = login(&app, "admin", ADMIN_PASSWORD).await;
    let create = |code: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            post(
                app,
                &admin,
                "/admin/departments",
                &[
                    ("code", code),
                    ("name.vi", "Sở Y tế"),
                    ("name.en", "Department of Health"),
                ],
            )
            .await
        }
    };
    assert_eq!(create("y-te").await.status, StatusCode::SEE_OTHER);
    for (code, status, problem) in [
        ("y-te", StatusCode::CONFLICT, "Giá trị này đã được dùng"),
        ("", StatusCode::UNPROCESSABLE_ENTITY, "Chưa nhập giá trị."),
        (
            "y te",
            StatusCode::UNPROCESSABLE_ENTITY,
            "không dấu, không khoảng trắng",
        ),
        (
            "y\u{1}te",
            StatusCode::UNPROCESSABLE_ENTITY,
            "không dấu, không khoảng trắng",
        ),
    ] {
        let refused = create(code).await;
        assert_eq!(refused.status, status, "{code:?}: {}", refused.body);
        assert!(refused.body.contains("class=\"error-summary\""), "{code:?}");
        assert!(
            refused.body.contains("id=\"new-code-error\""),
            "{code:?}: beside the field"
        );
        assert!(refused.body.contains(problem), "{code:?}: {}", refused.body);
        assert!(refused.body.contains("aria-invalid=\"true\""), "{code:?}");
    }
    let all = app.get("/api/v1/departments").await.json();
    assert_eq!(
        all.as_array().expect("list").len(),
        1,
        "nothing more was added: {all}"
    );

    // English on request, beside the field too.
    let english = app
        .call("POST", "/admin/departments?lang=en")
        .cookie(&admin)
        .form(&[
            ("code", "Health Dept"),
            ("name.vi", ""),
            ("name.en", "Health"),
        ])
        .send()
        .await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        english.body.contains("no accents, no spaces"),
        "{}",
        english.body
    );
    assert!(english.body.contains("id=\"new-name-vi-error\""));
    assert!(
        english.body.contains("value=\"Health Dept\""),
        "what was typed is kept"
    );

    // Merging into itself, into a retired department.
    for code in ["cu", "moi"] {
        let made = post(
            &app,
            &admin,
            "/admin/departments",
            &[("code", code), ("name.vi", code), ("name.en", code)],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    }
    let retired = post(&app, &admin, "/admin/departments/cu/retire", &[]).await;
    assert_eq!(
        location(&retired),
        "/admin/departments?done=retired&code=cu"
    );
    for (into, problem) in [
        ("y-te", "Không thể sáp nhập một cơ quan vào chính nó."),
        ("cu", "Cơ quan này đã ngừng hoạt động"),
        ("", "Chưa nhập giá trị."),
    ] {
        let refused = post(
            &app,
            &admin,
            "/admin/departments/y-te/merge",
            &[("into", into)],
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{into}: {}",
            refused.body
        );
        assert!(
            refused.body.contains("id=\"merge-y-te-into-error\""),
            "{into}"
        );
        assert!(refused.body.contains(problem), "{into}: {}", refused.body);
    }
    assert_eq!(
        names_of(&app, "y-te").await["vi"],
        "Sở Y tế",
        "still in use"
    );

    // Retiring a department with people in it: refused, saying how many of what.
    app.add_user("bacsi", Role::Inspector, Some("y-te")).await;
    let busy = post(&app, &admin, "/admin/departments/y-te/retire", &[]).await;
    assert_eq!(busy.status, StatusCode::CONFLICT, "{}", busy.body);
    assert!(
        busy.body.contains(
            "Cơ quan vẫn còn 0 địa điểm, 1 người dùng, 0 cuộc kiểm tra chưa duyệt và 0 rào cản chưa xong"
        ),
        "{}",
        busy.body
    );
    assert!(busy.body.contains("id=\"retire-y-te-error\""));
    assert_eq!(names_of(&app, "y-te").await["vi"], "Sở Y tế", "not retired");

    // A merge moves the person and says so.
    let merged = post(
        &app,
        &admin,
        "/admin/departments/y-te/merge",
        &[("into", "moi")],
    )
    .await;
    let page = follow(&app, &admin, &merged).await;
    assert!(
        page.body
            .contains("Đã sáp nhập y-te vào moi; đã chuyển: 0 địa điểm, 1 người dùng"),
        "{}",
        page.body
    );
    assert_eq!(names_of(&app, "y-te").await, Value::Null, "merged away");
}

#[tokio::test]
async fn a_rename_or_a_role_change_that_came_too_late_shows_both_and_overwrites_nothing() {
    let app = empty_province().await;
    let admin = login(&app, "admin", ADMIN_PASSWORD).await;
    post(
        &app,
        &admin,
        "/admin/departments",
        &[
            ("code", "du-lich"),
            ("name.vi", "Sở Du lịch"),
            ("name.en", "Tourism"),
        ],
    )
    .await;
    let page = get(&app, &admin, "/admin/departments").await;
    let version = hidden(&page.body, "version");
    let first = post(
        &app,
        &admin,
        "/admin/departments/du-lich/rename",
        &[
            ("name.vi", "Sở Văn hóa và Du lịch"),
            ("name.en", "Culture and Tourism"),
            ("version", &version),
        ],
    )
    .await;
    assert_eq!(
        location(&first),
        "/admin/departments?done=renamed&code=du-lich"
    );
    let late = post(
        &app,
        &admin,
        "/admin/departments/du-lich/rename",
        &[
            ("name.vi", "Sở Du lịch tỉnh"),
            ("name.en", "Provincial Tourism"),
            ("version", &version),
        ],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(
        late.body.contains("Người khác vừa sửa sở, ngành này"),
        "{}",
        late.body
    );
    assert!(late.body.contains("Sở Du lịch tỉnh") && late.body.contains("Sở Văn hóa và Du lịch"));
    assert_eq!(
        names_of(&app, "du-lich").await["vi"],
        "Sở Văn hóa và Du lịch"
    );

    // A role change from a page read before someone else's.
    app.add_user("lan", Role::Inspector, Some("du-lich")).await;
    let people = get(&app, &admin, "/admin/people").await;
    let card = &people.body[people.body.find("id=\"person-lan\"").expect("lan's card")..];
    let version = hidden(card, "version");
    let changed = post(
        &app,
        &admin,
        "/admin/people/lan",
        &[
            ("role", "reviewer"),
            ("department", "du-lich"),
            ("version", &version),
        ],
    )
    .await;
    let notice = follow(&app, &admin, &changed).await;
    assert!(notice.body.contains("Đã lưu thay đổi của: lan"));
    let late = post(
        &app,
        &admin,
        "/admin/people/lan",
        &[
            ("role", "coordinator"),
            ("department", ""),
            ("version", &version),
        ],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(
        late.body.contains("Người khác vừa sửa tài khoản này"),
        "{}",
        late.body
    );
    let lan = app
        .call("GET", "/api/v1/users")
        .cookie(&admin)
        .send()
        .await
        .json();
    let lan = lan
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["username"] == "lan")
        .cloned();
    assert_eq!(
        lan.as_ref().map(|u| u["role"].clone()),
        Some(json!("reviewer")),
        "not overwritten"
    );

    // The last administrator cannot disable themselves; the refusal is beside the button.
    let last = post(
        &app,
        &admin,
        "/admin/people/admin/active",
        &[("active", "false")],
    )
    .await;
    assert_eq!(
        last.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        last.body
    );
    assert!(last.body.contains("id=\"active-admin-error\""));
    assert!(last.body.contains("quản trị viên cuối cùng"));
}

#[tokio::test]
async fn a_people_file_with_bad_lines_adds_nobody_and_names_every_bad_line() {
    let app = empty_province().await;
    let admin = login(&app, "admin", ADMIN_PASSWORD).await;
    post(
        &app,
        &admin,
        "/admin/departments",
        &[
            ("code", "du-lich"),
            ("name.vi", "Sở Du lịch"),
            ("name.en", "Tourism"),
        ],
    )
    .await;
    let csv = "username,display_name,role,department\n\
               mai,Mai,inspector,du-lich\n\
               mai,Mai lần nữa,inspector,du-lich\n\
               hung,Hùng,giamdoc,du-lich\n\
               tuan,Tuấn,inspector,y-te\n\
               ha,Hà,inspector\n";
    let before = app
        .call("GET", "/api/v1/users")
        .cookie(&admin)
        .send()
        .await
        .json();
    let refused = app
        .call("POST", "/admin/people/import")
        .cookie(&admin)
        .multipart(&[("csv", csv)], &[])
        .send()
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    for line in [
        "Dòng 3: Tên đăng nhập: Trùng với dòng 2.",
        "Dòng 4: Vai trò: Giá trị “giamdoc” không hợp lệ",
        "Dòng 5: Sở chịu trách nhiệm: Giá trị “y-te” không hợp lệ",
        "Dòng 6: Dòng có 3 ô nhưng dòng tiêu đề có 4 cột.",
    ] {
        assert!(refused.body.contains(line), "{line}: {}", refused.body);
    }
    assert!(
        !refused.body.contains("Dòng 2:"),
        "the good line is not named"
    );
    assert!(
        refused.body.contains("mai,Mai lần nữa,inspector,du-lich"),
        "the pasted text is kept"
    );
    let after = app
        .call("GET", "/api/v1/users")
        .cookie(&admin)
        .send()
        .await
        .json();
    assert_eq!(before, after, "nobody was added");

    // The same people from a file, once it is right: each with a password shown once.
    let good = "username,role,department\nmai,inspector,du-lich\nhung,reviewer,du-lich\ndieu,coordinator,\n";
    let added = app
        .call("POST", "/admin/people/import")
        .cookie(&admin)
        .multipart(
            &[("csv", "")],
            &[("csv_file", "nguoi.csv", "text/csv", good.as_bytes())],
        )
        .send()
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(
        added.header(header::CACHE_CONTROL).as_deref(),
        Some("no-store")
    );
    for username in ["mai", "hung", "dieu"] {
        let password = password_of(&added.body, username);
        login(&app, username, &password).await;
    }
}

#[tokio::test]
async fn a_one_time_password_is_shown_once_and_never_stored_in_clear() {
    let app = empty_province().await;
    let admin = login(&app, "admin", ADMIN_PASSWORD).await;
    let added = post(
        &app,
        &admin,
        "/admin/people",
        &[
            ("username", "dieuphoi"),
            ("display_name", "Lê Văn Điều"),
            ("role", "coordinator"),
            ("department", ""),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(
        added.header(header::CACHE_CONTROL).as_deref(),
        Some("no-store")
    );
    let password = password_of(&added.body, "dieuphoi");
    let list = get(&app, &admin, "/admin/people").await;
    assert!(list.body.contains("Lê Văn Điều"), "the person is listed");
    assert!(
        !list.body.contains(&password),
        "the password is not shown again"
    );
    assert!(
        !dump_database(&app).await.contains(&password),
        "nor stored in clear"
    );

    // Sent again (a reload of the answer): refused as taken, no new password.
    let again = post(
        &app,
        &admin,
        "/admin/people",
        &[
            ("username", "dieuphoi"),
            ("display_name", "Lê Văn Điều"),
            ("role", "coordinator"),
            ("department", ""),
        ],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("id=\"add-username-error\""));
    assert!(!again.body.contains("class=\"secret\""));

    // A reset: the old password stops working, the new one is shown once.
    let coordinator = login(&app, "dieuphoi", &password).await;
    let reset = post(&app, &admin, "/admin/people/dieuphoi/password", &[]).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let new_password = password_of(&reset.body, "dieuphoi");
    assert_eq!(
        app.whoami(&coordinator).await.status,
        StatusCode::UNAUTHORIZED,
        "signed out"
    );
    login(&app, "dieuphoi", &new_password).await;
    let list = get(&app, &admin, "/admin/people").await;
    assert!(!list.body.contains(&new_password));

    // Disabled, then enabled again, through the buttons.
    let disabled = post(
        &app,
        &admin,
        "/admin/people/dieuphoi/active",
        &[("active", "false")],
    )
    .await;
    let page = follow(&app, &admin, &disabled).await;
    assert!(page.body.contains("Đã khóa tài khoản: dieuphoi"));
    let refused = app
        .call("POST", "/login")
        .header("host", "tiepcan.test")
        .header("origin", "http://tiepcan.test")
        .form(&[
            ("username", "dieuphoi"),
            ("password", new_password.as_str()),
        ])
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let enabled = post(
        &app,
        &admin,
        "/admin/people/dieuphoi/active",
        &[("active", "true")],
    )
    .await;
    assert!(
        follow(&app, &admin, &enabled)
            .await
            .body
            .contains("Đã mở khóa tài khoản: dieuphoi")
    );
    login(&app, "dieuphoi", &new_password).await;
}

#[tokio::test]
async fn people_without_the_right_get_a_refusal_page_and_write_nothing() {
    let app = empty_province().await;
    let password = app.add_user("dieu", Role::Coordinator, None).await;
    let coordinator = login(&app, "dieu", &password).await;
    let home = get(&app, &coordinator, "/").await;
    assert!(
        !home.body.contains("href=\"/admin/people\""),
        "no link for a coordinator"
    );
    assert!(home.body.contains("href=\"/account\""));
    for uri in ["/admin/people", "/admin/departments"] {
        let refused = app.call("GET", uri).cookie(&coordinator).send().await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(
            refused.body.contains("<html lang=\"vi\">"),
            "a page, not JSON"
        );
        assert!(refused.body.contains("không có quyền"), "{}", refused.body);
    }
    let import = app
        .call("POST", "/admin/people/import")
        .cookie(&coordinator)
        .multipart(&[("csv", "username,role\nx1y,admin\n")], &[])
        .send()
        .await;
    assert_eq!(import.status, StatusCode::FORBIDDEN, "{}", import.body);
    let users = tiepcan::store::users::all(&mut app.db().conn().await.expect("conn"))
        .await
        .expect("users");
    assert_eq!(users.len(), 2, "nobody was added");
}

#[tokio::test]
async fn my_account_changes_my_password_keeps_this_session_and_ends_the_others() {
    let app = empty_province().await;
    let password = app.add_user("lan", Role::Coordinator, None).await;
    let here = login(&app, "lan", &password).await;
    let elsewhere = login(&app, "lan", &password).await;
    let token = app.token_for(&here).await;

    let account = get(&app, &here, "/account").await;
    assert!(
        account.body.contains("Đổi mật khẩu") && account.body.contains("tests"),
        "the token is listed"
    );
    let wrong = post(
        &app,
        &here,
        "/account/password",
        &[
            ("current_password", "not my password"),
            ("new_password", "short"),
        ],
    )
    .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains("id=\"current_password-error\""));
    assert!(wrong.body.contains("Mật khẩu hiện tại không đúng."));
    assert!(wrong.body.contains("id=\"new_password-error\""));
    assert!(
        !wrong.body.contains("not my password"),
        "passwords are not sent back"
    );
    assert_eq!(
        app.whoami(&elsewhere).await.status,
        StatusCode::OK,
        "nothing changed"
    );

    let new_password = "một mật khẩu mới đủ dài";
    let changed = post(
        &app,
        &here,
        "/account/password",
        &[
            ("current_password", &password),
            ("new_password", new_password),
        ],
    )
    .await;
    let page = follow(&app, &here, &changed).await;
    assert!(
        page.body.contains("Đã đổi mật khẩu."),
        "this session stays signed in"
    );
    assert_eq!(
        app.whoami(&elsewhere).await.status,
        StatusCode::UNAUTHORIZED,
        "the other ended"
    );
    let revoked = app
        .call("GET", "/api/v1/tokens")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(
        revoked.status,
        StatusCode::UNAUTHORIZED,
        "the token was revoked"
    );
    login(&app, "lan", new_password).await;

    // Three wrong guesses in a row, then the fourth must wait, as at the sign-in page.
    for _ in 0..3 {
        let guess = post(
            &app,
            &here,
            "/account/password",
            &[
                ("current_password", "guess 1234567"),
                ("new_password", "another long one"),
            ],
        )
        .await;
        assert_eq!(guess.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let throttled = post(
        &app,
        &here,
        "/account/password",
        &[
            ("current_password", new_password),
            ("new_password", "another long one"),
        ],
    )
    .await;
    assert_eq!(
        throttled.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        throttled.body
    );
}

#[tokio::test]
async fn an_api_token_made_on_my_account_is_shown_once_and_revoked_with_a_button() {
    let app = empty_province().await;
    let password = app.add_user("lan", Role::Coordinator, None).await;
    let cookie = login(&app, "lan", &password).await;
    let empty = post(&app, &cookie, "/account/tokens", &[("name", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"token-name-error\""));
    let made = post(
        &app,
        &cookie,
        "/account/tokens",
        &[("name", "Bảng tính của phòng")],
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert_eq!(
        made.header(header::CACHE_CONTROL).as_deref(),
        Some("no-store")
    );
    let at = made
        .body
        .find("<code class=\"secret\">")
        .expect("the token")
        + 21;
    let token = made.body[at..at + made.body[at..].find('<').expect("end")].to_owned();
    assert!(token.starts_with("tc_"), "{token}");
    let works = app
        .call("GET", "/api/v1/session")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(works.status, StatusCode::OK);

    let account = get(&app, &cookie, "/account").await;
    assert!(account.body.contains("Bảng tính của phòng"));
    assert!(!account.body.contains(&token), "shown once");
    let revoke = account.body.find("/revoke\"").expect("a revoke button");
    let start = account.body[..revoke]
        .rfind("/account/tokens/")
        .expect("its form");
    let uri = format!("{}/revoke", &account.body[start..revoke]);
    let revoked = post(&app, &cookie, &uri, &[]).await;
    let page = follow(&app, &cookie, &revoked).await;
    assert!(page.body.contains("Đã thu hồi mã API."));
    let gone = app
        .call("GET", "/api/v1/session")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
}
