//! One upload through the send page in headless Chromium, timed by the browser's own clock, so
//! WebDriver's polling adds nothing to the figures.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::journeys::{describe_video, wait_for_enhanced_form};
use crate::session::Browser;

/// Long enough for a slow debug build on a loaded machine.
const LIMIT: Duration = Duration::from_secs(900);

/// How one upload went: the visitor's wait, and (script only) what the upload requests took.
#[derive(Debug, Default, Clone)]
pub struct Timing {
    /// From choosing the file (script) or pressing Send (form) to the page saying it is done.
    pub seconds: f64,
    /// From the first upload request's start to the last one's end (script only).
    pub transfer_seconds: Option<f64>,
    /// Upload requests made, and their mean duration in seconds (script only).
    pub requests: usize,
    pub mean_request_seconds: f64,
    /// The last request alone (with chunks: the one that completes the file).
    pub final_request_seconds: f64,
    pub transport: String,
    /// The page's largest JS heap during the send, in MiB (script only).
    pub heap_peak_mib: f64,
    /// CPU time the sandbox process and Chromium spent on it (filled in by the caller).
    pub sandbox_cpu_seconds: f64,
    pub browser_cpu_seconds: f64,
}

/// Records, in the page's clock, when the file was chosen, when it was all sent ("confirming")
/// and when its row reached an end state. Registered on the document in the capture phase, so it
/// runs before the page's own listeners.
const WATCH: &str = r#"
performance.setResourceTimingBufferSize(10000);
const bench = (window.__bench = { heapPeak: 0 });
document.addEventListener("change", () => { bench.start ??= performance.now(); }, true);
// The page's JS heap while it sends (Chromium's performance.memory), sampled every 100 ms.
const heap = () => { bench.heapPeak = Math.max(bench.heapPeak, performance.memory?.usedJSHeapSize || 0); };
const sampler = setInterval(() => { heap(); if (bench.end !== undefined) clearInterval(sampler); }, 100);
new MutationObserver(() => {
  const row = document.querySelector(".file-row");
  if (!row) return;
  const state = row.dataset.state;
  if (state === "confirming") bench.sent ??= performance.now();
  if (!["queued", "uploading", "confirming"].includes(state) && bench.end === undefined) {
    bench.end = performance.now();
    bench.state = state;
    bench.transport = row.dataset.transport || "";
  }
}).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
"#;

/// The upload requests (whole file or chunks) made after the file was chosen; the probe that
/// asks whether direct uploads are allowed goes before, so it is left out.
const REQUESTS: &str = r#"
const bench = window.__bench;
const sent = performance.getEntriesByType("resource").filter((e) =>
  e.name.includes("redeem-upload-token") && e.initiatorType === "xmlhttprequest" && e.startTime >= bench.start);
if (sent.length === 0) return { count: 0 };
return {
  count: sent.length,
  first: Math.min(...sent.map((e) => e.startTime)),
  last: Math.max(...sent.map((e) => e.responseEnd)),
  mean: sent.reduce((sum, e) => sum + e.duration, 0) / sent.length,
  final: sent.reduce((a, e) => (e.responseEnd > a.responseEnd ? e : a)).duration,
};
"#;

/// Sends `file` with the page's script (whole or in chunks, as the portal's settings choose).
pub async fn with_script(b: &Browser, file: &Path) -> Timing {
    describe_video(b, "Browser upload benchmark").await;
    wait_for_enhanced_form(b).await;
    // The page asks once whether 23 allows uploads with progress; wait for it, untimed.
    b.wait_for_element("form.upload-form[data-direct-uploads=true]")
        .await;
    b.run(WATCH).await;
    b.choose_files("#file", &[file]).await;
    let bench = b
        .wait_for_within(LIMIT, "the upload to end", || async {
            let bench = b.run("return window.__bench").await;
            if bench["end"].is_number() {
                Ok(bench)
            } else {
                Err(bench.to_string())
            }
        })
        .await;
    assert_eq!(
        bench["state"], "done",
        "the upload did not succeed: {bench}"
    );
    let requests = b.run(REQUESTS).await;
    let ms = |v: &Value| v.as_f64().unwrap_or(0.0) / 1000.0;
    Timing {
        seconds: ms(&bench["end"]) - ms(&bench["start"]),
        transfer_seconds: Some(ms(&requests["last"]) - ms(&requests["first"])),
        requests: requests["count"].as_u64().unwrap_or(0) as usize,
        mean_request_seconds: ms(&requests["mean"]),
        final_request_seconds: ms(&requests["final"]),
        transport: bench["transport"].as_str().unwrap_or_default().to_owned(),
        heap_peak_mib: bench["heapPeak"].as_f64().unwrap_or(0.0) / (1024.0 * 1024.0),
        ..Timing::default()
    }
}

/// Sends `file` with the plain form (the browser has JavaScript off): Send, 23 answers with a
/// redirect back to the portal, which checks with 23 and shows the history.
pub async fn plain_form(b: &Browser, file: &Path) -> Timing {
    describe_video(b, "Browser upload benchmark").await;
    b.choose_files("#file", &[file]).await;
    // WebDriver's scripts run even where the page's own may not.
    let start = b
        .run("return performance.timeOrigin + performance.now()")
        .await;
    b.click("form.upload-form button[type=submit]").await;
    b.wait_for_within(LIMIT, "the history after the upload", || async {
        let path = b.path().await;
        if path == "/uploads" && b.exists("li[data-status=uploaded]").await {
            Ok(())
        } else {
            Err(path)
        }
    })
    .await;
    let end = b
        .run(
            "const n = performance.getEntriesByType('navigation')[0]; \
             return performance.timeOrigin + n.responseEnd",
        )
        .await;
    Timing {
        seconds: (end.as_f64().unwrap() - start.as_f64().unwrap()) / 1000.0,
        transport: "form".into(),
        ..Timing::default()
    }
}
