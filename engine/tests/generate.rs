//! The synthetic data set: deterministic, with the importer's headers, and shaped so that
//! every metric has something to show.

use std::collections::{HashMap, HashSet};

use engine::cli;
use engine::generate::{generate, write_to, GenerateOptions, GeneratedFile, Lang};

const CUSTOMERS_EN: &str =
    "customer_id,name,industry,region,size,channel,owner,created_at,acquisition_cost";
const DEALS_EN: &str = "deal_id,customer_id,stage,status,amount,created_at,closed_at,lost_reason,lost_stage,owner,channel,last_activity_at";
const CUSTOMERS_ZH: &str = "客户ID,客户名称,所属行业,区域,规模,来源渠道,负责人,创建时间,获客成本";
const DEALS_ZH: &str = "商机编号,客户ID,商机阶段,状态,金额,创建时间,成交日期,输单原因,输单阶段,负责人,来源渠道,最后跟进时间";

const OPEN_STAGES_EN: [&str; 5] = [
    "Lead",
    "Prospecting",
    "Qualification",
    "Proposal",
    "Negotiation",
];
const OPEN_STAGES_ZH: [&str; 5] = ["线索", "初步接触", "需求确认", "方案报价", "谈判"];

fn options(deals: usize, seed: u64, lang: Lang) -> GenerateOptions {
    GenerateOptions { deals, seed, lang }
}

fn file<'a>(files: &'a [GeneratedFile], name: &str) -> &'a GeneratedFile {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Header and records of a file, read back with the csv crate.
fn read(files: &[GeneratedFile], name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(file(files, name).bytes.as_slice());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn header_line(files: &[GeneratedFile], name: &str) -> String {
    let text = std::str::from_utf8(&file(files, name).bytes).expect("UTF-8");
    text.lines().next().unwrap().to_string()
}

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .unwrap_or_else(|_| panic!("not an ISO date: `{text}`"))
}

fn amount(text: &str) -> f64 {
    let value: f64 = text
        .parse()
        .unwrap_or_else(|_| panic!("not a number: `{text}`"));
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    assert!(decimals <= 2, "more than two decimals: `{text}`");
    value
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_differs() {
    let a = generate(&options(2000, 9, Lang::En));
    let b = generate(&options(2000, 9, Lang::En));
    let c = generate(&options(2000, 10, Lang::En));
    for ((x, y), z) in a.iter().zip(&b).zip(&c) {
        assert_eq!(x.name, y.name);
        assert_eq!(x.bytes, y.bytes, "{} differs for the same seed", x.name);
        assert_ne!(x.bytes, z.bytes, "{} is the same for another seed", x.name);
    }
}

#[test]
fn files_are_named_and_have_exactly_the_english_headers() {
    let files = generate(&options(500, 1, Lang::En));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "customers.csv",
            "deals.csv",
            "orders.csv",
            "surveys.csv",
            "spend.csv"
        ]
    );
    assert_eq!(header_line(&files, "customers.csv"), CUSTOMERS_EN);
    assert_eq!(header_line(&files, "deals.csv"), DEALS_EN);
    assert_eq!(header_line(&files, "orders.csv"), "customer_id,date,amount");
    assert_eq!(header_line(&files, "surveys.csv"), "customer_id,date,score");
    assert_eq!(header_line(&files, "spend.csv"), "channel,month,spend");
    for f in &files {
        assert!(
            !f.bytes.starts_with(b"\xEF\xBB\xBF"),
            "{} has a BOM",
            f.name
        );
        assert!(!f.bytes.contains(&b'\r'), "{} has CR line ends", f.name);
        assert!(
            f.bytes.ends_with(b"\n"),
            "{} lacks a final line end",
            f.name
        );
    }
}

