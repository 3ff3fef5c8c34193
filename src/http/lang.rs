//! Picking the language of each request: `?lang=` (remembered in a cookie), then the cookie,
//! then Vietnamese.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{CONTENT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
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

/// Middleware: stores the language in the request and in the task-local used by errors,
/// sets the cookie when `?lang=` changes it, and labels the response.
pub async fn language(mut req: Request, next: Next) -> Response {
    let asked = from_query(req.uri().query());
    let remembered = cookie(req.headers(), COOKIE_NAME).and_then(Lang::parse);
    let lang = asked.or(remembered).unwrap_or_default();
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
    fn cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; lang=en; b=2"));
        assert_eq!(cookie(&headers, "lang"), Some("en"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}
