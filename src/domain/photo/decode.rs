//! Pixels out of the accepted formats, within the limits, as 8-bit RGB.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use jpeg_decoder::PixelFormat;

use super::header::Header;
use super::{Kind, Limits, PhotoError, fit};

/// Decoded pixels, three bytes (R, G, B) each, row after row, as stored (not yet turned
/// upright).
pub(super) struct Rgb {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// Decoded pixels and the raw Exif block found in a PNG or WebP file.
pub(super) struct Decoded {
    pub rgb: Rgb,
    pub exif: Option<Vec<u8>>,
}

/// Decodes an accepted file whose header has been checked against the limits. A JPEG is
/// decoded at the smallest DCT scale (1/8, 1/4, 1/2 or 1) whose long side is still at least
/// `long_side`, so that a 12-megapixel photo never exists at full size in memory.
pub(super) fn decode(
    kind: Kind,
    bytes: &[u8],
    header: &Header<'_>,
    long_side: u32,
    limits: &Limits,
) -> Result<Decoded, PhotoError> {
    match kind {
        Kind::Jpeg => Ok(Decoded {
            rgb: jpeg(bytes, header, long_side, limits)?,
            exif: None,
        }),
        Kind::Png => with_image(bytes, ImageFormat::Png, limits),
        Kind::WebP => with_image(bytes, ImageFormat::WebP, limits),
        found => Err(PhotoError::NotAnImage { found }),
    }
}

fn jpeg(
    bytes: &[u8],
    header: &Header<'_>,
    long_side: u32,
    limits: &Limits,
) -> Result<Rgb, PhotoError> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_alloc).unwrap_or(usize::MAX));
    if fit(header.width, header.height, long_side) != (header.width, header.height) {
        // Only the long side decides the scale (the other is asked for as never reachable),
        // so the decoded long side is never under `long_side`.
        let long = u16::try_from(long_side).unwrap_or(u16::MAX);
        let request = if header.width >= header.height {
            (long, u16::MAX)
        } else {
            (u16::MAX, long)
        };
        decoder.scale(request.0, request.1).map_err(jpeg_error)?;
    }
    let pixels = decoder.decode().map_err(jpeg_error)?;
    let info = decoder.info().ok_or_else(|| PhotoError::Corrupt {
        reason: "JPEG decoded without a frame".to_owned(),
    })?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let pixels = match info.pixel_format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        PixelFormat::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                // The decoder gives inverted CMYK; this is the conversion image 0.24 used.
                let k = 255 - u16::from(p[3]);
                let channel = |c: u8| ((255 - u16::from(c)) * k / 255) as u8;
                [channel(p[0]), channel(p[1]), channel(p[2])]
            })
            .collect(),
        PixelFormat::L16 => {
            return Err(PhotoError::Unsupported {
                reason: "16-bit lossless JPEG".to_owned(),
            });
        }
    };
    if pixels.len() != width as usize * height as usize * 3 {
        return Err(PhotoError::Corrupt {
            reason: "JPEG decoded to fewer pixels than its size".to_owned(),
        });
    }
    Ok(Rgb {
        width,
        height,
        pixels,
    })
}

fn jpeg_error(error: jpeg_decoder::Error) -> PhotoError {
    match error {
        jpeg_decoder::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Truncated
        }
        jpeg_decoder::Error::Unsupported(feature) => PhotoError::Unsupported {
            reason: format!("JPEG {feature:?}"),
        },
        other => PhotoError::Corrupt {
            reason: other.to_string(),
        },
    }
}

/// PNG and WebP through the `image` crate, with its allocation limit and our pixel limit.
fn with_image(bytes: &[u8], format: ImageFormat, limits: &Limits) -> Result<Decoded, PhotoError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut caps = image::Limits::default();
    caps.max_alloc = Some(limits.max_alloc);
    reader.limits(caps);
    let mut decoder = reader.into_decoder().map_err(|e| image_error(e, limits))?;
    let (width, height) = decoder.dimensions();
    limits.check(width, height)?;
    // `into_decoder` leaves the allocation limit to us: the decoded buffer, and the RGB copy
    // when the file is not 8-bit RGB already.
    let copy = if decoder.color_type() == image::ColorType::Rgb8 {
        0
    } else {
        u64::from(width) * u64::from(height) * 3
    };
    if decoder.total_bytes().saturating_add(copy) > limits.max_alloc {
        return Err(PhotoError::OverMemoryLimit {
            limit_bytes: limits.max_alloc,
        });
    }
    let exif = decoder
        .exif_metadata()
        .map_err(|e| image_error(e, limits))?;
    let image = DynamicImage::from_decoder(decoder).map_err(|e| image_error(e, limits))?;
    let rgb = if image.color().has_alpha() {
        over_white(image.into_rgba8())
    } else {
        image.into_rgb8()
    };
    Ok(Decoded {
        rgb: Rgb {
            width: rgb.width(),
            height: rgb.height(),
            pixels: rgb.into_raw(),
        },
        exif,
    })
}

/// Transparent pixels shown on white, as a browser shows them on the page.
fn over_white(rgba: image::RgbaImage) -> image::RgbImage {
    let (width, height) = rgba.dimensions();
    let pixels = rgba
        .as_raw()
        .chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [mix(p[0]), mix(p[1]), mix(p[2])]
        })
        .collect();
    image::RgbImage::from_raw(width, height, pixels).expect("three bytes for each pixel")
}

fn image_error(error: image::ImageError, limits: &Limits) -> PhotoError {
    use image::ImageError;
    match error {
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Truncated
        }
        ImageError::Limits(_) => PhotoError::OverMemoryLimit {
            limit_bytes: limits.max_alloc,
        },
        ImageError::Unsupported(e) => PhotoError::Unsupported {
            reason: e.to_string(),
        },
        other => PhotoError::Corrupt {
            reason: other.to_string(),
        },
    }
}
