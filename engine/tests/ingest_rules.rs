//! The import rules of `METRICS.md`: required fields, amounts, duplicates, status, flags,
//! optional tables, several files, and the CSV of issues.

mod ingest_common;

use engine::ingest::{rejected_rows_csv, FileKind, InputFile};
use engine::model::{Status, NULL};
use ingest_common::*;

#[test]
fn duplicate_ids_keep_the_first_row() {
    let (imported, r) = import_one(fixture("duplicate_ids.csv"));
    assert_eq!(counts(&r), (6, 3, 3, 0));
    assert_eq!(
        issues(&r),
        [
            (
                4,
                Some("deal_id"),
                "D1",
                "duplicate deal_id D1, first on line 2",
                REJECTED
            ),
            (
                5,
                Some("created_at"),
                "",
                "created_at is empty (required)",
                REJECTED
            ),
            (
                7,
                Some("deal_id"),
                "D2",
                "duplicate deal_id D2, first on line 3",
                REJECTED
            ),
        ]
    );
    // D3 on line 5 failed its required check, so D3 on line 6 is the first D3.
    let d = &imported.dataset.deals;
    assert_eq!(d.id, ["D1", "D2", "D3"]);
    assert_eq!(d.amount, [100.0, 200.0, 300.0]);
    assert_eq!(
        d.status,
        [Status::Open; 3],
        "the rejected Won duplicate left no trace"
    );
}

#[test]
fn duplicates_across_files_name_the_first_file() {
    let imported = import_all(&[
        text(
            "q1.csv",
            "deal_id,stage,created_at,amount\nD1,Lead,2024-01-05,1\n",
        ),
        text(
            "q2.csv",
            "deal_id,stage,created_at,amount\nD2,Lead,2024-04-05,1\nD1,Won,2024-04-06,1\n",
        ),
        text("c1.csv", "customer_id,name\nC1,Acme\n"),
        text("c2.csv", "customer_id,name\nC2,Beta\nC1,Acme again\n"),
    ]);
    assert_eq!(
        issues(&imported.reports[1]),
        [(
            3,
            Some("deal_id"),
            "D1",
            "duplicate deal_id D1, first on line 2 of q1.csv",
            REJECTED
        )]
    );
    assert_eq!(
        issues(&imported.reports[3]),
        [(
            3,
            Some("customer_id"),
            "C1",
            "duplicate customer_id C1, first on line 2 of c1.csv",
            REJECTED
        )]
    );
    assert_eq!(
        imported.dataset.deals.id,
        ["D1", "D2"],
        "several files of one kind append"
    );
    assert_eq!(imported.dataset.customers.name.get(0), Some("Acme"));
}

#[test]
fn bad_dates() {
    let (imported, r) = import_one(fixture("invalid/bad_date.csv"));
    assert_eq!(counts(&r), (6, 4, 2, 3));
    let won_without_close = "won deal without closed_at: not a purchase and not in win rates";
    assert_eq!(
        issues(&r),
        [
            (
                3,
                Some("created_at"),
                "2024-02-30",
                "created_at is not a date",
                REJECTED
            ),
            (
                4,
                Some("created_at"),
                "next week",
                "created_at is not a date",
                REJECTED
            ),
            (
                5,
                Some("closed_at"),
                "someday",
                "closed_at is not a date: left empty",
                FLAGGED
            ),
            (5, Some("closed_at"), "", won_without_close, FLAGGED),
            (
                6,
                Some("closed_at"),
                "2024-03-01",
                "closed_at is before created_at: left out of the sales cycle",
                FLAGGED
            ),
            (7, Some("closed_at"), "", won_without_close, FLAGGED),
        ]
    );
    assert_eq!(imported.dataset.deals.id, ["D1", "D4", "D5", "D6"]);
}

