//! `EMBED_ORIGINS` and `EMBED_IDENTITY_SECRET`: which sites may show the portal in a frame, and
//! the key their servers sign identity tokens with.

use std::net::SocketAddr;

use url::Url;

use super::error::{ConfigError, invalid};
use super::vars::Vars;
use crate::embed::{EmbedSettings, IdentityVerifier, is_loopback, parse_origins};

/// A frame on another site keeps only a `Secure` cookie, which browsers accept over https or on
/// a loopback address; embedding a portal served over plain http elsewhere is refused here rather
/// than failing in visitors' browsers.
pub(super) fn embed_settings(
    vars: &Vars,
    public_url: Option<&Url>,
    bind_addr: SocketAddr,
) -> Result<EmbedSettings, ConfigError> {
    let origins = match vars.get("EMBED_ORIGINS") {
        None => Vec::new(),
        Some(v) => parse_origins(&v).map_err(|problem| invalid("EMBED_ORIGINS", problem))?,
    };
    let secure = match public_url {
        Some(url) => url.scheme() == "https" || is_loopback(url),
        // Startup then serves on http://{BIND_ADDR}, with an unspecified address as loopback.
        None => bind_addr.ip().is_loopback() || bind_addr.ip().is_unspecified(),
    };
    if !origins.is_empty() && !secure {
        return Err(invalid(
            "EMBED_ORIGINS",
            "needs an https PUBLIC_URL: browsers keep a cookie in another site's frame only when it is Secure",
        ));
    }
    let secret = vars.secret("EMBED_IDENTITY_SECRET", 32)?;
    if secret.is_some() && origins.is_empty() {
        return Err(invalid(
            "EMBED_IDENTITY_SECRET",
            "is used only with EMBED_ORIGINS, which is not set",
        ));
    }
    Ok(EmbedSettings {
        origins,
        identity: secret.map(IdentityVerifier::new),
        demo_origin: None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use crate::config::{ConfigError, Settings};

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<&str, &str> = vars.iter().copied().collect();
        Settings::from_lookup(|name| map.get(name).map(|v| v.to_string()))
    }

    fn refused(vars: &[(&str, &str)]) -> &'static str {
        settings(vars).expect_err("refused").variable
    }

    #[test]
    fn unset_means_no_embedding_and_no_cross_site_cookie() {
        let s = settings(&[]).unwrap();
        assert!(!s.embed.is_enabled());
        assert!(!s.embed.cross_site_cookie());
        assert!(s.embed.identity.is_none());
    }

    #[test]
    fn origins_with_an_https_or_loopback_portal_turn_embedding_on() {
        for public in ["https://upload.example.com", "http://localhost:8080", ""] {
            let s = settings(&[
                ("PUBLIC_URL", public),
                ("EMBED_ORIGINS", "https://www.example.com"),
                ("EMBED_IDENTITY_SECRET", &"k".repeat(32)),
            ])
            .unwrap();
            assert!(s.embed.allows("https://www.example.com"), "{public}");
            assert!(!s.embed.allows("https://evil.example"));
            assert!(s.embed.cross_site_cookie() && s.embed.identity.is_some());
        }
    }

    #[test]
    fn a_portal_over_plain_http_elsewhere_cannot_be_embedded() {
        let vars = [
            ("PUBLIC_URL", "http://upload.example.com"),
            ("EMBED_ORIGINS", "https://www.example.com"),
        ];
        assert_eq!(refused(&vars), "EMBED_ORIGINS");
        let vars = [
            ("BIND_ADDR", "10.0.0.5:8080"),
            ("SANDBOX_PUBLIC", "1"),
            ("EMBED_ORIGINS", "https://www.example.com"),
        ];
        assert_eq!(refused(&vars), "EMBED_ORIGINS");
    }

    #[test]
    fn bad_origins_and_identity_secrets_are_refused_with_the_variable_named() {
        assert_eq!(
            refused(&[("EMBED_ORIGINS", "www.example.com")]),
            "EMBED_ORIGINS"
        );
        let short = [
            ("EMBED_ORIGINS", "https://www.example.com"),
            ("EMBED_IDENTITY_SECRET", "too short"),
        ];
        assert_eq!(refused(&short), "EMBED_IDENTITY_SECRET");
        let alone = [("EMBED_IDENTITY_SECRET", &*"k".repeat(32))];
        assert_eq!(refused(&alone), "EMBED_IDENTITY_SECRET");
    }
}
