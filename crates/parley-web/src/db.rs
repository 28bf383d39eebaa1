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

/// A WHERE clause over `e` and its parameters (numbered `?1`...). `e` is `events e` (see
/// [`Where::from`]), or, for the filters of one actor, that actor's rows of `participants`,
/// which carry the same list columns (`event_id`, `date_lo`, `date_hi`, `type`, `status`,
/// `num_conflicts`; schema v6) in the list order.
#[derive(Debug, Default, Clone)]
pub struct Where {
    /// SQL, starting with "1 = 1".
    pub sql: String,
    /// Bound values.
    pub params: Vec<Value>,
    /// Whether `e` is one actor's participant rows (`e.name = ?` is in `sql`) rather than
    /// `events`.
    pub by_actor: bool,
    /// Whether `e` is one country's participant rows (`e.country = ?` is in `sql`, one row
    /// per event) rather than `events`.
    pub by_country: bool,
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

    /// The FROM item the clause reads, as alias `e`.
    pub fn from(&self) -> &'static str {
        if self.by_actor {
            "participants e INDEXED BY participants_dated"
        } else if self.by_country {
            "participants e INDEXED BY participants_country_dated"
        } else {
            "events e"
        }
    }

    /// Whether `e` reads an index in the list order of one actor or country.
    pub fn ordered(&self) -> bool {
        self.by_actor || self.by_country
    }
}

/// Builds the WHERE clause of a filter over `events e`, as `Store::events` does; unknown actors
/// and bad full-text queries are 400s.
pub fn where_of(store: &Store, f: &Filter) -> Result<Where, ApiError> {
    build_where(store, f, false)
}

/// Like [`where_of`], but for queries that need only the list columns: when the filter names
/// one actor (or a pair of which one side resolves to one name), `e` is that actor's rows of
/// `participants` (the rarer side's, for a pair), read in the list order on
/// `participants_dated`; the other side is a probe of the participants' key.
pub fn narrow_where_of(store: &Store, f: &Filter) -> Result<Where, ApiError> {
    build_where(store, f, true)
}

/// Events an actor takes part in (`actor_counts`, schema v3).
fn actor_events(store: &Store, name: &str) -> Result<i64, ApiError> {
    let n: Option<i64> = store
        .conn()
        .prepare_cached("SELECT n FROM actor_counts WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    Ok(n.unwrap_or(0))
}

fn build_where(store: &Store, f: &Filter, narrow: bool) -> Result<Where, ApiError> {
    let mut w = Where {
        sql: "1 = 1".into(),
        params: Vec::new(),
        by_actor: false,
        by_country: false,
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
    }
    let mut with_names = Vec::new();
    if let Some(q) = &f.with {
        with_names = store
            .resolve_actor(q)?
            .into_iter()
            .filter(|n| !actor_names.contains(n))
            .collect();
        if with_names.is_empty() {
            return Err(ApiError::bad(
                "with",
                format!("with={q:?}: no such actor in the store besides `actor`"),
                "a name or part of a name listed by /api/actors",
            ));
        }
    }
    // The side that drives a narrow query: a single name (its participant rows hold each event
    // once), the one with fewer events when both sides are single names.
    let mut driver: Option<(String, bool)> = None;
    if narrow {
        let mut best: Option<(i64, String, bool)> = None;
        for (names, is_actor) in [(&actor_names, true), (&with_names, false)] {
            if let [one] = names.as_slice() {
                let n = actor_events(store, one)?;
                if best.as_ref().is_none_or(|b| n < b.0) {
                    best = Some((n, one.clone(), is_actor));
                }
            }
        }
        driver = best.map(|(_, name, is_actor)| (name, is_actor));
    }
    if let Some((name, _)) = &driver {
        let ph = w.push(Value::Text(name.clone()));
        w.sql.push_str(&format!(" AND e.name = {ph}"));
        w.by_actor = true;
    }
    for (names, is_actor) in [(&actor_names, true), (&with_names, false)] {
        if names.is_empty() || driver.as_ref().is_some_and(|d| d.1 == is_actor) {
            continue;
        }
        let ph = w.push_all(names);
        if w.by_actor {
            // A probe of the other side's rows of the same index for each row of the driver:
            // the driver goes in date order, so the probes move forward through the other
            // side's rows, on pages just read (a probe of the key, `event_id` first, jumps
            // about the whole table and took twice the time).
            w.sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM participants p INDEXED BY participants_dated WHERE p.name IN ({ph}) AND p.date_lo IS e.date_lo AND p.event_id = e.event_id)"
            ));
        } else {
            // An IN list over the name index: the planner can start from the actor's events
            // instead of probing participants for every event in date order.
            w.sql.push_str(&format!(
                " AND e.event_id IN (SELECT p.event_id FROM participants p WHERE p.name IN ({ph}))"
            ));
        }
    }
    if let Some(c) = &f.country {
        let ph = w.push(Value::Text(c.clone()));
        if narrow && !w.by_actor {
            // The country's participant rows drive; an event with several participants of the
            // country counts once, on the row of the first of them by name.
            w.sql.push_str(&format!(
                " AND e.country = {ph} AND NOT EXISTS (SELECT 1 FROM participants q INDEXED BY participants_country_dated WHERE q.country = e.country AND q.date_lo IS e.date_lo AND q.event_id = e.event_id AND q.name < e.name)"
            ));
            w.by_country = true;
        } else {
            w.sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.country = {ph})"));
        }
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
            " AND e.event_id IN (SELECT me.event_id FROM mentions_fts JOIN mention_events me ON me.mention_id = mentions_fts.rowid WHERE mentions_fts MATCH {ph})"
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

