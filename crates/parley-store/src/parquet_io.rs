//! Parquet in and out.
//!
//! **In**: the Spark job writes one row per extracted event (columns `doc`, `event_id`, `type`,
//! `status`, `cameo`, `date_value`, `participants`, `published`, `url`, `outlet`, `title`,
//! `record`), partitioned by `event_month`. The events of one document can therefore sit in
//! several files; [`DocGroups`] puts every row of the given files into a temporary on-disk SQLite
//! table and streams them back one document at a time, so memory stays flat whatever the size of
//! the input.
//!
//! **Out**: [`write_events`] writes merged events, one row each: the flat columns of the CSV
//! export plus the nested fields as JSON strings (documented in `docs/export-formats.md`).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use parquet::basic::{Compression, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::types::Type;
use rusqlite::{params, Connection};

use crate::export;
use crate::model::MergedEvent;

/// The columns the ingest needs in every file; the others are optional.
pub const REQUIRED_COLUMNS: &[&str] = &["doc", "record"];

/// One document assembled from the Parquet rows of its events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParquetDoc {
    /// The `doc` column: the document id.
    pub doc: String,
    /// The `published` column (the first non-empty one among the document's rows).
    pub published: Option<String>,
    /// The `url` column.
    pub url: Option<String>,
    /// The `outlet` column.
    pub outlet: Option<String>,
    /// The `title` column.
    pub title: Option<String>,
    /// The `record` column of each row: the event as `parley extract --format jsonl` prints it.
    pub records: Vec<String>,
    /// Bytes of the records (for MB/s).
    pub bytes: u64,
}

/// The documents of a set of Parquet files, one at a time, grouped by the `doc` column.
///
/// Problems in a file (not Parquet, a required column missing, a row without `doc`) are yielded
/// as errors naming the file (and row) first; the readable rows are still used.
pub struct DocGroups {
    conn: Connection,
    problems: VecDeque<anyhow::Error>,
    ready: VecDeque<ParquetDoc>,
    last: Option<String>,
    done: bool,
}

impl std::fmt::Debug for DocGroups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocGroups")
            .field("last", &self.last)
            .finish()
    }
}

/// Documents fetched from the spill table per query.
const PAGE: i64 = 256;

