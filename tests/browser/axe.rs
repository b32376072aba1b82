//! The accessibility audit: axe-core (the npm package `scripts/test.sh` installs into
//! `target/test-tools`, never a CDN) injected into the page under test over WebDriver, run at
//! WCAG 2.2 A and AA, and its report printed, so the test output says what ran.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app;

/// Every WCAG 2.0, 2.1 and 2.2 level A and AA rule axe knows; nothing best-practice or AAA.
const TAGS: [&str; 6] = [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
];

fn axe_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("test-tools/node_modules/axe-core/axe.min.js")
}

/// The script, read once per test binary; a missing install fails loudly (an audit that silently
/// skips proves nothing).
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_path();
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is not installed at {} ({e}). `scripts/test.sh` installs it from the npm \
                 registry (npm install --prefix target/test-tools axe-core).",
                path.display()
            )
        })
    })
}

/// What one audit found.
pub struct AxeReport {
    pub rules_run: usize,
    pub violations: Vec<Value>,
    /// Rules axe could not decide alone ("needs review"): printed, so a reviewer sees them.
    pub incomplete: Vec<Value>,
}

/// Audits the page as it is now (`state` names it in the report) and fails on any violation,
/// listing each rule with the offending elements. Returns how many rules ran.
pub async fn assert_accessible(b: &Browser, state: &str) -> usize {
    let report = audit(b).await;
    let width = b.run("return window.innerWidth").await;
    println!(
        "axe {}: {state} at {width} px: {} rules run, {} violations, needs review: {}",
        axe_version(b).await,
        report.rules_run,
        report.violations.len(),
        ids(&report.incomplete)
    );
    assert!(
        report.rules_run > 0,
        "axe ran no rules on {state}: the audit proves nothing"
    );
    assert!(
        report.violations.is_empty(),
        "accessibility violations (WCAG 2.2 A/AA) on {state} at {width} px:\n{}",
        describe(&report.violations)
    );
    // axe's "needs review" is not a pass: each one is fixed so that axe can decide, and passes.
    assert!(
        report.incomplete.is_empty(),
        "axe could not decide (needs review) on {state} at {width} px:\n{}",
        describe(&report.incomplete)
    );
    report.rules_run
}

/// As `assert_accessible`, where axe's "video-caption" cannot be decided for a reason the page
/// states: the recorder's `<video>`s are the visitor's own muted camera picture and the
/// recording they just made, for which no captions exist. Only that rule, on those elements.
pub async fn assert_accessible_with_own_videos(b: &Browser, state: &str, videos: &[&str]) -> usize {
    let mut report = audit(b).await;
    report.incomplete.retain(|result| {
        let ours = result["nodes"].as_array().is_some_and(|nodes| {
            nodes.iter().all(|n| {
                let target = n["target"].to_string();
                videos.iter().any(|v| target.contains(v))
            })
        });
        !(result["id"] == "video-caption" && ours)
    });
    assert!(report.rules_run > 0, "axe ran no rules on {state}");
    assert!(
        report.violations.is_empty(),
        "accessibility violations (WCAG 2.2 A/AA) on {state}:\n{}",
        describe(&report.violations)
    );
    assert!(
        report.incomplete.is_empty(),
        "axe could not decide (needs review) on {state}:\n{}",
        describe(&report.incomplete)
    );
    println!(
        "axe: {state}: {} rules run, no violations",
        report.rules_run
    );
    report.rules_run
}

fn ids(results: &[Value]) -> Value {
    results.iter().map(|v| v["id"].clone()).collect()
}

pub async fn audit(b: &Browser) -> AxeReport {
    let injected = b
        .client
        .execute(
            &format!("{}\n;return typeof window.axe;", axe_source()),
            vec![],
        )
        .await
        .expect("axe-core is injected");
    assert_eq!(injected, "object", "axe-core did not load in the page");
    let done = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const brief = (v) => ({ id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => ({ target: n.target, summary: n.failureSummary })) });
             axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations', 'incomplete'] })
               .then(r => done({
                   rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
                   incomplete: r.incomplete.map(brief),
                   violations: r.violations.map(brief),
               }))
               .catch(e => done({ error: String(e) }));",
            vec![json!(TAGS)],
        )
        .await
        .expect("axe.run answers");
    assert!(done["error"].is_null(), "axe failed: {}", done["error"]);
    AxeReport {
        rules_run: done["rules"].as_u64().unwrap_or(0) as usize,
        violations: done["violations"].as_array().cloned().unwrap_or_default(),
        incomplete: done["incomplete"].as_array().cloned().unwrap_or_default(),
    }
}

async fn axe_version(b: &Browser) -> String {
    b.run("return axe.version")
        .await
        .as_str()
        .unwrap_or("?")
        .to_string()
}

pub fn describe(violations: &[Value]) -> String {
    violations
        .iter()
        .map(|v| {
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| format!("    {} — {}", n["target"], n["summary"]))
                .collect();
            format!(
                "  {} ({}): {}\n{}",
                v["id"],
                v["impact"],
                v["help"],
                nodes.join("\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The audit can fail: a picture without a text alternative and faint text planted in a page
/// are both reported.
#[tokio::test]
async fn the_audit_reports_violations_planted_in_a_page() {
    let app = spawn_app().await;
    with_browser("axe-planted", &app.address, Options::default(), async |b| {
        b.goto("/").await;
        b.run(
            "const main = document.querySelector('main');
             const picture = document.createElement('img');
             picture.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
             const faint = document.createElement('p');
             faint.textContent = 'Hard to read';
             faint.style.color = '#c8c8c8';
             main.append(picture, faint);",
        )
        .await;
        let report = audit(b).await;
        let found: Vec<&str> = report
            .violations
            .iter()
            .filter_map(|v| v["id"].as_str())
            .collect();
        assert!(
            found.contains(&"image-alt") && found.contains(&"color-contrast"),
            "axe reports the planted violations: {found:?}"
        );
    })
    .await;
}
