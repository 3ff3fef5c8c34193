//! The session cookie: its name, the header that sets it and the one that clears it.

use axum::http::HeaderValue;
use axum::http::header::SET_COOKIE;
use axum::response::Response;

/// Name of the session cookie: with the `__Host-` prefix under https, so no other
/// subdomain can set it.
pub fn session_cookie_name(base_url: &str) -> &'static str {
    if base_url.starts_with("https://") {
        "__Host-tiepcan_session"
    } else {
        "tiepcan_session"
    }
}

fn cookie_attributes(base_url: &str) -> &'static str {
    if base_url.starts_with("https://") {
        "Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(value: &str, base_url: &str) -> HeaderValue {
    let max_age = crate::domain::user::SESSION_MAX.num_seconds();
    let text = format!(
        "{}={value}; Max-Age={max_age}; {}",
        session_cookie_name(base_url),
        cookie_attributes(base_url)
    );
    HeaderValue::from_str(&text).expect("session values are hex")
}

/// Adds a `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(response: &mut Response, base_url: &str) {
    let text = format!(
        "{}=; Max-Age=0; {}",
        session_cookie_name(base_url),
        cookie_attributes(base_url)
    );
    if let Ok(value) = HeaderValue::from_str(&text) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_secure_behind_https_only() {
        let plain = session_cookie("s_ab", "http://127.0.0.1:8080");
        let tls = session_cookie("s_ab", "https://tiepcan.langson.gov.vn");
        let plain = plain.to_str().expect("ascii");
        let tls = tls.to_str().expect("ascii");
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(tls.contains("; Secure"));
        assert!(tls.starts_with("__Host-tiepcan_session=s_ab;"), "{tls}");
    }
}
