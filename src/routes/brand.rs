//! `/brand.css`: the operator's `BRAND_COLOR` as the pages' accent. A stylesheet of its own
//! because the CSP allows no inline style; the colour was parsed into `#rrggbb` at start-up, so
//! nothing else can reach the CSS.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::error::AppError;
use crate::state::AppState;

pub async fn brand_css(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let color = state.brand.color.as_deref().ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(format!(
            ":root {{ --accent: {color}; }}\n\
             .button-primary:hover {{ background: var(--accent); filter: brightness(0.85); }}\n"
        )))
}
