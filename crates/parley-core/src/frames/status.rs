//! Whether the event happened, is planned, was cancelled or denied: cue words, tense, hypotheticals.

use super::*;

pub(super) fn status_of(
    ctx: &Ctx<'_>,
    span: &Range<usize>,
    left_start: usize,
    right_end: usize,
    noun: bool,
) -> (Status, Certainty) {
    let words_between = |a: usize, b: usize| ctx.slice(a..b).split_whitespace().count();
    let mut found: Option<Modality> = None;
    for (r, s) in &ctx.cues {
        // "Monday (30 May)": the month, not the modal verb. A capitalised "May" inside a
        // sentence is the month; the modal is written in lower case there.
        let word = ctx.slice(r.clone());
        if word == "May" && r.start > ctx.sent.start {
            continue;
        }
        // "The next day he was in Addis Ababa": the day after the one just told, not a future.
        if word.eq_ignore_ascii_case("next") {
            let after = lower_words(ctx.slice(r.end..(r.end + 12).min(ctx.sent.end)));
            let before =
                lower_words(ctx.slice(r.start.saturating_sub(6).max(ctx.sent.start)..r.start));
            if before.last().is_some_and(|w| w == "the")
                && after.first().is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "day" | "morning" | "afternoon" | "evening" | "night"
                    )
                })
            {
                continue;
            }
        }
        // "rode a bus across the border to meet Sharif", "flew to Kampala to meet Museveni": a
        // purpose infinitive after a journey told in the past happened with the journey.
        if matches!(s, CueSense::Before(Modality::Planned))
            && word.starts_with("to ")
            && journey_told_in_past(ctx.slice(ctx.sent.start.max(left_start.min(r.start))..r.start))
        {
            continue;
        }
        // "agreed to host the round in a phone call with Putin on Sunday": what was agreed is
        // planned; the call in which it was agreed took place.
        if noun
            && matches!(s, CueSense::Before(Modality::Planned))
            && word.eq_ignore_ascii_case("agreed to")
            && occasion_of_agreement(ctx.slice(r.end..span.start))
        {
            continue;
        }
        let m = match s {
            CueSense::Before(m) => {
                // Before the trigger, in its clause (a cue that is itself the clause's opening
                // boundary, like "ahead of", counts), within the window.
                let in_reach = r.start < span.start
                    && r.end <= span.end
                    && r.start + 1
                        >= left_start.saturating_sub(ctx.slice(r.start..left_start).len().min(20))
                    && (r.start >= left_start || r.end >= left_start);
                let window = match m {
                    Modality::Planned => ctx.lex.cue_windows[0],
                    Modality::Cancelled => ctx.lex.cue_windows[1],
                    Modality::Denied => ctx.lex.cue_windows[2].min(3),
                };
                let comma_between = ctx.slice(r.end.min(span.start)..span.start).contains(',');
                let opening_cue = r.start < left_start;
                if in_reach
                    && !(opening_cue && comma_between)
                    && words_between(r.end.min(span.start), span.start) <= window
                {
                    Some(*m)
                } else {
                    None
                }
            }
            CueSense::After(m) => {
                if r.start >= span.end
                    && ((r.start < right_end.max(span.end + 1) + 40
                        && words_between(span.end, r.start) <= 4)
                        || after_relative_clause(ctx, span.end, r.start))
                {
                    Some(*m)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(m) = m {
            // Cancelled and denied outrank planned ("the planned visit was cancelled").
            found = Some(match (found, m) {
                (Some(Modality::Cancelled), _) | (_, Modality::Cancelled) => Modality::Cancelled,
                (Some(Modality::Denied), _) | (_, Modality::Denied) => Modality::Denied,
                _ => Modality::Planned,
            });
        }
    }
    // "denied reports that A would meet B", "dismissed reports of a meeting": the denial governs
    // the whole complement, however far the trigger is from it.
    let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
    let denial = [
        "denied reports",
        "denied media reports",
        "denied that",
        "dismissed reports",
        "rejected reports",
        "denied claims",
        "dismissed claims",
    ]
    .iter()
    .any(|c| before.contains(c));
    if denial && !matches!(found, Some(Modality::Cancelled)) {
        found = Some(Modality::Denied);
    }
    match found {
        Some(Modality::Planned) => (Status::Planned, Certainty::Cued),
        Some(Modality::Cancelled) => (Status::Cancelled, Certainty::Cued),
        Some(Modality::Denied) => (Status::Denied, Certainty::Cued),
        None if noun && !held_before(ctx, span, left_start) => {
            (Status::Occurred, Certainty::Default)
        }
        None => (Status::Occurred, Certainty::Cued),
    }
}

/// True when `between` (from an "agreed to" to a noun trigger) holds a verb and then opens the
/// prepositional phrase of the trigger: "host the round in a", "set up the talks during their".
fn occasion_of_agreement(between: &str) -> bool {
    let words = lower_words(between);
    // The medium and size words that may stand between the article and the noun.
    let mut k = words.len();
    while k > 0
        && words.get(k - 1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "phone" | "telephone" | "video" | "brief" | "short" | "long" | "lengthy"
            )
        })
    {
        k -= 1;
    }
    let (Some(prep), Some(article)) = (
        k.checked_sub(2).and_then(|i| words.get(i)),
        k.checked_sub(1).and_then(|i| words.get(i)),
    ) else {
        return false;
    };
    // At least the agreed verb itself before the preposition.
    k >= 3
        && matches!(prep.as_str(), "in" | "during")
        && matches!(
            article.as_str(),
            "a" | "an" | "the" | "their" | "his" | "her"
        )
}

