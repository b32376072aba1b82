//! The words of a page, for templates: `{{ layout.t("id") }}` and friends. Every message gets the
//! operator's names as `$site` and `$service`, so a translation may use them anywhere.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use fluent_bundle::{FluentArgs, FluentValue};

use super::Layout;

/// Variables the scripts' messages may use; `messages.js` fills in each `{name}`.
const SCRIPT_VARIABLES: &[&str] = &[
    "name", "done", "total", "time", "size", "limit", "count", "number", "seconds", "reason",
    "problem", "status", "hours", "minutes", "length",
];

/// One entry of the language menu.
pub struct LanguageChoice {
    pub tag: &'static str,
    pub name: &'static str,
    pub current: bool,
}

/// Messages whose only variables are the operator's names, formatted once per language and
/// brand: a history page asks for a few hundred, and Fluent formatting each anew was most of the
/// page's cost. Bounded by languages × brands × message ids (a brand is fixed per process; tests
/// start a handful).
static FORMATTED: LazyLock<RwLock<HashMap<String, String>>> = LazyLock::new(Default::default);

impl Layout {
    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.formatted(id, || self.lang.t_args(id, &self.args()))
    }

    /// `make()`, remembered under `id` for this language and brand.
    fn formatted(&self, id: &str, make: impl FnOnce() -> String) -> String {
        let key = format!(
            "{}\0{:?}\0{:?}\0{id}",
            self.lang.tag(),
            self.brand.site_name,
            self.brand.service_name
        );
        if let Some(text) = FORMATTED.read().ok().and_then(|m| m.get(&key).cloned()) {
            return text;
        }
        let text = make();
        if let Ok(mut memo) = FORMATTED.write() {
            memo.insert(key, text.clone());
        }
        text
    }

    /// The message `id` with one variable.
    pub fn t1(&self, id: &str, name: &str, value: impl ToString) -> String {
        let mut args = self.args();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        self.lang.t_args(id, &args)
    }

    /// The message `id` with two variables.
    pub fn t2(&self, id: &str, n1: &str, v1: impl ToString, n2: &str, v2: impl ToString) -> String {
        let mut args = self.args();
        args.set(n1.to_string(), FluentValue::from(v1.to_string()));
        args.set(n2.to_string(), FluentValue::from(v2.to_string()));
        self.lang.t_args(id, &args)
    }

    /// The message `id` as HTML, its `$time` a `<time>` element (which scripts may update) and
    /// `$count` a number. Everything else is escaped: mark the result `|safe`, nothing more.
    pub fn t_time(&self, id: &str, machine: &str, human: &str, count: &u32) -> String {
        const MARK: &str = "\u{E000}";
        let text = self.t2(id, "time", MARK, "count", count);
        let time = format!(
            "<time datetime=\"{}\">{}</time>",
            escape_html(machine),
            escape_html(human)
        );
        escape_html(&text).replace(MARK, &time)
    }

    /// The message `id` as HTML, its `$time` a `<time>` element and two more variables `<code>`
    /// (identifiers such as a visitor id or a hash). Mark the result `|safe`, nothing more.
    pub fn t_time_codes(&self, id: &str, time: &(&str, &str), codes: &[(&str, &str); 2]) -> String {
        const MARKS: [&str; 3] = ["\u{E000}", "\u{E001}", "\u{E002}"];
        let mut args = self.args();
        args.set("time", FluentValue::from(MARKS[0]));
        for ((name, _), mark) in codes.iter().zip(&MARKS[1..]) {
            args.set(name.to_string(), FluentValue::from(*mark));
        }
        let mut html = escape_html(&self.lang.t_args(id, &args));
        let (machine, human) = *time;
        let time = format!(
            "<time datetime=\"{}\">{}</time>",
            escape_html(machine),
            escape_html(human)
        );
        html = html.replace(MARKS[0], &time);
        for ((_, value), mark) in codes.iter().zip(&MARKS[1..]) {
            html = html.replace(mark, &format!("<code>{}</code>", escape_html(value)));
        }
        html
    }

    /// An English sentence from a lower layer (a form check, a refusal), in the page's language.
    pub fn text(&self, english: &str) -> String {
        self.lang.text(english)
    }

    /// A status badge (`pending`, `ready`, …).
    pub fn status(&self, status: &str) -> String {
        self.t(&format!("status-{status}"))
    }

    /// "Back to <site>" for `HOME_URL`: the operator's site name, else the link's host name.
    pub fn home_link_text(&self) -> String {
        let site = match (&self.brand.site_name, &self.brand.home_url) {
            (Some(name), _) => name.clone(),
            (None, Some(url)) => url.host_str().unwrap_or_default().to_string(),
            (None, None) => self.site_name(),
        };
        self.t1("home-link", "site", site)
    }

    pub fn site_name(&self) -> String {
        match &self.brand.site_name {
            Some(name) => name.clone(),
            None => self.formatted("default-site-name", || self.lang.t("default-site-name")),
        }
    }

    pub fn service_name(&self) -> String {
        match &self.brand.service_name {
            Some(name) => name.clone(),
            None => self.formatted("default-service-name", || {
                self.lang.t("default-service-name")
            }),
        }
    }

    pub fn languages(&self) -> Vec<LanguageChoice> {
        crate::i18n::catalog()
            .languages()
            .map(|l| LanguageChoice {
                tag: l.tag(),
                name: l.name(),
                current: l.tag() == self.lang.tag(),
            })
            .collect()
    }

    /// The scripts' messages (`js-*`) as JSON for `static/messages.js`: the page carries them, so
    /// the scripts keep no second copy. Variables stay as `{name}` for the script to fill.
    pub fn script_messages(&self) -> String {
        // Under a key no message id can have: the same JSON on every page of this language.
        self.formatted("(script messages)", || self.format_script_messages())
    }

    fn format_script_messages(&self) -> String {
        let mut args = self.args();
        for name in SCRIPT_VARIABLES {
            args.set(*name, FluentValue::from(format!("{{{name}}}")));
        }
        let messages: serde_json::Map<String, serde_json::Value> = self
            .lang
            .ids()
            .iter()
            // 23's refusals in the visitor's words are the pages' sentences; static/service-errors.js
            // reads them under their own ids.
            .filter_map(|id| {
                id.strip_prefix("js-")
                    .or_else(|| id.starts_with("service-error-").then_some(id.as_str()))
                    .map(|short| (short, id))
            })
            .map(|(short, id)| (short.to_string(), self.lang.t_args(id, &args).into()))
            .collect();
        serde_json::Value::Object(messages).to_string()
    }

    fn args(&self) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        args.set("site", FluentValue::from(self.site_name()));
        args.set("service", FluentValue::from(self.service_name()));
        args
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
