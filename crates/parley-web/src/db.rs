//! Database access: a small pool of store connections, and the queries the pages need beyond
//! the store's own API (keyset pagination, timeline buckets, pairs, mediators, stats). Every
//! value reaches SQLite as a bound parameter; the WHERE clause mirrors `Store::events`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use parley_store::{Filter, MergedEvent, Store};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::ApiError;
use crate::params::Cursor;

/// Connections kept open between requests; more are opened under load and closed after.
const KEEP_IDLE: usize = 16;

/// A pool of open stores over one database file.
#[derive(Debug)]
pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Db {
    /// Opens the database (it must exist and be a parley database; pending merge work is done).
    pub fn open(path: &Path) -> anyhow::Result<Db> {
        let first = Store::open_existing(path)?;
        Ok(Db {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn take(&self) -> Result<Store, ApiError> {
        let got = self
            .idle
            .lock()
            .map_err(|_| ApiError::internal("connection pool poisoned"))?
            .pop();
        match got {
            Some(s) => Ok(s),
            None => Store::open(&self.path).map_err(ApiError::internal),
        }
    }

    fn give_back(&self, s: Store) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < KEEP_IDLE {
                idle.push(s);
            }
        }
    }

    /// Runs `f` with a connection on the blocking thread pool (SQLite calls block).
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut s = db.take()?;
            let r = f(&mut s);
            db.give_back(s);
            r
        })
        .await
        .map_err(ApiError::internal)?
    }
}

/// A WHERE clause over `events e` and its parameters (numbered `?1`...).
#[derive(Debug, Default)]
pub struct Where {
    /// SQL, starting with "1 = 1".
    pub sql: String,
    /// Bound values.
    pub params: Vec<Value>,
}

impl Where {
    fn push(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    fn push_all(&mut self, vals: &[String]) -> String {
        let ph: Vec<String> = vals
            .iter()
            .map(|v| self.push(Value::Text(v.clone())))
            .collect();
        ph.join(", ")
    }
}

/// Builds the WHERE clause of a filter, as `Store::events` does; unknown actors and bad
/// full-text queries are 400s.
pub fn where_of(store: &Store, f: &Filter) -> Result<Where, ApiError> {
    let mut w = Where {
        sql: "1 = 1".into(),
        params: Vec::new(),
    };
    let mut actor_names = Vec::new();
    if let Some(q) = &f.actor {
        actor_names = store.resolve_actor(q)?;
        if actor_names.is_empty() {
            return Err(ApiError::bad(
                "actor",
                format!("actor={q:?}: no such actor in the store"),
                "a name or part of a name listed by /api/actors",
            ));
        }
        let ph = w.push_all(&actor_names);
        // An IN list over the name index: the planner can start from the actor's events
        // instead of probing participants for every event in date order.
        w.sql.push_str(&format!(
            " AND e.event_id IN (SELECT p.event_id FROM participants p WHERE p.name IN ({ph}))"
        ));
    }
    if let Some(q) = &f.with {
        let names: Vec<String> = store
            .resolve_actor(q)?
            .into_iter()
            .filter(|n| !actor_names.contains(n))
            .collect();
        if names.is_empty() {
            return Err(ApiError::bad(
                "with",
                format!("with={q:?}: no such actor in the store besides `actor`"),
                "a name or part of a name listed by /api/actors",
            ));
        }
        let ph = w.push_all(&names);
        w.sql.push_str(&format!(
            " AND e.event_id IN (SELECT p.event_id FROM participants p WHERE p.name IN ({ph}))"
        ));
    }
    if let Some(c) = &f.country {
        let ph = w.push(Value::Text(c.clone()));
        w.sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.country = {ph})"));
    }
    if let Some(t) = f.kind {
        let ph = w.push(Value::Text(t.as_str().into()));
        w.sql.push_str(&format!(" AND e.type = {ph}"));
    }
    if let Some(s) = f.status {
        let ph = w.push(Value::Text(s.as_str().into()));
        w.sql.push_str(&format!(" AND e.status = {ph}"));
    }
    if let Some(d) = f.since {
        let ph = w.push(Value::Text(d.to_string()));
        w.sql.push_str(&format!(" AND e.date_hi >= {ph}"));
        // Implied by the line above, since an event's dates never span more than one calendar
        // year (a year-precision date is 1 January to 31 December): a lower bound on the
        // indexed `date_lo`, so the scan starts near `since` instead of at the first event.
        let lo = w.push(Value::Text(year_start(d)));
        w.sql.push_str(&format!(" AND e.date_lo >= {lo}"));
    }
    if let Some(d) = f.until {
        let ph = w.push(Value::Text(d.to_string()));
        w.sql.push_str(&format!(" AND e.date_lo <= {ph}"));
    }
    if let Some(t) = &f.topic {
        let ph = w.push(Value::Text(t.clone()));
        w.sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = e.event_id AND t.topic = {ph})"));
    }
    if let Some(s) = &f.source {
        let ph = w.push(Value::Text(s.to_lowercase()));
        w.sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM event_outlets o WHERE o.event_id = e.event_id AND instr(o.outlet, {ph}) > 0)"));
    }
    if let Some(t) = &f.text {
        // Check the full-text query alone first, so a syntax error is a 400 that says why.
        let probe = store
            .conn()
            .prepare_cached("SELECT 1 FROM mentions_fts WHERE mentions_fts MATCH ?1 LIMIT 1")
            .and_then(|mut st| st.exists([t]));
        if let Err(e) = probe {
            return Err(ApiError::bad(
                "text",
                format!("text={t:?}: not a valid full-text query ({e})"),
                "words (all must occur), \"exact phrases\", OR, NOT, prefix*",
            ));
        }
        let ph = w.push(Value::Text(t.clone()));
        w.sql.push_str(&format!(
            " AND e.event_id IN (SELECT m.event_id FROM mentions_fts JOIN mentions m ON m.id = mentions_fts.rowid WHERE mentions_fts MATCH {ph})"
        ));
    }
    Ok(w)
}

