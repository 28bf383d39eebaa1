//! The HTML pages. Everything from the store or the request is escaped ([`esc`]) or
//! percent-encoded ([`enc`]) where it is written.

use axum::extract::{Path, RawQuery, State};
use parley_core::{EventType, Lexicon, Status};
use parley_store::{Filter, MergedEvent};

use crate::db::{self, Bucket, Granularity, Pair};
use crate::error::{ApiError, PageError};
use crate::html::{enc, esc, layout, qs, HtmlPage};
use crate::params::{self, filter_pairs, Params, FILTER_PARAMS};
use crate::{api, svg, App};

type PageResult = Result<HtmlPage, PageError>;

fn page(app: &App, title: &str, active: &str, body: &str) -> HtmlPage {
    HtmlPage(layout(title, active, body, app.import_enabled()))
}

/// Link to the timeline of one actor.
fn actor_link(name: &str) -> String {
    format!(
        "<a href=\"/timeline?actor={}\">{}</a>",
        esc(&enc(name)),
        esc(name)
    )
}

fn event_href(id: &str) -> String {
    format!("/events/{}", enc(id))
}

/// The date of an event as shown: the value, its precision when coarser than a day.
fn date_text(d: &parley_core::EventDate) -> String {
    d.value.clone().unwrap_or_else(|| "undated".into())
}

fn basis_text(d: &parley_core::EventDate) -> &'static str {
    use parley_core::DateBasis::*;
    match d.basis {
        Explicit => "stated in the text",
        Relative => "resolved from a relative expression against the publication date",
        Inferred => "inferred (year from a weekday or the participants' terms of office)",
        Publication => "no date of its own: the publication month",
        Unknown => "unknown",
    }
}

/// The filter form of the timeline and search pages, filled with the current values.
fn filter_form(action: &str, f: &Filter, lex: &Lexicon, with_text: bool) -> String {
    let input = |name: &str, label: &str, value: Option<String>, placeholder: &str| {
        format!(
            "<label>{label} <input name=\"{name}\" value=\"{}\" placeholder=\"{}\"></label>",
            esc(&value.unwrap_or_default()),
            esc(placeholder)
        )
    };
    let select = |name: &str, label: &str, options: Vec<&str>, current: Option<&str>| {
        let mut s =
            format!("<label>{label} <select name=\"{name}\"><option value=\"\">any</option>");
        for o in options {
            let sel = if Some(o) == current { " selected" } else { "" };
            s.push_str(&format!("<option{sel}>{}</option>", esc(o)));
        }
        s.push_str("</select></label>");
        s
    };
    let mut s = format!("<form class=\"filters\" method=\"get\" action=\"{action}\">");
    if with_text {
        s.push_str(&input(
            "text",
            "Text",
            f.text.clone(),
            "words in the evidence, \"a phrase\", OR, NOT",
        ));
    }
    s.push_str(&input("actor", "Actor", f.actor.clone(), "Putin"));
    s.push_str(&input("with", "With", f.with.clone(), "Erdogan"));
    s.push_str(&input(
        "country",
        "Country",
        f.country.clone(),
        "ARM or Armenia",
    ));
    s.push_str(&select(
        "type",
        "Type",
        EventType::ALL.iter().map(|t| t.as_str()).collect(),
        f.kind.map(|t| t.as_str()),
    ));
    s.push_str(&select(
        "status",
        "Status",
        Status::ALL.iter().map(|t| t.as_str()).collect(),
        f.status.map(|t| t.as_str()),
    ));
    s.push_str(&select(
        "topic",
        "Topic",
        lex.topics.iter().map(|t| t.id.as_str()).collect(),
        f.topic.as_deref(),
    ));
    s.push_str(&input("source", "Outlet", f.source.clone(), "reuters"));
    s.push_str(&input(
        "since",
        "Since",
        f.since.map(|d| d.to_string()),
        "YYYY-MM-DD",
    ));
    s.push_str(&input(
        "until",
        "Until",
        f.until.map(|d| d.to_string()),
        "YYYY-MM-DD",
    ));
    s.push_str("<button type=\"submit\">Show</button></form>");
    s
}

