//! Shared helpers for the article-extraction benchmark (used by the
//! `article_benchmark` integration test and the `article_bench` example).
//!
//! The benchmark pages are third-party and are read from the shared folder at
//! run time; nothing from them is stored in the repository.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Default location of the benchmark folder, relative to this crate.
pub const DEFAULT_BENCH_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/bench/article-extraction"
);

/// One benchmark page: its id, HTML and the expected article body.
pub struct Page {
    /// File stem (sha256 of the page).
    pub id: String,
    /// Source URL from the ground truth.
    pub url: String,
    /// Decoded HTML.
    pub html: String,
    /// Hand-checked article body.
    pub truth: String,
}

/// Precision, recall and F1 of one page.
#[derive(Clone, Copy, Debug, Default)]
pub struct Score {
    /// overlap / extracted words
    pub precision: f64,
    /// overlap / ground-truth words
    pub recall: f64,
    /// harmonic mean of the two
    pub f1: f64,
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Scores extracted text against the truth: lower-cased whitespace-split
/// words, multiset overlap; a page with no output scores 0.
pub fn score(extracted: &str, truth: &str) -> Score {
    let ex = words(extracted);
    let tr = words(truth);
    let n_ex: usize = ex.values().sum();
    let n_tr: usize = tr.values().sum();
    if n_ex == 0 || n_tr == 0 {
        return Score::default();
    }
    let overlap: usize = ex
        .iter()
        .map(|(w, c)| (*c).min(tr.get(w).copied().unwrap_or(0)))
        .sum();
    let precision = overlap as f64 / n_ex as f64;
    let recall = overlap as f64 / n_tr as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Score {
        precision,
        recall,
        f1,
    }
}

/// Loads all pages of the benchmark folder `dir`.
pub fn load_pages(dir: &Path) -> Result<Vec<Page>, String> {
    let gt_path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&gt_path)
        .map_err(|e| format!("cannot read {}: {e}", gt_path.display()))?;
    let gt: HashMap<String, serde_json::Value> =
        serde_json::from_str(&raw).map_err(|e| format!("bad ground truth JSON: {e}"))?;
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let entry = &gt[id];
        let truth = entry
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let url = entry
            .get("url")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let path: PathBuf = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot gunzip {}: {e}", path.display()))?;
        let html = String::from_utf8_lossy(&bytes).into_owned();
        pages.push(Page {
            id: id.clone(),
            url,
            html,
            truth,
        });
    }
    Ok(pages)
}
