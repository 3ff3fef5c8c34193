//! Where each person's mail goes: set by the person on their account page or through the
//! API (address, daily digest on or off, language), and by an administrator on the people
//! page or at the console.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tiepcan::domain::user::Role;

use crate::admin_pages::{empty_province, follow, get, hidden, login, password_of, post};
use crate::common::{Demo, TestApp, run_cli, spawn, stderr};

/// The mail settings of `username` as stored, through the API with their cookie.
async fn settings(app: &TestApp, cookie: &str) -> Value {
    let reply = app
        .call("GET", "/api/v1/account/mail")
        .cookie(cookie)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// The addresses the daily messages would go to now.
async fn digest_addresses(app: &TestApp) -> Vec<String> {
    let mut conn = app.db().conn().await.expect("a connection");
    tiepcan::store::mail::recipients(&mut conn)
        .await
        .expect("read")
        .into_iter()
        .map(|r| r.email.as_str().to_owned())
        .collect()
}

/// The part of `page` from the mail settings form on.
fn mail_form(page: &str) -> &str {
    let at = page
        .find("action=\"/account/mail\"")
        .expect("the mail settings form");
    &page[at..at + page[at..].find("</form>").expect("its end")]
}

#[tokio::test]
async fn my_account_page_sets_my_address_turns_the_digest_off_and_refuses_a_bad_address_on_its_field()
 {
    let app = spawn(Demo::Yes).await;
    let password = app
        .add_user("hoa.duyet", Role::Reviewer, Some("construction"))
        .await;
    let me = login(&app, "hoa.duyet", &password).await;

    let page = get(&app, &me, "/account").await;
    let form = mail_form(&page.body);
    assert!(
        form.contains("<label for=\"email\">Địa chỉ thư điện tử"),
        "{form}"
    );
    assert!(
        form.contains("id=\"email\" name=\"email\" type=\"email\" value=\"\""),
        "{form}"
    );
    assert!(
        form.contains("<label for=\"digest\">Gửi cho tôi thư tóm tắt hằng ngày"),
        "{form}"
    );
    assert!(
        form.contains("type=\"checkbox\" value=\"true\" checked"),
        "on unless turned off: {form}"
    );
    assert!(form.contains("<legend>Ngôn ngữ của thư</legend>"), "{form}");
    assert!(form.contains("value=\"vi\" checked"), "{form}");

    // A bad address: refused on its field, what was typed given back, nothing saved.
    let refused = post(
        &app,
        &me,
        "/account/mail",
        &[("email", "hoa@langson"), ("digest", "true"), ("lang", "en")],
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let form = mail_form(&refused.body);
    assert!(form.contains("id=\"email-error\""), "{form}");
    assert!(
        form.contains("Địa chỉ thư điện tử phải có dạng ten@mien.vn, không có khoảng trắng."),
        "{form}"
    );
    assert!(form.contains("value=\"hoa@langson\""), "{form}");
    assert!(
        form.contains("aria-describedby=\"email-hint email-error\" aria-invalid=\"true\""),
        "{form}"
    );
    assert!(
        form.contains("value=\"en\" checked"),
        "the language chosen is kept: {form}"
    );
    assert!(
        refused.body.contains("href=\"#email\""),
        "the summary links to the field"
    );
    assert_eq!(
        settings(&app, &me).await,
        json!({"email": null, "digest": true, "lang": "vi"})
    );

    // Saved with the digest off (an unticked box sends nothing) and English: a notice.
    let saved = post(
        &app,
        &me,
        "/account/mail",
        &[("email", " hoa@langson.test.vn "), ("lang", "en")],
    )
    .await;
    let shown = follow(&app, &me, &saved).await;
    assert!(shown.body.contains("Đã lưu cài đặt thư."), "{}", shown.body);
    let form = mail_form(&shown.body);
    assert!(form.contains("value=\"hoa@langson.test.vn\""), "{form}");
    assert!(
        !form.contains("type=\"checkbox\" value=\"true\" checked"),
        "{form}"
    );
    assert!(form.contains("value=\"en\" checked"), "{form}");
    assert_eq!(
        settings(&app, &me).await,
        json!({"email": "hoa@langson.test.vn", "digest": false, "lang": "en"})
    );
    assert!(digest_addresses(&app).await.is_empty(), "the digest is off");

    // On again: she is among the digest's readers.
    let on = post(
        &app,
        &me,
        "/account/mail",
        &[
            ("email", "hoa@langson.test.vn"),
            ("digest", "true"),
            ("lang", "en"),
        ],
    )
    .await;
    assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
    assert_eq!(digest_addresses(&app).await, ["hoa@langson.test.vn"]);
}

#[tokio::test]
async fn my_mail_settings_are_read_and_replaced_through_the_api_and_bad_fields_are_named() {
    let app = spawn(Demo::Yes).await;
    let token = app.token("lan.vh", Role::Reviewer, Some("culture")).await;
    let put = |body: Value| {
        let token = token.clone();
        let app = &app;
        async move {
            app.call("PUT", "/api/v1/account/mail")
                .bearer(&token)
                .json(&body)
                .send()
                .await
        }
    };
    let bad = put(json!({"email": "lan at langson.vn", "digest": true, "lang": "fr"})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let fields = bad.json()["error"]["fields"].clone();
    assert!(fields.get("email").is_some(), "{fields}");
    assert!(fields.get("lang").is_some(), "{fields}");

    let good = put(json!({"email": "lan@langson.test.vn", "digest": false, "lang": "en"})).await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);
    let want = json!({"email": "lan@langson.test.vn", "digest": false, "lang": "en"});
    assert_eq!(good.json(), want);
    let read = app
        .call("GET", "/api/v1/account/mail")
        .bearer(&token)
        .send()
        .await;
    assert_eq!(read.json(), want);

    // No address at all: no mail.
    let none = put(json!({"email": null, "digest": true, "lang": "vi"})).await;
    assert_eq!(
        none.json(),
        json!({"email": null, "digest": true, "lang": "vi"})
    );

    // Every role sets its own, an observer too; nobody signed in is asked to sign in.
    let observer = app.token("quan.sat", Role::Observer, None).await;
    let own = app
        .call("PUT", "/api/v1/account/mail")
        .bearer(&observer)
        .json(&json!({"email": "sat@langson.test.vn", "digest": true, "lang": "vi"}))
        .send()
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let anonymous = app
        .call("PUT", "/api/v1/account/mail")
        .json(&json!({"email": "x@langson.test.vn", "digest": true, "lang": "vi"}))
        .send()
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

/// The email shown on `username`'s card of the people page.
fn card_of<'p>(page: &'p str, username: &str) -> &'p str {
    let at = page
        .find(&format!("id=\"person-{username}\""))
        .unwrap_or_else(|| panic!("{username}'s card"));
    &page[at..at + page[at..].find("</li>").expect("its end")]
}

#[tokio::test]
async fn an_administrator_gives_an_address_when_adding_a_person_and_changes_or_removes_it_on_their_card()
 {
    let app = empty_province().await;
    let admin = login(&app, "admin", crate::admin_pages::ADMIN_PASSWORD).await;
    let add = |email: &'static str| {
        [
            ("username", "phoi"),
            ("display_name", "Lê Phối"),
            ("role", "coordinator"),
            ("department", ""),
            ("email", email),
        ]
    };

    let refused = post(&app, &admin, "/admin/people", &add("phoi@@langson.test.vn")).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"add-email-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"phoi@@langson.test.vn\""));
    assert!(
        refused.body.contains("value=\"phoi\""),
        "the other fields are kept"
    );
    let people = get(&app, &admin, "/admin/people").await;
    assert!(!people.body.contains("id=\"person-phoi\""), "nobody added");

    let added = post(&app, &admin, "/admin/people", &add("phoi@langson.test.vn")).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let password = password_of(&added.body, "phoi");
    let people = get(&app, &admin, "/admin/people").await;
    let card = card_of(&people.body, "phoi");
    assert!(card.contains("<dd>phoi@langson.test.vn</dd>"), "{card}");
    let phoi = login(&app, "phoi", &password).await;
    assert_eq!(settings(&app, &phoi).await["email"], "phoi@langson.test.vn");

    // Changed on the card; a bad one refused there with what was typed.
    let version = hidden(card, "version");
    let change = |email: &'static str, version: &str| {
        [
            ("role", "coordinator".to_owned()),
            ("department", String::new()),
            ("email", email.to_owned()),
            ("version", version.to_owned()),
        ]
    };
    let fields = change("phoi langson", &version);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let bad = post(&app, &admin, "/admin/people/phoi", &fields).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body.contains("id=\"change-phoi-email-error\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"phoi langson\""));

    let fields = change("le.phoi@langson.test.vn", &version);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let changed = post(&app, &admin, "/admin/people/phoi", &fields).await;
    let people = follow(&app, &admin, &changed).await;
    let card = card_of(&people.body, "phoi");
    assert!(card.contains("<dd>le.phoi@langson.test.vn</dd>"), "{card}");
    assert_eq!(
        settings(&app, &phoi).await["email"],
        "le.phoi@langson.test.vn"
    );
    assert_eq!(
        settings(&app, &phoi).await["digest"],
        true,
        "the switch is hers"
    );

    // Emptied: no mail.
    let version = hidden(card, "version");
    let fields = change("", &version);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let emptied = post(&app, &admin, "/admin/people/phoi", &fields).await;
    assert_eq!(emptied.status, StatusCode::SEE_OTHER, "{}", emptied.body);
    assert_eq!(settings(&app, &phoi).await["email"], Value::Null);
}