/// A table of events with links to their pages.
fn event_table(events: &[MergedEvent]) -> String {
    if events.is_empty() {
        return "<p class=\"empty\">No events match.</p>".into();
    }
    let mut s = String::from("<table class=\"events\"><thead><tr><th>Date</th><th>Type</th><th>Status</th><th>Participants</th><th>Place</th><th>Reports</th><th></th></tr></thead><tbody>");
    for e in events {
        let people: Vec<String> = e.participants.iter().map(|p| actor_link(&p.name)).collect();
        let flag = if e.conflicts.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"flag\" title=\"reports disagree\">⚠ {}</span>",
                e.conflicts.len()
            )
        };
        s.push_str(&format!(
            "<tr class=\"status-{}\"><td>{}</td><td><span class=\"key {}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a class=\"event-link\" href=\"{}\">details</a> {flag}</td></tr>",
            esc(e.status.as_str()),
            esc(&date_text(&e.date)),
            svg::type_class(e.kind.as_str()),
            esc(e.kind.as_str()),
            esc(e.status.as_str()),
            people.join(", "),
            esc(e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("")),
            e.num_articles,
            esc(&event_href(&e.event_id)),
        ));
    }
    s.push_str("</tbody></table>");
    s
}

/// The "next page" link keeping the current query.
fn next_link(path: &str, p: &Params, next: Option<&params::Cursor>) -> String {
    let Some(c) = next else { return String::new() };
    let mut pairs: Vec<(String, String)> =
        p.0.iter().filter(|(k, _)| k != "cursor").cloned().collect();
    pairs.push(("cursor".into(), c.encode()));
    format!(
        "<p class=\"pager\"><a rel=\"next\" href=\"{}\">Next page →</a></p>",
        esc(&format!("{path}{}", qs(&pairs)))
    )
}

fn zoom_link(f: &Filter) -> impl Fn(&str) -> Vec<(String, String)> {
    let base: Vec<(String, String)> = filter_pairs(f)
        .into_iter()
        .filter(|(k, _)| *k != "since" && *k != "until")
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    move |period: &str| {
        let mut v = base.clone();
        v.push(("since".into(), period.to_string()));
        v.push(("until".into(), period.to_string()));
        v
    }
}

fn edge_href(f: &Filter) -> impl Fn(&str, &str) -> String {
    let keep: Vec<(String, String)> = filter_pairs(f)
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "actor" | "with"))
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    move |a: &str, b: &str| {
        let mut v = vec![
            ("actor".to_string(), a.to_string()),
            ("with".to_string(), b.to_string()),
        ];
        v.extend(keep.iter().cloned());
        format!("/search{}", qs(&v))
    }
}

fn node_href(name: &str) -> String {
    format!("/timeline{}", qs(&[("actor", name)]))
}

struct Overview {
    granularity: Granularity,
    buckets: Vec<Bucket>,
    pairs: Vec<Pair>,
    mediators: Vec<db::Mediator>,
    stats: db::Stats,
}

async fn overview(
    app: &App,
    f: Filter,
    g: Option<Granularity>,
    edges: usize,
) -> Result<Overview, ApiError> {
    app.db
        .run(move |s| {
            let span = db::date_span(s, &f)?;
            let granularity = g.unwrap_or_else(|| db::auto_granularity(span.as_ref()));
            let (stats, buckets) = db::stats_and_timeline(s, &f, granularity, span)?;
            Ok(Overview {
                granularity,
                buckets,
                pairs: if edges > 0 {
                    db::pairs(s, &f, edges)?
                } else {
                    Vec::new()
                },
                mediators: if edges > 0 {
                    db::mediators(s, &f)?
                } else {
                    Vec::new()
                },
                stats,
            })
        })
        .await
}

