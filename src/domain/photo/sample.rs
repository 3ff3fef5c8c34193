//! Photos made in code, for the tests and the benchmark: a photograph-like scene, an Exif
//! block built byte by byte, and JPEGs that carry it, as a phone camera writes them.

use image::RgbImage;

/// What to write into a sample photo's Exif block; `None` leaves a tag out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SampleExif {
    /// Orientation, 1 to 8 (any number is written as given, to test the reader).
    pub orientation: Option<u16>,
    /// DateTimeOriginal, as Exif writes it: `YYYY:MM:DD HH:MM:SS`.
    pub taken: Option<String>,
    /// OffsetTimeOriginal: `+HH:MM`.
    pub offset: Option<String>,
    /// GPS latitude and longitude in signed degrees, written as degrees, minutes and seconds
    /// with N/S and E/W references.
    pub gps: Option<(f64, f64)>,
    /// Write the TIFF structure big-endian (`MM`, as Apple does) instead of little-endian.
    pub big_endian: bool,
}

/// A photograph-like scene: a sky gradient over textured ground with a few walls, and
/// sensor-like noise, so that it compresses like a photo and not like a flat colour.
pub fn scene(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 59) as i32 - 16
    };
    let phase = (seed % 97) as f32 / 13.0;
    let (w, h) = (width as f32, height as f32);
    RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / w, y as f32 / h);
        let horizon = 0.45 + 0.06 * (u * 6.3 + phase).sin() + 0.02 * (u * 23.0).sin();
        let (mut r, mut g, mut b) = if v < horizon {
            let t = v / horizon;
            (90.0 + 110.0 * t, 140.0 + 80.0 * t, 220.0 + 25.0 * t)
        } else {
            let t = (v - horizon) / (1.0 - horizon);
            let grain = (x as f32 * 0.21).sin() * (y as f32 * 0.17 + u * 3.0).sin() * 18.0;
            (
                120.0 - 40.0 * t + grain,
                110.0 - 20.0 * t + grain,
                80.0 - 30.0 * t + grain * 0.5,
            )
        };
        // Walls: lighter blocks with a brick-like pattern.
        let wall = ((u * 5.0 + phase).floor() as i32) % 3 == 0 && v > horizon - 0.15;
        if wall {
            let brick = if (y / 9 + (x / 23) % 2) % 2 == 0 {
                14.0
            } else {
                -10.0
            };
            r = 180.0 + brick - 40.0 * v;
            g = 165.0 + brick - 40.0 * v;
            b = 150.0 + brick - 30.0 * v;
        }
        let n = noise() as f32 * 0.4;
        let px = |c: f32| (c + n).clamp(0.0, 255.0) as u8;
        image::Rgb([px(r), px(g), px(b)])
    })
}

/// The benchmark's photo: a 4000 x 3000 scene (12 megapixels), JPEG quality 90, 4:2:0,
/// with an Exif block (upright, capture time, a position in Lạng Sơn), as a phone writes it.
pub fn benchmark_photo() -> Vec<u8> {
    let exif = SampleExif {
        orientation: Some(1),
        taken: Some("2024:05:06 07:08:09".into()),
        offset: Some("+07:00".into()),
        gps: Some((21.853_708, 106.761_519)),
        big_endian: false,
    };
    with_exif(&camera_jpeg(&scene(4000, 3000, 12), 90), &exif_tiff(&exif))
}

/// Encodes `image` as a phone camera does: baseline JPEG, 4:2:0 chroma subsampling.
pub fn camera_jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    let side = |n: u32| u16::try_from(n).expect("a sample photo fits a JPEG");
    encoder
        .encode(
            image.as_raw(),
            side(image.width()),
            side(image.height()),
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("encoding pixels held in memory");
    out
}

/// `jpeg` with an APP1 Exif segment holding `tiff` inserted right after the start marker,
/// where cameras put it.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(tiff);
    with_segment(jpeg, 0xE1, &payload)
}

/// `jpeg` with one more marker segment (`marker` and `payload`) right after the start
/// marker: an ICC profile (APP2) or a comment (COM), say.
pub fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "not a JPEG");
    let length = u16::try_from(payload.len() + 2).expect("a segment holds at most 64 KiB");
    let mut out = Vec::with_capacity(jpeg.len() + payload.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// One directory entry: tag, TIFF type, count, and its value's bytes in the file's order.
struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    data: Vec<u8>,
}

const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;
const BYTE: u16 = 1;

