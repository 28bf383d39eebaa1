//! Cheap presence tests in front of the phrase-list rules of `frames/`.
//!
//! Several rules lower-case a stretch of the sentence and search it for each phrase of a list
//! (`str::contains`, `rfind`, `match_indices`: one searcher built per phrase and call). Most
//! stretches hold none of the phrases; these tests say so with one pass, and the rule then runs
//! only on the phrases present, in the list's order, so its result is unchanged.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// True when `hay` contains `needle` with ASCII letters compared without case. `needle` must be
/// lower-case ASCII. (The oracle of [`may_contain_lowercased`]'s tests.)
#[cfg(test)]
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    h.windows(n.len()).any(|w| {
        w.first().is_some_and(|b| b.to_ascii_lowercase() == first) && w.eq_ignore_ascii_case(n)
    })
}

/// True when `to_lowercase` of `hay` could contain one of `stems` (lower-case ASCII without
/// `k`/`i`-sensitive letters for non-ASCII reasons, see below), i.e. when the rule must look.
///
/// Only ASCII letters lower-case to ASCII letters, except KELVIN SIGN (→ `k`) and LATIN CAPITAL
/// LETTER I WITH DOT ABOVE (→ `i` + a combining dot, which cannot continue an ASCII stem): a
/// text holding the Kelvin sign is always looked at.
///
/// Stems must be lower-case as documented: a stem with an upper-case ASCII letter is compared
/// without case here (the pass-per-stem form before round 10 never matched one whose first letter
/// was upper case); no caller passes one.
pub(crate) fn may_contain_lowercased(hay: &str, stems: &[&str]) -> bool {
    if hay.contains('\u{212A}') || stems.iter().any(|s| s.is_empty()) {
        return true;
    }
    // `contains_ascii_ci` of each stem, in one pass over `hay` for all of them (a pass per stem
    // was most of the cost of the rules' presence tests): a byte that starts no stem, in either
    // case, is passed over at one bit test.
    let mut first = [0u64; 4];
    for s in stems {
        if let Some(&b) = s.as_bytes().first() {
            for c in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                if let Some(w) = first.get_mut(usize::from(c >> 6)) {
                    *w |= 1 << (c & 63);
                }
            }
        }
    }
    let h = hay.as_bytes();
    h.iter().enumerate().any(|(i, &b)| {
        first
            .get(usize::from(b >> 6))
            .is_some_and(|w| w >> (b & 63) & 1 == 1)
            && stems.iter().any(|s| {
                let n = s.as_bytes();
                h.get(i..i + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
            })
    })
}

/// One automaton over `phrases` (already lower-case; matched as they are), built once.
fn automaton(
    cell: &'static OnceLock<Option<AhoCorasick>>,
    phrases: &[&str],
) -> Option<&'static AhoCorasick> {
    cell.get_or_init(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(phrases)
            .ok()
    })
    .as_ref()
}

/// Bit `k` set when `phrases[k]` occurs in one of `texts` (at most 64 phrases; all bits set if
/// the automaton could not be built, so callers then check every phrase as before).
pub(crate) fn present(
    cell: &'static OnceLock<Option<AhoCorasick>>,
    phrases: &[&str],
    texts: &[&str],
) -> u64 {
    let Some(ac) = automaton(cell, phrases) else {
        return u64::MAX;
    };
    let mut bits = 0u64;
    for t in texts {
        for m in ac.find_overlapping_iter(*t) {
            bits |= 1u64.checked_shl(m.pattern().as_u32()).unwrap_or(0);
        }
    }
    if phrases.len() > 64 {
        bits = u64::MAX;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_case_folding() {
        assert!(contains_ascii_ci("On the Sidelines of", "sidelines"));
        assert!(!contains_ascii_ci("side lines", "sidelines"));
        assert!(contains_ascii_ci("x", ""));
        assert!(may_contain_lowercased("bro\u{212A}ered", &["brokered"]));
        assert!(!may_contain_lowercased("nothing here", &["mediat"]));
        // The one-pass form says what a `contains_ascii_ci` per stem says.
        let stems = ["sidelines", "margins", "fringes", "mediat", "s"];
        for hay in [
            "",
            "On the SIDELINES of",
            "in the margin",
            "Mediated talks",
            "fringe",
            "x s",
            "Zürich margins",
        ] {
            for k in 0..=stems.len() {
                let some = stems.get(..k).unwrap_or_default();
                assert_eq!(
                    may_contain_lowercased(hay, some),
                    some.iter().any(|s| contains_ascii_ci(hay, s)),
                    "{hay:?} {some:?}"
                );
            }
        }
        assert!(may_contain_lowercased("abc", &["zz", ""]));
    }

    #[test]
    fn presence_bits() {
        static CELL: OnceLock<Option<AhoCorasick>> = OnceLock::new();
        let phrases = ["a day earlier", "day earlier", "later"];
        assert_eq!(present(&CELL, &phrases, &["a day earlier", "x"]), 0b011);
        assert_eq!(present(&CELL, &phrases, &["one day earlier"]), 0b010);
        assert_eq!(present(&CELL, &phrases, &["", "later on"]), 0b100);
    }
}