fn stats_html(st: &db::Stats) -> String {
    let mut s = format!(
        "<dl class=\"stats\"><div><dt>Events</dt><dd id=\"stat-events\">{}</dd></div><div><dt>Reports</dt><dd>{}</dd></div><div><dt>Articles</dt><dd>{}</dd></div><div><dt>Actors</dt><dd>{}</dd></div><div><dt>Period</dt><dd>{} – {}</dd></div><div><dt>With conflicting reports</dt><dd>{}</dd></div></dl>",
        st.events,
        st.mentions,
        st.documents,
        st.actors,
        esc(st.first_date.as_deref().unwrap_or("?")),
        esc(st.last_date.as_deref().unwrap_or("?")),
        st.with_conflicts
    );
    s.push_str("<p class=\"types\">");
    for (t, n) in &st.by_type {
        s.push_str(&format!(
            "<span class=\"key {}\"></span>{} {n} ",
            svg::type_class(t),
            esc(t)
        ));
    }
    s.push_str("</p>");
    s
}

fn network_html(o: &Overview, f: &Filter) -> String {
    let names: Vec<String> = o.mediators.iter().map(|m| m.name.clone()).collect();
    svg::network(&o.pairs, &names, &node_href, &edge_href(f))
}

/// `GET /`: the timeline and network of the whole store.
pub async fn home(State(app): State<App>, RawQuery(q): RawQuery) -> PageResult {
    let p = Params::parse(q.as_deref());
    p.check(&[])?;
    let f = Filter::default();
    let o = overview(&app, f.clone(), None, 40).await?;
    let tl = svg::timeline(&o.buckets, o.granularity, "/timeline", &zoom_link(&f));
    let body = format!(
        "<h1>Diplomatic interactions</h1>{}<section><h2>Timeline</h2>{tl}</section><section><h2>Network</h2>{}<p><a href=\"/network\">Open the network page</a> to choose a period.</p></section>",
        stats_html(&o.stats),
        network_html(&o, &f)
    );
    Ok(page(&app, "Home", "home", &body))
}

/// `GET /timeline`: interactions over time for the filter (an actor, a pair, a country...).
pub async fn timeline(State(app): State<App>, RawQuery(q): RawQuery) -> PageResult {
    let p = Params::parse(q.as_deref());
    let mut accepted = FILTER_PARAMS.to_vec();
    accepted.extend(["granularity", "cursor", "limit"]);
    let query = params::parse_query(&p, app.extractor.lexicon(), &accepted)?;
    let g = api::granularity(&p)?;
    let f = query.filter.clone();
    let o = overview(&app, f.clone(), g, 0).await?;
    let (events, next) = {
        let f = f.clone();
        let c = query.cursor.clone();
        app.db
            .run(move |s| db::events_page(s, &f, c.as_ref(), query.limit))
            .await?
    };
    let mut title = String::from("Timeline");
    match (&f.actor, &f.with, &f.country) {
        (Some(a), Some(b), _) => title = format!("Timeline: {a} and {b}"),
        (Some(a), None, _) => title = format!("Timeline: {a}"),
        (None, None, Some(c)) => title = format!("Timeline: {c}"),
        _ => {}
    }
    let tl = svg::timeline(&o.buckets, o.granularity, "/timeline", &zoom_link(&f));
    let zoom_out = if f.since.is_some() || f.until.is_some() {
        let keep: Vec<(String, String)> = filter_pairs(&f)
            .into_iter()
            .filter(|(k, _)| *k != "since" && *k != "until")
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        format!(
            "<p><a class=\"zoom-out\" href=\"/timeline{}\">Zoom out to all dates</a></p>",
            esc(&qs(&keep))
        )
    } else {
        String::new()
    };
    let body = format!(
        "<h1>{}</h1>{}{}<section>{tl}{zoom_out}</section><section><h2>Events</h2>{}{}</section>",
        esc(&title),
        filter_form("/timeline", &f, app.extractor.lexicon(), false),
        stats_html(&o.stats),
        event_table(&events),
        next_link("/timeline", &p, next.as_ref())
    );
    Ok(page(&app, &title, "timeline", &body))
}

