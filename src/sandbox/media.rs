//! The sandbox's visible side: placeholder thumbnails, a page per video and an index page.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};

use super::byte_range::{self, Wanted};
use super::photo_list::THUMBNAIL_SIZES;
use super::state::SandboxPhoto;
use super::{Sandbox, mount_prefix};

/// `/{tree_id}/{photo_id}/{token}/{size}`: only for the right token and once encoded, as a 23
/// thumbnail only exists after transcoding.
pub async fn thumbnail(
    path: web::Path<(String, String, String, String)>,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    let (tree_id, photo_id, token, size) = path.into_inner();
    let Some(&(_, width, height)) = THUMBNAIL_SIZES.iter().find(|(name, _, _)| *name == size)
    else {
        return HttpResponse::NotFound().finish();
    };
    let photo = sandbox.photos().into_iter().find(|p| {
        p.tree_id.to_string() == tree_id && p.photo_id.to_string() == photo_id && p.token == token
    });
    let Some(photo) = photo.filter(|p| p.encoded) else {
        return HttpResponse::NotFound().finish();
    };
    let svg = Thumbnail {
        width,
        height,
        title: &photo.title,
        photo_id: photo.photo_id,
    };
    match svg.render() {
        Ok(body) => HttpResponse::Ok()
            .content_type("image/svg+xml")
            // An SVG is a document; forbid it from running anything if opened directly.
            .insert_header((
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body(body),
        Err(e) => render_failed(e),
    }
}

#[derive(Template)]
#[template(path = "sandbox/thumbnail.svg", escape = "html")]
struct Thumbnail<'a> {
    width: u32,
    height: u32,
    title: &'a str,
    photo_id: i64,
}

#[derive(Template)]
#[template(path = "sandbox/video.html")]
struct VideoPage<'a> {
    photo: &'a SandboxPhoto,
    prefix: &'a str,
    let_go: &'a str,
}

/// `/video/{photo_id}`: 23's public video page, reduced to title and status. Unpublished videos
/// are shown too: the sandbox is a local tool, not a public site.
pub async fn video_page(
    req: HttpRequest,
    path: web::Path<String>,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    let photo_id = path.into_inner();
    let Some(photo) = sandbox
        .photos()
        .into_iter()
        .find(|p| p.photo_id.to_string() == photo_id)
    else {
        return HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("No such video.");
    };
    let prefix = mount_prefix(&req);
    html(
        VideoPage {
            photo: &photo,
            prefix: &prefix,
            let_go: FILE_LET_GO,
        }
        .render(),
    )
}

/// `/video/{photo_id}/file`: the file as it was stored, with the type it was sent with, so the
/// video page plays a newcomer's own recording back. Streamed, never read whole into memory; a
/// single `Range` is answered with that part (206), so a player can seek. A file let go to keep
/// the store below its cap answers 410 Gone.
pub async fn stored_file(
    req: HttpRequest,
    path: web::Path<String>,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    let photo_id = path.into_inner();
    let Some(photo) = sandbox
        .photos()
        .into_iter()
        .find(|p| p.photo_id.to_string() == photo_id)
    else {
        return HttpResponse::NotFound().finish();
    };
    if !photo.file_kept {
        return HttpResponse::Gone()
            .content_type("text/plain; charset=utf-8")
            .body(FILE_LET_GO);
    }
    let Ok(mut file) = tokio::fs::File::open(&photo.stored_at).await else {
        return HttpResponse::NotFound().finish();
    };
    let content_type = if photo.content_type.is_empty() {
        "application/octet-stream".to_owned()
    } else {
        photo.content_type.clone()
    };
    let range = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    let size = photo.size;
    let (mut response, start, len) = match byte_range::wanted(range, size) {
        Wanted::Whole => (HttpResponse::Ok(), 0, size),
        Wanted::Part { start, end } => {
            let mut partial = HttpResponse::PartialContent();
            partial.insert_header((header::CONTENT_RANGE, format!("bytes {start}-{end}/{size}")));
            (partial, start, end - start + 1)
        }
        Wanted::Unsatisfiable => {
            return HttpResponse::RangeNotSatisfiable()
                .insert_header((header::CONTENT_RANGE, format!("bytes */{size}")))
                .insert_header((header::ACCEPT_RANGES, "bytes"))
                .finish();
        }
    };
    if start > 0 && file.seek(std::io::SeekFrom::Start(start)).await.is_err() {
        return HttpResponse::NotFound().finish();
    }
    response
        .content_type(content_type)
        .insert_header((header::ACCEPT_RANGES, "bytes"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .no_chunking(len)
        .streaming(tokio_util::io::ReaderStream::new(file.take(len)))
}

/// Said where a stored file was let go: calmly, since nothing went wrong.
pub const FILE_LET_GO: &str = "This sandbox no longer keeps this file: it keeps the most recent \
                               uploads up to its store cap (SANDBOX_STORE_MAX_MB) and let this \
                               older one go. The video's details are still here.";

#[derive(Template)]
#[template(path = "sandbox/index.html")]
struct IndexPage<'a> {
    photos: &'a [SandboxPhoto],
    prefix: &'a str,
}

/// `/`: says what this is and lists the uploads, newest first.
pub async fn index_page(req: HttpRequest, sandbox: web::Data<Sandbox>) -> HttpResponse {
    let mut photos = sandbox.photos();
    photos.reverse();
    let prefix = mount_prefix(&req);
    html(
        IndexPage {
            photos: &photos,
            prefix: &prefix,
        }
        .render(),
    )
}

fn html(rendered: askama::Result<String>) -> HttpResponse {
    match rendered {
        Ok(body) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(body),
        Err(e) => render_failed(e),
    }
}

fn render_failed(error: askama::Error) -> HttpResponse {
    tracing::error!(%error, "rendering a sandbox page");
    HttpResponse::InternalServerError().finish()
}
