//! Mail: the daily digest, the coordinator's escalations and the outbox's worker, against
//! a real SMTP server (aiosmtpd, started, killed and restarted here; `tests/mail/run.sh`
//! installs it and sets `TIEPCAN_TEST_SMTP_PYTHON`). Without that variable the tests that
//! need the server return at once; those that do not (the outbox without a mail server,
//! the refused port) always run. The worker's rounds are run one by one here, on a clock
//! the tests move.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, commune_office, office_in};
use crate::common::{Demo, TestApp, run_cli, stderr, test_config_with};
use crate::remediation::{DOOR, RAMP, SIGNS, id_of, step, three_findings};
use tiepcan::app::mail::{MailInput, set_own_prefs, tick};
use tiepcan::domain::actor::Actor;
use tiepcan::domain::user::Role;

/// The Python with aiosmtpd that `tests/mail/run.sh` installed. A test that needs it fails
/// without it rather than pass having checked nothing.
fn smtp_python() -> String {
    std::env::var("TIEPCAN_TEST_SMTP_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .expect("TIEPCAN_TEST_SMTP_PYTHON: run the mail tests with tests/mail/run.sh")
}

/// A free port of this machine (free when this returns; nobody else is expected to take it).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address").port()
}

/// An aiosmtpd process storing what it accepts as JSON files in a folder of its own.
struct Smtp {
    python: String,
    port: u16,
    folder: tempfile::TempDir,
    child: Option<Child>,
    /// `ADDRESS=CODE`: recipients the server answers with CODE instead of accepting.
    answers: Vec<String>,
}

impl Smtp {
    /// Starts the server; the first `drop_first` messages are cut off after their DATA.
    fn start(python: &str, drop_first: u32) -> Smtp {
        let mut smtp = Smtp {
            python: python.to_owned(),
            port: free_port(),
            folder: tempfile::tempdir().expect("a folder"),
            child: None,
            answers: Vec::new(),
        };
        smtp.launch(drop_first);
        smtp
    }

