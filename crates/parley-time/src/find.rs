//! Finding temporal expressions: one pass over the tokens, trying at each token every
//! pattern that can start there and keeping the longest match.

use crate::lexicon::{self, MonthWord, MONTHS};
use crate::token::{tokenize_lowered, Kind, Tok};
use crate::{PeriodUnit, TimeExpr, TimeMention, WeekShift};
use chrono::Weekday;
use std::sync::LazyLock;

/// Finds the temporal expressions in `text`: non-overlapping, in text order; where several
/// patterns start at the same place the longest wins ("earlier this week" over "earlier").
///
/// Prepositions before an expression are context, not part of it: "on Monday" gives the
/// span of "Monday", "in 2020" the span of "2020". Words that change the meaning are kept
/// ("last Friday", "earlier this month", "in the coming days").
///
/// Numeric dates are read day-first ("28.11.2023", "28/11/2023", "24-06-2011"), or
/// year-first when the first number has four digits ("2023-11-28", "2023/11/28"). A
/// numeric date is read month-first ("11/28/2023") only when day-first is impossible
/// because the second number is above 12 and the first is not. Two-digit years are not
/// read at all (too ambiguous with scores and references). Only years 1990–2099 count, and
/// impossible dates ("30 February 2023") are dropped silently.
pub fn find_time_expressions(text: &str) -> Vec<TimeMention> {
    // One lower-cased copy of the text for the tokens' lower-case forms (ASCII words borrow
    // from it), not one `String` per capitalised word.
    let lowered = text.to_ascii_lowercase();
    let toks = tokenize_lowered(text, &lowered);
    let m = Matcher { t: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match m.best_at(i) {
            Some((end, expr)) if end > i => {
                let start = toks.get(i).map(|t| t.start);
                let stop = toks.get(end - 1).map(|t| t.end);
                if let (Some(start), Some(stop)) = (start, stop) {
                    out.push(TimeMention {
                        start,
                        end: stop,
                        expr,
                    });
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The pieces of a calendar date found so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    day_end: Option<u32>,
}

impl Parts {
    fn expr(self, weekday: Option<Weekday>, anchor: Option<i32>) -> TimeExpr {
        TimeExpr::Calendar {
            year: self.year,
            month: self.month,
            day: self.day,
            day_end: self.day_end,
            weekday,
            anchor,
        }
    }
}

/// Punctuation that glues digits into one number-like thing: "3.5", "1,200", "10:30", "1/2".
const NUM_GLUE: &[&str] = &[".", ",", ":", "/"];
/// Range dashes.
const DASHES: &[&str] = &["-", "–", "—"];
/// Apostrophes of a possessive "Sunday's".
const APOSTROPHES: &[&str] = &["'", "’"];
/// English ordinal suffixes and the French "1er".
const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er"];
/// Russian year markers after a year: "2021 г.", "2021 года".
const RU_YEAR: &[&str] = &["г", "гг", "года", "году", "год"];

/// Years outside this range are not taken as years (they are counts or references).
pub(crate) const MIN_YEAR: i32 = 1990;
/// See [`MIN_YEAR`].
pub(crate) const MAX_YEAR: i32 = 2099;

/// Days in `month` of `year`, or of a leap year when the year is not known (so that
/// "29 February" without a year is kept).
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Whether day (and day_end) fit the month, and the full date exists when the year is known.
fn valid(p: &Parts) -> bool {
    let Some(month) = p.month else {
        return p.day.is_none();
    };
    if !(1..=12).contains(&month) {
        return false;
    }
    let max = days_in_month(p.year, month);
    let day_ok = p.day.is_none_or(|d| (1..=max).contains(&d));
    let end_ok = p
        .day_end
        .is_none_or(|e| e <= max && p.day.is_some_and(|d| e > d));
    day_ok && end_ok
}

/// A pattern element of a fixed phrase.
#[derive(Debug, Clone, Copy)]
enum P {
    /// This exact lower-case word.
    W(&'static str),
    /// Any of these lower-case words.
    A(&'static [&'static str]),
    /// A small count: digits 1–99 or a number word ("two", "a").
    N,
}

/// What a fixed phrase means.
#[derive(Debug, Clone, Copy)]
enum Out {
    Off(i32),
    /// "COUNT UNIT ago": minus the count, in the unit of the matched unit word.
    Ago,
    /// "in COUNT UNIT": plus the count.
    In,
    /// last/this/next UNIT: the offset in the unit of the matched unit word.
    Per(i32),
    Vf,
    Vp,
}

const UNIT_WORDS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years",
];
const PERIOD_UNITS: &[&str] = &["week", "month", "year"];
const PLURAL_UNITS: &[&str] = &["days", "weeks", "months"];
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];
const TIMES_OF_DAY: &[&str] = &["morning", "afternoon", "evening"];

/// Fixed English phrases. Order does not matter: all are tried and the longest wins.
const PHRASES: &[(&[P], Out)] = {
    use P::*;
    &[
        (&[W("today")], Out::Off(0)),
        (&[W("tonight")], Out::Off(0)),
        (&[W("this"), A(TIMES_OF_DAY)], Out::Off(0)),
        (&[W("earlier"), W("this"), A(TIMES_OF_DAY)], Out::Off(0)),
        (&[W("later"), W("this"), A(TIMES_OF_DAY)], Out::Off(0)),
        (&[W("earlier"), W("today")], Out::Off(0)),
        (&[W("later"), W("today")], Out::Off(0)),
        (&[W("earlier"), W("in"), W("the"), W("day")], Out::Off(0)),
        (&[W("later"), W("in"), W("the"), W("day")], Out::Off(0)),
        (&[W("on"), W("the"), W("same"), W("day")], Out::Off(0)),
        (&[W("the"), W("same"), W("day")], Out::Off(0)),
        (&[W("yesterday")], Out::Off(-1)),
        (&[W("yesterday"), A(DAY_PARTS)], Out::Off(-1)),
        (&[W("last"), A(&["night", "evening"])], Out::Off(-1)),
        (&[W("tomorrow")], Out::Off(1)),
        (&[W("tomorrow"), A(DAY_PARTS)], Out::Off(1)),
        (
            &[W("the"), W("day"), W("before"), W("yesterday")],
            Out::Off(-2),
        ),
        (
            &[W("the"), W("day"), W("after"), W("tomorrow")],
            Out::Off(2),
        ),
        (&[N, A(UNIT_WORDS), W("ago")], Out::Ago),
        (&[W("in"), N, A(UNIT_WORDS)], Out::In),
        (&[W("in"), N, A(UNIT_WORDS), W("time")], Out::In),
        (&[W("last"), A(PERIOD_UNITS)], Out::Per(-1)),
        (
            &[W("the"), A(&["previous", "preceding"]), A(PERIOD_UNITS)],
            Out::Per(-1),
        ),
        (&[W("this"), A(PERIOD_UNITS)], Out::Per(0)),
        (&[W("earlier"), W("this"), A(PERIOD_UNITS)], Out::Per(0)),
        (&[W("later"), W("this"), A(PERIOD_UNITS)], Out::Per(0)),
        (&[W("next"), A(PERIOD_UNITS)], Out::Per(1)),
        (&[W("a"), W("few"), A(UNIT_WORDS), W("ago")], Out::Vp),
        (&[W("few"), A(UNIT_WORDS), W("ago")], Out::Vp),
        (&[W("several"), A(UNIT_WORDS), W("ago")], Out::Vp),
        (&[W("recently")], Out::Vp),
        (&[W("recent")], Out::Vp),
        (&[W("lately")], Out::Vp),
        (&[W("earlier")], Out::Vp),
        (&[W("the"), W("other"), W("day")], Out::Vp),
        (&[W("in"), W("recent"), A(UNIT_WORDS)], Out::Vp),
        (
            &[W("in"), W("the"), A(&["past", "last"]), A(PLURAL_UNITS)],
            Out::Vp,
        ),
        (
            &[
                W("in"),
                W("the"),
                A(&["past", "last"]),
                W("few"),
                A(PLURAL_UNITS),
            ],
            Out::Vp,
        ),
        (
            &[W("the"), A(&["past", "last"]), W("few"), A(PLURAL_UNITS)],
            Out::Vp,
        ),
        (&[W("soon")], Out::Vf),
        (&[W("shortly")], Out::Vf),
        (&[W("in"), W("the"), W("coming"), A(PLURAL_UNITS)], Out::Vf),
        (&[W("the"), W("coming"), A(PLURAL_UNITS)], Out::Vf),
        (&[W("in"), W("coming"), A(PLURAL_UNITS)], Out::Vf),
        (&[W("coming"), A(PLURAL_UNITS)], Out::Vf),
        (
            &[W("in"), W("the"), W("near"), A(&["future", "term"])],
            Out::Vf,
        ),
        (&[W("the"), W("near"), W("future")], Out::Vf),
        (&[W("in"), W("the"), W("next"), A(PLURAL_UNITS)], Out::Vf),
        (
            &[W("in"), W("the"), W("next"), W("few"), A(PLURAL_UNITS)],
            Out::Vf,
        ),
        (&[W("the"), W("next"), W("few"), A(PLURAL_UNITS)], Out::Vf),
        (&[W("next"), W("few"), A(PLURAL_UNITS)], Out::Vf),
        (&[W("in"), W("the"), A(PLURAL_UNITS), W("ahead")], Out::Vf),
        (
            &[W("in"), W("the"), A(PLURAL_UNITS), W("to"), W("come")],
            Out::Vf,
        ),
    ]
};

/// Key under which phrases starting with a count are filed.
const COUNT_KEY: &str = "#";

/// Phrases by their first word, so each token only tries the phrases that can start there.
static PHRASE_INDEX: LazyLock<lexicon::WordMap<Vec<usize>>> = LazyLock::new(|| {
    let mut map: lexicon::WordMap<Vec<usize>> = lexicon::WordMap::default();
    for (idx, (pat, _)) in PHRASES.iter().enumerate() {
        let keys: Vec<&'static str> = match pat.first() {
            Some(P::W(w)) => vec![*w],
            Some(P::A(ws)) => ws.to_vec(),
            Some(P::N) => vec![COUNT_KEY],
            None => Vec::new(),
        };
        for k in keys {
            map.entry(k).or_default().push(idx);
        }
    }
    map
});

fn unit_of(word: &str) -> Option<PeriodUnit> {
    match word {
        "week" | "weeks" => Some(PeriodUnit::Week),
        "month" | "months" => Some(PeriodUnit::Month),
        "year" | "years" => Some(PeriodUnit::Year),
        _ => None,
    }
}

/// Pattern matching over a token slice. Every accessor returns `None`/`false` past the
/// end, so patterns can look ahead freely without bounds checks.
struct Matcher<'t, 'a> {
    t: &'t [Tok<'a>],
}

