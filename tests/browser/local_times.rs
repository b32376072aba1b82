//! Dates in the visitor's own time zone and language (issue 21 §5): the history a visitor in
//! Copenhagen opens shows Copenhagen's time, on one line, at phone and desktop width, and without
//! JavaScript the server's UTC reading says it is UTC.

use super::axe::assert_accessible;
use super::journeys::describe_video;
use super::session::{Options, with_browser};
use crate::helpers::spawn_app;

const LANGUAGES: [&str; 5] = ["en", "da", "de", "sv", "nb"];

#[tokio::test]
async fn the_history_shows_times_in_the_visitors_time_zone_and_never_utc() {
    let app = spawn_app().await;
    for width in [390, 1280] {
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser("local-times", &app.address, options, async |b| {
            b.set_time_zone("Europe/Copenhagen").await;
            describe_video(b, "Filmed in Copenhagen").await;
            for lang in LANGUAGES {
                b.goto(&format!("/uploads?lang={lang}")).await;
                b.wait_for_element("li[data-status] time[datetime]").await;
                let expected = b
                    .run(
                        "const t = document.querySelector('li[data-status] time');
                         return new Intl.DateTimeFormat(document.documentElement.lang,
                           { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' })
                           .format(new Date(t.dateTime));",
                    )
                    .await;
                let expected = expected.as_str().unwrap().to_string();
                let shown = b
                    .wait_for("the time in Copenhagen's reading", || async {
                        let text = b.text_now("li[data-status] time").await?;
                        if text == expected { Ok(text) } else { Err(text) }
                    })
                    .await;
                let body = b.text_now("body").await.unwrap();
                assert!(!body.contains("UTC"), "{lang} at {width} px: {body}");
                let lines = b
                    .run(
                        "const t = document.querySelector('li[data-status] time');
                         const r = t.getClientRects();
                         return r.length === 1 ? 1 : new Set(Array.from(r, (x) => x.top)).size;",
                    )
                    .await;
                assert_eq!(lines.as_i64(), Some(1), "“{shown}” wraps at {width} px");
                if width == 390 {
                    assert_accessible(b, &format!("history with local times ({lang})")).await;
                }
            }
        })
        .await;
    }
}

#[tokio::test]
async fn without_javascript_the_history_says_its_times_are_utc() {
    let app = spawn_app().await;
    let options = Options {
        javascript: false,
        ..Options::default()
    };
    with_browser("utc-times", &app.address, options, async |b| {
        b.goto("/").await;
        b.fill("#title", "Sent without scripts").await;
        b.click("form.metadata-form button[type=submit]").await;
        b.wait_for_element("form.upload-form").await;
        b.goto("/uploads").await;
        let time = b.text_now("li[data-status] time").await.unwrap();
        assert!(time.ends_with("UTC"), "{time}");
    })
    .await;
}
