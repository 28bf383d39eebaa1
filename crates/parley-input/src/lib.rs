//! Documents as parley reads them, and their preparation for extraction.
//!
//! This is the one place that decides how a record becomes a [`RawDoc`] (parley's JSON field
//! names and the news-please/CC-NEWS ones, ids, outlets, headlines) and how a [`RawDoc`] becomes
//! the [`Document`] the extractor reads (HTML cleaning, plain-text boilerplate removal,
//! publication-date detection). The `parley` command and the Python package both call it, so
//! `parley.extract` and `parley extract --format jsonl` cannot drift apart. Reading files,
//! directories, WARC, gzip and Parquet stays in the command (`parley-cli`'s `input` module).

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use parley_core::{Document, PublishedSource};
use serde::Deserialize;

/// A document as read, before cleaning.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    /// The id events will carry.
    pub id: String,
    /// Text or HTML as read.
    pub raw: String,
    /// True when `raw` is HTML.
    pub html: bool,
    /// Publication date given with the document.
    pub published: Option<NaiveDate>,
    /// A date to fall back on when neither the input nor the page says when it was published
    /// (a WARC record's capture date).
    pub fallback_published: Option<NaiveDate>,
    /// The bytes were not valid UTF-8 and were decoded lossily.
    pub lossy: bool,
    /// URL, when the input says.
    pub url: Option<String>,
    /// The outlet that published it: the input's outlet or domain field, else the URL's host.
    pub outlet: Option<String>,
    /// Headline, when the input gives one apart from the text.
    pub title: Option<String>,
    /// Bytes read for this document.
    pub bytes: u64,
}

/// A JSON document record: parley's own field names and news-please/CC-NEWS ones.
#[derive(Debug, Deserialize)]
pub struct JsonDoc {
    /// Document id.
    pub id: Option<serde_json::Value>,
    /// Article text.
    pub text: Option<String>,
    /// news-please: article text.
    pub maintext: Option<String>,
    /// HTML, when the record carries a page instead of text.
    pub html: Option<String>,
    /// Publication date ("YYYY-MM-DD" or a timestamp).
    pub published: Option<String>,
    /// news-please: publication timestamp.
    pub date_publish: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// news-please: outlet domain.
    pub source_domain: Option<String>,
}

/// The outlet of a URL: its host without "www.".
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|x| x.1)?;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .split('@')
        .next_back()?
        .split(':')
        .next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Blank strings count as absent: scraped records often carry `""` or `" "` for missing fields.
fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|x| !x.trim().is_empty())
}

/// Parses a publication date given with a document ("YYYY-MM-DD" or an ISO timestamp).
pub fn parse_published(s: &str) -> Result<NaiveDate> {
    parley_time::parse_iso_date(s)
        .ok_or_else(|| anyhow!("publication date {s:?} is not a date (expected YYYY-MM-DD)"))
}

impl JsonDoc {
    /// Parses one JSON document record; an error names `where_`.
    pub fn parse(text: &str, where_: &str) -> Result<JsonDoc> {
        serde_json::from_str(text).with_context(|| format!("{where_}: not a JSON document record"))
    }

    /// Turns a record into a [`RawDoc`]; `fallback_id` is used when it has no id or URL.
    pub fn into_raw(self, fallback_id: String, where_: &str) -> Result<RawDoc> {
        let url = non_empty(self.url);
        let id = match self.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => url.clone().unwrap_or(fallback_id),
        };
        let published = match self.published.as_deref().or(self.date_publish.as_deref()) {
            None | Some("") => None,
            // One message, not a chain: the place first, then what is wrong.
            Some(s) => Some(parse_published(s).map_err(|e| anyhow!("{where_}: {e}"))?),
        };
        let (raw, html) = match (self.text.or(self.maintext), self.html) {
            (Some(t), _) => (t, false),
            (None, Some(h)) => (h, true),
            (None, None) => {
                bail!("{where_}: the record has no \"text\", \"maintext\" or \"html\" field")
            }
        };
        let title = non_empty(self.title);
        // The headline often states the event in the fewest words: keep it with the text.
        let raw = match &title {
            Some(t) if !html && !raw.trim_start().starts_with(t.trim()) => {
                format!("{}\n\n{}", t.trim(), raw)
            }
            _ => raw,
        };
        let outlet = non_empty(self.outlet)
            .or_else(|| non_empty(self.source_domain))
            .or_else(|| url.as_deref().and_then(host_of));
        Ok(RawDoc {
            id,
            raw,
            html,
            published,
            url,
            outlet,
            title,
            ..RawDoc::default()
        })
    }
}

/// True when the bytes look binary: a NUL byte in the first 8 KiB (text, HTML and JSON have
/// none, and looking further would cost a full scan of large files).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes
        .get(..bytes.len().min(8192))
        .unwrap_or(&[])
        .contains(&0)
}

