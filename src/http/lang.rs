//! Picking the language of each request: `?lang=` (remembered in a cookie), then the cookie,
//! then the browser's `Accept-Language`, then Vietnamese.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::domain::lang::Lang;
use crate::i18n;

const COOKIE_NAME: &str = "lang";

/// Reads a cookie's value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

fn from_query(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::parse(v))
}

/// The language the browser prefers among ours (`Accept-Language`, by `q` weight; the
/// first listed wins a tie).
fn from_accept(headers: &HeaderMap) -> Option<Lang> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(Lang, f32)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let Some(lang) = pieces.next().and_then(Lang::parse) else {
            continue;
        };
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((lang, q));
        }
    }
    best.map(|(lang, _)| lang)
}

/// Middleware: stores the language in the request and in the task-local used by errors,
/// sets the cookie when `?lang=` changes it, and labels the response.
pub async fn language(mut req: Request, next: Next) -> Response {
    let asked = from_query(req.uri().query());
    let remembered = cookie(req.headers(), COOKIE_NAME).and_then(Lang::parse);
    let lang = asked
        .or(remembered)
        .or_else(|| from_accept(req.headers()))
        .unwrap_or_default();
    req.extensions_mut().insert(lang);
    let mut response = i18n::with_lang(lang, next.run(req)).await;
    let headers = response.headers_mut();
    if let Some(asked) = asked
        && Some(asked) != remembered
    {
        let cookie = format!(
            "{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            asked.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(VARY, HeaderValue::from_static("cookie"));
    headers.append(VARY, HeaderValue::from_static("accept-language"));
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Lang>().copied().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_lang_is_found_among_other_parameters() {
        assert_eq!(from_query(Some("q=x&lang=en")), Some(Lang::En));
        assert_eq!(from_query(Some("lang=xx")), None);
        assert_eq!(from_query(None), None);
    }

    #[test]
    fn the_browsers_preferred_language_among_ours_is_chosen_by_weight() {
        let accept = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static(value));
            from_accept(&headers)
        };
        assert_eq!(accept("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(accept("fr-FR,fr;q=0.9,en;q=0.5,vi;q=0.8"), Some(Lang::Vi));
        assert_eq!(
            accept("vi-VN, en"),
            Some(Lang::Vi),
            "the first of equal weight"
        );
        assert_eq!(accept("de,fr"), None);
        assert_eq!(accept("en;q=0"), None, "q=0 means not wanted");
        assert_eq!(from_accept(&HeaderMap::new()), None);
    }

    #[test]
    fn cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; lang=en; b=2"));
        assert_eq!(cookie(&headers, "lang"), Some("en"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}
