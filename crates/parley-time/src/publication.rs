//! The article's own date, from its header.
//!
//! Conservative by design: a wrong publication date shifts every relative date in the
//! article, while a missing one only makes them Unknown. So only the header area is read,
//! and only dates whose line has a header shape (a date alone, a byline, a "Published:"
//! label, a dateline) count; a date inside a body sentence never does.

use crate::find::find_time_expressions;
use crate::lexicon;
use crate::token::{tokenize, Kind, Tok};
use crate::{PublicationDate, TimeExpr, TimeMention};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// How many non-empty lines from the top count as the header.
const HEADER_LINES: usize = 12;
/// Lines starting at or beyond this byte offset are not header.
const HEADER_BYTES: usize = 1500;
/// Longer lines are body paragraphs: only the dateline rule looks at them.
const MAX_HEADER_LINE: usize = 300;

/// Parses "YYYY-MM-DD", or the date part of "YYYY-MM-DDTHH:MM:SS..." / "YYYY-MM-DD HH:MM".
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date = s.get(..10)?;
    let rest = s.get(10..)?;
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let b = date.as_bytes();
    let shape_ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    let year = date.get(0..4)?.parse().ok()?;
    let month = date.get(5..7)?.parse().ok()?;
    let day = date.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A header line with its byte offset in the text.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn header_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        if start >= HEADER_BYTES || out.len() >= HEADER_LINES {
            break;
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() {
            out.push(Line { start, text: line });
        }
    }
    out
}

/// Words that may sit next to a header date without making the line prose.
const JUNK_WORDS: &[&str] = &[
    "update",
    "updated",
    "last",
    "published",
    "posted",
    "on",
    "at",
    "am",
    "pm",
    "a",
    "m",
    "gmt",
    "utc",
    "msk",
    "amt",
    "azt",
    "trt",
    "est",
    "edt",
    "cet",
    "cest",
    "eet",
    "eest",
    "bst",
    "pst",
    "pdt",
    "t",
    "z",
    "h",
    "hrs",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];
/// Separator characters of header lines.
const SEPARATORS: &[&str] = &["|", "-", "–", "—", "•", "·", "/", ",", ":", "*", "»", "›"];
/// Characters that may wrap a standalone date.
const WRAPPERS: &[&str] = &[
    "|", "-", "–", "—", "•", "·", "/", ",", ":", "*", "»", "›", "(", ")", "[", "]", ".", "+",
];
const PUBLISHED_WORDS: &[&str] = &[
    "published",
    "posted",
    "created",
    "released",
    "publication",
    "date",
    "dated",
    "yayınlanma",
    "yayın",
    "tarihi",
    "опубликовано",
    "дата",
    "publié",
    "publie",
    "veröffentlicht",
    "publicado",
    "fecha",
];
const UPDATED_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "last",
    "güncelleme",
    "güncellenme",
    "обновлено",
];

fn is_junk(t: &Tok<'_>) -> bool {
    match t.kind {
        Kind::Punct => WRAPPERS.contains(&t.text),
        // Parts of a time ("15:05:34"); years and other long numbers are content.
        Kind::Num => t.len() <= 2,
        Kind::Word => {
            JUNK_WORDS.contains(&t.lower.as_ref()) || lexicon::weekday(t.lower.as_ref()).is_some()
        }
    }
}

/// What the text before the date on a header line looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// Nothing but bullets, separators or a weekday.
    Empty,
    /// "Published:", "Posted on", "Date:".
    Published,
    /// "Updated:", "Last update".
    Updated,
    /// A short run of (mostly capitalised) name words ending in a separator.
    Byline,
    Other,
}

