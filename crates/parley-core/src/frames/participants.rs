//! Who takes part beyond the plain subject and object: mediators, relative-clause antecedents,
//! role owners, plural roles ("the two presidents") and appositions.

use super::*;

/// True when the mention at `start` follows "<role> of" / "<role> to": "the envoy of X", "an
/// adviser to X", "on behalf of X" name whom an official serves, not who took part.
pub(super) fn owner_of_role(ctx: &Ctx<'_>, start: usize) -> bool {
    let before = lower_words(ctx.slice(ctx.sent.start..start));
    let n = before.len();
    let (Some(prep), Some(role)) = (
        n.checked_sub(1).and_then(|i| before.get(i)),
        n.checked_sub(2).and_then(|i| before.get(i)),
    ) else {
        return false;
    };
    matches!(prep.as_str(), "of" | "to")
        && matches!(
            role.as_str(),
            "envoy"
                | "envoys"
                | "emissary"
                | "adviser"
                | "advisers"
                | "advisor"
                | "advisors"
                | "aide"
                | "aides"
                | "deputy"
                | "representative"
                | "representatives"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "behalf"
                | "son"
                | "daughter"
                | "wife"
                | "husband"
                | "administration"
                | "government"
                | "office"
                | "team"
        )
}

/// The people a sentence names as mediators or facilitators of the talks it reports.
pub(super) fn mediators(ctx: &Ctx<'_>) -> Vec<Actor> {
    const BEFORE: &[&str] = &[
        "mediation of",
        "facilitation of",
        "mediated by",
        "facilitated by",
        "brokered by",
        "mediator",
        "mediators",
        "mediators led by",
        "mediator and",
        "facilitator",
    ];
    const AFTER: &[&str] = &[
        "acting as mediator",
        "acting as a mediator",
        "acting as the mediator",
        "acting as mediators",
        "acting as facilitator",
        "again acting as mediator",
        "as mediator",
        "as a mediator",
        "as the mediator",
        "as mediators",
        "as facilitator",
        "as the facilitator",
        "mediating",
    ];
    let mut out = Vec::new();
    // Every cue holds one of these stems, and both windows lie in the sentence; a name
    // coordinated with a mediator needs a mediator found by a cue first.
    if !crate::scan::may_contain_lowercased(
        ctx.slice(ctx.sent.clone()),
        &["mediat", "facilitat", "brokered"],
    ) {
        return out;
    }
    let mut last_mediator_end: Option<usize> = None;
    for (m, a) in &ctx.mentions {
        let Some(a) = a else { continue };
        if m.speaker {
            continue;
        }
        let mut before_start = m.start.saturating_sub(90).max(ctx.sent.start);
        while !ctx.text.is_char_boundary(before_start) && before_start < m.start {
            before_start += 1;
        }
        let before = ctx
            .text
            .get(before_start..m.start)
            .unwrap_or("")
            .trim_end()
            .to_lowercase();
        let before_words = lower_words(&before).join(" ");
        let mut after_end = (m.end + 60).min(ctx.sent.end);
        while !ctx.text.is_char_boundary(after_end) && after_end > m.end {
            after_end -= 1;
        }
        let after = ctx.text.get(m.end..after_end).unwrap_or("");
        let after_words = lower_words(after).join(" ");
        // The cue may stand before a title that is not part of the mention ("mediators led by
        // Prime Minister Sheikh Mohammed ..."): allow a few words, but no comma, in between.
        // "the two main mediators between Israel and Hamas, Qatari Prime Minister ...": an
        // apposition right after the plural noun names the mediators.
        let is_mediator = BEFORE.iter().any(|c| {
            before_words.rfind(c).is_some_and(|i| {
                let rest = before_words.get(i + c.len()..).unwrap_or("");
                let raw_rest = before.rsplit(c).next().unwrap_or("");
                // "facilitated by the prime ministers of St Vincent and the Grenadines and of
                // Dominica, Ralph Gonsalves and ...": a plural role, then the names.
                let plural_role = PLURAL_ROLE_NOUNS
                    .iter()
                    .any(|n| rest.split_whitespace().any(|w| w == *n));
                let apposition = (c.ends_with('s') || plural_role)
                    && raw_rest.ends_with(',')
                    && raw_rest.matches(',').count() == 1
                    && rest.split_whitespace().count() <= if plural_role { 12 } else { 6 };
                rest.is_empty()
                    || apposition
                    || (rest.starts_with(' ')
                        && rest.split_whitespace().count() <= 4
                        && !raw_rest.contains(','))
            })
        }) || AFTER.iter().any(|c| after_words.starts_with(c));
        // "..., Ralph Gonsalves and Roosevelt Skerrit": coordinated with a mediator.
        let coordinated_with_mediator = last_mediator_end.is_some_and(|end| {
            matches!(
                coordination_gap(ctx.slice(end..m.start)).as_str(),
                "and" | "," | ", and"
            )
        });
        if is_mediator || coordinated_with_mediator {
            last_mediator_end = Some(m.end);
            if !out.contains(a) {
                out.push(a.clone());
            }
        }
    }
    out
}

