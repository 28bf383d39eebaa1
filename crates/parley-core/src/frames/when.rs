//! Which time expression dates a frame, and "a day earlier"-style shifts from the event told before.

use super::*;

/// Phrases that date an event from the one told just before it, with the shift in days.
pub(super) const SHIFTS_FROM_PREVIOUS: &[(&str, i64)] = &[
    ("a day earlier", -1),
    ("one day earlier", -1),
    ("the day before", -1),
    ("a day before", -1),
    ("the previous day", -1),
    ("the preceding day", -1),
    ("two days earlier", -2),
    ("two days before", -2),
    ("three days earlier", -3),
    ("four days earlier", -4),
    ("five days earlier", -5),
    ("a week earlier", -7),
    ("one week earlier", -7),
    ("a day later", 1),
    ("one day later", 1),
    ("the next day", 1),
    ("the following day", 1),
    ("the day after", 1),
    ("two days later", 2),
    ("three days later", 3),
    ("four days later", 4),
    ("five days later", 5),
    ("a week later", 7),
    ("one week later", 7),
    ("hours earlier", 0),
    ("hours later", 0),
    ("later that day", 0),
    ("earlier that day", 0),
    ("later the same day", 0),
    ("earlier the same day", 0),
    ("earlier in the day", 0),
    ("later in the day", 0),
    ("that same day", 0),
    // "A and B separately called on Modi during the day": the day the story is about.
    ("during the day", 0),
    // "received A and B separately before it began": the talks just told.
    ("before it began", 0),
    ("before it started", 0),
    ("before it opened", 0),
    ("before they began", 0),
    ("after it ended", 0),
];

/// The three "around the talks" leads, then [`SHIFTS_FROM_PREVIOUS`], for one presence scan.
pub(super) fn shift_scan_phrases() -> [&'static str; 3 + SHIFTS_FROM_PREVIOUS.len()] {
    let mut all = [""; 3 + SHIFTS_FROM_PREVIOUS.len()];
    let leads = ["before the ", "after the ", "ahead of the "];
    let phrases = leads
        .into_iter()
        .chain(SHIFTS_FROM_PREVIOUS.iter().map(|(p, _)| *p));
    for (slot, p) in all.iter_mut().zip(phrases) {
        *slot = p;
    }
    all
}

/// A shift phrase in the trigger's clause or opening the sentence ("A day earlier, Blinken held
/// ..."), not followed by "the" + noun ("the day before the summit" is dated by the summit).
pub(super) fn shift_from_previous(
    ctx: &Ctx<'_>,
    span: &Range<usize>,
    left_start: usize,
) -> Option<i64> {
    let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
    let window_start = before
        .len()
        .saturating_sub(ctx.slice(left_start.min(span.start)..span.start).len() + 40);
    let before = before.get(window_start..).unwrap_or(&before);
    let after = ctx
        .slice(span.end..ctx.sent.end)
        .to_lowercase()
        .chars()
        .take(80)
        .collect::<String>();
    // Which leads and shift phrases occur at all (bits in `shift_scan_phrases` order), in one pass.
    static SCAN: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let present = crate::scan::present(&SCAN, &shift_scan_phrases(), &[before, &after]);
    // "received each minister separately before the talks", "Before the trilateral session
    // began, X met ...": on the day of the talks just told.
    let around_the_talks = |text: &str| {
        ["before the ", "after the ", "ahead of the "]
            .iter()
            .enumerate()
            .filter(|(k, _)| present & (1 << k) != 0)
            .any(|(_, lead)| {
                text.match_indices(lead).any(|(i, _)| {
                    let bounded = text
                        .get(..i)
                        .and_then(|b| b.chars().next_back())
                        .is_none_or(|c| !c.is_alphanumeric());
                    let next = lower_words(text.get(i + lead.len()..).unwrap_or(""));
                    bounded
                        && next.iter().take(2).any(|w| {
                            matches!(
                                w.as_str(),
                                "talks"
                                    | "meeting"
                                    | "session"
                                    | "trilateral"
                                    | "negotiations"
                                    | "round"
                                    | "summit"
                                    | "plenary"
                                    | "dinner"
                                    | "lunch"
                                    | "ceremony"
                                    | "signing"
                                    | "conference"
                            )
                        })
                })
            })
    };
    if present & 0b111 != 0 && (around_the_talks(before) || around_the_talks(&after)) {
        return Some(0);
    }
    // "During her one-day visit Sandu also met ...": on the day of the visit just told.
    if opens_during_own_visit(ctx) {
        return Some(0);
    }
    // Only the phrases present (bit `k + 3`), in the list's order.
    let mut candidates = SHIFTS_FROM_PREVIOUS
        .iter()
        .zip(3u32..)
        .filter(|(_, k)| present & (1 << k) != 0)
        .map(|(x, _)| x);
    candidates.find_map(|(phrase, days)| {
        let hit = |text: &str| {
            text.match_indices(phrase).any(|(i, _)| {
                let next = text.get(i + phrase.len()..).unwrap_or("").trim_start();
                let bounded = text
                    .get(..i)
                    .and_then(|b| b.chars().next_back())
                    .is_none_or(|c| !c.is_alphanumeric());
                bounded && !next.starts_with("the ") && !next.starts_with("his ")
            })
        };
        (hit(before) || hit(&after)).then_some(*days)
    })
}

