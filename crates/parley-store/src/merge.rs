//! Merging reports from different documents into real-world events.
//!
//! Reports (extracted events, one per document and interaction) are first grouped into *blocks*:
//! the same participant set and a compatible type class (visit, meeting, negotiation and mediation
//! are one in-person class; calls and correspondence are each their own). Inside a block, reports
//! are clustered by date:
//!
//! 1. Day-precision reports: the date most reports give (ties: the earliest) seeds an event, which
//!    takes every report within ±[`DAY_WINDOW`] days of it (one per document: the nearest), and,
//!    for in-person events, only reports whose place is in the same country as most of them (or
//!    have no place). Repeat on what is left. Outlets that disagree by a day join; two calls a
//!    week apart stay two events.
//! 2. Reports dated only to a month or year join the day event inside that month or year (the
//!    latest one on or before the report's publication for things that happened, the earliest
//!    one on or after it for planned ones); reports without a date join an event within a week
//!    before publication (occurred) or within [`PLANNED_HORIZON_DAYS`] after it (planned).
//!    What joins nothing forms events of its own, one per month/year value.
//!
//! Everything is a function of the set of reports, sorted by document id: the result and the
//! event ids do not depend on ingest order or thread count.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use parley_core::{
    DateBasis, Event, EventDate, EventType, Location, Participant, Precision, Status,
};
use sha2::{Digest, Sha256};

use parley_core::names::fold_name;

use crate::model::{Conflict, ConflictValue, MentionRef, MergedEvent};

/// How many days apart two day-precision reports of one event may be.
pub const DAY_WINDOW: i64 = 1;

/// How far after publication an undated planned event may take place and still join.
pub const PLANNED_HORIZON_DAYS: i64 = 90;

/// How far before publication an undated event that happened may have taken place and still join.
pub const OCCURRED_LOOKBACK_DAYS: i64 = 7;

/// One report: an extracted event with the metadata of its document.
#[derive(Debug, Clone)]
pub struct Report {
    /// Document id.
    pub doc: String,
    /// Position of the event among its document's events.
    pub ordinal: i64,
    /// Outlet of the document, when known.
    pub outlet: Option<String>,
    /// URL of the document, when known.
    pub url: Option<String>,
    /// Publication date of the document, when known.
    pub published: Option<NaiveDate>,
    /// Content hash of the document (identical copies from one outlet count once).
    pub content_hash: String,
    /// The extraction record.
    pub event: Event,
    /// The sentences around the report's evidence in its document (empty when unknown).
    pub context: crate::EvidenceContext,
}

/// The type class of an event type: reports merge only within one class.
pub fn type_class(t: EventType) -> &'static str {
    match t {
        EventType::Call => "call",
        EventType::Correspondence => "correspondence",
        EventType::Meeting | EventType::Visit | EventType::Negotiation | EventType::Mediation => {
            "inperson"
        }
    }
}

/// The block of an extracted event: type class and the sorted participant names, folded
/// ([`fold_name`]: lower case, no Latin diacritics), so that reports writing a name differently
/// ("Serdar Kılıç", "Serdar Kilic") land in one block. Only reports in the same block can
/// describe the same real-world event.
pub fn block_key(e: &Event) -> String {
    let names: BTreeSet<String> = e.participants.iter().map(|p| fold_name(&p.name)).collect();
    let mut key = String::from(type_class(e.kind));
    key.push(':');
    key.push_str(&names.into_iter().collect::<Vec<_>>().join("|"));
    key
}

/// The spelling a block shows for each folded participant name: the one most reports of the
/// block use (ties: the one with more non-ASCII letters, i.e. the diacritics kept, then the
/// smallest). A function of the set of reports, so it does not depend on ingest order.
fn spellings(reports: &[Report]) -> HashMap<String, String> {
    let mut counts: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
    for r in reports {
        // Once per report, even if it names the person twice.
        let names: BTreeSet<&str> = r
            .event
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        for n in names {
            *counts
                .entry(fold_name(n))
                .or_default()
                .entry(n)
                .or_default() += 1;
        }
    }
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    counts
        .into_iter()
        .filter_map(|(folded, by_spelling)| {
            let best = by_spelling.into_iter().max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(non_ascii(a.0).cmp(&non_ascii(b.0)))
                    .then(b.0.cmp(a.0))
            })?;
            Some((folded, best.0.to_string()))
        })
        .collect()
}

