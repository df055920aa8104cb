use engine::api::{Engine, InputFile, Query, Request};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let files: Vec<InputFile> = [
        "customers.csv",
        "deals.csv",
        "orders.csv",
        "surveys.csv",
        "spend.csv",
    ]
    .iter()
    .map(|n| InputFile {
        name: n.to_string(),
        bytes: std::fs::read(format!("{dir}/{n}")).unwrap(),
    })
    .collect();
    let mut engine = Engine::new();
    engine.handle(Request::Load(files));
    let mut q = Query::default();
    q.filters.owner = vec!["Alice Chen".into()];
    let t = std::time::Instant::now();
    for _ in 0..40 {
        std::hint::black_box(engine.report(&q));
    }
    println!("{:?} per re-filter", t.elapsed() / 40);
}
