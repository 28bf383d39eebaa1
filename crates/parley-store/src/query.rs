//! Queries over merged events. Every value reaches SQLite as a bound parameter.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::NaiveDate;
use parley_core::{EventType, Status};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

use crate::model::MergedEvent;
use crate::Store;

/// A filter value that is not accepted, with what is.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{option} {value:?}: {problem}")]
pub struct FilterError {
    /// The option ("--since", "--type", ...).
    pub option: String,
    /// The value given.
    pub value: String,
    /// What is wrong and what is accepted.
    pub problem: String,
}

fn bad(option: &str, value: &str, problem: impl Into<String>) -> FilterError {
    FilterError {
        option: option.to_string(),
        value: value.to_string(),
        problem: problem.into(),
    }
}

/// Which events to return. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A participant (case-insensitive; part of a name matches: "Putin", "erdogan").
    pub actor: Option<String>,
    /// Another participant, besides `actor`.
    pub with: Option<String>,
    /// A participant's country (ISO 3166-1 alpha-3).
    pub country: Option<String>,
    /// Event type.
    pub kind: Option<EventType>,
    /// Status.
    pub status: Option<Status>,
    /// First day of the period (events whose date range reaches it).
    pub since: Option<NaiveDate>,
    /// Last day of the period.
    pub until: Option<NaiveDate>,
    /// Topic id.
    pub topic: Option<String>,
    /// Outlet (case-insensitive; part of the name matches).
    pub source: Option<String>,
    /// FTS5 query over the evidence sentences.
    pub text: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// Parses an event type given on the command line.
pub fn parse_type(s: &str) -> Result<EventType, FilterError> {
    EventType::parse(&s.to_ascii_lowercase()).ok_or_else(|| {
        let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        bad(
            "--type",
            s,
            format!("unknown event type; accepted: {}", all.join(", ")),
        )
    })
}

/// Parses a status given on the command line.
pub fn parse_status(s: &str) -> Result<Status, FilterError> {
    Status::parse(&s.to_ascii_lowercase()).ok_or_else(|| {
        let all: Vec<&str> = Status::ALL.iter().map(|t| t.as_str()).collect();
        bad(
            "--status",
            s,
            format!("unknown status; accepted: {}", all.join(", ")),
        )
    })
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first (`end = false`) or last day it covers.
pub fn parse_period(option: &str, s: &str, end: bool) -> Result<NaiveDate, FilterError> {
    let accepted = "accepted: YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-05-30, 2024-05, 2024)";
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Option<u32> {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let year = parts
        .first()
        .and_then(|p| num(p, 4))
        .ok_or_else(|| bad(option, s, format!("not a date; {accepted}")))?;
    let year =
        i32::try_from(year).map_err(|_| bad(option, s, format!("not a date; {accepted}")))?;
    match parts.len() {
        1 => NaiveDate::from_ymd_opt(year, if end { 12 } else { 1 }, if end { 31 } else { 1 })
            .ok_or_else(|| bad(option, s, accepted)),
        2 => {
            let m = num(parts[1], 2)
                .ok_or_else(|| bad(option, s, format!("not a date; {accepted}")))?;
            if !(1..=12).contains(&m) {
                return Err(bad(
                    option,
                    s,
                    format!("month {m} does not exist; {accepted}"),
                ));
            }
            let first =
                NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(|| bad(option, s, accepted))?;
            if end {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)
                };
                next.and_then(|n| n.pred_opt())
                    .ok_or_else(|| bad(option, s, accepted))
            } else {
                Ok(first)
            }
        }
        3 => {
            let m = num(parts[1], 2)
                .ok_or_else(|| bad(option, s, format!("not a date; {accepted}")))?;
            let d = num(parts[2], 2)
                .ok_or_else(|| bad(option, s, format!("not a date; {accepted}")))?;
            if !(1..=12).contains(&m) {
                return Err(bad(
                    option,
                    s,
                    format!("month {m} does not exist; {accepted}"),
                ));
            }
            NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| {
                bad(
                    option,
                    s,
                    format!("day {d} does not exist in {year}-{m:02}; {accepted}"),
                )
            })
        }
        _ => Err(bad(option, s, format!("not a date; {accepted}"))),
    }
}

/// Checks a country code: three ASCII letters (ISO 3166-1 alpha-3), returned in upper case.
pub fn parse_country(s: &str) -> Result<String, FilterError> {
    let t = s.trim();
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(t.to_ascii_uppercase())
    } else {
        Err(bad(
            "--country",
            s,
            "accepted: an ISO 3166-1 alpha-3 code such as RUS, USA, TUR, ARM",
        ))
    }
}

