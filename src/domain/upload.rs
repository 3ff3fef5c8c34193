//! Resumable photo uploads, by the tus 1.0 protocol (core, creation, termination,
//! expiration): the headers read and written, the metadata a photo's upload carries, and
//! where an upload stands. No I/O: the web layer reads the headers, the store keeps the
//! upload.

use base64::Engine;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::geo::{Coordinates, parse_position};
use super::validation::{FieldErrors, Problem};

/// The protocol version spoken, as `Tus-Resumable` and `Tus-Version` give it.
pub const TUS_VERSION: &str = "1.0.0";

/// The extensions offered, as `Tus-Extension` gives them.
pub const TUS_EXTENSIONS: &str = "creation,termination,expiration";

/// The most bytes kept as one stored piece: a request's body is written in pieces of this
/// size as it arrives, so a cut or a restart loses at most the piece being received.
pub const PIECE_BYTES: usize = 1024 * 1024;

/// An upload as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Its id, in its URL.
    pub id: Uuid,
    /// Who created it: only they may send to it or ask about it.
    pub owner: Uuid,
    /// The audit the photo is for.
    pub audit_id: Uuid,
    /// `Upload-Metadata` as it was sent.
    pub metadata: String,
    /// `Upload-Length`: the whole file, in bytes.
    pub length: u64,
    /// `Upload-Offset`: the bytes kept so far.
    pub received: u64,
    /// The photo it made, once complete (none if that photo was removed since).
    pub photo_id: Option<Uuid>,
    /// Every byte arrived and the photo was recorded.
    pub completed: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it expires: from then on it answers 410 until the clean-up removes it.
    pub expires_at: DateTime<Utc>,
}

impl Upload {
    /// True once `now` is past its expiry.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }

    /// True when the bytes from `at` to the end are all that is missing: they are the last
    /// piece, which commits with the photo.
    pub fn finished_by(&self, at: u64, more: u64) -> bool {
        at.saturating_add(more) == self.length
    }
}

/// `Upload-Expires`: the time in the HTTP date format (RFC 9110, IMF-fixdate).
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Reads `Upload-Offset` or `Upload-Length`: a non-negative whole number of digits only.
pub fn parse_count(text: &str) -> Option<u64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// The pairs of `Upload-Metadata`: keys as sent, values decoded from Base64.
pub fn parse_metadata(header: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut pairs: Vec<(String, Vec<u8>)> = Vec::new();
    for pair in header.split(',') {
        let pair = pair.trim();
        let (key, value) = pair.split_once(' ').unwrap_or((pair, ""));
        if key.is_empty() {
            return Err("a pair without a key".to_owned());
        }
        if pairs.iter().any(|(k, _)| k == key) {
            return Err(format!("the key `{key}` is given twice"));
        }
        let value = base64::engine::general_purpose::STANDARD
            .decode(value.trim())
            .map_err(|_| format!("the value of `{key}` is not Base64"))?;
        pairs.push((key.to_owned(), value));
    }
    Ok(pairs)
}

/// What a photo's upload says about the photo, from its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoMetadata {
    /// `audit`: the audit the photo is for.
    pub audit: Option<Uuid>,
    /// `item`: the checklist item it shows.
    pub item: Option<String>,
    /// `caption`: the inspector's caption.
    pub caption: Option<String>,
    /// `idempotency_key`: sent again with the same key, the photo is made once.
    pub key: Option<String>,
    /// `taken_at`: when the phone took it (RFC 3339), if the file does not say.
    pub taken_at: Option<String>,
    /// `position`: where the phone was (`LAT,LON`), if the file does not say.
    pub position: Option<Coordinates>,
}

/// The longest metadata value read, in bytes.
const VALUE_MAX: usize = 2000;

