//! The import report: per file, what was read, loaded, rejected and flagged, and why.

use serde::{Deserialize, Serialize};

use super::mapping::{ColumnMapping, FileKind};

/// Why a whole file could not be loaded: the text of `ImportReport::error`, written for the
/// user, each saying what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("The file is empty (0 bytes). Export it again from the CRM.")]
    Empty,
    #[error(
        "This file is {size}, more than the {limit} this browser can import. Export a shorter \
         period or fewer columns, or split the file."
    )]
    TooLarge { size: String, limit: String },
    #[error(
        "This is {what}, not a CSV, Excel (.xlsx) or JSON file. Export the data from the CRM \
         as CSV or Excel (.xlsx) and drop that file instead."
    )]
    OtherFormat { what: &'static str },
    #[error(
        "This file holds binary data, not text: it is not a CSV, Excel (.xlsx) or JSON file. \
         Export the data from the CRM as CSV or Excel (.xlsx) and drop that file instead."
    )]
    Binary,
    #[error(
        "This is an Excel 97–2003 workbook (.xls), which Dealscope does not read. Open it in \
         Excel and save it as .xlsx or CSV."
    )]
    OldExcel,
    #[error(
        "This is an Excel 2003 XML spreadsheet, which Dealscope does not read. Open it in Excel \
         and save it as .xlsx or CSV."
    )]
    ExcelXml,
    #[error(
        "This is a web page (HTML), not a spreadsheet, even if its name ends in .xls (some CRMs \
         export reports this way). Open it in Excel and save it as .xlsx or CSV."
    )]
    Html,
    #[error(
        "This is an XML or HTML file, not a CSV, Excel (.xlsx) or JSON file. Export the data \
         from the CRM as CSV or Excel (.xlsx) and drop that file instead."
    )]
    Markup,
    #[error(
        "This Excel file is damaged or incomplete ({detail}); the download may have been cut \
         off. Open it in Excel and save it again, or export the data as CSV."
    )]
    DamagedExcel { detail: String },
    #[error(
        "This is an OpenDocument spreadsheet (.ods), which Dealscope does not read. Save it as \
         .xlsx or CSV."
    )]
    OpenDocument,
    #[error(
        "This is a ZIP archive, not an Excel workbook. Unzip it and drop the CSV or Excel files \
         inside."
    )]
    Zip,
    #[error("This workbook has no worksheets.")]
    NoSheets,
    #[error("This workbook has no sheet named \"{name}\" (it has: {sheets}).")]
    NoSuchSheet { name: String, sheets: String },
    #[error(
        "The worksheet \"{name}\" could not be read ({detail}). Open the file in Excel and \
         save it again, or export the data as CSV."
    )]
    UnreadableSheet { name: String, detail: String },
    #[error("This file is not valid JSON: {detail}. Export it again, or as CSV.")]
    InvalidJson { detail: String },
    #[error("This JSON file holds {what}. {JSON_EXPECTED}", JSON_EXPECTED = JSON_EXPECTED)]
    NotJsonRecords { what: &'static str },
    #[error("The file has no rows: it is empty apart from blank lines.")]
    NoRows,
    #[error(
        "Could not tell what this file holds: its headers ({headers}) match no customers, \
         deals, orders, surveys or spend file. Expected columns such as customer_id \
         (customers); deal_id, stage, created_at (deals); date, amount (orders); date, score \
         (surveys); channel, month, spend (spend).{closest} Rename the headers, or choose the \
         kind and columns by hand."
    )]
    Unrecognised {
        /// The first headers, comma-separated.
        headers: String,
        /// Empty, or " It looks closest to a deals file, which also needs created_at."
        closest: String,
    },
    #[error(
        "This file is read as {kind}, but no column is mapped to {missing}. Choose the columns \
         by hand."
    )]
    MissingColumns { kind: &'static str, missing: String },
}

const JSON_EXPECTED: &str = "Dealscope reads a JSON array of objects, one per row: \
                             [{\"deal_id\": \"D1\", \"stage\": \"Won\", …}, …].";

/// How a row issue was handled.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row was not loaded.
    Rejected,
    /// The row was loaded, with the value handled as the reason says.
    Flagged,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Rejected => "rejected",
            Severity::Flagged => "flagged",
        }
    }
}

/// One problem with one row.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RowIssue {
    pub file: String,
    /// The line as a spreadsheet shows it: the header is line 1 (in a CSV, the line where the
    /// record starts; in JSON, the object's position plus one).
    pub line: usize,
    /// The header of the column, where one column is at fault.
    pub column: Option<String>,
    pub value: String,
    pub reason: String,
    pub severity: Severity,
}

/// What happened to one file.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
pub struct ImportReport {
    pub file: String,
    /// `None` when the kind could not be told (see `error`).
    pub kind: Option<FileKind>,
    /// Data rows read (blank rows are not counted).
    pub rows: usize,
    pub loaded: usize,
    pub rejected: usize,
    /// Rows loaded with at least one flagged value.
    pub flagged: usize,
    pub issues: Vec<RowIssue>,
    /// Every header, with the field it maps to or `None`.
    pub mapping: Vec<ColumnMapping>,
    /// Worksheet names of an Excel file.
    pub sheets: Vec<String>,
    /// The worksheet read.
    pub sheet: Option<String>,
    pub encoding: String,
    pub delimiter: Option<char>,
    /// A file-level failure: why, and what to do. Nothing of the file was loaded.
    pub error: Option<String>,
    pub header_signature: String,
    /// The byte from which a second thread read a large file (`split`); the tables and issues
    /// are those of the whole file all the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_at: Option<u64>,
}

impl ImportReport {
    pub fn new(file: &str) -> Self {
        Self {
            file: file.to_string(),
            ..Self::default()
        }
    }
}

/// The issues of every report as CSV for download: `file,line,column,value,reason,severity`.
/// Cells that a spreadsheet would run as a formula get a leading `'` ([`crate::export::guard`]).
pub fn rejected_rows_csv(reports: &[ImportReport]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = |record: [&str; 6]| {
        // Writing to a Vec cannot fail.
        let _ = out.write_record(record.map(|cell| crate::export::guard(cell).into_owned()));
    };
    write(["file", "line", "column", "value", "reason", "severity"]);
    for issue in reports.iter().flat_map(|r| &r.issues) {
        let line = issue.line.to_string();
        write([
            &issue.file,
            &line,
            issue.column.as_deref().unwrap_or(""),
            &issue.value,
            &issue.reason,
            issue.severity.as_str(),
        ]);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_of_issues() {
        let mut report = ImportReport::new("deals.csv");
        report.issues.push(RowIssue {
            file: "deals.csv".into(),
            line: 3,
            column: Some("Amount".into()),
            value: "1,2x".into(),
            reason: "amount is not a number: loaded as 0".into(),
            severity: Severity::Flagged,
        });
        report.issues.push(RowIssue {
            file: "deals.csv".into(),
            line: 4,
            column: None,
            value: "=HYPERLINK(\"x\")".into(),
            reason: "r".into(),
            severity: Severity::Rejected,
        });
        assert_eq!(
            rejected_rows_csv(&[report]),
            "file,line,column,value,reason,severity\n\
             deals.csv,3,Amount,\"1,2x\",amount is not a number: loaded as 0,flagged\n\
             deals.csv,4,,\"'=HYPERLINK(\"\"x\"\")\",r,rejected\n"
        );
    }
}
