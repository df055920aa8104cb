//! What the Web Worker relies on in `engine::api`: import progress per file, bytes released
//! after an import and given back before the next, files read when the import reaches them,
//! and messages that survive JSON.

use std::cell::RefCell;
use std::rc::Rc;

use engine::api::{Engine, InputFile, LoadStep, Query, Request, Response};
use engine::ingest::{ImportOptions, ImportReport};

fn deals(rows: usize) -> InputFile {
    let mut text = String::from("deal_id,customer_id,stage,status,amount,created_at,closed_at\n");
    for i in 0..rows {
        let (stage, status, closed) = match i % 3 {
            0 => ("Closed Won", "won", "2025-03-01"),
            1 => ("Closed Lost", "lost", "2025-03-02"),
            _ => ("Proposal", "open", ""),
        };
        text.push_str(&format!(
            "D{i},C{},{stage},{status},{},2025-01-{:02},{closed}\n",
            i % 50,
            100 + i,
            1 + i % 28
        ));
    }
    InputFile {
        name: "deals.csv".into(),
        bytes: text.into_bytes(),
    }
}

fn reports(response: Response) -> Vec<ImportReport> {
    match response {
        Response::Loaded { reports, .. } => reports,
        other => panic!("expected Loaded, got {other:?}"),
    }
}

#[test]
fn progress_names_each_file_and_ends_at_one() {
    let seen: Rc<RefCell<Vec<(String, usize, f64)>>> = Rc::default();
    let mut engine = Engine::new();
    let log = seen.clone();
    engine.on_progress(move |file, p| {
        log.borrow_mut()
            .push((file.name.clone(), file.bytes.len(), p.fraction))
    });
    let file = deals(200_000);
    let len = file.bytes.len();
    reports(engine.handle(Request::Load(vec![file])));
    let seen = seen.borrow();
    assert!(
        seen.len() >= 2,
        "progress now and then, not only at the end: {seen:?}"
    );
    assert!(seen
        .iter()
        .all(|(name, bytes, _)| name == "deals.csv" && *bytes == len));
    assert!(
        seen.windows(2).all(|w| w[0].2 <= w[1].2),
        "fractions only grow"
    );
    assert_eq!(seen.last().unwrap().2, 1.0);
}

#[test]
fn released_bytes_come_back_for_the_next_import() {
    let mut engine = Engine::new();
    let file = deals(300);
    let bytes = file.bytes.clone();
    let first = reports(engine.handle(Request::Load(vec![file])));
    let dashboard = engine.handle(Request::Query(Query::default()));
    engine.release_bytes();
    // Queries need only the tables.
    let again = engine.handle(Request::Query(Query::default()));
    assert_eq!(
        serde_json::to_string(&again).unwrap(),
        serde_json::to_string(&dashboard).unwrap()
    );
    // An import needs the bytes: given back, it reads the same rows.
    engine.restore_bytes("deals.csv", bytes);
    let second = reports(engine.handle(Request::SetImportOptions(ImportOptions::default())));
    assert_eq!(second[0].rows, first[0].rows);
    assert_eq!(second[0].loaded, 300);
    // Without them the file reads as empty: the worker always gives them back first.
    engine.release_bytes();
    let third = reports(engine.handle(Request::SetImportOptions(ImportOptions::default())));
    assert_eq!(third[0].loaded, 0);
}

#[test]
fn files_given_later_load_as_if_given_at_once() {
    let customers = InputFile {
        name: "customers.csv".into(),
        bytes: b"customer_id,name,region\nC1,Acme,East\nC2,Birch,West\n".to_vec(),
    };
    let files = vec![deals(400), customers];
    let mut whole = Engine::new();
    let expected = whole.handle(Request::Load(files.clone()));

    let mut engine = Engine::new();
    let first = files[0].clone();
    let later = InputFile {
        name: "customers.csv".into(),
        bytes: Vec::new(),
    };
    let step = engine.load_in_parts(vec![first, later], Vec::new(), vec!["customers.csv".into()]);
    let LoadStep::NeedBytes(name) = step else {
        panic!("expected the customers' bytes to be asked for, got {step:?}");
    };
    assert_eq!(name, "customers.csv");
    let LoadStep::Done(loaded) = engine.give_bytes(&name, files[1].bytes.clone()) else {
        panic!("expected the load to be done");
    };
    assert_eq!(
        serde_json::to_string(&loaded).unwrap(),
        serde_json::to_string(&expected).unwrap()
    );
    assert_eq!(
        serde_json::to_string(&engine.handle(Request::Query(Query::default()))).unwrap(),
        serde_json::to_string(&whole.handle(Request::Query(Query::default()))).unwrap()
    );
}

#[test]
fn requests_and_responses_survive_json() {
    let mut engine = Engine::new();
    let load = Request::Load(vec![deals(10)]);
    let json = serde_json::to_string(&load).unwrap();
    let back: Request = serde_json::from_str(&json).unwrap();
    let loaded = engine.handle(back);
    let json = serde_json::to_string(&loaded).unwrap();
    let back: Response = serde_json::from_str(&json).unwrap();
    assert_eq!(reports(back)[0].loaded, 10);
}