impl Store {
    /// Names of the actors matching a query: exact (case-insensitive) matches if any, else every
    /// name containing the query (case-insensitive). Empty when nothing matches.
    pub fn resolve_actor(&self, q: &str) -> anyhow::Result<Vec<String>> {
        let q = q.trim();
        let mut st = self.conn().prepare_cached(
            "SELECT name FROM actors WHERE name = ?1 COLLATE NOCASE ORDER BY name",
        )?;
        let exact: Vec<String> = st.query_map([q], |r| r.get(0))?.collect::<Result<_, _>>()?;
        if !exact.is_empty() {
            return Ok(exact);
        }
        let mut st = self.conn().prepare_cached(
            "SELECT name FROM actors WHERE instr(lower(name), lower(?1)) > 0 ORDER BY name",
        )?;
        let partial: Vec<String> = st.query_map([q], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(partial)
    }

    /// The merged events matching a filter, by date (undated last), then id.
    pub fn events(&self, f: &Filter) -> anyhow::Result<Vec<MergedEvent>> {
        let mut out = Vec::new();
        for rec in self.event_records(f)? {
            out.push(serde_json::from_str(&rec)?);
        }
        Ok(out)
    }

    /// The stored JSON records of the merged events matching a filter, in the order of
    /// [`Store::events`]: what `parley events --format jsonl` prints, without parsing and
    /// printing again thousands of records (a large part of an actor query's time).
    pub fn event_records(&self, f: &Filter) -> anyhow::Result<Vec<String>> {
        let found = self.records(f)?;
        let mut out = Vec::with_capacity(found.spans.len());
        for rec in found.iter() {
            out.push(
                String::from_utf8(rec.to_vec()).context("a stored event record is not UTF-8")?,
            );
        }
        Ok(out)
    }

    /// Writes the stored JSON records of the merged events matching a filter to `out`, one per
    /// line, in the order of [`Store::events`] (what `parley events --format jsonl` prints).
    /// Returns how many were written. Unlike [`Store::event_records`] it makes no string per
    /// record: the records are copied once, from the database pages into one buffer.
    pub fn write_event_records(
        &self,
        f: &Filter,
        out: &mut dyn std::io::Write,
    ) -> anyhow::Result<usize> {
        let found = self.records(f)?;
        for rec in found.iter() {
            out.write_all(rec)?;
            out.write_all(b"\n")?;
        }
        Ok(found.spans.len())
    }

    /// The records matching a filter, in list order, in one buffer.
    fn records(&self, f: &Filter) -> anyhow::Result<Records> {
        // Row ids first, records after: the filters and the order need only the narrow columns
        // (covered by `events_narrow` / `events_list`, which carry the row id), so the sort
        // handles short keys instead of kilobyte records (which it spilled to a temporary file),
        // and each record is then read once by row id, without a lookup in the `event_id` index.
        // An actor's events are found by id; without the hint the planner takes the `event_id`
        // UNIQUE index and reads each event's table row for `date_lo` (the sort key), while the
        // narrow index by id carries it (and the row id): measured 5–10 ms less per actor query.
        let hint = if f.actor.is_some() || f.with.is_some() {
            " INDEXED BY events_narrow"
        } else {
            ""
        };
        let mut sql = format!("SELECT e.id FROM events e{hint} WHERE 1 = 1");
        let mut params: Vec<Value> = Vec::new();
        let placeholders = |params: &mut Vec<Value>, vals: Vec<String>| -> String {
            let mut ph = Vec::new();
            for v in vals {
                params.push(Value::Text(v));
                ph.push(format!("?{}", params.len()));
            }
            ph.join(", ")
        };
        let mut actor_names = Vec::new();
        if let Some(q) = &f.actor {
            actor_names = self.resolve_actor(q)?;
            if actor_names.is_empty() {
                anyhow::bail!("--actor {q:?}: no such actor in the store (`parley actors` lists who is there)");
            }
            let ph = placeholders(&mut params, actor_names.clone());
            // IN over the (name, event_id) index: only the actor's events are visited, instead
            // of a correlated lookup for every event in the store.
            sql.push_str(&format!(
                " AND e.event_id IN (SELECT p.event_id FROM participants p WHERE p.name IN ({ph}))"
            ));
        }
        if let Some(q) = &f.with {
            let all = self.resolve_actor(q)?;
            if all.is_empty() {
                anyhow::bail!(
                    "--with {q:?}: no such actor in the store (`parley actors` lists who is there)"
                );
            }
            // The other party must be someone else than the actor.
            let names: Vec<String> = all
                .into_iter()
                .filter(|n| !actor_names.contains(n))
                .collect();
            if names.is_empty() {
                anyhow::bail!("--with {q:?}: names the same actor as --actor");
            }
            let ph = placeholders(&mut params, names);
            sql.push_str(&format!(
                " AND e.event_id IN (SELECT p.event_id FROM participants p WHERE p.name IN ({ph}))"
            ));
        }
        if let Some(c) = &f.country {
            params.push(Value::Text(c.clone()));
            sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.country = ?{})", params.len()));
        }
        if let Some(t) = f.kind {
            params.push(Value::Text(t.as_str().into()));
            sql.push_str(&format!(" AND e.type = ?{}", params.len()));
        }
        if let Some(s) = f.status {
            params.push(Value::Text(s.as_str().into()));
            sql.push_str(&format!(" AND e.status = ?{}", params.len()));
        }
        if let Some(d) = f.since {
            params.push(Value::Text(d.to_string()));
            sql.push_str(&format!(" AND e.date_hi >= ?{}", params.len()));
        }
        if let Some(d) = f.until {
            params.push(Value::Text(d.to_string()));
            sql.push_str(&format!(" AND e.date_lo <= ?{}", params.len()));
        }
        if let Some(t) = &f.topic {
            params.push(Value::Text(t.clone()));
            sql.push_str(&format!(
                " AND e.event_id IN (SELECT t.event_id FROM event_topics t WHERE t.topic = ?{})",
                params.len()
            ));
        }
        if let Some(s) = &f.source {
            params.push(Value::Text(s.to_lowercase()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_outlets o WHERE o.event_id = e.event_id AND instr(o.outlet, ?{}) > 0)",
                params.len()
            ));
        }
        if let Some(t) = &f.text {
            // Check the full-text query on its own first, so a syntax error gets a clear message.
            let probe = self
                .conn()
                .prepare_cached("SELECT 1 FROM mentions_fts WHERE mentions_fts MATCH ?1 LIMIT 1")
                .and_then(|mut st| st.exists([t]));
            if let Err(e) = probe {
                return Err(text_error(e, t));
            }
            params.push(Value::Text(t.clone()));
            sql.push_str(&format!(
                " AND e.event_id IN (SELECT me.event_id FROM mentions_fts JOIN mention_events me ON me.mention_id = mentions_fts.rowid WHERE mentions_fts MATCH ?{})",
                params.len()
            ));
        }
        sql.push_str(" ORDER BY e.date_lo IS NULL, e.date_lo, e.event_id");
        if let Some(n) = f.limit {
            params.push(Value::Integer(i64::try_from(n).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" LIMIT ?{}", params.len()));
        }
        // One read transaction: one snapshot for the ids and the records (a running ingest may
        // re-merge in between otherwise), and one lock instead of a lock and a WAL check (`fcntl`,
        // `fstat`) for each of thousands of lookups.
        let tx = self.conn().unchecked_transaction()?;
        let mut st = tx.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            r.get::<_, i64>(0)
        });
        let ids = rows?.collect::<Result<Vec<i64>, _>>()?;
        // Read the records in row order (the order of the file, roughly) and put them back in
        // the list order: the pages of an actor's events are visited once each and forwards,
        // which the kernel's read-around of the memory map serves with fewer page faults.
        let mut by_row: Vec<(i64, usize)> = ids.iter().enumerate().map(|(i, &r)| (r, i)).collect();
        by_row.sort_unstable();
        let mut get = tx.prepare_cached("SELECT record FROM events WHERE id = ?1")?;
        // Each record is copied once, from its page into `buf` (no string per record, no UTF-8
        // check: the bytes go out as SQLite holds them).
        let mut buf: Vec<u8> = Vec::with_capacity(ids.len().saturating_mul(1536));
        let mut spans: Vec<Option<(usize, usize)>> = vec![None; ids.len()];
        for (row, pos) in by_row {
            let mut rows = get.query([row])?;
            if let Some(r) = rows.next()? {
                let start = buf.len();
                buf.extend_from_slice(r.get_ref(0)?.as_bytes()?);
                if let Some(slot) = spans.get_mut(pos) {
                    *slot = Some((start, buf.len()));
                }
            }
        }
        drop(get);
        drop(st);
        tx.commit()?;
        Ok(Records {
            buf,
            spans: spans.into_iter().flatten().collect(),
        })
    }

    /// One merged event by id (a unique prefix of at least 6 characters is enough).
    pub fn event(&self, id: &str) -> anyhow::Result<Option<MergedEvent>> {
        let exact: Option<String> = self
            .conn()
            .prepare_cached("SELECT record FROM events WHERE event_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(r) = exact {
            return Ok(Some(serde_json::from_str(&r)?));
        }
        if id.len() < 6 {
            return Ok(None);
        }
        let mut st = self.conn().prepare_cached("SELECT record FROM events WHERE substr(event_id, 1, length(?1)) = ?1 ORDER BY event_id LIMIT 2")?;
        let recs: Vec<String> = st
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match recs.len() {
            0 => Ok(None),
            1 => Ok(Some(serde_json::from_str(&recs[0])?)),
            _ => anyhow::bail!("{id:?} is the start of more than one event id; give more of it"),
        }
    }

    /// How often each pair of actors interacted, per period (`"year"`, `"quarter"`, `"month"` or
    /// `"all"`), most frequent first within each period. Only dated events for a period other than `"all"`.
    pub fn actor_pairs(&self, period: Period, f: &Filter) -> anyhow::Result<Vec<PairCount>> {
        let events = self.events(&Filter {
            limit: None,
            ..f.clone()
        })?;
        let mut m: BTreeMap<(String, String, String), (usize, usize)> = BTreeMap::new();
        for e in &events {
            let key = match period.of(e.date.value.as_deref()) {
                Some(k) => k,
                None => continue,
            };
            let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
            for (i, a) in names.iter().enumerate() {
                for b in names.iter().skip(i + 1) {
                    let (a, b) = if a <= b { (a, b) } else { (b, a) };
                    let c = m
                        .entry((key.clone(), (*a).to_string(), (*b).to_string()))
                        .or_default();
                    c.0 += 1;
                    c.1 += e.num_articles;
                }
            }
        }
        let mut out: Vec<PairCount> = m
            .into_iter()
            .map(|((period, a, b), (events, articles))| PairCount {
                period,
                a,
                b,
                events,
                articles,
            })
            .collect();
        out.sort_by(|x, y| {
            x.period
                .cmp(&y.period)
                .then(y.events.cmp(&x.events))
                .then(x.a.cmp(&y.a))
                .then(x.b.cmp(&y.b))
        });
        Ok(out)
    }
}

