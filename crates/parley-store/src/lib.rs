//! parley-store: the event store.
//!
//! A corpus is ingested once into an SQLite database (WAL, batched transactions, versioned
//! schema); reports of the same interaction from many documents are merged into one event
//! ([`merge`]); the store answers filtered queries ([`query`]) and exports GDELT- and
//! ICEWS-shaped tables ([`export`]).
//!
//! ```
//! # fn main() -> anyhow::Result<()> {
//! let dir = tempfile::tempdir()?;
//! let mut store = parley_store::Store::open(&dir.path().join("parley.db"))?;
//! assert_eq!(store.counts()?.documents, 0);
//! # Ok(()) }
//! ```

pub mod context;
pub mod export;
pub mod ingest;
pub mod merge;
pub mod model;
pub mod parquet_io;
pub mod query;
pub mod schema;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use parley_core::Event;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub use context::{contexts, EvidenceContext};
pub use model::{Conflict, ConflictValue, MentionRef, MergedEvent};
pub use query::{Filter, FilterError};

/// Problems opening a database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer parley.
    #[error("the database was made by a newer parley (schema version {found}; this parley reads versions up to {supported}): upgrade parley, or use another --db file")]
    TooNew {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The file is an SQLite database, but not one of parley's.
    #[error("the file is an SQLite database but not a parley database; use another --db file")]
    NotParley,
    /// The database holds nothing yet.
    #[error("the database is empty: run `parley ingest` first")]
    Empty,
    /// The database does not exist.
    #[error("no database at {0}: run `parley ingest PATH --db {0}` first (or set PARLEY_DB)")]
    Missing(String),
    /// A migration found data it cannot carry over; the database was left as it was.
    #[error("cannot migrate the database: {0}")]
    Migration(String),
    /// SQLite failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// One document ready to be written: its metadata and the events extracted from it.
#[derive(Debug, Clone)]
pub struct DocRecord {
    /// Document id (JSONL `id`, URL, or the path as given): the key that makes re-ingest idempotent.
    pub key: String,
    /// Hash of the document's content and metadata ([`content_hash`]).
    pub content_hash: String,
    /// Version of the extractor that produced `events` (parley's version and a hash of its
    /// lexicon, or where events extracted elsewhere came from): a document stored unchanged but
    /// extracted by another version has its events replaced.
    pub extractor: String,
    /// URL, when known.
    pub url: Option<String>,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date (given or detected).
    pub published: Option<NaiveDate>,
    /// Size of the document as read, in bytes.
    pub bytes: u64,
    /// The events extracted from it, in document order.
    pub events: Vec<Event>,
    /// The sentences around each event's evidence, in the order of `events` ([`contexts`] of
    /// the document text); empty (or shorter than `events`) when the text is not at hand, as
    /// for events read from Parquet: those reports are stored without context.
    pub contexts: Vec<EvidenceContext>,
}

/// What writing one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Documents seen for the first time.
    pub new_docs: usize,
    /// Documents whose content changed: their old mentions were replaced.
    pub changed_docs: usize,
    /// Documents already in the store unchanged: nothing was written.
    pub unchanged_docs: usize,
    /// Mentions written.
    pub mentions: usize,
}

impl std::ops::AddAssign for BatchStats {
    fn add_assign(&mut self, o: BatchStats) {
        self.new_docs += o.new_docs;
        self.changed_docs += o.changed_docs;
        self.unchanged_docs += o.unchanged_docs;
        self.mentions += o.mentions;
    }
}

/// Sizes of the store's tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Mentions (extracted events).
    pub mentions: u64,
    /// Merged events.
    pub events: u64,
    /// Merge blocks waiting to be (re)merged.
    pub pending_blocks: u64,
}

/// Whether a document is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Not in the store.
    New,
    /// In the store with other content.
    Changed,
    /// In the store with the same content.
    Unchanged,
}

