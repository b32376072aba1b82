//! Calls to 23 as the work grows (issue 13). For N = 10, 100 and 1 000 uploads in flight (N tokens
//! pending and N videos encoding) the portal's jobs run at their default intervals for a window
//! while the sandbox counts the signed calls it answers. In the same window, the two latency
//! promises: a file that reached 23 without its callback reaching the portal (a lost callback)
//! until the portal records it, and a video that finished encoding until the portal shows it ready.
//!
//! Black-box on the portal, so today's binary and a rewritten one are measured alike: it is a
//! child process (this build, and `BENCH_BEFORE` in the same window), seen only through HTTP and
//! the `status` of its uploads in its database. The sandbox runs in this process so its counters
//! and its "finish encoding now" lever can be used directly.
//!
//! `BENCH_CALLS_SECONDS` (default 60) sets the window; `BENCH_CALLS_SIZES` (default
//! `10,100,1000`) the values of N.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use upload_portal::sandbox::Sandbox;
use upload_portal::twentythree::oauth::Credentials;

use crate::in_flight::{InFlight, POLL, prepare, status};
use crate::{fixtures, load, processes};

/// The signed calls one sandbox answered in a window.
struct Tally {
    window: Duration,
    calls: usize,
    /// photo/list calls naming an `upload_token`, a `photo_id`, or neither (a page of videos).
    by_token: usize,
    by_photo: usize,
    other_lists: usize,
}

impl Tally {
    fn per_minute(&self, count: usize) -> f64 {
        count as f64 * 60.0 / self.window.as_secs_f64()
    }
}

/// One latency followed: an upload, when its event happened, and how long the portal took to
/// show it.
struct Promise {
    id: i64,
    event: Option<Instant>,
    took: Option<Duration>,
}

impl Promise {
    fn new(id: i64) -> Promise {
        Promise {
            id,
            event: None,
            took: None,
        }
    }

    /// Reads the upload's status; once `shown(status)`, records how long that took.
    async fn check(&mut self, db: &sqlx::SqlitePool, shown: fn(&str) -> bool) {
        if let (Some(event), None) = (self.event, self.took)
            && shown(&status(db, self.id).await)
        {
            self.took = Some(event.elapsed());
        }
    }

    /// Shown, or waited for as long as `patience`.
    fn settled(&self, patience: Duration) -> bool {
        self.took.is_some() || self.event.is_some_and(|at| at.elapsed() >= patience)
    }
}

pub async fn run(credentials: &Credentials, dir: &Path) {
    let window = Duration::from_secs(crate::setting("BENCH_CALLS_SECONDS", 60));
    let sizes = std::env::var("BENCH_CALLS_SIZES").unwrap_or_else(|_| "10,100,1000".into());
    let mut builds = vec![("this build", processes::CURRENT.to_string())];
    if let Ok(before) = std::env::var("BENCH_BEFORE") {
        builds.push(("BENCH_BEFORE", before));
    }
    println!(
        "\n## Calls to 23 (jobs at default intervals; N tokens pending + N videos encoding; {} s window)\n",
        window.as_secs()
    );
    println!(
        "| N | build | signed calls/min | photo/list by upload_token /min | by photo_id /min | \
         other photo/list /min | lost callback found after | ready shown after |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for n in sizes
        .split(',')
        .filter_map(|s| s.trim().parse::<usize>().ok())
    {
        let dirs: Vec<PathBuf> = (0..builds.len())
            .map(|i| dir.join(format!("calls-{n}-{i}")))
            .collect();
        // Prepared and measured side by side, so every build's uploads are as old at the start.
        let preparing = Instant::now();
        let flights = futures_util::future::join_all(
            builds
                .iter()
                .zip(&dirs)
                .map(|((_, binary), dir)| prepare(binary, credentials, dir, n)),
        )
        .await;
        eprintln!(
            "calls to 23: N = {n} prepared in {:.0?}",
            preparing.elapsed()
        );
        let counted =
            futures_util::future::join_all(flights.iter().map(|f| measure(f, window))).await;
        for ((name, _), counted) in builds.iter().zip(&counted) {
            report(n, name, counted);
        }
        for flight in flights {
            flight.db.close().await;
            flight.site.server.stop(false).await;
        }
        for dir in dirs {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn report(n: usize, build: &str, (tally, lost, ready): &(Tally, Vec<Promise>, Vec<Promise>)) {
    let latencies = |promises: &[Promise]| {
        let each: Vec<String> = promises
            .iter()
            .map(|p| match p.took {
                Some(took) => format!("{:.1}", took.as_secs_f64()),
                None => format!("> {}", tally.window.as_secs()),
            })
            .collect();
        format!("{} s", each.join(" / "))
    };
    println!(
        "| {n} | {build} | **{:.0}** | {:.0} | {:.0} | {:.0} | {} | {} |",
        tally.per_minute(tally.calls),
        tally.per_minute(tally.by_token),
        tally.per_minute(tally.by_photo),
        tally.per_minute(tally.other_lists),
        latencies(lost),
        latencies(ready)
    );
}

/// Counts the calls the sandbox answers in `window`. Meanwhile, at 0, ⅛ and ¼ of it, one pending
/// upload gets its file (callback lost) and one video finishes encoding; each is followed until
/// the portal shows it or for `window`, past the window's end if need be.
async fn measure(flight: &InFlight, window: Duration) -> (Tally, Vec<Promise>, Vec<Promise>) {
    let sandbox = &flight.site.sandbox;
    let client = load::client(None);
    let mut lost: Vec<Promise> = flight.lost.iter().map(|l| Promise::new(l.0)).collect();
    let mut ready: Vec<Promise> = flight.finishing.iter().map(|f| Promise::new(f.0)).collect();
    let (from, calls_before, start) = (SystemTime::now(), sandbox.api_calls(), Instant::now());
    let mut counted = None;
    loop {
        let elapsed = start.elapsed();
        for k in 0..lost.len().min(ready.len()) {
            if lost[k].event.is_none() && elapsed >= window * k as u32 / 8 {
                fixtures::send_file(&client, &flight.site.url, flight.lost[k].1.clone()).await;
                lost[k].event = Some(Instant::now());
                sandbox.finish_encoding(flight.finishing[k].1);
                ready[k].event = Some(Instant::now());
            }
        }
        for promise in &mut lost {
            promise
                .check(&flight.db, |status| status != "pending")
                .await;
        }
        for promise in &mut ready {
            promise.check(&flight.db, |status| status == "ready").await;
        }
        if counted.is_none() && elapsed >= window {
            counted = Some(count(sandbox, from, calls_before, elapsed));
        }
        if counted.is_some() && lost.iter().chain(&ready).all(|p| p.settled(window)) {
            break;
        }
        tokio::time::sleep(POLL).await;
    }
    (counted.unwrap(), lost, ready)
}

/// The signed calls answered since `from`, and the photo/list calls among them by what they name.
fn count(sandbox: &Sandbox, from: SystemTime, calls_before: u64, window: Duration) -> Tally {
    let lists: Vec<_> = sandbox
        .list_calls()
        .into_iter()
        .filter(|call| call.at >= from)
        .collect();
    let by_token = lists.iter().filter(|c| c.upload_token.is_some()).count();
    let by_photo = lists
        .iter()
        .filter(|c| c.upload_token.is_none() && c.photo_id.is_some())
        .count();
    Tally {
        window,
        calls: (sandbox.api_calls() - calls_before) as usize,
        by_token,
        by_photo,
        other_lists: lists.len() - by_token - by_photo,
    }
}
