//! The upload in the frame and the events on the host page; who may frame the portal; host users.

use std::time::Duration;

use super::host::{host_path, start_host_site};
use super::{
    SECRET, describe_in_frame, embeddable_app, in_host, open_embedded, titles_in_frame,
    wait_for_event,
};
use crate::files::media_file;
use crate::helpers::identity_token;
use crate::journeys::wait_for_rows_to_settle;
use crate::session::{Options, with_browser};

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
            let alice = identity_token(&app.address, "alice", 600, SECRET);
            let bob = identity_token(&app.address, "bob", 600, SECRET);
            open_embedded(b, &app.address, &alice).await;
            describe_in_frame(b, "Alice's video").await;
            open_embedded(b, &app.address, &bob).await;
            describe_in_frame(b, "Bob's video").await;
            assert_eq!(titles_in_frame(b).await, ["Bob's video"]);
            open_embedded(b, &app.address, &alice).await;
            b.wait_for_element("form.metadata-form").await;
            assert_eq!(titles_in_frame(b).await, ["Alice's video"]);

            for (token, says) in [
                (
                    identity_token(&app.address, "alice", -300, SECRET),
                    "has expired",
                ),
                (
                    identity_token(
                        &app.address,
                        "alice",
                        600,
                        "a key the portal does not know, 32+",
                    ),
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
