//! Article-extraction benchmark for `html_to_article`.
//!
//! ```text
//! cargo run --release -p parley-clean --example article_bench -- [DIR] [--worst N]
//! ```
//!
//! DIR holds `ground-truth.json` and `html/<id>.html.gz` (default: the shared
//! benchmark folder next to the repository). Prints the mean precision, recall
//! and F1 over the pages (lower-cased whitespace-split words, multiset overlap;
//! a page with no output scores 0), the single-thread throughput in MB/s of
//! HTML, and optionally the N worst pages.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let mut dir = PathBuf::from(common::DEFAULT_BENCH_DIR);
    let mut worst = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--worst" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => worst = n,
                None => {
                    eprintln!("--worst needs a number");
                    return ExitCode::FAILURE;
                }
            },
            "-h" | "--help" => {
                println!("usage: article_bench [DIR] [--worst N]");
                return ExitCode::SUCCESS;
            }
            _ => dir = PathBuf::from(arg),
        }
    }
    let pages = match common::load_pages(&dir) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("no pages in {}", dir.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };

    let mut elapsed = Duration::ZERO;
    let mut bytes = 0usize;
    let mut rows = Vec::with_capacity(pages.len());
    for page in &pages {
        let start = Instant::now();
        let text = parley_clean::html_to_article(&page.html)
            .map(|a| a.text)
            .unwrap_or_default();
        elapsed += start.elapsed();
        bytes += page.html.len();
        rows.push((common::score(&text, &page.truth), page));
    }
    let n = rows.len() as f64;
    let mean = |f: fn(&common::Score) -> f64| rows.iter().map(|(s, _)| f(s)).sum::<f64>() / n;
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!("pages      {}", rows.len());
    println!("precision  {:.4}", mean(|s| s.precision));
    println!("recall     {:.4}", mean(|s| s.recall));
    println!("F1         {:.4}", mean(|s| s.f1));
    println!(
        "throughput {:.2} MB/s ({:.1} MB of HTML in {:.2} s, one thread)",
        bytes as f64 / 1e6 / secs,
        bytes as f64 / 1e6,
        secs
    );
    if worst > 0 {
        rows.sort_by(|a, b| a.0.f1.total_cmp(&b.0.f1));
        println!("\nworst pages (F1 P R id url):");
        for (s, page) in rows.iter().take(worst) {
            println!(
                "{:.3} {:.3} {:.3} {} {}",
                s.f1,
                s.precision,
                s.recall,
                page.id.get(..12).unwrap_or(&page.id),
                page.url
            );
        }
    }
    ExitCode::SUCCESS
}
