//! A host site for the embedding tests: a tiny server of the test's own on loopback, reached as
//! `http://localhost:PORT` (another site than the portal's `127.0.0.1`). It serves the README's
//! snippet and records every message and upload event the page receives.

use std::net::TcpListener;

use actix_web::{App, HttpResponse, HttpServer, web};
use serde::Deserialize;

pub struct HostSite {
    /// Listed in the portal's `EMBED_ORIGINS`.
    pub allowed: String,
    /// Not listed: the same page, on another origin.
    pub other: String,
}

#[derive(Deserialize)]
struct PageQuery {
    portal: String,
    #[serde(default)]
    identity: String,
    #[serde(default)]
    title: String,
    /// `data-theme` and `data-accent`, given to the element as they come (escaped for HTML only).
    theme: Option<String>,
    accent: Option<String>,
}

/// Starts the host site on two loopback ports.
pub fn start_host_site() -> HostSite {
    let allowed = TcpListener::bind("127.0.0.1:0").unwrap();
    let other = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = |l: &TcpListener| format!("http://localhost:{}", l.local_addr().unwrap().port());
    let site = HostSite {
        allowed: origin(&allowed),
        other: origin(&other),
    };
    let server = HttpServer::new(|| App::new().route("/", web::get().to(host_page)))
        .workers(1)
        .listen(allowed)
        .unwrap()
        .listen(other)
        .unwrap()
        .run();
    tokio::spawn(server);
    site
}

/// The path of a host page embedding `portal`, as `identity` (a JWT, or none).
pub fn host_path(portal: &str, identity: &str, title: &str) -> String {
    let query =
        serde_urlencoded::to_string([("portal", portal), ("identity", identity), ("title", title)])
            .unwrap();
    format!("/?{query}")
}

async fn host_page(query: web::Query<PageQuery>) -> HttpResponse {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let portal = escape(&query.portal);
    let identity = if query.identity.is_empty() {
        String::new()
    } else {
        format!(r#" data-identity="{}""#, escape(&query.identity))
    };
    let mut look = String::new();
    for (name, value) in [("theme", &query.theme), ("accent", &query.accent)] {
        if let Some(value) = value {
            look.push_str(&format!(r#" data-{name}="{}""#, escape(value)));
        }
    }
    let html = format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A host page</title>
<script>
  window.portalMessages = [];
  window.portalEvents = [];
  window.addEventListener("message", (e) => window.portalMessages.push({{ origin: e.origin, data: e.data }}));
  for (const name of ["created", "received", "failed", "ready"]) {{
    document.addEventListener("upload-portal:" + name, (e) => window.portalEvents.push({{ name: e.type, detail: e.detail }}));
  }}
</script>
<style>body {{ margin: 0; font-family: sans-serif; }} header, footer {{ padding: 12px; background: #234; color: #fff; }}</style>
</head><body>
<header>Example Co. intranet</header>
<div data-upload-portal data-title="{title}" data-tags="intranet"{identity}{look}><a href="{portal}/">Upload a video</a></div>
<script src="{portal}/embed.js" async></script>
<footer>The host page goes on below the uploader.</footer>
</body></html>"#,
        title = escape(&query.title),
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        // The strictest policy a host may have: a form post from this page would reach the
        // portal as `Origin: null`, which it refuses; the frame must open all the same.
        .insert_header(("Referrer-Policy", "no-referrer"))
        .body(html)
}
