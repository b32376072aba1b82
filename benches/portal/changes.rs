//! The first history view after an upload changes state (issue 23 §2), against the new-upload
//! page in the same run.
//!
//! `VISITORS` visitors with 100 uploads each, each behind one connection. A round changes one
//! upload of every visitor's history in the database (as the reconciler or a callback would:
//! its status flips, one write per visitor, not timed), then every visitor asks for their
//! history at once; only that burst is timed. Each request is therefore the first view after a
//! change: its page is not kept, and its marker moved.

use std::time::{Duration, Instant};

use crate::fixtures::{self, Visitor};
use crate::load::{self, Stats};
use crate::pages::Pages;

/// As many as an instance keeps rows for (`page::RenderedRows`), and the load's connections.
pub const VISITORS: usize = 64;

pub struct Changes {
    visitors: Vec<(reqwest::Client, i64)>,
    history: String,
}

/// Which page each view asks for.
#[derive(Clone, Copy)]
pub enum View {
    /// The first page, as a visitor sees it: its kept rows brought up to date.
    First,
    /// The same uploads through `?before=<largest id>`, a page never kept: read and rendered
    /// whole, as every first view after a change was before.
    Whole,
}

/// The timed views of one kind, and how many of them the portal says it brought up to date
/// from kept rows (`Server-Timing` stage `rows`).
#[derive(Default)]
pub struct Views {
    pub stats: Stats,
    pub from_kept_rows: usize,
}

impl Changes {
    /// Visitors with 100 uploads each on the portal of `pages`, each history viewed once (what
    /// a visitor on the page has before the change).
    pub async fn prepare(pages: &Pages) -> Changes {
        let setup = load::client(None);
        let mut visitors = Vec::new();
        for n in 0..VISITORS {
            let visitor = Visitor::new(&pages.portal.url).await;
            let first = visitor
                .mint(&setup, &pages.portal.url, &format!("Changes {n}"))
                .await;
            fixtures::add_uploads(&pages.dir, first, 99).await;
            visitors.push((load::client(Some(&visitor.cookie)), first));
        }
        let changes = Changes {
            visitors,
            history: format!("{}/uploads", pages.portal.url),
        };
        changes.view_all(View::First).await;
        changes
    }

    /// Rounds of (a change per visitor, untimed; every history once, timed) for `duration` of
    /// timed views.
    pub async fn measure(&self, pages: &Pages, view: View, duration: Duration) -> Views {
        let pool = fixtures::database(&pages.dir).await;
        let mut views = Views::default();
        let mut round = 0;
        while views.stats.elapsed < duration {
            round += 1;
            for (_, upload) in &self.visitors {
                change(&pool, *upload, round).await;
            }
            let (stats, from_kept_rows) = self.view_all(view).await;
            views.stats = std::mem::take(&mut views.stats).merge(stats);
            views.from_kept_rows += from_kept_rows;
        }
        pool.close().await;
        views
    }

    /// Where one first view's time goes: `SAMPLES` changes, each followed by one view, one at a
    /// time (no queueing); the portal's `Server-Timing` stages averaged, and the whole request.
    pub async fn stages(&self, pages: &Pages) {
        const SAMPLES: usize = 400;
        const STAGES: [&str; 7] = [
            "session", "marker", "kept", "rows", "query", "entries", "render",
        ];
        let pool = fixtures::database(&pages.dir).await;
        let mut sums: std::collections::BTreeMap<String, f64> = Default::default();
        let mut whole = Duration::ZERO;
        for n in 0..SAMPLES {
            let (client, upload) = &self.visitors[n % VISITORS];
            change(&pool, *upload, n as i64).await;
            let sent = Instant::now();
            let response = client.get(&self.history).send().await.unwrap();
            let timing = crate::stages::timing(&response);
            let _ = response.bytes().await;
            whole += sent.elapsed();
            for (stage, ms) in timing {
                *sums.entry(stage).or_default() += ms;
            }
        }
        pool.close().await;
        println!(
            "\n| one at a time (ms) | {} | whole request |",
            STAGES.join(" | ")
        );
        println!("|---|{}---|", "---|".repeat(STAGES.len()));
        let cells: Vec<String> = STAGES
            .iter()
            .map(|s| {
                sums.get(*s)
                    .map_or("–".into(), |t| format!("{:.3}", t / SAMPLES as f64))
            })
            .collect();
        println!(
            "| first view after a change | {} | {:.3} |",
            cells.join(" | "),
            whole.as_secs_f64() * 1000.0 / SAMPLES as f64
        );
    }

    /// Every visitor's history at once, each on its own connection.
    async fn view_all(&self, view: View) -> (Stats, usize) {
        let history = match view {
            View::First => self.history.clone(),
            View::Whole => format!("{}?before={}", self.history, i64::MAX),
        };
        let started = Instant::now();
        let views: Vec<_> = self
            .visitors
            .iter()
            .map(|(client, _)| {
                let (client, history) = (client.clone(), history.clone());
                tokio::spawn(async move {
                    let sent = Instant::now();
                    let (ok, kept) = match client.get(&history).send().await {
                        Ok(response) => {
                            let kept = crate::stages::timing(&response)
                                .iter()
                                .any(|(stage, _)| stage == "rows");
                            let ok = response.status() == 200 && response.bytes().await.is_ok();
                            (ok, kept)
                        }
                        Err(_) => (false, false),
                    };
                    ((ok, sent.elapsed()), kept)
                })
            })
            .collect();
        let (mut results, mut kept) = (Vec::with_capacity(views.len()), 0);
        for view in views {
            let (result, from_kept_rows) = view.await.unwrap();
            results.push(result);
            kept += usize::from(from_kept_rows);
        }
        (Stats::of(results, started.elapsed()), kept)
    }
}

/// A status change to one of the 50 newest uploads of the visitor whose newest is `newest` (on
/// the page they look at), as the reconciler or a callback would write it.
async fn change(pool: &sqlx::SqlitePool, newest: i64, round: i64) {
    sqlx::query(
        "UPDATE uploads SET status = CASE status WHEN 'uploaded' THEN 'ready' \
         ELSE 'uploaded' END WHERE id = ?",
    )
    .bind(newest - round % 50)
    .execute(pool)
    .await
    .unwrap();
}

/// The figure the issue asks for, with the new-upload page measured in the same run.
pub fn report(label: &str, first: &Views, whole: &Views, new_upload: &Stats) {
    println!("\n## First history view after a change: {label}\n");
    println!("| run | requests | errors | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|");
    crate::line("GET / (new-upload page)", new_upload);
    crate::line(
        &format!("first view after a change, {VISITORS} visitors × 100 uploads"),
        &first.stats,
    );
    crate::line("the same, the page read and rendered whole", &whole.stats);
    println!(
        "\n- first history view after a change vs new-upload page: **{:.2}** (target ≥ 0.20); \
         {} of {} views brought up to date from kept rows",
        first.stats.per_second() / new_upload.per_second(),
        first.from_kept_rows,
        first.stats.requests
    );
    println!(
        "- the same page rendered whole vs new-upload page: {:.2}",
        whole.stats.per_second() / new_upload.per_second()
    );
}
