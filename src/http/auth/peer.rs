//! The client's address: the key for throttling sign-ins per address, and who may read
//! `/metrics`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::http::AppState;

/// The address a request came from. Behind a reverse proxy (`--trust-forwarded-for`) that
/// is the last `X-Forwarded-For` entry, the one the proxy itself added; otherwise the
/// header is ignored, since anyone can write it, and the connection's address counts.
/// Requests with neither (in-process tests) share the key `unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl ClientAddress {
    /// The address as an IP address (`None` for `unknown`).
    pub fn ip(&self) -> Option<IpAddr> {
        self.0.parse().ok()
    }
}

/// The last entry of `X-Forwarded-For`, if it is an address.
fn last_forwarded(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|v| !v.is_empty())?;
    last.parse().ok()
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.settings.trust_forwarded_for
            && let Some(ip) = last_forwarded(&parts.headers)
        {
            return Ok(ClientAddress(ip.to_string()));
        }
        let socket = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(ClientAddress(socket.map_or_else(
            || "unknown".into(),
            |ConnectInfo(a)| a.ip().to_string(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_last_forwarded_entry_is_the_one_the_proxy_added() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("1.2.3.4, 203.0.113.7"),
        );
        assert_eq!(last_forwarded(&headers), "203.0.113.7".parse().ok());
        headers.append("x-forwarded-for", HeaderValue::from_static("198.51.100.2"));
        assert_eq!(last_forwarded(&headers), "198.51.100.2".parse().ok());
        let mut junk = HeaderMap::new();
        junk.insert(
            "x-forwarded-for",
            HeaderValue::from_static("not-an-address"),
        );
        assert_eq!(last_forwarded(&junk), None);
    }
}
