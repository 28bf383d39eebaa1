//! Reading documents: plain files, HTML, JSON, JSONL (parley's fields and news-please/CC-NEWS
//! fields), whole directories, and standard input.
//!
//! Every problem names the file (and line) at fault; a bad document is reported and skipped, the
//! rest of the input is still processed.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use parley_core::{Document, PublishedSource};
use serde::Deserialize;

/// A document as read, before cleaning.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// The id events will carry.
    pub id: String,
    /// Text or HTML as read.
    pub raw: String,
    /// True when `raw` is HTML.
    pub html: bool,
    /// Publication date given with the document.
    pub published: Option<NaiveDate>,
    /// The bytes were not valid UTF-8 and were decoded lossily.
    pub lossy: bool,
    /// The outlet that published it, when the input says (kept for the event store, which
    /// counts sources by outlet).
    #[allow(dead_code)]
    pub outlet: Option<String>,
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

impl JsonDoc {
    /// Turns a record into a [`RawDoc`]; `fallback_id` is used when it has no id or URL.
    pub fn into_raw(self, fallback_id: String, where_: &str) -> Result<RawDoc> {
        let id = match self.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => self.url.clone().unwrap_or(fallback_id),
        };
        let published = match self.published.as_deref().or(self.date_publish.as_deref()) {
            None | Some("") => None,
            Some(s) => Some(parley_time::parse_iso_date(s).with_context(|| {
                format!("{where_}: publication date {s:?} is not a date (expected YYYY-MM-DD)")
            })?),
        };
        let (raw, html) = match (self.text.or(self.maintext), self.html) {
            (Some(t), _) => (t, false),
            (None, Some(h)) => (h, true),
            (None, None) => {
                bail!("{where_}: the record has no \"text\", \"maintext\" or \"html\" field")
            }
        };
        // The headline often states the event in the fewest words: keep it with the text.
        let raw = match self.title {
            Some(t) if !html && !t.trim().is_empty() && !raw.trim_start().starts_with(t.trim()) => {
                format!("{}\n\n{}", t.trim(), raw)
            }
            _ => raw,
        };
        Ok(RawDoc {
            id,
            raw,
            html,
            published,
            lossy: false,
            outlet: self.outlet.or(self.source_domain),
        })
    }
}

/// Decodes bytes as UTF-8, lossily when needed; refuses binary data.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<(String, bool)> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        bail!("{name}: looks like a binary file (it contains NUL bytes), not text, HTML or JSON");
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, false)),
        Err(e) => Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
    }
}

/// Extensions read from directories.
const EXTENSIONS: &[&str] = &["txt", "html", "htm", "json", "jsonl"];

/// Lists the files an input path stands for: the file itself, or every readable file below a
/// directory (sorted, so runs are reproducible).
pub fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = std::fs::read_dir(&dir)
            .with_context(|| format!("{}: cannot list directory", dir.display()))?;
        for entry in rd {
            let entry =
                entry.with_context(|| format!("{}: cannot list directory", dir.display()))?;
            let p = entry.path();
            let ft = entry
                .file_type()
                .with_context(|| format!("{}: cannot stat", p.display()))?;
            if ft.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// True when a path holds one JSON record per line.
pub fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// Reads a non-JSONL file as one document; `published` applies to plain files.
pub fn read_file(path: &Path, published: Option<NaiveDate>) -> Result<RawDoc> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .with_context(|| format!("{name}: cannot read"))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("{name}: the file is empty");
    }
    let (text, lossy) = decode(bytes, &name)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "json" {
        let rec: JsonDoc = serde_json::from_str(&text)
            .with_context(|| format!("{name}: not a JSON document record"))?;
        let mut d = rec.into_raw(name.clone(), &name)?;
        d.lossy = lossy;
        if d.published.is_none() {
            d.published = published;
        }
        return Ok(d);
    }
    let html = ext == "html" || ext == "htm" || parley_clean::looks_like_html(&text);
    Ok(RawDoc {
        id: name,
        raw: text,
        html,
        published,
        lossy,
        outlet: None,
    })
}

/// Streams the records of a JSONL source, one [`RawDoc`] (or error) per non-empty line.
pub fn jsonl_records<R: Read>(reader: R, name: String) -> impl Iterator<Item = Result<RawDoc>> {
    let mut lines = BufReader::new(reader);
    let mut lineno = 0usize;
    let mut buf = Vec::new();
    std::iter::from_fn(move || loop {
        buf.clear();
        match lines.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                return Some(Err(anyhow::anyhow!(
                    "{name}: read error after line {lineno}: {e}"
                )))
            }
        }
        lineno += 1;
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let where_ = format!("{name}:{lineno}");
        let (line, lossy) = match decode(std::mem::take(&mut buf), &where_) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let rec: Result<JsonDoc> = serde_json::from_str(&line)
            .with_context(|| format!("{where_}: not a JSON document record"));
        return Some(
            rec.and_then(|r| r.into_raw(format!("{name}:{lineno}"), &where_))
                .map(|mut d| {
                    d.lossy = lossy;
                    d
                }),
        );
    })
}

/// Cleans a raw document into the text extraction reads, with its publication date (given,
/// from HTML metadata, or detected in the text header).
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
    Ok(doc)
}
