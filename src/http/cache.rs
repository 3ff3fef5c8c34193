//! Public responses a CDN can carry: an `ETag` from the bytes, `Cache-Control: public`, and
//! `304 Not Modified` when the client already holds them.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How long a shared cache may keep a public answer, in seconds: short, because a
/// verified fix must show soon.
pub const MAX_AGE: u32 = 60;

/// Largest public body this layer reads to tag it.
const TAGGED_MAX: usize = 64 * 1024 * 1024;

/// The strong validator of `bytes`: the first 128 bits of their SHA-256.
pub fn etag(bytes: &[u8]) -> String {
    let digest = crate::domain::secret::digest_bytes(bytes);
    format!("\"{}\"", &digest[..32])
}

/// True when `header` (an `If-None-Match` value) names `tag`, or is `*`.
fn matches(header: &str, tag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == tag || t.strip_prefix("W/") == Some(tag))
}

/// Middleware for the public GET routes.
pub async fn public(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let asked = req
        .headers()
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(req).await;
    if !(method == Method::GET || method == Method::HEAD) || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    parts.headers.entry(CACHE_CONTROL).or_insert_with(|| {
        HeaderValue::from_str(&format!("public, max-age={MAX_AGE}"))
            .unwrap_or(HeaderValue::from_static("public"))
    });
    // A handler that keeps its answers (the GeoJSON pages) tags them once, when it renders
    // them; the others are tagged here from their bytes.
    let (tag, body) = match parts.headers.get(ETAG).and_then(|v| v.to_str().ok()) {
        Some(tag) => (tag.to_owned(), body),
        None => {
            let Ok(bytes) = axum::body::to_bytes(body, TAGGED_MAX).await else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            let tag = etag(&bytes);
            if let Ok(value) = HeaderValue::from_str(&tag) {
                parts.headers.insert(ETAG, value);
            }
            (tag, Body::from(bytes))
        }
    };
    if asked.as_deref().is_some_and(|h| matches(h, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_matches_itself_in_a_list_weak_or_star_and_nothing_else() {
        let tag = etag(b"{}");
        assert!(matches(&tag, &tag));
        assert!(matches(&format!("\"x\", {tag}"), &tag));
        assert!(matches(&format!("W/{tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"other\"", &tag));
        assert_ne!(etag(b"{}"), etag(b"[]"));
    }
}
