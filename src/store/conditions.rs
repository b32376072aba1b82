//! SQL assembled at run time, but only from fixed fragments: every value is bound as a
//! parameter, never spliced in.

pub(super) enum Value {
    Int(i64),
    Text(String),
}

/// A WHERE clause under construction: fixed SQL text plus the values it binds, numbered
/// `$1, $2, …` in the order they are added (ascending order of first use, as both backends want).
#[derive(Default)]
pub(super) struct Conditions {
    pub(super) sql: Vec<String>,
    pub(super) values: Vec<Value>,
}

impl Conditions {
    /// Remembers `value` and returns its placeholder.
    pub(super) fn param(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    /// ` WHERE a AND b`, or nothing.
    pub(super) fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.sql.join(" AND "))
        }
    }
}

/// Binds every value of a `Conditions` to a query, in order.
macro_rules! bind_values {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                $crate::store::conditions::Value::Int(v) => query.bind(*v),
                $crate::store::conditions::Value::Text(v) => query.bind(v.clone()),
            };
        }
        query
    }};
}
pub(super) use bind_values;
