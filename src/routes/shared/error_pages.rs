//! Error pages in the app's layout. `AppError` renders without app state (it has none), so its
//! links would point at the site root even when `PUBLIC_URL` has a path; this middleware renders
//! every `AppError` response again with the app's layout.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::error::AppError;
use crate::state::AppState;

/// Wrap the app with `from_fn(error_pages)`, innermost, so outer middleware (security headers,
/// session) still applies to the page it renders.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let layout = response
        .request()
        .app_data::<web::Data<AppState>>()
        .map(|state| state.layout());
    let page = match (response.response().error(), layout) {
        (Some(error), Some(layout)) => error.as_error::<AppError>().map(|e| e.render(layout)),
        _ => None,
    };
    Ok(match page {
        Some(page) => response.into_response(page),
        None => response.map_into_boxed_body(),
    })
}
