use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    for name in ["customers.csv", "deals.csv", "orders.csv", "surveys.csv"] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let mb = bytes.len() as f64 / 1e6;
        let files = vec![engine::ingest::InputFile {
            name: name.into(),
            bytes,
        }];
        let t = Instant::now();
        let _ = engine::ingest::import(&files, &Default::default());
        let s = t.elapsed().as_secs_f64();
        println!("{name}: {:.0} ms {:.0} MB/s", s * 1e3, mb / s);
    }
}