fn classify_prefix(toks: &[&Tok<'_>]) -> Prefix {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.lower.as_ref())
        .collect();
    let has_digits = toks.iter().any(|t| t.kind == Kind::Num);
    let prose_punct = toks
        .iter()
        .any(|t| matches!(t.text, "!" | "?" | ";" | "\"" | "“" | "”" | "«"));
    if words.len() > 8 || has_digits || prose_punct {
        return Prefix::Other;
    }
    if words.iter().any(|w| PUBLISHED_WORDS.contains(w)) {
        return Prefix::Published;
    }
    if words.iter().any(|w| UPDATED_WORDS.contains(w)) {
        return Prefix::Updated;
    }
    // Only bullets, separators and a weekday: "On 28.11.2023 ..." opens a sentence, so a
    // plain "on" or "at" in front does not count as empty.
    let empty = toks
        .iter()
        .all(|t| is_junk(t) && (t.kind != Kind::Word || lexicon::weekday(&t.lower).is_some()));
    if empty {
        return Prefix::Empty;
    }
    let Some(last) = toks.last() else {
        return Prefix::Empty;
    };
    let starts_with_by = words.first() == Some(&"by");
    let ends_with_separator = (last.kind == Kind::Punct && SEPARATORS.contains(&last.text))
        || (starts_with_by && last.lower == "on");
    let capitalised = toks
        .iter()
        .filter(|t| t.kind == Kind::Word && t.is_capitalized())
        .count();
    let name_like = capitalised * 2 >= words.len();
    if ends_with_separator && name_like && !words.is_empty() {
        Prefix::Byline
    } else {
        Prefix::Other
    }
}

/// What the text after the date on a header line looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    /// Nothing but a time, "Update", separators, or other dates.
    Junk,
    /// Then " | Armenia | Politics": short section labels between bars.
    Labels,
    /// Then "by Staff Writer".
    By,
    /// Then a separator and anything else ("- " and another calendar).
    SeparatorThenOther,
    Other,
}

fn classify_suffix(toks: &[&Tok<'_>]) -> Suffix {
    let first_content = toks.iter().position(|t| !is_junk(t));
    let Some(cut) = first_content else {
        return Suffix::Junk;
    };
    let (junk, rest) = toks.split_at(cut);
    let is_bar = |t: &&Tok<'_>| matches!(t.text, "|" | "•" | "·");
    if rest.first().is_some_and(|t| t.lower == "by") {
        let words = rest.iter().skip(1).take_while(|t| !is_junk(t)).count();
        let tail_ok = rest.iter().skip(1 + words).all(|t| is_junk(t));
        if (1..=5).contains(&words) && tail_ok && rest.iter().all(|t| t.kind != Kind::Num) {
            return Suffix::By;
        }
    }
    if junk.iter().any(is_bar) {
        // Segments between bars must be short labels without numbers or prose.
        let segments_ok = rest.split(|t| is_bar(t)).all(|seg| {
            let words = seg.iter().filter(|t| t.kind == Kind::Word).count();
            words <= 4
                && seg
                    .iter()
                    .all(|t| t.kind == Kind::Word || is_junk(t) && t.kind != Kind::Num)
        });
        if segments_ok {
            return Suffix::Labels;
        }
    }
    if junk
        .iter()
        .any(|t| t.kind == Kind::Punct && SEPARATORS.contains(&t.text))
    {
        return Suffix::SeparatorThenOther;
    }
    Suffix::Other
}

/// "YEREVAN, ", "MOSCOW, ", "BAKU, Azerbaijan, " at the start of a line.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s•]*\p{Lu}[\p{Lu}\p{M}'’.\-]+(?:[ \-]\p{Lu}[\p{Lu}\p{M}'’.\-]+){0,3}(?:,\s*\p{Lu}[\p{L}\p{M}.]*(?:\s\p{Lu}[\p{L}\p{M}.]*){0,2})?\s*,\s*",
    )
    .expect("dateline regex is valid")
});

fn full_date(m: &TimeMention) -> Option<NaiveDate> {
    match m.expr {
        TimeExpr::Calendar {
            year: Some(y),
            month: Some(mo),
            day: Some(d),
            ..
        } => NaiveDate::from_ymd_opt(y, mo, d),
        _ => None,
    }
}

/// A candidate: (score, date, start, end, how).
type Candidate = (u8, NaiveDate, usize, usize, &'static str);

/// The header-shape rules for one line holding a full date.
fn line_candidate(line: &Line<'_>, mentions: &[TimeMention]) -> Option<Candidate> {
    if line.text.len() > MAX_HEADER_LINE {
        return None;
    }
    let dated: Vec<(&TimeMention, NaiveDate)> = mentions
        .iter()
        .filter_map(|m| full_date(m).map(|d| (m, d)))
        .collect();
    let (first, date) = *dated.first()?;
    let toks = tokenize(line.text);
    let inside = |t: &Tok<'_>| {
        dated
            .iter()
            .any(|(m, _)| t.start >= m.start && t.end <= m.end)
    };
    let prefix: Vec<&Tok<'_>> = toks.iter().filter(|t| t.end <= first.start).collect();
    let suffix: Vec<&Tok<'_>> = toks
        .iter()
        .filter(|t| t.start >= first.end && !inside(t))
        .collect();
    let (score, how) = match (classify_prefix(&prefix), classify_suffix(&suffix)) {
        (Prefix::Empty, Suffix::Junk) => (6, "standalone header line"),
        (Prefix::Published, Suffix::Junk | Suffix::By | Suffix::Labels) => (5, "published label"),
        (Prefix::Byline, Suffix::Junk | Suffix::Labels) => (5, "byline"),
        (Prefix::Empty, Suffix::By) => (5, "byline"),
        (Prefix::Empty, Suffix::Labels) => (4, "standalone header line"),
        (Prefix::Updated, Suffix::Junk) => (3, "updated label"),
        // Prose ends with a full stop; header lines hardly ever do.
        (Prefix::Empty, Suffix::SeparatorThenOther)
            if !line.text.trim_end().ends_with(['.', '!', '?']) =>
        {
            (1, "header line prefix")
        }
        _ => return None,
    };
    Some((
        score,
        date,
        line.start + first.start,
        line.start + first.end,
        how,
    ))
}