/// The heads of the delegations a sentence names for the talks it reports: "with the two
/// delegations led by Redwan and Getachew", "the teams, headed by A and B". They are parties
/// to the talks even where the clause that holds the trigger ends before them.
pub(super) fn delegation_heads(ctx: &Ctx<'_>) -> Vec<Actor> {
    const CUES: &[&str] = &[
        "delegation led by",
        "delegations led by",
        "delegation headed by",
        "delegations headed by",
        "teams led by",
        "teams headed by",
        "delegations, led by",
        "delegations, headed by",
    ];
    let mut out = Vec::new();
    let sentence = ctx.slice(ctx.sent.clone());
    if !crate::scan::may_contain_lowercased(sentence, &["led by", "headed by"]) {
        return out;
    }
    let lower = sentence.to_lowercase();
    let mut last_head_end: Option<usize> = None;
    for (m, a) in &ctx.mentions {
        let Some(a) = a else { continue };
        if m.speaker || m.start < ctx.sent.start {
            continue;
        }
        let before = lower
            .get(..m.start - ctx.sent.start)
            .unwrap_or("")
            .trim_end();
        // The cue may stand before a title that is not part of the mention ("delegations led
        // by Foreign Minister X"): a few words, no comma, in between.
        let after_cue = CUES.iter().any(|c| {
            before.rfind(c).is_some_and(|i| {
                let rest = before.get(i + c.len()..).unwrap_or("");
                !rest.contains(',') && rest.split_whitespace().count() <= 3
            })
        });
        let coordinated = last_head_end.is_some_and(|end| {
            matches!(
                coordination_gap(ctx.slice(end..m.start)).as_str(),
                "and" | "," | ", and"
            )
        });
        if after_cue || coordinated {
            last_head_end = Some(m.end);
            if !out.contains(a) {
                out.push(a.clone());
            }
        }
    }
    out
}

/// Plural nouns for offices, which may stand between a mediation cue and the names in
/// apposition ("facilitated by the prime ministers of A and of B, X and Y").
pub(super) const PLURAL_ROLE_NOUNS: &[&str] = &[
    "ministers",
    "presidents",
    "leaders",
    "envoys",
    "premiers",
    "chancellors",
    "secretaries",
    "representatives",
    "officials",
    "diplomats",
];

/// True when the text between a possessor and a name is "'s <role noun>, ": "Papadopoulos's
/// predecessor, Glafcos Clerides", "Burhan's deputy, Malik Agar".
pub(super) fn possessed_apposition(gap: &str) -> bool {
    let g = gap.trim();
    let Some(rest) = g.strip_prefix("'s").or_else(|| g.strip_prefix("\u{2019}s")) else {
        return false;
    };
    let Some(noun) = rest.trim().strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = noun.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
}

/// The relative clause ", who ... ," that ends right before a verb trigger at `verb`, when the
/// clause that `left_start` opens is one: "Zelaya, who was ousted on 28 June, met Clinton".
pub(super) fn relative_clause_before(
    ctx: &Ctx<'_>,
    left_start: usize,
    verb: usize,
) -> Option<Range<usize>> {
    // The opener stands where the clause starts, or further back when a trigger inside the
    // relative clause started a clause of its own ("Blinken, who announced the talks in late
    // July, spoke with Burhan"): then no comma may stand between them.
    let relative_pronoun = |b: &Range<usize>| {
        matches!(
            ctx.slice(b.clone()).to_lowercase().as_str(),
            "who" | "which" | "whose"
        )
    };
    let opener = ctx
        .boundaries
        .iter()
        .find(|b| b.end <= left_start && left_start <= b.end + 1)
        .filter(|b| relative_pronoun(b))
        .or_else(|| {
            ctx.boundaries.iter().rev().find(|b| {
                b.end <= left_start
                    && relative_pronoun(b)
                    && !ctx.slice(b.end..left_start).contains([',', ';', ':'])
            })
        })?;
    let word = ctx.slice(opener.clone()).to_lowercase();
    if !matches!(word.as_str(), "who" | "which" | "whose") {
        return None;
    }
    // ", who": the comma opens it; "... ," closes it right before the verb (adverbs aside:
    // "..., later met").
    let comma_before = ctx
        .slice(ctx.sent.start..opener.start)
        .trim_end()
        .ends_with(',');
    let inner = ctx.slice(left_start..verb).trim_end();
    // Closed by a comma right before the verb, or before a few lower-case words that lead to
    // it: "..., later met", "..., held separate talks".
    let closes = inner.ends_with(',')
        || inner.rsplit_once(',').is_some_and(|(_, tail)| {
            let words: Vec<&str> = tail.split_whitespace().collect();
            (1..=3).contains(&words.len())
                && words
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
        });
    (comma_before && closes).then_some(opener.start..verb)
}