/// The hash that tells whether a document changed: SHA-256 over the given parts (content and
/// metadata), each length-prefixed so that different splits never collide.
pub fn content_hash(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The version of the extraction a document went through: parley's version and a hash of the
/// lexicon in use (`lexicon_dir`, laid out like `data/`, or the built-in one when `None`). Stored
/// per document by `parley ingest` and the web import, so that re-ingesting with a new parley or
/// another lexicon re-extracts documents whose content did not change.
///
/// Changes to the extraction code that come without a new version number are not seen.
pub fn extractor_version(lexicon_dir: Option<&Path>) -> anyhow::Result<String> {
    let src = match lexicon_dir {
        Some(d) => parley_core::lexicon::Sources::from_dir(d)?,
        None => parley_core::lexicon::Sources::builtin(),
    };
    let mut parts: Vec<&[u8]> = Vec::new();
    for (name, text) in &src.actors {
        parts.push(name.as_bytes());
        parts.push(text.as_bytes());
    }
    for text in [
        &src.countries,
        &src.places,
        &src.titles,
        &src.topics,
        &src.triggers,
        &src.cues,
    ] {
        parts.push(text.as_bytes());
    }
    let h = content_hash(&parts);
    Ok(format!(
        "parley {} lexicon {}",
        env!("CARGO_PKG_VERSION"),
        h.get(..16).unwrap_or(&h)
    ))
}

/// The database path from `--db`, `$PARLEY_DB` or the default `parley.db` in the working directory.
pub fn default_db_path() -> PathBuf {
    std::env::var_os("PARLEY_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("parley.db"))
}

/// An open parley database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The last [`Store::counts`] and the database version it was read at: counting a large
    /// store's tables takes a scan of each, and a web page asks on every request.
    counts_cache: std::sync::Mutex<Option<((i64, i64), Counts)>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating it if needed) a database for writing, migrating an older schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path)?;
        schema::configure(&conn)?;
        // WAL: readers never block the writer, and a killed writer leaves the last commit intact.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Reads through a memory map instead of one `pread` system call per page: an actor's
        // few thousand events are spread over the whole file (ids are hashes), and the calls
        // were most of the query's time. Writes still go through the WAL.
        conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            counts_cache: std::sync::Mutex::new(None),
        })
    }

    /// Opens an existing database for queries: a missing file is an error (it is not created).
    /// Pending merge work left by an interrupted ingest is finished first, unless another
    /// process holds the write lock (see [`Counts::pending_blocks`]).
    pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()).into());
        }
        {
            // Check the version before anything could write to the file.
            let conn =
                Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            schema::configure(&conn)?;
            match schema::current_version(&conn)? {
                None => return Err(StoreError::Empty.into()),
                Some(v) if v > schema::SCHEMA_VERSION => {
                    return Err(StoreError::TooNew {
                        found: v,
                        supported: schema::SCHEMA_VERSION,
                    }
                    .into())
                }
                Some(_) => {}
            }
        }
        let mut s = Store::open(path)?;
        if s.pending_blocks()? == 0 {
            // Nothing to finish: no write transaction (and its lock) for a query.
            return Ok(s);
        }
        // Finish merge work left by an interrupted ingest, unless another process is writing
        // right now (then the caller can see the pending work in `counts()`).
        s.conn.busy_timeout(std::time::Duration::from_millis(100))?;
        let merged = s.merge_pending();
        s.conn.busy_timeout(std::time::Duration::from_secs(30))?;
        if let Err(e) = merged {
            let busy = matches!(
                e.downcast_ref::<rusqlite::Error>(),
                Some(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::DatabaseBusy
            );
            if !busy {
                return Err(e);
            }
        }
        Ok(s)
    }

    /// Sets this connection up for a bulk load (`parley ingest`, the merge after it): a 64 MB
    /// page cache instead of SQLite's 2 MB, so that the B-tree pages that every batch touches
    /// (indexes, aggregates) stay in memory instead of being read again with `pread`, and WAL
    /// checkpoints every 64 MB instead of every 4 MB, so that pages written by every batch are
    /// copied into the database file less often. Durability is unchanged: every commit is still
    /// in the WAL, and a killed process loses nothing that was committed.
    pub fn tune_for_bulk(&self) -> anyhow::Result<()> {
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 16_384)?;
        // No memory map for the writer: its reads hit the page cache above, and mapped pages of
        // the whole file would count in its resident size (600 MB for a 500 MB store) for no gain
        // in CPU time (measured: the same 5.4 s of system time with and without).
        self.conn.pragma_update(None, "mmap_size", 0)?;
        Ok(())
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection (for read-only use by queries).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Whether a document with this key is stored, with this content and extracted by this
    /// extractor version.
    pub fn known(&self, key: &str, hash: &str, extractor: &str) -> anyhow::Result<Known> {
        let h: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT content_hash, extractor FROM documents WHERE key = ?1")?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match h {
            None => Known::New,
            Some((h, x)) if h == hash && x == extractor => Known::Unchanged,
            Some(_) => Known::Changed,
        })
    }

    /// Merge blocks waiting to be (re)merged ([`Counts::pending_blocks`] alone: [`Store::counts`]
    /// counts every table, which reads all of their pages).
    pub fn pending_blocks(&self) -> anyhow::Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM dirty_blocks", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Table sizes.
    ///
    /// Cached until the database changes: `PRAGMA data_version` moves when another connection
    /// commits, `total_changes()` when this one writes.
    pub fn counts(&self) -> anyhow::Result<Counts> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let own: i64 = self
            .conn
            .query_row("SELECT total_changes()", [], |r| r.get(0))?;
        let key = (version, own);
        if let Ok(cache) = self.counts_cache.lock() {
            if let Some((k, c)) = *cache {
                if k == key {
                    return Ok(c);
                }
            }
        }
        let q = |sql: &str| -> anyhow::Result<u64> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        let counts = Counts {
            documents: q("SELECT count(*) FROM documents")?,
            mentions: q("SELECT count(*) FROM mentions")?,
            events: q("SELECT count(*) FROM events")?,
            pending_blocks: q("SELECT count(*) FROM dirty_blocks")?,
        };
        if let Ok(mut cache) = self.counts_cache.lock() {
            *cache = Some((key, counts));
        }
        Ok(counts)
    }

    /// Writes a batch of documents in one transaction: new documents are added, changed ones
    /// replace their own mentions, unchanged ones are left alone. The merge blocks touched are
    /// recorded for [`Store::merge_pending`] in the same transaction, so a crash at any point
    /// leaves the store consistent and a re-run finishes the job.
    pub fn write_batch(&mut self, docs: &[DocRecord]) -> anyhow::Result<BatchStats> {
        let now = chrono::Utc::now().timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut stats = BatchStats::default();
        let mut unindexed = Vec::new();
        for d in docs {
            stats += write_doc(&tx, d, now, &mut unindexed)
                .with_context(|| format!("{}: cannot store", d.key))?;
        }
        index_mentions(&tx, &mut unindexed)?;
        tx.commit()?;
        Ok(stats)
    }

    /// Recomputes the merged events of every block whose mentions changed, in transactions of a
    /// few thousand blocks. Returns the number of blocks merged.
    ///
    /// A transaction rewrites (in the WAL) every page it dirties, and merged events land all over
    /// the B-trees (ids are hashes), so many small transactions write the same pages many times;
    /// the size is bounded only so that an interrupted merge keeps most of its work.
    pub fn merge_pending(&mut self) -> anyhow::Result<usize> {
        merge_dirty(&mut self.conn)
    }

    /// Marks every block dirty and merges again (after a change of the merge rules).
    pub fn remerge_all(&mut self) -> anyhow::Result<usize> {
        self.conn.execute(
            "INSERT OR IGNORE INTO dirty_blocks (block) SELECT DISTINCT block FROM mentions",
            [],
        )?;
        self.merge_pending()
    }
}