/// `GET /network`: who talks to whom in a period.
pub async fn network(State(app): State<App>, RawQuery(q): RawQuery) -> PageResult {
    let p = Params::parse(q.as_deref());
    let mut accepted = FILTER_PARAMS.to_vec();
    accepted.push("limit");
    p.check(&accepted)?;
    let f = params::parse_filter(&p, app.extractor.lexicon())?;
    let edges = params::parse_limit(&p, 60, 300)?;
    let o = overview(&app, f.clone(), Some(Granularity::Year), edges).await?;
    let mut table = String::from("<table class=\"pairs\"><thead><tr><th>Actor</th><th>Actor</th><th>Events</th></tr></thead><tbody>");
    let edge = edge_href(&f);
    for pr in &o.pairs {
        table.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td><a class=\"pair-link\" href=\"{}\">{}</a></td></tr>",
            actor_link(&pr.a),
            actor_link(&pr.b),
            esc(&edge(&pr.a, &pr.b)),
            pr.events
        ));
    }
    table.push_str("</tbody></table>");
    let mut meds = String::from("<ul class=\"mediators\">");
    for m in &o.mediators {
        meds.push_str(&format!(
            "<li>{} ({} events)</li>",
            actor_link(&m.name),
            m.events
        ));
    }
    meds.push_str("</ul>");
    let body = format!(
        "<h1>Network</h1><form class=\"filters\" method=\"get\" action=\"/network\"><label>Since <input name=\"since\" value=\"{}\" placeholder=\"YYYY-MM-DD\"></label><label>Until <input name=\"until\" value=\"{}\" placeholder=\"YYYY-MM-DD\"></label><label>Country <input name=\"country\" value=\"{}\" placeholder=\"ARM\"></label><button type=\"submit\">Show</button></form>{}<section>{}</section><section><h2>Mediators</h2>{meds}</section><section><h2>Pairs</h2>{table}</section>",
        esc(&f.since.map(|d| d.to_string()).unwrap_or_default()),
        esc(&f.until.map(|d| d.to_string()).unwrap_or_default()),
        esc(f.country.as_deref().unwrap_or("")),
        stats_html(&o.stats),
        network_html(&o, &f)
    );
    Ok(page(&app, "Network", "network", &body))
}

/// `GET /search`: free text over evidence plus the filters of `parley events`.
pub async fn search(State(app): State<App>, RawQuery(q): RawQuery) -> PageResult {
    let p = Params::parse(q.as_deref());
    let query = params::parse_query(&p, app.extractor.lexicon(), &api::events_params())?;
    let f = query.filter.clone();
    let (events, next) = app
        .db
        .run(move |s| db::events_page(s, &query.filter, query.cursor.as_ref(), query.limit))
        .await?;
    let body = format!(
        "<h1>Search</h1>{}<section>{}{}</section>",
        filter_form("/search", &f, app.extractor.lexicon(), true),
        event_table(&events),
        next_link("/search", &p, next.as_ref())
    );
    Ok(page(&app, "Search", "search", &body))
}

