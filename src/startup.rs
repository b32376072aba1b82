//! Builds the application: binds the listener, opens the database, creates the 23 client (and the
//! built-in sandbox when no 23 site is configured), and wires the routes. Handles no requests.

mod embed_demo;
mod headers;
mod session_secret;
mod slow_body;

use std::net::{SocketAddr, TcpListener};

use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context as _;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::config::{Settings, TwentyThree};
use crate::embed::EmbedSettings;
use crate::error::AppError;
use crate::mail::{MailDeliverer, MailOutbox};
use crate::metrics::Metrics;
use crate::sandbox::{Sandbox, SandboxSettings};
use crate::session_rotation::{Rotation, accept_previous_key};
use crate::shutdown::{Stopper, shutdown_signal};
use crate::state::AppState;
use crate::store::Store;
use crate::twentythree::Client;
use crate::twentythree::oauth::Credentials;
use crate::uploads::ReturnUrlSigner;
use crate::webhooks::{Deliverer, Outbox};
use crate::{embed, jobs, routes, session, telemetry};

use embed_demo::embed_settings;
use headers::{allow_logo, content_security_policy, no_referrer_on_callbacks, security_headers};
use session_secret::{create_data_dir, session_secret};
use slow_body::cut_off_slow_bodies;

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

/// The 23 site the portal works with: a configured one, or the built-in sandbox.
struct Site {
    /// As the browser reaches it: the form's action and video links start here.
    site_url: Url,
    /// Where the client calls it.
    api_url: Url,
    credentials: Credentials,
    sandbox: Option<Sandbox>,
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
        let site = site(&settings, &public_url, local)?;
        let (embed, demo_listener) =
            embed_settings(&settings, &public_url, site.sandbox.is_some())?;
        let state = app_state(&settings, store, &site, &secret, &public_url, &embed)?;
        let mut jobs = jobs::spawn(state.clone(), settings.jobs);
        if let Some(webhooks) = &settings.webhooks {
            let deliverer = Deliverer::new(state.store.clone(), webhooks.clone())?;
            let (outbox, metrics) = (state.webhooks.clone(), state.metrics.clone());
            jobs.add(|stop| {
                jobs::webhooks::spawn(deliverer, outbox, stop, move |r| {
                    metrics.webhook_attempt(r.outcome_name(), r.attempt.duration)
                })
            });
        }
        if let Some(mail) = &settings.mail {
            let deliverer =
                MailDeliverer::new(state.store.clone(), mail.clone(), public_url.clone())
                    .map_err(anyhow::Error::msg)?;
            let (state, outbox, holder) = (state.clone(), state.mail.clone(), jobs.holder());
            jobs.add(|stop| jobs::mail::spawn(state, deliverer, outbox, holder, stop));
        }
        let listeners = Listeners {
            portal: listener,
            demo: demo_listener,
        };
        let previous = settings.session_secret_previous.as_ref();
        let server = http_server(listeners, state, &site, &secret, previous, embed)?;
        Ok(Application {
            port: local.port(),
            public_url,
            server,
            sandbox: site.sandbox,
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

/// The configured 23 site, or the built-in sandbox with throwaway credentials.
fn site(settings: &Settings, public_url: &Url, local: SocketAddr) -> anyhow::Result<Site> {
    let TwentyThree::Site { url, credentials } = &settings.twentythree else {
        let credentials = Credentials::generate();
        create_data_dir(&settings.data_dir)?;
        let mut sandbox_settings =
            SandboxSettings::new(credentials.clone(), settings.data_dir.join("sandbox"));
        sandbox_settings.disk_quota = u64::from(settings.sandbox_disk_quota_mb) << 20;
        sandbox_settings.store_max = u64::from(settings.sandbox_store_max_mb) << 20;
        let sandbox = Sandbox::new(sandbox_settings)?;
        // The browser reaches the sandbox through the public URL; the client calls it over
        // loopback, which works behind any proxy.
        return Ok(Site {
            site_url: mounted_sandbox(public_url)?,
            api_url: mounted_sandbox(&http_url(local))?,
            credentials,
            sandbox: Some(sandbox),
        });
    };
    Ok(Site {
        site_url: url.clone(),
        api_url: url.clone(),
        credentials: credentials.clone(),
        sandbox: None,
    })
}

/// Where the built-in sandbox is mounted below `base`.
fn mounted_sandbox(base: &Url) -> Result<Url, url::ParseError> {
    Url::parse(&format!(
        "{}{SANDBOX_MOUNT}",
        base.as_str().trim_end_matches('/')
    ))
}

/// What every handler shares: the store, the 23 client (reporting to the metrics), the settings
/// pages need.
fn app_state(
    settings: &Settings,
    store: Store,
    site: &Site,
    secret: &SecretString,
    public_url: &Url,
    embed: &EmbedSettings,
) -> anyhow::Result<web::Data<AppState>> {
    let metrics = Metrics::default();
    let client = Client::new(
        site.api_url.clone(),
        site.credentials.clone(),
        settings.api_timeout,
    )
    .map_err(|e| anyhow::anyhow!("could not build the 23 client: {e}"))?
    .with_observer(metrics.observer())
    .with_in_flight_limit(
        settings.limits.api_in_flight,
        settings.limits.api_queue_wait,
    );
    Ok(web::Data::new(AppState {
        store,
        client,
        return_urls: return_url_signer(settings, secret),
        public_url: public_url.clone(),
        links: crate::twentythree::SiteLinks::new(site.site_url.clone()),
        sandbox_mode: site.sandbox.is_some(),
        uploads: settings.uploads.clone(),
        recording: settings.recording.clone(),
        limits: settings.limits.clone(),
        admin: settings.admin.clone(),
        metrics_token: settings.metrics_token.clone(),
        admin_api_token: settings.admin_api_token.clone(),
        consent: settings.consent.clone(),
        trusted_user_header: settings.trusted_user_header.clone(),
        brand: settings.brand.clone(),
        default_language: crate::i18n::catalog()
            .get(&settings.default_language)
            .unwrap_or_default(),
        metrics,
        embed: embed.clone(),
        webhooks: Outbox::new(settings.webhooks.is_some()),
        mail: MailOutbox::new(settings.mail.is_some()),
        server_timing: settings.server_timing,
        history_pages: Default::default(),
        history_rows: Default::default(),
        checks: std::sync::Arc::new(crate::check::CheckTargets::of(settings)),
    }))
}

/// Signs with `SESSION_SECRET`; also accepts links signed with `SESSION_SECRET_PREVIOUS`.
fn return_url_signer(settings: &Settings, secret: &SecretString) -> ReturnUrlSigner {
    let signer = ReturnUrlSigner::new(secret.expose_secret().as_bytes());
    match &settings.session_secret_previous {
        Some(previous) => signer.with_previous(previous.expose_secret().as_bytes()),
        None => signer,
    }
}

/// The cookie rotation middleware's keys, when `SESSION_SECRET_PREVIOUS` is set.
fn rotation(
    previous: Option<&SecretString>,
    key: &Key,
    public_url: &Url,
    cross_site: bool,
) -> Option<web::Data<Rotation>> {
    let previous = previous?;
    Some(web::Data::new(Rotation {
        current: key.clone(),
        previous: session::cookie_key(previous.expose_secret().as_bytes()),
        cookie_name: session::cookie_name(public_url).to_string(),
        secure: public_url.scheme() == "https" || cross_site,
        same_site: if cross_site {
            SameSite::None
        } else {
            SameSite::Lax
        },
    }))
}

/// The portal's listener, and in sandbox mode the embedding demo's (another origin, same app).
struct Listeners {
    portal: TcpListener,
    demo: Option<TcpListener>,
}

/// The HTTP server on the listeners: middleware, routes, and the sandbox when it is mounted.
fn http_server(
    listeners: Listeners,
    state: web::Data<AppState>,
    site: &Site,
    secret: &SecretString,
    previous_secret: Option<&SecretString>,
    embed: EmbedSettings,
) -> std::io::Result<Server> {
    let key = session::cookie_key(secret.expose_secret().as_bytes());
    let csp = allow_logo(
        content_security_policy(&site.site_url, &state.public_url),
        state.brand.logo_url.as_ref(),
    );
    let https = state.public_url.scheme() == "https";
    let mounted = site.sandbox.clone();
    let cookie_url = state.public_url.clone();
    let cross_site = embed.cross_site_cookie();
    let rotation = rotation(previous_secret, &key, &cookie_url, cross_site);
    let embed = web::Data::new(embed);
    let mut server = HttpServer::new(move || {
        let mut app = App::new()
            .wrap(from_fn(routes::error_pages))
            .wrap(from_fn(routes::embed::frame_look))
            .wrap(from_fn(routes::embed::end_signed_out_sessions))
            .wrap(from_fn(session::refuse_ambiguous_user))
            .wrap(from_fn(cut_off_slow_bodies))
            .wrap(from_fn(routes::language))
            .wrap(security_headers(&csp, https))
            .wrap(from_fn(no_referrer_on_callbacks))
            .wrap(session::middleware(key.clone(), &cookie_url, cross_site))
            .wrap(from_fn(accept_previous_key))
            .wrap(from_fn(embed::framing::embed_headers))
            .wrap(from_fn(telemetry::log_requests))
            .app_data(state.clone())
            .app_data(embed.clone())
            .app_data(form_config())
            .app_data(query_config())
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .configure(routes::configure);
        if let Some(rotation) = &rotation {
            app = app.app_data(rotation.clone());
        }
        if let Some(sandbox) = &mounted {
            app = app.service(web::scope(SANDBOX_MOUNT).configure(|cfg| sandbox.configure(cfg)));
        }
        app.default_service(web::to(routes::not_found))
    })
    .listen(listeners.portal)?;
    if let Some(demo) = listeners.demo {
        server = server.listen(demo)?;
    }
    Ok(server
        // Signals are ours (see `run_until_stopped`), so the jobs hear about them too.
        .disable_signals()
        .shutdown_timeout(SHUTDOWN_SECS)
        .run())
}

/// `http://` plus the address, with an unspecified IP (0.0.0.0, ::) replaced by loopback.
fn http_url(addr: SocketAddr) -> Url {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    Url::parse(&format!("http://{addr}")).expect("a socket address forms a URL")
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
