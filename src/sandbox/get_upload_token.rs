//! `/api/photo/get-upload-token`: a signed, `write`-level call that stores an upload's metadata
//! and callback and hands back the token the browser will redeem.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::{HttpRequest, HttpResponse, web};

use super::envelope::{ApiError, Body, Envelope, Fields, Scalar, field};
use super::format::answer_api_call;
use super::request::ApiRequest;
use super::settings::PermissionLevel;
use super::state::SandboxToken;
use super::text::{sanitize_description, strip_html};
use super::{SANDBOX_USER_ID, Sandbox, auth};

const ENDPOINT: &str = "/api/photo/get-upload-token";

/// Parameters with a meaning of their own; anything else is echoed in the callback.
const KNOWN_PARAMS: &[&str] = &[
    "title",
    "description",
    "tags",
    "publish",
    "album_id",
    "user_id",
    "return_url",
    "background_return_p",
    "valid_minutes",
    "max_uploads",
    "absolute_url",
    "format",
    "raw",
    "callback",
    "varname",
];

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    sandbox.count_api_call();
    answer_api_call(&req, payload, ENDPOINT, |request| {
        issue_token(request, &sandbox, SystemTime::now())
    })
    .await
}

fn issue_token(
    request: &ApiRequest,
    sandbox: &Sandbox,
    now: SystemTime,
) -> Result<Envelope, ApiError> {
    let level = auth::authenticate(request, &sandbox.auth_settings(), &sandbox.inner.state, now)?;
    if level < PermissionLevel::Write {
        return Err(ApiError::permission_denied(PermissionLevel::Write, level));
    }
    let token = token_from_params(request, level, now)?;
    let envelope = Envelope {
        permission_level: level,
        message: "The upload token is ready to use".to_owned(),
        endpoint: ENDPOINT,
        domain: request.host.clone(),
        body: Body::Record {
            json_key: "uploadtoken",
            fields: token_fields(&token),
        },
    };
    sandbox
        .state()
        .tokens
        .insert(token.upload_token.clone(), token);
    Ok(envelope)
}

fn token_from_params(
    request: &ApiRequest,
    level: PermissionLevel,
    now: SystemTime,
) -> Result<SandboxToken, ApiError> {
    let invalid = |message: &str| ApiError::invalid_input(message, level);
    // Out-of-range values are refused rather than clamped: a client asking for a week-long token
    // should learn it did not get one. 23 documents the bounds, not what it does beyond them.
    let valid_minutes = bounded(request.param("valid_minutes"), 180, 15, 1440)
        .ok_or_else(|| invalid("valid_minutes must be a whole number from 15 to 1440"))?;
    let max_uploads = bounded(request.param("max_uploads"), 1, 1, 100)
        .ok_or_else(|| invalid("max_uploads must be a whole number from 1 to 100"))?;
    let return_url = match request.param("return_url").filter(|u| !u.is_empty()) {
        None => None,
        Some(url) => Some(
            validated_return_url(url)
                .ok_or_else(|| invalid("return_url must be an absolute http or https URL"))?,
        ),
    };
    let user_id = match request.param("user_id").filter(|u| !u.is_empty()) {
        Some(_) if level < PermissionLevel::Super => {
            return Err(ApiError::permission_denied(PermissionLevel::Super, level));
        }
        Some(user_id) => user_id.to_owned(),
        None => SANDBOX_USER_ID.to_owned(),
    };
    let extra_params = request
        .params()
        .filter(|(k, _)| !KNOWN_PARAMS.contains(k) && !k.starts_with("oauth_"))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Ok(SandboxToken {
        upload_token: crate::random::hex_bytes(20),
        title: strip_html(request.param("title").unwrap_or_default()),
        description: sanitize_description(request.param("description").unwrap_or_default()),
        tags: request.param("tags").unwrap_or_default().to_owned(),
        publish: !matches!(request.param("publish"), Some("0" | "f" | "false")),
        album_id: request.param("album_id").unwrap_or_default().to_owned(),
        user_id,
        return_url,
        background_return: request.flag("background_return_p"),
        extra_params,
        max_uploads,
        uses_left: max_uploads,
        valid_minutes,
        valid_until: now + Duration::from_secs(u64::from(valid_minutes) * 60),
    })
}

/// `default` when absent or empty, `None` when not a number in `[min, max]`.
fn bounded(value: Option<&str>, default: u32, min: u32, max: u32) -> Option<u32> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Some(default),
        Some(v) => v.parse().ok().filter(|n| (min..=max).contains(n)),
    }
}

fn validated_return_url(text: &str) -> Option<String> {
    let url = url::Url::parse(text).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| text.to_owned())
}

pub fn epoch(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

/// The children of 23's documented response, in its order.
fn token_fields(token: &SandboxToken) -> Fields {
    vec![
        field("upload_token", Scalar::str(&token.upload_token)),
        field("title", Scalar::str(&token.title)),
        field("description", Scalar::str(&token.description)),
        field(
            "publish",
            Scalar::str(if token.publish { "1" } else { "0" }),
        ),
        field("tags", Scalar::str(&token.tags)),
        field("user_id", Scalar::str(&token.user_id)),
        field("album_id", Scalar::str(&token.album_id)),
        field("max_uploads", Scalar::str(token.max_uploads.to_string())),
        field(
            "valid_minutes",
            Scalar::str(token.valid_minutes.to_string()),
        ),
        field(
            "valid_until",
            Scalar::str(epoch(token.valid_until).to_string()),
        ),
        field(
            "return_url",
            Scalar::str(token.return_url.clone().unwrap_or_default()),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_default_when_absent_and_refuse_outside_the_range() {
        assert_eq!(bounded(None, 180, 15, 1440), Some(180));
        assert_eq!(bounded(Some(""), 180, 15, 1440), Some(180));
        assert_eq!(bounded(Some("15"), 180, 15, 1440), Some(15));
        assert_eq!(bounded(Some("1440"), 180, 15, 1440), Some(1440));
        assert_eq!(bounded(Some("14"), 180, 15, 1440), None);
        assert_eq!(bounded(Some("1441"), 180, 15, 1440), None);
        assert_eq!(bounded(Some("ten"), 180, 15, 1440), None);
    }

    #[test]
    fn only_absolute_http_urls_are_accepted_as_return_urls() {
        assert!(validated_return_url("https://app.example/cb?x=1").is_some());
        assert!(validated_return_url("/relative").is_none());
        assert!(validated_return_url("javascript:alert(1)").is_none());
    }
}
