//! The host's theme and accent for its frame (`page::FrameLook`): kept in the session when the
//! frame opens, and set for every page the frame loads, so each page arrives in the host's look
//! (no flash of another palette, no script needed to apply it).

use actix_session::{Session, SessionExt as _};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::page::{FrameLook, looking};
use crate::state::AppState;

const LOOK_KEY: &str = "embed_look";

/// Kept for the frame's next pages; only `POST /embed` calls this, after checking the opener.
pub fn remember(session: &Session, look: &FrameLook) {
    let _ = session.insert(LOOK_KEY, look);
}

/// Middleware (inside the session, outside the error pages): a page loaded into a frame
/// (`Sec-Fetch-Dest: iframe`, which no page can set) with embedding on is rendered in the frame's
/// look; every other request, top-level pages included, has none. The header only decides how
/// the page looks: who may frame it is still `embed::framing`'s `frame-ancestors`.
pub async fn frame_look(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let enabled = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.embed.is_enabled());
    let framed = req
        .headers()
        .get("sec-fetch-dest")
        .is_some_and(|dest| dest == "iframe");
    let look = (enabled && framed).then(|| {
        req.get_session()
            .get::<FrameLook>(LOOK_KEY)
            .ok()
            .flatten()
            .unwrap_or_default()
    });
    looking(look, next.call(req)).await
}
