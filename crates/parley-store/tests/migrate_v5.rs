//! Schema v4 -> v5: merged events move to a rowid table and merge blocks fold participant names
//! ("Serdar Kılıç" and "Serdar Kilic" are one person). A v4 file, written the way parley 4
//! wrote it, must migrate without losing a row, keep the ids and records of every event the fold
//! does not touch, and merge the reports the fold brings together.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use parley_store::merge::{self, Report};
use parley_store::{EvidenceContext, Store};
use rusqlite::{params, Connection};

/// The v4 block key: type class and the participant names as written.
fn v4_block(e: &parley_core::Event) -> String {
    let names: std::collections::BTreeSet<&str> =
        e.participants.iter().map(|p| p.name.as_str()).collect();
    format!(
        "{}:{}",
        merge::type_class(e.kind),
        names.into_iter().collect::<Vec<_>>().join("|")
    )
}

/// An extraction record of a call between a Turkish and an Armenian official, the Turkish
/// one's name written as given.
fn call_record(doc: &str, turkish: &str) -> parley_core::Event {
    let json = serde_json::json!({
        "doc": doc, "event_id": format!("m-{doc}"), "type": "call", "cameo": "041",
        "plover": {"type": "CONSULT", "mode": "phone"}, "status": "occurred",
        "participants": [
            {"name": turkish, "mention": turkish, "role": "envoy", "country": "TUR", "org": null},
            {"name": "Ruben Rubinyan", "mention": "Ruben Rubinyan", "role": "envoy",
             "country": "ARM", "org": null}
        ],
        "initiator": null,
        "date": {"value": "2024-05-30", "precision": "day", "basis": "explicit"},
        "location": null, "topics": [], "attributed_to": [],
        "evidence": [{"text": format!("{turkish} and Ruben Rubinyan spoke by phone on 30 May."),
                      "start": 0, "end": 10}]
    });
    serde_json::from_value(json).expect("a valid extraction record")
}

