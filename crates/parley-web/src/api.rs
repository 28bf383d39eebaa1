//! The JSON API. Every handler validates its query string (unknown parameters and bad values
//! are 400s naming what is accepted) and runs its queries on the blocking pool.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde_json::{json, Value};

use crate::db;
use crate::error::ApiError;
use crate::params::{self, Params, FILTER_PARAMS};
use crate::App;

/// Parameters of `/api/events` and `/api/search`.
pub fn events_params() -> Vec<&'static str> {
    let mut v = FILTER_PARAMS.to_vec();
    v.extend(["limit", "cursor"]);
    v
}

/// `GET /api/events`: `{"events": [...], "next": "cursor" | null, "limit": n}`.
pub async fn events(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref());
    let query = params::parse_query(&p, app.extractor.lexicon(), &events_params())?;
    let limit = query.limit;
    let (events, next) = app
        .db
        .run(move |s| db::events_page(s, &query.filter, query.cursor.as_ref(), query.limit))
        .await?;
    Ok(Json(
        json!({"events": events, "next": next.map(|c| c.encode()), "limit": limit}),
    ))
}

/// `GET /api/search`: `/api/events` with `text` required.
pub async fn search(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref());
    if p.get("text").is_none() {
        p.check(&events_params())?;
        return Err(ApiError::bad(
            "text",
            "text is required for a search",
            "a full-text query over evidence sentences: words, \"exact phrases\", OR, NOT, prefix*",
        ));
    }
    events(State(app), RawQuery(q)).await
}

/// `GET /api/events/{event_id}`: the merged event (a unique prefix of 6+ characters works).
pub async fn event(
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let ev = lookup(&app, id).await?;
    Ok(Json(serde_json::to_value(ev)?))
}

/// Finds an event by id or unique prefix; 404 when absent, 400 when ambiguous or malformed.
pub async fn lookup(app: &App, id: String) -> Result<parley_store::MergedEvent, ApiError> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(ApiError::bad(
            "event_id",
            format!("{id:?} is not an event id"),
            "an id such as ev_0123456789abcdef, or a unique prefix of at least 6 characters",
        ));
    }
    app.db
        .run(move |s| match s.event(&id) {
            Ok(Some(e)) => Ok(e),
            Ok(None) => Err(ApiError::not_found(format!("no event {id:?} in the store"))),
            Err(e) => Err(ApiError::bad(
                "event_id",
                e.to_string(),
                "a longer prefix of the id",
            )),
        })
        .await
}

/// `GET /api/actors?q=&limit=`: actors by number of events.
pub async fn actors(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref());
    p.check(&["q", "limit"])?;
    let limit = params::parse_limit(&p, 100, 5000)?;
    let name = p.get("q").map(str::to_string);
    let actors = app
        .db
        .run(move |s| db::actors(s, name.as_deref(), limit))
        .await?;
    Ok(Json(json!({ "actors": actors })))
}

/// `GET /api/pairs`: the most frequent pairs among the filtered events, and the mediators.
pub async fn pairs(State(app): State<App>, RawQuery(q): RawQuery) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref());
    let mut accepted = FILTER_PARAMS.to_vec();
    accepted.push("limit");
    p.check(&accepted)?;
    let f = params::parse_filter(&p, app.extractor.lexicon())?;
    let limit = params::parse_limit(&p, 100, 5000)?;
    let (pairs, mediators) = app
        .db
        .run(move |s| Ok((db::pairs(s, &f, limit)?, db::mediators(s, &f)?)))
        .await?;
    Ok(Json(json!({ "pairs": pairs, "mediators": mediators })))
}

/// `GET /api/stats`: counts over the filtered events.
pub async fn stats(State(app): State<App>, RawQuery(q): RawQuery) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref());
    p.check(FILTER_PARAMS)?;
    let f = params::parse_filter(&p, app.extractor.lexicon())?;
    let st = app.db.run(move |s| db::stats(s, &f)).await?;
    Ok(Json(serde_json::to_value(st)?))
}

/// `GET /api/timeline`: counts per period, type and status (`granularity` year, month, day or
/// auto).
pub async fn timeline(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref());
    let mut accepted = FILTER_PARAMS.to_vec();
    accepted.push("granularity");
    p.check(&accepted)?;
    let f = params::parse_filter(&p, app.extractor.lexicon())?;
    let g = granularity(&p)?;
    let (g, buckets) = app
        .db
        .run(move |s| {
            let g = match g {
                Some(g) => g,
                None => db::auto_granularity(db::date_span(s, &f)?.as_ref()),
            };
            Ok((g, db::timeline(s, &f, g)?))
        })
        .await?;
    Ok(Json(json!({ "granularity": g, "buckets": buckets })))
}

/// The `granularity` parameter (`None` = auto).
pub fn granularity(p: &Params) -> Result<Option<db::Granularity>, ApiError> {
    match p.get("granularity") {
        None | Some("auto") => Ok(None),
        Some(g) => db::Granularity::parse(g).map(Some).ok_or_else(|| {
            ApiError::bad(
                "granularity",
                format!("granularity={g:?} is not a granularity"),
                "year, month, day, auto",
            )
        }),
    }
}
