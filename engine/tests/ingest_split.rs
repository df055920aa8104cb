//! A file read in two parts (head here, tail on its own, `ingest::split`) imports exactly as
//! the whole file does, or is refused so that the whole file is read.

use engine::generate::{generate, GenerateOptions, Lang};
use engine::ingest::split::{
    import_in_parts, import_tail, split_point, whole_lines, TailImport, FIRST_BYTES,
};
use engine::ingest::{import, ImportOptions, Imported, InputFile};

fn input(name: &str, text: &str) -> InputFile {
    InputFile {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// Imports `files`, each file named in `cuts` read in two parts split at about that fraction
/// of its bytes, and every file but the first given its bytes only when the import reaches it
/// (as the Web Worker reads them). `Err` when the importer refuses a join.
fn import_split(files: &[InputFile], cuts: &[(&str, f64)]) -> Result<Imported, String> {
    let mut asked = Vec::new();
    let imported = import_in_parts(files, cuts, &ImportOptions::default(), |name| {
        asked.push(name.to_string())
    })?;
    let later: Vec<String> = files.iter().skip(1).map(|f| f.name.clone()).collect();
    assert_eq!(asked, later, "each file's bytes asked once, in order");
    Ok(imported)
}

/// `split` (read in parts) equals `whole` but for the note of where files were split.
fn same(whole: &Imported, split: &Imported) {
    assert_eq!(
        format!("{:?}", whole.dataset),
        format!("{:?}", split.dataset)
    );
    let mut reports = split.reports.clone();
    assert!(reports.iter().any(|r| r.split_at.is_some()));
    for report in &mut reports {
        report.split_at = None;
    }
    assert_eq!(
        serde_json::to_string(&whole.reports).unwrap(),
        serde_json::to_string(&reports).unwrap()
    );
}

fn generated(deals: usize) -> Vec<InputFile> {
    generate(&GenerateOptions {
        deals,
        seed: 11,
        lang: Lang::En,
    })
    .into_iter()
    .map(|f| InputFile {
        name: f.name,
        bytes: f.bytes,
    })
    .collect()
}

#[test]
fn generated_files_split_anywhere_import_as_whole() {
    let files = generated(4000);
    let whole = import(&files, &ImportOptions::default());
    assert!(whole.dataset.deals.id.len() > 3000);
    for fraction in [0.3, 0.5, 0.77] {
        let split = import_split(&files, &[("deals.csv", fraction), ("orders.csv", fraction)])
            .expect("the join is accepted");
        same(&whole, &split);
    }
}

/// Repeated ids across the split and within the tail are rejected as in the whole file, with
/// their flags gone and the first line named; customers and stage names first seen in the tail
/// get the codes and spellings the whole file gives them.
#[test]
fn repeats_flags_and_new_values_across_the_split() {
    let mut deals = String::from("deal_id,customer_id,stage,amount,created_at,owner\n");
    for i in 0..1200 {
        deals.push_str(&format!("D{i},C{},Proposal,{i},2024-01-02,Ann\n", i % 7));
    }
    let head_rows = deals.len();
    // Tail: a repeat of a head id with an empty amount (a flag in the tail alone), a new
    // customer and stage spelling, a repeat within the tail, a row rejected for its date.
    deals.push_str("D5,C99,Proposal,,2024-01-03,Bob\n");
    deals.push_str("X1,C42,QUALIFIED,10,2024-01-04,Cy\n");
    deals.push_str("X1,C43,won,11,2024-01-05,Cy\n");
    deals.push_str("X2,C42,Qualified,,not a date,Cy\n");
    deals.push_str("X3,C44,qualified,,2024-01-06,Bob\n");
    let files = [input("deals.csv", &deals)];
    let whole = import(&files, &ImportOptions::default());
    let fraction = (head_rows as f64 - 3.0) / deals.len() as f64;
    let split = import_split(&files, &[("deals.csv", fraction)]).expect("accepted");
    same(&whole, &split);
    let report = &split.reports[0];
    assert_eq!(
        (report.rows, report.loaded, report.rejected),
        (1205, 1202, 3)
    );
    assert_eq!(
        report.flagged, 1,
        "X3's empty amount; D5's flag went with it"
    );
    let reasons: Vec<&str> = report.issues.iter().map(|i| i.reason.as_str()).collect();
    assert!(reasons.contains(&"duplicate deal_id D5, first on line 7"));
    assert!(reasons.contains(&"duplicate deal_id X1, first on line 1203"));
    assert!(!split.dataset.customers.ids.contains(&"C99".to_string()));
    assert!(!split.dataset.customers.ids.contains(&"C43".to_string()));
}

/// `tail` imported in pieces of about `piece` bytes, each cut after its last line end.
fn tail_in_pieces(name: &str, bytes: &[u8], start: usize, piece: usize) -> Result<Vec<u8>, String> {
    let options = ImportOptions::default();
    let first = whole_lines(&bytes[..bytes.len().min(FIRST_BYTES)]);
    let len = (bytes.len() - start) as u64;
    let mut import = TailImport::new(name, first, start as u64, len, &options)?;
    let mut at = start;
    while at < bytes.len() {
        let end = (at + piece).min(bytes.len());
        let last = end == bytes.len();
        let part = if last {
            &bytes[at..end]
        } else {
            whole_lines(&bytes[at..end])
        };
        import.add(part, last)?;
        at += part.len();
    }
    import.finish()?.to_bytes()
}

#[test]
fn a_tail_imported_in_pieces_is_the_tail_imported_at_once() {
    let files = generated(4000);
    for name in ["deals.csv", "orders.csv"] {
        let bytes = &files.iter().find(|f| f.name == name).unwrap().bytes;
        let at = bytes.len() / 3;
        let start = split_point(&bytes[at..], at as u64).unwrap() as usize;
        let first = whole_lines(&bytes[..bytes.len().min(FIRST_BYTES)]);
        let options = ImportOptions::default();
        let at_once = import_tail(name, first, &bytes[start..], start as u64, &options)
            .and_then(|t| t.to_bytes())
            .unwrap();
        for piece in [1000, 4096, 100_000] {
            let pieces = tail_in_pieces(name, bytes, start, piece).unwrap();
            assert!(pieces == at_once, "{name} in pieces of {piece} bytes");
        }
    }
}

#[test]
fn a_fully_quoted_tail_imported_in_pieces_is_the_tail_imported_at_once() {
    let files = generated(2000);
    let plain = &files.iter().find(|f| f.name == "deals.csv").unwrap().bytes;
    // Every value quoted, as many CRM exports write them (the generated values hold no commas).
    let quoted: String = std::str::from_utf8(plain)
        .unwrap()
        .lines()
        .map(|line| {
            let cells: Vec<String> = line.split(',').map(|c| format!("\"{c}\"")).collect();
            cells.join(",") + "\n"
        })
        .collect();
    let bytes = quoted.as_bytes();
    let at = bytes.len() / 3;
    let start = split_point(&bytes[at..], at as u64).unwrap() as usize;
    let at_once = tail_in_pieces("deals.csv", bytes, start, bytes.len()).unwrap();
    for piece in [777, 5000, 40_000] {
        let pieces = tail_in_pieces("deals.csv", bytes, start, piece).unwrap();
        assert!(pieces == at_once, "pieces of {piece} bytes");
    }
}

#[test]
fn a_quoted_value_across_pieces_of_a_tail_is_refused() {
    let mut deals = String::from("deal_id,stage,amount,created_at,note\n");
    for i in 0..1500 {
        deals.push_str(&format!("D{i},Won,{i},2024-01-02,plain\n"));
    }
    for i in 0..100 {
        deals.push_str(&format!("Q{i},Won,{i},2024-01-02,\"a\nb\"\n"));
    }
    let bytes = deals.as_bytes();
    let start = bytes.len() / 2;
    let start = split_point(&bytes[start..], start as u64).unwrap() as usize;
    assert!(tail_in_pieces("deals.csv", bytes, start, 1 << 20).is_ok());
    // Pieces of a few lines: some end inside a quoted note.
    let why = tail_in_pieces("deals.csv", bytes, start, 50).unwrap_err();
    assert!(why.contains("quoted value"), "{why}");
}

#[test]
fn a_quoted_value_across_the_split_is_refused() {
    let mut deals = String::from("deal_id,stage,amount,created_at,note\n");
    for i in 0..1500 {
        deals.push_str(&format!("D{i},Won,{i},2024-01-02,plain\n"));
    }
    let cut = deals.len();
    deals.push_str("Q1,Won,5,2024-01-02,\"two\nlines\"\n");
    deals.push_str("Q2,Won,6,2024-01-02,plain\n");
    let files = [input("deals.csv", &deals)];
    // The split lands on the line end inside the quoted note.
    let fraction = (cut as f64 + 10.0) / deals.len() as f64;
    let why = import_split(&files, &[("deals.csv", fraction)]).unwrap_err();
    assert!(why.contains("quoted value"), "{why}");
    // A split between records of a quoted file is fine.
    let fraction = (cut as f64 - 30.0) / deals.len() as f64;
    let split = import_split(&files, &[("deals.csv", fraction)]).expect("accepted");
    same(&import(&files, &ImportOptions::default()), &split);
}

#[test]
fn a_date_order_settled_only_in_the_tail_is_refused() {
    let mut deals = String::from("deal_id,stage,amount,created_at\n");
    for i in 0..1500 {
        deals.push_str(&format!("D{i},Won,{i},01/02/2024\n"));
    }
    deals.push_str("E1,Won,1,25/02/2024\n");
    let files = [input("deals.csv", &deals)];
    let why = import_split(&files, &[("deals.csv", 0.5)]).unwrap_err();
    assert!(why.contains("date order"), "{why}");
}

#[test]
fn a_tail_in_another_encoding_is_refused() {
    let mut bytes = b"deal_id,stage,amount,created_at,owner\n".to_vec();
    // Past the first bytes read for the header.
    for i in 0..12000 {
        bytes.extend_from_slice(format!("D{i},Won,{i},2024-01-02,Ann\n").as_bytes());
    }
    let at = bytes.len();
    // "王" in GBK: not UTF-8, so the whole file is read as GB18030.
    bytes.extend_from_slice(b"G1,Won,1,2024-01-02,\xcd\xf5\n");
    let first = whole_lines(&bytes[..FIRST_BYTES.min(bytes.len())]);
    let why = import_tail(
        "deals.csv",
        first,
        &bytes[at..],
        at as u64,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(why.contains("UTF-8"), "{why}");
}

#[test]
fn only_text_deals_and_orders_are_split() {
    use engine::ingest::split::splittable;
    let options = ImportOptions::default();
    let files = generated(4000);
    let kinds: Vec<(String, bool)> = files
        .iter()
        .map(|f| (f.name.clone(), splittable(&f.name, &f.bytes, &options)))
        .collect();
    for (name, split) in kinds {
        assert_eq!(
            split,
            name == "deals.csv" || name == "orders.csv",
            "{name}: {split}"
        );
    }
}
