//! The two renditions: resized, turned upright, encoded as JPEG with nothing but pixels.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::decode::Rgb;
use super::{Limits, PhotoError, Rendition, Sha256, fit};

/// The display image and the thumbnail from decoded pixels. `stored` is the original's
/// size as stored: the display size comes from it, not from the (DCT-scaled) decoded size,
/// so the proportions are the original's.
pub(super) fn renditions(
    decoded: Rgb,
    stored: (u32, u32),
    orientation: u8,
    limits: &Limits,
) -> Result<(Rendition, Rendition), PhotoError> {
    let mut resizer = Resizer::new();
    let (width, height) = fit(stored.0, stored.1, limits.display_long_side);
    let display = resize(&mut resizer, decoded, width, height)?;
    let (width, height) = fit(display.width, display.height, limits.thumbnail_long_side);
    let thumbnail = resize_ref(&mut resizer, &display, width, height)?;
    Ok((
        encode(orient(display, orientation), limits.quality)?,
        encode(orient(thumbnail, orientation), limits.quality)?,
    ))
}

fn resize(resizer: &mut Resizer, source: Rgb, width: u32, height: u32) -> Result<Rgb, PhotoError> {
    if (source.width, source.height) == (width, height) {
        return Ok(source);
    }
    resize_ref(resizer, &source, width, height)
}

fn resize_ref(
    resizer: &mut Resizer,
    source: &Rgb,
    width: u32,
    height: u32,
) -> Result<Rgb, PhotoError> {
    let failed = |e: &dyn std::fmt::Display| PhotoError::Corrupt {
        reason: format!("resizing failed: {e}"),
    };
    let from = ImageRef::new(source.width, source.height, &source.pixels, PixelType::U8x3)
        .map_err(|e| failed(&e))?;
    let mut to = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer
        .resize(&from, &mut to, &options)
        .map_err(|e| failed(&e))?;
    Ok(Rgb {
        width,
        height,
        pixels: to.into_vec(),
    })
}

/// Turns stored pixels upright: `orientation` is the Exif value, 1 to 8.
fn orient(rgb: Rgb, orientation: u8) -> Rgb {
    use image::metadata::Orientation;
    let Some(orientation) =
        Orientation::from_exif(orientation).filter(|o| *o != Orientation::NoTransforms)
    else {
        return rgb;
    };
    let buffer = image::RgbImage::from_raw(rgb.width, rgb.height, rgb.pixels)
        .expect("three bytes for each pixel");
    let mut image = image::DynamicImage::ImageRgb8(buffer);
    image.apply_orientation(orientation);
    let upright = image.into_rgb8();
    Rgb {
        width: upright.width(),
        height: upright.height(),
        pixels: upright.into_raw(),
    }
}

/// Baseline JPEG with a JFIF header and no other segment: no Exif, no ICC, no comment.
fn encode(rgb: Rgb, quality: u8) -> Result<Rendition, PhotoError> {
    let failed = |e: &dyn std::fmt::Display| PhotoError::Corrupt {
        reason: format!("encoding failed: {e}"),
    };
    let side = |n: u32| u16::try_from(n).map_err(|e| failed(&e));
    let mut jpeg = Vec::with_capacity(rgb.pixels.len() / 8);
    jpeg_encoder::Encoder::new(&mut jpeg, quality)
        .encode(
            &rgb.pixels,
            side(rgb.width)?,
            side(rgb.height)?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| failed(&e))?;
    Ok(Rendition {
        sha256: Sha256::of(&jpeg),
        jpeg,
        width: rgb.width,
        height: rgb.height,
    })
}