pub(super) fn time_for(
    ctx: &Ctx<'_>,
    span: &Range<usize>,
    left_start: usize,
    right_end: usize,
    all_triggers: &[Range<usize>],
    relative: Option<&Range<usize>>,
) -> Option<TimeExpr> {
    let report_adjacent = |t: &TimeMention| {
        let before = ctx.slice(ctx.sent.start..t.start).to_lowercase();
        // "the first since the attack on 7 October": a date after "since" or "until" bounds a
        // period; it does not date the event.
        // But "their first talks since the start of the war on Thursday": a weekday or "yesterday"
        // names a day of this week, which is the event's; a war or an attack that began then
        // would be written "since Thursday". So for those, only "since" right before counts.
        let near_day = matches!(t.expr, TimeExpr::Weekday { .. } | TimeExpr::DayOffset(_));
        let reach = if near_day { 2 } else { 6 };
        let near: Vec<&str> = before.split_whitespace().rev().take(reach).collect();
        if near
            .iter()
            .any(|w| matches!(*w, "since" | "until" | "till"))
        {
            return true;
        }
        // "their first direct talks in four years": how long since the last time, not when.
        let span_words = ctx.slice(t.start..t.end).to_lowercase();
        // "the first visit by a Chinese foreign minister to India in three years": the words
        // between "first" and "in" may be many, but not across a comma.
        if span_words.starts_with("in ")
            && before
                .split_whitespace()
                .rev()
                .take(12)
                .take_while(|w| !w.ends_with(','))
                .any(|w| {
                    matches!(
                        w,
                        "first" | "first-ever" | "longest" | "highest-level" | "second" | "third"
                    )
                })
        {
            return true;
        }
        let last: Vec<&str> = before.split_whitespace().rev().take(4).collect();
        last.iter().any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphabetic()),
                "said" | "says" | "announced" | "reported" | "statement" | "issued" | "told"
            )
        })
    };
    let dist = |t: &TimeMention, s: &Range<usize>| {
        if t.start >= s.end {
            t.start - s.end
        } else {
            s.start.saturating_sub(t.end)
        }
    };
    let right_end = over_venue(ctx, right_end);
    // "NEW YORK, Sept 21 (Wire) - Zelensky met Lula ... on Wednesday": the dateline's date is
    // the report's, not the event's.
    let dateline_end = dateline_end(ctx);
    let report_adjacent = |t: &TimeMention| report_adjacent(t) || t.end <= dateline_end;
    let in_clause = ctx
        .times
        .iter()
        .filter(|t| {
            t.start >= left_start && t.end <= right_end.max(span.end) && !report_adjacent(t)
        })
        // A relative clause's date ("X, who was ousted on 28 June, met Y on Tuesday") is the
        // event's only when the sentence has no other ("X, who flew in on Wednesday, held talks
        // with Y that evening"): see the fallback below.
        .filter(|t| !relative.is_some_and(|r| r.contains(&t.start)))
        .min_by_key(|t| dist(t, span));
    if let Some(t) = in_clause {
        // "The call on Friday evening was arranged by Trump, who had spoken with both men
        // earlier in the day": the day is the one the sentence named before, not today.
        let same_day_as_before = matches!(t.expr, TimeExpr::DayOffset(0))
            && ["in the day", "same day", "that day"]
                .iter()
                .any(|p| ctx.slice(t.start..t.end).to_lowercase().contains(p));
        if same_day_as_before {
            if let Some(earlier) = ctx
                .times
                .iter()
                .rfind(|o| o.end <= t.start && !report_adjacent(o))
            {
                return Some(range_start(ctx, earlier).expr.clone());
            }
        }
        return Some(range_start(ctx, t).expr.clone());
    }
    // "in Lahore in February 1999, when Vajpayee rode a bus across the border to meet Sharif":
    // a "when" clause right after a time happens at that time.
    let when_clause = ctx.times.iter().rev().find(|t| {
        t.end <= span.start && !report_adjacent(t) && {
            let g = ctx.slice(t.end..span.start).trim_start().to_lowercase();
            g.strip_prefix(',')
                .unwrap_or(&g)
                .trim_start()
                .starts_with("when ")
        }
    });
    if let Some(t) = when_clause {
        return Some(t.expr.clone());
    }
    // Otherwise a time elsewhere in the sentence that no other trigger is closer to, preferring
    // the trigger on its left: a time closes the clause it modifies ("held talks since the start
    // of the war on Thursday, but the meeting ended ...").
    let closeness = |t: &TimeMention, s: &Range<usize>| (t.start < s.end, dist(t, s));
    // "Saudi Arabia suspended dialogue early on Saturday, hours after the two held their first
    // call": a clause opened by "hours after" or "days before" happened at another time than
    // the main clause's ("agreed on Thursday ..., after talks at Argyle" shares its day).
    let opened_by_sequence = ctx.boundaries.iter().any(|b| {
        b.end <= left_start
            && left_start <= b.end + 1
            && matches!(
                ctx.slice(b.clone()).to_lowercase().as_str(),
                "after" | "before"
            )
            && lower_words(ctx.slice(ctx.sent.start..b.start))
                .last()
                .is_some_and(|w| matches!(w.as_str(), "hours" | "days" | "weeks" | "months"))
    });
    ctx.times
        .iter()
        .filter(|t| !report_adjacent(t))
        .filter(|t| !(opened_by_sequence && t.end <= left_start))
        // "Putin offered condolences over the bombings on Tuesday night, and the two leaders
        // agreed to meet": a coordinated clause with a subject of its own does not borrow the
        // first clause's day.
        .filter(|t| {
            !(t.end <= left_start
                && ctx.slice(t.end..left_start).contains(", and ")
                && !ctx.slice(left_start..span.start).trim().is_empty())
        })
        .filter(|t| {
            let mine = closeness(t, span);
            all_triggers
                .iter()
                .all(|o| o == span || closeness(t, o) >= mine)
        })
        .min_by_key(|t| closeness(t, span))
        .map(|t| range_start(ctx, t).expr.clone())
}

