//! Article extraction from HTML.
//!
//! Two well-kept extractors run on each page: `trafilatura` (rule- and
//! heuristics-based, tuned for precision, here in its recall mode) and
//! `dom_smoothie` (a port of Mozilla's readability.js, which keeps the whole
//! content container and so has high recall). They fail differently, so their
//! paragraphs are merged by agreement:
//!
//! 1. readability's paragraphs that trafilatura also found (by word 3-gram
//!    overlap) mark the article; the span from the first to the last of them is
//!    the body;
//! 2. inside that span, paragraphs trafilatura skipped are kept only if they are
//!    prose (long enough, ending like a sentence, not a caption or heading);
//! 3. right before and after the span, adjacent prose paragraphs extend it
//!    (trafilatura sometimes stops early);
//! 4. trafilatura's own paragraphs outside readability's output (mostly titles
//!    and teasers) are not used.
//!
//! When one extractor finds nothing, the other one's output is used. The result
//! then goes through the boilerplate line rules shared with plain text.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_query::Document;

use crate::meta;
use crate::plain::{clean_lines, norm_words};
use crate::render::{render_fragment, Block};
use crate::sanitize::limit_depth;
use crate::{Article, CleanError};

/// Share of a paragraph's 3-grams found in the other output to count as shared.
const COVERED: f64 = 0.5;
/// Minimum words of an unshared paragraph inside the body span.
const INNER_PROSE_WORDS: usize = 15;
/// Minimum words of a paragraph extending the body span.
const OUTER_PROSE_WORDS: usize = 25;
/// Elements whose text is never body prose.
const NON_PROSE_TAGS: &[&str] = &[
    "figcaption",
    "figure",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "nav",
    "aside",
    "footer",
    "header",
    "caption",
];

/// True if the block reads like a paragraph of running text.
fn is_prose(block: &Block, min_words: usize) -> bool {
    let text = block.text.trim_end();
    text.split_whitespace().count() >= min_words
        && !NON_PROSE_TAGS.contains(&block.tag.as_str())
        && text.chars().last().is_some_and(|c| {
            matches!(
                c,
                '.' | '!'
                    | '?'
                    | '…'
                    | '"'
                    | '”'
                    | '’'
                    | '»'
                    | ')'
                    | ']'
                    | ':'
                    | ';'
                    | '。'
                    | '！'
                    | '？'
            )
        })
}

/// Hashed word 3-grams of a text (one hash for texts of one or two words).
fn shingles(text: &str) -> Vec<u64> {
    let words = norm_words(text);
    let hash = |ws: &[String]| {
        let mut h = DefaultHasher::new();
        ws.hash(&mut h);
        h.finish()
    };
    match words.len() {
        0 => Vec::new(),
        1 | 2 => vec![hash(&words)],
        _ => words.windows(3).map(hash).collect(),
    }
}

/// For each block, the share of its 3-grams present in `reference`.
fn coverage(blocks: &[Block], reference: &[Block]) -> Vec<f64> {
    let set: HashSet<u64> = reference.iter().flat_map(|b| shingles(&b.text)).collect();
    blocks
        .iter()
        .map(|b| {
            let s = shingles(&b.text);
            if s.is_empty() {
                0.0
            } else {
                s.iter().filter(|h| set.contains(h)).count() as f64 / s.len() as f64
            }
        })
        .collect()
}

/// Merges the two extractions as described in the module documentation.
fn merge(traf: Vec<Block>, smoothie: Vec<Block>) -> Vec<Block> {
    if smoothie.is_empty() {
        return traf;
    }
    if traf.is_empty() {
        return smoothie;
    }
    let cov = coverage(&smoothie, &traf);
    let shared: Vec<usize> = (0..smoothie.len())
        .filter(|&i| cov.get(i).is_some_and(|&c| c >= COVERED))
        .collect();
    let (Some(&first), Some(&last)) = (shared.first(), shared.last()) else {
        return traf;
    };
    let mut keep = vec![false; smoothie.len()];
    for (i, k) in keep.iter_mut().enumerate().take(last + 1).skip(first) {
        let b = smoothie.get(i);
        *k = cov.get(i).is_some_and(|&c| c >= COVERED)
            || b.is_some_and(|b| is_prose(b, INNER_PROSE_WORDS));
    }
    for i in (0..first).rev() {
        match (smoothie.get(i), keep.get_mut(i)) {
            (Some(b), Some(k)) if is_prose(b, OUTER_PROSE_WORDS) => *k = true,
            _ => break,
        }
    }
    for i in last + 1..smoothie.len() {
        match (smoothie.get(i), keep.get_mut(i)) {
            (Some(b), Some(k)) if is_prose(b, OUTER_PROSE_WORDS) => *k = true,
            _ => break,
        }
    }
    smoothie
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

/// Runs trafilatura (recall mode) and renders its content; also returns its title.
fn trafilatura_blocks(html: &str) -> (Vec<Block>, Option<String>) {
    let opts = trafilatura::Options::default()
        .with_focus(trafilatura::ExtractionFocus::FavorRecall)
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled);
    let result = catch_unwind(AssertUnwindSafe(|| trafilatura::extract(html, &opts)));
    match result {
        Ok(Ok(r)) => {
            let title = Some(r.metadata.title.trim().to_string()).filter(|t| !t.is_empty());
            (render_fragment(&r.content_html), title)
        }
        _ => (Vec::new(), None),
    }
}

