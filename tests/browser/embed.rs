//! The uploader embedded in a host page of another site (`localhost` framing `127.0.0.1`), in a
//! real Chromium: the upload in the frame, the events on the host page, who may frame it, host
//! identities, and a frame as tall as its content.

use std::time::Duration;

use serde_json::Value;

use crate::embed_host::{HostSite, host_path, start_host_site};
use crate::files::media_file;
use crate::helpers::{TestApp, identity_token, spawn_app_with};
use crate::journeys::wait_for_rows_to_settle;
use crate::session::{Browser, Options, with_browser};

const SECRET: &str = "the host site's identity secret, 32+ bytes";

async fn embeddable_app(host: &HostSite) -> TestApp {
    let origins = format!("{} https://intranet.example", host.allowed);
    spawn_app_with(|vars| {
        vars.insert("EMBED_ORIGINS".into(), origins);
        vars.insert("EMBED_IDENTITY_SECRET".into(), SECRET.into());
        vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
    })
    .await
}

/// Opens the host page and steps into the portal's frame once its form is there.
async fn open_embedded(b: &Browser, portal: &str, identity: &str) {
    b.client.enter_parent_frame().await.ok();
    b.goto(&host_path(portal, identity, "From the intranet"))
        .await;
    let frame = b.wait_for_element("[data-upload-portal] iframe").await;
    frame.enter_frame().await.unwrap();
}

