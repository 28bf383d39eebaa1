//! Import: upload articles (plain text, HTML or JSONL), see the events parley finds, and
//! optionally add them to the store. Off unless the server was started with `--allow-import`
//! and a token; every request must present the token; bodies are size-limited.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use parley_core::{Document, Event, PublishedSource};
use parley_store::DocRecord;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{ApiError, PageError};
use crate::html::{layout, HtmlPage};
use crate::params::Params;
use crate::App;

/// Documents accepted in one JSONL upload (each is extracted on the server's CPU).
const MAX_DOCS: usize = 2000;

/// What was found in one uploaded document.
#[derive(Debug, Serialize)]
pub struct ImportedDoc {
    /// The document id (given, from JSONL, or derived from the content hash).
    pub id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date used.
    pub published: Option<String>,
    /// Where the publication date came from.
    pub published_source: String,
    /// Events extracted.
    pub events: Vec<Event>,
    /// Why the document could not be read, if it could not.
    pub error: Option<String>,
}

/// `GET /import`: the upload page.
pub async fn page(State(app): State<App>) -> Result<HtmlPage, PageError> {
    if !app.import_enabled() {
        return Err(PageError(ApiError::not_found("import is off: start the server with --allow-import and --import-token TOKEN (or PARLEY_IMPORT_TOKEN)")));
    }
    let body = format!(
        "<h1>Import articles</h1><p>Upload plain text, an HTML page, or JSONL (one document per line with <code>text</code> or <code>maintext</code>, and optionally <code>id</code>, <code>published</code>, <code>title</code>, <code>outlet</code>, <code>url</code>). At most {} MiB.</p>\
<form id=\"import-form\" class=\"import\"><label>Token <input type=\"password\" name=\"token\" id=\"import-token\" autocomplete=\"off\" required></label>\
<label>Format <select name=\"format\" id=\"import-format\"><option>auto</option><option>text</option><option>html</option><option>jsonl</option></select></label>\
<label>Published <input name=\"published\" id=\"import-published\" placeholder=\"YYYY-MM-DD\"></label>\
<label><input type=\"checkbox\" id=\"import-ingest\"> add to the store</label>\
<label>File <input type=\"file\" id=\"import-file\" accept=\".txt,.html,.htm,.json,.jsonl\"></label>\
<label class=\"wide\">or paste <textarea id=\"import-text\" rows=\"10\"></textarea></label>\
<button type=\"submit\">Find events</button></form><div id=\"import-result\" aria-live=\"polite\"></div>",
        app.options.max_upload / (1024 * 1024)
    );
    Ok(HtmlPage(layout("Import", "import", &body, true)))
}

/// Compares the presented token with the configured one in time independent of where they
/// differ, so response times do not leak the token.
fn token_ok(given: &str, want: &str) -> bool {
    let (a, b) = (given.as_bytes(), want.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ x);
    }
    diff == 0
}

fn presented_token(h: &HeaderMap) -> Option<String> {
    if let Some(v) = h.get("x-parley-token").and_then(|v| v.to_str().ok()) {
        return Some(v.trim().to_string());
    }
    let auth = h.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, t) = auth.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| t.trim().to_string())
}

