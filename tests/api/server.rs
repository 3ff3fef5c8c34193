//! The real binary, as the README runs it: first start loads the demo, `/healthz` answers,
//! and SIGTERM stops it cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Demo, checklists_dir, test_config};

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

#[tokio::test]
async fn serve_starts_with_demo_data_answers_healthz_and_stops_on_sigterm() {
    // Only the database URL (fresh SQLite file or PostgreSQL schema) comes from the harness.
    let (config, dir) = test_config(Demo::No).await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepcan"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("TIEPCAN_DATABASE_URL", config.database_url())
        .env("TIEPCAN_DATA_DIR", dir.path())
        .env("TIEPCAN_CHECKLISTS_DIR", checklists_dir())
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let started = Instant::now();
    let mut addr = None;
    let mut demo_loaded = false;
    while addr.is_none() && started.elapsed() < Duration::from_secs(60) {
        let Some(Ok(line)) = lines.next() else { break };
        demo_loaded |= line.contains("demo data loaded");
        if let Some(rest) = line.split("serving on http://").nth(1) {
            addr = rest.split_whitespace().next().map(str::to_owned);
        }
    }
    let addr = addr.expect("the server says where it listens");
    assert!(demo_loaded, "an empty database gets the demo data");

    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let sites = http_get(&addr, "/api/v1/sites?limit=500");
    let body = sites.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert!(body.matches("\"kind\"").count() >= 40, "40+ demo sites");

    let pid = child.id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(kill.success());
    let status = child.wait().expect("exit");
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
}
