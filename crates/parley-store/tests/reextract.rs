//! Re-extraction: a document stored unchanged is skipped before extraction, unless it was
//! extracted by another extractor version; then its events are replaced.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use parley_core::Document;
use parley_store::ingest::{self, Incoming, IngestOptions, Processed, Quiet};

fn docs(version: &str) -> Vec<Incoming<Document>> {
    let lines = [
        r#"{"id":"r1","published":"2024-05-08","outlet":"a","text":"Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on Monday, the Kremlin said."}"#,
        r#"{"id":"r2","published":"2024-05-08","outlet":"b","text":"French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday."}"#,
    ];
    lines
        .iter()
        .map(|l| {
            let mut d = record(l);
            d.extractor = version.to_string();
            d
        })
        .collect()
}

#[test]
fn a_new_extractor_version_replaces_the_events_of_unchanged_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    let ex = extractor();
    let calls = AtomicUsize::new(0);
    // Version "v2" marks its events so the replacement can be seen.
    let run = |version: &str| {
        let tag = version.to_string();
        ingest::ingest_with(
            &db,
            docs(version).into_iter().map(Ok),
            |d: Document| -> anyhow::Result<Processed> {
                calls.fetch_add(1, Ordering::SeqCst);
                let mut events = ex.extract(&d);
                for e in &mut events {
                    e.topics = vec![format!("extracted-by-{tag}")];
                }
                Ok(Processed {
                    published: d.published,
                    events,
                    ..Processed::default()
                })
            },
            IngestOptions::default(),
            &mut Quiet,
        )
        .expect("ingest succeeds")
    };
    let first = run("v1");
    assert_eq!(first.written.new_docs, 2);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let mentions = first.written.mentions;
    assert!(mentions >= 2, "both articles yield events");

    // Same content, same version: nothing is extracted or written.
    let same = run("v1");
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "unchanged documents are not extracted again"
    );
    assert_eq!(same.progress.unchanged, 2);
    assert_eq!(same.written.mentions, 0);

    // Same content, new version: extracted again, events replaced.
    let newer = run("v2");
    assert_eq!(calls.load(Ordering::SeqCst), 4);
    assert_eq!(newer.written.changed_docs, 2);
    assert_eq!(newer.written.mentions, mentions);
    let events = all_events(&db);
    assert!(!events.is_empty());
    for e in &events {
        assert_eq!(
            e.topics,
            vec!["extracted-by-v2".to_string()],
            "{}",
            e.event_id
        );
    }
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (n, versions): (i64, String) = conn
        .query_row(
            "SELECT count(*), group_concat(DISTINCT extractor) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("query");
    assert_eq!((n, versions.as_str()), (2, "v2"));
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))
        .expect("count");
    assert_eq!(stored as usize, mentions, "old mentions are gone");
}

#[test]
fn a_version_1_database_is_migrated_and_its_documents_re_extracted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("old.db");
    let ex = extractor();
    ingest_docs(&db, docs("v1"), &ex, 10);
    // Turn it back into a version-1 database (no extractor column).
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(
            "ALTER TABLE documents DROP COLUMN extractor; UPDATE schema_version SET version = 1;",
        )
        .expect("downgrade");
    }
    let again = ingest_docs(&db, docs("v1"), &ex, 10);
    assert_eq!(
        again.written.changed_docs, 2,
        "documents without a version are re-extracted"
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let v: i64 = conn
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, parley_store::schema::SCHEMA_VERSION);
}