/// 1 January of the year of `d`, the earliest `date_lo` of an event whose `date_hi` is `d` or later.
fn year_start(d: chrono::NaiveDate) -> String {
    format!("{:04}-01-01", chrono::Datelike::year(&d))
}

/// Whether the filter selects the whole store, so the aggregates the store maintains (schema
/// v3: `pair_counts`, `actor_counts`, `month_counts`) answer instead of a scan of `events`.
fn whole_store(f: &Filter) -> bool {
    nothing_but_dates(f) && f.since.is_none() && f.until.is_none()
}

/// Whether the filter is a date range and nothing else, so that per-month aggregates (schema
/// v4: `pair_month_counts`) answer for the whole months inside it.
fn dates_only(f: &Filter) -> bool {
    nothing_but_dates(f) && (f.since.is_some() || f.until.is_some())
}

/// Whether the filter selects on nothing but (possibly) a date range. The whole struct is
/// destructured so that a new filter field fails to compile here until it is accounted for.
fn nothing_but_dates(f: &Filter) -> bool {
    let Filter {
        actor,
        with,
        country,
        kind,
        status,
        since: _,
        until: _,
        topic,
        source,
        text,
        limit: _,
    } = f;
    actor.is_none()
        && with.is_none()
        && country.is_none()
        && kind.is_none()
        && status.is_none()
        && topic.is_none()
        && source.is_none()
        && text.is_none()
}

/// How a date range splits for the per-month aggregates: the whole months inside it, and the
/// `date_lo` intervals whose events must be checked one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MonthSplit {
    /// First whole month ("YYYY-MM"), inclusive.
    first_month: String,
    /// Month after the last whole month ("YYYY-MM"), exclusive; equal to `first_month` when
    /// the range holds no whole month.
    end_month: String,
    /// Intervals `[lo, hi)` of `date_lo` ("YYYY-MM-DD") outside the whole months where a
    /// matching event can start.
    rest: Vec<(String, String)>,
}

