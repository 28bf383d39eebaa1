//! Query-string parsing: the filters of `parley events`, page size and cursor. Every problem is
//! a 400 that names the parameter and what it accepts.

use chrono::NaiveDate;
use parley_core::Lexicon;
use parley_store::query;
use parley_store::Filter;

use crate::error::ApiError;

/// The filter parameters, as `parley events` names them.
pub const FILTER_PARAMS: &[&str] = &[
    "actor", "with", "country", "type", "status", "since", "until", "topic", "source", "text",
];

/// Events per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 50;

/// Largest page size accepted: bigger pages would let one request hold a connection for long.
pub const MAX_LIMIT: usize = 500;

/// The query string as (name, value) pairs, in order.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Parses a raw query string (`a=1&b=2`), percent-decoding names and values.
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// Rejects names outside `accepted` and repeated names.
    pub fn check(&self, accepted: &[&str]) -> Result<(), ApiError> {
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in &self.0 {
            if !accepted.contains(&k.as_str()) {
                return Err(ApiError::bad(
                    k,
                    format!("unknown parameter {k:?}"),
                    format!("parameters: {}", accepted.join(", ")),
                ));
            }
            if seen.contains(&k.as_str()) {
                return Err(ApiError::bad(
                    k,
                    format!("parameter {k:?} given more than once"),
                    "each parameter once",
                ));
            }
            seen.push(k);
        }
        Ok(())
    }

    /// The value of a parameter, trimmed; an empty value counts as absent (HTML forms send
    /// empty fields).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// Where a page of events starts: after this (date, id) in the store's order (dated events by
/// date then id, then undated ones by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// `date_lo` of the last event returned; `None` once in the undated tail.
    pub date: Option<String>,
    /// Id of the last event returned.
    pub event_id: String,
}

impl Cursor {
    /// The opaque text form used in `next` and `cursor`: `DATE~ID` or `~ID`.
    pub fn encode(&self) -> String {
        format!("{}~{}", self.date.as_deref().unwrap_or(""), self.event_id)
    }

    /// Parses the text form.
    pub fn decode(s: &str) -> Result<Cursor, ApiError> {
        let bad = || {
            ApiError::bad(
                "cursor",
                format!("cursor {s:?} is not one this server gave"),
                "the `next` value of a previous response",
            )
        };
        let (d, id) = s.split_once('~').ok_or_else(bad)?;
        if id.is_empty()
            || id.len() > 64
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(bad());
        }
        let date = if d.is_empty() {
            None
        } else {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?;
            Some(d.to_string())
        };
        Ok(Cursor {
            date,
            event_id: id.to_string(),
        })
    }
}

/// A filter plus paging.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// The store filter (its `limit` is unused: paging is `limit` below).
    pub filter: Filter,
    /// Page size.
    pub limit: usize,
    /// Where the page starts.
    pub cursor: Option<Cursor>,
}

fn filter_error(param: &str, e: query::FilterError) -> ApiError {
    let accepted = e
        .problem
        .split_once("accepted: ")
        .map(|(_, a)| a.to_string())
        .unwrap_or_default();
    ApiError::bad(
        param,
        format!("{param}={:?}: {}", e.value, e.problem),
        accepted,
    )
}

/// A page size: 1 to `max`.
pub fn parse_limit(p: &Params, default: usize, max: usize) -> Result<usize, ApiError> {
    match p.get("limit") {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(
                "limit",
                format!("limit={v:?} is not a page size this server serves"),
                format!("an integer from 1 to {max}"),
            )),
        },
    }
}

