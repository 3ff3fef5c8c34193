//! Test harness: the real app on a real database — a SQLite file in a temporary folder, or
//! a fresh PostgreSQL schema when `TIEPCAN_TEST_POSTGRES_URL` is set — driven through the
//! router exactly as HTTP requests would.

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use http_body_util::BodyExt;
use serde_json::Value;
use tempfile::TempDir;
use tiepcan::app::Services;
use tiepcan::config::{Cli, Config};
use tiepcan::domain::actor::Actor;
use tiepcan::domain::user::{NewUser, Role};
use tiepcan::http::{AppState, app};
use tiepcan::store::Db;
use tower::ServiceExt;

/// Whether the demo data is loaded into the test database.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    /// Departments, areas, sites and people of 2020, without the demo audits (fast to load):
    /// the structure most tests are written against.
    Yes,
    /// The 2020 structure with the demo audits and their photos too.
    Full,
    /// Everything a first start loads: the demo audits, then 2025 replayed on them (the
    /// commune-level map, the departments merged).
    Today,
    No,
}

/// A running app on its own database.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub config: Config,
    pub dir: TempDir,
}

/// The PostgreSQL server to test against, if this run uses one.
pub fn postgres_url() -> Option<String> {
    std::env::var("TIEPCAN_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A database URL of its own for one test: a new schema on PostgreSQL, else a SQLite file.
pub async fn fresh_database_url(dir: &TempDir) -> String {
    match postgres_url() {
        None => format!("sqlite://{}", dir.path().join("test.db").display()),
        Some(base) => {
            let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
            let admin = sqlx::PgPool::connect(&base)
                .await
                .expect("TIEPCAN_TEST_POSTGRES_URL must reach a PostgreSQL server");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(&admin)
                .await
                .expect("create a test schema");
            admin.close().await;
            let separator = if base.contains('?') { '&' } else { '?' };
            format!("{base}{separator}options=-c%20search_path%3D{schema}")
        }
    }
}

/// The checklists shipped with the project.
pub fn checklists_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("checklists")
}

/// A configuration like the default one, on a database of its own.
pub async fn test_config(demo: Demo) -> (Config, TempDir) {
    test_config_with(demo, &[]).await
}

/// [`test_config`] with more options of `tiepcan serve`.
pub async fn test_config_with(demo: Demo, extra: &[&str]) -> (Config, TempDir) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = fresh_database_url(&dir).await;
    let data_dir = dir.path().to_str().expect("utf-8 path").to_owned();
    let checklists = checklists_dir().to_str().expect("utf-8 path").to_owned();
    let (demo_flag, audits, reorganise) = match demo {
        Demo::Yes => ("--demo", "false", "false"),
        Demo::Full => ("--demo", "true", "false"),
        Demo::Today => ("--demo", "true", "true"),
        Demo::No => ("--no-demo", "false", "false"),
    };
    // With a test S3 server (tests/s3/run.sh), every app keeps its photos there, under a
    // prefix of its own.
    let photo_store = std::env::var("TIEPCAN_TEST_S3_BUCKET")
        .ok()
        .filter(|_| std::env::var("TIEPCAN_TEST_S3_ENDPOINT").is_ok())
        .map(|bucket| format!("s3://{bucket}/apps/{}", uuid::Uuid::now_v7().simple()));
    let mut args: Vec<String> = [
        "tiepcan",
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &url,
        "--data-dir",
        &data_dir,
        "--base-url",
        "http://tiepcan.test",
        "--checklists-dir",
        &checklists,
        demo_flag,
        "--demo-audits",
        audits,
        "--demo-reorganise",
        reorganise,
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    if let Some(store) = photo_store {
        args.extend(["--photo-store".to_owned(), store]);
    }
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let config = Cli::parse_from(args).serve;
    (config, dir)
}

/// Starts the app as `tiepcan serve` would, without binding a port.
pub async fn spawn(demo: Demo) -> TestApp {
    let (config, dir) = test_config(demo).await;
    let state = tiepcan::server::prepare(&config)
        .await
        .expect("the app starts");
    TestApp {
        router: app(state.clone()),
        state,
        config,
        dir,
    }
}

/// Sends a request through `router` and reads the whole response.
pub async fn send_to(router: &Router, request: Request<Body>) -> Reply {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

/// A response read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent, for files.
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The error message of a JSON error body.
    pub fn field_error(&self, field: &str) -> String {
        self.json()["error"]["fields"][field]
            .as_str()
            .unwrap_or_else(|| panic!("no error for field {field}: {}", self.body))
            .to_owned()
    }

    /// A response header as text.
    pub fn header(&self, name: header::HeaderName) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

impl TestApp {
    /// A second server started on `config` (the same database as another one, say).
    pub async fn start_on(config: &Config) -> TestApp {
        let state = tiepcan::server::prepare(config)
            .await
            .expect("the app starts");
        TestApp {
            router: app(state.clone()),
            state,
            config: config.clone(),
            dir: tempfile::tempdir().expect("dir"),
        }
    }

    /// Sends a request through the whole router.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        send_to(&self.router, request).await
    }

    /// A request to build up (auth, body) before sending.
    pub fn call(&self, method: &str, uri: &str) -> Call<'_> {
        Call {
            app: self,
            builder: Request::builder().method(method).uri(uri),
            body: Body::empty(),
        }
    }

    /// Creates a user directly (as the CLI would) and returns their password.
    pub async fn add_user(&self, username: &str, role: Role, department: Option<&str>) -> String {
        let password = format!("pw-{username}-0123456789");
        let user = NewUser {
            username: username.into(),
            display_name: username.into(),
            role,
            department: department.map(str::to_owned),
            email: None,
        };
        tiepcan::app::users::add_checked(self.services(), &Actor::Console, &user, &password)
            .await
            .expect("user created");
        password
    }

    /// Signs in through the API and returns the session cookie (`name=value`).
    pub async fn sign_in(&self, username: &str, password: &str) -> String {
        let reply = self
            .json(
                "POST",
                "/api/v1/session",
                &serde_json::json!({ "username": username, "password": password }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "sign-in: {}", reply.body);
        let cookie = reply.header(header::SET_COOKIE).expect("session cookie");
        cookie.split(';').next().expect("name=value").to_owned()
    }

    /// A user of `role` in `department` with an API token; returns the token.
    pub async fn token(&self, username: &str, role: Role, department: Option<&str>) -> String {
        let password = self.add_user(username, role, department).await;
        let cookie = self.sign_in(username, &password).await;
        self.token_for(&cookie).await
    }

    /// A new API token of the person signed in with `cookie`.
    pub async fn token_for(&self, cookie: &str) -> String {
        let reply = self
            .call("POST", "/api/v1/tokens")
            .cookie(cookie)
            .json(&serde_json::json!({ "name": "tests" }))
            .send()
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "token: {}", reply.body);
        reply.json()["token"].as_str().expect("token").to_owned()
    }

    /// Who the session `cookie` belongs to: 200 while it is live, 401 once it ended.
    pub async fn whoami(&self, cookie: &str) -> Reply {
        self.call("GET", "/api/v1/session")
            .cookie(cookie)
            .send()
            .await
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn json(&self, method: &str, uri: &str, body: &Value) -> Reply {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(request).await
    }

    /// Registers [`museum`] as a new inspector of the culture department (a change to what
    /// the public sees); returns the site.
    pub async fn add_museum(&self) -> Value {
        let name = format!(
            "vanhoa.{}",
            &uuid::Uuid::now_v7().simple().to_string()[24..]
        );
        let token = self.token(&name, Role::Inspector, Some("culture")).await;
        self.register_museum(&token).await.0
    }

    /// Registers [`museum`] with a bearer token; returns the site and its API path.
    pub async fn register_museum(&self, token: &str) -> (Value, String) {
        let reply = self
            .call("POST", "/api/v1/sites")
            .bearer(token)
            .json(&museum())
            .send()
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        let site = reply.json();
        let uri = format!("/api/v1/sites/{}", site["id"].as_str().expect("id"));
        (site, uri)
    }

    /// How many sites are stored (to prove refused requests wrote nothing).
    pub async fn site_count(&self) -> i64 {
        let mut conn = self.db().conn().await.expect("connection");
        tiepcan::store::sites::count(&mut conn)
            .await
            .expect("count")
    }

    /// The database of this app.
    pub fn db(&self) -> &Db {
        &self.state.services.db
    }

    /// The same app on a clock fixed at `at` (moved with `app.services().clock.set`).
    pub fn at_time(mut self, at: &str) -> TestApp {
        let at = chrono::DateTime::parse_from_rfc3339(at)
            .expect("an RFC 3339 time")
            .with_timezone(&chrono::Utc);
        self.state.services.clock = tiepcan::app::Clock::fixed(at);
        self.router = app(self.state.clone());
        self
    }

    /// The use cases' dependencies of this app.
    pub fn services(&self) -> &Services {
        &self.state.services
    }
}

/// A request being built.
pub struct Call<'a> {
    app: &'a TestApp,
    builder: axum::http::request::Builder,
    body: Body,
}