/// Splits `[since, until]` (either end open) into whole months and the rest.
///
/// An event matches the range when `date_hi >= since` and `date_lo <= until`. Every event whose
/// `date_lo` lies in a whole month inside the range matches (its `date_hi` is on or after its
/// `date_lo`); events starting in the partial months at either end, or in the same year before
/// `since` (a year-precision date spans its year) may match and are checked against the range
/// itself. So the sum is exact, not rounded to months.
fn month_split(since: Option<chrono::NaiveDate>, until: Option<chrono::NaiveDate>) -> MonthSplit {
    use chrono::{Datelike, NaiveDate};
    let month_of = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    let first_of = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let next_month = |d: NaiveDate| {
        let f = first_of(d);
        f.checked_add_months(chrono::Months::new(1)).unwrap_or(f)
    };
    // Whole months start at `lo` (a first of month) and end before `hi` (a first of month).
    let lo = since.map(|s| if s.day() == 1 { s } else { next_month(s) });
    let hi = until.map(|u| {
        if next_month(u).pred_opt() == Some(u) {
            next_month(u)
        } else {
            first_of(u)
        }
    });
    const BEFORE_ALL: &str = "0000-00-00";
    const AFTER_ALL: &str = "9999-99-99";
    let day = |d: NaiveDate| d.to_string();
    // The earliest `date_lo` that can match: 1 January of the year of `since`.
    let earliest = since.map_or(BEFORE_ALL.to_string(), |s| format!("{:04}-01-01", s.year()));
    // One past the latest `date_lo` that can match.
    let latest = until
        .and_then(|u| u.succ_opt())
        .map_or(AFTER_ALL.to_string(), day);
    match (lo, hi) {
        (lo, hi) if lo.zip(hi).is_none_or(|(l, h)| l < h) => {
            let first_month = lo.map_or("0000-00".to_string(), month_of);
            let end_month = hi.map_or("9999-99".to_string(), month_of);
            let mut rest = Vec::new();
            if let Some(l) = lo {
                rest.push((earliest, day(l)));
            }
            if let Some(h) = hi {
                rest.push((day(h), latest));
            }
            MonthSplit {
                first_month,
                end_month: end_month.clone(),
                rest,
            }
            .normalized()
        }
        // No whole month inside: every candidate is checked.
        _ => MonthSplit {
            first_month: String::new(),
            end_month: String::new(),
            rest: vec![(earliest, latest)],
        },
    }
}

impl MonthSplit {
    /// Drops empty intervals.
    fn normalized(mut self) -> MonthSplit {
        self.rest.retain(|(a, b)| a < b);
        self
    }
}

