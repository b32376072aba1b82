//! Calls to 23 per minute with N uploads in flight on one, two and three instances sharing one
//! PostgreSQL database (issue 23): one leader per job, so more instances must not mean more calls.
//!
//! One set of uploads (N tokens pending, N videos encoding, prepared through the first instance)
//! is counted on with one instance, then a second and a third are started on the same database
//! and it is counted again, each window in turn. In each window a pending upload gets its file
//! with the callback lost, and the time until some instance records it is shown too.
//!
//! `BENCH_POSTGRES_URL` (an admin URL; `scripts/postgres.sh` prints one) turns it on;
//! `BENCH_ONLY=instances` runs it alone. `BENCH_CALLS_SECONDS` (default 60) sets each window,
//! `BENCH_INSTANCES_UPLOADS` (default 1000) the value of N.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use futures_util::StreamExt as _;
use upload_portal::twentythree::oauth::Credentials;

use crate::fixtures::{Visitor, send_file};
use crate::in_flight::Site;
use crate::load;
use crate::processes::{self, Process};

const PARALLEL: usize = 8;
const METRICS_TOKEN: &str = "bench-metrics-token-0123456789";

pub async fn run(credentials: &Credentials, dir: &Path) {
    let Ok(admin_url) = std::env::var("BENCH_POSTGRES_URL") else {
        println!("\n(instances on PostgreSQL skipped: set BENCH_POSTGRES_URL)");
        return;
    };
    let window = Duration::from_secs(crate::setting("BENCH_CALLS_SECONDS", 60));
    let n = crate::setting("BENCH_INSTANCES_UPLOADS", 1000) as usize;
    let database_url = fresh_schema(&admin_url).await;
    let db = sqlx::PgPool::connect(&database_url).await.unwrap();
    let site = Site::start(credentials, dir);
    let start = |k: usize| {
        let dir = dir.join(format!("instance-{k}"));
        std::fs::create_dir_all(&dir).unwrap();
        let (site, url) = (site.url.clone(), database_url.clone());
        async move {
            let overrides = [
                ("DATABASE_URL", url.as_str()),
                ("METRICS_TOKEN", METRICS_TOKEN),
            ];
            processes::portal_with(processes::CURRENT, credentials, &site, &dir, &overrides).await
        }
    };
    let mut portals = vec![start(1).await];
    let preparing = Instant::now();
    let pending = prepare(&portals[0].url, &site.url, &db, n).await;
    eprintln!(
        "instances: {n} + {n} uploads prepared in {:.0?}",
        preparing.elapsed()
    );
    println!(
        "\n## Calls to 23 on 1, 2 and 3 instances sharing one PostgreSQL (jobs at default \
         intervals; {n} tokens pending + {n} videos encoding; {} s window each)\n",
        window.as_secs()
    );
    println!(
        "| instances | signed calls/min | photo/list by upload_token /min | other photo/list /min | \
         leaders (reconcile, refresh) | lost callback found after |"
    );
    println!("|---|---|---|---|---|---|");
    let mut per_minute = Vec::new();
    for k in 1..=3 {
        if k > 1 {
            portals.push(start(k).await);
            // The newcomer tries for the leases within its first round; let that settle.
            tokio::time::sleep(Duration::from_secs(12)).await;
        }
        let lost = pending[k - 1];
        let row = measure(&site, &db, lost, window).await;
        let leaders = leaders(&portals).await;
        per_minute.push(row.0);
        println!(
            "| {k} | **{:.0}** | {:.0} | {:.0} | {leaders} | {} |",
            row.0,
            row.1,
            row.2,
            row.3
                .map_or(format!("> {} s", window.as_secs()), |took| format!(
                    "{:.1} s",
                    took.as_secs_f64()
                ))
        );
    }
    println!(
        "\n- two instances vs one: **{:.2}×**, three vs one: **{:.2}×** (target ≤ 1.1×)",
        per_minute[1] / per_minute[0],
        per_minute[2] / per_minute[0]
    );
    drop(portals);
    db.close().await;
    site.server.stop(false).await;
}

