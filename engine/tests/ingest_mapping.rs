//! Kind recognition and header mapping: CRM exports in English and Chinese, title rows above
//! the header, unrecognised files and the user's corrections.

mod ingest_common;

use engine::ingest::{
    import, ColumnOverride, Field, FileKind, ImportOptions, InputFile, MappingOverride,
};
use engine::model::{Status, NULL};
use ingest_common::*;

#[test]
fn hubspot_deal_export() {
    let (imported, r) = import_one(fixture("hubspot_deals.csv"));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (4, 4, 0, 1)));
    assert_eq!(
        mapping(&r),
        [
            ("Record ID", Some("deal_id")),
            ("Deal Name", None),
            ("Deal Stage", Some("stage")),
            ("Amount", Some("amount")),
            ("Close Date", Some("closed_at")),
            ("Create Date", Some("created_at")),
            ("Deal owner", Some("owner")),
            ("Associated Company", Some("customer_id")),
            ("Pipeline", None),
            ("Last Activity Date", Some("last_activity_at")),
            ("Closed Lost Reason", Some("lost_reason")),
        ]
    );
    assert_eq!(
        issues(&r),
        [(
            5,
            Some("Amount"),
            "",
            "amount is empty: loaded as 0",
            FLAGGED
        )]
    );
    let d = &imported.dataset.deals;
    assert_eq!(d.id, ["9001", "9002", "9003", "9004"]);
    assert_eq!(d.amount, [12500.0, 8000.0, 3200.5, 0.0]);
    assert_eq!(
        d.status,
        [Status::Won, Status::Open, Status::Lost, Status::Open]
    );
    assert_eq!(
        d.created_at[0],
        day("2024-01-05"),
        "a timestamp is cut to its date"
    );
    assert_eq!(d.last_activity_at.get(1), Some(day("2024-04-02")));
    assert_eq!(d.lost_reason.get(2), Some("Price"));
    assert_eq!(d.customer[3], NULL);
    let c = &imported.dataset.customers;
    assert_eq!(c.ids, ["Acme Corp", "Globex", "Initech"]);
    assert_eq!(
        c.in_file,
        [false, false, false],
        "ids only seen on deals have no customer row"
    );
}

#[test]
fn salesforce_opportunity_report() {
    let (imported, r) = import_one(fixture("salesforce_opportunities.csv"));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (4, 4, 0, 1)));
    assert_eq!(
        mapping(&r),
        [
            ("Opportunity Name", None),
            ("Opportunity ID", Some("deal_id")),
            ("Account Name", Some("customer_id")),
            ("Stage", Some("stage")),
            ("Amount", Some("amount")),
            ("Close Date", Some("closed_at")),
            ("Created Date", Some("created_at")),
            ("Opportunity Owner", Some("owner")),
            ("Lead Source", Some("channel")),
            ("Loss Reason", Some("lost_reason")),
            ("Probability (%)", None),
        ]
    );
    assert_eq!(
        r.mapping[5].note.as_deref(),
        Some("dates read as month/day/year")
    );
    let d = &imported.dataset.deals;
    assert_eq!(d.amount, [48000.0, 12000.0, 7500.0, 0.0]);
    assert_eq!(d.closed_at.get(0), Some(day("2024-03-15")));
    assert_eq!(d.created_at[2], day("2024-02-14"));
    assert_eq!(d.channel.get(1), Some("Partner Referral"));
    assert_eq!(
        d.status,
        [Status::Won, Status::Open, Status::Lost, Status::Open]
    );
}

#[test]
fn zoho_deals_without_an_id_column_use_the_deal_name() {
    let (imported, r) = import_one(fixture("zoho_deals.csv"));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (3, 3, 0, 0)));
    assert_eq!(
        mapping(&r),
        [
            ("Deal Name", Some("deal_id")),
            ("Account Name", Some("customer_id")),
            ("Stage", Some("stage")),
            ("Amount", Some("amount")),
            ("Closing Date", Some("closed_at")),
            ("Created Time", Some("created_at")),
            ("Deal Owner", Some("owner")),
            ("Lead Source", Some("channel")),
            ("Reason For Loss", Some("lost_reason")),
        ]
    );
    assert_eq!(
        imported.dataset.deals.id,
        ["Acme Q1", "Globex Q1", "Initech Q1"]
    );
}

