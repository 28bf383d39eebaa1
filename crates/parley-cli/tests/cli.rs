//! The `parley` command as a user runs it: output formats, input formats, standard input, large
//! inputs, bad inputs (clear messages naming the file, the documented exit codes, never a panic),
//! determinism across thread counts, and `parley eval`.
//!
//! Exit codes (main.rs): 0 all input processed; 1 fatal; 2 usage error; 3 some inputs skipped.
//! Every article here is written for these tests.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

// ---------------------------------------------------------------------------------------------
// Output formats
// ---------------------------------------------------------------------------------------------

#[test]
fn jsonl_stdout_holds_only_json_lines_messages_go_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let call = write(dir.path(), "call.txt", CALL);
    let meeting = write(dir.path(), "meeting.txt", MEETING);
    let empty = write(dir.path(), "empty.txt", "");
    // -v adds a message per document; the empty file adds a "skipped" message: none on stdout.
    let o = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "-v",
            "--published",
            "2024-09-04",
            &s(&call),
            &s(&meeting),
            &s(&empty),
        ],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 3, "one input skipped; stderr:\n{}", stderr(&o));
    let ev = events(&o);
    assert_eq!(ev.len(), 2, "{}", stdout(&o));
    assert_eq!(ev[0]["doc"], s(&call));
    assert_eq!(ev[1]["doc"], s(&meeting));
    let err = stderr(&o);
    assert!(
        err.contains("published 2024-09-04 (given)"),
        "verbose message on stderr:\n{err}"
    );
    assert!(err.contains("skipped") && err.contains(&s(&empty)), "{err}");
    assert!(
        !stdout(&o).contains("parley:"),
        "a message leaked to stdout"
    );
}

#[test]
fn published_dates_relative_expressions() {
    let dir = tempfile::tempdir().unwrap();
    let call = write(dir.path(), "call.txt", CALL);
    let o = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2024-09-04",
            &s(&call),
        ],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ev = events(&o);
    assert_eq!(ev.len(), 1);
    assert_eq!(
        ev[0]["date"],
        json!({"value": "2024-09-02", "precision": "day", "basis": "relative"})
    );
    assert_eq!(names(&ev[0]), vec!["Ilham Aliyev", "Vladimir Putin"]);
    // Another publication date, another Monday.
    let o = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2024-09-11",
            &s(&call),
        ],
        None,
    );
    assert_eq!(events(&o)[0]["date"]["value"], "2024-09-09");
    // No publication date anywhere: "on Monday" cannot be dated.
    let o = run(&["extract", "--format", "jsonl", &s(&call)], None);
    assert_eq!(code(&o), 0);
    let ev = events(&o);
    assert_eq!(ev[0]["date"]["precision"], "unknown");
    assert_eq!(ev[0]["date"]["value"], Value::Null);
}

#[test]
fn csv_has_the_header_and_one_row_per_event() {
    let dir = tempfile::tempdir().unwrap();
    let call = write(dir.path(), "call.txt", CALL);
    let meeting = write(dir.path(), "meeting.txt", MEETING);
    let args = |f: &'static str| {
        vec![
            "extract".to_string(),
            "--format".into(),
            f.into(),
            "--published".into(),
            "2024-09-04".into(),
            s(&call),
            s(&meeting),
        ]
    };
    let run_s = |a: Vec<String>| {
        let r: Vec<&str> = a.iter().map(String::as_str).collect();
        run(&r, None)
    };
    let jl = run_s(args("jsonl"));
    let ev = events(&jl);
    let o = run_s(args("csv"));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header.join(","),
        "doc,event_id,type,cameo,plover_type,plover_mode,status,date,date_precision,date_basis,participants,participant_countries,initiator,location,location_country,topics,attributed_to,evidence,evidence_start,evidence_end"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), ev.len());
    assert_eq!(rows.len(), 2);
    for (row, e) in rows.iter().zip(&ev) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[1], e["event_id"].as_str().unwrap());
        assert_eq!(&row[2], e["type"].as_str().unwrap());
        assert_eq!(&row[7], e["date"]["value"].as_str().unwrap_or(""));
        assert_eq!(&row[17], e["evidence"][0]["text"].as_str().unwrap());
        let mut parts: Vec<&str> = row[10].split("; ").collect();
        parts.sort_unstable();
        assert_eq!(parts, names(e));
    }
    assert!(
        stderr(&o).lines().all(|l| l.starts_with("parley")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_format_is_one_array_of_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let call = write(dir.path(), "call.txt", CALL);
    let meeting = write(dir.path(), "meeting.txt", MEETING);
    let jl = events(&run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2024-09-04",
            &s(&call),
            &s(&meeting),
        ],
        None,
    ));
    let o = run(
        &[
            "extract",
            "--format",
            "json",
            "--published",
            "2024-09-04",
            &s(&call),
            &s(&meeting),
        ],
        None,
    );
    assert_eq!(code(&o), 0);
    let arr: Vec<Value> =
        serde_json::from_str(&stdout(&o)).expect("--format json is one JSON array");
    assert_eq!(arr, jl);
}

