//! Tags as chips (issue 21 §6): a comma, Enter or a space ends one; ✕ and Backspace take one off;
//! 23 gets its space-separated list; a tag the service could not keep is refused with a reason
//! instead of being changed quietly.

use super::axe::assert_accessible;
use super::file_first::{DESKTOP, PHONE, open_file_first};
use super::files::media_file;
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app;

const ENTER: &str = "\u{E007}";
const BACKSPACE: &str = "\u{E003}";

async fn chips(b: &Browser) -> Vec<String> {
    let chips = b
        .run("return [...document.querySelectorAll('.tag-chip > span')].map(s => s.textContent)")
        .await;
    serde_json::from_value(chips).unwrap()
}

async fn posted(b: &Browser) -> String {
    let value = b
        .run("return document.querySelector('input[name=tags]').value")
        .await;
    value.as_str().unwrap().to_string()
}

#[tokio::test]
async fn tags_become_chips_and_reach_23_as_its_space_separated_list() {
    for width in [DESKTOP, PHONE] {
        let app = spawn_app().await;
        let dir = tempfile::tempdir().unwrap();
        let clip = media_file(dir.path(), "beach day.mp4", 256 * 1024);
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser(&format!("tags-{width}"), &app.address, options, async |b| {
            open_file_first(b).await;
            b.fill("#tags", "beach, sun sea").await;
            assert_eq!(chips(b).await, ["beach", "sun"]);
            assert_eq!(posted(b).await, "beach sun sea", "what is typed counts too");
            b.find("#tags").await.send_keys(ENTER).await.unwrap();
            assert_eq!(chips(b).await, ["beach", "sun", "sea"]);

            b.click("button.tag-remove[data-tag=sun]").await;
            assert_eq!(chips(b).await, ["beach", "sea"]);
            let focused = b.run("return document.activeElement.id").await;
            assert_eq!(focused, "tags", "focus goes back to the typing");
            b.find("#tags").await.send_keys(BACKSPACE).await.unwrap();
            assert_eq!(chips(b).await, ["beach"]);
            b.find("#tags").await.send_keys("sea ").await.unwrap();
            assert_eq!(posted(b).await, "beach sea");

            b.find("#tags")
                .await
                .send_keys("wa\u{200B}ve,")
                .await
                .unwrap();
            let problem = b.text_now(".tag-problem").await.unwrap();
            assert!(
                problem.contains("wa"),
                "the refused tag is named: {problem}"
            );
            assert_eq!(
                chips(b).await,
                ["beach", "sea"],
                "not changed into another tag"
            );
            assert_eq!(posted(b).await, "beach sea");
            assert_accessible(b, "tags as chips, one refused").await;
            b.fill("#tags", "").await;

            b.choose_files("#file", &[&clip]).await;
            b.wait_for("the tags to reach 23", || async {
                let tokens = app.sandbox.upload_tokens();
                match tokens.first() {
                    Some(token) if token.tags == "beach sea" => Ok(()),
                    other => Err(format!("{other:?}")),
                }
            })
            .await;
        })
        .await;
    }
}
