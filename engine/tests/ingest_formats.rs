//! Every file a CRM export really is: encodings, delimiters, quoting, Excel, JSON, and the
//! files that cannot be read, each with its message.

mod ingest_common;

use engine::ingest::{import, FileKind, ImportOptions, InputFile, MappingOverride};
use engine::model::{Status, NULL};
use ingest_common::*;

#[test]
fn gbk_without_bom_is_read_as_gb18030() {
    let file = fixture("gbk_no_bom.csv");
    assert!(
        std::str::from_utf8(&file.bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    let (imported, r) = import_one(file);
    assert_eq!(r.encoding, "GB18030");
    assert_eq!(r.kind, Some(FileKind::Customers));
    assert_eq!(counts(&r), (3, 3, 0, 0));
    assert_eq!(
        mapping(&r),
        [
            ("客户编号", Some("customer_id")),
            ("客户名称", Some("name")),
            ("所属行业", Some("industry")),
            ("区域", Some("region")),
            ("规模", Some("size")),
        ]
    );
    let c = &imported.dataset.customers;
    assert_eq!(c.ids, ["K001", "K002", "K003"]);
    assert_eq!(c.name.get(0), Some("华为技术"));
    assert_eq!(c.industry.get(1), Some("消费电子"));
    assert_eq!(c.size.get(2), Some("中型"));
}

#[test]
fn utf16le_with_bom_tab_separated_surveys() {
    let (imported, r) = import_one(fixture("utf16le_bom.tsv"));
    assert_eq!((r.encoding.as_str(), r.delimiter), ("UTF-16LE", Some('\t')));
    assert_eq!(r.kind, Some(FileKind::Surveys));
    assert_eq!(counts(&r), (5, 4, 1, 1));
    assert_eq!(
        issues(&r),
        [
            (
                5,
                Some("Score"),
                "7.5",
                "score is not a whole number 0–10",
                REJECTED
            ),
            (
                6,
                Some("CSAT"),
                "6",
                "csat is not a whole number 1–5: left empty",
                FLAGGED
            ),
        ]
    );
    let s = imported.dataset.surveys.expect("surveys loaded");
    assert_eq!(s.score, [9, 6, 10, 8]);
    assert_eq!(s.csat, [Some(5), Some(2), None, None]);
    assert_eq!(
        s.date.0,
        [
            day("2024-01-05"),
            day("2024-01-06"),
            day("2024-01-07"),
            day("2024-01-09")
        ]
    );
    // A response without a customer is kept.
    assert_eq!(s.customer[2], NULL);
    let ids = &imported.dataset.customers.ids;
    assert_eq!(
        ids,
        &["C1", "C2", "C4"],
        "a rejected row's customer is not interned"
    );
}

#[test]
fn utf16be_without_bom_is_detected() {
    let text = "channel,month,spend\r\nAds,2024-01,1000\r\nEvents,2024/02,\"2,500\"\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let (imported, r) = import_one(InputFile {
        name: "spend.csv".into(),
        bytes,
    });
    assert_eq!(r.encoding, "UTF-16BE");
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Spend), (2, 2, 0, 0)));
    let spend = imported.dataset.spend.expect("spend loaded");
    assert_eq!(spend.month, [2024 * 12, 2024 * 12 + 1]);
    assert_eq!(spend.amount, [1000.0, 2500.0]);
    assert_eq!(spend.channel.values, ["Ads", "Events"]);
}

#[test]
fn windows_1252_is_the_last_resort() {
    let bytes = b"customer_id,name\nC1,Caf\xe9 M\xfcller\n".to_vec();
    let (imported, r) = import_one(InputFile {
        name: "latin.csv".into(),
        bytes,
    });
    assert_eq!(r.encoding, "Windows-1252");
    assert_eq!(imported.dataset.customers.name.get(0), Some("Café Müller"));
}

