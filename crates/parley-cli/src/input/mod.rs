//! Reading documents, for `parley extract` and `parley ingest` alike: plain files, HTML, JSON,
//! JSONL and gzip JSONL (parley's fields and news-please/CC-NEWS fields), WARC (CC-NEWS's own
//! format, gzip per record too), Parquet written by the Spark job (events already extracted),
//! whole directories (recursively), and standard input.
//!
//! [`stream`] gives one lazy iterator of [`Item`]s over every input: a file is opened only when
//! the iterator reaches it and a JSONL or WARC file is read record by record, so memory stays
//! flat whatever the corpus size. Every problem names the file (and line or record) at fault; a
//! bad document is yielded as an error and the rest of the input is still read.

pub mod jsonl;
pub mod warc;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use parley_core::Event;
// The document model and its preparation live in `parley-input`, shared with the Python
// package; re-exported so the rest of the command keeps calling them `input::...`.
pub use parley_input::{decode, host_of, prepare, JsonDoc, RawDoc};

/// A document whose events were extracted elsewhere (Parquet from the Spark job).
#[derive(Debug, Clone, Default)]
pub struct ExtractedDoc {
    /// Document id.
    pub id: String,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The event records (JSON, as `parley extract --format jsonl` prints them).
    pub records: Vec<String>,
    /// Bytes of the records.
    pub bytes: u64,
}

impl ExtractedDoc {
    /// The events of the records; a record that is not an event names the document and record.
    pub fn events(&self) -> Result<Vec<Event>> {
        self.records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                serde_json::from_str::<Event>(r).with_context(|| {
                    format!(
                        "{}: event record {} is not a parley event (JSON as `parley extract --format jsonl` prints it)",
                        self.id,
                        i + 1
                    )
                })
            })
            .collect()
    }
}

/// One input document.
#[derive(Debug, Clone)]
pub enum Item {
    /// Text or HTML to clean and extract.
    Raw(RawDoc),
    /// Events extracted elsewhere.
    Extracted(ExtractedDoc),
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One document: .txt, .html, .htm, .json (or any other file named explicitly).
    Single,
    /// One JSON record per line: .jsonl, .ndjson, .jsonl.gz, .json.gz.
    Jsonl,
    /// WARC: .warc, .warc.gz.
    Warc,
    /// Parquet from the Spark job: .parquet.
    Parquet,
}

/// The kind of a file from its name; `None` for files a directory walk does not read.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.starts_with('.') || name.starts_with('_') {
        // Hidden files and Spark's bookkeeping (_SUCCESS, .part-0000.crc).
        return None;
    }
    let ends = |s: &str| name.ends_with(s);
    if ends(".jsonl")
        || ends(".ndjson")
        || ends(".jsonl.gz")
        || ends(".ndjson.gz")
        || ends(".json.gz")
    {
        Some(Kind::Jsonl)
    } else if ends(".warc") || ends(".warc.gz") {
        Some(Kind::Warc)
    } else if ends(".parquet") {
        Some(Kind::Parquet)
    } else if ends(".txt") || ends(".html") || ends(".htm") || ends(".json") {
        Some(Kind::Single)
    } else {
        None
    }
}

/// Lists the files an input path stands for: the file itself, or every readable file below a
/// directory (recursively; sorted, so runs are reproducible).
pub fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = std::fs::read_dir(&dir)
            .with_context(|| format!("{}: cannot list directory", dir.display()))?;
        for entry in rd {
            let entry =
                entry.with_context(|| format!("{}: cannot list directory", dir.display()))?;
            let p = entry.path();
            let ft = entry
                .file_type()
                .with_context(|| format!("{}: cannot stat", p.display()))?;
            if ft.is_dir() {
                stack.push(p);
            } else if kind_of(&p).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads a single-document file; `published` applies to plain files.
pub fn read_file(path: &Path, published: Option<NaiveDate>) -> Result<RawDoc> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .with_context(|| format!("{name}: cannot read"))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("{name}: the file is empty");
    }
    let size = bytes.len() as u64;
    let (text, lossy) = decode(bytes, &name)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "json" {
        let mut d = JsonDoc::parse(&text, &name)?.into_raw(name.clone(), &name)?;
        d.lossy = lossy;
        d.bytes = size;
        if d.published.is_none() {
            d.published = published;
        }
        return Ok(d);
    }
    let html = ext == "html" || ext == "htm" || parley_clean::looks_like_html(&text);
    Ok(RawDoc {
        id: name,
        raw: text,
        html,
        published,
        lossy,
        bytes: size,
        ..RawDoc::default()
    })
}

/// Opens a file or standard input ("-") as a buffered stream, decompressing gzip (recognised by
/// its magic bytes, whatever the name).
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let name = path.display().to_string();
    let inner: Box<dyn Read + Send> = if name == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(path).with_context(|| format!("{name}: cannot open"))?)
    };
    let mut r = BufReader::with_capacity(1 << 20, inner);
    let gz = r
        .fill_buf()
        .with_context(|| format!("{name}: cannot read"))?
        .starts_with(&[0x1f, 0x8b]);
    if gz {
        Ok(Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::bufread::MultiGzDecoder::new(r),
        )))
    } else {
        Ok(Box::new(r))
    }
}

