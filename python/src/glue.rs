//! From Python's inputs to parley's raw documents, read exactly as the `parley` command reads them.
//!
//! The record shape, the document model and the preparation (`prepare`) come from the
//! `parley-input` crate, which the CLI calls too, so `parley.extract` gives the events
//! `parley extract --format jsonl` gives. What stays here is only what Python needs on top: a
//! text handed over directly, and a JSONL line that is already a `str`. The Python tests still
//! compare the two on the test corpus.

use anyhow::{bail, Result};
use chrono::NaiveDate;
use parley_input::{looks_binary, JsonDoc};
pub use parley_input::{parse_published, prepare, RawDoc};

/// Reads one JSONL line as the CLI reads a line of `--input` (`JsonDoc::into_raw`);
/// `fallback_id` stands in for the CLI's `FILE:LINE` when the record has neither `id` nor `url`,
/// and names the line in errors, as `FILE:LINE` does there.
pub fn raw_from_line(line: &str, fallback_id: String) -> Result<RawDoc> {
    // The CLI refuses binary data (a NUL byte in the first 8 KiB) before parsing the line. A
    // Python `str` is never invalid UTF-8, so the lossy decoding that follows there has nothing
    // to do here; the message is this package's own (it speaks of a record, not a file).
    if looks_binary(line.as_bytes()) {
        bail!(
            "{fallback_id}: looks like binary data (it contains NUL bytes), not a JSON document record"
        );
    }
    let rec = JsonDoc::parse(line, &fallback_id)?;
    let where_ = fallback_id.clone();
    rec.into_raw(fallback_id, &where_)
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
        ..RawDoc::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_are_written_in_decimal() {
        let raw = raw_from_line(r#"{"id": 42, "text": "x"}"#, "f:1".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.id, "42");
    }

    #[test]
    fn errors_name_the_line_once() {
        let err = |line: &str| match raw_from_line(line, "f:7".into()) {
            Ok(r) => panic!("read {r:?}"),
            Err(e) => format!("{e:#}"),
        };
        assert_eq!(
            err("{\"text\": \"a\0b\"}"),
            "f:7: looks like binary data (it contains NUL bytes), not a JSON document record"
        );
        assert_eq!(
            err(r#"{"id":"a","text":"x","published":"soon"}"#),
            "f:7: publication date \"soon\" is not a date (expected YYYY-MM-DD)"
        );
        assert_eq!(
            err(r#"{"id":"a"}"#),
            "f:7: the record has no \"text\", \"maintext\" or \"html\" field"
        );
        assert!(err("not json").starts_with("f:7: not a JSON document record: "));
    }

    #[test]
    fn texts_are_sniffed_unless_told() {
        let html = "<html><body><p>Hi</p></body></html>".to_string();
        assert!(raw_from_text(html.clone(), "a".into(), None, None).html);
        assert!(!raw_from_text(html, "a".into(), None, Some(false)).html);
        assert!(!raw_from_text("plain".into(), "b".into(), None, None).html);
    }
}
