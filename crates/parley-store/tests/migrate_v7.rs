//! Schema v6 -> v7: the event each report belongs to moves from the column `mentions.event_id`
//! into the narrow table `mention_events`. A v6 file, made by the v6 migrations and filled as
//! parley 6 filled it, must migrate with every link, row, merged event and full-text answer kept.

mod common;

use parley_store::{Filter, Store};
use rusqlite::Connection;

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(sql).expect("prepare");
    let rows = st.query_map([], |r| r.get(0)).expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Every table a migration must keep, as rows of text, in a fixed order (the report links are
/// read separately, since their place changes).
fn tables(conn: &Connection) -> Vec<Vec<String>> {
    [
        "SELECT key || content_hash || extractor || coalesce(outlet, '') FROM documents ORDER BY key",
        "SELECT id || doc_id || block || record || evidence_text || coalesce(context_before, '') FROM mentions ORDER BY id",
        "SELECT id || event_id || record || num_articles FROM events ORDER BY id",
        "SELECT event_id || name || coalesce(date_lo, '') || type FROM participants ORDER BY 1",
        "SELECT event_id || topic FROM event_topics ORDER BY 1",
        "SELECT event_id || outlet FROM event_outlets ORDER BY 1",
        "SELECT a || b || n FROM pair_counts ORDER BY 1",
        "SELECT name || n FROM actor_counts ORDER BY 1",
        "SELECT period || type || status || n FROM month_counts ORDER BY 1",
        "SELECT period || a || b || n FROM pair_month_counts ORDER BY 1",
        "SELECT event_id FROM multi_events ORDER BY 1",
    ]
    .iter()
    .map(|sql| strings(conn, sql))
    .collect()
}

/// Writes a v6 file holding the rows of a current store: schema by the v1..v6 migrations, each
/// report's event in `mentions.event_id`, aggregates by the v6 triggers, the full-text index
/// rebuilt from the mentions (v6 filled it per batch, not by trigger).
fn write_v6_file(path: &std::path::Path, from: &std::path::Path) {
    let mut conn = Connection::open(path).expect("create");
    parley_store::schema::create_at_version(&mut conn, 6).expect("v6 schema");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM pragma_table_info('mentions') WHERE name = 'event_id'"
        ),
        1,
        "v6 mentions carry their event"
    );
    common::copy_rows_into_older_schema(&conn, from);
    conn.execute_batch("INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild');")
        .expect("index");
}

#[test]
fn a_v6_file_migrates_to_v7_with_every_report_link_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let current = dir.path().join("current.db");
    let mut docs = Vec::new();
    for f in ["same-call.jsonl", "two-calls.jsonl", "planned-visit.jsonl"] {
        docs.extend(common::read_corpus(&common::corpus_dir().join(f)));
    }
    common::ingest_docs(&current, docs, &common::extractor(), 4);
    let old = dir.path().join("v6.db");
    write_v6_file(&old, &current);

    let (links, rows) = {
        let conn = Connection::open(&old).expect("open v6");
        (
            strings(
                &conn,
                "SELECT id || ' ' || event_id FROM mentions WHERE event_id IS NOT NULL ORDER BY id",
            ),
            tables(&conn),
        )
    };
    assert!(links.len() >= 5, "{links:?}");
    assert_eq!(
        links.len() as i64,
        count(
            &Connection::open(&current).expect("open"),
            "SELECT count(*) FROM mentions"
        ),
        "every report of the fixture is placed in an event"
    );

    let store = Store::open(&old).expect("a v6 store opens and migrates");
    let conn = store.conn();
    assert_eq!(
        count(conn, "SELECT version FROM schema_version"),
        parley_store::schema::SCHEMA_VERSION
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM pragma_table_info('mentions') WHERE name = 'event_id'"
        ),
        0,
        "the column is gone"
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_event'"
        ),
        0
    );
    assert_eq!(
        strings(
            conn,
            "SELECT mention_id || ' ' || event_id FROM mention_events ORDER BY mention_id"
        ),
        links,
        "every report keeps its event"
    );
    assert_eq!(tables(conn), rows, "the migration changed stored rows");
    assert!(!conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut st| st.exists([]))
        .expect("check"));
    conn.execute_batch("INSERT INTO mentions_fts (mentions_fts) VALUES ('integrity-check')")
        .expect("the full-text index matches the mentions");

    // The migrated store answers as the store it was copied from, full-text filter included.
    drop(store);
    assert_eq!(
        common::canonical(&common::all_events(&old)),
        common::canonical(&common::all_events(&current))
    );
    let by_text = |db: &std::path::Path| -> Vec<String> {
        let s = Store::open_existing(db).expect("open");
        let f = Filter {
            text: Some("phone OR visit".into()),
            ..Filter::default()
        };
        let mut ids: Vec<String> = s
            .events(&f)
            .expect("text query")
            .into_iter()
            .map(|e| e.event_id)
            .collect();
        ids.sort();
        ids
    };
    let ids = by_text(&old);
    assert!(!ids.is_empty());
    assert_eq!(ids, by_text(&current));

    // Re-ingesting every document as changed replaces the reports: the links of the deleted
    // reports go with them (cascade), the new reports are linked again, nothing dangles.
    let mut docs = Vec::new();
    for f in ["same-call.jsonl", "two-calls.jsonl", "planned-visit.jsonl"] {
        docs.extend(common::read_corpus(&common::corpus_dir().join(f)));
    }
    for d in &mut docs {
        d.extractor = "test 2".into();
    }
    common::ingest_docs(&old, docs, &common::extractor(), 4);
    let conn = Connection::open(&old).expect("open");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM mention_events me LEFT JOIN mentions m ON m.id = me.mention_id
             LEFT JOIN events e ON e.event_id = me.event_id WHERE m.id IS NULL OR e.id IS NULL"
        ),
        0,
        "no link points at a deleted report or event"
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM mention_events"),
        count(&conn, "SELECT count(*) FROM mentions")
    );
    assert_eq!(
        common::canonical(&common::all_events(&old)),
        common::canonical(&common::all_events(&current))
    );
}
