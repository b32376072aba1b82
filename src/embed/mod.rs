//! Embedding the uploader in the operator's own pages: which origins may frame it, how its cookie
//! survives in a cross-site frame, and the host's word for who its visitor is.
//!
//! The host page loads `/embed.js` (`static/embed.js`), which opens the portal in an iframe on
//! `/embed/frame`; that page's script (`static/embed-identity.js`) takes the host's identity
//! token by message from a listed origin and posts it to `/embed` from the portal's own origin.
//! The frame's other script (`static/embed-frame.js`) reports sizes and upload events to the
//! parent, only to an origin listed here.

pub mod framing;
pub mod identity;
pub mod visitor;

use url::Url;

pub use identity::{HostUser, IdentityError, IdentityVerifier};

/// `EMBED_ORIGINS` and `EMBED_IDENTITY_SECRET`, read by config.
#[derive(Debug, Clone, Default)]
pub struct EmbedSettings {
    /// Origins that may frame the portal (`https://www.example.com`), exactly as browsers
    /// serialise them. Empty: no embedding.
    pub origins: Vec<String>,
    /// Checks `data-identity` tokens; `None` refuses every token.
    pub identity: Option<IdentityVerifier>,
    /// In sandbox mode, the demo host page's origin (same site, another port): it may frame the
    /// portal without turning on the cross-site cookie.
    pub demo_origin: Option<String>,
}

impl EmbedSettings {
    /// Whether any page may frame the portal.
    pub fn is_enabled(&self) -> bool {
        !self.origins.is_empty() || self.demo_origin.is_some()
    }

    /// Whether `origin` (an `Origin` header or `MessageEvent.origin`) may embed the portal.
    pub fn allows(&self, origin: &str) -> bool {
        self.all_origins().any(|o| o == origin)
    }

    /// Every origin that may frame the portal, the demo's included.
    pub fn all_origins(&self) -> impl Iterator<Item = &str> {
        self.origins
            .iter()
            .chain(&self.demo_origin)
            .map(String::as_str)
    }

    /// The session cookie must be `SameSite=None; Secure; Partitioned` for a cross-site frame to
    /// keep it. The demo host is same-site, so sandbox mode alone keeps the Lax cookie.
    pub fn cross_site_cookie(&self) -> bool {
        !self.origins.is_empty()
    }
}

/// `EMBED_ORIGINS`: space-separated `scheme://host[:port]`, no path, http or https. Each comes
/// back serialised as a browser would send it (lower-case host, default port dropped).
pub fn parse_origins(value: &str) -> Result<Vec<String>, String> {
    let mut origins = Vec::new();
    for item in value.split_whitespace() {
        let url = Url::parse(item)
            .map_err(|_| format!("'{item}' is not an origin like https://www.example.com"))?;
        // Only scheme, host and port: a path, query or user would never match a browser's Origin.
        let rest = item.split_once("://").map_or("", |(_, rest)| rest);
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if !matches!(url.scheme(), "http" | "https")
            || url.host_str().is_none()
            || rest.contains(['/', '?', '#', '@'])
        {
            return Err(format!(
                "'{item}' must be just scheme, host and port, like https://www.example.com"
            ));
        }
        let origin = url.origin().ascii_serialization();
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    Ok(origins)
}

/// A browser treats these hosts as secure contexts even over http, so a `Secure` cookie works
/// there (local development and the tests).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_and_anything_but_an_origin_is_refused() {
        assert_eq!(
            parse_origins("https://WWW.Example.com  http://localhost:8081 https://a.example:443/")
                .unwrap(),
            [
                "https://www.example.com",
                "http://localhost:8081",
                "https://a.example"
            ]
        );
        for bad in [
            "www.example.com",
            "ftp://example.com",
            "https://example.com/page",
            "https://example.com?x=1",
            "https://user@example.com",
            "*",
            "null",
        ] {
            assert!(parse_origins(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn loopback_hosts_are_secure_contexts_and_others_are_not() {
        for (url, expected) in [
            ("http://localhost:8080", true),
            ("http://127.0.0.1:8080", true),
            ("http://[::1]:8080", true),
            ("http://app.localhost", true),
            ("http://10.0.0.5:8080", false),
            ("http://videos.example.com", false),
        ] {
            assert_eq!(is_loopback(&Url::parse(url).unwrap()), expected, "{url}");
        }
    }
}