/// The most frequent pairs among the events of a date range: whole months from
/// `pair_month_counts`, the partial months at the ends from the events themselves.
fn pairs_in_range(store: &Store, f: &Filter, lim: i64) -> Result<Vec<Pair>, ApiError> {
    let split = month_split(f.since, f.until);
    let mut params: Vec<Value> = vec![
        Value::Text(split.first_month.clone()),
        Value::Text(split.end_month.clone()),
        Value::Text(f.since.map_or("0000-00-00".into(), |d| d.to_string())),
        Value::Text(f.until.map_or("9999-99-99".into(), |d| d.to_string())),
    ];
    let mut parts = vec![
        "SELECT a, b, n FROM pair_month_counts WHERE period >= ?1 AND period < ?2".to_string(),
    ];
    for (lo, hi) in &split.rest {
        params.push(Value::Text(lo.clone()));
        let pl = params.len();
        params.push(Value::Text(hi.clone()));
        let ph = params.len();
        // One interval per query, so each is a range on the `events_list` index (which
        // carries `date_hi`): an OR of ranges could make SQLite scan the whole index.
        parts.push(format!(
            "SELECT p1.name, p2.name, 1 FROM events e INDEXED BY events_list
             JOIN participants p1 ON p1.event_id = e.event_id
             JOIN participants p2 ON p2.event_id = e.event_id AND p1.name < p2.name
             WHERE e.date_lo >= ?{pl} AND e.date_lo < ?{ph} AND e.date_hi >= ?3 AND e.date_lo <= ?4"
        ));
    }
    params.push(Value::Integer(lim));
    let sql = format!(
        "SELECT a, b, sum(n) AS total FROM ({}) GROUP BY a, b HAVING total > 0 ORDER BY total DESC, a, b LIMIT ?{}",
        parts.join(" UNION ALL "),
        params.len()
    );
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        Ok(Pair {
            a: r.get(0)?,
            b: r.get(1)?,
            events: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One page of events in the store's order, and the cursor of the next page (if any).
pub fn events_page(
    store: &Store,
    f: &Filter,
    cursor: Option<&Cursor>,
    limit: usize,
) -> Result<(Vec<MergedEvent>, Option<Cursor>), ApiError> {
    let base = where_of(store, f)?;
    let want = limit.saturating_add(1);
    // The page is chosen on narrow columns (the `events_list` index covers the order and the
    // filters); only the rows returned read the wide `record`.
    let mut rows: Vec<(Option<String>, String)> = Vec::new();
    // Dated events first (by date, then id), then undated ones (by id), as `Store::events`;
    // two queries so that each can walk an index instead of sorting the whole table.
    let in_dated = cursor.is_none_or(|c| c.date.is_some());
    if in_dated {
        let mut w = Where {
            sql: base.sql.clone(),
            params: base.params.clone(),
        };
        w.sql.push_str(" AND e.date_lo IS NOT NULL");
        if let Some(Cursor {
            date: Some(d),
            event_id,
        }) = cursor
        {
            let pd = w.push(Value::Text(d.clone()));
            let pi = w.push(Value::Text(event_id.clone()));
            w.sql.push_str(&format!(
                " AND (e.date_lo > {pd} OR (e.date_lo = {pd} AND e.event_id > {pi}))"
            ));
        }
        let pl = w.push(Value::Integer(i64::try_from(want).unwrap_or(i64::MAX)));
        let sql = format!("SELECT e.date_lo, e.event_id FROM events e WHERE {} ORDER BY e.date_lo, e.event_id LIMIT {pl}", w.sql);
        fetch(store, &sql, &w.params, &mut rows)?;
    }
    if rows.len() < want {
        let mut w = Where {
            sql: base.sql.clone(),
            params: base.params.clone(),
        };
        w.sql.push_str(" AND e.date_lo IS NULL");
        if let Some(Cursor {
            date: None,
            event_id,
        }) = cursor
        {
            let pi = w.push(Value::Text(event_id.clone()));
            w.sql.push_str(&format!(" AND e.event_id > {pi}"));
        }
        let pl = w.push(Value::Integer(
            i64::try_from(want - rows.len()).unwrap_or(i64::MAX),
        ));
        let sql = format!(
            "SELECT e.date_lo, e.event_id FROM events e WHERE {} ORDER BY e.event_id LIMIT {pl}",
            w.sql
        );
        fetch(store, &sql, &w.params, &mut rows)?;
    }
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(d, id)| Cursor {
            date: d.clone(),
            event_id: id.clone(),
        })
    } else {
        None
    };
    let mut out = Vec::with_capacity(rows.len());
    let mut st = store
        .conn()
        .prepare_cached("SELECT record FROM events WHERE event_id = ?1")?;
    for (_, id) in rows {
        // A row deleted between the two statements (a concurrent merge) is skipped.
        if let Some(rec) = st.query_row([&id], |r| r.get::<_, String>(0)).optional()? {
            out.push(serde_json::from_str(&rec)?);
        }
    }
    Ok((out, next))
}

fn fetch(
    store: &Store,
    sql: &str,
    params: &[Value],
    rows: &mut Vec<(Option<String>, String)>,
) -> Result<(), ApiError> {
    let mut st = store.conn().prepare_cached(sql)?;
    let it = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    for r in it {
        rows.push(r?);
    }
    Ok(())
}

/// Granularity of timeline buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// "2024".
    Year,
    /// "2024-05".
    Month,
    /// "2024-05-30".
    Day,
}