/// Reads the filters of `parley events` from the query string (validated like the CLI does).
pub fn parse_filter(p: &Params, lex: &Lexicon) -> Result<Filter, ApiError> {
    let text = |n: &str| p.get(n).map(str::to_string);
    let topic = match p.get("topic") {
        None => None,
        Some(t) => {
            let t = t.to_ascii_lowercase();
            if !lex.topics.iter().any(|x| x.id == t) {
                let ids: Vec<&str> = lex.topics.iter().map(|x| x.id.as_str()).collect();
                return Err(ApiError::bad(
                    "topic",
                    format!("topic={t:?}: unknown topic"),
                    ids.join(", "),
                ));
            }
            Some(t)
        }
    };
    let country = match p.get("country") {
        None => None,
        Some(c) => match lex
            .countries
            .iter()
            .find(|x| x.code.eq_ignore_ascii_case(c) || x.name.eq_ignore_ascii_case(c))
        {
            Some(x) => Some(x.code.clone()),
            None => Some(query::parse_country(c).map_err(|e| filter_error("country", e))?),
        },
    };
    let since = p
        .get("since")
        .map(|s| query::parse_period("since", s, false))
        .transpose()
        .map_err(|e| filter_error("since", e))?;
    let until = p
        .get("until")
        .map(|s| query::parse_period("until", s, true))
        .transpose()
        .map_err(|e| filter_error("until", e))?;
    if let (Some(a), Some(b)) = (since, until) {
        if a > b {
            return Err(ApiError::bad(
                "since",
                format!("since {a} is after until {b}"),
                "since <= until",
            ));
        }
    }
    Ok(Filter {
        actor: text("actor"),
        with: text("with"),
        country,
        kind: p
            .get("type")
            .map(query::parse_type)
            .transpose()
            .map_err(|e| filter_error("type", e))?,
        status: p
            .get("status")
            .map(query::parse_status)
            .transpose()
            .map_err(|e| filter_error("status", e))?,
        since,
        until,
        topic,
        source: text("source"),
        text: text("text"),
        limit: None,
    })
}

/// Filters, page size and cursor, with only `accepted` parameter names allowed.
pub fn parse_query(p: &Params, lex: &Lexicon, accepted: &[&str]) -> Result<Query, ApiError> {
    p.check(accepted)?;
    Ok(Query {
        filter: parse_filter(p, lex)?,
        limit: parse_limit(p, DEFAULT_LIMIT, MAX_LIMIT)?,
        cursor: p.get("cursor").map(Cursor::decode).transpose()?,
    })
}

/// The filter as query-string pairs (for links that keep the current filter).
pub fn filter_pairs(f: &Filter) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    let mut add = |k: &'static str, x: Option<String>| {
        if let Some(x) = x {
            v.push((k, x));
        }
    };
    add("actor", f.actor.clone());
    add("with", f.with.clone());
    add("country", f.country.clone());
    add("type", f.kind.map(|t| t.as_str().to_string()));
    add("status", f.status.map(|s| s.as_str().to_string()));
    add("since", f.since.map(|d| d.to_string()));
    add("until", f.until.map(|d| d.to_string()));
    add("topic", f.topic.clone());
    add("source", f.source.clone());
    add("text", f.text.clone());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor {
            date: Some("2024-05-30".into()),
            event_id: "ev_0123abcd".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Ok(c));
        let u = Cursor {
            date: None,
            event_id: "ev_ff".into(),
        };
        assert_eq!(Cursor::decode(&u.encode()), Ok(u));
        for bad in [
            "",
            "nocursor",
            "2024-13-01~ev_1",
            "2024-01-01~",
            "~ev_1'--",
            "x~ev_1",
        ] {
            assert!(Cursor::decode(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn params_reject_unknown_and_repeated_names() {
        let p = Params::parse(Some("actor=Putin&colour=red"));
        let e = p.check(&["actor"]).err();
        assert_eq!(
            e.as_ref().and_then(|e| e.parameter.as_deref()),
            Some("colour")
        );
        let p = Params::parse(Some("actor=a&actor=b"));
        assert!(p.check(&["actor"]).is_err());
        let p = Params::parse(Some("actor=Vladimir%20Putin&with="));
        assert_eq!(p.get("actor"), Some("Vladimir Putin"));
        assert_eq!(p.get("with"), None);
    }

    #[test]
    fn limit_bounds() {
        assert_eq!(parse_limit(&Params::parse(None), 50, 500), Ok(50));
        assert_eq!(
            parse_limit(&Params::parse(Some("limit=500")), 50, 500),
            Ok(500)
        );
        assert!(parse_limit(&Params::parse(Some("limit=501")), 50, 500).is_err());
        assert!(parse_limit(&Params::parse(Some("limit=0")), 50, 500).is_err());
        assert!(parse_limit(&Params::parse(Some("limit=-3")), 50, 500).is_err());
    }
}
