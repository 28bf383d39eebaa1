//! The `parley` command: wires the crates together (reading, cleaning, extraction, output).
//!
//! Exit codes: 0 all input processed; 1 a fatal error (bad lexicon, unreadable output, failed
//! quality bar in `eval`); 2 a usage error; 3 some documents could not be read (they are named on
//! stderr; every other document was processed).

mod eval;
mod input;
mod output;
mod serve_cmd;
mod store_cmd;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use parley_core::{Extractor, Lexicon, PublishedSource};
use rayon::prelude::*;

/// mimalloc instead of the system allocator: the pipeline allocates and frees many small strings
/// and vectors per sentence, where glibc's malloc/free cost ~18% of all instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// parley: news articles in, a dated, deduplicated dataset of diplomatic interactions out.
#[derive(Debug, Parser)]
#[command(name = "parley", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract diplomatic events from articles (files, directories, JSONL).
    Extract(ExtractArgs),
    /// Print the article text extraction reads (after HTML and boilerplate removal).
    Text {
        /// A .txt, .html or .json file.
        file: PathBuf,
    },
    /// Score extraction against gold annotations.
    Eval(EvalArgs),
    /// The event store: ingest, events, show, actors, timeline, export.
    #[command(flatten)]
    Store(store_cmd::StoreCommand),
    /// Serve the web application and HTTP API over a store (see docs/web.md).
    Serve(serve_cmd::ServeArgs),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files or directories (.txt, .html, .htm, .json, .jsonl[.gz], .json.gz, .warc[.gz], .parquet).
    paths: Vec<PathBuf>,
    /// A JSONL or WARC file of documents (gzip is decompressed); "-" reads standard input.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: output::Format,
    /// Publication date (YYYY-MM-DD) of plain files given on the command line.
    #[arg(long)]
    published: Option<String>,
    /// Worker threads (default: all cores; RAYON_NUM_THREADS is honoured too).
    #[arg(long)]
    threads: Option<usize>,
    /// A lexicon directory laid out like data/ (files it lacks fall back to the built-in ones).
    #[arg(long, env = "PARLEY_LEXICON")]
    lexicon: Option<PathBuf>,
    /// Say which publication date each document was read with.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Debug, clap::Args)]
struct EvalArgs {
    /// Gold events (JSONL, as ../shared/dev/gold.jsonl).
    #[arg(long)]
    gold: PathBuf,
    /// Document index (JSONL: id, file, published).
    #[arg(long)]
    docs: PathBuf,
    /// Fail (exit 1) when F1 is below this.
    #[arg(long)]
    min_f1: Option<f64>,
    /// Fail (exit 1) when the share of gold events found with the right date is below this.
    #[arg(long)]
    min_dated_recall: Option<f64>,
    /// Print every extracted event to stderr.
    #[arg(long, short)]
    verbose: bool,
    /// A lexicon directory laid out like data/.
    #[arg(long, env = "PARLEY_LEXICON")]
    lexicon: Option<PathBuf>,
}