/// Steps back out to the host page, runs `script` there, and steps into the frame again.
async fn in_host(b: &Browser, script: &str) -> Value {
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
async fn wait_for_event(b: &Browser, name: &str) -> Value {
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

async fn describe_in_frame(b: &Browser, title: &str) {
    b.wait_for_element("form.metadata-form").await;
    b.fill("#title", title).await;
    b.click("form.metadata-form button[type=submit]").await;
    b.wait_for_element("form.upload-form[data-enhanced=true]")
        .await;
}

#[tokio::test]
async fn a_file_chosen_in_the_frame_uploads_and_the_host_page_hears_received_then_ready() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "embedded.mp4", 300_000);

    with_browser(
        "embed-upload",
        &host.allowed,
        Options::default(),
        async |b| {
            open_embedded(b, &app.address, "").await;
            let prefilled = b.find("#title").await.prop("value").await.unwrap();
            assert_eq!(
                prefilled.as_deref(),
                Some("From the intranet"),
                "data-title prefills"
            );
            describe_in_frame(b, "Filmed in the frame").await;
            let created = wait_for_event(b, "created").await;
            assert_eq!(created["title"], "Filmed in the frame");

            b.choose_files("#file", &[&clip]).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            let received = wait_for_event(b, "received").await;
            let photo = app.sandbox.photos()[0].clone();
            assert_eq!(received["photo_id"], photo.photo_id);
            assert_eq!(received["tree_id"], photo.tree_id);
            assert_eq!(received["upload_id"], created["upload_id"]);

            app.sandbox.finish_encoding(photo.photo_id);
            let ready = wait_for_event(b, "ready").await;
            assert_eq!(ready["photo_id"], photo.photo_id);
            assert_eq!(ready["status"], "ready");
            let names = in_host(b, "return window.portalEvents.map(e => e.name)").await;
            assert_eq!(
                names,
                serde_json::json!([
                    "upload-portal:created",
                    "upload-portal:received",
                    "upload-portal:ready"
                ]),
                "each event once, in order"
            );
            let origins = in_host(
                b,
                "return [...new Set(window.portalMessages.map(m => m.origin))]",
            )
            .await;
            assert_eq!(
                origins,
                serde_json::json!([app.address]),
                "only the portal spoke"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn when_the_file_goes_by_form_post_23s_redirect_comes_back_into_the_frame() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;

    with_browser("embed-redirect", &host.allowed, Options::default(), async |b| {
        open_embedded(b, &app.address, "").await;
        describe_in_frame(b, "Sent the old way").await;
        // What a browser without the page's upload script does: post the form itself to 23.
        b.run(
            "const form = document.querySelector('form.upload-form');
             const input = form.querySelector('input[type=file]');
             const files = new DataTransfer();
             files.items.add(new File(['not really a video'], 'old-way.mp4', { type: 'video/mp4' }));
             input.files = files.files;
             form.submit();",
        )
        .await;
        let received = wait_for_event(b, "received").await;
        assert_eq!(received["photo_id"], app.sandbox.photos()[0].photo_id);
        let landed = b.run("return location.pathname + location.hash").await;
        assert_eq!(
            landed.as_str().unwrap(),
            format!("/uploads#upload-{}", received["upload_id"]),
            "the frame, not the host page, came back to the history"
        );
        let status = b.find("li[data-status]").await.attr("data-status").await.unwrap();
        assert_eq!(status.as_deref(), Some("uploaded"));
        let host_url = in_host(b, "return location.origin").await;
        assert_eq!(host_url.as_str(), Some(host.allowed.as_str()), "the host page stayed");
    })
    .await;
}

#[tokio::test]
async fn a_host_page_of_an_origin_not_listed_cannot_show_the_portal_and_hears_nothing() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;

    with_browser(
        "embed-refused",
        &host.other,
        Options::default(),
        async |b| {
            b.goto(&host_path(&app.address, "", "Not allowed")).await;
            b.wait_for_element("[data-upload-portal] iframe").await;
            tokio::time::sleep(Duration::from_secs(3)).await;
            let messages = b.run("return window.portalMessages").await;
            assert_eq!(
                messages,
                serde_json::json!([]),
                "no message reached the page"
            );
            let frame = b.find("[data-upload-portal] iframe").await;
            frame.enter_frame().await.unwrap();
            assert!(
                !b.exists("form").await,
                "the browser shows no portal page in the frame"
            );
            assert!(!b.exists(".card").await);
        },
    )
    .await;
}

/// The titles the frame's "My uploads" shows.
async fn titles_in_frame(b: &Browser) -> Vec<String> {
    b.click("nav a[href$='/uploads']").await;
    b.wait_for_element("section.card h1").await;
    let titles = b
        .run(
            "return Array.from(document.querySelectorAll('.upload-title')).map(t => t.textContent)",
        )
        .await;
    serde_json::from_value(titles).unwrap()
}

#[tokio::test]
async fn two_host_users_on_one_browser_each_see_only_their_own_uploads_and_bad_tokens_are_refused()
{
    let host = start_host_site();
    let app = embeddable_app(&host).await;

    with_browser(
        "embed-identity",
        &host.allowed,
        Options::default(),
        async |b| {
            let alice = identity_token("alice", 600, SECRET);
            let bob = identity_token("bob", 600, SECRET);
            open_embedded(b, &app.address, &alice).await;
            describe_in_frame(b, "Alice's video").await;
            open_embedded(b, &app.address, &bob).await;
            describe_in_frame(b, "Bob's video").await;
            assert_eq!(titles_in_frame(b).await, ["Bob's video"]);
            open_embedded(b, &app.address, &alice).await;
            b.wait_for_element("form.metadata-form").await;
            assert_eq!(titles_in_frame(b).await, ["Alice's video"]);

            for (token, says) in [
                (identity_token("alice", -300, SECRET), "has expired"),
                (
                    identity_token("alice", 600, "a key the portal does not know, 32+"),
                    "not signed with the agreed key",
                ),
            ] {
                open_embedded(b, &app.address, &token).await;
                let notice = b
                    .wait_for_element("[role=alert]")
                    .await
                    .text()
                    .await
                    .unwrap();
                assert!(notice.contains(says), "{notice}");
                assert!(
                    !b.exists("form.metadata-form").await,
                    "no form for a refused sign-in"
                );
            }
        },
    )
    .await;
}

const WIDTHS: [(&str, u32); 2] = [("desktop", 1280), ("phone", 375)];

/// The frame is as tall as its page and the page does not scroll inside it.
async fn assert_frame_fits(b: &Browser, what: &str) {
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

#[tokio::test]
async fn the_frame_is_as_tall_as_its_content_at_desktop_and_phone_widths() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "Harbour at dawn.mp4", 200_000);

    for (label, width) in WIDTHS {
        let options = Options {
            width,
            height: 900,
            ..Options::default()
        };
        with_browser(
            &format!("embed-{label}"),
            &host.allowed,
            options,
            async |b| {
                open_embedded(b, &app.address, "").await;
                b.wait_for_element("form.metadata-form").await;
                assert_frame_fits(b, "the new-upload form").await;
                screenshot(b, &format!("embed-new-upload-{label}"), width).await;

                describe_in_frame(b, "Harbour at dawn").await;
                assert_frame_fits(b, "the send page").await;
                b.choose_files("#file", &[&clip]).await;
                wait_for_rows_to_settle(b, 1).await;
                assert_frame_fits(b, "the finished upload").await;
                screenshot(b, &format!("embed-sent-{label}"), width).await;
            },
        )
        .await;
    }
}

/// Saves the host page, frame included, as `target/screenshots/{name}.png`: the window is made
/// as tall as the page (plus whatever the window itself takes), then put back.
async fn screenshot(b: &Browser, name: &str, width: u32) {
    b.client.enter_parent_frame().await.unwrap();
    let sizes = b
        .run("return [Math.ceil(document.body.getBoundingClientRect().height), window.outerHeight - window.innerHeight]")
        .await;
    let height = sizes[0].as_u64().unwrap() + sizes[1].as_u64().unwrap_or(0);
    b.client
        .set_window_size(width, height as u32)
        .await
        .unwrap();
    b.screenshot(name).await;
    b.client.set_window_size(width, 900).await.unwrap();
    b.find("[data-upload-portal] iframe")
        .await
        .enter_frame()
        .await
        .unwrap();
}

#[tokio::test]
async fn with_third_party_cookies_blocked_the_partitioned_cookie_still_carries_the_upload() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    let options = Options {
        block_third_party_cookies: true,
        ..Options::default()
    };
    with_browser("embed-3pc-blocked", &host.allowed, options, async |b| {
        open_embedded(b, &app.address, "").await;
        describe_in_frame(b, "Partitioned").await;
        assert_eq!(titles_in_frame(b).await, ["Partitioned"]);
    })
    .await;
}

