//! Event frames: one per trigger (or per pair, for "separate calls"), read from one sentence.
//!
//! A frame says who took part, who initiated, when (the time expression next to the trigger),
//! where, with which status, and who reported it. Frames are built only for sentences holding a
//! trigger; the rules are shallow: a clause is the stretch around the trigger up to a boundary word
//! ("to discuss", "ahead of", "said", ...), subjects sit on the left, objects on the right, and
//! "separate" (or a plural trigger with one caller) splits one frame per object.

use std::ops::Range;

use parley_time::{TimeExpr, TimeMention};

use crate::event::{EventType, Status};
use crate::lexicon::{CountryForm, CueSense, EntitySense, Lexicon, Modality, ObjectRequirement};
use crate::mentions::{Mention, Who};
use crate::resolve::Actor;

mod attribution;
mod ctx;
mod participants;
mod place;
mod status;
mod trigger;
mod when;

use attribution::attributions;
pub use attribution::sentence_attributions;
use ctx::*;
use participants::*;
use place::*;
use status::*;
use trigger::*;
use when::*;

/// How sure a frame's status is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// No cue: a bare noun ("the meeting").
    Default,
    /// A cue or a past-tense verb says so.
    Cued,
}

/// A place given to a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramePlace {
    /// Name as in the lexicon.
    pub name: String,
    /// Country code.
    pub country: Option<String>,
}

/// One event as one sentence states it.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Event type.
    pub kind: EventType,
    /// Sentence index.
    pub sentence: usize,
    /// Trigger span.
    pub trigger: Range<usize>,
    /// Participants in order of mention.
    pub participants: Vec<Actor>,
    /// Mentions (text spans) of the participants, same order.
    pub mention_spans: Vec<Range<usize>>,
    /// Who called / visited / hosted.
    pub initiator: Option<Actor>,
    /// Status and how sure.
    pub status: Status,
    /// Certainty of `status`.
    pub certainty: Certainty,
    /// The time expression attached.
    pub time: Option<TimeExpr>,
    /// Place.
    pub location: Option<FramePlace>,
    /// "the meeting" with nobody named: only adds a place to the event it refers to.
    pub anaphoric: bool,
    /// "hosted by X": joins the meeting it refers to.
    pub attach: bool,
    /// A visit whose visitor and host are both named.
    pub visit_complete: bool,
    /// "A day earlier, X met Y": days from the date of the event told just before.
    pub shift_from_previous: Option<i64>,
    /// Said to be one-to-one ("bilateral meeting", "one-on-one", "separately"): never part of a
    /// larger meeting.
    pub bilateral: bool,
    /// "It was joined by ...": joins the event told just before, whatever its type.
    pub joins_any: bool,
    /// Read from a headline-like line (no closing punctuation): a summary of events the body
    /// tells in full, so it joins them rather than shaping them.
    pub title_like: bool,
    /// Reporting sources.
    pub attributed_to: Vec<String>,
    /// The day `time` resolves to against the publication date, when it names one: frames that
    /// name different days in different ways ("on Tuesday", "on 24 January") are different
    /// events. Filled after all frames are read (`Extractor::extract`).
    pub day: Option<chrono::NaiveDate>,
    /// "their second meeting", "the third round of talks": the rank the text gives the event in
    /// a series; events of different ranks are different events.
    pub ordinal: Option<u32>,
    /// "agreed to meet again": a repeat of the interaction told before, so a plan to meet
    /// again is never the meeting that just happened.
    pub again: bool,
}

