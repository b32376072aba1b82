//! The host page's look for its frame: `data-theme` (`light`, `dark`, or `auto`, the default,
//! which follows the visitor's `prefers-color-scheme`) and `data-accent` (`#rrggbb`).
//!
//! They arrive in the frame's address (`/embed/frame?theme=dark&accent=%231f5fd1`) and are parsed
//! here into one of three words and a checked colour, so nothing else from the host page can
//! reach the markup or the CSS. The frame keeps them in its session when it opens
//! (`routes::embed::look`), which sets them for each request made inside the frame.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

impl Theme {
    /// One of the three words, else `None` (the caller falls back to `auto`).
    pub fn parse(value: &str) -> Option<Theme> {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// The value of `<html data-theme>`, which `static/style.css` turns into a palette.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// How a page inside the host's frame looks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameLook {
    pub theme: Theme,
    /// `#rrggbb`, lower case, dark enough for white button text.
    pub accent: Option<String>,
}

impl FrameLook {
    /// From the host's attributes as they came: an unknown theme is `auto`, and an accent that
    /// is not exactly `#rrggbb` (or too light for white text, as `BRAND_COLOR` would be) is none.
    pub fn from_host(theme: &str, accent: &str) -> FrameLook {
        FrameLook {
            theme: Theme::parse(theme).unwrap_or_default(),
            accent: host_accent(accent),
        }
    }

    /// The accent as the frame's opening form carries it: empty without one.
    pub fn accent_value(&self) -> &str {
        self.accent.as_deref().unwrap_or_default()
    }
}

/// `#rrggbb` exactly (no `#rgb`, no names), through the same check as `BRAND_COLOR`'s.
fn host_accent(value: &str) -> Option<String> {
    let value = value.trim();
    let hex = value.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    crate::config::brand_color(value).ok()
}

tokio::task_local! {
    static CURRENT: Option<FrameLook>;
}

/// The look of the request being handled: `Some` only inside the host's frame.
pub fn current() -> Option<FrameLook> {
    CURRENT.try_with(Clone::clone).ok().flatten()
}

/// Runs `work` (a request) with `look` (`None` outside a frame).
pub async fn looking<F: std::future::Future>(look: Option<FrameLook>, work: F) -> F::Output {
    CURRENT.scope(look, work).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_themes_are_kept_and_anything_else_is_auto() {
        for (given, theme) in [
            ("light", Theme::Light),
            ("DARK", Theme::Dark),
            ("auto", Theme::Auto),
            ("", Theme::Auto),
            ("dark;}body{display:none", Theme::Auto),
            ("\"><script>", Theme::Auto),
        ] {
            assert_eq!(FrameLook::from_host(given, "").theme, theme, "{given}");
        }
    }

    #[test]
    fn an_accent_is_exactly_rrggbb_and_dark_enough_for_white_text() {
        let accent = |value: &str| FrameLook::from_host("auto", value).accent;
        assert_eq!(accent("#1F5FD1").as_deref(), Some("#1f5fd1"));
        for bad in [
            "red",
            "#036",
            "1f5fd1",
            "#1f5fd1;}body{display:none",
            "#1f5fd1 ",
            "#ffcc00",
            "#12345g",
            "",
        ] {
            let trimmed_ok = bad == "#1f5fd1 ";
            assert_eq!(accent(bad).is_some(), trimmed_ok, "{bad:?}");
        }
    }
}
