//! Reading 23's answers: the classic XML envelope (what the client asks for) and the JSON forms
//! (`format=json&raw` and `/api/2`), both reduced to the same [`Document`] so one set of rules
//! turns them into typed values.
//!
//! The parser trusts nothing: any `status` but `ok` is a failure, and a body that is not a whole
//! 23 envelope (DOCTYPE, wrong root, truncated, oversized) is `Malformed`, never a partial result.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde_json::Value;

use super::error::ApiError;
use super::types::{Photo, PhotoList, UploadToken};

#[path = "response_xml.rs"]
mod xml;

pub use xml::parse_xml;

/// Larger answers are refused: photo/list pages top out at 100 items, far below this.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The named scalar values of one record, whatever format they arrived in.
///
/// Values are kept as trimmed strings so "1", 1 and true all read the same later; an empty
/// value counts as absent, and the first occurrence of a name wins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(BTreeMap<String, String>);

impl Fields {
    pub fn insert(&mut self, name: impl Into<String>, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.0
                .entry(name.into())
                .or_insert_with(|| value.to_owned());
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_owned()
    }

    fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::Malformed(format!("the answer has no {name}")))
    }

    /// A number given as a string or a number; garbage is an error, not a silent default.
    fn number<T: FromStr>(&self, name: &str) -> Result<Option<T>, ApiError> {
        self.get(name)
            .map(|value| {
                value
                    .parse()
                    .map_err(|_| ApiError::Malformed(format!("{name} is not a number")))
            })
            .transpose()
    }

    /// 23 spells booleans `1`/`0`, `t`/`f` (v2) or `true`/`false`.
    fn flag(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.get(name)
            .map(|value| match value.to_ascii_lowercase().as_str() {
                "1" | "t" | "true" => Ok(true),
                "0" | "f" | "false" => Ok(false),
                _ => Err(ApiError::Malformed(format!("{name} is not a boolean"))),
            })
            .transpose()
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A 23 answer whose `status` was `ok`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The envelope: `status`, `permission_level`, `message`, `p`, `size`, `total_count`, …
    pub envelope: Fields,
    /// The one object of a single-object answer (XML: `<response>`'s text children; JSON:
    /// `uploadtoken`, `data`, `photo`, …).
    pub record: Fields,
    /// The items of a list answer (XML: `<photo>` or `<album>` elements; JSON: `photos`,
    /// `albums` or `data`).
    pub items: Vec<Fields>,
}

/// Parses a `format=json&raw` body, classic or `/api/2`.
pub fn parse_json(body: &str) -> Result<Document, ApiError> {
    check_size(body)?;
    let value: Value = serde_json::from_str(body).map_err(|e| {
        ApiError::Malformed(format!(
            "not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    let Value::Object(root) = value else {
        return Err(ApiError::Malformed("the JSON body is not an object".into()));
    };
    let mut document = Document::default();
    for (key, value) in &root {
        match value {
            Value::Array(list) if key == "photos" || key == "albums" || key == "data" => {
                for item in list {
                    let Value::Object(item) = item else {
                        return Err(ApiError::Malformed(format!(
                            "an item of {key} is not an object"
                        )));
                    };
                    document.items.push(json_fields(item));
                }
            }
            // `site` describes 23's tenant, not the answer, and must not shadow record fields.
            Value::Object(object) if key != "site" => {
                for (name, value) in json_fields(object).iter() {
                    document.record.insert(name, value);
                }
            }
            other => insert_json_scalar(&mut document.envelope, key, other),
        }
    }
    check_status(&document.envelope)?;
    Ok(document)
}

fn json_fields(object: &serde_json::Map<String, Value>) -> Fields {
    let mut fields = Fields::default();
    for (name, value) in object {
        insert_json_scalar(&mut fields, name, value);
    }
    fields
}

fn insert_json_scalar(fields: &mut Fields, name: &str, value: &Value) {
    match value {
        Value::String(s) => fields.insert(name, s),
        Value::Number(n) => fields.insert(name, &n.to_string()),
        Value::Bool(b) => fields.insert(name, if *b { "1" } else { "0" }),
        Value::Null | Value::Array(_) | Value::Object(_) => {}
    }
}

fn check_size(body: &str) -> Result<(), ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::Malformed("the body is larger than 1 MiB".into()));
    }
    if body.trim().is_empty() {
        return Err(ApiError::Malformed("the body is empty".into()));
    }
    Ok(())
}

