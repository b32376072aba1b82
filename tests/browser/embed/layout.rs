//! The frame's height at desktop and phone widths (with screenshots), the cookie rules in a real
//! browser, and the sandbox demo.

use super::host::start_host_site;
use super::{
    WIDTHS, assert_frame_fits, describe_in_frame, embeddable_app, open_embedded, titles_in_frame,
};
use crate::axe::assert_accessible;
use crate::files::media_file;
use crate::journeys::wait_for_rows_to_settle;
use crate::session::{Browser, Options, with_browser};

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
                assert_accessible(b, &format!("the embedded new-upload form ({label})")).await;
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
        assert_accessible(b, "the embedded notice to open a tab").await;
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
