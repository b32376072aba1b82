//! `/brand.css`: the pages' accent colour, the operator's `BRAND_COLOR` or a campaign's own. A
//! stylesheet of its own because the CSP allows no inline style. The colour comes in the address
//! (`?accent=1f5fd1`, written by `Layout::brand_css`) and is parsed by `config::brand_color`
//! into `#rrggbb` before it reaches the CSS, so nothing else can; without one, the operator's
//! colour (parsed at start-up) is served.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Accent {
    accent: Option<String>,
}

pub async fn brand_css(
    state: web::Data<AppState>,
    query: web::Query<Accent>,
) -> Result<HttpResponse, AppError> {
    let color = match &query.accent {
        // The same check as BRAND_COLOR's: a hex colour dark enough for white button text.
        Some(hex) => {
            crate::config::brand_color(&format!("#{hex}")).map_err(|_| AppError::NotFound)?
        }
        None => state.brand.color.clone().ok_or(AppError::NotFound)?,
    };
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(format!(
            ":root {{ --accent: {color}; }}\n\
             .button-primary:hover {{ background: var(--accent); filter: brightness(0.85); }}\n"
        )))
}
