//! Photos of an audit through the API: what is kept and what is served, the same file
//! twice, retries, deletion, the checks of `tiepcan photos check`, and every bad upload.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, office, photo, put_answers, start, upload};
use tiepcan::domain::photo::sample;
use tiepcan::objects::Folder;

/// A draft with one saved answer, and its id.
pub async fn draft(o: &Office) -> String {
    let audit = start(o).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let saved = put_answers(
        o,
        &o.inspector,
        &id,
        &json!([{ "item": "entrance.door_width", "value": 95, "unit": "cm" }]),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    id
}

pub async fn audit_json(o: &Office, id: &str) -> Value {
    let reply = o
        .app
        .call("GET", &format!("/api/v1/audits/{id}"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// The draft still holds its one answer and no photo.
pub async fn assert_intact(o: &Office, id: &str) {
    let audit = audit_json(o, id).await;
    assert_eq!(audit["state"], "draft");
    assert_eq!(audit["answers"].as_array().expect("answers").len(), 1);
    assert_eq!(audit["answers"][0]["value"], json!(950.0));
    assert_eq!(audit["photos"], json!([]));
}

async fn stored(o: &Office, folder: Folder) -> usize {
    o.app
        .services()
        .photos
        .objects
        .list(Some(folder))
        .await
        .expect("list")
        .len()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn fetch(o: &Office, token: Option<&str>, url: &str) -> crate::common::Reply {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or(rest, |i| &rest[i..]));
    let call = o.app.call("GET", path);
    match token {
        Some(token) => call.bearer(token).send().await,
        None => call.send().await,
    }
}

#[tokio::test]
async fn a_photo_keeps_its_original_privately_and_serves_renditions_without_metadata() {
    let o = office().await;
    let id = draft(&o).await;
    // Taken 2 km away from the site: the reviewer is warned.
    let bytes = photo(7, Some((21.8710, 106.7610)));
    let reply = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.door_width"),
        &bytes,
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let p = reply.json();
    assert_eq!(p["item"], "entrance.door_width");
    assert_eq!(p["original_type"], "jpeg");
    assert_eq!(
        (p["width"].clone(), p["height"].clone()),
        (json!(640), json!(480))
    );
    assert_eq!(p["taken_at"], "2026-11-30T09:15:00+07:00");
    let distance = p["distance_m"].as_f64().expect("distance");
    assert!((1900.0..2100.0).contains(&distance), "{distance}");
    assert_eq!(p["location_warning"], true);

    let original = fetch(
        &o,
        Some(&o.inspector),
        p["original_url"].as_str().expect("url"),
    )
    .await;
    assert_eq!(original.status, StatusCode::OK);
    assert_eq!(original.bytes, bytes, "the original is kept as uploaded");
    for url in ["display_url", "thumb_url"] {
        let file = fetch(&o, Some(&o.reviewer), p[url].as_str().expect("url")).await;
        assert_eq!(file.status, StatusCode::OK, "{url}");
        assert_eq!(
            file.header(axum::http::header::CONTENT_TYPE).as_deref(),
            Some("image/jpeg")
        );
        assert!(!contains(&file.bytes, b"Exif"), "{url} carries no Exif");
        assert!(
            !contains(&file.bytes, b"2026:11:30"),
            "{url} carries no capture time"
        );
        let image = image::load_from_memory(&file.bytes).expect("decodes");
        assert!(image.width() <= 1600 && image.height() <= 1600);
        if url == "thumb_url" {
            assert_eq!(image.width(), 320, "the thumbnail's long side");
        }
    }
    // Under tests/s3/run.sh the files went to the S3 server, not to the data folder.
    let folder = o.app.dir.path().join("photos");
    let local = std::fs::read_dir(&folder).map_or(0, |d| d.count());
    if std::env::var("TIEPCAN_TEST_S3_ENDPOINT").is_ok() {
        assert_eq!(local, 0, "nothing in {}", folder.display());
    } else {
        assert!(local > 0, "the default store is the data folder");
    }
    // Nobody else sees a draft's photo, nor the public.
    let stranger = o
        .app
        .token(
            "lan.vh",
            tiepcan::domain::user::Role::Inspector,
            Some("culture"),
        )
        .await;
    let url = p["display_url"].as_str().expect("url");
    assert_eq!(
        fetch(&o, Some(&stranger), url).await.status,
        StatusCode::NOT_FOUND
    );
    let public = format!(
        "/api/v1/public/photos/{}/display",
        p["id"].as_str().expect("id")
    );
    assert_eq!(o.app.get(&public).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_same_file_twice_is_stored_once_and_a_retry_with_a_key_adds_nothing() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(3, None);
    let first = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.door_width"),
        &bytes,
    )
    .await;
    let second = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.no_threshold"),
        &bytes,
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(second.status, StatusCode::CREATED);
    assert_ne!(first.json()["id"], second.json()["id"], "two records");
    for folder in [Folder::Originals, Folder::Display, Folder::Thumbs] {
        assert_eq!(stored(&o, folder).await, 1, "{folder:?}: one object");
    }

    let keyed = |bytes: Vec<u8>| {
        let uri = format!("/api/v1/audits/{id}/photos");
        let token = o.inspector.clone();
        let app = &o.app;
        async move {
            app.call("POST", &uri)
                .bearer(&token)
                .header("Idempotency-Key", "photo-retry-1")
                .multipart(
                    &[("item", "entrance.guidance_tiles")],
                    &[("file", "a.jpg", "image/jpeg", &bytes)],
                )
                .send()
                .await
        }
    };
    let sent = keyed(photo(4, None)).await;
    let again = keyed(photo(4, None)).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    assert_eq!(
        again
            .header(axum::http::HeaderName::from_static("idempotent-replayed"))
            .as_deref(),
        Some("true")
    );
    assert_eq!(sent.json()["id"], again.json()["id"]);
    let other = keyed(photo(5, None)).await;
    assert_eq!(
        other.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        other.body
    );
    assert_eq!(
        audit_json(&o, &id).await["photos"]
            .as_array()
            .expect("photos")
            .len(),
        3
    );
    assert_eq!(
        stored(&o, Folder::Originals).await,
        2,
        "the refused file is not kept"
    );
}

#[tokio::test]
async fn deleting_a_photo_removes_its_files_unless_another_record_uses_them() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(9, None);
    let a = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.door_width"),
        &bytes,
    )
    .await
    .json();
    let b = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.no_threshold"),
        &bytes,
    )
    .await
    .json();
    let delete = |p: &Value| {
        let uri = format!(
            "/api/v1/audits/{id}/photos/{}",
            p["id"].as_str().expect("id")
        );
        let token = o.inspector.clone();
        let app = &o.app;
        async move { app.call("DELETE", &uri).bearer(&token).send().await }
    };
    assert_eq!(delete(&a).await.status, StatusCode::NO_CONTENT);
    assert_eq!(
        stored(&o, Folder::Originals).await,
        1,
        "b still uses the file"
    );
    assert_eq!(delete(&a).await.status, StatusCode::NOT_FOUND);
    assert_eq!(delete(&b).await.status, StatusCode::NO_CONTENT);
    for folder in [Folder::Originals, Folder::Display, Folder::Thumbs] {
        assert_eq!(stored(&o, folder).await, 0, "{folder:?}");
    }
    assert_intact(&o, &id).await;
}

#[tokio::test]
async fn photos_check_lists_orphans_and_missing_objects_and_deletes_orphans() {
    use tiepcan::domain::photo::Sha256;
    use tiepcan::objects::Key;
    let o = office().await;
    let id = draft(&o).await;
    let p = upload(&o.app, &o.inspector, &id, None, &photo(11, None))
        .await
        .json();
    let objects = &o.app.services().photos.objects;
    let junk = b"left by a crash".to_vec();
    let orphan = Key::new(Folder::Originals, Sha256::of(&junk));
    objects.put(&orphan, junk.into()).await.expect("put");
    let thumbs = objects.list(Some(Folder::Thumbs)).await.expect("list");
    objects.delete(&thumbs[0]).await.expect("delete");

    let dir = o.app.dir.path().to_str().expect("utf-8").to_owned();
    let listed = crate::common::run_cli(Some(&o.app), &["photos", "check", "--data-dir", &dir], "");
    let out = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(
        !listed.status.success(),
        "problems found: a non-zero exit\n{out}"
    );
    assert!(out.contains(&orphan.to_string()), "{out}");
    assert!(out.contains(&thumbs[0].to_string()), "{out}");
    assert!(out.contains(p["id"].as_str().expect("id")), "{out}");
    assert_eq!(
        stored(&o, Folder::Originals).await,
        2,
        "listing deletes nothing"
    );

    let deleted = crate::common::run_cli(
        Some(&o.app),
        &["photos", "check", "--delete", "--data-dir", &dir],
        "",
    );
    let out = String::from_utf8_lossy(&deleted.stdout).into_owned();
    assert!(out.contains(&orphan.to_string()), "{out}");
    assert_eq!(stored(&o, Folder::Originals).await, 1, "the orphan is gone");
    assert!(!objects.exists(&orphan).await.expect("exists"));
}

/// Sends `bytes` and expects a 4xx whose message names the problem; the draft is intact.
pub async fn refused(o: &Office, id: &str, bytes: &[u8], status: StatusCode, vi: &str, en: &str) {
    for (lang, words) in [("vi", vi), ("en", en)] {
        let reply = o
            .app
            .call("POST", &format!("/api/v1/audits/{id}/photos?lang={lang}"))
            .bearer(&o.inspector)
            .multipart(
                &[("item", "entrance.door_width")],
                &[("file", "IMG_2024.jpg", "image/jpeg", bytes)],
            )
            .send()
            .await;
        assert_eq!(reply.status, status, "{}", reply.body);
        let body = reply.json();
        let text = body["error"].to_string();
        assert!(text.contains(words), "{lang}: expected {words:?} in {text}");
    }
    assert_intact(o, id).await;
    for folder in [Folder::Originals, Folder::Display, Folder::Thumbs] {
        assert_eq!(stored(o, folder).await, 0, "{folder:?}: nothing kept");
    }
}

#[tokio::test]
async fn an_upload_over_25_mb_is_413_in_the_users_language_and_the_draft_is_intact() {
    let o = office().await;
    let id = draft(&o).await;
    let mut big = photo(1, None);
    big.resize(30 * 1024 * 1024, 0);
    refused(
        &o,
        &id,
        &big,
        StatusCode::PAYLOAD_TOO_LARGE,
        "quá lớn",
        "too large",
    )
    .await;
}

#[tokio::test]
async fn a_pdf_or_heic_named_jpg_is_refused_naming_what_it_is() {
    let o = office().await;
    let id = draft(&o).await;
    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    refused(&o, &id, pdf, StatusCode::UNPROCESSABLE_ENTITY, "PDF", "PDF").await;
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\x01\x00meta";
    refused(
        &o,
        &id,
        heic,
        StatusCode::UNPROCESSABLE_ENTITY,
        "HEIC",
        "HEIC",
    )
    .await;
}

#[tokio::test]
async fn a_truncated_jpeg_is_refused() {
    let o = office().await;
    let id = draft(&o).await;
    let whole = photo(2, None);
    refused(
        &o,
        &id,
        &whole[..whole.len() / 2],
        StatusCode::UNPROCESSABLE_ENTITY,
        "hỏng",
        "damaged",
    )
    .await;
}

#[tokio::test]
async fn a_png_declaring_100000_by_100000_pixels_is_refused_before_decoding() {
    let o = office().await;
    let id = draft(&o).await;
    let png = sample::png_header(100_000, 100_000);
    refused(
        &o,
        &id,
        &png,
        StatusCode::UNPROCESSABLE_ENTITY,
        "100000",
        "100000",
    )
    .await;
}

#[tokio::test]
async fn a_photo_for_an_unknown_item_from_someone_else_or_without_a_file_is_refused() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(5, None);
    let unknown = upload(&o.app, &o.inspector, &id, Some("entrance.moat"), &bytes).await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unknown.body
    );
    assert!(
        unknown.json()["error"]["fields"].get("item").is_some(),
        "{}",
        unknown.body
    );
    let colleague = o
        .app
        .token(
            "minh.kt",
            tiepcan::domain::user::Role::Inspector,
            Some("construction"),
        )
        .await;
    let theirs = upload(&o.app, &colleague, &id, None, &bytes).await;
    assert_eq!(
        theirs.status,
        StatusCode::NOT_FOUND,
        "a colleague's draft is private: {}",
        theirs.body
    );
    let reviewer = upload(&o.app, &o.reviewer, &id, None, &bytes).await;
    assert_eq!(reviewer.status, StatusCode::FORBIDDEN, "{}", reviewer.body);
    let empty = o
        .app
        .call("POST", &format!("/api/v1/audits/{id}/photos"))
        .bearer(&o.inspector)
        .multipart(&[("caption", "nothing attached")], &[])
        .send()
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(empty.json()["error"]["fields"].get("file").is_some());
    assert_intact(&o, &id).await;
}