// ---------------------------------------------------------------------------------------------
// Input formats
// ---------------------------------------------------------------------------------------------

#[test]
fn jsonl_input_with_parley_fields() {
    let dir = tempfile::tempdir().unwrap();
    let body = MEETING.split_once("\n\n").unwrap().1;
    let lines = [
        json!({"id": "a1", "text": CALL, "published": "2024-09-04", "url": "https://example.invalid/a1", "outlet": "test"}),
        json!({"id": 42, "title": "Erdogan and Putin meet in Sochi", "text": body, "published": "2023-09-05T08:00:00Z"}),
        json!({"url": "https://example.invalid/by-url", "text": CALL, "published": "2024-09-11"}),
        json!({"text": CALL}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let docs = write(dir.path(), "docs.jsonl", text);
    let o = run(
        &["extract", "--format", "jsonl", "--input", &s(&docs)],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ev = events(&o);
    let docs_seen: Vec<&str> = ev.iter().map(|e| e["doc"].as_str().unwrap()).collect();
    assert_eq!(
        docs_seen,
        vec![
            "a1",
            "42",
            "https://example.invalid/by-url",
            &format!("{}:4", s(&docs))
        ]
    );
    assert_eq!(ev[0]["date"]["value"], "2024-09-02");
    assert_eq!(ev[1]["date"]["value"], "2023-09-04");
    // The title is kept with the text: it is evidence, at offset 0.
    assert_eq!(ev[1]["evidence"][0]["start"], 0);
    assert_eq!(
        ev[1]["evidence"][0]["text"],
        "Erdogan and Putin meet in Sochi"
    );
    assert_eq!(ev[2]["date"]["value"], "2024-09-09");
    assert_eq!(ev[3]["date"]["precision"], "unknown");
    // A .jsonl file given as a path is read the same way.
    let o2 = run(&["extract", "--format", "jsonl", &s(&docs)], None);
    assert_eq!(stdout(&o2), stdout(&o));
}

#[test]
fn jsonl_input_with_news_please_fields() {
    let dir = tempfile::tempdir().unwrap();
    let body = CALL.split_once("\n\n").unwrap().1;
    let rec = json!({
        "authors": ["Staff"],
        "date_download": "2024-09-05 10:00:00",
        "date_modify": null,
        "date_publish": "2024-09-04 16:20:00",
        "description": "The leaders spoke by phone.",
        "filename": "x.json",
        "image_url": null,
        "language": "en",
        "localpath": null,
        "maintext": body,
        "source_domain": "news.example.invalid",
        "title": "Putin and Aliyev discuss regional security by phone",
        "title_page": null,
        "title_rss": null,
        "url": "https://news.example.invalid/2024/09/04/putin-aliyev"
    });
    let docs = write(dir.path(), "cc.jsonl", format!("{rec}\n"));
    let o = run(
        &["extract", "--format", "jsonl", "--input", &s(&docs)],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ev = events(&o);
    assert_eq!(ev.len(), 1, "{}", stdout(&o));
    assert_eq!(
        ev[0]["doc"],
        "https://news.example.invalid/2024/09/04/putin-aliyev"
    );
    assert_eq!(
        ev[0]["date"]["value"], "2024-09-02",
        "date_publish is the publication date"
    );
    assert_eq!(ev[0]["date"]["basis"], "relative");
}

#[test]
fn stdin_input_streams_results_before_the_input_ends() {
    // 64 documents make one chunk: its events must come out while standard input is still open.
    let mut child = parley()
        .args(["extract", "--format", "jsonl", "--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..64 {
        writeln!(
            stdin,
            "{}",
            json!({"id": format!("s{i}"), "text": CALL, "published": "2024-09-04"})
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    let first = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("an event line arrives while stdin is still open");
    let e: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(e["doc"], "s0");
    // One more document, then end of input.
    writeln!(stdin, "{}", json!({"id": "last", "text": MEETING})).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<String> = rx.try_iter().collect();
    assert_eq!(status.code(), Some(0));
    assert_eq!(rest.len(), 64, "63 more calls and the meeting");
    assert!(rest.last().unwrap().contains("\"doc\":\"last\""));
}

#[test]
fn stdin_input_reads_everything() {
    let mut input = String::new();
    for i in 0..200 {
        input.push_str(&format!("{}\n", json!({"id": i, "text": if i % 2 == 0 { CALL } else { MEETING }, "published": "2024-09-04"})));
    }
    let o = run(
        &["extract", "--format", "jsonl", "--input", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ev = events(&o);
    assert_eq!(ev.len(), 200);
    let ids: Vec<String> = ev
        .iter()
        .map(|e| e["doc"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..200).map(|i| i.to_string()).collect();
    assert_eq!(ids, want, "output keeps input order");
}

#[test]
fn a_directory_of_2000_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        let sub = format!("d{}/f{i:04}.txt", i % 7);
        let body = if i % 3 == 0 {
            MEETING.to_string()
        } else {
            format!("Note {i}\n\nNothing happened today at the ministry.\n")
        };
        write(dir.path(), &sub, body);
    }
    write(dir.path(), "d0/readme.md", CALL); // not an article extension: ignored
    let o = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2024-01-01",
            &s(dir.path()),
        ],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ev = events(&o);
    assert_eq!(ev.len(), 667, "one meeting in every third file");
    let docs: Vec<&str> = ev.iter().map(|e| e["doc"].as_str().unwrap()).collect();
    let mut sorted = docs.clone();
    sorted.sort_unstable();
    assert_eq!(docs, sorted, "files are read in sorted order");
    assert_eq!(docs.iter().collect::<BTreeSet<_>>().len(), 667);
    assert!(!docs.iter().any(|d| d.ends_with("readme.md")));
    // The table format reports the totals on stderr.
    let o = run(
        &["extract", "--published", "2024-01-01", &s(dir.path())],
        None,
    );
    assert!(
        stderr(&o).contains("667 events from 2000 documents"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------------------------
// Bad inputs: clear messages naming the file, exit 3, the rest processed, no panic
// ---------------------------------------------------------------------------------------------

/// Runs extract on `bad` and a good file; the good one must still be processed.
fn with_good(dir: &Path, bad: &Path, extra: &[&str]) -> (std::process::Output, Vec<Value>) {
    let good = write(dir, "good.txt", MEETING);
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend_from_slice(extra);
    let (b, g) = (s(bad), s(&good));
    args.push(&b);
    args.push(&g);
    let o = run(&args, None);
    assert_no_panic(&o);
    let ev = events(&o);
    assert!(
        ev.iter().any(|e| e["doc"] == g),
        "the good file was not processed; stderr:\n{}",
        stderr(&o)
    );
    (o, ev)
}

#[test]
fn empty_file_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "empty.txt", "   \n\n");
    let (o, _) = with_good(dir.path(), &bad, &[]);
    assert_eq!(code(&o), 3);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: the file is empty", s(&bad))),
        "{err}"
    );
    assert!(err.contains("1 input(s) could not be read"), "{err}");
}

#[test]
fn binary_file_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let bad = write(dir.path(), "program.txt", bytes);
    let (o, ev) = with_good(dir.path(), &bad, &[]);
    assert_eq!(code(&o), 3);
    let err = stderr(&o);
    assert!(err.contains(&s(&bad)) && err.contains("binary"), "{err}");
    assert!(ev.iter().all(|e| e["doc"] != s(&bad)));
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"Latin-1 \xe9t\xe9 caf\xe9\n\n".to_vec();
    bytes.extend_from_slice(MEETING.as_bytes());
    bytes.extend_from_slice(b"\xff\xfe trailing \xc3\n");
    let bad = write(dir.path(), "latin1.txt", bytes);
    let (o, ev) = with_good(dir.path(), &bad, &[]);
    assert_eq!(
        code(&o),
        0,
        "a lossy file is processed, not skipped: {}",
        stderr(&o)
    );
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: not valid UTF-8; decoded lossily", s(&bad))),
        "{err}"
    );
    let mine: Vec<&Value> = ev.iter().filter(|e| e["doc"] == s(&bad)).collect();
    assert_eq!(
        mine.len(),
        1,
        "the meeting in the lossy file is still found"
    );
    // `parley text` warns the same way and prints U+FFFD for the bad bytes.
    let t = run(&["text", &s(&bad)], None);
    assert_eq!(code(&t), 0);
    assert!(stdout(&t).contains('\u{FFFD}'));
    assert!(stderr(&t).contains("not valid UTF-8"));
}

/// One 100 KB "sentence" (no full stop, no newline) holding 3125 events: extraction finishes and
/// finds them (over-long sentences are cut at spaces, so the per-sentence rules stay linear; the
/// timing itself belongs in a benchmark, not here).
#[test]
fn a_long_sentence_of_events_is_linear() {
    let text = "Vladimir Putin met Ilham Aliyev ".repeat(3125);
    let line = json!({"id": "long", "text": text, "published": "2024-01-01"}).to_string();
    let o = run(
        &["extract", "--format", "jsonl", "--input", "-"],
        Some(line.as_bytes()),
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!events(&o).is_empty());
}

/// One 100 KB run of dates around one event: every "May" is also the modal cue "may", so this
/// once made the status rules quadratic. Over-long sentences are now cut (segment.rs) and the
/// event must still be found, dated and not turned into a plan by the stray cues. (Speed is
/// measured in the benchmarks, not asserted here.)
#[test]
fn a_long_sentence_of_dates_still_yields_its_event() {
    let text = "Monday (30 May) ".repeat(6250) + "Vladimir Putin met Ilham Aliyev.";
    let line = json!({"id": "dates", "text": text, "published": "2024-01-01"}).to_string();
    let o = run(
        &["extract", "--format", "jsonl", "--input", "-"],
        Some(line.as_bytes()),
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let evs = events(&o);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["status"], "occurred");
}

#[test]
fn a_50_mb_file_without_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    let filler =
        "The delegates discussed the weather, the harvest and the price of grain at length. ";
    let tail = "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi on September 4, 2023.";
    let mut text = String::with_capacity(50 * 1024 * 1024 + 200);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(filler);
    }
    text.push_str(tail);
    assert!(!text.contains('\n'));
    let big = write(dir.path(), "big.txt", &text);
    drop(text);
    let o = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2024-01-01",
            &s(&big),
        ],
        None,
    );
    assert_no_panic(&o);
    match code(&o) {
        0 => {
            let ev = events(&o);
            assert_eq!(
                ev.len(),
                1,
                "the meeting at the end of the file: {}",
                stdout(&o)
            );
            assert!(ev[0]["evidence"][0]["start"].as_u64().unwrap() > 50_000_000);
            assert_eq!(ev[0]["evidence"][0]["text"], tail);
        }
        3 => assert!(
            stderr(&o).contains(&s(&big)),
            "a refused file must be named: {}",
            stderr(&o)
        ),
        c => panic!("exit {c}: {}", stderr(&o)),
    }
}

#[test]
fn jsonl_line_that_is_not_json_is_skipped_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\nthis is not json\n{{\"id\": \"half\", \"text\": \n\n{}\n",
        json!({"id": "ok1", "text": CALL, "published": "2024-09-04"}),
        json!({"id": "ok2", "text": MEETING})
    );
    let docs = write(dir.path(), "docs.jsonl", text);
    let o = run(
        &["extract", "--format", "jsonl", "--input", &s(&docs)],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 3);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:2: not a JSON document record", s(&docs))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:3: not a JSON document record", s(&docs))),
        "{err}"
    );
    assert!(err.contains("2 input(s) could not be read"), "{err}");
    let ev = events(&o);
    let docs_seen: Vec<&str> = ev.iter().map(|e| e["doc"].as_str().unwrap()).collect();
    assert_eq!(docs_seen, vec!["ok1", "ok2"]);
}

