//! Runs extraction over one plain-text file (no cleaning): `cargo run -p parley-core --example devrun -- FILE [YYYY-MM-DD]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else { eprintln!("usage: devrun FILE [YYYY-MM-DD]"); return };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let published = args.get(2).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let ex = match parley_core::Extractor::builtin() { Ok(e) => e, Err(e) => { eprintln!("{e}"); return } };
    let mut doc = parley_core::Document::new(path.clone(), text.clone(), published);
    doc.detect_published(&text);
    for e in ex.extract(&doc) {
        let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
        println!("{} {:?} {:?} {} {:?} init={:?} attr={:?} | {}", e.kind.as_str(), names, e.date.value, e.status.as_str(), e.location.as_ref().map(|l| &l.name), e.initiator, e.attributed_to, e.evidence.first().map(|x| x.text.chars().take(80).collect::<String>()).unwrap_or_default());
    }
}
