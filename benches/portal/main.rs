//! `cargo bench --bench portal`: the portal's figures, as ratios measured in the same run so they
//! hold on a noisy machine. Runs the release binary as child processes on loopback; bounded in
//! time (about two minutes) and in disk (about 3 GiB, in a temporary directory).
//!
//! `BENCH_BEFORE` (a path to an older `upload-portal` binary) measures the pages on it too, in the
//! same run. `BENCH_SECONDS` (default 5) sets each timed run; `BENCH_CALLBACKS` (default 2000) how many
//! genuine callbacks are prepared and delivered; `BENCH_SKIP_UPLOAD=1` skips the 1 GiB uploads.
//! The calls to 23 per minute (`calls.rs`, about four minutes more) run last: `BENCH_ONLY=calls`
//! runs them alone, `BENCH_SKIP_CALLS=1` leaves them out. With `BENCH_POSTGRES_URL`, the calls to
//! 23 on one, two and three instances sharing PostgreSQL (`instances.rs`) follow; `BENCH_ONLY=
//! instances` runs them alone. `BENCH_ONLY=changes` measures only the first history view after a
//! change against the new-upload page (`changes.rs`, about a minute).

mod big_upload;
mod calls;
mod changes;
mod fixtures;
mod in_flight;
mod instances;
mod load;
mod pages;
mod processes;
mod stages;

use std::time::Duration;

use load::Stats;
use pages::Pages;
use upload_portal::twentythree::oauth::Credentials;

const CONNECTIONS: usize = 64;
const MIB: f64 = 1024.0;

