//! `cargo bench --profile dev --bench recording_memory`: the page's JavaScript heap while headless
//! Chromium records a 10-minute video with its fake camera and microphone on `/`, then sends it
//! to a sandbox (issue 20: a long recording must not sit whole in the JS heap; target < 150 MB).
//!
//! The heap is read through DevTools (`Performance.getMetrics`, `JSHeapUsedSize`) every
//! `BENCH_SAMPLE_SECONDS` (default 10); the figures printed are the peak of those samples and the
//! heap at the end (after the send, before and after a forced garbage collection). The portal's
//! build does not matter to the figure (it is the browser's heap), so the dev profile saves a
//! release build. `BENCH_RECORD_SECONDS` (default 600) is the recording's length.

#[allow(dead_code)]
#[path = "../../tests/browser/chromedriver.rs"]
mod chromedriver;
#[allow(dead_code)]
#[path = "../../tests/browser/journeys.rs"]
mod journeys;
#[allow(dead_code)]
#[path = "../../tests/browser/media_probe.rs"]
mod media_probe;
#[allow(dead_code)]
#[path = "../portal/processes.rs"]
mod processes;
#[allow(dead_code)]
#[path = "../../tests/browser/session.rs"]
mod session;

use std::time::{Duration, Instant};

use serde_json::json;
use session::{Browser, Options, with_browser};
use upload_portal::twentythree::oauth::Credentials;

const MB: f64 = 1_000_000.0;

/// The recording tests' fake devices, and exact heap figures in `performance.memory` too.
const FAKE_MEDIA: &[&str] = &[
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
    "--enable-precise-memory-info",
];

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("run the benchmark with: cargo bench --profile dev --bench recording_memory");
        return;
    }
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(run());
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The heap samples taken so far, and when.
#[derive(Default)]
struct Heap {
    samples: Vec<(f64, &'static str, f64)>,
}

impl Heap {
    async fn sample(&mut self, b: &Browser, started: Instant, phase: &'static str) -> f64 {
        let used = js_heap_used(b).await;
        let at = started.elapsed().as_secs_f64();
        eprintln!("{at:7.1} s  {phase:9}  JS heap {:.1} MB", used / MB);
        self.samples.push((at, phase, used));
        used
    }

