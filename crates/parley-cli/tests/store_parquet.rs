//! Parquet in and out of the store: files laid out as the Spark job writes them (one row per
//! event, `event_month=YYYY-MM/` partitions, a document's events spread over partitions) are
//! written here with parley-store's own writer, ingested, and must give the store that ingesting
//! the same articles as JSONL gives; `export --format parquet` is read back with the parquet
//! crate.

mod common;

use std::path::Path;

use common::*;
use parquet::file::reader::SerializedFileReader;
use parquet::record::Field;
use serde_json::Value;

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Articles with metadata, as JSONL; the first has two events in different months.
fn articles() -> String {
    let docs = [
        ("pq-1", "2024-05-06", "https://one.example.com/a", "one.example.com", "Leaders meet",
         "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi on 4 May 2024, the Kremlin said. Separately, French President Emmanuel Macron will visit Berlin on 10 June 2024 to meet German Chancellor Olaf Scholz, the Elysee said."),
        ("pq-2", "2024-05-05", "https://two.example.org/b", "two.example.org", "Sochi talks",
         "Vladimir Putin and Recep Tayyip Erdogan held talks in Sochi on Saturday, Turkish officials said."),
        ("pq-3", "2024-05-07", "https://three.example.net/c", "three.example.net", "Phone call",
         "Indian Prime Minister Narendra Modi spoke by phone with Japanese Prime Minister Fumio Kishida on Monday, the Indian foreign ministry said."),
    ];
    docs.iter()
        .map(|(id, p, u, o, t, text)| {
            serde_json::json!({"id": id, "published": p, "url": u, "outlet": o, "title": t, "text": text})
                .to_string()
                + "\n"
        })
        .collect()
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Writes the Spark layout for the extracted events of `articles()`; returns the row count.
fn write_spark_dataset(dir: &Path, events: &[String], meta: &[Value]) -> usize {
    let mut parts: std::collections::BTreeMap<String, Vec<Vec<Option<String>>>> =
        Default::default();
    for line in events {
        let e: Value = serde_json::from_str(line).expect("event JSON");
        let doc = e["doc"].as_str().expect("doc").to_string();
        let m = meta
            .iter()
            .find(|m| m["id"] == doc.as_str())
            .expect("metadata of the doc");
        let date = e["date"]["value"].as_str().map(str::to_string);
        let month = date
            .as_deref()
            .and_then(|d| d.get(..7))
            .unwrap_or("unknown")
            .to_string();
        let names: Vec<&str> = e["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        let st = |v: &Value| v.as_str().map(str::to_string);
        parts.entry(month).or_default().push(vec![
            Some(doc),
            st(&e["event_id"]),
            st(&e["type"]),
            st(&e["status"]),
            st(&e["cameo"]),
            date,
            Some(names.join("; ")),
            st(&m["published"]),
            st(&m["url"]),
            st(&m["outlet"]),
            st(&m["title"]),
            Some(line.clone()),
        ]);
    }
    let mut n = 0;
    for (month, rows) in &parts {
        let d = dir.join(format!("event_month={month}"));
        std::fs::create_dir_all(&d).expect("mkdir");
        let f = std::fs::File::create(d.join("part-00000-x.snappy.parquet")).expect("create");
        parley_store::parquet_io::write_spark_rows(f, rows).expect("write parquet");
        // Spark's bookkeeping files are not inputs.
        std::fs::write(d.join(".part-00000-x.snappy.parquet.crc"), b"crc").expect("write");
        n += rows.len();
    }
    std::fs::write(dir.join("_SUCCESS"), b"").expect("write");
    n
}

fn export_jsonl(db: &Path) -> Vec<Value> {
    let out = run(&["export", "--format", "jsonl", "--db", &s(db)], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

#[test]
fn spark_parquet_ingests_like_jsonl_and_exports_parquet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = articles();
    let meta: Vec<Value> = json_lines(corpus.as_bytes());
    let ex = run(
        &["extract", "--format", "jsonl", "--input", "-"],
        Some(corpus.as_bytes()),
    );
    assert!(
        ex.status.success(),
        "{}",
        String::from_utf8_lossy(&ex.stderr)
    );
    let events: Vec<String> = String::from_utf8_lossy(&ex.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let months: std::collections::BTreeSet<String> = events
        .iter()
        .filter(|l| l.contains("\"doc\":\"pq-1\""))
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|e| {
            e["date"]["value"]
                .as_str()
                .and_then(|d| d.get(..7))
                .map(str::to_string)
        })
        .collect();
    assert!(
        months.len() >= 2,
        "pq-1's events must span two partitions: {months:?}"
    );

    let ds = dir.path().join("events");
    let rows = write_spark_dataset(&ds, &events, &meta);

    let db_pq = dir.path().join("pq.db");
    let a = run(&["ingest", "--quiet", "--db", &s(&db_pq), &s(&ds)], None);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));

    let conn = rusqlite::Connection::open(&db_pq).expect("open");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("SELECT count(*) FROM documents"), 3);
    assert_eq!(count("SELECT count(*) FROM mentions") as usize, rows);
    let (outlet, url, title): (String, String, String) = conn
        .query_row(
            "SELECT outlet, url, title FROM documents WHERE key = 'pq-1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("pq-1 stored");
    assert_eq!(
        (outlet.as_str(), url.as_str(), title.as_str()),
        (
            "one.example.com",
            "https://one.example.com/a",
            "Leaders meet"
        )
    );

    // The same articles as JSONL give the same merged events.
    let jl = dir.path().join("docs.jsonl");
    std::fs::write(&jl, &corpus).expect("write");
    let db_jl = dir.path().join("jl.db");
    let b = run(&["ingest", "--quiet", "--db", &s(&db_jl), &s(&jl)], None);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let from_pq = export_jsonl(&db_pq);
    assert!(!from_pq.is_empty());
    // ... but for the context of the evidence, which Parquet (no article text) cannot carry.
    let contexts = |events: &[Value]| -> Vec<Value> {
        events
            .iter()
            .flat_map(|e| e["mentions"].as_array().cloned().unwrap_or_default())
            .flat_map(|m| [m["context_before"].clone(), m["context_after"].clone()])
            .collect()
    };
    let without_context = |events: &[Value]| -> Vec<Value> {
        let mut v = events.to_vec();
        for e in &mut v {
            for m in e["mentions"].as_array_mut().into_iter().flatten() {
                if let Some(m) = m.as_object_mut() {
                    m.remove("context_before");
                    m.remove("context_after");
                }
            }
        }
        v
    };
    let from_jl = export_jsonl(&db_jl);
    assert_eq!(without_context(&from_pq), without_context(&from_jl));
    assert!(
        contexts(&from_pq).iter().all(Value::is_null),
        "reports from Parquet have no context"
    );
    assert!(
        contexts(&from_jl).iter().any(|c| c
            .as_str()
            .is_some_and(|c| c.starts_with("Separately, French President"))),
        "ingested articles keep the sentences around the evidence"
    );

    // `parley show` prints the evidence between the sentences around it (when stored).
    let sochi = from_jl
        .iter()
        .find(|e| e["location"]["name"] == "Sochi")
        .and_then(|e| e["event_id"].as_str())
        .expect("the Sochi meeting")
        .to_string();
    let show = |db: &Path| -> String {
        let out = run(&["show", &sochi, "--db", &s(db)], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = show(&db_jl);
    assert!(shown.contains("[Separately, French President"), "{shown}");
    assert!(
        shown.find("\"Russian President Vladimir Putin met")
            < shown.find("[Separately, French President"),
        "{shown}"
    );
    let shown = show(&db_pq);
    assert!(
        shown.contains("\"Russian President Vladimir Putin met"),
        "{shown}"
    );
    assert!(!shown.contains("[Separately"), "{shown}");

    // Re-ingesting the same files changes nothing.
    let again = run(&["ingest", "--quiet", "--db", &s(&db_pq), &s(&ds)], None);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{err}");
    assert!(
        err.contains("(0 new, 0 changed, 3 unchanged, 0 failed)"),
        "{err}"
    );

    // Export as Parquet and read it back.
    let out = dir.path().join("merged.parquet");
    let e = run(
        &[
            "export",
            "--format",
            "parquet",
            "-o",
            &s(&out),
            "--db",
            &s(&db_pq),
        ],
        None,
    );
    assert!(e.status.success(), "{}", String::from_utf8_lossy(&e.stderr));
    let reader = SerializedFileReader::new(std::fs::File::open(&out).expect("open"))
        .expect("a Parquet file");
    let mut records = Vec::new();
    let mut ids = Vec::new();
    for row in reader.into_iter() {
        let row = row.expect("row decodes");
        for (name, v) in row.get_column_iter() {
            match (name.as_str(), v) {
                ("record", Field::Str(r)) => {
                    records.push(serde_json::from_str::<Value>(r).expect("record is JSON"))
                }
                ("event_id", Field::Str(r)) => ids.push(r.clone()),
                ("num_articles", Field::Long(n)) => assert!(*n >= 1),
                _ => {}
            }
        }
    }
    assert_eq!(
        records, from_pq,
        "the record column holds the merged events"
    );
    let want: Vec<String> = from_pq
        .iter()
        .filter_map(|e| e["event_id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn bad_parquet_files_are_named_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ds = dir.path().join("events/event_month=2024-05");
    std::fs::create_dir_all(&ds).expect("mkdir");
    std::fs::write(ds.join("part-00001.parquet"), b"this is not parquet").expect("write");
    let record = r#"{"doc":"d1","event_id":"x","type":"call","cameo":"041","plover":{"type":"CONSULT","mode":"phone"},"status":"occurred","participants":[{"name":"Vladimir Putin","mention":"Putin","role":"head_of_state","country":"RUS","org":null},{"name":"Recep Tayyip Erdogan","mention":"Erdogan","role":"head_of_state","country":"TUR","org":null}],"initiator":null,"date":{"value":"2024-05-06","precision":"day","basis":"explicit"},"location":null,"topics":[],"attributed_to":[],"evidence":[{"text":"Putin called Erdogan.","start":0,"end":21}]}"#;
    let row = |doc: &str, rec: &str| -> Vec<Option<String>> {
        let mut r = vec![Some(doc.to_string())];
        r.extend(std::iter::repeat_n(None, 10));
        r.push(Some(rec.to_string()));
        r
    };
    let f = std::fs::File::create(ds.join("part-00002.parquet")).expect("create");
    parley_store::parquet_io::write_spark_rows(f, &[row("d1", record), row("d2", "{not an event")])
        .expect("write parquet");
    let db = dir.path().join("s.db");
    let out = run(
        &[
            "ingest",
            "--quiet",
            "--db",
            &s(&db),
            &s(&dir.path().join("events")),
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("part-00001.parquet: not a readable Parquet file"),
        "{err}"
    );
    assert!(
        err.contains("d2: event record 1 is not a parley event"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let docs: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .expect("count");
    assert_eq!(docs, 1);
}
