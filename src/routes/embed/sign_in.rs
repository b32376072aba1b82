//! The host's identity token, checked and kept: when the frame opens (`POST /embed`), when the
//! host page hands the frame a fresh token (`POST /embed/identity`), and the host site's
//! sign-outs, honoured on every request of a signed-in frame.

use actix_session::{Session, SessionExt as _};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::embed::{IdentityError, visitor};
use crate::error::AppError;
use crate::state::AppState;
use crate::uploads::now;

/// Who opened the frame, if allowed: a listed host page posting itself (its `Origin`), or the
/// portal's own frame page (`/embed/frame`, `Origin` the portal's own) relaying the host page's
/// origin as the browser reported it to that page's script (`host_origin`, from
/// `MessageEvent.origin`, which no page can forge). `Origin: null` (a host page with a strict
/// `Referrer-Policy`, or an opaque-origin document such as a sandboxed frame inside a listed
/// page) and a missing `Origin` are refused: neither says who is asking.
pub fn opener(req: &HttpRequest, state: &AppState, host_origin: &str) -> Option<String> {
    let origin = req.headers().get("origin")?.to_str().ok()?;
    let own = state.public_url.origin().ascii_serialization();
    if origin == own {
        let same_origin = req
            .headers()
            .get("sec-fetch-site")
            .is_none_or(|site| site == "same-origin");
        return (same_origin && state.embed.allows(host_origin)).then(|| host_origin.to_string());
    }
    state.embed.allows(origin).then(|| origin.to_string())
}

/// Signs in the user the token names, or nobody without one. A refused token signs out whoever
/// was signed in before: the frame never goes on as someone else.
pub async fn sign_in(
    state: &AppState,
    session: &Session,
    token: &str,
) -> Result<Result<(), IdentityError>, AppError> {
    visitor::forget_user(session);
    if token.is_empty() {
        return Ok(Ok(()));
    }
    let Some(verifier) = state.embed.identity.as_ref() else {
        return Ok(Err(IdentityError::NotAccepted));
    };
    let user = match verifier.verify(token, &state.public_url) {
        Ok(user) => user,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // A token made before the host signed this user out is a replay of the old session.
    let signed_out = state.store.host_user_signed_out_at(&user.sub).await?;
    if signed_out.is_some_and(|at| user.issued_at < at) {
        return Ok(Err(IdentityError::SignedOut));
    }
    visitor::remember_user(session, &user);
    tracing::info!("the host page signed a user in to the frame");
    Ok(Ok(()))
}

#[derive(Deserialize)]
pub struct FreshIdentity {
    #[serde(default)]
    identity: String,
    #[serde(default)]
    host_origin: String,
}

/// `POST /embed/identity`, from the frame's own script (`static/embed-identity.js`): a fresh
/// token from the host page renews the frame session (to the new token's `exp` plus the grace);
/// a refused or empty one ends it. 204, or 403 with the reason in the visitor's language.
pub async fn renew_identity(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<FreshIdentity>,
) -> Result<HttpResponse, AppError> {
    if !state.embed.is_enabled() {
        return Err(AppError::NotFound);
    }
    let own = state.public_url.origin().ascii_serialization();
    let from_own_page = req
        .headers()
        .get("origin")
        .is_some_and(|o| o == own.as_str());
    if !from_own_page || opener(&req, &state, &form.host_origin).is_none() {
        tracing::warn!("refused a fresh identity that did not come through the frame's own page");
        return Ok(HttpResponse::Forbidden().finish());
    }
    match sign_in(&state, &session, form.identity.trim()).await? {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => {
            tracing::warn!(reason = ?refusal, "refused the host page's fresh identity token");
            let error = crate::i18n::current().text(&refusal.to_string());
            Ok(HttpResponse::Forbidden().json(serde_json::json!({ "error": error })))
        }
    }
}

/// Middleware (inside the session): a frame session of a user the host site signed out after
/// the newest token it holds ends here, before any handler sees it. One indexed read, and only
/// for requests made inside the frame whose cookie holds a host-named user.
pub async fn end_signed_out_sessions(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let session = req.get_session();
    // Only requests the identity counts for (not the frame's scripts and styles, nor top-level
    // pages): the others cannot act as the user, so they need not wait for the read.
    if let Some(state) = state
        && visitor::in_frame(req.headers())
        && let Some(user) = visitor::signed_in_user(&session, now())
    {
        match state.store.host_user_signed_out_at(&user.sub).await {
            Ok(Some(at)) if user.since < at => {
                tracing::info!("ended a frame session the host site signed out");
                visitor::forget_user(&session);
            }
            Ok(_) => {}
            // Fails closed: a sign-out that cannot be read might be there.
            Err(error) => {
                tracing::warn!(%error, "could not read the host's sign-outs; frame session ended");
                visitor::forget_user(&session);
            }
        }
    }
    next.call(req).await
}