#[test]
fn jsonl_record_without_text_is_skipped_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\n{}\n{}\n",
        json!({"id": "notext", "title": "A headline only", "published": "2024-09-04"}),
        json!({"id": "ok", "text": CALL, "published": "2024-09-04"}),
        json!({"id": "badtype", "text": 17}),
    );
    let docs = write(dir.path(), "docs.jsonl", text);
    let o = run(
        &["extract", "--format", "jsonl", "--input", &s(&docs)],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 3);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:1: the record has no \"text\", \"maintext\" or \"html\" field",
            s(&docs)
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{}:3", s(&docs))), "{err}");
    assert_eq!(events(&o).len(), 1);
}

#[test]
fn jsonl_record_with_a_bad_date_is_skipped_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\n{}\n",
        json!({"id": "bad", "text": CALL, "published": "04/09/2024"}),
        json!({"id": "ok", "text": CALL, "published": "2024-09-04"})
    );
    let docs = write(dir.path(), "docs.jsonl", text);
    let o = run(
        &["extract", "--format", "jsonl", "--input", &s(&docs)],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 3);
    assert!(
        stderr(&o).contains(&format!(
            "{}:1: publication date \"04/09/2024\" is not a date",
            s(&docs)
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(events(&o).len(), 1);
}

#[test]
fn a_missing_path_is_named_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let (o, _) = with_good(dir.path(), &missing, &[]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains(&s(&missing)), "{}", stderr(&o));
}

#[test]
fn a_bad_published_date_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let call = write(dir.path(), "call.txt", CALL);
    for bad in ["2024-13-01", "yesterday", "04.09.2024", "2024-02-30", ""] {
        let o = run(
            &[
                "extract",
                "--format",
                "jsonl",
                "--published",
                bad,
                &s(&call),
            ],
            None,
        );
        assert_no_panic(&o);
        assert!(stdout(&o).is_empty(), "no output for a usage error");
        let err = stderr(&o);
        assert!(
            err.contains("--published") && err.contains("YYYY-MM-DD"),
            "{bad:?}: {err}"
        );
        assert_eq!(
            code(&o),
            2,
            "--published {bad:?} is a usage error (exit 2, main.rs); stderr: {err}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    // Unknown option, unknown format: clap's usage errors.
    for args in [
        vec!["extract", "--no-such-flag"],
        vec!["extract", "--format", "xml", "x.txt"],
        vec!["frobnicate"],
    ] {
        let o = run(&args, None);
        assert_no_panic(&o);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    // Nothing to read is a usage error too.
    let o = run(&["extract", "--format", "jsonl"], None);
    assert_no_panic(&o);
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).len() > 20,
        "a message says what is missing: {}",
        stderr(&o)
    );
    assert_eq!(
        code(&o),
        2,
        "no input is a usage error (exit 2, main.rs); stderr: {}",
        stderr(&o)
    );
}

#[test]
fn a_missing_input_file_is_fatal_and_named() {
    let o = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--input",
            "/nonexistent/dir/docs.jsonl",
        ],
        None,
    );
    assert_no_panic(&o);
    assert_ne!(code(&o), 0);
    assert!(
        stderr(&o).contains("/nonexistent/dir/docs.jsonl"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------------------------
// parley text
// ---------------------------------------------------------------------------------------------

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<title>Putin and Aliyev discuss regional security by phone | Example News</title>
<meta property="article:published_time" content="2024-09-04T10:00:00Z">
<script>var tracking = "SCRIPT-CONTENT-MUST-NOT-APPEAR";</script>
<style>.x { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Putin and Aliyev discuss regional security by phone</h1>
<p>Russian President Vladimir Putin held a telephone conversation with Azerbaijani President Ilham Aliyev on Monday, the Kremlin said.</p>
<p>The two leaders discussed transport links and the situation in the South Caucasus, and agreed to stay in contact at various levels.</p>
<p>The presidents last met in Baku in August, when they discussed trade, energy and the construction of new transport routes.</p>
</article>
<footer>Copyright Example News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
"#;

#[test]
fn text_prints_the_cleaned_article() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.html", PAGE);
    let o = run(&["text", &s(&page)], None);
    assert_no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Russian President Vladimir Putin held a telephone conversation"),
        "{out}"
    );
    assert!(
        out.contains("The presidents last met in Baku in August"),
        "{out}"
    );
    for junk in [
        "<p>",
        "</",
        "SCRIPT-CONTENT",
        "color: red",
        "All rights reserved",
    ] {
        assert!(!out.contains(junk), "{junk:?} in the cleaned text:\n{out}");
    }
    // Plain text: `parley text` prints the same text extraction reads.
    let call = write(dir.path(), "call.txt", CALL);
    let o = run(&["text", &s(&call)], None);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains(
        "held a telephone conversation with Azerbaijani President Ilham Aliyev on Monday"
    ));
    // A missing file is an error naming it.
    let o = run(&["text", &s(&dir.path().join("nope.txt"))], None);
    assert_no_panic(&o);
    assert_ne!(code(&o), 0);
    assert!(stderr(&o).contains("nope.txt"));
}

