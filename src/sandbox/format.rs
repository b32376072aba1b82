//! 23's classic response envelope in every format it speaks: XML (default), plain JSON
//! (`format=json&raw`), `var visual = {…};` (`format=json`), `var x = …` (`varname=x`) and JSONP
//! (`callback=fn`). Errors use the same format as the request asked for.

use actix_web::HttpResponse;
use serde_json::{Map, Value};

use super::envelope::{ApiError, Body, Envelope, Item};
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
