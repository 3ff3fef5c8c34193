//! Photos of barriers: the file's kind told from its bytes, limits checked on the header
//! before decoding, Exif facts read (orientation, capture time, position), and two
//! renditions made, a display image and a thumbnail, as JPEG without any metadata. Pure
//! computation: the bytes come in, the renditions go out; storing them is `crate::objects`.

mod decode;
mod digest;
mod floor;
mod header;
mod kind;
mod metadata;
mod render;
pub mod sample;

#[cfg(test)]
mod tests;

pub use digest::Sha256;
pub use kind::{Kind, sniff};
pub use metadata::{Metadata, Taken};

use crate::domain::geo::{Coordinates, distance_m};

/// What the pipeline allows and produces; [`Limits::default`] is the product's setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Most pixels a photo may have (width times height, as its header says).
    pub max_pixels: u64,
    /// Most bytes a decoder may allocate for one photo.
    pub max_alloc: u64,
    /// Longest side of the display image; smaller photos are not enlarged.
    pub display_long_side: u32,
    /// Longest side of the thumbnail.
    pub thumbnail_long_side: u32,
    /// JPEG quality of both renditions, 1 to 100.
    pub quality: u8,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pixels: 50_000_000,
            max_alloc: 512 * 1024 * 1024,
            display_long_side: 1600,
            thumbnail_long_side: 320,
            quality: 80,
        }
    }
}

impl Limits {
    /// Refuses a width and height whose product is over `max_pixels`.
    fn check(&self, width: u32, height: u32) -> Result<(), PhotoError> {
        if u64::from(width) * u64::from(height) > self.max_pixels {
            return Err(PhotoError::TooManyPixels {
                width,
                height,
                max_megapixels: self.max_pixels / 1_000_000,
            });
        }
        Ok(())
    }
}

/// Why a file is not taken as a photo, as data: the web layer words it for the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The bytes are not a JPEG, PNG or WebP; `found` says what they look like.
    #[error("not a JPEG, PNG or WebP image: looks like {found}")]
    NotAnImage {
        /// What the bytes look like.
        found: Kind,
    },
    /// The header declares more pixels than allowed.
    #[error("{width} x {height} pixels is over {max_megapixels} megapixels")]
    TooManyPixels {
        /// Width the header declares.
        width: u32,
        /// Height the header declares.
        height: u32,
        /// The limit, in millions of pixels.
        max_megapixels: u64,
    },
    /// The file is far too small for the pixels its header declares (see `floor`): cut
    /// short, or made to cost a decoder far more than its size.
    #[error("{bytes} bytes is far too few for {width} x {height} pixels (at least {least})")]
    TooFewBytes {
        /// Width the header declares.
        width: u32,
        /// Height the header declares.
        height: u32,
        /// Size of the file.
        bytes: u64,
        /// The fewest bytes accepted for that many pixels.
        least: u64,
    },
    /// Decoding would allocate more than the limit.
    #[error("decoding needs more than {limit_bytes} bytes of memory")]
    OverMemoryLimit {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
    /// The file ends before the image does (an upload cut short).
    #[error("the file is cut short")]
    Truncated,
    /// The file is of an accepted kind but broken.
    #[error("the image is corrupt: {reason}")]
    Corrupt {
        /// What the decoder found wrong (English, for the logs).
        reason: String,
    },
    /// A valid file using a feature the decoders do not have (arithmetic coding, say).
    #[error("the image uses an unsupported feature: {reason}")]
    Unsupported {
        /// The feature (English, for the logs).
        reason: String,
    },
}

/// The result of [`process`]: facts about the original and the two renditions.
#[derive(Debug, Clone, PartialEq)]
pub struct Processed {
    /// The uploaded file as it came.
    pub original: Original,
    /// The display image: long side at most [`Limits::display_long_side`], upright.
    pub display: Rendition,
    /// The thumbnail: long side at most [`Limits::thumbnail_long_side`], upright.
    pub thumbnail: Rendition,
    /// What the camera wrote; none of it is in the renditions.
    pub metadata: Metadata,
}

