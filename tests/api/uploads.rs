//! Resumable photo uploads (tus 1.0: core, creation, termination, expiration) under
//! `/api/v1/uploads`: each rule of the protocol, a photo sent in parts and after a cut, a
//! restart and a second instance on the same database, expiry and its clean-up, the same
//! key twice, a bad image refused as the multipart endpoint refuses it, and the size limit.

use axum::http::{StatusCode, header};
use base64::Engine;
use serde_json::Value;
use tiepcan::domain::photo::Sha256;

use crate::audits::{Office, office, photo, upload};
use crate::common::{Reply, TcpServer, TestApp, with_settings};
use crate::photos::{assert_intact, audit_json, draft};

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// `Upload-Metadata` for a photo of `item` on audit `id`, with optional more pairs.
fn metadata(id: &str, item: Option<&str>, more: &[(&str, &str)]) -> String {
    let mut pairs = vec![
        format!("audit {}", b64(id)),
        format!("filename {}", b64("IMG_0001.jpg")),
    ];
    if let Some(item) = item {
        pairs.push(format!("item {}", b64(item)));
    }
    pairs.extend(more.iter().map(|(k, v)| format!("{k} {}", b64(v))));
    pairs.join(",")
}

/// A tus request of `method` on `uri` as `token`, with `Tus-Resumable: 1.0.0`.
fn tus<'a>(app: &'a TestApp, token: &str, method: &str, uri: &str) -> crate::common::Call<'a> {
    app.call(method, uri)
        .bearer(token)
        .header("tus-resumable", "1.0.0")
}

/// Creates an upload of `length` bytes with `meta`; returns its path.
async fn create(app: &TestApp, token: &str, length: usize, meta: &str) -> String {
    let reply = tus(app, token, "POST", "/api/v1/uploads")
        .header("upload-length", &length.to_string())
        .header("upload-metadata", meta)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let location = reply.header(header::LOCATION).expect("a Location");
    location
        .strip_prefix("http://tiepcan.test")
        .expect("under the base URL")
        .to_owned()
}

/// Sends `bytes` from `offset` to the upload at `path`.
async fn patch(app: &TestApp, token: &str, path: &str, offset: usize, bytes: &[u8]) -> Reply {
    tus(app, token, "PATCH", path)
        .header("upload-offset", &offset.to_string())
        .raw("application/offset+octet-stream", bytes.to_vec())
        .send()
        .await
}

/// `HEAD` of the upload at `path`.
async fn head(app: &TestApp, token: &str, path: &str) -> Reply {
    tus(app, token, "HEAD", path).send().await
}

fn offset(reply: &Reply) -> u64 {
    reply
        .headers
        .get("upload-offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no Upload-Offset: {} {:?}", reply.status, reply.headers))
}

/// The original of the one photo of audit `id`, and the photo.
async fn only_photo(o: &Office, id: &str) -> (Value, Vec<u8>) {
    let audit = audit_json(o, id).await;
    let photos = audit["photos"].as_array().expect("photos").clone();
    assert_eq!(photos.len(), 1, "{audit}");
    let url = photos[0]["original_url"].as_str().expect("url");
    let path = &url[url.find("/api/").expect("path")..];
    let file = o.app.call("GET", path).bearer(&o.inspector).send().await;
    assert_eq!(file.status, StatusCode::OK);
    (photos[0].clone(), file.bytes)
}

async fn stored_uploads(app: &TestApp) -> (i64, i64) {
    tiepcan::store::uploads::counts(&mut app.db().conn().await.expect("conn"))
        .await
        .expect("counts")
}

#[tokio::test]
async fn options_tells_the_version_the_extensions_and_the_largest_file() {
    let o = office().await;
    let reply = o.app.call("OPTIONS", "/api/v1/uploads").send().await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let h = |name: &str| {
        reply
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(h("tus-version").as_deref(), Some("1.0.0"));
    assert_eq!(
        h("tus-extension").as_deref(),
        Some("creation,termination,expiration")
    );
    assert_eq!(h("tus-max-size").as_deref(), Some("26214400"));
    assert_eq!(h("tus-resumable").as_deref(), Some("1.0.0"));
}

#[tokio::test]
async fn a_request_without_the_protocol_version_is_412_naming_the_one_spoken() {
    let o = office().await;
    let id = draft(&o).await;
    for version in [None, Some("0.2.2")] {
        let mut call = o.app.call("POST", "/api/v1/uploads").bearer(&o.inspector);
        if let Some(v) = version {
            call = call.header("tus-resumable", v);
        }
        let reply = call
            .header("upload-length", "10")
            .header("upload-metadata", &metadata(&id, None, &[]))
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::PRECONDITION_FAILED,
            "{}",
            reply.body
        );
        assert_eq!(
            reply
                .headers
                .get("tus-version")
                .and_then(|v| v.to_str().ok()),
            Some("1.0.0")
        );
        assert_eq!(reply.json()["error"]["code"], "tus_version");
    }
    assert_eq!(stored_uploads(&o.app).await, (0, 0));
}