    /// Starts the process (again) on the same port and folder and waits until it answers.
    fn launch(&mut self, drop_first: u32) {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mail/smtp_server.py");
        let child = Command::new(&self.python)
            .arg(script)
            .arg(self.port.to_string())
            .arg(self.folder.path())
            .args(["--drop-first", &drop_first.to_string()])
            .args(self.answers.iter().flat_map(|a| ["--answer", a.as_str()]))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the SMTP server starts");
        self.child = Some(child);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the SMTP server did not answer on port {}", self.port);
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message it accepted: `message_id`, `to`, `subject`, `body`.
    fn received(&self) -> Vec<Value> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(self.folder.path()).expect("the folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path).expect("a message");
                all.push(serde_json::from_str(&text).expect("JSON"));
            }
        }
        all
    }

    /// The messages it accepted for `address`.
    fn to(&self, address: &str) -> Vec<Value> {
        self.received()
            .into_iter()
            .filter(|m| m["to"] == json!([address]))
            .collect()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The app's settings for sending through `smtp` (none: no mail server).
async fn app_sending_to(smtp: Option<&Smtp>, at: &str) -> TestApp {
    let port = smtp.map(|s| s.port.to_string());
    let mut flags = vec!["--mail-from", "tiepcan@langson.test.vn"];
    if let Some(port) = &port {
        flags.extend([
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            port,
            "--smtp-tls",
            "none",
        ]);
    }
    let (config, dir) = test_config_with(Demo::Yes, &flags).await;
    let mut app = TestApp::start_on(&config).await;
    app.dir = dir;
    app.at_time(at)
}

/// Gives `username` an address, the digest switch and a mail language, as their account
/// page does.
async fn mail_settings(app: &TestApp, username: &str, email: &str, digest: bool, lang: &str) {
    let mut conn = app.db().conn().await.expect("a connection");
    let user = tiepcan::store::users::by_username(&mut conn, username)
        .await
        .expect("read")
        .expect("the user");
    drop(conn);
    let input = MailInput {
        email: email.to_owned(),
        digest,
        lang: lang.to_owned(),
    };
    set_own_prefs(app.services(), &Actor::person(&user), &input)
        .await
        .expect("mail settings saved");
}

/// Sets the clock to `at` (UTC).
fn clock(app: &TestApp, at: &str) {
    let at = chrono::DateTime::parse_from_rfc3339(at).expect("a time");
    app.services().clock.set(at.with_timezone(&chrono::Utc));
}

/// The hand-picked findings: of the construction department's commune office, the ramp
/// due on 8 March 2026, the door on 13 March and the signs on 30 March; of the culture
/// department's museum, the door due on 12 March. Planned on 1 March (08:00 in Lạng Sơn).
struct Scene {
    app: TestApp,
    construction: Vec<Value>,
    museum_door: String,
}

async fn scene(smtp: Option<&Smtp>) -> Scene {
    let app = app_sending_to(smtp, "2026-03-01T01:00:00Z").await;
    let o = office_in(app, commune_office()).await;
    let construction = three_findings(&o).await;
    for (item, due) in [
        (RAMP, "2026-03-08"),
        (DOOR, "2026-03-13"),
        (SIGNS, "2026-03-30"),
    ] {
        let planned = step(
            &o,
            &o.reviewer,
            &id_of(&construction, item),
            json!({ "to": "planned", "due_date": due }),
        )
        .await;
        assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    }
    // The culture department's museum, with people of its own.
    let app = o.app;
    let inspector = app.token("minh.vh", Role::Inspector, Some("culture")).await;
    let reviewer = app.token("lan.vh", Role::Reviewer, Some("culture")).await;
    let mut museum = commune_office();
    museum["name"] = json!("Bảo tàng tỉnh Lạng Sơn");
    museum["department"] = json!("culture");
    museum["lat"] = json!(21.8490);
    let made = app
        .call("POST", "/api/v1/sites")
        .bearer(&inspector)
        .json(&museum)
        .send()
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let site = made.json()["id"].as_str().expect("id").to_owned();
    let culture = Office {
        app,
        inspector,
        reviewer,
        site,
    };
    let museum_findings = three_findings(&culture).await;
    let museum_door = id_of(&museum_findings, DOOR);
    let planned = step(
        &culture,
        &culture.reviewer,
        &museum_door,
        json!({ "to": "planned", "due_date": "2026-03-12" }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    Scene {
        app: culture.app,
        construction,
        museum_door,
    }
}

impl Scene {
    fn id(&self, item: &str) -> String {
        id_of(&self.construction, item)
    }

    fn text(&self, item: &str, lang: &str) -> String {
        let finding = self
            .construction
            .iter()
            .find(|f| f["item"] == item)
            .expect("the finding");
        finding["text"][lang].as_str().expect("its text").to_owned()
    }
}

/// The part of `body` under `heading`, up to the next blank line.
fn section<'b>(body: &'b str, heading: &str) -> &'b str {
    let Some(start) = body.find(heading) else {
        return "";
    };
    let rest = &body[start..];
    rest.find("\n\n").map_or(rest, |end| &rest[..end])
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn the_digest_lists_the_departments_findings_overdue_and_due_within_a_week_in_each_readers_language()
 {
    let python = smtp_python();
    let smtp = Smtp::start(&python, 0);
    let s = scene(Some(&smtp)).await;
    mail_settings(&s.app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    s.app
        .add_user("an.duyet", Role::Reviewer, Some("construction"))
        .await;
    mail_settings(&s.app, "an.duyet", "an@langson.test.vn", true, "en").await;
    mail_settings(&s.app, "lan.vh", "lan@langson.test.vn", true, "vi").await;
    s.app
        .add_user("binh.duyet", Role::Reviewer, Some("construction"))
        .await;
    mail_settings(&s.app, "binh.duyet", "binh@langson.test.vn", false, "vi").await;

    // 10 March, 06:59 in Lạng Sơn: before the digest hour (7), nothing is written.
    clock(&s.app, "2026-03-09T23:59:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    // 08:00: one message each for the three readers with the digest on.
    clock(&s.app, "2026-03-10T01:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (3, 3));

    let link = |id: &str| format!("http://tiepcan.test/findings/{id}");
    let hoa = smtp.to("hoa@langson.test.vn");
    assert_eq!(hoa.len(), 1, "{hoa:#?}");
    let body = hoa[0]["body"].as_str().expect("a body");
    assert!(
        hoa[0]["subject"]
            .as_str()
            .expect("subject")
            .contains("10/03/2026")
    );
    let overdue = section(body, "Đã quá hạn");
    assert!(overdue.contains(&link(&s.id(RAMP))), "{body}");
    assert!(
        overdue.contains("08/03/2026") && overdue.contains("UBND phường Chi Lăng"),
        "{body}"
    );
    assert!(overdue.contains(&s.text(RAMP, "vi")), "{body}");
    let soon = section(body, "Đến hạn trong 7 ngày tới");
    assert!(
        soon.contains(&link(&s.id(DOOR))) && soon.contains("13/03/2026"),
        "{body}"
    );
    assert!(soon.contains(&s.text(DOOR, "vi")), "{body}");
    assert!(
        !body.contains(&link(&s.id(SIGNS))),
        "due in 20 days: {body}"
    );
    assert!(
        !body.contains(&link(&s.museum_door)),
        "another department's: {body}"
    );

    let an = smtp.to("an@langson.test.vn");
    assert_eq!(an.len(), 1);
    let body = an[0]["body"].as_str().expect("a body");
    assert!(
        section(body, "Overdue").contains(&s.text(RAMP, "en")),
        "{body}"
    );
    let soon = section(body, "Due within the next 7 days");
    assert!(
        soon.contains(&s.text(DOOR, "en")) && soon.contains(&link(&s.id(DOOR))),
        "{body}"
    );
    assert!(
        !body.contains(&link(&s.id(SIGNS))) && !body.contains("Đã quá hạn"),
        "{body}"
    );

    let lan = smtp.to("lan@langson.test.vn");
    assert_eq!(lan.len(), 1);
    let body = lan[0]["body"].as_str().expect("a body");
    assert!(
        section(body, "Đến hạn trong 7 ngày tới").contains(&link(&s.museum_door)),
        "{body}"
    );
    assert!(
        !body.contains(&link(&s.id(RAMP))) && !body.contains("Đã quá hạn"),
        "{body}"
    );

    assert!(
        smtp.to("binh@langson.test.vn").is_empty(),
        "the digest is off"
    );
    // Later the same day: nothing is written or sent again.
    clock(&s.app, "2026-03-10T09:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    assert_eq!(smtp.received().len(), 3);
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn a_finding_that_goes_overdue_is_in_the_next_digest_and_the_coordinator_is_told_once_after_30_days()
 {
    let python = smtp_python();
    let smtp = Smtp::start(&python, 0);
    let s = scene(Some(&smtp)).await;
    mail_settings(&s.app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    s.app.add_user("dieu.phoi", Role::Coordinator, None).await;
    mail_settings(&s.app, "dieu.phoi", "phoi@langson.test.vn", true, "en").await;
    let door = format!("http://tiepcan.test/findings/{}", s.id(DOOR));
    let ramp = format!("http://tiepcan.test/findings/{}", s.id(RAMP));

    clock(&s.app, "2026-03-13T01:00:00Z");
    tick(s.app.services()).await.expect("a round");
    let first = smtp.to("hoa@langson.test.vn");
    assert!(section(first[0]["body"].as_str().expect("body"), "Đến hạn").contains(&door));

    // 14 March: the door, due on the 13th, is overdue.
    clock(&s.app, "2026-03-14T01:00:00Z");
    tick(s.app.services()).await.expect("a round");
    let digests = smtp.to("hoa@langson.test.vn");
    assert_eq!(digests.len(), 2);
    let next = digests
        .iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .expect("subject")
                .contains("14/03/2026")
        })
        .expect("the digest of the 14th");
    let body = next["body"].as_str().expect("body");
    assert!(section(body, "Đã quá hạn").contains(&door), "{body}");
    assert!(
        smtp.to("phoi@langson.test.vn").is_empty(),
        "not 30 days yet"
    );

    // 7 April: the ramp (due 8 March) is 30 days overdue, the door 25, the museum's 26.
    clock(&s.app, "2026-04-07T01:00:00Z");
    tick(s.app.services()).await.expect("a round");
    let told = smtp.to("phoi@langson.test.vn");
    assert_eq!(told.len(), 1);
    let body = told[0]["body"].as_str().expect("body");
    assert!(body.contains(&ramp) && !body.contains(&door), "{body}");
    assert!(!body.contains(&s.museum_door), "{body}");
    assert!(
        section(body, "Overdue 30 days or more").contains(&s.text(RAMP, "en")),
        "{body}"
    );

    // 11 April: the museum's door (of any department, due 12 March) reaches 30 days, the
    // commune office's door 29: only the museum's is told.
    let museum = format!("http://tiepcan.test/findings/{}", s.museum_door);
    let newest = |told: &[Value], link: &str| -> String {
        told.iter()
            .map(|m| m["body"].as_str().expect("body").to_owned())
            .find(|b| b.contains(link))
            .unwrap_or_else(|| panic!("{link} told: {told:#?}"))
    };
    clock(&s.app, "2026-04-11T01:00:00Z");
    tick(s.app.services()).await.expect("a round");
    let told = smtp.to("phoi@langson.test.vn");
    assert_eq!(told.len(), 2);
    let body = newest(&told, &museum);
    assert!(!body.contains(&door) && !body.contains(&ramp), "{body}");
    // 12 April: the door's 30th day; the ramp and the museum were told already.
    clock(&s.app, "2026-04-12T01:00:00Z");
    tick(s.app.services()).await.expect("a round");
    let told = smtp.to("phoi@langson.test.vn");
    assert_eq!(told.len(), 3);
    let body = newest(&told, &door);
    assert!(
        !body.contains(&ramp) && !body.contains(&museum),
        "each finding once: {body}"
    );
    clock(&s.app, "2026-04-13T01:00:00Z");
    tick(s.app.services()).await.expect("a round");
    assert_eq!(
        smtp.to("phoi@langson.test.vn").len(),
        3,
        "nothing new to tell"
    );
}

/// The outbox's Message-IDs, sent or not.
async fn outbox_ids(app: &TestApp) -> Vec<String> {
    let sql = "SELECT message_id FROM outbox ORDER BY message_id";
    match app.db() {
        tiepcan::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        tiepcan::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
    }
    .expect("the outbox")
}

fn received_ids(smtp: &Smtp) -> Vec<String> {
    let mut ids: Vec<String> = smtp
        .received()
        .iter()
        .map(|m| m["message_id"].as_str().expect("a Message-ID").to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn a_mail_server_killed_and_started_again_loses_nothing_and_gets_the_message_after_the_back_off()
 {
    let python = smtp_python();
    let mut smtp = Smtp::start(&python, 0);
    let s = scene(Some(&smtp)).await;
    mail_settings(&s.app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    smtp.kill();
    clock(&s.app, "2026-03-10T01:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (1, 0));
    let page = admin_outbox(&s.app).await;
    assert!(
        page.contains("Gửi lỗi, sẽ thử lại lúc 10/03/2026 08:01"),
        "{page}"
    );

    smtp.launch(0);
    // Within the minute of back-off: not tried again.
    clock(&s.app, "2026-03-10T01:00:59Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    assert!(smtp.received().is_empty());
    clock(&s.app, "2026-03-10T01:01:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 1));
    assert_eq!(received_ids(&smtp), outbox_ids(&s.app).await);
    assert_eq!(smtp.received().len(), 1);
    clock(&s.app, "2026-03-10T05:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    assert_eq!(smtp.received().len(), 1, "a sent message is not sent again");
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn a_server_that_cuts_the_connection_after_data_gets_each_message_id_once() {
    let python = smtp_python();
    let smtp = Smtp::start(&python, 1);
    let s = scene(Some(&smtp)).await;
    mail_settings(&s.app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    mail_settings(&s.app, "lan.vh", "lan@langson.test.vn", true, "en").await;
    clock(&s.app, "2026-03-10T01:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (2, 1));
    assert_eq!(smtp.received().len(), 1, "the first message was cut off");
    clock(&s.app, "2026-03-10T01:01:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 1));
    clock(&s.app, "2026-03-10T03:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    let ids = received_ids(&smtp);
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1], "no Message-ID twice");
    assert_eq!(ids, outbox_ids(&s.app).await);
}

/// The outbox page as an administrator sees it.
async fn admin_outbox(app: &TestApp) -> String {
    let password = app.add_user("quan.tri", Role::Admin, None).await;
    let cookie = app.sign_in("quan.tri", &password).await;
    let page = app
        .call("GET", "/admin/outbox")
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.body
}

#[tokio::test]
async fn without_a_mail_server_the_outbox_fills_and_only_administrators_see_it() {
    let s = scene(None).await;
    mail_settings(&s.app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    mail_settings(&s.app, "lan.vh", "lan@langson.test.vn", true, "vi").await;
    clock(&s.app, "2026-03-10T01:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (2, 0));
    clock(&s.app, "2026-03-10T06:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    let page = admin_outbox(&s.app).await;
    assert!(page.contains("Chưa cấu hình máy chủ thư"), "{page}");
    for address in ["hoa@langson.test.vn", "lan@langson.test.vn"] {
        assert_eq!(page.matches(address).count(), 1, "{address}: {page}");
    }
    assert_eq!(page.matches("Chờ gửi").count(), 2, "{page}");
    for id in outbox_ids(&s.app).await {
        let escaped = id.replace('<', "&lt;").replace('>', "&gt;");
        assert!(page.contains(&escaped), "{id}: {page}");
    }
    let password = s
        .app
        .add_user("an.duyet", Role::Reviewer, Some("construction"))
        .await;
    let cookie = s.app.sign_in("an.duyet", &password).await;
    let refused = s
        .app
        .call("GET", "/admin/outbox")
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn mail_test_says_the_message_went_or_names_why_it_did_not() {
    let python = smtp_python();
    let smtp = Smtp::start(&python, 0);
    let port = smtp.port.to_string();
    let args = |port: &'static str| {
        [
            "mail",
            "test",
            "lan@langson.test.vn",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            port,
            "--smtp-tls",
            "none",
        ]
    };
    let port: &'static str = port.leak();
    let sent = run_cli(None, &args(port), "");
    assert!(sent.status.success(), "{}", stderr(&sent));
    assert!(String::from_utf8_lossy(&sent.stdout).contains("sent"));
    let got = smtp.to("lan@langson.test.vn");
    assert_eq!(got.len(), 1);
    assert!(
        got[0]["subject"]
            .as_str()
            .expect("subject")
            .contains("test message")
    );

    let closed: &'static str = free_port().to_string().leak();
    let refused = run_cli(None, &args(closed), "");
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert!(
        said.contains("was not sent") && said.contains(&format!("127.0.0.1:{closed}")),
        "{said}"
    );
    assert!(said.to_lowercase().contains("connection refused"), "{said}");
}

#[tokio::test]
async fn a_server_given_a_port_that_is_not_a_number_refuses_to_start_naming_the_flag() {
    let out = run_cli(None, &["serve", "--smtp-port", "hai-lăm"], "");
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(
        said.contains("--smtp-port") && said.contains("hai-lăm"),
        "{said}"
    );
}

/// The outbox page's card of the message to `address`.
fn row_to<'p>(page: &'p str, address: &str) -> &'p str {
    let at = page
        .find(address)
        .unwrap_or_else(|| panic!("{address}: {page}"));
    let start = page[..at].rfind("<li").expect("its card");
    &page[start..at + page[at..].find("</li>").expect("its end")]
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn a_recipient_refused_for_good_marks_the_message_failed_and_never_retried_while_a_try_later_answer_is_retried()
 {
    let python = smtp_python();
    let mut smtp = Smtp::start(&python, 0);
    // The server refuses Hoa's mailbox for good (550) and tells Lan's to try later (451).
    smtp.answers = vec![
        "hoa@langson.test.vn=550".to_owned(),
        "lan@langson.test.vn=451".to_owned(),
    ];
    smtp.kill();
    smtp.launch(0);
    let s = scene(Some(&smtp)).await;
    mail_settings(&s.app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    mail_settings(&s.app, "lan.vh", "lan@langson.test.vn", true, "vi").await;
    clock(&s.app, "2026-03-10T01:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (2, 0));
    // One minute on, Lan's is due again (and put off again); Hoa's is not tried.
    clock(&s.app, "2026-03-10T01:01:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    // The server takes Lan's mail again: her message goes after its two-minute wait.
    smtp.answers = vec!["hoa@langson.test.vn=550".to_owned()];
    smtp.kill();
    smtp.launch(0);
    clock(&s.app, "2026-03-10T01:02:59Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    clock(&s.app, "2026-03-10T01:03:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 1));
    // Hours later (still the same day in Lạng Sơn), nothing more is sent.
    clock(&s.app, "2026-03-10T12:00:00Z");
    assert_eq!(tick(s.app.services()).await.expect("a round"), (0, 0));
    assert_eq!(smtp.to("lan@langson.test.vn").len(), 1);
    assert!(smtp.to("hoa@langson.test.vn").is_empty());
    assert_eq!(
        outbox_ids(&s.app).await.len(),
        2,
        "the refused message is kept"
    );

    let page = admin_outbox(&s.app).await;
    let hoa = row_to(&page, "hoa@langson.test.vn");
    assert!(
        hoa.contains("Bị máy chủ thư từ chối, không gửi lại"),
        "{hoa}"
    );
    assert!(
        hoa.contains("550") && hoa.contains("mailbox unavailable"),
        "the server's answer: {hoa}"
    );
    assert!(hoa.contains("<dd>1</dd>"), "tried once: {hoa}");
    let lan = row_to(&page, "lan@langson.test.vn");
    assert!(lan.contains("Đã gửi"), "{lan}");
    assert!(lan.contains("<dd>3</dd>"), "sent on the third try: {lan}");
}

#[tokio::test]
async fn mail_queue_writes_a_test_message_into_the_outbox_where_the_administrator_sees_it_wait() {
    let app = app_sending_to(None, "2026-03-10T01:00:00Z").await;
    let queued = run_cli(Some(&app), &["mail", "queue", "lan@langson.test.vn"], "");
    assert!(queued.status.success(), "{}", stderr(&queued));
    assert!(String::from_utf8_lossy(&queued.stdout).contains("lan@langson.test.vn"));
    let refused = run_cli(Some(&app), &["mail", "queue", "lan@"], "");
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        outbox_ids(&app).await.len(),
        1,
        "the bad address wrote nothing"
    );
    let page = admin_outbox(&app).await;
    let row = row_to(&page, "lan@langson.test.vn");
    assert!(
        row.contains("Tiếp cận: thư thử") && row.contains("Chờ gửi"),
        "{row}"
    );
}

/// The body of the message among `messages` whose subject names `day`.
fn of_day<'m>(messages: &'m [Value], day: &str) -> &'m str {
    messages
        .iter()
        .find(|m| m["subject"].as_str().is_some_and(|s| s.contains(day)))
        .and_then(|m| m["body"].as_str())
        .unwrap_or_else(|| panic!("a message of {day} in {messages:#?}"))
}

#[tokio::test]
#[ignore = "needs aiosmtpd: tests/mail/run.sh"]
async fn a_reporting_round_due_and_then_returned_is_in_the_departments_next_digests() {
    let python = smtp_python();
    let smtp = Smtp::start(&python, 0);
    let s = scene(Some(&smtp)).await;
    let app = &s.app;
    mail_settings(app, "hoa.duyet", "hoa@langson.test.vn", true, "vi").await;
    mail_settings(app, "lan.vh", "lan@langson.test.vn", true, "en").await;
    let coordinator = app.token("mai.dp", Role::Coordinator, None).await;
    let writer = app
        .token("an.duyet", Role::Reviewer, Some("construction"))
        .await;
    // 1 March: a round of the first two months, due on 12 March, for two departments.
    let opened = app
        .call("POST", "/api/v1/rounds")
        .bearer(&coordinator)
        .json(&json!({
            "title": "Báo cáo tháng 1–2/2026", "kind": "periodic",
            "period_from": "2026-01-01", "period_to": "2026-02-28", "due_on": "2026-03-12",
            "departments": ["construction", "culture"]
        }))
        .send()
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let round = opened.json()["id"].as_str().expect("id").to_owned();
    let part = |code: &str| format!("http://tiepcan.test/rounds/{round}/parts/{code}");

    // 10 March: each department's digest lists its part, due in two days, not sent.
    clock(app, "2026-03-10T01:00:00Z");
    tick(app.services()).await.expect("a round");
    let hoa = smtp.to("hoa@langson.test.vn");
    assert_eq!(hoa.len(), 1, "{hoa:#?}");
    let body = hoa[0]["body"].as_str().expect("a body");
    let rounds = section(body, "Kỳ báo cáo cần gửi phần của sở, ngành");
    assert!(rounds.contains("Báo cáo tháng 1–2/2026"), "{body}");
    assert!(
        rounds.contains("Chưa gửi") && rounds.contains("12/03/2026"),
        "{body}"
    );
    assert!(rounds.contains(&part("construction")), "{body}");
    let lan = smtp.to("lan@langson.test.vn");
    let body = lan[0]["body"].as_str().expect("a body");
    let rounds = section(body, "Reporting rounds awaiting your department's part");
    assert!(
        rounds.contains(&part("culture")) && rounds.contains("Not sent yet"),
        "{body}"
    );

    // Construction sends its part; on the 11th the coordinator returns it.
    let sections = json!({
        "results": "Đã kiểm tra 12 trụ sở.", "difficulties": "Thiếu kinh phí.",
        "proposals": "Bố trí vốn năm 2027."
    });
    let saved = app
        .call("PUT", &format!("/api/v1/rounds/{round}/parts/construction"))
        .bearer(&writer)
        .json(&sections)
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let sent = app
        .call(
            "POST",
            &format!("/api/v1/rounds/{round}/parts/construction/submit"),
        )
        .bearer(&writer)
        .json(&sections)
        .send()
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    clock(app, "2026-03-11T01:00:00Z");
    tick(app.services()).await.expect("a round");
    let hoa = smtp.to("hoa@langson.test.vn");
    assert_eq!(hoa.len(), 2);
    let body = of_day(&hoa, "11/03/2026");
    assert!(
        !body.contains(&part("construction")),
        "a part sent is not listed: {body}"
    );
    let returned = app
        .call(
            "POST",
            &format!("/api/v1/rounds/{round}/parts/construction/review"),
        )
        .bearer(&coordinator)
        .json(&json!({ "decision": "return", "comment": "Bổ sung số liệu kinh phí." }))
        .send()
        .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);

    // 12 March: the next digest says it came back.
    clock(app, "2026-03-12T01:00:00Z");
    tick(app.services()).await.expect("a round");
    let hoa = smtp.to("hoa@langson.test.vn");
    assert_eq!(hoa.len(), 3);
    let body = of_day(&hoa, "12/03/2026");
    let rounds = section(body, "Kỳ báo cáo cần gửi phần của sở, ngành");
    assert!(
        rounds.contains("Bị trả lại") && rounds.contains(&part("construction")),
        "{body}"
    );
}
