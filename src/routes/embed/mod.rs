//! The portal inside the operator's pages: `/embed.js` for the host page, `/embed` to open the
//! frame (with the host's identity token), the frame's view of an upload's events, and the
//! sandbox demo. Everything answers 404 unless embedding is on (`EMBED_ORIGINS`, or sandbox mode).

mod demo;
mod events;
mod look;
mod sign_in;
mod start;

pub use look::frame_look;
pub use sign_in::end_signed_out_sessions;

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::error::AppError;
use crate::state::AppState;

/// The host page's script, a classic one (the host's snippet has no `type="module"`).
const EMBED_JS: &str = include_str!("../../../static/embed.js");

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/embed.js", web::get().to(embed_js))
        .route("/embed", web::post().to(start::open_frame))
        .route("/embed/frame", web::get().to(start::frame_page))
        .route("/embed/identity", web::post().to(sign_in::renew_identity))
        .route("/embed/start", web::get().to(start::frame_start))
        .route("/embed/uploads/{id}", web::get().to(events::upload_events))
        .route("/embed/demo", web::get().to(demo::demo_host));
}

/// `GET /embed.js`. Revalidated on every load (`no-cache`), so host pages pick up a new version
/// at once after a deploy.
async fn embed_js(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !state.embed.is_enabled() {
        return Err(AppError::NotFound);
    }
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        // Host pages that isolate themselves (COEP) may still load it.
        .insert_header(("Cross-Origin-Resource-Policy", "cross-origin"))
        .body(EMBED_JS))
}
