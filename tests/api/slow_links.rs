//! Timeouts that fit slow links: the request's time limit counts the handler's work, not
//! the time a phone takes to send its photo; a body that stops arriving is cut after the
//! idle limit with a clear answer, and the draft keeps what it had. Real TCP clients send
//! the bodies at the pace of a weak uplink.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::audits::office;
use crate::common::{TcpServer, with_settings};
use crate::photos::{assert_intact, audit_json, draft};

const BOUNDARY: &str = "slow-link-boundary-4c1e";

/// A multipart photo form with `file` as its one field.
fn form(file: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_0042.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A PNG of noise, which does not compress: about `megabytes` MB.
pub fn noise_png(megabytes: usize) -> Vec<u8> {
    let side = ((megabytes * 1024 * 1024 / 3) as f64).sqrt() as u32;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let image = image::RgbImage::from_fn(side, side, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let b = state.to_le_bytes();
        image::Rgb([b[0], b[1], b[2]])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encodes");
    out.into_inner()
}

/// Posts `body` as the photo form of audit `id` over one TCP connection, a tenth of
/// `per_second` bytes every 100 ms; with `stop_after`, it goes silent after that many bytes
/// (the connection stays open). Returns the answer's status and body.
async fn post_slowly(
    server: &TcpServer,
    token: &str,
    id: &str,
    body: &[u8],
    per_second: usize,
    stop_after: Option<usize>,
) -> (u16, Value) {
    let mut stream = tokio::net::TcpStream::connect(&server.addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /api/v1/audits/{id}/photos HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("headers");
    let sending = &body[..stop_after.unwrap_or(body.len())];
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    for piece in sending.chunks((per_second / 10).max(1)) {
        tick.tick().await;
        stream.write_all(piece).await.expect("a piece");
    }
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.expect("the answer");
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let status = reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {reply:?}"));
    let json = reply.split("\r\n\r\n").nth(1).unwrap_or_default();
    let json = serde_json::from_str(json).unwrap_or(Value::Null);
    (status, json)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_10_mb_photo_sent_at_100_kb_a_second_is_accepted_though_it_takes_far_longer_than_the_request_limit()
 {
    let o = office().await;
    let id = draft(&o).await;
    let png = noise_png(10);
    assert!(png.len() >= 10 * 1000 * 1000, "{} bytes", png.len());
    // A request limit of 5 s against about 100 s of sending: only the handler's own work
    // counts against it.
    let state = with_settings(&o.app.state, |s| {
        s.request_timeout = Duration::from_secs(5);
    });
    let server = TcpServer::start(state).await;
    let (status, photo) = post_slowly(&server, &o.inspector, &id, &form(&png), 100_000, None).await;
    assert_eq!(status, 201, "{photo}");
    assert_eq!(photo["original_type"], "png");
    assert_eq!(photo["original_bytes"].as_u64(), Some(png.len() as u64));
    let audit = audit_json(&o, &id).await;
    assert_eq!(audit["photos"].as_array().map(Vec::len), Some(1));
    // (Stopping the server closes the database the app shares with it: last.)
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_whose_body_stops_arriving_is_cut_after_the_idle_limit_and_the_draft_is_intact() {
    let o = office().await;
    let id = draft(&o).await;
    let body = form(&crate::audits::photo(3, None));
    let state = with_settings(&o.app.state, |s| {
        s.body_idle_timeout = Duration::from_secs(1);
    });
    let server = TcpServer::start(state).await;
    let (status, answer) = post_slowly(
        &server,
        &o.inspector,
        &id,
        &body,
        50_000,
        Some(body.len() / 2),
    )
    .await;
    assert_eq!(status, 408, "{answer}");
    assert_eq!(answer["error"]["code"], "body_stalled", "{answer}");
    let message = answer["error"]["message"].as_str().expect("a message");
    assert!(message.contains("ngừng đến"), "{message}");
    assert!(message.ends_with(" 1"), "names the idle limit: {message}");
    assert_eq!(StatusCode::REQUEST_TIMEOUT.as_u16(), status);
    assert_intact(&o, &id).await;
    server.stop().await;
}
