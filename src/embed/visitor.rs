//! The host-named user and the cookie check, kept in the portal's session cookie.
//!
//! The token is checked when the frame opens, and again whenever the host page hands the frame a
//! fresh one. The frame keeps that user until the newest token's `exp` plus a short grace (an
//! upload that outlasts its token still comes back to the same history), until the host page
//! opens the frame again with another user or none, or until the host site signs the user out
//! (a "not before" time, checked on each request by `routes::embed`).
//!
//! Only requests made inside the frame see the host-named user (`in_frame`): a top-level page
//! of the portal is the visitor's own, whatever a host page once signed into the cookie.

use actix_session::Session;
use actix_web::http::header::HeaderMap;
use serde::{Deserialize, Serialize};

use super::identity::HostUser;

const USER_KEY: &str = "embed_user";
const CHECK_KEY: &str = "embed_cookie_check";
/// After the newest token expires: long enough to finish the page at hand (the host page is
/// expected to hand over a fresh token well before), short enough that a leaked cookie is soon
/// worthless.
pub const GRACE_SECS: i64 = 10 * 60;

#[derive(Serialize, Deserialize)]
struct EmbedUser {
    sub: String,
    until: i64,
    /// When the host last vouched for this user (its newest token's `iat`): a sign-out
    /// after this ends the frame session.
    #[serde(default)]
    since: i64,
}

impl EmbedUser {
    /// The session a sound token opens, or renews: no longer than the token plus the grace.
    fn from_token(user: &HostUser) -> Self {
        EmbedUser {
            sub: user.sub.clone(),
            until: user.expires_at + GRACE_SECS,
            since: user.issued_at,
        }
    }

    fn running_at(&self, now: i64) -> bool {
        now < self.until
    }
}

/// The host-named user as the session holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInUser {
    pub sub: String,
    pub since: i64,
}

/// Records the user a verified token named. Another user, or nobody before, gets a fresh
/// cookie; the same user's fresh token only moves the session's end.
pub fn remember_user(session: &Session, user: &HostUser) {
    let before = session.get::<EmbedUser>(USER_KEY).ok().flatten();
    if before.as_ref().is_none_or(|b| b.sub != user.sub) {
        // A fresh identity gets a fresh cookie, as for a new anonymous visitor.
        session.renew();
    }
    let _ = session.insert(USER_KEY, EmbedUser::from_token(user));
}

/// The frame was opened without a user, or with a refused token: nobody is signed in.
pub fn forget_user(session: &Session) {
    session.remove(USER_KEY);
}

/// The host-named user whose frame session is still running at `now`, whatever the request.
pub fn signed_in_user(session: &Session, now: i64) -> Option<SignedInUser> {
    let user = session.get::<EmbedUser>(USER_KEY).ok().flatten()?;
    user.running_at(now).then_some(SignedInUser {
        sub: user.sub,
        since: user.since,
    })
}

/// The host-named user, as a visitor id (`user:` + `sub`, the trusted header's namespace), for a
/// request made inside the frame only.
pub fn signed_in_visitor_id(headers: &HeaderMap, session: &Session, now: i64) -> Option<String> {
    if !in_frame(headers) {
        return None;
    }
    signed_in_user(session, now).map(|user| format!("user:{}", user.sub))
}

/// Whether the request comes from inside a frame, as the browser says (`Sec-Fetch-*`, which a
/// page cannot set): a navigation of a frame (`Sec-Fetch-Dest: iframe`), or a script's own
/// request from one of the portal's pages (`Sec-Fetch-Site: same-origin`, not a navigation) —
/// which in a frame is the frame's page. A top-level page (`document`), a request from another
/// site, or one without these headers (an old browser, a script outside a browser) is not.
pub fn in_frame(headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (
        header("sec-fetch-dest"),
        header("sec-fetch-mode"),
        header("sec-fetch-site"),
    ) {
        (Some("iframe"), _, _) => true,
        (Some("empty"), Some(mode), Some("same-origin")) => mode != "navigate",
        _ => false,
    }
}

/// Set when the frame opens; found on the next request only if the browser kept the cookie.
pub fn mark_cookie_check(session: &Session) {
    let _ = session.insert(CHECK_KEY, true);
}

/// Whether the mark survived the redirect (a browser blocking third-party cookies drops it).
pub fn cookie_was_kept(session: &Session) -> bool {
    session
        .remove_as::<bool>(CHECK_KEY)
        .is_some_and(|kept| kept.unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn token(expires_at: i64) -> HostUser {
        HostUser {
            sub: "alice".into(),
            expires_at,
            issued_at: expires_at - 600,
        }
    }

    #[test]
    fn a_frame_session_ends_a_short_grace_after_its_tokens_exp_not_hours_later() {
        let session = EmbedUser::from_token(&token(10_000));
        assert!(session.running_at(10_000 + GRACE_SECS - 1));
        assert!(!session.running_at(10_000 + GRACE_SECS));
        const { assert!(GRACE_SECS <= 15 * 60, "a short grace") };
        // Each fresh token moves the end to its own exp, and the sign-in time with it.
        let renewed = EmbedUser::from_token(&token(13_000));
        assert!(renewed.running_at(13_000 + GRACE_SECS - 1));
        assert_eq!(renewed.since, 12_400);
    }

    #[test]
    fn frame_navigations_and_the_frame_pages_own_requests_are_in_the_frame() {
        assert!(in_frame(&headers(&[("sec-fetch-dest", "iframe")])));
        assert!(in_frame(&headers(&[
            ("sec-fetch-dest", "empty"),
            ("sec-fetch-mode", "cors"),
            ("sec-fetch-site", "same-origin"),
        ])));
    }

    #[test]
    fn top_level_pages_other_sites_and_requests_without_fetch_metadata_are_not() {
        for request in [
            headers(&[]),
            headers(&[("sec-fetch-dest", "document")]),
            headers(&[
                ("sec-fetch-dest", "document"),
                ("sec-fetch-mode", "navigate"),
                ("sec-fetch-site", "cross-site"),
            ]),
            headers(&[
                ("sec-fetch-dest", "empty"),
                ("sec-fetch-mode", "cors"),
                ("sec-fetch-site", "cross-site"),
            ]),
            headers(&[
                ("sec-fetch-dest", "image"),
                ("sec-fetch-site", "same-origin"),
            ]),
        ] {
            assert!(!in_frame(&request), "{request:?}");
        }
    }
}
