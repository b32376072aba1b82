//! The pages a visitor loads and polls, measured on one portal binary or on two (this build and
//! an older one, `BENCH_BEFORE`) with their runs interleaved, so both see the same machine load.

use std::path::Path;
use std::time::Duration;

use crate::fixtures::{self, Visitor};
use crate::load::{self, Stats};
use crate::processes::{self, Process};
use upload_portal::twentythree::oauth::Credentials;

pub const NAMES: [&str; 5] = [
    "GET /healthz (static)",
    "GET / (new-upload page, same cookie)",
    "GET /uploads, 100 uploads stored",
    "GET /uploads, 100 000 uploads stored",
    "poll an unchanged history (If-None-Match)",
];

/// One portal with its visitors, and a client per run in `NAMES`.
pub struct Pages {
    pub portal: Process,
    pub dir: std::path::PathBuf,
    runs: Vec<(reqwest::Client, String, u16)>,
}

impl Pages {
    pub async fn start(binary: &str, credentials: &Credentials, site: &str, dir: &Path) -> Pages {
        std::fs::create_dir_all(dir).unwrap();
        let portal = processes::portal(binary, credentials, site, dir).await;
        let setup = load::client(None);
        let (small, big) = (
            Visitor::new(&portal.url).await,
            Visitor::new(&portal.url).await,
        );
        let small_first = small.mint(&setup, &portal.url, "Small history").await;
        let big_first = big.mint(&setup, &portal.url, "Big history").await;
        fixtures::add_uploads(dir, small_first, 99).await;
        fixtures::add_uploads(dir, big_first, 99_999).await;
        let history = format!("{}/uploads", portal.url);
        // What the page's script holds: the version of the page it shows. A binary without
        // versions answers the poll with the whole page, as its script's re-read did.
        let shown = load::client(Some(&small.cookie))
            .get(&history)
            .send()
            .await
            .unwrap();
        let etag = shown
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_string());
        let poll_status = if etag.is_some() { 304 } else { 200 };
        let runs = vec![
            (load::client(None), format!("{}/healthz", portal.url), 200),
            (
                load::client(Some(&small.cookie)),
                format!("{}/", portal.url),
                200,
            ),
            (load::client(Some(&small.cookie)), history.clone(), 200),
            (load::client(Some(&big.cookie)), history.clone(), 200),
            (
                load::polling_client(Some(&small.cookie), etag.as_deref()),
                history,
                poll_status,
            ),
        ];
        Pages {
            portal,
            dir: dir.to_path_buf(),
            runs,
        }
    }

    async fn run(&self, i: usize, connections: usize, duration: Duration) -> Stats {
        let (client, url, expected) = &self.runs[i];
        load::for_duration(client, vec![url.clone()], *expected, connections, duration).await
    }

    /// The client and URL of run `i` of `NAMES`.
    pub fn request(&self, i: usize) -> (&reqwest::Client, &str) {
        let (client, url, _) = &self.runs[i];
        (client, url)
    }

    /// Any of the runs, in turn (to top up the request count for the memory figure).
    pub async fn run_any(&self, n: usize, connections: usize, duration: Duration) -> usize {
        self.run(n % self.runs.len(), connections, duration)
            .await
            .requests
    }
}

/// Every run of `NAMES` on each portal, twice, in alternating order; the stats per portal.
pub async fn measure(portals: &[&Pages], connections: usize, seconds: Duration) -> Vec<Vec<Stats>> {
    for pages in portals {
        pages.run(0, connections, seconds / 5).await;
    }
    let mut stats = vec![vec![Stats::default(); NAMES.len()]; portals.len()];
    let forward: Vec<(usize, usize)> = (0..NAMES.len())
        .flat_map(|i| (0..portals.len()).map(move |p| (p, i)))
        .collect();
    let backward: Vec<(usize, usize)> = forward.iter().rev().copied().collect();
    for order in [forward, backward] {
        for (p, i) in order {
            let run = portals[p].run(i, connections, seconds).await;
            stats[p][i] = std::mem::take(&mut stats[p][i]).merge(run);
        }
    }
    stats
}

/// The table and the ratios the issue asks for, for one portal.
pub fn report(label: &str, stats: &[Stats]) {
    println!("\n## Pages: {label}\n");
    println!("| run | requests | errors | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|");
    for (name, s) in NAMES.iter().zip(stats) {
        crate::line(name, s);
    }
    let ratio = |a: usize, b: usize| stats[a].per_second() / stats[b].per_second();
    println!(
        "\n- history (100) vs new-upload page: **{:.2}** (target ≥ 0.20)",
        ratio(2, 1)
    );
    println!(
        "- history (100 000) vs new-upload page: **{:.2}** (target ≥ 0.20)",
        ratio(3, 1)
    );
    println!(
        "- history 100 000 vs 100: **{:.2}** (target ≥ 0.8)",
        ratio(3, 2)
    );
    println!(
        "- unchanged poll vs new-upload page: **{:.2}** (target ≥ 0.50)",
        ratio(4, 1)
    );
    println!("- new-upload page vs /healthz: {:.2}", ratio(1, 0));
}