#[test]
fn chinese_headers_amounts_and_dates() {
    let (imported, r) = import_one(fixture("chinese_headers.csv"));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (4, 4, 0, 0)));
    assert_eq!(
        mapping(&r),
        [
            ("商机编号", Some("deal_id")),
            ("商机名称", None),
            ("客户名称", Some("customer_id")),
            ("商机阶段", Some("stage")),
            ("预计金额", Some("amount")),
            ("创建时间", Some("created_at")),
            ("成交日期", Some("closed_at")),
            ("负责人", Some("owner")),
            ("来源渠道", Some("channel")),
            ("输单原因", Some("lost_reason")),
            ("输单阶段", Some("lost_stage")),
            ("最后跟进时间", Some("last_activity_at")),
        ]
    );
    let d = &imported.dataset.deals;
    assert_eq!(d.amount, [12000.0, 3500.0, -500.0, 5000.0]);
    assert_eq!(
        d.created_at,
        [
            day("2024-01-05"),
            day("2024-01-08"),
            day("2024-01-10"),
            day("2024-02-15")
        ]
    );
    assert_eq!(d.last_activity_at.get(1), Some(day("2024-02-20")));
    assert_eq!(
        d.status,
        [Status::Won, Status::Open, Status::Lost, Status::Open]
    );
    assert!(d.has_lost_stage);
    assert_eq!(d.lost_stage.get(2), Some("方案报价"));
    assert_eq!(
        imported.dataset.customers.ids,
        ["华为", "腾讯", "字节跳动", "阿里巴巴"]
    );
}

#[test]
fn chinese_orders_and_spend() {
    let orders = "客户编号,订单日期,订单金额\nK1,2024年2月1日,\"¥1,200\"\nK2,2024/2/3,3.5万\n,2024-02-04,100元\n";
    let spend = "渠道,月份,投放金额\n官网,2024年1月,5000\n展会,2024-02,1.5万\n";
    let imported = import_all(&[text("订单.csv", orders), text("投放.csv", spend)]);
    let (o, s) = (&imported.reports[0], &imported.reports[1]);
    assert_eq!((o.kind, counts(o)), (Some(FileKind::Orders), (3, 3, 0, 0)));
    assert_eq!((s.kind, counts(s)), (Some(FileKind::Spend), (2, 2, 0, 0)));
    let orders = imported.dataset.orders.expect("orders loaded");
    assert_eq!(orders.amount, [1200.0, 35000.0, 100.0]);
    assert_eq!(orders.date[0], day("2024-02-01"));
    assert_eq!(
        orders.customer[2], NULL,
        "an order without a customer is kept"
    );
    let spend = imported.dataset.spend.expect("spend loaded");
    assert_eq!(spend.month, [2024 * 12, 2024 * 12 + 1]);
    assert_eq!(spend.amount, [5000.0, 15000.0]);
}

#[test]
fn title_rows_above_the_header() {
    let report = "\"Opportunity Pipeline\"\n\"Filtered By: Close Date = This Year\"\n\n\
                  Opportunity ID,Stage,Amount,Created Date\n\
                  006A,Closed Won,100,1/5/2024\n\
                  006B,Prospecting,200,1/13/2024\n\
                  \"Grand Totals (2 records)\",,300,\n";
    let (imported, r) = import_one(text("report.csv", report));
    assert_eq!((r.kind, counts(&r)), (Some(FileKind::Deals), (3, 2, 1, 1)));
    assert_eq!(
        issues(&r),
        [
            (
                5,
                None,
                "",
                "won deal without closed_at: not a purchase and not in win rates",
                FLAGGED
            ),
            (7, Some("Stage"), "", "stage is empty (required)", REJECTED),
        ]
    );
    assert_eq!(imported.dataset.deals.id, ["006A", "006B"]);
}

#[test]
fn a_data_row_is_never_taken_for_the_header() {
    // The first row is the header even though the second would look like a customers file.
    let (_, r) = import_one(text(
        "dictionary.csv",
        "Table,Field,Description\naccounts,account,Company name\n",
    ));
    assert_eq!(r.kind, None);
    assert_eq!(
        mapping(&r),
        [("Table", None), ("Field", None), ("Description", None)]
    );
}