/// The year of a short header line that holds nothing but a dated expression ("2021",
/// "May 2021"), for completing a dateline without a year.
fn header_year(line: &Line<'_>) -> Option<i32> {
    if line.text.trim().chars().count() > 40 {
        return None;
    }
    let mentions = find_time_expressions(line.text);
    let [m] = mentions.as_slice() else {
        return None;
    };
    let TimeExpr::Calendar { year: Some(y), .. } = m.expr else {
        return None;
    };
    let toks = tokenize(line.text);
    toks.iter()
        .filter(|t| t.start < m.start || t.end > m.end)
        .all(|t| t.kind != Kind::Word && is_junk(t))
        .then_some(y)
}

/// "YEREVAN, May 19. /TASS/." / "MOSCOW, November 28, 2023 (Reuters) -".
fn dateline_candidate(
    line: &Line<'_>,
    mentions: &[TimeMention],
    header: &[Line<'_>],
) -> Option<Candidate> {
    let lead = DATELINE.find(line.text)?;
    let first_word: String = line
        .text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '•')
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    if first_word.chars().count() < 3 {
        return None;
    }
    let m = mentions.iter().find(|m| m.start == lead.end())?;
    let TimeExpr::Calendar {
        year,
        month: Some(month),
        day: Some(day),
        ..
    } = m.expr
    else {
        return None;
    };
    let after = line.text.get(m.end..)?.trim_start();
    let closes =
        after.is_empty() || after.starts_with(['.', '(', '/', '-', '–', '—', ':', ',', '[']);
    if !closes {
        return None;
    }
    let year = match year {
        Some(y) => y,
        None => {
            let mut years: Vec<i32> = header.iter().filter_map(header_year).collect();
            years.sort_unstable();
            years.dedup();
            let [y] = years.as_slice() else {
                return None;
            };
            *y
        }
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some((
        4,
        date,
        line.start + m.start,
        line.start + m.end,
        "dateline",
    ))
}

/// Finds the article's own date in its header (the first 12 non-empty lines, and nothing
/// starting after byte 1500).
///
/// Rules, strongest first; among equals the earliest line wins:
/// * "standalone header line": a full date alone on its line, give or take a time, a
///   weekday, "Update : " and another date or separators ("28.11.2023 - Update : 29.11.2023"
///   gives 2023-11-28); also with trailing section labels ("24-06-2011 15:05:34 | Armenia |
///   Politics");
/// * "published label": "Published: ...", "Posted on ... by ...";
/// * "byline": "Rabia Iclal Turan | 28.11.2023", "28.11.2023 by Staff";
/// * "dateline": "YEREVAN, May 19, 2021 /TASS/"; without a year only if a short header line
///   gives exactly one year;
/// * "updated label": "Updated: ...";
/// * "header line prefix": a date opening a line and followed by a separator and other text
///   ("24 Kasım 2024 - " followed by another calendar), taken only if nothing better exists.
///
/// Dates inside prose never count. Returns `None` when nothing qualifies.
pub fn detect_publication_date(text: &str) -> Option<PublicationDate> {
    let header = header_lines(text);
    let mut best: Option<Candidate> = None;
    for line in &header {
        let mentions = find_time_expressions(line.text);
        if mentions.is_empty() {
            continue;
        }
        let found = [
            line_candidate(line, &mentions),
            dateline_candidate(line, &mentions, &header),
        ];
        for cand in found.into_iter().flatten() {
            if best.is_none_or(|b| cand.0 > b.0) {
                best = Some(cand);
            }
        }
    }
    best.map(|(_, date, start, end, how)| PublicationDate {
        date,
        start,
        end,
        how,
    })
}
