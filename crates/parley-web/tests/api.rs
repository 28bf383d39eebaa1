//! HTTP tests without a browser: each request goes through the whole router (`oneshot`), over
//! a store built from tests/corpus plus hostile hand-made reports (see common/mod.rs).

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use parley_web::{App, Options};
use serde_json::Value;
use tower::ServiceExt;

/// One store for the read-only tests of this binary (building it extracts the corpus).
fn shared_db() -> PathBuf {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let p = dir.path().join("web.db");
        let n = common::build_store(&p)
            .unwrap_or_else(|e| panic!("cannot build the test store: {e:#}"));
        assert!(
            n >= 40,
            "the test corpus has {n} documents; expected tests/corpus with 44"
        );
        (dir, p)
    });
    p.clone()
}

fn app() -> App {
    App::open(&shared_db(), Options::default())
        .unwrap_or_else(|e| panic!("cannot open the app: {e:#}"))
}

struct Resp {
    status: StatusCode,
    content_type: String,
    csp: Option<String>,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(app: &App, req: Request<Body>) -> Resp {
    let r = app
        .router()
        .oneshot(req)
        .await
        .unwrap_or_else(|e| match e {});
    let status = r.status();
    let content_type = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let csp = r
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = r
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Resp {
        status,
        content_type,
        csp,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &App, uri: &str) -> Resp {
    send(
        app,
        Request::get(uri)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .await
}

async fn evil_event_id(app: &App) -> String {
    let r = get(app, "/api/events?actor=Zed").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let id = v["events"][0]["event_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(id.starts_with("ev_"), "no hostile event in {v}");
    id
}

/// Markup from documents never reaches a page as markup: the only `<script` is our own, no
/// `<img` at all, no `javascript:` link, and the text is there, escaped.
fn assert_escaped(page: &str, what: &str) {
    assert_eq!(
        page.matches("<script").count(),
        1,
        "{what}: a <script> from a document reached the page"
    );
    assert!(
        page.contains("<script src=\"/static/app.js\" defer></script>"),
        "{what}: our own script tag is missing"
    );
    assert!(
        !page.contains("<img"),
        "{what}: an <img> from a document reached the page"
    );
    assert!(
        !page.contains("href=\"javascript:"),
        "{what}: a javascript: URL became a link"
    );
}

#[tokio::test]
async fn document_markup_is_shown_as_text_everywhere() {
    let app = app();
    let id = evil_event_id(&app).await;
    let event = get(&app, &format!("/events/{id}")).await;
    assert_eq!(event.status, StatusCode::OK);
    assert!(event.content_type.starts_with("text/html"));
    assert!(
        event
            .csp
            .as_deref()
            .is_some_and(|c| c.contains("script-src 'self'")),
        "no CSP header"
    );
    assert_escaped(&event.body, "event page");
    assert!(
        event
            .body
            .contains("&lt;script&gt;alert(&#39;evidence&#39;)&lt;/script&gt;"),
        "the evidence is not shown as text"
    );
    assert!(event
        .body
        .contains("&lt;img src=x onerror=alert(&#39;evidence2&#39;)&gt;"));
    assert!(
        event
            .body
            .contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"),
        "the title is not shown as text"
    );
    assert!(event
        .body
        .contains("&lt;script&gt;alert(&#39;attribution&#39;)&lt;/script&gt;"));
    assert!(
        event.body.contains("<mark class=\"evidence\">"),
        "the evidence is not highlighted"
    );
    // The stored context of `evil-1`: the sentence before, the evidence marked, the sentence
    // after, all as text; `evil-2` has no stored context and shows its evidence alone.
    let before = "<span class=\"context-before\">Earlier &lt;script&gt;alert(&#39;before&#39;)&lt;/script&gt; that day.</span> <mark class=\"evidence\">Zed Kay met Ann Lee &lt;script&gt;";
    assert!(
        event.body.contains(before),
        "the sentence before is not shown (escaped) next to the evidence"
    );
    assert!(
        event.body.contains("</mark> <span class=\"context-after\">Then &lt;img src=x onerror=alert(&#39;after&#39;)&gt; they left.</span></blockquote>"),
        "the sentence after is not shown (escaped) after the evidence"
    );
    assert_eq!(
        event.body.matches("<mark class=\"evidence\">").count(),
        2,
        "each report's evidence is highlighted once"
    );
    assert_eq!(
        event.body.matches("class=\"context-before\"").count(),
        1,
        "a report without stored context shows the evidence alone"
    );
    // The two reports disagree on the place: flagged.
    assert!(
        event.body.contains("Reports disagree on: location"),
        "conflict not flagged"
    );
    for uri in [
        "/",
        "/network?country=XXA",
        "/timeline?actor=Zed",
        "/search?actor=Zed",
        "/search?text=alert",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert_escaped(&r.body, uri);
        // The home page's network shows only the most frequent pairs, maybe not this one.
        assert!(
            uri == "/"
                || r.body
                    .contains("Zed &lt;script&gt;alert(&#39;actor&#39;)&lt;/script&gt; Kay"),
            "{uri}: the actor's name is not shown as text"
        );
    }
    // A request value echoed in a page is escaped too.
    let r = get(&app, "/search?source=%3Cscript%3Ealert(9)%3C%2Fscript%3E").await;
    assert_escaped(&r.body, "echoed source");
    let r = get(
        &app,
        "/search?type=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_escaped(&r.body, "error page");
}

#[tokio::test]
async fn bad_parameters_are_400_with_what_is_accepted() {
    let app = app();
    let cases: &[(&str, &str, &str)] = &[
        ("/api/events?type=bogus", "type", "meeting"),
        ("/api/events?status=rumoured", "status", "planned"),
        ("/api/events?since=2024-13", "since", "YYYY-MM"),
        ("/api/events?until=yesterday", "until", "YYYY-MM-DD"),
        ("/api/events?limit=100000", "limit", "500"),
        ("/api/events?limit=abc", "limit", "integer"),
        ("/api/events?colour=red", "colour", "actor"),
        ("/api/events?topic=gossip", "topic", ","),
        ("/api/events?country=Atlantis", "country", "alpha-3"),
        ("/api/events?cursor=bogus", "cursor", "next"),
        ("/api/events?actor=Nobody%20Atall", "actor", "/api/actors"),
        ("/api/events?text=%22unbalanced", "text", "phrases"),
        ("/api/events?since=2024&until=2023", "since", "until"),
        ("/api/timeline?granularity=week", "granularity", "month"),
        ("/api/search", "text", "full-text"),
    ];
    for (uri, param, accepted) in cases {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
        assert!(
            r.content_type.starts_with("application/json"),
            "{uri}: {}",
            r.content_type
        );
        let v = r.json();
        assert_eq!(v["error"]["status"], 400, "{uri}");
        assert_eq!(v["error"]["parameter"], *param, "{uri}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{uri}: no message"
        );
        let acc = v["error"]["accepted"].as_str().unwrap_or_default();
        assert!(
            acc.contains(accepted)
                || v["error"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains(accepted),
            "{uri}: {v} does not say {accepted:?}"
        );
    }
    // Pages answer the same mistakes with an HTML page.
    let r = get(&app, "/search?type=bogus").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.content_type.starts_with("text/html"));
    assert!(
        r.body.contains("correspondence"),
        "the page does not list the accepted types"
    );
}

#[tokio::test]
async fn errors_are_json_with_a_message() {
    let app = app();
    for (uri, status) in [
        ("/api/events/ev_00000000000000aa", StatusCode::NOT_FOUND),
        ("/api/no-such-route", StatusCode::NOT_FOUND),
        ("/api/events/bad%20id", StatusCode::BAD_REQUEST),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, status, "{uri}");
        let v = r.json();
        assert_eq!(v["error"]["status"], status.as_u16(), "{uri}");
        assert!(
            v["error"]["message"].as_str().is_some_and(|m| m.len() > 5),
            "{uri}: {v}"
        );
    }
    let r = get(&app, "/no-such-page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.content_type.starts_with("text/html"));
}

#[tokio::test]
async fn pages_follow_next_to_the_end_in_store_order() {
    let app = app();
    let store =
        parley_store::Store::open_existing(&shared_db()).unwrap_or_else(|e| panic!("{e:#}"));
    // Actor and country filters read `participants_dated` / `participants_country_dated`
    // (schema v6) instead of `events`: the same events in the same order.
    for filter in [
        "",
        "&type=meeting",
        "&actor=Putin",
        "&actor=Putin&since=2022-01-01",
        "&country=RUS",
    ] {
        let mut f = parley_store::Filter::default();
        if filter.contains("meeting") {
            f.kind = Some(parley_core::EventType::Meeting);
        }
        if filter.contains("Putin") {
            f.actor = Some("Putin".into());
        }
        if filter.contains("since") {
            f.since = chrono::NaiveDate::from_ymd_opt(2022, 1, 1);
        }
        if filter.contains("RUS") {
            f.country = Some("RUS".into());
        }
        let want: Vec<String> = store
            .events(&f)
            .unwrap_or_else(|e| panic!("{e:#}"))
            .into_iter()
            .map(|e| e.event_id)
            .collect();
        assert!(
            want.len() > 3,
            "too few events to page through for {filter:?}"
        );
        let mut got = Vec::new();
        let mut uri = format!("/api/events?limit=3{filter}");
        let mut pages = 0;
        loop {
            let v = get(&app, &uri).await.json();
            let events = v["events"].as_array().cloned().unwrap_or_default();
            assert!(events.len() <= 3, "page larger than limit");
            got.extend(
                events
                    .iter()
                    .filter_map(|e| e["event_id"].as_str().map(str::to_string)),
            );
            pages += 1;
            match v["next"].as_str() {
                Some(c) => {
                    assert_eq!(events.len(), 3, "a page before the last one is not full");
                    uri = format!(
                        "/api/events?limit=3{filter}&cursor={}",
                        parley_web::html::enc(c)
                    );
                }
                None => break,
            }
            assert!(pages < 1000, "pagination does not end");
        }
        assert_eq!(
            got, want,
            "paging {filter:?} does not give the store's events in its order"
        );
    }
}

#[tokio::test]
async fn json_endpoints_answer_what_the_pages_show() {
    let app = app();
    let stats = get(&app, "/api/stats").await.json();
    let total = stats["events"].as_u64().unwrap_or(0);
    assert!(total > 50, "{stats}");
    let by_type: u64 = stats["by_type"]
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    assert_eq!(by_type, total, "types do not add up");
    let tl = get(&app, "/api/timeline?granularity=year").await.json();
    let dated: u64 = tl["buckets"]
        .as_array()
        .map(|b| b.iter().filter_map(|x| x["events"].as_u64()).sum())
        .unwrap_or(0);
    assert!(dated > 0 && dated <= total);
    let actors = get(&app, "/api/actors?q=putin").await.json();
    assert_eq!(actors["actors"][0]["name"], "Vladimir Putin", "{actors}");
    let pairs = get(&app, "/api/pairs?limit=5").await.json();
    let first = &pairs["pairs"][0];
    assert!(
        first["events"].as_u64().unwrap_or(0) >= pairs["pairs"][4]["events"].as_u64().unwrap_or(0),
        "pairs not by frequency"
    );
    // The most frequent pair's events, asked through /api/events, number what /api/pairs says.
    let uri = format!(
        "/api/events?limit=500&actor={}&with={}",
        parley_web::html::enc(first["a"].as_str().unwrap_or("")),
        parley_web::html::enc(first["b"].as_str().unwrap_or(""))
    );
    let ev = get(&app, &uri).await.json();
    assert_eq!(
        ev["events"].as_array().map(Vec::len).unwrap_or(0) as u64,
        first["events"].as_u64().unwrap_or(0),
        "{uri}"
    );
    let id = evil_event_id(&app).await;
    let detail = get(&app, &format!("/api/events/{id}")).await.json();
    assert_eq!(detail["num_articles"], 2);
    assert_eq!(detail["conflicts"][0]["field"], "location", "{detail}");
    // Each report carries the sentences around its evidence (null when not stored).
    let mentions = detail["mentions"].as_array().cloned().unwrap_or_default();
    let of = |doc: &str| {
        mentions
            .iter()
            .find(|m| m["doc"] == doc)
            .cloned()
            .unwrap_or_else(|| panic!("no report of {doc} in {detail}"))
    };
    assert_eq!(of("evil-1")["context_before"], common::EVIL_BEFORE);
    assert_eq!(of("evil-1")["context_after"], common::EVIL_AFTER);
    assert!(of("evil-2")["context_before"].is_null(), "{detail}");
    assert!(of("evil-2")["context_after"].is_null(), "{detail}");
    // Corpus reports were stored with context: some have a sentence before their evidence.
    let some = get(&app, "/api/events?actor=Putin&limit=10").await.json();
    let ids: Vec<String> = some["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["event_id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut with_context = 0;
    for id in &ids {
        let d = get(&app, &format!("/api/events/{id}")).await.json();
        if d["mentions"]
            .as_array()
            .is_some_and(|ms| ms.iter().any(|m| m["context_before"].is_string()))
        {
            with_context += 1;
        }
    }
    assert!(
        with_context > 0,
        "no corpus report of {ids:?} has a stored context"
    );
    let prefix = get(&app, &format!("/api/events/{}", &id[..10]))
        .await
        .json();
    assert_eq!(
        prefix["event_id"],
        id.as_str(),
        "a unique prefix does not find the event"
    );
}

#[tokio::test]
async fn openapi_describes_routes_that_exist() {
    let app = app();
    let doc = get(&app, "/api/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    for p in [
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/pairs",
        "/api/stats",
        "/api/timeline",
        "/api/search",
        "/api/import",
    ] {
        assert!(paths.contains_key(p), "{p} is not documented");
    }
    for (p, item) in &paths {
        if item.get("get").is_none() {
            continue;
        }
        let uri = p.replace("{event_id}", "ev_00000000000000aa");
        let uri = if uri == "/api/search" {
            "/api/search?text=met".to_string()
        } else {
            uri
        };
        let r = get(&app, &uri).await;
        let known = r.status == StatusCode::OK
            || (uri.contains("ev_0000")
                && r.status == StatusCode::NOT_FOUND
                && r.body.contains("no event"));
        assert!(known, "{uri}: {} {}", r.status, r.body);
    }
}

#[tokio::test]
async fn timeline_zooms_and_draws_planned_events_apart() {
    let app = app();
    let r = get(&app, "/timeline?actor=Putin").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<svg class=\"chart timeline\""));
    assert!(
        r.body.contains("since="),
        "bars do not link to a narrower period"
    );
    let all = get(&app, "/timeline").await;
    let planned = get(&app, "/api/stats?status=planned").await.json()["events"]
        .as_u64()
        .unwrap_or(0);
    assert!(planned > 0, "the corpus has planned events");
    assert!(
        all.body.contains("planned\""),
        "planned events are not drawn differently"
    );
    let zoomed = get(&app, "/timeline?actor=Putin&since=2022&until=2022").await;
    assert!(zoomed.body.contains("Zoom out"), "no way back from a zoom");
    let year: u64 = get(&app, "/api/stats?actor=Putin&since=2022&until=2022")
        .await
        .json()["events"]
        .as_u64()
        .unwrap_or(0);
    let every: u64 = get(&app, "/api/stats?actor=Putin").await.json()["events"]
        .as_u64()
        .unwrap_or(0);
    assert!(
        year < every,
        "zooming to 2022 does not narrow Putin's events"
    );
}

fn import_app(db: &std::path::Path) -> App {
    let opts = Options {
        allow_import: true,
        import_token: Some("t0ken-for-tests".into()),
        max_upload: 64 * 1024,
        ..Options::default()
    };
    App::open(db, opts).unwrap_or_else(|e| panic!("{e:#}"))
}

fn post(uri: &str, token: Option<&str>, body: Vec<u8>) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "text/plain");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(Body::from(body)).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn import_needs_the_token_and_respects_the_size_limit() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("import.db");
    common::build_store(&db).unwrap_or_else(|e| panic!("{e:#}"));
    // Off by default.
    let off = App::open(&db, Options::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let text = std::fs::read(common::repo().join("tests/corpus/docs/c01.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        send(
            &off,
            post("/api/import", Some("t0ken-for-tests"), text.clone())
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&off, "/import").await.status, StatusCode::NOT_FOUND);
    assert!(
        !get(&off, "/").await.body.contains("href=\"/import\""),
        "the import page is advertised while off"
    );
    // Refused without a token.
    let bad = Options {
        allow_import: true,
        import_token: None,
        max_upload: 1024,
        ..Options::default()
    };
    assert!(
        App::open(&db, bad).is_err(),
        "import allowed without a token"
    );

    let app = import_app(&db);
    assert_eq!(get(&app, "/import").await.status, StatusCode::OK);
    let r = send(
        &app,
        post("/api/import?published=2022-03-07", None, text.clone()),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert!(r.json()["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("token")));
    let r = send(
        &app,
        post(
            "/api/import?published=2022-03-07",
            Some("wrong"),
            text.clone(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let big = vec![b'a'; 64 * 1024 + 1];
    let r = send(&app, post("/api/import", Some("t0ken-for-tests"), big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.json()["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("limit")));

    let before = get(&app, "/api/stats").await.json()["documents"]
        .as_u64()
        .unwrap_or(0);
    let r = send(
        &app,
        post(
            "/api/import?published=2022-03-07&id=upload-c01",
            Some("t0ken-for-tests"),
            text.clone(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert!(
        v["events"].as_u64().unwrap_or(0) > 0,
        "no events found in c01: {v}"
    );
    let people = v["documents"][0]["events"][0]["participants"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    assert!(people >= 2, "the imported call has {people} participants");
    assert!(v["stored"].is_null(), "stored without ingest=true");
    assert_eq!(
        get(&app, "/api/stats").await.json()["documents"]
            .as_u64()
            .unwrap_or(0),
        before
    );
    // With ingest=true the document joins the store.
    let r = send(
        &app,
        post(
            "/api/import?published=2022-03-07&id=upload-c01&ingest=true",
            Some("t0ken-for-tests"),
            text,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["stored"]["new_documents"], 1);
    assert_eq!(
        get(&app, "/api/stats").await.json()["documents"]
            .as_u64()
            .unwrap_or(0),
        before + 1
    );
    // Stored as `parley ingest` stores it: the same extractor tag, and the sentences around
    // each report's evidence.
    {
        let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
        let (extractor, with_context): (String, i64) = conn
            .query_row(
                "SELECT d.extractor, count(m.context_before) + count(m.context_after)
                 FROM documents d JOIN mentions m ON m.doc_id = d.id WHERE d.key = 'upload-c01'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            extractor,
            parley_store::extractor_version(None).unwrap_or_else(|e| panic!("{e}"))
        );
        assert!(with_context > 0, "the imported reports have no context");
    }
    // JSONL and HTML uploads.
    let jsonl = b"{\"id\": \"j1\", \"published\": \"2023-09-05\", \"text\": \"Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi on Monday.\"}\nnot json\n".to_vec();
    let v = send(
        &app,
        post("/api/import?format=jsonl", Some("t0ken-for-tests"), jsonl),
    )
    .await
    .json();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2), "{v}");
    assert!(
        v["documents"][1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("JSON")),
        "{v}"
    );
    let r = send(
        &app,
        post(
            "/api/import?format=rtf",
            Some("t0ken-for-tests"),
            b"x".to_vec(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["parameter"], "format");
}
