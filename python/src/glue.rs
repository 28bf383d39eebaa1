//! From a raw document to a `parley_core::Document`, exactly as the `parley` command does it.
//!
//! This mirrors `JsonDoc::into_raw` and `prepare` of `crates/parley-cli/src/input.rs`, calling the
//! same library functions in the same order, so that `parley.extract` gives the events
//! `parley extract --format jsonl` gives. It is a copy only because that logic lives in the
//! binary crate; when it moves into a library both should call the library, and this file goes.
//! The Python tests compare the two on the test corpus, so a drift fails CI.

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use parley_core::{Document, PublishedSource};
use serde::Deserialize;

/// A document as read, before cleaning (the CLI's `RawDoc`, less what only the CLI reports).
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// The id events will carry.
    pub id: String,
    /// Text or HTML as given.
    pub raw: String,
    /// True when `raw` is HTML.
    pub html: bool,
    /// Publication date given with the document.
    pub published: Option<NaiveDate>,
}

/// The metadata of a JSONL record that the Parquet output keeps beside each event.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The record's `url` (None when blank).
    pub url: Option<String>,
    /// The record's `outlet`, else news-please's `source_domain`, else the URL's host.
    pub outlet: Option<String>,
    /// The record's `title` (None when blank).
    pub title: Option<String>,
}

/// A JSON document record: parley's field names and news-please/CC-NEWS ones (the CLI's
/// `JsonDoc`; unknown fields are ignored there too).
#[derive(Debug, Deserialize)]
pub struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<String>,
    maintext: Option<String>,
    html: Option<String>,
    published: Option<String>,
    date_publish: Option<String>,
    url: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    source_domain: Option<String>,
}

/// The outlet of a URL: its host without "www." (as `parley ingest` derives it).
fn host_of(url: &str) -> Option<String> {
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

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|x| !x.trim().is_empty())
}

/// Parses a publication date the way the CLI does ("YYYY-MM-DD" or an ISO timestamp).
pub fn parse_published(s: &str) -> Result<NaiveDate> {
    parley_time::parse_iso_date(s)
        .ok_or_else(|| anyhow!("publication date {s:?} is not a date (expected YYYY-MM-DD)"))
}

/// Reads one JSONL line as the CLI reads a line of `--input` (`JsonDoc::into_raw`);
/// `fallback_id` stands in for the CLI's `FILE:LINE` when the record has neither `id` nor `url`.
pub fn raw_from_line(line: &str, fallback_id: String) -> Result<(RawDoc, Meta)> {
    // The CLI refuses binary data (a NUL byte in the first 8 KiB) before parsing the line.
    let head = line
        .as_bytes()
        .get(..line.len().min(8192))
        .unwrap_or_default();
    if head.contains(&0) {
        bail!("looks like binary data (it contains NUL bytes), not a JSON document record");
    }
    let rec: JsonDoc = serde_json::from_str(line).context("not a JSON document record")?;
    // Blank strings count as absent, as in the CLI (`non_empty` there).
    let url = non_empty(rec.url);
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => url.clone().unwrap_or(fallback_id),
    };
    let published = match rec.published.as_deref().or(rec.date_publish.as_deref()) {
        None | Some("") => None,
        Some(s) => Some(parse_published(s)?),
    };
    let (raw, html) = match (rec.text.or(rec.maintext), rec.html) {
        (Some(t), _) => (t, false),
        (None, Some(h)) => (h, true),
        (None, None) => bail!("the record has no \"text\", \"maintext\" or \"html\" field"),
    };
    let title = non_empty(rec.title);
    // As in the CLI: the headline often states the event in the fewest words, keep it.
    let raw = match &title {
        Some(t) if !html && !raw.trim_start().starts_with(t.trim()) => {
            format!("{}\n\n{}", t.trim(), raw)
        }
        _ => raw,
    };
    // The outlet as the CLI and `parley ingest` file it: the record's, else news-please's
    // domain, else the URL's host.
    let outlet = non_empty(rec.outlet)
        .or_else(|| non_empty(rec.source_domain))
        .or_else(|| url.as_deref().and_then(host_of));
    Ok((
        RawDoc {
            id,
            raw,
            html,
            published,
        },
        Meta { url, outlet, title },
    ))
}

/// A text given directly, read like a file named `id` on the CLI's command line: HTML when
/// `html` says so, else when it looks like HTML.
pub fn raw_from_text(
    text: String,
    id: String,
    published: Option<NaiveDate>,
    html: Option<bool>,
) -> RawDoc {
    let html = html.unwrap_or_else(|| parley_clean::looks_like_html(&text));
    RawDoc {
        id,
        raw: text,
        html,
        published,
    }
}

/// Cleans a raw document into the text extraction reads, with its publication date (given,
/// from HTML metadata, or detected in the text header): the CLI's `prepare`.
pub fn prepare(raw: &RawDoc) -> Result<Document> {
    let (text, meta_published) = if raw.html {
        let article = parley_clean::html_to_article(&raw.raw)
            .map_err(|e| anyhow!("cannot extract article text from HTML: {e}"))?;
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
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_are_written_in_decimal() {
        let (raw, _) = raw_from_line(r#"{"id": 42, "text": "x"}"#, "f:1".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.id, "42");
    }

    #[test]
    fn fallback_id_when_no_id_or_url() {
        let (raw, _) =
            raw_from_line(r#"{"text": "x"}"#, "f:7".into()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.id, "f:7");
    }

    #[test]
    fn title_is_prepended_once() {
        let (raw, meta) = raw_from_line(r#"{"id":"a","title":"T","text":"T body"}"#, "f".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.raw, "T body");
        assert_eq!(meta.title.as_deref(), Some("T"));
        let (raw, _) = raw_from_line(r#"{"id":"a","title":"T","text":"body"}"#, "f".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.raw, "T\n\nbody");
        let (raw, meta) = raw_from_line(
            r#"{"id":"","title":" ","url":"https://www.x.org/a","text":"b"}"#,
            "f".into(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (raw.id.as_str(), raw.raw.as_str()),
            ("https://www.x.org/a", "b")
        );
        assert_eq!((meta.title, meta.outlet.as_deref()), (None, Some("x.org")));
    }

    #[test]
    fn bad_date_and_missing_text_are_errors() {
        assert!(raw_from_line(r#"{"id":"a","text":"x","published":"soon"}"#, "f".into()).is_err());
        assert!(raw_from_line(r#"{"id":"a"}"#, "f".into()).is_err());
        assert!(raw_from_line("not json", "f".into()).is_err());
    }
}
