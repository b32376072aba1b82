//! Which language a request gets: the visitor's explicit choice, else the best of the browser's
//! `Accept-Language` that we have, else the operator's `DEFAULT_LANGUAGE`.

use super::catalog::{Lang, catalog};

/// Norwegian browsers send `no` or `nn` as often as `nb`; Bokmål is what we have.
const ALIASES: &[(&str, &str)] = &[("no", "nb"), ("nn", "nb")];

pub fn negotiate(choice: Option<&str>, accept_language: Option<&str>, default: Lang) -> Lang {
    choice
        .and_then(|tag| catalog().get(tag))
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(default)
}

/// The highest-weighted language of the header that the catalog has (`da-DK` finds `da`).
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut wanted: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (q > 0.0 && !tag.is_empty() && tag != "*").then_some((q, tag))
        })
        .collect();
    // Stable: equal weights keep the browser's order.
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    wanted.into_iter().find_map(|(_, tag)| find(tag))
}

fn find(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    let alias = ALIASES
        .iter()
        .find(|(from, _)| from.eq_ignore_ascii_case(primary))
        .map(|(_, to)| *to);
    catalog()
        .get(tag)
        .or_else(|| catalog().get(primary))
        .or_else(|| alias.and_then(|a| catalog().get(a)))
}
