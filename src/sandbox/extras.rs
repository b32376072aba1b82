//! Two helpers 23 offers beside the upload flow: `/api/echo`, for checking a client's signing,
//! and `/api/photo/get-transcoding-progress`, for watching a video get encoded.

use std::time::SystemTime;

use actix_web::{HttpRequest, HttpResponse, web};

use super::envelope::{ApiError, Body, Envelope, Fields, Scalar, field};
use super::format::{Format, error_response, ok_response};
use super::request::ApiRequest;
use super::settings::PermissionLevel;
use super::state::SandboxPhoto;
use super::{Sandbox, auth};

const ECHO: &str = "/api/echo";
const PROGRESS: &str = "/api/photo/get-transcoding-progress";

/// Parameters that steer the response rather than being echoed.
const RESPONSE_PARAMS: &[&str] = &["format", "raw", "callback", "varname"];

/// Formats the sandbox pretends to transcode into, all progressing together.
const FORMATS: &[&str] = &["video_medium", "video_hd", "video_1080p", "audio"];

pub async fn echo(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    respond(req, payload, sandbox, ECHO, |request, _, level| {
        // Only names that are valid XML element names can be mirrored as elements.
        let fields = request
            .params()
            .filter(|(k, _)| {
                !k.starts_with("oauth_") && !RESPONSE_PARAMS.contains(k) && is_xml_name(k)
            })
            .map(|(k, v)| field(k, Scalar::str(v)))
            .collect();
        Ok(Envelope {
            permission_level: level,
            message: String::new(),
            endpoint: ECHO,
            domain: request.host.clone(),
            // 23 shows only the XML; in JSON the sandbox nests the mirrored parameters under `echo`.
            body: Body::Record {
                json_key: "echo",
                fields,
            },
        })
    })
    .await
}

pub async fn transcoding_progress(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    respond(
        req,
        payload,
        sandbox,
        PROGRESS,
        |request, sandbox, level| {
            if level < PermissionLevel::Read {
                return Err(ApiError::permission_denied(PermissionLevel::Read, level));
            }
            let photo_id = request
                .param("photo_id")
                .and_then(|id| id.trim().parse::<i64>().ok());
            let Some(photo) = sandbox
                .photos()
                .into_iter()
                .find(|p| Some(p.photo_id) == photo_id)
            else {
                return Err(ApiError {
                    code: "no_such_photo",
                    message: "The photo does not exist.".to_owned(),
                    permission_level: level,
                });
            };
            let as_percentage = request.flag("percentage_formated_p");
            Ok(Envelope {
                permission_level: level,
                message: String::new(),
                endpoint: PROGRESS,
                domain: request.host.clone(),
                body: Body::Record {
                    json_key: "progress",
                    fields: progress_fields(&photo, SystemTime::now(), as_percentage),
                },
            })
        },
    )
    .await
}

/// Reads and authenticates the request, then renders what `answer` makes of it.
async fn respond(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
    endpoint: &str,
    answer: impl FnOnce(&ApiRequest, &Sandbox, PermissionLevel) -> Result<Envelope, ApiError>,
) -> HttpResponse {
    // Counted like the other API methods, so a client switching to these is still counted.
    sandbox.count_api_call();
    let request = match ApiRequest::read(&req, payload).await {
        Ok(request) => request,
        Err(e) => {
            let error = ApiError::invalid_input(e.to_string(), PermissionLevel::None);
            return error_response(&Format::Xml, &error, endpoint);
        }
    };
    let format = Format::of(&request);
    let result = auth::authenticate(
        &request,
        &sandbox.auth_settings(),
        &sandbox.inner.state,
        SystemTime::now(),
    )
    .and_then(|level| answer(&request, &sandbox, level));
    match result {
        Ok(envelope) => ok_response(&format, &envelope),
        Err(error) => error_response(&format, &error, endpoint),
    }
}

/// Progress is the share of the encoding delay that has passed; `video_original` (the upload
/// itself) is always complete.
fn progress_fields(photo: &SandboxPhoto, now: SystemTime, as_percentage: bool) -> Fields {
    let share = if photo.encoded {
        1.0
    } else {
        let total = photo
            .encoded_at
            .duration_since(photo.created_at)
            .unwrap_or_default();
        let done = now.duration_since(photo.created_at).unwrap_or_default();
        (done.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON)).clamp(0.0, 0.99)
    };
    let shown = |value: f64| {
        if as_percentage {
            format!("{}%", (value * 100.0).floor())
        } else if value >= 1.0 {
            "1".to_owned()
        } else {
            format!("{value:.2}")
        }
    };
    let mut fields = vec![field("video_original", Scalar::str(shown(1.0)))];
    fields.extend(
        FORMATS
            .iter()
            .map(|format| field(format, Scalar::str(shown(share)))),
    );
    fields.push(field("all", Scalar::str(shown(share))));
    fields
}

fn is_xml_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !name.to_ascii_lowercase().starts_with("xml")
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn photo(created_at: SystemTime, delay: Duration, encoded: bool) -> SandboxPhoto {
        SandboxPhoto {
            photo_id: 1000,
            tree_id: 1,
            token: String::new(),
            upload_token: String::new(),
            title: String::new(),
            description: String::new(),
            tags: String::new(),
            album_id: String::new(),
            user_id: String::new(),
            published: true,
            size: 0,
            original_filename: String::new(),
            content_type: String::new(),
            kind: super::super::state::MediaKind::Video,
            stored_at: Default::default(),
            file_kept: true,
            resumable_identifier: None,
            length: None,
            created_at,
            encoded_at: created_at + delay,
            encoded,
        }
    }

    fn value(fields: &Fields, name: &str) -> Scalar {
        fields.iter().find(|(k, _)| k == name).unwrap().1.clone()
    }

    #[test]
    fn progress_is_the_share_of_the_encoding_delay_that_has_passed() {
        let start = SystemTime::now();
        let fields = progress_fields(
            &photo(start, Duration::from_secs(10), false),
            start + Duration::from_secs(4),
            false,
        );
        assert_eq!(value(&fields, "all"), Scalar::str("0.40"));
        assert_eq!(value(&fields, "video_original"), Scalar::str("1"));
        let percent = progress_fields(
            &photo(start, Duration::from_secs(10), false),
            start + Duration::from_secs(4),
            true,
        );
        assert_eq!(value(&percent, "video_hd"), Scalar::str("40%"));
    }

    #[test]
    fn an_encoded_photo_is_complete_in_every_format() {
        let start = SystemTime::now();
        let fields = progress_fields(&photo(start, Duration::from_secs(10), true), start, false);
        assert!(fields.iter().all(|(_, v)| *v == Scalar::str("1")));
    }

    #[test]
    fn only_valid_xml_names_are_echoed() {
        assert!(is_xml_name("apples"));
        assert!(is_xml_name("_a-b.c1"));
        assert!(!is_xml_name("1abc"));
        assert!(!is_xml_name("a b"));
        assert!(!is_xml_name("xmlthing"));
        assert!(!is_xml_name(""));
    }
}
