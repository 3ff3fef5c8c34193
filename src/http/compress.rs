//! Compression of text answers: pages, JSON and GeoJSON, CSV, stylesheets and scripts go
//! out as brotli or gzip when the client accepts it. Photos and files that are compressed
//! already (JPEG, PNG, WebP, Excel workbooks) go as they are: compressing them again costs
//! time and saves nothing.

use axum::http::header::{CONTENT_ENCODING, CONTENT_TYPE, ETAG};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Version};
use axum::response::Response;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// Answers smaller than this go uncompressed: the encoding's own overhead would eat the gain.
const SMALLEST: u64 = 256;

/// The compression layer: brotli or gzip, for text answers of some size.
pub(super) fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(SizeAbove::new(SMALLEST).and(text_answer))
}

/// True when the answer's type is text: any `text/*`, JSON and its dialects (GeoJSON,
/// OpenAPI), JavaScript and XML. Images are never compressed, not even as text.
fn text_answer(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(is_text)
}

/// True for a text media type (parameters such as `charset` ignored).
fn is_text(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let Some((kind, sub)) = essence.split_once('/') else {
        return false;
    };
    match kind {
        "text" => true,
        "application" => {
            matches!(sub, "json" | "javascript" | "xml")
                || sub.ends_with("+json")
                || sub.ends_with("+xml")
        }
        _ => false,
    }
}

/// Marks the validator of an answer that went out compressed as weak (`W/"..."`): the
/// bytes sent are not those the tag was made from, and a strong tag promises the same
/// bytes. A weak tag still answers `If-None-Match`, which compares weakly.
pub(super) async fn weak_tag_when_encoded(mut response: Response) -> Response {
    let encoded = response.headers().contains_key(CONTENT_ENCODING);
    let strong = response
        .headers()
        .get(ETAG)
        .and_then(|v| v.to_str().ok())
        .filter(|tag| encoded && tag.starts_with('"'))
        .map(|tag| format!("W/{tag}"));
    if let Some(weak) = strong.and_then(|t| HeaderValue::from_str(&t).ok()) {
        response.headers_mut().insert(ETAG, weak);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_text;

    #[test]
    fn text_types_are_compressed_and_images_and_archives_are_not() {
        for text in [
            "text/html; charset=utf-8",
            "text/css; charset=utf-8",
            "text/javascript; charset=utf-8",
            "text/csv; charset=utf-8",
            "application/json",
            "application/geo+json",
            "application/vnd.oai.openapi+json;version=3.0",
            "text/plain; version=0.0.4",
        ] {
            assert!(is_text(text), "{text}");
        }
        for other in [
            "image/jpeg",
            "image/png",
            "image/webp",
            "image/svg+xml",
            "image/x-icon",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/gzip",
            "application/octet-stream",
            "",
        ] {
            assert!(!is_text(other), "{other}");
        }
    }
}
