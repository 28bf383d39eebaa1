//! Where: venues, place names next to the trigger, datelines, and whose initiative a meeting was.

use super::*;

/// "on the sidelines of the SCO summit": the gathering named after "sidelines of" is the venue of
/// the event, not an event of its own (multilateral conferences are venues), and it must not take
/// the event's date away from the verb it belongs to.
pub(super) fn is_venue(text: &str, sent_start: usize, at: usize) -> bool {
    let mut from = at.saturating_sub(60).max(sent_start);
    while !text.is_char_boundary(from) && from < at {
        from += 1;
    }
    let raw = text.get(from..at).unwrap_or("");
    if !crate::scan::may_contain_lowercased(raw, &["sidelines", "margins", "fringes"]) {
        return false;
    }
    let before = raw.to_lowercase();
    [
        "sidelines of",
        "margins of",
        "fringes of",
        "sidelines of the",
        "margins of the",
    ]
    .iter()
    .filter_map(|c| before.rfind(c).map(|i| (i, c.len())))
    .max()
    .is_some_and(|(i, n)| {
        // Only a few words (the gathering's name) between the phrase and the trigger.
        let gap = before.get(i + n..).unwrap_or("");
        gap.split_whitespace().count() <= 5 && !gap.contains(',')
    })
}

/// "on the sidelines of the G20 meeting in New Delhi on Thursday": the gathering's place and day
/// are the event's, so the clause reaches over the venue phrase to the next boundary.
pub(super) fn over_venue(ctx: &Ctx<'_>, right_end: usize) -> usize {
    let rest = ctx.slice(right_end..ctx.sent.end);
    let after_clause = rest.trim_start().to_lowercase();
    [
        "on the sidelines of",
        "on the margins of",
        "in the framework of",
        "within the framework of",
    ]
    .iter()
    .find(|c| after_clause.starts_with(*c))
    .map(|c| {
        let gap = rest.len() - rest.trim_start().len();
        ctx.clause_end(right_end + gap + c.len())
    })
    .unwrap_or(right_end)
}

pub(super) fn location_for(
    ctx: &Ctx<'_>,
    span: &Range<usize>,
    left_start: usize,
    right_end: usize,
    visit: bool,
) -> Option<FramePlace> {
    let mut best: Option<(usize, FramePlace)> = None;
    let right_end = over_venue(ctx, right_end);
    for (r, place, ambiguous) in &ctx.places {
        let before = ctx.slice(ctx.sent.start..r.start).to_lowercase();
        let mut last_words = before.split_whitespace().rev();
        let prev = last_words.next().unwrap_or("").to_string();
        let prev2 = last_words.next().unwrap_or("").to_string();
        // "in the Mediterranean city of El Alamein", "the resort town of Sochi".
        let settlement_of = prev == "of"
            && matches!(
                prev2.as_str(),
                "city" | "town" | "resort" | "capital" | "village" | "port" | "island" | "county"
            );
        let introduced = settlement_of
            || matches!(
                prev.as_str(),
                "in" | "at" | "to" | "visited" | "visiting" | "visit" | "visits" | "near"
            );
        // "the Prague summit": a place right before the trigger.
        let modifier =
            r.end <= span.start && ctx.slice(r.end..span.start).split_whitespace().count() == 0;
        let in_scope = r.start >= left_start && r.end <= right_end.max(span.end);
        // Ambiguous names ("Nice") count only after "in", "at" or "to".
        if !(in_scope && (introduced || (modifier && !*ambiguous))) {
            continue;
        }
        // A country name is a place only for visits ("visit to Turkey") or "in Turkey".
        let d = if r.start >= span.end {
            r.start - span.end
        } else {
            span.start - r.end
        };
        let is_country_name = place
            .country
            .as_ref()
            .is_some_and(|c| ctx.lex.country(c).is_some_and(|x| x.name == place.name));
        if is_country_name && !(visit || prev == "in") {
            continue;
        }
        if best.as_ref().is_none_or(|(bd, bp)| {
            // Prefer a city over its country ("in Kazan, Republic of Tatarstan, Russia").
            let bp_country = bp
                .country
                .as_ref()
                .is_some_and(|c| ctx.lex.country(c).is_some_and(|x| x.name == bp.name));
            (bp_country && !is_country_name) || (d < *bd && bp_country == is_country_name)
        }) {
            best = Some((d, place.clone()));
        }
    }
    best.map(|(_, p)| p)
}

/// The place of a wire dateline opening the sentence ("EL ALAMEIN, Egypt — ...", "MOSCOW, June 5
/// (Agency) - ..."): where the reporter was, which for the lead's in-person event is where it
/// happened unless the sentence names another place.
/// Where a wire dateline ("NEW YORK, Sept 21 (Wire) -") ends in this sentence: the first dash
/// after a dateline place; the sentence start when there is none.
pub(super) fn dateline_end(ctx: &Ctx<'_>) -> usize {
    if dateline_place(ctx).is_none() {
        return ctx.sent.start;
    }
    let sentence = ctx.slice(ctx.sent.clone());
    let head_len = sentence
        .char_indices()
        .nth(80)
        .map_or(sentence.len(), |(i, _)| i);
    let head = sentence.get(..head_len).unwrap_or("");
    [" - ", " \u{2014}", " \u{2013}", "--"]
        .iter()
        .filter_map(|d| head.find(d))
        .min()
        .map_or(ctx.sent.start, |i| ctx.sent.start + i)
}

pub(super) fn dateline_place(ctx: &Ctx<'_>) -> Option<FramePlace> {
    let sentence = ctx.slice(ctx.sent.clone());
    let lead = sentence.len() - sentence.trim_start().len();
    let (r, place, _) = ctx
        .places
        .iter()
        .find(|(r, _, _)| r.start == ctx.sent.start + lead)?;
    let rest = ctx.slice(r.end..ctx.sent.end);
    let head: String = rest.chars().take(60).collect();
    let dash = head.contains(" - ") || head.contains(" \u{2014}") || head.contains(" \u{2013}");
    let shouted = ctx
        .slice(r.clone())
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    let dateline = (rest.starts_with(',') && (dash || head.contains('(') || shouted))
        || (rest.starts_with(':') && shouted)
        || rest.starts_with(" \u{2014}")
        || rest.starts_with(" - ");
    dateline.then(|| place.clone())
}

/// "on the initiative of the Azerbaijani side", "at the invitation of": the country that initiated.
pub(super) fn initiative_country(ctx: &Ctx<'_>, sent: Range<usize>) -> Option<String> {
    let s = ctx.slice(sent.clone()).to_lowercase();
    let i = s
        .find("initiative of")
        .or_else(|| s.find("at the request of"))?;
    let from = sent.start + i;
    let hits = ctx
        .lex
        .entities
        .find(ctx.text, from, sent.end.min(from + 60));
    hits.iter().find_map(|h| {
        h.senses.iter().find_map(|x| match x {
            EntitySense::Country(c, _) => ctx.lex.countries.get(*c).map(|c| c.code.clone()),
            _ => None,
        })
    })
}