#[tokio::test]
async fn at_the_console_a_person_is_added_with_an_address_and_given_another() {
    let app = spawn(Demo::Yes).await;
    let added = run_cli(
        Some(&app),
        &[
            "user",
            "add",
            "--username",
            "an.duyet",
            "--role",
            "reviewer",
            "--department",
            "construction",
            "--email",
            "an@langson.test.vn",
            "--password-stdin",
        ],
        "mật khẩu đủ dài của An\n",
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let an = login(&app, "an.duyet", "mật khẩu đủ dài của An").await;
    assert_eq!(settings(&app, &an).await["email"], "an@langson.test.vn");

    let bad = run_cli(
        Some(&app),
        &[
            "user",
            "add",
            "--username",
            "binh",
            "--role",
            "coordinator",
            "--email",
            "binh@",
            "--password-stdin",
        ],
        "mật khẩu đủ dài của Bình\n",
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("email"), "{}", stderr(&bad));

    let set = run_cli(
        Some(&app),
        &["user", "set-email", "an.duyet", "an.nguyen@langson.test.vn"],
        "",
    );
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(String::from_utf8_lossy(&set.stdout).contains("an.nguyen@langson.test.vn"));
    assert_eq!(
        settings(&app, &an).await["email"],
        "an.nguyen@langson.test.vn"
    );

    let refused = run_cli(
        Some(&app),
        &["user", "set-email", "an.duyet", "an nguyen"],
        "",
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("email"), "{}", stderr(&refused));
    let removed = run_cli(Some(&app), &["user", "set-email", "an.duyet", ""], "");
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert_eq!(settings(&app, &an).await["email"], Value::Null);
    let nobody = run_cli(
        Some(&app),
        &["user", "set-email", "nobody", "x@langson.test.vn"],
        "",
    );
    assert_eq!(nobody.status.code(), Some(1));
}
