//! Builds the application: binds the listener, opens the database, creates the 23 client (and the
//! built-in sandbox when no 23 site is configured), and wires the routes. Handles no requests.

use std::net::{SocketAddr, TcpListener};

use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context as _;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::config::{Settings, TwentyThree};
use crate::error::AppError;
use crate::metrics::Metrics;
use crate::sandbox::{Sandbox, SandboxSettings};
use crate::shutdown::{Stopper, shutdown_signal};
use crate::state::AppState;
use crate::store::Store;
use crate::twentythree::Client;
use crate::twentythree::oauth::Credentials;
use crate::uploads::ReturnUrlSigner;
use crate::{jobs, routes, session, telemetry};

/// How long a graceful stop waits for in-flight requests, and then for the background jobs.
const SHUTDOWN_SECS: u64 = 30;

/// Where the built-in sandbox is mounted when `TWENTYTHREE_URL` is unset.
pub const SANDBOX_MOUNT: &str = "/sandbox-23";

pub struct Application {
    port: u16,
    public_url: Url,
    server: Server,
    sandbox: Option<Sandbox>,
    jobs: jobs::Jobs,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(settings.bind_addr)
            .with_context(|| format!("BIND_ADDR: could not listen on {}", settings.bind_addr))?;
        let local = listener.local_addr()?;
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| http_url(local));
        let secret = session_secret(&settings)?;
        let store = Store::connect(settings.database_url.expose_secret()).await?;

        let (site_url, api_url, credentials, sandbox) = match &settings.twentythree {
            TwentyThree::Site { url, credentials } => {
                (url.clone(), url.clone(), credentials.clone(), None)
            }
            TwentyThree::Sandbox => {
                let credentials = Credentials::generate();
                let sandbox = Sandbox::new(SandboxSettings::new(
                    credentials.clone(),
                    settings.data_dir.join("sandbox"),
                ))?;
                // The browser reaches the sandbox through the public URL; the client calls it
                // over loopback, which works behind any proxy.
                let site = format!(
                    "{}{SANDBOX_MOUNT}",
                    public_url.as_str().trim_end_matches('/')
                );
                let api = format!(
                    "{}{SANDBOX_MOUNT}",
                    http_url(local).as_str().trim_end_matches('/')
                );
                (
                    Url::parse(&site)?,
                    Url::parse(&api)?,
                    credentials,
                    Some(sandbox),
                )
            }
        };
        let metrics = Metrics::default();
        let client = Client::new(api_url, credentials, settings.api_timeout)
            .map_err(|e| anyhow::anyhow!("could not build the 23 client: {e}"))?
            .with_metrics(metrics.clone());
        let state = web::Data::new(AppState {
            store,
            client,
            return_urls: ReturnUrlSigner::new(secret.expose_secret().as_bytes()),
            public_url: public_url.clone(),
            site_url: site_url.clone(),
            sandbox_mode: sandbox.is_some(),
            uploads: settings.uploads.clone(),
            admin: settings.admin.clone(),
            metrics_token: settings.metrics_token.clone(),
            trusted_user_header: settings.trusted_user_header.clone(),
            metrics,
            webhooks: crate::webhooks::Outbox::new(settings.webhooks.is_some()),
        });
        let mut jobs = jobs::spawn(state.clone(), settings.jobs);
        if let Some(webhooks) = &settings.webhooks {
            let deliverer = crate::webhooks::Deliverer::new(state.store.clone(), webhooks.clone())?;
            let outbox = state.webhooks.clone();
            jobs.add(|stop| jobs::webhooks::spawn(deliverer, outbox, stop, |_| {}));
        }
        let key = session::cookie_key(secret.expose_secret().as_bytes());
        let csp = content_security_policy(&site_url);
        let mounted = sandbox.clone();
        let cookie_url = public_url.clone();
        let server = HttpServer::new(move || {
            let mut app = App::new()
                .wrap(security_headers(&csp))
                .wrap(session::middleware(key.clone(), &cookie_url))
                .wrap(from_fn(telemetry::log_requests))
                .app_data(state.clone())
                .app_data(form_config())
                .app_data(query_config())
                .app_data(
                    web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()),
                )
                .configure(routes::configure);
            if let Some(sandbox) = &mounted {
                app =
                    app.service(web::scope(SANDBOX_MOUNT).configure(|cfg| sandbox.configure(cfg)));
            }
            app.default_service(web::to(routes::not_found))
        })
        .listen(listener)?
        // Signals are ours (see `run_until_stopped`), so the jobs hear about them too.
        .disable_signals()
        .shutdown_timeout(SHUTDOWN_SECS)
        .run();
        Ok(Application {
            port: local.port(),
            public_url,
            server,
            sandbox,
            jobs,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// The built-in sandbox, when the portal runs in sandbox mode.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.sandbox.as_ref()
    }

    /// A handle that stops this application as SIGTERM or SIGINT would.
    pub fn stopper(&self) -> Stopper {
        Stopper::new(self.server.handle(), self.jobs.stop_token())
    }

    /// Serves until stopped by SIGTERM, SIGINT or a `Stopper`, then stops gracefully: no new
    /// connections, in-flight requests finish (up to `SHUTDOWN_SECS`), and the background jobs
    /// finish the item in hand. Returns once all of that is done.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stopper = self.stopper();
        let signals = tokio::spawn(async move {
            if shutdown_signal().await {
                tracing::info!("shutting down: finishing in-flight requests and background work");
                stopper.stop().await;
            }
        });
        let served = self.server.await;
        self.jobs
            .stop(std::time::Duration::from_secs(SHUTDOWN_SECS))
            .await;
        signals.abort();
        tracing::info!("stopped");
        served
    }
}

