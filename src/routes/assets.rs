//! `/static/*`: the stylesheet and scripts, compiled into the binary so it runs from anywhere.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest as _, Sha256};

use crate::error::AppError;

const JS: &str = "text/javascript; charset=utf-8";

/// A script of `static/`, compiled in under its file name.
macro_rules! script {
    ($name:literal) => {
        ($name, JS, include_str!(concat!("../../static/", $name)))
    };
}

/// Name, content type, body. The scripts are plain ES modules importing each other by relative
/// path, so every module a page loads must be listed here (a test below checks it).
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../../static/style.css"),
    ),
    script!("send-page.js"),
    script!("send-file.js"),
    script!("upload-link.js"),
    script!("file-row.js"),
    script!("dropzone.js"),
    script!("details-editor.js"),
    script!("checks.js"),
    script!("format.js"),
    script!("portal-api.js"),
    script!("xhr-post.js"),
    script!("frame-post.js"),
    script!("chunked-upload.js"),
    script!("history-page.js"),
    script!("embed.js"),
    script!("embed-frame.js"),
    script!("embed-demo.js"),
];

/// Served with `no-cache` and an ETag: the scripts are modules importing each other, and a
/// browser holding some old ones after a deploy would run a mix of two versions. Revalidating
/// costs a 304 per file.
pub async fn static_asset(
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (_, content_type, body) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name.as_str())
        .ok_or(AppError::NotFound)?;
    let etag = format!(
        "\"{}\"",
        &hex::encode(Sha256::digest(body.as_bytes()))[..16]
    );
    let fresh = req
        .headers()
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((ETAG, etag))
        .insert_header((CACHE_CONTROL, "no-cache"));
    if fresh {
        return Ok(response.finish());
    }
    Ok(response
        .insert_header((CONTENT_TYPE, *content_type))
        .body(*body))
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use actix_web::test::{TestRequest, call_service, init_service};
    use actix_web::{App, web};

    use super::{ASSETS, static_asset};

    fn served(name: &str) -> bool {
        ASSETS.iter().any(|(n, _, _)| *n == name)
    }

    #[test]
    fn every_file_in_static_is_served() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(served(&name), "static/{name} is not listed in ASSETS");
        }
    }

    #[test]
    fn every_module_a_script_imports_is_served() {
        for (name, _, body) in ASSETS.iter().filter(|(n, _, _)| n.ends_with(".js")) {
            for line in body.lines().filter(|l| l.starts_with("import ")) {
                let target = line
                    .split("from \"./")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or_else(|| panic!("{name}: imports must be relative: {line}"));
                assert!(
                    served(target),
                    "{name} imports {target}, which is not served"
                );
            }
        }
    }

    #[actix_web::test]
    async fn a_script_is_revalidated_by_etag_and_not_sent_again_while_unchanged() {
        let app =
            init_service(App::new().route("/static/{name}", web::get().to(static_asset))).await;
        let first = call_service(
            &app,
            TestRequest::get().uri("/static/send-page.js").to_request(),
        )
        .await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers().get("cache-control").unwrap(), "no-cache");
        assert!(
            first
                .headers()
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/javascript")
        );
        let etag = first.headers().get("etag").unwrap().clone();

        let again = TestRequest::get()
            .uri("/static/send-page.js")
            .insert_header(("if-none-match", etag.clone()))
            .to_request();
        let again = call_service(&app, again).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

        let other = TestRequest::get()
            .uri("/static/format.js")
            .insert_header(("if-none-match", etag))
            .to_request();
        assert_eq!(call_service(&app, other).await.status(), StatusCode::OK);
    }
}