/// Per-document state carried from sentence to sentence.
#[derive(Debug, Default)]
pub struct Discourse {
    /// The latest group of several people ("A and B", "the two leaders").
    pub last_group: Vec<Actor>,
    /// The first person of the latest sentence that named someone.
    pub last_subject: Option<Actor>,
    /// The people of the event told last in the current sentence: "they met in Vilnius ..., and
    /// met again in New York" — a verb after "and" with nobody of its own is theirs.
    pub sentence_event: Vec<Actor>,
    /// The people of the latest events told (newest last, a few kept): "the four leaders" are
    /// the four of the summit told before, whichever pair was named since.
    pub recent_sets: Vec<Vec<Actor>>,
    /// People of the events that occurred in the latest sentences, with the number of the
    /// sentence that told them and whether they met in person: "Kishida and Xi talked for 65
    /// minutes" right after their meeting is that meeting, not a phone call.
    pub recent_occurred: Vec<(usize, Vec<Actor>, bool)>,
    /// The number of the sentence being read.
    pub sentence_no: usize,
}

/// The mentions of one sentence with their actors. Mentions come in text order, so the sentence's
/// mentions are one contiguous run found by binary search: a document costs O(M log M), not
/// O(sentences × mentions).
fn mentions_of<'a>(
    sentence: usize,
    mentions: &'a [Mention],
    actors: &[Option<Actor>],
) -> Vec<(&'a Mention, Option<Actor>)> {
    let from = mentions.partition_point(|m| m.sentence < sentence);
    let to = mentions.partition_point(|m| m.sentence <= sentence);
    let (Some(ms), Some(acts)) = (mentions.get(from..to), actors.get(from..to)) else {
        return Vec::new();
    };
    ms.iter()
        .zip(acts.iter())
        .filter(|(m, _)| m.sentence == sentence)
        .map(|(m, a)| (m, a.clone()))
        .collect()
}

/// True when `text` opens with "each"/"both" and a word for the people of a group ("each
/// minister", "both leaders", "each of the two ministers"): the group named before takes part.
fn each_of_group(text: &str) -> bool {
    // The first two of `lower_words(text)`, without lower-casing the rest.
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase());
    let next = [words.next(), words.next()];
    matches!(next[0].as_deref(), Some("each" | "both"))
        && next[1].as_ref().is_some_and(|w| {
            matches!(
                w.as_str(),
                "minister"
                    | "ministers"
                    | "leader"
                    | "leaders"
                    | "side"
                    | "sides"
                    | "president"
                    | "presidents"
                    | "delegation"
                    | "delegations"
                    | "envoy"
                    | "envoys"
                    | "of"
            )
        })
}

