//! Drill-down (`query::drill`): the rows behind each number are as many as the number, honour
//! every filter, and the row table sorts by value, searches and writes proper CSV.

mod common;

use common::fixture::{d, Fixture};
use engine::api::{Engine, Query, Request, Response};
use engine::metrics::period::Preset;
use engine::metrics::Settings;
use engine::query::drill::{Drill, DrillTarget, RowKind, RowTable, Sort};
use engine::query::{Filters, Period};
use engine::report::{self, Prepared, Report};

fn period(from: &str, to: &str) -> Period {
    Period {
        from: d(from),
        to: d(to),
    }
}

/// Three customers in two regions, deals through a generic pipeline, a few responses.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.customer("C1")
        .name("Acme, \"the\" Company")
        .region("East")
        .industry("Retail")
        .owner("Ann")
        .channel("Web");
    f.customer("C2")
        .name("北京数据有限公司")
        .region("West")
        .industry("Tech")
        .owner("Bob")
        .channel("Partner");
    f.customer("C3")
        .name("Line\nBreak Ltd")
        .region("East")
        .industry("Tech")
        .owner("Ann");
    f.deal("D1", "Closed Won", "2024-01-05")
        .won("2024-02-01")
        .amount(9.0)
        .customer("C1")
        .owner("Ann")
        .channel("Web");
    f.deal("D2", "Closed Won", "2024-01-10")
        .won("2024-03-01")
        .amount(100.0)
        .customer("C2")
        .owner("Bob");
    f.deal("D3", "Closed Won", "2024-02-10")
        .won("2024-02-20")
        .amount(10.0)
        .customer("C3")
        .owner("Ann");
    f.deal("D4", "Closed Lost", "2024-01-12")
        .lost("2024-02-12")
        .amount(50.0)
        .lost_reason("Price")
        .customer("C2")
        .owner("Bob");
    f.deal("D5", "Closed Lost", "2024-02-01")
        .lost("2024-03-10")
        .amount(70.0)
        .customer("C1")
        .owner("Ann");
    f.deal("D6", "Proposal", "2024-02-15")
        .amount(500.0)
        .customer("C1")
        .owner("Ann")
        .activity("2024-03-30");
    f.deal("D7", "Qualification", "2024-01-20")
        .amount(1200.0)
        .customer("C2")
        .owner("Bob")
        .activity("2024-02-01");
    f.deal("D8", "Lead", "2024-03-01").amount(30.0).owner("Cy");
    f.deal("D9", "Closed Won", "2024-03-15")
        .won("2024-03-20")
        .amount(1000.0)
        .customer("C1")
        .owner("Ann");
    f.survey("C1", "2024-02-03", 10)
        .survey("C2", "2024-02-04", 3)
        .survey("C3", "2024-03-05", 8)
        .survey("C1", "2024-03-06", 9);
    f
}

fn q1() -> Period {
    period("2024-01-01", "2024-03-31")
}

fn report_of(data: &engine::model::Dataset, period: Period, filters: &Filters) -> Report {
    let prepared = Prepared::new(data);
    report::build(
        data,
        &prepared,
        Some(period),
        filters,
        &Settings::default(),
        &[],
    )
}

fn table_of(
    data: &engine::model::Dataset,
    period: Period,
    filters: &Filters,
    target: DrillTarget,
) -> RowTable {
    let prepared = Prepared::new(data);
    Drill {
        data,
        order: &prepared.order,
        period,
        filters,
        settings: &Settings::default(),
    }
    .table(&target)
}

fn column(table: &mut RowTable, id: &str, sort: Option<Sort>, search: &str) -> Vec<String> {
    let i = table.columns().iter().position(|c| c.id == id).unwrap();
    let n = table.matching(sort, search);
    table
        .rows(0..n, sort, search)
        .into_iter()
        .map(|mut row| row.swap_remove(i))
        .collect()
}

fn sort_by(table: &RowTable, id: &str, descending: bool) -> Option<Sort> {
    Some(Sort {
        column: table.columns().iter().position(|c| c.id == id).unwrap(),
        descending,
    })
}

