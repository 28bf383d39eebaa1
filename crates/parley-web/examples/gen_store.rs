//! Benchmark fixture: writes a parley store of N synthetic merged events (default 1,000,000)
//! straight into the store's tables in one transaction: the events API reads nothing else.
//! Deterministic (a fixed-seed generator), so every run builds the same store.
//!
//!     cargo run --release -p parley-web --example gen_store -- bench/out/web-1m.db 1000000
//!
//! The events carry participants, topics and outlets (the filters of /api/events) but no
//! mentions rows, so full-text search (`text=`) finds nothing in this store.

use std::path::PathBuf;

use chrono::Datelike;
use parley_core::{
    DateBasis, EventDate, EventType, Evidence, Location, Participant, Plover, Precision, Status,
};
use parley_store::{MentionRef, MergedEvent, Store};
use rusqlite::params;

/// splitmix64: small, fast, good enough to spread synthetic values.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const TOPICS: &[&str] = &[
    "trade",
    "security",
    "energy",
    "nuclear",
    "ukraine_war",
    "bilateral_relations",
    "peace_process",
];
const OUTLETS: &[&str] = &[
    "wire one",
    "daily two",
    "gazette three",
    "herald four",
    "monitor five",
    "times six",
];

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: gen_store DB [EVENTS]"))?,
    );
    let n: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    if db.exists() {
        anyhow::bail!("{} exists; remove it first", db.display());
    }
    let started = std::time::Instant::now();
    let store = Store::open(&db)?;
    // Bulk load into a throwaway file: no journal (a crash means regenerating), a big cache;
    // the file goes back to WAL at the end, as the store expects.
    store.conn().execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;",
    )?;
    let actors: Vec<(String, String)> = (0..400)
        .map(|i| {
            (
                format!("Actor {i:03}"),
                format!(
                    "X{}{}",
                    (b'A' + (i % 26) as u8) as char,
                    (b'A' + (i / 26 % 26) as u8) as char
                ),
            )
        })
        .collect();
    let first =
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).ok_or_else(|| anyhow::anyhow!("date"))?;
    let days = 26 * 365;
    let mut rng = Rng(0x5eed);
    let conn = store.conn();
    conn.execute_batch("BEGIN")?;
    for (name, country) in &actors {
        conn.execute(
            "INSERT OR IGNORE INTO actors (name, country) VALUES (?1, ?2)",
            params![name, country],
        )?;
    }
    {
        let mut ins_event = conn.prepare(
            "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, location, location_country, num_articles, num_sources, num_conflicts, record)
             VALUES (?1, 'bench', ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10, 0, ?11)",
        )?;
        // With the event's list columns (schema v6), as the merge writes them: a row without
        // them would be completed by a trigger, one more write per row.
        let mut ins_part = conn.prepare(
            "INSERT OR IGNORE INTO participants (event_id, name, country, role, org, date_lo, date_hi, type, status, num_conflicts)
             VALUES (?1, ?2, ?3, NULL, NULL, ?4, ?5, ?6, ?7, 0)",
        )?;
        let mut ins_topic =
            conn.prepare("INSERT OR IGNORE INTO event_topics (event_id, topic) VALUES (?1, ?2)")?;
        let mut ins_outlet =
            conn.prepare("INSERT OR IGNORE INTO event_outlets (event_id, outlet) VALUES (?1, ?2)")?;
        for i in 0..n {
            // Ids in insertion order keep the WITHOUT ROWID tables' inserts sequential (random
            // ids made the load I/O bound); the API's order is by date, so this changes nothing there.
            let id = format!("ev_{i:016x}");
            let kind = EventType::ALL[rng.below(EventType::ALL.len() as u64) as usize];
            let status = if rng.below(100) < 85 {
                Status::Occurred
            } else {
                Status::Planned
            };
            // Few famous actors, many rare ones: the first 20 take part in half the events.
            let pick = |r: &mut Rng| {
                if r.below(2) == 0 {
                    r.below(20) as usize
                } else {
                    r.below(actors.len() as u64) as usize
                }
            };
            let a = pick(&mut rng);
            let mut b = pick(&mut rng);
            if b == a {
                b = (a + 1) % actors.len();
            }
            let day = first + chrono::Days::new(rng.below(days));
            let roll = rng.below(100);
            let (date, precision, lo, hi) = if roll == 0 {
                (None, Precision::Unknown, None, None)
            } else if roll < 10 {
                let m = day.format("%Y-%m").to_string();
                let lo = day.with_day(1).unwrap_or(day);
                let hi = (lo + chrono::Months::new(1)).pred_opt().unwrap_or(lo);
                (
                    Some(m),
                    Precision::Month,
                    Some(lo.to_string()),
                    Some(hi.to_string()),
                )
            } else {
                (
                    Some(day.to_string()),
                    Precision::Day,
                    Some(day.to_string()),
                    Some(day.to_string()),
                )
            };
            let topic = TOPICS[rng.below(TOPICS.len() as u64) as usize];
            let outlet = OUTLETS[rng.below(OUTLETS.len() as u64) as usize];
            let p = |k: usize| Participant {
                name: actors[k].0.clone(),
                mention: actors[k].0.clone(),
                role: None,
                country: Some(actors[k].1.clone()),
                org: None,
            };
            let ed = EventDate {
                value: date.clone(),
                precision,
                basis: DateBasis::Explicit,
            };
            let evidence = vec![Evidence {
                text: format!("{} met {} to discuss {topic}.", actors[a].0, actors[b].0),
                start: 0,
                end: 40,
            }];
            let ev = MergedEvent {
                event_id: id.clone(),
                kind,
                cameo: "040".into(),
                plover: Plover {
                    kind: "CONSULT".into(),
                    mode: None,
                },
                status,
                participants: vec![p(a), p(b)],
                initiator: None,
                date: ed.clone(),
                location: Some(Location {
                    name: "Geneva".into(),
                    country: Some("CHE".into()),
                }),
                topics: vec![topic.into()],
                attributed_to: Vec::new(),
                evidence: evidence.clone(),
                num_articles: 1,
                num_sources: 1,
                mentions: vec![MentionRef {
                    doc: "bench".into(),
                    outlet: Some(outlet.into()),
                    url: None,
                    published: None,
                    mention_id: id.clone(),
                    kind,
                    status,
                    date: ed,
                    location: None,
                    initiator: None,
                    attributed_to: Vec::new(),
                    topics: vec![topic.into()],
                    evidence,
                    // A sentence either side, as ingest stores them (schema v4).
                    context_before: Some(format!(
                        "Talks on {topic} had been expected for some weeks."
                    )),
                    context_after: Some("No joint statement was issued afterwards.".into()),
                }],
                conflicts: Vec::new(),
            };
            ins_event.execute(params![
                id,
                kind.as_str(),
                status.as_str(),
                date,
                format!("{precision:?}").to_lowercase(),
                lo,
                hi,
                "Geneva",
                1,
                1,
                serde_json::to_string(&ev)?
            ])?;
            for k in [a, b] {
                ins_part.execute(params![
                    id,
                    actors[k].0,
                    actors[k].1,
                    lo,
                    hi,
                    kind.as_str(),
                    status.as_str()
                ])?;
            }
            ins_topic.execute(params![id, topic])?;
            ins_outlet.execute(params![id, outlet])?;
            if (i + 1) % 200_000 == 0 {
                eprintln!("gen_store: {} events", i + 1);
            }
        }
    }
    conn.execute_batch("COMMIT; ANALYZE;")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    eprintln!(
        "gen_store: {n} events in {} in {:.1} s",
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
