//! The photo pipeline on images made in code: formats, sizes, orientation, Exif facts,
//! what the renditions leave out, and the files that are refused.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

use super::sample::{self, SampleExif, crc32, png_header};
use super::*;

// ---- helpers ----

/// Counts the bytes each thread allocates, so a test can show that a refusal allocated
/// nothing of the size the header declared.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + layout.size()));
        // SAFETY: the layout is the caller's, passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocated_during<T>(step: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let result = step();
    (result, ALLOCATED.with(Cell::get) - before)
}

/// A cheap picture: gradients, so that resizing has something to average.
fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    })
}

fn encoded(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, format)
        .expect("encoding in memory");
    out.into_inner()
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    encoded(image, ImageFormat::Jpeg)
}

fn ok(bytes: &[u8]) -> Processed {
    process(bytes, &Limits::default()).expect("a good photo is taken")
}

fn sizes(p: &Processed) -> [(u32, u32); 2] {
    [
        (p.display.width, p.display.height),
        (p.thumbnail.width, p.thumbnail.height),
    ]
}

/// Decodes a rendition with the `image` crate (another decoder than ours) and checks that
/// its size is the one reported.
fn decoded(rendition: &Rendition) -> RgbImage {
    let image = image::load_from_memory_with_format(&rendition.jpeg, ImageFormat::Jpeg)
        .expect("a rendition is a JPEG")
        .into_rgb8();
    assert_eq!(image.dimensions(), (rendition.width, rendition.height));
    image
}

/// Every marker segment of a JPEG before its first scan, as (marker, payload).
fn segments(jpeg: &[u8]) -> Vec<(u8, Vec<u8>)> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut at = 2;
    let mut found = Vec::new();
    loop {
        assert_eq!(jpeg[at], 0xFF, "segment start");
        let marker = jpeg[at + 1];
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        found.push((marker, jpeg[at + 4..at + 2 + length].to_vec()));
        if marker == 0xDA {
            return found;
        }
        at += 2 + length;
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// ---- formats and sizes ----

#[test]
fn landscape_jpeg_gives_a_1600_display_and_a_320_thumbnail() {
    let p = ok(&jpeg(&gradient(3400, 1700)));
    assert_eq!(sizes(&p), [(1600, 800), (320, 160)]);
    assert_eq!((p.original.width, p.original.height), (3400, 1700));
    assert_eq!(p.original.kind, Kind::Jpeg);
    decoded(&p.display);
    decoded(&p.thumbnail);
}

#[test]
fn portrait_jpeg_keeps_its_proportions() {
    let p = ok(&jpeg(&gradient(1700, 3400)));
    assert_eq!(sizes(&p), [(800, 1600), (160, 320)]);
}

#[test]
fn small_jpeg_is_not_enlarged() {
    let p = ok(&jpeg(&gradient(640, 480)));
    assert_eq!(sizes(&p), [(640, 480), (320, 240)]);
    let tiny = ok(&jpeg(&gradient(200, 100)));
    assert_eq!(sizes(&tiny), [(200, 100), (200, 100)]);
}

#[test]
fn camera_jpeg_with_odd_sides_and_subsampled_colour_is_resized() {
    let bytes = sample::camera_jpeg(&sample::scene(1999, 1001, 3), 90);
    let p = ok(&bytes);
    assert_eq!(sizes(&p), [(1600, 801), (320, 160)]);
}

#[test]
fn very_wide_jpegs_are_decoded_at_a_quarter_and_an_eighth_of_their_size() {
    // 6400 and 12800 pixels wide: the decoder's 1/4 and 1/8 scales still give 1600.
    let p = ok(&jpeg(&gradient(6400, 160)));
    assert_eq!(sizes(&p), [(1600, 40), (320, 8)]);
    let p = ok(&jpeg(&gradient(12800, 160)));
    assert_eq!(sizes(&p), [(1600, 20), (320, 4)]);
    let one_pixel_high = ok(&jpeg(&gradient(4000, 1)));
    assert_eq!(sizes(&one_pixel_high), [(1600, 1), (320, 1)]);
}

#[test]
fn grey_jpeg_is_taken() {
    let grey = image::DynamicImage::ImageRgb8(gradient(900, 600)).into_luma8();
    let mut bytes = Cursor::new(Vec::new());
    grey.write_to(&mut bytes, ImageFormat::Jpeg)
        .expect("encode");
    let p = ok(bytes.get_ref());
    assert_eq!(sizes(&p), [(900, 600), (320, 213)]);
}

#[test]
fn png_is_taken_and_resized() {
    let p = ok(&encoded(&gradient(2000, 1000), ImageFormat::Png));
    assert_eq!(p.original.kind, Kind::Png);
    assert_eq!(sizes(&p), [(1600, 800), (320, 160)]);
    decoded(&p.display);
}

#[test]
fn transparent_png_is_shown_on_white() {
    let image = RgbaImage::from_pixel(40, 20, Rgba([0, 0, 0, 0]));
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, ImageFormat::Png)
        .expect("encode");
    let p = ok(bytes.get_ref());
    let shown = decoded(&p.display);
    assert!(
        shown.pixels().all(|p| p.0.iter().all(|&c| c > 245)),
        "{:?}",
        shown.get_pixel(0, 0)
    );
}

