//! Development helper: runs extraction over one plain-text file (no boilerplate cleaning) and
//! prints the events as JSON lines: `cargo run -p parley-core --example devrun -- FILE [YYYY-MM-DD]`.
//! `parley extract` is the real command; this exists to debug the core alone.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: devrun FILE [YYYY-MM-DD]");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let published = args
        .get(2)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let ex = match parley_core::Extractor::builtin() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let mut doc = parley_core::Document::new(path.clone(), text.clone(), published);
    doc.detect_published(&text);
    for e in ex.extract(&doc) {
        println!("{}", serde_json::to_string(&e).unwrap_or_default());
    }
}