/// Decodes bytes as UTF-8, lossily when needed (the flag says so); refuses binary data.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<(String, bool)> {
    if looks_binary(&bytes) {
        bail!("{name}: looks like a binary file (it contains NUL bytes), not text, HTML or JSON");
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, false)),
        Err(e) => Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
    }
}

/// Cleans a raw document into the text extraction reads, with its publication date (given,
/// from HTML metadata, detected in the text header, or the fallback date).
pub fn prepare(raw: &RawDoc) -> Result<Document> {
    let (text, meta_published) = if raw.html {
        let article = parley_clean::html_to_article(&raw.raw).map_err(|e| {
            anyhow::anyhow!("{}: cannot extract article text from HTML: {e}", raw.id)
        })?;
        let text = match &article.title {
            Some(t) if !t.trim().is_empty() && !article.text.trim_start().starts_with(t.trim()) => {
                format!("{}\n\n{}", t.trim(), article.text)
            }
            _ => article.text.clone(),
        };
        let published = article
            .published
            .as_deref()
            .and_then(parley_time::parse_iso_date);
        (text, published)
    } else {
        (parley_clean::clean_plain_text(&raw.raw), None)
    };
    let mut doc = Document::new(raw.id.clone(), text, raw.published.or(meta_published));
    if raw.published.is_none() && meta_published.is_some() {
        doc.published_source = PublishedSource::Detected("HTML metadata");
    }
    // Bylines and datelines live in the header, which cleaning may drop: detect on the raw text.
    if raw.html {
        let header = doc.text.clone();
        doc.detect_published(&header);
    } else {
        doc.detect_published(&raw.raw);
    }
    if doc.published.is_none() {
        if let Some(d) = raw.fallback_published {
            doc.published = Some(d);
            doc.published_source = PublishedSource::Detected("WARC-Date (capture date)");
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record read as a JSONL line is read, failing the test with the error otherwise.
    fn line(text: &str, fallback: &str) -> Result<RawDoc> {
        JsonDoc::parse(text, fallback).and_then(|r| r.into_raw(fallback.into(), fallback))
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.Example.com:443/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("no url"), None);
    }

    #[test]
    fn numeric_ids_are_written_in_decimal() {
        let raw = line(r#"{"id": 42, "text": "x"}"#, "f:1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.id, "42");
    }

    #[test]
    fn fallback_id_when_no_id_or_url() {
        let raw = line(r#"{"text": "x"}"#, "f:7").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.id, "f:7");
    }

    #[test]
    fn title_is_prepended_once() {
        let raw = line(r#"{"id":"a","title":"T","text":"T body"}"#, "f")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.raw, "T body");
        assert_eq!(raw.title.as_deref(), Some("T"));
        let raw =
            line(r#"{"id":"a","title":"T","text":"body"}"#, "f").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.raw, "T\n\nbody");
        let raw = line(
            r#"{"id":"","title":" ","url":"https://www.x.org/a","text":"b"}"#,
            "f",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (raw.id.as_str(), raw.raw.as_str()),
            ("https://www.x.org/a", "b")
        );
        assert_eq!((raw.title, raw.outlet.as_deref()), (None, Some("x.org")));
    }

    #[test]
    fn errors_name_the_place_once() {
        let e = |text: &str| match line(text, "f:3") {
            Ok(r) => panic!("read {r:?}"),
            Err(e) => format!("{e:#}"),
        };
        assert_eq!(
            e(r#"{"id":"a","text":"x","published":"soon"}"#),
            "f:3: publication date \"soon\" is not a date (expected YYYY-MM-DD)"
        );
        assert_eq!(
            e(r#"{"id":"a"}"#),
            "f:3: the record has no \"text\", \"maintext\" or \"html\" field"
        );
        assert!(e("not json").starts_with("f:3: not a JSON document record: "));
    }

    #[test]
    fn decoding() {
        let ok = decode(b"caf\xc3\xa9".to_vec(), "n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ok, ("café".to_string(), false));
        let lossy = decode(b"caf\xe9".to_vec(), "n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lossy, ("caf\u{fffd}".to_string(), true));
        assert!(decode(b"a\0b".to_vec(), "n").is_err());
        assert!(!looks_binary(b""));
    }

    #[test]
    fn fallback_date_only_when_nothing_else_dates_the_document() {
        let capture = NaiveDate::from_ymd_opt(2024, 5, 2);
        let raw = RawDoc {
            id: "d".into(),
            raw: "Leaders met in Geneva.".into(),
            fallback_published: capture,
            ..RawDoc::default()
        };
        let doc = prepare(&raw).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.published, capture);
        let given = NaiveDate::from_ymd_opt(2023, 1, 9);
        let doc = prepare(&RawDoc {
            published: given,
            ..raw
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.published, given);
    }
}
