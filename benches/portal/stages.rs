//! Where one request's time goes: each page asked for one request at a time (no queueing), the
//! portal's `Server-Timing` stages averaged, next to the whole request as the client saw it.
//! The difference between the whole and the stages is the framework, the session cookie's
//! decryption and the transport.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::pages::{NAMES, Pages};

const SAMPLES: usize = 400;
const STAGES: [&str; 6] = ["session", "marker", "kept", "query", "entries", "render"];

/// Prints one table row per run: mean milliseconds per stage, and the whole request.
pub async fn report(label: &str, pages: &Pages) {
    println!("\n## Where the time goes: {label} ({SAMPLES} requests each, one at a time)\n");
    println!(
        "| run | {} | whole request |\n|---|{}---|",
        STAGES.join(" | "),
        "---|".repeat(STAGES.len())
    );
    for (i, name) in NAMES.iter().enumerate() {
        let (client, urls) = pages.request(i);
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        let started = Instant::now();
        for n in 0..SAMPLES {
            let response = client.get(&urls[n % urls.len()]).send().await.unwrap();
            let timing = timing(&response);
            let _ = response.bytes().await;
            for (stage, ms) in timing {
                *sums.entry(stage).or_default() += ms;
            }
        }
        let whole = started.elapsed().as_secs_f64() * 1000.0 / SAMPLES as f64;
        let cells: Vec<String> = STAGES
            .iter()
            .map(|s| match sums.get(*s) {
                Some(total) => format!("{:.3}", total / SAMPLES as f64),
                None => "–".into(),
            })
            .collect();
        println!("| {name} | {} | {whole:.3} |", cells.join(" | "));
    }
}

/// The response's `Server-Timing` stages (none when it sent no header).
pub fn timing(response: &reqwest::Response) -> Vec<(String, f64)> {
    response
        .headers()
        .get("server-timing")
        .and_then(|v| v.to_str().ok())
        .map(parse)
        .unwrap_or_default()
}

/// `a;dur=1.5, b;dur=0.2` as (name, milliseconds).
fn parse(header: &str) -> Vec<(String, f64)> {
    header
        .split(',')
        .filter_map(|part| {
            let (name, dur) = part.trim().split_once(";dur=")?;
            Some((name.to_owned(), dur.parse().ok()?))
        })
        .collect()
}
