//! Arbitrary text through parley-time: finding time expressions, resolving each against a
//! reference date in both tenses, detecting the publication date, parsing ISO dates.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use parley_time::{
    detect_publication_date, find_time_expressions, parse_iso_date, resolve, Precision, Tense,
};

fuzz_target!(|data: &[u8]| {
    let (reference, rest) = match data {
        [a, b, rest @ ..] => {
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
    let text = text.as_ref();
    for m in find_time_expressions(text) {
        assert!(
            m.start <= m.end && m.end <= text.len(),
            "mention out of range {m:?}"
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "not a char boundary {m:?}"
        );
        for tense in [Tense::Past, Tense::Future] {
            for r in [reference, None] {
                let d = resolve(&m.expr, r, tense);
                let n = match d.precision {
                    Precision::Day => Some(10),
                    Precision::Month => Some(7),
                    Precision::Year => Some(4),
                    Precision::Unknown => None,
                };
                assert_eq!(
                    d.value.as_ref().map(String::len),
                    n,
                    "value and precision disagree {d:?} for {m:?}"
                );
            }
        }
    }
    if let Some(p) = detect_publication_date(text) {
        assert!(
            p.start <= p.end && p.end <= text.len(),
            "publication date out of range {p:?}"
        );
    }
    let _ = parse_iso_date(text);
});
