//! `parley eval`: scores extraction against gold annotations.
//!
//! Gold format: one line per document, `{"id", "published", "events": [{"type", "participants",
//! "date", "location", "status", ...}]}`; index format: `{"id", "file", "published"}` with `file`
//! relative to the index's folder. An extracted event matches a gold event when the type is the
//! same and the participant sets are equal (canonical names); each gold event matches at most one
//! extracted event. Date and location are then scored on the matched pairs, and status errors
//! (planned counted as occurred and the reverse) are listed.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use parley_core::{Event, Extractor};
use serde::{Deserialize, Serialize};

use crate::input;

#[derive(Debug, Deserialize)]
struct GoldDoc {
    id: String,
    #[serde(default)]
    events: Vec<GoldEvent>,
}

#[derive(Debug, Deserialize, Clone)]
struct GoldEvent {
    #[serde(rename = "type")]
    kind: String,
    participants: Vec<String>,
    date: Option<String>,
    location: Option<String>,
    status: Option<String>,
}

#[derive(Debug, Deserialize)]
struct IndexEntry {
    id: String,
    file: String,
    published: Option<String>,
}

/// Totals of an evaluation run.
#[derive(Debug, Default, Serialize)]
pub struct Scores {
    /// Gold events.
    pub gold: usize,
    /// Extracted events.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
    /// Matched pairs with the same date value.
    pub date_correct: usize,
    /// Matched pairs with the same location.
    pub location_correct: usize,
    /// Matched pairs whose status differs.
    pub status_errors: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Share of matched pairs with the right date.
    pub date_accuracy: f64,
    /// Share of matched pairs with the right location.
    pub location_accuracy: f64,
    /// Gold events found with their date right, over all gold events.
    pub dated_recall: f64,
}

/// What must agree for a found event to match a gold one: the type and the set of people.
/// Names compare without case, so that an annotator's "al-Sabah" and the lexicon's "Al-Sabah"
/// are the same person, and through the lexicon's aliases, so that an annotator's spelling
/// ("Abdourahamane Tiani") meets the canonical one ("Abdourahamane Tchiani"). Hyphens count
/// as spaces: "Kim Yong-nam" is "Kim Yong Nam".
fn key(lex: &parley_core::Lexicon, kind: &str, names: &[String]) -> (String, BTreeSet<String>) {
    (
        kind.to_string(),
        names
            .iter()
            .map(|n| {
                parley_core::names::fold_name(lex.canonical_name(n).unwrap_or(n)).replace('-', " ")
            })
            .collect(),
    )
}