/// [`Store::merge_pending`] on a connection (also run by the v4 -> v5 migration).
///
/// The connection's triggers are off while it merges: the aggregates they keep for every other
/// writer (`pair_counts`, `actor_counts`, `month_counts`, `multi_events`, `pair_month_counts`)
/// are kept by [`AggDelta`] instead, summed over a transaction and written once per key at its
/// end. Fired per row, the triggers were most of the merge's time: each participant row looked up
/// its event's other participants and its event's month, and upserted four aggregate rows (and
/// every such statement paid for a statement journal). Foreign-key cascades are not triggers in
/// this sense and still delete the children of a deleted event.
pub(crate) fn merge_dirty(conn: &mut Connection) -> anyhow::Result<usize> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    let done = merge_dirty_untriggered(conn);
    // Back on whatever happened: the same connection writes documents next (web import), and
    // the full-text index's delete trigger must fire then.
    let on = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true);
    let done = done?;
    on?;
    Ok(done)
}

fn merge_dirty_untriggered(conn: &mut Connection) -> anyhow::Result<usize> {
    let mut done = 0;
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let blocks: Vec<String> = {
            let mut st = tx.prepare("SELECT block FROM dirty_blocks ORDER BY block LIMIT 4096")?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let Some(last) = blocks.last() else {
            return Ok(done);
        };
        let mut agg = AggDelta::default();
        for b in &blocks {
            merge_block_in(&tx, b, &mut agg).with_context(|| format!("merging {b}"))?;
        }
        agg.apply(&tx)?;
        // The blocks taken are exactly those up to the last one in key order (nothing else
        // writes inside this transaction).
        tx.prepare_cached("DELETE FROM dirty_blocks WHERE block <= ?1")?
            .execute([last])?;
        tx.commit()?;
        done += blocks.len();
    }
}

