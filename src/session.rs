//! Visitor identity and CSRF tokens, kept in an encrypted, long-lived cookie.
//!
//! The cookie holds only an opaque visitor id and a CSRF token; uploads live in the database,
//! keyed by that id. SameSite is Lax (not Strict) because 23's redirect back is a cross-site
//! top-level navigation, and Strict cookies are withheld on those.

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::{Session, SessionMiddleware};
use actix_web::HttpRequest;
use actix_web::cookie::{Key, SameSite, time::Duration};
use subtle::ConstantTimeEq;
use url::Url;

use crate::state::AppState;

const VISITOR_KEY: &str = "visitor";
const CSRF_KEY: &str = "csrf";

/// The identity a visitor's uploads are recorded against: an anonymous cookie id, or a user
/// named by the operator's proxy or by the host page embedding the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor {
    pub id: String,
}

impl Visitor {
    /// The visitor this request comes from, if known: the signed-in user named by the trusted
    /// header (when configured and present), else the browser's cookie. Never creates one
    /// (callbacks must not).
    pub fn current(req: &HttpRequest, session: &Session) -> Option<Visitor> {
        if let Some(visitor) = Visitor::from_trusted_header(req) {
            return Some(visitor);
        }
        // The user a host page named with a verified token when it opened the portal's frame,
        // for requests inside that frame only.
        if let Some(id) = crate::embed::visitor::signed_in_visitor_id(
            req.headers(),
            session,
            crate::uploads::now(),
        ) {
            return Some(Visitor { id });
        }
        session
            .get::<String>(VISITOR_KEY)
            .ok()
            .flatten()
            .map(|id| Visitor { id })
    }

    /// A user named by the operator's proxy or a host page, not an anonymous browser.
    pub fn is_signed_in(&self) -> bool {
        self.id.starts_with("user:")
    }

    /// The current visitor, or a new anonymous one; the id is chosen here, never taken from the
    /// request (a trusted header's value is namespaced, see `from_trusted_header`).
    pub fn current_or_new(req: &HttpRequest, session: &Session) -> Visitor {
        if let Some(visitor) = Visitor::current(req, session) {
            return visitor;
        }
        let visitor = Visitor {
            id: crate::random::token(32),
        };
        // A fresh identity gets a fresh cookie, so nothing planted before it carries over.
        session.renew();
        let _ = session.insert(VISITOR_KEY, &visitor.id);
        visitor
    }

    /// The user named by `TRUSTED_USER_HEADER`, set by the operator's proxy after its own login.
    ///
    /// Trusting it is only safe when the proxy strips the header from every client request (see
    /// README). The id is `user:` + the value: cookie ids are alphanumeric, so the two kinds of
    /// identity can never collide. It is read per request and never stored in the cookie, so it
    /// ends when the proxy stops sending it.
    pub fn from_trusted_header(req: &HttpRequest) -> Option<Visitor> {
        let state = req.app_data::<actix_web::web::Data<AppState>>()?;
        let name = state.trusted_user_header.as_deref()?;
        let value = req.headers().get(name)?.to_str().ok()?;
        let user = header_user(value);
        if user.is_none() {
            tracing::warn!(
                header = name,
                "ignored a trusted user header with an unusable value"
            );
        }
        user.map(|user| Visitor {
            id: format!("user:{user}"),
        })
    }
}

/// Refuses (400) a request whose trusted user header appears more than once or lists several
/// values: a proxy that appends instead of replacing would otherwise pass the client's own copy
/// along with its own, and taking either one would let a client choose its identity.
pub async fn refuse_ambiguous_user(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let name = req
        .app_data::<actix_web::web::Data<AppState>>()
        .and_then(|state| state.trusted_user_header.clone());
    if let Some(name) = name
        && is_ambiguous(req.headers().get_all(name.as_str()))
    {
        tracing::warn!(
            header = %name,
            "refused a request whose trusted user header came more than once or with several values"
        );
        return Err(crate::error::AppError::BadRequest(
            "This request named its user more than once, so it was refused.",
        )
        .into());
    }
    next.call(req).await
}

fn is_ambiguous<'a>(
    mut values: impl Iterator<Item = &'a actix_web::http::header::HeaderValue>,
) -> bool {
    match (values.next(), values.next()) {
        (Some(_), Some(_)) => true,
        (Some(only), None) => only.as_bytes().contains(&b','),
        _ => false,
    }
}

