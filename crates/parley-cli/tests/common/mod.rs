//! Helpers shared by the CLI integration tests: running the built `parley` binary.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The keys of one event line (docs/event-schema.md), in no particular order.
pub const EVENT_KEYS: &[&str] = &[
    "doc",
    "event_id",
    "type",
    "cameo",
    "plover",
    "status",
    "participants",
    "initiator",
    "date",
    "location",
    "topics",
    "attributed_to",
    "evidence",
];

/// A `parley` command with a clean environment (no lexicon override, no thread count).
pub fn parley() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parley"));
    c.env_remove("PARLEY_LEXICON")
        .env_remove("RAYON_NUM_THREADS")
        .env_remove("PARLEY_DEBUG_FRAMES")
        .env("RUST_BACKTRACE", "1");
    c
}

/// Runs `parley ARGS` with `stdin` (or nothing) on standard input.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = parley();
    c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    c.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = c.spawn().expect("the parley binary starts");
    if let Some(bytes) = stdin {
        let mut si = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.to_vec();
        // Write from a thread so a full stdout pipe cannot deadlock us.
        let t = std::thread::spawn(move || {
            let _ = si.write_all(&bytes);
        });
        let out = child.wait_with_output().expect("parley finishes");
        t.join().expect("stdin writer thread");
        return out;
    }
    child.wait_with_output().expect("parley finishes")
}

/// Runs `parley ARGS` where args are paths.
pub fn run_paths(args: &[&str], paths: &[&Path]) -> Output {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(paths.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    run(&refs, None)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code; fails the test if the process died of a signal.
pub fn code(o: &Output) -> i32 {
    o.status
        .code()
        .unwrap_or_else(|| panic!("parley was killed by a signal; stderr:\n{}", stderr(o)))
}

/// Asserts that no thread panicked (Rust prints "panicked at" on stderr).
pub fn assert_no_panic(o: &Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked"), "parley panicked:\n{e}");
    assert_ne!(
        code(o),
        101,
        "exit code 101 is Rust's panic code; stderr:\n{e}"
    );
}

/// Parses stdout as JSON lines: every non-empty line must be a JSON object with exactly the event
/// keys. Returns the events.
pub fn events(o: &Output) -> Vec<serde_json::Value> {
    let out = stdout(o);
    let mut v = Vec::new();
    for (i, line) in out.lines().enumerate() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|err| {
            panic!(
                "stdout line {} is not JSON ({err}): {line:?}\nstderr:\n{}",
                i + 1,
                stderr(o)
            )
        });
        let obj = e
            .as_object()
            .unwrap_or_else(|| panic!("stdout line {} is not a JSON object: {line}", i + 1));
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = EVENT_KEYS.to_vec();
        want.sort_unstable();
        assert_eq!(
            keys,
            want,
            "stdout line {} has other keys than an event: {line}",
            i + 1
        );
        v.push(e);
    }
    assert!(
        out.is_empty() || out.ends_with('\n'),
        "JSONL output must end with a newline"
    );
    v
}

/// Canonical participant names of an event, sorted.
pub fn names(e: &serde_json::Value) -> Vec<String> {
    let mut n: Vec<String> = e["participants"]
        .as_array()
        .expect("participants is an array")
        .iter()
        .map(|p| {
            p["name"]
                .as_str()
                .expect("participant name is a string")
                .to_string()
        })
        .collect();
    n.sort();
    n
}

/// A short article written for these tests: one phone call, dated by a weekday.
pub const CALL: &str = "Putin and Aliyev discuss regional security by phone\n\n\
Russian President Vladimir Putin held a telephone conversation with Azerbaijani President Ilham Aliyev on Monday, the Kremlin said.\n\n\
The two leaders discussed transport links and the situation in the South Caucasus.\n";

/// A short article written for these tests: a meeting in a named place on a full date.
pub const MEETING: &str = "Erdogan and Putin meet in Sochi\n\n\
Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi on September 4, 2023 to discuss the grain deal.\n";
