//! Times on pages: the visitor's language for people, RFC 3339 for `<time datetime>`.

use crate::i18n::{args, current};

/// Epoch seconds for people, in the request's language ("27 Nov 2026, 14:05 UTC",
/// "27. nov. 2026 kl. 14:05 UTC").
pub fn human_time(epoch: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(epoch) else {
        return String::new();
    };
    let lang = current();
    let month = lang.t(&format!("month-{}", u8::from(t.month())));
    lang.t_args(
        "date-time",
        &args(&[
            ("day", t.day().to_string().into()),
            ("month", month.into()),
            ("year", t.year().to_string().into()),
            ("time", format!("{:02}:{:02}", t.hour(), t.minute()).into()),
        ]),
    )
}

pub fn machine_time(epoch: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(epoch)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
