//! Crash safety, for real: a child process ingesting a generated corpus is killed with SIGKILL
//! in the middle of the run (twice), the ingest is run again, and the store must equal the one a
//! clean, uninterrupted ingest gives.
//!
//! The child is this test binary itself, re-executed to run `crash_child` (which does nothing
//! unless the parent set `PARLEY_CRASH_DB`). When `PARLEY_BIN` names a built `parley` binary, the
//! same scenario also runs against `parley ingest`.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const LEADERS: &[(&str, &str)] = &[
    ("Vladimir Putin", "Russian President"),
    ("Recep Tayyip Erdogan", "Turkish President"),
    ("Emmanuel Macron", "French President"),
    ("Olaf Scholz", "German Chancellor"),
    ("Narendra Modi", "Indian Prime Minister"),
    ("Ilham Aliyev", "Azerbaijani President"),
    ("Nikol Pashinyan", "Armenian Prime Minister"),
    ("Kassym-Jomart Tokayev", "Kazakh President"),
];

const CITIES: &[&str] = &[
    "Moscow",
    "Ankara",
    "Paris",
    "Berlin",
    "New Delhi",
    "Baku",
    "Yerevan",
    "Astana",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const FILLER: &[&str] = &[
    "Markets in the region were mixed on the day, with energy stocks rising while banks slipped after a weak quarterly report from a large lender.",
    "Forecasters expect heavy rain over the weekend in the north of the country, and the transport ministry advised drivers to check road conditions before travelling.",
    "The city council approved a new budget for public transport that includes more night buses and a plan to renovate three old railway stations.",
    "A local football club announced that its stadium will be closed for repairs for two months, and home games will be played in a neighbouring town.",
    "Farmers' associations said the harvest was better than last year, although prices for fertiliser and diesel remained high.",
];

/// A corpus of `n` articles from realistic templates plus filler, as JSONL.
fn generate(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create corpus"));
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).expect("date");
    for i in 0..n {
        let a = i % LEADERS.len();
        let b = (a + 1 + (i / LEADERS.len()) % (LEADERS.len() - 1)) % LEADERS.len();
        let (an, at) = LEADERS[a];
        let (bn, bt) = LEADERS[b];
        let published = start + chrono::Duration::days((i / 6) as i64);
        let day = WEEKDAYS[i % WEEKDAYS.len()];
        let body = match i % 3 {
            0 => format!("{at} {an} and {bt} {bn} spoke by phone on {day}, the presidential press service said. They discussed energy and regional security."),
            1 => format!("{at} {an} met {bt} {bn} in {} on {day} for talks on trade, officials said.", CITIES[b]),
            _ => format!("{at} {an} will visit {} next month to meet {bt} {bn}, the foreign ministry said.", CITIES[b]),
        };
        let mut text = body;
        for k in 0..4 {
            text.push_str("\n\n");
            text.push_str(FILLER[(i + k) % FILLER.len()]);
        }
        let rec = serde_json::json!({
            "id": format!("gen-{i:05}"),
            "outlet": format!("outlet{}", i % 7),
            "published": published.to_string(),
            "title": format!("News digest {i}"),
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

/// Waits until the child has committed at least `at_least` documents, then kills it with SIGKILL.
/// Returns false when the child finished before that.
fn kill_when(mut child: Child, db: &Path, at_least: i64, total: i64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        let n = documents_in(db);
        if n >= at_least {
            child.kill().expect("SIGKILL the child");
            let status = child.wait().expect("reap the child");
            assert!(!status.success(), "the child was killed, not finished");
            assert!(documents_in(db) < total, "killed before the end");
            return true;
        }
        assert!(Instant::now() < deadline, "the child made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(r, "ok");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(fk, 0);
    // Every mention belongs to a document that exists; every merged event has mentions or is pending.
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id WHERE d.id IS NULL", [], |r| r.get(0))
        .expect("orphans");
    assert_eq!(orphans, 0);
}

fn store_state(db: &Path) -> (Vec<(String, String)>, i64, Vec<String>) {
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
    (docs, mentions, canonical(&all_events(db)))
}

/// Runs in the re-executed child only.
#[test]
fn crash_child() {
    let (Some(db), Some(corpus)) = (
        std::env::var_os("PARLEY_CRASH_DB"),
        std::env::var_os("PARLEY_CRASH_CORPUS"),
    ) else {
        return;
    };
    let docs = read_corpus(Path::new(&corpus));
    ingest_docs(Path::new(&db), docs, &extractor(), 10);
}

fn spawn_child(db: &Path, corpus: &Path) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "crash_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("PARLEY_CRASH_DB", db)
        .env("PARLEY_CRASH_CORPUS", corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the child")
}

const N: usize = 600;

#[test]
fn killed_ingest_resumes_to_the_same_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus.jsonl");
    generate(&corpus, N);
    let clean = dir.path().join("clean.db");
    ingest_docs(&clean, read_corpus(&corpus), &extractor(), 10);
    let want = store_state(&clean);
    assert_eq!(want.0.len(), N);
    assert!(
        want.1 > (N as i64) / 2,
        "the generated corpus yields events"
    );

    let db = dir.path().join("crashed.db");
    let mut kills = 0;
    for frac in [4, 2] {
        let child = spawn_child(&db, &corpus);
        if kill_when(child, &db, (N / frac) as i64, N as i64) {
            kills += 1;
        }
        integrity_ok(&db);
    }
    assert!(kills >= 1, "the child was never killed mid-ingest");
    // The re-run finishes the job.
    ingest_docs(&db, read_corpus(&corpus), &extractor(), 10);
    integrity_ok(&db);
    let got = store_state(&db);
    assert_eq!(got.0, want.0, "documents differ");
    assert_eq!(got.1, want.1, "mention counts differ");
    assert_eq!(got.2, want.2, "merged events differ");
}

/// The same scenario against the real command, when `PARLEY_BIN` points at it.
#[test]
fn killed_parley_ingest_resumes_to_the_same_store() {
    let Some(bin) = std::env::var_os("PARLEY_BIN").map(PathBuf::from) else {
        eprintln!("PARLEY_BIN not set: skipping the run against the parley binary");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus.jsonl");
    generate(&corpus, N);
    let run = |db: &Path| -> Child {
        Command::new(&bin)
            .args(["ingest", "--quiet", "--batch", "10", "--db"])
            .arg(db)
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn parley")
    };
    let clean = dir.path().join("clean.db");
    assert!(run(&clean).wait().expect("wait").success());
    let want = store_state(&clean);
    let db = dir.path().join("crashed.db");
    let mut kills = 0;
    for frac in [4, 2] {
        if kill_when(run(&db), &db, (N / frac) as i64, N as i64) {
            kills += 1;
        }
        integrity_ok(&db);
    }
    assert!(kills >= 1);
    assert!(run(&db).wait().expect("wait").success());
    let got = store_state(&db);
    assert_eq!(got.0, want.0);
    assert_eq!(got.1, want.1);
    assert_eq!(got.2, want.2);
}
