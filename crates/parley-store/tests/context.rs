//! Evidence context (schema v4): ingest stores the sentence before and after each report's
//! evidence, the merged record carries it per mention, and the v3 → v4 migration keeps every
//! stored row (old reports simply have no context).

mod common;

use parley_core::Document;
use parley_store::ingest::Incoming;
use parley_store::{MergedEvent, Store};

const CALL: &str = "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on Monday, the Kremlin said.";
const BEFORE: &str = "The weather in Ankara was cold.";
const AFTER: &str = "Markets closed higher.";

fn doc(id: &str, text: &str, tag: &str) -> Incoming<Document> {
    let published = chrono::NaiveDate::from_ymd_opt(2024, 5, 8);
    Incoming {
        key: id.into(),
        content_hash: parley_store::content_hash(&[text.as_bytes()]),
        url: None,
        outlet: Some(format!("outlet {id}")),
        title: None,
        bytes: text.len() as u64,
        extractor: tag.into(),
        raw: Document::new(id.to_string(), text.to_string(), published),
    }
}

fn docs(tag: &str) -> Vec<Incoming<Document>> {
    vec![
        doc("middle", &format!("{BEFORE} {CALL} {AFTER}"), tag),
        doc("start", &format!("{CALL} {AFTER}"), tag),
        doc("end", &format!("{BEFORE}\n\n{CALL}"), tag),
    ]
}

