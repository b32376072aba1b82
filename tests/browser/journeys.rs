//! Steps every browser test takes, written once.

use std::time::Duration;

use super::session::{Browser, WAIT};

/// Fills in the new-upload form and continues to the send page; returns its path.
pub async fn describe_video(browser: &Browser, title: &str) -> String {
    browser.goto("/").await;
    browser.fill("#title", title).await;
    browser
        .fill("#description", "Filmed for a browser test")
        .await;
    browser.fill("#tags", "test browser").await;
    browser
        .click("form.metadata-form button[type=submit]")
        .await;
    browser
        .wait_for("the send page", || async {
            let path = browser.path().await;
            if path.starts_with("/uploads/") && path.ends_with("/send") {
                Ok(path)
            } else {
                Err(path)
            }
        })
        .await
}

/// Waits until the send page's script has taken over the form.
/// Waits until the browser is on an upload's send page (`/uploads/{id}/send`).
pub async fn wait_for_send_page(browser: &Browser) {
    browser
        .wait_for("the send page", || async {
            let path = browser.path().await;
            if path.ends_with("/send") {
                Ok(())
            } else {
                Err(path)
            }
        })
        .await;
}

pub async fn wait_for_enhanced_form(browser: &Browser) {
    browser
        .wait_for_element("form.upload-form[data-enhanced=true]")
        .await;
}

/// One row of the JS upload list, as the page shows it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct FileRow {
    pub name: String,
    pub state: String,
    pub transport: Option<String>,
    pub percent: Option<String>,
    pub status: String,
    pub retries: Option<String>,
}

pub async fn file_rows(browser: &Browser) -> Vec<FileRow> {
    let rows = browser
        .run(
            "return Array.from(document.querySelectorAll('.file-row')).map(row => ({
                name: row.querySelector('.file-name').textContent,
                state: row.dataset.state,
                transport: row.dataset.transport || null,
                percent: row.dataset.percent || null,
                status: row.querySelector('.file-status').textContent,
                retries: row.dataset.retries || null,
            }))",
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Waits until every row has reached an end state (none queued, uploading or confirming).
pub async fn wait_for_rows_to_settle(browser: &Browser, count: usize) -> Vec<FileRow> {
    wait_for_rows_to_settle_within(browser, count, WAIT).await
}

pub async fn wait_for_rows_to_settle_within(
    browser: &Browser,
    count: usize,
    limit: Duration,
) -> Vec<FileRow> {
    browser
        .wait_for_within(limit, "every file to finish", || async {
            let rows = file_rows(browser).await;
            let busy = rows
                .iter()
                .any(|r| matches!(r.state.as_str(), "queued" | "uploading" | "confirming"));
            if rows.len() == count && !busy {
                Ok(rows)
            } else {
                Err(format!("{rows:?}"))
            }
        })
        .await
}
