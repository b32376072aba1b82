//! `GET /embed/demo` (sandbox mode): a host page on a second origin of the portal's own (the same
//! host on another port), embedding the uploader with the snippet shown beside it. Asked on the
//! portal's own origin, it sends the browser there.

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_SECURITY_POLICY, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::error::AppError;
use crate::page::render_page;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "embed/demo_host.html")]
struct DemoHostPage {
    /// The portal as host pages address it: `PUBLIC_URL` without a trailing slash.
    portal: String,
    /// This page's own origin, to show that it is another one.
    origin: String,
}

pub async fn demo_host(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(demo_origin) = state.embed.demo_origin.as_deref() else {
        return Err(AppError::NotFound);
    };
    let info = req.connection_info();
    let here = format!("{}://{}", info.scheme(), info.host());
    if here != demo_origin {
        let location = format!("{demo_origin}{}", state.path("/embed/demo"));
        return Ok(HttpResponse::SeeOther()
            .insert_header((LOCATION, location))
            .finish());
    }
    let portal = state.public_url.as_str().trim_end_matches('/').to_string();
    let portal_origin = state.public_url.origin().ascii_serialization();
    let mut response = render_page(
        StatusCode::OK,
        &DemoHostPage {
            portal,
            origin: demo_origin.to_string(),
        },
    );
    // The host page's own policy, as an operator's page might have: scripts, the frame and its
    // opening form post may come from the portal only.
    let csp = format!(
        "default-src 'none'; script-src {portal_origin}; style-src {portal_origin}; \
         frame-src {portal_origin}; form-action {portal_origin}; img-src data:; \
         base-uri 'none'; frame-ancestors 'none'"
    );
    if let Ok(value) = csp.parse() {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}
