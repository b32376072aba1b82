//! `spawn_app()`: the portal and a standalone 23 sandbox on random ports, with a fresh SQLite file.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::LazyLock;

use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use secrecy::ExposeSecret;
use upload_portal::config::Settings;
use upload_portal::sandbox::{Sandbox, SandboxSettings};
use upload_portal::startup::Application;
use upload_portal::twentythree::oauth::Credentials;

/// Logs go to the terminal only when TEST_LOG is set.
static TRACING: LazyLock<()> = LazyLock::new(|| {
    if std::env::var("TEST_LOG").is_ok() {
        upload_portal::telemetry::init(upload_portal::config::LogFormat::Text);
    }
});

pub struct TestApp {
    /// `http://127.0.0.1:PORT` of the portal.
    pub address: String,
    /// Base URL of the 23 site the portal talks to.
    pub site_url: String,
    /// The sandbox standing in for 23 (the standalone one, or the portal's built-in one).
    pub sandbox: Sandbox,
    pub credentials: Credentials,
    /// A browser: keeps cookies, does not follow redirects.
    pub browser: reqwest::Client,
    /// Holds the database and sandbox files until the test ends.
    pub data_dir: tempfile::TempDir,
    pub database_url: String,
}

/// A freshly minted upload, as its send page shows it.
#[derive(Debug, Clone)]
pub struct SendForm {
    pub page_url: String,
    pub action: String,
    pub upload_token: String,
}

/// One element of the history list.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub status: String,
    pub photo_id: Option<i64>,
    pub title: String,
    pub text: String,
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// A fresh, empty database for one test: a SQLite file under `dir`, or, when `TEST_POSTGRES_URL`
/// names a PostgreSQL server (an admin URL), a new schema on it. The suite runs once per backend.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            // A schema per test, not a database: thousands of them cost kilobytes, not gigabytes.
            let name = format!("test_{}", upload_portal::random::token(16).to_lowercase());
            let admin = sqlx::PgPool::connect(&admin_url)
                .await
                .expect("TEST_POSTGRES_URL is reachable");
            let create = sqlx::AssertSqlSafe(format!("CREATE SCHEMA {name}"));
            sqlx::raw_sql(create).execute(&admin).await.unwrap();
            admin.close().await;
            drop_schema_when_the_test_ends(&admin_url, &name);
            let mut url = url::Url::parse(&admin_url).unwrap();
            url.query_pairs_mut()
                .append_pair("options[search_path]", &name);
            url.to_string()
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("portal.db").display()),
    }
}

/// Drops the schema when the test's runtime shuts down, which is when the test ends, passed or
/// failed: a task that never finishes holds the guard, and the runtime drops it at shutdown. Tied to
/// the runtime rather than to `TestApp` because several tests start portals from `base_vars` alone.
fn drop_schema_when_the_test_ends(admin_url: &str, name: &str) {
    let guard = SchemaGuard {
        admin_url: admin_url.to_string(),
        name: name.to_string(),
    };
    tokio::spawn(async move {
        let _guard = guard;
        std::future::pending::<()>().await;
    });
}

struct SchemaGuard {
    admin_url: String,
    name: String,
}

impl Drop for SchemaGuard {
    /// Runs on a thread of its own: the test's runtime is shutting down and cannot run it. Never
    /// panics (a panic while a failed test unwinds would abort the whole suite); a leftover schema
    /// is only reported.
    fn drop(&mut self) {
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let admin = sqlx::PgPool::connect(&url)
                    .await
                    .map_err(|e| e.to_string())?;
                // A portal connection still in a transaction would make the DROP wait forever.
                let statement = format!("SET lock_timeout = '10s'; DROP SCHEMA {name} CASCADE");
                let outcome = sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                    .execute(&admin)
                    .await;
                admin.close().await;
                outcome.map(|_| ()).map_err(|e| e.to_string())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("could not drop test schema {}: {e}", self.name),
            Err(_) => eprintln!("could not drop test schema {}", self.name),
        }
    }
}