/// The key merged event ids are made from: the block's type class and its participants in the
/// spelling the block shows. Before names were folded (schema v4) this was the block key itself;
/// for the blocks that hold one spelling of each name (nearly all) it still is, so their event
/// ids did not change with the fold.
fn id_key(block: &str, names: &HashMap<String, String>) -> String {
    let class = block.split_once(':').map_or(block, |(c, _)| c);
    let shown: BTreeSet<&str> = names.values().map(String::as_str).collect();
    let mut key = String::from(class);
    key.push(':');
    key.push_str(&shown.into_iter().collect::<Vec<_>>().join("|"));
    key
}

/// The first and last day a date may stand for; `None` when unknown or unparseable.
pub fn date_range(d: &EventDate) -> Option<(NaiveDate, NaiveDate)> {
    let v = d.value.as_deref()?;
    match d.precision {
        Precision::Day => {
            let x = parse_ymd(v)?;
            Some((x, x))
        }
        Precision::Month => {
            let (y, m) = v.split_once('-')?;
            let y: i32 = y.parse().ok()?;
            let m: u32 = m.parse().ok()?;
            let lo = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((lo, next - Duration::days(1)))
        }
        Precision::Year => {
            let y: i32 = v.parse().ok()?;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        Precision::Unknown => None,
    }
}

/// Parses a `YYYY-MM-DD` date as `NaiveDate::parse_from_str(s, "%Y-%m-%d")` does. The merge
/// parses every stored date of every report it reads, and chrono's format-driven parser was
/// 5% of the merge's instructions; dates written by parley are always ten ASCII bytes, read
/// here directly, and anything else goes to chrono, so the result is the same for every input.
pub(crate) fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let mut n = 0u32;
        for &c in b.get(r)? {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(n)
    };
    if b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            // Four digits always fit an i32; an impossible day is `None`, as for chrono.
            return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A merged event id from its block and the seed the reports agree on.
fn event_id(block: &str, seed: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut h = Sha256::new();
    h.update(block.as_bytes());
    h.update([0x1f]);
    h.update(seed.as_bytes());
    let digest = h.finalize();
    let mut s = String::with_capacity(19);
    s.push_str("ev_");
    for b in digest.iter().take(8) {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

fn is_inperson(block: &str) -> bool {
    block.starts_with("inperson:")
}

fn day_of(r: &Report) -> Option<NaiveDate> {
    if r.event.date.precision == Precision::Day {
        date_range(&r.event.date).map(|(d, _)| d)
    } else {
        None
    }
}

fn loc_country(r: &Report) -> Option<&str> {
    r.event.location.as_ref().and_then(|l| l.country.as_deref())
}

/// A cluster under construction.
struct Cluster {
    seed: String,
    day: Option<NaiveDate>,
    country: Option<String>,
    members: Vec<usize>,
}

/// Clusters the reports of one block into merged events. Returns each event with the indices
/// (into `reports`) of the reports under it; identical copies of a document from the same outlet
/// are returned as members too but counted once.
pub fn merge_block(block: &str, reports: &[Report]) -> Vec<(MergedEvent, Vec<usize>)> {
    // Stable order: by document id, then position in the document.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| {
        reports[a]
            .doc
            .cmp(&reports[b].doc)
            .then(reports[a].ordinal.cmp(&reports[b].ordinal))
    });

    // Identical copies (same content, same outlet): only the copy with the smallest id is merged;
    // the others follow it into whatever event it joins.
    let mut canonical: HashMap<(&str, String), &str> = HashMap::new();
    let mut copies: Vec<(usize, usize)> = Vec::new(); // (copy, original)
    let mut primary = Vec::new();
    for &i in &order {
        let r = &reports[i];
        let k = (
            r.content_hash.as_str(),
            r.outlet.as_deref().unwrap_or("").to_lowercase(),
        );
        let first = *canonical.entry(k).or_insert(r.doc.as_str());
        if first == r.doc {
            primary.push(i);
        } else if let Some(&orig) = order
            .iter()
            .find(|&&j| reports[j].doc == first && reports[j].ordinal == r.ordinal)
        {
            copies.push((i, orig));
        } else {
            primary.push(i);
        }
    }

    let inperson = is_inperson(block);
    let mut clusters: Vec<Cluster> = Vec::new();

    // 1. Day-precision reports.
    let mut remaining: Vec<usize> = primary
        .iter()
        .copied()
        .filter(|&i| day_of(&reports[i]).is_some())
        .collect();
    while !remaining.is_empty() {
        let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for &i in &remaining {
            if let Some(d) = day_of(&reports[i]) {
                *counts.entry(d).or_default() += 1;
            }
        }
        let Some((&mode, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
            break;
        };
        // Candidates within the window, one per document (the nearest to the seed).
        let mut per_doc: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &remaining {
            let Some(d) = day_of(&reports[i]) else {
                continue;
            };
            let dist = (d - mode).num_days().abs();
            if dist > DAY_WINDOW {
                continue;
            }
            let doc = reports[i].doc.as_str();
            match per_doc.get(doc) {
                Some(&j) => {
                    let dj = day_of(&reports[j])
                        .map(|x| (x - mode).num_days().abs())
                        .unwrap_or(i64::MAX);
                    let better =
                        dist < dj || (dist == dj && day_of(&reports[i]) < day_of(&reports[j]));
                    if better {
                        per_doc.insert(doc, i);
                    }
                }
                None => {
                    per_doc.insert(doc, i);
                }
            }
        }
        let mut members: Vec<usize> = per_doc.into_values().collect();
        let mut country = None;
        if inperson {
            let mut cc: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in &members {
                if let Some(c) = loc_country(&reports[i]) {
                    *cc.entry(c).or_default() += 1;
                }
            }
            if let Some((&c, _)) = cc.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                country = Some(c.to_string());
                members.retain(|&i| loc_country(&reports[i]).is_none_or(|x| x == c));
            }
        }
        if members.is_empty() {
            // Cannot happen (the seed's reports are candidates), but never loop forever.
            break;
        }
        remaining.retain(|i| !members.contains(i));
        let seed = format!("day:{mode}:{}", country.as_deref().unwrap_or(""));
        clusters.push(Cluster {
            seed,
            day: Some(mode),
            country,
            members,
        });
    }

    // 2. Reports without a day: join a day event they fit, else group by their vague date.
    let mut vague: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &primary {
        let r = &reports[i];
        if day_of(r).is_some() {
            continue;
        }
        let planned = matches!(r.event.status, Status::Planned);
        let interval = match date_range(&r.event.date) {
            Some(x) => Some(x),
            None => r.published.map(|p| {
                if planned {
                    (p, p + Duration::days(PLANNED_HORIZON_DAYS))
                } else {
                    (p - Duration::days(OCCURRED_LOOKBACK_DAYS), p)
                }
            }),
        };
        let mut best: Option<(usize, (i64, i64, NaiveDate))> = None;
        if let Some((lo, hi)) = interval {
            for (ci, c) in clusters.iter().enumerate() {
                let Some(d) = c.day else { continue };
                if d < lo || d > hi {
                    continue;
                }
                if inperson {
                    if let (Some(a), Some(b)) = (loc_country(r), c.country.as_deref()) {
                        if a != b {
                            continue;
                        }
                    }
                }
                // Rank: right side of publication first, then nearest to it, then most reports.
                let rank = match r.published {
                    Some(p) => {
                        let wrong_side = if planned { d < p } else { d > p };
                        (i64::from(wrong_side), (d - p).num_days().abs(), d)
                    }
                    None => (0, -(c.members.len() as i64), d),
                };
                if best.as_ref().is_none_or(|(_, b)| rank < *b) {
                    best = Some((ci, rank));
                }
            }
        }
        match best {
            Some((ci, _)) => clusters[ci].members.push(i),
            None => {
                let key = match (&r.event.date.value, r.event.date.precision) {
                    (Some(v), Precision::Month) => format!("month:{v}"),
                    (Some(v), Precision::Year) => format!("year:{v}"),
                    _ => match r.published {
                        Some(p) => format!(
                            "undated:{}:{:04}-{:02}",
                            r.event.status.as_str(),
                            p.year(),
                            p.month()
                        ),
                        None => format!("undated:doc:{}:{}", r.doc, r.ordinal),
                    },
                };
                vague.entry(key).or_default().push(i);
            }
        }
    }
    for (seed, members) in vague {
        clusters.push(Cluster {
            seed,
            day: None,
            country: None,
            members,
        });
    }

    // Copies follow their originals.
    for (copy, orig) in copies {
        if let Some(c) = clusters.iter_mut().find(|c| c.members.contains(&orig)) {
            c.members.push(copy);
        }
    }

    let names = spellings(reports);
    let key = id_key(block, &names);
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for c in clusters {
        let mut id = event_id(&key, &c.seed);
        let n = seen_ids.entry(id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            id = event_id(&key, &format!("{}#{}", c.seed, n));
        }
        let mut members = c.members;
        members.sort_by(|&a, &b| {
            reports[a]
                .doc
                .cmp(&reports[b].doc)
                .then(reports[a].ordinal.cmp(&reports[b].ordinal))
        });
        let ev = summarize(id, c.day, &members, reports, &names);
        out.push((ev, members));
    }
    out.sort_by(|a, b| a.0.event_id.cmp(&b.0.event_id));
    out
}

/// Counts values, most frequent first (ties: by value), with the documents giving each.
fn tally<'a>(items: impl Iterator<Item = (String, &'a str)>) -> Vec<ConflictValue> {
    let mut m: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (v, doc) in items {
        m.entry(v).or_default().insert(doc);
    }
    let mut v: Vec<ConflictValue> = m
        .into_iter()
        .map(|(value, docs)| ConflictValue {
            value,
            docs: docs.into_iter().map(str::to_string).collect(),
        })
        .collect();
    v.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.value.cmp(&b.value)));
    v
}

