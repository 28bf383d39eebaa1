//! parley-web: the web application and HTTP API of `parley serve`.
//!
//! Pages (server-rendered HTML with SVG charts drawn here, a little embedded script, every asset
//! compiled into the binary): the home page, timeline, network, event page, search and, when
//! enabled, import. The JSON API under `/api/` serves everything the pages show and is described
//! by the OpenAPI document at `/api/openapi.json` (see `docs/web.md`).
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! let app = parley_web::App::open(std::path::Path::new("parley.db"), parley_web::Options::default())?;
//! let router = app.router();
//! # drop(router); Ok(()) }
//! ```

pub mod api;
pub mod db;
pub mod error;
pub mod html;
pub mod import;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod svg;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use parley_core::Extractor;

pub use error::ApiError;

/// Default limit on an import request body: a large article batch, but small enough that a
/// few concurrent uploads cannot exhaust memory.
pub const DEFAULT_MAX_UPLOAD: usize = 8 * 1024 * 1024;

/// Limit on any other request body (the API reads none; this bounds what a client can make the
/// server buffer).
const MAX_BODY: usize = 16 * 1024;

/// How the application is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// Accept uploads at `/import` and `/api/import`.
    pub allow_import: bool,
    /// The secret an import request must present (`Authorization: Bearer ...` or
    /// `X-Parley-Token`). Import stays off without one.
    pub import_token: Option<String>,
    /// Largest import body, in bytes.
    pub max_upload: usize,
    /// The lexicon directory the extractor was loaded from (`None`: the built-in lexicon). It
    /// makes the extractor version imported documents are stored with, as `parley ingest`
    /// stores it ([`parley_store::extractor_version`]).
    pub lexicon: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            allow_import: false,
            import_token: None,
            max_upload: DEFAULT_MAX_UPLOAD,
            lexicon: None,
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct App {
    /// The store.
    pub db: Arc<db::Db>,
    /// The extractor (for import) and its lexicon (for validating topics and countries, and
    /// telling which side a readout speaks for).
    pub extractor: Arc<Extractor>,
    /// Setup.
    pub options: Arc<Options>,
    /// The version tag of `extractor` ([`parley_store::extractor_version`] of
    /// [`Options::lexicon`]), stored with every imported document.
    pub extractor_version: Arc<str>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("db", &self.db.path())
            .field("options", &"..")
            .finish()
    }
}

impl App {
    /// Opens the store at `db` with the built-in lexicon.
    pub fn open(db: &Path, options: Options) -> anyhow::Result<App> {
        App::with_extractor(db, options, Extractor::builtin()?)
    }

    /// Opens the store at `db` with a given extractor.
    pub fn with_extractor(
        db: &Path,
        options: Options,
        extractor: Extractor,
    ) -> anyhow::Result<App> {
        if options.allow_import
            && options
                .import_token
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
        {
            anyhow::bail!("--allow-import needs a token: give --import-token TOKEN or set PARLEY_IMPORT_TOKEN (import requests must present it)");
        }
        let extractor_version = parley_store::extractor_version(options.lexicon.as_deref())?;
        Ok(App {
            db: Arc::new(db::Db::open(db)?),
            extractor: Arc::new(extractor),
            options: Arc::new(options),
            extractor_version: extractor_version.into(),
        })
    }

    /// Whether uploads are accepted.
    pub fn import_enabled(&self) -> bool {
        self.options.allow_import && self.options.import_token.is_some()
    }

    /// Every route of the application.
    pub fn router(&self) -> Router {
        let import_routes = Router::new()
            .route("/api/import", post(import::api_import))
            .layer(DefaultBodyLimit::max(self.options.max_upload));
        Router::new()
            .route("/", get(pages::home))
            .route("/timeline", get(pages::timeline))
            .route("/network", get(pages::network))
            .route("/search", get(pages::search))
            .route("/events/{event_id}", get(pages::event))
            .route("/import", get(import::page))
            .route("/static/app.css", get(css))
            .route("/static/app.js", get(js))
            .route("/api/events", get(api::events))
            .route("/api/events/{event_id}", get(api::event))
            .route("/api/search", get(api::search))
            .route("/api/actors", get(api::actors))
            .route("/api/pairs", get(api::pairs))
            .route("/api/stats", get(api::stats))
            .route("/api/timeline", get(api::timeline))
            .route("/api/openapi.json", get(openapi::handler))
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .merge(import_routes)
            .fallback(not_found)
            .with_state(self.clone())
    }
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("../assets/app.css"))
}

async fn js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    )
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn not_found(uri: Uri) -> Response {
    let msg = format!("no such page: {}", uri.path());
    if uri.path().starts_with("/api/") {
        ApiError::not_found(format!("{msg}; the API is described at /api/openapi.json"))
            .into_response()
    } else {
        error::PageError(ApiError::not_found(msg)).into_response()
    }
}

/// Serves `app` on an already bound listener until Ctrl-C (or SIGTERM).
pub async fn serve(listener: tokio::net::TcpListener, app: App) -> anyhow::Result<()> {
    let router = app.router().layer(axum::middleware::map_response(
        |mut r: Response| async move {
            r.headers_mut()
                .entry(header::X_CONTENT_TYPE_OPTIONS)
                .or_insert(HeaderValue::from_static("nosniff"));
            r
        },
    ));
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Opens the store, binds `addr` and serves until interrupted (what `parley serve` runs).
pub fn run(
    db: &Path,
    addr: SocketAddr,
    options: Options,
    extractor: Extractor,
) -> anyhow::Result<()> {
    let import = options.allow_import;
    let app = App::with_extractor(db, options, extractor)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr()?;
        eprintln!(
            "parley: serving {} on http://{local}/ (import {}); Ctrl-C stops",
            db.display(),
            if import { "on" } else { "off" }
        );
        serve(listener, app).await
    })
}
