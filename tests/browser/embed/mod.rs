//! The uploader embedded in a host page of another site (`localhost` framing `127.0.0.1`), in a
//! real Chromium. `journeys`: the upload in the frame, the events on the host page, who may frame
//! it, host identities. `layout`: a frame as tall as its content (with screenshots), the cookie
//! rules, and the sandbox demo. Here: the steps they share.

mod attacks;
mod host;
mod journeys;
mod layout;
mod look;
mod recording;

use serde_json::Value;

use crate::helpers::{TestApp, spawn_app_with};
use crate::session::Browser;
use host::{HostSite, host_path};

pub const SECRET: &str = "the host site's identity secret, 32+ bytes";

pub async fn embeddable_app(host: &HostSite) -> TestApp {
    let origins = format!("{} https://intranet.example", host.allowed);
    spawn_app_with(|vars| {
        vars.insert("EMBED_ORIGINS".into(), origins);
        vars.insert("EMBED_IDENTITY_SECRET".into(), SECRET.into());
        vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
    })
    .await
}

/// Opens the host page and steps into the portal's frame once its form is there.
pub async fn open_embedded(b: &Browser, portal: &str, identity: &str) {
    b.client.enter_parent_frame().await.ok();
    b.goto(&host_path(portal, identity, "From the intranet"))
        .await;
    let frame = b.wait_for_element("[data-upload-portal] iframe").await;
    frame.enter_frame().await.unwrap();
}

/// Steps back out to the host page, runs `script` there, and steps into the frame again.
pub async fn in_host(b: &Browser, script: &str) -> Value {
    b.client.enter_parent_frame().await.unwrap();
    let value = b.run(script).await;
    b.find("[data-upload-portal] iframe")
        .await
        .enter_frame()
        .await
        .unwrap();
    value
}

/// Waits until the host page has received an event named `name`; returns its detail.
pub async fn wait_for_event(b: &Browser, name: &str) -> Value {
    let script = format!(
        "return (window.portalEvents.find(e => e.name === 'upload-portal:{name}') || {{}}).detail || null"
    );
    b.wait_for(&format!("the host page to hear {name}"), || async {
        match in_host(b, &script).await {
            Value::Null => Err(in_host(b, "return JSON.stringify(window.portalEvents)")
                .await
                .to_string()),
            detail => Ok(detail),
        }
    })
    .await
}

pub async fn describe_in_frame(b: &Browser, title: &str) {
    b.wait_for_element("form.metadata-form").await;
    b.fill("#title", title).await;
    b.click("form.metadata-form button[type=submit]").await;
    b.wait_for_element("form.upload-form[data-enhanced=true]")
        .await;
}

/// The titles the frame's "My uploads" shows.
pub async fn titles_in_frame(b: &Browser) -> Vec<String> {
    b.click("nav a[href$='/uploads']").await;
    b.wait_for_element("section.card h1").await;
    let titles = b
        .run(
            "return Array.from(document.querySelectorAll('.upload-title')).map(t => t.textContent)",
        )
        .await;
    serde_json::from_value(titles).unwrap()
}

pub const WIDTHS: [(&str, u32); 2] = [("desktop", 1280), ("phone", 375)];

/// The frame is as tall as its page and the page does not scroll inside it.
pub async fn assert_frame_fits(b: &Browser, what: &str) {
    b.wait_for(&format!("the frame to fit {what}"), || async {
        let inner = b
            .run("const d = document.documentElement; return [Math.ceil(d.getBoundingClientRect().height), d.scrollHeight, window.innerHeight]")
            .await;
        let frame = in_host(b, "return document.querySelector('[data-upload-portal] iframe').getBoundingClientRect().height").await;
        let (content, scroll, viewport) = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap(), inner[2].as_i64().unwrap());
        let fits = (content - viewport).abs() <= 1 && scroll <= viewport && (frame.as_f64().unwrap() as i64 - viewport).abs() <= 1;
        if fits { Ok(()) } else { Err(format!("content {content}, scroll {scroll}, frame viewport {viewport}, iframe {frame}")) }
    })
    .await;
}