/// Variables for a portal talking to `site_url` with `credentials`, storing under `dir`.
pub async fn base_vars(
    dir: &std::path::Path,
    site_url: Option<&str>,
    credentials: &Credentials,
) -> HashMap<String, String> {
    let mut vars = HashMap::from([
        ("BIND_ADDR".to_string(), "127.0.0.1:0".to_string()),
        ("DATA_DIR".to_string(), dir.display().to_string()),
        ("DATABASE_URL".to_string(), fresh_database_url(dir).await),
        (
            "SESSION_SECRET".to_string(),
            upload_portal::random::hex_bytes(32),
        ),
        ("TWENTYTHREE_TIMEOUT_SECS".to_string(), "3".to_string()),
        // Background jobs stay out of the way unless a test asks for them.
        ("RECONCILE_INTERVAL_SECS".to_string(), "3600".to_string()),
        ("REFRESH_INTERVAL_SECS".to_string(), "3600".to_string()),
    ]);
    if let Some(site_url) = site_url {
        vars.insert("TWENTYTHREE_URL".into(), site_url.into());
        vars.insert(
            "TWENTYTHREE_CONSUMER_KEY".into(),
            credentials.consumer_key.clone(),
        );
        vars.insert(
            "TWENTYTHREE_CONSUMER_SECRET".into(),
            credentials.consumer_secret.expose_secret().into(),
        );
        vars.insert("TWENTYTHREE_ACCESS_TOKEN".into(), credentials.token.clone());
        vars.insert(
            "TWENTYTHREE_ACCESS_TOKEN_SECRET".into(),
            credentials.token_secret.expose_secret().into(),
        );
    }
    vars
}

