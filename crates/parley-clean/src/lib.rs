//! Article text from news pages.
//!
//! * [`html_to_article`] extracts the main text of an HTML page (without
//!   navigation, related-article blocks, share buttons, comments, captions…)
//!   together with its title, publication date and canonical URL.
//! * [`clean_plain_text`] removes the same kinds of boilerplate from articles
//!   that were already scraped to plain text, driven by the rules in
//!   `data/boilerplate.toml`.
//! * [`looks_like_html`] tells the two cases apart when a file's extension
//!   cannot be trusted.
//!
//! None of these functions panic on malformed input.

#![warn(missing_docs)]

mod boilerplate;
mod html;
mod meta;
mod plain;
mod prefilter;
mod render;
mod sanitize;

/// Article text and metadata extracted from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// Main text of the article, paragraphs separated by `"\n\n"` (line breaks
    /// inside a paragraph are `"\n"`). The headline is not included.
    pub text: String,
    /// Headline of the page, if one was found.
    pub title: Option<String>,
    /// Publication date as `"YYYY-MM-DD"`, from meta tags, JSON-LD or `<time>`
    /// elements, if present.
    pub published: Option<String>,
    /// Canonical URL (`<link rel="canonical">` or `og:url`), if present and absolute.
    pub url: Option<String>,
}

/// Errors of this crate.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CleanError {
    /// The page has no article text that could be extracted.
    #[error("no article text found in the HTML page")]
    NoContent,
    /// The HTML parser failed on the page.
    #[error("the HTML page could not be parsed")]
    Parse,
    /// The boilerplate rule file is invalid.
    #[error("invalid boilerplate rules: {0}")]
    Rules(String),
}

/// Extracts the main article text and metadata from an HTML page.
///
/// Paragraphs of the text are separated by `"\n\n"`.
///
/// # Errors
///
/// [`CleanError::NoContent`] if no article text could be found (for example an
/// empty page or a page that is only navigation).
pub fn html_to_article(html: &str) -> Result<Article, CleanError> {
    html::html_to_article(html)
}

/// Tags whose presence near the start of a text marks it as HTML.
const HTML_MARKERS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta ",
    "<title>",
    "<div",
    "<p>",
    "<p ",
    "<script",
    "<article",
    "<span",
    "<table",
    "<link ",
    "<br",
    "<a href",
];

/// How many bytes from the start are sniffed.
const SNIFF_BYTES: usize = 4096;

/// Tells whether a text is HTML rather than plain text, for files whose
/// extension cannot be trusted.
///
/// Looks at the first few kilobytes: a text starting with `<` (after
/// whitespace and a byte-order mark) followed by a known HTML tag or doctype,
/// or containing several HTML tags, is HTML.
pub fn looks_like_html(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default().to_ascii_lowercase();
    if head.starts_with('<')
        && (head.starts_with("<?xml")
            || head.starts_with("<!--")
            || HTML_MARKERS.iter().any(|m| head.starts_with(m)))
        && HTML_MARKERS.iter().any(|m| head.contains(m))
    {
        return true;
    }
    let tags = HTML_MARKERS.iter().filter(|m| head.contains(*m)).count();
    let closing = head.matches("</").count();
    tags >= 2 && closing >= 2
}

/// Removes boilerplate from a scraped plain-text article.
///
/// Driven by the rules in `data/boilerplate.toml`, it removes breadcrumb and
/// section-label lines, lines repeated in the header (keeping the first) and
/// titles repeated on one line, share/subscribe lines, photo and source
/// credits, calendar or clock widgets, footer disclaimers (and what follows
/// them), and "Related articles"-style blocks after the body. It keeps the
/// headline once, datelines, bylines with dates, captions that are sentences,
/// and the body. Whitespace inside lines is collapsed and runs of blank lines
/// become one.
pub fn clean_plain_text(text: &str) -> String {
    plain::clean_plain_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html(
            "\u{feff}\n  <html lang=\"en\"><head></head></html>"
        ));
        assert!(looks_like_html(
            "Saved page\n<div class=a><p>Text</p></div><span>b</span>"
        ));
        assert!(!looks_like_html(
            "Ministers met in Vienna.\n\nThey agreed on x < y."
        ));
        assert!(!looks_like_html("Use the <p> tag for paragraphs."));
        assert!(!looks_like_html(""));
        assert!(!looks_like_html(&"é".repeat(5000)));
    }
}
