//! `cargo bench --bench browser_upload`: how fast a big file leaves headless Chromium for the
//! sandbox, three ways in the same run (the plain form without JavaScript, the page's script in one
//! request, the page's script in chunks), and the processes' peak memory. Runs the release binary
//! as child processes on loopback: one `upload-portal sandbox`, and one portal per way of sending
//! (only their upload settings differ).
//!
//! `BENCH_MIB` (default 512) is the file's size; `BENCH_ROUNDS` (default 2) how many times each way
//! runs, interleaved, in a rotating order; `BENCH_CHUNK_MB` the chunk size the chunked portal uses
//! (default: the portal's own default); `BENCH_GIB_UPLOAD=0` skips the 1 GiB chunked upload into a
//! fresh sandbox whose peak memory is reported. Needs about three times the file's size free in
//! the temporary directory; every stored copy is deleted as soon as it was timed.

mod cpu;
mod page;

#[allow(dead_code)]
#[path = "../../tests/browser/chromedriver.rs"]
mod chromedriver;
#[allow(dead_code)]
#[path = "../../tests/browser/files.rs"]
mod files;
#[allow(dead_code)]
#[path = "../../tests/browser/journeys.rs"]
mod journeys;
#[allow(dead_code)]
#[path = "../portal/processes.rs"]
mod processes;
#[allow(dead_code)]
#[path = "../../tests/browser/session.rs"]
mod session;

use std::path::Path;

use page::Timing;
use processes::{CURRENT, Process};
use session::{Options, with_browser};
use upload_portal::twentythree::oauth::Credentials;

const MIB: f64 = 1024.0 * 1024.0;
const WAYS: [Way; 3] = [Way::Form, Way::Whole, Way::Chunks];

#[derive(Clone, Copy, PartialEq)]
enum Way {
    Form,
    Whole,
    Chunks,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::Form => "plain form, no JavaScript",
            Way::Whole => "page script, whole file",
            Way::Chunks => "page script, chunks",
        }
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("run the benchmark with: cargo bench --bench browser_upload");
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

/// The portal that sends files the way `way` needs: whole below 16 GiB, or the operator's chunks.
async fn portal(way: Way, credentials: &Credentials, site: &str, dir: &Path) -> Process {
    let dir = dir.join(if way == Way::Chunks {
        "chunks"
    } else {
        "whole"
    });
    std::fs::create_dir_all(&dir).unwrap();
    let chunk_mb = std::env::var("BENCH_CHUNK_MB").ok();
    let mut extra = vec![];
    if way == Way::Chunks {
        extra.push(("UPLOAD_CHUNKED_ABOVE_MB", "64"));
        extra.extend(chunk_mb.as_deref().map(|mb| ("UPLOAD_CHUNK_SIZE_MB", mb)));
    } else {
        extra.push(("UPLOAD_CHUNKED_ABOVE_MB", "16384"));
    }
    processes::portal_with(CURRENT, credentials, site, &dir, &extra).await
}

async fn send(way: Way, portal: &Process, file: &Path) -> Timing {
    let javascript = way != Way::Form;
    let options = Options {
        javascript,
        ..Options::default()
    };
    let mut timing = Timing::default();
    with_browser("upload-speed", &portal.url, options, async |b| {
        let cpu = cpu::browser_seconds();
        timing = match way {
            Way::Form => page::plain_form(b, file).await,
            _ => page::with_script(b, file).await,
        };
        timing.browser_cpu_seconds = cpu::browser_seconds() - cpu;
    })
    .await;
    timing
}

/// Deletes what the sandbox stored, so the runs need no more disk than one upload.
fn delete_stored(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            delete_stored(&path);
        } else if path.parent().is_some_and(|p| p.ends_with("photos")) {
            let _ = std::fs::remove_file(path);
        }
    }
}

