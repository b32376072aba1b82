//! The frame identity under attack in a real Chromium: an opaque-origin document inside the
//! listed host page (a sandboxed ad or widget) posting its own identity, and the host page's
//! fresh token reaching the frame without a reload.

use super::{SECRET, describe_in_frame, embeddable_app, in_host, open_embedded, titles_in_frame};
use crate::helpers::identity_token;
use crate::session::{Options, with_browser};

use super::host::start_host_site;

/// A sandboxed frame (opaque origin: its posts say `Origin: null`) that posts `token` to the
/// portal's `/embed` once it has loaded (so the host page sees two loads: its own, the answer's).
fn opaque_attacker(portal: &str, token: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let inner = format!(
        r#"<form method="post" action="{portal}/embed"><input name="identity" value="{token}"><input name="title" value="planted"></form><script>onload = () => setTimeout(() => document.forms[0].submit(), 50)</script>"#
    );
    format!(
        r#"<iframe id="attacker" sandbox="allow-scripts allow-forms" onload="window.attackerLoads = (window.attackerLoads || 0) + 1" srcdoc="{}"></iframe>"#,
        escape(&inner)
    )
}

#[tokio::test]
async fn a_sandboxed_frame_in_the_listed_page_cannot_sign_the_visitors_frame_in_as_the_attacker() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    with_browser(
        "embed-opaque-attacker",
        &host.allowed,
        Options::default(),
        async |b| {
            let victim = identity_token(&app.address, "victim", 600, SECRET);
            open_embedded(b, &app.address, &victim).await;
            describe_in_frame(b, "The victim's video").await;

            let attacker = identity_token(&app.address, "attacker", 600, SECRET);
            let frame = serde_json::to_string(&opaque_attacker(&app.address, &attacker)).unwrap();
            in_host(
                b,
                &format!("document.body.insertAdjacentHTML('beforeend', {frame})"),
            )
            .await;
            b.wait_for("the attacker's post to be answered", || async {
                match in_host(b, "return window.attackerLoads || 0")
                    .await
                    .as_i64()
                {
                    Some(n) if n >= 2 => Ok(()),
                    other => Err(format!("{other:?} loads")),
                }
            })
            .await;
            assert_eq!(
                titles_in_frame(b).await,
                ["The victim's video"],
                "the frame is still the victim's"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn a_fresh_token_set_on_the_element_reaches_the_frame_without_reloading_it() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    with_browser(
        "embed-fresh-token",
        &host.allowed,
        Options::default(),
        async |b| {
            let alice = identity_token(&app.address, "alice", 600, SECRET);
            open_embedded(b, &app.address, &alice).await;
            describe_in_frame(b, "Alice's video").await;
            assert_eq!(titles_in_frame(b).await, ["Alice's video"]);

            // The host page's own user changes (or its token is renewed): it sets the attribute.
            let bob =
                serde_json::to_string(&identity_token(&app.address, "bob", 600, SECRET)).unwrap();
            in_host(
                b,
                &format!("document.querySelector('[data-upload-portal]').dataset.identity = {bob}"),
            )
            .await;
            b.wait_for("the frame to be bob's", || async {
                match titles_in_frame(b).await {
                    titles if titles.is_empty() => Ok(()),
                    titles => Err(format!("{titles:?}")),
                }
            })
            .await;
        },
    )
    .await;
}