#[test]
fn unrecognised_file_loads_nothing_and_the_rest_still_loads() {
    let imported = import_all(&[
        text(
            "notes.csv",
            "Release Period,Start Date,End Date\n07_2015,10/1/2013,9/30/2014\n",
        ),
        text("customers.csv", "customer_id,name\nC1,Acme\n"),
    ]);
    let r = &imported.reports[0];
    assert_eq!(r.kind, None);
    assert_eq!((r.rows, r.loaded, r.rejected), (1, 0, 0));
    assert_eq!(
        r.error.as_deref(),
        Some(
            "Could not tell what this file holds: its headers (Release Period, Start Date, End Date) \
             match no customers, deals, orders, surveys or spend file. Expected columns such as \
             customer_id (customers); deal_id, stage, created_at (deals); date, amount (orders); \
             date, score (surveys); channel, month, spend (spend). Rename the headers, or choose \
             the kind and columns by hand."
        )
    );
    assert_eq!(
        mapping(r),
        [
            ("Release Period", None),
            ("Start Date", None),
            ("End Date", None)
        ]
    );
    assert_eq!(imported.reports[1].loaded, 1);
    assert_eq!(imported.dataset.customers.ids, ["C1"]);
}

#[test]
fn unrecognised_file_names_the_closest_kind() {
    let (_, r) = import_one(text("deals.csv", "Opportunity ID,Stage,Amount\nX,Won,1\n"));
    let error = r.error.unwrap_or_default();
    assert!(
        error.contains(" It looks closest to a deals file, which also needs created_at. "),
        "{error}"
    );
}

#[test]
fn account_column_is_customer_id_and_name() {
    let (imported, r) = import_one(text(
        "accounts.csv",
        "account,sector,employees\nAcme,tech,2822\nBeta,med,495\nGamma,retail,9000\n",
    ));
    assert_eq!(r.kind, Some(FileKind::Customers));
    assert_eq!(r.mapping[0].field, Some(Field::CustomerId));
    assert_eq!(r.mapping[0].also, Some(Field::Name));
    let c = &imported.dataset.customers;
    assert_eq!(c.ids, ["Acme", "Beta", "Gamma"]);
    assert_eq!(c.name.get(1), Some("Beta"));
    assert_eq!(c.industry.get(0), Some("tech"));
    // A headcount becomes a size bucket.
    assert_eq!(
        [c.size.get(0), c.size.get(1), c.size.get(2)],
        [Some("Medium"), Some("Small"), Some("Enterprise")]
    );
}

#[test]
fn code_and_code_name_columns() {
    let (imported, r) = import_one(text(
        "states.csv",
        "State,State Name,Region\nAK,Alaska,Pacific\n",
    ));
    assert_eq!(r.kind, Some(FileKind::Customers));
    assert_eq!(
        mapping(&r),
        [
            ("State", Some("customer_id")),
            ("State Name", Some("name")),
            ("Region", Some("region"))
        ]
    );
    assert_eq!(imported.dataset.customers.name.get(0), Some("Alaska"));
}

fn with(overrides: Vec<MappingOverride>) -> ImportOptions {
    ImportOptions {
        overrides,
        ..Default::default()
    }
}

#[test]
fn the_users_kind_and_columns_win() {
    let file = text(
        "list.csv",
        "Code,Firm,Area,Notes\nA1,Acme,East,x\nA2,Beta,West,y\n",
    );
    let (_, auto) = import_one(file.clone());
    assert_eq!(auto.kind, None);
    let correction = MappingOverride {
        file: "list.csv".into(),
        kind: Some(FileKind::Customers),
        columns: vec![
            ColumnOverride {
                header: "Code".into(),
                field: Some(Field::CustomerId),
            },
            ColumnOverride {
                header: "Firm".into(),
                field: Some(Field::Name),
            },
            ColumnOverride {
                header: "Area".into(),
                field: None,
            },
        ],
        ..Default::default()
    };
    let imported = import(std::slice::from_ref(&file), &with(vec![correction]));
    let r = &imported.reports[0];
    assert_eq!(
        (r.kind, r.error.as_deref(), r.loaded),
        (Some(FileKind::Customers), None, 2)
    );
    assert_eq!(
        mapping(r),
        [
            ("Code", Some("customer_id")),
            ("Firm", Some("name")),
            ("Area", None),
            ("Notes", None)
        ]
    );
    assert_eq!(
        imported.dataset.customers.region.get(0),
        None,
        "the user ignored Area"
    );

    // Stored by header signature, it applies to the next export whatever its name.
    let by_signature = MappingOverride {
        file: String::new(),
        header_signature: Some(auto.header_signature.clone()),
        kind: Some(FileKind::Customers),
        columns: vec![ColumnOverride {
            header: "Code".into(),
            field: Some(Field::CustomerId),
        }],
        ..Default::default()
    };
    let renamed = InputFile {
        name: "list (2).csv".into(),
        bytes: file.bytes.clone(),
    };
    let imported = import(&[renamed], &with(vec![by_signature]));
    assert_eq!(imported.reports[0].kind, Some(FileKind::Customers));
    assert_eq!(imported.dataset.customers.ids, ["A1", "A2"]);
}

