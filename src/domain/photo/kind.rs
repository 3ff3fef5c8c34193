//! What a file is, told from its first bytes only (never from its name or a header).

use std::fmt;

/// The kind of file a byte string starts like: the three photo formats we take, and the
/// common others named so that the person can be told what they sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// JPEG (JFIF or Exif), taken.
    Jpeg,
    /// PNG, taken.
    Png,
    /// WebP (lossy or lossless), taken.
    WebP,
    /// HEIC or HEIF (ISO base media file with a HEIF brand), as iPhones save by default.
    Heic,
    /// AVIF (ISO base media file with an AV1 image brand).
    Avif,
    /// GIF.
    Gif,
    /// TIFF, and the camera raw formats built on it (DNG, NEF, CR2, ARW).
    Tiff,
    /// Windows bitmap.
    Bmp,
    /// PDF document.
    Pdf,
    /// A ZIP archive that is not an office document.
    Zip,
    /// An office document: Word, Excel, PowerPoint, OpenDocument (ZIP based or the old
    /// compound file format).
    OfficeDocument,
    /// A video: MP4, QuickTime, 3GP, AVI, Matroska or WebM.
    Video,
    /// Plain text (UTF-8, no control characters), including HTML, SVG and CSV.
    Text,
    /// No bytes at all.
    Empty,
    /// Anything else.
    Unknown,
}

impl Kind {
    /// Whether this is one of the formats the photo pipeline decodes.
    pub fn is_accepted(self) -> bool {
        matches!(self, Kind::Jpeg | Kind::Png | Kind::WebP)
    }

    /// A stable lowercase code for logs and for the messages' catalogue.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpeg",
            Kind::Png => "png",
            Kind::WebP => "webp",
            Kind::Heic => "heic",
            Kind::Avif => "avif",
            Kind::Gif => "gif",
            Kind::Tiff => "tiff",
            Kind::Bmp => "bmp",
            Kind::Pdf => "pdf",
            Kind::Zip => "zip",
            Kind::OfficeDocument => "office",
            Kind::Video => "video",
            Kind::Text => "text",
            Kind::Empty => "empty",
            Kind::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The kind of file `bytes` is, from its magic numbers.
pub fn sniff(bytes: &[u8]) -> Kind {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if bytes.is_empty() {
        Kind::Empty
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Kind::WebP
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"AVI ") {
        Kind::Video
    } else if bytes.get(4..8) == Some(b"ftyp") {
        iso_media(bytes)
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Kind::Gif
    } else if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        Kind::Tiff
    } else if starts(b"BM") && bytes.len() >= 14 && bytes[6..10] == [0, 0, 0, 0] {
        Kind::Bmp
    } else if is_pdf(bytes) {
        Kind::Pdf
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        zip(bytes)
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::OfficeDocument
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Kind::Video
    } else if is_text(bytes) {
        Kind::Text
    } else {
        Kind::Unknown
    }
}

/// An ISO base media file (`ftyp` box): HEIF, AVIF or a video, by its brands.
fn iso_media(bytes: &[u8]) -> Kind {
    let size = bytes
        .get(0..4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let end = size.clamp(16, 256).min(bytes.len());
    let major = bytes.get(8..12);
    let compatible = bytes.get(16..end).unwrap_or_default().chunks_exact(4);
    let brands: Vec<&[u8]> = major.into_iter().chain(compatible).collect();
    let has = |names: &[&[u8; 4]]| brands.iter().any(|b| names.iter().any(|n| *b == *n));
    if has(&[b"avif", b"avis"]) {
        Kind::Avif
    } else if has(&[
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1",
        b"mif2",
    ]) {
        Kind::Heic
    } else if has(&[
        b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"qt  ", b"M4V ", b"3gp4", b"3gp5", b"3gp6",
        b"3g2a", b"dash",
    ]) {
        Kind::Video
    } else {
        Kind::Unknown
    }
}

/// A PDF starts with `%PDF-`, which readers accept anywhere in the first kilobyte.
fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Office Open XML and OpenDocument files are ZIP archives naming their parts early on.
fn zip(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(4096)];
    let names: [&[u8]; 6] = [
        b"[Content_Types].xml",
        b"word/",
        b"xl/",
        b"ppt/",
        b"mimetypeapplication/vnd.oasis.opendocument",
        b"docProps/",
    ];
    if names.iter().any(|n| head.windows(n.len()).any(|w| w == *n)) {
        Kind::OfficeDocument
    } else {
        Kind::Zip
    }
}

/// UTF-8 (a character cut at the end of the sample is fine) without control characters
/// other than tab, line feed, carriage return and form feed.
fn is_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() && head.len() == 1024 => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c'))
}
