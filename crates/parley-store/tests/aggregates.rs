//! Schema v3 aggregates (`pair_counts`, `actor_counts`, `month_counts`, `multi_events`): the
//! triggers keep them equal to what a scan of `events` and `participants` computes, through
//! inserts and cascading deletes, and the migration from v2 backfills them.

use parley_store::Store;
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
}

#[test]
fn the_v3_migration_backfills_the_aggregates_of_a_v2_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    {
        let store = Store::open(&db).expect("open");
        fill(store.conn());
        // Back to version 2: no aggregates, no triggers.
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
