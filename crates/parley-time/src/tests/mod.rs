//! Unit tests. Sentences are synthetic, written for these tests.

mod find;
mod property;
mod publication;
mod resolve;

use crate::{find_time_expressions, NaiveDate, TimeExpr};

/// A date that the test itself spells out; an invalid one is a bug in the test.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A plain calendar expression.
pub(crate) fn cal(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> TimeExpr {
    TimeExpr::Calendar {
        year,
        month,
        day,
        day_end: None,
        weekday: None,
        anchor: None,
    }
}

/// (matched text, expression) for every mention in `text`.
pub(crate) fn found(text: &str) -> Vec<(String, TimeExpr)> {
    find_time_expressions(text)
        .into_iter()
        .map(|m| {
            (
                text.get(m.start..m.end).unwrap_or("<bad span>").to_string(),
                m.expr,
            )
        })
        .collect()
}

/// The single mention in `text`; fails the test when there is not exactly one.
pub(crate) fn only(text: &str) -> (String, TimeExpr) {
    let all = found(text);
    assert_eq!(
        all.len(),
        1,
        "expected one mention in {text:?}, got {all:?}"
    );
    all.into_iter()
        .next()
        .unwrap_or((String::new(), TimeExpr::VaguePast))
}
