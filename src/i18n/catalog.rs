//! The messages of every language, parsed once from the embedded `locales/` folder.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The language whose messages every other one must have, and the last resort.
pub const FALLBACK: &str = "en";

#[derive(rust_embed::Embed)]
#[folder = "locales/"]
struct Files;

pub struct Language {
    tag: String,
    /// The language's own name for itself, for the language menu (`language-name`).
    name: String,
    bundle: FluentBundle<FluentResource>,
    /// The ids of this language's messages, for the test that compares languages.
    ids: Vec<String>,
}

pub struct Catalog {
    /// Sorted by tag; the fallback is among them.
    languages: Vec<Language>,
    /// English text to message id: lower layers (form checks, use-case refusals) say things in
    /// English, and the page shows them in the visitor's language through this.
    by_english: HashMap<String, String>,
    /// The same for English sentences with variables ("At most 500 characters."), which lower
    /// layers write with `format!`: each message's literal pieces around its variables.
    english_patterns: Vec<EnglishPattern>,
}

/// An English message as literal pieces and the variables between them:
/// `pieces[0] $vars[0] pieces[1] $vars[1] … pieces[n]`.
struct EnglishPattern {
    id: String,
    pieces: Vec<String>,
    vars: Vec<String>,
}

static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::load().unwrap_or_else(|e| panic!("locales/ is broken: {e}")));

/// The catalog; `startup` touches it first so a broken message file stops start-up, not a page.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// One language of the catalog; cheap to copy.
#[derive(Clone, Copy)]
pub struct Lang(&'static Language);

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.tag)
    }
}

impl Default for Lang {
    fn default() -> Self {
        catalog().fallback()
    }
}

impl Catalog {
    fn load() -> Result<Catalog, String> {
        let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for path in Files::iter() {
            if !path.ends_with(".ftl") {
                continue;
            }
            let (tag, _) = path
                .split_once('/')
                .ok_or(format!("{path}: not in a folder"))?;
            let file = Files::get(&path).ok_or(format!("{path}: unreadable"))?;
            let text = String::from_utf8(file.data.into_owned())
                .map_err(|_| format!("{path}: not UTF-8"))?;
            files.entry(tag.to_string()).or_default().push(text);
        }
        let languages = files
            .into_iter()
            .map(|(tag, texts)| Language::parse(&tag, texts))
            .collect::<Result<Vec<_>, _>>()?;
        let english = languages
            .iter()
            .find(|l| l.tag == FALLBACK)
            .ok_or("there is no locales/en")?;
        let by_english = english
            .ids
            .iter()
            .map(|id| (Lang::format(english, id, None), id.clone()))
            .collect();
        let english_patterns = english
            .ids
            .iter()
            .filter_map(|id| EnglishPattern::of(english, id))
            .collect();
        Ok(Catalog {
            languages,
            by_english,
            english_patterns,
        })
    }

    pub fn fallback(&'static self) -> Lang {
        self.get(FALLBACK).expect("checked at load")
    }

    /// The language with exactly this tag (`da`, `nb`).
    pub fn get(&'static self, tag: &str) -> Option<Lang> {
        self.languages
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
            .map(Lang)
    }

    pub fn languages(&'static self) -> impl Iterator<Item = Lang> {
        self.languages.iter().map(Lang)
    }

    fn id_of(&self, english: &str) -> Option<&str> {
        self.by_english.get(english).map(String::as_str)
    }

    /// The message with variables that `english` is, and the values it was written with.
    fn pattern_of(&self, english: &str) -> Option<(&str, Vec<(&str, String)>)> {
        self.english_patterns
            .iter()
            .find_map(|p| p.values_in(english).map(|values| (p.id.as_str(), values)))
    }
}

impl EnglishPattern {
    /// Patterns shorter than this (literal text only) would match too much.
    const LEAST_LITERAL: usize = 10;

