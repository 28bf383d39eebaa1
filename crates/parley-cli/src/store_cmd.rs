//! The event-store commands: `ingest`, `events`, `show`, `actors`, `timeline`, `export`.
//!
//! Every command takes `--db FILE` (default `parley.db` in the working directory, or `$PARLEY_DB`).
//! The store itself (schema, merging, queries, export formats) lives in the `parley-store` crate;
//! this module reads the inputs (with [`crate::input`]) and prints the results.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use parley_core::{Extractor, Lexicon};
use parley_store::export::{self, ExportFormat};
use parley_store::ingest::{self, Incoming, IngestOptions, Reporter};
use parley_store::query::{self, Period};
use parley_store::{Filter, MergedEvent, Store};

use crate::input::{self, Item};

/// The event-store subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum StoreCommand {
    /// File a corpus into the event store: extract, merge reports of the same event across documents.
    Ingest(IngestArgs),
    /// List merged events from the store, filtered.
    Events(EventsArgs),
    /// Show one event: every report of it, conflicts, and each side's readout side by side.
    Show(ShowArgs),
    /// Who interacts with whom, and how often, per period.
    Actors(ActorsArgs),
    /// The dated sequence of one actor's interactions.
    Timeline(TimelineArgs),
    /// Export merged events as CSV, JSONL, or GDELT 2.0 / ICEWS-shaped tables.
    Export(ExportArgs),
}

/// The database option shared by every store command.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArg {
    /// The event store (SQLite file).
    #[arg(long, env = "PARLEY_DB", default_value = "parley.db")]
    pub db: PathBuf,
}

/// Arguments of `parley ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or directories: .txt, .html, .htm, .json, .jsonl, .jsonl.gz, .json.gz (news-please/CC-NEWS
    /// fields too), .warc, .warc.gz, and .parquet from the Spark job (event_month=*/ partitions).
    pub paths: Vec<PathBuf>,
    /// A JSONL or WARC file of documents (gzip is decompressed); "-" reads standard input.
    #[arg(long)]
    pub input: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
    /// Publication date (YYYY-MM-DD) of plain files given on the command line.
    #[arg(long)]
    pub published: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 2048)]
    pub batch: usize,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Filters shared by `events`, `actors`, `timeline` and `export`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// A participant: full or partial name, case-insensitive ("Putin", "recep tayyip erdogan").
    #[arg(long)]
    pub actor: Option<String>,
    /// The other party: a second participant besides --actor.
    #[arg(long)]
    pub with: Option<String>,
    /// A participant's country: ISO 3166-1 alpha-3 code or English name (RUS, Turkey).
    #[arg(long)]
    pub country: Option<String>,
    /// Event type: call, meeting, visit, negotiation, mediation, correspondence.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Status: occurred, planned, cancelled, denied.
    #[arg(long)]
    pub status: Option<String>,
    /// Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub since: Option<String>,
    /// Events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub until: Option<String>,
    /// A topic id from data/topics.toml (e.g. peace_treaty).
    #[arg(long)]
    pub topic: Option<String>,
    /// An outlet reporting the event (part of its name, case-insensitive).
    #[arg(long)]
    pub source: Option<String>,
    /// Full-text search over the evidence sentences (SQLite FTS5: words, "phrases", OR, NOT, prefix*).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
}

/// Output formats of `parley events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EventsFormat {
    /// A readable table.
    Table,
    /// One JSON array.
    Json,
    /// One merged event per line.
    Jsonl,
    /// Flat CSV, one row per event.
    Csv,
}

/// Arguments of `parley events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: EventsFormat,
    #[command(flatten)]
    pub db: DbArg,
}

/// Arguments of `parley show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The event id (or its first 6+ characters), as `parley events` prints it.
    pub event_id: String,
    /// Print the merged record as JSON instead.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArg,
}

/// Periods of `parley actors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    /// Calendar years.
    Year,
    /// Quarters ("2024-Q2").
    Quarter,
    /// Months.
    Month,
    /// The whole store at once.
    All,
}