/// Runs the evaluation and prints the report; returns the totals.
pub fn run(
    extractor: &Extractor,
    gold_path: &Path,
    index_path: &Path,
    verbose: bool,
) -> Result<Scores> {
    let gold_text = std::fs::read_to_string(gold_path)
        .with_context(|| format!("{}: cannot read gold file", gold_path.display()))?;
    let mut gold: HashMap<String, GoldDoc> = HashMap::new();
    for (i, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldDoc = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a gold record", gold_path.display(), i + 1))?;
        gold.insert(g.id.clone(), g);
    }
    let index_text = std::fs::read_to_string(index_path)
        .with_context(|| format!("{}: cannot read index file", index_path.display()))?;
    let base = index_path.parent().unwrap_or(Path::new("."));
    let mut s = Scores::default();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    let mut date_errors = Vec::new();
    let mut status_errors = Vec::new();
    println!(
        "{:<8} {:>5} {:>5} {:>5} {:>6}",
        "doc", "gold", "found", "match", "dated"
    );
    for (i, line) in index_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let entry: IndexEntry = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not an index record", index_path.display(), i + 1))?;
        let published = match entry.published.as_deref() {
            None | Some("") => None,
            Some(p) => Some(parley_time::parse_iso_date(p).with_context(|| {
                format!(
                    "{}:{}: bad published date {p:?}",
                    index_path.display(),
                    i + 1
                )
            })?),
        };
        let path = base.join(&entry.file);
        let mut raw = input::read_file(&path, published)?;
        raw.id = entry.id.clone();
        let doc = input::prepare(&raw)?;
        let events: Vec<Event> = extractor.extract(&doc);
        let gold_events = gold
            .get(&entry.id)
            .map(|g| g.events.clone())
            .unwrap_or_default();
        let mut used = vec![false; events.len()];
        let (mut m, mut dated) = (0, 0);
        for g in &gold_events {
            let gk = key(extractor.lexicon(), &g.kind, &g.participants);
            let found = events.iter().enumerate().find(|(j, e)| {
                !used[*j]
                    && key(
                        extractor.lexicon(),
                        e.kind.as_str(),
                        &e.participants
                            .iter()
                            .map(|p| p.name.clone())
                            .collect::<Vec<_>>(),
                    ) == gk
            });
            match found {
                Some((j, e)) => {
                    used[j] = true;
                    m += 1;
                    if e.date.value == g.date {
                        dated += 1;
                        s.date_correct += 1;
                    } else {
                        date_errors.push(format!(
                            "{}: {} {:?}: gold {:?}, found {:?} ({:?})",
                            entry.id, g.kind, g.participants, g.date, e.date.value, e.date.basis
                        ));
                    }
                    if e.location.as_ref().map(|l| l.name.clone()) == g.location {
                        s.location_correct += 1;
                    }
                    if g.status
                        .as_deref()
                        .is_some_and(|st| st != e.status.as_str())
                    {
                        s.status_errors += 1;
                        status_errors.push(format!(
                            "{}: {} {:?}: gold {:?}, found {}",
                            entry.id,
                            g.kind,
                            g.participants,
                            g.status,
                            e.status.as_str()
                        ));
                    }
                }
                None => misses.push(format!(
                    "{}: {} {:?} {:?}",
                    entry.id, g.kind, g.participants, g.date
                )),
            }
        }
        for (j, e) in events.iter().enumerate() {
            if !used[j] {
                let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
                false_alarms.push(format!(
                    "{}: {} {:?} {:?} ({})  \"{}\"",
                    entry.id,
                    e.kind.as_str(),
                    names,
                    e.date.value,
                    e.status.as_str(),
                    e.evidence
                        .first()
                        .map(|x| x.text.chars().take(100).collect::<String>())
                        .unwrap_or_default()
                ));
            }
        }
        if verbose {
            for e in &events {
                eprintln!("  {}", serde_json::to_string(e)?);
            }
        }
        println!(
            "{:<8} {:>5} {:>5} {:>5} {:>6}",
            entry.id,
            gold_events.len(),
            events.len(),
            m,
            dated
        );
        s.gold += gold_events.len();
        s.predicted += events.len();
        s.matched += m;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    s.precision = ratio(s.matched, s.predicted);
    s.recall = ratio(s.matched, s.gold);
    s.f1 = if s.precision + s.recall == 0.0 {
        0.0
    } else {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    };
    s.date_accuracy = ratio(s.date_correct, s.matched);
    s.location_accuracy = ratio(s.location_correct, s.matched);
    s.dated_recall = ratio(s.date_correct, s.gold);
    println!();
    println!(
        "events: gold {}  found {}  matched {}",
        s.gold, s.predicted, s.matched
    );
    println!(
        "precision {:.3}  recall {:.3}  F1 {:.3}",
        s.precision, s.recall, s.f1
    );
    println!(
        "date accuracy {:.3} (on matched)  dated recall {:.3} (gold found with the right date)",
        s.date_accuracy, s.dated_recall
    );
    println!(
        "location accuracy {:.3}  status errors {}",
        s.location_accuracy, s.status_errors
    );
    for (title, list) in [
        ("misses", &misses),
        ("false alarms", &false_alarms),
        ("date errors", &date_errors),
        ("status errors", &status_errors),
    ] {
        if !list.is_empty() {
            println!("\n{title}:");
            for l in list {
                println!("  {l}");
            }
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn names_match_across_case_diacritics_and_hyphens() {
        let ex = parley_core::Extractor::builtin().expect("the built-in lexicon loads");
        let a = key(
            ex.lexicon(),
            "meeting",
            &["Kim Yong-nam".to_string(), "Serdar Kılıç".to_string()],
        );
        let b = key(
            ex.lexicon(),
            "meeting",
            &["kim yong nam".to_string(), "Serdar Kilic".to_string()],
        );
        assert_eq!(a, b);
        let c = key(ex.lexicon(), "meeting", &["Kim Yong Chol".to_string()]);
        assert_ne!(a.1, c.1);
    }
}
