//! The QR code of a campaign's public link, as SVG to put straight into the admin page: an
//! operator prints it on a flyer or a product box, and a phone's camera opens the campaign.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An `<svg>` element (no XML declaration, so it can sit inline in HTML) that draws `link`, with
/// a text alternative naming the link. `None` only for a link too long for any QR code.
pub fn qr_svg(link: &str) -> Option<String> {
    // Medium error correction: survives a smudge on print and stays small for short links.
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).ok()?;
    let drawn = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = drawn.find("<svg")?;
    let link_arg = crate::i18n::args(&[("link", link.into())]);
    let label = html_attribute(&crate::i18n::current().t_args("admin-campaign-qr-of", &link_arg));
    Some(drawn[start..].replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"qr-code\" "),
        1,
    ))
}

/// The link is ours (public URL and a checked slug), but escape it anyway: it goes into markup
/// that the template prints unescaped.
fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_an_inline_svg_element_named_after_its_link() {
        let svg = qr_svg("https://videos.example.com/c/product-1234").unwrap();
        assert!(svg.starts_with("<svg role=\"img\""), "{}", &svg[..60]);
        assert!(
            svg.contains("aria-label=\"QR code of https://videos.example.com/c/product-1234\"")
        );
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
    }

    #[test]
    fn different_links_draw_different_codes_and_markup_in_a_link_is_escaped() {
        let a = qr_svg("https://videos.example.com/c/a").unwrap();
        let b = qr_svg("https://videos.example.com/c/b").unwrap();
        assert_ne!(a, b);
        let odd = qr_svg("https://x.example/\"><script>").unwrap();
        assert!(!odd.contains("<script>"));
    }
}