fn extractor(lexicon: Option<&PathBuf>) -> Result<Extractor> {
    let lex = match lexicon {
        Some(d) => Lexicon::from_dir(d)?,
        None => Lexicon::builtin()?,
    };
    Ok(Extractor::new(lex))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract(a),
        Command::Text { file } => text(&file).map(|()| ExitCode::SUCCESS),
        Command::Eval(a) => run_eval(a),
        Command::Serve(a) => serve_cmd::run(a),
        Command::Store(c) => store_cmd::run(
            c,
            std::env::var_os("PARLEY_LEXICON")
                .map(PathBuf::from)
                .as_deref(),
        ),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parley: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn text(file: &std::path::Path) -> Result<()> {
    let raw = input::read_file(file, None)?;
    if raw.lossy {
        eprintln!(
            "parley: warning: {}: not valid UTF-8; decoded lossily",
            file.display()
        );
    }
    let doc = input::prepare(&raw)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", doc.text)?;
    match doc.published_source {
        PublishedSource::Given => {}
        PublishedSource::Detected(how) => eprintln!(
            "parley: publication date {} ({how})",
            doc.published.map(|d| d.to_string()).unwrap_or_default()
        ),
        PublishedSource::Unknown => eprintln!("parley: no publication date found"),
    }
    Ok(())
}

fn run_eval(a: EvalArgs) -> Result<ExitCode> {
    let ex = extractor(a.lexicon.as_ref())?;
    let s = eval::run(&ex, &a.gold, &a.docs, a.verbose)?;
    let mut ok = true;
    if let Some(min) = a.min_f1 {
        if s.f1 < min {
            eprintln!("parley: F1 {:.3} is below the bar {min}", s.f1);
            ok = false;
        }
    }
    if let Some(min) = a.min_dated_recall {
        if s.dated_recall < min {
            eprintln!(
                "parley: dated recall {:.3} is below the bar {min}",
                s.dated_recall
            );
            ok = false;
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Documents are processed in chunks: parallel inside a chunk, output in input order, flushed
/// after each chunk, so memory stays flat on any input size and a pipe sees results early.
const CHUNK: usize = 64;

fn extract(a: ExtractArgs) -> Result<ExitCode> {
    // Usage errors exit 2, like clap's own.
    if a.paths.is_empty() && a.input.is_none() {
        eprintln!("parley: error: nothing to read: give files or directories, or --input FILE.jsonl (\"-\" for standard input)");
        return Ok(ExitCode::from(2));
    }
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let published = match &a.published {
        None => None,
        Some(p) => match parley_time::parse_iso_date(p) {
            Some(d) => Some(d),
            None => {
                eprintln!("parley: error: --published {p:?} is not a date (expected YYYY-MM-DD)");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let ex = extractor(a.lexicon.as_ref())?;
    let stdout = std::io::stdout().lock();
    let mut w = output::Writer::new(std::io::BufWriter::new(stdout), a.format)?;
    let mut counts = Counts::default();
    let verbose = a.verbose;
    // One lazy stream over every input; chunks keep memory flat and flush output early.
    let mut docs = input::stream(&a.paths, a.input.as_deref(), published);
    loop {
        let chunk: Vec<_> = docs.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        run_chunk(&ex, chunk, &mut w, &mut counts, verbose)?;
    }
    let n = w.finish()?;
    if a.format != output::Format::Jsonl && a.format != output::Format::Csv {
        eprintln!("parley: {n} events from {} documents", counts.docs);
    }
    if counts.failed > 0 {
        eprintln!(
            "parley: {} input(s) could not be read (see above)",
            counts.failed
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// What `extract` has done so far.
#[derive(Debug, Default)]
struct Counts {
    /// Documents that could not be read or cleaned.
    failed: usize,
    /// Documents processed.
    docs: usize,
}

/// Reads, cleans and extracts one chunk of documents in parallel, then writes their events in
/// input order and flushes.
fn run_chunk<W: Write>(
    ex: &Extractor,
    chunk: Vec<Result<input::Item>>,
    w: &mut output::Writer<W>,
    counts: &mut Counts,
    verbose: bool,
) -> Result<()> {
    let results: Vec<Result<(parley_core::Document, Vec<parley_core::Event>, bool)>> = chunk
        .into_par_iter()
        .map(|r| match r? {
            // Plain text without a trigger word yields nothing: skip cleaning it (the verbose
            // report needs the publication date, which `prepare` detects).
            input::Item::Raw(raw) if !raw.html && !verbose && !ex.may_yield_events(&raw.raw) => {
                let doc = parley_core::Document::new(raw.id, String::new(), raw.published);
                Ok((doc, Vec::new(), raw.lossy))
            }
            input::Item::Raw(raw) => {
                let doc = input::prepare(&raw)?;
                let events = ex.extract(&doc);
                Ok((doc, events, raw.lossy))
            }
            // Events extracted elsewhere (Parquet) are printed as they are.
            input::Item::Extracted(x) => {
                let events = x.events()?;
                let doc = parley_core::Document::new(x.id, String::new(), x.published);
                Ok((doc, events, false))
            }
        })
        .collect();
    for r in results {
        match r {
            Ok((doc, events, lossy)) => {
                counts.docs += 1;
                if lossy {
                    eprintln!(
                        "parley: warning: {}: not valid UTF-8; decoded lossily",
                        doc.id
                    );
                }
                if verbose {
                    let how = match doc.published_source {
                        PublishedSource::Given => "given".to_string(),
                        PublishedSource::Detected(h) => format!("detected: {h}"),
                        PublishedSource::Unknown => "unknown".to_string(),
                    };
                    eprintln!(
                        "parley: {}: published {} ({how}), {} events",
                        doc.id,
                        doc.published
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "-".into()),
                        events.len()
                    );
                }
                for e in &events {
                    w.event(e)?;
                }
            }
            Err(e) => {
                counts.failed += 1;
                eprintln!("parley: skipped: {e:#}");
            }
        }
    }
    w.flush()
}
