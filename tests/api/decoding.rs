//! What a photo costs the server is bounded by what was sent: a file far too small for the
//! pixels its header declares is refused before it is decoded, a genuine large photo is
//! still taken, and no more photos are decoded at once than `--photo-decodes` allows.

use std::io::Cursor;

use axum::http::StatusCode;
use tiepcan::domain::photo::sample;

use crate::audits::{commune_office, office, office_in, upload};
use crate::common::{Demo, TcpServer, TestApp, test_config_with};
use crate::photos::{draft, refused};

/// A real 64 × 48 JPEG whose frame header is rewritten to say 8000 × 6000: the 1.2 KB
/// file of the issue, which a decoder would fill out to 48 megapixels.
fn tiny_jpeg_declaring_48_megapixels() -> Vec<u8> {
    let small = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut bytes = Cursor::new(Vec::new());
    small
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encodes");
    let mut bytes = bytes.into_inner();
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bytes[sof + 5..sof + 7].copy_from_slice(&6000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&8000u16.to_be_bytes());
    bytes
}

#[tokio::test]
async fn a_1200_byte_jpeg_declaring_8000_by_6000_pixels_is_refused_by_name_and_nothing_is_kept() {
    let o = office().await;
    let id = draft(&o).await;
    let bytes = tiny_jpeg_declaring_48_megapixels();
    assert!(bytes.len() < 2000, "{} bytes", bytes.len());
    // In both languages the message names the size it declares and says the file is far
    // too small for it; the draft keeps its answer, no photo and no object is stored.
    refused(
        &o,
        &id,
        &bytes,
        StatusCode::UNPROCESSABLE_ENTITY,
        "quá ít cho một ảnh 8000 × 6000",
        "far too few for the 8000 × 6000",
    )
    .await;
}

#[tokio::test]
async fn a_uniform_8000_by_6000_jpeg_is_taken_as_the_48_megapixel_photo_it_is() {
    let o = office().await;
    let id = draft(&o).await;
    let uniform = image::RgbImage::from_pixel(8000, 6000, image::Rgb([205, 190, 170]));
    let mut bytes = Cursor::new(Vec::new());
    uniform
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encodes");
    let bytes = bytes.into_inner();
    let reply = upload(
        &o.app,
        &o.inspector,
        &id,
        Some("entrance.door_width"),
        &bytes,
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let photo = reply.json();
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(8000), Some(6000))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_decoded_at_once_never_outnumber_the_setting_and_all_of_them_are_kept() {
    let (config, dir) = test_config_with(
        Demo::Yes,
        &[
            "--photo-decodes",
            "1",
            "--metrics",
            "--request-timeout",
            "900",
        ],
    )
    .await;
    let mut app = TestApp::start_on(&config).await;
    app.dir = dir;
    let o = office_in(app, commune_office()).await;
    let id = draft(&o).await;
    let photos: Vec<Vec<u8>> = (0..6)
        .map(|seed| sample::camera_jpeg(&sample::scene(1600, 1200, seed), 90))
        .collect();
    let sent = photos
        .iter()
        .map(|bytes| upload(&o.app, &o.inspector, &id, None, bytes));
    for reply in futures_util::future::join_all(sent).await {
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let audit = crate::photos::audit_json(&o, &id).await;
    assert_eq!(audit["photos"].as_array().map(Vec::len), Some(6));
    // The gate's own counts. `/metrics` names them too, but its recorder is one for the
    // whole process, where other tests' servers decode at the same time: its values are
    // not this server's alone.
    let server = TcpServer::start(o.app.state.clone()).await;
    let (status, text) = server.send("GET", "/metrics", &[], "").await;
    assert_eq!(status, 200, "{text}");
    for name in [
        "tiepcan_photo_decodes_max",
        "tiepcan_photo_decodes_most_running",
        "tiepcan_photo_decodes{",
    ] {
        assert!(text.contains(name), "{name}: {text}");
    }
    server.stop().await;
    assert_eq!(o.app.services().photos.decodes.counts().most_running, 1);
}
