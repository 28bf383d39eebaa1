//! Store aggregates (schema v3: `pair_counts`, `actor_counts`, `month_counts`, `multi_events`;
//! schema v4: `pair_month_counts`; schema v6: the event columns copied into `participants`): the
//! triggers (and the merge) keep them equal to what a scan of `events` and
//! `participants` computes, through inserts, cascading deletes, deleted participants and moved
//! dates, and the migrations from v2 and v3 backfill them.

mod common;

use parley_core::Document;
use parley_store::ingest::Incoming;
use parley_store::{DocRecord, Store};
use rusqlite::Connection;

type Rows = Vec<Vec<rusqlite::types::Value>>;

fn rows(conn: &Connection, sql: &str) -> Rows {
    let mut st = conn.prepare(sql).expect("prepare");
    let n = st.column_count();
    let it = st
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })
        .expect("query");
    it.collect::<Result<_, _>>().expect("rows")
}

/// Each aggregate next to the scan it replaces.
fn assert_consistent(conn: &Connection) {
    assert_eq!(
        rows(conn, "SELECT a, b, n FROM pair_counts ORDER BY 1, 2"),
        rows(
            conn,
            "SELECT p1.name, p2.name, count(*) FROM participants p1
             JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
             GROUP BY 1, 2 ORDER BY 1, 2"
        ),
        "pair_counts"
    );
    assert_eq!(
        rows(conn, "SELECT name, n FROM actor_counts ORDER BY 1"),
        rows(
            conn,
            "SELECT name, count(*) FROM participants GROUP BY 1 ORDER BY 1"
        ),
        "actor_counts"
    );
    assert_eq!(
        rows(
            conn,
            "SELECT period, type, status, n, conflicts FROM month_counts ORDER BY 1, 2, 3"
        ),
        rows(
            conn,
            "SELECT coalesce(substr(date_lo, 1, 7), ''), type, status, count(*), sum(num_conflicts > 0)
             FROM events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ),
        "month_counts"
    );
    assert_eq!(
        rows(
            conn,
            "SELECT period, a, b, n FROM pair_month_counts ORDER BY 1, 2, 3"
        ),
        rows(
            conn,
            "SELECT coalesce(substr(e.date_lo, 1, 7), ''), p1.name, p2.name, count(*)
             FROM participants p1
             JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
             JOIN events e ON e.event_id = p1.event_id
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ),
        "pair_month_counts"
    );
    assert_eq!(
        rows(
            conn,
            "SELECT event_id, name, date_lo, date_hi, type, status, num_conflicts
             FROM participants ORDER BY 1, 2"
        ),
        rows(
            conn,
            "SELECT p.event_id, p.name, e.date_lo, e.date_hi, e.type, e.status, e.num_conflicts
             FROM participants p JOIN events e ON e.event_id = p.event_id ORDER BY 1, 2"
        ),
        "participant copies of the event columns (schema v6)"
    );
    assert_eq!(
        rows(conn, "SELECT event_id FROM multi_events ORDER BY 1"),
        rows(
            conn,
            "SELECT event_id FROM participants GROUP BY 1 HAVING count(*) >= 3 ORDER BY 1"
        ),
        "multi_events"
    );
}

fn add_event(conn: &Connection, id: &str, date: Option<&str>, conflicts: i64, names: &[&str]) {
    conn.execute(
        "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, location, location_country, num_articles, num_sources, num_conflicts, record)
         VALUES (?1, 'b', 'call', 'occurred', ?2, 'day', ?2, ?2, NULL, NULL, 1, 1, ?3, '{}')",
        rusqlite::params![id, date, conflicts],
    )
    .expect("event");
    for n in names {
        conn.execute(
            "INSERT INTO participants (event_id, name) VALUES (?1, ?2)",
            rusqlite::params![id, n],
        )
        .expect("participant");
    }
}

fn fill(conn: &Connection) {
    add_event(conn, "e1", Some("2024-05-06"), 0, &["Putin", "Erdogan"]);
    add_event(conn, "e2", Some("2024-05-20"), 1, &["Erdogan", "Putin"]);
    add_event(
        conn,
        "e3",
        Some("2024-06-01"),
        0,
        &["Macron", "Putin", "Zelensky"],
    );
    add_event(conn, "e4", None, 0, &["Scholz", "Macron"]);
}

