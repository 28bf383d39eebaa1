//! Writes a Parquet dataset in the Spark job's layout (one row per event, `event_month=YYYY-MM/`
//! partitions) from `parley extract --format jsonl` output and the documents it came from. Used
//! by `bench/ingest.sh` to time the store without extraction; not part of parley itself.
//!
//!     cargo run --release -p parley-store --example spark_parquet -- DOCS.jsonl EVENTS.jsonl OUT_DIR

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// Rows per part file.
const PART_ROWS: usize = 50_000;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [docs, events, out] = args.as_slice() else {
        anyhow::bail!("usage: spark_parquet DOCS.jsonl EVENTS.jsonl OUT_DIR");
    };
    // Document metadata by id (published, url, outlet, title).
    let mut meta: HashMap<String, [Option<String>; 4]> = HashMap::new();
    for line in std::io::BufReader::new(std::fs::File::open(docs).context("docs")?).lines() {
        let v: Value = serde_json::from_str(&line?)?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        if let Some(id) = s("id") {
            meta.insert(id, [s("published"), s("url"), s("outlet"), s("title")]);
        }
    }
    let mut parts: BTreeMap<String, Vec<Vec<Option<String>>>> = BTreeMap::new();
    let mut files = 0usize;
    let flush =
        |month: &str, rows: &mut Vec<Vec<Option<String>>>, files: &mut usize| -> Result<()> {
            if rows.is_empty() {
                return Ok(());
            }
            let dir = Path::new(out).join(format!("event_month={month}"));
            std::fs::create_dir_all(&dir)?;
            let f = std::fs::File::create(dir.join(format!("part-{:05}.snappy.parquet", *files)))?;
            parley_store::parquet_io::write_spark_rows(f, rows)?;
            *files += 1;
            rows.clear();
            Ok(())
        };
    for line in std::io::BufReader::new(std::fs::File::open(events).context("events")?).lines() {
        let line = line?;
        let e: Value = serde_json::from_str(&line)?;
        let st = |v: &Value| v.as_str().map(str::to_string);
        let doc = st(&e["doc"]).unwrap_or_default();
        let date = st(&e["date"]["value"]);
        let month = date
            .as_deref()
            .and_then(|d| d.get(..7))
            .unwrap_or("unknown")
            .to_string();
        let names: Vec<&str> = e["participants"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        let [published, url, outlet, title] = meta.get(&doc).cloned().unwrap_or_default();
        let rows = parts.entry(month.clone()).or_default();
        rows.push(vec![
            Some(doc),
            st(&e["event_id"]),
            st(&e["type"]),
            st(&e["status"]),
            st(&e["cameo"]),
            date,
            Some(names.join("; ")),
            published,
            url,
            outlet,
            title,
            Some(line),
        ]);
        if rows.len() >= PART_ROWS {
            flush(&month, rows, &mut files)?;
        }
    }
    for (month, rows) in parts.iter_mut() {
        flush(month, rows, &mut files)?;
    }
    eprintln!("spark_parquet: {files} part files in {out}");
    Ok(())
}
