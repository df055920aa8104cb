//! Import never panics, whatever the bytes, and its counts always add up.

mod ingest_common;

use engine::ingest::values::{parse_amount, parse_date, parse_month, short_decimal, DateOrder};
use engine::ingest::{import, ImportOptions, Imported, InputFile};
use proptest::prelude::*;

/// Counts that must hold for any input.
fn check(imported: &Imported) {
    for r in &imported.reports {
        if r.error.is_none() {
            assert_eq!(r.rows, r.loaded + r.rejected, "{}", r.file);
        } else {
            // A file that is not loaded may still say how many rows it has.
            assert_eq!((r.loaded, r.rejected, r.flagged), (0, 0, 0), "{}", r.file);
        }
        assert!(r.flagged <= r.loaded);
        let rejected = r
            .issues
            .iter()
            .filter(|i| i.severity == ingest_common::REJECTED)
            .count();
        assert_eq!(rejected, r.rejected, "one issue per rejected row");
        assert!(r.issues.iter().all(|i| i.line >= 1));
        assert!(
            r.issues.windows(2).all(|w| w[0].line <= w[1].line),
            "issues in line order"
        );
    }
    let ds = &imported.dataset;
    let d = &ds.deals;
    let n = d.id.len();
    for len in [
        d.customer.len(),
        d.stage.len(),
        d.status.len(),
        d.amount.len(),
        d.created_at.len(),
        d.closed_at.len(),
        d.lost_reason.len(),
        d.lost_stage.len(),
        d.owner.len(),
        d.channel.len(),
        d.last_activity_at.len(),
    ] {
        assert_eq!(len, n, "deal columns have one value per deal");
    }
    let c = &ds.customers;
    let m = c.ids.len();
    for len in [
        c.in_file.len(),
        c.name.len(),
        c.region.len(),
        c.created_at.len(),
        c.acquisition_cost.len(),
    ] {
        assert_eq!(len, m, "customer columns have one value per code");
    }
    let codes_ok = |code: &u32| *code == engine::model::NULL || (*code as usize) < m;
    assert!(d.customer.iter().all(codes_ok));
    if let Some(o) = &ds.orders {
        assert!(!o.is_empty() && o.customer.iter().all(codes_ok));
    }
    if let Some(s) = &ds.surveys {
        assert!(!s.is_empty() && s.score.iter().all(|&x| x <= 10));
    }
}

fn run(name: &str, bytes: Vec<u8>) {
    let imported = import(
        &[InputFile {
            name: name.to_string(),
            bytes,
        }],
        &ImportOptions::default(),
    );
    check(&imported);
}

/// 400 cases, or `PROPTEST_CASES` for a longer soak.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

const NAMES: [&str; 6] = ["a.csv", "a.tsv", "a.txt", "a.json", "a.xlsx", "noext"];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), which in 0..6usize) {
        run(NAMES[which], bytes);
    }

    #[test]
    fn text_tables_never_panic(
        header in prop::sample::select(vec![
            "deal_id,customer_id,stage,status,amount,created_at,closed_at,lost_stage",
            "customer_id,name,region,size,created_at,acquisition_cost,nps",
            "customer_id,date,amount",
            "customer_id,date,score,csat",
            "channel,month,spend",
            "客户编号;商机编号;商机阶段;金额;创建时间",
        ]),
        cells in proptest::collection::vec(
            prop::sample::select(vec![
                "", "D1", "C1", "Won", "lost", "Lead", "2024-01-05", "05/13/2024", "13/05/2024",
                "2024年1月5日", "45296", "1,234.5", "(12)", "1.2万", "9", "9.0", "7.5", "11", "\"",
                "\"a,b\"", "\"x\ny\"", ",", ";", "\n", "\r\n", "\t", "|", "¥", "\u{feff}", "é", "中",
                "{", "[", "-", "2024-02", "Jan 2024", "\"\"\"\"", " ", "\u{a0}",
            ]),
            0..80,
        ),
    ) {
        let mut text = format!("{header}\n");
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(cell);
            text.push(if i % 5 == 4 { '\n' } else { ',' });
        }
        run("table.csv", text.into_bytes());
    }

    #[test]
    fn broken_workbooks_never_panic(cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6), keep in 0.0..1.0f64) {
        let mut bytes = ingest_common::fixture("excel_serial_dates.xlsx").bytes;
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let len = ((bytes.len() as f64) * keep).round() as usize;
        bytes.truncate(len.max(4));
        run("book.xlsx", bytes);
    }

    #[test]
    fn broken_json_never_panics(cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = ingest_common::fixture("json_array.json").bytes;
        let i = cut.index(bytes.len());
        bytes[i] = byte;
        run("deals.json", bytes);
    }

    #[test]
    fn value_parsers_never_panic(text in ".{0,40}") {
        let _ = parse_date(&text, DateOrder::MonthFirst);
        let _ = parse_date(&text, DateOrder::DayFirst);
        let _ = parse_month(&text, DateOrder::DayFirst);
        if let Some(v) = parse_amount(&text) {
            prop_assert!(v.is_finite());
        }
    }

    #[test]
    fn short_decimals_read_as_str_parse_reads_them(text in "-?[0-9]{0,17}(\\.[0-9]{0,17})?") {
        let fast = short_decimal(text.as_bytes());
        let parsed = text.parse::<f64>().ok();
        if let Some(v) = fast {
            prop_assert_eq!(Some(v.to_bits()), parsed.map(f64::to_bits), "{}", text);
        }
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        prop_assert_eq!(fast.is_some(), (1..=15).contains(&digits), "{}", text);
        if let Some(v) = parsed {
            prop_assert_eq!(parse_amount(&text).map(f64::to_bits), Some(v.to_bits()), "{}", text);
        }
    }

    #[test]
    fn iso_dates_round_trip(day in -300_000i32..2_900_000) {
        let iso = engine::model::day::format(day);
        let year: i32 = iso[..4].parse().unwrap_or(0);
        let parsed = parse_date(&iso, DateOrder::MonthFirst);
        if (1000..=9999).contains(&year) && iso.len() == 10 {
            prop_assert_eq!(parsed, Some(day));
        }
    }
}

/// The fuzzer's seed corpus (and any crash saved into it) goes through the same checks: the
/// first byte picks the file name, as in `fuzz/fuzz_targets/import.rs`.
#[test]
fn fuzz_corpus_imports_cleanly() {
    const FUZZ_NAMES: [&str; 5] = [
        "input.csv",
        "input.tsv",
        "input.json",
        "input.xlsx",
        "input.txt",
    ];
    let dir = format!("{}/../fuzz/corpus/import", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let data = std::fs::read(entry.expect("corpus entry").path()).expect("corpus file");
        let (name, bytes) = match data.split_first() {
            Some((&selector, rest)) => (
                FUZZ_NAMES[selector as usize % FUZZ_NAMES.len()],
                rest.to_vec(),
            ),
            None => (FUZZ_NAMES[0], Vec::new()),
        };
        run(name, bytes);
        seen += 1;
    }
    assert!(seen >= 10, "the seed corpus is in place");
}