#[test]
fn chinese_files_have_exactly_the_chinese_headers_and_words() {
    let files = generate(&options(2000, 1, Lang::Zh));
    assert_eq!(header_line(&files, "customers.csv"), CUSTOMERS_ZH);
    assert_eq!(header_line(&files, "deals.csv"), DEALS_ZH);
    assert_eq!(
        header_line(&files, "orders.csv"),
        "客户ID,订单日期,订单金额"
    );
    assert_eq!(
        header_line(&files, "surveys.csv"),
        "客户ID,调查日期,NPS评分"
    );
    assert_eq!(header_line(&files, "spend.csv"), "渠道,月份,投放金额");

    let (_, deals) = read(&files, "deals.csv");
    let statuses: HashSet<&str> = deals.iter().map(|d| d[3].as_str()).collect();
    assert_eq!(statuses, HashSet::from(["进行中", "赢单", "输单"]));
    let allowed: HashSet<&str> = OPEN_STAGES_ZH
        .iter()
        .copied()
        .chain(["赢单", "输单"])
        .collect();
    assert!(deals.iter().all(|d| allowed.contains(d[2].as_str())));
    let (_, spend) = read(&files, "spend.csv");
    let channels: HashSet<&str> = spend.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        channels,
        HashSet::from(["官网", "转介绍", "合作伙伴", "展会", "付费搜索", "电话外呼"])
    );
}

#[test]
fn the_languages_share_the_numbers() {
    let en = generate(&options(1000, 3, Lang::En));
    let zh = generate(&options(1000, 3, Lang::Zh));
    let (_, en_orders) = read(&en, "orders.csv");
    let (_, zh_orders) = read(&zh, "orders.csv");
    assert_eq!(en_orders, zh_orders);
    let (_, en_deals) = read(&en, "deals.csv");
    let (_, zh_deals) = read(&zh, "deals.csv");
    let numbers = |d: &Vec<String>| (d[0].clone(), d[4].clone(), d[5].clone(), d[6].clone());
    assert!(en_deals
        .iter()
        .map(numbers)
        .eq(zh_deals.iter().map(numbers)));
}

#[test]
fn row_counts_follow_the_number_of_deals() {
    for deals in [0, 1, 7, 1000, 5000] {
        let files = generate(&options(deals, 5, Lang::En));
        let (_, deal_rows) = read(&files, "deals.csv");
        let (_, customer_rows) = read(&files, "customers.csv");
        assert_eq!(deal_rows.len(), deals);
        assert_eq!(customer_rows.len(), (deals / 5).max(1));
        assert_eq!(file(&files, "deals.csv").rows(), deals);
        assert_eq!(read(&files, "spend.csv").1.len(), 36 * 6);
    }
}

