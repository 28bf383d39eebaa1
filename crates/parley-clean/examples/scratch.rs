#[path = "../tests/common/mod.rs"]
mod common;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or(common::DEFAULT_BENCH_DIR.to_string());
    let mode = std::env::args().nth(2).unwrap_or("traf".into());
    let pages = common::load_pages(std::path::Path::new(&dir)).unwrap();
    let mut tot = (0.0, 0.0, 0.0);
    let t = Instant::now();
    let mut bytes = 0usize;
    let mut rows = vec![];
    for p in &pages {
        bytes += p.html.len();
        let text = match mode.as_str() {
            "traf" => trafilatura::extract(&p.html, &trafilatura::Options::default()).map(|r| r.content_text).unwrap_or_default(),
            "trafrec" => trafilatura::extract(&p.html, &trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorRecall)).map(|r| r.content_text).unwrap_or_default(),
            "trafprec" => trafilatura::extract(&p.html, &trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorPrecision)).map(|r| r.content_text).unwrap_or_default(),
            "traffb" => trafilatura::extract(&p.html, &trafilatura::Options::default().with_fallback(true)).map(|r| r.content_text).unwrap_or_default(),
            "trafhtml" => trafilatura::extract(&p.html, &trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorRecall)).map(|r| r.content_html).unwrap_or_default(),
            "ds" => dom_smoothie::Readability::new(p.html.as_str(), None, Some(dom_smoothie::Config{text_mode: dom_smoothie::TextMode::Formatted, ..Default::default()})).ok().and_then(|mut r| r.parse().ok()).map(|a| a.text_content.to_string()).unwrap_or_default(),
            _ => parley_clean::html_to_article(&p.html).map(|a| a.text).unwrap_or_default(),
        };
        if let Ok(d) = std::env::var("DUMP") { let _ = std::fs::create_dir_all(&d); std::fs::write(format!("{d}/{}.{mode}.txt", &p.id[..12]), &text).unwrap(); std::fs::write(format!("{d}/{}.truth.txt", &p.id[..12]), &p.truth).unwrap(); }
        let s = common::score(&text, &p.truth);
        tot.0 += s.precision; tot.1 += s.recall; tot.2 += s.f1;
        rows.push((s, p.id.clone(), p.url.clone()));
    }
    let el = t.elapsed().as_secs_f64();
    let n = pages.len() as f64;
    println!("P {:.4} R {:.4} F1 {:.4}  {:.2} MB/s", tot.0/n, tot.1/n, tot.2/n, bytes as f64/1e6/el);
    rows.sort_by(|a,b| a.0.f1.partial_cmp(&b.0.f1).unwrap());
    if std::env::var("ALL").is_ok() { for r in rows.iter() { println!("ROW {:.4} {:.4} {:.4} {} {}", r.0.f1, r.0.precision, r.0.recall, &r.1[..12], r.2); } }
    for r in rows.iter().take(25) { println!("{:.3} {:.3} {:.3} {} {}", r.0.f1, r.0.precision, r.0.recall, &r.1[..12], r.2); }
}
