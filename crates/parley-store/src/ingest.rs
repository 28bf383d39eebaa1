//! The ingest pipeline: documents stream in, are extracted in parallel, and are written in
//! batches, one transaction each.
//!
//! The reader (the caller's iterator) runs on the calling thread, extraction on the rayon pool,
//! and the database writer on its own thread, so reading, extraction and writing overlap while
//! memory stays bounded (at most a few batches in flight). Documents already stored with the same
//! content are skipped before extraction, so a re-run after a crash only does the missing work.

use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use parley_core::{Document, Extractor};
use rayon::prelude::*;

use crate::{BatchStats, DocRecord, Known, Store};

/// A document as read, before extraction.
#[derive(Debug, Clone)]
pub struct Incoming<R> {
    /// Document id (JSONL `id`, URL, or the path as given).
    pub key: String,
    /// [`crate::content_hash`] of the content and metadata.
    pub content_hash: String,
    /// URL, when known.
    pub url: Option<String>,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Bytes read for this document (for MB/s).
    pub bytes: u64,
    /// The version of whatever extracts events from `raw` (see [`crate::DocRecord::extractor`]):
    /// a stored document with the same content but another extractor version is extracted again.
    pub extractor: String,
    /// The raw document, turned into events by the `process` function given to [`ingest_with`].
    pub raw: R,
}

/// What processing one incoming document gives: its publication date, its events and the
/// context of their evidence.
#[derive(Debug, Clone, Default)]
pub struct Processed {
    /// Publication date (given or detected).
    pub published: Option<chrono::NaiveDate>,
    /// The events, in document order.
    pub events: Vec<parley_core::Event>,
    /// The sentences around each event's evidence ([`crate::contexts`] of the document text),
    /// in the order of `events`; empty when the text is not at hand (events extracted elsewhere).
    pub contexts: Vec<crate::EvidenceContext>,
}

/// Tuning of [`ingest`].
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// Documents per transaction.
    pub batch_docs: usize,
    /// Bytes of input per transaction (a batch ends at whichever limit comes first).
    pub batch_bytes: u64,
}

impl Default for IngestOptions {
    /// 2,048 documents per transaction (at most 16 MB of input): a commit writes every page the
    /// batch dirtied, and the index pages each batch touches (`mentions_block`, full-text
    /// segments) were written four times as often with batches of 512 (callgrind of the writer
    /// on 5 MB: 396 -> 357 M instructions).
    fn default() -> Self {
        IngestOptions {
            batch_docs: 2048,
            batch_bytes: 16 << 20,
        }
    }
}

/// Running totals, passed to the [`Reporter`] after every batch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Documents read (including skipped ones).
    pub docs: u64,
    /// Documents skipped because they are stored unchanged.
    pub unchanged: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Events extracted.
    pub events: u64,
    /// Inputs that could not be read or prepared.
    pub failed: u64,
    /// Time since the start.
    pub elapsed: Duration,
}