/// The changes the merge makes to the aggregate tables in one transaction, as the triggers of
/// schema v3/v4 would have made them row by row (see `schema.rs`): counts summed per key, so
/// each aggregate row is written once per transaction, in key order.
#[derive(Default)]
pub(crate) struct AggDelta {
    /// `(period, type, status)` -> (events, events with conflicts).
    months: BTreeMap<(String, String, String), (i64, i64)>,
    /// Participant name -> events.
    actors: BTreeMap<String, i64>,
    /// `(a, b)` with `a < b` -> events with both.
    pairs: BTreeMap<(String, String), i64>,
    /// `(period, a, b)` -> events with both.
    pair_months: BTreeMap<(String, String, String), i64>,
    /// Events of three or more participants, added and removed (removals apply first: a
    /// re-merged block deletes its events before writing them again).
    multi_added: BTreeSet<String>,
    multi_removed: BTreeSet<String>,
}

/// What an event contributes to the aggregates.
pub(crate) struct AggEvent<'a> {
    pub event_id: &'a str,
    pub date_lo: Option<&'a str>,
    pub kind: &'a str,
    pub status: &'a str,
    pub num_conflicts: i64,
    /// Participant names, each once.
    pub names: Vec<&'a str>,
}

impl AggDelta {
    /// Counts an event in (`sign` 1) or out (`sign` -1).
    pub(crate) fn event(&mut self, e: &AggEvent, sign: i64) {
        // `coalesce(substr(date_lo, 1, 7), '')`: substr counts characters.
        let period: String = e
            .date_lo
            .map(|d| d.chars().take(7).collect())
            .unwrap_or_default();
        let m = self
            .months
            .entry((period.clone(), e.kind.to_string(), e.status.to_string()))
            .or_default();
        m.0 += sign;
        m.1 += sign * i64::from(e.num_conflicts > 0);
        for (i, a) in e.names.iter().enumerate() {
            *self.actors.entry((*a).to_string()).or_default() += sign;
            for b in e.names.iter().skip(i + 1) {
                // SQLite's BINARY collation compares bytes, as `str` does.
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                *self
                    .pairs
                    .entry(((*lo).to_string(), (*hi).to_string()))
                    .or_default() += sign;
                *self
                    .pair_months
                    .entry((period.clone(), (*lo).to_string(), (*hi).to_string()))
                    .or_default() += sign;
            }
        }
        if e.names.len() >= 3 {
            if sign > 0 {
                self.multi_added.insert(e.event_id.to_string());
            } else {
                self.multi_removed.insert(e.event_id.to_string());
            }
        }
    }