impl Granularity {
    /// Characters of `date_lo` that make the bucket label.
    fn len(self) -> i64 {
        match self {
            Granularity::Year => 4,
            Granularity::Month => 7,
            Granularity::Day => 10,
        }
    }

    /// Parses `year`, `month`, `day`.
    pub fn parse(s: &str) -> Option<Granularity> {
        match s {
            "year" => Some(Granularity::Year),
            "month" => Some(Granularity::Month),
            "day" => Some(Granularity::Day),
            _ => None,
        }
    }
}

/// Events of one type and status in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// Period label ("2024", "2024-05", "2024-05-30").
    pub period: String,
    /// Event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Status.
    pub status: String,
    /// Number of merged events.
    pub events: u64,
}

/// The earliest and latest `date_lo` of the matching events.
pub fn date_span(store: &Store, f: &Filter) -> Result<Option<(String, String)>, ApiError> {
    let w = where_of(store, f)?;
    let sql = if whole_store(f) {
        // Two subqueries, so that each is one step at an end of the date index (min and max
        // in one SELECT scan it whole).
        "SELECT (SELECT min(date_lo) FROM events WHERE date_lo IS NOT NULL), (SELECT max(date_lo) FROM events)".to_string()
    } else {
        format!(
            "SELECT min(e.date_lo), max(e.date_lo) FROM events e WHERE {} AND e.date_lo IS NOT NULL",
            w.sql
        )
    };
    let r: (Option<String>, Option<String>) = store
        .conn()
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(w.params.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(match r {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    })
}

/// The granularity that gives a readable chart for a span of dates: days up to ~3 months,
/// months up to ~12 years, years beyond.
pub fn auto_granularity(span: Option<&(String, String)>) -> Granularity {
    let days = span.and_then(|(a, b)| {
        let a = chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
        let b = chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?;
        Some((b - a).num_days())
    });
    match days {
        Some(d) if d <= 92 => Granularity::Day,
        Some(d) if d <= 366 * 12 => Granularity::Month,
        Some(_) => Granularity::Year,
        None => Granularity::Month,
    }
}

/// Counts of matching dated events per period, type and status.
pub fn timeline(store: &Store, f: &Filter, g: Granularity) -> Result<Vec<Bucket>, ApiError> {
    if whole_store(f) && g != Granularity::Day {
        // Per-month counts kept by the store: months add up to years.
        let mut st = store.conn().prepare_cached(
            "SELECT substr(period, 1, ?1), type, status, sum(n) FROM month_counts
             WHERE period <> '' GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3",
        )?;
        let rows = st.query_map([g.len()], |r| {
            Ok(Bucket {
                period: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                events: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
            })
        })?;
        return Ok(rows.collect::<Result<_, _>>()?);
    }
    let mut w = where_of(store, f)?;
    let pl = w.push(Value::Integer(g.len()));
    let sql = format!(
        "SELECT substr(e.date_lo, 1, {pl}) AS period, e.type, e.status, count(*) FROM events e WHERE {} AND e.date_lo IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        w.sql
    );
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
        Ok(Bucket {
            period: r.get(0)?,
            kind: r.get(1)?,
            status: r.get(2)?,
            events: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How often two actors took part in the same event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// One actor (alphabetically first).
    pub a: String,
    /// The other.
    pub b: String,
    /// Matching merged events with both.
    pub events: u64,
}

/// The most frequent pairs among the matching events.
pub fn pairs(store: &Store, f: &Filter, limit: usize) -> Result<Vec<Pair>, ApiError> {
    let lim = i64::try_from(limit).unwrap_or(i64::MAX);
    if whole_store(f) {
        let mut st = store.conn().prepare_cached(
            "SELECT a, b, n FROM pair_counts WHERE n > 0 ORDER BY n DESC, a, b LIMIT ?1",
        )?;
        let rows = st.query_map([lim], |r| {
            Ok(Pair {
                a: r.get(0)?,
                b: r.get(1)?,
                events: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
            })
        })?;
        return Ok(rows.collect::<Result<_, _>>()?);
    }
    if dates_only(f) {
        return pairs_in_range(store, f, lim);
    }
    pairs_scan(store, f, lim)
}

/// The most frequent pairs among the matching events, from the events themselves.
fn pairs_scan(store: &Store, f: &Filter, lim: i64) -> Result<Vec<Pair>, ApiError> {
    let mut w = where_of(store, f)?;
    let pl = w.push(Value::Integer(lim));
    let sql = format!(
        "SELECT p1.name, p2.name, count(*) AS n FROM events e
         JOIN participants p1 ON p1.event_id = e.event_id
         JOIN participants p2 ON p2.event_id = e.event_id AND p1.name < p2.name
         WHERE {} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT {pl}",
        w.sql
    );
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
        Ok(Pair {
            a: r.get(0)?,
            b: r.get(1)?,
            events: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An actor who brought two or more other parties together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mediator {
    /// Canonical name.
    pub name: String,
    /// Matching events with three or more participants that this actor hosted, called or
    /// mediated.
    pub events: u64,
}

/// Mediators among the matching events: in an event with three or more participants, the
/// initiator (host, caller) if the reports name one; in a `mediation` event without one, every
/// participant whose country no other participant shares (the third party between two sides of
/// one conflict is never from either side's country, while the sides are usually each alone
/// too, so that rule applies only to mediations).
pub fn mediators(store: &Store, f: &Filter) -> Result<Vec<Mediator>, ApiError> {
    let w = where_of(store, f)?;
    let sql = format!(
        // CROSS JOIN keeps multi_events (small) outside: the planner has no statistics for it.
        "SELECT e.record FROM multi_events x CROSS JOIN events e ON e.event_id = x.event_id WHERE {} LIMIT 20000",
        w.sql
    );
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
        r.get::<_, String>(0)
    })?;
    let mut counts: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for r in rows {
        let e: MergedEvent = serde_json::from_str(&r?)?;
        for n in mediators_of(&e) {
            *counts.entry(n).or_default() += 1;
        }
    }
    let mut out: Vec<Mediator> = counts
        .into_iter()
        .map(|(name, events)| Mediator { name, events })
        .collect();
    out.sort_by(|a, b| b.events.cmp(&a.events).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// The mediators of one event (see [`mediators`]).
pub fn mediators_of(e: &MergedEvent) -> Vec<String> {
    if e.participants.len() < 3 {
        return Vec::new();
    }
    if let Some(i) = &e.initiator {
        if e.participants.iter().any(|p| &p.name == i) {
            return vec![i.clone()];
        }
    }
    if e.kind != parley_core::EventType::Mediation {
        return Vec::new();
    }
    // Without an initiator, in a mediation between two sides, the sides come from two
    // countries and the mediator from a third; with several from one side, the lone ones are
    // mediators. When every participant is alone in their country nothing can be told.
    let alone: Vec<&parley_core::Participant> = e
        .participants
        .iter()
        .filter(|p| {
            p.country.is_some()
                && e.participants
                    .iter()
                    .filter(|q| q.country == p.country)
                    .count()
                    == 1
        })
        .collect();
    if alone.len() < e.participants.len() {
        alone.iter().map(|p| p.name.clone()).collect()
    } else {
        Vec::new()
    }
}

/// An actor and how many events they take part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCount {
    /// Canonical name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country, when known.
    pub country: Option<String>,
    /// Merged events with this actor.
    pub events: u64,
}

/// Actors whose name contains `q` (all when `None`), most active first.
pub fn actors(store: &Store, q: Option<&str>, limit: usize) -> Result<Vec<ActorCount>, ApiError> {
    let lim = i64::try_from(limit).unwrap_or(i64::MAX);
    // `actor_counts` is kept by the store (schema v3), so this never counts `participants`.
    let sql = "SELECT c.name, (SELECT a.country FROM actors a WHERE a.name = c.name), c.n FROM actor_counts c
               WHERE c.n > 0 AND (?1 IS NULL OR instr(lower(c.name), lower(?1)) > 0) ORDER BY c.n DESC, c.name LIMIT ?2";
    let mut st = store.conn().prepare_cached(sql)?;
    let rows = st.query_map(rusqlite::params![q, lim], |r| {
        Ok(ActorCount {
            name: r.get(0)?,
            country: r.get(1)?,
            events: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Counts over the matching events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Matching merged events.
    pub events: u64,
    /// Documents in the store (not filtered).
    pub documents: u64,
    /// Mentions (reports) in the store (not filtered).
    pub mentions: u64,
    /// Distinct actors in the store (not filtered).
    pub actors: u64,
    /// Earliest date of a matching event.
    pub first_date: Option<String>,
    /// Latest date of a matching event.
    pub last_date: Option<String>,
    /// Matching events per type.
    pub by_type: std::collections::BTreeMap<String, u64>,
    /// Matching events per status.
    pub by_status: std::collections::BTreeMap<String, u64>,
    /// Matching events whose reports disagree on something.
    pub with_conflicts: u64,
}

/// Counts for the filter.
pub fn stats(store: &Store, f: &Filter) -> Result<Stats, ApiError> {
    let w = where_of(store, f)?;
    let counts = store.counts()?;
    let actors: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM actors", [], |r| r.get(0))?;
    let mut by_type = std::collections::BTreeMap::new();
    let mut by_status = std::collections::BTreeMap::new();
    let mut events = 0;
    let mut with_conflicts = 0;
    let sql = if whole_store(f) {
        "SELECT type, status, sum(n), sum(conflicts) FROM month_counts GROUP BY 1, 2".to_string()
    } else {
        // With an actor, the planner would fetch each of the actor's events from the wide
        // table by its key; the narrow index by id carries every column this needs.
        let hint = if f.actor.is_some() || f.with.is_some() {
            "INDEXED BY events_narrow"
        } else {
            ""
        };
        format!("SELECT e.type, e.status, count(*), sum(e.num_conflicts > 0) FROM events e {hint} WHERE {} GROUP BY 1, 2", w.sql)
    };
    let mut st = store.conn().prepare_cached(&sql)?;
    let mut rows = if whole_store(f) {
        st.query([])?
    } else {
        st.query(rusqlite::params_from_iter(w.params.iter()))?
    };
    while let Some(r) = rows.next()? {
        let n = u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0);
        if n == 0 {
            continue;
        }
        *by_type.entry(r.get::<_, String>(0)?).or_default() += n;
        *by_status.entry(r.get::<_, String>(1)?).or_default() += n;
        events += n;
        with_conflicts += u64::try_from(r.get::<_, Option<i64>>(3)?.unwrap_or(0)).unwrap_or(0);
    }
    let span = date_span(store, f)?;
    Ok(Stats {
        events,
        documents: counts.documents,
        mentions: counts.mentions,
        actors: u64::try_from(actors).unwrap_or(0),
        first_date: span.as_ref().map(|s| s.0.clone()),
        last_date: span.map(|s| s.1),
        by_type,
        by_status,
        with_conflicts,
    })
}

/// The title of a stored document, when it has one.
pub fn document_title(store: &Store, key: &str) -> Result<Option<String>, ApiError> {
    let title: Option<Option<String>> = store
        .conn()
        .prepare_cached("SELECT title FROM documents WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(title.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Events of day, month and year precision around month and year ends, with pairs of three
    /// people, and one undated event.
    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
        type Row<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a [&'a str]);
        let events: &[Row] = &[
            ("e1", Some(("2024-01-31", "2024-01-31")), &["A", "B"]),
            ("e2", Some(("2024-02-01", "2024-02-01")), &["A", "B", "C"]),
            ("e3", Some(("2024-02-01", "2024-02-29")), &["B", "C"]),
            ("e4", Some(("2024-01-01", "2024-12-31")), &["A", "C"]),
            ("e5", Some(("2024-03-15", "2024-03-15")), &["A", "B"]),
            ("e6", Some(("2024-12-31", "2024-12-31")), &["A", "B"]),
            ("e7", Some(("2025-01-01", "2025-01-31")), &["B", "C"]),
            ("e8", Some(("2023-12-01", "2023-12-31")), &["A", "C"]),
            ("e9", None, &["A", "B"]),
        ];
        for (id, range, names) in events {
            store
                .conn()
                .execute(
                    "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, num_articles, num_sources, num_conflicts, record)
                     VALUES (?1, 'b', 'call', 'occurred', ?2, 'day', ?2, ?3, 1, 1, 0, '{}')",
                    rusqlite::params![id, range.map(|r| r.0), range.map(|r| r.1)],
                )
                .unwrap_or_else(|e| panic!("{e}"));
            for n in *names {
                store
                    .conn()
                    .execute(
                        "INSERT INTO participants (event_id, name) VALUES (?1, ?2)",
                        rusqlite::params![id, n],
                    )
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        (dir, store)
    }

    fn sorted(mut v: Vec<Pair>) -> Vec<(String, String, u64)> {
        v.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        v.into_iter().map(|p| (p.a, p.b, p.events)).collect()
    }

    /// The pairs of a date range by its definition alone (no index hints, no aggregates).
    fn plain_scan(
        store: &Store,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Vec<(String, String, u64)> {
        let mut st = store
            .conn()
            .prepare(
                "SELECT p1.name, p2.name, count(*) FROM events e
                 JOIN participants p1 ON p1.event_id = e.event_id
                 JOIN participants p2 ON p2.event_id = e.event_id AND p1.name < p2.name
                 WHERE (?1 IS NULL OR e.date_hi >= ?1) AND (?2 IS NULL OR e.date_lo <= ?2)
                 GROUP BY 1, 2 ORDER BY 1, 2",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = st
            .query_map(
                rusqlite::params![since.map(|d| d.to_string()), until.map(|d| d.to_string())],
                |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?.unsigned_abs())),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        rows.collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn ranged_pairs_from_months_equal_a_scan_of_the_events() {
        let (_dir, store) = store();
        let days: Vec<Option<NaiveDate>> = std::iter::once(None)
            .chain(
                [
                    "2023-11-30",
                    "2023-12-01",
                    "2023-12-31",
                    "2024-01-01",
                    "2024-01-02",
                    "2024-01-31",
                    "2024-02-01",
                    "2024-02-28",
                    "2024-02-29",
                    "2024-03-01",
                    "2024-03-15",
                    "2024-03-16",
                    "2024-06-30",
                    "2024-12-31",
                    "2025-01-01",
                    "2025-01-15",
                    "2025-02-01",
                ]
                .iter()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            )
            .collect();
        let mut checked = 0;
        for since in &days {
            for until in &days {
                if since.is_none() && until.is_none() {
                    continue;
                }
                let f = Filter {
                    since: *since,
                    until: *until,
                    ..Filter::default()
                };
                assert!(dates_only(&f));
                let fast = pairs(&store, &f, 100).unwrap_or_else(|e| panic!("{e:?}"));
                let scan = pairs_scan(&store, &f, 100).unwrap_or_else(|e| panic!("{e:?}"));
                let plain = plain_scan(&store, *since, *until);
                assert_eq!(sorted(fast), plain, "since {since:?} until {until:?}");
                assert_eq!(sorted(scan), plain, "since {since:?} until {until:?}");
                checked += 1;
            }
        }
        assert!(checked > 300);
    }

    #[test]
    fn a_range_splits_into_whole_months_and_the_days_around_them() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let s = month_split(d("2024-01-15"), d("2024-04-30"));
        assert_eq!(
            (s.first_month.as_str(), s.end_month.as_str()),
            ("2024-02", "2024-05")
        );
        assert_eq!(
            s.rest,
            vec![("2024-01-01".to_string(), "2024-02-01".to_string())]
        );
        let s = month_split(d("2024-03-01"), d("2024-03-10"));
        assert_eq!(s.first_month, s.end_month, "no whole month");
        assert_eq!(
            s.rest,
            vec![("2024-01-01".to_string(), "2024-03-11".to_string())]
        );
    }
}
