//! Crash safety of the real binary: `parley ingest` on a generated corpus is killed with SIGKILL
//! in the middle of its run, the database must be consistent (integrity check, foreign keys, no
//! orphan rows, every stored document whole), and a re-run must give exactly the store an
//! uninterrupted ingest gives.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;

const LEADERS: &[(&str, &str)] = &[
    ("Vladimir Putin", "Russian President"),
    ("Recep Tayyip Erdogan", "Turkish President"),
    ("Emmanuel Macron", "French President"),
    ("Olaf Scholz", "German Chancellor"),
    ("Narendra Modi", "Indian Prime Minister"),
    ("Ilham Aliyev", "Azerbaijani President"),
];

const CITIES: &[&str] = &["Moscow", "Ankara", "Paris", "Berlin", "New Delhi", "Baku"];

const FILLER: &[&str] = &[
    "Markets in the region were mixed on the day, with energy stocks rising while banks slipped.",
    "Forecasters expect heavy rain over the weekend in the north of the country.",
    "The city council approved a new budget for public transport that includes more night buses.",
];

/// `n` articles: calls, meetings and planned visits between leaders, several outlets reporting
/// each, with filler paragraphs.
fn generate(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create corpus"));
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).expect("date");
    for i in 0..n {
        let a = i % LEADERS.len();
        let b = (a + 1 + (i / LEADERS.len()) % (LEADERS.len() - 1)) % LEADERS.len();
        let (an, at) = LEADERS[a];
        let (bn, bt) = LEADERS[b];
        // Three outlets report each event: merging across documents is exercised too.
        let published = start + chrono::Duration::days((i / 3) as i64);
        let body = match (i / 3) % 3 {
            0 => format!("{at} {an} and {bt} {bn} spoke by phone on Monday, the presidential press service said."),
            1 => format!("{at} {an} met {bt} {bn} in {} on Tuesday for talks on trade, officials said.", CITIES[b]),
            _ => format!("{at} {an} will visit {} next month to meet {bt} {bn}, the foreign ministry said.", CITIES[b]),
        };
        let mut text = body;
        for k in 0..2 {
            text.push_str("\n\n");
            text.push_str(FILLER[(i + k) % FILLER.len()]);
        }
        let rec = serde_json::json!({
            "id": format!("crash-{i:05}"),
            "outlet": format!("outlet{}", i % 3),
            "published": published.to_string(),
            "title": format!("Digest {i}"),
            "text": text,
        });
        writeln!(f, "{rec}").expect("write corpus");
    }
    f.flush().expect("flush corpus");
}

fn documents_in(db: &Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    let _ = conn.busy_timeout(Duration::from_secs(5));
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap_or(0)
}

fn ingest_cmd(db: &Path, corpus: &Path) -> std::process::Command {
    let mut c = parley();
    c.args([
        "ingest",
        "--quiet",
        "--threads",
        "1",
        "--batch",
        "8",
        "--db",
    ])
    .arg(db)
    .arg(corpus)
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    c
}

/// Waits until the child has committed at least `at_least` documents, then SIGKILLs it.
/// Returns false when the child finished first.
fn kill_when(mut child: Child, db: &Path, at_least: i64, total: i64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(900);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if documents_in(db) >= at_least {
            // std's Child::kill sends SIGKILL on Unix: no chance to clean up.
            child.kill().expect("SIGKILL the child");
            let status = child.wait().expect("reap the child");
            assert!(!status.success(), "the child was killed, not finished");
            return documents_in(db) < total;
        }
        assert!(Instant::now() < deadline, "the child made no progress");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn consistent(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(r, "ok");
    assert_eq!(q("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_eq!(
        q("SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id WHERE d.id IS NULL"),
        0,
        "orphan mentions"
    );
    assert_eq!(
        q("SELECT count(*) FROM participants p LEFT JOIN events e ON e.event_id = p.event_id WHERE e.event_id IS NULL"),
        0,
        "orphan participants"
    );
    // A mention points at a merged event, or its block is waiting to be merged.
    assert_eq!(
        q("SELECT count(*) FROM mentions m LEFT JOIN mention_events me ON me.mention_id = m.id WHERE (me.event_id IS NULL OR me.event_id NOT IN (SELECT event_id FROM events)) AND m.block NOT IN (SELECT block FROM dirty_blocks)"),
        0,
        "mentions without an event and not pending"
    );
    // The full-text index matches its table.
    assert_eq!(
        q("SELECT count(*) FROM mentions_fts"),
        q("SELECT count(*) FROM mentions")
    );
}

/// Mentions per document key.
fn per_doc(db: &Path) -> std::collections::BTreeMap<String, i64> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut st = conn
        .prepare("SELECT d.key, count(m.id) FROM documents d LEFT JOIN mentions m ON m.doc_id = d.id GROUP BY d.id")
        .expect("prepare");
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    rows
}

/// Documents (key, hash), mention count, and every merged event as JSON.
fn state(db: &Path) -> (Vec<(String, String)>, i64, String) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut st = conn
        .prepare("SELECT key, content_hash FROM documents ORDER BY key")
        .expect("prepare");
    let docs: Vec<(String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    let mentions: i64 = conn
        .query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))
        .expect("count");
    let out = run(
        &[
            "export",
            "--format",
            "jsonl",
            "--db",
            &db.display().to_string(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    (docs, mentions, lines.join("\n"))
}

const N: usize = 240;

#[test]
fn sigkilled_ingest_is_consistent_and_resumes_to_the_same_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus.jsonl");
    generate(&corpus, N);

    let clean = dir.path().join("clean.db");
    let st = ingest_cmd(&clean, &corpus).status().expect("ingest runs");
    assert!(st.success());
    let want = state(&clean);
    let want_per_doc = per_doc(&clean);
    assert_eq!(want.0.len(), N);
    assert!(
        want.1 >= N as i64,
        "every generated article yields an event"
    );

    let db = dir.path().join("crashed.db");
    let mut kills = 0;
    for frac in [4, 2] {
        let child = ingest_cmd(&db, &corpus).spawn().expect("ingest starts");
        if kill_when(child, &db, (N / frac) as i64, N as i64) {
            kills += 1;
        }
        consistent(&db);
        // Documents are written whole: each stored one has all of its mentions.
        let got = per_doc(&db);
        assert!(!got.is_empty());
        for (k, n) in &got {
            assert_eq!(
                want_per_doc.get(k),
                Some(n),
                "{k}: mentions after the crash"
            );
        }
    }
    assert!(kills >= 1, "the ingest was never killed in the middle");

    let st = ingest_cmd(&db, &corpus).status().expect("ingest runs");
    assert!(st.success());
    consistent(&db);
    let got = state(&db);
    assert_eq!(got.0, want.0, "documents differ");
    assert_eq!(got.1, want.1, "mention counts differ");
    assert_eq!(got.2, want.2, "merged events differ");
}
