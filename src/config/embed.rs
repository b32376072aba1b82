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
