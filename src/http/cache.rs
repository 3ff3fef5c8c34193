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

/// Most answers kept at once, and most bytes of them: room for a province's whole map at
/// every zoom a crowd asks for (1,000 viewports of 100,000 sites are 92 MB), and a bound
/// on what a crawler walking every possible query can make the server hold.
const KEPT: usize = 4096;
const KEPT_BYTES: usize = 128 * 1024 * 1024;

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
///
/// When the log moves on, every older answer is dropped at the next one kept; when the
/// answers exceed [`KEPT`] or [`KEPT_BYTES`], the least recently asked for go first.
#[derive(Debug, Default)]
pub struct Kept(std::sync::Mutex<Answers>);

#[derive(Debug, Default)]
struct Answers {
    /// Least recently asked for first.
    pages: hashlink::LinkedHashMap<String, (i64, Rendered)>,
    /// Bytes of every body in `pages`.
    bytes: usize,
    /// The newest stamp kept.
    newest: i64,
}

impl Answers {
    fn remove(&mut self, key: &str) {
        if let Some((_, page)) = self.pages.remove(key) {
            self.bytes -= page.body.len();
        }
    }
}

impl Kept {
    /// The answer kept under `key`, if it was rendered at position `at`.
    pub fn get(&self, key: &str, at: i64) -> Option<Rendered> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match kept.pages.to_back(key) {
            Some((stamp, page)) if *stamp == at => Some(page.clone()),
            Some(_) => {
                kept.remove(key);
                None
            }
            None => None,
        }
    }

    /// Keeps `page`, rendered at position `at`, under `key`.
    pub fn keep(&self, key: String, at: i64, page: Rendered) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if at < kept.newest || page.body.len() > KEPT_BYTES {
            return; // a slower request rendered an older state: keep the newer answers
        }
        if at > kept.newest {
            kept.pages.retain(|_, (stamp, _)| *stamp == at);
            kept.bytes = kept.pages.values().map(|(_, p)| p.body.len()).sum();
            kept.newest = at;
        }
        kept.remove(&key);
        while kept.pages.len() >= KEPT || kept.bytes + page.body.len() > KEPT_BYTES {
            let Some((_, (_, oldest))) = kept.pages.pop_front() else {
                break;
            };
            kept.bytes -= oldest.body.len();
        }
        kept.bytes += page.body.len();
        kept.pages.insert(key, (at, page));
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

    fn page(bytes: usize) -> Rendered {
        Rendered::new(vec![b' '; bytes], "application/json").expect("a tag")
    }

    #[test]
    fn an_answer_is_kept_for_its_position_only() {
        let kept = Kept::default();
        kept.keep("a".into(), 7, page(10));
        assert!(kept.get("a", 7).is_some());
        assert!(kept.get("a", 8).is_none(), "the log moved on");
        assert!(kept.get("a", 7).is_none(), "dropped once found stale");
        kept.keep("b".into(), 9, page(10));
        kept.keep("c".into(), 8, page(10));
        assert!(
            kept.get("c", 8).is_none(),
            "an older state is not kept over a newer"
        );
        assert!(kept.get("b", 9).is_some());
    }

    #[test]
    fn a_thousand_viewports_asked_in_turn_all_stay_and_the_least_recent_goes_first_when_full() {
        let kept = Kept::default();
        let each = KEPT_BYTES / 2000;
        for i in 0..1000 {
            kept.keep(format!("q{i}"), 1, page(each));
        }
        for round in 0..3 {
            for i in 0..1000 {
                assert!(
                    kept.get(&format!("q{i}"), 1).is_some(),
                    "round {round}, q{i}"
                );
            }
        }
        // Fill to the byte bound: the first asked for (q0, then q1, ...) go, the rest stay.
        let big = KEPT_BYTES / 4;
        kept.get("q0", 1);
        for i in 0..3 {
            kept.keep(format!("big{i}"), 1, page(big));
        }
        let stays = |k: &str| kept.get(k, 1).is_some();
        let held = kept.0.lock().expect("lock").bytes;
        assert!(held <= KEPT_BYTES, "{held} bytes held");
        assert!(!stays("q1"), "least recently asked for");
        assert!(
            stays("q999") && stays("big2") && stays("q0"),
            "recently asked for"
        );
    }

    #[test]
    fn no_more_answers_than_the_count_bound_are_kept() {
        let kept = Kept::default();
        for i in 0..KEPT + 10 {
            kept.keep(format!("q{i}"), 1, page(1));
        }
        assert_eq!(kept.0.lock().expect("lock").pages.len(), KEPT);
        assert!(kept.get("q9", 1).is_none() && kept.get(&format!("q{}", KEPT + 9), 1).is_some());
    }
}