impl Progress {
    /// Documents per second.
    pub fn docs_per_sec(&self) -> f64 {
        self.docs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Megabytes (10^6 bytes) per second.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Receives progress and problems during ingest.
pub trait Reporter {
    /// Called after each batch is handed to the writer.
    fn progress(&mut self, p: &Progress);
    /// A document or input that could not be read; ingest goes on.
    fn problem(&mut self, message: &str);
    /// Called once before merging starts (merging has no fine-grained progress).
    fn merging(&mut self, _blocks: u64) {}
}

/// A reporter that says nothing.
#[derive(Debug, Default)]
pub struct Quiet;

impl Reporter for Quiet {
    fn progress(&mut self, _p: &Progress) {}
    fn problem(&mut self, _message: &str) {}
}

/// The terminal reporter: a progress line on stderr (hidden when stderr is not a terminal) and
/// problems printed as they come.
#[derive(Debug)]
pub struct TerminalReporter {
    bar: indicatif::ProgressBar,
}

impl TerminalReporter {
    /// A spinner line with documents/s, MB/s and events; `total_bytes` turns it into a bar.
    pub fn new(total_bytes: Option<u64>) -> TerminalReporter {
        let bar = match total_bytes {
            Some(n) if n > 0 => {
                let b = indicatif::ProgressBar::new(n);
                let style = indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {percent:>3}% {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
                b.set_style(style);
                b
            }
            _ => {
                let b = indicatif::ProgressBar::new_spinner();
                let style =
                    indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
                b.set_style(style);
                b
            }
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(200));
        TerminalReporter { bar }
    }

    /// Removes the progress line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Reporter for TerminalReporter {
    fn progress(&mut self, p: &Progress) {
        self.bar.set_position(p.bytes);
        self.bar.set_message(format!(
            "{} docs ({} unchanged), {:.0} docs/s, {:.1} MB/s, {} events",
            p.docs,
            p.unchanged,
            p.docs_per_sec(),
            p.mb_per_sec(),
            p.events
        ));
    }

    fn problem(&mut self, message: &str) {
        self.bar.suspend(|| eprintln!("parley: skipped: {message}"));
    }

    fn merging(&mut self, blocks: u64) {
        self.bar
            .set_message(format!("merging reports ({blocks} groups of participants)"));
    }
}

/// What an ingest run did.
#[derive(Debug, Clone, Copy, Default)]
pub struct IngestSummary {
    /// Final progress totals.
    pub progress: Progress,
    /// What the writer did.
    pub written: BatchStats,
    /// Merge blocks recomputed.
    pub merged_blocks: usize,
}

/// Ingests a stream of documents into the database at `db`, extracting each with `ex`.
///
/// `prepare` turns a raw document into the [`Document`] extraction reads (cleaning HTML, detecting
/// the publication date); it runs on the worker threads. See [`ingest_with`].
pub fn ingest<I, R, P>(
    db: &Path,
    source: I,
    prepare: P,
    ex: &Extractor,
    opts: IngestOptions,
    rep: &mut dyn Reporter,
) -> Result<IngestSummary>
where
    I: Iterator<Item = Result<Incoming<R>>>,
    R: Send,
    P: Fn(&R) -> Result<Document> + Sync,
{
    let process = |r: R| -> Result<Processed> {
        let doc = prepare(&r)?;
        let events = ex.extract(&doc);
        let contexts = crate::contexts(&doc.text, &events);
        Ok(Processed {
            published: doc.published,
            events,
            contexts,
        })
    };
    ingest_with(db, source, process, opts, rep)
}

/// Ingests a stream of documents into the database at `db`.
///
/// `process` turns a raw document into its events (cleaning and extracting, or decoding events
/// extracted elsewhere); it runs on the worker threads. Errors from the stream and from `process`
/// are reported and skipped; database errors stop the run (everything committed before stays, and
/// a re-run goes on from there).
pub fn ingest_with<I, R, P>(
    db: &Path,
    source: I,
    process: P,
    opts: IngestOptions,
    rep: &mut dyn Reporter,
) -> Result<IngestSummary>
where
    I: Iterator<Item = Result<Incoming<R>>>,
    R: Send,
    P: Fn(R) -> Result<Processed> + Sync,
{
    let mut store =
        Store::open(db).with_context(|| format!("{}: cannot open the database", db.display()))?;
    store.tune_for_bulk()?;
    // Work left by an interrupted run.
    let leftover = store.merge_pending()?;
    let reader = Store::open(db)?;
    let start = Instant::now();
    let mut progress = Progress::default();
    let batch_docs = opts.batch_docs.max(1);

    // At most one batch waits for the writer while the next one is extracted: memory stays
    // bounded whatever the corpus size.
    let (tx, rx) = mpsc::sync_channel::<Vec<DocRecord>>(1);
    let result = std::thread::scope(|scope| -> Result<(BatchStats, Progress)> {
        let writer = scope.spawn(move || -> Result<BatchStats> {
            let mut total = BatchStats::default();
            for batch in rx {
                total += store.write_batch(&batch)?;
            }
            Ok(total)
        });
        let mut source = source;
        let mut writer_gone = false;
        loop {
            // Read one batch.
            let mut batch: Vec<Incoming<R>> = Vec::new();
            let mut bytes = 0u64;
            let mut ended = true;
            for item in source.by_ref() {
                match item {
                    Ok(doc) => {
                        progress.docs += 1;
                        progress.bytes += doc.bytes;
                        bytes += doc.bytes;
                        if reader.known(&doc.key, &doc.content_hash, &doc.extractor)?
                            == Known::Unchanged
                        {
                            progress.unchanged += 1;
                            continue;
                        }
                        batch.push(doc);
                        if batch.len() >= batch_docs || bytes >= opts.batch_bytes {
                            ended = false;
                            break;
                        }
                    }
                    Err(e) => {
                        progress.failed += 1;
                        rep.problem(&format!("{e:#}"));
                    }
                }
            }
            // Process in parallel, keeping input order.
            let results: Vec<Result<DocRecord>> = batch
                .into_par_iter()
                .map(|inc| {
                    let key = inc.key;
                    let p = process(inc.raw)?;
                    Ok(DocRecord {
                        key,
                        content_hash: inc.content_hash,
                        extractor: inc.extractor,
                        url: inc.url,
                        outlet: inc.outlet,
                        title: inc.title,
                        published: p.published,
                        bytes: inc.bytes,
                        events: p.events,
                        contexts: p.contexts,
                    })
                })
                .collect();
            let mut records = Vec::with_capacity(results.len());
            for r in results {
                match r {
                    Ok(d) => {
                        progress.events += d.events.len() as u64;
                        records.push(d);
                    }
                    Err(e) => {
                        progress.failed += 1;
                        rep.problem(&format!("{e:#}"));
                    }
                }
            }
            if !records.is_empty() && tx.send(records).is_err() {
                writer_gone = true;
                break;
            }
            progress.elapsed = start.elapsed();
            rep.progress(&progress);
            if ended {
                break;
            }
        }
        drop(tx);
        let written = match writer.join() {
            Ok(r) => r?,
            Err(_) => anyhow::bail!("the database writer thread panicked"),
        };
        if writer_gone {
            anyhow::bail!("the database writer stopped early");
        }
        Ok((written, progress))
    });
    let (written, mut progress) = result?;
    let mut store = Store::open(db)?;
    store.tune_for_bulk()?;
    // Only the pending count: `counts()` would also count every document, mention and event.
    rep.merging(store.pending_blocks()?);
    let merged = store.merge_pending()? + leftover;
    progress.elapsed = start.elapsed();
    Ok(IngestSummary {
        progress,
        written,
        merged_blocks: merged,
    })
}

/// Opens a file for reading, decompressing it on the fly when its name ends in `.gz`.
pub fn open_maybe_gz(path: &Path) -> Result<Box<dyn Read + Send>> {
    let f =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let gz = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gz {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(
            std::io::BufReader::new(f),
        )))
    } else {
        Ok(Box::new(f))
    }
}
