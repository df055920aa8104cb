//! The real exports of `/work/shared/datasets` import with the right mapping and no manual
//! step (their `PROVENANCE.md` files say how each file maps).

mod ingest_common;

use std::path::PathBuf;

use engine::ingest::{rejected_rows_csv, Field, FileKind, InputFile};
use engine::model::{Status, NULL};
use ingest_common::*;

fn dataset(folder: &str, name: &str) -> InputFile {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "shared",
        "datasets",
        folder,
        name,
    ]
    .iter()
    .collect();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    InputFile {
        name: name.to_string(),
        bytes,
    }
}

fn maven(name: &str) -> InputFile {
    dataset("maven_crm_sales_opportunities", name)
}

fn hcahps(name: &str) -> InputFile {
    dataset("hcahps_state_survey", name)
}

#[test]
fn maven_pipeline_is_deals() {
    let file = maven("sales_pipeline.csv");
    // The lines of the Prospecting rows, found independently: no field spans lines here.
    let text = String::from_utf8(file.bytes.clone()).unwrap();
    let prospecting: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.split(',').nth(4) == Some("Prospecting"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(prospecting.len(), 500);

    let (imported, r) = import_one(file);
    assert_eq!(r.error, None);
    assert_eq!(r.kind, Some(FileKind::Deals));
    assert_eq!((r.encoding.as_str(), r.delimiter), ("UTF-8", Some(',')));
    assert_eq!((r.rows, r.loaded, r.rejected), (8800, 8300, 500));
    assert_eq!(
        mapping(&r),
        [
            ("opportunity_id", Some("deal_id")),
            ("sales_agent", Some("owner")),
            ("product", None),
            ("account", Some("customer_id")),
            ("deal_stage", Some("stage")),
            ("engage_date", Some("created_at")),
            ("close_date", Some("closed_at")),
            ("close_value", Some("amount")),
        ]
    );
    let rejected: Vec<_> = r.issues.iter().filter(|i| i.severity == REJECTED).collect();
    let lines: Vec<usize> = rejected.iter().map(|i| i.line).collect();
    assert_eq!(
        lines, prospecting,
        "every Prospecting row is reported on its line"
    );
    for issue in &rejected {
        assert_eq!(issue.column.as_deref(), Some("engage_date"));
        assert_eq!(
            (issue.value.as_str(), issue.reason.as_str()),
            ("", "created_at is empty (required)")
        );
    }
    // The 1,589 Engaging deals have no close value: kept with 0 and flagged.
    let flagged: Vec<_> = r.issues.iter().filter(|i| i.severity == FLAGGED).collect();
    assert_eq!((r.flagged, flagged.len()), (1589, 1589));
    for issue in &flagged {
        assert_eq!(issue.column.as_deref(), Some("close_value"));
        assert_eq!(issue.reason, "amount is empty: loaded as 0");
    }

    let deals = &imported.dataset.deals;
    assert_eq!(deals.len(), 8300);
    let count = |s: Status| deals.status.iter().filter(|&&x| x == s).count();
    assert_eq!(
        (count(Status::Won), count(Status::Lost), count(Status::Open)),
        (4238, 2473, 1589)
    );
    assert_eq!((&deals.id[0], deals.amount[0]), ("1C1I7A6R", 1054.0));
    assert_eq!(deals.created_at[0], day("2016-10-20"));
    assert_eq!(deals.closed_at.get(0), Some(day("2017-03-01")));
    assert_eq!(deals.owner.get(0), Some("Moses Frase"));
    assert_eq!(deals.customer.iter().filter(|&&c| c == NULL).count(), 1088);
    assert_eq!(deals.stage.values, ["Won", "Engaging", "Lost"]);
    assert!(!deals.has_lost_stage);
    let customers = &imported.dataset.customers;
    assert_eq!(customers.len(), 85);
    assert!(
        customers.in_file.iter().all(|&f| !f),
        "no accounts file in this drop"
    );

    let csv = rejected_rows_csv(&[r]);
    assert_eq!(csv.lines().count(), 1 + 500 + 1589);
}

#[test]
fn maven_files_dropped_together() {
    let names = [
        "accounts.csv",
        "data_dictionary.csv",
        "products.csv",
        "sales_pipeline.csv",
        "sales_teams.csv",
    ];
    let files: Vec<InputFile> = names.iter().map(|n| maven(n)).collect();
    let imported = import_all(&files);
    let kinds: Vec<Option<FileKind>> = imported.reports.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            Some(FileKind::Customers),
            None,
            None,
            Some(FileKind::Deals),
            None
        ]
    );
    for r in &imported.reports {
        if r.kind.is_none() {
            let error = r.error.as_deref().unwrap_or_default();
            assert!(
                error.starts_with("Could not tell what this file holds"),
                "{}: {error}",
                r.file
            );
            assert_eq!(r.loaded, 0);
        }
    }

    let accounts = &imported.reports[0];
    assert_eq!(
        (
            accounts.rows,
            accounts.loaded,
            accounts.rejected,
            accounts.flagged
        ),
        (85, 85, 0, 0)
    );
    assert_eq!(
        mapping(accounts),
        [
            ("account", Some("customer_id")),
            ("sector", Some("industry")),
            ("year_established", None),
            ("revenue", None),
            ("employees", Some("size")),
            ("office_location", Some("region")),
            ("subsidiary_of", None),
        ]
    );
    assert_eq!(
        accounts.mapping[0].also,
        Some(Field::Name),
        "account is the name too"
    );

    let c = &imported.dataset.customers;
    assert_eq!(c.len(), 85);
    assert!(
        c.in_file.iter().all(|&f| f),
        "every account on a deal is in accounts.csv"
    );
    let acme = c
        .ids
        .iter()
        .position(|id| id == "Acme Corporation")
        .expect("Acme");
    assert_eq!(c.name.get(acme), Some("Acme Corporation"));
    assert_eq!(c.industry.get(acme), Some("technolgy"));
    assert_eq!(c.region.get(acme), Some("United States"));
    assert_eq!(c.size.get(acme), Some("Medium"), "2,822 employees");
    assert_eq!(imported.dataset.deals.len(), 8300);
}

