//! Versions as HTTP says them: an `ETag` on every editable record, `If-Match` on changes.

use axum::extract::FromRequestParts;
use axum::http::header::{ETAG, IF_MATCH};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};

use super::error::ApiError;
use crate::app::Error;
use crate::domain::validation::Problem;

/// The `ETag` of version `version`: `"3"`.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits and quotes")
}

/// A header map holding the `ETag` of `version`.
pub fn with_etag(version: i64) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(ETAG, etag(version));
    headers
}

/// The version a change expects (`If-Match: "3"`); none when the header is absent or `*`,
/// so scripts that do not send it still work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IfMatch(pub Option<i64>);

/// Reads one `If-Match` value: `"3"`, `W/"3"` or `*`.
fn parse(value: &str) -> Result<Option<i64>, Problem> {
    let value = value.trim();
    if value == "*" {
        return Ok(None);
    }
    let tag = value.strip_prefix("W/").unwrap_or(value);
    tag.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .and_then(|t| t.parse::<i64>().ok())
        .map(Some)
        .ok_or(Problem::Malformed {
            detail: "expected an entity tag such as \"3\" (from the ETag header)".into(),
        })
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let text = value.to_str().unwrap_or_default();
        parse(text)
            .map(IfMatch)
            .map_err(|p| Error::field("If-Match", p).into())
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn entity_tags_are_read_strong_weak_or_any() {
        assert_eq!(parse("\"3\""), Ok(Some(3)));
        assert_eq!(parse("W/\"12\""), Ok(Some(12)));
        assert_eq!(parse("*"), Ok(None));
        assert!(parse("3").is_err());
        assert!(parse("\"three\"").is_err());
    }
}