#[test]
fn funnel_step_drills_to_its_reached_count() {
    let data = fixture().build();
    let report = report_of(&data, q1(), &Filters::default());
    assert!(report.funnel.len() >= 3);
    for step in &report.funnel {
        let table = table_of(
            &data,
            q1(),
            &Filters::default(),
            DrillTarget::FunnelStage {
                stage: step.stage.to_uppercase(),
            },
        );
        assert_eq!(table.kind(), RowKind::Deals);
        assert_eq!(table.len() as u64, step.reached, "step {}", step.stage);
    }
    let unknown = DrillTarget::FunnelStage {
        stage: "No such stage".into(),
    };
    assert!(table_of(&data, q1(), &Filters::default(), unknown).is_empty());
}

#[test]
fn won_lost_stalled_rows_match_their_tiles() {
    let data = fixture().build();
    let report = report_of(&data, q1(), &Filters::default());
    let won = table_of(&data, q1(), &Filters::default(), DrillTarget::Won);
    assert_eq!(Some(won.len() as f64), report.tiles.won_deals);
    assert_eq!(won.len(), 4);
    let lost = table_of(&data, q1(), &Filters::default(), DrillTarget::Lost);
    assert_eq!(lost.len() as u64, report.deals.as_ref().unwrap().lost_deals);
    let stalled = table_of(&data, q1(), &Filters::default(), DrillTarget::Stalled);
    assert_eq!(Some(stalled.len() as f64), report.tiles.stalled_deals);
    // D7 idle since 2024-02-01, D8 since its creation on 2024-03-01: longest idle first.
    let mut stalled = stalled;
    assert_eq!(column(&mut stalled, "deal_id", None, ""), ["D7", "D8"]);
    let all = table_of(&data, q1(), &Filters::default(), DrillTarget::AllDeals);
    assert_eq!(
        all.len() as u64,
        report.deals.as_ref().unwrap().deals_created
    );
}

#[test]
fn a_filter_restricts_the_rows() {
    let data = fixture().build();
    let east = Filters {
        region: vec!["East".into()],
        ..Filters::default()
    };
    let report = report_of(&data, q1(), &east);
    let mut won = table_of(&data, q1(), &east, DrillTarget::Won);
    assert_eq!(Some(won.len() as f64), report.tiles.won_deals);
    let mut ids = column(&mut won, "deal_id", None, "");
    ids.sort();
    assert_eq!(ids, ["D1", "D3", "D9"]);

    let bob = Filters {
        owner: vec!["Bob".into()],
        ..Filters::default()
    };
    let mut all = table_of(&data, q1(), &bob, DrillTarget::AllDeals);
    assert_eq!(column(&mut all, "owner", None, ""), ["Bob", "Bob", "Bob"]);
    let customers = table_of(&data, q1(), &bob, DrillTarget::AllCustomers);
    assert_eq!(customers.kind(), RowKind::Customers);
    assert_eq!(customers.len(), 1);
}

#[test]
fn every_breakdown_drills_to_its_count() {
    let data = fixture().build();
    let report = report_of(&data, q1(), &Filters::default());
    let count = |target: DrillTarget| table_of(&data, q1(), &Filters::default(), target).len();

    for reason in &report.lost_reasons {
        let n = count(DrillTarget::LostReason(reason.reason.clone()));
        assert_eq!(n as u64, reason.deals, "lost reason {}", reason.reason);
    }
    assert_eq!(count(DrillTarget::LostReason("Unspecified".into())), 1);

    for stage in &report.pipeline.as_ref().unwrap().by_stage {
        let n = count(DrillTarget::PipelineStage(stage.stage.clone()));
        assert_eq!(n as u64, stage.deals, "pipeline stage {}", stage.stage);
    }

    assert!(!report.cohorts.is_empty());
    for row in &report.cohorts {
        for (k, &active) in row.active.iter().enumerate() {
            let n = count(DrillTarget::CohortCell {
                cohort: row.cohort.clone(),
                k,
            });
            assert_eq!(n as u64, active, "cohort {} k {k}", row.cohort);
        }
    }

    for tier in &report.abc {
        let n = count(DrillTarget::Tier(tier.tier.as_str().into()));
        assert_eq!(n as u64, tier.customers, "tier {:?}", tier.tier);
    }

    let nps = report.nps_breakdown.as_ref().unwrap();
    assert_eq!(count(DrillTarget::NpsCategory("Promoters".into())), 2);
    assert_eq!(
        count(DrillTarget::NpsCategory("promoter".into())) as u64,
        nps.tally.promoters
    );
    assert_eq!(
        count(DrillTarget::NpsCategory("passive".into())) as u64,
        nps.tally.passives
    );
    assert_eq!(
        count(DrillTarget::NpsCategory("detractors".into())) as u64,
        nps.tally.detractors
    );

    let life = report.lifecycle.unwrap();
    for (state, n) in [
        ("new", life.new),
        ("active", life.active),
        ("dormant", life.dormant),
        ("churned", life.churned),
        ("prospects", life.prospects),
    ] {
        assert_eq!(
            count(DrillTarget::Lifecycle(state.into())) as u64,
            n,
            "{state}"
        );
    }

    // Channel and owner: the deals created or closed in the period (owners: or stalled).
    assert_eq!(count(DrillTarget::Channel(Some("Web".into()))), 4); // C1 is on Web
    assert_eq!(count(DrillTarget::Channel(Some("Nowhere".into()))), 0);
    assert_eq!(count(DrillTarget::Owner(Some("Bob".into()))), 3);
    assert_eq!(count(DrillTarget::Owner(None)), 0);
}