/// Runs dom_smoothie on a parsed document and renders its content; also
/// returns its title.
fn smoothie_blocks(doc: Document) -> (Vec<Block>, Option<String>) {
    let result = catch_unwind(AssertUnwindSafe(move || {
        let mut r = dom_smoothie::Readability::with_document(doc, None, None)?;
        r.parse()
    }));
    match result {
        Ok(Ok(a)) => {
            let title = Some(a.title.trim().to_string()).filter(|t| !t.is_empty());
            (render_fragment(&a.content), title)
        }
        _ => (Vec::new(), None),
    }
}

/// Removes paragraphs that only repeat the title, then applies the shared
/// boilerplate line rules.
fn post_process(blocks: Vec<Block>, title: Option<&str>) -> String {
    let title_words = title.map(norm_words).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        if !title_words.is_empty() && norm_words(&b.text) == title_words {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(b.text.lines().map(str::to_string));
    }
    let kept = clean_lines(&lines, true);
    // Paragraphs are separated by one empty line; lines inside a paragraph by "\n".
    kept.split(String::is_empty)
        .map(|p| p.join("\n"))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// See [`crate::html_to_article`].
pub(crate) fn html_to_article(html: &str) -> Result<Article, CleanError> {
    let html = limit_depth(html);
    let html: &str = &html;
    let doc =
        catch_unwind(AssertUnwindSafe(|| Document::from(html))).map_err(|_| CleanError::Parse)?;
    let published = meta::published(&doc);
    let url = meta::canonical_url(&doc);
    let page_title = meta::fallback_title(&doc);

    let (smoothie, smoothie_title) = smoothie_blocks(doc);
    let (traf, traf_title) = trafilatura_blocks(html);
    let title = traf_title.or(smoothie_title).or(page_title);

    let text = post_process(merge(traf, smoothie), title.as_deref());
    if text.trim().is_empty() {
        return Err(CleanError::NoContent);
    }
    Ok(Article {
        text,
        title,
        published,
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(tag: &str, text: &str) -> Block {
        Block {
            tag: tag.to_string(),
            text: text.to_string(),
        }
    }

    const P1: &str = "The two foreign ministers met in Vienna on Monday to discuss the draft peace treaty and border issues.";
    const P2: &str = "Officials said the talks lasted four hours and that a further round would take place next month in Geneva.";
    const P3: &str = "Both delegations described the atmosphere as constructive and businesslike, although no joint statement was released afterwards by either side and the next date remains open.";

    #[test]
    fn merge_keeps_shared_span_and_prose_neighbours() {
        let smoothie = vec![
            block("li", "Home"),
            block("p", P1),
            block("figcaption", "The ministers in Vienna."),
            block("p", P2),
            block("p", P3),
            block("h3", "Related"),
            block(
                "p",
                "Another story entirely about something else happening elsewhere today.",
            ),
        ];
        let traf = vec![
            block("h1", "Ministers meet"),
            block("p", P1),
            block("p", P2),
        ];
        let merged = merge(traf, smoothie);
        let texts: Vec<&str> = merged.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec![P1, P2, P3]);
    }

    #[test]
    fn merge_falls_back_when_one_side_is_empty() {
        let only = vec![block("p", P1)];
        assert_eq!(merge(only.clone(), Vec::new()), only);
        assert_eq!(merge(Vec::new(), only.clone()), only);
    }

    #[test]
    fn title_paragraph_is_removed() {
        let text = post_process(
            vec![block("h1", "Ministers meet in Vienna"), block("p", P1)],
            Some("Ministers Meet in Vienna"),
        );
        assert_eq!(text, P1);
    }
}
