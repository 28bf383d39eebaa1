//! A small HTTP/1.1 load generator for the web benchmark: C keep-alive connections on loopback,
//! each sending GETs from a list of paths in turn for D seconds; prints requests/s and latency
//! percentiles (and counts non-200 answers as errors).
//!
//!     cargo run --release -p parley-web --example loadgen -- 127.0.0.1:8080 32 20 /api/events?limit=50 ...

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    bytes: u64,
}

async fn worker(
    addr: String,
    paths: Vec<String>,
    offset: usize,
    until: Instant,
) -> anyhow::Result<Tally> {
    let mut t = Tally::default();
    let stream = TcpStream::connect(&addr).await?;
    stream.set_nodelay(true)?;
    let mut conn = BufReader::new(stream);
    let mut i = offset;
    while Instant::now() < until {
        let path = &paths[i % paths.len()];
        i += 1;
        let req =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n");
        let start = Instant::now();
        conn.get_mut().write_all(req.as_bytes()).await?;
        let mut line = String::new();
        conn.read_line(&mut line).await?;
        let ok = line.split_whitespace().nth(1) == Some("200");
        let mut len = 0usize;
        loop {
            line.clear();
            if conn.read_line(&mut line).await? == 0 {
                anyhow::bail!("connection closed");
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse()?;
                }
            }
        }
        let mut body = vec![0u8; len];
        conn.read_exact(&mut body).await?;
        t.latencies_us
            .push(u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX));
        t.bytes += len as u64;
        if !ok {
            t.errors += 1;
        }
    }
    Ok(t)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, conc, secs, paths @ ..] = args.as_slice() else {
        anyhow::bail!("usage: loadgen HOST:PORT CONNECTIONS SECONDS PATH...");
    };
    anyhow::ensure!(!paths.is_empty(), "give at least one path");
    let conc: usize = conc.parse()?;
    let secs: u64 = secs.parse()?;
    // Warm-up: one pass over the paths, so the page cache and SQLite statement caches are warm.
    let _ = worker(
        addr.clone(),
        paths.to_vec(),
        0,
        Instant::now() + Duration::from_millis(500),
    )
    .await;
    let started = Instant::now();
    let until = started + Duration::from_secs(secs);
    let handles: Vec<_> = (0..conc)
        .map(|k| tokio::spawn(worker(addr.clone(), paths.to_vec(), k, until)))
        .collect();
    let mut all = Tally::default();
    for h in handles {
        let t = h.await??;
        all.latencies_us.extend(t.latencies_us);
        all.errors += t.errors;
        all.bytes += t.bytes;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.latencies_us.sort_unstable();
    let n = all.latencies_us.len();
    let pct = |p: f64| -> f64 {
        if n == 0 {
            return 0.0;
        }
        let i = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
        all.latencies_us.get(i).copied().unwrap_or(0) as f64 / 1000.0
    };
    println!(
        "requests {n}  errors {}  seconds {elapsed:.1}  req/s {:.0}  p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms  MB/s {:.1}",
        all.errors,
        n as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
        all.bytes as f64 / elapsed / 1e6
    );
    Ok(())
}