/// Starts the portal with these variables and returns its address and built-in sandbox, if any.
pub async fn start_portal(vars: &HashMap<String, String>) -> (String, Option<Sandbox>) {
    LazyLock::force(&TRACING);
    let settings =
        Settings::from_lookup(|name| vars.get(name).cloned()).expect("valid test settings");
    let app = Application::build(settings)
        .await
        .expect("the portal starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let sandbox = app.sandbox().cloned();
    tokio::spawn(app.run_until_stopped());
    (address, sandbox)
}

/// Starts a standalone sandbox accepting `credentials`; returns it and its base URL.
pub fn start_sandbox(credentials: &Credentials, dir: &std::path::Path) -> (Sandbox, String) {
    start_sandbox_with(credentials, dir, |_| {})
}

/// Like `start_sandbox`, with a chance to change its settings first. Videos stay unencoded
/// until a test calls `finish_encoding`, unless the test changes that.
pub fn start_sandbox_with(
    credentials: &Credentials,
    dir: &std::path::Path,
    customize: impl FnOnce(&mut SandboxSettings),
) -> (Sandbox, String) {
    let mut settings = SandboxSettings::new(credentials.clone(), dir.join("sandbox"));
    settings.encoding_delay = std::time::Duration::from_secs(3600);
    customize(&mut settings);
    let sandbox = Sandbox::new(settings).expect("the sandbox starts");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    tokio::spawn(sandbox.serve(listener).unwrap());
    (sandbox, url)
}

/// The portal against a standalone sandbox, as an operator with a real 23 site would run it.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, with a chance to change the portal's variables first.
pub async fn spawn_app_with(customize: impl FnOnce(&mut HashMap<String, String>)) -> TestApp {
    spawn_instances(|_| {}, customize).await.0
}

/// Two portal instances behind one load balancer: one database, one 23 sandbox (changed by
/// `sandbox` first) and the same variables, session secret included. Returns the first as a
/// `TestApp` and the second's address.
pub async fn spawn_two_instances_with(
    sandbox: impl FnOnce(&mut SandboxSettings),
    customize: impl FnOnce(&mut HashMap<String, String>),
) -> (TestApp, String) {
    let (app, vars) = spawn_instances(sandbox, customize).await;
    let (second, _) = start_portal(&vars).await;
    (app, second)
}

/// Starts the sandbox and one portal; returns them and the portal's variables.
async fn spawn_instances(
    sandbox: impl FnOnce(&mut SandboxSettings),
    customize: impl FnOnce(&mut HashMap<String, String>),
) -> (TestApp, HashMap<String, String>) {
    let data_dir = tempfile::tempdir().unwrap();
    let credentials = Credentials::generate();
    let (sandbox, site_url) = start_sandbox_with(&credentials, data_dir.path(), sandbox);
    let mut vars = base_vars(data_dir.path(), Some(&site_url), &credentials).await;
    customize(&mut vars);
    let (address, _) = start_portal(&vars).await;
    let app = TestApp {
        address,
        site_url,
        sandbox,
        credentials,
        browser: browser(),
        data_dir,
        database_url: vars["DATABASE_URL"].clone(),
    };
    (app, vars)
}

impl TestApp {
    /// Another portal instance on this one's database and 23 site (a second server, or this one
    /// restarted), with `customize`d variables; its own session secret unless that sets one.
    pub async fn another_instance(
        &self,
        customize: impl FnOnce(&mut HashMap<String, String>),
    ) -> String {
        let mut vars = base_vars(
            self.data_dir.path(),
            Some(&self.site_url),
            &self.credentials,
        )
        .await;
        vars.insert("DATABASE_URL".into(), self.database_url.clone());
        customize(&mut vars);
        start_portal(&vars).await.0
    }

    /// Runs SQL straight against the portal's database (to move time or sabotage it).
    pub async fn sql(&self, statement: &str) {
        let statement = sqlx::AssertSqlSafe(statement.to_string());
        if self.database_url.starts_with("postgres") {
            let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
            sqlx::raw_sql(statement).execute(&pool).await.unwrap();
            pool.close().await;
        } else {
            let pool = sqlx::SqlitePool::connect(&self.database_url).await.unwrap();
            sqlx::raw_sql(statement).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }

    /// Reads rows straight from the portal's database, whichever backend it is.
    pub async fn rows<T>(&self, query: &str) -> Vec<T>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + Send
            + Unpin,
    {
        query_rows(&self.database_url, query).await
    }

    /// The id of the newest upload in the history.
    /// POSTs a campaign to the admin API with `token`; returns the status and the JSON answer.
    pub async fn create_campaign(
        &self,
        token: &str,
        campaign: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let response = reqwest::Client::new()
            .post(self.url("/admin/api/campaigns"))
            .bearer_auth(token)
            .json(campaign)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    pub async fn newest_upload_id(&self) -> i64 {
        let (_, html) = self.get_html("/uploads").await;
        attr(&html, "[data-upload-id]", "data-upload-id")
            .unwrap()
            .parse()
            .unwrap()
    }

    /// Polls the history until `done` holds for it, or fails after `seconds`.
    pub async fn wait_for_history(
        &self,
        seconds: u64,
        done: impl Fn(&[HistoryEntry]) -> bool,
    ) -> Vec<HistoryEntry> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let history = self.history().await;
            if done(&history) {
                return history;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "gave up waiting; history is {history:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get_html(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.browser.get(self.url(path)).send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// Opens the new-upload page and returns its CSRF token.
    pub async fn csrf_token(&self) -> String {
        let (_, html) = self.get_html("/").await;
        attr(&html, "input[name=csrf_token]", "value").expect("the form carries a CSRF token")
    }

    /// Submits the new-upload form with these fields (a CSRF token is added unless given).
    pub async fn post_new_upload(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if !fields.iter().any(|(k, _)| *k == "csrf_token") {
            form.push(("csrf_token".into(), self.csrf_token().await));
        }
        self.browser
            .post(self.url("/uploads"))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Describes a video and follows the redirect to its send page.
    pub async fn mint(&self, title: &str) -> SendForm {
        let response = self
            .post_new_upload(&[("title", title), ("description", "A test"), ("tags", "a b")])
            .await;
        assert_eq!(response.status(), 303, "minting redirects to the send page");
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let page_url = self.url(&location);
        let html = self
            .browser
            .get(&page_url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        SendForm {
            page_url,
            action: attr(&html, "form.upload-form", "action").expect("an upload form"),
            upload_token: attr(&html, "form.upload-form input[name=upload_token]", "value")
                .expect("a token"),
        }
    }

    /// Posts a file to 23 as the browser's form would, without cookies (23 is another site),
    /// and returns 23's answer (normally a 301 to the portal's callback).
    pub async fn send_file(
        &self,
        form: &SendForm,
        name: &str,
        mime: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(mime)
            .unwrap();
        let multipart = reqwest::multipart::Form::new()
            .text("upload_token", form.upload_token.clone())
            .part("file", part);
        let to_23 = reqwest::Client::builder()
            .redirect(Policy::none())
            .build()
            .unwrap();
        to_23
            .post(&form.action)
            .multipart(multipart)
            .send()
            .await
            .unwrap()
    }

    /// Uploads a small video and returns the callback URL 23 redirects to.
    pub async fn upload_video(&self, form: &SendForm) -> String {
        let response = self
            .send_file(
                form,
                "clip.mp4",
                "video/mp4",
                b"not really a video".to_vec(),
            )
            .await;
        assert_eq!(response.status(), 301, "23 redirects back after the upload");
        response.headers()["location"].to_str().unwrap().to_string()
    }

    /// Follows a callback URL in this browser.
    pub async fn follow(&self, url: &str) -> reqwest::Response {
        self.browser.get(url).send().await.unwrap()
    }

    /// The full journey: mint, upload, come back. Returns the callback URL.
    pub async fn complete_upload(&self, title: &str) -> String {
        let form = self.mint(title).await;
        let callback = self.upload_video(&form).await;
        let response = self.follow(&callback).await;
        assert_eq!(
            response.status(),
            303,
            "the callback redirects to the history"
        );
        callback
    }

    /// An upload that 23 reports as failed (it refuses a text file), called back in this
    /// browser.
    pub async fn failed_upload(&self, title: &str) {
        let form = self.mint(title).await;
        let response = self
            .send_file(&form, "notes.txt", "text/plain", b"hello".to_vec())
            .await;
        let callback = response.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(self.follow(&callback).await.status(), 303);
    }

    pub async fn history(&self) -> Vec<HistoryEntry> {
        let (status, html) = self.get_html("/uploads").await;
        assert_eq!(status, 200);
        history_entries(&html)
    }

    /// The history as another instance at `address` shows it to this app's browser.
    pub async fn history_on(&self, address: &str) -> Vec<HistoryEntry> {
        let response = self
            .browser
            .get(format!("{address}/uploads"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        history_entries(&response.text().await.unwrap())
    }
}

pub fn history_entries(html: &str) -> Vec<HistoryEntry> {
    let document = Html::parse_document(html);
    let selector = Selector::parse("[data-status]").unwrap();
    let title = Selector::parse(".upload-title").unwrap();
    document
        .select(&selector)
        .map(|e| HistoryEntry {
            status: e.value().attr("data-status").unwrap().to_string(),
            photo_id: e
                .value()
                .attr("data-photo-id")
                .map(|id| id.parse().unwrap()),
            title: e
                .select(&title)
                .next()
                .map(|t| t.text().collect())
                .unwrap_or_default(),
            text: e.text().collect(),
        })
        .collect()
}

/// The attribute of the first element matching `selector`.
pub fn attr(html: &str, selector: &str, name: &str) -> Option<String> {
    let document = Html::parse_document(html);
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// How many elements match `selector`.
pub fn count(html: &str, selector: &str) -> usize {
    Html::parse_document(html)
        .select(&Selector::parse(selector).unwrap())
        .count()
}

/// The text of the first element matching `selector`.
pub fn text(html: &str, selector: &str) -> String {
    let document = Html::parse_document(html);
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

/// Replaces (or adds) one query parameter of a URL.
pub fn with_param(url: &str, key: &str, value: &str) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .into_owned()
        .filter(|(k, _)| k != key)
        .collect();
    parsed
        .query_pairs_mut()
        .clear()
        .extend_pairs(pairs)
        .append_pair(key, value);
    parsed.to_string()
}

/// The value of one query parameter of a URL.
pub fn param(url: &str, key: &str) -> Option<String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// An identity token as a host server's JWT library makes it: HS256 over header and claims,
/// for the portal at `portal` (its address, the token's `aud`).
pub fn identity_token(portal: &str, sub: &str, expires_in: i64, secret: &str) -> String {
    let now = upload_portal::uploads::now();
    identity_token_with(
        serde_json::json!({"sub": sub, "aud": portal, "iat": now, "exp": now + expires_in}),
        secret,
    )
}

/// A token with exactly these claims, signed HS256 with `secret`.
pub fn identity_token_with(claims: serde_json::Value, secret: &str) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use hmac::{Hmac, KeyInit as _, Mac as _};

    let part = |v: serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let signed = format!(
        "{}.{}",
        part(serde_json::json!({"alg": "HS256", "typ": "JWT"})),
        part(claims)
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed.as_bytes());
    format!(
        "{signed}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

/// Reads rows straight from the database at `database_url`, PostgreSQL or SQLite.
pub async fn query_rows<T>(database_url: &str, query: &str) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + Send
        + Unpin,
{
    let query = sqlx::AssertSqlSafe(query.to_string());
    if database_url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(database_url).await.unwrap();
        let rows = sqlx::query_as(query).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    } else {
        let pool = sqlx::SqlitePool::connect(database_url).await.unwrap();
        let rows = sqlx::query_as(query).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    }
}