/// True when the words right after a trigger say the talks were held over a line: "held talks
/// via video link", "met by videoconference", "talked by phone".
pub(super) fn remote_medium_after(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    let after = lower_words(ctx.slice(span.end..(span.end + 40).min(ctx.sent.end)));
    let after: Vec<&str> = after.iter().map(String::as_str).collect();
    matches!(
        after.as_slice(),
        [
            "via" | "by" | "over",
            "video"
                | "videolink"
                | "videoconference"
                | "video-conference"
                | "phone"
                | "telephone"
                | "teleconference",
            ..
        ] | [
            "via" | "by" | "over",
            "a" | "the",
            "video" | "videolink" | "videoconference" | "phone" | "telephone",
            ..
        ]
    )
}

/// The people a relative clause opened at `left_start` by ", who" refers to: the mention that
/// ends at the comma, with what is coordinated with it ("Foreign Ministers Mukhtar Tileuberdi
/// and Vladimir Norov, who met in Astana"). Empty when the clause is not opened that way.
pub(super) fn who_antecedents(
    ctx: &Ctx<'_>,
    left_start: usize,
    resolve: &ResolveFn<'_>,
) -> Vec<Actor> {
    let lead = ctx.slice(ctx.sent.start..left_start).trim_end();
    let Some(head) = lead
        .strip_suffix("who")
        .and_then(|h| h.trim_end().strip_suffix(','))
    else {
        return Vec::new();
    };
    let comma = ctx.sent.start + head.trim_end().len();
    people_ending_at(ctx, comma, resolve)
}

/// "Secretary of State Antony Blinken, who announced the talks in late July, spoke with Burhan":
/// after a relative clause closed by a comma, the main verb's subject is the person before
/// ", who".
pub(super) fn closed_relative_antecedents(
    ctx: &Ctx<'_>,
    verb_start: usize,
    resolve: &ResolveFn<'_>,
) -> Vec<Actor> {
    let lead = ctx.slice(ctx.sent.start..verb_start).trim_end();
    let Some(body) = lead.strip_suffix(',') else {
        return Vec::new();
    };
    let Some(at) = body.rfind(", who ") else {
        return Vec::new();
    };
    if body
        .get(at + 1..)
        .is_some_and(|rest| rest.contains([',', ';']))
    {
        return Vec::new();
    }
    people_ending_at(ctx, ctx.sent.start + at, resolve)
}

/// The person (or coordinated people) whose mention ends at byte `comma`.
fn people_ending_at(ctx: &Ctx<'_>, comma: usize, resolve: &ResolveFn<'_>) -> Vec<Actor> {
    let Some(last) = ctx
        .mentions
        .iter()
        .rposition(|(m, _)| m.end == comma && !m.speaker)
    else {
        return Vec::new();
    };
    let mut first = last;
    while let Some(k) = first.checked_sub(1) {
        let (Some((a, _)), Some((b, _))) = (ctx.mentions.get(k), ctx.mentions.get(first)) else {
            break;
        };
        let gap = coordination_gap(ctx.slice(a.end..b.start));
        let same_group = a.group.is_some() && a.group == b.group;
        if a.speaker || !(same_group || matches!(gap.as_str(), "and" | ", and")) {
            break;
        }
        first = k;
    }
    let mut people = Vec::new();
    for (m, a) in ctx.mentions.iter().skip(first).take(last + 1 - first) {
        for x in resolve(m, a, &[]) {
            if !people.contains(&x) {
                people.push(x);
            }
        }
    }
    people
}

/// "called on Putin to end the war", "calls on Presidents Aliyev and Pashinyan to resume talks":
/// a trigger ending in "on" followed by people and then "to" before any comma is an appeal to
/// them, not a courtesy call on them.
pub(super) fn appeal_to_person(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    if !ctx.slice(span.clone()).to_lowercase().ends_with(" on") {
        return false;
    }
    // Past the people called on ("Aliyev and Pashinyan", "the two leaders"), is the next word
    // "to"? ("called on Han Zheng on Thursday before returning to Delhi" is a courtesy call.)
    let mut cursor = span.end;
    for (m, _) in ctx.mentions.iter().filter(|(m, _)| m.start >= span.end) {
        let gap = ctx.slice(cursor..m.start).trim().to_lowercase();
        if cursor == span.end || matches!(gap.as_str(), "and" | "," | ", and" | "and the") {
            cursor = m.end;
        } else {
            break;
        }
    }
    lower_words(ctx.slice(cursor..ctx.sent.end))
        .first()
        .is_some_and(|w| w == "to")
}

/// The offices a plural role noun names ("the two presidents", "both foreign ministers"), so a
/// group told of before is only taken for it when its people held one of them.
pub(super) fn plural_role(words: &[String]) -> Option<&'static [&'static str]> {
    let joined = words.join(" ");
    if joined.contains("foreign ministers") {
        Some(&["foreign_minister"])
    } else if joined.contains("prime ministers") {
        Some(&["head_of_government"])
    } else if joined.contains("presidents") {
        Some(&["head_of_state", "head_of_government"])
    } else {
        None
    }
}