/// True when `before` (the clause before a "to meet"/"to visit") tells a journey in the past
/// tense: "rode a bus across the Wagah border", "flew to Kampala", "travelled to Moscow".
pub(super) fn journey_told_in_past(before: &str) -> bool {
    const PAST_JOURNEY: &[&str] = &[
        "flew",
        "travelled",
        "traveled",
        "rode",
        "drove",
        "went",
        "came",
        "crossed",
        "arrived",
        "sailed",
        "journeyed",
        "headed",
    ];
    let words = lower_words(before);
    // "will fly ... to meet" is planned: no future or modal auxiliary may govern the journey.
    words.iter().any(|w| PAST_JOURNEY.contains(&w.as_str()))
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "will" | "would" | "shall" | "plans" | "planned" | "expected" | "due" | "'ll"
            )
        })
}

/// True when `cue` is the main verb right after a relative clause that follows the trigger's
/// noun phrase: "A meeting between A and B, which IGAD had said would take place on 28
/// December, was postponed".
pub(super) fn after_relative_clause(ctx: &Ctx<'_>, trigger_end: usize, cue: usize) -> bool {
    let tail = ctx.slice(trigger_end..cue);
    let Some(open) = tail.find(", which ").or_else(|| tail.find(", who ")) else {
        return false;
    };
    // The noun phrase before the relative clause stays short (the people of the event).
    if tail
        .get(..open)
        .is_none_or(|np| np.split_whitespace().count() > 14)
    {
        return false;
    }
    let Some(close) = tail.rfind(',').filter(|c| *c > open) else {
        return false;
    };
    tail.get(close + 1..)
        .is_some_and(|rest| rest.split_whitespace().count() == 0)
}

/// Words that make an interaction a possibility, an offer or a readiness rather than a plan:
/// "ready to meet", "could hold a conversation", "a possible meeting", "did not reject a meeting",
/// "asked whether he would meet". The annotation guidelines do not count these as events.
pub(super) const HYPOTHETICAL: &[&str] = &[
    "ready to",
    "willing to",
    "prepared to",
    "open to",
    "could",
    "might",
    "possible",
    "potential",
    "possibility of",
    "prospect of",
    "did not reject",
    "does not reject",
    "do not reject",
    "not rule out",
    "did not rule out",
    "does not rule out",
    "not ruled out",
    "whether",
    "offered to",
    "proposed",
    "called for",
    "calls for",
    "would welcome",
    "idea of",
];

/// "agreed to continue negotiations on the text": an open-ended process, not a session — unless
/// a day is given ("will continue the negotiations on Tuesday").
pub(super) const CONTINUATION: &[&str] = &["continue", "continuing", "continued"];

/// True when a hypothetical cue stands shortly before the trigger, in its clause or in the
/// sentence's opening ("Asked whether he would meet ...").
pub(super) fn hypothetical(ctx: &Ctx<'_>, span: &Range<usize>, left_start: usize) -> bool {
    let from = left_start.min(span.start);
    let words = lower_words(ctx.slice(from..span.start));
    let n = words.len();
    HYPOTHETICAL.iter().any(|cue| {
        let k = cue.bytes().filter(|&b| b == b' ').count() + 1;
        // Only the last starts can end within six words of the trigger.
        let first = n.saturating_sub(k + 6);
        (first..=n.saturating_sub(k)).rev().any(|i| {
            let matches = words.get(i..i + k).is_some_and(|w| {
                // Most windows differ in the first letter: no need to split the cue.
                w.first().and_then(|a| a.as_bytes().first()) == cue.as_bytes().first()
                    && w.iter().zip(cue.split(' ')).all(|(a, b)| a == b)
            });
            // Within six words of the trigger.
            matches && n - (i + k) <= 6
        })
    })
}

/// "held indirect talks", "had a brief meeting": a past light verb right before a noun trigger
/// states that the event took place, as a past-tense verb trigger does.
pub(super) fn held_before(ctx: &Ctx<'_>, span: &Range<usize>, left_start: usize) -> bool {
    let words = lower_words(ctx.slice(left_start.min(span.start)..span.start));
    words.iter().rev().take(4).any(|w| {
        matches!(
            w.as_str(),
            "held" | "had" | "conducted" | "concluded" | "wrapped" | "began" | "opened"
        )
    })
}