#[test]
fn amounts_missing_or_unreadable_are_zero_and_flagged() {
    let csv = "deal_id,stage,amount,created_at\nD1,Lead,,2024-01-05\nD2,Lead,lots,2024-01-05\nD3,Lead,¥2.5万,2024-01-05\n";
    let (imported, r) = import_one(text("deals.csv", csv));
    assert_eq!(counts(&r), (3, 3, 0, 2));
    assert_eq!(
        issues(&r),
        [
            (
                2,
                Some("amount"),
                "",
                "amount is empty: loaded as 0",
                FLAGGED
            ),
            (
                3,
                Some("amount"),
                "lots",
                "amount is not a number: loaded as 0",
                FLAGGED
            ),
        ]
    );
    assert_eq!(imported.dataset.deals.amount, [0.0, 0.0, 25000.0]);
}

#[test]
fn a_deals_file_without_an_amount_column_flags_every_row() {
    let (_, r) = import_one(text(
        "deals.csv",
        "deal_id,stage,created_at\nD1,Lead,2024-01-05\n",
    ));
    assert_eq!(
        issues(&r),
        [(2, None, "", "amount is empty: loaded as 0", FLAGGED)]
    );
}

#[test]
fn status_words_win_over_the_stage() {
    let csv = "deal_id,stage,status,created_at,closed_at,amount\n\
               D1,Negotiation,won,2024-01-05,2024-02-01,1\n\
               D2,Closed Won,Closed,2024-01-05,2024-02-01,1\n\
               D3,Closed Won,open,2024-01-05,,1\n\
               D4,谈判,输单,2024-01-05,2024-02-01,1\n\
               D5,已成交,,2024-01-05,2024-02-01,1\n\
               D6, closed lost ,???,2024-01-05,2024-02-01,1\n\
               D7,Won deal,,2024-01-05,,1\n";
    let (imported, r) = import_one(text("deals.csv", csv));
    assert_eq!(counts(&r), (7, 7, 0, 0));
    assert_eq!(
        imported.dataset.deals.status,
        [
            Status::Won,
            Status::Won,
            Status::Open,
            Status::Lost,
            Status::Won,
            Status::Lost,
            Status::Open
        ]
    );
    // Stage names are one dictionary entry per spelling, case-insensitively.
    assert_eq!(imported.dataset.deals.stage.get(5), Some("closed lost"));
}

#[test]
fn stages_match_case_insensitively_and_keep_the_first_spelling() {
    let csv =
        "deal_id,stage,created_at,amount\nD1,Closed Won,2024-01-05,1\nD2,closed won,2024-01-06,1\n";
    let (imported, _) = import_one(text("deals.csv", csv));
    let stage = &imported.dataset.deals.stage;
    assert_eq!(stage.values, ["Closed Won"]);
    assert_eq!(stage.codes, [0, 0]);
}

#[test]
fn nps_on_customers_only_without_a_survey_file() {
    let customers = text("customers.csv", "customer_id,nps\nC1,9\nC2,3\n");
    let (imported, _) = import_one(customers.clone());
    let s = imported
        .dataset
        .surveys
        .expect("responses from the nps column");
    assert_eq!((s.score.clone(), s.date.get(0)), (vec![9, 3], None));

    let surveys = text("survey.csv", "customer_id,date,score\nC1,2024-01-05,10\n");
    let imported = import_all(&[customers.clone(), surveys]);
    let s = imported.dataset.surveys.expect("survey file loaded");
    assert_eq!(s.score, [10], "the survey file replaces the nps column");
    assert_eq!(s.date.get(0), Some(day("2024-01-05")));

    // A survey file without a valid row is not loaded, so the nps column counts.
    let empty_survey = text("survey.csv", "customer_id,date,score\nC1,,10\n");
    let imported = import_all(&[customers, empty_survey]);
    assert_eq!(imported.dataset.surveys.map(|s| s.score), Some(vec![9, 3]));
}