/// One report: outlet, date, what it says, and its evidence in the context of its article.
fn report_html(
    m: &parley_store::MentionRef,
    title: Option<&str>,
    conflicts: &[parley_store::Conflict],
) -> String {
    let disagrees = |field: &str| {
        conflicts
            .iter()
            .any(|c| c.field == field && c.values.iter().skip(1).any(|v| v.docs.contains(&m.doc)))
    };
    let mark = |field: &str| {
        if disagrees(field) {
            " class=\"disagrees\" title=\"differs from most reports\""
        } else {
            ""
        }
    };
    let source = match &m.url {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
            format!(
                "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
                esc(u),
                esc(m.outlet.as_deref().unwrap_or(&m.doc))
            )
        }
        _ => esc(m.outlet.as_deref().unwrap_or(&m.doc)),
    };
    let mut s = format!(
        "<article class=\"report\"><header>{source} · {}<br><small>document {}</small>{}</header><dl class=\"facts\"><dt>Date</dt><dd{}>{}</dd><dt>Place</dt><dd{}>{}</dd><dt>Type</dt><dd{}>{}</dd><dt>Status</dt><dd{}>{}</dd><dt>According to</dt><dd>{}</dd></dl>",
        esc(m.published.as_deref().unwrap_or("date unknown")),
        esc(&m.doc),
        title.map(|t| format!("<div class=\"title\">{}</div>", esc(t))).unwrap_or_default(),
        mark("date"),
        esc(&date_text(&m.date)),
        mark("location"),
        esc(m.location.as_ref().map(|l| l.name.as_str()).unwrap_or("—")),
        mark("type"),
        esc(m.kind.as_str()),
        mark("status"),
        esc(m.status.as_str()),
        esc(&if m.attributed_to.is_empty() { "—".to_string() } else { m.attributed_to.join("; ") }),
    );
    s.push_str(&evidence_html(m));
    s.push_str("</article>");
    s
}

/// A report's evidence in its context: the sentence before, the evidence sentences marked, the
/// sentence after (stored at ingest, schema v4). Reports stored without context (older stores,
/// Parquet imports) show the evidence alone.
fn evidence_html(m: &parley_store::MentionRef) -> String {
    let mut s = String::from("<blockquote class=\"context\">");
    if let Some(c) = &m.context_before {
        s.push_str(&format!(
            "<span class=\"context-before\">{}</span> ",
            esc(c)
        ));
    }
    let mut prev_end: Option<usize> = None;
    for x in &m.evidence {
        // Evidence sentences that are not next to each other: text was left out between them.
        if prev_end.is_some_and(|e| x.start > e.saturating_add(2)) {
            s.push_str("<span class=\"gap\">…</span> ");
        }
        s.push_str(&format!(
            "<mark class=\"evidence\">{}</mark> ",
            esc(&x.text)
        ));
        prev_end = Some(x.end);
    }
    if let Some(c) = &m.context_after {
        s.push_str(&format!("<span class=\"context-after\">{}</span>", esc(c)));
    }
    s.push_str("</blockquote>");
    s
}