#[test]
fn a_forced_kind_without_its_required_columns() {
    let correction = MappingOverride {
        file: "x.csv".into(),
        kind: Some(FileKind::Deals),
        ..Default::default()
    };
    let imported = import(
        &[text("x.csv", "deal_id,amount\nD1,5\n")],
        &with(vec![correction]),
    );
    let r = &imported.reports[0];
    assert_eq!(r.kind, Some(FileKind::Deals));
    assert_eq!(
        r.error.as_deref(),
        Some("This file is read as deals, but no column is mapped to stage and created_at. Choose the columns by hand.")
    );
    assert_eq!((r.rows, r.loaded), (1, 0));
}

#[test]
fn one_column_for_two_fields_by_hand() {
    let correction = MappingOverride {
        file: "c.csv".into(),
        columns: vec![
            ColumnOverride {
                header: "Firm".into(),
                field: Some(Field::CustomerId),
            },
            ColumnOverride {
                header: "Firm".into(),
                field: Some(Field::Name),
            },
        ],
        ..Default::default()
    };
    let imported = import(
        &[text("c.csv", "Firm,Region\nAcme,East\n")],
        &with(vec![correction]),
    );
    let r = &imported.reports[0];
    assert_eq!(
        (r.mapping[0].field, r.mapping[0].also),
        (Some(Field::CustomerId), Some(Field::Name))
    );
    assert_eq!(imported.dataset.customers.name.get(0), Some("Acme"));
}

#[test]
fn header_signature_follows_the_headers_not_their_spelling() {
    let (_, a) = import_one(text("a.csv", "Deal ID,Stage,Created Date\n"));
    let (_, b) = import_one(text("b.csv", "deal_id,stage,created_date\n"));
    let (_, c) = import_one(text("c.csv", "deal_id,stage,created_at\n"));
    assert_eq!(a.header_signature, b.header_signature);
    assert_ne!(a.header_signature, c.header_signature);
    assert_eq!(a.header_signature.len(), 16);
}

#[test]
fn overrides_round_trip_as_json() {
    let o = MappingOverride {
        file: "deals.csv".into(),
        header_signature: Some("00ff".into()),
        kind: Some(FileKind::Deals),
        sheet: None,
        columns: vec![ColumnOverride {
            header: "Opp".into(),
            field: Some(Field::LastActivityAt),
        }],
    };
    let json = serde_json::to_string(&o).unwrap();
    assert!(
        json.contains("\"kind\":\"deals\"") && json.contains("\"field\":\"last_activity_at\""),
        "{json}"
    );
    let back: MappingOverride = serde_json::from_str(&json).unwrap();
    assert_eq!(back, o);
    let options: ImportOptions = serde_json::from_str("{}").unwrap();
    assert!(options.overrides.is_empty() && options.max_bytes.is_none());
}

#[test]
fn fields_per_kind_for_the_mapping_editor() {
    assert_eq!(Field::ALL.len(), 23);
    for f in Field::ALL {
        assert_eq!(Field::from_name(f.as_str()), Some(f));
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            format!("\"{}\"", f.as_str())
        );
    }
    let names = |k: FileKind| k.fields().iter().map(|f| f.as_str()).collect::<Vec<_>>();
    assert_eq!(names(FileKind::Orders), ["customer_id", "date", "amount"]);
    assert_eq!(names(FileKind::Spend), ["channel", "month", "spend"]);
    assert_eq!(
        FileKind::Deals.required(),
        [Field::DealId, Field::Stage, Field::CreatedAt]
    );
}
