//! `parley._core`: the Rust side of the Python package.
//!
//! It is deliberately small: it turns documents into the event JSON that
//! `parley extract --format jsonl` prints (one string per event, byte for byte), in parallel
//! with the GIL released. The Python layer (`python/parley/__init__.py`) builds dicts, pandas
//! frames and Arrow batches from those strings, so the JSON stays the single contract.

mod glue;

/// mimalloc for the extension's own (Rust) allocations, as in the `parley` CLI: the pipeline
/// allocates and frees many small strings per sentence, and with rayon workers the system
/// allocator's shared arenas cost more. Python's objects are unaffected (CPython allocates them).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::OnceLock;

use parley_core::{Cell, Event, Extractor, Lexicon, FLAT_COLUMNS};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

/// The extractor, built once per process: loading the lexicons costs far more than one article.
/// Like the CLI, it reads the lexicon directory named by `PARLEY_LEXICON` when that is set.
static EXTRACTOR: OnceLock<Result<Extractor, String>> = OnceLock::new();

fn extractor() -> PyResult<&'static Extractor> {
    let ex = EXTRACTOR.get_or_init(|| {
        let lex = match std::env::var_os("PARLEY_LEXICON") {
            Some(dir) => Lexicon::from_dir(std::path::Path::new(&dir)),
            None => Lexicon::builtin(),
        };
        lex.map(Extractor::new).map_err(|e| format!("{e:#}"))
    });
    ex.as_ref()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot load the parley lexicon: {e}")))
}

/// One document's outcome, as handed to Python: `(error, doc, published, url, outlet, title,
/// records)`. `error` is None on success; `published` is the date the document was read with
/// (given or detected), "YYYY-MM-DD"; `records` the events' JSON lines.
type DocOut = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<String>,
);

fn failed(msg: String) -> DocOut {
    (Some(msg), None, None, None, None, None, Vec::new())
}

/// Cleans, dates and extracts one raw document; events serialized as the CLI serializes them.
fn run_one(ex: &Extractor, raw: &glue::RawDoc) -> DocOut {
    let doc = match glue::prepare(raw) {
        Ok(d) => d,
        // The error already names the document, as the CLI's does.
        Err(e) => return failed(format!("{e:#}")),
    };
    let mut records = Vec::new();
    for ev in ex.extract(&doc) {
        match serde_json::to_string(&ev) {
            Ok(s) => records.push(s),
            Err(e) => return failed(format!("{}: cannot serialize an event: {e}", raw.id)),
        }
    }
    (
        None,
        Some(doc.id),
        doc.published.map(|d| d.to_string()),
        raw.url.clone(),
        raw.outlet.clone(),
        raw.title.clone(),
        records,
    )
}

/// Runs `f` over the items on rayon, in a pool of `threads` when given (else rayon's global
/// pool: all cores, or RAYON_NUM_THREADS), keeping input order.
fn par_map<T: Sync, F>(
    py: Python<'_>,
    items: &[T],
    threads: Option<usize>,
    f: F,
) -> PyResult<Vec<DocOut>>
where
    F: Fn(&T) -> DocOut + Sync + Send,
{
    // The GIL is released for the whole batch: extraction touches no Python object.
    py.detach(|| match threads {
        None => Ok(items.par_iter().map(&f).collect()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map(|pool| pool.install(|| items.par_iter().map(&f).collect()))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}"))),
    })
}

/// Extracts events from texts read like files on the command line.
///
/// `docs` holds `(text, doc_id, published, html)` tuples: `published` is "YYYY-MM-DD" or an ISO
/// timestamp (None: detected from the header when possible); `html` None means "sniff it".
/// Returns one `DocOut` tuple per document, in order. A bad date raises ValueError before any
/// work is done.
#[pyfunction]
#[pyo3(signature = (docs, threads=None))]
fn extract_texts(
    py: Python<'_>,
    docs: Vec<(String, String, Option<String>, Option<bool>)>,
    threads: Option<usize>,
) -> PyResult<Vec<DocOut>> {
    let ex = extractor()?;
    let mut raws = Vec::with_capacity(docs.len());
    for (text, id, published, html) in docs {
        let published = match published.as_deref() {
            None | Some("") => None,
            Some(s) => Some(
                glue::parse_published(s)
                    .map_err(|e| PyValueError::new_err(format!("{id}: {e:#}")))?,
            ),
        };
        raws.push(glue::raw_from_text(text, id, published, html));
    }
    par_map(py, &raws, threads, |raw| run_one(ex, raw))
}

/// Extracts events from JSONL document lines, each read exactly as `parley extract --input`
/// reads a line. `fallback_ids[i]` is line i's id when its record has neither `id` nor `url`
/// (the CLI uses `FILE:LINE`). A bad line gives a tuple whose first item is the error message.
#[pyfunction]
#[pyo3(signature = (lines, fallback_ids, threads=None))]
fn extract_lines(
    py: Python<'_>,
    lines: Vec<String>,
    fallback_ids: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<DocOut>> {
    if lines.len() != fallback_ids.len() {
        return Err(PyValueError::new_err(format!(
            "{} lines but {} fallback ids",
            lines.len(),
            fallback_ids.len()
        )));
    }
    let ex = extractor()?;
    let items: Vec<(String, String)> = lines.into_iter().zip(fallback_ids).collect();
    par_map(
        py,
        &items,
        threads,
        |(line, fallback)| match glue::raw_from_line(line, fallback.clone()) {
            Ok(raw) => run_one(ex, &raw),
            // The error already names the line by its fallback id.
            Err(e) => failed(format!("{e:#}")),
        },
    )
}

/// The flat rows of events given as JSON objects (the records of `extract_texts` and
/// `extract_lines`, or dicts dumped with `json.dumps`): one list per event, the cells of
/// `CSV_COLUMNS` in order, with None for nulls and ints for byte offsets. The flattening is
/// parley-core's (`flat_cells`), the one `parley extract --format csv` writes. An object that is
/// not an event raises ValueError naming its position.
#[pyfunction]
fn flat_rows(py: Python<'_>, events: Vec<String>) -> PyResult<Vec<Vec<Py<PyAny>>>> {
    let mut rows = Vec::with_capacity(events.len());
    for (i, s) in events.iter().enumerate() {
        let e: Event = serde_json::from_str(s).map_err(|err| {
            PyValueError::new_err(format!("event {i}: not an event record: {err}"))
        })?;
        let mut row = Vec::with_capacity(FLAT_COLUMNS.len());
        for c in parley_core::flat_cells(&e) {
            row.push(match c {
                Cell::Null => py.None(),
                Cell::Text(t) => t.into_pyobject(py)?.into_any().unbind(),
                Cell::Int(n) => n.into_pyobject(py)?.into_any().unbind(),
            });
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The Rust extension of the `parley` package (use the functions of `parley` instead).
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_texts, m)?)?;
    m.add_function(wrap_pyfunction!(extract_lines, m)?)?;
    m.add_function(wrap_pyfunction!(flat_rows, m)?)?;
    m.add("CSV_COLUMNS", FLAT_COLUMNS.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
