#[path = "../tests/common/mod.rs"]
mod common;
fn main() {
    let pages = common::load_pages(std::path::Path::new(common::DEFAULT_BENCH_DIR)).unwrap();
    let mut out = Vec::new();
    for p in &pages {
        let c = parley_clean::debug_candidates(&p.html);
        out.push(serde_json::json!({"id": p.id, "url": p.url, "truth": p.truth, "cands": c}));
    }
    std::fs::write("/tmp/x/cands.json", serde_json::to_string(&out).unwrap()).unwrap();
}
