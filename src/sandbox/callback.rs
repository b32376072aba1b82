//! How a finished redeem answers: a 301 to `return_url` (or an auto-submitting POST form when
//! that URL would pass 1500 characters), a server-side GET for `background_return_p`, or, with no
//! `return_url`, a plain `OK` / JSON body.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template as _;

use super::receive::RedeemForm;
use super::state::SandboxToken;
use super::{POST_CALLBACK_SCRIPT_ROUTE, Sandbox};

/// 23: "The callback is a GET when the data is under 1500 chars, otherwise a POST".
pub const MAX_CALLBACK_URL_LEN: usize = 1500;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Uploaded {
        photo_id: i64,
        tree_id: i64,
        token: String,
    },
    Failed(String),
}

pub async fn respond(
    req: &HttpRequest,
    sandbox: &Sandbox,
    upload_token: &SandboxToken,
    form: &RedeemForm,
    outcome: Outcome,
) -> HttpResponse {
    let domain = req.connection_info().host().to_owned();
    let Some(return_url) = upload_token.return_url.as_deref() else {
        return without_return_url(form, &outcome);
    };
    let params = callback_params(upload_token, form, &domain, &outcome);
    let url = url_with_params(return_url, &params);
    if upload_token.background_return {
        return background_return(sandbox, &domain, &url, &outcome).await;
    }
    if url.len() > MAX_CALLBACK_URL_LEN {
        return post_page(req, return_url, &params);
    }
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, url))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// Echoed extras first (the token's, then this POST's), then 23's own fields in its order.
pub fn callback_params(
    upload_token: &SandboxToken,
    form: &RedeemForm,
    domain: &str,
    outcome: &Outcome,
) -> Vec<(String, String)> {
    let mut params = upload_token.extra_params.clone();
    params.extend(
        form.fields
            .iter()
            .filter(|(name, _)| is_echoed_form_field(name))
            .cloned(),
    );
    params.push(("domain".into(), domain.into()));
    params.push(("upload_token".into(), upload_token.upload_token.clone()));
    match outcome {
        Outcome::Uploaded {
            photo_id,
            tree_id,
            token,
        } => {
            params.push(("photo_id".into(), photo_id.to_string()));
            params.push(("tree_id".into(), tree_id.to_string()));
            params.push(("token".into(), token.clone()));
        }
        Outcome::Failed(message) => params.push(("error_message".into(), message.clone())),
    }
    params
}

fn is_echoed_form_field(name: &str) -> bool {
    !matches!(name, "upload_token" | "file" | "format" | "raw") && !name.starts_with("resumable")
}

/// The return_url keeps its own query; the callback fields are appended after it.
pub fn url_with_params(return_url: &str, params: &[(String, String)]) -> String {
    let Ok(mut url) = url::Url::parse(return_url) else {
        return return_url.to_owned();
    };
    url.query_pairs_mut().extend_pairs(params);
    url.into()
}

fn without_return_url(form: &RedeemForm, outcome: &Outcome) -> HttpResponse {
    let json = form.field("format") == Some("json");
    match (outcome, json) {
        (Outcome::Uploaded { .. }, false) => plain_text("OK"),
        (Outcome::Failed(message), false) => plain_text(message),
        // Undocumented for the classic API; shaped like /api/photo/upload's `upload` object,
        // with 23's classic string scalars.
        (
            Outcome::Uploaded {
                photo_id,
                tree_id,
                token,
            },
            true,
        ) => HttpResponse::Ok().json(serde_json::json!({
            "status": "ok",
            "message": "The file was successfully uploaded",
            "permission_level": "anonymous",
            "upload": {
                "photo_id": photo_id.to_string(),
                "tree_id": tree_id.to_string(),
                "token": token,
            },
        })),
        (Outcome::Failed(message), true) => HttpResponse::Ok().json(serde_json::json!({
            "status": "error",
            "message": message,
            "code": "error_processing_upload",
            "permission_level": "anonymous",
        })),
    }
}

/// `background_return_p=1`: 23's server calls the return_url and the uploader gets one line.
async fn background_return(
    sandbox: &Sandbox,
    domain: &str,
    url: &str,
    outcome: &Outcome,
) -> HttpResponse {
    if let Err(e) = sandbox.inner.http.get(url).send().await {
        // The upload itself succeeded or failed regardless; the uploader's answer reports that.
        tracing::warn!(error = %e, "sandbox background callback failed");
    }
    match outcome {
        Outcome::Uploaded {
            photo_id,
            tree_id,
            token,
        } => plain_text(&format!("ok {domain} {tree_id} {photo_id} {token} {url}")),
        Outcome::Failed(message) => plain_text(&format!("error {message}")),
    }
}

pub fn plain_text(text: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(text.to_owned())
}

#[derive(askama::Template)]
#[template(path = "sandbox/post_callback.html")]
struct PostCallbackPage<'a> {
    action: &'a str,
    fields: &'a [(String, String)],
    script_src: String,
}

/// 23 says long callbacks become a POST without saying how; an auto-submitting form is the
/// plausible way. The script is a file of the sandbox's own, since the portal's CSP forbids
/// inline script; without JavaScript the visitor presses the button.
fn post_page(req: &HttpRequest, action: &str, fields: &[(String, String)]) -> HttpResponse {
    let script_url = req.url_for_static(POST_CALLBACK_SCRIPT_ROUTE).ok();
    let script_src = script_url
        .as_ref()
        .map(|url| url.path().to_owned())
        .unwrap_or_else(|| "/assets/post-callback.js".to_owned());
    let csp = post_page_policy(script_url.as_ref(), action);
    let page = PostCallbackPage {
        action,
        fields,
        script_src,
    };
    match page.render() {
        Ok(html) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((header::CONTENT_SECURITY_POLICY, csp))
            .body(html),
        Err(e) => {
            tracing::error!(error = %e, "rendering the sandbox callback form");
            HttpResponse::InternalServerError().finish()
        }
    }
}

/// Its own CSP, since the portal's allows scripts from the portal's `/static/` only: this page
/// may run exactly its one script and post only to the return link's site.
fn post_page_policy(script_url: Option<&url::Url>, action: &str) -> String {
    let script = script_url.map_or_else(|| "'none'".to_owned(), |url| url.to_string());
    let target = url::Url::parse(action)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_else(|_| "'self'".to_owned());
    format!(
        "default-src 'self'; script-src {script}; form-action {target}; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'"
    )
}

pub async fn post_callback_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .body(include_str!("post_callback.js"))
}
