//! End-to-end merging on the hand-written corpora of `tests/merge-corpus`: text in, merged events
//! out, compared with `expected.json`. Merging must neither split one event nor join two, and
//! must not depend on ingest order, batch size or thread count.

mod common;

use std::collections::BTreeSet;

use common::*;
use parley_store::{MergedEvent, Store};

const CORPORA: &[&str] = &["same-call.jsonl", "two-calls.jsonl", "planned-visit.jsonl"];

fn expected(corpus: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(corpus_dir().join("expected.json")).expect("expected.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("expected.json is JSON");
    v.get(corpus)
        .and_then(|x| x.as_array())
        .cloned()
        .expect("corpus listed in expected.json")
}

fn docs_of(e: &MergedEvent) -> Vec<String> {
    let s: BTreeSet<String> = e.mentions.iter().map(|m| m.doc.clone()).collect();
    s.into_iter().collect()
}

fn check(corpus: &str, events: &[MergedEvent]) {
    let want = expected(corpus);
    let mut got: Vec<&MergedEvent> = events.iter().collect();
    got.sort_by(|a, b| a.date.value.cmp(&b.date.value));
    let summary: Vec<String> = got
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?}",
                e.date.value.as_deref().unwrap_or("?"),
                e.kind.as_str(),
                docs_of(e)
            )
        })
        .collect();
    assert_eq!(
        got.len(),
        want.len(),
        "{corpus}: wrong number of merged events: {summary:#?}"
    );
    for (e, w) in got.iter().zip(&want) {
        let s = |k: &str| {
            w.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let n = |k: &str| w.get(k).and_then(|x| x.as_u64()).unwrap_or_default() as usize;
        let list = |k: &str| -> Vec<String> {
            w.get(k)
                .and_then(|x| x.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            e.kind.as_str(),
            s("type"),
            "{corpus}: type of {}",
            e.event_id
        );
        assert_eq!(
            e.status.as_str(),
            s("status"),
            "{corpus}: status of {}",
            e.event_id
        );
        assert_eq!(
            e.date.value.as_deref(),
            Some(s("date").as_str()),
            "{corpus}: date of {}",
            e.event_id
        );
        let names: Vec<String> = e.participants.iter().map(|p| p.name.clone()).collect();
        assert_eq!(
            names,
            list("participants"),
            "{corpus}: participants of {}",
            e.event_id
        );
        assert_eq!(
            e.num_articles,
            n("num_articles"),
            "{corpus}: articles of {}",
            e.event_id
        );
        assert_eq!(
            e.num_sources,
            n("num_sources"),
            "{corpus}: sources of {}",
            e.event_id
        );
        assert_eq!(
            docs_of(e),
            list("docs"),
            "{corpus}: documents of {}",
            e.event_id
        );
        let conflicts: Vec<String> = e.conflicts.iter().map(|c| c.field.clone()).collect();
        assert_eq!(
            conflicts,
            list("conflicts"),
            "{corpus}: conflicts of {}",
            e.event_id
        );
    }
}

#[test]
fn each_corpus_merges_as_expected() {
    let ex = extractor();
    for corpus in CORPORA {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        ingest_docs(&db, read_corpus(&corpus_dir().join(corpus)), &ex, 2);
        check(corpus, &all_events(&db));
    }
}

#[test]
fn one_call_reported_three_times_keeps_every_report() {
    let ex = extractor();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    ingest_docs(
        &db,
        read_corpus(&corpus_dir().join("same-call.jsonl")),
        &ex,
        10,
    );
    let events = all_events(&db);
    let e = &events[0];
    assert_eq!(e.mentions.len(), 3);
    let date = &e.conflicts[0];
    assert_eq!(date.values[0].value, "2024-06-03");
    assert_eq!(date.values[0].docs.len(), 2);
    assert_eq!(date.values[1].value, "2024-06-04");
    assert_eq!(
        date.values[1].docs,
        vec!["globalwire-2024-06-05-call".to_string()]
    );
    assert!(e.mentions.iter().all(|m| !m.evidence.is_empty()));
    assert!(e.attributed_to.contains(&"Kremlin".to_string()));
}

#[test]
fn planned_then_done_is_one_occurred_event_with_its_planned_reports() {
    let ex = extractor();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    ingest_docs(
        &db,
        read_corpus(&corpus_dir().join("planned-visit.jsonl")),
        &ex,
        10,
    );
    let events = all_events(&db);
    assert_eq!(events.len(), 1);
    let planned = events[0]
        .mentions
        .iter()
        .filter(|m| m.status == parley_core::Status::Planned)
        .count();
    assert!(
        planned >= 1,
        "the announcements are kept as planned reports"
    );
    assert_eq!(events[0].status, parley_core::Status::Occurred);
    // Status disagreement planned → occurred is the normal course of events, not a conflict.
    assert!(events[0].conflicts.iter().all(|c| c.field != "status"));
}

#[test]
fn merging_does_not_depend_on_order_batches_or_threads() {
    let ex = extractor();
    let mut all = Vec::new();
    for c in CORPORA {
        all.extend(read_corpus(&corpus_dir().join(c)));
    }
    let reference = {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        ingest_docs(&db, all.clone(), &ex, 100);
        canonical(&all_events(&db))
    };
    // Together the corpora give the union of their expected events.
    let expected_total: usize = CORPORA.iter().map(|c| expected(c).len()).sum();
    assert_eq!(reference.len(), expected_total);

    let mut reversed = all.clone();
    reversed.reverse();
    let mut interleaved: Vec<_> = all.iter().step_by(2).cloned().collect();
    interleaved.extend(all.iter().skip(1).step_by(2).cloned());
    for (name, docs, batch, threads) in [
        ("reversed", reversed, 1, 1),
        ("interleaved", interleaved, 3, 2),
        ("one by one", all.clone(), 1, 2),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| ingest_docs(&db, docs, &ex, batch));
        assert_eq!(
            canonical(&all_events(&db)),
            reference,
            "{name}: merged events differ"
        );
    }
}

