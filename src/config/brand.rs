//! The operator's brand and the visitors' default language: `SITE_NAME`, `BRAND_COLOR`,
//! `LOGO_URL`, `VIDEO_SERVICE_NAME`, `DEFAULT_LANGUAGE`. Every value reaches pages escaped (the
//! colour only as the `#rrggbb` it was parsed into), so none can carry markup or CSS.

use url::Url;

use super::error::{ConfigError, invalid};
use super::vars::Vars;

/// WCAG 2.2 AA for normal text: buttons carry white text on the brand colour.
const MIN_CONTRAST: f64 = 4.5;

#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// `None`: the default name, in the visitor's language.
    pub site_name: Option<String>,
    /// `#rrggbb`, dark enough for white text.
    pub color: Option<String>,
    pub logo_url: Option<Url>,
    /// `None`: "the video service", in the visitor's language.
    pub service_name: Option<String>,
    /// `HOME_URL`: the operator's own site, linked as "Back to <site>" in the header.
    pub home_url: Option<Url>,
}

impl Brand {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        Ok(Brand {
            site_name: text(vars, "SITE_NAME")?,
            color: vars
                .get("BRAND_COLOR")
                .map(|c| brand_color(&c))
                .transpose()?,
            logo_url: vars.base_url("LOGO_URL")?,
            service_name: text(vars, "VIDEO_SERVICE_NAME")?,
            home_url: vars.base_url("HOME_URL")?,
        })
    }
}

/// A name shown on every page: one line, at most 80 characters.
fn text(vars: &Vars, name: &'static str) -> Result<Option<String>, ConfigError> {
    let Some(value) = vars.get(name) else {
        return Ok(None);
    };
    let value = value.trim().to_string();
    if value.is_empty() || value.chars().count() > 80 || value.chars().any(char::is_control) {
        return Err(invalid(name, "must be one line of 1 to 80 characters"));
    }
    Ok(Some(value))
}

/// `DEFAULT_LANGUAGE`: a language of `locales/` (default `en`).
pub(super) fn default_language(vars: &Vars) -> Result<String, ConfigError> {
    let tag = vars
        .get("DEFAULT_LANGUAGE")
        .unwrap_or_else(|| crate::i18n::FALLBACK.into());
    match crate::i18n::catalog().get(tag.trim()) {
        Some(lang) => Ok(lang.tag().to_string()),
        None => {
            let known: Vec<&str> = crate::i18n::catalog()
                .languages()
                .map(|l| l.tag())
                .collect();
            Err(invalid(
                "DEFAULT_LANGUAGE",
                format!("must be one of {}", known.join(", ")),
            ))
        }
    }
}

/// `#rgb` or `#rrggbb`, refused when white text on it fails WCAG AA.
pub fn brand_color(value: &str) -> Result<String, ConfigError> {
    let rgb = parse_hex(value.trim()).ok_or_else(|| {
        invalid(
            "BRAND_COLOR",
            "must be a CSS hex colour like #1f5fd1 or #25a",
        )
    })?;
    let ratio = contrast_with_white(rgb);
    if ratio < MIN_CONTRAST {
        return Err(invalid(
            "BRAND_COLOR",
            format!(
                "white button text on {value} has a contrast of {ratio:.2}:1; WCAG AA needs at \
                 least 4.5:1, so choose a darker colour"
            ),
        ));
    }
    Ok(format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]))
}

fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, len: usize| u8::from_str_radix(&hex[i * len..(i + 1) * len], 16).ok();
    match hex.len() {
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        6 => Some([digit(0, 2)?, digit(1, 2)?, digit(2, 2)?]),
        _ => None,
    }
}

/// WCAG's contrast ratio of white against `rgb`.
fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dark_colour_is_kept_in_long_form() {
        assert_eq!(brand_color("#1F5FD1").unwrap(), "#1f5fd1");
        assert_eq!(brand_color("#036").unwrap(), "#003366");
    }

    #[test]
    fn a_light_colour_is_refused_with_its_contrast() {
        let error = brand_color("#ffcc00").unwrap_err();
        assert_eq!(error.variable, "BRAND_COLOR");
        assert!(error.problem.contains("4.5:1"), "{}", error.problem);
        // #777 is the classic near miss: 4.48:1.
        assert!(brand_color("#777777").is_err());
        assert!(brand_color("#767676").is_ok());
    }

    #[test]
    fn anything_but_a_hex_colour_is_refused() {
        for bad in [
            "red",
            "#12",
            "#1234567",
            "#12345g",
            "#000;}body{x:y",
            "url(x)",
        ] {
            assert!(brand_color(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_language_must_be_one_we_have() {
        let with = |value: &'static str| {
            move |name: &str| (name == "DEFAULT_LANGUAGE").then(|| value.to_string())
        };
        assert_eq!(default_language(&Vars::new(&with("da"))).unwrap(), "da");
        let error = default_language(&Vars::new(&with("fr"))).unwrap_err();
        assert!(
            error.problem.contains("da, de, en, nb, sv"),
            "{}",
            error.problem
        );
        assert_eq!(default_language(&Vars::new(&|_: &str| None)).unwrap(), "en");
    }

    #[test]
    fn names_are_one_line() {
        let lookup = |name: &str| (name == "SITE_NAME").then(|| "Two\nlines".to_string());
        assert!(Brand::from_vars(&Vars::new(&lookup)).is_err());
    }
}