fn text_error(e: rusqlite::Error, text: &str) -> anyhow::Error {
    anyhow::anyhow!("--text {text:?}: not a valid full-text query ({e}); accepted: words (all must occur), \"exact phrases\", OR, NOT, prefix*")
}

/// Records read by [`Store::records`]: one buffer, and each record's byte range in list order.
struct Records {
    buf: Vec<u8>,
    spans: Vec<(usize, usize)>,
}

impl Records {
    /// The records in list order.
    fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.spans.iter().filter_map(|&(a, b)| self.buf.get(a..b))
    }
}

/// Period granularity of [`Store::actor_pairs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// "2024".
    Year,
    /// "2024-Q2".
    Quarter,
    /// "2024-05".
    Month,
    /// One period, "all", undated events included.
    All,
}

impl Period {
    /// The period a date value ("YYYY", "YYYY-MM", "YYYY-MM-DD") falls in; `None` when the date
    /// is too vague for the period.
    pub fn of(self, date: Option<&str>) -> Option<String> {
        if self == Period::All {
            return Some("all".into());
        }
        let d = date?;
        let year = d.get(0..4)?;
        match self {
            Period::Year => Some(year.to_string()),
            Period::Month => d.get(0..7).map(str::to_string),
            Period::Quarter => {
                let m: u32 = d.get(5..7)?.parse().ok()?;
                Some(format!("{year}-Q{}", m.div_ceil(3)))
            }
            Period::All => Some("all".into()),
        }
    }
}

/// How often two actors interacted in one period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PairCount {
    /// Period label.
    pub period: String,
    /// One actor (the alphabetically first).
    pub a: String,
    /// The other actor.
    pub b: String,
    /// Merged events with both.
    pub events: usize,
    /// Articles reporting them.
    pub articles: usize,
}
