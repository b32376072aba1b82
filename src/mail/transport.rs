//! The connection to the mail server (lettre over tokio and rustls): sending one message, trying
//! the login for `check`, and failures in words that never carry the password.

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};
use secrecy::ExposeSecret as _;

use super::settings::{Security, SmtpServer};

/// Bound on each step of a conversation with the server (connecting, each command).
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How much of a server's refusal is kept for the log and the check.
const REPLY_CAP: usize = 200;

/// Sends through one mail server. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    server: SmtpServer,
}

/// The transport holds the login; only the server's address is shown.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server.address())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    pub fn new(server: &SmtpServer) -> Result<Mailer, String> {
        let tls = || {
            TlsParameters::new(server.host.clone())
                .map_err(|_| format!("SMTP_URL: TLS cannot be set up for {}", server.host))
        };
        let tls = match server.security {
            Security::Tls => Tls::Wrapper(tls()?),
            Security::StartTls => Tls::Required(tls()?),
            Security::Opportunistic => Tls::Opportunistic(tls()?),
            Security::Plain => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&server.host)
            .port(server.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some(username) = &server.username {
            let password = server
                .password
                .as_ref()
                .map(|p| p.expose_secret().to_string())
                .unwrap_or_default();
            builder = builder.credentials(Credentials::new(username.clone(), password));
        }
        Ok(Mailer {
            transport: builder.build(),
            server: server.clone(),
        })
    }

    /// Hands one message to the server; the error is in words, safe to log.
    pub async fn send(&self, message: Message) -> Result<(), String> {
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| self.describe(&e))
    }

    /// Connects, logs in when a login is configured, and says goodbye: the check's question.
    pub async fn try_login(&self) -> Result<(), String> {
        match self.transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(format!(
                "{} did not answer like a mail server",
                self.server.address()
            )),
            Err(e) => Err(self.describe(&e)),
        }
    }

    /// A failure in words: what went wrong and the server's reply, with the login blanked out.
    fn describe(&self, error: &lettre::transport::smtp::Error) -> String {
        let at = self.server.address();
        let detail = self.redact(&error.to_string());
        let login = matches!(
            error.status().map(|c| c.to_string()).as_deref(),
            Some("535" | "534" | "530" | "538")
        );
        if login {
            format!("{at} refused the login in SMTP_URL ({detail})")
        } else if error.is_timeout() {
            format!("{at} did not answer within {} s", TIMEOUT.as_secs())
        } else if error.is_tls() {
            format!("TLS with {at} failed ({detail})")
        } else if error.is_permanent() || error.is_transient() {
            format!("{at} refused the mail ({detail})")
        } else {
            format!("could not talk to the mail server at {at} ({detail})")
        }
    }

    /// The text without the password or user name (a server may echo either), cut short.
    fn redact(&self, text: &str) -> String {
        let mut text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Some(password) = &self.server.password {
            let password = password.expose_secret();
            if !password.is_empty() {
                text = text.replace(password, "[password]");
            }
        }
        if let Some(username) = self.server.username.as_deref().filter(|u| !u.is_empty()) {
            text = text.replace(username, "[user]");
        }
        let mut kept: String = text.chars().take(REPLY_CAP).collect();
        if kept.len() < text.len() {
            kept.push('…');
        }
        kept
    }
}
