//! `parley serve`: the web application and HTTP API over a store (see docs/web.md).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

/// Arguments of `parley serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The database (made by `parley ingest`).
    #[arg(long, env = "PARLEY_DB", default_value = "parley.db")]
    pub db: PathBuf,
    /// Address to listen on (loopback by default: put a reverse proxy in front to publish it).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Accept article uploads at /import (off by default; needs --import-token).
    #[arg(long)]
    pub allow_import: bool,
    /// The secret import requests must present (`Authorization: Bearer TOKEN`).
    #[arg(long, env = "PARLEY_IMPORT_TOKEN", hide_env_values = true)]
    pub import_token: Option<String>,
    /// Largest upload accepted, in bytes.
    #[arg(long, default_value_t = parley_web::DEFAULT_MAX_UPLOAD)]
    pub max_upload: usize,
    /// A lexicon directory laid out like data/, for imports and for telling readout sides
    /// apart (use the one the store was ingested with).
    #[arg(long, env = "PARLEY_LEXICON")]
    pub lexicon: Option<PathBuf>,
}

/// Runs the server until Ctrl-C.
pub fn run(a: ServeArgs) -> Result<ExitCode> {
    let options = parley_web::Options {
        allow_import: a.allow_import,
        import_token: a.import_token.filter(|t| !t.trim().is_empty()),
        max_upload: a.max_upload.max(1),
        lexicon: a.lexicon.clone(),
    };
    let lex = match &a.lexicon {
        Some(d) => parley_core::Lexicon::from_dir(d)?,
        None => parley_core::Lexicon::builtin()?,
    };
    parley_web::run(&a.db, a.addr, options, parley_core::Extractor::new(lex))?;
    Ok(ExitCode::SUCCESS)
}
