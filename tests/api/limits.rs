//! Each route's body limit is the one the README states: 2 MB for JSON and forms, 25 MB
//! for a photo upload, 100 MB for a section page or a finding step with after-photos
//! (each photo at most 25 MB). A body of exactly the limit is read and answered on its
//! merits; one byte more is 413, in the person's language.

use axum::http::StatusCode;

use crate::audits::{office, start};
use crate::common::Reply;

const MB: usize = 1024 * 1024;
const BOUNDARY: &str = "tiepcan-limit-boundary";

/// A multipart body of exactly `size` bytes: `fields`, then as few file parts named by
/// `names` (in turn) as hold the rest, each at most `part_max` bytes of padding.
fn multipart(size: usize, fields: &[(&str, &str)], names: &[&str], part_max: usize) -> Vec<u8> {
    let build = |parts: &[usize]| {
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (n, len) in parts.iter().enumerate() {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"p{n}.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n",
                    names[n % names.len()]
                )
                .as_bytes(),
            );
            body.resize(body.len() + len, b'x');
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body
    };
    for count in 1..=10 {
        let overhead = build(&vec![0; count]).len();
        let room = size.saturating_sub(overhead);
        if room <= count * part_max {
            let mut parts = vec![room / count; count];
            parts[0] += room % count;
            let body = build(&parts);
            assert_eq!(body.len(), size, "the body is exactly {size} bytes");
            return body;
        }
    }
    panic!("{size} bytes do not fit in ten parts");
}

/// A JSON object of exactly `size` bytes: `json` and spaces after it.
fn json_of(size: usize, json: &str) -> Vec<u8> {
    let mut body = json.as_bytes().to_vec();
    body.resize(size, b' ');
    body
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

fn assert_read(reply: &Reply, what: &str) {
    assert_ne!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{what} at its limit: {}",
        reply.body.chars().take(300).collect::<String>()
    );
}

fn assert_too_large(reply: &Reply, what: &str) {
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{what} one byte over its limit: {}",
        reply.body.chars().take(300).collect::<String>()
    );
}

#[tokio::test]
async fn every_route_reads_a_body_at_its_limit_and_refuses_one_byte_more() {
    let o = office().await;
    let app = &o.app;
    let audit = start(&o).await;
    let audit = audit["id"].as_str().expect("id").to_owned();
    let nobody = uuid::Uuid::now_v7();

    // JSON: a new site (refused for its missing fields), a finding step.
    for (path, what) in [
        ("/api/v1/sites".to_owned(), "a site's JSON"),
        (
            format!("/api/v1/findings/{nobody}/transitions"),
            "a finding step's JSON",
        ),
    ] {
        for (extra, over) in [(0, false), (1, true)] {
            let reply = app
                .call("POST", &path)
                .bearer(&o.inspector)
                .raw(
                    "application/json",
                    json_of(2 * MB + extra, r#"{"to":"planned"}"#),
                )
                .send()
                .await;
            if over {
                assert_too_large(&reply, what);
                assert_eq!(reply.json()["error"]["code"], "too_large");
            } else {
                assert_read(&reply, what);
            }
        }
    }
    // A form: starting an audit from a site's page.
    for (extra, over) in [(0, false), (1, true)] {
        let mut form = b"key=".to_vec();
        form.resize(2 * MB + extra, b'a');
        let reply = app
            .call("POST", &format!("/sites/{}/audits", o.site))
            .bearer(&o.inspector)
            .raw("application/x-www-form-urlencoded", form)
            .send()
            .await;
        if over {
            assert_too_large(&reply, "a page's form");
        } else {
            assert_read(&reply, "a page's form");
        }
    }
    // A photo: 25 MB in all, refused as not a photo at the limit.
    for (extra, over) in [(0, false), (1, true)] {
        let body = multipart(25 * MB + extra, &[], &["file"], 25 * MB);
        let reply = app
            .call("POST", &format!("/api/v1/audits/{audit}/photos"))
            .bearer(&o.inspector)
            .raw(&multipart_type(), body)
            .send()
            .await;
        if over {
            assert_too_large(&reply, "a photo upload");
        } else {
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                reply.body
            );
        }
    }
    // A section page with its photos, and a finding step with after-photos: 100 MB in all.
    let photos = ["photo.a", "photo.b", "photo.c", "photo.d", "photo.e"];
    for (extra, over) in [(0, false), (1, true)] {
        let body = multipart(100 * MB + extra, &[("then", "stay")], &photos, 25 * MB);
        let reply = app
            .call("POST", &format!("/audits/{audit}/sections/entrance"))
            .bearer(&o.inspector)
            .raw(&multipart_type(), body)
            .send()
            .await;
        if over {
            assert_too_large(&reply, "a section page");
        } else {
            // Read whole: each photo is named as refused (no such item), nothing else.
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "section");
        }
        let body = multipart(100 * MB + extra, &[("to", "fixed")], &["file"], 25 * MB);
        let reply = app
            .call("POST", &format!("/api/v1/findings/{nobody}/transitions"))
            .bearer(&o.inspector)
            .raw(&multipart_type(), body)
            .send()
            .await;
        if over {
            assert_too_large(&reply, "a finding step with photos");
        } else {
            // Read whole, then the finding is looked for.
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
        }
    }
}