#[tokio::test]
async fn creation_answers_its_location_and_expiry_and_head_tells_where_it_stands() {
    let o = office().await;
    let id = draft(&o).await;
    let meta = metadata(&id, Some("entrance.door_width"), &[]);
    let reply = tus(&o.app, &o.inspector, "POST", "/api/v1/uploads")
        .header("upload-length", "5000")
        .header("upload-metadata", &meta)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let expires = reply
        .headers
        .get("upload-expires")
        .and_then(|v| v.to_str().ok())
        .expect("expiry");
    assert!(expires.ends_with(" GMT"), "{expires}");
    assert_eq!(offset(&reply), 0);
    let location = reply.header(header::LOCATION).expect("Location");
    assert!(
        location.starts_with("http://tiepcan.test/api/v1/uploads/"),
        "{location}"
    );
    let path = location.trim_start_matches("http://tiepcan.test");
    let state = head(&o.app, &o.inspector, path).await;
    assert_eq!(state.status, StatusCode::OK);
    assert_eq!(offset(&state), 0);
    let h = |name: &str| {
        state
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(h("upload-length").as_deref(), Some("5000"));
    assert_eq!(h("cache-control").as_deref(), Some("no-store"));
    assert_eq!(h("upload-metadata").as_deref(), Some(meta.as_str()));
    assert_eq!(h("tus-resumable").as_deref(), Some("1.0.0"));
    assert!(h("upload-expires").is_some());
    // Nobody else learns of it.
    let colleague = o
        .app
        .token(
            "minh.kt",
            tiepcan::domain::user::Role::Inspector,
            Some("construction"),
        )
        .await;
    assert_eq!(
        head(&o.app, &colleague, path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&o.app, &colleague, path, 0, b"x").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn creation_is_refused_as_a_photo_would_be_and_over_the_photo_limit_is_413() {
    let o = office().await;
    let id = draft(&o).await;
    let refuse = |length: &str, meta: String| {
        let call = tus(&o.app, &o.inspector, "POST", "/api/v1/uploads")
            .header("upload-length", length)
            .header("upload-metadata", &meta);
        call.send()
    };
    let unknown = refuse("100", metadata(&id, Some("entrance.moat"), &[])).await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unknown.body
    );
    assert!(unknown.json()["error"]["fields"].get("item").is_some());
    let no_audit = refuse("100", format!("item {}", b64("x"))).await;
    assert!(
        no_audit.json()["error"]["fields"].get("audit").is_some(),
        "{}",
        no_audit.body
    );
    let nowhere = refuse(
        "100",
        metadata(&uuid::Uuid::now_v7().to_string(), None, &[]),
    )
    .await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    let empty = refuse("0", metadata(&id, None, &[])).await;
    assert!(
        empty.json()["error"]["fields"].get("file").is_some(),
        "{}",
        empty.body
    );
    let not_a_number = refuse("-5", metadata(&id, None, &[])).await;
    assert_eq!(not_a_number.status, StatusCode::BAD_REQUEST);
    let over = refuse("26214401", metadata(&id, None, &[])).await;
    assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", over.body);
    assert!(over.body.contains("quá lớn"), "{}", over.body);
    assert_eq!(stored_uploads(&o.app).await, (0, 0));
}

#[tokio::test]
async fn a_photo_sent_in_three_parts_is_stored_once_as_the_same_file() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(11, Some((21.8531, 106.7611)));
    let path = create(
        &o.app,
        &o.inspector,
        bytes.len(),
        &metadata(&id, Some("entrance.door_width"), &[]),
    )
    .await;
    let third = bytes.len() / 3;
    let mut at = 0;
    for end in [third, 2 * third] {
        let reply = patch(&o.app, &o.inspector, &path, at, &bytes[at..end]).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
        assert_eq!(offset(&reply), end as u64);
        assert!(
            reply.headers.get("upload-expires").is_some(),
            "PATCH tells the expiry"
        );
        at = end;
    }
    assert_eq!(
        audit_json(&o, &id).await["photos"],
        serde_json::json!([]),
        "not before the end"
    );
    let last = patch(&o.app, &o.inspector, &path, at, &bytes[at..]).await;
    assert_eq!(last.status, StatusCode::NO_CONTENT, "{}", last.body);
    assert_eq!(offset(&last), bytes.len() as u64);
    let (photo, original) = only_photo(&o, &id).await;
    assert_eq!(Sha256::of(&original), Sha256::of(&bytes));
    assert_eq!(photo["item"], "entrance.door_width");
    assert_eq!(
        last.headers
            .get("tiepcan-photo-id")
            .and_then(|v| v.to_str().ok()),
        photo["id"].as_str()
    );
    // HEAD after the end: complete, so a client that lost the answer knows it is done.
    let state = head(&o.app, &o.inspector, &path).await;
    assert_eq!(offset(&state), bytes.len() as u64);
    assert_eq!(
        stored_uploads(&o.app).await,
        (1, 0),
        "the pieces go with the photo"
    );
}

#[tokio::test]
async fn a_part_for_another_offset_is_409_and_one_of_another_type_415_and_neither_is_kept() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(12, None);
    let path = create(&o.app, &o.inspector, bytes.len(), &metadata(&id, None, &[])).await;
    let first = patch(&o.app, &o.inspector, &path, 0, &bytes[..1000]).await;
    assert_eq!(offset(&first), 1000);
    let stale = patch(&o.app, &o.inspector, &path, 0, &bytes[..1000]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(
        stale.field_error("Upload-Offset").contains("1000"),
        "{}",
        stale.body
    );
    let ahead = patch(&o.app, &o.inspector, &path, 2000, &bytes[2000..3000]).await;
    assert_eq!(ahead.status, StatusCode::CONFLICT);
    let wrong_type = tus(&o.app, &o.inspector, "PATCH", &path)
        .header("upload-offset", "1000")
        .raw("application/octet-stream", bytes[1000..2000].to_vec())
        .send()
        .await;
    assert_eq!(
        wrong_type.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        wrong_type.body
    );
    let too_long = patch(
        &o.app,
        &o.inspector,
        &path,
        1000,
        &[&bytes[1000..], b"extra"].concat(),
    )
    .await;
    assert_eq!(
        too_long.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        too_long.body
    );
    assert_eq!(offset(&head(&o.app, &o.inspector, &path).await), 1000);
}

#[tokio::test]
async fn a_post_with_a_method_override_is_taken_as_that_method() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(13, None);
    let path = create(&o.app, &o.inspector, bytes.len(), &metadata(&id, None, &[])).await;
    let reply = tus(&o.app, &o.inspector, "POST", &path)
        .header("x-http-method-override", "PATCH")
        .header("upload-offset", "0")
        .raw("application/offset+octet-stream", bytes[..500].to_vec())
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    assert_eq!(offset(&reply), 500);
    let gone = tus(&o.app, &o.inspector, "POST", &path)
        .header("x-http-method-override", "DELETE")
        .send()
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(
        head(&o.app, &o.inspector, &path).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn termination_removes_the_upload_and_what_it_received() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(14, None);
    let path = create(&o.app, &o.inspector, bytes.len(), &metadata(&id, None, &[])).await;
    patch(&o.app, &o.inspector, &path, 0, &bytes[..2000]).await;
    assert_eq!(stored_uploads(&o.app).await, (1, 1));
    let reply = tus(&o.app, &o.inspector, "DELETE", &path).send().await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    assert_eq!(stored_uploads(&o.app).await, (0, 0));
    assert_eq!(
        head(&o.app, &o.inspector, &path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&o.app, &o.inspector, &path, 2000, &bytes[2000..])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_intact(&o, &id).await;
}

#[tokio::test]
async fn an_expired_upload_answers_410_and_the_periodic_clean_up_removes_it() {
    let o = office().await;
    let o = Office {
        app: o.app.at_time("2026-12-01T08:00:00Z"),
        ..o
    };
    let id = draft(&o).await;
    let bytes = photo(15, None);
    let path = create(&o.app, &o.inspector, bytes.len(), &metadata(&id, None, &[])).await;
    patch(&o.app, &o.inspector, &path, 0, &bytes[..3000]).await;
    // Each part moves the expiry on: 47 hours after the last one it is still there.
    o.app
        .services()
        .clock
        .set("2026-12-03T07:00:00Z".parse().expect("time"));
    assert_eq!(
        head(&o.app, &o.inspector, &path).await.status,
        StatusCode::OK
    );
    o.app
        .services()
        .clock
        .set("2026-12-03T08:00:01Z".parse().expect("time"));
    let gone = head(&o.app, &o.inspector, &path).await;
    assert_eq!(gone.status, StatusCode::GONE);
    let late = patch(&o.app, &o.inspector, &path, 3000, &bytes[3000..]).await;
    assert_eq!(late.status, StatusCode::GONE, "{}", late.body);
    assert!(
        late.json()["error"]["message"]
            .as_str()
            .expect("text")
            .contains("hết hạn")
    );
    assert_eq!(
        stored_uploads(&o.app).await,
        (1, 1),
        "kept until the clean-up"
    );
    // The server's own periodic task removes it.
    let state = with_settings(&o.app.state, |s| {
        s.upload_sweep = std::time::Duration::from_millis(50)
    });
    let server = TcpServer::start(state).await;
    for _ in 0..200 {
        if stored_uploads(&o.app).await == (0, 0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(stored_uploads(&o.app).await, (0, 0));
    assert_eq!(
        head(&o.app, &o.inspector, &path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_intact(&o, &id).await;
    // (Stopping the server closes the database the app shares with it: last.)
    server.stop().await;
}

#[tokio::test]
async fn the_same_key_twice_makes_one_photo_and_another_file_with_it_is_refused() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(16, None);
    let meta = metadata(
        &id,
        Some("entrance.door_width"),
        &[("idempotency_key", "phone-7-photo-1")],
    );
    let mut made = Vec::new();
    for _ in 0..2 {
        let path = create(&o.app, &o.inspector, bytes.len(), &meta).await;
        let reply = patch(&o.app, &o.inspector, &path, 0, &bytes).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
        made.push(
            reply
                .header("tiepcan-photo-id".parse().expect("name"))
                .expect("photo id"),
        );
    }
    assert_eq!(made[0], made[1]);
    let (photo_json, _) = only_photo(&o, &id).await;
    assert_eq!(photo_json["id"].as_str(), Some(made[0].as_str()));
    let other = photo(17, None);
    let path = create(&o.app, &o.inspector, other.len(), &meta).await;
    let reused = patch(&o.app, &o.inspector, &path, 0, &other).await;
    assert_eq!(
        reused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reused.body
    );
    assert!(
        reused.json()["error"]["fields"]
            .get("Idempotency-Key")
            .is_some()
    );
    only_photo(&o, &id).await;
}

#[tokio::test]
async fn a_bad_image_completed_by_tus_is_refused_with_the_multipart_message_and_the_draft_is_intact()
 {
    let o = office().await;
    let id = draft(&o).await;
    let whole = photo(18, None);
    let broken = &whole[..whole.len() / 2];
    let multipart = upload(&o.app, &o.inspector, &id, None, broken).await;
    assert_eq!(multipart.status, StatusCode::UNPROCESSABLE_ENTITY);
    let path = create(
        &o.app,
        &o.inspector,
        broken.len(),
        &metadata(&id, None, &[]),
    )
    .await;
    patch(&o.app, &o.inspector, &path, 0, &broken[..1000]).await;
    let last = patch(&o.app, &o.inspector, &path, 1000, &broken[1000..]).await;
    assert_eq!(
        last.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        last.body
    );
    assert_eq!(last.json()["error"], multipart.json()["error"]);
    assert_eq!(
        head(&o.app, &o.inspector, &path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(stored_uploads(&o.app).await, (0, 0));
    assert_intact(&o, &id).await;
}

#[tokio::test]
async fn the_phones_capture_time_and_position_fill_in_what_the_file_does_not_say() {
    let o = office().await;
    let id = draft(&o).await;
    let plain = tiepcan::domain::photo::sample::camera_jpeg(
        &tiepcan::domain::photo::sample::scene(640, 480, 19),
        85,
    );
    let meta = metadata(
        &id,
        None,
        &[
            ("taken_at", "2026-11-30T09:15:00+07:00"),
            ("position", "21.8710,106.7610"),
        ],
    );
    let path = create(&o.app, &o.inspector, plain.len(), &meta).await;
    patch(&o.app, &o.inspector, &path, 0, &plain).await;
    let (photo_json, _) = only_photo(&o, &id).await;
    assert_eq!(photo_json["taken_at"], "2026-11-30T09:15:00+07:00");
    assert_eq!(photo_json["location_warning"], true, "{photo_json}");
}

/// Sends the first `cut` bytes of a `PATCH` of `bytes` from `from`, then drops the
/// connection, as a phone losing its signal does.
async fn cut_patch(
    server: &TcpServer,
    token: &str,
    path: &str,
    from: usize,
    bytes: &[u8],
    cut: usize,
) {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(&server.addr)
        .await
        .expect("connect");
    let head = format!(
        "PATCH {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {from}\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        bytes.len()
    );
    stream.write_all(head.as_bytes()).await.expect("headers");
    stream.write_all(&bytes[..cut]).await.expect("a part");
    stream.flush().await.expect("flush");
    drop(stream);
}

/// Asks `HEAD` until the upload holds `want` bytes (the server keeps a cut part once it
/// sees the cut); gives what it holds then.
async fn settled(app: &TestApp, token: &str, path: &str, want: u64) -> u64 {
    let mut now = 0;
    for _ in 0..200 {
        now = offset(&head(app, token, path).await);
        if now == want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    now
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_cut_mid_part_keeps_what_arrived_and_completes_from_there() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = crate::slow_links::noise_png(3);
    let path = create(&o.app, &o.inspector, bytes.len(), &metadata(&id, None, &[])).await;
    let server = TcpServer::start(o.app.state.clone()).await;
    // 1.5 MB of the file arrive, then the connection drops.
    let arrived = 1_500_000;
    cut_patch(&server, &o.inspector, &path, 0, &bytes, arrived).await;
    assert_eq!(
        settled(&o.app, &o.inspector, &path, arrived as u64).await,
        arrived as u64
    );
    let rest = patch(&o.app, &o.inspector, &path, arrived, &bytes[arrived..]).await;
    assert_eq!(rest.status, StatusCode::NO_CONTENT, "{}", rest.body);
    let (_, original) = only_photo(&o, &id).await;
    assert_eq!(Sha256::of(&original), Sha256::of(&bytes));
    // (Stopping the server closes the database the app shares with it: last.)
    server.stop().await;
}

#[tokio::test]
async fn an_upload_goes_on_after_a_restart_and_on_a_second_instance_of_the_same_database() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = crate::slow_links::noise_png(3);
    let path = create(&o.app, &o.inspector, bytes.len(), &metadata(&id, None, &[])).await;
    let third = bytes.len() / 3;
    patch(&o.app, &o.inspector, &path, 0, &bytes[..third]).await;
    // The first server stops; a new one starts on the same database and takes the next
    // part, and a second instance beside it takes the last.
    let Office {
        app,
        inspector,
        reviewer,
        site,
    } = o;
    let config = app.config.clone();
    let dir = app.dir;
    app.state.services.db.close().await;
    let mut restarted = TestApp::start_on(&config).await;
    restarted.dir = dir;
    let second = TestApp::start_on(&config).await;
    assert_eq!(
        offset(&head(&restarted, &inspector, &path).await),
        third as u64
    );
    let middle = patch(
        &restarted,
        &inspector,
        &path,
        third,
        &bytes[third..2 * third],
    )
    .await;
    assert_eq!(middle.status, StatusCode::NO_CONTENT, "{}", middle.body);
    assert_eq!(
        offset(&head(&second, &inspector, &path).await),
        2 * third as u64
    );
    let last = patch(&second, &inspector, &path, 2 * third, &bytes[2 * third..]).await;
    assert_eq!(last.status, StatusCode::NO_CONTENT, "{}", last.body);
    let o = Office {
        app: restarted,
        inspector,
        reviewer,
        site,
    };
    let (_, original) = only_photo(&o, &id).await;
    assert_eq!(Sha256::of(&original), Sha256::of(&bytes));
}