/// Facts about the uploaded file; its bytes stay with the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Original {
    /// JPEG, PNG or WebP.
    pub kind: Kind,
    /// SHA-256 of the file's bytes, its storage key.
    pub sha256: Sha256,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Width in pixels once upright (the Exif orientation applied).
    pub width: u32,
    /// Height in pixels once upright.
    pub height: u32,
}

/// A JPEG made by the pipeline: baseline, no Exif, no ICC profile, no comment.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendition {
    /// The JPEG file.
    pub jpeg: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// SHA-256 of `jpeg`, its storage key.
    pub sha256: Sha256,
}

impl std::fmt::Debug for Rendition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendition")
            .field("jpeg", &format_args!("{} bytes", self.jpeg.len()))
            .field("width", &self.width)
            .field("height", &self.height)
            .field("sha256", &self.sha256)
            .finish()
    }
}

/// Checks an uploaded file and makes its display image and thumbnail. The kind is told
/// from the bytes; width and height are checked on the header before any decoding, against
/// the pixel limit and against the file's size (a file far too small for its pixels is
/// refused); the
/// decoders run under `catch_unwind`, so a decoder's panic is a [`PhotoError::Corrupt`].
pub fn process(bytes: &[u8], limits: &Limits) -> Result<Processed, PhotoError> {
    let kind = sniff(bytes);
    if !kind.is_accepted() {
        return Err(PhotoError::NotAnImage { found: kind });
    }
    let header = header::read(kind, bytes)?;
    limits.check(header.width, header.height)?;
    floor::check(kind, header.width, header.height, bytes.len())?;
    let (metadata, display, thumbnail) = guarded(|| {
        let decoded = decode::decode(kind, bytes, &header, limits.display_long_side, limits)?;
        let exif = header.jpeg_exif.or(decoded.exif.as_deref());
        let metadata = exif.map(metadata::read).unwrap_or_default();
        let (display, thumbnail) = render::renditions(
            decoded.rgb,
            (header.width, header.height),
            metadata.orientation,
            limits,
        )?;
        Ok((metadata, display, thumbnail))
    })?;
    let (width, height) = if metadata.orientation >= 5 {
        (header.height, header.width)
    } else {
        (header.width, header.height)
    };
    Ok(Processed {
        original: Original {
            kind,
            sha256: Sha256::of(bytes),
            bytes: bytes.len() as u64,
            width,
            height,
        },
        display,
        thumbnail,
        metadata,
    })
}

/// Runs a decoding step so that a panic in a decoder becomes a [`PhotoError::Corrupt`].
fn guarded<T>(step: impl FnOnce() -> Result<T, PhotoError>) -> Result<T, PhotoError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(PhotoError::Corrupt {
            reason: format!("the decoder gave up ({message})"),
        })
    })
}

/// The size of `width` x `height` shrunk to a long side of at most `long_side`, the
/// proportions kept, never enlarged, never under one pixel.
pub fn fit(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(long_side) + u64::from(long) / 2) / u64::from(long);
        (scaled as u32).max(1)
    };
    (scale(width), scale(height))
}

/// How far from the site a photo's camera position may be before the reviewer is warned
/// that the evidence may belong to another place.
pub const FAR_FROM_SITE_M: f64 = 500.0;

/// How far a photo's camera was from the site it documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameraDistance {
    /// Metres between the camera's position and the site.
    pub metres: f64,
    /// More than [`FAR_FROM_SITE_M`]: the reviewer is warned.
    pub far: bool,
}

/// How far from `site` a photo taken at `camera` was; none when the photo does not say
/// where it was taken.
pub fn camera_distance(site: Coordinates, camera: Option<Coordinates>) -> Option<CameraDistance> {
    let metres = distance_m(site, camera?);
    Some(CameraDistance {
        metres,
        far: metres > FAR_FROM_SITE_M,
    })
}