/// Builds the frames of one sentence.
#[allow(clippy::too_many_arguments)]
pub fn sentence_frames(
    lex: &Lexicon,
    text: &str,
    sentence: usize,
    sent: Range<usize>,
    mentions: &[Mention],
    actors: &[Option<Actor>],
    discourse: &mut Discourse,
) -> Vec<Frame> {
    discourse.sentence_no = sentence;
    let sentence_mentions = mentions_of(sentence, mentions, actors);
    let triggers = lex.trigger_set.find(text, sent.start, sent.end);
    let mut frames = Vec::new();
    if triggers.is_empty() {
        if let Some(f) = joined_by(lex, text, sentence, &sent, &sentence_mentions) {
            frames.push(f);
        }
        update_discourse(discourse, &sentence_mentions, text);
        return frames;
    }
    // Nobody named and nothing the rules could build on: skip the clause work (see `quiet`).
    if sentence_mentions.is_empty()
        && crate::quiet::trigger_sentence_is_idle(lex, text, &sent, &triggers, discourse)
    {
        return frames;
    }
    let cue_hits = lex.cues.find(text, sent.start, sent.end);
    let mut boundaries = Vec::new();
    let mut cues = Vec::new();
    for h in &cue_hits {
        for s in h.senses {
            if matches!(s, CueSense::Boundary) {
                boundaries.push(h.start..h.end);
            }
            cues.push((h.start..h.end, *s));
        }
    }
    let ents = lex.entities.find(text, sent.start, sent.end);
    let mut places = Vec::new();
    let mut countries = Vec::new();
    for h in &ents {
        for s in h.senses {
            match s {
                EntitySense::Place(p) => {
                    if let Some(pl) = lex.places.get(*p) {
                        places.push((
                            h.start..h.end,
                            FramePlace {
                                name: pl.name.clone(),
                                country: Some(pl.country.clone()),
                            },
                            pl.ambiguous,
                        ));
                    }
                }
                EntitySense::Country(c, CountryForm::Name) => {
                    countries.push(h.start..h.end);
                    if let Some(cn) = lex.countries.get(*c) {
                        places.push((
                            h.start..h.end,
                            FramePlace {
                                name: cn.name.clone(),
                                country: Some(cn.code.clone()),
                            },
                            true,
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    let sent_text = text.get(sent.clone()).unwrap_or("");
    let times: Vec<TimeMention> = parley_time::find_time_expressions(sent_text)
        .into_iter()
        .map(|mut t| {
            t.start += sent.start;
            t.end += sent.start;
            t
        })
        .collect();
    let ctx = Ctx {
        lex,
        text,
        sent: sent.clone(),
        mentions: sentence_mentions,
        boundaries,
        cues,
        times,
        places,
        countries,
    };
    let attributions = attributions(&ctx);

    // Process phrases ("peace process") are not triggers and do not compete for dates.
    let trigger_spans: Vec<Range<usize>> = triggers
        .iter()
        .filter(|h| {
            !h.senses
                .iter()
                .any(|&s| lex.triggers.get(s).is_some_and(|t| t.process))
                && !is_venue(text, sent.start, h.start)
        })
        .map(|h| h.start..h.end)
        .collect();
    for hit in &triggers {
        // Groups named before this trigger update the discourse first ("A and B ... when they spoke").
        let before: Vec<(&Mention, Option<Actor>)> = ctx
            .mentions
            .iter()
            .filter(|(m, _)| m.end <= hit.start)
            .map(|(m, a)| (*m, a.clone()))
            .collect();
        update_groups(discourse, &before, text);
        discourse.sentence_event = frames
            .iter()
            .rev()
            .find(|f: &&Frame| !f.attach && !f.anaphoric && f.participants.len() >= 2)
            .map(|f| f.participants.clone())
            .unwrap_or_default();
        if let Some(mut fs) = frame_for_trigger(
            &ctx,
            hit.start..hit.end,
            hit.senses,
            &trigger_spans,
            discourse,
        ) {
            for f in &mut fs {
                f.attributed_to = attributions.clone();
            }
            if fs.len() >= 2 {
                // "separate calls with A and B": A and B are "the two leaders" from now on.
                let objs: Vec<Actor> = fs
                    .iter()
                    .filter_map(|f| f.participants.last().cloned())
                    .collect();
                discourse.last_group = objs;
            }
            frames.extend(fs);
        }
    }
    // "... will meet in Addis Ababa on 15 November, with Seleshi as host": the host of a
    // planned meeting hosts the plan.
    if frames
        .iter()
        .any(|f| f.status == Status::Planned && !f.attach)
    {
        for f in frames
            .iter_mut()
            .filter(|f| f.attach && f.status == Status::Occurred)
        {
            f.status = Status::Planned;
        }
    }
    // "Both leaders will meet again in Astana on 15 March, when Nazarbayev hosts a summit":
    // a "when" clause after a planned event tells the same future.
    let first_planned = frames
        .iter()
        .filter(|f| f.status == Status::Planned)
        .map(|f| f.trigger.start)
        .min();
    if let Some(planned_at) = first_planned {
        for f in frames
            .iter_mut()
            .filter(|f| f.status == Status::Occurred && f.trigger.start > planned_at)
        {
            let between = text.get(planned_at..f.trigger.start).unwrap_or("");
            let when_clause = between
                .rfind(", when ")
                .is_some_and(|i| !between.get(i..).unwrap_or("").contains([';', '.']));
            if when_clause {
                f.status = Status::Planned;
            }
        }
    }
    share_companions(&ctx, &mut frames);
    carried_letters(&ctx, &mut frames);
    update_discourse(discourse, &ctx.mentions, text);
    for f in frames
        .iter()
        .filter(|f| !f.anaphoric && f.participants.len() >= 2)
    {
        discourse.recent_sets.retain(|s| s != &f.participants);
        discourse.recent_sets.push(f.participants.clone());
    }
    let excess = discourse.recent_sets.len().saturating_sub(8);
    discourse.recent_sets.drain(..excess);
    for f in frames
        .iter()
        .filter(|f| f.status == Status::Occurred && f.participants.len() >= 2)
    {
        let in_person = matches!(
            f.kind,
            EventType::Meeting | EventType::Visit | EventType::Negotiation | EventType::Mediation
        );
        discourse
            .recent_occurred
            .push((discourse.sentence_no, f.participants.clone(), in_person));
    }
    let excess = discourse.recent_occurred.len().saturating_sub(8);
    discourse.recent_occurred.drain(..excess);
    frames
}

/// Whether an invitation told before `from` is accepted in the rest of its sentence ("…, and Qin
/// accepted") or at the start of the next one ("The invitation was accepted with gratitude").
fn invitation_accepted_after(ctx: &Ctx, from: usize) -> bool {
    let rest = ctx.slice(from..ctx.sent.end).to_lowercase();
    if ["accepted", "accepts", "agreed to come"]
        .iter()
        .any(|w| rest.contains(w))
    {
        return true;
    }
    // The next sentence, as far as its first full stop.
    let next = ctx
        .text
        .get(ctx.sent.end..)
        .unwrap_or("")
        .trim_start_matches(|c: char| c == '.' || c == '"' || c.is_whitespace());
    let next = next.split(['.', '\n']).next().unwrap_or("").to_lowercase();
    [
        "invitation was accepted",
        "accepted the invitation",
        "invitation has been accepted",
    ]
    .iter()
    .any(|w| next.contains(w))
}

/// "flew to Mekelle together with Hammer and Weber and met Debretsion": the people a traveller
/// goes "together with" travel with them, so they are no hosts of the trip, and they take part
/// in what the traveller does there.
fn share_companions(ctx: &Ctx<'_>, frames: &mut [Frame]) {
    const CUES: &[&str] = &["together with", "along with", "accompanied by"];
    let sentence = ctx.slice(ctx.sent.clone());
    if frames.len() < 2 || !crate::scan::may_contain_lowercased(sentence, CUES) {
        return;
    }
    let lower = sentence.to_lowercase();
    let mut companions: Vec<Actor> = Vec::new();
    let mut last_end: Option<usize> = None;
    for (m, a) in &ctx.mentions {
        let Some(a) = a else { continue };
        if m.speaker || m.start < ctx.sent.start {
            continue;
        }
        let before = lower
            .get(..m.start - ctx.sent.start)
            .unwrap_or("")
            .trim_end();
        let after_cue = CUES.iter().any(|c| {
            before.rfind(c).is_some_and(|i| {
                let rest = before.get(i + c.len()..).unwrap_or("");
                !rest.contains(',') && rest.split_whitespace().count() <= 4
            })
        });
        // "... Mike Hammer and the EU's special representative Annette Weber".
        let coordinated = last_end.is_some_and(|end| {
            let gap = coordination_gap(ctx.slice(end..m.start));
            let mut words = gap.split_whitespace();
            let opens = words
                .next()
                .is_some_and(|w| matches!(w, "and" | "," | ",and"));
            let rest: Vec<&str> = words.collect();
            opens
                && rest.len() <= 2
                && rest.iter().all(|w| {
                    matches!(*w, "the" | "his" | "her" | "their" | "and")
                        || w.starts_with(char::is_uppercase)
                })
        });
        if after_cue || coordinated {
            last_end = Some(m.end);
            if !companions.contains(a) {
                companions.push(a.clone());
            }
        } else {
            last_end = None;
        }
    }
    if companions.is_empty() {
        return;
    }
    // Only when the traveller's visit names nobody but the travellers, and another event of
    // the traveller follows in the sentence.
    let travellers = |f: &Frame| {
        f.kind == EventType::Visit
            && f.participants.iter().any(|p| !companions.contains(p))
            && f.participants
                .iter()
                .filter(|p| !companions.contains(p))
                .count()
                == 1
    };
    let Some(trip) = frames.iter().position(travellers) else {
        return;
    };
    let Some(traveller) = frames.get(trip).and_then(|f| {
        f.participants
            .iter()
            .find(|p| !companions.contains(p))
            .cloned()
    }) else {
        return;
    };
    let trip_start = frames.get(trip).map_or(0, |f| f.trigger.start);
    let joined_later = frames.iter().any(|f| {
        f.trigger.start > trip_start
            && f.participants.contains(&traveller)
            && f.participants
                .iter()
                .any(|p| p != &traveller && !companions.contains(p))
    });
    if !joined_later {
        return;
    }
    for f in frames.iter_mut() {
        if f.trigger.start == trip_start {
            f.participants.retain(|p| !companions.contains(p));
        } else if f.trigger.start > trip_start && f.participants.contains(&traveller) {
            for c in &companions {
                if !f.participants.contains(c) {
                    f.participants.push(c.clone());
                }
            }
        }
    }
}

/// "Kim Yong Chol handed Trump a letter from Kim Jong Un", "Gargash delivered a letter from
/// Trump to Araghchi": a letter carried by an envoy is a correspondence from its author to the
/// person it is handed to, and the handing over is a meeting of the envoy and that person.
fn carried_letters(ctx: &Ctx<'_>, frames: &mut Vec<Frame>) {
    const VERBS: &[&str] = &[
        "handed",
        "delivered",
        "passed on",
        "carried",
        "brought",
        "conveyed",
    ];
    if !frames.iter().any(|f| f.kind == EventType::Correspondence) {
        return;
    }
    let sentence = ctx.slice(ctx.sent.clone());
    if !crate::scan::may_contain_lowercased(sentence, &[" from "]) {
        return;
    }
    let lower = sentence.to_lowercase();
    let at = |i: usize| ctx.sent.start + i;
    let Some(from_at) = [
        "letter from ",
        "message from ",
        "letters from ",
        "messages from ",
    ]
    .iter()
    .find_map(|p| lower.find(p).map(|i| at(i + p.len()))) else {
        return;
    };
    let Some((verb_at, verb)) = VERBS
        .iter()
        .filter_map(|v| lower.find(&format!(" {v} ")).map(|i| (at(i + 1), *v)))
        .filter(|(i, _)| *i < from_at)
        .min_by_key(|(i, _)| *i)
    else {
        return;
    };
    let person = |m: &Mention, a: &Option<Actor>| {
        !m.speaker && a.is_some() && !matches!(m.who, Who::Singular | Who::Plural)
    };
    // The author: the person named right after "letter from" (a title may come first).
    let author = ctx
        .mentions
        .iter()
        .find(|(m, a)| person(m, a) && m.start >= from_at && m.start <= from_at + 40);
    // The envoy: the last person named before the verb, not as a possessor.
    let envoy = ctx
        .mentions
        .iter()
        .rfind(|(m, a)| person(m, a) && m.end <= verb_at && !m.possessive);
    // The recipient: "handed Trump a letter", or "... to Araghchi" after the author.
    let verb_end = verb_at + verb.len();
    let recipient = ctx
        .mentions
        .iter()
        .find(|(m, a)| {
            person(m, a)
                && verb == "handed"
                && m.start >= verb_end
                && ctx.slice(verb_end..m.start).trim().is_empty()
        })
        .or_else(|| {
            let author_end = author.map(|(m, _)| m.end)?;
            ctx.mentions.iter().find(|(m, a)| {
                person(m, a) && m.start > author_end && {
                    let gap = lower_words(ctx.slice(author_end..m.start));
                    gap.first().is_some_and(|w| w == "to") && gap.len() <= 4
                }
            })
        });
    let (Some((_, Some(author))), Some((_, Some(envoy))), Some((_, Some(recipient)))) =
        (author, envoy, recipient)
    else {
        return;
    };
    if author == envoy || author == recipient || envoy == recipient {
        return;
    }
    let spans_of = |people: &[Actor]| -> Vec<Range<usize>> {
        ctx.mentions
            .iter()
            .filter(|(_, a)| a.as_ref().is_some_and(|a| people.contains(a)))
            .map(|(m, _)| m.start..m.end)
            .collect()
    };
    let Some(letter) = frames
        .iter_mut()
        .find(|f| f.kind == EventType::Correspondence && f.trigger.start > verb_at)
    else {
        return;
    };
    letter.participants = vec![author.clone(), recipient.clone()];
    letter.mention_spans = spans_of(&letter.participants);
    letter.initiator = Some(author.clone());
    let mut meeting = letter.clone();
    meeting.kind = EventType::Meeting;
    meeting.trigger = verb_at..verb_end;
    meeting.participants = vec![envoy.clone(), recipient.clone()];
    meeting.mention_spans = spans_of(&meeting.participants);
    meeting.initiator = None;
    frames.push(meeting);
    frames.sort_by_key(|f| f.trigger.start);
}

/// Where "attended the dinner" (or "also joined the talks") starts in a lower-cased sentence:
/// an active verb whose object is an event told before.
fn attended_the_event(lower: &str) -> Option<usize> {
    const NOUNS: &[&str] = &[
        "dinner",
        "lunch",
        "breakfast",
        "meeting",
        "talks",
        "session",
        "reception",
        "summit",
    ];
    [
        "also attended the ",
        "attended the ",
        "also joined the ",
        "joined the ",
    ]
    .iter()
    .find_map(|p| {
        let i = lower.find(p)?;
        let rest = lower.get(i + p.len()..)?;
        let noun = rest
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .find(|w| !w.is_empty())?;
        NOUNS.contains(&noun).then_some(i)
    })
}

/// "It was joined by A, B and C", "The meeting was also attended by D": more participants of the
/// event told just before. The frame joins that event whatever its type.
fn joined_by(
    lex: &Lexicon,
    text: &str,
    sentence: usize,
    sent: &Range<usize>,
    mentions: &[(&Mention, Option<Actor>)],
) -> Option<Frame> {
    let _ = lex;
    // Cheap exits first (most sentences): without a mention that could become a participant,
    // or without "joined"/"attended" (in every phrase this rule reads; only ASCII letters
    // lower-case to them), no frame comes out below.
    if !mentions.iter().any(|(m, a)| !m.speaker && a.is_some()) {
        return None;
    }
    let raw = text.get(sent.clone())?.as_bytes();
    let has = |p: &[u8]| raw.windows(p.len()).any(|w| w.eq_ignore_ascii_case(p));
    if !has(b"joined") && !has(b"attended") {
        return None;
    }
    let lower = text.get(sent.clone())?.to_lowercase();
    // "Holguin also attended the dinner": the people before an active "attended the <event>"
    // (the event told before) join it.
    let (from, to) = match attended_the_event(&lower) {
        Some(verb) => (sent.start, sent.start + verb),
        None => {
            let at = ["joined by", "attended by"]
                .iter()
                .filter_map(|p| lower.find(p).map(|i| i + p.len()))
                .min()?;
            // Only a passive with an event as its subject: "It was joined by", "The call was
            // also joined by".
            let head = lower.get(..at)?;
            let passive =
                head.contains(" was ") || head.contains(" were ") || head.starts_with("it ");
            if !passive {
                return None;
            }
            (sent.start + at, sent.end)
        }
    };
    let mut participants: Vec<Actor> = Vec::new();
    let mut spans = Vec::new();
    for (m, a) in mentions {
        if m.start >= from && m.end <= to && !m.speaker && !m.possessive {
            if let Some(a) = a {
                if !participants.contains(a) {
                    participants.push(a.clone());
                    spans.push(m.start..m.end);
                }
            }
        }
    }
    if participants.is_empty() {
        return None;
    }
    Some(Frame {
        kind: EventType::Meeting,
        sentence,
        trigger: from..from,
        participants,
        mention_spans: spans,
        initiator: None,
        status: Status::Occurred,
        certainty: Certainty::Default,
        time: None,
        location: None,
        anaphoric: false,
        attach: true,
        visit_complete: false,
        shift_from_previous: None,
        bilateral: false,
        title_like: false,
        joins_any: true,
        attributed_to: Vec::new(),
        day: None,
        ordinal: None,
        again: false,
    })
}

fn update_groups(discourse: &mut Discourse, ms: &[(&Mention, Option<Actor>)], text: &str) {
    // Plural-title groups ("his Armenian and Azerbaijani counterparts") and "A and B" pairs.
    // The sentence's first group wins: "the two men" of the next sentence are its subjects
    // ("The presidents ..., A and B, agreed ... after talks facilitated by C and D"), not the
    // group named last.
    let mut i = 0;
    while i < ms.len() {
        let mut group: Vec<Actor> = Vec::new();
        let mut j = i;
        while let Some((m, a)) = ms.get(j) {
            if m.speaker {
                break;
            }
            // "Denktas and Papadopoulos's predecessor, Glafcos Clerides": the member is the
            // predecessor, named next.
            if m.possessive
                && ms.get(j + 1).is_some_and(|(n, _)| {
                    possessed_apposition(text.get(m.end..n.start).unwrap_or(""))
                })
            {
                j += 1;
                continue;
            }
            if let Some(a) = a {
                if !group.contains(a) {
                    group.push(a.clone());
                }
            } else {
                break;
            }
            let Some((n, _)) = ms.get(j + 1) else { break };
            let same_group = m.group.is_some() && m.group == n.group;
            let g = coordination_gap(text.get(m.end..n.start).unwrap_or(""));
            let g = g
                .trim_start_matches("'s")
                .trim_start_matches('\u{2019}')
                .trim_start_matches('s')
                .trim();
            let coordinated = same_group
                || matches!(
                    g,
                    "and" | "," | ", and" | "as well as" | "and the" | ", and the"
                );
            if !coordinated {
                break;
            }
            j += 1;
        }
        let plural_title = ms.get(i).is_some_and(|(m, _)| m.group.is_some());
        let sentence_initial = ms.iter().position(|(m, _)| !m.speaker) == Some(i);
        if group.len() >= 2 && (plural_title || sentence_initial) {
            discourse.last_group = group;
            return;
        }
        i = j + 1;
    }
}

fn update_discourse(discourse: &mut Discourse, ms: &[(&Mention, Option<Actor>)], text: &str) {
    update_groups(discourse, ms, text);
    // "His first trip abroad was to Egypt, where he met Sisi": a sentence whose first person is
    // a pronoun is still about the subject before it.
    if ms
        .iter()
        .find(|(m, _)| !m.speaker)
        .is_some_and(|(m, _)| matches!(m.who, Who::Singular))
        && discourse.last_subject.is_some()
    {
        return;
    }
    // "Ruto's meeting with Hemedti drew a protest": a possessor is not the sentence's subject.
    if let Some(a) = ms
        .iter()
        .find(|(m, a)| {
            !m.speaker
                && !m.possessive
                && a.is_some()
                && !matches!(m.who, Who::Singular | Who::Plural)
        })
        .and_then(|(_, a)| a.clone())
    {
        discourse.last_subject = Some(a);
    } else if let Some(a) = ms
        .iter()
        .find(|(m, _)| !m.speaker)
        .filter(|(m, a)| {
            m.possessive
                && a.is_some()
                && text
                    .get(..m.start)
                    .unwrap_or("")
                    .trim_end()
                    .ends_with(['.', '\n', '"'])
        })
        .and_then(|(_, a)| a.clone())
    {
        // "Mr Ahern's week was marked by personal loss. He flew to ...": a possessor opening a
        // sentence that names nobody else is what the sentence is about.
        discourse.last_subject = Some(a);
    }
}

/// How a mention is turned into actors in a frame (the `resolve` closure of
/// [`frame_for_trigger`]): mention, its resolved actor, actors to leave out.
type ResolveFn<'r> = dyn Fn(&Mention, &Option<Actor>, &[Actor]) -> Vec<Actor> + 'r;