/// Copies the rows of a current store into a v4 schema (the columns v4 has), then writes the
/// blocks as v4 did (names unfolded) and adds two reports of one call that v4 kept apart because
/// they spell a name differently, each merged into its own event by the v4 rule.
fn write_v4_file(path: &Path, from: &Path) {
    let mut conn = Connection::open(path).expect("create");
    parley_store::schema::create_at_version(&mut conn, 4).expect("v4 schema");
    let has_id: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'id'",
            [],
            |r| r.get(0),
        )
        .expect("columns");
    assert_eq!(has_id, 0, "v4 events are keyed by event_id alone");
    common::copy_rows_into_older_schema(&conn, from);
    // Blocks as v4 wrote them.
    let mentions: Vec<(i64, String)> = {
        let mut st = conn
            .prepare("SELECT id, record FROM mentions")
            .expect("prepare");
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    for (id, record) in mentions {
        let e: parley_core::Event = serde_json::from_str(&record).expect("record");
        conn.execute(
            "UPDATE mentions SET block = ?1 WHERE id = ?2",
            params![v4_block(&e), id],
        )
        .expect("block");
    }
    conn.execute_batch(
        "UPDATE events SET block = (SELECT m.block FROM mentions m WHERE m.event_id = events.event_id LIMIT 1)",
    )
    .expect("event blocks");
    // The same call, spelt two ways, in two documents: two blocks and two events in v4.
    for (doc, name, outlet) in [
        ("fold-1", "Serdar Kılıç", "Anadolu"),
        ("fold-2", "Serdar Kilic", "Armenpress"),
    ] {
        let event = call_record(doc, name);
        let block = v4_block(&event);
        conn.execute(
            "INSERT INTO documents (key, content_hash, outlet, published, bytes, ingested, extractor)
             VALUES (?1, ?2, ?3, '2024-05-30', 100, 0, 'test')",
            params![doc, format!("hash-{doc}"), outlet],
        )
        .expect("document");
        let doc_id = conn.last_insert_rowid();
        let report = Report {
            doc: doc.into(),
            ordinal: 0,
            outlet: Some(outlet.into()),
            url: None,
            published: chrono::NaiveDate::from_ymd_opt(2024, 5, 30),
            content_hash: format!("hash-{doc}"),
            event: event.clone(),
            context: EvidenceContext::default(),
        };
        let merged = merge::merge_block(&block, &[report]);
        assert_eq!(merged.len(), 1);
        let ev = &merged[0].0;
        conn.execute(
            "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, num_articles, num_sources, num_conflicts, record)
             VALUES (?1, ?2, 'call', 'occurred', '2024-05-30', 'day', '2024-05-30', '2024-05-30', 1, 1, 0, ?3)",
            params![ev.event_id, block, serde_json::to_string(ev).expect("json")],
        )
        .expect("event");
        for p in &ev.participants {
            conn.execute(
                "INSERT INTO participants (event_id, name, country, role) VALUES (?1, ?2, ?3, ?4)",
                params![ev.event_id, p.name, p.country, p.role],
            )
            .expect("participant");
            conn.execute(
                "INSERT OR IGNORE INTO actors (name, country) VALUES (?1, ?2)",
                params![p.name, p.country],
            )
            .expect("actor");
        }
        conn.execute(
            "INSERT INTO mentions (doc_id, ordinal, block, type, status, date, date_precision, date_lo, date_hi, record, evidence_text, event_id)
             VALUES (?1, 0, ?2, 'call', 'occurred', '2024-05-30', 'day', '2024-05-30', '2024-05-30', ?3, ?4, ?5)",
            params![
                doc_id,
                block,
                serde_json::to_string(&event).expect("json"),
                event.evidence[0].text,
                ev.event_id
            ],
        )
        .expect("mention");
    }
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(sql).expect("prepare");
    let rows = st.query_map([], |r| r.get(0)).expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn a_v4_database_file_migrates_to_v5_keeping_rows_and_merging_folded_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let current = dir.path().join("current.db");
    let docs = common::read_corpus(&common::corpus_dir().join("same-call.jsonl"));
    common::ingest_docs(&current, docs, &common::extractor(), 4);
    let old = dir.path().join("v4.db");
    write_v4_file(&old, &current);

    let (documents, mentions, events, fts_before) = {
        let conn = Connection::open(&old).expect("open v4");
        let events: BTreeMap<String, String> = {
            let mut st = conn
                .prepare("SELECT event_id, record FROM events")
                .expect("prepare");
            let rows = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .expect("query");
            rows.collect::<Result<_, _>>().expect("rows")
        };
        (
            strings(
                &conn,
                "SELECT key || content_hash FROM documents ORDER BY key",
            ),
            strings(
                &conn,
                "SELECT id || record || evidence_text FROM mentions ORDER BY id",
            ),
            events,
            count(
                &conn,
                "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'Rubinyan'",
            ),
        )
    };
    assert!(events.len() >= 3, "the corpus and the two folded reports");
    assert_eq!(fts_before, 2);
    let folded_ids: Vec<String> = {
        let conn = Connection::open(&old).expect("open v4");
        strings(
            &conn,
            "SELECT event_id FROM events WHERE block LIKE 'call:Ruben Rubinyan|Serdar%' ORDER BY 1",
        )
    };
    assert_eq!(folded_ids.len(), 2, "v4 kept the two spellings apart");

    let store = Store::open(&old).expect("a v4 store opens and migrates");
    let conn = store.conn();
    assert_eq!(
        count(conn, "SELECT version FROM schema_version"),
        parley_store::schema::SCHEMA_VERSION
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'id'"
        ),
        1,
        "v5 events have a row id"
    );
    // Nothing lost.
    assert_eq!(
        strings(
            conn,
            "SELECT key || content_hash FROM documents ORDER BY key"
        ),
        documents
    );
    assert_eq!(
        strings(
            conn,
            "SELECT id || record || evidence_text FROM mentions ORDER BY id"
        ),
        mentions
    );
    assert_eq!(store.counts().expect("counts").pending_blocks, 0);
    // Every event the fold does not touch keeps its id and its record.
    let after: BTreeMap<String, String> = {
        let mut st = conn
            .prepare("SELECT event_id, record FROM events")
            .expect("prepare");
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    for (id, record) in &events {
        if folded_ids.contains(id) {
            continue;
        }
        assert_eq!(after.get(id), Some(record), "event {id} changed");
    }
    assert_eq!(
        after.len(),
        events.len() - 1,
        "the two spellings are one event"
    );
    // The two reports are one event now, named in the spelling with the diacritics (a tie).
    let merged: Vec<parley_store::MergedEvent> = after
        .values()
        .map(|r| serde_json::from_str(r).expect("record"))
        .filter(|e: &parley_store::MergedEvent| {
            e.participants.iter().any(|p| p.name.starts_with("Serdar"))
        })
        .collect();
    assert_eq!(merged.len(), 1, "{merged:?}");
    let e = &merged[0];
    assert_eq!(e.num_articles, 2);
    assert_eq!(e.mentions.len(), 2);
    let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ruben Rubinyan", "Serdar Kılıç"]);
    assert_eq!(
        count(
            conn,
            &format!(
                "SELECT count(*) FROM mention_events WHERE event_id = '{}'",
                e.event_id
            )
        ),
        2
    );
    // Every mention is in the block of its folded names, and its event is in the same block.
    for (record, block) in {
        let mut st = conn
            .prepare("SELECT record, block FROM mentions")
            .expect("prepare");
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .expect("query");
        rows.collect::<Result<Vec<_>, _>>().expect("rows")
    } {
        let ev: parley_core::Event = serde_json::from_str(&record).expect("record");
        assert_eq!(block, merge::block_key(&ev));
    }
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM mentions m JOIN mention_events me ON me.mention_id = m.id JOIN events e ON e.event_id = me.event_id WHERE e.block <> m.block"
        ),
        0
    );
    // Aggregates still agree with the rows they count, and the full-text index is intact.
    assert_eq!(
        strings(
            conn,
            "SELECT name || ':' || n FROM actor_counts ORDER BY name"
        ),
        strings(
            conn,
            "SELECT name || ':' || count(*) FROM participants GROUP BY name ORDER BY name"
        )
    );
    assert_eq!(
        strings(
            conn,
            "SELECT a || '|' || b || ':' || n FROM pair_counts ORDER BY 1"
        ),
        strings(
            conn,
            "SELECT p1.name || '|' || p2.name || ':' || count(*) FROM participants p1
             JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
             GROUP BY p1.name, p2.name ORDER BY 1"
        )
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'Rubinyan'"
        ),
        fts_before
    );
    assert_eq!(
        count(conn, "SELECT count(*) FROM pragma_foreign_key_check"),
        0
    );
    assert_eq!(
        strings(conn, "PRAGMA integrity_check"),
        vec!["ok".to_string()]
    );
}

