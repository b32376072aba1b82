//! Cross-origin answers for redeem-upload-token, so XHR/fetch uploads can read the reply.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use super::Sandbox;

/// CORS is undocumented for 23; the sandbox mirrors the caller's Origin when allowed, so
/// XHR/fetch uploads can read the answer, and sends no CORS headers at all otherwise.
pub fn with_cors(req: &HttpRequest, sandbox: &Sandbox, mut response: HttpResponse) -> HttpResponse {
    if let Some(origin) = allowed_origin(req, sandbox) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

fn allowed_origin(req: &HttpRequest, sandbox: &Sandbox) -> Option<HeaderValue> {
    if !sandbox.cross_origin_uploads() {
        return None;
    }
    req.headers().get(header::ORIGIN).cloned()
}

pub async fn preflight(req: HttpRequest, sandbox: web::Data<Sandbox>) -> HttpResponse {
    let Some(origin) = allowed_origin(&req, &sandbox) else {
        return HttpResponse::NoContent().finish();
    };
    let requested_headers = req
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("Content-Type"));
    HttpResponse::NoContent()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, origin))
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, requested_headers))
        .insert_header((header::ACCESS_CONTROL_MAX_AGE, "600"))
        .insert_header((header::VARY, "Origin"))
        .finish()
}
