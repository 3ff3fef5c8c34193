//! Width and height read from a file's header, before anything is decoded, and the raw
//! Exif block of a JPEG.

use super::{Kind, PhotoError};

/// What the header of an accepted file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header<'a> {
    /// Stored width in pixels (before the Exif orientation).
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
    /// A JPEG's Exif block (the TIFF structure after `Exif\0\0`), when it has one.
    pub jpeg_exif: Option<&'a [u8]>,
}

/// Reads the header of a JPEG, PNG or WebP file; `kind` comes from [`super::sniff`].
pub(super) fn read(kind: Kind, bytes: &[u8]) -> Result<Header<'_>, PhotoError> {
    let header = match kind {
        Kind::Jpeg => jpeg(bytes)?,
        Kind::Png => png(bytes)?,
        Kind::WebP => webp(bytes)?,
        found => return Err(PhotoError::NotAnImage { found }),
    };
    if header.width == 0 || header.height == 0 {
        return Err(corrupt("the header gives a width or height of zero"));
    }
    Ok(header)
}

fn corrupt(reason: &str) -> PhotoError {
    PhotoError::Corrupt {
        reason: reason.to_owned(),
    }
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
    ])))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
    ])))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        0,
    ]))
}

/// Walks the JPEG segments up to the first scan: the frame header gives the size, the
/// first APP1 segment starting `Exif\0\0` the metadata.
fn jpeg(bytes: &[u8]) -> Result<Header<'_>, PhotoError> {
    let mut at = 2;
    let mut size = None;
    let mut exif = None;
    loop {
        if *bytes.get(at).ok_or(PhotoError::Truncated)? != 0xFF {
            return Err(corrupt("JPEG segments out of step"));
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at).ok_or(PhotoError::Truncated)?;
        at += 1;
        match marker {
            // Markers without a length: TEM and the restart markers.
            0x01 | 0xD0..=0xD7 => continue,
            0xD8 | 0xD9 => return Err(corrupt("JPEG ends before its first scan")),
            _ => {}
        }
        let length = be16(bytes, at).ok_or(PhotoError::Truncated)? as usize;
        if length < 2 {
            return Err(corrupt("JPEG segment with a length under two"));
        }
        let segment = bytes
            .get(at + 2..at + length)
            .ok_or(PhotoError::Truncated)?;
        match marker {
            // SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = be16(segment, 1).ok_or_else(|| corrupt("short JPEG frame header"))?;
                let width = be16(segment, 3).ok_or_else(|| corrupt("short JPEG frame header"))?;
                if height == 0 {
                    return Err(PhotoError::Unsupported {
                        reason: "JPEG height given after the first scan (DNL)".to_owned(),
                    });
                }
                size.get_or_insert((width, height));
            }
            0xE1 if exif.is_none() && segment.starts_with(b"Exif\0\0") => {
                exif = Some(&segment[6..]);
            }
            0xDA => {
                let (width, height) =
                    size.ok_or_else(|| corrupt("JPEG scan before its frame header"))?;
                return Ok(Header {
                    width,
                    height,
                    jpeg_exif: exif,
                });
            }
            _ => {}
        }
        at += length;
    }
}

/// The IHDR chunk, which the PNG format requires first.
fn png(bytes: &[u8]) -> Result<Header<'_>, PhotoError> {
    if bytes.len() < 33 {
        return Err(PhotoError::Truncated);
    }
    if &bytes[12..16] != b"IHDR" {
        return Err(corrupt("PNG without an IHDR chunk first"));
    }
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Ok(Header {
        width: word(16),
        height: word(20),
        jpeg_exif: None,
    })
}

/// The first chunk of a WebP file: a lossy frame (`VP8 `), a lossless one (`VP8L`) or the
/// extended header (`VP8X`) with the canvas size.
fn webp(bytes: &[u8]) -> Result<Header<'_>, PhotoError> {
    let chunk = bytes.get(12..16).ok_or(PhotoError::Truncated)?;
    let data = bytes.get(20..).unwrap_or_default();
    let short = || PhotoError::Truncated;
    let (width, height) = match chunk {
        b"VP8 " => {
            if data.get(3..6).ok_or_else(short)? != [0x9D, 0x01, 0x2A] {
                return Err(corrupt("WebP lossy frame without its start code"));
            }
            let width = le16(data, 6).ok_or_else(short)? & 0x3FFF;
            let height = le16(data, 8).ok_or_else(short)? & 0x3FFF;
            (width, height)
        }
        b"VP8L" => {
            if *data.first().ok_or_else(short)? != 0x2F {
                return Err(corrupt("WebP lossless frame without its signature"));
            }
            let bits = u32::from_le_bytes(
                data.get(1..5)
                    .ok_or_else(short)?
                    .try_into()
                    .map_err(|_| short())?,
            );
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8X" => (
            le24(data, 4).ok_or_else(short)? + 1,
            le24(data, 7).ok_or_else(short)? + 1,
        ),
        _ => return Err(corrupt("WebP without a known first chunk")),
    };
    Ok(Header {
        width,
        height,
        jpeg_exif: None,
    })
}