/// Output formats of `parley actors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// A readable table.
    Table,
    /// CSV.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Arguments of `parley actors`.
#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Period to count in.
    #[arg(long, value_enum, default_value = "year")]
    pub period: PeriodArg,
    /// Only pairs with at least this many events in a period.
    #[arg(long, default_value_t = 1)]
    pub min: usize,
    /// Only the N most frequent pairs of each period.
    #[arg(long)]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    #[command(flatten)]
    pub db: DbArg,
}

/// Arguments of `parley timeline`.
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub db: DbArg,
}

/// Export formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    /// Flat CSV, one row per merged event.
    Csv,
    /// Merged records, one JSON object per line.
    Jsonl,
    /// GDELT 2.0 event table (61 tab-separated columns, no header; one row per actor pair).
    Gdelt,
    /// ICEWS coded event data (20 tab-separated columns with header; one row per actor pair).
    Icews,
    /// Apache Parquet: the CSV columns plus nested fields as JSON strings, one row per event.
    Parquet,
}

/// Arguments of `parley export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Format (see docs/export-formats.md for the column mapping).
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub db: DbArg,
}

/// Runs a store command.
///
/// A bad option value (an impossible date, an unknown type) is a usage error: its message says
/// what is accepted, and the exit code is 2.
///
/// `lexicon` is the lexicon directory (`PARLEY_LEXICON`), or `None` for the built-in one. Only
/// `ingest` builds an [`Extractor`] (its matching automata take most of the start-up time); the
/// queries need the lexicon's tables alone (country and topic names).
pub fn run(cmd: StoreCommand, lexicon: Option<&std::path::Path>) -> Result<ExitCode> {
    let lex = LazyLexicon {
        dir: lexicon,
        cell: std::cell::OnceCell::new(),
    };
    let r = match cmd {
        StoreCommand::Ingest(a) => lex.load().and_then(|l| run_ingest(a, &Extractor::new(l))),
        StoreCommand::Events(a) => run_events(a, &lex),
        StoreCommand::Show(a) => lex.get().and_then(|l| run_show(a, l)),
        StoreCommand::Actors(a) => run_actors(a, &lex),
        StoreCommand::Timeline(a) => run_timeline(a, &lex),
        StoreCommand::Export(a) => run_export(a, &lex),
    };
    match r {
        Err(e) if e.downcast_ref::<UsageError>().is_some() => {
            eprintln!("parley: error: {e:#}");
            Ok(ExitCode::from(2))
        }
        other => other,
    }
}

/// The lexicon, read on first use: parsing it costs about 0.1 s of start-up, which a query
/// without country or topic options (`events --actor Putin --format jsonl`) does not need.
struct LazyLexicon<'a> {
    dir: Option<&'a std::path::Path>,
    cell: std::cell::OnceCell<Lexicon>,
}

impl LazyLexicon<'_> {
    fn load(&self) -> Result<Lexicon> {
        Ok(match self.dir {
            Some(d) => Lexicon::from_dir(d)?,
            None => Lexicon::builtin()?,
        })
    }

    fn get(&self) -> Result<&Lexicon> {
        if let Some(l) = self.cell.get() {
            return Ok(l);
        }
        let l = self.load()?;
        Ok(self.cell.get_or_init(|| l))
    }
}

