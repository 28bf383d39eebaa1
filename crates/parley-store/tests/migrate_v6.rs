//! Schema v5 -> v6: each participant row carries its event's list columns (`date_lo`,
//! `date_hi`, `type`, `status`, `num_conflicts`), indexed by name and by country in the list
//! order. A v5 file, made by the v5 migrations, must migrate with every copy equal to its
//! event's columns, and the triggers must keep them equal afterwards.

use parley_store::Store;
use rusqlite::{params, Connection};

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

/// The copies next to the columns they copy.
fn assert_copies_equal_events(conn: &Connection) {
    assert_eq!(
        rows(
            conn,
            "SELECT event_id, name, country, date_lo, date_hi, type, status, num_conflicts
             FROM participants ORDER BY 1, 2"
        ),
        rows(
            conn,
            "SELECT p.event_id, p.name, p.country, e.date_lo, e.date_hi, e.type, e.status, e.num_conflicts
             FROM participants p JOIN events e ON e.event_id = p.event_id ORDER BY 1, 2"
        ),
        "participant copies of the event columns"
    );
}

fn add_event(conn: &Connection, id: &str, date: Option<&str>, kind: &str, names: &[&str]) {
    conn.execute(
        "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, location, location_country, num_articles, num_sources, num_conflicts, record)
         VALUES (?1, 'b', ?3, 'occurred', ?2, 'day', ?2, ?2, NULL, NULL, 1, 1, 0, '{}')",
        params![id, date, kind],
    )
    .expect("event");
    for n in names {
        conn.execute(
            "INSERT INTO participants (event_id, name, country) VALUES (?1, ?2, 'RUS')",
            params![id, n],
        )
        .expect("participant");
    }
}

fn indexes(conn: &Connection) -> Vec<String> {
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants' AND sql IS NOT NULL ORDER BY 1")
        .expect("prepare");
    let it = st.query_map([], |r| r.get(0)).expect("query");
    it.collect::<Result<_, _>>().expect("rows")
}

#[test]
fn a_v5_file_migrates_to_v6_with_the_event_columns_copied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("v5.db");
    {
        let mut conn = Connection::open(&db).expect("create");
        parley_store::schema::create_at_version(&mut conn, 5).expect("v5 schema");
        let has: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('participants') WHERE name = 'date_lo'",
                [],
                |r| r.get(0),
            )
            .expect("columns");
        assert_eq!(has, 0, "v5 participants carry no event columns");
        add_event(
            &conn,
            "e1",
            Some("2024-05-06"),
            "call",
            &["Putin", "Erdogan"],
        );
        add_event(&conn, "e2", None, "meeting", &["Macron", "Scholz", "Putin"]);
        add_event(&conn, "e3", Some("2025-01-31"), "visit", &["Xi"]);
        conn.execute(
            "UPDATE events SET num_conflicts = 2 WHERE event_id = 'e3'",
            [],
        )
        .expect("conflicts");
        assert_eq!(
            indexes(&conn),
            vec!["participants_country", "participants_name"]
        );
    }
    let store = Store::open(&db).expect("reopen migrates");
    let conn = store.conn();
    let v: i64 = conn
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, parley_store::schema::SCHEMA_VERSION);
    assert_eq!(
        indexes(conn),
        vec!["participants_country_dated", "participants_dated"],
        "the new indexes replace the ones they extend"
    );
    assert_copies_equal_events(conn);
    let (lo, kind, conflicts): (String, String, i64) = conn
        .query_row(
            "SELECT date_lo, type, num_conflicts FROM participants WHERE event_id = 'e3'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("backfilled");
    assert_eq!(
        (lo.as_str(), kind.as_str(), conflicts),
        ("2025-01-31", "visit", 2)
    );
    // After the migration, the triggers keep the copies: new rows, moved dates, rewritten
    // types and statuses, participants leaving and joining, cascading deletes.
    add_event(conn, "e4", Some("2024-06-01"), "call", &["Putin", "Xi"]);
    assert_copies_equal_events(conn);
    conn.execute_batch(
        "UPDATE events SET date_lo = '2023-01-01', date_hi = '2023-12-31' WHERE event_id = 'e1';
         UPDATE events SET type = 'call', status = 'planned', num_conflicts = 1 WHERE event_id = 'e2';
         UPDATE events SET date_lo = NULL, date_hi = NULL WHERE event_id = 'e4';
         DELETE FROM participants WHERE event_id = 'e2' AND name = 'Scholz';
         INSERT INTO participants (event_id, name) VALUES ('e2', 'Biden');
         DELETE FROM events WHERE event_id = 'e3';",
    )
    .expect("changes");
    assert_copies_equal_events(conn);
    // Running the migration again (a version set back by hand) changes nothing.
    drop(store);
    {
        let conn = Connection::open(&db).expect("open");
        conn.execute("UPDATE schema_version SET version = 5", [])
            .expect("set back");
    }
    let store = Store::open(&db).expect("migrates again");
    assert_copies_equal_events(store.conn());
    assert_eq!(
        indexes(store.conn()),
        vec!["participants_country_dated", "participants_dated"]
    );
}
