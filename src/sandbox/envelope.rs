//! The parts of 23's classic response envelope, independent of the format they are written in:
//! `format` picks the format and writes JSON, `xml` writes XML; both read these types.

use serde_json::Value;

use super::settings::PermissionLevel;

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