/// Decoding and storing happen before the short transaction that records a photo. When
/// that transaction cannot be had (another writer holds the audit past the wait limit),
/// the answer is 503 and the files this upload stored are removed again.
#[tokio::test]
async fn a_photo_whose_record_cannot_be_written_leaves_no_files_behind() {
    let o = office().await;
    let id = draft(&o).await;
    let audit = uuid::Uuid::parse_str(&id).expect("uuid");
    let mut holder = o.app.db().begin().await.expect("a transaction");
    assert!(
        tiepcan::store::audits::locked_head(&mut holder, audit)
            .await
            .expect("lock")
            .is_some()
    );
    let reply = upload(&o.app, &o.inspector, &id, None, &photo(21, None)).await;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    // On SQLite the holder blocks every writer, the clean-up too: it tries again in the
    // background once the way is free.
    drop(holder);
    let mut left = usize::MAX;
    for _ in 0..40 {
        left = 0;
        for folder in [Folder::Originals, Folder::Display, Folder::Thumbs] {
            left += stored(&o, folder).await;
        }
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(left, 0, "nothing left behind");
    assert_intact(&o, &id).await;
}

#[tokio::test]
async fn the_same_file_for_the_same_item_again_is_the_photo_already_there() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = photo(31, None);
    let first = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.door_width"),
        &bytes,
    )
    .await;
    let again = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.door_width"),
        &bytes,
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.json()["id"], again.json()["id"]);
    assert_eq!(
        audit_json(&o, &id).await["photos"]
            .as_array()
            .expect("photos")
            .len(),
        1
    );
}

