//! Extraction throughput (criterion): `Extractor::extract` on generated diplomatic articles, on
//! filler-only news and on the mixed corpus, in bytes of article text per second; the cost of the
//! first pipeline stages on their own; and the time to load the built-in lexicon.
//!
//! ```text
//! CARGO_TARGET_DIR=target-bench cargo bench -p parley-core --bench extract
//! ```
//!
//! The articles come from `bench/gen_corpus.py` (python3, standard library only), run once per
//! kind with a fixed seed, 1 MB of text each. To bench other text, point
//! `PARLEY_BENCH_DIPLOMATIC`, `PARLEY_BENCH_FILLER` and `PARLEY_BENCH_MIXED` at JSONL files
//! (`{"id","text","published"}` per line); `PARLEY_BENCH_MB` changes the generated size.
//! Criterion prints throughput in MiB/s (2^20 bytes); BENCHMARKS.md uses MB/s (10^6 bytes).

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use parley_core::{segment, Document, Extractor, Lexicon};

/// Loads a JSONL corpus of one kind: from the environment variable, else from the generator.
fn corpus(kind: &str, env: &str) -> Vec<Document> {
    let jsonl = match std::env::var_os(env) {
        Some(p) => std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("{}: {e}", PathBuf::from(p).display())),
        None => {
            let script =
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/gen_corpus.py");
            let mb = std::env::var("PARLEY_BENCH_MB").unwrap_or_else(|_| "1".into());
            let out = Command::new("python3")
                .arg(&script)
                .args([
                    "--kind",
                    kind,
                    "--size-mb",
                    &mb,
                    "--seed",
                    "7",
                    "--out",
                    "-",
                ])
                .output()
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot run python3 {}: {e} (or set {env})",
                        script.display()
                    )
                });
            assert!(
                out.status.success(),
                "{} failed: {}",
                script.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).expect("the generator writes UTF-8")
        }
    };
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("one JSON document per line");
            let published = v["published"]
                .as_str()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            Document::new(
                v["id"].as_str().unwrap_or("doc"),
                v["text"].as_str().unwrap_or(""),
                published,
            )
        })
        .collect()
}

fn bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

fn bench_extract(c: &mut Criterion) {
    let ex = Extractor::builtin().expect("the built-in lexicon loads");
    let sets = [
        (
            "diplomatic",
            corpus("diplomatic", "PARLEY_BENCH_DIPLOMATIC"),
        ),
        ("filler", corpus("filler", "PARLEY_BENCH_FILLER")),
        ("mixed", corpus("mixed", "PARLEY_BENCH_MIXED")),
    ];
    for (name, docs) in &sets {
        let events: usize = docs.iter().map(|d| ex.extract(d).len()).sum();
        eprintln!(
            "bench corpus {name}: {} documents, {} bytes, {events} events",
            docs.len(),
            bytes(docs)
        );
    }

    let mut g = c.benchmark_group("extract");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(12))
        .warm_up_time(Duration::from_secs(2));
    for (name, docs) in &sets {
        g.throughput(Throughput::Bytes(bytes(docs)));
        g.bench_function(*name, |b| {
            b.iter(|| {
                let mut n = 0usize;
                for d in docs {
                    n += ex.extract(black_box(d)).len();
                }
                n
            })
        });
    }
    g.finish();

    // The stages before frames, on the mixed corpus: where a linear pass ends and rules begin.
    let docs = &sets[2].1;
    let lex = ex.lexicon();
    let mut g = c.benchmark_group("stages_mixed");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(bytes(docs)));
    g.bench_function("segment", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| segment::sentences(black_box(&d.text)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("segment+mentions", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in docs {
                let text = d.text.as_str();
                let mut groups = 0usize;
                for (i, s) in segment::sentences(text).iter().enumerate() {
                    n += parley_core::mentions::sentence_mentions(
                        lex,
                        text,
                        i,
                        s.start,
                        s.end,
                        &mut groups,
                    )
                    .len();
                }
            }
            n
        })
    });
    g.bench_function("time_expressions_whole_text", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| parley_time::find_time_expressions(black_box(&d.text)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench_lexicon(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("builtin_load", |b| {
        b.iter_batched(
            || (),
            |()| Lexicon::builtin().expect("loads"),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench_extract, bench_lexicon);
criterion_main!(benches);
