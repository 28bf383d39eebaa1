fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let which = std::env::args().nth(2).unwrap();
    let tag = std::env::args().nth(3).unwrap_or("div".into());
    let html = format!("<html><body>{}<p>Hello world text here.</p>{}</body></html>", format!("<{tag}>").repeat(n), format!("</{tag}>").repeat(n));
    let t = std::time::Instant::now();
    match which.as_str() {
        "traf" => { let r = trafilatura::extract(&html, &trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorRecall)); println!("{:?}", r.map(|r| r.content_text.len())); }
        "ds" => { let r = dom_smoothie::Readability::new(html.as_str(), None, None).and_then(|mut r| r.parse()); println!("{:?}", r.map(|a| a.text_content.len())); }
        "dq" => { let d = dom_query::Document::from(html.as_str()); println!("{}", d.root().descendants_it().count()); }
        _ => {}
    }
    println!("{:?}", t.elapsed());
}