#[test]
fn sorts_by_value_not_text() {
    let data = fixture().build();
    let mut won = table_of(&data, q1(), &Filters::default(), DrillTarget::Won);
    let asc = sort_by(&won, "amount", false);
    assert_eq!(
        column(&mut won, "amount", asc, ""),
        ["9", "10", "100", "1000"]
    );
    let desc = sort_by(&won, "amount", true);
    assert_eq!(
        column(&mut won, "amount", desc, ""),
        ["1000", "100", "10", "9"]
    );

    // Dates as dates; empty cells last in either direction.
    let mut all = table_of(&data, q1(), &Filters::default(), DrillTarget::AllDeals);
    let closed = sort_by(&all, "closed_at", true);
    let cells = column(&mut all, "closed_at", closed, "");
    assert_eq!(cells[0], "2024-03-20");
    assert_eq!(cells[5], "2024-02-01");
    assert!(cells[6..].iter().all(String::is_empty));
    let closed = sort_by(&all, "closed_at", false);
    let cells = column(&mut all, "closed_at", closed, "");
    assert_eq!(cells[0], "2024-02-01");
    assert!(cells[6..].iter().all(String::is_empty));

    // Text case-insensitively.
    let stage = sort_by(&all, "stage", false);
    let stages = column(&mut all, "stage", stage, "");
    assert_eq!(stages.first().map(String::as_str), Some("Closed Lost"));
    assert_eq!(stages.last().map(String::as_str), Some("Qualification"));
}

#[test]
fn searches_every_cell_case_insensitively() {
    let data = fixture().build();
    let mut all = table_of(&data, q1(), &Filters::default(), DrillTarget::AllDeals);
    assert_eq!(all.len(), 9);
    assert_eq!(all.matching(None, "acme"), 4);
    assert_eq!(column(&mut all, "deal_id", None, "  PRICE "), ["D4"]);
    assert_eq!(all.matching(None, "2024-03"), 5); // D8, D9 created; D2, D5 closed; D6 active
    assert_eq!(all.matching(None, "1200"), 1);
    assert_eq!(all.matching(None, "数据"), 3);
    assert_eq!(all.matching(None, "zzz"), 0);
    assert!(all.rows(0..10, None, "zzz").is_empty());
    // Sorted and searched together, and paged.
    let desc = sort_by(&all, "amount", true);
    assert_eq!(
        column(&mut all, "amount", desc, "ann"),
        ["1000", "500", "70", "10", "9"]
    );
    let page = all.rows(1..3, desc, "ann");
    assert_eq!(page.len(), 2);
    assert_eq!(page[0][0], "D6");
    assert!(all.rows(4..99, desc, "ann").len() == 1);
    assert!(all.rows(50..60, desc, "ann").is_empty());
}

