//! `/static/*`: the stylesheet and scripts, compiled into the binary so it runs from anywhere.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

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

#[cfg(test)]
mod tests {
    use super::ASSETS;

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
}