/// `POST /api/import?format=auto|text|html|jsonl&published=YYYY-MM-DD&id=NAME&ingest=true`.
pub async fn api_import(
    State(app): State<App>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    if !app.import_enabled() {
        return Err(ApiError::not_found("import is off: start the server with --allow-import and --import-token TOKEN (or PARLEY_IMPORT_TOKEN)"));
    }
    let want = app.options.import_token.clone().unwrap_or_default();
    match presented_token(&headers) {
        Some(t) if token_ok(&t, &want) => {}
        Some(_) => return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong import token")),
        None => return Err(ApiError::new(StatusCode::UNAUTHORIZED, "import needs the server's token: send `Authorization: Bearer TOKEN` or `X-Parley-Token: TOKEN`")),
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the upload is larger than the server's limit of {} bytes",
                    app.options.max_upload
                ),
            )
        } else {
            ApiError::new(e.status(), e.body_text())
        }
    })?;
    let p = Params::parse(q.as_deref());
    p.check(&["format", "published", "id", "ingest"])?;
    let format = p.get("format").unwrap_or("auto").to_ascii_lowercase();
    if !["auto", "text", "html", "jsonl"].contains(&format.as_str()) {
        return Err(ApiError::bad(
            "format",
            format!("format={format:?} is not an input format"),
            "auto, text, html, jsonl",
        ));
    }
    let published = match p.get("published") {
        None => None,
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                ApiError::bad(
                    "published",
                    format!("published={d:?} is not a date"),
                    "YYYY-MM-DD",
                )
            })?,
        ),
    };
    let ingest = match p.get("ingest") {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(v) => {
            return Err(ApiError::bad(
                "ingest",
                format!("ingest={v:?}"),
                "true, false",
            ))
        }
    };
    let text = String::from_utf8_lossy(&body).into_owned();
    if text.trim().is_empty() {
        return Err(ApiError::bad(
            "body",
            "the upload is empty",
            "an article as text or HTML, or JSONL documents",
        ));
    }
    let id = p.get("id").map(str::to_string);
    let ex = app.extractor.clone();
    let version = app.extractor_version.clone();
    let raw = tokio::task::spawn_blocking(move || {
        extract_all(&ex, &version, &text, &format, published, id)
    })
    .await
    .map_err(ApiError::internal)??;
    let total: usize = raw.iter().map(|(d, _)| d.events.len()).sum();
    let mut stored = None;
    if ingest {
        let records: Vec<DocRecord> = raw.iter().filter_map(|(_, r)| r.clone()).collect();
        let n = app
            .db
            .run(move |s| {
                let st = s.write_batch(&records)?;
                s.merge_pending()?;
                Ok(st)
            })
            .await?;
        stored = Some(
            json!({"new_documents": n.new_docs, "changed_documents": n.changed_docs, "unchanged_documents": n.unchanged_docs, "mentions": n.mentions}),
        );
    }
    let docs: Vec<ImportedDoc> = raw.into_iter().map(|(d, _)| d).collect();
    Ok(Json(
        json!({"documents": docs, "events": total, "stored": stored}),
    ))
}

type Extracted = (ImportedDoc, Option<DocRecord>);

/// Splits the upload into documents and extracts each.
fn extract_all(
    ex: &parley_core::Extractor,
    version: &str,
    text: &str,
    format: &str,
    published: Option<chrono::NaiveDate>,
    id: Option<String>,
) -> Result<Vec<Extracted>, ApiError> {
    let jsonl = format == "jsonl" || (format == "auto" && text.trim_start().starts_with('{'));
    if !jsonl {
        let html = format == "html" || (format == "auto" && parley_clean::looks_like_html(text));
        let key = id.unwrap_or_else(|| format!("upload-{}", short_hash(text)));
        return Ok(vec![extract_one(
            ex, version, key, text, html, published, None, None, None,
        )]);
    }
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if out.len() >= MAX_DOCS {
            return Err(ApiError::bad(
                "body",
                format!("more than {MAX_DOCS} documents in one upload"),
                format!("at most {MAX_DOCS} JSONL lines per request"),
            ));
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.push((
                    failed(format!("line {}", n + 1), format!("not JSON: {e}")),
                    None,
                ));
                continue;
            }
        };
        let field = |names: &[&str]| {
            names
                .iter()
                .find_map(|k| v.get(*k).and_then(Value::as_str))
                .map(str::to_string)
        };
        let Some(body) = field(&["text", "maintext"]) else {
            out.push((
                failed(
                    format!("line {}", n + 1),
                    "no `text` (or `maintext`) field".into(),
                ),
                None,
            ));
            continue;
        };
        let key = field(&["id", "url"]).unwrap_or_else(|| format!("upload-{}", short_hash(&body)));
        let pubd = field(&["published", "date_publish"])
            .and_then(|d| {
                d.get(0..10)
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            })
            .or(published);
        let html = parley_clean::looks_like_html(&body);
        out.push(extract_one(
            ex,
            version,
            key,
            &body,
            html,
            pubd,
            field(&["title"]),
            field(&["outlet", "source_domain"]),
            field(&["url"]),
        ));
    }
    Ok(out)
}

