//! A literal prefilter for the boilerplate patterns on pure-ASCII lines.
//!
//! Most lines of an article are body sentences that match no rule, yet every rule without a
//! `max_words` limit below the line's length ran its patterns over them: ~17 regex searches per
//! line, most of them unanchored scans (the footer disclaimers), which made the boilerplate
//! rules the largest single cost of plain-text extraction. Case-insensitive patterns defeat the
//! regex crate's own literal prefilters (too many case variants), so this module derives, for
//! each pattern, a set of lower-case ASCII strings one of which every match must contain, and
//! finds all of them in a line with a single Aho-Corasick pass. A pattern none of whose strings
//! occur cannot match, and its regex is not run.
//!
//! Only pure-ASCII lines are prefiltered: restricted to ASCII text, every character class is its
//! ASCII members, so "can only match one letter up to ASCII case" is exact there (on other text,
//! `k` also matches the Kelvin sign). Non-ASCII lines run every pattern, as before.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use regex_syntax::ParserBuilder;

/// What every match of a pattern (or a piece of one) looks like on ASCII text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// Nothing can match on ASCII text.
    Never,
    /// Every match is exactly this string, up to ASCII case (lower-cased here).
    Exactly(String),
    /// Every match contains one of these non-empty strings (lower-cased), up to ASCII case.
    OneOf(Vec<String>),
    /// No usable requirement.
    Unknown,
}

impl Need {
    /// The strings one of which every match contains, if any are known.
    fn strings(self) -> Option<Vec<String>> {
        match self {
            Need::Exactly(s) if !s.is_empty() => Some(vec![s]),
            Need::OneOf(v) => Some(v),
            _ => None,
        }
    }
}

/// Quality of a requirement: its shortest string (longer strings occur in fewer lines), then
/// fewer strings.
fn quality(v: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = v.iter().map(String::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(v.len()))
}

/// The requirement of one node of a pattern, on ASCII text.
fn need(hir: &Hir) -> Need {
    match hir.kind() {
        // Zero-width: adds nothing to the text a match covers.
        HirKind::Empty | HirKind::Look(_) => Need::Exactly(String::new()),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) if s.is_ascii() => Need::Exactly(s.to_ascii_lowercase()),
            // A non-ASCII character cannot occur in an ASCII line.
            _ => Need::Never,
        },
        HirKind::Class(class) => {
            let ascii: Vec<u8> = match class {
                Class::Unicode(c) => c
                    .ranges()
                    .iter()
                    .flat_map(|r| (r.start()..=r.end().min('\u{7f}')).filter_map(ascii_byte))
                    .collect(),
                Class::Bytes(c) => c
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end().min(0x7f))
                    .collect(),
            };
            let Some(&first) = ascii.first() else {
                return Need::Never;
            };
            let folded = first.to_ascii_lowercase();
            if ascii.iter().all(|b| b.to_ascii_lowercase() == folded) {
                Need::Exactly(char::from(folded).to_string())
            } else {
                Need::Unknown
            }
        }
        HirKind::Capture(c) => need(&c.sub),
        HirKind::Repetition(r) => {
            let sub = need(&r.sub);
            if r.min == 0 {
                // May match the empty string.
                return Need::Unknown;
            }
            match sub {
                Need::Never => Need::Never,
                Need::Exactly(s) if r.max == Some(r.min) => Need::Exactly(s.repeat(r.min as usize)),
                // At least one copy of the piece is in every match.
                Need::Exactly(s) if !s.is_empty() => Need::OneOf(vec![s]),
                Need::OneOf(v) => Need::OneOf(v),
                _ => Need::Unknown,
            }
        }
        HirKind::Concat(parts) => {
            // Adjacent exact pieces form one contiguous string; any such run, and any piece's
            // own requirement, is required of the whole. Keep the best one.
            let mut best: Option<Vec<String>> = None;
            let mut consider = |v: Vec<String>| {
                if best.as_ref().is_none_or(|b| quality(&v) > quality(b)) {
                    best = Some(v);
                }
            };
            let mut run = String::new();
            let mut all_exact = true;
            for p in parts {
                match need(p) {
                    Need::Never => return Need::Never,
                    Need::Exactly(s) => run.push_str(&s),
                    other => {
                        all_exact = false;
                        if !run.is_empty() {
                            consider(vec![std::mem::take(&mut run)]);
                        }
                        if let Need::OneOf(v) = other {
                            consider(v);
                        }
                    }
                }
            }
            if all_exact {
                return Need::Exactly(run);
            }
            if !run.is_empty() {
                consider(vec![run]);
            }
            best.map_or(Need::Unknown, Need::OneOf)
        }
        HirKind::Alternation(branches) => {
            let mut all: Vec<String> = Vec::new();
            let mut any_possible = false;
            for b in branches {
                match need(b) {
                    Need::Never => {}
                    other => {
                        any_possible = true;
                        match other.strings() {
                            Some(v) => all.extend(v),
                            // One branch without a requirement: the alternation has none.
                            None => return Need::Unknown,
                        }
                    }
                }
            }
            if !any_possible {
                return Need::Never;
            }
            all.sort();
            all.dedup();
            Need::OneOf(all)
        }
    }
}

