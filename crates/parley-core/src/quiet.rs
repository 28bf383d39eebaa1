//! Shortcuts for text that cannot hold an event, decided before the expensive per-sentence work.
//!
//! Most news sentences, and many whole articles, tell no diplomatic event, yet words like
//! "called", "met" or "talks" are triggers. The checks here are *conservative*: each returns
//! `true` only when running the full rules would provably give nothing (no frame, no event), so
//! skipping them never changes the output. Each check names the rule paths it relies on; a new
//! rule in `frames.rs` that builds a frame without people in the sentence, or a new source of
//! frames besides triggers and "joined by"/"attended by", must be reflected here.

use std::ops::Range;

use crate::frames::Discourse;
use crate::lexicon::phrases::Hit;
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