fn main() {
    // `cargo bench` passes --bench; anything else (an IDE, `cargo test --benches`) only checks
    // that this compiles, rather than starting two minutes of load.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("run the benchmark with: cargo bench --bench portal");
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

pub fn line(name: &str, stats: &Stats) {
    println!(
        "| {name} | {} | {} | {:.0} | {:.2} | {:.2} |",
        stats.requests,
        stats.errors,
        stats.per_second(),
        stats.percentile_ms(50.0),
        stats.percentile_ms(99.0)
    );
}

async fn run() {
    print_machine();
    let dir = tempfile::tempdir().unwrap();
    let credentials = Credentials::generate();
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only.is_empty() {
        pages_callbacks_uploads(&credentials, dir.path()).await;
    }
    if only == "changes" {
        first_views_after_changes(&credentials, dir.path()).await;
    }
    if only == "calls" || (only.is_empty() && setting("BENCH_SKIP_CALLS", 0) == 0) {
        calls::run(&credentials, dir.path()).await;
    }
    if only.is_empty() || only == "instances" {
        instances::run(&credentials, dir.path()).await;
    }
}

async fn pages_callbacks_uploads(credentials: &Credentials, dir: &std::path::Path) {
    let seconds = Duration::from_secs(setting("BENCH_SECONDS", 5));
    let callback_count = setting("BENCH_CALLBACKS", 2000) as usize;
    let sandbox_dir = dir.join("sandbox");
    std::fs::create_dir_all(&sandbox_dir).unwrap();
    let sandbox = processes::sandbox(credentials, &sandbox_dir).await;
    let after = Pages::start(
        processes::CURRENT,
        credentials,
        &sandbox.url,
        &dir.join("portal"),
    )
    .await;
    // `BENCH_BEFORE=path/to/upload-portal`: an older build measured in the same run.
    let before = match std::env::var("BENCH_BEFORE") {
        Ok(binary) => {
            let before_dir = dir.join("before");
            Some(Pages::start(&binary, credentials, &sandbox.url, &before_dir).await)
        }
        Err(_) => None,
    };
    let callbacks =
        fixtures::pending_callbacks(&after.portal.url, &sandbox.url, &after.dir, callback_count)
            .await;
    let (_, rss_before) = after.portal.memory_kib();

    let mut portals = vec![&after];
    portals.extend(before.as_ref());
    let stats = pages::measure(&portals, CONNECTIONS, seconds).await;
    for (label, pages) in [
        ("this build", Some(&after)),
        ("BENCH_BEFORE", before.as_ref()),
    ] {
        if let Some(pages) = pages {
            let (peak, rss) = pages.portal.memory_kib();
            println!(
                "\n- {label}: portal RSS after the page runs {:.1} MiB, peak so far {:.1} MiB",
                rss as f64 / MIB,
                peak as f64 / MIB
            );
        }
    }
    // The first view after a change, with the new-upload page measured again right before it
    // (the machine's load moves between runs; the ratio wants both under the same).
    let changed = changes::Changes::prepare(&after).await;
    let new_upload = after.new_upload_page(CONNECTIONS, seconds).await;
    let first = changed.measure(&after, changes::View::First, seconds).await;
    let whole = changed.measure(&after, changes::View::Whole, seconds).await;
    changes::report("this build", &first, &whole, &new_upload);
    let (peak, rss) = after.portal.memory_kib();
    println!(
        "- portal RSS after it {:.1} MiB, peak so far {:.1} MiB",
        rss as f64 / MIB,
        peak as f64 / MIB
    );
    // An older build sends no `Server-Timing`: its table has the whole request only.
    if let Some(older) = &before {
        stages::report("BENCH_BEFORE", older).await;
    }
    drop(before);
    let client = load::client(None);
    let fresh = load::each_once(&client, callbacks.clone(), 303, CONNECTIONS).await;
    let replayed = load::for_duration(&client, callbacks, 303, CONNECTIONS, seconds).await;

    let mut served = 4 * callback_count + 10 + fresh.requests + replayed.requests;
    served += stats[0].iter().map(|s| s.requests).sum::<usize>();
    pages::report("this build", &stats[0]);
    if let Some(older) = stats.get(1) {
        pages::report("BENCH_BEFORE, interleaved with the runs above", older);
    }
    stages::report("this build", &after).await;
    // Memory after at least 100 000 requests (`BENCH_MIN_REQUESTS`): top up with the same mix
    // if the runs fell short.
    while served < setting("BENCH_MIN_REQUESTS", 100_000) as usize {
        served += after.run_any(served, CONNECTIONS, seconds).await;
    }
    let (portal_peak, portal_rss) = after.portal.memory_kib();
    println!("\n## Callbacks ({CONNECTIONS} connections, loopback)\n");
    println!("| run | requests | errors | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|");
    line(
        "callback, first delivery (verified with the sandbox)",
        &fresh,
    );
    line("callback, reload of a recorded one", &replayed);
    let health = stats[0][0].per_second();
    println!(
        "\n- callback first delivery vs /healthz: {:.2}",
        fresh.per_second() / health
    );
    println!(
        "- callback reload vs /healthz: {:.2}",
        replayed.per_second() / health
    );
    println!("\n## Portal memory\n");
    println!("- requests served: {served}");
    println!(
        "- RSS before the load {:.1} MiB; after it {:.1} MiB; peak (VmHWM) **{:.1} MiB** (target < 64)",
        rss_before as f64 / MIB,
        portal_rss as f64 / MIB,
        portal_peak as f64 / MIB
    );
    drop(after);
    drop(sandbox);
    if setting("BENCH_SKIP_UPLOAD", 0) == 0 {
        big_uploads(credentials, dir).await;
    }
}

/// Only the first history view after a change (kept rows brought up to date, and the same page
/// rendered whole) and the new-upload page, each measured twice in alternating order.
async fn first_views_after_changes(credentials: &Credentials, dir: &std::path::Path) {
    use changes::{View, Views};
    let seconds = Duration::from_secs(setting("BENCH_SECONDS", 5));
    let sandbox_dir = dir.join("sandbox");
    std::fs::create_dir_all(&sandbox_dir).unwrap();
    let sandbox = processes::sandbox(credentials, &sandbox_dir).await;
    let pages = Pages::start(
        processes::CURRENT,
        credentials,
        &sandbox.url,
        &dir.join("portal"),
    )
    .await;
    let changed = changes::Changes::prepare(&pages).await;
    let (mut first, mut whole, mut new_upload) =
        (Views::default(), Views::default(), Stats::default());
    for _ in 0..2 {
        new_upload = new_upload.merge(pages.new_upload_page(CONNECTIONS, seconds).await);
        for (view, into) in [(View::First, &mut first), (View::Whole, &mut whole)] {
            let run = changed.measure(&pages, view, seconds).await;
            into.stats = std::mem::take(&mut into.stats).merge(run.stats);
            into.from_kept_rows += run.from_kept_rows;
        }
    }
    changes::report("this build", &first, &whole, &new_upload);
    changed.stages(&pages).await;
    let (peak, _) = pages.portal.memory_kib();
    println!("- portal peak RSS (VmHWM): {:.1} MiB", peak as f64 / MIB);
}

/// Each mode in a fresh sandbox process, so its VmHWM belongs to that upload alone.
async fn big_uploads(credentials: &Credentials, dir: &std::path::Path) {
    println!("\n## 1 GiB upload through the sandbox process\n");
    println!(
        "| mode | status | seconds | MiB/s | idle RSS MiB | peak RSS (VmHWM) MiB |\n|---|---|---|---|---|---|"
    );
    for mode in [
        "whole file (one multipart POST)",
        "Resumable.js, 64 × 16 MiB chunks",
    ] {
        let sandbox_dir = dir.join("upload-sandbox");
        std::fs::create_dir_all(&sandbox_dir).unwrap();
        let sandbox = processes::sandbox(credentials, &sandbox_dir).await;
        let (_, idle) = sandbox.memory_kib();
        let token = big_upload::mint(&sandbox.url, credentials).await;
        let (status, took) = if mode.starts_with("whole") {
            big_upload::whole_file(&sandbox.url, &token).await
        } else {
            big_upload::chunked(&sandbox.url, &token).await
        };
        let (peak, _) = sandbox.memory_kib();
        println!(
            "| {mode} | {status} | {:.1} | {:.0} | {:.1} | **{:.1}** |",
            took.as_secs_f64(),
            big_upload::SIZE as f64 / MIB / MIB / took.as_secs_f64(),
            idle as f64 / MIB,
            peak as f64 / MIB
        );
        drop(sandbox);
        let _ = std::fs::remove_dir_all(&sandbox_dir);
    }
}

fn print_machine() {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo.lines().next().unwrap_or_default().to_string();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("# upload-portal benchmark\n");
    println!(
        "- machine: {cores} cores, {model}, {}",
        memory
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("- load generator and servers share these cores; figures are ratios for that reason");
}
