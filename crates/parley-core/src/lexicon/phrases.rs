//! Multi-pattern phrase matching: one Aho-Corasick automaton per lexicon layer.
//!
//! Each layer (entities, triggers, cues, topics) is its own automaton so that a phrase in one
//! layer never hides a phrase of another ("to meet" is a planned cue *and* holds the trigger
//! "meet"). Within a layer, matching is leftmost-longest, case-insensitive for ASCII; a phrase
//! written with capitals in the lexicon ("Putin") must start with a capital in the text, and an
//! all-capitals phrase ("US") must match exactly, so "us" and "nice" never become actors or places.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, MatchKind, StartKind};

/// How a phrase's case must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Any case.
    Any,
    /// First letter upper case in the text.
    Capitalised,
    /// Exactly as written.
    Exact,
}

/// A match of a phrase in the text, with every sense the phrase has in this layer.
#[derive(Debug, Clone)]
pub struct Hit<'a, S> {
    /// Byte offset of the match start.
    pub start: usize,
    /// Byte offset one past the match end.
    pub end: usize,
    /// The senses of the matched phrase.
    pub senses: &'a [S],
}

/// A compiled set of phrases, each with one or more senses.
#[derive(Debug)]
pub struct PhraseSet<S> {
    automaton: Option<AhoCorasick>,
    /// Bit `b0 * 256 + b1` is set when some phrase starts with the bytes `b0 b1` (ASCII letters
    /// folded to lower case; a one-byte phrase sets every `b1`). Positions whose first two
    /// bytes start no phrase are skipped without calling the automaton.
    pairs: Vec<u64>,
    patterns: Vec<String>,
    rules: Vec<CaseRule>,
    senses: Vec<Vec<S>>,
}

/// Collects phrases and their senses before compiling them into a [`PhraseSet`].
#[derive(Debug)]
pub struct PhraseSetBuilder<S> {
    index: std::collections::HashMap<String, usize>,
    patterns: Vec<String>,
    rules: Vec<CaseRule>,
    senses: Vec<Vec<S>>,
}

impl<S> Default for PhraseSetBuilder<S> {
    fn default() -> Self {
        PhraseSetBuilder {
            index: std::collections::HashMap::new(),
            patterns: Vec::new(),
            rules: Vec::new(),
            senses: Vec::new(),
        }
    }
}

impl<S: Clone> PhraseSetBuilder<S> {
    /// Adds `phrase` with `sense`; `case_sensitive` applies the capitalisation rules described in
    /// the module docs (names, places), otherwise any case matches (titles, triggers, cues).
    pub fn add(&mut self, phrase: &str, sense: S, case_sensitive: bool) {
        let phrase = normalise_phrase(phrase);
        if phrase.is_empty() {
            return;
        }
        let rule = if !case_sensitive {
            CaseRule::Any
        } else if phrase.chars().filter(|c| c.is_alphabetic()).count() > 1
            && phrase
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
        {
            CaseRule::Exact
        } else if phrase.chars().next().is_some_and(|c| c.is_uppercase()) {
            CaseRule::Capitalised
        } else {
            CaseRule::Any
        };
        let key = format!("{}\u{0}{:?}", phrase.to_lowercase(), rule);
        match self.index.get(&key) {
            Some(&i) => {
                if let Some(s) = self.senses.get_mut(i) {
                    s.push(sense);
                }
            }
            None => {
                self.index.insert(key, self.patterns.len());
                self.patterns.push(phrase);
                self.rules.push(rule);
                self.senses.push(vec![sense]);
            }
        }
    }

    /// Compiles the automaton.
    pub fn build(self) -> Result<PhraseSet<S>, aho_corasick::BuildError> {
        let automaton = if self.patterns.is_empty() {
            None
        } else {
            Some(
                // Anchored searches only: `find` tries the automaton at word starts, where a
                // match can be accepted, instead of scanning every byte with failure links
                // (the top entry of the extraction profile before).
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .ascii_case_insensitive(true)
                    .build(&self.patterns)?,
            )
        };
        let mut pairs = vec![0u64; 65536 / 64];
        let mut set = |b0: u8, b1: u8| {
            let bit = usize::from(b0) * 256 + usize::from(b1);
            if let Some(w) = pairs.get_mut(bit / 64) {
                *w |= 1 << (bit % 64);
            }
        };
        for p in &self.patterns {
            match p.as_bytes() {
                [] => {}
                [b0] => (0..=255u8).for_each(|b1| set(b0.to_ascii_lowercase(), b1)),
                [b0, b1, ..] => set(b0.to_ascii_lowercase(), b1.to_ascii_lowercase()),
            }
        }
        Ok(PhraseSet {
            automaton,
            pairs,
            patterns: self.patterns,
            rules: self.rules,
            senses: self.senses,
        })
    }
}