#[test]
fn triggers_keep_the_aggregates_equal_to_a_scan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.db")).expect("open");
    let conn = store.conn();
    fill(conn);
    assert_consistent(conn);
    let n: i64 = conn
        .query_row(
            "SELECT n FROM pair_counts WHERE a = 'Erdogan' AND b = 'Putin'",
            [],
            |r| r.get(0),
        )
        .expect("pair");
    assert_eq!(n, 2, "both orders of arrival count the same pair");
    // Deleting events cascades to participants one row at a time.
    conn.execute("DELETE FROM events WHERE event_id IN ('e2', 'e3')", [])
        .expect("delete");
    assert_consistent(conn);
    let left: i64 = conn
        .query_row("SELECT count(*) FROM multi_events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0, "the only three-party event is gone");
    let zero: i64 = conn
        .query_row("SELECT count(*) FROM pair_counts WHERE n <= 0", [], |r| {
            r.get(0)
        })
        .expect("count");
    assert_eq!(zero, 0, "pairs that no event has any more are removed");
    let zero: i64 = conn
        .query_row(
            "SELECT count(*) FROM pair_month_counts WHERE n <= 0",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        zero, 0,
        "months that no event of a pair has any more are removed"
    );
}

#[test]
fn pair_month_counts_follow_moved_dates_and_deleted_participants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.db")).expect("open");
    let conn = store.conn();
    fill(conn);
    add_event(
        conn,
        "e7",
        Some("2024-05-30"),
        0,
        &["Putin", "Erdogan", "Aliyev"],
    );
    assert_consistent(conn);
    // A date moved to another month (and to no date, and back) moves the event's pairs.
    for d in [
        Some("2024-07-02"),
        None,
        Some("2023-12-31"),
        Some("2023-12-01"),
    ] {
        conn.execute(
            "UPDATE events SET date_lo = ?1, date_hi = ?1 WHERE event_id = 'e1'",
            [d],
        )
        .expect("move");
        assert_consistent(conn);
    }
    // A participant removed from an event that stays uncounts only its own pairs.
    conn.execute(
        "DELETE FROM participants WHERE event_id = 'e7' AND name = 'Aliyev'",
        [],
    )
    .expect("delete participant");
    assert_consistent(conn);
    conn.execute(
        "INSERT INTO participants (event_id, name) VALUES ('e7', 'Pashinyan')",
        [],
    )
    .expect("add participant");
    assert_consistent(conn);
    conn.execute("DELETE FROM events", []).expect("delete all");
    assert_consistent(conn);
    let left: i64 = conn
        .query_row("SELECT count(*) FROM pair_month_counts", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0);
}

/// Takes a current store back to schema v3: no event columns in `participants` (v6), no
/// context columns, no per-month pairs.
fn downgrade_to_v3(conn: &Connection) {
    conn.execute_batch(
        "DROP TRIGGER participants_event_columns; DROP TRIGGER events_participant_columns;
         DROP INDEX participants_dated; DROP INDEX participants_country_dated;
         ALTER TABLE participants DROP COLUMN date_lo;
         ALTER TABLE participants DROP COLUMN date_hi;
         ALTER TABLE participants DROP COLUMN type;
         ALTER TABLE participants DROP COLUMN status;
         ALTER TABLE participants DROP COLUMN num_conflicts;
         CREATE INDEX participants_name ON participants (name, event_id);
         CREATE INDEX participants_country ON participants (country, event_id);
         DROP TRIGGER participants_pair_month_insert; DROP TRIGGER participants_pair_month_delete;
         DROP TRIGGER events_pair_month_delete; DROP TRIGGER events_pair_month_update;
         DROP TABLE pair_month_counts;
         ALTER TABLE mentions DROP COLUMN context_before;
         ALTER TABLE mentions DROP COLUMN context_after;
         UPDATE schema_version SET version = 3;",
    )
    .expect("downgrade to v3");
}

#[test]
fn the_v4_migration_backfills_pair_months_of_a_v3_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    {
        let store = Store::open(&db).expect("open");
        fill(store.conn());
        downgrade_to_v3(store.conn());
        // Written by a v3 parley: no trigger counts these months.
        add_event(store.conn(), "e5", Some("2025-01-01"), 0, &["Putin", "Xi"]);
        add_event(
            store.conn(),
            "e6",
            Some("2025-01-09"),
            0,
            &["Xi", "Putin", "Modi"],
        );
    }
    let store = Store::open(&db).expect("reopen migrates");
    assert_consistent(store.conn());
    let n: i64 = store
        .conn()
        .query_row(
            "SELECT n FROM pair_month_counts WHERE period = '2025-01' AND a = 'Putin' AND b = 'Xi'",
            [],
            |r| r.get(0),
        )
        .expect("backfilled");
    assert_eq!(n, 2);
    add_event(store.conn(), "e8", Some("2025-02-01"), 0, &["Xi", "Putin"]);
    store
        .conn()
        .execute("DELETE FROM events WHERE event_id = 'e6'", [])
        .expect("delete");
    assert_consistent(store.conn());
}