#[test]
fn utf8_bom_is_dropped_from_the_first_header() {
    let (_, r) = import_one(text(
        "bom.csv",
        "\u{feff}deal_id,stage,created_at\nD1,Won,2024-01-05\n",
    ));
    assert_eq!(r.encoding, "UTF-8 (BOM)");
    assert_eq!(mapping(&r)[0], ("deal_id", Some("deal_id")));
}

#[test]
fn semicolons_quotes_and_embedded_newlines() {
    let (imported, r) = import_one(fixture("semicolon_quoted_newlines.csv"));
    assert_eq!(r.delimiter, Some(';'));
    assert_eq!(counts(&r), (3, 3, 0, 2));
    // D1 spans lines 2–3, so D2 starts on line 4 and D3 on line 5.
    assert_eq!(
        issues(&r),
        [
            (
                2,
                None,
                "",
                "won deal without closed_at: not a purchase and not in win rates",
                FLAGGED
            ),
            (
                5,
                Some("Amount"),
                "n/a",
                "amount is not a number: loaded as 0",
                FLAGGED
            ),
        ]
    );
    let deals = &imported.dataset.deals;
    assert_eq!(deals.amount, [1234.5, 2000.0, 0.0]);
    assert_eq!(
        deals.created_at,
        [day("2024-01-05"), day("2024-01-13"), day("2024-01-14")]
    );
    let note = r.mapping[3].note.as_deref();
    assert_eq!(note, Some("dates read as day/month/year"));
}

#[test]
fn pipe_delimited_with_a_quoted_pipe() {
    let (imported, r) = import_one(fixture("pipe_delimited.txt"));
    assert_eq!(r.delimiter, Some('|'));
    assert_eq!(
        (r.kind, counts(&r)),
        (Some(FileKind::Customers), (3, 3, 0, 1))
    );
    assert_eq!(imported.dataset.customers.name.get(2), Some("Pipe | Co"));
    assert_eq!(
        issues(&r),
        [(
            4,
            Some("nps"),
            "7.5",
            "nps is not a whole number 0–10: no response recorded",
            FLAGGED
        )]
    );
    // No survey file: the nps column becomes responses that count in every period.
    let s = imported
        .dataset
        .surveys
        .expect("responses from the nps column");
    assert_eq!(s.score, [9, 6]);
    assert_eq!(s.date.get(0), None);
}

#[test]
fn crlf_blank_lines_and_lf_count_the_same() {
    for sep in ["\n", "\r\n"] {
        let content = [
            "deal_id,stage,created_at",
            "",
            "D1,Won,bad",
            "",
            "",
            "D2,Won,worse",
            "",
        ]
        .join(sep);
        let (_, r) = import_one(text("lines.csv", &content));
        let lines: Vec<usize> = r.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [3, 6], "separator {sep:?}");
        assert_eq!(r.rows, 2, "blank lines are not rows");
    }
}

#[test]
fn ragged_rows_are_reported() {
    let (imported, r) = import_one(fixture("ragged_rows.csv"));
    assert_eq!(counts(&r), (5, 3, 2, 1));
    assert_eq!(
        issues(&r),
        [
            (2, None, "", "won deal without closed_at: not a purchase and not in win rates", FLAGGED),
            (3, Some("created_at"), "", "created_at is empty (required)", REJECTED),
            (
                5,
                None,
                "extra",
                "row has 7 values but the header has 5 columns (a delimiter inside an unquoted value?)",
                REJECTED
            ),
        ]
    );
    // A trailing empty value (D3) is not an extra value.
    assert_eq!(imported.dataset.deals.id, ["D1", "D3", "D5"]);
}

#[test]
fn short_rows_are_flagged() {
    let (_, r) = import_one(text("short.csv", "customer_id,name,region\nC1,Acme\n"));
    assert_eq!(
        issues(&r),
        [(
            2,
            None,
            "",
            "row has 2 values but the header has 3 columns: the missing cells are read as empty",
            FLAGGED
        )]
    );
}

