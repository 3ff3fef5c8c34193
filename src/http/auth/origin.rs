//! The same-origin rule for cookie-authenticated writes.

use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN, REFERER};

use crate::http::Settings;

/// The `scheme://host[:port]` of a URL, lower case.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

/// True when an unsafe request may go ahead: the origin it names (`Origin`, else
/// `Referer`) is this site — the configured base URL exactly when there is one, else the
/// request's own `Host`. A request naming neither is allowed only without a session cookie.
pub fn same_origin(headers: &HeaderMap, settings: &Settings, cookie_authenticated: bool) -> bool {
    let named = headers
        .get(ORIGIN)
        .or_else(|| headers.get(REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(url) = named else {
        return !cookie_authenticated;
    };
    let Some(origin) = origin_of(url) else {
        return false; // "null" and anything unreadable
    };
    if settings.base_url_explicit {
        return origin_of(&settings.base_url).is_some_and(|ours| ours == origin);
    }
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    host.is_some_and(|h| origin.split_once("://").map(|(_, a)| a) == Some(&h.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    fn settings(base_url: &str, explicit: bool) -> Settings {
        Settings {
            base_url: base_url.into(),
            base_url_explicit: explicit,
            ..Settings::default()
        }
    }

    #[test]
    fn a_configured_base_url_must_match_scheme_host_and_port() {
        let ours = settings("https://tiepcan.example", true);
        let ok = headers(&[
            ("host", "tiepcan.example"),
            ("origin", "https://tiepcan.example"),
        ]);
        assert!(same_origin(&ok, &ours, true));
        let plain = headers(&[
            ("host", "tiepcan.example"),
            ("origin", "http://tiepcan.example"),
        ]);
        assert!(!same_origin(&plain, &ours, true), "http page on our host");
        let evil = headers(&[("host", "evil.example"), ("origin", "https://evil.example")]);
        assert!(
            !same_origin(&evil, &ours, true),
            "a forged Host does not help"
        );
        let referer = headers(&[("referer", "https://tiepcan.example/sites/new")]);
        assert!(same_origin(&referer, &ours, true));
    }

    #[test]
    fn without_a_base_url_the_origin_must_match_the_host() {
        let default = settings("http://127.0.0.1:8080", false);
        let ok = headers(&[
            ("host", "localhost:8080"),
            ("origin", "http://localhost:8080"),
        ]);
        assert!(same_origin(&ok, &default, true));
        let evil = headers(&[
            ("host", "localhost:8080"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!same_origin(&evil, &default, true));
        let null = headers(&[("host", "h"), ("origin", "null")]);
        assert!(!same_origin(&null, &default, false));
        let neither = headers(&[("host", "h")]);
        assert!(
            !same_origin(&neither, &default, true),
            "cookie writes must name their origin"
        );
        assert!(
            same_origin(&neither, &default, false),
            "programs without cookies may omit it"
        );
    }
}
