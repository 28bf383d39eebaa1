//! Helpers shared by the integration tests: reading the test corpora and ingesting them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parley_core::{Document, Extractor};
use parley_store::ingest::{self, Incoming, IngestOptions, IngestSummary, Quiet};
use parley_store::{MergedEvent, Store};

/// The workspace's `tests/merge-corpus` directory.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/merge-corpus")
}

/// Reads a corpus JSONL file (`id`, `title`, `text`, `published`, `url`, `outlet`) into documents
/// the pipeline takes; the title goes before the text, as `parley ingest` does.
pub fn read_corpus(path: &Path) -> Vec<Incoming<Document>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(record)
        .collect()
}

/// One JSONL line as an incoming document.
pub fn record(line: &str) -> Incoming<Document> {
    let v: serde_json::Value = serde_json::from_str(line).expect("test corpus lines are JSON");
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let id = s("id").expect("id");
    let body = s("text").expect("text");
    let text = match s("title") {
        Some(t) => format!("{t}\n\n{body}"),
        None => body,
    };
    let published =
        s("published").and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
    let hash = parley_store::content_hash(&[
        text.as_bytes(),
        s("published").unwrap_or_default().as_bytes(),
        s("outlet").unwrap_or_default().as_bytes(),
    ]);
    Incoming {
        key: id.clone(),
        content_hash: hash,
        url: s("url"),
        outlet: s("outlet"),
        title: s("title"),
        bytes: line.len() as u64,
        extractor: "test".into(),
        raw: Document::new(id, text, published),
    }
}

/// The built-in extractor.
pub fn extractor() -> Extractor {
    Extractor::builtin().expect("the built-in lexicon loads")
}

/// Ingests documents into the database at `db`.
pub fn ingest_docs(
    db: &Path,
    docs: Vec<Incoming<Document>>,
    ex: &Extractor,
    batch: usize,
) -> IngestSummary {
    let opts = IngestOptions {
        batch_docs: batch,
        ..IngestOptions::default()
    };
    ingest::ingest(
        db,
        docs.into_iter().map(Ok),
        |d: &Document| Ok(d.clone()),
        ex,
        opts,
        &mut Quiet,
    )
    .expect("ingest succeeds")
}

/// Every merged event in the store, as JSON strings sorted by id.
pub fn all_events(db: &Path) -> Vec<MergedEvent> {
    let store = Store::open_existing(db).expect("the store opens");
    let mut v = store
        .events(&parley_store::Filter::default())
        .expect("query succeeds");
    v.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    v
}

/// Merged events as canonical JSON lines (for comparing two stores).
pub fn canonical(events: &[MergedEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| serde_json::to_string(e).expect("serialises"))
        .collect()
}

/// Copies the rows of `from` (a store of the current schema) into the store open on `conn`,
/// which was created at an older schema version: every column the old table has, with
/// `mentions.event_id` read back from `mention_events` (a column until v7). Parents first; the
/// aggregate tables and the full-text index are left to the caller (the triggers of the old
/// schema, or a rebuild).
pub fn copy_rows_into_older_schema(conn: &rusqlite::Connection, from: &Path) {
    conn.execute("ATTACH DATABASE ?1 AS src", [from.display().to_string()])
        .expect("attach");
    for table in [
        "documents",
        "mentions",
        "events",
        "participants",
        "event_topics",
        "event_outlets",
        "actors",
    ] {
        let cols: Vec<String> = {
            let mut st = conn
                .prepare("SELECT name FROM pragma_table_info(?1, 'main')")
                .expect("columns");
            let rows = st.query_map([table], |r| r.get(0)).expect("query");
            rows.collect::<Result<_, _>>().expect("rows")
        };
        let exprs: Vec<String> = cols
            .iter()
            .map(|c| {
                if table == "mentions" && c == "event_id" {
                    "(SELECT me.event_id FROM src.mention_events me WHERE me.mention_id = src.mentions.id)".to_string()
                } else {
                    c.clone()
                }
            })
            .collect();
        let (cols, exprs) = (cols.join(", "), exprs.join(", "));
        conn.execute_batch(&format!(
            "INSERT INTO main.{table} ({cols}) SELECT {exprs} FROM src.{table}"
        ))
        .expect("copy");
    }
    conn.execute_batch("DETACH DATABASE src").expect("detach");
}
