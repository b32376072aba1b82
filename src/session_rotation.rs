//! Session secret rotation: a cookie sealed with `SESSION_SECRET_PREVIOUS` is opened with it,
//! sealed again with `SESSION_SECRET` before the session middleware reads it, and sent back to the
//! browser sealed with the new key, so visitors keep their identity and history through a rotation.

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, CookieJar, Key, SameSite, time::Duration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{COOKIE, HeaderValue, SET_COOKIE};
use actix_web::middleware::Next;

/// The keys and cookie attributes the rotation needs; given to the middleware as app data.
#[derive(Clone)]
pub struct Rotation {
    pub current: Key,
    pub previous: Key,
    pub cookie_name: String,
    pub secure: bool,
    /// Lax, or None when the portal may be embedded (as the session middleware sets it).
    pub same_site: SameSite,
}

/// Wrap *outside* the session middleware, so it sees the rewritten cookie.
pub async fn accept_previous_key(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let resealed = req
        .app_data::<actix_web::web::Data<Rotation>>()
        .and_then(|rotation| reseal(&req, rotation).map(|c| (c, rotation.get_ref().clone())));
    let Some((cookie, rotation)) = resealed else {
        return next.call(req).await;
    };
    tracing::info!("a visitor's cookie sealed with SESSION_SECRET_PREVIOUS was resealed");
    let header = format!("{}={}", cookie.name(), cookie.value());
    if let Ok(value) = HeaderValue::from_str(&header) {
        req.headers_mut().insert(COOKIE, value);
    }
    let mut response = next.call(req).await?;
    let already_set = response.headers().get_all(SET_COOKIE).any(|v| {
        v.to_str()
            .is_ok_and(|v| v.starts_with(&rotation.cookie_name))
    });
    if !already_set {
        let mut cookie = cookie;
        cookie.set_path("/");
        cookie.set_http_only(true);
        cookie.set_secure(rotation.secure);
        cookie.set_same_site(rotation.same_site);
        cookie.set_max_age(Duration::days(365));
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// The session cookie sealed with the current key, when the request's only opens with the
/// previous one.
fn reseal(req: &ServiceRequest, rotation: &Rotation) -> Option<Cookie<'static>> {
    let sent = req.cookie(&rotation.cookie_name)?;
    let mut jar = CookieJar::new();
    jar.add_original(sent.clone().into_owned());
    if jar
        .private(&rotation.current)
        .get(&rotation.cookie_name)
        .is_some()
    {
        return None;
    }
    let opened = jar.private(&rotation.previous).get(&rotation.cookie_name)?;
    let mut sealed = CookieJar::new();
    sealed.private_mut(&rotation.current).add(opened);
    sealed.get(&rotation.cookie_name).cloned()
}