    fn peak(&self, phase: Option<&str>) -> f64 {
        self.samples
            .iter()
            .filter(|(_, p, _)| phase.is_none_or(|wanted| *p == wanted))
            .map(|(_, _, used)| *used)
            .fold(0.0, f64::max)
    }
}

async fn js_heap_used(b: &Browser) -> f64 {
    let metrics = b.cdp("Performance.getMetrics", json!({})).await;
    metrics["metrics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["name"] == "JSHeapUsedSize")
        .and_then(|m| m["value"].as_f64())
        .unwrap_or(0.0)
}

async fn recorder_state(b: &Browser) -> (String, u64) {
    let value = b
        .run(
            "const r = document.querySelector('.recorder');
             return r ? [r.dataset.state, Number(r.dataset.elapsed || 0)] : ['none', 0];",
        )
        .await;
    (
        value[0].as_str().unwrap_or("").to_owned(),
        value[1].as_u64().unwrap_or(0),
    )
}

async fn wait_for_state(b: &Browser, state: &str) {
    b.wait_for_within(
        Duration::from_secs(120),
        &format!("the recorder to be {state}"),
        || async {
            let (now, _) = recorder_state(b).await;
            if now == state { Ok(()) } else { Err(now) }
        },
    )
    .await;
}

async fn run() {
    let record_seconds = setting("BENCH_RECORD_SECONDS", 600);
    let every = Duration::from_secs(setting("BENCH_SAMPLE_SECONDS", 10));
    println!("# Recording memory benchmark\n");
    println!(
        "- recording: {record_seconds} s from the fake camera on `/`, sampled every {every:?}"
    );
    println!("- load average at the start: {}", load_average());
    let dir = tempfile::tempdir().unwrap();
    let sandbox_dir = dir.path().join("sandbox");
    std::fs::create_dir_all(&sandbox_dir).unwrap();
    let credentials = Credentials::generate();
    let sandbox = processes::sandbox(&credentials, &sandbox_dir).await;
    let max = (record_seconds + 60).to_string();
    let portal = processes::portal_with(
        processes::CURRENT,
        &credentials,
        &sandbox.url,
        dir.path(),
        &[("RECORD_MAX_SECONDS", max.as_str())],
    )
    .await;
    let options = Options {
        chromium_args: FAKE_MEDIA,
        ..Options::default()
    };
    let mut heap = Heap::default();
    let mut report = Vec::new();
    with_browser("recording-memory", &portal.url, options, async |b| {
        b.cdp("Performance.enable", json!({})).await;
        b.goto("/").await;
        journeys::wait_for_enhanced_form(b).await;
        b.wait_for_element(".recorder-sources[data-ready=true]")
            .await;
        let started = Instant::now();
        let idle = heap.sample(b, started, "idle").await;
        b.click(".recorder-open-camera").await;
        wait_for_state(b, "ready").await;
        b.click(".recorder-start").await;
        wait_for_state(b, "recording").await;
        loop {
            tokio::time::sleep(every).await;
            heap.sample(b, started, "recording").await;
            let (_, elapsed) = recorder_state(b).await;
            if elapsed >= record_seconds {
                break;
            }
        }
        b.click(".recorder-stop").await;
        wait_for_state(b, "review").await;
        heap.sample(b, started, "review").await;
        b.click(".recorder-send").await;
        let sent = Instant::now();
        let rows = loop {
            tokio::time::sleep(every.min(Duration::from_secs(2))).await;
            heap.sample(b, started, "sending").await;
            let rows = journeys::file_rows(b).await;
            let busy = rows
                .iter()
                .any(|r| matches!(r.state.as_str(), "queued" | "uploading" | "confirming"));
            if !rows.is_empty() && !busy {
                break rows;
            }
            assert!(sent.elapsed() < Duration::from_secs(1800), "sending took over 30 min: {rows:?}");
        };
        let end = heap.sample(b, started, "sent").await;
        b.cdp("HeapProfiler.collectGarbage", json!({})).await;
        let after_gc = heap.sample(b, started, "after GC").await;
        report.push(format!("- idle page before recording: {:.1} MB", idle / MB));
        report.push(format!(
            "- peak while recording: **{:.1} MB**; peak while sending: **{:.1} MB**; peak overall: **{:.1} MB**",
            heap.peak(Some("recording")) / MB,
            heap.peak(Some("sending")) / MB,
            heap.peak(None) / MB,
        ));
        report.push(format!(
            "- at the end (sent): {:.1} MB; after a forced GC: {:.1} MB",
            end / MB,
            after_gc / MB
        ));
        report.push(format!(
            "- send took {:.1} s; row: {:?} {:?}",
            sent.elapsed().as_secs_f64(),
            rows[0].name,
            rows[0].state
        ));
    })
    .await;
    let stored: Vec<std::path::PathBuf> =
        std::fs::read_dir(sandbox_dir.join("sandbox").join("photos"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
    for line in report {
        println!("{line}");
    }
    for path in &stored {
        // What ffprobe reads in the stored file: the recording really is as long as recorded.
        let probe = media_probe::probe(path);
        println!(
            "- the sandbox stored {:.1} MB: {:?}/{:?}, {:.1} s",
            walk_sizes(path) as f64 / MB,
            probe.video_codec,
            probe.audio_codec,
            probe.seconds
        );
    }
    println!("- load average at the end: {}", load_average());
    println!("\n| s | phase | JS heap MB |\n|---|---|---|");
    for (at, phase, used) in &heap.samples {
        println!("| {at:.0} | {phase} | {:.1} |", used / MB);
    }
    drop((portal, sandbox));
}

fn walk_sizes(dir: &std::path::Path) -> u64 {
    if dir.is_file() {
        return std::fs::metadata(dir).map_or(0, |m| m.len());
    }
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => walk_sizes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