fn ascii_byte(c: char) -> Option<u8> {
    u8::try_from(u32::from(c)).ok().filter(u8::is_ascii)
}

/// What the prefilter knows about one pattern on ASCII lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Always run the regex.
    Always,
    /// The pattern never matches an ASCII line.
    Never,
    /// Run the regex only when prefilter string group `n` occurs in the line.
    Group(usize),
}

/// A pattern parsed as the rules compile it (wrapped in `(?:...)`, case-insensitive unless
/// `case_sensitive`); `None` if it does not parse (then no gate applies to it). Parsed once for
/// both [`gate_of`] and [`first_bytes_of_hir`].
pub(crate) fn parse(pattern: &str, case_sensitive: bool) -> Option<Hir> {
    ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(pattern)
        .ok()
}

/// The gate of a pattern (as compiled by the rules: wrapped in `(?:...)`, case-insensitive
/// unless `case_sensitive`), and its strings for [`Gate::Group`].
#[cfg(test)]
pub(crate) fn analyse(pattern: &str, case_sensitive: bool) -> (Gate, Vec<String>) {
    gate_of(parse(pattern, case_sensitive).as_ref())
}

/// The gate of a parsed pattern (see [`parse`]), and its strings for [`Gate::Group`].
pub(crate) fn gate_of(hir: Option<&Hir>) -> (Gate, Vec<String>) {
    let Some(hir) = hir else {
        return (Gate::Always, Vec::new());
    };
    match need(hir) {
        Need::Never => (Gate::Never, Vec::new()),
        other => match other.strings() {
            // Strings of one or two letters occur in nearly every line: not worth a gate. Short
            // punctuation (":" of "label : value" widgets) is rare in prose and worth one.
            Some(v)
                if quality(&v).0 >= 3
                    || v.iter()
                        .all(|s| !s.bytes().any(|b| b.is_ascii_alphanumeric())) =>
            {
                (Gate::Group(0), v)
            }
            _ => (Gate::Always, Vec::new()),
        },
    }
}

/// The ASCII bytes a match of `hir` can begin with (bit `b` set for byte `b`), and whether a
/// match can be empty (then the bytes after it matter too). Over-approximates: a look-around is
/// taken as always passing.
fn first_bytes_of(hir: &Hir) -> (u128, bool) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (0, true),
        HirKind::Literal(lit) => match lit.0.first() {
            None => (0, true),
            // A non-ASCII first byte cannot occur in an ASCII line: no byte to add.
            Some(&b) => (if b.is_ascii() { 1u128 << b } else { 0 }, false),
        },
        HirKind::Class(class) => {
            let mut set = 0u128;
            match class {
                Class::Unicode(c) => {
                    for r in c.ranges() {
                        for b in (r.start()..=r.end().min('\u{7f}')).filter_map(ascii_byte) {
                            set |= 1u128 << b;
                        }
                    }
                }
                Class::Bytes(c) => {
                    for r in c.ranges() {
                        for b in r.start()..=r.end().min(0x7f) {
                            set |= 1u128 << b;
                        }
                    }
                }
            }
            (set, false)
        }
        HirKind::Capture(c) => first_bytes_of(&c.sub),
        HirKind::Repetition(r) => {
            let (set, empty) = first_bytes_of(&r.sub);
            (set, empty || r.min == 0)
        }
        HirKind::Concat(parts) => {
            let mut set = 0u128;
            for p in parts {
                let (s, empty) = first_bytes_of(p);
                set |= s;
                if !empty {
                    return (set, false);
                }
            }
            (set, true)
        }
        HirKind::Alternation(branches) => {
            branches.iter().fold((0u128, false), |(set, empty), b| {
                let (s, e) = first_bytes_of(b);
                (set | s, empty || e)
            })
        }
    }
}