#[tokio::test]
async fn a_browser_that_keeps_no_cookie_in_the_frame_is_offered_the_uploader_in_a_tab_of_its_own() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    let options = Options {
        block_cookies_of: Some("http://127.0.0.1:*"),
        ..Options::default()
    };
    with_browser("embed-no-cookies", &host.allowed, options, async |b| {
        open_embedded(b, &app.address, "").await;
        let link = b.wait_for_element("a[target=_blank]").await;
        assert_eq!(
            link.attr("href").await.unwrap(),
            Some(format!("{}/", app.address))
        );
        assert!(
            !b.exists("form.metadata-form").await,
            "no form that would fail at the first click"
        );
        assert_frame_fits(b, "the notice").await;
    })
    .await;
}

#[tokio::test]
async fn the_sandbox_demo_shows_the_uploader_in_a_host_page_of_another_origin() {
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let vars = crate::helpers::base_vars(dir.path(), None, &credentials).await;
    let (address, _) = crate::helpers::start_portal(&vars).await;
    let clip = media_file(dir.path(), "demo.mp4", 100_000);

    with_browser("embed-demo", &address, Options::default(), async |b| {
        b.goto("/embed/demo").await;
        b.wait_for_element(".embed-snippet").await;
        let origin = b.run("return location.origin").await;
        assert_ne!(
            origin.as_str(),
            Some(address.as_str()),
            "the demo is on another origin"
        );
        b.find("[data-upload-portal] iframe")
            .await
            .enter_frame()
            .await
            .unwrap();
        describe_in_frame(b, "Demo video").await;
        b.choose_files("#file", &[&clip]).await;
        assert_eq!(wait_for_rows_to_settle(b, 1).await[0].state, "done");
        b.client.enter_parent_frame().await.unwrap();
        b.wait_for("the demo to list the received event", || async {
            let log = b.text_now(".embed-demo-events").await?;
            if log.contains("upload-portal:received") {
                Ok(())
            } else {
                Err(log)
            }
        })
        .await;
    })
    .await;
}