/// Classic 23 reports errors with HTTP 200, so the envelope's `status` is the only verdict.
fn check_status(envelope: &Fields) -> Result<(), ApiError> {
    match envelope.get("status") {
        Some("ok") => Ok(()),
        Some("error") => Err(ApiError::Api {
            code: envelope.get("code").unwrap_or("unknown_error").to_owned(),
            message: envelope.get("message").unwrap_or_default().to_owned(),
        }),
        Some(_) => Err(ApiError::Malformed("status is neither ok nor error".into())),
        None => Err(ApiError::Malformed("the envelope has no status".into())),
    }
}

impl Document {
    /// The caller's permission level as 23 reports it in every envelope.
    pub fn permission_level(&self) -> Option<&str> {
        self.envelope.get("permission_level")
    }

    /// Reads a get-upload-token answer.
    pub fn upload_token(&self) -> Result<UploadToken, ApiError> {
        let record = &self.record;
        let upload_token = record.required("upload_token")?;
        // The token ends up in a form and a callback URL; anything but letters and digits
        // means this is not the opaque token 23 documents.
        if upload_token.len() > 128 || !upload_token.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ApiError::Malformed(
                "upload_token is not 1-128 letters and digits".into(),
            ));
        }
        Ok(UploadToken {
            upload_token: upload_token.to_owned(),
            title: record.text("title"),
            description: record.text("description"),
            tags: record.text("tags"),
            publish: record.flag("publish")?.unwrap_or(true),
            album_id: record.get("album_id").map(str::to_owned),
            max_uploads: record.number("max_uploads")?.unwrap_or(1),
            valid_minutes: record.number("valid_minutes")?.unwrap_or(180),
            valid_until: record
                .number("valid_until")?
                .ok_or_else(|| ApiError::Malformed("the answer has no valid_until".into()))?,
            return_url: record.text("return_url"),
        })
    }

    /// The ids of an album/list answer's albums.
    pub fn album_ids(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|album| album.get("album_id").map(str::to_owned))
            .collect()
    }

    /// Reads a photo/list answer.
    pub fn photo_list(&self) -> Result<PhotoList, ApiError> {
        let photos = self
            .items
            .iter()
            .map(photo_from)
            .collect::<Result<Vec<_>, _>>()?;
        let total_count = match self.envelope.number("total_count")? {
            Some(count) => count,
            None => photos.len() as u64,
        };
        Ok(PhotoList {
            photos,
            total_count,
        })
    }
}

fn photo_from(fields: &Fields) -> Result<Photo, ApiError> {
    let photo_id: i64 = fields
        .number("photo_id")?
        .ok_or_else(|| ApiError::Malformed("a photo has no photo_id".into()))?;
    let tree_id = match fields.number("tree_id")? {
        Some(tree_id) => Some(tree_id),
        None => tree_id_from_downloads(fields, photo_id),
    };
    Ok(Photo {
        photo_id,
        tree_id,
        token: fields.required("token")?.to_owned(),
        title: fields.text("title"),
        one: fields.get("one").map(str::to_owned),
        absolute_url: fields.get("absolute_url").map(str::to_owned),
        // Only the reconciler's change detector reads it, and it copes without: never fail a list
        // over it.
        creation_date_epoch: fields.number("creation_date_epoch").ok().flatten(),
        published: fields.flag("published_p")?.unwrap_or(false),
        video_encoded: fields.flag("video_encoded_p")?.unwrap_or(false),
        video_length: fields.number("video_length")?,
        quad100_download: fields.get("quad100_download").map(str::to_owned),
        small_download: fields.get("small_download").map(str::to_owned),
    })
}

/// Classic photo/list items lack `tree_id`, but every download path starts with
/// `/{tree_id}/{photo_id}/`; the photo_id check keeps an unrelated path from being misread.
fn tree_id_from_downloads(fields: &Fields, photo_id: i64) -> Option<i64> {
    fields
        .iter()
        .filter(|(name, _)| name.ends_with("_download"))
        .find_map(|(_, path)| {
            let path = match path.split_once("://") {
                Some((_, rest)) => &rest[rest.find('/')?..],
                None => path,
            };
            let mut segments = path.trim_start_matches('/').split('/');
            let tree_id = segments.next()?.parse().ok()?;
            (segments.next()? == photo_id.to_string()).then_some(tree_id)
        })
}

#[cfg(test)]
#[path = "response_tests.rs"]
mod tests;
