//! The campaigns API under `/admin/api/`, for a host site that makes a campaign per product:
//! `GET/POST /admin/api/campaigns`, `GET/PUT /admin/api/campaigns/{id}`. Authorised by
//! `Authorization: Bearer <ADMIN_API_TOKEN>` (compared in constant time, failures throttled like
//! logins); no cookies are read, so cross-site requests cannot ride on a browser's session.
//! The same checks as the admin's form (`flows::campaigns`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::json;

use super::auth::{AdminAuthError, has_bearer_token, throttled};
use crate::error::AppError;
use crate::flows::campaigns::{SaveError, create_campaign, update_campaign};
use crate::state::AppState;
use crate::uploads::campaign::{Campaign, CampaignInput};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/admin/api/campaigns")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(
        web::resource("/admin/api/campaigns/{id}")
            .route(web::get().to(show))
            .route(web::put().to(update)),
    );
}

/// Proof of the API token; with no token configured the API does not exist.
async fn authorised(req: &HttpRequest, state: &AppState) -> Result<(), HttpResponse> {
    let Some(token) = &state.admin_api_token else {
        return Err(problem(
            StatusCode::NOT_FOUND,
            "The campaigns API is off (ADMIN_API_TOKEN is not set).",
        ));
    };
    match throttled(req, state, || {
        if has_bearer_token(req.headers(), token) {
            Ok(())
        } else {
            Err(AdminAuthError::NoToken)
        }
    })
    .await
    {
        Ok(()) => Ok(()),
        Err(AdminAuthError::SlowDown(seconds)) => Err(AdminAuthError::SlowDown(seconds).into()),
        Err(_) => Err(HttpResponse::Unauthorized()
            .insert_header((
                "www-authenticate",
                r#"Bearer realm="upload-portal campaigns""#,
            ))
            .json(json!({ "error": "The API token is required (Authorization: Bearer …)." }))),
    }
}

impl From<AdminAuthError> for HttpResponse {
    fn from(e: AdminAuthError) -> HttpResponse {
        actix_web::ResponseError::error_response(&e)
    }
}

fn problem(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(json!({ "error": message }))
}

/// The campaign as the API shows it: its settings plus its public links.
fn view(state: &AppState, campaign: &Campaign) -> serde_json::Value {
    let mut value = serde_json::to_value(campaign).unwrap_or_default();
    let link = campaign_link(state, &campaign.settings.slug);
    value["url"] = json!(link);
    value["embed"] = json!(embed_snippet(state, &campaign.settings.slug));
    value
}

pub fn campaign_link(state: &AppState, slug: &str) -> String {
    let base = state.public_url.as_str().trim_end_matches('/');
    format!("{base}/c/{slug}")
}

pub fn embed_snippet(state: &AppState, slug: &str) -> String {
    let base = state.public_url.as_str().trim_end_matches('/');
    format!(
        "<div data-upload-portal data-campaign=\"{slug}\"></div>\n<script type=\"module\" src=\"{base}/static/embed.js\"></script>"
    )
}

fn saved(
    state: &AppState,
    result: Result<Campaign, SaveError>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(campaign) => Ok(HttpResponse::build(status).json(view(state, &campaign))),
        Err(SaveError::Invalid(errors)) => Ok(HttpResponse::UnprocessableEntity()
            .json(json!({ "error": "The campaign was not saved.", "fields": errors }))),
        Err(SaveError::AlbumUnchecked(errors, _)) => Ok(HttpResponse::ServiceUnavailable()
            .json(json!({ "error": "The campaign was not saved: 23 could not be reached to check its album.", "fields": errors }))),
        Err(SaveError::Store(e)) => Err(e.into()),
    }
}

/// The campaign in a JSON body, or why it could not be read.
fn parse(body: &[u8]) -> Result<CampaignInput, String> {
    serde_json::from_slice(body).map_err(|e| format!("The body is not a campaign in JSON: {e}"))
}

async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Err(response) = authorised(&req, &state).await {
        return Ok(response);
    }
    let campaigns = state.store.campaigns().await?;
    let items: Vec<_> = campaigns.iter().map(|c| view(&state, c)).collect();
    Ok(HttpResponse::Ok().json(json!({ "campaigns": items })))
}

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    if let Err(response) = authorised(&req, &state).await {
        return Ok(response);
    }
    let input = match parse(&body) {
        Ok(input) => input,
        Err(message) => return Ok(problem(StatusCode::BAD_REQUEST, &message)),
    };
    saved(
        &state,
        create_campaign(&state, input).await,
        StatusCode::CREATED,
    )
}

async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    if let Err(response) = authorised(&req, &state).await {
        return Ok(response);
    }
    Ok(match state.store.campaign_by_id(*id).await? {
        Some(campaign) => HttpResponse::Ok().json(view(&state, &campaign)),
        None => problem(StatusCode::NOT_FOUND, "There is no campaign with this id."),
    })
}

async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    if let Err(response) = authorised(&req, &state).await {
        return Ok(response);
    }
    let input = match parse(&body) {
        Ok(input) => input,
        Err(message) => return Ok(problem(StatusCode::BAD_REQUEST, &message)),
    };
    match update_campaign(&state, *id, input).await {
        Ok(None) => Ok(problem(
            StatusCode::NOT_FOUND,
            "There is no campaign with this id.",
        )),
        Ok(Some(campaign)) => saved(&state, Ok(campaign), StatusCode::OK),
        Err(e) => saved(&state, Err(e), StatusCode::OK),
    }
}