    /// Writes the summed changes; rows whose count falls to zero go, as the delete triggers do.
    fn apply(&self, tx: &Transaction) -> anyhow::Result<()> {
        {
            let mut up = tx.prepare_cached(
                "INSERT INTO month_counts (period, type, status, n, conflicts) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (period, type, status) DO UPDATE
                 SET n = n + excluded.n, conflicts = conflicts + excluded.conflicts",
            )?;
            let mut gone = tx.prepare_cached(
                "DELETE FROM month_counts WHERE period = ?1 AND type = ?2 AND status = ?3 AND n <= 0",
            )?;
            for ((p, t, s), &(n, c)) in &self.months {
                if n == 0 && c == 0 {
                    continue;
                }
                up.execute(params![p, t, s, n, c])?;
                if n < 0 {
                    gone.execute(params![p, t, s])?;
                }
            }
        }
        {
            let mut up = tx.prepare_cached(
                "INSERT INTO actor_counts (name, n) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET n = n + excluded.n",
            )?;
            let mut gone =
                tx.prepare_cached("DELETE FROM actor_counts WHERE name = ?1 AND n <= 0")?;
            for (name, &n) in &self.actors {
                if n == 0 {
                    continue;
                }
                up.execute(params![name, n])?;
                if n < 0 {
                    gone.execute([name])?;
                }
            }
        }
        {
            let mut up = tx.prepare_cached(
                "INSERT INTO pair_counts (a, b, n) VALUES (?1, ?2, ?3)
                 ON CONFLICT (a, b) DO UPDATE SET n = n + excluded.n",
            )?;
            let mut gone =
                tx.prepare_cached("DELETE FROM pair_counts WHERE a = ?1 AND b = ?2 AND n <= 0")?;
            for ((a, b), &n) in &self.pairs {
                if n == 0 {
                    continue;
                }
                up.execute(params![a, b, n])?;
                if n < 0 {
                    gone.execute(params![a, b])?;
                }
            }
        }
        {
            let mut up = tx.prepare_cached(
                "INSERT INTO pair_month_counts (period, a, b, n) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (period, a, b) DO UPDATE SET n = n + excluded.n",
            )?;
            let mut gone = tx.prepare_cached(
                "DELETE FROM pair_month_counts WHERE period = ?1 AND a = ?2 AND b = ?3 AND n <= 0",
            )?;
            for ((p, a, b), &n) in &self.pair_months {
                if n == 0 {
                    continue;
                }
                up.execute(params![p, a, b, n])?;
                if n < 0 {
                    gone.execute(params![p, a, b])?;
                }
            }
        }
        {
            let mut del = tx.prepare_cached("DELETE FROM multi_events WHERE event_id = ?1")?;
            for id in &self.multi_removed {
                del.execute([id])?;
            }
            let mut add =
                tx.prepare_cached("INSERT OR IGNORE INTO multi_events (event_id) VALUES (?1)")?;
            for id in &self.multi_added {
                add.execute([id])?;
            }
        }
        Ok(())
    }
}

/// Adds the evidence of the given mentions to the full-text index, in one statement: FTS5 writes
/// its pending terms to disk at every statement that touches it, so indexing a batch at once
/// writes one segment instead of one per mention (schema v5 dropped the per-row trigger for
/// that reason; deletions keep theirs).
fn index_mentions(tx: &Transaction, ids: &mut Vec<i64>) -> anyhow::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = serde_json::to_string(&ids)?;
    tx.prepare_cached(
        "INSERT INTO mentions_fts (rowid, evidence_text)
         SELECT id, evidence_text FROM mentions WHERE id IN (SELECT value FROM json_each(?1))",
    )?
    .execute([list])?;
    ids.clear();
    Ok(())
}

