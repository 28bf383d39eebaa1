//! Test fixtures: a store built from the project's test corpus (tests/corpus, extracted with the
//! built-in lexicon) plus two hand-made hostile reports of one event, whose every text field
//! carries markup, and which disagree on the place (a conflict).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parley_core::{Document, Event, Extractor};
use parley_store::{content_hash, DocRecord, EvidenceContext, Store};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Participant names of the hostile event.
pub const EVIL_ACTOR: &str = "Zed <script>alert('actor')</script> Kay";
/// The other participant.
pub const EVIL_OTHER: &str = "Ann <img src=x onerror=alert('other')> Lee";
/// The sentence before the hostile evidence in `evil-1` (`evil-2` has no stored context).
pub const EVIL_BEFORE: &str = "Earlier <script>alert('before')</script> that day.";
/// The sentence after it.
pub const EVIL_AFTER: &str = "Then <img src=x onerror=alert('after')> they left.";
/// Its evidence sentence.
pub const EVIL_EVIDENCE: &str = "Zed Kay met Ann Lee <script>alert('evidence')</script> and <img src=x onerror=alert('evidence2')> in Sochi.";

fn hostile_event(doc: &str, place: &str) -> anyhow::Result<Event> {
    let v = serde_json::json!({
        "doc": doc,
        "event_id": format!("{doc}-1"),
        "type": "meeting",
        "cameo": "044",
        "plover": {"type": "CONSULT", "mode": "meeting"},
        "status": "occurred",
        "participants": [
            {"name": EVIL_ACTOR, "mention": "Zed Kay", "role": "<b>role</b>", "country": "XXA", "org": null},
            {"name": EVIL_OTHER, "mention": "Ann Lee", "role": null, "country": "XXB", "org": null}
        ],
        "initiator": EVIL_ACTOR,
        "date": {"value": "2030-01-15", "precision": "day", "basis": "explicit"},
        "location": {"name": place, "country": null},
        "topics": ["trade"],
        "attributed_to": ["<script>alert('attribution')</script>"],
        "evidence": [{"text": EVIL_EVIDENCE, "start": 10, "end": 10 + EVIL_EVIDENCE.len()}]
    });
    Ok(serde_json::from_value(v)?)
}

fn record(
    key: &str,
    outlet: &str,
    title: &str,
    published: &str,
    events: Vec<Event>,
    text: &str,
) -> DocRecord {
    DocRecord {
        key: key.to_string(),
        content_hash: content_hash(&[text.as_bytes(), published.as_bytes()]),
        extractor: "test".into(),
        url: Some(format!("javascript:alert('{key}')")),
        outlet: Some(outlet.to_string()),
        title: Some(title.to_string()),
        published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        bytes: text.len() as u64,
        events,
        contexts: Vec::new(),
    }
}

/// Builds the store at `db`; returns the number of corpus documents read.
pub fn build_store(db: &Path) -> anyhow::Result<usize> {
    let ex = Extractor::builtin()?;
    let corpus = repo().join("tests/corpus");
    let index = std::fs::read_to_string(corpus.join("index.jsonl"))?;
    let mut docs = Vec::new();
    for line in index.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let file = v["file"].as_str().unwrap_or_default();
        let raw = std::fs::read_to_string(corpus.join(file))?;
        let published = v["published"]
            .as_str()
            .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let mut doc = Document::new(id.clone(), parley_clean::clean_plain_text(&raw), published);
        doc.detect_published(&raw);
        let events = ex.extract(&doc);
        let mut r = record(
            &id,
            v["outlet"].as_str().unwrap_or("unknown"),
            &id,
            v["published"].as_str().unwrap_or(""),
            events,
            &raw,
        );
        r.url = None;
        r.contexts = parley_store::contexts(&doc.text, &r.events);
        docs.push(r);
    }
    let n = docs.len();
    let mut evil = record(
        "evil-1",
        "<b>Evil</b> Wire",
        "<script>alert('title')</script>",
        "2030-01-16",
        vec![hostile_event("evil-1", "Sochi")?],
        "a",
    );
    evil.contexts = vec![EvidenceContext {
        before: Some(EVIL_BEFORE.into()),
        after: Some(EVIL_AFTER.into()),
    }];
    docs.push(evil);
    docs.push(record(
        "evil-2",
        "Other <i>Outlet</i>",
        "Second <img src=x onerror=alert('title2')>",
        "2030-01-17",
        vec![hostile_event(
            "evil-2",
            "<img src=x onerror=alert('place')>",
        )?],
        "b",
    ));
    let mut store = Store::open(db)?;
    store.write_batch(&docs)?;
    store.merge_pending()?;
    Ok(n)
}
