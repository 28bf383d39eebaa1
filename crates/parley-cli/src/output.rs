//! Writing events: JSONL (the contract), JSON, CSV (flat, for spreadsheets and pandas), and a
//! readable table for the terminal.

use std::io::Write;

use anyhow::Result;
use parley_core::{flat_row, Event, FLAT_COLUMNS};

/// Output formats of `parley extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table.
    Table,
    /// One JSON object per event and line.
    Jsonl,
    /// One JSON array.
    Json,
    /// Comma-separated, one row per event, nested fields flattened (parley-core's
    /// [`FLAT_COLUMNS`] and [`flat_row`], shared with the Python package).
    Csv,
}

/// Writes events as they come, in the chosen format.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    csv: Option<csv::Writer<Vec<u8>>>,
    first_json: bool,
    rows: usize,
}

impl<W: Write> Writer<W> {
    /// Starts the output (headers, opening bracket).
    pub fn new(mut out: W, format: Format) -> Result<Writer<W>> {
        let mut csv = None;
        match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(FLAT_COLUMNS)?;
                csv = Some(w);
            }
            Format::Json => write!(out, "[")?,
            Format::Table => writeln!(
                out,
                "{:<10} {:<12} {:<9} {:<10} {:<50} LOCATION",
                "DATE", "TYPE", "STATUS", "DOC", "PARTICIPANTS"
            )?,
            Format::Jsonl => {}
        }
        let mut w = Writer {
            out,
            format,
            csv,
            first_json: true,
            rows: 0,
        };
        w.flush_csv()?;
        Ok(w)
    }

    fn flush_csv(&mut self) -> Result<()> {
        if let Some(c) = self.csv.take() {
            let buf = c.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
            self.out.write_all(&buf)?;
            self.csv = Some(
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::new()),
            );
        }
        Ok(())
    }

    /// Writes one event.
    pub fn event(&mut self, e: &Event) -> Result<()> {
        self.rows += 1;
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, e)?;
                writeln!(self.out)?;
            }
            Format::Json => {
                if !self.first_json {
                    write!(self.out, ",")?;
                }
                self.first_json = false;
                writeln!(self.out)?;
                serde_json::to_writer(&mut self.out, e)?;
            }
            Format::Csv => {
                if let Some(c) = self.csv.as_mut() {
                    c.write_record(flat_row(e))?;
                }
                self.flush_csv()?;
            }
            Format::Table => {
                let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
                let mut who = names.join(", ");
                if who.chars().count() > 50 {
                    who = who.chars().take(47).collect::<String>() + "...";
                }
                let doc: String = e
                    .doc
                    .chars()
                    .rev()
                    .take(10)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                writeln!(
                    self.out,
                    "{:<10} {:<12} {:<9} {:<10} {:<50} {}",
                    e.date.value.as_deref().unwrap_or("?"),
                    e.kind.as_str(),
                    e.status.as_str(),
                    doc,
                    who,
                    e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("")
                )?;
            }
        }
        Ok(())
    }

    /// Flushes after a document so a reader downstream (a pipe, Spark's `RDD.pipe`) sees it.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    /// Ends the output; returns how many events were written.
    pub fn finish(mut self) -> Result<usize> {
        if self.format == Format::Json {
            writeln!(self.out, "\n]")?;
        }
        self.out.flush()?;
        Ok(self.rows)
    }
}
