//! The context a report's evidence is shown in: the sentence before its first evidence sentence
//! and the sentence after its last one, taken from the document text at ingest time.
//!
//! The store keeps no article text (a corpus would double in size), so this bounded window is
//! what the event page and `parley show` can show around an evidence sentence. Each side is cut
//! to [`MAX_CONTEXT_BYTES`] at a character boundary, on the side away from the evidence, with
//! `…` where text was cut. Nothing here panics on any text or offsets.

use parley_core::{Event, Evidence};

/// Largest number of bytes of document text kept on each side of the evidence (the `…` marking
/// a cut comes on top).
pub const MAX_CONTEXT_BYTES: usize = 400;

/// The sentences around one report's evidence; `None` at the start or end of the document, or
/// when the text was not at hand (reports imported from Parquet, and stores older than schema v4).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceContext {
    /// The sentence before the first evidence sentence (its end, when cut).
    pub before: Option<String>,
    /// The sentence after the last evidence sentence (its start, when cut).
    pub after: Option<String>,
}

/// The context of every event of a document, in the order of `events`.
///
/// `text` must be the text the events were extracted from (`Document::text`): evidence offsets
/// are byte offsets into it. The text is split into sentences once, as extraction does.
pub fn contexts(text: &str, events: &[Event]) -> Vec<EvidenceContext> {
    if events.iter().all(|e| e.evidence.is_empty()) {
        return vec![EvidenceContext::default(); events.len()];
    }
    let sentences = parley_core::segment::sentences(text);
    events
        .iter()
        .map(|e| context_in(text, &sentences, &e.evidence))
        .collect()
}

/// The context of one list of evidence sentences (see [`contexts`]).
pub fn evidence_context(text: &str, evidence: &[Evidence]) -> EvidenceContext {
    context_in(text, &parley_core::segment::sentences(text), evidence)
}

fn context_in(
    text: &str,
    sentences: &[std::ops::Range<usize>],
    evidence: &[Evidence],
) -> EvidenceContext {
    let (Some(first), Some(last)) = (
        evidence.iter().map(|x| x.start).min(),
        evidence.iter().map(|x| x.end).max(),
    ) else {
        return EvidenceContext::default();
    };
    // Offsets that do not point into this text (a record from elsewhere) give no context rather
    // than someone else's sentences.
    if first > last || text.get(first..last).is_none() {
        return EvidenceContext::default();
    }
    // Sentences are sorted and disjoint: the one before is the last ending at or before the
    // evidence, the one after the first starting at or after it.
    let before_idx = sentences.partition_point(|s| s.end <= first);
    let before = before_idx
        .checked_sub(1)
        .and_then(|i| sentences.get(i))
        .and_then(|s| text.get(s.clone()))
        .map(tail);
    let after_idx = sentences.partition_point(|s| s.start < last);
    let after = sentences
        .get(after_idx)
        .and_then(|s| text.get(s.clone()))
        .map(head);
    EvidenceContext { before, after }
}

/// The last [`MAX_CONTEXT_BYTES`] of a sentence (the part next to the evidence).
fn tail(s: &str) -> String {
    if s.len() <= MAX_CONTEXT_BYTES {
        return s.to_string();
    }
    let mut cut = s.len() - MAX_CONTEXT_BYTES;
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    let kept = s.get(cut..).unwrap_or("");
    // Start at a word when one starts soon after the cut.
    let kept = match kept.find(char::is_whitespace) {
        Some(i) if i < 40 => kept.get(i..).unwrap_or(kept),
        _ => kept,
    };
    format!("…{}", kept.trim_start())
}

/// The first [`MAX_CONTEXT_BYTES`] of a sentence (the part next to the evidence).
fn head(s: &str) -> String {
    if s.len() <= MAX_CONTEXT_BYTES {
        return s.to_string();
    }
    let mut cut = MAX_CONTEXT_BYTES;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let kept = s.get(..cut).unwrap_or("");
    // End at a word when one ends shortly before the cut.
    let kept = match kept.rfind(char::is_whitespace) {
        Some(i) if kept.len() - i < 40 => kept.get(..i).unwrap_or(kept),
        _ => kept,
    };
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str, sentence: &str) -> Evidence {
        let start = text.find(sentence).unwrap_or(usize::MAX);
        Evidence {
            text: sentence.to_string(),
            start,
            end: start.saturating_add(sentence.len()),
        }
    }

    const TEXT: &str = "Headline of the day\n\nFirst sentence here. Putin met Erdogan in Sochi. They discussed grain. Last one.";

    #[test]
    fn neighbours_of_a_middle_sentence() {
        let c = evidence_context(TEXT, &[ev(TEXT, "Putin met Erdogan in Sochi.")]);
        assert_eq!(c.before.as_deref(), Some("First sentence here."));
        assert_eq!(c.after.as_deref(), Some("They discussed grain."));
    }

    #[test]
    fn none_at_the_start_and_end_of_the_document() {
        let c = evidence_context(TEXT, &[ev(TEXT, "Headline of the day")]);
        assert_eq!(c.before, None);
        assert_eq!(c.after.as_deref(), Some("First sentence here."));
        let c = evidence_context(TEXT, &[ev(TEXT, "Last one.")]);
        assert_eq!(c.before.as_deref(), Some("They discussed grain."));
        assert_eq!(c.after, None);
    }

    #[test]
    fn several_evidence_sentences_take_the_outer_neighbours() {
        let c = evidence_context(
            TEXT,
            &[
                ev(TEXT, "They discussed grain."),
                ev(TEXT, "Putin met Erdogan in Sochi."),
            ],
        );
        assert_eq!(c.before.as_deref(), Some("First sentence here."));
        assert_eq!(c.after.as_deref(), Some("Last one."));
    }

    #[test]
    fn long_sentences_are_cut_at_a_char_boundary_next_to_the_evidence() {
        let long_before = "Ж".repeat(700) + ".";
        let long_after = "Ü".repeat(700) + ".";
        let text = format!("{long_before} Putin met Erdogan. {long_after}");
        let c = evidence_context(&text, &[ev(&text, "Putin met Erdogan.")]);
        let b = c.before.unwrap_or_default();
        let a = c.after.unwrap_or_default();
        assert!(b.starts_with('…') && b.ends_with("ЖЖ."), "{b}");
        assert!(a.ends_with('…') && a.starts_with("ÜÜ"), "{a}");
        assert!(b.len() <= MAX_CONTEXT_BYTES + '…'.len_utf8());
        assert!(a.len() <= MAX_CONTEXT_BYTES + '…'.len_utf8());
    }

    #[test]
    fn bad_offsets_and_empty_input_give_nothing_and_never_panic() {
        let bad = |start: usize, end: usize| Evidence {
            text: String::new(),
            start,
            end,
        };
        for e in [
            bad(5, 2),
            bad(0, usize::MAX),
            bad(usize::MAX, usize::MAX),
            bad(1000, 1001),
        ] {
            assert_eq!(
                evidence_context(TEXT, std::slice::from_ref(&e)),
                EvidenceContext::default()
            );
        }
        // Inside a multi-byte character.
        let t = "Ж. Putin met Erdogan. Ж.";
        assert_eq!(
            evidence_context(t, &[bad(1, 4)]),
            EvidenceContext::default()
        );
        assert_eq!(evidence_context("", &[]), EvidenceContext::default());
        assert_eq!(contexts("", &[]), Vec::new());
    }
}