#[test]
fn the_v3_migration_backfills_the_aggregates_of_a_v2_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    {
        let store = Store::open(&db).expect("open");
        fill(store.conn());
        // Back to version 2: no aggregates, no triggers.
        downgrade_to_v3(store.conn());
        store
            .conn()
            .execute_batch(
                "DROP TRIGGER participants_agg_insert; DROP TRIGGER participants_agg_delete;
                 DROP TRIGGER events_agg_insert; DROP TRIGGER events_agg_delete;
                 DROP TRIGGER events_agg_update;
                 DROP TABLE pair_counts; DROP TABLE actor_counts; DROP TABLE month_counts;
                 DROP TABLE multi_events; DROP INDEX events_list; DROP INDEX events_narrow;
                 UPDATE schema_version SET version = 2;",
            )
            .expect("downgrade");
        add_event(store.conn(), "e5", Some("2025-01-01"), 0, &["Putin", "Xi"]);
    }
    let store = Store::open(&db).expect("reopen migrates");
    let v: i64 = store
        .conn()
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, parley_store::schema::SCHEMA_VERSION);
    assert_consistent(store.conn());
    let xi: i64 = store
        .conn()
        .query_row("SELECT n FROM actor_counts WHERE name = 'Xi'", [], |r| {
            r.get(0)
        })
        .expect("Xi counted by the backfill");
    assert_eq!(xi, 1);
    add_event(store.conn(), "e6", Some("2025-02-01"), 0, &["Xi", "Putin"]);
    assert_consistent(store.conn());
}

