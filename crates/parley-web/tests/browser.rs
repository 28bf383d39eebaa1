//! Browser tests: Debian's chromium, driven headless through chromedriver (WebDriver) with the
//! fantoccini crate, against a real server on an ephemeral loopback port over the test store.
//! Loads every page, checks what is shown, clicks from the network to an event, uploads an
//! article, and saves screenshots (to $PARLEY_SCREENSHOTS, default bench/out/web-screenshots).
//!
//! Needs `chromedriver` and `chromium` (scripts/setup-browser.sh installs them). Without them
//! the test fails under CI=true and says why it skips otherwise.

mod common;

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use fantoccini::{Client, ClientBuilder, Locator};
use parley_web::{App, Options};

const TOKEN: &str = "browser-test-token";

fn find_on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Kills chromedriver when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

fn shots_dir() -> PathBuf {
    let d = std::env::var_os("PARLEY_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo().join("bench/out/web-screenshots"));
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("cannot create {}: {e}", d.display()));
    d
}

async fn shot(c: &Client, name: &str) {
    let png = c
        .screenshot()
        .await
        .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
    assert!(
        png.starts_with(b"\x89PNG"),
        "{name}: the screenshot is not a PNG"
    );
    let p = shots_dir().join(format!("{name}.png"));
    std::fs::write(&p, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
}

async fn text_of(c: &Client, css: &str) -> String {
    let here = path_of(c).await;
    let e = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css:?} on {here}: {e}"));
    e.text().await.unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css))
        .await
        .map(|v| v.len())
        .unwrap_or(0)
}