#[test]
fn webp_is_taken_and_resized() {
    let p = ok(&encoded(&gradient(1800, 900), ImageFormat::WebP));
    assert_eq!(p.original.kind, Kind::WebP);
    assert_eq!(sizes(&p), [(1600, 800), (320, 160)]);
    decoded(&p.thumbnail);
}

#[test]
fn resized_pixels_keep_the_picture() {
    // Left half red, right half blue: the display keeps them where they were.
    let image = RgbImage::from_fn(3200, 1600, |x, _| {
        if x < 1600 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let shown = decoded(&ok(&jpeg(&image)).display);
    let left = shown.get_pixel(200, 400).0;
    let right = shown.get_pixel(1400, 400).0;
    assert!(left[0] > 180 && left[2] < 60, "{left:?}");
    assert!(right[2] > 180 && right[0] < 60, "{right:?}");
}

// ---- orientation ----

const RED: [u8; 3] = [230, 30, 30];
const GREEN: [u8; 3] = [30, 200, 30];
const BLUE: [u8; 3] = [30, 30, 230];
const WHITE: [u8; 3] = [250, 250, 250];

/// 640 x 320 stored pixels in four quadrants: red, green on top; blue, white below.
fn quadrants() -> RgbImage {
    RgbImage::from_fn(640, 320, |x, y| {
        Rgb(match (x < 320, y < 160) {
            (true, true) => RED,
            (false, true) => GREEN,
            (true, false) => BLUE,
            (false, false) => WHITE,
        })
    })
}

fn nearest(pixel: [u8; 3]) -> [u8; 3] {
    let distance = |c: [u8; 3]| {
        c.iter()
            .zip(pixel)
            .map(|(&a, b)| (i32::from(a) - i32::from(b)).pow(2))
            .sum::<i32>()
    };
    [RED, GREEN, BLUE, WHITE]
        .into_iter()
        .min_by_key(|&c| distance(c))
        .expect("four colours")
}

/// The colours seen at the top left, top right, bottom left and bottom right of `image`.
fn corners(image: &RgbImage) -> [[u8; 3]; 4] {
    let (w, h) = image.dimensions();
    let at = |x: u32, y: u32| nearest(image.get_pixel(x, y).0);
    [
        at(w / 4, h / 4),
        at(3 * w / 4, h / 4),
        at(w / 4, 3 * h / 4),
        at(3 * w / 4, 3 * h / 4),
    ]
}

/// The stored quadrants with Exif `orientation`: the display and the thumbnail must show
/// `expected` corners (top left, top right, bottom left, bottom right).
fn shows_upright(orientation: u16, expected: [[u8; 3]; 4]) {
    let tiff = sample::exif_tiff(&SampleExif {
        orientation: Some(orientation),
        ..SampleExif::default()
    });
    let p = ok(&sample::with_exif(&jpeg(&quadrants()), &tiff));
    let turned = orientation >= 5;
    let expected_size = if turned {
        [(320, 640), (160, 320)]
    } else {
        [(640, 320), (320, 160)]
    };
    assert_eq!(sizes(&p), expected_size);
    let upright = if turned { (320, 640) } else { (640, 320) };
    assert_eq!((p.original.width, p.original.height), upright);
    assert_eq!(p.metadata.orientation, orientation as u8);
    assert_eq!(corners(&decoded(&p.display)), expected, "display");
    assert_eq!(corners(&decoded(&p.thumbnail)), expected, "thumbnail");
}

// Exif 2.3, tag 0x0112: where the stored row 0 and column 0 are seen.
#[test]
fn orientation_1_is_shown_as_stored() {
    shows_upright(1, [RED, GREEN, BLUE, WHITE]);
}

#[test]
fn orientation_2_is_mirrored_left_to_right() {
    shows_upright(2, [GREEN, RED, WHITE, BLUE]);
}

#[test]
fn orientation_3_is_turned_half_way() {
    shows_upright(3, [WHITE, BLUE, GREEN, RED]);
}

#[test]
fn orientation_4_is_mirrored_top_to_bottom() {
    shows_upright(4, [BLUE, WHITE, RED, GREEN]);
}

#[test]
fn orientation_5_is_transposed() {
    shows_upright(5, [RED, BLUE, GREEN, WHITE]);
}

#[test]
fn orientation_6_is_turned_clockwise() {
    shows_upright(6, [BLUE, RED, WHITE, GREEN]);
}

#[test]
fn orientation_7_is_transversed() {
    shows_upright(7, [WHITE, GREEN, BLUE, RED]);
}

#[test]
fn orientation_8_is_turned_anticlockwise() {
    shows_upright(8, [GREEN, WHITE, RED, BLUE]);
}

#[test]
fn orientation_out_of_range_is_shown_as_stored() {
    let tiff = sample::exif_tiff(&SampleExif {
        orientation: Some(9),
        ..SampleExif::default()
    });
    let p = ok(&sample::with_exif(&jpeg(&quadrants()), &tiff));
    assert_eq!(p.metadata.orientation, 1);
    assert_eq!(corners(&decoded(&p.display)), [RED, GREEN, BLUE, WHITE]);
}

// ---- Exif facts ----

fn lang_son_exif() -> SampleExif {
    SampleExif {
        orientation: Some(6),
        taken: Some("2024:05:06 07:08:09".into()),
        offset: Some("+07:00".into()),
        gps: Some((21.853_708, 106.761_519)),
        big_endian: false,
    }
}

#[test]
fn capture_time_and_offset_are_read() {
    let tiff = sample::exif_tiff(&lang_son_exif());
    let p = ok(&sample::with_exif(&jpeg(&gradient(64, 48)), &tiff));
    let taken = p.metadata.taken.expect("DateTimeOriginal");
    assert_eq!(taken.local.to_string(), "2024-05-06 07:08:09");
    assert_eq!(taken.offset, chrono::FixedOffset::east_opt(7 * 3600));
}

#[test]
fn gps_position_is_read_in_degrees() {
    let tiff = sample::exif_tiff(&lang_son_exif());
    let p = ok(&sample::with_exif(&jpeg(&gradient(64, 48)), &tiff));
    let at = p.metadata.position.expect("GPS");
    assert!((at.lat() - 21.853_708).abs() < 1e-6, "{at:?}");
    assert!((at.lon() - 106.761_519).abs() < 1e-6, "{at:?}");
}

#[test]
fn south_and_west_are_negative_and_big_endian_exif_is_read() {
    let exif = SampleExif {
        gps: Some((-33.856_784, -70.648_271)),
        taken: Some("2023:12:31 23:59:58".into()),
        offset: Some("-03:00".into()),
        big_endian: true,
        ..lang_son_exif()
    };
    let p = ok(&sample::with_exif(
        &jpeg(&gradient(64, 48)),
        &sample::exif_tiff(&exif),
    ));
    let at = p.metadata.position.expect("GPS");
    assert!((at.lat() + 33.856_784).abs() < 1e-6, "{at:?}");
    assert!((at.lon() + 70.648_271).abs() < 1e-6, "{at:?}");
    let taken = p.metadata.taken.expect("time");
    assert_eq!(taken.offset, chrono::FixedOffset::west_opt(3 * 3600));
    assert_eq!(p.metadata.orientation, 6);
}

#[test]
fn time_without_offset_and_no_gps_leave_those_out() {
    let exif = SampleExif {
        taken: Some("2024:02:29 12:00:00".into()),
        ..SampleExif::default()
    };
    let p = ok(&sample::with_exif(
        &jpeg(&gradient(64, 48)),
        &sample::exif_tiff(&exif),
    ));
    let taken = p.metadata.taken.expect("time");
    assert_eq!(taken.offset, None);
    assert_eq!(p.metadata.position, None);
}

#[test]
fn impossible_or_blank_capture_times_are_none() {
    for text in [
        "2023:02:30 10:00:00",
        "    :  :     :  :  ",
        "0000:00:00 00:00:00",
    ] {
        let exif = SampleExif {
            taken: Some(text.into()),
            ..SampleExif::default()
        };
        let p = ok(&sample::with_exif(
            &jpeg(&gradient(64, 48)),
            &sample::exif_tiff(&exif),
        ));
        assert_eq!(p.metadata.taken, None, "{text:?}");
    }
}

#[test]
fn photo_without_exif_has_no_facts_and_is_upright() {
    let p = ok(&jpeg(&gradient(64, 48)));
    assert_eq!(p.metadata, Metadata::default());
    assert_eq!(p.metadata.orientation, 1);
}

#[test]
fn broken_exif_block_does_not_refuse_the_photo() {
    let p = ok(&sample::with_exif(
        &jpeg(&gradient(64, 48)),
        b"II*\0\xff\xff\xff\x7fjunk",
    ));
    assert_eq!(p.metadata, Metadata::default());
}

#[test]
fn gps_in_a_png_exif_chunk_is_read() {
    // PNG keeps Exif in an eXIf chunk; write one before the image data.
    let png = encoded(&gradient(64, 48), ImageFormat::Png);
    let tiff = sample::exif_tiff(&lang_son_exif());
    let mut chunk = (tiff.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"eXIf");
    chunk.extend_from_slice(&tiff);
    chunk.extend_from_slice(&crc32(&chunk[4..]).to_be_bytes());
    let ihdr_end = 8 + 25;
    let with_exif = [&png[..ihdr_end], &chunk, &png[ihdr_end..]].concat();
    let p = ok(&with_exif);
    assert!(p.metadata.position.is_some());
    assert_eq!(p.metadata.orientation, 6);
    assert_eq!(sizes(&p), [(48, 64), (48, 64)]);
}

// ---- what the renditions leave out ----

#[test]
fn renditions_carry_no_exif_icc_or_comment() {
    let tiff = sample::exif_tiff(&lang_son_exif());
    let mut icc = b"ICC_PROFILE\0\x01\x01".to_vec();
    icc.extend_from_slice(&[0x42; 200]);
    let bytes = sample::with_segment(
        &sample::with_exif(&jpeg(&gradient(900, 700)), &tiff),
        0xE2,
        &icc,
    );
    let bytes = sample::with_segment(&bytes, 0xFE, b"secret inspector comment");
    assert!(contains(&bytes, b"Exif\0\0") && contains(&bytes, b"ICC_PROFILE"));
    let p = ok(&bytes);
    for rendition in [&p.display, &p.thumbnail] {
        let jpeg = &rendition.jpeg;
        for needle in [
            &b"Exif\0\0"[..],
            b"ICC_PROFILE",
            b"secret",
            b"tiepcan sample camera",
            b"2024:05:06",
        ] {
            assert!(
                !contains(jpeg, needle),
                "{:?} found",
                String::from_utf8_lossy(needle)
            );
        }
        let markers: Vec<u8> = segments(jpeg).iter().map(|(m, _)| *m).collect();
        assert!(
            markers.iter().all(|m| !matches!(m, 0xE1..=0xEF | 0xFE)),
            "only JFIF may precede the image: {markers:x?}"
        );
        let (app0, jfif) = &segments(jpeg)[0];
        assert_eq!((*app0, &jfif[..5]), (0xE0, &b"JFIF\0"[..]));
    }
}

// ---- digests ----

#[test]
fn sha256_of_abc_is_the_published_one() {
    assert_eq!(
        Sha256::of(b"abc").hex(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn digests_name_the_original_and_each_rendition() {
    let bytes = jpeg(&gradient(800, 600));
    let p = ok(&bytes);
    assert_eq!(p.original.sha256, Sha256::of(&bytes));
    assert_eq!(p.original.bytes, bytes.len() as u64);
    assert_eq!(p.display.sha256, Sha256::of(&p.display.jpeg));
    assert_eq!(p.thumbnail.sha256, Sha256::of(&p.thumbnail.jpeg));
    assert_ne!(p.display.sha256, p.thumbnail.sha256);
    // The same bytes give the same renditions: the store keeps one copy of each.
    assert_eq!(ok(&bytes), p);
}

#[test]
fn hex_digests_are_read_back_and_nothing_else_is() {
    let digest = Sha256::of(b"photo");
    assert_eq!(Sha256::from_hex(&digest.hex()), Some(digest));
    let upper = digest.hex().to_uppercase();
    for bad in [
        upper.as_str(),
        "",
        "ab",
        &digest.hex()[..63],
        "../../etc/passwd",
    ] {
        assert_eq!(Sha256::from_hex(bad), None, "{bad:?}");
    }
    let mut with_g = digest.hex();
    with_g.replace_range(0..1, "g");
    assert_eq!(Sha256::from_hex(&with_g), None);
}

// ---- refusals ----

fn refused(bytes: &[u8]) -> PhotoError {
    process(bytes, &Limits::default()).expect_err("refused")
}

#[test]
fn pdf_is_refused_and_named() {
    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    assert_eq!(refused(pdf), PhotoError::NotAnImage { found: Kind::Pdf });
}

#[test]
fn heic_from_an_iphone_is_refused_and_named() {
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\x01\x00meta";
    assert_eq!(refused(heic), PhotoError::NotAnImage { found: Kind::Heic });
    let heif = b"\0\0\0\x14ftypmif1\0\0\0\0mif1\0\0\0\0";
    assert_eq!(sniff(heif), Kind::Heic);
}

#[test]
fn avif_is_named_even_under_a_heif_major_brand() {
    assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"), Kind::Avif);
    assert_eq!(sniff(b"\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf"), Kind::Avif);
}

#[test]
fn videos_are_named() {
    assert_eq!(
        sniff(b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41"),
        Kind::Video
    );
    assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0qt  "), Kind::Video);
    assert_eq!(sniff(b"\x1a\x45\xdf\xa3\x01\0\0\0"), Kind::Video);
}

#[test]
fn gif_tiff_and_bmp_are_named() {
    assert_eq!(
        refused(b"GIF89a\x01\0\x01\0"),
        PhotoError::NotAnImage { found: Kind::Gif }
    );
    assert_eq!(sniff(b"II*\0\x08\0\0\0"), Kind::Tiff);
    assert_eq!(sniff(b"MM\0*\0\0\0\x08"), Kind::Tiff);
    // "BM", file size, two reserved zero words, offset of the pixels.
    assert_eq!(sniff(b"BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0"), Kind::Bmp);
    // A text that happens to start with BM is text.
    assert_eq!(sniff(b"BMW parking ramp, entrance B"), Kind::Text);
}

#[test]
fn zip_and_office_documents_are_named() {
    let docx =
        b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml";
    assert_eq!(sniff(docx), Kind::OfficeDocument);
    assert_eq!(
        sniff(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0photo.jpg"),
        Kind::Zip
    );
    assert_eq!(
        sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"),
        Kind::OfficeDocument
    );
}

#[test]
fn text_is_named() {
    assert_eq!(
        refused("Biên bản kiểm tra\nlối vào\n".as_bytes()),
        PhotoError::NotAnImage { found: Kind::Text }
    );
    assert_eq!(
        sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        Kind::Text
    );
}

#[test]
fn empty_and_garbage_bytes_are_refused() {
    assert_eq!(refused(b""), PhotoError::NotAnImage { found: Kind::Empty });
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 56) as u8 | 0x80
        })
        .collect();
    assert_eq!(
        refused(&garbage),
        PhotoError::NotAnImage {
            found: Kind::Unknown
        }
    );
}

#[test]
fn garbage_after_a_jpeg_start_is_refused_as_corrupt() {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
    bytes.extend_from_slice(&[0x13; 500]);
    assert!(
        matches!(refused(&bytes), PhotoError::Corrupt { .. }),
        "{:?}",
        refused(&bytes)
    );
}

#[test]
fn jpeg_with_its_scan_data_damaged_is_refused() {
    let mut bytes = jpeg(&gradient(300, 200));
    let scan = bytes.len() / 2;
    for b in &mut bytes[scan..scan + 64] {
        *b = 0xFF;
    }
    assert!(process(&bytes, &Limits::default()).is_err());
}

#[test]
fn truncated_jpeg_is_refused() {
    let bytes = sample::camera_jpeg(&sample::scene(800, 600, 5), 85);
    for keep in [bytes.len() / 2, bytes.len() * 9 / 10, bytes.len() - 2] {
        assert_eq!(
            refused(&bytes[..keep]),
            PhotoError::Truncated,
            "cut at {keep} of {}",
            bytes.len()
        );
    }
    // Cut inside the headers, before the first scan.
    assert_eq!(refused(&bytes[..100]), PhotoError::Truncated);
}

#[test]
fn truncated_png_and_webp_are_refused() {
    let png = encoded(&sample::scene(300, 200, 1), ImageFormat::Png);
    assert!(process(&png[..png.len() / 2], &Limits::default()).is_err());
    assert_eq!(refused(&png[..20]), PhotoError::Truncated);
    let webp = encoded(&sample::scene(300, 200, 1), ImageFormat::WebP);
    assert!(process(&webp[..webp.len() / 2], &Limits::default()).is_err());
}

#[test]
fn png_declaring_100000_by_100000_is_refused_before_any_big_allocation() {
    let png = png_header(100_000, 100_000);
    let started = std::time::Instant::now();
    let (result, bytes) = allocated_during(|| process(&png, &Limits::default()));
    assert_eq!(
        result,
        Err(PhotoError::TooManyPixels {
            width: 100_000,
            height: 100_000,
            max_megapixels: 50
        })
    );
    assert!(bytes < 64 * 1024, "{bytes} bytes allocated");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn jpeg_declaring_over_50_megapixels_is_refused_before_decoding() {
    // A real JPEG whose frame header is rewritten to 10000 x 6000 (60 MP).
    let mut bytes = jpeg(&gradient(64, 48));
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bytes[sof + 5..sof + 7].copy_from_slice(&6000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&10000u16.to_be_bytes());
    let (result, allocated) = allocated_during(|| process(&bytes, &Limits::default()));
    assert_eq!(
        result,
        Err(PhotoError::TooManyPixels {
            width: 10000,
            height: 6000,
            max_megapixels: 50
        })
    );
    assert!(allocated < 64 * 1024, "{allocated} bytes allocated");
}

#[test]
fn jpeg_just_under_the_pixel_limit_passes_the_header_check() {
    let limits = Limits {
        max_pixels: 64 * 48,
        ..Limits::default()
    };
    assert!(process(&jpeg(&gradient(64, 48)), &limits).is_ok());
    assert!(matches!(
        process(&jpeg(&gradient(65, 48)), &limits),
        Err(PhotoError::TooManyPixels {
            width: 65,
            height: 48,
            ..
        })
    ));
}

#[test]
fn webp_over_the_pixel_limit_is_refused_from_its_header() {
    let webp = encoded(&gradient(300, 200), ImageFormat::WebP);
    let limits = Limits {
        max_pixels: 299 * 200,
        ..Limits::default()
    };
    assert_eq!(
        process(&webp, &limits),
        Err(PhotoError::TooManyPixels {
            width: 300,
            height: 200,
            max_megapixels: 0
        })
    );
}

#[test]
fn decoding_over_the_memory_limit_is_refused() {
    let png = encoded(&gradient(400, 300), ImageFormat::Png);
    let limits = Limits {
        max_alloc: 100_000,
        ..Limits::default()
    };
    assert_eq!(
        process(&png, &limits),
        Err(PhotoError::OverMemoryLimit {
            limit_bytes: 100_000
        })
    );
}

#[test]
fn a_decoder_panic_is_a_corrupt_image_not_a_crash() {
    let result: Result<(), PhotoError> = guarded(|| panic!("index out of bounds"));
    assert_eq!(
        result,
        Err(PhotoError::Corrupt {
            reason: "the decoder gave up (index out of bounds)".into()
        })
    );
}

#[test]
fn errors_read_in_english_for_the_logs() {
    assert_eq!(
        PhotoError::NotAnImage { found: Kind::Heic }.to_string(),
        "not a JPEG, PNG or WebP image: looks like heic"
    );
    assert_eq!(
        PhotoError::TooManyPixels {
            width: 9000,
            height: 7000,
            max_megapixels: 50
        }
        .to_string(),
        "9000 x 7000 pixels is over 50 megapixels"
    );
}

// ---- where the photo was taken ----

#[test]
fn photo_taken_600_m_from_the_site_is_far_at_500_m_and_one_at_300_m_is_not() {
    let site = Coordinates::new(106.7615, 21.8537).expect("valid");
    // 0.001 degree of latitude is about 111 m.
    let near = Coordinates::new(106.7615, 21.8537 + 0.0027).expect("valid");
    let far = Coordinates::new(106.7615, 21.8537 + 0.0054).expect("valid");
    let from = |at| camera_distance(site, Some(at)).expect("a distance");
    assert!(!from(near).far);
    assert!(from(far).far);
    assert!(
        (from(far).metres - 600.0).abs() < 5.0,
        "{}",
        from(far).metres
    );
    assert_eq!(from(site).metres, 0.0);
    assert_eq!(
        camera_distance(site, None),
        None,
        "no position, no distance"
    );
}

#[test]
fn fit_shrinks_the_long_side_and_never_enlarges() {
    assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
    assert_eq!(fit(3000, 4000, 1600), (1200, 1600));
    assert_eq!(fit(1600, 900, 1600), (1600, 900));
    assert_eq!(fit(100, 50, 1600), (100, 50));
    assert_eq!(fit(100_000, 1, 320), (320, 1));
}

#[test]
fn progressive_jpeg_is_taken_and_refused_when_cut_short() {
    let image = sample::scene(1800, 1200, 9);
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 85);
    encoder.set_progressive(true);
    encoder
        .encode(image.as_raw(), 1800, 1200, jpeg_encoder::ColorType::Rgb)
        .expect("encode");
    assert!(
        segments(&bytes).iter().any(|(m, _)| *m == 0xC2),
        "a progressive frame"
    );
    assert_eq!(sizes(&ok(&bytes)), [(1600, 1067), (320, 213)]);
    assert_eq!(
        refused(&bytes[..bytes.len() * 3 / 4]),
        PhotoError::Truncated
    );
}
