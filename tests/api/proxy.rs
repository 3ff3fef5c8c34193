//! Behind a reverse proxy: with `--trust-forwarded-for` sign-ins are throttled per client
//! (the last `X-Forwarded-For` entry); without it the header is ignored, so nobody escapes
//! the throttle by inventing addresses. Over real TCP, on the configured backend.

use crate::common::{Demo, TcpServer, spawn, with_settings};

/// A failed sign-in for a fresh username, sent with `forwarded` as `X-Forwarded-For`.
async fn fail(server: &TcpServer, user: &str, forwarded: &str) -> u16 {
    let body = format!("{{\"username\":\"{user}\",\"password\":\"wrong wrong\"}}");
    let headers = [
        ("Content-Type", "application/json"),
        ("X-Forwarded-For", forwarded),
    ];
    server
        .send("POST", "/api/v1/session", &headers, &body)
        .await
        .0
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_throttled_by_its_own_address() {
    let app = spawn(Demo::No).await;
    let state = with_settings(&app.state, |s| s.trust_forwarded_for = true);
    let server = TcpServer::start(state).await;
    // Three failures from one client (different usernames, so only the address counts),
    // each behind an entry the client wrote itself: the proxy's last entry is what counts.
    for (i, spoofed) in ["9.9.9.1", "9.9.9.2", "9.9.9.3"].iter().enumerate() {
        let status = fail(
            &server,
            &format!("a{i}"),
            &format!("{spoofed}, 203.0.113.7"),
        )
        .await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        fail(&server, "a9", "9.9.9.4, 203.0.113.7").await,
        429,
        "the same client must wait"
    );
    assert_eq!(
        fail(&server, "b0", "203.0.113.8").await,
        401,
        "another client behind the same proxy is not slowed down"
    );
    server.stop().await;
}

#[tokio::test]
async fn without_the_flag_the_forwarded_header_is_ignored() {
    let app = spawn(Demo::No).await;
    let server = TcpServer::start(app.state.clone()).await;
    for (i, invented) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].iter().enumerate() {
        assert_eq!(fail(&server, &format!("c{i}"), invented).await, 401);
    }
    assert_eq!(
        fail(&server, "c9", "10.0.0.4").await,
        429,
        "a fresh invented address does not escape the throttle of the real one"
    );
    server.stop().await;
}
