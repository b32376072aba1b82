//! Writing CSV (RFC 4180) that is also safe to open in a spreadsheet.

/// One record: cells separated by commas, ended by CRLF.
pub fn record<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|cell| cell_text(cell.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// A cell, neutralised against formula injection, then quoted if CSV needs it.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, and skip leading
/// blanks (spaces, tabs, line breaks, no-break and ideographic spaces) to find that sign; some
/// also read the full-width and small forms (`＝`, `﹢`) as the ASCII ones. Titles and 23's error
/// messages come from visitors, so such cells get a leading `'`, which spreadsheets show as text.
pub fn cell_text(value: &str) -> String {
    let neutral = if looks_like_formula(value) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The signs a formula may start with, in ASCII, full-width and small forms (and the minus sign).
const FORMULA_SIGNS: [char; 13] = [
    '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{FE66}', '\u{FE62}',
    '\u{FE63}', '\u{FE6B}', '\u{2212}',
];

/// Whether the first character that is not blank (white space, or an invisible format
/// character such as a zero-width space or a byte-order mark) starts a formula. A cell starting
/// with a tab or carriage return is guarded whatever follows (some spreadsheets split on them).
fn looks_like_formula(value: &str) -> bool {
    let blank = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    };
    value.starts_with(['\t', '\r'])
        || value
            .chars()
            .find(|&c| !blank(c))
            .is_some_and(|c| FORMULA_SIGNS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells_stay_as_they_are_and_records_end_with_crlf() {
        assert_eq!(record(&["1", "ready", "My video"]), "1,ready,My video\r\n");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_with_doubled_quotes() {
        assert_eq!(cell_text("a,b"), "\"a,b\"");
        assert_eq!(cell_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell_text("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_as_formulas_become_text() {
        assert_eq!(
            cell_text("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell_text("+1"), "'+1");
        assert_eq!(cell_text("-2+3"), "'-2+3");
        assert_eq!(cell_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell_text("\tcmd"), "'\tcmd");
        assert_eq!(cell_text("a=b"), "a=b", "only a leading sign matters");
    }

    #[test]
    fn a_formula_behind_blanks_or_in_full_width_forms_becomes_text_too() {
        for attack in [
            " =1+1",
            "   +1",
            "\n=cmd",
            "\u{A0}@SUM(A1)",
            "\u{3000}=1",
            "\u{200B}=1",
            "\u{FEFF}-1",
            "\u{FF1D}HYPERLINK(1)",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}SUM(A1)",
            "\u{FE66}1",
            " \u{FF1D}1",
        ] {
            assert!(
                cell_text(attack).contains(&format!("'{attack}")),
                "{attack:?}"
            );
        }
        for harmless in [" a=b", "  title", "\u{3000}video", "", "   "] {
            assert_eq!(cell_text(harmless), harmless, "{harmless:?}");
        }
    }
}