#[test]
fn excel_serial_dates_numbers_and_a_title_row() {
    let (imported, r) = import_one(fixture("excel_serial_dates.xlsx"));
    assert_eq!(r.error, None);
    assert_eq!(r.sheets, ["Deals", "Customers"]);
    assert_eq!(r.sheet.as_deref(), Some("Deals"));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (3, 3, 0, 1)));
    assert_eq!(r.delimiter, None);
    assert_eq!(
        mapping(&r),
        [
            ("Deal ID", Some("deal_id")),
            ("Stage", Some("stage")),
            ("Amount", Some("amount")),
            ("Created Date", Some("created_at")),
            ("Close Date", Some("closed_at")),
            ("Owner", Some("owner")),
        ]
    );
    // The header is on row 3 under a title: data rows are 4, 5, 6 as Excel numbers them.
    assert_eq!(
        issues(&r),
        [
            (
                6,
                Some("Amount"),
                "n/a",
                "amount is not a number: loaded as 0",
                FLAGGED
            ),
            (
                6,
                Some("Close Date"),
                "2024-01-19",
                "closed_at is before created_at: left out of the sales cycle",
                FLAGGED
            ),
        ]
    );
    let deals = &imported.dataset.deals;
    assert_eq!(
        deals.id,
        ["1001", "1002", "1003"],
        "whole numbers read as ids without .0"
    );
    assert_eq!(deals.amount, [1500.0, 2500.5, 0.0]);
    // A date-formatted serial, an unformatted serial in a date column, and text.
    assert_eq!(
        deals.created_at,
        [day("2024-01-05"), day("2024-01-09"), day("2024-01-20")]
    );
    assert_eq!(deals.closed_at.get(0), Some(day("2024-02-08")));
    assert_eq!(deals.closed_at.get(1), None);
    assert_eq!(deals.status, [Status::Won, Status::Open, Status::Lost]);
}

