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
/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some do after a tab or
/// carriage return) as a formula; titles and 23's error messages come from visitors, so such
/// cells get a leading `'`, which spreadsheets show as text.
pub fn cell_text(value: &str) -> String {
    let neutral = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
}
