//! `clean_plain_text` on the scraped articles of the shared dev set
//! (third-party texts, read in place; never copied into the repository).
//!
//! The checks are generic properties, not expected outputs: body sentences
//! survive, dated header lines survive, boilerplate of the kinds handled by
//! `data/boilerplate.toml` is gone, and no line appears twice.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use regex::Regex;

const DOCS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/dev/docs");

/// Headings after which the rest of a page is not article text.
const TAIL_HEADINGS: &[&str] = &["related articles", "read also", "related", "read more"];

/// Fragments of boilerplate that must not survive.
const FORBIDDEN: &[&str] = &[
    "Opinions expressed are those of",
    "website contains only a portion of the news stories",
    "kaynağından gelmektedir",
    "Haber metninde yer alan görüşler",
    "görüş üstlenmemektedir",
    "FILE PHOTO",
];

fn doc_paths() -> Option<Vec<PathBuf>> {
    let dir = Path::new(DOCS_DIR);
    if !dir.is_dir() {
        let msg = format!("dev docs folder {} is missing", dir.display());
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg} (CI=true: the shared dev data must be present)");
        }
        eprintln!("skipping: {msg}");
        return None;
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .txt files in {}", dir.display());
    Some(paths)
}

fn tidy(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Input lines that are clearly article sentences: long, ending like a
/// sentence, before any "Related articles"-style heading, and not a disclaimer.
fn body_sentences(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in input.lines().map(tidy) {
        if TAIL_HEADINGS.contains(&line.to_lowercase().as_str()) {
            break;
        }
        let long = line.split_whitespace().count() >= 15;
        let ends = line.ends_with(['.', '"', '”', '!', '?']);
        let disclaimer = FORBIDDEN.iter().any(|f| line.contains(f))
            || line.to_lowercase().contains("opinions expressed");
        if long && ends && !disclaimer {
            out.push(line);
        }
    }
    out
}

#[test]
fn dev_docs_are_cleaned() {
    let Some(paths) = doc_paths() else { return };
    let numeric_date = Regex::new(r"\b(\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2})\b")
        .unwrap_or_else(|e| panic!("{e}"));
    let text_date = Regex::new(r"^\d{1,2} \p{L}+ \d{4}$").unwrap_or_else(|e| panic!("{e}"));
    let breadcrumb = Regex::new(r"^(?i)home\s*[/>»›]").unwrap_or_else(|e| panic!("{e}"));
    let credit = Regex::new(r"^(?i)(photo|source)\s*:").unwrap_or_else(|e| panic!("{e}"));

    for path in paths {
        let name = path.display().to_string();
        let input =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        let output = parley_clean::clean_plain_text(&input);
        assert!(!output.trim().is_empty(), "{name}: empty output");
        assert!(output.len() <= input.len(), "{name}: output grew");
        let out_lines: Vec<&str> = output.lines().filter(|l| !l.trim().is_empty()).collect();
        let out_set: HashSet<&str> = out_lines.iter().copied().collect();

        // No line appears twice.
        assert_eq!(
            out_set.len(),
            out_lines.len(),
            "{name}: a line is repeated:\n{output}"
        );

        // Boilerplate is gone.
        for line in &out_lines {
            for f in FORBIDDEN {
                assert!(!line.contains(f), "{name}: boilerplate survived: {line}");
            }
            assert!(
                !breadcrumb.is_match(line),
                "{name}: breadcrumb survived: {line}"
            );
            assert!(
                !credit.is_match(line),
                "{name}: credit line survived: {line}"
            );
            assert!(
                !TAIL_HEADINGS.contains(&line.to_lowercase().as_str()),
                "{name}: related heading survived: {line}"
            );
            assert!(
                line.matches(" : ").count() < 3,
                "{name}: calendar widget survived: {line}"
            );
            assert!(
                line.chars().any(char::is_alphanumeric),
                "{name}: symbol-only line survived: {line}"
            );
        }

        // Every body sentence survives, as a whole line.
        for sentence in body_sentences(&input) {
            assert!(
                out_set.contains(sentence.as_str()),
                "{name}: body line lost: {sentence}"
            );
        }
        // Nothing after a "Related articles" heading survives.
        let lower: Vec<String> = input.lines().map(|l| tidy(l).to_lowercase()).collect();
        if let Some(cut) = lower
            .iter()
            .position(|l| TAIL_HEADINGS.contains(&l.as_str()))
        {
            for line in input.lines().skip(cut).map(tidy).filter(|l| l.len() > 20) {
                assert!(
                    !out_set.contains(line.as_str()),
                    "{name}: related block survived: {line}"
                );
            }
        }

        // Dated lines of the header (bylines, datelines) survive, unless they
        // are calendar widgets.
        for line in input.lines().take(12).map(tidy) {
            let dated = numeric_date.is_match(&line) || text_date.is_match(&line);
            if dated && line.matches(" : ").count() < 3 && !line.is_empty() {
                assert!(
                    out_set.contains(line.as_str()),
                    "{name}: dated line lost: {line}"
                );
            }
        }

        // A headline repeated in the header survives exactly once.
        let header: Vec<String> = input.lines().take(10).map(tidy).collect();
        for line in &header {
            let words = line.split_whitespace().count();
            let repeated = header.iter().filter(|l| *l == line).count() >= 2;
            if repeated && (4..=20).contains(&words) {
                assert_eq!(
                    out_lines.iter().filter(|l| **l == line.as_str()).count(),
                    1,
                    "{name}: headline not kept once: {line}"
                );
            }
        }
    }
}