async fn run() {
    let size = setting("BENCH_MIB", 512) << 20;
    let rounds = setting("BENCH_ROUNDS", 2) as usize;
    println!("# Browser upload benchmark\n");
    println!("- load average at the start: {}", load_average());
    let dir = tempfile::tempdir().unwrap();
    let sandbox_dir = dir.path().join("sandbox");
    std::fs::create_dir_all(&sandbox_dir).unwrap();
    let credentials = Credentials::generate();
    let sandbox = processes::sandbox(&credentials, &sandbox_dir).await;
    let whole = portal(Way::Whole, &credentials, &sandbox.url, dir.path()).await;
    let chunks = portal(Way::Chunks, &credentials, &sandbox.url, dir.path()).await;
    let file = files::sparse_file(dir.path(), "benchmark.mp4", size);

    let mut timings: Vec<Vec<Timing>> = vec![vec![]; WAYS.len()];
    for round in 0..rounds {
        for i in 0..WAYS.len() {
            let index = (i + round) % WAYS.len();
            let way = WAYS[index];
            let portal = if way == Way::Chunks { &chunks } else { &whole };
            let cpu = cpu::seconds(&sandbox);
            let mut timing = send(way, portal, &file).await;
            timing.sandbox_cpu_seconds = cpu::seconds(&sandbox) - cpu;
            eprintln!("round {round}: {} {timing:?}", way.name());
            timings[index].push(timing);
            delete_stored(&sandbox_dir);
        }
    }
    report(size, &timings);
    println!("\n## Memory\n");
    println!("- load average at the end: {}", load_average());
    for (name, process) in [
        ("portal (whole file and form)", &whole),
        ("portal (chunks)", &chunks),
        ("sandbox, after all the runs", &sandbox),
    ] {
        let (peak, _) = process.memory_kib();
        println!(
            "- {name}: peak RSS (VmHWM) **{:.1} MiB**",
            peak as f64 / 1024.0
        );
    }
    drop((whole, chunks, sandbox));
    if setting("BENCH_GIB_UPLOAD", 1) == 1 {
        one_gibibyte(&credentials, dir.path()).await;
    }
}

fn report(size: u64, timings: &[Vec<Timing>]) {
    let mib_per_s = |runs: &[Timing]| {
        let seconds: f64 = runs.iter().map(|t| t.seconds).sum();
        runs.len() as f64 * size as f64 / MIB / seconds
    };
    let plain = mib_per_s(&timings[0]);
    println!(
        "\n## {} MiB file, {} rounds\n",
        size >> 20,
        timings[0].len()
    );
    println!(
        "| way | seconds per round | MiB/s | vs plain form | upload requests | mean request s | last request s | requests' span s | sandbox CPU s per round | Chromium CPU s per round | page JS heap peak MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (way, runs) in WAYS.iter().zip(timings) {
        let seconds: Vec<String> = runs.iter().map(|t| format!("{:.2}", t.seconds)).collect();
        let last = runs.last().cloned().unwrap_or_default();
        println!(
            "| {} ({}) | {} | **{:.0}** | **{:.2}** | {} | {:.2} | {:.2} | {} | {} | {} | {} |",
            way.name(),
            last.transport,
            seconds.join(", "),
            mib_per_s(runs),
            mib_per_s(runs) / plain,
            last.requests,
            last.mean_request_seconds,
            last.final_request_seconds,
            last.transfer_seconds
                .map_or("–".into(), |s| format!("{s:.2}")),
            each(runs, |t| t.sandbox_cpu_seconds),
            each(runs, |t| t.browser_cpu_seconds),
            each(runs, |t| t.heap_peak_mib),
        );
    }
}

/// One figure of every round, comma-separated.
fn each(runs: &[Timing], figure: impl Fn(&Timing) -> f64) -> String {
    let figures: Vec<String> = runs.iter().map(|t| format!("{:.2}", figure(t))).collect();
    figures.join(", ")
}

/// A 1 GiB file in chunks through a fresh sandbox, whose peak memory then belongs to it.
async fn one_gibibyte(credentials: &Credentials, dir: &Path) {
    let sandbox_dir = dir.join("gib-sandbox");
    std::fs::create_dir_all(&sandbox_dir).unwrap();
    let sandbox = processes::sandbox(credentials, &sandbox_dir).await;
    let (_, idle) = sandbox.memory_kib();
    let portal = portal(Way::Chunks, credentials, &sandbox.url, &dir.join("gib")).await;
    let file = files::sparse_file(dir, "one gibibyte.mp4", 1 << 30);
    let timing = send(Way::Chunks, &portal, &file).await;
    let (peak, _) = sandbox.memory_kib();
    println!(
        "- 1 GiB in chunks ({} requests) into a fresh sandbox: {:.1} s ({:.0} MiB/s); sandbox idle \
         RSS {:.1} MiB, peak RSS (VmHWM) **{:.1} MiB**",
        timing.requests,
        timing.seconds,
        1024.0 / timing.seconds,
        idle as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    let (portal_peak, _) = portal.memory_kib();
    println!(
        "- its portal: peak RSS **{:.1} MiB**",
        portal_peak as f64 / 1024.0
    );
}