fn incoming(key: &str, outlet: &str, text: &str) -> Incoming<Document> {
    Incoming {
        key: key.into(),
        content_hash: parley_store::content_hash(&[text.as_bytes()]),
        url: None,
        outlet: Some(outlet.into()),
        title: None,
        bytes: text.len() as u64,
        extractor: "test".into(),
        raw: Document::new(
            key.to_string(),
            text.to_string(),
            chrono::NaiveDate::from_ymd_opt(2024, 5, 8),
        ),
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Through real ingests: reports of two documents merged into one event count once; a
/// re-ingested document whose events vanish or move to another month takes its counts along.
#[test]
fn aggregates_follow_merges_and_reingested_documents() {
    const CALL: &str = "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on Monday, the Kremlin said.";
    const CALL_APRIL: &str = "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on 2 April, the Kremlin said.";
    const MEETING: &str =
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday.";
    const NOTHING: &str = "Markets closed higher on Tuesday.";
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    let ex = common::extractor();
    let putin_erdogan = "SELECT coalesce(sum(n), 0) FROM pair_month_counts
                         WHERE a LIKE '%Erdo%' AND b LIKE '%Putin%'";
    let macron =
        "SELECT count(*) FROM pair_month_counts WHERE a LIKE '%Macron%' OR b LIKE '%Macron%'";
    common::ingest_docs(
        &db,
        vec![
            incoming("a", "Wire A", CALL),
            incoming("b", "Wire B", CALL),
            incoming("c", "Wire C", MEETING),
        ],
        &ex,
        8,
    );
    {
        let store = Store::open(&db).expect("open");
        let conn = store.conn();
        assert_consistent(conn);
        assert_eq!(
            count(conn, "SELECT count(*) FROM events WHERE num_articles = 2"),
            1,
            "the two reports of the call are one event"
        );
        assert_eq!(count(conn, putin_erdogan), 1, "a merged event counts once");
        assert_eq!(
            count(
                conn,
                "SELECT count(*) FROM pair_month_counts WHERE period = '2024-05'"
            ),
            2
        );
        assert_eq!(count(conn, macron), 1);
    }
    // `c` changed and no longer reports the meeting: its pair is gone.
    common::ingest_docs(&db, vec![incoming("c", "Wire C", NOTHING)], &ex, 8);
    {
        let store = Store::open(&db).expect("open");
        assert_consistent(store.conn());
        assert_eq!(
            count(store.conn(), macron),
            0,
            "a vanished event is uncounted"
        );
        assert_eq!(count(store.conn(), putin_erdogan), 1);
    }
    // `b` now dates the call in April: the merged event splits, one count per month.
    common::ingest_docs(&db, vec![incoming("b", "Wire B", CALL_APRIL)], &ex, 8);
    {
        let store = Store::open(&db).expect("open");
        let conn = store.conn();
        assert_consistent(conn);
        let months = rows(
            conn,
            "SELECT period, n FROM pair_month_counts WHERE a LIKE '%Erdo%' AND b LIKE '%Putin%' ORDER BY 1",
        );
        assert_eq!(
            months,
            vec![
                vec!["2024-04".to_string().into(), 1_i64.into()],
                vec!["2024-05".to_string().into(), 1_i64.into()]
            ]
        );
    }
    // Neither document reports a call any more: nothing is left.
    common::ingest_docs(
        &db,
        vec![
            incoming("a", "Wire A", NOTHING),
            incoming("b", "Wire B", NOTHING),
        ],
        &ex,
        8,
    );
    let store = Store::open(&db).expect("open");
    assert_consistent(store.conn());
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM pair_month_counts"),
        0
    );
    assert_eq!(count(store.conn(), "SELECT count(*) FROM pair_counts"), 0);
}

/// A document as [`Store::write_batch`] takes it, extracted by the built-in extractor.
fn doc_record(ex: &parley_core::Extractor, key: &str, outlet: &str, text: &str) -> DocRecord {
    let published = chrono::NaiveDate::from_ymd_opt(2024, 5, 8);
    let doc = Document::new(key.to_string(), text.to_string(), published);
    let events = ex.extract(&doc);
    DocRecord {
        key: key.into(),
        content_hash: parley_store::content_hash(&[text.as_bytes()]),
        extractor: "test".into(),
        url: None,
        outlet: Some(outlet.into()),
        title: None,
        published,
        bytes: text.len() as u64,
        contexts: parley_store::contexts(&doc.text, &events),
        events,
    }
}

/// The merge writes the aggregates itself, with the connection's triggers off; one `Store`
/// that writes, merges and writes again (as the web import does) must find its triggers on
/// again: a replaced document's mentions leave the full-text index, and aggregates written by
/// plain SQL afterwards are still kept by the triggers.
#[test]
fn the_merge_keeps_the_aggregates_and_gives_the_triggers_back() {
    const CALL: &str = "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on Monday, the Kremlin said.";
    const MEETING: &str = "French President Emmanuel Macron met German Chancellor Olaf Scholz and Italian Prime Minister Giorgia Meloni in Berlin on Tuesday.";
    const NOTHING: &str = "Markets closed higher on Tuesday.";
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.db")).expect("open");
    let ex = common::extractor();
    store
        .write_batch(&[
            doc_record(&ex, "a", "Wire A", CALL),
            doc_record(&ex, "b", "Wire B", CALL),
            doc_record(&ex, "c", "Wire C", MEETING),
        ])
        .expect("write");
    store.merge_pending().expect("merge");
    assert_consistent(store.conn());
    assert_eq!(count(store.conn(), "SELECT count(*) FROM multi_events"), 1);
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'phone'"
        ),
        2
    );
    // `a` changes: its mention goes, and with it (by the delete trigger) its index entry.
    store
        .write_batch(&[doc_record(&ex, "a", "Wire A", NOTHING)])
        .expect("rewrite");
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'phone'"
        ),
        1,
        "the full-text delete trigger fired after a merge on the same connection"
    );
    store.merge_pending().expect("merge again");
    assert_consistent(store.conn());
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM events WHERE num_articles = 1"
        ),
        2
    );
    // Plain SQL on the same connection: the triggers keep the aggregates.
    add_event(
        store.conn(),
        "manual",
        Some("2024-07-01"),
        0,
        &["A Person", "B Person", "C Person"],
    );
    assert_consistent(store.conn());
    // The meeting's document goes: its three-party event leaves `multi_events`.
    store
        .write_batch(&[doc_record(&ex, "c", "Wire C", NOTHING)])
        .expect("rewrite c");
    store.merge_pending().expect("merge once more");
    assert_consistent(store.conn());
    assert_eq!(count(store.conn(), "SELECT count(*) FROM multi_events"), 1);
}