/// Text of a string-like Parquet value (`None` for null and for empty strings).
fn text(f: &Field) -> Option<String> {
    let s = match f {
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::Date(days) => chrono::DateTime::from_timestamp(i64::from(*days) * 86_400, 0)?
            .date_naive()
            .to_string(),
        Field::TimestampMillis(ms) => chrono::DateTime::from_timestamp_millis(*ms)?
            .date_naive()
            .to_string(),
        Field::TimestampMicros(us) => chrono::DateTime::from_timestamp_micros(*us)?
            .date_naive()
            .to_string(),
        _ => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

impl DocGroups {
    /// Reads every row of `files` into a temporary table (deleted when this is dropped).
    pub fn open(files: &[PathBuf]) -> Result<DocGroups> {
        // An empty file name gives a private temporary database on disk, removed on close.
        let conn = Connection::open("").context("cannot create a temporary database")?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE TABLE rows (seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, published TEXT,
                                url TEXT, outlet TEXT, title TEXT, record TEXT NOT NULL);",
        )?;
        let mut problems = VecDeque::new();
        for f in files {
            if let Err(e) = load_file(&conn, f, &mut problems) {
                problems.push_back(e);
            }
        }
        conn.execute_batch("CREATE INDEX rows_doc ON rows (doc, seq);")?;
        Ok(DocGroups {
            conn,
            problems,
            ready: VecDeque::new(),
            last: None,
            done: false,
        })
    }

    /// Fetches the next page of documents into `ready`.
    fn fill(&mut self) -> Result<()> {
        let last = self.last.clone().unwrap_or_default();
        let mut st = self.conn.prepare_cached(
            "SELECT doc, published, url, outlet, title, record FROM rows
             WHERE doc > ?1 AND doc <= (SELECT max(doc) FROM
                 (SELECT DISTINCT doc FROM rows WHERE doc > ?1 ORDER BY doc LIMIT ?2))
             ORDER BY doc, seq",
        )?;
        let mut rows = st.query(params![last, PAGE])?;
        while let Some(r) = rows.next()? {
            let doc: String = r.get(0)?;
            let record: String = r.get(5)?;
            let fresh = self.ready.back().is_none_or(|d| d.doc != doc);
            if fresh {
                self.ready.push_back(ParquetDoc {
                    doc: doc.clone(),
                    ..ParquetDoc::default()
                });
            }
            if let Some(d) = self.ready.back_mut() {
                // Metadata is per document: take the first value given.
                if d.published.is_none() {
                    d.published = r.get(1)?;
                }
                if d.url.is_none() {
                    d.url = r.get(2)?;
                }
                if d.outlet.is_none() {
                    d.outlet = r.get(3)?;
                }
                if d.title.is_none() {
                    d.title = r.get(4)?;
                }
                d.bytes += record.len() as u64;
                d.records.push(record);
            }
        }
        match self.ready.back() {
            Some(d) => self.last = Some(d.doc.clone()),
            None => self.done = true,
        }
        Ok(())
    }
}

impl Iterator for DocGroups {
    type Item = Result<ParquetDoc>;

    fn next(&mut self) -> Option<Result<ParquetDoc>> {
        if let Some(p) = self.problems.pop_front() {
            return Some(Err(p));
        }
        if self.ready.is_empty() && !self.done {
            if let Err(e) = self.fill() {
                self.done = true;
                return Some(Err(e.context("reading back the Parquet rows")));
            }
        }
        self.ready.pop_front().map(Ok)
    }
}

/// At most this many row problems are reported per file; the rest are counted.
const MAX_ROW_PROBLEMS: usize = 20;

fn load_file(conn: &Connection, path: &Path, problems: &mut VecDeque<anyhow::Error>) -> Result<()> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| format!("{name}: cannot open"))?;
    let reader = SerializedFileReader::new(file)
        .with_context(|| format!("{name}: not a readable Parquet file"))?;
    let columns: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !columns.iter().any(|x| x == c))
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "{name}: not a parley events file: column(s) {} missing (expected one row per event with doc, record, published, url, outlet, title)",
            missing.join(", ")
        );
    }
    let tx = conn.unchecked_transaction()?;
    let mut bad = 0usize;
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO rows (doc, published, url, outlet, title, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, row) in reader.into_iter().enumerate() {
            let n = i + 1;
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    // A broken page: the rest of the file cannot be decoded either.
                    problems.push_back(anyhow::anyhow!(
                        "{name}: row {n}: cannot decode ({e}); rest of the file skipped"
                    ));
                    break;
                }
            };
            let (mut doc, mut rec, mut published, mut url, mut outlet, mut title) =
                (None, None, None, None, None, None);
            for (col, v) in row.get_column_iter() {
                match col.as_str() {
                    "doc" => doc = text(v),
                    "record" => rec = text(v),
                    "published" => published = text(v),
                    "url" => url = text(v),
                    "outlet" => outlet = text(v),
                    "title" => title = text(v),
                    _ => {}
                }
            }
            match (doc, rec) {
                (Some(d), Some(r)) => {
                    ins.execute(params![d, published, url, outlet, title, r])?;
                }
                (d, _) => {
                    bad += 1;
                    if bad <= MAX_ROW_PROBLEMS {
                        let what = if d.is_none() { "doc" } else { "record" };
                        problems.push_back(anyhow::anyhow!(
                            "{name}: row {n}: the {what} column is empty; row skipped"
                        ));
                    }
                }
            }
        }
    }
    tx.commit()?;
    if bad > MAX_ROW_PROBLEMS {
        problems.push_back(anyhow::anyhow!(
            "{name}: {} more rows without doc or record skipped",
            bad - MAX_ROW_PROBLEMS
        ));
    }
    Ok(())
}

/// The schema of the Spark job's files (all strings, nullable except `doc` and `record`). Used by
/// tests and tools that write such files.
pub const EVENTS_SCHEMA: &str = "message parley_events {
    required binary doc (UTF8);
    optional binary event_id (UTF8);
    optional binary type (UTF8);
    optional binary status (UTF8);
    optional binary cameo (UTF8);
    optional binary date_value (UTF8);
    optional binary participants (UTF8);
    optional binary published (UTF8);
    optional binary url (UTF8);
    optional binary outlet (UTF8);
    optional binary title (UTF8);
    required binary record (UTF8);
}";

/// Integer columns of the export (the others are strings).
const INT_COLUMNS: &[&str] = &["num_articles", "num_sources", "num_mentions"];

/// Columns holding nested fields as JSON text, after the CSV ones.
pub const JSON_COLUMNS: &[&str] = &[
    "participants_json",
    "date_json",
    "location_json",
    "plover_json",
    "evidence_json",
    "mentions_json",
    "conflicts_json",
    "record",
];

/// Merged events per row group: bounds the writer's memory.
const ROW_GROUP: usize = 8192;

fn export_schema() -> Result<Type> {
    let mut fields = Vec::new();
    for c in export::CSV_COLUMNS.iter().chain(JSON_COLUMNS) {
        let f = if INT_COLUMNS.contains(c) {
            Type::primitive_type_builder(c, PhysicalType::INT64)
                .with_repetition(parquet::basic::Repetition::REQUIRED)
                .build()?
        } else {
            Type::primitive_type_builder(c, PhysicalType::BYTE_ARRAY)
                .with_repetition(parquet::basic::Repetition::OPTIONAL)
                .with_converted_type(parquet::basic::ConvertedType::UTF8)
                .build()?
        };
        fields.push(Arc::new(f));
    }
    Ok(Type::group_type_builder("parley_merged_events")
        .with_fields(fields)
        .build()?)
}