impl PhotoMetadata {
    /// Reads a photo upload's metadata; every wrong field is named. Unknown keys (a
    /// client's `filename`, `filetype`) are kept in the header only.
    pub fn parse(header: &str) -> Result<PhotoMetadata, FieldErrors> {
        let mut errors = FieldErrors::default();
        let pairs = if header.trim().is_empty() {
            Vec::new()
        } else {
            parse_metadata(header).map_err(|detail| {
                FieldErrors::single("Upload-Metadata", Problem::Malformed { detail })
            })?
        };
        let mut meta = PhotoMetadata::default();
        for (key, value) in pairs {
            let Ok(text) = String::from_utf8(value) else {
                errors.add(&key, Problem::NotUtf8 { column: 1 });
                continue;
            };
            if text.len() > VALUE_MAX {
                errors.add(&key, Problem::TooLong { max: VALUE_MAX });
                continue;
            }
            let text = text.trim().to_owned();
            let given = (!text.is_empty()).then_some(text.clone());
            match key.as_str() {
                "audit" => match Uuid::parse_str(&text) {
                    Ok(id) => meta.audit = Some(id),
                    Err(_) => errors.add("audit", Problem::NotAnId),
                },
                "item" => meta.item = given,
                "caption" => meta.caption = given,
                "idempotency_key" => meta.key = given,
                "taken_at" if given.is_some() => match DateTime::parse_from_rfc3339(&text) {
                    Ok(at) => meta.taken_at = Some(at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
                    Err(_) => errors.add(
                        "taken_at",
                        Problem::Malformed {
                            detail: format!("`{text}` is not an RFC 3339 time"),
                        },
                    ),
                },
                "position" if given.is_some() => match parse_position(&text) {
                    Ok(at) => meta.position = Some(at),
                    Err(problem) => errors.add("position", problem),
                },
                _ => {}
            }
        }
        if meta.audit.is_none() && errors.for_field("audit").is_none() {
            errors.add("audit", Problem::Required);
        }
        errors.into_result(|| meta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    #[test]
    fn offsets_and_lengths_are_digits_only() {
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("26214400"), Some(26_214_400));
        for bad in [
            "",
            "-1",
            "+5",
            "1.5",
            " 5",
            "5 ",
            "0x10",
            "99999999999999999999999",
        ] {
            assert_eq!(parse_count(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn metadata_pairs_are_a_key_a_space_and_base64_separated_by_commas() {
        let header = format!("filename {},empty,is_confidential ", b64("IMG 1.jpg"));
        let pairs = parse_metadata(&header).expect("valid");
        assert_eq!(
            pairs,
            [
                ("filename".to_owned(), b"IMG 1.jpg".to_vec()),
                ("empty".to_owned(), Vec::new()),
                ("is_confidential".to_owned(), Vec::new()),
            ]
        );
        assert!(
            parse_metadata("a YQ==,a Yg==")
                .expect_err("twice")
                .contains("twice")
        );
        assert!(
            parse_metadata("a not*base64")
                .expect_err("bad")
                .contains("Base64")
        );
        assert!(
            parse_metadata(",b")
                .expect_err("no key")
                .contains("without a key")
        );
    }

    #[test]
    fn a_photo_upload_names_its_audit_and_may_name_item_key_time_and_position() {
        let audit = Uuid::now_v7();
        let header = format!(
            "audit {},item {},caption {},idempotency_key {},taken_at {},position {},filename {}",
            b64(&audit.to_string()),
            b64("entrance.door_width"),
            b64("Cửa chính"),
            b64("k-1"),
            b64("2026-11-30T02:15:00Z"),
            b64("21.8531,106.7611"),
            b64("IMG_0001.jpg"),
        );
        let meta = PhotoMetadata::parse(&header).expect("valid");
        assert_eq!(meta.audit, Some(audit));
        assert_eq!(meta.item.as_deref(), Some("entrance.door_width"));
        assert_eq!(meta.caption.as_deref(), Some("Cửa chính"));
        assert_eq!(meta.key.as_deref(), Some("k-1"));
        assert_eq!(meta.taken_at.as_deref(), Some("2026-11-30T02:15:00+00:00"));
        let at = meta.position.expect("position");
        assert!((at.lat() - 21.8531).abs() < 1e-9 && (at.lon() - 106.7611).abs() < 1e-9);
    }

    #[test]
    fn a_photo_upload_without_an_audit_or_with_bad_values_is_refused_by_field() {
        let errors = PhotoMetadata::parse(&format!("item {}", b64("x"))).expect_err("no audit");
        assert_eq!(errors.for_field("audit"), Some(&Problem::Required));
        let header = format!(
            "audit {},taken_at {},position {}",
            b64("not-an-id"),
            b64("yesterday"),
            b64("91,200"),
        );
        let errors = PhotoMetadata::parse(&header).expect_err("bad values");
        assert_eq!(errors.for_field("audit"), Some(&Problem::NotAnId));
        assert!(errors.for_field("taken_at").is_some());
        assert!(errors.for_field("position").is_some());
        let errors = PhotoMetadata::parse("audit %%%").expect_err("not base64");
        assert!(errors.for_field("Upload-Metadata").is_some());
    }

    #[test]
    fn an_upload_expires_at_its_time_and_its_last_piece_ends_at_its_length() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let upload = Upload {
            id: Uuid::now_v7(),
            owner: Uuid::now_v7(),
            audit_id: Uuid::now_v7(),
            metadata: String::new(),
            length: 100,
            received: 40,
            photo_id: None,
            completed: false,
            created_at: at,
            expires_at: at + chrono::Duration::hours(48),
        };
        assert!(!upload.expired(at + chrono::Duration::hours(47)));
        assert!(upload.expired(at + chrono::Duration::hours(48)));
        assert!(upload.finished_by(40, 60));
        assert!(!upload.finished_by(40, 59));
        assert_eq!(http_date(at), "Tue, 01 Dec 2026 08:00:00 GMT");
    }
}