/// Typographic apostrophes and dashes in lexicon phrases are written as ASCII; the text is
/// matched as it is, so both forms are added by the caller where they matter.
fn normalise_phrase(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<S> PhraseSet<S> {
    /// False when no phrase can start at `bytes[pos..]`, judged by its first two bytes (the
    /// automaton decides the rest). At the last byte, true: the automaton decides.
    fn may_start_at(&self, bytes: &[u8], pos: usize) -> bool {
        let (Some(b0), Some(b1)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            return true;
        };
        let bit = usize::from(b0.to_ascii_lowercase()) * 256 + usize::from(b1.to_ascii_lowercase());
        self.pairs
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when the set holds no phrase.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// All matches in `text[from..to]` that sit on word boundaries and obey the case rules,
    /// with offsets into `text`.
    pub fn find<'s>(&'s self, text: &str, from: usize, to: usize) -> Vec<Hit<'s, S>> {
        let mut out = Vec::new();
        let Some(ac) = &self.automaton else {
            return out;
        };
        let Some(hay) = text.get(from..to) else {
            return out;
        };
        // Leftmost-longest, but a match glued to a letter ("bilateral meeting" inside "bilateral
        // meetings") must not hide the matches that start after its first character: search
        // again from there instead of skipping the whole span.
        //
        // This is done with anchored searches, one per position that can start an accepted
        // match, which gives the same hits as one unanchored leftmost-longest search resumed
        // after each hit: the unanchored search returns the longest match at the first position
        // where any phrase matches; a match at a position glued to the letter before it is
        // always rejected and the search resumes one character later, so such positions (and
        // those no phrase starts at) can be skipped without looking.
        let bytes = hay.as_bytes();
        let mut pos = 0;
        let mut prev_glued = glued(text.get(..from).and_then(|t| t.chars().next_back()));
        while pos < hay.len() {
            let Some(&b) = bytes.get(pos) else { break };
            let candidate = !prev_glued && self.may_start_at(bytes, pos);
            let m = if candidate {
                ac.find(
                    aho_corasick::Input::new(hay)
                        .span(pos..hay.len())
                        .anchored(Anchored::Yes),
                )
            } else {
                None
            };
            if let Some(m) = m {
                let (s, e) = (m.start() + from, m.end() + from);
                let id = m.pattern().as_usize();
                let accepted = on_word_boundaries(text, s, e)
                    && match (self.rules.get(id), self.patterns.get(id), text.get(s..e)) {
                        (Some(CaseRule::Any), _, Some(_)) => true,
                        (Some(CaseRule::Exact), Some(pat), Some(found)) => found == pat,
                        (Some(CaseRule::Capitalised), _, Some(found)) => {
                            found.chars().next().is_some_and(|c| c.is_uppercase())
                        }
                        _ => false,
                    };
                if accepted {
                    if let Some(senses) = self.senses.get(id) {
                        out.push(Hit {
                            start: s,
                            end: e,
                            senses: senses.as_slice(),
                        });
                    }
                    pos = m.end().max(pos + 1);
                    while pos < hay.len() && !hay.is_char_boundary(pos) {
                        pos += 1;
                    }
                    prev_glued = glued(hay.get(..pos).and_then(|t| t.chars().next_back()));
                    continue;
                }
            }
            // Next character.
            let c = if b < 0x80 {
                Some(char::from(b))
            } else {
                hay.get(pos..).and_then(|t| t.chars().next())
            };
            prev_glued = glued(c);
            pos += c.map_or(1, char::len_utf8);
            while pos < hay.len() && !hay.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }
}

/// True for a character that glues a match to its neighbour (letters, digits, underscore).
fn glued(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !glued(before) && !glued(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[(&str, u8, bool)]) -> PhraseSet<u8> {
        let mut b = PhraseSetBuilder::default();
        for (p, s, cs) in items {
            b.add(p, *s, *cs);
        }
        b.build().expect("builds")
    }

    #[test]
    fn case_rules_keep_pronouns_and_words_out() {
        let s = set(&[("US", 1, true), ("Nice", 2, true), ("meeting", 3, false)]);
        let text = "Let us meet in nice weather. The US Meeting in Nice.";
        let hits: Vec<(usize, u8)> = s
            .find(text, 0, text.len())
            .iter()
            .map(|h| (h.start, h.senses[0]))
            .collect();
        assert_eq!(hits, vec![(33, 1), (36, 3), (47, 2)]);
    }

    #[test]
    fn word_boundaries_are_required() {
        let s = set(&[("met", 1, false)]);
        let text = "He metered; they met-up; metal";
        let n = s.find(text, 0, text.len()).len();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_glued_longer_match_does_not_hide_a_shorter_one() {
        let s = set(&[("bilateral meeting", 1, false), ("meetings", 2, false)]);
        let text = "separate bilateral meetings with";
        let hits: Vec<u8> = s
            .find(text, 0, text.len())
            .iter()
            .map(|h| h.senses[0])
            .collect();
        assert_eq!(hits, vec![2]);
    }

    #[test]
    fn identical_phrases_keep_all_senses() {
        let s = set(&[("said", 1, false), ("said", 2, false)]);
        let hits = s.find("he said", 0, 7);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].senses, &[1, 2]);
    }
}
