//! `/static/*`: the stylesheet and scripts, embedded in the binary at build time so it runs from
//! anywhere. Every file of `static/` is served; there is no list to keep in step with the folder.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;

#[derive(rust_embed::Embed)]
#[folder = "static/"]
struct Static;

struct Asset {
    content_type: &'static str,
    etag: String,
    body: &'static [u8],
}

/// Every embedded file with its ETag, made once: the SHA-256 comes from the build, so no request
/// hashes anything.
static ASSETS: LazyLock<HashMap<String, Asset>> = LazyLock::new(|| {
    Static::iter()
        .filter_map(|name| {
            let file = Static::get(&name)?;
            let body = match file.data {
                std::borrow::Cow::Borrowed(bytes) => bytes,
                // Only without `debug-embed` would a file be read from disk; keep it for good.
                std::borrow::Cow::Owned(bytes) => Vec::leak(bytes),
            };
            let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..8]));
            let asset = Asset {
                content_type: content_type(&name),
                etag,
                body,
            };
            Some((name.into_owned(), asset))
        })
        .collect()
});

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Served with `no-cache` and an ETag: the scripts are modules importing each other, and a
/// browser holding some old ones after a deploy would run a mix of two versions. Revalidating
/// costs a 304 per file.
pub async fn static_asset(
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let asset = ASSETS.get(name.as_str()).ok_or(AppError::NotFound)?;
    let fresh = req
        .headers()
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == asset.etag));
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((ETAG, asset.etag.as_str()))
        .insert_header((CACHE_CONTROL, "no-cache"));
    if fresh {
        return Ok(response.finish());
    }
    Ok(response
        .insert_header((CONTENT_TYPE, asset.content_type))
        .body(asset.body))
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use actix_web::test::{TestRequest, call_service, init_service};
    use actix_web::{App, web};

    use super::{ASSETS, static_asset};

    /// Every file under `static/`, subfolders included, as its path there (`recorder/mount.js`).
    fn static_files(dir: &std::path::Path, prefix: &str, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().into_string().unwrap());
            if entry.file_type().unwrap().is_dir() {
                static_files(&entry.path(), &format!("{name}/"), found);
            } else {
                found.push(name);
            }
        }
    }

    /// `target` as imported from the module `from`: `./x.js` beside it, `../x.js` one folder up.
    fn resolve(from: &str, target: &str) -> Option<String> {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for part in target.split('/') {
            match part {
                "." => {}
                ".." => {
                    parts.pop()?;
                }
                name => parts.push(name),
            }
        }
        Some(parts.join("/"))
    }

    #[test]
    fn every_file_in_static_is_served_with_its_own_content_type() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        let mut files = Vec::new();
        static_files(&dir, "", &mut files);
        for name in files {
            let asset = ASSETS
                .get(&name)
                .unwrap_or_else(|| panic!("static/{name} is not served"));
            assert_ne!(
                asset.content_type, "application/octet-stream",
                "static/{name}"
            );
        }
    }

    #[test]
    fn every_module_a_script_imports_is_served() {
        for (name, asset) in ASSETS.iter().filter(|(n, _)| n.ends_with(".js")) {
            let body = std::str::from_utf8(asset.body).unwrap();
            for line in body.lines().filter(|l| l.starts_with("import ")) {
                // `import { a } from "./x.js";`, or for its effect alone `import "./x.js";`.
                let target = line
                    .split("from \"")
                    .nth(1)
                    .or_else(|| line.strip_prefix("import \""))
                    .and_then(|rest| rest.split('"').next())
                    .filter(|t| t.starts_with("./") || t.starts_with("../"))
                    .and_then(|t| resolve(name, t))
                    .unwrap_or_else(|| panic!("{name}: imports must be relative: {line}"));
                assert!(
                    ASSETS.contains_key(target.as_str()),
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

        let missing = TestRequest::get().uri("/static/nothing.js").to_request();
        assert_eq!(
            call_service(&app, missing).await.status(),
            StatusCode::NOT_FOUND
        );
    }
}