#[test]
fn orders_need_a_date_and_an_amount() {
    let csv = "customer_id,order date,amount\nC1,2024-01-05,100\nC2,,50\nC3,2024-01-07,\nC4,2024-01-08,abc\n,2024-01-09,20\n";
    let (imported, r) = import_one(text("orders.csv", csv));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Orders), (5, 2, 3, 0)));
    assert_eq!(
        issues(&r),
        [
            (
                3,
                Some("order date"),
                "",
                "date is empty (required)",
                REJECTED
            ),
            (
                4,
                Some("amount"),
                "",
                "amount is empty (required)",
                REJECTED
            ),
            (5, Some("amount"), "abc", "amount is not a number", REJECTED),
        ]
    );
    let orders = imported.dataset.orders.expect("orders loaded");
    assert_eq!(orders.amount, [100.0, 20.0]);
    assert_eq!(orders.customer[1], NULL);
    assert_eq!(
        imported.dataset.customers.ids,
        ["C1"],
        "rejected rows intern no customer"
    );

    let (imported, r) = import_one(text("orders.csv", "customer_id,date,amount\nC1,,100\n"));
    assert_eq!(r.rejected, 1);
    assert!(
        imported.dataset.orders.is_none(),
        "no valid row: orders are not loaded"
    );
}

#[test]
fn spend_months() {
    let csv = "channel,month,spend\nAds,2024-01,100\nAds,2024-02-15,200\nWeb,Mar 2024,300\nWeb,someday,400\n,2024-01,5\n";
    let (imported, r) = import_one(text("spend.csv", csv));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Spend), (5, 3, 2, 0)));
    assert_eq!(
        issues(&r),
        [
            (
                5,
                Some("month"),
                "someday",
                "month is not a month (YYYY-MM) or a date",
                REJECTED
            ),
            (
                6,
                Some("channel"),
                "",
                "channel is empty (required)",
                REJECTED
            ),
        ]
    );
    let spend = imported.dataset.spend.expect("spend loaded");
    assert_eq!(spend.month, [2024 * 12, 2024 * 12 + 1, 2024 * 12 + 2]);
}

#[test]
fn surveys_scores_are_whole_numbers() {
    let csv =
        "date,score\n2024-01-05,9\n2024-01-05,9.0\n2024-01-05,7.5\n2024-01-05,11\n2024-01-05,\n";
    let (imported, r) = import_one(text("nps.csv", csv));
    assert_eq!(counts(&r), (5, 2, 3, 0));
    let reasons: Vec<&str> = r.issues.iter().map(|i| i.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "score is not a whole number 0–10",
            "score is not a whole number 0–10",
            "score is empty (required)"
        ]
    );
    assert_eq!(imported.dataset.surveys.map(|s| s.score), Some(vec![9, 9]));
}

#[test]
fn a_later_file_with_the_same_name_and_headers_replaces_the_earlier() {
    let imported = import_all(&[
        text(
            "deals.csv",
            "deal_id,stage,created_at,amount\nOLD,Lead,2024-01-05,1\n",
        ),
        text("customers.csv", "customer_id\nC1\n"),
        text(
            "deals.csv",
            "Deal ID,Stage,Created At,Amount\nNEW,Lead,2024-01-05,1\n",
        ),
    ]);
    let files: Vec<&str> = imported.reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(files, ["customers.csv", "deals.csv"]);
    assert_eq!(imported.dataset.deals.id, ["NEW"]);

    // The same name with other headers is another file: both load.
    let imported = import_all(&[
        text(
            "export.csv",
            "deal_id,stage,created_at,amount\nD1,Lead,2024-01-05,1\n",
        ),
        text("export.csv", "customer_id,name\nC1,Acme\n"),
    ]);
    let kinds: Vec<_> = imported.reports.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [Some(FileKind::Deals), Some(FileKind::Customers)]);
}

#[test]
fn customers_file_after_deals_fills_the_same_codes() {
    let imported = import_all(&[
        text("deals.csv", "deal_id,customer_id,stage,created_at,amount\nD1,C2,Lead,2024-01-05,1\nD2,C9,Lead,2024-01-05,1\n"),
        text("customers.csv", "customer_id,name,region\nC1,Acme,East\nC2,Beta,West\n"),
    ]);
    let c = &imported.dataset.customers;
    assert_eq!(c.ids, ["C2", "C9", "C1"]);
    assert_eq!(c.in_file, [true, false, true]);
    assert_eq!(
        [c.name.get(0), c.name.get(1), c.name.get(2)],
        [Some("Beta"), None, Some("Acme")]
    );
    assert_eq!(
        c.region.codes.len(),
        3,
        "attribute columns are padded to every code"
    );
    assert_eq!(c.created_at.len(), 3);
    assert_eq!(c.acquisition_cost, [None, None, None]);
    assert_eq!(imported.dataset.deals.customer, [0, 1]);
}