/// `GET /events/{event_id}`: the event, every report with its evidence, the readouts of each
/// side side by side, conflicts flagged.
pub async fn event(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> PageResult {
    Params::parse(q.as_deref()).check(&[])?;
    let e = api::lookup(&app, id).await?;
    let docs: Vec<String> = e.mentions.iter().map(|m| m.doc.clone()).collect();
    let titles = app
        .db
        .run(move |s| {
            let mut v = Vec::new();
            for d in docs {
                v.push(db::document_title(s, &d)?);
            }
            Ok(v)
        })
        .await?;
    let lex = app.extractor.lexicon();
    let people: Vec<String> = e
        .participants
        .iter()
        .map(|p| {
            let extra: Vec<&str> = [p.role.as_deref(), p.country.as_deref(), p.org.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            format!(
                "<li>{}{}</li>",
                actor_link(&p.name),
                if extra.is_empty() {
                    String::new()
                } else {
                    format!(" <small>({})</small>", esc(&extra.join(", ")))
                }
            )
        })
        .collect();
    let title = format!(
        "{} — {}",
        e.kind.as_str(),
        e.participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut body = format!(
        "<h1 class=\"status-{}\">{}</h1>",
        esc(e.status.as_str()),
        esc(&title)
    );
    if !e.conflicts.is_empty() {
        let fields: Vec<&str> = e.conflicts.iter().map(|c| c.field.as_str()).collect();
        body.push_str(&format!("<div class=\"conflicts\" role=\"alert\"><strong>⚠ Reports disagree on: {}</strong><ul>", esc(&fields.join(", "))));
        for c in &e.conflicts {
            let vals: Vec<String> = c
                .values
                .iter()
                .map(|v| format!("<q>{}</q> ({})", esc(&v.value), esc(&v.docs.join(", "))))
                .collect();
            body.push_str(&format!(
                "<li>{}: {}</li>",
                esc(&c.field),
                vals.join(" vs ")
            ));
        }
        body.push_str("</ul></div>");
    }
    let pair_link = match e.participants.as_slice() {
        [a, b, ..] => format!(
            " · <a href=\"/timeline{}\">timeline of this pair</a>",
            esc(&qs(&[
                ("actor", a.name.as_str()),
                ("with", b.name.as_str())
            ]))
        ),
        _ => String::new(),
    };
    body.push_str(&format!(
        "<dl class=\"event-facts\"><dt>Participants</dt><dd><ul>{}</ul></dd><dt>Date</dt><dd><span id=\"event-date\">{}</span> <small>({} precision; {})</small></dd><dt>Status</dt><dd>{}</dd><dt>Place</dt><dd>{}</dd><dt>Initiator</dt><dd>{}</dd><dt>Topics</dt><dd>{}</dd><dt>Codes</dt><dd>CAMEO {} · PLOVER {}{}</dd><dt>Reports</dt><dd>{} articles from {} sources{pair_link}</dd><dt>Id</dt><dd><code>{}</code> · <a href=\"/api/events/{}\">JSON</a></dd></dl>",
        people.join(""),
        esc(&date_text(&e.date)),
        esc(&format!("{:?}", e.date.precision).to_lowercase()),
        basis_text(&e.date),
        esc(e.status.as_str()),
        esc(&e.location.as_ref().map(|l| match &l.country { Some(c) => format!("{} ({c})", l.name), None => l.name.clone() }).unwrap_or_else(|| "—".into())),
        esc(e.initiator.as_deref().unwrap_or("—")),
        esc(&if e.topics.is_empty() { "—".into() } else { e.topics.join(", ") }),
        esc(&e.cameo),
        esc(&e.plover.kind),
        esc(&e.plover.mode.as_ref().map(|m| format!(" / {m}")).unwrap_or_default()),
        e.num_articles,
        e.num_sources,
        esc(&e.event_id),
        esc(&enc(&e.event_id)),
    ));
    // Readouts side by side: one column per participant whose side a report speaks for, and
    // one for reports that speak for nobody in particular (news agencies).
    let mut columns: Vec<(String, Vec<String>)> = e
        .participants
        .iter()
        .map(|p| (p.name.clone(), Vec::new()))
        .collect();
    let mut neutral = Vec::new();
    for (m, title) in e.mentions.iter().zip(titles.iter()) {
        let html = report_html(m, title.as_deref(), &e.conflicts);
        let sides: Vec<&str> = m
            .attributed_to
            .iter()
            .filter_map(|a| e.side_of(a, lex))
            .collect();
        let mut placed = false;
        for (name, col) in columns.iter_mut() {
            if sides.contains(&name.as_str()) {
                col.push(html.clone());
                placed = true;
            }
        }
        if !placed {
            neutral.push(html);
        }
    }
    let sided: Vec<&(String, Vec<String>)> =
        columns.iter().filter(|(_, c)| !c.is_empty()).collect();
    if !sided.is_empty() {
        body.push_str("<section><h2>Readouts by side</h2><div class=\"sides\">");
        for (name, col) in &sided {
            body.push_str(&format!(
                "<div class=\"side\"><h3>{}'s side</h3>{}</div>",
                esc(name),
                col.join("")
            ));
        }
        body.push_str("</div></section>");
    }
    if !neutral.is_empty() {
        body.push_str(&format!(
            "<section><h2>{}</h2><div class=\"reports\">{}</div></section>",
            if sided.is_empty() {
                "Reports"
            } else {
                "Other reports"
            },
            neutral.join("")
        ));
    }
    Ok(page(&app, &title, "", &body))
}
