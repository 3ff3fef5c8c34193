//! Two instances of the real binary on one PostgreSQL database and one S3-compatible store,
//! as a province scales out behind a load balancer: a session made on one works on the
//! other, throttling counts failures made on either, an idempotency key is honoured across
//! them, a photo added on one and removed on the other leaves no object behind, and killing
//! one while writers run loses nothing it acknowledged: the log verifies and both serve the
//! same clusters and exports. Needs a PostgreSQL server (`--include-ignored` with
//! `TIEPCAN_TEST_POSTGRES_URL`); run by `tests/s3/run.sh instances --include-ignored` the two
//! share a bucket of the S3 server, otherwise one photo folder.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::audits::photo;
use crate::common::{checklists_dir, fresh_database_url, postgres_url};

const ADMIN_PASSWORD: &str = "a long admin password 1";

/// One `tiepcan serve` process.
struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    fn start(url: &str, store: &str, data: &std::path::Path) -> Instance {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiepcan"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--no-demo",
                "--admin-password-stdin",
            ])
            .args(["--database-url", url, "--photo-store", store])
            .arg("--data-dir")
            .arg(data)
            .arg("--checklists-dir")
            .arg(checklists_dir())
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tiepcan");
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{ADMIN_PASSWORD}").expect("password");
        drop(stdin);
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let addr = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .expect("the instance starts");
            if let Some(rest) = line.split("serving on http://").nth(1) {
                break rest.split_whitespace().next().expect("address").to_owned();
            }
        };
        // Keep draining its log so it never blocks on a full pipe.
        std::thread::spawn(move || while rx.recv().is_ok() {});
        Instance {
            child,
            base: format!("http://{addr}"),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn sign_in(
    c: &reqwest::Client,
    on: &Instance,
    username: &str,
    password: &str,
) -> reqwest::Response {
    c.post(on.url("/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .expect("sign in")
}

async fn ok_json(response: reqwest::Response, what: &str) -> Value {
    let status = response.status();
    let body = response.text().await.expect("body");
    assert!(status.is_success(), "{what}: {status} {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{what}: {e}: {body}"))
}

fn site(name: &str, lon: f64, lat: f64) -> Value {
    json!({ "name": name, "kind": "public_building", "subtype": "people_committee",
            "lat": lat, "lon": lon, "department": "xd" })
}

/// The body of `path` on `on`, without the time it was generated.
async fn public(c: &reqwest::Client, on: &Instance, path: &str) -> Value {
    let mut v = ok_json(c.get(on.url(path)).send().await.expect("get"), path).await;
    if let Some(o) = v.as_object_mut() {
        o.remove("generated_at");
    }
    v
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIEPCAN_TEST_POSTGRES_URL and run with --include-ignored"]
async fn two_instances_on_one_database_and_store_keep_every_promise_and_lose_nothing_when_one_dies()
{
    assert!(postgres_url().is_some(), "set TIEPCAN_TEST_POSTGRES_URL");
    let dir = tempfile::tempdir().expect("dir");
    let url = fresh_database_url(&dir).await;
    // On the S3 server when run by tests/s3/run.sh; else both share one photo folder.
    let store = match std::env::var("TIEPCAN_TEST_S3_BUCKET") {
        Ok(bucket) => format!("s3://{bucket}/instances/{}", uuid::Uuid::now_v7().simple()),
        Err(_) => dir.path().join("photos").display().to_string(),
    };
    let a = Instance::start(&url, &store, &dir.path().join("a"));
    let b = Instance::start(&url, &store, &dir.path().join("b"));
    let c = client();

    // A session made on one instance is good on the other, and ends on both.
    let cookie = sign_in(&c, &a, "admin", ADMIN_PASSWORD).await;
    assert_eq!(cookie.status(), StatusCode::OK);
    let cookie = cookie.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let whoami = c
        .get(b.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("get");
    assert_eq!(
        whoami.status(),
        StatusCode::OK,
        "the session made on A, asked on B"
    );
    let token = ok_json(
        c.post(b.url("/api/v1/tokens"))
            .header("cookie", &cookie)
            .header("origin", &b.base)
            .json(&json!({ "name": "t" }))
            .send()
            .await
            .expect("post"),
        "token",
    )
    .await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let admin = |r: reqwest::RequestBuilder| r.bearer_auth(&token);
    ok_json(
        admin(c.post(a.url("/api/v1/departments")))
            .json(&json!({ "code": "xd", "name": { "vi": "Sở Xây dựng", "en": "Construction" } }))
            .send()
            .await
            .expect("post"),
        "department",
    )
    .await;
    let inspector_pw = "an inspector password 1";
    ok_json(admin(c.post(b.url("/api/v1/users"))).json(&json!({ "username": "kiemtra", "role": "inspector", "department": "xd", "password": inspector_pw })).send().await.expect("post"), "user").await;
    let signed = sign_in(&c, &a, "kiemtra", inspector_pw).await;
    let kt_cookie = signed.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let kt = ok_json(
        c.post(a.url("/api/v1/tokens"))
            .header("cookie", &kt_cookie)
            .header("origin", &a.base)
            .json(&json!({ "name": "t" }))
            .send()
            .await
            .expect("post"),
        "token",
    )
    .await["token"]
        .as_str()
        .expect("token")
        .to_owned();

    // Throttling counts the failures made on either instance.
    for on in [&a, &b, &a] {
        assert_eq!(
            sign_in(&c, on, "kiemtra", "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in(&c, &b, "kiemtra", "wrong password").await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the fourth, on B, waits"
    );

    // One idempotency key, sent to both: one site, the same answer.
    let key = uuid::Uuid::now_v7().to_string();
    let mut ids = Vec::new();
    for on in [&a, &b] {
        let made = c
            .post(on.url("/api/v1/sites"))
            .bearer_auth(&kt)
            .header("idempotency-key", &key)
            .json(&site("UBND xã Hợp Thành", 106.70, 21.90))
            .send()
            .await
            .expect("post");
        ids.push(
            ok_json(made, "site").await["id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    assert_eq!(
        ids[0], ids[1],
        "the second instance answers the first's site"
    );

    // A photo added on A and removed on B leaves no object in the store.
    let audit = ok_json(
        c.post(a.url(&format!("/api/v1/sites/{}/audits", ids[0])))
            .bearer_auth(&kt)
            .json(&json!({ "key": uuid::Uuid::now_v7().to_string() }))
            .send()
            .await
            .expect("post"),
        "audit",
    )
    .await;
    let audit = audit["id"].as_str().expect("id").to_owned();
    let form = reqwest::multipart::Form::new()
        .text("item", "entrance.accessible_entrance")
        .part(
            "file",
            reqwest::multipart::Part::bytes(photo(7, None))
                .file_name("p.jpg")
                .mime_str("image/jpeg")
                .expect("mime"),
        );
    let added = ok_json(
        c.post(a.url(&format!("/api/v1/audits/{audit}/photos")))
            .bearer_auth(&kt)
            .multipart(form)
            .send()
            .await
            .expect("post"),
        "photo",
    )
    .await;
    let photo_id = added["id"].as_str().expect("id").to_owned();
    let file = format!("/api/v1/audits/{audit}/photos/{photo_id}/display");
    assert_eq!(
        c.get(b.url(&file))
            .bearer_auth(&kt)
            .send()
            .await
            .expect("get")
            .status(),
        StatusCode::OK,
        "B serves A's photo"
    );
    let removed = c
        .delete(b.url(&format!("/api/v1/audits/{audit}/photos/{photo_id}")))
        .bearer_auth(&kt)
        .send()
        .await
        .expect("delete");
    assert!(removed.status().is_success(), "{}", removed.status());
    assert_eq!(
        c.get(a.url(&file))
            .bearer_auth(&kt)
            .send()
            .await
            .expect("get")
            .status(),
        StatusCode::NOT_FOUND
    );
    let check = Command::new(env!("CARGO_BIN_EXE_tiepcan"))
        .args([
            "photos",
            "check",
            "--database-url",
            &url,
            "--photo-store",
            &store,
        ])
        .output()
        .expect("photos check");
    let said = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(
        check.status.success() && said.contains("0 orphaned") && said.contains("0 missing"),
        "{said}{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Writers on both; A is killed while they run. Every acknowledged site is kept.
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for (n, base) in [
        a.base.clone(),
        b.base.clone(),
        a.base.clone(),
        b.base.clone(),
    ]
    .into_iter()
    .enumerate()
    {
        let (c, kt, acknowledged, stop) =
            (c.clone(), kt.clone(), acknowledged.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut i = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                i += 1;
                let (lon, lat) = (
                    106.3 + f64::from(i % 90) * 0.01 + n as f64 * 0.001,
                    21.6 + f64::from(i / 90) * 0.01,
                );
                let sent = c
                    .post(format!("{base}/api/v1/sites"))
                    .bearer_auth(&kt)
                    .json(&site(&format!("Nhà văn hóa {n}-{i}"), lon, lat))
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == StatusCode::CREATED => {
                        if let Ok(v) = r.json::<Value>().await {
                            acknowledged
                                .lock()
                                .expect("lock")
                                .push(v["id"].as_str().unwrap_or_default().to_owned());
                        }
                    }
                    _ => tokio::time::sleep(Duration::from_millis(20)).await,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut a = a;
    a.child.kill().expect("kill A");
    a.child.wait().expect("A is gone");
    let before_kill = acknowledged.lock().expect("lock").len();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        w.await.expect("writer");
    }
    let kept = acknowledged.lock().expect("lock").clone();
    assert!(
        before_kill > 4 && kept.len() > before_kill,
        "writers ran on both before and after: {before_kill}, {}",
        kept.len()
    );
    for id in &kept {
        let got = c
            .get(b.url(&format!("/api/v1/sites/{id}")))
            .send()
            .await
            .expect("get");
        assert_eq!(
            got.status(),
            StatusCode::OK,
            "acknowledged site {id} is kept"
        );
    }
    let verify = Command::new(env!("CARGO_BIN_EXE_tiepcan"))
        .args(["events", "verify", "--database-url", &url])
        .output()
        .expect("verify");
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );

    // A again, beside B: the same clusters and exports.
    let again = Instance::start(&url, &store, &dir.path().join("a2"));
    for path in [
        "/api/v1/public/clusters?bbox=106.0,21.3,107.4,22.5&zoom=8",
        "/api/v1/public/clusters?bbox=106.6,21.8,106.9,22.0&zoom=14",
        "/api/v1/public/export.geojson",
    ] {
        assert_eq!(
            public(&c, &again, path).await,
            public(&c, &b, path).await,
            "{path}"
        );
    }
    drop(a);
}