#[test]
fn a_new_mention_after_the_migration_is_found_by_full_text_search() {
    // v5 fills the index once per batch instead of by trigger: a second ingest must still
    // index its mentions (and only once).
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    let ex = common::extractor();
    let docs = common::read_corpus(&common::corpus_dir().join("same-call.jsonl"));
    let n = docs.len();
    let (first, second): (Vec<_>, Vec<_>) =
        docs.into_iter().enumerate().partition(|(i, _)| *i < n / 2);
    common::ingest_docs(&db, first.into_iter().map(|x| x.1).collect(), &ex, 1);
    common::ingest_docs(&db, second.into_iter().map(|x| x.1).collect(), &ex, 2);
    let store = Store::open(&db).expect("open");
    let conn = store.conn();
    let mentions = count(conn, "SELECT count(*) FROM mentions");
    assert!(mentions >= 2);
    assert_eq!(
        count(conn, "SELECT count(*) FROM mentions_fts_docsize"),
        mentions,
        "every mention indexed once"
    );
    conn.execute_batch("INSERT INTO mentions_fts (mentions_fts) VALUES ('integrity-check')")
        .expect("the index matches the mentions");
}

#[test]
fn a_document_changed_twice_in_one_batch_keeps_the_full_text_index_whole() {
    // The batch indexes its new mentions at the end; a document replaced inside the same batch
    // deletes (through the trigger) mentions that must already be in the index.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.db")).expect("open");
    let doc = |hash: &str, name: &str| parley_store::DocRecord {
        key: "same-key".into(),
        content_hash: hash.into(),
        extractor: "test".into(),
        url: None,
        outlet: Some("Anadolu".into()),
        title: None,
        published: chrono::NaiveDate::from_ymd_opt(2024, 5, 30),
        bytes: 10,
        events: vec![call_record("same-key", name)],
        contexts: Vec::new(),
    };
    let stats = store
        .write_batch(&[doc("h1", "Serdar Kılıç"), doc("h2", "Serdar Kilic")])
        .expect("batch");
    assert_eq!(
        (stats.new_docs, stats.changed_docs, stats.mentions),
        (1, 1, 2)
    );
    store.merge_pending().expect("merge");
    let conn = store.conn();
    assert_eq!(count(conn, "SELECT count(*) FROM mentions"), 1);
    assert_eq!(count(conn, "SELECT count(*) FROM mentions_fts_docsize"), 1);
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'Kilic'"
        ),
        1
    );
    conn.execute_batch("INSERT INTO mentions_fts (mentions_fts) VALUES ('integrity-check')")
        .expect("the index matches the mentions");
}
