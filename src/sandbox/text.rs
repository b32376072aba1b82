//! The small text clean-ups 23 applies to metadata.

/// 23 strips all HTML from titles. A tag is `<` followed by a letter, `/`, `!` or `?`, up to the
/// next `>`; any other `<` (as in `1 < 2`) is text, since no browser would start a tag there.
pub fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let opens_tag =
            after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        match after.find('>') {
            Some(end) if opens_tag => rest = &after[end + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tags 23 lets through in descriptions. It documents `<b>` and `<p>` as examples of "safe HTML";
/// the rest of this list is the sandbox's guess at the same spirit.
const SAFE_TAGS: &[&str] = &["b", "i", "em", "strong", "p", "br", "ul", "ol", "li"];

/// 23 keeps safe HTML in descriptions but strips *all* HTML as soon as one tag is not allowed.
/// Tags with attributes count as not allowed, so nothing like `onclick` can survive.
pub fn sanitize_description(text: &str) -> String {
    if tags(text).all(|tag| SAFE_TAGS.contains(&tag.to_ascii_lowercase().as_str())) {
        text.to_owned()
    } else {
        strip_html(text)
    }
}

/// The bare names of the tags in `text` (`"/p"` → `"p"`); a tag with attributes yields its
/// whole inside, which never matches a safe name.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    text.split('<').skip(1).filter_map(|piece| {
        let inside = &piece[..piece.find('>')?];
        Some(inside.trim_start_matches('/').trim_end_matches('/').trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_every_tag_but_keep_their_text() {
        assert_eq!(strip_html("<b>Big</b> <script>x</script>day"), "Big xday");
        assert_eq!(strip_html("1 < 2"), "1 < 2");
        assert_eq!(strip_html("1 < 2 & <script>x</script>"), "1 < 2 & x");
        assert_eq!(strip_html("a <b"), "a <b");
    }

    #[test]
    fn descriptions_keep_safe_tags() {
        assert_eq!(
            sanitize_description("<p>Hi <b>there</b><br/></p>"),
            "<p>Hi <b>there</b><br/></p>"
        );
    }

    #[test]
    fn one_unsafe_tag_strips_all_html_from_a_description() {
        assert_eq!(sanitize_description("<p>Hi</p><img src=x onerror=y>"), "Hi");
        assert_eq!(sanitize_description("<p onclick=\"x\">Hi</p>"), "Hi");
    }
}