/// docs/event-schema.md: evidence offsets are byte offsets into what `parley text FILE` prints.
#[test]
fn evidence_offsets_point_into_the_text_parley_text_prints() {
    let dir = tempfile::tempdir().unwrap();
    // Multi-byte characters before the event make byte and char offsets differ.
    let plain = format!("Ереван — Şişli — «Überblick»\n\n{MEETING}");
    let files = [
        write(dir.path(), "page.html", PAGE),
        write(dir.path(), "plain.txt", plain),
        write(
            dir.path(),
            "rec.json",
            json!({"id": "r", "title": "Leaders talk", "text": CALL, "published": "2024-09-04"})
                .to_string(),
        ),
    ];
    for f in &files {
        let t = run(&["text", &s(f)], None);
        assert_eq!(code(&t), 0, "{}", stderr(&t));
        let text = t
            .stdout
            .strip_suffix(b"\n")
            .expect("parley text ends with a newline")
            .to_vec();
        let o = run(
            &[
                "extract",
                "--format",
                "jsonl",
                "--published",
                "2024-09-04",
                &s(f),
            ],
            None,
        );
        let ev = events(&o);
        assert!(!ev.is_empty(), "{}: no event", s(f));
        for e in &ev {
            for x in e["evidence"].as_array().unwrap() {
                let (a, b) = (
                    x["start"].as_u64().unwrap() as usize,
                    x["end"].as_u64().unwrap() as usize,
                );
                let slice = text
                    .get(a..b)
                    .unwrap_or_else(|| panic!("{}: offsets {a}..{b} out of range", s(f)));
                assert_eq!(
                    std::str::from_utf8(slice).unwrap(),
                    x["text"].as_str().unwrap(),
                    "{}",
                    s(f)
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------------

#[test]
fn one_thread_and_two_threads_give_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [CALL, MEETING, "Nothing to see here.\n", PAGE];
    for i in 0..150 {
        let ext = if i % 4 == 3 { "html" } else { "txt" };
        write(dir.path(), &format!("f{i:03}.{ext}"), texts[i % 4]);
    }
    let mut lines = String::new();
    for i in 0..100 {
        lines.push_str(&format!(
            "{}\n",
            json!({"id": format!("j{i}"), "text": texts[i % 3], "published": "2024-09-04"})
        ));
    }
    let jl = write(dir.path(), "docs.jsonl", lines);
    let one = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--threads",
            "1",
            "--published",
            "2024-09-04",
            "--input",
            &s(&jl),
            &s(dir.path()),
        ],
        None,
    );
    let two = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--threads",
            "2",
            "--published",
            "2024-09-04",
            "--input",
            &s(&jl),
            &s(dir.path()),
        ],
        None,
    );
    assert_eq!(code(&one), 0, "{}", stderr(&one));
    assert_eq!(code(&two), 0, "{}", stderr(&two));
    let n = events(&one).len();
    // 150 files (113 with an event) + the JSONL file found in the directory again + --input.
    assert!(n > 250, "{n} events");
    assert_eq!(stdout(&one), stdout(&two));
    let csv1 = run(
        &[
            "extract",
            "--format",
            "csv",
            "--threads",
            "1",
            "--published",
            "2024-09-04",
            &s(dir.path()),
        ],
        None,
    );
    let csv2 = run(
        &[
            "extract",
            "--format",
            "csv",
            "--threads",
            "2",
            "--published",
            "2024-09-04",
            &s(dir.path()),
        ],
        None,
    );
    assert_eq!(stdout(&csv1), stdout(&csv2));
}