/// The values of one row, by column: text (`None` = null) or integer.
enum Cell {
    Text(Option<String>),
    Int(i64),
}

fn row_of(e: &MergedEvent) -> Result<Vec<Cell>> {
    let mut cells = Vec::new();
    for (c, v) in export::CSV_COLUMNS.iter().zip(export::csv_row(e)) {
        if INT_COLUMNS.contains(c) {
            cells.push(Cell::Int(v.parse().unwrap_or(0)));
        } else {
            cells.push(Cell::Text((!v.is_empty()).then_some(v)));
        }
    }
    let j = |v: serde_json::Result<String>| -> Result<Cell> { Ok(Cell::Text(Some(v?))) };
    cells.push(j(serde_json::to_string(&e.participants))?);
    cells.push(j(serde_json::to_string(&e.date))?);
    cells.push(match &e.location {
        Some(l) => j(serde_json::to_string(l))?,
        None => Cell::Text(None),
    });
    cells.push(j(serde_json::to_string(&e.plover))?);
    cells.push(j(serde_json::to_string(&e.evidence))?);
    cells.push(j(serde_json::to_string(&e.mentions))?);
    cells.push(j(serde_json::to_string(&e.conflicts))?);
    cells.push(j(serde_json::to_string(e))?);
    Ok(cells)
}

/// Writes merged events as a Parquet file (Snappy-compressed, row groups of 8,192 events).
/// Returns the number of events written.
pub fn write_events<W: std::io::Write + Send>(out: W, events: &[MergedEvent]) -> Result<usize> {
    let schema = Arc::new(export_schema()?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut w = SerializedFileWriter::new(out, schema, props)?;
    for chunk in events.chunks(ROW_GROUP) {
        let rows: Vec<Vec<Cell>> = chunk.iter().map(row_of).collect::<Result<_>>()?;
        let mut rg = w.next_row_group()?;
        let mut col = 0usize;
        while let Some(mut cw) = rg.next_column()? {
            let cells = rows.iter().filter_map(|r| r.get(col));
            if INT_COLUMNS.contains(&column_name(col)) {
                let vals: Vec<i64> = cells
                    .map(|c| match c {
                        Cell::Int(i) => *i,
                        Cell::Text(_) => 0,
                    })
                    .collect();
                cw.typed::<Int64Type>().write_batch(&vals, None, None)?;
            } else {
                let mut vals: Vec<ByteArray> = Vec::new();
                let mut defs: Vec<i16> = Vec::new();
                for c in cells {
                    match c {
                        Cell::Text(Some(s)) => {
                            vals.push(ByteArray::from(s.as_str()));
                            defs.push(1);
                        }
                        _ => defs.push(0),
                    }
                }
                cw.typed::<ByteArrayType>()
                    .write_batch(&vals, Some(&defs), None)?;
            }
            cw.close()?;
            col += 1;
        }
        rg.close()?;
    }
    w.close()?;
    Ok(events.len())
}

fn column_name(i: usize) -> &'static str {
    export::CSV_COLUMNS
        .iter()
        .chain(JSON_COLUMNS)
        .nth(i)
        .copied()
        .unwrap_or("")
}

/// Writes rows in the Spark job's layout ([`EVENTS_SCHEMA`]): each row is the column values in
/// schema order (`None` = null). For tests and fixtures: parley itself does not produce this
/// layout.
pub fn write_spark_rows<W: std::io::Write + Send>(
    out: W,
    rows: &[Vec<Option<String>>],
) -> Result<()> {
    let schema = Arc::new(parquet::schema::parser::parse_message_type(EVENTS_SCHEMA)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let required = [0usize, 11];
    let mut w = SerializedFileWriter::new(out, schema, props)?;
    let mut rg = w.next_row_group()?;
    let mut col = 0usize;
    while let Some(mut cw) = rg.next_column()? {
        let mut vals: Vec<ByteArray> = Vec::new();
        let mut defs: Vec<i16> = Vec::new();
        for r in rows {
            match r.get(col).cloned().flatten() {
                Some(s) => {
                    vals.push(ByteArray::from(s.as_str()));
                    defs.push(1);
                }
                None if required.contains(&col) => vals.push(ByteArray::from("")),
                None => defs.push(0),
            }
        }
        let defs = (!required.contains(&col)).then_some(defs);
        cw.typed::<ByteArrayType>()
            .write_batch(&vals, defs.as_deref(), None)?;
        cw.close()?;
        col += 1;
    }
    rg.close()?;
    w.close()?;
    Ok(())
}
