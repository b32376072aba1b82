//! Thin HTTP handlers: parse the request, call a use case in `flows` (or read the store), answer
//! with a page or a redirect. One file per page or action; what they share is in `shared`.

pub mod admin;
pub mod assets;
pub mod brand;
pub mod callback;
pub mod campaign;
pub mod details;
pub mod embed;
pub mod health;
pub mod history;
pub mod metrics;
pub mod mint;
pub mod new_upload;
pub mod renew;
pub mod send;
pub mod shared;
pub mod tidy;
pub mod upload_status;
pub mod withdraw;

use actix_web::web;

use crate::error::AppError;

pub use shared::error_pages::error_pages;
pub use shared::language::language;

/// The portal's routes (the sandbox, when built in, is mounted beside them by `startup`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(new_upload::new_upload_form))
        .route("/uploads", web::post().to(mint::mint_upload_token))
        .route("/uploads", web::get().to(history::upload_history))
        .route("/uploads/{id}/send", web::get().to(send::send_form))
        .route(
            "/uploads/{id}/status",
            web::get().to(upload_status::upload_status),
        )
        .route(
            "/uploads/{id}/check",
            web::post().to(upload_status::check_upload),
        )
        .route("/uploads/{id}/renew", web::post().to(renew::renew_upload))
        .service(
            web::resource("/uploads/{id}/withdraw")
                .route(web::get().to(withdraw::confirm_withdrawal))
                .route(web::post().to(withdraw::withdraw_upload)),
        )
        .service(
            web::resource("/uploads/withdraw/{nonce}/{tag}")
                .route(web::get().to(withdraw::confirm_by_link))
                .route(web::post().to(withdraw::withdraw_by_link)),
        )
        .route(
            "/uploads/{id}/details",
            web::post().to(details::update_details),
        )
        .route("/uploads/{id}/remove", web::post().to(tidy::remove_upload))
        .route("/uploads/{id}/file", web::post().to(tidy::note_chosen_file))
        .service(
            web::resource("/uploads/callback/{nonce}/{tag}")
                .route(web::get().to(callback::upload_callback))
                .route(web::post().to(callback::upload_callback)),
        )
        .service(
            web::resource("/c/{slug}")
                .app_data(web::PayloadConfig::new(campaign::FORM_LIMIT))
                .route(web::get().to(campaign::campaign_page))
                .route(web::post().to(campaign::campaign_mint)),
        )
        .route("/static/{name:.+}", web::get().to(assets::static_asset))
        .route("/brand.css", web::get().to(brand::brand_css))
        .route("/healthz", web::get().to(health::health_check))
        .route("/readyz", web::get().to(health::readiness_check))
        .route("/metrics", web::get().to(metrics::metrics))
        .configure(embed::configure)
        .configure(admin::configure);
}

/// Any path we do not serve.
pub async fn not_found() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}
