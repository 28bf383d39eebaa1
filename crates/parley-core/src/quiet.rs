//! Shortcuts for text that cannot hold an event, decided before the expensive per-sentence work.
//!
//! Most news sentences, and many whole articles, tell no diplomatic event, yet words like
//! "called", "met" or "talks" are triggers. The checks here are *conservative*: each returns
//! `true` only when running the full rules would provably give nothing (no frame, no event), so
//! skipping them never changes the output. Each check names the rule paths it relies on; a new
//! rule in `frames/` that builds a frame without people in the sentence, or a new source of
//! frames besides triggers and "joined by"/"attended by", must be reflected here.

use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use crate::frames::Discourse;
use crate::lexicon::phrases::{on_word_boundaries, Hit};
use crate::lexicon::{CountryForm, EntitySense, Lexicon};

/// True when the trigger sentence `sent` (with `triggers` found in it, and no person mention)
/// cannot give a frame, so [`crate::frames::sentence_frames`] may return no frames at once.
///
/// Without a mention in the sentence, `frame_for_trigger` has no subject and no object except:
/// "each minister"/"both leaders" taking the discourse's group (needs a group of two or more),
/// "talks between ..." (a frame with the objects found, possibly none), and an anaphoric noun
/// ("the meeting in Brussels", needs a noun sense and a place or country name in the sentence).
/// Every other path returns no frame. Without mentions the discourse updates are no-ops too.
pub(crate) fn trigger_sentence_is_idle(
    lex: &Lexicon,
    text: &str,
    sent: &Range<usize>,
    triggers: &[Hit<'_, usize>],
    discourse: &Discourse,
) -> bool {
    if discourse.last_group.len() >= 2 {
        return false;
    }
    // `between_mode` reads the lower-cased clause after the trigger, a prefix of the rest of the
    // sentence; only ASCII letters lower-case to the letters of "between".
    let between_after = triggers.iter().any(|h| {
        text.get(h.end..sent.end).is_some_and(|rest| {
            rest.trim_start()
                .as_bytes()
                .get(..7)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"between"))
        })
    });
    if between_after {
        return false;
    }
    // `choose_sense` picks one of the hit's senses; a sense the lexicon lacks counts as a noun.
    let noun = triggers.iter().any(|h| {
        h.senses
            .iter()
            .any(|&s| lex.triggers.get(s).is_none_or(|t| t.noun))
    });
    if !noun {
        return true;
    }
    // The anaphoric noun needs a place: `location_for` and `dateline_place` only read the
    // sentence's places and country names.
    let places = lex.entities.find(text, sent.start, sent.end);
    !places.iter().any(|h| {
        h.senses.iter().any(|s| {
            matches!(
                s,
                EntitySense::Place(_) | EntitySense::Country(_, CountryForm::Name)
            )
        })
    })
}

/// The words "joined by" / "attended by" frames start with (`frames::joined_by`, which finds
/// them anywhere in the lower-cased sentence, glued or not).
const JOINED_WORDS: &[&str] = &["joined", "attended"];

/// One word of every trigger phrase, and the words of the "joined by" frames: a text in which
/// none occurs yields no event, before or after plain-text cleaning.
///
/// Why this holds: events come only from frames, and frames only from trigger hits
/// (`PhraseSet::find` on the trigger layer: the phrase's bytes, ASCII case folded, not glued
/// to a letter, digit or `_` on either side) or from "joined by"/"attended by" in a sentence
/// lower-cased with `str::to_lowercase` (only ASCII letters lower-case to those ASCII words).
/// A phrase's words hold no white space, so a hit contains each word whole, with white space
/// or the hit's ends around it. Plain-text cleaning only drops lines, trims them and replaces
/// runs of white space by one space: every run without white space in the cleaned text is a run
/// of the raw text, with the same characters around it or white space (a line end, or the text
/// start after a byte-order mark, which glues nothing). So the word is found here, in the raw
/// text too, not glued. HTML cleaning decodes entities and is not covered: check its output.
#[derive(Debug, Clone)]
pub struct EventWords {
    /// The automaton over the words and its unanchored start state. Patterns `0..bounded` must
    /// stand on word boundaries; the rest may be glued.
    automaton: Option<(DFA, StateID)>,
    bounded: usize,
}

impl EventWords {
    /// The words of `lex`'s trigger phrases (the longest word of each, the rarest in practice).
    pub fn new(lex: &Lexicon) -> EventWords {
        let mut words: Vec<String> = Vec::new();
        for p in lex.trigger_set.patterns() {
            // Longest word; ties go to the first. Case is folded by the automaton.
            let mut best = "";
            for w in p.split(' ') {
                if w.len() > best.len() {
                    best = w;
                }
            }
            let w = best.to_ascii_lowercase();
            if !w.is_empty() && !words.contains(&w) {
                words.push(w);
            }
        }
        let bounded = words.len();
        words.extend(JOINED_WORDS.iter().map(|w| w.to_string()));
        // Overlapping search: a word glued on one side must not hide another that is not.
        // A full DFA (a few hundred states), walked by hand in `may_occur`.
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&words)
            .ok()
            .and_then(|dfa| {
                let start = dfa.start_state(Anchored::No).ok()?;
                Some((dfa, start))
            });
        EventWords { automaton, bounded }
    }

    /// False when `text` (a document's text, or raw plain text before cleaning) can yield no
    /// event; true when it may.
    ///
    /// An overlapping search (every word ending at every position: with the standard match kind
    /// each match state of the DFA lists all words that end there), one table lookup per byte
    /// without the library iterator's per-call and per-match machinery.
    pub fn may_occur(&self, text: &str) -> bool {
        let Some((dfa, start)) = &self.automaton else {
            return true;
        };
        let mut sid = *start;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if !(dfa.is_special(sid) && dfa.is_match(sid)) {
                continue;
            }
            let end = i + 1;
            for k in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, k);
                if p.as_usize() >= self.bounded {
                    return true;
                }
                let len = dfa.pattern_len(p);
                if end
                    .checked_sub(len)
                    .is_some_and(|s| on_word_boundaries(text, s, end))
                {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_words_on_word_boundaries() {
        let lex = Lexicon::builtin().expect("the built-in lexicon loads");
        let words = EventWords::new(&lex);
        assert!(words.may_occur("Vladimir Putin called Ilham Aliyev on Monday."));
        assert!(words.may_occur("They MET in Baku."));
        assert!(!words.may_occur("Nothing of the kind happened here."));
        // Glued to a letter on either side: no trigger word.
        assert!(!words.may_occur("He recalled the story; the recalls went on."));
        // "joined"/"attended" may be glued.
        assert!(words.may_occur("It was rejoinedby nobody."));
        assert!(words.may_occur("The session was attended by both."));
    }
}
