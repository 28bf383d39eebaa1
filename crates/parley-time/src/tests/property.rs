//! Randomised robustness checks: nothing panics, spans are ordered, non-overlapping and on
//! char boundaries, whatever the input. A small xorshift generator keeps this free of
//! extra dependencies and reproducible.

use crate::{
    detect_publication_date, find_time_expressions, resolve, years_matching_weekday, NaiveDate,
    Tense, Weekday,
};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// Pieces that exercise every pattern, including multi-byte letters next to digits.
const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    ".",
    ",",
    "-",
    "–",
    "/",
    ":",
    "(",
    ")",
    "'",
    "’",
    "|",
    "•",
    "0",
    "1",
    "2",
    "9",
    "12",
    "13",
    "28",
    "31",
    "2023",
    "2099",
    "1990",
    "2150",
    "May",
    "may",
    "Nov",
    "Nov.",
    "September",
    "Eylül",
    "Kasım",
    "мая",
    "марта",
    "г",
    "года",
    "septembre",
    "1er",
    "März",
    "de",
    "of",
    "and",
    "the",
    "in",
    "on",
    "last",
    "next",
    "this",
    "Monday",
    "Sunday",
    "s",
    "today",
    "yesterday",
    "earlier",
    "week",
    "weeks",
    "days",
    "ago",
    "two",
    "a",
    "few",
    "coming",
    "soon",
    "as",
    "Հայաստան",
    "Ա",
    "ё",
    "ß",
    "İ",
    "ı",
    "🙂",
    "\u{301}",
    "e\u{301}",
    "YEREVAN",
    "Published",
    "Update",
    "T",
    "th",
    "st",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..pieces {
        s.push_str(rng.pick(PIECES));
    }
    s
}

fn random_chars(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| {
            let c = match rng.below(4) {
                0 => u32::try_from(rng.below(128)).unwrap_or(32),
                1 => 0x0400 + u32::try_from(rng.below(0x100)).unwrap_or(0),
                2 => 0x0530 + u32::try_from(rng.below(0x60)).unwrap_or(0),
                _ => u32::try_from(rng.below(0x11_0000)).unwrap_or(0),
            };
            char::from_u32(c).unwrap_or('?')
        })
        .collect()
}

fn check_text(text: &str) {
    let mentions = find_time_expressions(text);
    let mut last_end = 0;
    for m in &mentions {
        assert!(m.start < m.end, "empty span in {text:?}");
        assert!(m.start >= last_end, "overlap or disorder in {text:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.end <= text.len());
        last_end = m.end;
        for reference in [
            None,
            NaiveDate::from_ymd_opt(2023, 11, 28),
            Some(NaiveDate::MIN),
            Some(NaiveDate::MAX),
        ] {
            for tense in [Tense::Past, Tense::Future] {
                let _ = resolve(&m.expr, reference, tense);
            }
        }
    }
    if let Some(p) = detect_publication_date(text) {
        assert!(p.start < p.end && p.end <= text.len());
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
    }
}

#[test]
fn random_piece_strings_do_not_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = rng.below(40);
        let text = random_text(&mut rng, n);
        check_text(&text);
    }
}

#[test]
fn random_unicode_does_not_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..2000 {
        let n = rng.below(60);
        let text = random_chars(&mut rng, n);
        check_text(&text);
    }
}

#[test]
fn long_inputs_do_not_panic() {
    let mut rng = Rng(42);
    let text = random_text(&mut rng, 50_000);
    check_text(&text);
    check_text(&"9".repeat(100_000));
    check_text(&"Ա".repeat(50_000));
    check_text(&"28.11.2023 ".repeat(5_000));
    check_text(&"\n".repeat(10_000));
}

#[test]
fn extreme_resolution_inputs() {
    use crate::{PeriodUnit, TimeExpr, WeekShift};
    let exprs = [
        TimeExpr::DayOffset(i32::MAX),
        TimeExpr::DayOffset(i32::MIN),
        TimeExpr::Period {
            unit: PeriodUnit::Week,
            offset: i32::MIN,
        },
        TimeExpr::Period {
            unit: PeriodUnit::Month,
            offset: i32::MAX,
        },
        TimeExpr::Period {
            unit: PeriodUnit::Year,
            offset: i32::MAX,
        },
        TimeExpr::Weekday {
            weekday: Weekday::Sun,
            shift: WeekShift::Next,
        },
        TimeExpr::Calendar {
            year: Some(i32::MAX),
            month: Some(u32::MAX),
            day: Some(u32::MAX),
            day_end: Some(0),
            weekday: None,
            anchor: Some(i32::MIN),
        },
        TimeExpr::Calendar {
            year: None,
            month: Some(12),
            day: Some(31),
            day_end: Some(1),
            weekday: None,
            anchor: None,
        },
    ];
    for e in &exprs {
        for reference in [Some(NaiveDate::MIN), Some(NaiveDate::MAX), None] {
            for tense in [Tense::Past, Tense::Future] {
                let _ = resolve(e, reference, tense);
            }
        }
    }
    assert!(years_matching_weekday(1, 1, Weekday::Mon, i32::MAX - 1, i32::MAX).is_empty());
    let _ = years_matching_weekday(1, 1, Weekday::Mon, i32::MIN, i32::MIN + 3);
}