impl<'a> Matcher<'_, 'a> {
    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.t.get(i)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.tok(i).map(|t| t.kind)
    }

    /// Lower-case text of a word token.
    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.lower.as_ref())
    }

    /// Lower-case word before token `i`, if any.
    fn word_before(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).and_then(|p| self.word(p))
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn is_word_in(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i).is_some_and(|w| ws.contains(&w))
    }

    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Punct && set.contains(&t.text))
    }

    /// Token `i` exists and is on the same line as the token before it: expressions never
    /// continue across a line break (headers put unrelated numbers on the next line).
    fn same_line(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.newline_before)
    }

    /// Token `i` exists and follows the previous token without whitespace.
    fn adjacent(&self, i: usize) -> bool {
        i > 0 && self.tok(i).is_some_and(|t| !t.space_before)
    }

    /// Token `i` (a number) continues a number on its left: "1,[200]", "3.[5]", "F[16]".
    fn glued_before(&self, i: usize) -> bool {
        if !self.adjacent(i) {
            return false;
        }
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        if self.kind(p) == Some(Kind::Word) {
            return true;
        }
        self.is_punct(p, NUM_GLUE)
            && self.adjacent(p)
            && p.checked_sub(1).and_then(|q| self.kind(q)) == Some(Kind::Num)
    }

    /// Token `i` (a number) continues into a number on its right: "[3].5", "[1],200",
    /// "[10]:30", or is glued to a unit or percent sign ("[5]km", "[30]%").
    fn glued_after(&self, i: usize, allowed_words: &[&str]) -> bool {
        if !self.adjacent(i + 1) {
            return false;
        }
        match self.kind(i + 1) {
            Some(Kind::Word) => !self.is_word_in(i + 1, allowed_words),
            Some(Kind::Num) => true,
            Some(Kind::Punct) => {
                self.is_punct(i + 1, &["%"])
                    || (self.is_punct(i + 1, NUM_GLUE)
                        && self.adjacent(i + 2)
                        && self.kind(i + 2) == Some(Kind::Num))
            }
            None => false,
        }
    }

    /// "on the 20th", "in the night of the 13th,": a day of a month the text does not name
    /// (the month of the reference date, resolved by tense). Only "the" + a day with an ordinal
    /// suffix, followed by punctuation, the end, or a word that cannot make it a rank ("the
    /// 12th round" is no date; "the 14th of December" is read whole by the day-month rules).
    fn bare_day_at(&self, i: usize) -> Option<(TimeExpr, usize)> {
        if self.tok(i)?.lower != "the" {
            return None;
        }
        let num = self.tok(i + 1)?;
        if num.kind != Kind::Num || num.len() > 2 {
            return None;
        }
        if !(self.adjacent(i + 2) && self.is_word_in(i + 2, ORDINALS)) {
            return None;
        }
        let d = num.value().filter(|d| (1..=31).contains(d))?;
        let ends = match self.tok(i + 3) {
            None => true,
            Some(t) if t.kind == Kind::Punct => !matches!(t.text, "-" | "–" | "—" | "/"),
            Some(t) => {
                t.kind == Kind::Word
                    && matches!(
                        t.lower.as_ref(),
                        "at" | "in"
                            | "and"
                            | "when"
                            | "with"
                            | "after"
                            | "before"
                            | "during"
                            | "while"
                            | "as"
                    )
            }
        };
        ends.then_some((
            TimeExpr::Calendar {
                year: None,
                month: None,
                day: Some(d),
                day_end: None,
                weekday: None,
                anchor: None,
            },
            i + 3,
        ))
    }

    /// A day number 1–31 with an optional ordinal suffix; returns (day, next index).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.len() > 2 || self.glued_before(i) {
            return None;
        }
        if self.glued_after(i, ORDINALS) {
            return None;
        }
        let d = t.value().filter(|d| (1..=31).contains(d))?;
        let next = if self.adjacent(i + 1) && self.is_word_in(i + 1, ORDINALS) {
            i + 2
        } else {
            i + 1
        };
        Some((d, next))
    }

    /// A four-digit year in range with an optional Russian "г."/"года"; (year, next index).
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.len() != 4 || self.glued_before(i) {
            return None;
        }
        if self.glued_after(i, RU_YEAR) {
            return None;
        }
        let y = i32::try_from(t.value()?).ok()?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
            return None;
        }
        let mut next = i + 1;
        if self.is_word_in(next, RU_YEAR) {
            next += 1;
            if self.adjacent(next) && self.is_punct(next, &["."]) {
                next += 1;
            }
        }
        Some((y, next))
    }

    /// A month name (with the dot of an abbreviation); (word info, next index).
    fn month_at(&self, i: usize) -> Option<(MonthWord, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let mw = *MONTHS.get(t.lower.as_ref())?;
        if mw.needs_cap && !t.is_capitalized() {
            return None;
        }
        let next = if mw.abbrev && self.adjacent(i + 1) && self.is_punct(i + 1, &["."]) {
            i + 2
        } else {
            i + 1
        };
        Some((mw, next))
    }

    /// "28.11.2023", "28/11/2023", "24-06-2011", "2023-11-28", "11/28/2023".
    fn numeric_at(&self, i: usize) -> Option<(Parts, usize)> {
        let a = self.tok(i)?;
        let sep = self.tok(i + 1)?;
        let b = self.tok(i + 2)?;
        let c = self.tok(i + 4)?;
        if a.kind != Kind::Num
            || b.kind != Kind::Num
            || c.kind != Kind::Num
            || !(1..=4).all(|k| self.adjacent(i + k))
            || !matches!(sep.text, "." | "/" | "-")
            || !self.is_punct(i + 3, &[sep.text])
            || self.glued_before(i)
            || (i > 0 && self.adjacent(i) && self.is_punct(i - 1, DASHES))
            || self.glued_after(i + 4, &["t"])
            || (self.adjacent(i + 5) && self.is_punct(i + 5, DASHES) && self.adjacent(i + 6))
        {
            return None;
        }
        let (av, bv, cv) = (a.value()?, b.value()?, c.value()?);
        let parts = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
            Parts {
                year: Some(i32::try_from(av).ok()?),
                month: Some(bv),
                day: Some(cv),
                day_end: None,
            }
        } else if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
            let year = Some(i32::try_from(cv).ok()?);
            let day_first = Parts {
                year,
                month: Some(bv),
                day: Some(av),
                day_end: None,
            };
            if valid(&day_first) {
                day_first
            } else {
                // Month-first only when day-first cannot be meant ("11/28/2023").
                Parts {
                    year,
                    month: Some(av),
                    day: Some(bv),
                    day_end: None,
                }
            }
        } else {
            return None;
        };
        let year_ok = parts
            .year
            .is_some_and(|y| (MIN_YEAR..=MAX_YEAR).contains(&y));
        (year_ok && valid(&parts)).then_some((parts, i + 5))
    }

    /// The optional year after a day and month: ", 2022", " 2022", " de 2024", " 2021 г.".
    ///
    /// `Some((None, _))` means a year is written there but lies outside 1990–2099
    /// ("12 April 1970", "May 12, 1994"): the caller must drop the whole date rather than
    /// keep a yearless "12 April" that would then be put in the wrong year.
    fn trailing_year(&self, k: usize) -> Option<(Option<i32>, usize)> {
        if !self.same_line(k) {
            return None;
        }
        let mut j = k;
        if self.is_punct(j, &[","]) {
            j += 1;
        }
        if self.is_word_in(j, &["de", "del"]) {
            j += 1;
        }
        if let Some((y, e)) = self.year_at(j) {
            return Some((Some(y), e));
        }
        let t = self.tok(j)?;
        let year_shaped = t.kind == Kind::Num
            && t.len() == 4
            && t.value().is_some_and(|v| (1000..=2999).contains(&v))
            && !self.glued_before(j)
            && !self.glued_after(j, RU_YEAR);
        year_shaped.then_some((None, j + 1))
    }

    /// A second day after a range word: "13[-14]", "13[ and 14]".
    fn range_end(&self, j: usize, first: u32) -> Option<(u32, usize)> {
        let joined = self.is_punct(j, DASHES) || self.is_word_in(j, &["and", "to"]);
        if !joined || !self.same_line(j) || !self.same_line(j + 1) {
            return None;
        }
        let (d2, k) = self.day_at(j + 1)?;
        (d2 > first).then_some((d2, k))
    }

    /// Day before month: "30 May", "2. September 2024", "2 de septiembre de 2024",
    /// "19 мая 2021 года", "1er mars", "30th of May", "13-14 September".
    fn dmy_at(&self, i: usize) -> Option<(Parts, usize)> {
        let (day, mut j) = self.day_at(i)?;
        let mut day_end = None;
        if let Some((d2, k)) = self.range_end(j, day) {
            if self.month_at(k).is_some() {
                day_end = Some(d2);
                j = k;
            }
        }
        if day_end.is_none()
            && self.adjacent(j)
            && self.is_punct(j, &["."])
            && self.month_at(j + 1).is_some()
        {
            // German "2. September".
            j += 1;
        }
        if self.is_word_in(j, &["of", "de"]) && self.month_at(j + 1).is_some() {
            j += 1;
        }
        if !self.same_line(j) {
            return None;
        }
        let (mw, k) = self.month_at(j)?;
        let mut parts = Parts {
            year: None,
            month: Some(mw.month),
            day: Some(day),
            day_end,
        };
        let mut end = k;
        if let Some((y, e)) = self.trailing_year(k) {
            parts.year = Some(y?);
            end = e;
        }
        valid(&parts).then_some((parts, end))
    }

    /// Month first: "Nov. 30", "May 30, 2022", "September 13 and 14", "May 2022",
    /// "septiembre de 2024", or a month alone where that is safe ("in November").
    fn mdy_at(&self, i: usize) -> Option<(Parts, usize)> {
        let (mw, j) = self.month_at(i)?;
        if self.day_before(i) {
            return None;
        }
        if let Some((day, mut k)) = self.day_at(j).filter(|_| self.same_line(j)) {
            let mut parts = Parts {
                year: None,
                month: Some(mw.month),
                day: Some(day),
                day_end: None,
            };
            if let Some((d2, e)) = self.range_end(k, day) {
                parts.day_end = Some(d2);
                k = e;
            }
            if let Some((y, e)) = self.trailing_year(k) {
                parts.year = Some(y?);
                k = e;
            }
            // "February 30" is no date at all, not even the month.
            return valid(&parts).then_some((parts, k));
        }
        let month_only = Parts {
            month: Some(mw.month),
            ..Parts::default()
        };
        if let Some((y, e)) = self.trailing_year(j) {
            return Some((
                Parts {
                    year: Some(y?),
                    ..month_only
                },
                e,
            ));
        }
        if !mw.standalone || (mw.verb_like && !self.month_cue(i)) {
            return None;
        }
        Some((month_only, j))
    }

    /// Whether a number stands right before the month at `i` ("30 February", "30th of
    /// February"): day-first parsing already had its chance there, so a rejected date must
    /// not survive as a month or month-year.
    fn day_before(&self, i: usize) -> bool {
        let mut p = i;
        for _ in 0..3 {
            let Some(q) = p.checked_sub(1) else {
                return false;
            };
            match self.kind(q) {
                Some(Kind::Num) => return true,
                _ if self.is_punct(q, &["."]) || self.is_word_in(q, &["of", "de"]) => p = q,
                _ if self.is_word_in(q, ORDINALS) => p = q,
                _ => return false,
            }
        }
        false
    }

    /// Whether a bare month at `i` is introduced as a month: "in May", "mid-May",
    /// "April and May".
    fn month_cue(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        if self.is_word_in(p, lexicon::MONTH_CUES) {
            return true;
        }
        if self.is_punct(p, &["-"]) && p > 0 && self.is_word(p - 1, "mid") {
            return true;
        }
        let joiner = self.is_word_in(p, &["and", "or", "to"])
            || self.is_punct(p, &[",", "-", "–", "—", "/"]);
        joiner && p > 0 && self.month_at(p - 1).is_some()
    }

    /// A year alone, only where the words around make it a year: "in 2020", "since 2018",
    /// "mid-2021", "2020 and 2021", "the 2020 war".
    fn year_alone_at(&self, i: usize) -> Option<(Parts, usize)> {
        let (year, end) = self.year_at(i)?;
        let parts = Parts {
            year: Some(year),
            ..Parts::default()
        };
        let p = i.checked_sub(1)?;
        let cued = self.is_word_in(p, lexicon::YEAR_CUES)
            || (self.is_punct(p, &["-"]) && p > 0 && self.is_word(p - 1, "mid"))
            || ((self.is_word_in(p, &["and", "or", "to"]) || self.is_punct(p, DASHES))
                && p > 0
                && self.year_at(p - 1).is_some());
        if cued {
            return Some((parts, end));
        }
        if self.is_word_in(p, lexicon::YEAR_DETERMINERS) {
            let noun = self.tok(end).is_some_and(|t| {
                t.kind == Kind::Word
                    && (t.is_capitalized() || lexicon::EVENT_NOUNS.contains(&t.lower.as_ref()))
            });
            let range = self.is_punct(end, DASHES) && self.kind(end + 1) == Some(Kind::Num);
            if noun || range {
                return Some((parts, end));
            }
        }
        None
    }

    /// A date that has a day: what may follow a weekday or "today".
    fn day_date_at(&self, i: usize) -> Option<(Parts, usize)> {
        [self.numeric_at(i), self.dmy_at(i), self.mdy_at(i)]
            .into_iter()
            .flatten()
            .filter(|(p, _)| p.day.is_some())
            .max_by_key(|(_, e)| *e)
    }

    /// A date attached to a weekday or anchor word: "(30 May)", ", May 30, 2022", " 30 May".
    fn attached_date(&self, k: usize) -> Option<(Parts, usize)> {
        if !self.same_line(k) {
            return None;
        }
        if self.is_punct(k, &["("]) {
            let (p, e) = self.day_date_at(k + 1)?;
            let e = if self.is_punct(e, &[")"]) { e + 1 } else { e };
            return Some((p, e));
        }
        if self.is_punct(k, &[","]) {
            return self.day_date_at(k + 1);
        }
        self.day_date_at(k)
    }

    /// "Monday", "last Friday", "Sunday's", "Monday (30 May)", "Tuesday, May 31, 2022".
    fn weekday_at(&self, i: usize) -> Option<(TimeExpr, usize)> {
        let (shift, j) = match self.word(i)? {
            "last" | "past" => (WeekShift::Last, i + 1),
            "next" | "coming" => (WeekShift::Next, i + 1),
            "this" if self.is_word(i + 1, "coming") => (WeekShift::Next, i + 2),
            "this" => (WeekShift::This, i + 1),
            _ => (WeekShift::Bare, i),
        };
        let weekday = lexicon::weekday(self.word(j)?)?;
        let mut k = j + 1;
        if self.adjacent(k)
            && self.is_punct(k, APOSTROPHES)
            && self.adjacent(k + 1)
            && self.is_word(k + 1, "s")
        {
            k += 2;
        }
        if let Some((parts, e)) = self.attached_date(k) {
            return Some((parts.expr(Some(weekday), None), e));
        }
        Some((TimeExpr::Weekday { weekday, shift }, k))
    }

    /// "today (24 June)", "yesterday (23 June)".
    fn anchor_at(&self, i: usize) -> Option<(TimeExpr, usize)> {
        let anchor = match self.word(i)? {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => return None,
        };
        let (parts, e) = self.attached_date(i + 1)?;
        Some((parts.expr(None, Some(anchor)), e))
    }

    /// A count at token `i` for "two days ago": 1–99 in digits or a number word.
    fn count_at(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Num if t.len() <= 2 && !self.glued_before(i) && !self.glued_after(i, &[]) => {
                t.value().filter(|n| *n >= 1)
            }
            Kind::Word => lexicon::number_word(t.lower.as_ref()),
            _ => None,
        }
    }

    /// Whether the words at `i` continue a preceding "earlier": "on Wednesday", "in May",
    /// "than planned", "that day".
    fn leads_into_time(&self, i: usize) -> bool {
        if !self.same_line(i) {
            return false;
        }
        if self.is_word_in(
            i,
            &["on", "in", "than", "that", "this", "last", "next", "at"],
        ) {
            return true;
        }
        if self.kind(i) == Some(Kind::Num) {
            return true;
        }
        self.word(i)
            .is_some_and(|w| lexicon::weekday(w).is_some() || MONTHS.contains_key(w))
    }

    /// The longest fixed phrase starting at `i`.
    fn phrase_at(&self, i: usize) -> Option<(TimeExpr, usize)> {
        let t = self.tok(i)?;
        let key: &str = match t.kind {
            Kind::Num => COUNT_KEY,
            Kind::Word => t.lower.as_ref(),
            Kind::Punct => return None,
        };
        let mut best: Option<(TimeExpr, usize)> = None;
        let mut try_list = |list: &Vec<usize>| {
            for &idx in list {
                let Some((pat, out)) = PHRASES.get(idx) else {
                    continue;
                };
                if let Some((expr, end)) = self.match_phrase(i, pat, *out) {
                    if best.as_ref().is_none_or(|(_, e)| end > *e) {
                        best = Some((expr, end));
                    }
                }
            }
        };
        if let Some(list) = PHRASE_INDEX.get(key) {
            try_list(list);
        }
        if t.kind == Kind::Word && lexicon::number_word(key).is_some() {
            if let Some(list) = PHRASE_INDEX.get(COUNT_KEY) {
                try_list(list);
            }
        }
        best
    }

    fn match_phrase(&self, i: usize, pat: &[P], out: Out) -> Option<(TimeExpr, usize)> {
        let mut count = None;
        let mut unit = None;
        for (k, el) in pat.iter().enumerate() {
            let pos = i + k;
            if k > 0 && !self.same_line(pos) {
                return None;
            }
            match el {
                P::W(w) => {
                    if !self.is_word(pos, w) {
                        return None;
                    }
                }
                P::A(ws) => {
                    let w = self.word(pos).filter(|w| ws.contains(w))?;
                    if UNIT_WORDS.contains(&w) {
                        unit = Some(w);
                    }
                }
                P::N => count = Some(self.count_at(pos)?),
            }
        }
        let end = i + pat.len();
        let expr = match out {
            Out::Off(n) => TimeExpr::DayOffset(n),
            Out::Vf => {
                // "as soon as", "soon after the war", "shortly before the talks" are
                // conjunctions tied to another event, not a time of their own.
                let single = pat.len() == 1;
                if single
                    && (self.word_before(i) == Some("as")
                        || self.is_word_in(end, &["as", "after", "before", "afterwards"]))
                {
                    return None;
                }
                TimeExpr::VagueFuture
            }
            Out::Vp => {
                // A lone "earlier" that leads into another time ("earlier on Wednesday",
                // "earlier in May", "earlier than planned") is not a time of its own.
                if pat.len() == 1 && self.is_word(i, "earlier") && self.leads_into_time(end) {
                    return None;
                }
                TimeExpr::VaguePast
            }
            Out::Per(offset) => TimeExpr::Period {
                unit: unit_of(unit?)?,
                offset,
            },
            Out::Ago | Out::In => {
                let n = i32::try_from(count?).ok()?;
                let n = if matches!(out, Out::Ago) { -n } else { n };
                if matches!(out, Out::In) && self.is_word(end, "of") {
                    // "in two days of talks" is a duration.
                    return None;
                }
                match unit_of(unit?) {
                    Some(unit) => TimeExpr::Period { unit, offset: n },
                    None => TimeExpr::DayOffset(n),
                }
            }
        };
        Some((expr, end))
    }

    /// Every pattern that can start at token `i`; the longest wins, earlier in the list on
    /// ties (weekday and anchor forms before plain dates and phrases).
    fn best_at(&self, i: usize) -> Option<(usize, TimeExpr)> {
        let t = self.tok(i)?;
        let mut best: Option<(usize, TimeExpr)> = None;
        let mut offer = |cand: Option<(TimeExpr, usize)>| {
            if let Some((expr, end)) = cand {
                if best.as_ref().is_none_or(|(e, _)| end > *e) {
                    best = Some((end, expr));
                }
            }
        };
        let cal = |p: Option<(Parts, usize)>| p.map(|(p, e)| (p.expr(None, None), e));
        match t.kind {
            Kind::Num => {
                offer(cal(self.numeric_at(i)));
                offer(cal(self.dmy_at(i)));
                offer(cal(self.year_alone_at(i)));
                offer(self.phrase_at(i));
            }
            Kind::Word => {
                offer(self.weekday_at(i));
                offer(self.anchor_at(i));
                offer(cal(self.mdy_at(i)));
                offer(self.phrase_at(i));
                offer(self.bare_day_at(i));
            }
            Kind::Punct => {}
        }
        best
    }
}