/// Waits until a click's navigation has replaced the page at `before` (a readiness wait with a
/// generous bound, not a timing assertion: the checks that follow say what must be shown).
async fn settle(c: &Client, before: &str) {
    for _ in 0..150 {
        let ready = c
            .execute("return document.readyState", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .is_some_and(|r| r == "complete");
        if ready && path_of(c).await != before {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn path_of(c: &Client) -> String {
    c.current_url()
        .await
        .map(|u| {
            format!(
                "{}{}",
                u.path(),
                u.query().map(|q| format!("?{q}")).unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_in_a_real_browser() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let (Some(driver_bin), Some(chromium)) = (
        find_on_path(&["chromedriver"]),
        find_on_path(&["chromium", "chromium-browser"]),
    ) else {
        let why = "chromedriver or chromium not found on PATH (run scripts/setup-browser.sh)";
        if ci {
            panic!("CI=true: {why}");
        }
        eprintln!("skipping the browser test: {why}");
        return;
    };

    // The store and the server.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("browser.db");
    common::build_store(&db).unwrap_or_else(|e| panic!("cannot build the test store: {e:#}"));
    let app = App::open(
        &db,
        Options {
            allow_import: true,
            import_token: Some(TOKEN.into()),
            max_upload: 1 << 20,
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let base = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    tokio::spawn(parley_web::serve(listener, app));

    // chromedriver, and a headless session.
    let port = free_port();
    let child = Command::new(&driver_bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()));
    let _driver = Driver(child);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600", "--hide-scrollbars"]
        }),
    );
    let mut client = None;
    let mut last_err = String::new();
    // chromedriver takes a moment to listen; this is a readiness wait, not a timing assertion.
    for _ in 0..100 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(e) => {
                last_err = e.to_string();
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    }
    let c = client.unwrap_or_else(|| {
        panic!("cannot open a chromium session through chromedriver: {last_err}")
    });
    let result = run_pages(&c, &base).await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("{e}");
    }
}

async fn run_pages(c: &Client, base: &str) -> Result<(), String> {
    // Home: the whole store's timeline and network.
    c.goto(&format!("{base}/"))
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(text_of(c, "h1").await, "Diplomatic interactions");
    let events: u64 = text_of(c, "#stat-events").await.parse().unwrap_or(0);
    assert!(events > 50, "the home page counts {events} events");
    assert!(
        count(c, "svg.timeline rect").await > 5,
        "no timeline bars on the home page"
    );
    assert!(
        count(c, "svg.network a.actor").await > 5,
        "no network nodes on the home page"
    );
    shot(c, "home").await;

    // Timeline of one actor, then zoom into a period by clicking a bar.
    c.goto(&format!("{base}/timeline?actor=Putin"))
        .await
        .map_err(|e| e.to_string())?;
    assert!(text_of(c, "h1").await.contains("Putin"));
    let rows = count(c, "table.events tbody tr").await;
    assert!(rows > 3, "Putin's timeline lists {rows} events");
    shot(c, "timeline").await;
    let bar = c
        .find(Locator::Css("svg.timeline a.bar"))
        .await
        .map_err(|e| format!("no bar: {e}"))?;
    let period = bar
        .attr("data-period")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let before = path_of(c).await;
    bar.click().await.map_err(|e| format!("bar click: {e}"))?;
    settle(c, &before).await;
    let url = path_of(c).await;
    assert!(
        url.contains(&format!("since={period}")) && url.contains("actor=Putin"),
        "the bar of {period} led to {url}"
    );
    assert!(
        count(c, "a.zoom-out").await == 1,
        "no zoom-out link after zooming"
    );
    let zoomed = count(c, "table.events tbody tr").await;
    assert!(
        zoomed >= 1 && zoomed < rows,
        "zooming into {period} shows {zoomed} of {rows} events"
    );
    shot(c, "timeline-zoomed").await;

    // Network: click an edge (any whose middle is not covered), reach the pair's events, then one event.
    c.goto(&format!("{base}/network"))
        .await
        .map_err(|e| e.to_string())?;
    assert!(count(c, "svg.network a.edge").await > 5);
    assert!(
        count(c, "svg.network rect.mediator").await >= 1,
        "no mediator drawn"
    );
    shot(c, "network").await;
    let edges = c
        .find_all(Locator::Css("svg.network a.edge"))
        .await
        .map_err(|e| e.to_string())?;
    let before = path_of(c).await;
    let mut clicked = None;
    for e in edges.iter().rev() {
        let a = e.attr("data-a").await.ok().flatten().unwrap_or_default();
        let b = e.attr("data-b").await.ok().flatten().unwrap_or_default();
        if e.click().await.is_ok() {
            clicked = Some((a, b));
            break;
        }
    }
    let (a, b) = clicked.ok_or("no network edge could be clicked")?;
    settle(c, &before).await;
    let url = path_of(c).await;
    assert!(
        url.starts_with("/search?"),
        "the edge {a} – {b} led to {url}"
    );
    let listed = text_of(c, "table.events tbody").await;
    let sa = a.split_whitespace().last().unwrap_or(&a).to_string();
    let sb = b.split_whitespace().last().unwrap_or(&b).to_string();
    assert!(
        listed.contains(&sa) && listed.contains(&sb),
        "the events of {a} – {b} do not name both: {listed}"
    );
    shot(c, "network-edge-events").await;
    let before = path_of(c).await;
    c.find(Locator::Css("a.event-link"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    settle(c, &before).await;
    let url = path_of(c).await;
    assert!(
        url.starts_with("/events/ev_"),
        "the event link led to {url}"
    );
    let h1 = text_of(c, "h1").await;
    assert!(
        h1.contains(&sa) && h1.contains(&sb),
        "the event page of {a} – {b} is titled {h1:?}"
    );
    assert!(
        count(c, "mark.evidence").await >= 1,
        "no highlighted evidence"
    );
    shot(c, "event").await;

    // A node leads to the actor's timeline.
    c.goto(&format!("{base}/network"))
        .await
        .map_err(|e| e.to_string())?;
    let node = c
        .find(Locator::Css("svg.network a.actor"))
        .await
        .map_err(|e| e.to_string())?;
    let name = node
        .attr("data-name")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let before = path_of(c).await;
    node.click().await.map_err(|e| format!("node click: {e}"))?;
    settle(c, &before).await;
    assert!(
        text_of(c, "h1").await.contains(&name),
        "clicking {name} did not open their timeline"
    );

    // The hostile event: its markup is text, no script ran, conflicts are flagged.
    c.goto(&format!("{base}/search?actor=Zed"))
        .await
        .map_err(|e| e.to_string())?;
    let before = path_of(c).await;
    c.find(Locator::Css("a.event-link"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    settle(c, &before).await;
    let evidence = text_of(c, "mark.evidence").await;
    assert!(
        evidence.contains("<script>alert('evidence')</script>"),
        "the evidence is not shown as text: {evidence}"
    );
    // The sentences around the evidence, stored at ingest, are text too.
    let before = text_of(c, ".context-before").await;
    assert!(
        before.contains("<script>alert('before')</script>"),
        "the sentence before the evidence is not shown as text: {before}"
    );
    let after = text_of(c, ".context-after").await;
    assert!(
        after.contains("<img src=x onerror=alert('after')>"),
        "the sentence after the evidence is not shown as text: {after}"
    );
    assert!(
        text_of(c, ".conflicts").await.contains("location"),
        "the conflict is not flagged"
    );
    assert!(
        c.get_alert_text().await.is_err(),
        "a script from a document opened an alert"
    );
    let scripts = c.execute("return document.querySelectorAll('script').length + document.querySelectorAll('img').length;", vec![]).await.map_err(|e| e.to_string())?;
    assert_eq!(
        scripts,
        serde_json::json!(1),
        "a <script> or <img> from a document is in the DOM"
    );
    assert!(
        count(c, ".sides .side").await >= 1 || count(c, ".reports .report").await >= 2,
        "the reports are not shown"
    );
    shot(c, "event-hostile").await;

    // Search with the form.
    c.goto(&format!("{base}/search"))
        .await
        .map_err(|e| e.to_string())?;
    let input = c
        .find(Locator::Css("form.filters input[name=text]"))
        .await
        .map_err(|e| e.to_string())?;
    input.send_keys("phone").await.map_err(|e| e.to_string())?;
    let before = path_of(c).await;
    c.find(Locator::Css("form.filters button"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    settle(c, &before).await;
    assert!(path_of(c).await.contains("text=phone"));
    assert!(
        count(c, "table.events tbody tr").await >= 1,
        "searching 'phone' finds nothing"
    );
    shot(c, "search").await;

    // Import: paste an article, send it with the token, see the events.
    c.goto(&format!("{base}/import"))
        .await
        .map_err(|e| e.to_string())?;
    let article = "ANKARA, 7 March 2022 - Turkish President Recep Tayyip Erdogan spoke by phone with Russian President Vladimir Putin on Sunday, the Turkish presidency said.";
    c.find(Locator::Css("#import-token"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(TOKEN)
        .await
        .map_err(|e| e.to_string())?;
    c.find(Locator::Css("#import-published"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys("2022-03-07")
        .await
        .map_err(|e| e.to_string())?;
    c.find(Locator::Css("#import-text"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(article)
        .await
        .map_err(|e| e.to_string())?;
    c.find(Locator::Css("#import-form button"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    let summary = c
        .wait()
        .for_element(Locator::Css(".import-summary"))
        .await
        .map_err(|e| format!("no import result: {e}"))?;
    let s = summary.text().await.map_err(|e| e.to_string())?;
    assert!(
        s.contains("events found") && !s.starts_with('0'),
        "import summary: {s}"
    );
    let cells = text_of(c, "#import-result table").await;
    assert!(
        cells.contains("Erdogan") && cells.contains("Putin"),
        "the imported call is not shown: {cells}"
    );
    shot(c, "import").await;
    Ok(())
}