#[test]
fn deals_are_consistent() {
    let files = generate(&options(5000, 42, Lang::En));
    let (_, customers) = read(&files, "customers.csv");
    let customer_ids: HashSet<&str> = customers.iter().map(|c| c[0].as_str()).collect();
    let (_, deals) = read(&files, "deals.csv");
    let first = day("2023-11-01");
    let last = day("2026-10-31");
    let mut status_counts: HashMap<&str, usize> = HashMap::new();
    let mut deal_ids = HashSet::new();
    for d in &deals {
        assert!(deal_ids.insert(d[0].as_str()), "duplicate {}", d[0]);
        assert!(d[0].starts_with('D') && d[0].len() == 8, "deal id {}", d[0]);
        assert!(d[1].is_empty() || customer_ids.contains(d[1].as_str()));
        assert!(amount(&d[4]) > 0.0);
        let created = day(&d[5]);
        let activity = day(&d[11]);
        assert!(first <= created && created <= last);
        assert!(created <= activity && activity <= last, "{d:?}");
        *status_counts.entry(d[3].as_str()).or_default() += 1;
        match d[3].as_str() {
            "open" => {
                assert!(OPEN_STAGES_EN.contains(&d[2].as_str()), "{d:?}");
                assert!(
                    d[6].is_empty() && d[7].is_empty() && d[8].is_empty(),
                    "{d:?}"
                );
            }
            "won" | "lost" => {
                let closed = day(&d[6]);
                let cycle = (closed - created).num_days();
                assert!((5..=180).contains(&cycle), "{d:?}");
                assert!(closed <= last && activity <= closed, "{d:?}");
                if d[3] == "won" {
                    assert_eq!(d[2], "Closed Won");
                    assert!(d[7].is_empty() && d[8].is_empty(), "{d:?}");
                } else {
                    assert_eq!(d[2], "Closed Lost");
                    assert!(OPEN_STAGES_EN.contains(&d[8].as_str()), "{d:?}");
                    let reasons = [
                        "",
                        "Price",
                        "Competitor",
                        "No budget",
                        "Timing",
                        "No decision",
                    ];
                    assert!(reasons.contains(&d[7].as_str()), "{d:?}");
                }
            }
            other => panic!("status {other}"),
        }
    }
    let (won, lost, open) = (
        status_counts["won"],
        status_counts["lost"],
        status_counts["open"],
    );
    let win_rate = won as f64 / (won + lost) as f64;
    assert!((0.25..=0.35).contains(&win_rate), "win rate {win_rate}");
    assert!(open > 100, "only {open} open deals");
    let stalled = deals
        .iter()
        .filter(|d| d[3] == "open" && (last - day(&d[11])).num_days() > 7)
        .count();
    assert!(
        stalled > 10 && stalled < open,
        "{stalled} of {open} open deals stalled"
    );
    let stages: HashSet<&str> = deals.iter().map(|d| d[2].as_str()).collect();
    let expected: HashSet<&str> = OPEN_STAGES_EN
        .iter()
        .copied()
        .chain(["Closed Won", "Closed Lost"])
        .collect();
    assert_eq!(stages, expected);
    let orphans = deals.iter().filter(|d| d[1].is_empty()).count();
    assert!(
        orphans > 0 && orphans < deals.len() / 20,
        "{orphans} deals without a customer"
    );
    let mut per_customer: HashMap<&str, usize> = HashMap::new();
    for d in deals.iter().filter(|d| !d[1].is_empty()) {
        *per_customer.entry(d[1].as_str()).or_default() += 1;
    }
    let most = per_customer.values().max().copied().unwrap_or(0);
    assert!(most >= 30, "the busiest customer has only {most} deals");
}

#[test]
fn customers_have_their_attributes() {
    let files = generate(&options(5000, 42, Lang::En));
    let (_, customers) = read(&files, "customers.csv");
    for (i, c) in customers.iter().enumerate() {
        assert_eq!(c[0], format!("C{:06}", i + 1));
        assert!(!c[1].is_empty());
        assert!(["Small", "Medium", "Enterprise"].contains(&c[4].as_str()));
        day(&c[7]);
        assert!(amount(&c[8]) > 0.0);
    }
    let owners: HashSet<&str> = customers.iter().map(|c| c[6].as_str()).collect();
    assert_eq!(owners.len(), 12);
    let channels: HashSet<&str> = customers.iter().map(|c| c[5].as_str()).collect();
    assert_eq!(
        channels,
        HashSet::from([
            "Website",
            "Referral",
            "Partner",
            "Events",
            "Paid Search",
            "Outbound"
        ])
    );
    let industries: HashSet<&str> = customers.iter().map(|c| c[2].as_str()).collect();
    assert_eq!(industries.len(), 8);
    // A few owners for a tiny data set.
    let small = generate(&options(100, 42, Lang::En));
    let (_, customers) = read(&small, "customers.csv");
    let owners: HashSet<&str> = customers.iter().map(|c| c[6].as_str()).collect();
    assert!(owners.len() <= 2);
}