/// A schema of its own on the server, as the test suite makes them.
async fn fresh_schema(admin_url: &str) -> String {
    let name = format!("bench_{}", upload_portal::random::token(12).to_lowercase());
    let admin = sqlx::PgPool::connect(admin_url).await.unwrap();
    let create = sqlx::AssertSqlSafe(format!("CREATE SCHEMA {name}"));
    sqlx::raw_sql(create).execute(&admin).await.unwrap();
    admin.close().await;
    let mut url = url::Url::parse(admin_url).unwrap();
    url.query_pairs_mut()
        .append_pair("options[search_path]", &name);
    url.to_string()
}

async fn token_of(db: &sqlx::PgPool, id: i64) -> String {
    sqlx::query_scalar("SELECT upload_token FROM uploads WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

/// `n` videos encoding (file sent, callback delivered) and `n` tokens pending; returns the
/// pending uploads' ids, oldest first.
async fn prepare(portal: &str, site: &str, db: &sqlx::PgPool, n: usize) -> Vec<i64> {
    let visitor = Visitor::new(portal).await;
    let client = load::client(None);
    let callbacks: Vec<String> = futures_util::stream::iter(0..n)
        .map(|i| {
            let (visitor, client) = (&visitor, &client);
            async move {
                let id = visitor.mint(client, portal, &format!("Encoding {i}")).await;
                send_file(client, site, token_of(db, id).await).await
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    load::each_once(&client, callbacks, 303, PARALLEL).await;
    futures_util::stream::iter(0..n)
        .map(|i| {
            let (visitor, client) = (&visitor, &client);
            async move { visitor.mint(client, portal, &format!("Pending {i}")).await }
        })
        .buffered(PARALLEL)
        .collect()
        .await
}

/// Calls per minute in `window` (all signed calls, photo/list by token, other photo/list), and
/// how long the upload `lost`, given its file at the start with the callback lost, took to be
/// recorded.
async fn measure(
    site: &Site,
    db: &sqlx::PgPool,
    lost: i64,
    window: Duration,
) -> (f64, f64, f64, Option<Duration>) {
    let sandbox = &site.sandbox;
    let (from, before, started) = (SystemTime::now(), sandbox.api_calls(), Instant::now());
    send_file(&load::client(None), &site.url, token_of(db, lost).await).await;
    let mut found = None;
    while started.elapsed() < window {
        if found.is_none() {
            let status: String = sqlx::query_scalar("SELECT status FROM uploads WHERE id = $1")
                .bind(lost)
                .fetch_one(db)
                .await
                .unwrap();
            if status != "pending" {
                found = Some(started.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    let calls = (sandbox.api_calls() - before) as f64 / minutes;
    let lists: Vec<_> = sandbox
        .list_calls()
        .into_iter()
        .filter(|c| c.at >= from)
        .collect();
    let by_token = lists.iter().filter(|c| c.upload_token.is_some()).count() as f64;
    let other = lists.len() as f64 - by_token;
    (calls, by_token / minutes, other / minutes, found)
}

/// Which instance (1, 2, 3) leads the reconciler and the refresher, by their `/metrics`.
async fn leaders(portals: &[Process]) -> String {
    let client = reqwest::Client::new();
    let mut found = Vec::new();
    for job in ["reconcile", "refresh"] {
        let mut who = Vec::new();
        for (k, portal) in portals.iter().enumerate() {
            let text = client
                .get(format!("{}/metrics", portal.url))
                .bearer_auth(METRICS_TOKEN)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let series = format!("upload_portal_job_leader{{job=\"{job}\"}} 1");
            if text.lines().any(|l| l == series) {
                who.push(format!("#{}", k + 1));
            }
        }
        found.push(if who.is_empty() {
            "none".to_string()
        } else {
            who.join("+")
        });
    }
    found.join(", ")
}