#[test]
fn csv_has_bom_header_and_escapes() {
    let data = fixture().build();
    let mut won = table_of(&data, q1(), &Filters::default(), DrillTarget::Won);
    let csv = won.to_csv(sort_by(&won, "amount", false), "");
    assert!(csv.starts_with('\u{feff}'), "starts with a BOM");
    let body = &csv['\u{feff}'.len_utf8()..];
    let mut lines = body.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "deal_id,customer_id,customer_name,stage,status,amount,created_at,closed_at,owner,\
         channel,lost_reason,last_activity_at"
    );
    assert_eq!(
        lines.next().unwrap(),
        "D1,C1,\"Acme, \"\"the\"\" Company\",Closed Won,won,9,2024-01-05,2024-02-01,Ann,Web,,"
    );
    assert_eq!(
        lines.next().unwrap(),
        "D3,C3,\"Line\nBreak Ltd\",Closed Won,won,10,2024-02-10,2024-02-20,Ann,,,"
    );
    assert!(body.contains("D2,C2,北京数据有限公司,"));
    assert!(body.ends_with("\r\n"));
    // A search narrows the export to what is shown.
    let csv = won.to_csv(None, "北京");
    assert_eq!(csv.matches("\r\n").count(), 2);
}

#[test]
fn customer_and_response_tables() {
    let data = fixture().build();
    let mut tier_a = table_of(
        &data,
        q1(),
        &Filters::default(),
        DrillTarget::Tier("A".into()),
    );
    assert_eq!(tier_a.kind(), RowKind::Customers);
    let ids: Vec<&str> = tier_a.columns().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "customer_id",
            "name",
            "industry",
            "region",
            "size",
            "channel",
            "owner",
            "revenue",
            "occasions",
            "last_occasion"
        ]
    );
    // Best first: C1 has 9 + 1000 in the period over two occasions.
    let rows = tier_a.rows(0..1, None, "");
    assert_eq!(rows[0][0], "C1");
    assert_eq!(rows[0][7], "1009");
    assert_eq!(rows[0][8], "2");
    assert_eq!(rows[0][9], "2024-03-20");

    let mut promoters = table_of(
        &data,
        q1(),
        &Filters::default(),
        DrillTarget::NpsCategory("promoters".into()),
    );
    assert_eq!(promoters.kind(), RowKind::Responses);
    assert_eq!(column(&mut promoters, "score", None, ""), ["10", "9"]);
    assert_eq!(
        column(&mut promoters, "category", None, ""),
        ["promoter", "promoter"]
    );
}

#[test]
fn engine_keeps_the_drill_down_and_serves_pages() {
    let mut engine = Engine::new();
    engine.handle(Request::LoadDemo);
    let query = Query {
        period: Preset::AllTime,
        ..Query::default()
    };
    let Response::Dashboard(report) = engine.handle(Request::Query(query)) else {
        panic!("a dashboard");
    };
    let Response::Drill(info) = engine.handle(Request::Drill(DrillTarget::Won)) else {
        panic!("a drill-down");
    };
    assert_eq!(Some(info.total as f64), report.tiles.won_deals);
    assert_eq!(info.columns.len(), 12);
    let amount = info.columns.iter().position(|c| c.id == "amount").unwrap();
    let sort = Some(Sort {
        column: amount,
        descending: true,
    });
    let Response::DrillRows(page) = engine.handle(Request::DrillRows {
        range: 10..40,
        sort,
        search: String::new(),
    }) else {
        panic!("a page");
    };
    assert_eq!(
        (page.start, page.rows.len(), page.matching),
        (10, 30, info.total)
    );
    let amounts: Vec<f64> = page
        .rows
        .iter()
        .map(|r| r[amount].parse().unwrap())
        .collect();
    assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "{amounts:?}");
    let Response::DrillCsv(csv) = engine.handle(Request::DrillCsv) else {
        panic!("csv");
    };
    assert!(csv.starts_with("\u{feff}deal_id,"));
    assert_eq!(csv.matches("\r\n").count(), info.total + 1);

    // Every funnel step and tile of the demo, also under a filter.
    let region = report.filter_values.region[0].clone();
    for filters in [
        Filters::default(),
        Filters {
            region: vec![region],
            ..Filters::default()
        },
    ] {
        let query = Query {
            filters,
            ..Query::default()
        };
        let report = engine.report(&query);
        for step in &report.funnel {
            let target = DrillTarget::FunnelStage {
                stage: step.stage.clone(),
            };
            assert_eq!(
                engine.drill_table(&query, &target).len() as u64,
                step.reached
            );
        }
        for (target, tile) in [
            (DrillTarget::Won, report.tiles.won_deals),
            (DrillTarget::Stalled, report.tiles.stalled_deals),
        ] {
            assert_eq!(Some(engine.drill_table(&query, &target).len() as f64), tile);
        }
        let active = ["new", "active"]
            .map(|s| {
                engine
                    .drill_table(&query, &DrillTarget::Lifecycle(s.into()))
                    .len()
            })
            .iter()
            .sum::<usize>();
        assert_eq!(Some(active as f64), report.tiles.active_customers);
    }
}

