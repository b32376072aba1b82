//! The embedding settings as the app uses them: the configured ones, plus in sandbox mode on a
//! loopback address a second listener (same host, another port) whose origin may frame the
//! portal, so `/embed/demo` shows a host page of another origin with nothing to set up.

use std::net::{SocketAddr, TcpListener};

use anyhow::Context as _;
use url::Url;

use crate::config::Settings;
use crate::embed::{EmbedSettings, is_loopback};

pub fn embed_settings(
    settings: &Settings,
    public_url: &Url,
    sandbox: bool,
) -> anyhow::Result<(EmbedSettings, Option<TcpListener>)> {
    let mut embed = settings.embed.clone();
    let local = public_url.scheme() == "http" && is_loopback(public_url);
    if !sandbox || !local {
        return Ok((embed, None));
    }
    let listener = TcpListener::bind(SocketAddr::new(settings.bind_addr.ip(), 0))
        .context("could not listen for the embedding demo")?;
    let mut origin = public_url.clone();
    let _ = origin.set_port(Some(listener.local_addr()?.port()));
    embed.demo_origin = Some(origin.origin().ascii_serialization());
    Ok((embed, Some(listener)))
}
