//! 23's classic response envelope in every format it speaks: XML (default), plain JSON
//! (`format=json&raw`), `var visual = {…};` (`format=json`), `var x = …` (`varname=x`) and JSONP
//! (`callback=fn`). Errors use the same format as the request asked for.

use actix_web::HttpResponse;
use serde_json::{Map, Value};

use super::request::ApiRequest;
use super::settings::PermissionLevel;
use super::xml::{error_xml, ok_xml};

#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    Xml,
    Json,
    JsVar(String),
    Jsonp(String),
}

impl Format {
    pub fn of(request: &ApiRequest) -> Self {
        if request.param("format") != Some("json") {
            return Self::Xml;
        }
        // `raw` counts whatever its value: official clients send `raw=1` and `raw=` alike.
        if request.has_param("raw") {
            return Self::Json;
        }
        // Names that are not plain JavaScript identifiers would let a caller inject script, so
        // they fall back to 23's default variable rather than being echoed.
        match (request.param("callback"), request.param("varname")) {
            (Some(cb), _) if is_js_name(cb) => Self::Jsonp(cb.to_owned()),
            (_, Some(name)) if is_js_name(name) => Self::JsVar(name.to_owned()),
            _ => Self::JsVar("visual".to_owned()),
        }
    }
}

fn is_js_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.'))
}

/// A scalar as 23 prints it: most are JSON strings, a few flags are JSON numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Str(String),
    Num(i64),
}

impl Scalar {
    pub fn str(value: impl Into<String>) -> Self {
        Self::Str(value.into())
    }

    pub(super) fn text(&self) -> String {
        match self {
            Self::Str(s) => s.clone(),
            Self::Num(n) => n.to_string(),
        }
    }

    pub(super) fn json(&self) -> Value {
        match self {
            Self::Str(s) => Value::String(s.clone()),
            Self::Num(n) => Value::from(*n),
        }
    }
}

pub type Fields = Vec<(String, Scalar)>;

/// One named field of a record, for building `Fields` tersely.
pub fn field(name: &str, value: Scalar) -> (String, Scalar) {
    (name.to_owned(), value)
}

/// One list item: XML attributes plus text child elements; in JSON both become keys.
#[derive(Debug, Clone)]
pub struct Item {
    pub attributes: Vec<(String, Scalar)>,
    pub children: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone)]
pub enum Body {
    Empty {
        json_key: &'static str,
    },
    /// XML: child elements right under `<response>`; JSON: an object under `json_key`.
    Record {
        json_key: &'static str,
        fields: Fields,
    },
    /// XML: one `<element …>` per item; JSON: an array under `json_key`; paging on the root.
    List {
        json_key: &'static str,
        element: &'static str,
        items: Vec<Item>,
        p: u64,
        size: u64,
        total_count: u64,
    },
}

#[derive(Debug, Clone)]
pub struct Envelope {
    pub permission_level: PermissionLevel,
    pub message: String,
    pub endpoint: &'static str,
    pub domain: String,
    pub body: Body,
}

/// A 23 API error: answered with HTTP 200, as the classic API does.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    pub permission_level: PermissionLevel,
}

impl ApiError {
    pub fn invalid_signature(permission_level: PermissionLevel) -> Self {
        Self {
            code: "invalid_signature",
            message: "The API signature is invalid.".to_owned(),
            permission_level,
        }
    }

    pub fn permission_denied(required: PermissionLevel, permission_level: PermissionLevel) -> Self {
        Self {
            code: "permission_denied",
            message: format!(
                "You don't have the necessary permissions to perform this action (required level: '{required}')"
            ),
            permission_level,
        }
    }

    pub fn invalid_input(message: impl Into<String>, permission_level: PermissionLevel) -> Self {
        Self {
            code: "invalid_input",
            message: message.into(),
            permission_level,
        }
    }
}

/// Reads an API call and answers it with `answer`'s envelope in the format the caller asked for;
/// an unreadable request or an `ApiError` comes back as 23's error envelope (HTTP 200, as 23).
pub async fn answer_api_call(
    req: &actix_web::HttpRequest,
    payload: actix_web::web::Payload,
    endpoint: &str,
    answer: impl FnOnce(&ApiRequest) -> Result<Envelope, ApiError>,
) -> HttpResponse {
    let request = match ApiRequest::read(req, payload).await {
        Ok(request) => request,
        Err(e) => {
            let error = ApiError::invalid_input(e.to_string(), PermissionLevel::None);
            return error_response(&Format::Xml, &error, endpoint);
        }
    };
    let format = Format::of(&request);
    match answer(&request) {
        Ok(envelope) => ok_response(&format, &envelope),
        Err(error) => error_response(&format, &error, endpoint),
    }
}

pub fn ok_response(format: &Format, envelope: &Envelope) -> HttpResponse {
    match format {
        Format::Xml => xml_response(ok_xml(envelope)),
        _ => script_response(format, ok_json(envelope)),
    }
}

pub fn error_response(format: &Format, error: &ApiError, endpoint: &str) -> HttpResponse {
    match format {
        Format::Xml => xml_response(error_xml(error)),
        _ => {
            let json = serde_json::json!({
                "status": "error",
                "message": error.message,
                "code": error.code,
                "permission_level": error.permission_level.as_str(),
                "endpoint": endpoint,
            });
            script_response(format, json)
        }
    }
}

fn xml_response(body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/xml; charset=utf-8")
        .body(body)
}

fn script_response(format: &Format, json: Value) -> HttpResponse {
    let (content_type, text) = match format {
        Format::Jsonp(callback) => (
            "text/javascript; charset=utf-8",
            format!("{callback}({json});"),
        ),
        Format::JsVar(name) => (
            "text/javascript; charset=utf-8",
            format!("var {name} = {json};"),
        ),
        _ => ("application/json; charset=utf-8", json.to_string()),
    };
    HttpResponse::Ok().content_type(content_type).body(text)
}

fn ok_json(envelope: &Envelope) -> Value {
    let mut root = Map::new();
    root.insert("status".into(), "ok".into());
    root.insert(
        "permission_level".into(),
        envelope.permission_level.as_str().into(),
    );
    root.insert("message".into(), envelope.message.clone().into());
    root.insert("cached".into(), "0".into());
    match &envelope.body {
        Body::Empty { json_key } => {
            root.insert((*json_key).into(), Value::Object(Map::new()));
        }
        Body::Record { json_key, fields } => {
            let record = fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.json()))
                .collect();
            root.insert((*json_key).into(), Value::Object(record));
        }
        Body::List {
            json_key,
            items,
            p,
            size,
            total_count,
            ..
        } => {
            let list = items.iter().map(item_json).collect();
            root.insert((*json_key).into(), Value::Array(list));
            root.insert("p".into(), p.to_string().into());
            root.insert("size".into(), size.to_string().into());
            root.insert("total_count".into(), total_count.to_string().into());
        }
    }
    root.insert(
        "site".into(),
        serde_json::json!({
            "domain": envelope.domain,
            "product_key": "sandbox",
            "site_id": "1",
            "site_name": "upload-portal sandbox",
        }),
    );
    root.insert("endpoint".into(), envelope.endpoint.into());
    Value::Object(root)
}

fn item_json(item: &Item) -> Value {
    let mut object: Map<String, Value> = item
        .attributes
        .iter()
        .map(|(k, v)| (k.clone(), v.json()))
        .collect();
    for (name, text) in &item.children {
        object.insert((*name).to_owned(), text.clone().into());
    }
    Value::Object(object)
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