#[test]
fn filter_values_are_the_sorted_distinct_values() {
    let data = fixture().build();
    let report = report_of(&data, q1(), &Filters::default());
    let v = &report.filter_values;
    assert_eq!(v.owner, ["Ann", "Bob", "Cy"]);
    assert_eq!(v.channel, ["Partner", "Web"]);
    assert_eq!(v.region, ["East", "West"]);
    assert_eq!(v.industry, ["Retail", "Tech"]);
    assert!(v.size.is_empty());
    assert_eq!(v.tier, ["A", "B", "C"]);
}

#[test]
fn without_a_drill_down_pages_are_empty() {
    let mut engine = Engine::new();
    let Response::DrillRows(page) = engine.handle(Request::DrillRows {
        range: 0..50,
        sort: None,
        search: String::new(),
    }) else {
        panic!("a page");
    };
    assert!(page.rows.is_empty());
    let Response::DrillCsv(csv) = engine.handle(Request::DrillCsv) else {
        panic!("csv");
    };
    assert!(csv.is_empty());
    let Response::Drill(info) = engine.handle(Request::Drill(DrillTarget::AllCustomers)) else {
        panic!("a drill-down");
    };
    assert_eq!(info.total, 0);
}

/// The sort key of a cell as a person would compare it: numbers as numbers, dates and text
/// case-insensitively as text (ISO dates compare as text in date order).
fn naive_key(kind: engine::query::drill::ColumnKind, cell: &str) -> Option<(f64, String)> {
    use engine::query::drill::ColumnKind;
    if cell.is_empty() {
        return None;
    }
    Some(match kind {
        ColumnKind::Number => (cell.parse().unwrap(), String::new()),
        ColumnKind::Date | ColumnKind::Text => (0.0, cell.to_lowercase()),
    })
}

#[test]
fn sort_and_search_agree_with_a_naive_scan() {
    let mut engine = Engine::new();
    engine.handle(Request::LoadDemo);
    let query = Query {
        period: Preset::AllTime,
        ..Query::default()
    };
    for target in [DrillTarget::AllDeals, DrillTarget::AllCustomers] {
        let mut table = engine.drill_table(&query, &target);
        let n = table.len();
        assert!(n > 100, "{target:?}: {n} rows");
        let all = table.rows(0..n, None, "");
        let mut all_sorted = all.clone();
        all_sorted.sort();
        for (c, column) in table.columns().to_vec().into_iter().enumerate() {
            for descending in [false, true] {
                let sort = Some(Sort {
                    column: c,
                    descending,
                });
                let rows = table.rows(0..n, sort, "");
                let mut same = rows.clone();
                same.sort();
                assert_eq!(same, all_sorted, "a permutation of the rows");
                let keys: Vec<_> = rows.iter().map(|r| naive_key(column.kind, &r[c])).collect();
                let filled = keys.iter().take_while(|k| k.is_some()).count();
                assert!(
                    keys[filled..].iter().all(Option::is_none),
                    "empty cells last"
                );
                for w in keys[..filled].windows(2) {
                    let (a, b) = (w[0].as_ref().unwrap(), w[1].as_ref().unwrap());
                    let ordered = if descending { a >= b } else { a <= b };
                    assert!(ordered, "{} {descending}: {a:?} then {b:?}", column.id);
                }
            }
        }
        for needle in ["a", "2025-0", "WON", " inc", "0.5", "no such text"] {
            let found = table.rows(0..n, None, needle);
            let lower = needle.trim().to_lowercase();
            let naive: Vec<_> = all
                .iter()
                .filter(|r| r.iter().any(|cell| cell.to_lowercase().contains(&lower)))
                .cloned()
                .collect();
            assert_eq!(found, naive, "search {needle:?}");
            assert_eq!(table.matching(None, needle), naive.len());
        }
    }
}
