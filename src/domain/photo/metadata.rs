//! What the camera wrote into the Exif block: orientation, capture time and position.
//! Kept for the audit; never copied into the renditions.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use exif::{In, Tag, Value};

use crate::domain::geo::Coordinates;

/// The Exif facts the audits use, each absent when the camera did not write it or wrote
/// something unreadable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metadata {
    /// Exif orientation, 1 to 8 (1, upright, when absent or out of range); already applied
    /// to the renditions.
    pub orientation: u8,
    /// When the photo was taken, on the camera's clock.
    pub taken: Option<Taken>,
    /// Where the photo was taken (GPS latitude and longitude).
    pub position: Option<Coordinates>,
}

impl Default for Metadata {
    fn default() -> Self {
        Metadata {
            orientation: 1,
            taken: None,
            position: None,
        }
    }
}

/// A capture time as the camera wrote it: its local clock, and its offset from UTC when the
/// camera recorded one (`OffsetTimeOriginal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// `DateTimeOriginal`: the camera's wall-clock time, no zone.
    pub local: NaiveDateTime,
    /// `OffsetTimeOriginal`, when present.
    pub offset: Option<FixedOffset>,
}

/// Reads the facts from a raw Exif block (the TIFF structure); an unreadable block gives
/// none of them, since the photo itself may still be good.
pub(super) fn read(tiff: &[u8]) -> Metadata {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        return Metadata::default();
    };
    let field = |tag| exif.get_field(tag, In::PRIMARY).map(|f| &f.value);
    let orientation = field(Tag::Orientation)
        .and_then(|v| v.get_uint(0))
        .and_then(|o| u8::try_from(o).ok())
        .filter(|o| (1..=8).contains(o))
        .unwrap_or(1);
    let taken = field(Tag::DateTimeOriginal)
        .and_then(first_ascii)
        .and_then(local_time)
        .map(|local| Taken {
            local,
            offset: field(Tag::OffsetTimeOriginal)
                .and_then(first_ascii)
                .and_then(utc_offset),
        });
    let position = position(&exif);
    Metadata {
        orientation,
        taken,
        position,
    }
}

fn first_ascii(value: &Value) -> Option<&[u8]> {
    match value {
        Value::Ascii(parts) => parts.first().map(Vec::as_slice),
        _ => None,
    }
}

/// `YYYY:MM:DD HH:MM:SS`, the Exif date format; blanks and impossible dates give `None`.
fn local_time(text: &[u8]) -> Option<NaiveDateTime> {
    let t = exif::DateTime::from_ascii(text).ok()?;
    NaiveDate::from_ymd_opt(i32::from(t.year), u32::from(t.month), u32::from(t.day))?.and_hms_opt(
        u32::from(t.hour),
        u32::from(t.minute),
        u32::from(t.second),
    )
}

/// `+HH:MM` or `-HH:MM`.
fn utc_offset(text: &[u8]) -> Option<FixedOffset> {
    let mut t = exif::DateTime::from_ascii(b"2000:01:01 00:00:00").ok()?;
    t.parse_offset(text).ok()?;
    FixedOffset::east_opt(i32::from(t.offset?) * 60)
}

/// GPS latitude and longitude with their N/S and E/W references. A position missing a
/// reference, out of range, or exactly 0,0 (what some phones write without a fix) is none.
fn position(exif: &exif::Exif) -> Option<Coordinates> {
    let gps = |tag| exif.get_field(tag, In::PRIMARY).map(|f| &f.value);
    let lat = degrees(gps(Tag::GPSLatitude)?)?;
    let lon = degrees(gps(Tag::GPSLongitude)?)?;
    let lat = match first_ascii(gps(Tag::GPSLatitudeRef)?)? {
        b"N" => lat,
        b"S" => -lat,
        _ => return None,
    };
    let lon = match first_ascii(gps(Tag::GPSLongitudeRef)?)? {
        b"E" => lon,
        b"W" => -lon,
        _ => return None,
    };
    if lat == 0.0 && lon == 0.0 {
        return None;
    }
    Coordinates::new(lon, lat).ok()
}

/// Degrees, minutes and seconds as three rationals (fewer are read as given).
fn degrees(value: &Value) -> Option<f64> {
    let Value::Rational(parts) = value else {
        return None;
    };
    if parts.is_empty() || parts.iter().any(|r| r.denom == 0) {
        return None;
    }
    let total = parts
        .iter()
        .take(3)
        .zip([1.0, 60.0, 3600.0])
        .map(|(r, unit)| r.to_f64() / unit)
        .sum::<f64>();
    total.is_finite().then_some(total)
}