/// `http://` plus the address, with an unspecified IP (0.0.0.0, ::) replaced by loopback.
fn http_url(addr: SocketAddr) -> Url {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    Url::parse(&format!("http://{addr}")).expect("a socket address forms a URL")
}

/// The CSP: our own scripts and styles only; forms, images and uploads may reach the 23 site.
fn content_security_policy(site_url: &Url) -> String {
    let site = site_url.origin().ascii_serialization();
    format!(
        "default-src 'self'; img-src 'self' data: {site}; media-src 'self' {site}; connect-src 'self' {site}; \
         form-action 'self' {site}; frame-src 'self' {site}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Headers on every response.
fn security_headers(csp: &str) -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", csp.to_string()))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cache-Control", "no-store"))
}

fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(64 * 1024)
        .error_handler(|_, _| {
            AppError::BadRequest("The form could not be read. Please go back and try again.").into()
        })
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|_, _| AppError::BadRequest("This address has a malformed query.").into())
}

/// `SESSION_SECRET`, or one generated on first start and kept in the data directory so restarts
/// keep visitors' sessions and return links valid.
fn session_secret(settings: &Settings) -> anyhow::Result<SecretString> {
    if let Some(secret) = &settings.session_secret {
        return Ok(secret.clone());
    }
    let path = settings.data_dir.join("session-secret");
    if let Ok(saved) = std::fs::read_to_string(&path) {
        let saved = saved.trim();
        anyhow::ensure!(
            saved.len() >= 32,
            "{} is too short to be a session secret; delete it",
            path.display()
        );
        return Ok(SecretString::from(saved.to_string()));
    }
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("DATA_DIR: could not create {}", settings.data_dir.display()))?;
    let secret = crate::random::hex_bytes(32);
    write_private(&path, &secret).with_context(|| format!("could not save {}", path.display()))?;
    tracing::info!(
        path = %path.display(),
        "SESSION_SECRET is not set: generated one and saved it; set SESSION_SECRET to share it across instances"
    );
    Ok(SecretString::from(secret))
}

/// Writes a file only its owner can read.
fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}
