//! JSONL: one document record per line (parley's fields or news-please/CC-NEWS ones).

use std::io::BufRead;

use anyhow::Result;

use super::{decode, JsonDoc, RawDoc};

/// Streams the records of a JSONL source, one [`RawDoc`] (or error naming `name:line`) per
/// non-empty line. Only one line is held in memory at a time.
pub fn records<R: BufRead>(mut reader: R, name: String) -> impl Iterator<Item = Result<RawDoc>> {
    let mut lineno = 0usize;
    let mut buf = Vec::new();
    let mut failed = false;
    std::iter::from_fn(move || loop {
        if failed {
            return None;
        }
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                // A read error (a truncated gzip stream, say) ends this source.
                failed = true;
                return Some(Err(anyhow::anyhow!(
                    "{name}: read error after line {lineno}: {e}; rest of the file skipped"
                )));
            }
        }
        lineno += 1;
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let bytes = buf.len() as u64;
        let where_ = format!("{name}:{lineno}");
        let (line, lossy) = match decode(std::mem::take(&mut buf), &where_) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        return Some(
            JsonDoc::parse(&line, &where_)
                .and_then(|r| r.into_raw(where_.clone(), &where_))
                .map(|mut d| {
                    d.lossy = lossy;
                    d.bytes = bytes;
                    d
                }),
        );
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_please_fields_and_bad_lines() {
        let data = concat!(
            "{\"maintext\":\"Body.\",\"date_publish\":\"2024-05-02 10:00:00\",\"source_domain\":\"example.org\",\"url\":\"https://example.org/a\",\"title\":\"Head\"}\n",
            "\n",
            "not json\n",
            "{\"id\":7,\"text\":\"Plain.\"}\n",
        );
        let got: Vec<Result<RawDoc>> = records(data.as_bytes(), "t.jsonl".into()).collect();
        assert_eq!(got.len(), 3);
        let a = got[0].as_ref().expect("first record reads");
        assert_eq!(a.id, "https://example.org/a");
        assert_eq!(a.outlet.as_deref(), Some("example.org"));
        assert_eq!(a.title.as_deref(), Some("Head"));
        assert!(a.raw.starts_with("Head\n\nBody."));
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-02")
        );
        let err = format!("{:#}", got[1].as_ref().expect_err("line 3 is bad"));
        assert!(err.starts_with("t.jsonl:3:"), "{err}");
        let c = got[2].as_ref().expect("third record reads");
        assert_eq!(c.id, "7");
        assert_eq!(c.outlet, None);
    }
}