/// A trusted header's value as a user name: trimmed, 1–256 characters, no control characters.
fn header_user(value: &str) -> Option<&str> {
    let value = value.trim();
    let usable =
        !value.is_empty() && value.chars().count() <= 256 && !value.chars().any(char::is_control);
    usable.then_some(value)
}

/// The session's CSRF token, created on first use; forms carry it in a hidden field.
pub fn csrf_token(session: &Session) -> String {
    if let Some(token) = session.get::<String>(CSRF_KEY).ok().flatten() {
        return token;
    }
    let token = crate::random::token(32);
    let _ = session.insert(CSRF_KEY, &token);
    token
}

/// True when a state-changing form submission comes from one of our own pages: the submitted
/// token matches the session's, and the browser does not report a cross-site origin.
pub fn is_trusted_submission(
    req: &HttpRequest,
    session: &Session,
    submitted: &str,
    public_url: &Url,
) -> bool {
    let Some(expected) = session.get::<String>(CSRF_KEY).ok().flatten() else {
        return false;
    };
    let token_ok: bool = expected.as_bytes().ct_eq(submitted.as_bytes()).into();
    token_ok && !is_cross_site(req, public_url)
}

/// The fields of a small form body from one of our pages, or `None` when its CSRF token (header or
/// field) is not this session's or the browser reports another site.
pub fn trusted_form(
    req: &HttpRequest,
    session: &Session,
    body: &[u8],
    public_url: &Url,
) -> Option<Vec<(String, String)>> {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    is_trusted_submission(req, session, &submitted_csrf_token(req, &form), public_url)
        .then_some(form)
}

/// The CSRF token a request submits: the `X-CSRF-Token` header (set by the page's scripts) or
/// the `csrf_token` field of a form body.
fn submitted_csrf_token(req: &HttpRequest, form: &[(String, String)]) -> String {
    if let Some(token) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return token.to_string();
    }
    form.iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Fetch metadata and `Origin` as a second line behind the token: browsers set them, and a
/// forged cross-site POST cannot hide them.
fn is_cross_site(req: &HttpRequest, public_url: &Url) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if header("sec-fetch-site").is_some_and(|site| site == "cross-site" || site == "same-site") {
        return true;
    }
    match header("origin") {
        None => false,
        Some(origin) => {
            let ours = public_url.origin().ascii_serialization();
            let as_served = format!(
                "{}://{}",
                req.connection_info().scheme(),
                req.connection_info().host()
            );
            origin != ours && origin != as_served
        }
    }
}

/// The session middleware: encrypted cookie, HttpOnly, Lax, Secure on https, one year.
///
/// `cross_site` (embedding is on): `SameSite=None; Secure` instead, because a frame on another
/// site gets no Lax cookie; `embed::framing` adds `Partitioned`. CSRF protection does not lean on
/// SameSite: the token and the `Origin` checks above still refuse a host page's own posts.
pub fn middleware(
    key: Key,
    public_url: &Url,
    cross_site: bool,
) -> SessionMiddleware<CookieSessionStore> {
    let https = public_url.scheme() == "https";
    let name = cookie_name(public_url);
    let same_site = if cross_site {
        SameSite::None
    } else {
        SameSite::Lax
    };
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name(name.to_string())
        .cookie_secure(https || cross_site)
        .cookie_http_only(true)
        .cookie_same_site(same_site)
        .cookie_path("/".to_string())
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(PersistentSession::default().session_ttl(Duration::days(365)))
        .build()
}

/// The session cookie's name. `__Host-` pins the cookie to this exact host and path; browsers
/// allow it only with Secure, so only on https.
pub fn cookie_name(public_url: &Url) -> &'static str {
    if public_url.scheme() == "https" {
        "__Host-upload-portal"
    } else {
        "upload-portal"
    }
}

/// Derives the cookie key from the configured secret (at least 32 bytes, checked by config).
pub fn cookie_key(secret: &[u8]) -> Key {
    Key::derive_from(secret)
}

#[cfg(test)]
mod tests {
    use super::header_user;

    #[test]
    fn a_header_user_is_trimmed_and_unusable_values_are_ignored() {
        assert_eq!(
            header_user("  alice@example.com "),
            Some("alice@example.com")
        );
        assert_eq!(header_user("   "), None);
        assert_eq!(header_user("al\u{7}ice"), None);
        assert_eq!(header_user(&"x".repeat(257)), None);
        assert_eq!(header_user(&"x".repeat(256)).map(str::len), Some(256));
    }
}
