//! The real binary, as the README runs it: first start loads the demo and creates the first
//! administrator, `/healthz` answers, secrets stay out of the logs, and SIGTERM stops it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{Demo, checklists_dir, test_config};

/// Sends one HTTP/1.1 request and returns the whole response.
pub(crate) fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

pub(crate) fn body(reply: &str) -> &str {
    reply.split("\r\n\r\n").nth(1).unwrap_or_default()
}

/// Starts `tiepcan serve` on a fresh database; returns the child, its address, what it
/// printed on stdout before listening, and a receiver of its log lines.
pub(crate) async fn start(
    extra: &[&str],
    stdin: &str,
) -> (
    Child,
    String,
    Vec<String>,
    mpsc::Receiver<String>,
    tempfile::TempDir,
) {
    let (config, dir) = test_config(Demo::No).await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepcan"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .env("TIEPCAN_DATABASE_URL", config.database_url())
        .env("TIEPCAN_DATA_DIR", dir.path())
        .env("TIEPCAN_CHECKLISTS_DIR", checklists_dir())
        .env("RUST_LOG", "debug")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let logs = forward(child.stderr.take().expect("stderr"));
    let mut addr = None;
    let mut printed = Vec::new();
    while addr.is_none() {
        let line = logs
            .recv_timeout(Duration::from_secs(60))
            .expect("the server starts");
        if let Some(rest) = line.split("serving on http://").nth(1) {
            addr = rest.split_whitespace().next().map(str::to_owned);
        }
    }
    // Everything printed on stdout before listening (the logins) is there by now.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(300)) {
        printed.push(line);
    }
    (child, addr.expect("address"), printed, logs, dir)
}

fn forward(stderr: ChildStderr) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

pub(crate) fn stop(mut child: Child, logs: &mpsc::Receiver<String>) -> Vec<String> {
    let pid = child.id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(kill.success());
    let status = child.wait().expect("exit");
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    logs.try_iter().collect()
}

#[tokio::test]
async fn serve_starts_with_demo_data_answers_healthz_and_stops_on_sigterm() {
    let (child, addr, printed, logs, _dir) = start(&["--demo"], "").await;
    assert!(http(&addr, "GET", "/healthz", &[], "").starts_with("HTTP/1.1 200"));
    let sites = http(&addr, "GET", "/api/v1/sites?limit=500", &[], "");
    assert!(
        body(&sites).matches("\"kind\"").count() >= 40,
        "40+ demo sites"
    );

    // The demo's users, one per role, are printed once; the demo admin's login works.
    let line = printed
        .iter()
        .find(|l| l.trim_start().starts_with("quantri"))
        .unwrap_or_else(|| panic!("no demo admin in {printed:?}"));
    let password = line.split_whitespace().nth(2).expect("pw").to_owned();
    for name in ["kiemtra", "pheduyet", "dieuphoi"] {
        assert!(printed.iter().any(|l| l.contains(name)), "{name} printed");
    }
    let login = format!("{{\"username\":\"quantri\",\"password\":\"{password}\"}}");
    let signed_in = http(
        &addr,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        &login,
    );
    assert!(signed_in.starts_with("HTTP/1.1 200"), "{signed_in}");
    let cookie = signed_in
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let origin = format!("http://{addr}");
    let created = http(
        &addr,
        "POST",
        "/api/v1/tokens",
        &[
            ("Content-Type", "application/json"),
            ("Cookie", &cookie),
            ("Origin", &origin),
        ],
        "{\"name\":\"script\"}",
    );
    assert!(created.starts_with("HTTP/1.1 201"), "{created}");
    let token = body(&created)
        .split("\"token\":\"")
        .nth(1)
        .expect("token")
        .split('"')
        .next()
        .expect("end")
        .to_owned();
    let wrong = http(
        &addr,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        "{\"username\":\"admin\",\"password\":\"nope-nope-nope\"}",
    );
    assert!(wrong.starts_with("HTTP/1.1 401"));

    let lines = stop(child, &logs);
    assert!(lines.iter().any(|l| l.contains("stopped")), "{lines:?}");
    let session = cookie.split_once('=').expect("pair").1;
    for line in &lines {
        for secret in [password.as_str(), token.as_str(), session, "nope-nope-nope"] {
            assert!(!line.contains(secret), "a secret in the log: {line}");
        }
    }
    assert!(
        lines.iter().any(|l| l.contains("failed sign-in")),
        "failures are logged, without secrets"
    );
}

#[tokio::test]
async fn without_demo_the_first_admin_gets_a_one_time_password_printed_once() {
    let (child, addr, printed, logs, _dir) = start(&["--no-demo"], "").await;
    let line = printed
        .iter()
        .find(|l| l.contains("One-time password:"))
        .unwrap_or_else(|| panic!("no admin line in {printed:?}"));
    let password = line
        .split("One-time password:")
        .nth(1)
        .expect("pw")
        .trim()
        .to_owned();
    let login = format!("{{\"username\":\"admin\",\"password\":\"{password}\"}}");
    let reply = http(
        &addr,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        &login,
    );
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let lines = stop(child, &logs);
    assert!(
        lines.iter().all(|l| !l.contains(&password)),
        "not in the log"
    );
}

#[tokio::test]
async fn the_first_admin_password_can_come_from_stdin_and_is_then_not_printed() {
    let (child, addr, printed, logs, _dir) = start(
        &["--no-demo", "--admin-password-stdin"],
        "chosen admin password\n",
    )
    .await;
    assert!(
        printed
            .iter()
            .any(|l| l.contains("First administrator created. Username: admin")),
        "{printed:?}"
    );
    assert!(!printed.iter().any(|l| l.contains("chosen admin password")));
    let login = "{\"username\":\"admin\",\"password\":\"chosen admin password\"}";
    let reply = http(
        &addr,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        login,
    );
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    stop(child, &logs);
}