/// For a pattern anchored at the start of the line (`^` without multi-line mode, as the rules'
/// header and widget patterns are), the ASCII bytes an ASCII line matching it can start with,
/// as a bit set; `None` when the pattern is not anchored there, can match the empty string, or
/// does not parse (then no such gate applies). `hir` is the pattern as [`parse`] gives it.
///
/// Those patterns had no literal gate (their words are short and many) and ran on every line:
/// `symbols_only` alone on each line of every document. Most lines start with a letter that
/// most of them cannot start with.
pub(crate) fn first_bytes_of_hir(hir: &Hir) -> Option<u128> {
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    match first_bytes_of(hir) {
        (set, false) => Some(set),
        (_, true) => None,
    }
}

/// One automaton over the strings of every gated pattern.
#[derive(Debug, Default)]
pub(crate) struct Prefilter {
    /// The automaton and its unanchored start state.
    automaton: Option<(DFA, aho_corasick::automaton::StateID)>,
    /// Group of each automaton pattern.
    group_of: Vec<usize>,
    groups: usize,
}

impl Prefilter {
    /// Builds the automaton; `groups[i]` are the strings of group `i`.
    pub(crate) fn new(groups: &[Vec<String>]) -> Prefilter {
        let mut strings = Vec::new();
        let mut group_of = Vec::new();
        for (g, v) in groups.iter().enumerate() {
            for s in v {
                strings.push(s.as_str());
                group_of.push(g);
            }
        }
        // A build failure (it cannot happen for a few hundred short strings) only disables the
        // prefilter: every pattern then runs, as without it.
        let automaton = if strings.is_empty() {
            None
        } else {
            // A DFA: a few hundred short strings make a small one, and the overlapping scan
            // of every body line then costs one table lookup per byte (the NFA's failure
            // transitions cost several times that). Walked by hand in `scan` (see there), so
            // the library's own prefilter is not built.
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Unanchored)
                .ascii_case_insensitive(true)
                .prefilter(false)
                .build(&strings)
                .ok()
                .and_then(|dfa| {
                    let start = dfa.start_state(Anchored::No).ok()?;
                    Some((dfa, start))
                })
        };
        Prefilter {
            automaton,
            group_of,
            groups: groups.len(),
        }
    }

    /// Which groups occur in `line`: `None` when unknown (no automaton), so callers run
    /// every pattern.
    ///
    /// This is what `find_overlapping_iter` reports (every string ending at every position: with
    /// the standard match kind each match state of the DFA lists all strings that end there),
    /// walked one byte at a time without the iterator's per-call and per-match machinery, which
    /// cost about three times the table lookups themselves.
    ///
    /// The groups come as a bit set (bit `g % 64` of word `g / 64`), read by [`Prefilter::seen`],
    /// so that a rule can ask for all of its groups at once with a few word ANDs.
    pub(crate) fn scan(&self, line: &str) -> Option<Vec<u64>> {
        let (dfa, start) = self.automaton.as_ref()?;
        let mut seen = vec![0u64; self.groups.div_ceil(64)];
        let mut sid = *start;
        for &b in line.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) && dfa.is_match(sid) {
                for i in 0..dfa.match_len(sid) {
                    let p = dfa.match_pattern(sid, i).as_usize();
                    if let Some(&g) = self.group_of.get(p) {
                        if let Some(w) = seen.get_mut(g / 64) {
                            *w |= 1 << (g % 64);
                        }
                    }
                }
            }
        }
        Some(seen)
    }

    /// Whether group `g` is in `seen` (a [`Prefilter::scan`] result); a group this prefilter
    /// does not have counts as seen.
    pub(crate) fn seen(&self, seen: &[u64], g: usize) -> bool {
        g >= self.groups || seen.get(g / 64).is_none_or(|w| (w >> (g % 64)) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(p: &str) -> (Gate, Vec<String>) {
        analyse(&format!("(?:{p})"), false)
    }

    #[test]
    fn scan_agrees_with_the_overlapping_iterator() {
        let groups: Vec<Vec<String>> = [
            vec!["photo", "image"],
            vec![" expressed "],
            vec![":"],
            vec!["all rights reserved", "rights"],
            vec!["ab", "b", "abc"],
        ]
        .iter()
        .map(|g| g.iter().map(|s| s.to_string()).collect())
        .collect();
        let pf = Prefilter::new(&groups);
        let strings: Vec<&String> = groups.iter().flatten().collect();
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&strings)
            .expect("builds");
        for line in [
            "",
            "Photo: the views EXPRESSED here",
            "All Rights Reserved. abc",
            "xab",
            "b",
            "Image credit : none",
            "nothing at all",
        ] {
            let mut want = vec![false; groups.len()];
            for m in ac.find_overlapping_iter(line) {
                let mut k = m.pattern().as_usize();
                for (g, v) in groups.iter().enumerate() {
                    if k < v.len() {
                        want[g] = true;
                        break;
                    }
                    k -= v.len();
                }
            }
            let seen = pf.scan(line).unwrap_or_default();
            let got: Vec<bool> = (0..groups.len()).map(|g| pf.seen(&seen, g)).collect();
            assert_eq!(got, want, "{line:?}");
        }
    }

    fn starts(p: &str) -> Option<String> {
        parse(&format!("(?:{p})"), false)
            .and_then(|h| first_bytes_of_hir(&h))
            .map(|set| {
                (0u8..128)
                    .filter(|&b| set >> b & 1 == 1)
                    .map(char::from)
                    .collect()
            })
    }

    #[test]
    fn first_bytes_of_anchored_patterns() {
        assert_eq!(starts(r"^[\(\[]?(ap|afp|x)\s").as_deref(), Some("(AX[ax"));
        assert_eq!(starts(r"^\(?(©|\(c\)|copyright)").as_deref(), Some("(Cc"));
        assert_eq!(starts(r"^\d+ (of|/) \d+$").as_deref(), Some("0123456789"));
        let symbols = starts(r"^[^\p{L}\p{N}]+$").unwrap_or_default();
        assert!(symbols.contains('*') && symbols.contains(' ') && !symbols.contains('a'));
        assert!(!symbols.contains('7'));
        // Not anchored, anchored per line, or possibly empty: no gate.
        assert_eq!(starts(r"\bphoto"), None);
        assert_eq!(starts(r"(?m)^photo"), None);
        assert_eq!(starts(r"^(photo)?$"), None);
        assert_eq!(starts(r"^a|b"), None);
        // A zero-width look after the anchor does not end the set.
        assert_eq!(starts(r"^\b(ab|cd)").as_deref(), Some("ACac"));
        // Only non-ASCII starts: no ASCII line can match.
        assert_eq!(starts(r"^(фото|ödeme)").as_deref(), Some(""));
    }

    #[test]
    fn requirements() {
        assert_eq!(
            strings(r"\ball rights reserved\b").1,
            vec!["all rights reserved".to_string()]
        );
        assert_eq!(
            strings(r"(views|opinions) expressed (in this )?x").1,
            vec![" expressed ".to_string()]
        );
        assert_eq!(strings("haber metninde yer alan görüşler").0, Gate::Never);
        assert_eq!(strings(r"^\d{1,2}a\d{2}").0, Gate::Always);
        assert_eq!(strings(r"^\d{1,2}:\d{2}").1, vec![":".to_string()]);
        assert_eq!(strings("^(ab|cd)").0, Gate::Always);
        assert_eq!(
            strings("^(photo|image|фото)\\s*:").1,
            vec!["image".to_string(), "photo".to_string()]
        );
        // Case-sensitive classes still give a folded requirement.
        assert_eq!(
            analyse(r"(?:\(File [Pp]hoto\))", true).1,
            vec!["(file photo)".to_string()]
        );
    }
}
