//! The pages a visitor loads and polls, measured on one portal binary or on two (this build and
//! an older one, `BENCH_BEFORE`) with their runs interleaved, so both see the same machine load.

use std::path::Path;
use std::time::Duration;

use crate::fixtures::{self, Visitor};
use crate::load::{self, Stats};
use crate::processes::{self, Process};
use upload_portal::twentythree::oauth::Credentials;

pub const NAMES: [&str; 6] = [
    "GET /healthz (static)",
    "GET / (new-upload page, same cookie)",
    "GET /uploads, 100 uploads stored",
    "GET /uploads, 100 000 uploads stored",
    "poll an unchanged history (If-None-Match)",
    "GET /uploads?before=…, 100 000 stored, a page not kept (1 000 pages in turn)",
];

/// Distinct history pages the last run cycles through: more than an instance keeps, so each
/// request reads the database and renders, as the first view after a change does.
const COLD_PAGES: i64 = 1000;

/// One portal with its visitors, and a client per run in `NAMES`.
pub struct Pages {
    pub portal: Process,
    pub dir: std::path::PathBuf,
    runs: Vec<(reqwest::Client, Vec<String>, u16)>,
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
        let cold = cold_pages(&big.cookie, &history).await;
        let runs = vec![
            (
                load::client(None),
                vec![format!("{}/healthz", portal.url)],
                200,
            ),
            (
                load::client(Some(&small.cookie)),
                vec![format!("{}/", portal.url)],
                200,
            ),
            (
                load::client(Some(&small.cookie)),
                vec![history.clone()],
                200,
            ),
            (load::client(Some(&big.cookie)), vec![history.clone()], 200),
            (
                load::polling_client(Some(&small.cookie), etag.as_deref()),
                vec![history],
                poll_status,
            ),
            (load::client(Some(&big.cookie)), cold, 200),
        ];
        Pages {
            portal,
            dir: dir.to_path_buf(),
            runs,
        }
    }

    async fn run(&self, i: usize, connections: usize, duration: Duration) -> Stats {
        let (client, urls, expected) = &self.runs[i];
        load::for_duration(client, urls.clone(), *expected, connections, duration).await
    }

    /// The new-upload page alone (run 1 of `NAMES`), the bar other pages are measured against.
    pub async fn new_upload_page(&self, connections: usize, duration: Duration) -> Stats {
        self.run(1, connections, duration).await
    }

    /// The client and URL of run `i` of `NAMES`.
    pub fn request(&self, i: usize) -> (&reqwest::Client, &[String]) {
        let (client, urls, _) = &self.runs[i];
        (client, urls)
    }

    /// Any of the runs, in turn (to top up the request count for the memory figure).
    pub async fn run_any(&self, n: usize, connections: usize, duration: Duration) -> usize {
        self.run(n % self.runs.len(), connections, duration)
            .await
            .requests
    }
}

/// `COLD_PAGES` pages of the big history, each starting somewhere else (`before` = an id below
/// the first page's oldest, stepping down).
async fn cold_pages(cookie: &str, history: &str) -> Vec<String> {
    let html = load::client(Some(cookie))
        .get(history)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let oldest: i64 = html
        .split("uploads?before=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|id| id.parse().ok())
        .expect("the big history links to its older pages");
    (0..COLD_PAGES)
        .map(|k| format!("{history}?before={}", oldest - k * 37))
        .collect()
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
    println!(
        "- history (100 000), a page not kept, vs new-upload page: {:.2}",
        ratio(5, 1)
    );
    println!("- new-upload page vs /healthz: {:.2}", ratio(1, 0));
}
