//! The input layer through the binary, for `extract` and `ingest` alike: WARC (plain, gzip per
//! record, on standard input), gzip JSONL with news-please fields, recursive directories, and the
//! messages and exit code for bad records.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const ARTICLE: &str = "<html><head><title>Leaders talk</title></head><body><article>\
<p>Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on \
Monday, the Kremlin said.</p><p>They discussed the situation in the region and energy \
cooperation, according to a statement published after the call.</p></article></body></html>";

/// One WARC record (headers, payload, the two CRLFs that end a record).
fn warc_record(kind: &str, uri: &str, date: &str, id: usize, payload: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    v.extend_from_slice(payload);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

/// A crawl: a request, the HTML response, a 404, an image, and a second HTML response.
fn warc_records() -> Vec<Vec<u8>> {
    let page = |html: &str| {
        let mut p = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        p.extend_from_slice(html.as_bytes());
        p
    };
    let second = ARTICLE.replace("spoke by phone on Monday", "met in Ankara on Tuesday");
    vec![
        warc_record(
            "request",
            "https://www.example.com/a",
            "2024-05-08T10:00:00Z",
            1,
            b"GET /a HTTP/1.1\r\nHost: www.example.com\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://www.example.com/a",
            "2024-05-08T10:00:01Z",
            2,
            &page(ARTICLE),
        ),
        warc_record(
            "response",
            "https://www.example.com/missing",
            "2024-05-08T10:00:02Z",
            3,
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>",
        ),
        warc_record(
            "response",
            "https://www.example.com/logo.png",
            "2024-05-08T10:00:03Z",
            4,
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ),
        warc_record(
            "response",
            "https://news.example.org/b",
            "2024-05-09T08:00:00Z",
            5,
            &page(&second),
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip in memory");
    e.finish().expect("gzip in memory")
}

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("stdout holds JSON lines"))
        .collect()
}

fn docs_of(events: &[Value]) -> Vec<String> {
    let mut d: Vec<String> = events
        .iter()
        .filter_map(|e| e["doc"].as_str().map(str::to_string))
        .collect();
    d.sort();
    d.dedup();
    d
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn warc_plain_gzip_per_record_and_stdin_give_the_same_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recs = warc_records();
    let plain: Vec<u8> = recs.concat();
    // CC-NEWS style: every record its own gzip member.
    let per_record: Vec<u8> = recs.iter().flat_map(|r| gzip(r)).collect();
    let p1 = dir.path().join("crawl.warc");
    let p2 = dir.path().join("crawl.warc.gz");
    std::fs::write(&p1, &plain).expect("write");
    std::fs::write(&p2, &per_record).expect("write");

    let a = run(&["extract", "--format", "jsonl", &s(&p1)], None);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let ev = lines(&a.stdout);
    // Only the two HTML pages are documents; ids are the target URIs.
    assert_eq!(
        docs_of(&ev),
        vec!["https://news.example.org/b", "https://www.example.com/a"]
    );
    let call = ev
        .iter()
        .find(|e| e["doc"] == "https://www.example.com/a")
        .expect("the call is found");
    assert_eq!(call["type"], "call");
    // No date in the page: "Monday" is resolved against the capture date (Wed 2024-05-08).
    assert_eq!(call["date"]["value"], "2024-05-06");

    let b = run(&["extract", "--format", "jsonl", &s(&p2)], None);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(lines(&b.stdout), ev, "gzip per record reads the same");

    let c = run(
        &["extract", "--format", "jsonl", "--input", "-"],
        Some(&per_record),
    );
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    assert_eq!(
        lines(&c.stdout),
        ev,
        "WARC on standard input reads the same"
    );
}

#[test]
fn truncated_warc_names_the_record_and_keeps_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recs = warc_records();
    let mut bytes: Vec<u8> = recs.concat();
    // Cut the last record in the middle of its page.
    bytes.truncate(bytes.len() - 200);
    let p = dir.path().join("cut.warc");
    std::fs::write(&p, &bytes).expect("write");
    let out = run(&["extract", "--format", "jsonl", &s(&p)], None);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut.warc: WARC record 5"), "{err}");
    assert_eq!(
        docs_of(&lines(&out.stdout)),
        vec!["https://www.example.com/a"]
    );
}

fn write_gz(path: &PathBuf, text: &str) {
    std::fs::write(path, gzip(text.as_bytes())).expect("write");
}

#[test]
fn directory_walk_reads_every_format_and_names_bad_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let rec = |id: &str, leader: &str| {
        serde_json::json!({
            "url": format!("https://{id}.example.net/story"),
            "maintext": format!("German Chancellor Olaf Scholz met {leader} in Berlin on Friday, officials said."),
            "date_publish": "2023-03-06 09:00:00",
            "source_domain": format!("{id}.example.net"),
            "title": "Talks in Berlin"
        })
        .to_string()
    };
    write_gz(
        &sub.join("np.jsonl.gz"),
        &format!(
            "{}\n{{broken\n{}\n",
            rec("one", "French President Emmanuel Macron"),
            rec("two", "Indian Prime Minister Narendra Modi")
        ),
    );
    write_gz(
        &dir.path().join("single.json.gz"),
        &rec("three", "Japanese Prime Minister Fumio Kishida"),
    );
    std::fs::write(dir.path().join("a/crawl.warc"), warc_records().concat()).expect("write");
    std::fs::write(
        dir.path().join("a/note.txt"),
        "Italian Prime Minister Giorgia Meloni called Turkish President Recep Tayyip Erdogan on 2 March 2023.",
    )
    .expect("write");
    std::fs::write(dir.path().join("a/ignored.csv"), "not,read\n").expect("write");

    let out = run(&["extract", "--format", "jsonl", &s(dir.path())], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("np.jsonl.gz:2: not a JSON document record"),
        "{err}"
    );
    let docs = docs_of(&lines(&out.stdout));
    for want in [
        "https://one.example.net/story",
        "https://two.example.net/story",
        "https://three.example.net/story",
        "https://www.example.com/a",
    ] {
        assert!(
            docs.iter().any(|d| d == want),
            "{want} missing from {docs:?}"
        );
    }
    assert!(docs.iter().any(|d| d.ends_with("note.txt")), "{docs:?}");

    // The same inputs through ingest: the same documents, outlets from the records or URLs.
    let db = dir.path().join("store.db");
    let ing = run(
        &["ingest", "--quiet", "--db", &s(&db), &s(dir.path())],
        None,
    );
    let ierr = String::from_utf8_lossy(&ing.stderr);
    assert_eq!(ing.status.code(), Some(3), "{ierr}");
    assert!(
        ierr.contains("np.jsonl.gz:2: not a JSON document record"),
        "{ierr}"
    );
    let conn = stored_mentions(&db);
    assert!(
        conn.iter()
            .any(|(k, o)| k == "https://one.example.net/story" && o == "one.example.net"),
        "{conn:?}"
    );
    assert!(
        conn.iter()
            .any(|(k, o)| k == "https://www.example.com/a" && o == "example.com"),
        "{conn:?}"
    );
}

/// (key, outlet) of every stored document, through `parley export --format jsonl`'s mentions.
fn stored_mentions(db: &Path) -> Vec<(String, String)> {
    let out = run(&["export", "--format", "jsonl", "--db", &s(db)], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v = Vec::new();
    for e in lines(&out.stdout) {
        for m in e["mentions"].as_array().cloned().unwrap_or_default() {
            v.push((
                m["doc"].as_str().unwrap_or("").to_string(),
                m["outlet"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    v
}