/// Writes one document; the ids of the mentions it adds are appended to `unindexed`, for
/// [`index_mentions`].
fn write_doc(
    tx: &Transaction,
    d: &DocRecord,
    now: i64,
    unindexed: &mut Vec<i64>,
) -> anyhow::Result<BatchStats> {
    let mut stats = BatchStats::default();
    let existing: Option<(i64, String, String)> = tx
        .prepare_cached("SELECT id, content_hash, extractor FROM documents WHERE key = ?1")?
        .query_row([&d.key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let published = d.published.map(|p| p.to_string());
    let doc_id = match existing {
        Some((_, h, x)) if h == d.content_hash && x == d.extractor => {
            stats.unchanged_docs += 1;
            return Ok(stats);
        }
        Some((id, _, _)) => {
            stats.changed_docs += 1;
            // The delete trigger takes rows out of the full-text index, so every row must be in
            // it first (the same document may come twice in one batch).
            index_mentions(tx, unindexed)?;
            // Old mentions go; their blocks must be merged again.
            tx.prepare_cached("INSERT OR IGNORE INTO dirty_blocks (block) SELECT DISTINCT block FROM mentions WHERE doc_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM mentions WHERE doc_id = ?1")?
                .execute([id])?;
            tx.prepare_cached(
                "UPDATE documents SET content_hash = ?2, url = ?3, outlet = ?4, title = ?5, published = ?6, bytes = ?7, ingested = ?8, extractor = ?9 WHERE id = ?1",
            )?
            .execute(params![id, d.content_hash, d.url, d.outlet, d.title, published, d.bytes as i64, now, d.extractor])?;
            id
        }
        None => {
            stats.new_docs += 1;
            tx.prepare_cached(
                "INSERT INTO documents (key, content_hash, url, outlet, title, published, bytes, ingested, extractor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![d.key, d.content_hash, d.url, d.outlet, d.title, published, d.bytes as i64, now, d.extractor])?;
            tx.last_insert_rowid()
        }
    };
    let mut blocks = BTreeSet::new();
    for (i, e) in d.events.iter().enumerate() {
        let block = merge::block_key(e);
        let range = merge::date_range(&e.date);
        let evidence: Vec<&str> = e.evidence.iter().map(|x| x.text.as_str()).collect();
        let context = d.contexts.get(i);
        tx.prepare_cached(
            "INSERT INTO mentions (doc_id, ordinal, block, type, status, date, date_precision, date_lo, date_hi, location, location_country, initiator, record, evidence_text, context_before, context_after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?
        .execute(params![
            doc_id,
            i as i64,
            block,
            e.kind.as_str(),
            e.status.as_str(),
            e.date.value,
            precision_str(e.date.precision),
            range.map(|r| r.0.to_string()),
            range.map(|r| r.1.to_string()),
            e.location.as_ref().map(|l| l.name.as_str()),
            e.location.as_ref().and_then(|l| l.country.as_deref()),
            e.initiator,
            serde_json::to_string(e)?,
            evidence.join("\n"),
            context.and_then(|c| c.before.as_deref()),
            context.and_then(|c| c.after.as_deref()),
        ])?;
        unindexed.push(tx.last_insert_rowid());
        stats.mentions += 1;
        for p in &e.participants {
            tx.prepare_cached("INSERT OR IGNORE INTO actors (name, country) VALUES (?1, ?2)")?
                .execute(params![p.name, p.country])?;
        }
        blocks.insert(block);
    }
    for b in blocks {
        tx.prepare_cached("INSERT OR IGNORE INTO dirty_blocks (block) VALUES (?1)")?
            .execute([b])?;
    }
    Ok(stats)
}

/// The JSON name of a precision.
pub(crate) fn precision_str(p: parley_core::Precision) -> &'static str {
    match p {
        parley_core::Precision::Day => "day",
        parley_core::Precision::Month => "month",
        parley_core::Precision::Year => "year",
        parley_core::Precision::Unknown => "unknown",
    }
}

/// Recomputes one block's merged events from all of its mentions.
pub(crate) fn merge_block_in(
    tx: &Transaction,
    block: &str,
    agg: &mut AggDelta,
) -> anyhow::Result<()> {
    let mut reports = Vec::new();
    let mut rowids = Vec::new();
    let mut linked: Vec<Option<String>> = Vec::new();
    {
        let mut st = tx.prepare_cached(
            "SELECT m.id, m.ordinal, m.record, d.key, d.outlet, d.url, d.published, d.content_hash,
                    m.context_before, m.context_after, me.event_id
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             LEFT JOIN mention_events me ON me.mention_id = m.id
             WHERE m.block = ?1",
        )?;
        let mut rows = st.query([block])?;
        while let Some(r) = rows.next()? {
            let record: String = r.get(2)?;
            let event: Event = serde_json::from_str(&record)
                .context("a stored mention is not a valid event record")?;
            let published: Option<String> = r.get(6)?;
            rowids.push(r.get::<_, i64>(0)?);
            linked.push(r.get(10)?);
            reports.push(merge::Report {
                doc: r.get(3)?,
                ordinal: r.get(1)?,
                outlet: r.get(4)?,
                url: r.get(5)?,
                published: published.and_then(|p| merge::parse_ymd(&p)),
                content_hash: r.get(7)?,
                event,
                context: EvidenceContext {
                    before: r.get(8)?,
                    after: r.get(9)?,
                },
            });
        }
    }
    uncount_block(tx, block, agg)?;
    let mut link: Vec<Option<String>> = vec![None; reports.len()];
    for (ev, members) in merge::merge_block(block, &reports) {
        insert_event(tx, block, &ev, agg)?;
        for i in members {
            if let Some(slot) = link.get_mut(i) {
                *slot = Some(ev.event_id.clone());
            }
        }
    }
    // Only the reports whose event changed are written (schema v7: a narrow row of
    // `mention_events` each, not the ~2 KB mention row): on a re-merge most keep their event.
    for ((id, old), new) in rowids.iter().zip(&linked).zip(&link) {
        if old != new {
            match new {
                Some(ev) => tx
                    .prepare_cached(
                        "INSERT INTO mention_events (mention_id, event_id) VALUES (?1, ?2)
                         ON CONFLICT (mention_id) DO UPDATE SET event_id = excluded.event_id",
                    )?
                    .execute(params![id, ev])?,
                None => tx
                    .prepare_cached("DELETE FROM mention_events WHERE mention_id = ?1")?
                    .execute([id])?,
            };
        }
    }
    Ok(())
}

/// Deletes a block's merged events (their participants, topics and outlets follow by cascade),
/// counting them out of the aggregates first. On a first ingest a block has none: one probe of
/// `events_block`.
fn uncount_block(tx: &Transaction, block: &str, agg: &mut AggDelta) -> anyhow::Result<()> {
    let old: Vec<(String, Option<String>, String, String, i64)> = {
        let mut st = tx.prepare_cached(
            "SELECT event_id, date_lo, type, status, num_conflicts FROM events WHERE block = ?1",
        )?;
        let rows = st.query_map([block], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    if old.is_empty() {
        return Ok(());
    }
    let mut names_of = tx.prepare_cached("SELECT name FROM participants WHERE event_id = ?1")?;
    for (id, date_lo, kind, status, num_conflicts) in &old {
        let names: Vec<String> = names_of
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        agg.event(
            &AggEvent {
                event_id: id,
                date_lo: date_lo.as_deref(),
                kind,
                status,
                num_conflicts: *num_conflicts,
                names: names.iter().map(String::as_str).collect(),
            },
            -1,
        );
    }
    tx.prepare_cached("DELETE FROM events WHERE block = ?1")?
        .execute([block])?;
    Ok(())
}

fn insert_event(
    tx: &Transaction,
    block: &str,
    ev: &MergedEvent,
    agg: &mut AggDelta,
) -> anyhow::Result<()> {
    let range = merge::date_range(&ev.date);
    let date_lo = range.map(|r| r.0.to_string());
    tx.prepare_cached(
        "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, location, location_country, num_articles, num_sources, num_conflicts, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        ev.event_id,
        block,
        ev.kind.as_str(),
        ev.status.as_str(),
        ev.date.value,
        precision_str(ev.date.precision),
        date_lo,
        range.map(|r| r.1.to_string()),
        ev.location.as_ref().map(|l| l.name.as_str()),
        ev.location.as_ref().and_then(|l| l.country.as_deref()),
        ev.num_articles as i64,
        ev.num_sources as i64,
        ev.conflicts.len() as i64,
        serde_json::to_string(ev)?,
    ])?;
    // Each participant row carries its event's list columns (schema v6), written here (the
    // trigger that copies them for other writers is off during the merge).
    let mut names: Vec<&str> = Vec::with_capacity(ev.participants.len());
    for p in &ev.participants {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO participants (event_id, name, country, role, org, date_lo, date_hi, type, status, num_conflicts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            ev.event_id,
            p.name,
            p.country,
            p.role,
            p.org,
            range.map(|r| r.0.to_string()),
            range.map(|r| r.1.to_string()),
            ev.kind.as_str(),
            ev.status.as_str(),
            ev.conflicts.len() as i64,
        ])?;
        // `INSERT OR IGNORE`: a name given twice is one row, and counted once.
        if !names.contains(&p.name.as_str()) {
            names.push(p.name.as_str());
        }
    }
    agg.event(
        &AggEvent {
            event_id: &ev.event_id,
            date_lo: date_lo.as_deref(),
            kind: ev.kind.as_str(),
            status: ev.status.as_str(),
            num_conflicts: ev.conflicts.len() as i64,
            names,
        },
        1,
    );
    for t in &ev.topics {
        tx.prepare_cached("INSERT OR IGNORE INTO event_topics (event_id, topic) VALUES (?1, ?2)")?
            .execute(params![ev.event_id, t])?;
    }
    let outlets: BTreeSet<String> = ev
        .mentions
        .iter()
        .filter_map(|m| m.outlet.as_ref())
        .map(|o| o.to_lowercase())
        .collect();
    for o in outlets {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO event_outlets (event_id, outlet) VALUES (?1, ?2)",
        )?
        .execute(params![ev.event_id, o])?;
    }
    Ok(())
}