/// (document, context_before, context_after) of every stored report.
fn stored(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    let mut st = store
        .conn()
        .prepare(
            "SELECT d.key, m.context_before, m.context_after FROM mentions m
             JOIN documents d ON d.id = m.doc_id ORDER BY d.key, m.ordinal",
        )
        .expect("prepare");
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

fn merged(store: &Store) -> Vec<MergedEvent> {
    let mut st = store
        .conn()
        .prepare("SELECT record FROM events ORDER BY event_id")
        .expect("prepare");
    let rows = st.query_map([], |r| r.get::<_, String>(0)).expect("query");
    rows.map(|r| serde_json::from_str(&r.expect("row")).expect("a merged record"))
        .collect()
}

#[test]
fn ingest_records_the_neighbouring_sentences_and_none_at_the_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    common::ingest_docs(&db, docs("v1"), &common::extractor(), 2);
    let store = Store::open(&db).expect("open");
    let want = vec![
        ("end".to_string(), Some(BEFORE.to_string()), None),
        (
            "middle".to_string(),
            Some(BEFORE.to_string()),
            Some(AFTER.to_string()),
        ),
        ("start".to_string(), None, Some(AFTER.to_string())),
    ];
    assert_eq!(stored(&store), want);
    // The merged record carries each report's context.
    let events = merged(&store);
    assert_eq!(events.len(), 1, "{events:#?}");
    let mut got: Vec<(String, Option<String>, Option<String>)> = events[0]
        .mentions
        .iter()
        .map(|m| {
            assert_eq!(
                m.evidence
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>(),
                vec![CALL]
            );
            (
                m.doc.clone(),
                m.context_before.clone(),
                m.context_after.clone(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got, want);
}

/// The rows a migration must keep, table by table, in a fixed order.
fn snapshot(conn: &rusqlite::Connection) -> Vec<Vec<String>> {
    // A report's event: a column of `mentions` before v7, a row of `mention_events` since.
    let v7: bool = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE name = 'mention_events'")
        .and_then(|mut st| st.exists([]))
        .expect("schema");
    let mentions = if v7 {
        "SELECT m.id || m.record || m.evidence_text || coalesce(me.event_id, '') FROM mentions m LEFT JOIN mention_events me ON me.mention_id = m.id ORDER BY m.id"
    } else {
        "SELECT id || record || evidence_text || coalesce(event_id, '') FROM mentions ORDER BY id"
    };
    [
        "SELECT key || content_hash || extractor || coalesce(outlet, '') || coalesce(published, '') FROM documents ORDER BY key",
        mentions,
        "SELECT record || num_articles || coalesce(date_lo, '') FROM events ORDER BY event_id",
        "SELECT event_id || name FROM participants ORDER BY 1",
        "SELECT event_id || topic FROM event_topics ORDER BY 1",
        "SELECT a || b || n FROM pair_counts ORDER BY 1",
        "SELECT period || n FROM month_counts ORDER BY 1",
        "SELECT rowid || evidence_text FROM mentions_fts WHERE mentions_fts MATCH 'Erdogan' ORDER BY rowid",
    ]
    .iter()
    .map(|sql| {
        let mut st = conn.prepare(sql).expect("prepare");
        let rows = st.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    })
    .collect()
}

/// Writes a schema v3 database file the way parley 3 did: its schema made by the v1..v3
/// migrations, its rows copied from a store of the same documents (the columns v3 has), and
/// its aggregates and full-text index filled by the v3 triggers.
fn write_v3_file(path: &std::path::Path, from: &std::path::Path) {
    let mut conn = rusqlite::Connection::open(path).expect("create");
    parley_store::schema::create_at_version(&mut conn, 3).expect("v3 schema");
    let v: i64 = conn
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, 3);
    let has_context: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('mentions') WHERE name LIKE 'context%'",
            [],
            |r| r.get(0),
        )
        .expect("columns");
    assert_eq!(has_context, 0, "a v3 store has no context columns");
    // Parents first; aggregate tables and the index are the triggers' job.
    common::copy_rows_into_older_schema(&conn, from);
    // Merged records of v3 had no context fields.
    let records: Vec<(String, String)> = {
        let mut st = conn
            .prepare("SELECT event_id, record FROM events")
            .expect("prepare");
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    for (id, record) in records {
        let mut v: serde_json::Value = serde_json::from_str(&record).expect("json");
        for m in v["mentions"].as_array_mut().expect("mentions") {
            let m = m.as_object_mut().expect("a mention object");
            assert!(m.remove("context_before").is_some() && m.remove("context_after").is_some());
        }
        conn.execute(
            "UPDATE events SET record = ?1 WHERE event_id = ?2",
            [v.to_string(), id],
        )
        .expect("rewrite");
    }
}

#[test]
fn a_v3_database_file_migrates_to_v4_keeping_every_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let current = dir.path().join("v4.db");
    common::ingest_docs(&current, docs("v1"), &common::extractor(), 8);
    let old = dir.path().join("v3.db");
    write_v3_file(&old, &current);
    let before = {
        let conn = rusqlite::Connection::open(&old).expect("open v3");
        snapshot(&conn)
    };
    // Every table has rows, but topics (the call names none).
    assert!(
        before
            .iter()
            .enumerate()
            .all(|(i, t)| i == 4 || !t.is_empty()),
        "{before:?}"
    );
    let store = Store::open(&old).expect("a v3 store opens and migrates");
    let v: i64 = store
        .conn()
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, parley_store::schema::SCHEMA_VERSION);
    assert_eq!(
        snapshot(store.conn()),
        before,
        "the migration changed stored rows"
    );
    // The per-month pairs were backfilled: summed over months they are the pair counts.
    let sums = |sql: &str| -> Vec<(String, String, i64)> {
        let mut st = store.conn().prepare(sql).expect("prepare");
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    let by_month = sums("SELECT a, b, sum(n) FROM pair_month_counts GROUP BY a, b ORDER BY a, b");
    assert!(!by_month.is_empty());
    assert_eq!(
        by_month,
        sums("SELECT a, b, n FROM pair_counts ORDER BY a, b")
    );
    assert!(
        stored(&store)
            .iter()
            .all(|(_, b, a)| b.is_none() && a.is_none()),
        "reports stored before v4 have no context"
    );
    // v3 merged records (without context fields) still read, with no context.
    let old_records = merged(&store);
    assert_eq!(old_records.len(), 1);
    assert!(old_records[0]
        .mentions
        .iter()
        .all(|m| m.context_before.is_none() && m.context_after.is_none()));
    // Opening again is a no-op, and merging again gives old reports no context, no error.
    drop(store);
    let mut store = Store::open(&old).expect("reopen");
    store.remerge_all().expect("remerge");
    assert!(merged(&store)
        .iter()
        .flat_map(|e| e.mentions.iter())
        .all(|m| m.context_before.is_none() && m.context_after.is_none()));
    drop(store);
    // A new extractor version extracts the documents again, now with context.
    common::ingest_docs(&old, docs("v2"), &common::extractor(), 8);
    let store = Store::open(&old).expect("open");
    assert!(stored(&store).iter().any(|(k, b, a)| k == "middle"
        && b.as_deref() == Some(BEFORE)
        && a.as_deref() == Some(AFTER)));
    assert!(merged(&store)
        .iter()
        .flat_map(|e| e.mentions.iter())
        .any(|m| m.context_before.as_deref() == Some(BEFORE)));
}

#[test]
fn a_schema_newer_than_this_build_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    common::ingest_docs(&db, docs("v1"), &common::extractor(), 8);
    let newer = parley_store::schema::SCHEMA_VERSION + 1;
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute("UPDATE schema_version SET version = ?1", [newer])
            .expect("bump");
    }
    for err in [
        Store::open(&db).map(|_| ()).map_err(anyhow::Error::from),
        Store::open_existing(&db).map(|_| ()),
    ] {
        let msg = format!("{:#}", err.expect_err("a newer schema is refused"));
        assert!(msg.contains("newer parley"), "{msg}");
        assert!(msg.contains(&format!("schema version {newer}")), "{msg}");
    }
    let conn = rusqlite::Connection::open(&db).expect("open");
    let v: i64 = conn
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, newer, "the newer database was changed");
}
