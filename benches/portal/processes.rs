//! The release binary as child processes (the portal, and the sandbox on its own), and what
//! Linux says about their memory.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use secrecy::ExposeSecret;
use upload_portal::twentythree::oauth::Credentials;

pub struct Process {
    child: Child,
    pub url: String,
}

impl Process {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak resident memory so far (VmHWM) and resident memory now (VmRSS), in KiB.
    pub fn memory_kib(&self) -> (u64, u64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).expect("Linux /proc");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn credential_vars(credentials: &Credentials) -> HashMap<String, String> {
    HashMap::from([
        (
            "TWENTYTHREE_CONSUMER_KEY".into(),
            credentials.consumer_key.clone(),
        ),
        (
            "TWENTYTHREE_CONSUMER_SECRET".into(),
            credentials.consumer_secret.expose_secret().into(),
        ),
        ("TWENTYTHREE_ACCESS_TOKEN".into(), credentials.token.clone()),
        (
            "TWENTYTHREE_ACCESS_TOKEN_SECRET".into(),
            credentials.token_secret.expose_secret().into(),
        ),
    ])
}

/// The binary this bench was built with.
pub const CURRENT: &str = env!("CARGO_BIN_EXE_upload-portal");

fn spawn(
    binary: &str,
    args: &[&str],
    vars: HashMap<String, String>,
    dir: &Path,
    log: &str,
) -> Child {
    let log = std::fs::File::create(dir.join(log)).unwrap();
    Command::new(binary)
        .args(args)
        .env_clear()
        .envs(vars)
        .current_dir(dir)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .stdin(Stdio::null())
        .spawn()
        .expect("the release binary starts")
}

/// Waits until `url` answers anything over HTTP.
async fn wait_until_up(url: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while reqwest::get(url).await.is_err() {
        assert!(Instant::now() < deadline, "{url} did not come up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `upload-portal sandbox`, accepting `credentials`, storing under `dir`.
pub async fn sandbox(credentials: &Credentials, dir: &Path) -> Process {
    let port = free_port();
    let mut vars = credential_vars(credentials);
    vars.insert("DATA_DIR".into(), dir.display().to_string());
    vars.insert("RUST_LOG".into(), "warn".into());
    let bind = format!("127.0.0.1:{port}");
    let child = spawn(
        CURRENT,
        &["sandbox", "--bind", &bind],
        vars,
        dir,
        "sandbox.log",
    );
    let url = format!("http://{bind}");
    wait_until_up(&format!("{url}/")).await;
    Process { child, url }
}

/// The portal (`binary`: this build's, or an older one to compare with) against the 23 site at
/// `site`, logging at info level to a file, as in production.
pub async fn portal(binary: &str, credentials: &Credentials, site: &str, dir: &Path) -> Process {
    // The background jobs would confirm the prepared uploads before their callbacks arrive.
    let quiet_jobs = [
        ("RECONCILE_INTERVAL_SECS", "3600"),
        ("REFRESH_INTERVAL_SECS", "3600"),
    ];
    portal_with(binary, credentials, site, dir, &quiet_jobs).await
}

/// Like `portal`, with its background jobs at their default intervals: what the calls to 23 count.
pub async fn portal_with_jobs(
    binary: &str,
    credentials: &Credentials,
    site: &str,
    dir: &Path,
) -> Process {
    portal_with(binary, credentials, site, dir, &[]).await
}

pub async fn portal_with(
    binary: &str,
    credentials: &Credentials,
    site: &str,
    dir: &Path,
    overrides: &[(&str, &str)],
) -> Process {
    let port = free_port();
    let mut vars = credential_vars(credentials);
    for (name, value) in [
        ("TWENTYTHREE_URL", site.to_string()),
        ("BIND_ADDR", format!("127.0.0.1:{port}")),
        ("DATA_DIR", dir.display().to_string()),
        (
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.join("portal.db").display()),
        ),
        ("SESSION_SECRET", upload_portal::random::hex_bytes(32)),
        ("RUST_LOG", "info".into()),
        // One benchmark visitor, from one address, mints thousands of uploads; the hourly limits
        // are for people.
        ("UPLOAD_TOKENS_PER_HOUR", "100000".into()),
        ("UPLOAD_TOKENS_PER_HOUR_PER_IP", "100000".into()),
        ("UPLOAD_TOKENS_PER_HOUR_TOTAL", "1000000".into()),
        // The history page says where its time goes (`stages.rs` reads it; older builds ignore it).
        ("SERVER_TIMING", "1".into()),
    ] {
        vars.insert(name.into(), value);
    }
    for (name, value) in overrides {
        vars.insert((*name).into(), (*value).into());
    }
    let child = spawn(binary, &[], vars, dir, "portal.log");
    let url = format!("http://127.0.0.1:{port}");
    wait_until_up(&format!("{url}/healthz")).await;
    Process { child, url }
}
