//! Native figures for the README: import speed, every metric, and a re-filter.
//!
//! `cargo run --release -p engine --example native_bench -- [DIR | --deals N]`
//! DIR holds the files of `dealscope generate`; without it, the data set is generated in memory.

use std::time::Instant;

use engine::api::{Engine, InputFile, LoadStep, Query, Request};
use engine::generate::{generate, GenerateOptions};
use engine::ingest::split::{self, Head, Tail};
use engine::ingest::ImportOptions;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files = match args.as_slice() {
        [flag, n] if flag == "--deals" => {
            generated(n.parse().expect("--deals takes a whole number"))
        }
        [dir] => read_dir(dir),
        [] => generated(1_000_000),
        _ => {
            eprintln!("usage: native_bench [DIR | --deals N]");
            std::process::exit(2);
        }
    };
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "files: {} ({:.1} MB)",
        files
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        mb
    );

    let mut engine = Engine::new();
    let whole = files.clone();
    let start = Instant::now();
    engine.handle(Request::Load(whole));
    let import = start.elapsed().as_secs_f64();
    println!(
        "import:             {:>8.0} ms  ({:.0} MB/s)",
        import * 1e3,
        mb / import
    );

    let (parts, in_parts) = timed(|| load_in_parts(&files));
    println!(
        "import on 2 threads: {:>7.0} ms  ({:.0} MB/s; a file's tail read by a second thread)",
        parts * 1e3,
        mb / parts
    );

    let query = Query::default();
    let tiles = |e: &Engine| serde_json::to_string(&e.report(&query).tiles).unwrap_or_default();
    assert_eq!(
        tiles(&engine),
        tiles(&in_parts),
        "the tiles differ when loaded in parts"
    );
    drop(in_parts);
    let (first, report) = timed(|| engine.report(&query));
    println!(
        "every metric:       {:>8.0} ms  (revenue {:?}, won deals {:?})",
        first * 1e3,
        report.tiles.revenue,
        report.tiles.won_deals
    );
    let (again, _) = timed(|| engine.report(&query));
    println!("every metric again: {:>8.0} ms", again * 1e3);

    let region = report
        .nps_breakdown
        .as_ref()
        .and_then(|n| n.breakdowns.iter().find(|b| b.field == "region"))
        .and_then(|b| b.groups.first())
        .map(|g| g.value.clone());
    let owner = report.owners.first().and_then(|o| o.owner.clone());
    for (field, value) in [("region", region), ("owner", owner)] {
        let Some(value) = value else { continue };
        let mut filtered = query.clone();
        match field {
            "region" => filtered.filters.region = vec![value.clone()],
            _ => filtered.filters.owner = vec![value.clone()],
        }
        let (t, r) = timed(|| engine.report(&filtered));
        println!(
            "re-filter {field}={value}: {:>8.0} ms  (revenue {:?})",
            t * 1e3,
            r.tiles.revenue
        );
    }
    println!(
        "total import + every metric: {:.0} ms",
        (import + first) * 1e3
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed().as_secs_f64(), value)
}

fn generated(deals: usize) -> Vec<InputFile> {
    let (t, files) = timed(|| {
        generate(&GenerateOptions {
            deals,
            ..GenerateOptions::default()
        })
    });
    println!("generated {deals} deals in memory in {:.0} ms", t * 1e3);
    files
        .into_iter()
        .map(|f| InputFile {
            name: f.name,
            bytes: f.bytes,
        })
        .collect()
}

fn read_dir(dir: &str) -> Vec<InputFile> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| InputFile {
            name: p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            bytes: std::fs::read(&p).expect("a readable file"),
        })
        .collect()
}

/// Loads `files` as the Web Worker does on two cores: the tails of the large deals and orders
/// files read by a second thread (`ingest::split`), passed over as bytes.
fn load_in_parts(files: &[InputFile]) -> Engine {
    let options = ImportOptions::default();
    let sizes: Vec<(u64, bool)> = files
        .iter()
        .map(|f| {
            let first = &f.bytes[..f.bytes.len().min(split::FIRST_BYTES)];
            (
                f.bytes.len() as u64,
                split::splittable(&f.name, first, &options),
            )
        })
        .collect();
    let mut heads = Vec::new();
    let mut inputs = Vec::new();
    let mut jobs = Vec::new();
    for (file, cut) in files.iter().zip(split::plan(&sizes)) {
        let start = cut.and_then(|at| split::split_point(&file.bytes[at as usize..], at));
        match start {
            Some(start) => {
                let size = file.bytes.len() as u64;
                let first =
                    split::whole_lines(&file.bytes[..file.bytes.len().min(split::FIRST_BYTES)]);
                jobs.push((
                    file.name.clone(),
                    first,
                    &file.bytes[start as usize..],
                    start,
                ));
                heads.push(Head {
                    name: file.name.clone(),
                    start,
                    size,
                });
                inputs.push(InputFile {
                    name: file.name.clone(),
                    bytes: file.bytes[..start as usize].to_vec(),
                });
            }
            None => inputs.push(file.clone()),
        }
    }
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (name, first, tail, start) in jobs {
                let bytes = split::import_tail(&name, first, tail, start, &options)
                    .and_then(|t| t.to_bytes());
                let _ = send.send(bytes);
            }
        });
        // Every file but the first is given when the import reaches it, as the worker does.
        let mut later: Vec<InputFile> = inputs.drain(1..).collect();
        let names = later.iter().map(|f| f.name.clone()).collect();
        let unread = later.iter().map(|f| InputFile {
            name: f.name.clone(),
            bytes: Vec::new(),
        });
        inputs.extend(unread);
        let mut engine = Engine::new();
        let mut step = engine.load_in_parts(inputs, heads, names);
        loop {
            step = match step {
                LoadStep::Done(_) => return engine,
                LoadStep::NeedBytes(name) => {
                    let at = later.iter().position(|f| f.name == name);
                    let bytes = at.map(|at| later.remove(at).bytes).unwrap_or_default();
                    engine.give_bytes(&name, bytes)
                }
                LoadStep::NeedTail(_) => {
                    let tail = receive
                        .recv()
                        .map_err(|e| e.to_string())
                        .and_then(|bytes| bytes)
                        .and_then(|bytes| Tail::from_bytes(&bytes));
                    match tail {
                        Ok(tail) => engine.append_tail(tail),
                        Err(why) => LoadStep::Whole(why),
                    }
                }
                LoadStep::Whole(why) => panic!("the parts were refused: {why}"),
            };
        }
    })
}