    fn of(english: &Language, id: &str) -> Option<EnglishPattern> {
        let message = english.bundle.get_message(id)?.value()?;
        // Formatted without values, Fluent writes each variable as `{$name}`.
        let mut ignored = Vec::new();
        let text = english.bundle.format_pattern(message, None, &mut ignored);
        let mut pieces = Vec::new();
        let mut vars = Vec::new();
        let mut rest = text.as_ref();
        while let Some(start) = rest.find("{$") {
            let end = start + rest[start..].find('}')?;
            pieces.push(rest[..start].to_string());
            vars.push(rest[start + 2..end].to_string());
            rest = &rest[end + 1..];
        }
        pieces.push(rest.to_string());
        if vars.is_empty() {
            return None;
        }
        let literal: usize = pieces.iter().map(String::len).sum();
        // Two variables side by side cannot be told apart.
        let separated = pieces[1..pieces.len() - 1].iter().all(|p| !p.is_empty());
        (literal >= Self::LEAST_LITERAL && separated).then(|| EnglishPattern {
            id: id.to_string(),
            pieces,
            vars,
        })
    }

    /// The variables' values if `text` is this message.
    fn values_in(&self, text: &str) -> Option<Vec<(&str, String)>> {
        let (last, middle) = self.pieces[1..].split_last()?;
        let mut rest = text.strip_prefix(self.pieces[0].as_str())?;
        rest = rest.strip_suffix(last.as_str())?;
        let mut values = Vec::with_capacity(self.vars.len());
        for (var, piece) in self.vars.iter().zip(middle) {
            let at = rest.find(piece.as_str())?;
            values.push((var.as_str(), rest[..at].to_string()));
            rest = &rest[at + piece.len()..];
        }
        values.push((self.vars.last()?.as_str(), rest.to_string()));
        Some(values)
    }
}

impl Language {
    fn parse(tag: &str, texts: Vec<String>) -> Result<Language, String> {
        let id: unic_langid::LanguageIdentifier = tag
            .parse()
            .map_err(|_| format!("{tag}: not a language tag"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks would land in `<title>`, attributes and script strings; the pages set
        // `dir` themselves.
        bundle.set_use_isolating(false);
        let mut ids = Vec::new();
        for text in texts {
            let resource =
                FluentResource::try_new(text).map_err(|(_, e)| format!("{tag}: {e:?}"))?;
            ids.extend(resource.entries().filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            }));
            bundle
                .add_resource(resource)
                .map_err(|e| format!("{tag}: {e:?}"))?;
        }
        if !ids.iter().any(|i| i == "language-name") {
            return Err(format!("{tag}: no language-name"));
        }
        let mut language = Language {
            tag: tag.to_string(),
            name: String::new(),
            bundle,
            ids,
        };
        language.name = Lang::format(&language, "language-name", None);
        Ok(language)
    }
}

impl Lang {
    pub fn tag(self) -> &'static str {
        &self.0.tag
    }

    pub fn name(self) -> &'static str {
        &self.0.name
    }

    pub fn ids(self) -> &'static [String] {
        &self.0.ids
    }

    /// The message `id`; its id itself when missing, so a gap shows as a key, never as a 500.
    pub fn t(self, id: &str) -> String {
        Lang::format(self.0, id, None)
    }

    /// The message `id` with variables.
    pub fn t_args(self, id: &str, args: &FluentArgs) -> String {
        Lang::format(self.0, id, Some(args))
    }

    /// An English sentence from a lower layer in this language (as it is, if it has no message).
    pub fn text(self, english: &str) -> String {
        if let Some(id) = catalog().id_of(english) {
            return self.t(id);
        }
        match catalog().pattern_of(english) {
            Some((id, values)) => {
                let mut args = FluentArgs::new();
                for (name, value) in values {
                    args.set(name, FluentValue::from(value));
                }
                self.t_args(id, &args)
            }
            None => english.to_string(),
        }
    }

    fn format(language: &Language, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = language.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(lang = %language.tag, id, "a message is missing");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = language.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(lang = %language.tag, id, ?errors, "a message did not format cleanly");
        }
        text.into_owned()
    }
}

/// Variables for `Lang::t_args` from name/value pairs.
pub fn args<'a>(pairs: &[(&'a str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(*name, value.clone());
    }
    args
}