/// The TIFF structure of an Exif block (what follows `Exif\0\0`): IFD0 with the
/// orientation, a camera name and pointers to an Exif IFD (capture time and offset) and a
/// GPS IFD (position), each written only when asked for.
pub fn exif_tiff(exif: &SampleExif) -> Vec<u8> {
    let big = exif.big_endian;
    let u16b = |n: u16| {
        if big {
            n.to_be_bytes()
        } else {
            n.to_le_bytes()
        }
    };
    let u32b = |n: u32| {
        if big {
            n.to_be_bytes()
        } else {
            n.to_le_bytes()
        }
    };
    let ascii = |tag: u16, text: &str| {
        let mut data = text.as_bytes().to_vec();
        data.push(0);
        Entry {
            tag,
            kind: ASCII,
            count: data.len() as u32,
            data,
        }
    };
    let rationals = |tag: u16, parts: &[(u32, u32)]| Entry {
        tag,
        kind: RATIONAL,
        count: parts.len() as u32,
        data: parts
            .iter()
            .flat_map(|&(n, d)| [u32b(n), u32b(d)])
            .flatten()
            .collect(),
    };
    let long = |tag: u16, n: u32| Entry {
        tag,
        kind: LONG,
        count: 1,
        data: u32b(n).to_vec(),
    };

    let mut photo = Vec::new();
    if let Some(taken) = &exif.taken {
        photo.push(ascii(0x9003, taken));
    }
    if let Some(offset) = &exif.offset {
        photo.push(ascii(0x9011, offset));
    }
    let mut gps = Vec::new();
    if let Some((lat, lon)) = exif.gps {
        gps.push(Entry {
            tag: 0x0000,
            kind: BYTE,
            count: 4,
            data: vec![2, 3, 0, 0],
        });
        gps.push(ascii(0x0001, if lat < 0.0 { "S" } else { "N" }));
        gps.push(rationals(0x0002, &dms(lat)));
        gps.push(ascii(0x0003, if lon < 0.0 { "W" } else { "E" }));
        gps.push(rationals(0x0004, &dms(lon)));
    }

    // IFD0 comes first at offset 8, then the Exif IFD, then the GPS IFD.
    let mut ifd0 = Vec::new();
    ifd0.push(ascii(0x010F, "tiepcan sample camera"));
    if let Some(orientation) = exif.orientation {
        ifd0.push(Entry {
            tag: 0x0112,
            kind: SHORT,
            count: 1,
            data: u16b(orientation).to_vec(),
        });
    }
    let pointers = usize::from(!photo.is_empty()) + usize::from(!gps.is_empty());
    let ifd0_size = ifd_size(&ifd0) + 12 * pointers;
    let photo_at = 8 + ifd0_size;
    let gps_at = photo_at
        + if photo.is_empty() {
            0
        } else {
            ifd_size(&photo)
        };
    if !photo.is_empty() {
        ifd0.push(long(0x8769, photo_at as u32));
    }
    if !gps.is_empty() {
        ifd0.push(long(0x8825, gps_at as u32));
    }

    let mut out = Vec::new();
    out.extend_from_slice(if big { b"MM" } else { b"II" });
    out.extend_from_slice(&u16b(42));
    out.extend_from_slice(&u32b(8));
    for ifd in [ifd0, photo, gps] {
        if !ifd.is_empty() {
            write_ifd(&mut out, ifd, big);
        }
    }
    out
}

/// Bytes an IFD takes with its values stored after it.
fn ifd_size(entries: &[Entry]) -> usize {
    let outside: usize = entries
        .iter()
        .filter(|e| e.data.len() > 4)
        .map(|e| e.data.len().next_multiple_of(2))
        .sum();
    2 + 12 * entries.len() + 4 + outside
}

/// Appends an IFD (entries sorted by tag, no next IFD) and its long values after it.
fn write_ifd(out: &mut Vec<u8>, mut entries: Vec<Entry>, big: bool) {
    let u16b = |n: u16| {
        if big {
            n.to_be_bytes()
        } else {
            n.to_le_bytes()
        }
    };
    let u32b = |n: u32| {
        if big {
            n.to_be_bytes()
        } else {
            n.to_le_bytes()
        }
    };
    entries.sort_by_key(|e| e.tag);
    let start = out.len();
    let mut values_at = start + 2 + 12 * entries.len() + 4;
    let mut values = Vec::new();
    out.extend_from_slice(&u16b(entries.len() as u16));
    for entry in &entries {
        out.extend_from_slice(&u16b(entry.tag));
        out.extend_from_slice(&u16b(entry.kind));
        out.extend_from_slice(&u32b(entry.count));
        if entry.data.len() <= 4 {
            let mut inline = entry.data.clone();
            inline.resize(4, 0);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&u32b(values_at as u32));
            let mut data = entry.data.clone();
            data.resize(data.len().next_multiple_of(2), 0);
            values_at += data.len();
            values.extend_from_slice(&data);
        }
    }
    out.extend_from_slice(&u32b(0));
    out.extend_from_slice(&values);
}

/// Degrees, minutes and seconds (to a ten-thousandth of a second) of `|degrees|`.
fn dms(degrees: f64) -> [(u32, u32); 3] {
    let value = degrees.abs();
    let whole = value.floor();
    let minutes = ((value - whole) * 60.0).floor();
    let seconds = (value - whole - minutes / 60.0) * 3600.0;
    [
        (whole as u32, 1),
        (minutes as u32, 1),
        ((seconds * 10_000.0).round() as u32, 10_000),
    ]
}

/// A PNG signature and IHDR chunk declaring `width` x `height`, then a tiny IDAT.
pub fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    let idat = b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01";
    png.extend_from_slice(&8u32.to_be_bytes());
    png.extend_from_slice(idat);
    png.extend_from_slice(&crc32(idat).to_be_bytes());
    png
}

/// CRC-32 as PNG chunks carry it (ISO 3309, reflected, 0xEDB88320).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