fn failed(id: String, error: String) -> ImportedDoc {
    ImportedDoc {
        id,
        title: None,
        published: None,
        published_source: "unknown".into(),
        events: Vec::new(),
        error: Some(error),
    }
}

fn short_hash(s: &str) -> String {
    parley_store::content_hash(&[s.as_bytes()])
        .chars()
        .take(16)
        .collect()
}

/// Cleans and extracts one document, as `parley extract` prepares input.
#[allow(clippy::too_many_arguments)]
fn extract_one(
    ex: &parley_core::Extractor,
    version: &str,
    key: String,
    raw: &str,
    html: bool,
    published: Option<chrono::NaiveDate>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
) -> Extracted {
    let (text, title, meta_pub) = if html {
        match parley_clean::html_to_article(raw) {
            Ok(a) => {
                let text = match &a.title {
                    Some(t)
                        if !t.trim().is_empty() && !a.text.trim_start().starts_with(t.trim()) =>
                    {
                        format!("{}\n\n{}", t.trim(), a.text)
                    }
                    _ => a.text.clone(),
                };
                (
                    text,
                    title.or(a.title),
                    a.published
                        .as_deref()
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                )
            }
            Err(e) => {
                return (
                    failed(key, format!("cannot extract article text from HTML: {e}")),
                    None,
                )
            }
        }
    } else {
        (parley_clean::clean_plain_text(raw), title, None)
    };
    let mut doc = Document::new(key.clone(), text, published.or(meta_pub));
    if published.is_none() && meta_pub.is_some() {
        doc.published_source = PublishedSource::Detected("HTML metadata");
    }
    if html {
        let header = doc.text.clone();
        doc.detect_published(&header);
    } else {
        doc.detect_published(raw);
    }
    let events = ex.extract(&doc);
    let source = match doc.published_source {
        PublishedSource::Given => "given".to_string(),
        PublishedSource::Detected(h) => format!("detected: {h}"),
        PublishedSource::Unknown => "unknown".to_string(),
    };
    let pubs = doc.published.map(|d| d.to_string());
    let hash = parley_store::content_hash(&[
        raw.as_bytes(),
        pubs.as_deref().unwrap_or("").as_bytes(),
        title.as_deref().unwrap_or("").as_bytes(),
        outlet.as_deref().unwrap_or("").as_bytes(),
    ]);
    // The context is cut from the text the events were extracted from, as `parley ingest` does.
    let contexts = parley_store::contexts(&doc.text, &events);
    let record = DocRecord {
        key: key.clone(),
        content_hash: hash,
        // The same tag `parley ingest` gives: a new parley or lexicon re-extracts the document.
        extractor: version.to_string(),
        url,
        outlet,
        title: title.clone(),
        published: doc.published,
        bytes: raw.len() as u64,
        events: events.clone(),
        contexts,
    };
    (
        ImportedDoc {
            id: key,
            title,
            published: pubs,
            published_source: source,
            events,
            error: None,
        },
        Some(record),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(token_ok("s3cret", "s3cret"));
        assert!(!token_ok("s3cre", "s3cret"));
        assert!(!token_ok("s3cretX", "s3cret"));
        assert!(!token_ok("", "s3cret"));
        assert!(!token_ok("S3cret", "s3cret"));
    }

    #[test]
    fn bearer_and_header_tokens() {
        let mut h = HeaderMap::new();
        assert_eq!(presented_token(&h), None);
        h.insert(
            "authorization",
            axum::http::HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(presented_token(&h).as_deref(), Some("abc"));
        h.insert(
            "x-parley-token",
            axum::http::HeaderValue::from_static("xyz"),
        );
        assert_eq!(presented_token(&h).as_deref(), Some("xyz"));
    }
}