#[tokio::test]
async fn a_retried_upload_gets_its_first_answer_even_after_the_audit_was_submitted() {
    // An upload whose answer the phone never got; the audit is submitted meanwhile (from
    // another device); the phone's queue sends the upload again.
    let o = office().await;
    let fresh = crate::audits::start(&o).await;
    let draft = fresh["id"].as_str().expect("id").to_owned();
    let send = |audit: String| {
        let app = &o.app;
        let token = o.inspector.clone();
        async move {
            app.call("POST", &format!("/api/v1/audits/{audit}/photos"))
                .bearer(&token)
                .header("Idempotency-Key", "phone-queue-7")
                .multipart(&[], &[("file", "a.jpg", "image/jpeg", &photo(32, None))])
                .send()
                .await
        }
    };
    let first = send(draft.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let audit = audit_json(&o, &draft).await;
    let saved = put_answers(
        &o,
        &o.inspector,
        &draft,
        &json!(crate::audits::answers_for(&audit, &[], &[])),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK);
    for item in ["entrance.accessible_entrance", "toilet.accessible_present"] {
        upload(&o.app, &o.inspector, &draft, Some(item), &photo(33, None)).await;
    }
    let submitted = o
        .app
        .call("POST", &format!("/api/v1/audits/{draft}/submit"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let retry = send(draft.clone()).await;
    assert_eq!(retry.status, StatusCode::CREATED, "{}", retry.body);
    assert_eq!(retry.json()["id"], first.json()["id"]);
}

/// A photo is never recorded without its files: if a clean-up removed a shared file
/// between storing and recording (another upload of the same picture was deleted at that
/// moment), recording puts it back.
#[tokio::test]
async fn recording_a_photo_puts_back_a_file_removed_since_it_was_stored() {
    use tiepcan::app::{photo_files, photos};
    let o = office().await;
    let id = draft(&o).await;
    let audit = uuid::Uuid::parse_str(&id).expect("uuid");
    let s = o.app.services();
    let bytes = bytes::Bytes::from(photo(41, None));
    let processed = photos::process(&s.photos, bytes.clone())
        .await
        .expect("processed");
    photo_files::store_objects(s, &processed, &bytes)
        .await
        .expect("stored");
    let files = photo_files::objects_of(&processed, &bytes);
    // The concurrent clean-up: nothing refers to the original yet, so it goes.
    photo_files::forget_unused(s, &[files[0].0]).await;
    assert!(!s.photos.objects.exists(&files[0].0).await.expect("exists"));
    let user =
        tiepcan::store::users::by_username(&mut o.app.db().conn().await.expect("conn"), "thanh.kt")
            .await
            .expect("read")
            .expect("the inspector");
    let actor = tiepcan::domain::actor::Actor::person(&user);
    let photo = photos::record_of(
        uuid::Uuid::now_v7(),
        tiepcan::domain::audit::PhotoOwner::Audit(audit),
        &photos::Upload::default(),
        None,
        &processed,
        Some(user.id),
        chrono::Utc::now(),
    );
    let recorded = photos::record(s, &actor, &photo, &files, None).await;
    assert!(matches!(recorded, Ok(None)), "{recorded:?}");
    for (key, _) in &files {
        assert!(
            s.photos.objects.exists(key).await.expect("exists"),
            "{key} is there"
        );
    }
    let served = o
        .app
        .call(
            "GET",
            &format!("/api/v1/audits/{id}/photos/{}/original", photo.id),
        )
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(served.bytes, bytes.to_vec());
}