#[test]
fn ingest_is_idempotent_and_a_changed_document_replaces_its_reports() {
    let ex = extractor();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let docs = read_corpus(&corpus_dir().join("two-calls.jsonl"));
    let first = ingest_docs(&db, docs.clone(), &ex, 2);
    assert_eq!(first.written.new_docs, 4);
    let before = canonical(&all_events(&db));
    let counts = Store::open(&db).expect("open").counts().expect("counts");

    let again = ingest_docs(&db, docs.clone(), &ex, 2);
    assert_eq!(again.written.new_docs, 0);
    assert_eq!(again.progress.unchanged, 4);
    assert_eq!(
        Store::open(&db).expect("open").counts().expect("counts"),
        counts
    );
    assert_eq!(canonical(&all_events(&db)), before);

    // The Alpine Telegraph corrects its story: the call it reports was on March 6, not March 13.
    let mut changed: Vec<_> = docs
        .into_iter()
        .filter(|d| d.key == "alpine-2023-03-14")
        .collect();
    let line = r#"{"id": "alpine-2023-03-14", "outlet": "Alpine Telegraph", "published": "2023-03-14", "text": "French President Emmanuel Macron and German Chancellor Olaf Scholz held a phone call on March 6, Macron's office said."}"#;
    changed[0] = record(line);
    let third = ingest_docs(&db, changed, &ex, 2);
    assert_eq!(third.written.changed_docs, 1);
    let c = Store::open(&db).expect("open").counts().expect("counts");
    assert_eq!(c.documents, 4);
    assert_eq!(
        c.mentions, counts.mentions,
        "the changed document's old report is gone"
    );
    let events = all_events(&db);
    let by_date: Vec<(String, usize)> = events
        .iter()
        .map(|e| (e.date.value.clone().unwrap_or_default(), e.num_articles))
        .collect();
    assert!(
        by_date.contains(&("2023-03-06".to_string(), 3)),
        "{by_date:?}"
    );
    assert!(
        by_date.contains(&("2023-03-13".to_string(), 1)),
        "{by_date:?}"
    );
}

#[test]
fn identical_copies_from_one_outlet_count_once() {
    let ex = extractor();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let mut docs = read_corpus(&corpus_dir().join("same-call.jsonl"));
    let mut copy = docs[0].clone();
    copy.key = "bosphorus-mirror-copy".into();
    docs.push(copy);
    ingest_docs(&db, docs, &ex, 10);
    let events = all_events(&db);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].num_articles, 3);
    assert_eq!(events[0].num_sources, 3);
    assert_eq!(events[0].mentions.len(), 4, "the copy is still listed");
}
