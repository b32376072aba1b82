//! The host-named user and the cookie check, kept in the portal's session cookie.
//!
//! The token is checked once, when the frame opens; the frame then keeps that user (for uploads
//! that outlast the token's hour) until the host page opens the frame again, with another user or
//! none, or `SIGNED_IN_SECS` pass.

use actix_session::Session;
use serde::{Deserialize, Serialize};

const USER_KEY: &str = "embed_user";
const CHECK_KEY: &str = "embed_cookie_check";
/// A working day: long enough for any upload, short enough that a forgotten browser forgets.
const SIGNED_IN_SECS: i64 = 12 * 3600;

#[derive(Serialize, Deserialize)]
struct EmbedUser {
    sub: String,
    until: i64,
}

/// Records the user a verified token named, replacing any earlier one.
pub fn remember_user(session: &Session, sub: &str, now: i64) {
    let user = EmbedUser {
        sub: sub.to_string(),
        until: now + SIGNED_IN_SECS,
    };
    // A fresh identity gets a fresh cookie, as for a new anonymous visitor.
    session.renew();
    let _ = session.insert(USER_KEY, &user);
}

/// The frame was opened without a user, or with a refused token: nobody is signed in.
pub fn forget_user(session: &Session) {
    session.remove(USER_KEY);
}

/// The host-named user, as a visitor id (`user:` + `sub`, the trusted header's namespace).
pub fn signed_in_visitor_id(session: &Session, now: i64) -> Option<String> {
    let user = session.get::<EmbedUser>(USER_KEY).ok().flatten()?;
    (now < user.until).then(|| format!("user:{}", user.sub))
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
