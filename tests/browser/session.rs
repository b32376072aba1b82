//! `with_browser`: a fresh headless Chromium for one test, driven over WebDriver, always closed.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt as _;
use serde_json::{Value, json};

use super::chromedriver::{Chromedriver, chromium_binary};

/// A recent Android phone's Chrome.
const PHONE_USER_AGENT: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 \
                                (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";

/// How long any wait for the page may take before the test fails (CI machines are slow).
pub const WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub javascript: bool,
    pub width: u32,
    pub height: u32,
    /// Chromium's "Block third-party cookies" setting (partitioned cookies are still allowed).
    pub block_third_party_cookies: bool,
    /// A site (content-settings pattern, e.g. `127.0.0.1`) whose cookies are all blocked.
    pub block_cookies_of: Option<&'static str>,
    /// More Chromium switches (the recording tests' fake camera and screen, a phone's user agent).
    pub chromium_args: &'static [&'static str],
    /// A phone: a mobile user agent and a touch screen (coarse pointer, no hover).
    pub phone: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            javascript: true,
            width: 1280,
            height: 900,
            block_third_party_cookies: false,
            block_cookies_of: None,
            chromium_args: &[],
            phone: false,
        }
    }
}

pub struct Browser {
    pub client: Client,
    base: String,
    pub(super) driver: Chromedriver,
    _profile: tempfile::TempDir,
}

/// Runs `test` in a new browser pointed at `base`; on failure saves a screenshot under
/// `target/screenshots/failures/`, and always ends the browser before reporting.
pub async fn with_browser(
    name: &str,
    base: &str,
    options: Options,
    test: impl AsyncFnOnce(&Browser),
) {
    let browser = Browser::open(base, options).await;
    let outcome = AssertUnwindSafe(test(&browser)).catch_unwind().await;
    if outcome.is_err() {
        let path = browser.screenshot(&format!("failures/{name}")).await;
        eprintln!("screenshot of the failure: {}", path.display());
        eprintln!("browser console:\n{}", browser.console_log().await);
    }
    let _ = browser.client.clone().close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

impl Browser {
    async fn open(base: &str, options: Options) -> Browser {
        let driver = Chromedriver::start().await;
        let profile = tempfile::tempdir().unwrap();
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--hide-scrollbars".into(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={},{}", options.width, options.height),
        ];
        args.extend(options.chromium_args.iter().map(|a| a.to_string()));
        // One --blink-settings switch: Chromium keeps only the last one given.
        let mut blink = Vec::new();
        if !options.javascript {
            blink.push("scriptEnabled=false");
        }
        if options.phone {
            // Blink's PointerType::kCoarse = 2, HoverType::kNone = 1: what a phone reports.
            blink.extend([
                "primaryPointerType=2",
                "availablePointerTypes=2",
                "primaryHoverType=1",
                "availableHoverTypes=1",
            ]);
            args.push(format!("--user-agent={PHONE_USER_AGENT}"));
        }
        if !blink.is_empty() {
            args.push(format!("--blink-settings={}", blink.join(",")));
        }
        let javascript_setting = if options.javascript { 1 } else { 2 };
        let capabilities = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": chromium_binary(),
                "args": args,
                "prefs": {
                    "profile.managed_default_content_settings.javascript": javascript_setting,
                    "profile.cookie_controls_mode": if options.block_third_party_cookies { 1 } else { 0 },
                    "profile.content_settings.exceptions.cookies": cookie_exceptions(&options),
                },
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::rustls()
            .expect("a TLS connector")
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("could not open Chromium through chromedriver: {e}"));
        client
            .set_window_size(options.width, options.height)
            .await
            .unwrap();
        Browser {
            client,
            base: base.trim_end_matches('/').to_string(),
            driver,
            _profile: profile,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.unwrap();
    }

    /// The current page's path below the portal's base, so tests read the same with and without
    /// a path prefix. A page outside the base says so, and so matches no path a test expects.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        let base_path = self.base_path();
        match url.path().strip_prefix(base_path.as_str()) {
            Some(rest) if base_path.is_empty() || rest.starts_with('/') => rest.to_string(),
            _ => format!("{} (outside {base_path})", url.path()),
        }
    }

    /// The path the portal is served under: "" at the root.
    fn base_path(&self) -> String {
        url::Url::parse(&self.base)
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default()
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css}: {e}"))
    }

    /// The text of the element matching `css`, or why it could not be read: for polling while the
    /// page may be navigating (an element found a moment ago can go stale).
    pub async fn text_now(&self, css: &str) -> Result<String, String> {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| e.to_string())?;
        element.text().await.map_err(|e| e.to_string())
    }

    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .is_empty()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks `css` once it takes the click: an element still moving (a frame resizing to its
    /// page, a fold opening) is "not interactable" or covered for a moment, as it would be for
    /// a person's pointer, so a refused click is tried again for up to three seconds.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            match self.find(css).await.click().await {
                Ok(()) => return,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("could not click {css}: {error}"),
            }
        }
    }

    /// Sets a file input to these files, as a person choosing them in the file dialog would.
    pub async fn choose_files(&self, css: &str, files: &[&Path]) {
        let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        self.find(css)
            .await
            .send_keys(&paths.join("\n"))
            .await
            .unwrap();
    }

    /// Runs a script in the page and returns its value.
    pub async fn run(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Polls `probe` until it yields a value; fails after `WAIT`, showing the last observation.
    pub async fn wait_for<T, F, Fut>(&self, what: &str, probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, String>>,
    {
        self.wait_for_within(WAIT, what, probe).await
    }

    pub async fn wait_for_within<T, F, Fut>(&self, limit: Duration, what: &str, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, String>>,
    {
        let started = Instant::now();
        loop {
            match probe().await {
                Ok(value) => return value,
                Err(seen) if started.elapsed() > limit => {
                    panic!("waited {limit:?} for {what}; last saw: {seen}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    pub async fn wait_for_element(&self, css: &str) -> Element {
        self.wait_for(&format!("an element matching {css}"), || async {
            self.client
                .find(Locator::Css(css))
                .await
                .map_err(|e| e.to_string())
        })
        .await
    }

    pub async fn wait_for_path(&self, path: &str) {
        self.wait_for(&format!("the page at {path}"), || async {
            let current = self.path().await;
            if current == path {
                Ok(())
            } else {
                Err(current)
            }
        })
        .await
    }

    /// Saves a PNG of the whole page as `target/screenshots/{name}.png`.
    /// Below a path prefix it goes under `under-path/`, beside (not over) the root run's.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let mut dir = screenshots_dir();
        if !self.base_path().is_empty() {
            dir.push("under-path");
        }
        let path = dir.join(format!("{name}.png"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if let Ok(png) = self.client.screenshot().await {
            std::fs::write(&path, png).unwrap();
        }
        path
    }

    /// Makes the window as tall as the page (keeping its width), so a screenshot shows it all.
    pub async fn fit_page_height(&self, width: u32) {
        let height = self
            .client
            .execute("return document.documentElement.scrollHeight", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(900);
        let _ = self.client.set_window_size(width, height as u32 + 20).await;
    }
}

fn cookie_exceptions(options: &Options) -> Value {
    match options.block_cookies_of {
        None => json!({}),
        Some(site) => json!({ format!("{site},*"): { "setting": 2 } }),
    }
}

pub fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("screenshots")
}