/// An option value that is not accepted.
#[derive(Debug)]
struct UsageError(String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage(e: impl std::fmt::Display) -> anyhow::Error {
    UsageError(e.to_string()).into()
}

// ---------------------------------------------------------------------------------------------
// ingest

/// The version of the extraction a document went through (see
/// [`parley_store::extractor_version`]): the lexicon is the built-in one or `PARLEY_LEXICON`, as
/// for the extractor the store commands use.
pub fn extractor_version() -> Result<String> {
    let dir = std::env::var_os("PARLEY_LEXICON").map(PathBuf::from);
    parley_store::extractor_version(dir.as_deref())
}

/// What `extractor` is stored as for documents whose events were extracted elsewhere (Parquet):
/// their events change only when their records do, which the content hash sees.
const EXTERNAL_EXTRACTOR: &str = "external (Parquet records)";

/// An input document as the store takes it: key, content hash (over content and metadata) and
/// the extractor version that applies.
fn incoming(item: Item, version: &str) -> Incoming<Item> {
    let (key, hash, url, outlet, title, bytes, extractor) = match &item {
        Item::Raw(raw) => {
            let published = raw.published.map(|d| d.to_string()).unwrap_or_default();
            let fallback = raw
                .fallback_published
                .map(|d| d.to_string())
                .unwrap_or_default();
            let hash = parley_store::content_hash(&[
                raw.raw.as_bytes(),
                &[u8::from(raw.html)],
                published.as_bytes(),
                fallback.as_bytes(),
                raw.outlet.as_deref().unwrap_or("").as_bytes(),
                raw.url.as_deref().unwrap_or("").as_bytes(),
                raw.title.as_deref().unwrap_or("").as_bytes(),
            ]);
            (
                raw.id.clone(),
                hash,
                raw.url.clone(),
                raw.outlet.clone(),
                raw.title.clone(),
                raw.bytes,
                version.to_string(),
            )
        }
        Item::Extracted(x) => {
            // Record order depends on how the files were partitioned: hash them sorted.
            let mut recs: Vec<&str> = x.records.iter().map(String::as_str).collect();
            recs.sort_unstable();
            let published = x.published.map(|d| d.to_string()).unwrap_or_default();
            let mut parts: Vec<&[u8]> = vec![
                published.as_bytes(),
                x.outlet.as_deref().unwrap_or("").as_bytes(),
                x.url.as_deref().unwrap_or("").as_bytes(),
                x.title.as_deref().unwrap_or("").as_bytes(),
            ];
            parts.extend(recs.iter().map(|r| r.as_bytes()));
            (
                x.id.clone(),
                parley_store::content_hash(&parts),
                x.url.clone(),
                x.outlet.clone(),
                x.title.clone(),
                x.bytes,
                EXTERNAL_EXTRACTOR.to_string(),
            )
        }
    };
    Incoming {
        key,
        content_hash: hash,
        url,
        outlet,
        title,
        bytes,
        extractor,
        raw: item,
    }
}

/// Cleans and extracts a raw document, or decodes the events of one extracted elsewhere.
fn process(item: Item, ex: &Extractor) -> Result<ingest::Processed> {
    match item {
        Item::Raw(raw) => {
            let doc = input::prepare(&raw)?;
            let events = ex.extract(&doc);
            let contexts = parley_store::contexts(&doc.text, &events);
            Ok(ingest::Processed {
                published: doc.published,
                events,
                contexts,
            })
        }
        // Parquet records carry no document text: their reports are stored without context.
        Item::Extracted(x) => Ok(ingest::Processed {
            published: x.published,
            events: x.events()?,
            contexts: Vec::new(),
        }),
    }
}

/// Total size of the input files, for the progress bar; `None` when unknown (standard input,
/// compressed files).
fn total_bytes(paths: &[PathBuf], input: Option<&Path>) -> Option<u64> {
    let mut total = 0u64;
    let mut files: Vec<PathBuf> = input.map(Path::to_path_buf).into_iter().collect();
    for p in paths {
        files.extend(input::expand(p).ok()?);
    }
    for f in files {
        let name = f.to_string_lossy().to_ascii_lowercase();
        if name == "-" || name.ends_with(".gz") || name.ends_with(".parquet") {
            return None;
        }
        total += std::fs::metadata(&f).ok()?.len();
    }
    Some(total)
}

fn run_ingest(a: IngestArgs, ex: &Extractor) -> Result<ExitCode> {
    if a.paths.is_empty() && a.input.is_none() {
        anyhow::bail!("nothing to ingest: give files or directories, or --input FILE.jsonl (\"-\" for standard input)");
    }
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let published =
        match &a.published {
            None => None,
            Some(p) => Some(parley_time::parse_iso_date(p).with_context(|| {
                format!("--published {p:?} is not a date (expected YYYY-MM-DD)")
            })?),
        };
    let version = extractor_version()?;
    let total_bytes = total_bytes(&a.paths, a.input.as_deref());
    let stream = input::stream(&a.paths, a.input.as_deref(), published)
        .map(move |r| r.map(|item| incoming(item, &version)));

    let mut term = (!a.quiet).then(|| ingest::TerminalReporter::new(total_bytes));
    let mut quiet = QuietReporter;
    let rep: &mut dyn Reporter = match term.as_mut() {
        Some(t) => t,
        None => &mut quiet,
    };
    let opts = IngestOptions {
        batch_docs: a.batch.max(1),
        ..IngestOptions::default()
    };
    let summary = ingest::ingest_with(&a.db.db, stream, |item| process(item, ex), opts, rep);
    if let Some(t) = &term {
        t.finish();
    }
    let summary = summary?;
    let store = Store::open(&a.db.db)?;
    let c = store.counts()?;
    let p = summary.progress;
    let w = summary.written;
    eprintln!(
        "parley: {} documents read ({} new, {} changed, {} unchanged, {} failed), {} events extracted, in {:.1} s ({:.0} docs/s, {:.2} MB/s)",
        p.docs,
        w.new_docs,
        w.changed_docs,
        p.unchanged + w.unchanged_docs as u64,
        p.failed,
        p.events,
        p.elapsed.as_secs_f64(),
        p.docs_per_sec(),
        p.mb_per_sec()
    );
    eprintln!(
        "parley: store {}: {} documents, {} reports, {} merged events",
        a.db.db.display(),
        c.documents,
        c.mentions,
        c.events
    );
    if p.failed > 0 {
        eprintln!(
            "parley: {} input(s) could not be read (see above)",
            p.failed
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints problems only (no progress bar).
struct QuietReporter;

impl Reporter for QuietReporter {
    fn progress(&mut self, _p: &ingest::Progress) {}
    fn problem(&mut self, message: &str) {
        eprintln!("parley: skipped: {message}");
    }
}

// ---------------------------------------------------------------------------------------------
// queries

/// Resolves a country option: an ISO alpha-3 code of the lexicon, or a country name.
fn country_code(lex: &Lexicon, s: &str) -> Result<String> {
    let t = s.trim();
    if let Some(c) = lex
        .countries
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(t) || c.name.eq_ignore_ascii_case(t))
    {
        return Ok(c.code.clone());
    }
    // Codes outside the lexicon are still accepted when well-formed.
    query::parse_country(t)
        .map_err(|e| anyhow::anyhow!("{e} (or an English country name such as Turkey)"))
}

fn build_filter(f: &FilterArgs, lex: &LazyLexicon) -> Result<Filter> {
    let topic = match &f.topic {
        None => None,
        Some(t) => {
            let t = t.trim().to_ascii_lowercase();
            let lex = lex.get()?;
            if !lex.topics.iter().any(|x| x.id == t) {
                let ids: Vec<&str> = lex.topics.iter().map(|x| x.id.as_str()).collect();
                return Err(usage(format!(
                    "--topic {t:?}: unknown topic; accepted: {}",
                    ids.join(", ")
                )));
            }
            Some(t)
        }
    };
    let since = f
        .since
        .as_deref()
        .map(|s| query::parse_period("--since", s, false))
        .transpose()
        .map_err(usage)?;
    let until = f
        .until
        .as_deref()
        .map(|s| query::parse_period("--until", s, true))
        .transpose()
        .map_err(usage)?;
    if let (Some(a), Some(b)) = (since, until) {
        if a > b {
            return Err(usage(format!("--since {a} is after --until {b}")));
        }
    }
    Ok(Filter {
        actor: f.actor.clone().filter(|s| !s.trim().is_empty()),
        with: f.with.clone().filter(|s| !s.trim().is_empty()),
        country: f
            .country
            .as_deref()
            .map(|c| lex.get().and_then(|l| country_code(l, c)))
            .transpose()
            .map_err(usage)?,
        kind: f
            .kind
            .as_deref()
            .map(query::parse_type)
            .transpose()
            .map_err(usage)?,
        status: f
            .status
            .as_deref()
            .map(query::parse_status)
            .transpose()
            .map_err(usage)?,
        since,
        until,
        topic,
        source: f.source.clone().filter(|s| !s.trim().is_empty()),
        text: f.text.clone().filter(|s| !s.trim().is_empty()),
        limit: f.limit,
    })
}

fn open_store(db: &DbArg) -> Result<Store> {
    let store = Store::open_existing(&db.db).map_err(|e| {
        match e.downcast_ref::<parley_store::StoreError>() {
            Some(parley_store::StoreError::Missing(_)) => e,
            _ => e.context(db.db.display().to_string()),
        }
    })?;
    // No memory map for a one-shot command: each page it reads is read once, and mapping it
    // cost a page fault, then clearing the mapping at exit, more than a `pread` into SQLite's
    // own cache (`events --actor Putin` on the 100 MB benchmark store: 60 -> 49 ms CPU).
    // `Store::open` maps the file for long-lived readers (the web server).
    store.conn().pragma_update(None, "mmap_size", 0)?;
    // Only the pending count: counting every table read ~100 MB of pages of a 100 MB-corpus
    // store, half the start-up of a query.
    let pending = store.pending_blocks()?;
    if pending > 0 {
        eprintln!("parley: note: {pending} groups of reports are waiting to be merged (an ingest is running); results may be incomplete");
    }
    Ok(store)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

fn run_events(a: EventsArgs, lex: &LazyLexicon) -> Result<ExitCode> {
    let filter = build_filter(&a.filter, lex)?;
    let store = open_store(&a.db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.format == EventsFormat::Jsonl {
        // The stored record is the event as JSON on one line, as the JSONL export writes it.
        store.write_event_records(&filter, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let events = store.events(&filter)?;
    match a.format {
        EventsFormat::Jsonl | EventsFormat::Csv => {
            let f = if a.format == EventsFormat::Jsonl {
                ExportFormat::Jsonl
            } else {
                ExportFormat::Csv
            };
            // JSONL and CSV print codes only: the names (and the lexicon) are never needed.
            export::write(&mut out, f, &events, &|c| {
                lex.get()
                    .ok()
                    .and_then(|l| l.country(c))
                    .map(|x| x.name.clone())
            })?;
        }
        EventsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &events)?;
            writeln!(out)?;
        }
        EventsFormat::Table => {
            writeln!(
                out,
                "{:<19} {:<10} {:<12} {:<9} {:>4} {:>4}  {:<48} LOCATION",
                "EVENT", "DATE", "TYPE", "STATUS", "ART", "SRC", "PARTICIPANTS"
            )?;
            for e in &events {
                let who: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
                writeln!(
                    out,
                    "{:<19} {:<10} {:<12} {:<9} {:>4} {:>4}  {:<48} {}{}",
                    e.event_id,
                    e.date.value.as_deref().unwrap_or("?"),
                    e.kind.as_str(),
                    e.status.as_str(),
                    e.num_articles,
                    e.num_sources,
                    truncate(&who.join(", "), 48),
                    e.location.as_ref().map(|l| l.name.as_str()).unwrap_or(""),
                    if e.conflicts.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "  [conflicts: {}]",
                            e.conflicts
                                .iter()
                                .map(|c| c.field.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )?;
            }
            out.flush()?;
            eprintln!("parley: {} events", events.len());
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_export(a: ExportArgs, lazy: &LazyLexicon) -> Result<ExitCode> {
    let filter = build_filter(&a.filter, lazy)?;
    let lex = lazy.get()?;
    let store = open_store(&a.db)?;
    let events = store.events(&filter)?;
    let format = match a.format {
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
        ExportFormatArg::Icews => ExportFormat::Icews,
        ExportFormatArg::Parquet => return export_parquet(a.output.as_deref(), &events),
    };
    let names = |c: &str| lex.country(c).map(|x| x.name.clone());
    let (written, skipped) = match &a.output {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
            export::write(std::io::BufWriter::new(f), format, &events, &names)?
        }
        None => export::write(
            std::io::BufWriter::new(std::io::stdout().lock()),
            format,
            &events,
            &names,
        )?,
    };
    eprintln!("parley: exported {written} events");
    if skipped > 0 {
        eprintln!("parley: {skipped} events without a day-precision date were left out (GDELT and ICEWS need a day)");
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes merged events as Parquet to a file or standard output.
fn export_parquet(output: Option<&Path>, events: &[MergedEvent]) -> Result<ExitCode> {
    let written = match output {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
            parley_store::parquet_io::write_events(std::io::BufWriter::new(f), events)?
        }
        None => parley_store::parquet_io::write_events(
            std::io::BufWriter::new(std::io::stdout()),
            events,
        )?,
    };
    eprintln!("parley: exported {written} events");
    Ok(ExitCode::SUCCESS)
}

fn run_timeline(a: TimelineArgs, lex: &LazyLexicon) -> Result<ExitCode> {
    let Some(actor) = a.filter.actor.clone() else {
        return Err(usage("timeline needs --actor NAME (e.g. --actor Putin)"));
    };
    let filter = build_filter(&a.filter, lex)?;
    let store = open_store(&a.db)?;
    let names = store.resolve_actor(&actor)?;
    if names.is_empty() {
        anyhow::bail!(
            "--actor {actor:?}: no such actor in the store (`parley actors` lists who is there)"
        );
    }
    let events = store.events(&filter)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "Timeline of {} ({} events)",
        names.join(" / "),
        events.len()
    )?;
    let mut year = String::new();
    for e in &events {
        let date = e.date.value.clone().unwrap_or_else(|| "undated".into());
        let y = date.get(0..4).unwrap_or("????").to_string();
        if y != year {
            writeln!(out, "\n{y}")?;
            year = y;
        }
        let others: Vec<&str> = e
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .filter(|n| !names.iter().any(|x| x == n))
            .collect();
        let role = match &e.initiator {
            Some(i) if names.contains(i) => match e.kind {
                parley_core::EventType::Visit => "visited",
                parley_core::EventType::Call => "called",
                _ => "with",
            },
            Some(_) => match e.kind {
                parley_core::EventType::Visit => "visited by",
                parley_core::EventType::Call => "called by",
                _ => "with",
            },
            None => "with",
        };
        let status = if e.status == parley_core::Status::Occurred {
            String::new()
        } else {
            format!(" ({})", e.status.as_str())
        };
        let place = e
            .location
            .as_ref()
            .map(|l| format!(" in {}", l.name))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<10}  {:<12} {} {}{}{}  [{} art., {} src.{}]  {}",
            date,
            e.kind.as_str(),
            role,
            if others.is_empty() {
                "-".to_string()
            } else {
                others.join(", ")
            },
            place,
            status,
            e.num_articles,
            e.num_sources,
            if e.conflicts.is_empty() {
                ""
            } else {
                ", conflicts"
            },
            e.event_id
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_actors(a: ActorsArgs, lex: &LazyLexicon) -> Result<ExitCode> {
    let filter = build_filter(&a.filter, lex)?;
    let store = open_store(&a.db)?;
    let period = match a.period {
        PeriodArg::Year => Period::Year,
        PeriodArg::Quarter => Period::Quarter,
        PeriodArg::Month => Period::Month,
        PeriodArg::All => Period::All,
    };
    let mut pairs = store.actor_pairs(period, &filter)?;
    pairs.retain(|p| p.events >= a.min);
    if let Some(top) = a.top {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        pairs.retain(|p| {
            let n = seen.entry(p.period.clone()).or_default();
            *n += 1;
            *n <= top
        });
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        TableFormat::Table => {
            writeln!(
                out,
                "{:<8} {:>6} {:>8}  PAIR",
                "PERIOD", "EVENTS", "ARTICLES"
            )?;
            for p in &pairs {
                writeln!(
                    out,
                    "{:<8} {:>6} {:>8}  {} — {}",
                    p.period, p.events, p.articles, p.a, p.b
                )?;
            }
        }
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["period", "actor_a", "actor_b", "events", "articles"])?;
            for p in &pairs {
                w.write_record([
                    p.period.as_str(),
                    &p.a,
                    &p.b,
                    &p.events.to_string(),
                    &p.articles.to_string(),
                ])?;
            }
            w.flush()?;
        }
        TableFormat::Jsonl => {
            for p in &pairs {
                serde_json::to_writer(&mut out, p)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// show

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let wl = word.chars().count();
        let cl = cur.chars().count();
        if cl > 0 && cl + 1 + wl > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        if wl > width {
            // A very long token: cut it.
            let mut chunk = String::new();
            for ch in word.chars() {
                if chunk.chars().count() + cur.chars().count() >= width {
                    cur.push_str(&chunk);
                    lines.push(std::mem::take(&mut cur));
                    chunk.clear();
                }
                chunk.push(ch);
            }
            cur.push_str(&chunk);
        } else {
            cur.push_str(word);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn run_show(a: ShowArgs, lex: &Lexicon) -> Result<ExitCode> {
    let store = open_store(&a.db)?;
    let Some(e) = store.event(a.event_id.trim())? else {
        anyhow::bail!(
            "no event {:?} in {} (`parley events` lists the ids)",
            a.event_id,
            a.db.db.display()
        );
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if a.json {
        serde_json::to_writer_pretty(&mut out, &e)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let precision = serde_json::to_value(e.date.precision)?
        .as_str()
        .unwrap_or("")
        .to_string();
    writeln!(
        out,
        "{}  {} ({}, CAMEO {})  {}",
        e.event_id,
        e.kind.as_str(),
        e.plover.kind,
        e.cameo,
        e.status.as_str()
    )?;
    writeln!(
        out,
        "  date:         {} ({precision})",
        e.date.value.as_deref().unwrap_or("unknown")
    )?;
    for p in &e.participants {
        let mut extra: Vec<String> = Vec::new();
        if let Some(r) = &p.role {
            extra.push(r.replace('_', " "));
        }
        if let Some(c) = &p.country {
            extra.push(
                lex.country(c)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| c.clone()),
            );
        }
        if let Some(o) = &p.org {
            extra.push(o.clone());
        }
        writeln!(out, "  participant:  {} ({})", p.name, extra.join(", "))?;
    }
    if let Some(i) = &e.initiator {
        writeln!(out, "  initiator:    {i}")?;
    }
    if let Some(l) = &e.location {
        writeln!(
            out,
            "  location:     {}{}",
            l.name,
            l.country
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        )?;
    }
    if !e.topics.is_empty() {
        writeln!(out, "  topics:       {}", e.topics.join(", "))?;
    }
    writeln!(
        out,
        "  reported by:  {} article(s) from {} source(s)",
        e.num_articles, e.num_sources
    )?;
    if !e.attributed_to.is_empty() {
        writeln!(out, "  according to: {}", e.attributed_to.join("; "))?;
    }
    if e.conflicts.is_empty() {
        writeln!(out, "  conflicts:    none")?;
    } else {
        writeln!(out, "  conflicts:")?;
        for c in &e.conflicts {
            let vals: Vec<String> = c
                .values
                .iter()
                .map(|v| format!("{} ({})", v.value, v.docs.join(", ")))
                .collect();
            writeln!(out, "    {:<10} {}", c.field, vals.join("  vs  "))?;
        }
    }

    writeln!(out, "\nReports ({}):", e.mentions.len())?;
    for (i, m) in e.mentions.iter().enumerate() {
        writeln!(
            out,
            "  {}. {} — {}{}{}",
            i + 1,
            m.published.as_deref().unwrap_or("undated"),
            m.outlet.as_deref().unwrap_or("(outlet unknown)"),
            format_args!(" — {}", m.doc),
            m.url
                .as_deref()
                .filter(|u| *u != m.doc)
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default()
        )?;
        let mut says = vec![
            m.kind.as_str().to_string(),
            m.status.as_str().to_string(),
            m.date.value.clone().unwrap_or_else(|| "no date".into()),
        ];
        if let Some(l) = &m.location {
            says.push(format!("in {}", l.name));
        }
        if let Some(ini) = &m.initiator {
            says.push(format!("initiated by {ini}"));
        }
        writeln!(out, "     says: {}", says.join(", "))?;
        if !m.attributed_to.is_empty() {
            writeln!(out, "     according to: {}", m.attributed_to.join("; "))?;
        }
        // The evidence between the sentences around it (in brackets: context, not evidence).
        let mut quoted: Vec<String> = Vec::new();
        if let Some(c) = &m.context_before {
            quoted.push(format!("[{c}]"));
        }
        quoted.extend(m.evidence.iter().map(|ev| format!("\"{}\"", ev.text)));
        if let Some(c) = &m.context_after {
            quoted.push(format!("[{c}]"));
        }
        for q in &quoted {
            for (j, line) in wrap(q, 100).into_iter().enumerate() {
                writeln!(out, "     {}{line}", if j == 0 { "" } else { " " })?;
            }
        }
    }

    // Readouts: what each side's own statements said, side by side.
    let mut columns: Vec<(String, Vec<String>)> = e
        .participants
        .iter()
        .map(|p| {
            let head = match p.country.as_deref().and_then(|c| lex.country(c)) {
                Some(c) => format!("{} side ({})", c.name, p.name),
                None => format!("{} side", p.name),
            };
            (head, Vec::new())
        })
        .collect();
    let mut other: Vec<String> = Vec::new();
    for m in &e.mentions {
        let text: Vec<&str> = m.evidence.iter().map(|x| x.text.as_str()).collect();
        let text = text.join(" ");
        let source = m.outlet.as_deref().unwrap_or(&m.doc);
        let mut placed = false;
        for attr in &m.attributed_to {
            if let Some(side) = e.side_of(attr, lex) {
                if let Some(i) = e.participants.iter().position(|p| p.name == side) {
                    if let Some(col) = columns.get_mut(i) {
                        col.1.push(format!("{attr} (via {source}): {text}"));
                        placed = true;
                    }
                }
            }
        }
        if !placed {
            let who = if m.attributed_to.is_empty() {
                "unattributed".to_string()
            } else {
                m.attributed_to.join("; ")
            };
            other.push(format!("{who} (via {source}): {text}"));
        }
    }
    let any_side = columns.iter().any(|c| !c.1.is_empty());
    writeln!(out, "\nReadouts by side:")?;
    if !any_side {
        writeln!(out, "  no report is attributed to one of the sides")?;
    } else {
        let width: usize = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(120);
        let n = columns.len().max(1);
        let colw = (width.saturating_sub(3 * n + 1) / n).clamp(24, 80);
        let cells: Vec<Vec<String>> = columns
            .iter()
            .map(|(head, items)| {
                let mut lines = wrap(head, colw);
                lines.push("-".repeat(colw.min(head.chars().count().max(8))));
                if items.is_empty() {
                    lines.push("(no readout in the reports)".into());
                }
                for it in items {
                    lines.extend(wrap(it, colw));
                    lines.push(String::new());
                }
                lines
            })
            .collect();
        let rows = cells.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..rows {
            let mut line = String::from("  ");
            for (ci, c) in cells.iter().enumerate() {
                let cell = c.get(r).map(String::as_str).unwrap_or("");
                let pad = colw.saturating_sub(cell.chars().count());
                line.push_str(cell);
                if ci + 1 < cells.len() {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(" | ");
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    if !other.is_empty() {
        writeln!(out, "\nOther reports (not attributed to a side):")?;
        for o in other {
            for (j, line) in wrap(&o, 100).into_iter().enumerate() {
                writeln!(out, "  {}{line}", if j == 0 { "- " } else { "  " })?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
