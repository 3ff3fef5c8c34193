//! Public responses a CDN can carry: an `ETag` from the bytes, `Cache-Control: public`, and
//! `304 Not Modified` when the client already holds them.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
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

/// Most answers kept at once, and most bytes.
const KEPT: usize = 256;
const KEPT_BYTES: usize = 64 * 1024 * 1024;

/// A rendered answer with its type and validator.
#[derive(Debug, Clone)]
pub struct Rendered {
    body: axum::body::Bytes,
    content_type: &'static str,
    etag: HeaderValue,
}

impl Rendered {
    /// `body` of `content_type`, tagged from its bytes once.
    pub fn new(body: Vec<u8>, content_type: &'static str) -> Result<Rendered, crate::app::Error> {
        let etag = HeaderValue::from_str(&etag(&body))
            .map_err(|e| crate::app::Error::Internal(e.into()))?;
        Ok(Rendered {
            body: body.into(),
            content_type,
            etag,
        })
    }

    /// The answer (the public middleware adds the cache policy, and 304 when it matches).
    pub fn response(&self) -> Response {
        (
            [
                (CONTENT_TYPE, HeaderValue::from_static(self.content_type)),
                (ETAG, self.etag.clone()),
            ],
            self.body.clone(),
        )
            .into_response()
    }
}

/// Public answers already rendered (GeoJSON pages, open data), each stamped with the event
/// log's position it was rendered at. Every change to a site, an audit or a finding
/// appends an event, so an answer whose stamp is the log's position now is still true;
/// any other is rendered again (the position comes from [`crate::app::events::position`]).
/// Many people ask for the same few answers, and answering them from here costs no read
/// of the sites and no encoding.
#[derive(Debug, Default)]
pub struct Kept(std::sync::Mutex<std::collections::HashMap<String, (i64, Rendered)>>);

impl Kept {
    /// The answer kept under `key`, if it was rendered at position `at`.
    pub fn get(&self, key: &str, at: i64) -> Option<Rendered> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(key)
            .filter(|(stamp, _)| *stamp == at)
            .map(|(_, page)| page.clone())
    }

    /// Keeps `page`, rendered at position `at`, under `key`.
    pub fn keep(&self, key: String, at: i64, page: Rendered) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let bytes = |kept: &std::collections::HashMap<String, (i64, Rendered)>| -> usize {
            kept.values().map(|(_, p)| p.body.len()).sum()
        };
        if kept.get(&key).is_some_and(|(stamp, _)| *stamp > at) {
            return; // a slower request rendered an older state: keep the newer answer
        }
        let full = |kept: &std::collections::HashMap<String, (i64, Rendered)>| {
            kept.len() >= KEPT || bytes(kept) + page.body.len() > KEPT_BYTES
        };
        if full(&kept) {
            kept.retain(|_, (stamp, _)| *stamp == at);
            if full(&kept) {
                kept.clear();
            }
        }
        kept.insert(key, (at, page));
    }
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
