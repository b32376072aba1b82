//! `/static/*`: the stylesheet and scripts, compiled into the binary so it runs from anywhere.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::error::AppError;

const JS: &str = "text/javascript; charset=utf-8";

/// Name, content type, body. The scripts are plain ES modules importing each other by
/// relative path, so every module a page loads must be listed here.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../../static/style.css"),
    ),
    (
        "send-page.js",
        JS,
        include_str!("../../static/send-page.js"),
    ),
    (
        "history-page.js",
        JS,
        include_str!("../../static/history-page.js"),
    ),
    (
        "send-file.js",
        JS,
        include_str!("../../static/send-file.js"),
    ),
    ("file-row.js", JS, include_str!("../../static/file-row.js")),
    ("dropzone.js", JS, include_str!("../../static/dropzone.js")),
    ("checks.js", JS, include_str!("../../static/checks.js")),
    ("format.js", JS, include_str!("../../static/format.js")),
    (
        "portal-api.js",
        JS,
        include_str!("../../static/portal-api.js"),
    ),
    ("xhr-post.js", JS, include_str!("../../static/xhr-post.js")),
    (
        "frame-post.js",
        JS,
        include_str!("../../static/frame-post.js"),
    ),
    (
        "chunked-upload.js",
        JS,
        include_str!("../../static/chunked-upload.js"),
    ),
];

pub async fn static_asset(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (_, content_type, body) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, *content_type))
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(*body))
}