/// A stream of documents over every input.
pub type Stream = Box<dyn Iterator<Item = Result<Item>> + Send>;

/// One source of the stream.
enum Source {
    File(PathBuf, Kind),
    /// `--input`: JSONL or WARC, told apart by content.
    Sniffed(PathBuf),
    Problem(anyhow::Error),
}

/// Every document of the inputs, lazily: `--input` first (JSONL or WARC, "-" for standard
/// input), then the files below `paths` in order, then all Parquet files together (the rows of
/// one document may be spread over several partition files, so they are grouped across files).
pub fn stream(paths: &[PathBuf], input: Option<&Path>, published: Option<NaiveDate>) -> Stream {
    let mut sources = Vec::new();
    let mut parquet = Vec::new();
    if let Some(inp) = input {
        if kind_of(inp) == Some(Kind::Parquet) {
            parquet.push(inp.to_path_buf());
        } else {
            sources.push(Source::Sniffed(inp.to_path_buf()));
        }
    }
    for p in paths {
        let explicit = !p.is_dir();
        match expand(p) {
            Ok(files) => {
                for f in files {
                    match kind_of(&f) {
                        Some(Kind::Parquet) => parquet.push(f),
                        Some(k) => sources.push(Source::File(f, k)),
                        // A file named on the command line is read whatever its name.
                        None if explicit => sources.push(Source::Sniffed(f)),
                        None => {}
                    }
                }
            }
            Err(e) => sources.push(Source::Problem(e)),
        }
    }
    let files = sources.into_iter().flat_map(move |s| -> Stream {
        match s {
            Source::Problem(e) => Box::new(std::iter::once(Err(e))),
            Source::File(f, Kind::Single) => {
                Box::new(std::iter::once(read_file(&f, published).map(Item::Raw)))
            }
            Source::File(f, Kind::Jsonl) => match open(&f) {
                Ok(r) => {
                    Box::new(jsonl::records(r, f.display().to_string()).map(|r| r.map(Item::Raw)))
                }
                Err(e) => Box::new(std::iter::once(Err(e))),
            },
            Source::File(f, Kind::Warc) => match open(&f) {
                Ok(r) => {
                    Box::new(warc::records(r, f.display().to_string()).map(|r| r.map(Item::Raw)))
                }
                Err(e) => Box::new(std::iter::once(Err(e))),
            },
            Source::File(f, Kind::Parquet) => Box::new(parquet_docs(vec![f])),
            Source::Sniffed(f) => sniffed(&f, published),
        }
    });
    let parquet: Stream = if parquet.is_empty() {
        Box::new(std::iter::empty())
    } else {
        // Opened only when the stream reaches it: the spill table is written then.
        let mut pending = Some(parquet);
        Box::new(std::iter::from_fn(move || pending.take().map(parquet_docs)).flatten())
    };
    Box::new(files.chain(parquet))
}

/// A file (or standard input) whose format is told by its first bytes: WARC, JSONL, or else a
/// single document.
fn sniffed(f: &Path, published: Option<NaiveDate>) -> Stream {
    let name = f.display().to_string();
    let mut r = match open(f) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    let head = match r.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => {
            return Box::new(std::iter::once(Err(
                anyhow::Error::new(e).context(format!("{name}: cannot read"))
            )))
        }
    };
    let head = head.get(..head.len().min(64)).unwrap_or(&[]);
    if head.starts_with(b"WARC/") {
        Box::new(warc::records(r, name).map(|r| r.map(Item::Raw)))
    } else if head.starts_with(b"PAR1") {
        Box::new(parquet_docs(vec![f.to_path_buf()]))
    } else if name == "-" || head.trim_ascii_start().starts_with(b"{") {
        Box::new(jsonl::records(r, name).map(|r| r.map(Item::Raw)))
    } else {
        Box::new(std::iter::once(read_file(f, published).map(Item::Raw)))
    }
}

/// The documents of Parquet files, grouped by document across files.
fn parquet_docs(files: Vec<PathBuf>) -> Stream {
    match parley_store::parquet_io::DocGroups::open(&files) {
        Err(e) => Box::new(std::iter::once(Err(e))),
        Ok(groups) => Box::new(groups.map(|g| {
            g.map(|d| {
                let url = d.url;
                Item::Extracted(ExtractedDoc {
                    outlet: d.outlet.or_else(|| url.as_deref().and_then(host_of)),
                    url,
                    id: d.doc,
                    title: d.title,
                    published: d.published.as_deref().and_then(parley_time::parse_iso_date),
                    bytes: d.bytes,
                    records: d.records,
                })
            })
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(kind_of(Path::new("a/b.jsonl.gz")), Some(Kind::Jsonl));
        assert_eq!(kind_of(Path::new("CC-NEWS-1.warc.gz")), Some(Kind::Warc));
        assert_eq!(
            kind_of(Path::new("x/part-0001.snappy.parquet")),
            Some(Kind::Parquet)
        );
        assert_eq!(kind_of(Path::new("x/_SUCCESS")), None);
        assert_eq!(kind_of(Path::new("x/.part-0001.parquet.crc")), None);
        assert_eq!(kind_of(Path::new("page.HTM")), Some(Kind::Single));
    }
}
