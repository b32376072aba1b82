//! Collects the parameters of an API call (GET query, form body or multipart text fields) and the
//! URL the client must have signed.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, http::header, web};
use futures_util::StreamExt as _;
use url::Url;

/// Small API calls never need more; anything bigger is refused rather than buffered.
const MAX_BODY_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the request body is larger than {MAX_BODY_BYTES} bytes")]
    TooLarge,
    #[error("the request body could not be read: {0}")]
    Unreadable(String),
}

/// One API call as the signature check and the endpoint see it.
#[derive(Debug)]
pub struct ApiRequest {
    pub method: String,
    /// scheme://host/path?query as the client addressed it (the path includes the mount prefix).
    pub url: Url,
    /// The `Host` the client used; 23 reports its own domain in callbacks and `site`.
    pub host: String,
    pub query: Vec<(String, String)>,
    pub body: Vec<(String, String)>,
    /// Form-urlencoded bodies are part of the OAuth signature; multipart fields never are.
    pub body_is_signed: bool,
    pub authorization: Option<String>,
}

impl ApiRequest {
    pub async fn read(req: &HttpRequest, payload: web::Payload) -> Result<Self, RequestError> {
        let conn = req.connection_info().clone();
        let host = conn.host().to_owned();
        let url = request_url(conn.scheme(), &host, req.path(), req.query_string());
        let query = url.query_pairs().into_owned().collect();
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (body, body_is_signed) = if content_type.starts_with("multipart/form-data") {
            (read_multipart_text_fields(req, payload).await?, false)
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            let bytes = read_body(payload).await?;
            let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                .map_err(|e| RequestError::Unreadable(e.to_string()))?;
            (pairs, true)
        } else {
            (Vec::new(), false)
        };
        let authorization = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Self {
            method: req.method().as_str().to_owned(),
            url,
            host,
            query,
            body,
            body_is_signed,
            authorization,
        })
    }

    /// Query and body parameters together. 23 says query parameters are ignored on POST,
    /// but a fork of its own client relies on them, so the sandbox reads both (as RFC 5849
    /// signs both; docs/23-api.md §2.5).
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query
            .iter()
            .chain(&self.body)
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The last value given for `name` (later values win, like PHP's `$_REQUEST`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v)
            .last()
    }

    pub fn has_param(&self, name: &str) -> bool {
        self.params().any(|(k, _)| k == name)
    }

    /// True for `name=1` (and `t`/`true`), the way 23 spells booleans (`…_p` parameters).
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.param(name), Some("1" | "t" | "true"))
    }
}

pub fn request_url(scheme: &str, host: &str, path: &str, query: &str) -> Url {
    let mut text = format!("{scheme}://{host}{path}");
    if !query.is_empty() {
        text.push('?');
        text.push_str(query);
    }
    Url::parse(&text).unwrap_or_else(|_| Url::parse("http://invalid-host/").expect("valid URL"))
}

async fn read_body(mut payload: web::Payload) -> Result<Vec<u8>, RequestError> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| RequestError::Unreadable(e.to_string()))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(RequestError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Text fields only: a file part in an API call (other than redeem) carries nothing the sandbox
/// needs, so it is drained and dropped.
async fn read_multipart_text_fields(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Vec<(String, String)>, RequestError> {
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut fields = Vec::new();
    let mut total = 0usize;
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|e| RequestError::Unreadable(e.to_string()))?;
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .is_some();
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| RequestError::Unreadable(e.to_string()))?;
            if is_file {
                continue;
            }
            total += chunk.len();
            if total > MAX_BODY_BYTES {
                return Err(RequestError::TooLarge);
            }
            value.extend_from_slice(&chunk);
        }
        if !is_file {
            fields.push((name, String::from_utf8_lossy(&value).into_owned()));
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_url_keeps_host_port_path_and_query() {
        let url = request_url(
            "http",
            "127.0.0.1:8080",
            "/sandbox-23/api/photo/list",
            "a=1",
        );
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/sandbox-23/api/photo/list?a=1"
        );
    }
}
