//! Arbitrary text through the whole extraction pipeline, with and without a publication date.
//! Besides "no panic", it checks the documented contract of every event (docs/event-schema.md):
//! evidence offsets slice the document text, dates have the shape of their precision, the
//! initiator is a participant, and the record serialises to JSON.
#![no_main]

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use parley_core::{Document, Extractor, Precision};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().expect("the built-in lexicon loads"))
}

fuzz_target!(|data: &[u8]| {
    // First byte: 0 = no publication date, else (with the next two bytes) a day from 1990 on.
    let (published, rest) = match data {
        [0, rest @ ..] => (None, rest),
        [_, a, b, rest @ ..] => {
            let days = u64::from(u16::from_le_bytes([*a, *b]));
            (
                NaiveDate::from_ymd_opt(1990, 1, 1)
                    .and_then(|d| d.checked_add_days(Days::new(days))),
                rest,
            )
        }
        _ => (None, data),
    };
    let text = String::from_utf8_lossy(rest);
    let doc = Document::new("fuzz", text.as_ref(), published);
    for e in extractor().extract(&doc) {
        for ev in &e.evidence {
            assert!(ev.start < ev.end, "empty evidence {e:?}");
            assert_eq!(
                doc.text.get(ev.start..ev.end),
                Some(ev.text.as_str()),
                "evidence offsets {e:?}"
            );
        }
        assert!(!e.evidence.is_empty(), "no evidence {e:?}");
        assert!(
            e.participants.len() >= 2,
            "fewer than two participants {e:?}"
        );
        if let Some(i) = &e.initiator {
            assert!(
                e.participants.iter().any(|p| &p.name == i),
                "initiator is not a participant {e:?}"
            );
        }
        let shape = |v: &str, n: usize| {
            v.len() == n
                && v.bytes().enumerate().all(|(k, b)| {
                    if k == 4 || k == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        };
        let ok = match (e.date.precision, e.date.value.as_deref()) {
            (Precision::Day, Some(v)) => shape(v, 10),
            (Precision::Month, Some(v)) => shape(v, 7),
            (Precision::Year, Some(v)) => shape(v, 4),
            (Precision::Unknown, None) => true,
            _ => false,
        };
        assert!(ok, "date value and precision disagree {:?}", e.date);
        serde_json::to_string(&e).expect("an event serialises");
    }
});