impl Call<'_> {
    /// With a bearer token.
    pub fn bearer(mut self, token: &str) -> Self {
        self.builder = self
            .builder
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        self
    }

    /// With a session cookie, as a browser on this site sends it (same-origin `Origin`).
    pub fn cookie(mut self, cookie: &str) -> Self {
        self.builder = self
            .builder
            .header(header::COOKIE, cookie)
            .header(header::HOST, "tiepcan.test")
            .header(header::ORIGIN, "http://tiepcan.test");
        self
    }

    /// With any header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.builder = self.builder.header(name, value);
        self
    }

    /// With a JSON body.
    pub fn json(mut self, body: &Value) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/json");
        self.body = Body::from(body.to_string());
        self
    }

    /// With a body of `content_type` as it is.
    pub fn raw(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self.builder = self.builder.header(header::CONTENT_TYPE, content_type);
        self.body = Body::from(body);
        self
    }

    /// With a form body.
    pub fn form(mut self, fields: &[(&str, &str)]) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.body = Body::from(serde_urlencoded::to_string(fields).expect("form"));
        self
    }

    /// With a multipart form body: text fields, then files as (field, file name, media
    /// type, bytes), as a browser sends them.
    pub fn multipart(
        mut self,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, &[u8])],
    ) -> Self {
        let boundary = "tiepcan-test-boundary-7d1f";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        for (name, file, media, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: {media}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.builder = self.builder.header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        self.body = Body::from(body);
        self
    }

    pub async fn send(self) -> Reply {
        self.app
            .send(self.builder.body(self.body).expect("request"))
            .await
    }
}

