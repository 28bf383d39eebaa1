//! Schema versioning, queries, filters and exports.

mod common;

use common::*;
use parley_store::export::{self, ExportFormat};
use parley_store::query::{self, Period};
use parley_store::{Filter, Store, StoreError};

fn corpus_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let mut docs = Vec::new();
    for c in ["same-call.jsonl", "two-calls.jsonl", "planned-visit.jsonl"] {
        docs.extend(read_corpus(&corpus_dir().join(c)));
    }
    ingest_docs(&db, docs, &extractor(), 5);
    (dir, db)
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    drop(Store::open(&db).expect("create"));
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute("UPDATE schema_version SET version = 99", [])
            .expect("bump");
    }
    let err = Store::open(&db).expect_err("newer schema");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer parley"), "{err}");
    let err = Store::open_existing(&db).expect_err("newer schema");
    assert!(err.to_string().contains("schema version 99"), "{err}");
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_a_missing_one_is_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute("CREATE TABLE x (y INTEGER)", [])
            .expect("create");
    }
    assert!(matches!(Store::open(&db), Err(StoreError::NotParley)));
    let missing = dir.path().join("missing.db");
    let err = Store::open_existing(&missing).expect_err("missing");
    assert!(err.to_string().contains("parley ingest"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn reopening_keeps_version_and_wal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    drop(Store::open(&db).expect("create"));
    let s = Store::open(&db).expect("reopen");
    let v: i64 = s
        .conn()
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, parley_store::schema::SCHEMA_VERSION);
    let mode: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn filters_select_the_right_events() {
    let (_dir, db) = corpus_store();
    let s = Store::open_existing(&db).expect("open");
    let all = s.events(&Filter::default()).expect("all");
    assert_eq!(all.len(), 4);
    let n = |f: Filter| s.events(&f).expect("query").len();
    assert_eq!(
        n(Filter {
            actor: Some("putin".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            actor: Some("Scholz".into()),
            with: Some("Macron".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        n(Filter {
            actor: Some("Scholz".into()),
            with: Some("Putin".into()),
            ..Filter::default()
        }),
        0
    );
    assert_eq!(
        n(Filter {
            country: Some("TUR".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            kind: Some(parley_core::EventType::Call),
            ..Filter::default()
        }),
        3
    );
    assert_eq!(
        n(Filter {
            status: Some(parley_core::Status::Occurred),
            ..Filter::default()
        }),
        4
    );
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(
        n(Filter {
            since: d("2023-03-10"),
            until: d("2023-12-31"),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            since: d("2024-01-01"),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        n(Filter {
            source: Some("rhine".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        n(Filter {
            source: Some("GLOBAL WIRE".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            text: Some("Vladmir".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            text: Some("\"European Council\"".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            topic: Some("energy".into()),
            ..Filter::default()
        }),
        s.events(&Filter::default())
            .expect("q")
            .iter()
            .filter(|e| e.topics.contains(&"energy".to_string()))
            .count()
    );
    assert_eq!(
        n(Filter {
            limit: Some(1),
            ..Filter::default()
        }),
        1
    );
    // Unknown actors and broken full-text queries get clear messages.
    let err = s
        .events(&Filter {
            actor: Some("Nobody Atall".into()),
            ..Filter::default()
        })
        .expect_err("unknown actor");
    assert!(err.to_string().contains("no such actor"), "{err}");
    let err = s
        .events(&Filter {
            text: Some("\"unbalanced".into()),
            ..Filter::default()
        })
        .expect_err("bad fts");
    assert!(err.to_string().contains("full-text"), "{err}");
    // Values are bound, not pasted into SQL.
    assert_eq!(
        n(Filter {
            source: Some("x' OR '1'='1".into()),
            ..Filter::default()
        }),
        0
    );
}

#[test]
fn bad_filter_values_list_what_is_accepted() {
    let e = query::parse_period("--since", "2023-13-45", false).expect_err("bad date");
    assert!(e.to_string().contains("month 13 does not exist"), "{e}");
    assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    let e = query::parse_period("--until", "2023-02-30", true).expect_err("bad day");
    assert!(e.to_string().contains("day 30 does not exist"), "{e}");
    assert!(query::parse_period("--since", "yesterday", false).is_err());
    assert_eq!(
        query::parse_period("--until", "2024-02", true).ok(),
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    assert_eq!(
        query::parse_period("--since", "2024", false).ok(),
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
    );
    let e = query::parse_type("phonecall").expect_err("bad type");
    assert!(
        e.to_string()
            .contains("call, meeting, visit, negotiation, mediation, correspondence"),
        "{e}"
    );
    let e = query::parse_status("happened").expect_err("bad status");
    assert!(
        e.to_string()
            .contains("occurred, planned, cancelled, denied"),
        "{e}"
    );
    assert!(query::parse_country("Russia").is_err());
    assert_eq!(query::parse_country("rus").ok().as_deref(), Some("RUS"));
}

#[test]
fn show_by_prefix_and_pairs_per_period() {
    let (_dir, db) = corpus_store();
    let s = Store::open_existing(&db).expect("open");
    let all = s.events(&Filter::default()).expect("all");
    let id = &all[0].event_id;
    assert_eq!(
        s.event(id).expect("q").map(|e| e.event_id),
        Some(id.clone())
    );
    assert_eq!(
        s.event(&id[..10]).expect("q").map(|e| e.event_id),
        Some(id.clone())
    );
    assert!(s.event("ev_nothing").expect("q").is_none());
    let pairs = s
        .actor_pairs(Period::Year, &Filter::default())
        .expect("pairs");
    let mac = pairs
        .iter()
        .find(|p| p.a == "Emmanuel Macron" && p.b == "Olaf Scholz")
        .expect("pair");
    assert_eq!(
        (mac.period.as_str(), mac.events, mac.articles),
        ("2023", 2, 4)
    );
    let q = s
        .actor_pairs(Period::Quarter, &Filter::default())
        .expect("pairs");
    assert!(q
        .iter()
        .any(|p| p.period == "2024-Q2" && p.a == "Recep Tayyip Erdogan"));
}

#[test]
fn exports_have_the_documented_columns() {
    let (_dir, db) = corpus_store();
    let s = Store::open_existing(&db).expect("open");
    let events = s.events(&Filter::default()).expect("all");
    let names = |c: &str| match c {
        "RUS" => Some("Russia".to_string()),
        "TUR" => Some("Turkey".to_string()),
        _ => None,
    };
    let mut buf = Vec::new();
    let (n, skipped) =
        export::write(&mut buf, ExportFormat::Gdelt, &events, &names).expect("gdelt");
    assert_eq!((n, skipped), (4, 0));
    let text = String::from_utf8(buf).expect("utf8");
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    let call = text
        .lines()
        .find(|l| l.contains("VLADIMIR PUTIN"))
        .expect("putin row");
    let cols: Vec<&str> = call.split('\t').collect();
    assert_eq!(cols[1], "20240603");
    assert_eq!(cols[26], "041");
    assert_eq!(cols[29], "1");
    assert_eq!(cols[30], "1.0");
    assert_eq!((cols[31], cols[32], cols[33]), ("3", "3", "3"));
    assert!(cols[60].starts_with("https://"));
    let visit = text
        .lines()
        .find(|l| l.contains("NARENDRA MODI"))
        .expect("modi row");
    let v: Vec<&str> = visit.split('\t').collect();
    assert_eq!(v[5], "INDGOV");
    assert_eq!(v[52], "Abu Dhabi");
    assert_eq!(v[53], "AE");

    let mut buf = Vec::new();
    export::write(&mut buf, ExportFormat::Icews, &events, &names).expect("icews");
    let text = String::from_utf8(buf).expect("utf8");
    let mut lines = text.lines();
    assert_eq!(lines.next().map(|h| h.split('\t').count()), Some(20));
    for line in lines {
        assert_eq!(line.split('\t').count(), 20, "{line}");
    }
    assert!(text.contains("Discuss by telephone"));

    let mut buf = Vec::new();
    export::write(&mut buf, ExportFormat::Csv, &events, &names).expect("csv");
    let mut r = csv::Reader::from_reader(buf.as_slice());
    assert_eq!(
        r.headers().expect("header").len(),
        export::CSV_COLUMNS.len()
    );
    assert_eq!(r.records().count(), 4);

    let mut buf = Vec::new();
    export::write(&mut buf, ExportFormat::Jsonl, &events, &names).expect("jsonl");
    let back: Vec<parley_store::MergedEvent> = String::from_utf8(buf)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(back, events);
}

#[test]
fn counts_follow_writes_from_this_and_other_connections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let store = Store::open(&path).expect("open");
    assert_eq!(store.counts().expect("counts").pending_blocks, 0);
    // Another connection (another process, or the web app's import) commits.
    let other = rusqlite::Connection::open(&path).expect("second connection");
    other
        .execute("INSERT INTO dirty_blocks (block) VALUES ('a')", [])
        .expect("insert");
    assert_eq!(store.counts().expect("counts").pending_blocks, 1);
    // This connection writes.
    store
        .conn()
        .execute("INSERT INTO dirty_blocks (block) VALUES ('b')", [])
        .expect("insert");
    assert_eq!(store.counts().expect("counts").pending_blocks, 2);
    // Nothing changed: the same answer (from the cache).
    assert_eq!(store.counts().expect("counts").pending_blocks, 2);
}