#[test]
fn customer_attributes() {
    let csv = "customer_id,created_at,acquisition_cost,channel,owner,size\n\
               C1,2024-01-05,\"$1,200\",Web,Ana,Enterprise\n\
               C2,not yet,free,,,\n";
    let (imported, r) = import_one(text("customers.csv", csv));
    assert_eq!(counts(&r), (2, 2, 0, 1));
    assert_eq!(
        issues(&r),
        [
            (
                3,
                Some("created_at"),
                "not yet",
                "created_at is not a date: left empty",
                FLAGGED
            ),
            (
                3,
                Some("acquisition_cost"),
                "free",
                "acquisition_cost is not a number: left empty",
                FLAGGED
            ),
        ]
    );
    let c = &imported.dataset.customers;
    assert_eq!(c.created_at.get(0), Some(day("2024-01-05")));
    assert_eq!(c.acquisition_cost, [Some(1200.0), None]);
    assert_eq!(
        (c.channel.get(0), c.owner.get(0), c.size.get(0)),
        (Some("Web"), Some("Ana"), Some("Enterprise"))
    );
}

#[test]
fn ids_are_trimmed_of_any_whitespace_and_case_sensitive() {
    let csv = "customer_id\n\u{a0}C1\u{3000}\nc1\nC1\n";
    let (imported, r) = import_one(text("customers.csv", csv));
    assert_eq!(imported.dataset.customers.ids, ["C1", "c1"]);
    assert_eq!(
        r.issues[0].reason,
        "duplicate customer_id C1, first on line 2"
    );
}

#[test]
fn day_first_detected_past_the_first_thousand_rows() {
    let mut csv = String::from("date,amount\n");
    for i in 0..1500 {
        csv.push_str(&format!("{:02}/01/2024,{i}\n", i % 12 + 1));
    }
    csv.push_str("25/01/2024,1\n");
    let (imported, r) = import_one(text("orders.csv", &csv));
    assert_eq!(counts(&r), (1501, 1501, 0, 0));
    let orders = imported.dataset.orders.expect("orders");
    assert_eq!(orders.date[0], day("2024-01-01"));
    assert_eq!(
        orders.date[1],
        day("2024-01-02"),
        "02/01/2024 is 2 January in this file"
    );
    assert_eq!(
        r.mapping[0].note.as_deref(),
        Some("dates read as day/month/year")
    );
}

#[test]
fn month_first_by_default_and_on_evidence() {
    let (imported, r) = import_one(text("o.csv", "date,amount\n03/04/2024,1\n"));
    assert_eq!(
        imported.dataset.orders.expect("orders").date[0],
        day("2024-03-04")
    );
    assert_eq!(
        r.mapping[0].note.as_deref(),
        Some("dates read as month/day/year")
    );
    let (_, r) = import_one(text("o.csv", "date,amount\n12/31/2024,1\n31/12/2024,1\n"));
    assert_eq!(counts(&r), (2, 1, 1, 0), "a column can hold only one order");
}

#[test]
fn issues_download_as_csv() {
    let (_, r) = import_one(fixture("duplicate_ids.csv"));
    let (_, s) = import_one(fixture("utf16le_bom.tsv"));
    assert_eq!(
        rejected_rows_csv(&[r, s]),
        "file,line,column,value,reason,severity\n\
         duplicate_ids.csv,4,deal_id,D1,\"duplicate deal_id D1, first on line 2\",rejected\n\
         duplicate_ids.csv,5,created_at,,created_at is empty (required),rejected\n\
         duplicate_ids.csv,7,deal_id,D2,\"duplicate deal_id D2, first on line 3\",rejected\n\
         utf16le_bom.tsv,5,Score,7.5,score is not a whole number 0–10,rejected\n\
         utf16le_bom.tsv,6,CSAT,6,csat is not a whole number 1–5: left empty,flagged\n"
    );
}

