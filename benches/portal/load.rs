//! A small closed-loop load generator: N connections, each sending its next request as soon as
//! the last one is answered, for a fixed time or a fixed list of requests.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;

/// What one run measured.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub requests: usize,
    /// Answers other than the expected status, and transport errors.
    pub errors: usize,
    pub elapsed: Duration,
    /// Sorted latencies in microseconds.
    latencies: Vec<u64>,
}

impl Stats {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * (self.latencies.len() - 1) as f64).round() as usize;
        self.latencies[rank] as f64 / 1000.0
    }

    /// Stats of requests made elsewhere: whether each succeeded and how long it took, over
    /// `elapsed`.
    pub fn of(results: Vec<(bool, Duration)>, elapsed: Duration) -> Stats {
        let mut latencies: Vec<u64> = results
            .iter()
            .map(|(_, took)| took.as_micros() as u64)
            .collect();
        latencies.sort_unstable();
        Stats {
            requests: results.len(),
            errors: results.iter().filter(|(ok, _)| !ok).count(),
            elapsed,
            latencies,
        }
    }

    /// Two runs of the same thing, as one.
    pub fn merge(mut self, other: Stats) -> Stats {
        self.requests += other.requests;
        self.errors += other.errors;
        self.elapsed += other.elapsed;
        self.latencies.extend(other.latencies);
        self.latencies.sort_unstable();
        self
    }
}

/// A client as a browser would be: one cookie header, no redirects followed, many connections.
pub fn client(cookie: Option<&str>) -> reqwest::Client {
    polling_client(cookie, None)
}

/// The same, asking with `If-None-Match` (a page's script polling for changes).
pub fn polling_client(cookie: Option<&str>, etag: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(cookie) = cookie {
        headers.insert("cookie", cookie.parse().unwrap());
    }
    if let Some(etag) = etag {
        headers.insert("if-none-match", etag.parse().unwrap());
    }
    reqwest::Client::builder()
        .redirect(Policy::none())
        .default_headers(headers)
        .pool_max_idle_per_host(256)
        .build()
        .unwrap()
}

/// `GET` the `urls` in turn on `connections` connections for `duration`; `expected` is the
/// status that counts as success.
pub async fn for_duration(
    client: &reqwest::Client,
    urls: Vec<String>,
    expected: u16,
    connections: usize,
    duration: Duration,
) -> Stats {
    let deadline = Instant::now() + duration;
    let urls = Arc::new(urls);
    run(client, urls, expected, connections, move |_| {
        Instant::now() < deadline
    })
    .await
}

/// `GET` each of `urls` once, spread over `connections` connections.
pub async fn each_once(
    client: &reqwest::Client,
    urls: Vec<String>,
    expected: u16,
    connections: usize,
) -> Stats {
    let total = urls.len();
    run(client, Arc::new(urls), expected, connections, move |i| {
        i < total
    })
    .await
}

async fn run(
    client: &reqwest::Client,
    urls: Arc<Vec<String>>,
    expected: u16,
    connections: usize,
    keep_going: impl Fn(usize) -> bool + Clone + Send + 'static,
) -> Stats {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (client, urls, next, keep_going) = (
                client.clone(),
                urls.clone(),
                next.clone(),
                keep_going.clone(),
            );
            tokio::spawn(async move {
                let mut stats = Stats::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if !keep_going(i) {
                        break;
                    }
                    let url = &urls[i % urls.len()];
                    let sent = Instant::now();
                    let ok = match client.get(url).send().await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let _ = response.bytes().await;
                            status == expected
                        }
                        Err(_) => false,
                    };
                    stats.latencies.push(sent.elapsed().as_micros() as u64);
                    stats.requests += 1;
                    stats.errors += usize::from(!ok);
                }
                stats
            })
        })
        .collect();
    let mut total = Stats::default();
    for worker in workers {
        total = total.merge(worker.await.unwrap());
    }
    total.elapsed = started.elapsed();
    total.latencies.sort_unstable();
    total
}
