//! The fewest bytes a genuine file can hold for the pixels its header declares. A file far
//! below that (a 1.2 KB JPEG declaring 8000 × 6000) would still decode, the decoder
//! filling in the missing data, at the full cost of its pixels: it is refused before
//! anything is decoded, so the work a photo costs is bounded by the bytes sent.
//!
//! The floors are half of what each format's coding can possibly reach, so no genuine file
//! is ever near them. Encoded by the `image` crate (the first test below prints the sizes),
//! a uniform one-colour 8000 × 6000 photo, the smallest genuine file of that size, is a
//! 1,313,129-byte JPEG and a 709,620-byte PNG (8-bit RGB); the floors for that size are
//! 46,875 and 2,929 bytes, 28 and 242 times below. (Its lossless WebP is 22,126 bytes.)

use super::{Kind, PhotoError};

/// Pixels per byte at the JPEG floor. A Huffman-coded JPEG spends at least one bit on
/// every 8 × 8 block's DC coefficient (no run can skip a DC symbol), so a file holds at
/// least one byte per 512 pixels; the floor is half of that.
const JPEG_PIXELS_PER_BYTE: u64 = 1024;

/// Pixels per byte at the PNG floor. The thinnest PNG has one bit per pixel, and deflate
/// compresses at most 1032 to 1 (258-byte matches coded in two bits), so a file holds at
/// least one byte per 8256 pixels; the floor is about half of that.
const PNG_PIXELS_PER_BYTE: u64 = 16_384;

/// The fewest bytes a genuine `kind` file of `width` × `height` pixels can have, by the
/// floors above. WebP has none: its lossless coding spends no bits at all on a pixel that
/// its only possible value predicts, so a genuine uniform WebP is tens of bytes at any size;
/// its cost is bounded by the pixel limit and the number of decodes running at once.
pub(super) fn least_bytes(kind: Kind, width: u32, height: u32) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    match kind {
        Kind::Jpeg => pixels / JPEG_PIXELS_PER_BYTE,
        Kind::Png => pixels / PNG_PIXELS_PER_BYTE,
        _ => 0,
    }
}

/// Refuses a file of `bytes` bytes that is far too small for `width` × `height` pixels.
pub(super) fn check(kind: Kind, width: u32, height: u32, bytes: usize) -> Result<(), PhotoError> {
    let least = least_bytes(kind, width, height);
    if (bytes as u64) < least {
        return Err(PhotoError::TooFewBytes {
            width,
            height,
            bytes: bytes as u64,
            least,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use image::{ImageFormat, Rgb, RgbImage};

    use super::*;

    fn uniform(format: ImageFormat) -> Vec<u8> {
        let image = RgbImage::from_pixel(8000, 6000, Rgb([200, 180, 40]));
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).expect("encodes");
        out.into_inner()
    }

    #[test]
    fn a_uniform_8000_by_6000_photo_is_far_above_each_floor() {
        for (format, kind) in [
            (ImageFormat::Jpeg, Kind::Jpeg),
            (ImageFormat::Png, Kind::Png),
        ] {
            let bytes = uniform(format);
            let least = least_bytes(kind, 8000, 6000);
            println!("{format:?}: {} bytes, floor {least}", bytes.len());
            assert!(
                bytes.len() as u64 > 3 * least,
                "{format:?}: {} bytes against a floor of {least}",
                bytes.len()
            );
            assert_eq!(check(kind, 8000, 6000, bytes.len()), Ok(()));
        }
        // A genuine uniform WebP (lossless) is tiny at any size: WebP has no floor.
        let webp = uniform(ImageFormat::WebP);
        println!("WebP: {} bytes", webp.len());
        assert_eq!(check(Kind::WebP, 8000, 6000, webp.len()), Ok(()));
    }

    #[test]
    fn the_floor_for_48_megapixels_is_tens_of_kilobytes_for_jpeg_and_a_few_for_png() {
        assert_eq!(least_bytes(Kind::Jpeg, 8000, 6000), 46_875);
        assert_eq!(least_bytes(Kind::Png, 8000, 6000), 2_929);
        assert_eq!(least_bytes(Kind::WebP, 8000, 6000), 0);
        // A thumbnail-sized file has no floor to speak of.
        assert_eq!(least_bytes(Kind::Jpeg, 64, 48), 3);
    }

    #[test]
    fn a_1200_byte_jpeg_declaring_48_megapixels_is_refused_naming_both() {
        assert_eq!(
            check(Kind::Jpeg, 8000, 6000, 1200),
            Err(PhotoError::TooFewBytes {
                width: 8000,
                height: 6000,
                bytes: 1200,
                least: 46_875
            })
        );
        assert_eq!(check(Kind::Jpeg, 8000, 6000, 46_875), Ok(()));
    }
}