#[test]
fn lost_stage_column_sets_has_lost_stage() {
    let csv = "deal_id,stage,created_at,amount,lost_stage\nD1,Lost,2024-01-05,1,Proposal\n";
    let (imported, _) = import_one(text("deals.csv", csv));
    assert!(imported.dataset.deals.has_lost_stage);
    assert_eq!(imported.dataset.deals.lost_stage.get(0), Some("Proposal"));
    let (imported, _) = import_one(text(
        "deals.csv",
        "deal_id,stage,created_at\nD1,Lost,2024-01-05\n",
    ));
    assert!(!imported.dataset.deals.has_lost_stage);
}

#[test]
fn big_batches_keep_row_order_and_lines() {
    // More rows than one batch, with duplicates inside and across batches.
    let mut csv = String::from("deal_id,customer_id,stage,created_at,amount\n");
    for i in 0..1000 {
        csv.push_str(&format!("D{},C{},Lead,2024-01-05,{i}\n", i % 700, i % 13));
    }
    let (imported, r) = import_one(InputFile {
        name: "d.csv".into(),
        bytes: csv.into_bytes(),
    });
    assert_eq!(counts(&r), (1000, 700, 300, 0));
    assert_eq!(r.issues[0].line, 702);
    assert_eq!(r.issues[0].reason, "duplicate deal_id D0, first on line 2");
    assert!(r.issues.windows(2).all(|w| w[0].line < w[1].line));
    let d = &imported.dataset.deals;
    assert_eq!(d.id.len(), 700);
    assert_eq!(d.amount[699], 699.0);
    assert_eq!(d.customer[14], 1);
    assert_eq!(imported.dataset.customers.len(), 13);
}

#[test]
fn orders_and_responses_across_batches() {
    let mut orders = String::from("customer_id,date,amount\n");
    let mut responses = String::from("customer_id,date,score\n");
    for i in 0..1000 {
        orders.push_str(&format!("C{},2024-01-05,{i}\n", i % 7));
        responses.push_str(&format!(
            "C{},2024-01-05,{}\n",
            i % 11,
            if i == 500 { 12 } else { i % 11 }
        ));
    }
    let imported = import_all(&[
        text("orders.csv", &orders),
        text("responses.csv", &responses),
    ]);
    assert_eq!(counts(&imported.reports[0]), (1000, 1000, 0, 0));
    assert_eq!(counts(&imported.reports[1]), (1000, 999, 1, 0));
    assert_eq!(imported.reports[1].issues[0].line, 502);
    let o = imported.dataset.orders.expect("orders");
    assert_eq!((o.customer[13], o.amount[999]), (6, 999.0));
    let s = imported.dataset.surveys.expect("responses");
    assert_eq!(s.len(), 999);
    assert_eq!(imported.dataset.customers.len(), 11);
}

#[test]
fn columns_grow_by_an_eighth_past_the_estimate_of_rows() {
    // The rows are estimated from the first 64 KB, here long lines: the estimate is far short.
    let long = "x".repeat(400);
    let mut deals = String::from("deal_id,customer_id,stage,created_at,amount,lost_reason\n");
    let mut orders = String::from("customer_id,date,amount,note\n");
    for i in 0..30_000 {
        let reason = if i < 200 { long.as_str() } else { "" };
        deals.push_str(&format!("D{i},C{},Lead,2024-01-05,{i},{reason}\n", i % 13));
        orders.push_str(&format!("C{},2024-01-05,{i},{reason}\n", i % 7));
    }
    let imported = import_all(&[text("deals.csv", &deals), text("orders.csv", &orders)]);
    let d = &imported.dataset.deals;
    let o = imported.dataset.orders.as_ref().expect("orders");
    assert_eq!((d.amount.len(), o.amount.len()), (30_000, 30_000));
    let snug = |len: usize, capacity: usize| capacity <= len + len / 8 + 256;
    assert!(
        snug(d.amount.len(), d.amount.capacity()),
        "{}",
        d.amount.capacity()
    );
    assert!(snug(d.customer.len(), d.customer.capacity()));
    assert!(snug(d.stage.codes.len(), d.stage.codes.capacity()));
    assert!(
        snug(o.amount.len(), o.amount.capacity()),
        "{}",
        o.amount.capacity()
    );
    assert!(snug(o.date.len(), o.date.capacity()));
}
