//! `--log-format json`: the real binary writes every log line as one JSON object, with its
//! level and message at the top, from start to shutdown.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{Demo, checklists_dir, test_config};
use crate::server::http;

#[tokio::test]
async fn with_the_json_format_every_log_line_is_an_object_with_level_and_message() {
    let (config, dir) = test_config(Demo::No).await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepcan"))
        .args(["serve", "--listen", "127.0.0.1:0", "--no-demo"])
        .env("TIEPCAN_LOG_FORMAT", "json")
        .env("TIEPCAN_DATABASE_URL", config.database_url())
        .env("TIEPCAN_DATA_DIR", dir.path())
        .env("TIEPCAN_CHECKLISTS_DIR", checklists_dir())
        // As operators run it, with each request's lines too.
        .env("RUST_LOG", "info,sqlx=warn,tower_http=debug")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, lines) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    let addr = loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("the server starts");
        seen.push(line.clone());
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest.split_whitespace().next().expect("address").to_owned();
        }
    };
    assert!(http(&addr, "GET", "/healthz", &[], "").starts_with("HTTP/1.1 200"));
    assert!(http(&addr, "GET", "/no-such-page", &[], "").starts_with("HTTP/1.1 404"));
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    assert!(child.wait().expect("exit").success());
    reader.join().expect("every line read");
    seen.extend(lines.try_iter());

    assert!(seen.len() >= 5, "{seen:#?}");
    let mut messages = Vec::new();
    for line in &seen {
        let object: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        let level = object["level"].as_str().unwrap_or_default();
        assert!(
            ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].contains(&level),
            "no level: {line}"
        );
        assert!(object["timestamp"].is_string(), "no time: {line}");
        assert!(object["target"].is_string(), "no target: {line}");
        let message = object["message"].as_str();
        messages.push(
            message
                .unwrap_or_else(|| panic!("no message: {line}"))
                .to_owned(),
        );
    }
    // A request's lines carry its span: the method and the path.
    let healthz = seen.iter().any(|line| {
        let object: serde_json::Value = serde_json::from_str(line).expect("JSON");
        object["span"]["method"] == "GET" && object["span"]["uri"] == "/healthz"
    });
    assert!(healthz, "{seen:#?}");
    for expected in ["serving on http://", "shutting down", "stopped"] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "{expected:?} in {messages:#?}"
        );
    }
}