// ---------------------------------------------------------------------------------------------
// parley eval
// ---------------------------------------------------------------------------------------------

fn eval_fixture(dir: &Path) -> (PathBuf, PathBuf) {
    write(dir, "docs/d1.txt", CALL);
    write(dir, "docs/d2.txt", MEETING);
    let gold = format!(
        "{}\n{}\n",
        json!({"id": "d1", "published": "2024-09-04", "events": [
            {"type": "call", "participants": ["Vladimir Putin", "Ilham Aliyev"], "date": "2024-09-02", "location": null, "status": "occurred"}
        ]}),
        json!({"id": "d2", "published": "2023-09-05", "events": [
            {"type": "meeting", "participants": ["Recep Tayyip Erdogan", "Vladimir Putin"], "date": "2023-09-04", "location": "Sochi", "status": "occurred"},
            {"type": "call", "participants": ["Hakan Fidan", "Sergei Lavrov"], "date": "2023-09-01", "location": null, "status": "occurred"}
        ]}),
    );
    let index = format!(
        "{}\n{}\n",
        json!({"id": "d1", "file": "docs/d1.txt", "published": "2024-09-04"}),
        json!({"id": "d2", "file": "docs/d2.txt", "published": "2023-09-05"}),
    );
    (
        write(dir, "gold.jsonl", gold),
        write(dir, "index.jsonl", index),
    )
}

