//! A 1 GiB upload through the sandbox in chunks, from a real browser. Slow (tens of seconds and
//! 2 GiB of disk), so ignored by default; run it with
//! `cargo test --test browser -- --ignored a_one_gibibyte_file`.

use super::files::sparse_file;
use std::time::Duration;

use super::journeys::{describe_video, wait_for_enhanced_form, wait_for_rows_to_settle_within};
use super::session::{Options, with_browser};
use crate::helpers::spawn_app;

const GIB: u64 = 1024 * 1024 * 1024;

#[tokio::test]
#[ignore = "uploads 1 GiB: run on demand"]
async fn a_one_gibibyte_file_uploads_in_chunks_and_the_sandbox_memory_stays_flat() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let big = sparse_file(dir.path(), "one gibibyte.mp4", GIB);
    let memory_before = peak_resident_bytes();
    let started = std::time::Instant::now();

    with_browser("big-file", &app.address, Options::default(), async |b| {
        describe_video(b, "One gibibyte").await;
        wait_for_enhanced_form(b).await;
        b.choose_files("#file", &[&big]).await;
        let rows = wait_for_rows_to_settle_within(b, 1, Duration::from_secs(600)).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
        assert_eq!(rows[0].transport.as_deref(), Some("chunks"));
    })
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].size, GIB);
    assert_eq!(std::fs::metadata(&photos[0].stored_at).unwrap().len(), GIB);
    // The portal and the sandbox run in this process: a file buffered in memory would show here.
    let growth = peak_resident_bytes().saturating_sub(memory_before);
    println!(
        "1 GiB uploaded in {:.1} s; peak memory grew by {} MiB",
        started.elapsed().as_secs_f64(),
        growth / 1024 / 1024
    );
    assert!(
        growth < 200 * 1024 * 1024,
        "peak memory grew by {} MiB while receiving 1 GiB",
        growth / 1024 / 1024
    );
}

/// The process's peak resident set size (`VmHWM`), in bytes.
fn peak_resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kib| kib * 1024)
        .expect("VmHWM in /proc/self/status")
}