/// A valid new site in the city; tests change one field at a time.
pub fn museum() -> Value {
    serde_json::json!({
        "name": "Bảo tàng Văn hóa các dân tộc",
        "kind": "cultural_site",
        "subtype": "museum",
        "address": "Đường Lê Lợi, thành phố Lạng Sơn",
        "lat": 21.8495,
        "lon": 106.7571,
        "department": "culture",
        "operator": "Sở Văn hóa, Thể thao và Du lịch"
    })
}

/// Every row of every table as text (SQLite: the database file and its WAL, read raw;
/// PostgreSQL: each row as JSON), for checking that no secret is stored in clear.
pub async fn dump_database(app: &TestApp) -> String {
    let mut conn = app.db().conn().await.expect("conn");
    let columns = tiepcan::store::schema_columns(&mut conn)
        .await
        .expect("schema");
    let mut tables: Vec<String> = columns.into_iter().map(|(t, _)| t).collect();
    tables.dedup();
    match app.db() {
        Db::Sqlite(_) => {
            let file = app.dir.path().join("test.db");
            let mut bytes = std::fs::read(&file).expect("database file");
            if let Ok(wal) = std::fs::read(file.with_extension("db-wal")) {
                bytes.extend(wal);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Db::Postgres(pool) => {
            let mut out = String::new();
            for table in tables {
                let sql = format!("SELECT row_to_json(t)::text FROM {table} t");
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_all(pool)
                    .await
                    .expect("dump");
                out.extend(rows);
            }
            out
        }
    }
}

/// Runs `$body` with `$pool` bound to the app's pool, whichever backend it is.
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

/// Edits one event's record by hand, as someone with database access could (after removing
/// the append-only trigger, as they would have to).
pub async fn tamper_with_event(app: &TestApp, seq: i64) {
    let unlock = match app.db() {
        Db::Sqlite(_) => "DROP TRIGGER events_no_update",
        Db::Postgres(_) => "ALTER TABLE events DISABLE TRIGGER events_no_update",
    };
    on_pool!(app.db(), |pool| {
        sqlx::query(unlock)
            .execute(pool)
            .await
            .expect("remove the trigger");
        sqlx::query("UPDATE events SET after_json = $1 WHERE seq = $2")
            .bind("{\"name\":\"forged\"}")
            .bind(seq)
            .execute(pool)
            .await
            .expect("edit");
    });
}

/// Tries to delete the event log; returns the database's refusal.
pub async fn try_delete_events(app: &TestApp) -> String {
    on_pool!(app.db(), |pool| sqlx::query("DELETE FROM events")
        .execute(pool)
        .await
        .map(|_| ()))
    .expect_err("the log is append-only")
    .to_string()
}

/// Runs the real binary in English with `stdin` on standard input; with an app, on its
/// database.
/// True when the subcommand `args` names takes `--photo-store` (a command that does not
/// read the photos refuses it).
pub fn reads_photo_store(args: &[&str]) -> bool {
    use clap::CommandFactory;
    let mut command = tiepcan::config::Cli::command();
    for word in args.iter().take_while(|a| !a.starts_with('-')) {
        match command.find_subcommand(word) {
            Some(sub) => command = sub.clone(),
            None => break,
        }
    }
    command
        .get_arguments()
        .any(|arg| arg.get_long() == Some("photo-store"))
}

pub fn run_cli(app: Option<&TestApp>, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut command = Command::new(env!("CARGO_BIN_EXE_tiepcan"));
    command.args(args);
    if let Some(app) = app {
        command.args(["--database-url", &app.config.database_url()]);
        if let Some(store) = &app.config.photos.photo_store
            && reads_photo_store(args)
        {
            command.args(["--photo-store", store]);
        }
    }
    let mut child = command
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("output")
}

/// What a command printed on standard error.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A server listening on a real TCP port of this machine, in this process.
pub struct TcpServer {
    /// `127.0.0.1:PORT`.
    pub addr: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
}

impl TcpServer {
    /// Serves `state` on a fresh port until [`TcpServer::stop`].
    pub async fn start(state: AppState) -> TcpServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().expect("address").to_string();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let done = tokio::spawn(async move {
            tiepcan::server::run(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .expect("the server runs");
        });
        TcpServer {
            addr,
            stop: Some(stop),
            done: Some(done),
        }
    }

    /// Sends one HTTP/1.1 request over a new connection; returns status and body.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(&self.addr)
            .await
            .expect("connect");
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(request.as_bytes()).await.expect("send");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).await.expect("read");
        let status = reply
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {reply:?}"));
        let body = reply
            .split("\r\n\r\n")
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        (status, body)
    }

    /// Stops accepting, lets open requests finish, and waits for the server to end.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(done) = self.done.take() {
            done.await.expect("the server ends cleanly");
        }
    }
}

/// The app's state with other web settings (the services stay the same).
pub fn with_settings(
    state: &AppState,
    change: impl FnOnce(&mut tiepcan::http::Settings),
) -> AppState {
    let mut settings = (*state.settings).clone();
    change(&mut settings);
    AppState::new(state.services.clone(), settings)
}