/// Whether the filter selects on nothing but (possibly) a date range: what [`by_months`]
/// accepts, without type or status (that function's destructuring makes a new filter field fail
/// to compile until it is accounted for).
fn nothing_but_dates(f: &Filter) -> bool {
    by_months(f) && f.kind.is_none() && f.status.is_none()
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
    // A range holding most of the store's events is summed the other way round: all pairs
    // (`pair_counts`) less the months outside the range (and the undated events, period '').
    let (inside, outside): (i64, i64) = store
        .conn()
        .prepare_cached(
            "SELECT coalesce(sum(CASE WHEN period >= ?1 AND period < ?2 THEN n END), 0),
                    coalesce(sum(CASE WHEN period >= ?1 AND period < ?2 THEN 0 ELSE n END), 0)
             FROM month_counts",
        )?
        .query_row(
            [split.first_month.as_str(), split.end_month.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
    let mut parts: Vec<String> = if outside < inside {
        vec![
            "SELECT a, b, n FROM pair_counts".to_string(),
            "SELECT a, b, -n FROM pair_month_counts WHERE period < ?1".to_string(),
            "SELECT a, b, -n FROM pair_month_counts WHERE period >= ?2".to_string(),
        ]
    } else {
        vec!["SELECT a, b, n FROM pair_month_counts WHERE period >= ?1 AND period < ?2".to_string()]
    };
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
    let base = narrow_where_of(store, f)?;
    let want = limit.saturating_add(1);
    // The page is chosen on narrow columns (the `events_list` index, or for one actor
    // `participants_dated`, covers the order and the filters); only the rows returned read the
    // wide `record`.
    let mut rows: Vec<(Option<String>, String)> = Vec::new();
    // Dated events first (by date, then id), then undated ones (by id), as `Store::events`;
    // two queries so that each can walk an index instead of sorting the whole table.
    let in_dated = cursor.is_none_or(|c| c.date.is_some());
    if in_dated {
        let mut w = base.clone();
        w.sql.push_str(" AND e.date_lo IS NOT NULL");
        if let Some(Cursor {
            date: Some(d),
            event_id,
        }) = cursor
        {
            let pd = w.push(Value::Text(d.clone()));
            let pi = w.push(Value::Text(event_id.clone()));
            // `date_lo >= d` is implied by the rest; it lets the scan start at the cursor.
            w.sql.push_str(&format!(
                " AND e.date_lo >= {pd} AND (e.date_lo > {pd} OR (e.date_lo = {pd} AND e.event_id > {pi}))"
            ));
        }
        let pl = w.push(Value::Integer(i64::try_from(want).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT e.date_lo, e.event_id FROM {} WHERE {} ORDER BY e.date_lo, e.event_id LIMIT {pl}",
            w.from(),
            w.sql
        );
        fetch(store, &sql, &w.params, &mut rows)?;
    }
    if rows.len() < want {
        let mut w = base.clone();
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
            "SELECT e.date_lo, e.event_id FROM {} WHERE {} ORDER BY e.event_id LIMIT {pl}",
            w.from(),
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
    let (sql, params) = if whole_store(f) {
        // Two subqueries, so that each is one step at an end of the date index (min and max
        // in one SELECT scan it whole).
        (
            "SELECT (SELECT min(date_lo) FROM events WHERE date_lo IS NOT NULL), (SELECT max(date_lo) FROM events)".to_string(),
            Vec::new(),
        )
    } else {
        let w = narrow_where_of(store, f)?;
        let sql = if by_months(f) || w.ordered() {
            // Each end is a walk of an index in the list order, from that end (of the date
            // range, or of the actor's rows) to the first matching row.
            let from = if w.ordered() {
                w.from()
            } else {
                "events e INDEXED BY events_list"
            };
            format!(
                "SELECT (SELECT e.date_lo FROM {from} WHERE {0} AND e.date_lo IS NOT NULL ORDER BY e.date_lo LIMIT 1),
                        (SELECT e.date_lo FROM {from} WHERE {0} AND e.date_lo IS NOT NULL ORDER BY e.date_lo DESC LIMIT 1)",
                w.sql
            )
        } else {
            format!(
                "SELECT min(e.date_lo), max(e.date_lo) FROM {} WHERE {} AND e.date_lo IS NOT NULL",
                scan_from(&w, f),
                w.sql
            )
        };
        (sql, w.params)
    };
    let r: (Option<String>, Option<String>) = store
        .conn()
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(match r {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    })
}

/// The FROM item of a query that reads every matching row: [`Where::from`], and for an actor
/// filter over `events` (several names on each side) the narrow index by id, so that each of
/// the actor's events is checked on it instead of the wide rows.
fn scan_from(w: &Where, f: &Filter) -> &'static str {
    if !w.ordered() && (f.actor.is_some() || f.with.is_some()) {
        "events e INDEXED BY events_narrow"
    } else {
        w.from()
    }
}

/// Whether the per-month counts by type and status (`month_counts`, schema v3) answer the
/// filter: it selects on nothing but dates, type and status. The whole struct is destructured
/// so that a new filter field fails to compile here until it is accounted for.
fn by_months(f: &Filter) -> bool {
    let Filter {
        actor,
        with,
        country,
        kind: _,
        status: _,
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
        && topic.is_none()
        && source.is_none()
        && text.is_none()
}

/// For a [`by_months`] filter: one `UNION ALL` of rows `(p, t, s, n, c)` (period cut to `len`
/// characters, type, status, events, events with conflicts) whose sums are the counts of the
/// matching events: the rows of `month_counts` for the whole months inside the date range
/// (every month without one), and one row per matching event starting in the partial months
/// at its ends (see [`month_split`]), read on `events_list`. `dated` leaves out undated events
/// (period ''), which a date range leaves out anyway.
fn month_rows(
    store: &Store,
    f: &Filter,
    len: i64,
    dated: bool,
) -> Result<(String, Vec<Value>), ApiError> {
    let mut w = where_of(store, f)?;
    let matching = w.sql.clone();
    let lp = w.push(Value::Integer(len));
    let mut cond = String::new();
    if let Some(t) = f.kind {
        let ph = w.push(Value::Text(t.as_str().into()));
        cond.push_str(&format!(" AND type = {ph}"));
    }
    if let Some(st) = f.status {
        let ph = w.push(Value::Text(st.as_str().into()));
        cond.push_str(&format!(" AND status = {ph}"));
    }
    if dated {
        cond.push_str(" AND period <> ''");
    }
    let mut parts = Vec::new();
    if f.since.is_none() && f.until.is_none() {
        parts.push(format!(
            "SELECT substr(period, 1, {lp}) AS p, type AS t, status AS s, n, conflicts AS c FROM month_counts WHERE 1 = 1{cond}"
        ));
    } else {
        let split = month_split(f.since, f.until);
        let a = w.push(Value::Text(split.first_month.clone()));
        let b = w.push(Value::Text(split.end_month.clone()));
        parts.push(format!(
            "SELECT substr(period, 1, {lp}) AS p, type AS t, status AS s, n, conflicts AS c FROM month_counts
             WHERE period >= {a} AND period < {b}{cond}"
        ));
        for (lo, hi) in &split.rest {
            let pl = w.push(Value::Text(lo.clone()));
            let ph = w.push(Value::Text(hi.clone()));
            // One interval per query, so each is a range on `events_list`.
            parts.push(format!(
                "SELECT substr(e.date_lo, 1, {lp}), e.type, e.status, 1, e.num_conflicts > 0
                 FROM events e INDEXED BY events_list
                 WHERE {matching} AND e.date_lo >= {pl} AND e.date_lo < {ph}"
            ));
        }
    }
    Ok((parts.join(" UNION ALL "), w.params))
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
    let (sql, params) = if by_months(f) && g != Granularity::Day {
        // Per-month counts kept by the store: months add up to years, and only the partial
        // months at the ends of a date range are counted from the events.
        let (rows, params) = month_rows(store, f, g.len(), true)?;
        (
            format!("SELECT p, t, s, sum(n) FROM ({rows}) GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3"),
            params,
        )
    } else {
        let mut w = narrow_where_of(store, f)?;
        let pl = w.push(Value::Integer(g.len()));
        (
            format!(
                "SELECT substr(e.date_lo, 1, {pl}) AS period, e.type, e.status, count(*) FROM {} WHERE {} AND e.date_lo IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                scan_from(&w, f),
                w.sql
            ),
            w.params,
        )
    };
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
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
    let mut w = narrow_where_of(store, f)?;
    let pl = w.push(Value::Integer(lim));
    let sql = format!(
        "SELECT p1.name, p2.name, count(*) AS n FROM {}
         JOIN participants p1 ON p1.event_id = e.event_id
         JOIN participants p2 ON p2.event_id = e.event_id AND p1.name < p2.name
         WHERE {} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT {pl}",
        w.from(),
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
    let counts = store.counts()?;
    let actors: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM actors", [], |r| r.get(0))?;
    let mut by_type = std::collections::BTreeMap::new();
    let mut by_status = std::collections::BTreeMap::new();
    let mut events = 0;
    let mut with_conflicts = 0;
    let (sql, params) = if by_months(f) {
        // Whole months from `month_counts`, the partial months at the ends of a date range
        // from the events.
        let (rows, params) = month_rows(store, f, 7, false)?;
        (
            format!("SELECT t, s, sum(n), sum(c) FROM ({rows}) GROUP BY 1, 2"),
            params,
        )
    } else {
        let w = narrow_where_of(store, f)?;
        (
            format!(
                "SELECT e.type, e.status, count(*), sum(e.num_conflicts > 0) FROM {} WHERE {} GROUP BY 1, 2",
                scan_from(&w, f),
                w.sql
            ),
            w.params,
        )
    };
    let mut st = store.conn().prepare_cached(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
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

/// The stats and the timeline of a filter together, as a page shows them: with the date span
/// already known (it picks the granularity), a filter that [`by_months`] cannot answer is read
/// once, grouped by period, type and status, instead of once for the stats and once for the
/// timeline. Equal to [`stats`] and [`timeline`].
pub fn stats_and_timeline(
    store: &Store,
    f: &Filter,
    g: Granularity,
    span: Option<(String, String)>,
) -> Result<(Stats, Vec<Bucket>), ApiError> {
    if by_months(f) && g != Granularity::Day {
        return Ok((stats(store, f)?, timeline(store, f, g)?));
    }
    let counts = store.counts()?;
    let actors: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM actors", [], |r| r.get(0))?;
    let mut w = narrow_where_of(store, f)?;
    let pl = w.push(Value::Integer(g.len()));
    let sql = format!(
        "SELECT substr(e.date_lo, 1, {pl}), e.type, e.status, count(*), sum(e.num_conflicts > 0) FROM {} WHERE {} GROUP BY 1, 2, 3",
        scan_from(&w, f),
        w.sql
    );
    let mut by_type = std::collections::BTreeMap::new();
    let mut by_status = std::collections::BTreeMap::new();
    let mut events = 0;
    let mut with_conflicts = 0;
    let mut buckets = Vec::new();
    let mut st = store.conn().prepare_cached(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(w.params.iter()))?;
    while let Some(r) = rows.next()? {
        let n = u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0);
        let kind: String = r.get(1)?;
        let status: String = r.get(2)?;
        *by_type.entry(kind.clone()).or_default() += n;
        *by_status.entry(status.clone()).or_default() += n;
        events += n;
        with_conflicts += u64::try_from(r.get::<_, Option<i64>>(4)?.unwrap_or(0)).unwrap_or(0);
        // Undated events count in the stats, not on the timeline.
        if let Some(period) = r.get::<_, Option<String>>(0)? {
            buckets.push(Bucket {
                period,
                kind,
                status,
                events: n,
            });
        }
    }
    buckets.sort_by(|a, b| (&a.period, &a.kind, &a.status).cmp(&(&b.period, &b.kind, &b.status)));
    let stats = Stats {
        events,
        documents: counts.documents,
        mentions: counts.mentions,
        actors: u64::try_from(actors).unwrap_or(0),
        first_date: span.as_ref().map(|s| s.0.clone()),
        last_date: span.map(|s| s.1),
        by_type,
        by_status,
        with_conflicts,
    };
    Ok((stats, buckets))
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
        for n in ["A", "B", "C"] {
            store
                .conn()
                .execute("INSERT INTO actors (name) VALUES (?1)", [n])
                .unwrap_or_else(|e| panic!("{e}"));
        }
        for (id, range, names) in events {
            store
                .conn()
                .execute(
                    "INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, num_articles, num_sources, num_conflicts, record)
                     VALUES (?1, 'b', ?4, ?5, ?2, 'day', ?2, ?3, 1, 1, ?6, '{}')",
                    rusqlite::params![
                        id,
                        range.map(|r| r.0),
                        range.map(|r| r.1),
                        if id.len() % 2 == 0 || id.ends_with(['2', '5', '8']) { "call" } else { "meeting" },
                        if id.ends_with(['3', '6']) { "planned" } else { "occurred" },
                        i64::from(id.ends_with(['1', '5']))
                    ],
                )
                .unwrap_or_else(|e| panic!("{e}"));
            for n in *names {
                // A and C share a country: an event with both is one event of that country.
                let country = if *n == "B" { "BBB" } else { "AAA" };
                store
                    .conn()
                    .execute(
                        "INSERT INTO participants (event_id, name, country) VALUES (?1, ?2, ?3)",
                        rusqlite::params![id, n, country],
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

    type Counts = (Vec<(String, String, u64, u64)>, Option<(String, String)>);

    /// Counts by type and status, with conflicts, and the date span of the events matching
    /// dates, a type and actors, by the definition of the filter alone.
    fn plain_counts(store: &Store, f: &Filter) -> Counts {
        let args = rusqlite::params![
            f.since.map(|d| d.to_string()),
            f.until.map(|d| d.to_string()),
            f.kind.map(|t| t.as_str()),
            f.actor,
            f.with,
            f.country,
        ];
        let cond = "(?1 IS NULL OR e.date_hi >= ?1) AND (?2 IS NULL OR e.date_lo <= ?2)
            AND (?3 IS NULL OR e.type = ?3)
            AND (?4 IS NULL OR EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.name = ?4))
            AND (?5 IS NULL OR EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.name = ?5))
            AND (?6 IS NULL OR EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.country = ?6))";
        let mut st = store
            .conn()
            .prepare(&format!(
                "SELECT e.type, e.status, count(*), sum(e.num_conflicts > 0) FROM events e NOT INDEXED
                 WHERE {cond} GROUP BY 1, 2 ORDER BY 1, 2"
            ))
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = st
            .query_map(args, |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, i64>(2)?.unsigned_abs(),
                    r.get::<_, i64>(3)?.unsigned_abs(),
                ))
            })
            .unwrap_or_else(|e| panic!("{e}"));
        let counts = rows
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        let span: (Option<String>, Option<String>) = store
            .conn()
            .query_row(
                &format!("SELECT min(e.date_lo), max(e.date_lo) FROM events e NOT INDEXED WHERE {cond} AND e.date_lo IS NOT NULL"),
                args,
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        (counts, span.0.zip(span.1))
    }

    /// Timeline buckets by the definition of the filter alone.
    fn plain_timeline(store: &Store, f: &Filter, g: Granularity) -> Vec<Bucket> {
        let mut st = store
            .conn()
            .prepare(
                "SELECT substr(e.date_lo, 1, ?7), e.type, e.status, count(*) FROM events e NOT INDEXED
                 WHERE (?1 IS NULL OR e.date_hi >= ?1) AND (?2 IS NULL OR e.date_lo <= ?2)
                 AND (?3 IS NULL OR e.type = ?3)
                 AND (?4 IS NULL OR EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.name = ?4))
                 AND (?5 IS NULL OR EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.name = ?5))
                 AND (?6 IS NULL OR EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id AND p.country = ?6))
                 AND e.date_lo IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = st
            .query_map(
                rusqlite::params![
                    f.since.map(|d| d.to_string()),
                    f.until.map(|d| d.to_string()),
                    f.kind.map(|t| t.as_str()),
                    f.actor,
                    f.with,
                    f.country,
                    g.len()
                ],
                |r| {
                    Ok(Bucket {
                        period: r.get(0)?,
                        kind: r.get(1)?,
                        status: r.get(2)?,
                        events: r.get::<_, i64>(3)?.unsigned_abs(),
                    })
                },
            )
            .unwrap_or_else(|e| panic!("{e}"));
        rows.collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Stats, timeline and date span, answered from `month_counts` (dates and type) or from
    /// one actor's participant rows (actor, pair), equal a plain scan of `events`.
    fn assert_answers_equal_a_scan(store: &Store, days: &[Option<NaiveDate>]) -> usize {
        type Who<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let people: &[Who] = &[
            (None, None, None),
            (Some("A"), None, None),
            (Some("A"), Some("B"), None),
            (Some("C"), Some("A"), None),
            (None, None, Some("AAA")),
            (None, None, Some("BBB")),
            (Some("B"), None, Some("AAA")),
        ];
        let mut checked = 0;
        for since in days {
            for until in days {
                for kind in [None, Some(parley_core::EventType::Call)] {
                    for (actor, with, country) in people {
                        let f = Filter {
                            since: *since,
                            until: *until,
                            kind,
                            actor: actor.map(str::to_string),
                            with: with.map(str::to_string),
                            country: country.map(str::to_string),
                            ..Filter::default()
                        };
                        let (counts, span) = plain_counts(store, &f);
                        let st = stats(store, &f).unwrap_or_else(|e| panic!("{e:?}"));
                        let what = format!("{f:?}");
                        assert_eq!(st.events, counts.iter().map(|c| c.2).sum::<u64>(), "{what}");
                        assert_eq!(
                            st.with_conflicts,
                            counts.iter().map(|c| c.3).sum::<u64>(),
                            "{what}"
                        );
                        let mut by_type = std::collections::BTreeMap::new();
                        let mut by_status = std::collections::BTreeMap::new();
                        for (t, s, n, _) in &counts {
                            *by_type.entry(t.clone()).or_insert(0) += n;
                            *by_status.entry(s.clone()).or_insert(0) += n;
                        }
                        assert_eq!(st.by_type, by_type, "{what}");
                        assert_eq!(st.by_status, by_status, "{what}");
                        assert_eq!(
                            st.first_date.clone().zip(st.last_date.clone()),
                            span.clone(),
                            "{what}"
                        );
                        assert_eq!(
                            date_span(store, &f).unwrap_or_else(|e| panic!("{e:?}")),
                            span,
                            "{what}"
                        );
                        for g in [Granularity::Year, Granularity::Month, Granularity::Day] {
                            let tl = timeline(store, &f, g).unwrap_or_else(|e| panic!("{e:?}"));
                            assert_eq!(tl, plain_timeline(store, &f, g), "{what} {g:?}");
                            let both = stats_and_timeline(store, &f, g, span.clone())
                                .unwrap_or_else(|e| panic!("{e:?}"));
                            assert_eq!(both.0, st, "{what} {g:?}");
                            assert_eq!(both.1, tl, "{what} {g:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        checked
    }

    fn test_days() -> Vec<Option<NaiveDate>> {
        std::iter::once(None)
            .chain(
                [
                    "2023-11-30",
                    "2023-12-01",
                    "2024-01-01",
                    "2024-01-31",
                    "2024-02-01",
                    "2024-02-29",
                    "2024-03-01",
                    "2024-03-16",
                    "2024-12-31",
                    "2025-01-01",
                    "2025-01-15",
                    "2025-02-01",
                ]
                .iter()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            )
            .collect()
    }

    #[test]
    fn stats_and_timelines_from_aggregates_equal_a_scan_of_the_events() {
        let (_dir, store) = store();
        let checked = assert_answers_equal_a_scan(&store, &test_days());
        assert!(checked > 1000, "{checked}");
    }

    /// The same after the store changes under the aggregates: events deleted (cascading to
    /// their participants), dates moved to other months, a participant leaving an event and
    /// another joining, types and conflicts rewritten.
    #[test]
    fn the_answers_follow_changes_to_the_events() {
        let (_dir, store) = store();
        let c = store.conn();
        c.execute_batch(
            "DELETE FROM events WHERE event_id IN ('e2', 'e9');
             UPDATE events SET date_lo = '2024-03-20', date_hi = '2024-03-20' WHERE event_id = 'e1';
             UPDATE events SET type = 'meeting', status = 'planned', num_conflicts = 2 WHERE event_id = 'e5';
             UPDATE events SET date_lo = NULL, date_hi = NULL WHERE event_id = 'e6';
             DELETE FROM participants WHERE event_id = 'e3' AND name = 'C';
             INSERT INTO participants (event_id, name, country) VALUES ('e3', 'A', 'AAA');
             INSERT INTO events (event_id, block, type, status, date, date_precision, date_lo, date_hi, num_articles, num_sources, num_conflicts, record)
                 VALUES ('e10', 'b', 'call', 'occurred', '2024-02', 'month', '2024-02-01', '2024-02-29', 1, 1, 1, '{}');
             INSERT INTO participants (event_id, name, country) VALUES ('e10', 'C', 'AAA'), ('e10', 'A', 'AAA');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let checked = assert_answers_equal_a_scan(&store, &test_days());
        assert!(checked > 1000, "{checked}");
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