#[test]
fn excel_sheet_chosen_by_the_user() {
    let options = ImportOptions {
        overrides: vec![MappingOverride {
            file: "excel_serial_dates.xlsx".into(),
            sheet: Some("Customers".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let imported = import(&[fixture("excel_serial_dates.xlsx")], &options);
    let r = &imported.reports[0];
    assert_eq!(
        (r.sheet.as_deref(), r.kind),
        (Some("Customers"), Some(FileKind::Customers))
    );
    assert_eq!(imported.dataset.customers.region.get(0), Some("East"));

    let options = ImportOptions {
        overrides: vec![MappingOverride {
            file: "excel_serial_dates.xlsx".into(),
            sheet: Some("Leads".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let imported = import(&[fixture("excel_serial_dates.xlsx")], &options);
    assert_eq!(
        imported.reports[0].error.as_deref(),
        Some("This workbook has no sheet named \"Leads\" (it has: Deals, Customers).")
    );
}

#[test]
fn truncated_excel_file() {
    let (imported, r) = import_one(fixture("truncated.xlsx"));
    assert_eq!(r.kind, None);
    let error = r.error.as_deref().unwrap_or_default();
    assert!(
        error.starts_with("This Excel file is damaged or incomplete ("),
        "{error}"
    );
    assert!(error.ends_with(
        "the download may have been cut off. Open it in Excel and save it again, or export the data as CSV."
    ));
    assert!(imported.dataset.deals.is_empty());
}

#[test]
fn json_array_of_objects() {
    let (imported, r) = import_one(fixture("json_array.json"));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (5, 4, 1, 2)));
    assert_eq!(r.delimiter, None);
    let field = |header: &str| {
        mapping(&r)
            .into_iter()
            .find(|(h, _)| *h == header)
            .and_then(|(_, f)| f)
    };
    assert_eq!(field("id"), Some("deal_id"));
    assert_eq!(field("properties.dealstage"), Some("stage"));
    assert_eq!(field("properties.amount"), Some("amount"));
    assert_eq!(field("properties.createdate"), Some("created_at"));
    assert_eq!(field("properties.closedate"), Some("closed_at"));
    assert_eq!(field("properties.dealname"), None);
    // Lines in JSON: the object's position plus one, as if the keys were a header row.
    assert_eq!(
        issues(&r),
        [
            (
                4,
                Some("properties.amount"),
                "{\"value\":5}",
                "amount holds a nested object or array: loaded as 0",
                FLAGGED
            ),
            (
                5,
                None,
                "\"not an object\"",
                "the row is not a JSON object",
                REJECTED
            ),
            (
                6,
                Some("properties.amount"),
                "",
                "amount is empty: loaded as 0",
                FLAGGED
            ),
        ]
    );
    let deals = &imported.dataset.deals;
    assert_eq!(deals.id, ["101", "102", "103", "104"]);
    assert_eq!(deals.amount, [1500.0, 700.5, 0.0, 0.0]);
    // An ISO timestamp and Unix milliseconds.
    assert_eq!(
        deals.created_at[..2],
        [day("2024-01-05"), day("2024-01-06")]
    );
    assert_eq!(deals.status[..2], [Status::Won, Status::Lost]);
}

#[test]
fn json_wrapped_and_line_delimited() {
    let wrapped = r#"{"totalSize": 2, "done": true, "records": [
        {"attributes": {"type": "Opportunity"}, "Id": "006A", "StageName": "Closed Won", "Amount": 10, "CreatedDate": "2024-01-05T10:00:00.000+0000", "Account": {"Name": "Acme"}},
        {"attributes": {"type": "Opportunity"}, "Id": "006B", "StageName": "Prospecting", "Amount": null, "CreatedDate": "2024-01-06T10:00:00.000+0000", "Account": null}
    ]}"#;
    let (imported, r) = import_one(text("opps.json", wrapped));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (2, 2, 0, 2)));
    let deals = &imported.dataset.deals;
    assert_eq!(deals.id, ["006A", "006B"]);
    assert_eq!(
        imported.dataset.customers.ids,
        ["Acme"],
        "Account.Name is the customer"
    );

    let lines = "{\"customer_id\": \"C1\", \"date\": \"2024-01-05\", \"score\": 9}\n\
                 {\"customer_id\": \"C2\", \"date\": \"2024-01-06\", \"score\": \"10\"}\n";
    let (imported, r) = import_one(text("responses.ndjson", lines));
    assert_eq!(
        (r.kind, counts(&r)),
        (Some(FileKind::Surveys), (2, 2, 0, 0))
    );
    assert_eq!(imported.dataset.surveys.map(|s| s.score), Some(vec![9, 10]));
}

#[test]
fn invalid_json_and_bracketed_csv() {
    let (_, r) = import_one(text("deals.json", "[{\"deal_id\": \"D1\",]"));
    let error = r.error.unwrap_or_default();
    assert!(
        error.starts_with("This file is not valid JSON: "),
        "{error}"
    );
    assert!(error.ends_with("Export it again, or as CSV."));

    let (_, r) = import_one(text("deals.json", "{\"deal_id\": \"D1\"}"));
    assert_eq!(
        r.error.as_deref(),
        Some(
            "This JSON file holds one object, not a list of records. Dealscope reads a JSON array \
             of objects, one per row: [{\"deal_id\": \"D1\", \"stage\": \"Won\", …}, …]."
        )
    );

    // A CSV whose first header starts with a bracket is still a CSV.
    let (_, r) = import_one(text(
        "x.csv",
        "[deal_id],stage,created_at\nD1,Won,2024-01-05\n",
    ));
    assert_eq!((r.kind, r.delimiter), (Some(FileKind::Deals), Some(',')));
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let cases: [(InputFile, &str); 6] = [
        (fixture("empty.csv"), "The file is empty (0 bytes). Export it again from the CRM."),
        (
            fixture("binary.bin"),
            "This is a PNG image, not a CSV, Excel (.xlsx) or JSON file. Export the data from the \
             CRM as CSV or Excel (.xlsx) and drop that file instead.",
        ),
        (
            InputFile { name: "data.bin".into(), bytes: vec![0, 1, 2, 3, 0, 0, 7, 8, 9, 0] },
            "This file holds binary data, not text: it is not a CSV, Excel (.xlsx) or JSON file. \
             Export the data from the CRM as CSV or Excel (.xlsx) and drop that file instead.",
        ),
        (
            text("report.xls", "<html><body><table><tr><td>Deal</td></tr></table></body></html>"),
            "This is a web page (HTML), not a spreadsheet, even if its name ends in .xls (some CRMs \
             export reports this way). Open it in Excel and save it as .xlsx or CSV.",
        ),
        (
            InputFile { name: "old.xls".into(), bytes: b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec() },
            "This is an Excel 97–2003 workbook (.xls), which Dealscope does not read. Open it in \
             Excel and save it as .xlsx or CSV.",
        ),
        (text("blank.csv", "\n\r\n  \n,,\n"), "The file has no rows: it is empty apart from blank lines."),
    ];
    for (file, message) in cases {
        let name = file.name.clone();
        let (imported, r) = import_one(file);
        assert_eq!(r.error.as_deref(), Some(message), "{name}");
        assert_eq!((r.kind, r.rows, r.loaded), (None, 0, 0), "{name}");
        assert!(imported.dataset.deals.is_empty());
    }
}

#[test]
fn a_zip_that_is_not_a_workbook() {
    // An empty ZIP archive (end-of-central-directory record only).
    let mut bytes = b"PK\x05\x06".to_vec();
    bytes.extend([0u8; 18]);
    let (_, r) = import_one(InputFile {
        name: "export.zip".into(),
        bytes,
    });
    assert_eq!(
        r.error.as_deref(),
        Some("This is a ZIP archive, not an Excel workbook. Unzip it and drop the CSV or Excel files inside.")
    );
}

#[test]
fn too_large_for_the_browser() {
    let options = ImportOptions {
        max_bytes: Some(1_000_000),
        ..Default::default()
    };
    let big = InputFile {
        name: "huge.csv".into(),
        bytes: vec![b'a'; 2_500_000],
    };
    let imported = import(&[big, text("ok.csv", "customer_id\nC1\n")], &options);
    assert_eq!(
        imported.reports[0].error.as_deref(),
        Some(
            "This file is 2.5 MB, more than the 1.0 MB this browser can import. Export a shorter \
             period or fewer columns, or split the file."
        )
    );
    assert_eq!(
        imported.reports[1].loaded, 1,
        "the rest of the drop still loads"
    );
}

#[test]
fn header_only_file_loads_nothing_without_error() {
    let (imported, r) = import_one(text("orders.csv", "customer_id,order date,amount\n"));
    assert_eq!(
        (r.kind, r.error.as_deref(), counts(&r)),
        (Some(FileKind::Orders), None, (0, 0, 0, 0))
    );
    assert!(
        imported.dataset.orders.is_none(),
        "orders are loaded only with a valid row"
    );
}

#[test]
fn json_nested_customer_is_flagged() {
    let json = r#"[{"deal_id": "D1", "stage": "Lead", "created_at": "2024-01-05", "amount": 1,
                    "customer_id": ["C1", "C2"]}]"#;
    let (imported, r) = import_one(text("deals.json", json));
    assert_eq!(counts(&r), (1, 1, 0, 1));
    assert_eq!(
        issues(&r),
        [(
            2,
            Some("customer_id"),
            "[\"C1\",\"C2\"]",
            "customer_id holds a nested object or array: left empty",
            FLAGGED
        )]
    );
    assert_eq!(imported.dataset.deals.customer, [NULL]);
}

#[test]
fn progress_reaches_the_end_of_every_file() {
    let files = [fixture("hubspot_deals.csv"), fixture("gbk_no_bom.csv")];
    let mut seen = Vec::new();
    engine::ingest::import_with_progress(&files, &ImportOptions::default(), &mut |p| seen.push(p));
    let ends: Vec<(usize, usize)> = seen
        .iter()
        .filter(|p| p.fraction == 1.0)
        .map(|p| (p.file, p.files))
        .collect();
    assert_eq!(ends, [(0, 2), (1, 2)]);
    assert!(seen.iter().all(|p| (0.0..=1.0).contains(&p.fraction)));
}
