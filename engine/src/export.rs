//! Cells of the CSV files the app writes (panel tables, drill-downs, rejected rows), made safe
//! for a spreadsheet. Excel and LibreOffice run a cell that begins with `=`, `+`, `-`, `@`, a
//! tab or a carriage return as a formula (CSV injection), and a customer's name comes from a
//! file anyone could have written. Such a cell gets a leading `'`, which the spreadsheet shows
//! as text; a plain number (`-12.5`) is left as it is, so negative amounts stay numbers.

use std::borrow::Cow;

/// `cell`, with a leading `'` when a spreadsheet would run it as a formula.
pub fn guard(cell: &str) -> Cow<'_, str> {
    let risky = match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => cell.parse::<f64>().is_err(),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// One CSV field: [`guard`]ed, then quoted when it holds a comma, a quote or a line break
/// (quotes doubled).
pub fn csv_field(cell: &str) -> Cow<'_, str> {
    let guarded = guard(cell);
    if guarded.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", guarded.replace('"', "\"\"")))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded() {
        for formula in [
            "=1+2",
            "+1",
            "@SUM(A1)",
            "\tx",
            "\r=1",
            "-x",
            "-",
            "-2+3+cmd|' /C calc'!A0",
        ] {
            assert_eq!(guard(formula), format!("'{formula}"), "{formula:?}");
        }
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        for plain in ["-12.5", "-5", "-.5", "12", "plain", "", "a=b", "2024-01-05"] {
            assert_eq!(guard(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn fields_are_quoted_when_they_must_be() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+2"), "'=1+2");
        assert_eq!(csv_field("-12.5"), "-12.5");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("\r=1"), "\"'\r=1\"");
    }
}
