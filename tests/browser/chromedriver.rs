//! A chromedriver process of the test's own, on a free loopback port, stopped on drop.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::session::Browser;

/// Debian's `chromium-driver` puts it here; `CHROMEDRIVER` overrides.
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's `chromium`; `CHROMIUM` overrides.
const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

pub struct Chromedriver {
    child: Child,
    pub url: String,
}

pub fn chromium_binary() -> PathBuf {
    let path = PathBuf::from(std::env::var("CHROMIUM").unwrap_or(DEFAULT_CHROMIUM.into()));
    assert!(
        path.exists(),
        "Chromium is not installed at {} (set CHROMIUM to another path). The browser tests need \
         Debian's `chromium` and `chromium-driver` packages; `scripts/test.sh` installs them with apt-get.",
        path.display()
    );
    path
}

impl Chromedriver {
    /// Starts chromedriver and waits until it answers; panics with a clear message if it is
    /// missing, because a browser test that silently skips proves nothing.
    pub async fn start() -> Chromedriver {
        let binary = std::env::var("CHROMEDRIVER").unwrap_or(DEFAULT_CHROMEDRIVER.into());
        let port = free_port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "could not start chromedriver ({binary}): {e}. The browser tests need Debian's \
                     `chromium` and `chromium-driver` packages; `scripts/test.sh` installs them with apt-get \
                     (or set CHROMEDRIVER to its path)."
                )
            });
        let mut driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        driver.wait_until_ready().await;
        driver
    }

    async fn wait_until_ready(&mut self) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("chromedriver exited at start with {status}");
            }
            let ready = client
                .get(format!("{}/status", self.url))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not answer on {} within 20 s",
                self.url
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now (the OS picks it; the tiny race is harmless in tests).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// chromedriver's own commands (beyond WebDriver) that the tests use.
impl Browser {
    /// Slows this browser's network to `bytes_per_second` each way (chromedriver's own command),
    /// so that an upload on loopback lasts long enough to be watched.
    pub async fn throttle(&self, bytes_per_second: u64) {
        self.network_conditions(false, bytes_per_second).await;
    }

    /// Cuts this browser off the network, as a train entering a tunnel would.
    pub async fn go_offline(&self) {
        self.network_conditions(true, 0).await;
    }

    async fn network_conditions(&self, offline: bool, bytes_per_second: u64) {
        let session = self.client.session_id().await.unwrap().expect("a session");
        let response = reqwest::Client::new()
            .post(format!(
                "{}/session/{session}/chromium/network_conditions",
                self.driver.url
            ))
            .header("content-type", "application/json")
            .body(
                json!({ "network_conditions": {
                    "offline": offline,
                    "latency": 0,
                    "download_throughput": bytes_per_second,
                    "upload_throughput": bytes_per_second,
                }})
                .to_string(),
            )
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "chromedriver refused the network conditions: {}",
            response.text().await.unwrap_or_default()
        );
    }

    /// Puts this browser in another time zone (DevTools' `Emulation.setTimezoneOverride`, through
    /// chromedriver's CDP command), as a visitor elsewhere in the world has it.
    pub async fn set_time_zone(&self, zone: &str) {
        self.cdp(
            "Emulation.setTimezoneOverride",
            json!({ "timezoneId": zone }),
        )
        .await;
    }

    /// Any DevTools command (chromedriver's `goog/cdp/execute`); its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let session = self.client.session_id().await.unwrap().expect("a session");
        let response = reqwest::Client::new()
            .post(format!(
                "{}/session/{session}/goog/cdp/execute",
                self.driver.url
            ))
            .header("content-type", "application/json")
            .body(json!({ "cmd": cmd, "params": params }).to_string())
            .send()
            .await
            .unwrap();
        let ok = response.status().is_success();
        let body: Value = response.json().await.unwrap_or_default();
        assert!(ok, "chromedriver refused {cmd}: {body}");
        body["value"].clone()
    }

    /// The page's console messages and script errors so far (chromedriver's own log command).
    pub async fn console_log(&self) -> String {
        let Ok(Some(session)) = self.client.session_id().await else {
            return String::new();
        };
        let response = reqwest::Client::new()
            .post(format!("{}/session/{session}/se/log", self.driver.url))
            .header("content-type", "application/json")
            .body(r#"{"type":"browser"}"#)
            .send()
            .await;
        let Ok(body) = response else {
            return "(chromedriver did not answer)".into();
        };
        let json: Value =
            serde_json::from_str(&body.text().await.unwrap_or_default()).unwrap_or_default();
        json["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| format!("  {} {}", e["level"], e["message"]))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_else(|| format!("  {json}"))
    }
}