#[test]
fn customers_buy_repeatedly_and_some_stop() {
    let files = generate(&options(5000, 42, Lang::En));
    let (_, customers) = read(&files, "customers.csv");
    let (_, orders) = read(&files, "orders.csv");
    let last = day("2026-10-31");
    let mut by_customer: HashMap<&str, Vec<chrono::NaiveDate>> = HashMap::new();
    for o in &orders {
        assert!(amount(&o[2]) > 0.0);
        by_customer
            .entry(o[0].as_str())
            .or_default()
            .push(day(&o[1]));
    }
    let per_customer = orders.len() as f64 / customers.len() as f64;
    assert!(
        (3.5..=7.0).contains(&per_customer),
        "{per_customer} orders per customer"
    );
    assert!(
        by_customer.len() > customers.len() / 2,
        "{} buyers",
        by_customer.len()
    );
    let repeat = by_customer.values().filter(|days| days.len() >= 2).count();
    assert!(repeat as f64 > 0.6 * by_customer.len() as f64);
    // Lifecycle as of the last day: every state occurs.
    let mut states = HashSet::new();
    for days in by_customer.values() {
        let first = *days.iter().min().unwrap();
        let since = (last - *days.iter().max().unwrap()).num_days();
        states.insert(match since {
            _ if (last - first).num_days() <= 30 => "new",
            0..=90 => "active",
            91..=180 => "dormant",
            _ => "churned",
        });
    }
    assert_eq!(states.len(), 4, "{states:?}");
}

#[test]
fn survey_scores_are_0_to_10_with_a_positive_nps() {
    let files = generate(&options(5000, 42, Lang::En));
    let (_, customers) = read(&files, "customers.csv");
    let (_, responses) = read(&files, "surveys.csv");
    let scores: Vec<u8> = responses.iter().map(|r| r[2].parse().unwrap()).collect();
    assert!(scores.iter().all(|s| *s <= 10));
    let promoters = scores.iter().filter(|s| **s >= 9).count() as f64;
    let detractors = scores.iter().filter(|s| **s <= 6).count() as f64;
    let nps = 100.0 * (promoters - detractors) / scores.len() as f64;
    assert!((0.0..=50.0).contains(&nps), "NPS {nps}");
    let respondents: HashSet<&str> = responses.iter().map(|r| r[0].as_str()).collect();
    let share = respondents.len() as f64 / customers.len() as f64;
    assert!(
        (0.2..=0.4).contains(&share),
        "{share} of customers answered"
    );
    assert!(respondents.len() < responses.len(), "nobody answered twice");
}

#[test]
fn spend_covers_every_channel_and_month() {
    let files = generate(&options(1000, 42, Lang::En));
    let (_, spend) = read(&files, "spend.csv");
    let months: HashSet<&str> = spend.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(months.len(), 36);
    assert!(months.contains("2023-11") && months.contains("2026-10"));
    assert!(spend.iter().all(|r| amount(&r[2]) > 0.0));
}

#[test]
fn write_to_creates_the_directory_and_the_cli_reports_rows() {
    let dir = std::env::temp_dir().join(format!("dealscope-generate-{}", std::process::id()));
    let nested = dir.join("a/b");
    let files = generate(&options(50, 1, Lang::En));
    write_to(&nested, &files).unwrap();
    for f in &files {
        assert_eq!(std::fs::read(nested.join(&f.name)).unwrap(), f.bytes);
    }

    let args: Vec<String> = ["generate", "--deals", "50", "--seed", "1", "--out"]
        .iter()
        .map(|s| s.to_string())
        .chain([dir.join("cli").display().to_string()])
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(cli::run(&args, &mut out, &mut err), 0);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 5);
    assert!(
        out.contains("deals.csv") && out.contains(" 50 rows"),
        "{out}"
    );
    assert!(err.is_empty());
    assert_eq!(
        std::fs::read(dir.join("cli/deals.csv")).unwrap(),
        file(&files, "deals.csv").bytes
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_exit_2_with_the_usage() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["generate"],
        vec!["generate", "--deals", "many", "--out", "x"],
        vec!["generate", "--deals", "-3", "--out", "x"],
        vec!["generate", "--lang", "fr", "--out", "x"],
        vec!["generate", "--out"],
        vec!["generate", "--out", "x", "extra"],
    ] {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(cli::run(&args, &mut out, &mut err), 2, "{args:?}");
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("usage:"), "{err}");
        assert!(out.is_empty());
    }
}