fn conflict(field: &str, values: Vec<ConflictValue>) -> Option<Conflict> {
    (values.len() > 1).then(|| Conflict {
        field: field.to_string(),
        values,
    })
}

/// Builds the merged record of one cluster.
fn summarize(
    event_id: String,
    day: Option<NaiveDate>,
    members: &[usize],
    reports: &[Report],
    names: &HashMap<String, String>,
) -> MergedEvent {
    // Identical copies count once; they still appear as mentions.
    let mut distinct_docs: BTreeSet<(&str, String)> = BTreeSet::new();
    let mut articles: BTreeSet<&str> = BTreeSet::new();
    let mut sources: BTreeSet<String> = BTreeSet::new();
    for &i in members {
        let r = &reports[i];
        let outlet = r.outlet.as_deref().unwrap_or("").to_lowercase();
        if distinct_docs.insert((r.content_hash.as_str(), outlet.clone())) {
            articles.insert(r.doc.as_str());
        }
        sources.insert(if outlet.is_empty() {
            format!("\u{0}doc:{}", r.content_hash)
        } else {
            outlet
        });
    }
    let counted: Vec<&Report> = members
        .iter()
        .map(|&i| &reports[i])
        .filter(|r| articles.contains(r.doc.as_str()))
        .collect();

    // Type: the most reported; ties in the order of EventType::ALL. One exception: a report
    // of a visit (a host named in a receiving role) beats reports of a meeting between the
    // same people, which tell the talks held during the visit without naming the welcome.
    let only_visit_and_meeting = counted
        .iter()
        .all(|r| matches!(r.event.kind, EventType::Visit | EventType::Meeting));
    let some_visit = counted.iter().any(|r| r.event.kind == EventType::Visit);
    let types = tally(
        counted
            .iter()
            .map(|r| (r.event.kind.as_str().to_string(), r.doc.as_str())),
    );
    let kind = types
        .iter()
        .max_by(|a, b| {
            a.docs.len().cmp(&b.docs.len()).then_with(|| {
                let pa = EventType::ALL.iter().position(|t| t.as_str() == a.value);
                let pb = EventType::ALL.iter().position(|t| t.as_str() == b.value);
                pb.cmp(&pa)
            })
        })
        .and_then(|c| EventType::parse(&c.value))
        .unwrap_or(EventType::Meeting);
    let kind = if only_visit_and_meeting && some_visit {
        EventType::Visit
    } else {
        kind
    };

    // Status: a later report that it happened turns planned into occurred; among non-planned
    // statuses the majority wins, ties to the most recently published.
    let statuses = tally(
        counted
            .iter()
            .map(|r| (r.event.status.as_str().to_string(), r.doc.as_str())),
    );
    let mut settled: BTreeMap<&str, (usize, Option<NaiveDate>)> = BTreeMap::new();
    for r in &counted {
        if r.event.status != Status::Planned {
            let e = settled.entry(r.event.status.as_str()).or_insert((0, None));
            e.0 += 1;
            e.1 = e.1.max(r.published);
        }
    }
    let status = settled
        .iter()
        .max_by(|a, b| {
            a.1 .0
                .cmp(&b.1 .0)
                .then(a.1 .1.cmp(&b.1 .1))
                .then(b.0.cmp(a.0))
        })
        .and_then(|(s, _)| Status::parse(s))
        .unwrap_or(if counted.is_empty() {
            Status::Occurred
        } else {
            Status::Planned
        });

    // The representative report: right type and status, a day date equal to the event's, earliest published.
    let rep = counted
        .iter()
        .min_by_key(|r| {
            (
                r.event.kind != kind,
                r.event.status != status,
                day_of(r) != day || day.is_none(),
                r.published.is_none(),
                r.published,
                r.doc.as_str(),
                r.ordinal,
            )
        })
        .copied()
        .or_else(|| members.first().map(|&i| &reports[i]));

    let date = match day {
        Some(d) => EventDate {
            value: Some(d.to_string()),
            precision: Precision::Day,
            basis: rep
                .filter(|r| day_of(r) == Some(d))
                .map(|r| r.event.date.basis)
                .unwrap_or(DateBasis::Explicit),
        },
        None => {
            // The most precise value most reports give.
            let rank = |p: Precision| match p {
                Precision::Day => 0,
                Precision::Month => 1,
                Precision::Year => 2,
                Precision::Unknown => 3,
            };
            let mut best: Option<&EventDate> = None;
            let mut counts: HashMap<(Option<&str>, u8), usize> = HashMap::new();
            for r in &counted {
                *counts
                    .entry((r.event.date.value.as_deref(), rank(r.event.date.precision)))
                    .or_default() += 1;
            }
            for r in &counted {
                let d = &r.event.date;
                let key = |x: &EventDate| {
                    (
                        rank(x.precision),
                        std::cmp::Reverse(
                            counts
                                .get(&(x.value.as_deref(), rank(x.precision)))
                                .copied()
                                .unwrap_or(0),
                        ),
                        x.value.clone(),
                    )
                };
                if best.is_none_or(|b| key(d) < key(b)) {
                    best = Some(d);
                }
            }
            best.cloned().unwrap_or_else(EventDate::unknown)
        }
    };

    let dates = tally(
        counted
            .iter()
            .filter(|r| r.event.date.precision == Precision::Day)
            .filter_map(|r| r.event.date.value.clone().map(|v| (v, r.doc.as_str()))),
    );
    let locations = tally(counted.iter().filter_map(|r| {
        r.event
            .location
            .as_ref()
            .map(|l| (l.name.clone(), r.doc.as_str()))
    }));
    let location: Option<Location> = locations.first().and_then(|top| {
        counted
            .iter()
            .filter_map(|r| r.event.location.as_ref())
            .find(|l| l.name == top.value)
            .cloned()
    });
    let initiators = tally(
        counted
            .iter()
            .filter_map(|r| r.event.initiator.clone().map(|v| (v, r.doc.as_str()))),
    );
    let initiator = initiators.first().map(|c| c.value.clone());

    let mut conflicts = Vec::new();
    conflicts.extend(conflict("date", dates));
    conflicts.extend(conflict("location", locations));
    conflicts.extend(conflict("type", types));
    if settled.len() > 1 {
        conflicts.extend(conflict("status", statuses));
    }
    conflicts.extend(conflict("initiator", initiators));

    // Participants: union by folded name, in the spelling the block shows, keeping the most
    // complete description.
    let mut participants: BTreeMap<String, Participant> = BTreeMap::new();
    for r in &counted {
        for p in &r.event.participants {
            let shown = names
                .get(&fold_name(&p.name))
                .cloned()
                .unwrap_or_else(|| p.name.clone());
            let e = participants.entry(shown.clone()).or_insert_with(|| {
                let mut q = p.clone();
                q.name = shown;
                q
            });
            if e.role.is_none() {
                e.role.clone_from(&p.role);
            }
            if e.country.is_none() {
                e.country.clone_from(&p.country);
            }
            if e.org.is_none() {
                e.org.clone_from(&p.org);
            }
        }
    }
    let topics: BTreeSet<String> = counted
        .iter()
        .flat_map(|r| r.event.topics.iter().cloned())
        .collect();
    let mut attributed_to: Vec<String> = Vec::new();
    let mut by_pub: Vec<&Report> = members.iter().map(|&i| &reports[i]).collect();
    by_pub.sort_by(|a, b| {
        a.published
            .cmp(&b.published)
            .then(a.doc.cmp(&b.doc))
            .then(a.ordinal.cmp(&b.ordinal))
    });
    for r in &by_pub {
        for a in &r.event.attributed_to {
            if !attributed_to.contains(a) {
                attributed_to.push(a.clone());
            }
        }
    }
    let mentions = by_pub
        .iter()
        .map(|r| MentionRef {
            doc: r.doc.clone(),
            outlet: r.outlet.clone(),
            url: r.url.clone(),
            published: r.published.map(|d| d.to_string()),
            mention_id: r.event.event_id.clone(),
            kind: r.event.kind,
            status: r.event.status,
            date: r.event.date.clone(),
            location: r.event.location.clone(),
            initiator: r.event.initiator.clone(),
            attributed_to: r.event.attributed_to.clone(),
            topics: r.event.topics.clone(),
            evidence: r.event.evidence.clone(),
            context_before: r.context.before.clone(),
            context_after: r.context.after.clone(),
        })
        .collect();

    let (cameo, plover, evidence) = match rep {
        Some(r) if r.event.kind == kind => (
            r.event.cameo.clone(),
            r.event.plover.clone(),
            r.event.evidence.clone(),
        ),
        other => {
            let same = counted
                .iter()
                .find(|r| r.event.kind == kind)
                .copied()
                .or(other);
            match same {
                Some(r) => (
                    r.event.cameo.clone(),
                    r.event.plover.clone(),
                    r.event.evidence.clone(),
                ),
                None => (
                    String::new(),
                    parley_core::Plover {
                        kind: "CONSULT".into(),
                        mode: None,
                    },
                    Vec::new(),
                ),
            }
        }
    };

    MergedEvent {
        event_id,
        kind,
        cameo,
        plover,
        status,
        participants: participants.into_values().collect(),
        initiator,
        date,
        location,
        topics: topics.into_iter().collect(),
        attributed_to,
        evidence,
        num_articles: articles.len(),
        num_sources: sources.len(),
        mentions,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_core::{Plover, Precision};

    #[test]
    fn parse_ymd_agrees_with_chrono() {
        for s in [
            "2024-05-06",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-5-6",
            "2024-05-6",
            "+2024-05-06",
            "12024-05-06",
            "2024/05/06",
            "2024-05-0a",
            " 2024-05-06",
            "2024-05-06 ",
            "",
            "2024-05",
            "２０２４-05-06",
        ] {
            assert_eq!(
                parse_ymd(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s:?}"
            );
        }
    }

    fn person(name: &str, country: &str) -> Participant {
        Participant {
            name: name.into(),
            mention: name.into(),
            role: Some("head_of_state".into()),
            country: Some(country.into()),
            org: None,
        }
    }

    fn report(
        doc: &str,
        kind: EventType,
        status: Status,
        date: &str,
        place: Option<(&str, &str)>,
        published: &str,
    ) -> Report {
        let precision = match date.len() {
            10 => Precision::Day,
            7 => Precision::Month,
            4 => Precision::Year,
            _ => Precision::Unknown,
        };
        Report {
            doc: doc.into(),
            ordinal: 0,
            outlet: Some(format!("outlet of {doc}")),
            url: None,
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            content_hash: format!("hash of {doc}"),
            event: Event {
                doc: doc.into(),
                event_id: format!("m-{doc}"),
                kind,
                cameo: "041".into(),
                plover: Plover {
                    kind: "CONSULT".into(),
                    mode: None,
                },
                status,
                participants: vec![person("A One", "AAA"), person("B Two", "BBB")],
                initiator: None,
                date: EventDate {
                    value: (!date.is_empty()).then(|| date.to_string()),
                    precision,
                    basis: DateBasis::Explicit,
                },
                location: place.map(|(n, c)| Location {
                    name: n.into(),
                    country: Some(c.into()),
                }),
                topics: vec![],
                attributed_to: vec![],
                evidence: vec![],
            },
            context: crate::EvidenceContext::default(),
        }
    }

    fn call(doc: &str, date: &str, published: &str) -> Report {
        report(
            doc,
            EventType::Call,
            Status::Occurred,
            date,
            None,
            published,
        )
    }

    fn dates(out: &[(MergedEvent, Vec<usize>)]) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = out
            .iter()
            .map(|(e, m)| (e.date.value.clone().unwrap_or_default(), m.len()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn calls_a_week_apart_stay_two_events() {
        let r = vec![
            call("a", "2024-05-06", "2024-05-06"),
            call("b", "2024-05-13", "2024-05-13"),
            call("c", "2024-05-07", "2024-05-07"),
        ];
        let out = merge_block(&block_key(&r[0].event), &r);
        assert_eq!(
            dates(&out),
            vec![("2024-05-06".into(), 2), ("2024-05-13".into(), 1)]
        );
    }

    #[test]
    fn outlets_a_day_either_side_of_the_majority_join_it() {
        let r = vec![
            call("a", "2024-05-29", "2024-05-30"),
            call("b", "2024-05-30", "2024-05-30"),
            call("c", "2024-05-30", "2024-05-31"),
            call("d", "2024-05-31", "2024-05-31"),
        ];
        let out = merge_block("call:A One|B Two", &r);
        assert_eq!(dates(&out), vec![("2024-05-30".into(), 4)]);
        let c = &out[0].0.conflicts;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].values.len(), 3);
    }

    #[test]
    fn two_days_apart_is_two_events() {
        let r = vec![
            call("a", "2024-05-01", "2024-05-01"),
            call("b", "2024-05-03", "2024-05-03"),
        ];
        assert_eq!(merge_block("call:A One|B Two", &r).len(), 2);
    }

    #[test]
    fn a_month_report_joins_the_day_event_it_can_mean() {
        let r = vec![
            call("a", "2024-05-06", "2024-05-06"),
            call("b", "2024-05-20", "2024-05-20"),
            call("c", "2024-05", "2024-05-22"),
            call("d", "2024-06", "2024-06-02"),
        ];
        let out = merge_block("call:A One|B Two", &r);
        // c joins the latest call before its publication; d has no June call and stands alone.
        assert_eq!(
            dates(&out),
            vec![
                ("2024-05-06".into(), 1),
                ("2024-05-20".into(), 2),
                ("2024-06".into(), 1)
            ]
        );
    }

    #[test]
    fn a_planned_undated_visit_joins_the_visit_that_followed() {
        let r = vec![
            report(
                "a",
                EventType::Visit,
                Status::Planned,
                "",
                None,
                "2024-02-01",
            ),
            report(
                "b",
                EventType::Visit,
                Status::Occurred,
                "2024-02-13",
                Some(("Abu Dhabi", "ARE")),
                "2024-02-13",
            ),
            report(
                "c",
                EventType::Meeting,
                Status::Occurred,
                "2024-02-13",
                Some(("Abu Dhabi", "ARE")),
                "2024-02-14",
            ),
        ];
        let out = merge_block("inperson:A One|B Two", &r);
        assert_eq!(out.len(), 1);
        let e = &out[0].0;
        assert_eq!(e.status, Status::Occurred);
        assert_eq!(e.kind, EventType::Visit);
        assert_eq!(e.num_articles, 3);
        assert_eq!(
            e.conflicts
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>(),
            vec!["type"]
        );
    }

    #[test]
    fn meetings_in_different_countries_on_one_day_are_not_joined() {
        let r = vec![
            report(
                "a",
                EventType::Meeting,
                Status::Occurred,
                "2024-03-01",
                Some(("Paris", "FRA")),
                "2024-03-01",
            ),
            report(
                "b",
                EventType::Meeting,
                Status::Occurred,
                "2024-03-01",
                Some(("Paris", "FRA")),
                "2024-03-01",
            ),
            report(
                "c",
                EventType::Meeting,
                Status::Occurred,
                "2024-03-01",
                Some(("Tokyo", "JPN")),
                "2024-03-02",
            ),
            report(
                "d",
                EventType::Meeting,
                Status::Occurred,
                "2024-03-01",
                None,
                "2024-03-02",
            ),
        ];
        let out = merge_block("inperson:A One|B Two", &r);
        assert_eq!(
            dates(&out),
            vec![("2024-03-01".into(), 1), ("2024-03-01".into(), 3)]
        );
        assert_ne!(out[0].0.event_id, out[1].0.event_id);
    }

    #[test]
    fn same_city_disagreement_is_a_location_conflict() {
        let r = vec![
            report(
                "a",
                EventType::Meeting,
                Status::Occurred,
                "2024-03-01",
                Some(("Sochi", "RUS")),
                "2024-03-01",
            ),
            report(
                "b",
                EventType::Meeting,
                Status::Occurred,
                "2024-03-01",
                Some(("Moscow", "RUS")),
                "2024-03-01",
            ),
        ];
        let out = merge_block("inperson:A One|B Two", &r);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].0.conflicts[0].field, "location");
    }

    #[test]
    fn occurred_against_cancelled_is_a_status_conflict() {
        let r = vec![
            report(
                "a",
                EventType::Visit,
                Status::Occurred,
                "2024-03-01",
                None,
                "2024-03-01",
            ),
            report(
                "b",
                EventType::Visit,
                Status::Cancelled,
                "2024-03-01",
                None,
                "2024-02-25",
            ),
            report(
                "c",
                EventType::Visit,
                Status::Occurred,
                "2024-03-01",
                None,
                "2024-03-02",
            ),
        ];
        let out = merge_block("inperson:A One|B Two", &r);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].0.status, Status::Occurred);
        assert!(out[0].0.conflicts.iter().any(|c| c.field == "status"));
    }

    fn named(mut r: Report, a: &str) -> Report {
        if let Some(p) = r.event.participants.first_mut() {
            p.name = a.into();
            p.mention = a.into();
        }
        r
    }

    #[test]
    fn names_written_with_and_without_diacritics_share_a_block_and_an_event() {
        let r = vec![
            named(call("a", "2024-05-30", "2024-05-30"), "Serdar Kılıç"),
            named(call("b", "2024-05-30", "2024-05-31"), "Serdar Kilic"),
            named(call("c", "2024-05-31", "2024-05-31"), "Serdar Kılıç"),
        ];
        let key = block_key(&r[0].event);
        assert_eq!(key, block_key(&r[1].event));
        assert_eq!(key, "call:b two|serdar kilic");
        let out = merge_block(&key, &r);
        assert_eq!(out.len(), 1);
        let names: Vec<&str> = out[0]
            .0
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        // The spelling most reports give, once.
        assert_eq!(names, vec!["B Two", "Serdar Kılıç"]);
        assert_eq!(out[0].0.num_articles, 3);
    }

    #[test]
    fn a_block_with_one_spelling_keeps_the_event_id_of_schema_v4() {
        // v4 made ids from the unfolded key: the fold must not move them.
        let r = vec![call("a", "2024-05-06", "2024-05-06")];
        let out = merge_block(&block_key(&r[0].event), &r);
        assert_eq!(
            out[0].0.event_id,
            event_id("call:A One|B Two", "day:2024-05-06:")
        );
    }

    #[test]
    fn result_and_ids_do_not_depend_on_input_order() {
        let base = vec![
            call("a", "2024-05-06", "2024-05-06"),
            call("b", "2024-05-07", "2024-05-07"),
            call("c", "2024-05-13", "2024-05-13"),
            call("d", "2024-05", "2024-05-30"),
            call("e", "", "2024-05-14"),
            call("f", "2024-05-12", "2024-05-12"),
        ];
        let canon = |rs: &[Report]| -> Vec<(String, Vec<String>)> {
            let mut v: Vec<(String, Vec<String>)> = merge_block("call:A One|B Two", rs)
                .into_iter()
                .map(|(e, m)| {
                    let mut docs: Vec<String> = m.iter().map(|&i| rs[i].doc.clone()).collect();
                    docs.sort();
                    (e.event_id, docs)
                })
                .collect();
            v.sort();
            v
        };
        let want = canon(&base);
        let mut r = base.clone();
        for k in 0..r.len() {
            r.rotate_left(1);
            if k % 2 == 0 {
                r.reverse();
            }
            assert_eq!(canon(&r), want);
        }
    }
}