#[test]
fn hcahps_states_are_customers() {
    let (imported, r) = import_one(hcahps("states.csv"));
    assert_eq!(
        (r.kind, r.rows, r.loaded, r.rejected),
        (Some(FileKind::Customers), 51, 51, 0)
    );
    assert_eq!(
        mapping(&r),
        [
            ("State", Some("customer_id")),
            ("State Name", Some("name")),
            ("Region", Some("region"))
        ]
    );
    let c = &imported.dataset.customers;
    assert_eq!(
        (c.ids[0].as_str(), c.name.get(0), c.region.get(0)),
        ("AK", Some("Alaska"), Some("Pacific"))
    );
}

#[test]
fn hcahps_other_files_do_not_crash() {
    let names = [
        "reports.csv",
        "measures.csv",
        "national_results.csv",
        "questions.csv",
        "state_results.csv",
    ];
    let files: Vec<InputFile> = names.iter().map(|n| hcahps(n)).collect();
    let imported = import_all(&files);
    for r in &imported.reports {
        assert_eq!(r.kind, None, "{}", r.file);
        assert!(r
            .error
            .as_deref()
            .unwrap_or_default()
            .starts_with("Could not tell what this file holds"));
    }
    let rows: Vec<usize> = imported.reports.iter().map(|r| r.rows).collect();
    assert_eq!(rows, [9, 10, 90, 19, 4580]);
    assert_eq!(
        mapping(&imported.reports[0]),
        [
            ("Release Period", None),
            ("Start Date", None),
            ("End Date", None)
        ]
    );
}