/// The first day of a range a time closes: "on Saturday and Sunday", "from Monday to
/// Wednesday", "on 10-11 May" name one event that began on the first day, whichever of the
/// two a trigger is nearer to.
pub(super) fn range_start<'t>(ctx: &'t Ctx<'_>, t: &'t TimeMention) -> &'t TimeMention {
    ctx.times
        .iter()
        .rfind(|p| {
            p.end <= t.start
                && matches!(
                    ctx.slice(p.end..t.start).trim().to_lowercase().as_str(),
                    "and" | "to" | "-" | "\u{2013}" | "through" | "till" | "until"
                )
        })
        .unwrap_or(t)
}

/// True when the sentence opens with "During his/her/their/the (…) visit" (or trip, stay) and
/// no destination: what it tells happened during the visit told before.
fn opens_during_own_visit(ctx: &Ctx<'_>) -> bool {
    let words = lower_words(ctx.slice(ctx.sent.clone()));
    words.first().is_some_and(|w| w == "during")
        && words
            .get(1)
            .is_some_and(|w| matches!(w.as_str(), "his" | "her" | "their" | "the" | "this"))
        && words.iter().skip(2).take(3).any(|w| {
            matches!(
                w.as_str(),
                "visit" | "trip" | "stay" | "tour" | "visit," | "trip,"
            )
        })
        && !words.iter().skip(2).take(5).any(|w| w == "to")
}