#[test]
fn eval_reports_f1_and_enforces_the_bar() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, index) = eval_fixture(dir.path());
    let o = run(&["eval", "--gold", &s(&gold), "--docs", &s(&index)], None);
    assert_no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    // 2 of 3 gold events found, no false alarm: P 1, R 2/3, F1 0.8.
    assert!(out.contains("events: gold 3  found 2  matched 2"), "{out}");
    assert!(
        out.contains("precision 1.000  recall 0.667  F1 0.800"),
        "{out}"
    );
    assert!(out.contains("dated recall 0.667"), "{out}");
    assert!(
        out.contains("misses:") && out.contains("Hakan Fidan"),
        "{out}"
    );
    // Above the score: exit 1 with a message; at or below: exit 0.
    let o = run(
        &[
            "eval",
            "--gold",
            &s(&gold),
            "--docs",
            &s(&index),
            "--min-f1",
            "0.9",
        ],
        None,
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("F1 0.800 is below the bar 0.9"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &[
            "eval",
            "--gold",
            &s(&gold),
            "--docs",
            &s(&index),
            "--min-f1",
            "0.75",
        ],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(
        &[
            "eval",
            "--gold",
            &s(&gold),
            "--docs",
            &s(&index),
            "--min-dated-recall",
            "0.7",
        ],
        None,
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn eval_names_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, index) = eval_fixture(dir.path());
    let bad_gold = write(
        dir.path(),
        "bad-gold.jsonl",
        "{\"id\": \"d1\", \"events\": [}\n",
    );
    let o = run(
        &["eval", "--gold", &s(&bad_gold), "--docs", &s(&index)],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains(&format!("{}:1", s(&bad_gold))),
        "{}",
        stderr(&o)
    );
    let bad_index = write(
        dir.path(),
        "bad-index.jsonl",
        format!("{}\n", json!({"id": "d9", "file": "docs/missing.txt"})),
    );
    let o = run(
        &["eval", "--gold", &s(&gold), "--docs", &s(&bad_index)],
        None,
    );
    assert_no_panic(&o);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
}

#[test]
fn serve_reads_the_lexicon_named_by_parley_lexicon() {
    // A malformed lexicon named only through the environment must stop `serve` with a message
    // naming the file: proof that serve loads it (the database is checked after the lexicon).
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex");
    std::fs::create_dir(&lex).unwrap();
    std::fs::write(lex.join("triggers.toml"), "broken = [").unwrap();
    let out = parley()
        .env("PARLEY_LEXICON", &lex)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("none.db"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("triggers.toml"), "{err}");
}
