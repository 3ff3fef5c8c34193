//! Test harness: the real app on a real database — a SQLite file in a temporary folder, or
//! a fresh PostgreSQL schema when `TIEPCAN_TEST_POSTGRES_URL` is set — driven through the
//! router exactly as HTTP requests would.

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tempfile::TempDir;
use tiepcan::config::{Config, DEFAULT_REGION_BBOX};
use tiepcan::http::{AppState, app};
use tiepcan::store::Db;
use tower::ServiceExt;

/// Whether the demo data is loaded into the test database.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    Yes,
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
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        database_url: Some(fresh_database_url(&dir).await),
        data_dir: dir.path().to_path_buf(),
        region_bbox: DEFAULT_REGION_BBOX.parse().expect("region"),
        base_url: Some("http://tiepcan.test".into()),
        checklists_dir: checklists_dir(),
        demo: demo == Demo::Yes,
        no_demo: demo == Demo::No,
    };
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

/// A response read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
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
    /// Sends a request through the whole router.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
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
        }
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

    pub async fn form(&self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).expect("form");
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// How many sites are stored (to prove refused requests wrote nothing).
    pub async fn site_count(&self) -> i64 {
        let mut conn = self.state.db.conn().await.expect("connection");
        tiepcan::store::sites::count(&mut conn)
            .await
            .expect("count")
    }

    /// The database of this app.
    pub fn db(&self) -> &Db {
        &self.state.db
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
