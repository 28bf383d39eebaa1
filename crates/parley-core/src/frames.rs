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
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    sent: Range<usize>,
    mentions: Vec<(&'a Mention, Option<Actor>)>,
    boundaries: Vec<Range<usize>>,
    cues: Vec<(Range<usize>, CueSense)>,
    times: Vec<TimeMention>,
    places: Vec<(Range<usize>, FramePlace, bool)>,
    countries: Vec<Range<usize>>,
}

const SEPARATE_WORDS: &[&str] = &["separate", "separately", "respectively", "individually"];
const JOINT_WORDS: &[&str] = &[
    "joint",
    "trilateral",
    "three-way",
    "conference",
    "quadrilateral",
    "four-way",
    "together",
];
const NOUN_DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "their",
    "his",
    "her",
    "its",
    "our",
    "these",
    "those",
    "this",
    "that",
    "separate",
    "similar",
    "bilateral",
    "trilateral",
    "peace",
    "direct",
    "recent",
    "further",
    "new",
    "first",
    "second",
    "third",
    "latest",
    "next",
    "upcoming",
    "planned",
    "crucial",
    "fresh",
    "another",
    "last",
    "lengthy",
    "brief",
    "closed-door",
    "private",
    "official",
    "face-to-face",
    "indirect",
    "formal",
    "informal",
    "high-level",
    "hour-long",
    "round",
    "of",
    "for",
    "in",
    "at",
    "during",
    "after",
    "before",
    "held",
    "hold",
    "holds",
    "had",
    "have",
    "has",
    "resumed",
    "resume",
    "begin",
    "began",
    "opened",
    "concluded",
    "several",
    "two",
    "three",
];

/// The words between two mentions, lower-cased, with a possessive country or organisation before
/// the second one removed ("and Turkey's" → "and"), so "Russia's Putin and Turkey's Erdogan" reads
/// as a coordinated pair.
fn coordination_gap(g: &str) -> String {
    let mut words: Vec<&str> = g.split_whitespace().collect();
    if words.len() >= 2
        && words
            .last()
            .is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"))
    {
        words.pop();
    }
    // "CIA Director William Burns and Mossad director David Barnea": one or two capitalised
    // words after the conjunction name the second person's agency or country, as a possessive
    // would.
    if let Some(first) = words.first().map(|w| w.to_lowercase()) {
        let rest = words.len() - 1;
        if (first == "and" || first == "," || first == ",and") && (1..=2).contains(&rest) {
            let capitalised = words
                .iter()
                .skip(1)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if capitalised {
                words.truncate(1);
            }
        }
    }
    words.join(" ").to_lowercase()
}

/// The number a word names, for group sizes: "two" → 2. Digits are left out: they are mostly
/// days and years.
fn number_word(w: &str) -> Option<usize> {
    let n = match w {
        "two" | "both" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    };
    Some(n)
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

impl<'a> Ctx<'a> {
    fn slice(&self, r: Range<usize>) -> &'a str {
        self.text.get(r).unwrap_or("")
    }

    /// Start of the clause holding `at`: just after the last boundary before it.
    fn clause_start(&self, at: usize) -> usize {
        let mut s = self.sent.start;
        for b in &self.boundaries {
            if b.end <= at && b.end > s {
                s = b.end;
            }
        }
        for (i, c) in self.slice(self.sent.start..at).char_indices() {
            if matches!(c, ';' | ':') {
                s = s.max(self.sent.start + i + 1);
            }
        }
        s
    }

    /// End of the clause after `at`: the first boundary, or a comma not followed by a person,
    /// place, country or date.
    fn clause_end(&self, at: usize) -> usize {
        let mut e = self.sent.end;
        for b in &self.boundaries {
            if b.start >= at && b.start < e {
                e = b.start;
            }
        }
        // "Obama phoned Rouhani - the first conversation between the presidents of the two
        // countries since 1979": a spaced dash opens an aside about the event, not its people.
        if let Some(i) = [" - ", " \u{2013} ", " \u{2014} ", "\u{2014}"]
            .iter()
            .filter_map(|d| self.slice(at..e).find(d))
            .min()
        {
            e = at + i;
        }
        let tail = self.slice(at..e);
        let mut offset = 0;
        for part in tail.split_inclusive([',', ';', ':']) {
            let part_end = at + offset + part.len();
            offset += part.len();
            if part.ends_with(';') || part.ends_with(':') {
                return part_end - 1;
            }
            let inside_mention = self
                .mentions
                .iter()
                .any(|(m, _)| m.start < part_end - 1 && part_end - 1 < m.end);
            // "this Wednesday, 14 December": a comma inside one time expression.
            let inside_time = self
                .times
                .iter()
                .any(|t| t.start < part_end - 1 && part_end - 1 < t.end);
            if part.ends_with(',') && part_end < e && !inside_mention && !inside_time {
                // Look at what follows the comma (skipping "and", "the", "his").
                let mut next = part_end;
                let rest = self.slice(part_end..e);
                let skip = rest.len()
                    - rest
                        .trim_start()
                        .trim_start_matches("and ")
                        .trim_start_matches("as well as ")
                        .len();
                next += skip;
                let person_continues = self.mentions.iter().any(|(m, _)| {
                    m.start >= next && m.start <= next + 20 && {
                        let after = self.slice(m.end..self.sent.end).trim_start();
                        let after = after
                            .trim_start_matches("'s")
                            .trim_start_matches('\u{2019}');
                        // "..., Zakharova said": a person followed by a speech verb is the
                        // source of the report, not one more participant.
                        let speaks = [
                            "said",
                            "says",
                            "told",
                            "added",
                            "noted",
                            "stated",
                            "announced",
                            "reported",
                            "wrote",
                            "tweeted",
                        ]
                        .iter()
                        .any(|v| {
                            after.starts_with(v)
                                && after
                                    .get(v.len()..)
                                    .is_none_or(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
                        });
                        // "Qatari Prime Minister Sheikh Mohammed ...": a title mention
                        // followed at once by the name's own mention is one person.
                        let named_next = self.mentions.iter().any(|(n, _)| {
                            n.start >= m.end
                                && self.slice(m.end..n.start).trim().is_empty()
                                && n.start > m.start
                        });
                        !speaks
                            && (after.is_empty()
                                || named_next
                                || after.starts_with([',', ')', '.', ';'])
                                || after.starts_with("and ")
                                || self
                                    .boundaries
                                    .iter()
                                    .any(|b| b.start >= m.end && b.start <= m.end + 2))
                    }
                });
                let continues = person_continues
                    || self
                        .places
                        .iter()
                        .any(|(r, _, _)| r.start >= next && r.start <= next + 12)
                    || self
                        .countries
                        .iter()
                        .any(|r| r.start >= next && r.start <= next + 12)
                    || self
                        .times
                        .iter()
                        .any(|t| t.start >= next && t.start <= next + 8);
                if !continues {
                    return part_end - 1;
                }
            }
        }
        e
    }
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
    update_discourse(discourse, &ctx.mentions, text);
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
    let lower = text.get(sent.clone())?.to_lowercase();
    let at = ["joined by", "attended by"]
        .iter()
        .filter_map(|p| lower.find(p).map(|i| i + p.len()))
        .min()?;
    // Only a passive with an event as its subject: "It was joined by", "The call was also joined by".
    let head = lower.get(..at)?;
    let passive = head.contains(" was ") || head.contains(" were ") || head.starts_with("it ");
    if !passive {
        return None;
    }
    let from = sent.start + at;
    let mut participants: Vec<Actor> = Vec::new();
    let mut spans = Vec::new();
    for (m, a) in mentions {
        if m.start >= from && !m.speaker {
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
    })
}

fn update_groups(discourse: &mut Discourse, ms: &[(&Mention, Option<Actor>)], text: &str) {
    // Plural-title groups ("his Armenian and Azerbaijani counterparts") and "A and B" pairs.
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
        }
        i = j + 1;
    }
}

fn update_discourse(discourse: &mut Discourse, ms: &[(&Mention, Option<Actor>)], text: &str) {
    update_groups(discourse, ms, text);
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
    }
}

/// Picks which sense of a trigger phrase applies here, or None when none does.
fn choose_sense(ctx: &Ctx<'_>, span: &Range<usize>, senses: &[usize]) -> Option<usize> {
    let lex = ctx.lex;
    if senses
        .iter()
        .any(|&s| lex.triggers.get(s).is_some_and(|t| t.process))
    {
        return None;
    }
    let prev_word = lower_words(ctx.slice(ctx.sent.start..span.start))
        .last()
        .cloned()
        .unwrap_or_default();
    let after = ctx.slice(span.end..ctx.sent.end);
    // "he was welcomed by Foreign Minister Qin Gang": the person after a passive's "by".
    let passive = matches!(
        prev_word.as_str(),
        "was" | "were" | "is" | "are" | "been" | "being" | "be" | "warmly" | "personally"
    );
    let person_next = ctx.mentions.iter().any(|(m, a)| {
        let gap_words = lower_words(ctx.slice(span.end..m.start.max(span.end)));
        m.start >= span.end
            && !m.possessive
            && (a.is_some() || matches!(m.who, Who::Role { .. } | Who::Singular | Who::Plural))
            && gap_words.iter().enumerate().all(|(i, w)| {
                matches!(
                    w.as_str(),
                    "his" | "her" | "their" | "the" | "its" | "both" | "visiting"
                ) || (passive && i == 0 && w == "by")
                    // "received the EU's special representative": whose representative.
                    || (w.ends_with("'s") && w.len() > 2)
            })
            && gap_words.len() <= 2 + usize::from(passive)
    });
    // "with"/"to"/"between" after the trigger, allowing times and adverbs in between.
    let with_next = {
        let mut rest = after;
        for t in &ctx.times {
            // Only a time right after the trigger ("spoke on Monday with"), not one after its
            // object ("spoke to him by phone on Saturday").
            let adjacent = ctx
                .slice(span.end..t.start.max(span.end))
                .split_whitespace()
                .count()
                <= 1;
            if t.start >= span.end && t.start < span.end + 30 && adjacent {
                let upto = t.end - span.end;
                if upto <= after.len() {
                    rest = after.get(upto..).unwrap_or("");
                }
                break;
            }
        }
        // "spoke separately by phone on Tuesday with": manner adverbs, the medium and a day
        // may stand between the verb and its "with".
        const BETWEEN: &[&str] = &[
            "separately",
            "also",
            "again",
            "briefly",
            "directly",
            "later",
            "earlier",
            "by",
            "phone",
            "telephone",
            "video",
            "link",
            "on",
            "today",
            "yesterday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "night",
            "morning",
            "afternoon",
            "evening",
        ];
        let words: Vec<String> = lower_words(rest.trim_start_matches([' ', ')', '(']))
            .into_iter()
            .skip_while(|w| BETWEEN.contains(&w.as_str()))
            .collect();
        words
            .iter()
            .take(4)
            .take_while(|w| !w.is_empty())
            .any(|w| matches!(w.as_str(), "with" | "to" | "between"))
            && !words
                .first()
                .is_some_and(|w| w == "to" && after.trim_start().starts_with("to discuss"))
    };
    // "they spoke", "the two leaders talked", "A and B spoke": a plural subject right before.
    let plural_subject = {
        let before: Vec<&(&Mention, Option<Actor>)> = ctx
            .mentions
            .iter()
            .filter(|(m, _)| m.end <= span.start)
            .collect();
        // "The two leaders had failed to meet": auxiliaries may stand in between.
        let near = |m: &Mention| {
            let gap = lower_words(ctx.slice(m.end..span.start));
            gap.len() <= 2
                || (gap.len() <= 4
                    && gap.iter().all(|w| {
                        matches!(
                            w.as_str(),
                            "had"
                                | "have"
                                | "has"
                                | "will"
                                | "would"
                                | "did"
                                | "failed"
                                | "to"
                                | "also"
                                | "agreed"
                                | "plan"
                                | "planned"
                                | "are"
                                | "were"
                                | "not"
                                | "expected"
                                | "due"
                                | "set"
                                | "again"
                                | "later"
                                | "last"
                                | "first"
                        )
                    }))
        };
        match before.as_slice() {
            [.., (a, _), (b, _)] if near(b) => {
                matches!(b.who, Who::Plural)
                    || ctx.slice(a.end..b.start).trim().eq_ignore_ascii_case("and")
            }
            [.., (b, _)] if near(b) => matches!(b.who, Who::Plural),
            _ => false,
        }
    };
    // "X, whom the Ethiopian leader received in Addis Ababa": the object stands before.
    let whom_before = {
        let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
        before
            .rfind(", whom ")
            .is_some_and(|i| before.len() - i <= 60)
    };
    // "received each minister separately", "met both leaders".
    let group_next = each_of_group(after);
    let person_next = person_next || group_next;
    let prev_is_determiner = NOUN_DETERMINERS.contains(&prev_word.as_str())
        || ctx
            .slice(ctx.sent.start..span.start)
            .trim_end()
            .ends_with("'s")
        || ctx
            .slice(ctx.sent.start..span.start)
            .trim_end()
            .ends_with("\u{2019}s");
    let mut noun = None;
    let mut verb_ok = None;
    for &s in senses {
        let Some(t) = lex.triggers.get(s) else {
            continue;
        };
        if t.noun {
            noun.get_or_insert(s);
            continue;
        }
        let ok = match t.object {
            ObjectRequirement::None => true,
            ObjectRequirement::Person => {
                (person_next
                    || whom_before
                    || (t.host && ctx.slice(span.clone()).to_lowercase().starts_with("host")))
                    && !appeal_to_person(ctx, span)
            }
            ObjectRequirement::With => with_next || plural_subject,
        };
        if ok && verb_ok.is_none() {
            verb_ok = Some(s);
        }
    }
    if prev_is_determiner {
        noun.or(verb_ok)
    } else {
        verb_ok.or(noun)
    }
}

fn frame_for_trigger(
    ctx: &Ctx<'_>,
    span: Range<usize>,
    senses: &[usize],
    all_triggers: &[Range<usize>],
    discourse: &Discourse,
) -> Option<Vec<Frame>> {
    if is_venue(ctx.text, ctx.sent.start, span.start) {
        return None;
    }
    let sense = choose_sense(ctx, &span, senses)?;
    let trig = ctx.lex.triggers.get(sense)?;
    let mut left_start = ctx.clause_start(span.start);
    // "Zelaya, who was bundled out of the country on 28 June, met Clinton on Tuesday": a
    // relative clause closed by the comma before the verb; the verb's subject stands before
    // "who", and nothing inside the relative clause (people, its date) belongs to the verb.
    let relative = relative_clause_before(ctx, left_start, span.start);
    if let Some(r) = &relative {
        left_start = ctx.clause_start(r.start);
    } else if let Some(i) = ctx.slice(left_start..span.start).rfind(", and ") {
        // "X was in Addis Ababa for talks, and on 29 December he met Y": a coordinated clause
        // with a subject of its own starts at ", and"; the place and people before it are the
        // first clause's.
        let from = left_start + i + ", and ".len();
        let own_subject = ctx
            .mentions
            .iter()
            .any(|(m, _)| m.start >= from && m.end <= span.start && !m.speaker);
        // "Lavrov and Shoigu, and their Turkish counterparts Cavusoglu and Akar, mediated": a
        // coordinated subject closed by a comma before the verb is one subject, not a clause.
        let closed_subject = ctx.slice(from..span.start).trim_end().ends_with(',');
        if own_subject && !closed_subject {
            left_start = from;
        }
    }
    let mut right_end = ctx.clause_end(span.end);
    // The next verb trigger ends the clause too ("visited Baku and told Aliyev" is cut by "told").
    for t in all_triggers {
        if t.start >= span.end && t.start < right_end {
            let between = ctx.slice(span.end..t.start).to_lowercase();
            if let Some(i) = between.find(", and ") {
                // "talks with Abiy Ahmed, and on 29 December he met Guelleh": the next
                // clause, with its own date and subject, starts at the comma.
                right_end = right_end.min(span.end + i);
            } else if between.trim_start().starts_with("and ")
                || between.contains(" and ")
                || between.trim_end().ends_with(',')
            {
                right_end = t.start;
            }
        }
    }
    if std::env::var_os("PARLEY_DEBUG_CLAUSE").is_some() {
        eprintln!(
            "clause {:?} :: {:?}",
            ctx.slice(left_start..span.start),
            ctx.slice(span.start..right_end)
        );
    }
    let after = ctx.slice(span.end..right_end);
    let after_lower = after.trim_start().to_lowercase();
    // "the meeting of the Security Council": an institution's meeting, not people's.
    if trig.noun && (after_lower.starts_with("of ") || after_lower.starts_with("of the ")) {
        let first_mention_after = ctx
            .mentions
            .iter()
            .find(|(m, _)| m.start >= span.end && m.start < right_end);
        let of_person = first_mention_after
            .is_some_and(|(m, _)| ctx.slice(span.end..m.start).split_whitespace().count() <= 2);
        if !of_person {
            return None;
        }
    }
    let between_mode = after_lower.starts_with("between");
    let passive_by = after_lower.starts_with("by ");

    let resolve = |m: &Mention, a: &Option<Actor>, exclude: &[Actor]| -> Vec<Actor> {
        match (&m.who, a) {
            (_, Some(a)) => vec![a.clone()],
            (Who::Plural, None) => {
                // "the leaders of the eight member states" is not the pair named before.
                let size = discourse.last_group.len();
                let own = lower_words(ctx.slice(m.start..m.end));
                let after = lower_words(ctx.slice(m.end..(m.end + 30).min(ctx.sent.end)));
                let of_count = match after.as_slice() {
                    [of, the, n, ..] if of == "of" && the == "the" => number_word(n),
                    [of, n, ..] if of == "of" => number_word(n),
                    _ => None,
                };
                // "The two-day summit" names no people.
                let compound = ctx.slice(m.end..m.end + 1) == "-";
                // "The two foreign ministers, Jaswant Singh and Abdul Sattar, conferred": the
                // names in apposition are the group, not the pair told of before.
                let apposition = ctx.mentions.iter().any(|(n, na)| {
                    n.start >= m.end && na.is_some() && ctx.slice(m.end..n.start).trim() == ","
                });
                // "the two presidents" are not a pair of foreign ministers told of before.
                let role_mismatch = plural_role(&own).is_some_and(|roles| {
                    discourse.last_group.iter().any(|a| match a {
                        Actor::Known(id) => ctx.lex.persons.get(*id).is_some_and(|p| {
                            !p.offices.iter().any(|o| roles.contains(&o.role.as_str()))
                        }),
                        Actor::Unknown(_) => false,
                    })
                });
                let mismatch = compound
                    || apposition
                    || role_mismatch
                    || own
                        .iter()
                        .filter_map(|w| number_word(w))
                        .chain(of_count)
                        .any(|n| n != size);
                // "Sisi asked Trump to help when the two met": a pair named earlier in the same
                // sentence is the pair meant, not the group of an earlier sentence.
                let pair_word = own.iter().any(|w| matches!(w.as_str(), "two" | "both"));
                let mut named_before: Vec<Actor> = Vec::new();
                for (x, xa) in ctx.mentions.iter() {
                    if x.end <= m.start && !x.speaker && !x.possessive {
                        if let Some(xa) = xa {
                            if !named_before.contains(xa) {
                                named_before.push(xa.clone());
                            }
                        }
                    }
                }
                if mismatch && !(pair_word && named_before.len() == 2) {
                    vec![]
                } else if pair_word && named_before.len() == 2 && !compound {
                    named_before
                } else {
                    discourse.last_group.clone()
                }
            }
            (Who::Singular, None) => {
                // The sentence's first person not among the objects, else the last subject.
                ctx.mentions
                    .iter()
                    .filter(|(x, xa)| {
                        !x.speaker && xa.is_some() && !matches!(x.who, Who::Singular | Who::Plural)
                    })
                    .filter_map(|(_, xa)| xa.clone())
                    .find(|xa| !exclude.contains(xa))
                    .or_else(|| discourse.last_subject.clone())
                    .into_iter()
                    .collect()
            }
            _ => vec![],
        }
    };

    // Objects: people after the trigger within the clause.
    let right: Vec<&(&Mention, Option<Actor>)> = ctx
        .mentions
        .iter()
        .filter(|(m, _)| m.start >= span.end && m.start < right_end && !m.speaker)
        // "talks with Burhan's deputy, Malik Agar": the possessor names whose deputy, envoy or
        // adviser it is; only a possessor of an event noun ("Putin's visit") takes part.
        .filter(|(m, _)| {
            !m.possessive
                || all_triggers
                    .iter()
                    .any(|t| t.start >= m.end && t.start <= m.end + 4)
        })
        // "Steve Witkoff, the envoy of President-elect Donald Trump": whose envoy, not a party.
        .filter(|(m, _)| !owner_of_role(ctx, m.start))
        .collect();
    let mut objects: Vec<Actor> = Vec::new();
    // "President Yoweri Museveni received him": an object pronoun is not the clause's subject.
    let named_before: Vec<Actor> = ctx
        .mentions
        .iter()
        .filter(|(m, _)| m.start >= left_start && m.end <= span.start && !m.speaker)
        .filter_map(|(_, a)| a.clone())
        .collect();
    for (m, a) in &right {
        for x in resolve(m, a, &named_before) {
            if !objects.contains(&x) {
                objects.push(x);
            }
        }
    }
    // "the RSF commander, Mohamed Hamdan Dagalo, whom the Ethiopian leader received": the
    // person before "whom" is the object.
    if objects.is_empty() && !trig.noun {
        let opened_by_whom = ctx.boundaries.iter().any(|b| {
            b.end <= left_start
                && left_start <= b.end + 1
                && ctx.slice(b.clone()).eq_ignore_ascii_case("whom")
        });
        if opened_by_whom {
            let antecedent = ctx
                .mentions
                .iter()
                .rev()
                .find(|(m, a)| m.end < left_start && !m.speaker && a.is_some());
            if let Some((m, a)) = antecedent {
                let gap = ctx.slice(m.end..left_start);
                if gap.len() <= 12 {
                    objects.extend(resolve(m, a, &[]));
                }
            }
        }
    }
    // "to take stock of the negotiations", "the outcome of the talks": talks someone speaks
    // about, not an event of the people around ("twelve hours of talks", "a round of
    // negotiations" are the talks themselves).
    if trig.noun && objects.is_empty() && !between_mode {
        let before = lower_words(ctx.slice(left_start..span.start));
        let n = before.len();
        let of_at = match before.as_slice() {
            [.., of, the] if of == "of" && matches!(the.as_str(), "the" | "these" | "those") => {
                Some(n - 2)
            }
            [.., of] if of == "of" => Some(n - 1),
            _ => None,
        };
        if let Some(k) = of_at {
            let head = k.checked_sub(1).and_then(|h| before.get(h));
            let quantity = head.is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "round"
                        | "rounds"
                        | "hours"
                        | "hour"
                        | "days"
                        | "day"
                        | "weeks"
                        | "week"
                        | "minutes"
                        | "session"
                        | "sessions"
                        | "series"
                        | "months"
                        | "years"
                        | "lot"
                        | "number"
                        | "couple"
                        | "marathon"
                        | "part"
                        | "start"
                        | "sidelines"
                        | "margins"
                        | "eve"
                        | "end"
                        | "day's"
                ) || number_word(w).is_some()
            });
            if !quantity {
                return None;
            }
        }
    }
    // "received each minister separately", "met both leaders": the group named before.
    if objects.is_empty() {
        let each = each_of_group(ctx.slice(span.end..right_end));
        if each && discourse.last_group.len() >= 2 {
            objects = discourse.last_group.clone();
        }
    }
    // Subjects.
    let left: Vec<&(&Mention, Option<Actor>)> = ctx
        .mentions
        .iter()
        .filter(|(m, _)| m.end <= span.start && m.start >= left_start && !m.speaker)
        .filter(|(m, _)| !relative.as_ref().is_some_and(|r| r.contains(&m.start)))
        .collect();
    let mut subjects: Vec<Actor> = Vec::new();
    let group_of = |idx: usize, backwards: bool| -> Vec<usize> {
        // Coordinated mentions around left[idx].
        let mut g = vec![idx];
        let same_person = |k: usize, j: usize| match (left.get(k), left.get(j)) {
            (Some((_, Some(x))), Some((_, Some(y)))) => x == y,
            _ => false,
        };
        let coordinated = |a: &Mention, b: &Mention| {
            let gap = coordination_gap(ctx.slice(a.end..b.start));
            let gap = gap
                .trim_start_matches("'s")
                .trim_start_matches("\u{2019}s")
                .trim();
            (a.group.is_some() && a.group == b.group)
                || matches!(
                    gap,
                    "and"
                        | ","
                        | ", and"
                        | "as well as"
                        | "and the"
                        | ", and the"
                        | "and his"
                        | "and her"
                        | "and their"
                        | ", and their"
                        | ", and his"
                        | ", and her"
                )
        };
        if backwards {
            let mut k = idx;
            while k > 0 {
                let (Some((a, _)), Some((b, _))) = (left.get(k - 1), left.get(k)) else {
                    break;
                };
                // "U.S. Deputy Secretary of State Wendy Sherman": a title and its name are
                // one person, whatever stands between them.
                if coordinated(a, b) || same_person(k - 1, k) {
                    g.insert(0, k - 1);
                    k -= 1;
                } else if a.possessive && possessed_apposition(ctx.slice(a.end..b.start)) {
                    // "Denktas and Papadopoulos's predecessor, Glafcos Clerides, sat down": the
                    // possessor only says whose predecessor; what it is coordinated with is.
                    match left.get(k.wrapping_sub(2)) {
                        Some((c, _)) if k >= 2 && coordinated(c, a) => {
                            g.insert(0, k - 2);
                            k -= 2;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
        } else {
            let mut k = idx;
            while let (Some((a, _)), Some((b, _))) = (left.get(k), left.get(k + 1)) {
                if coordinated(a, b)
                    || same_person(k, k + 1)
                    || (ctx.slice(a.end..b.start).trim() == ","
                        && matches!(a.who, Who::Role { .. }))
                {
                    g.push(k + 1);
                    k += 1;
                } else {
                    break;
                }
            }
        }
        g
    };
    if !left.is_empty() {
        let picked: Vec<usize> = if trig.noun {
            // A possessor right before the noun ("Putin's visit", "his meeting", "their summit").
            let last = left.len() - 1;
            let possessor = left.get(last).filter(|(m, _)| {
                m.possessive && ctx.slice(m.end..span.start).split_whitespace().count() <= 4
            });
            if possessor.is_some() {
                group_of(last, true)
            } else {
                group_of(0, false)
            }
        } else {
            // "Rice will confer with Sarkozy and will then travel to Tbilisi to meet
            // Saakashvili": a group that is the object of a preposition ("with Sarkozy") is
            // not the subject of a later verb; the subject stands before it.
            let mut idx = left.len() - 1;
            loop {
                let g = group_of(idx, true);
                let first = g.first().copied().unwrap_or(idx);
                let object_of_preposition = left.get(first).is_some_and(|(m, _)| {
                    lower_words(ctx.slice(left_start..m.start))
                        .last()
                        .is_some_and(|w| {
                            matches!(w.as_str(), "with" | "to" | "from" | "by" | "against")
                        })
                });
                match first.checked_sub(1) {
                    Some(prev) if object_of_preposition => idx = prev,
                    _ if object_of_preposition => break g,
                    _ => break g,
                }
            }
        };
        // "he and Foreign Minister Bernard Kouchner met": the pronoun is not a person named
        // beside it.
        let mut not_the_pronoun = objects.clone();
        for i in &picked {
            if let Some((_, Some(a))) = left.get(*i) {
                not_the_pronoun.push(a.clone());
            }
        }
        for i in picked {
            if let Some((m, a)) = left.get(i) {
                for x in resolve(m, a, &not_the_pronoun) {
                    if !subjects.contains(&x) && !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
    }
    if subjects.is_empty() && !between_mode {
        // "Swiss President Karin Keller-Sutter, who met Bessent and Greer": the verb of a
        // relative clause has the people right before ", who" as its subject.
        for x in who_antecedents(ctx, left_start, &resolve) {
            if !subjects.contains(&x) && !objects.contains(&x) {
                subjects.push(x);
            }
        }
    }
    if subjects.is_empty() && !between_mode {
        // A fronted phrase ("During a visit to Ankara, Bayramov ...", "In his conversation with
        // Aliyev, Blinken ..."): the main clause's subject, after the comma.
        let fronted_end = ctx
            .slice(ctx.sent.start..ctx.sent.end)
            .find(',')
            .map(|i| ctx.sent.start + i);
        if let Some(fe) = fronted_end.filter(|fe| *fe > span.end) {
            if let Some((m, a)) = ctx
                .mentions
                .iter()
                .find(|(m, a)| m.start > fe && !m.speaker && a.is_some())
            {
                for x in resolve(m, a, &objects) {
                    if !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
        // A possessive pronoun before the noun with nobody in the clause: "his call with Aliyev".
        if subjects.is_empty() {
            if let Some((m, a)) = ctx.mentions.iter().rev().find(|(m, _)| {
                m.end <= span.start
                    && m.start >= left_start
                    && matches!(m.who, Who::Singular | Who::Plural)
            }) {
                for x in resolve(m, a, &objects) {
                    if !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
        // "A and B agreed late on Saturday ..., after twelve hours of EU-facilitated talks in
        // Ohrid": a noun trigger in a clause opened by "after", "during" or "following" with
        // nobody in it is the main clause's people's meeting.
        let opened_by_time_link = trig.noun && {
            let opener = ctx
                .boundaries
                .iter()
                .filter(|b| b.end <= left_start && left_start <= b.end + 1)
                .map(|b| ctx.slice(b.clone()).to_lowercase())
                .next_back();
            opener.is_some_and(|o| matches!(o.as_str(), "after" | "during" | "following"))
        };
        if subjects.is_empty() && objects.is_empty() && opened_by_time_link {
            let first = ctx
                .mentions
                .iter()
                .position(|(m, a)| m.end <= span.start && !m.speaker && a.is_some());
            if let Some(first) = first {
                let mut k = first;
                while let Some((m, a)) = ctx.mentions.get(k) {
                    if m.end > span.start || m.speaker {
                        break;
                    }
                    for x in resolve(m, a, &[]) {
                        if !subjects.contains(&x) {
                            subjects.push(x);
                        }
                    }
                    let Some((n, _)) = ctx.mentions.get(k + 1) else {
                        break;
                    };
                    let gap = coordination_gap(ctx.slice(m.end..n.start));
                    let same_group = m.group.is_some() && m.group == n.group;
                    // "Foreign Minister Yun Byung-se and his Japanese counterpart Fumio Kishida".
                    if !(same_group
                        || matches!(
                            gap.as_str(),
                            "and" | "," | ", and" | "and his" | "and her" | "and the"
                        ))
                    {
                        break;
                    }
                    k += 1;
                }
            }
        }
        // "..., but there was no bilateral meeting with his Pakistani counterpart Imran Khan":
        // whose counterpart it is takes part; he is the person the sentence is about.
        if subjects.is_empty() && trig.noun {
            let counterpart_of_his = right.iter().any(|(m, _)| {
                let before = ctx.slice(m.start.saturating_sub(5)..m.start).to_lowercase();
                let own = ctx.slice(m.start..m.end).to_lowercase();
                (before.ends_with("his ") || before.ends_with("her "))
                    && own.contains("counterpart")
            });
            if counterpart_of_his {
                let main = ctx
                    .mentions
                    .iter()
                    .filter(|(m, _)| m.end <= span.start && !m.speaker)
                    .filter_map(|(_, a)| a.clone())
                    .find(|a| !objects.contains(a))
                    .or_else(|| discourse.last_subject.clone())
                    .filter(|a| !objects.contains(a));
                subjects.extend(main);
            }
        }
        // Nobody in the clause at all: the people of the sentence before the trigger
        // ("Obama pressed his counterparts ..., in separate phone calls").
        if subjects.is_empty()
            && objects.is_empty()
            && (trig.plural || separate_word_in(ctx, &span))
        {
            for (m, a) in ctx
                .mentions
                .iter()
                .filter(|(m, _)| m.end <= span.start && !m.speaker)
            {
                for x in resolve(m, a, &[]) {
                    if !subjects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
    }

    // Objects that are states, not people ("negotiations with Azerbaijan"): not a person event.
    if objects.is_empty() && !passive_by {
        let state_object = ctx.countries.iter().any(|r| {
            r.start >= span.end && r.start < right_end && {
                let g = ctx.slice(span.end..r.start).trim().to_lowercase();
                matches!(
                    g.as_str(),
                    "with" | "between" | "to" | "with the" | "between the"
                )
            }
        });
        if state_object && !matches!(trig.kind, EventType::Visit) {
            return None;
        }
    }

    let clause = ctx.slice(left_start..right_end).to_lowercase();
    let clause_words = lower_words(&clause);
    let separate_word = clause_words
        .iter()
        .any(|w| SEPARATE_WORDS.contains(&w.as_str()));
    // A joint word counts in the trigger's own comma-delimited stretch: "Before the trilateral
    // session began, X met each of the two ministers separately" is two separate meetings.
    let own_start = ctx
        .slice(left_start..span.start)
        .rfind(',')
        .map(|i| left_start + i + 1)
        .unwrap_or(left_start);
    let joint = lower_words(ctx.slice(own_start..right_end))
        .iter()
        .any(|w| JOINT_WORDS.contains(&w.as_str()));
    let call_verb = trig.kind == EventType::Call && !trig.noun;
    // "X held talks with A and B on the sidelines of the summit": bilateral meetings, one each.
    let sidelines = {
        let rest = ctx.slice(span.end..ctx.sent.end).to_lowercase();
        rest.contains("on the sidelines of") || rest.contains("on the margins of")
    };
    let separate = !joint
        && (separate_word
            || trig.plural
            || (call_verb && objects.len() >= 2 && subjects.len() == 1)
            || (sidelines
                && !trig.noun
                && !trig.host
                && matches!(trig.kind, EventType::Meeting)
                && objects.len() >= 2
                && subjects.len() == 1));

    let (mut status, mut certainty) = status_of(ctx, &span, left_start, right_end, trig.noun);
    // "X accepted an invitation from Y to visit ...", "X accepted Y's invitation to visit ...":
    // a planned visit by X to Y. An invitation nobody accepted is not an event.
    if trig.kind == EventType::Visit {
        let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
        // "an invitation to visit", "invited X to visit" — but "at the invitation of Y, X
        // visited" reports the visit itself.
        let mut trimmed = before.trim_end();
        // "invited Modi to pay an official visit": the noun after "to pay a".
        for w in [" a", " an", " the", " pay", " make"] {
            if let Some(t) = trimmed.strip_suffix(w) {
                trimmed = t;
            }
        }
        let invited = (trimmed.ends_with("invitation to") || trimmed.ends_with(" to"))
            && ["invitation", "invited", "invites", "inviting"]
                .iter()
                .any(|w| before.rfind(w).is_some_and(|i| before.len() - i < 80))
            && !before.contains("at the invitation")
            && !before.contains("on the invitation");
        if invited {
            let accepted_before = before.contains("accepted") || before.contains("accepts");
            // "A invited B to visit Washington, and B accepted", "A invited B to pay a visit.
            // The invitation was accepted": the acceptance told after the invitation.
            let accepted_after = !accepted_before && invitation_accepted_after(ctx, span.end);
            if !accepted_before && !accepted_after {
                return None;
            }
            let inv_at = ctx.sent.start + before.rfind("invit").unwrap_or(0);
            let acc_at = ctx.sent.start + before.rfind("accept").unwrap_or(0);
            let person_in = |from: usize, to: usize| {
                ctx.mentions
                    .iter()
                    .filter(|(m, a)| m.start >= from && m.end <= to && !m.speaker && a.is_some())
                    .find_map(|(m, a)| resolve(m, a, &[]).into_iter().next())
            };
            let (visitor, host) = if accepted_before {
                (
                    person_in(ctx.sent.start, acc_at),
                    person_in(acc_at, span.start).or_else(|| person_in(inv_at, span.start)),
                )
            } else {
                // The one invited visits the one inviting.
                (
                    person_in(inv_at, span.start),
                    person_in(ctx.sent.start, inv_at),
                )
            };
            if let (Some(v), Some(h)) = (visitor, host) {
                if v != h {
                    subjects = vec![v];
                    objects = vec![h];
                    status = Status::Planned;
                    certainty = Certainty::Cued;
                }
            }
        }
    }
    if hypothetical(ctx, &span, left_start) {
        return None;
    }
    // "any such encounter", "such a meeting": a reference to a hypothetical event.
    if trig.noun {
        let before = lower_words(ctx.slice(left_start.min(span.start)..span.start));
        let n = before.len();
        let tail: Vec<&str> = before
            .iter()
            .skip(n.saturating_sub(2))
            .map(String::as_str)
            .collect();
        if matches!(
            tail.as_slice(),
            [.., "any"] | ["any", "such"] | [.., "such"] | ["such", "a" | "an"]
        ) {
            return None;
        }
        // "agreed to speed up those negotiations": a plan about talks told before is no new
        // event.
        if status == Status::Planned && matches!(tail.as_slice(), [.., "those" | "these"]) {
            return None;
        }
    }
    let mut shift = shift_from_previous(ctx, &span, left_start);
    // "The next day he was in Addis Ababa for talks, and on 29 December he met Guelleh": a
    // clause with a date of its own is dated by it, not by the shift told before it.
    let own_date = ctx.times.iter().any(|t| {
        t.start >= left_start
            && t.end <= right_end.max(span.end)
            // "A day earlier" is the shift itself, not a date.
            && !matches!(t.expr, TimeExpr::VaguePast)
            && {
            // "the first since the attack on 7 October" bounds a period (as in `time_for`).
            let near_day = matches!(t.expr, TimeExpr::Weekday { .. } | TimeExpr::DayOffset(_));
            let before = lower_words(ctx.slice(ctx.sent.start..t.start));
            !before
                .iter()
                .rev()
                .take(if near_day { 2 } else { 6 })
                .any(|w| matches!(w.as_str(), "since" | "until" | "till"))
        }
    });
    if own_date {
        shift = None;
    }
    // "A day earlier ... since October 7": the shift dates the event, not a date further on.
    let time = if shift.is_some() {
        None
    } else {
        time_for(
            ctx,
            &span,
            left_start,
            right_end,
            all_triggers,
            relative.as_ref(),
        )
    };
    let continuation = lower_words(ctx.slice(left_start.min(span.start)..span.start))
        .iter()
        .rev()
        .take(4)
        .any(|w| CONTINUATION.contains(&w.as_str()));
    // The day must be the continuation's own, after it: in "met on Thursday and agreed to
    // continue negotiations", Thursday is the meeting's.
    let own_day_after = ctx
        .times
        .iter()
        .any(|t| t.start >= span.end && t.start <= right_end);
    if continuation && !own_day_after && shift.is_none() {
        return None;
    }
    // "spoke with" / "talked to" is a call unless the sentence puts them in one room.
    let mut kind = trig.kind;
    if kind == EventType::Call && trig.object == ObjectRequirement::With {
        let sentence = ctx.slice(ctx.sent.clone()).to_lowercase();
        let in_room = [
            "sidelines",
            "in the presence of",
            "in person",
            "face to face",
            "face-to-face",
            "on the margins",
        ]
        .iter()
        .any(|c| sentence.contains(c))
            || location_for(ctx, &span, left_start, right_end, false).is_some();
        if in_room {
            kind = EventType::Meeting;
        }
    }
    // "held talks via video link", "met by videoconference": talks held over a line are a call.
    if matches!(kind, EventType::Meeting | EventType::Negotiation)
        && remote_medium_after(ctx, &span)
    {
        kind = EventType::Call;
    }
    let location = if kind == EventType::Call {
        None
    } else {
        location_for(ctx, &span, left_start, right_end, kind == EventType::Visit).or_else(|| {
            // The dateline is where the reporter is: it places a meeting held there, never
            // a visit (whose place is the destination) nor a plan.
            let held_there = matches!(
                kind,
                EventType::Meeting | EventType::Negotiation | EventType::Mediation
            ) && status == Status::Occurred;
            if held_there {
                dateline_place(ctx)
            } else {
                None
            }
        })
    };

    // Who initiated: the caller, visitor or host; "on the initiative of the Azerbaijani side".
    let directional = trig.host
        || trig.kind == EventType::Visit
        || (trig.kind == EventType::Call
            && (!trig.noun || after_lower.starts_with("to ") || subjects.len() == 1));
    let initiative = initiative_country(ctx, ctx.sent.clone());

    let mut anaphoric = false;
    let mut participants_sets: Vec<Vec<Actor>> = Vec::new();
    let host_attach = trig.host && !passive_by && objects.is_empty() && !subjects.is_empty();
    // "Blinken's trip began on Sunday, when he was welcomed by Foreign Minister Qin Gang": the
    // guest and the host, a visit when the sentence speaks of a trip.
    let passive_guest = passive_by && trig.host && !subjects.is_empty() && !objects.is_empty();
    if passive_guest {
        let mut p = subjects.clone();
        p.extend(objects.iter().filter(|o| !subjects.contains(o)).cloned());
        participants_sets.push(p);
    } else if host_attach {
        participants_sets.push(subjects.clone());
    } else if passive_by {
        // "the meeting, hosted by A and B": the hosts join the meeting referred to.
        if objects.is_empty() {
            return None;
        }
        participants_sets.push(objects.clone());
    } else if between_mode {
        // "Lavrov and Cavusoglu mediated between Haftar and Sarraj": the mediators too.
        let mut p = objects.clone();
        if trig.kind == EventType::Mediation && !trig.noun {
            p.extend(subjects.iter().filter(|s| !objects.contains(s)).cloned());
        }
        participants_sets.push(p);
    } else if separate && !subjects.is_empty() && !objects.is_empty() {
        for o in &objects {
            let mut p = subjects.clone();
            p.push(o.clone());
            participants_sets.push(p);
        }
    } else if separate && objects.is_empty() && subjects.len() >= 2 {
        let hub = subjects.first().cloned();
        for o in subjects.iter().skip(1) {
            if let Some(h) = &hub {
                participants_sets.push(vec![h.clone(), o.clone()]);
            }
        }
    } else {
        let mut p = subjects.clone();
        for o in &objects {
            if !p.contains(o) {
                p.push(o.clone());
            }
        }
        // "..., and met again in New York": the verb shares the subject of the event just told.
        let after_and = {
            let lead = ctx.slice(left_start..span.start).trim_end().to_lowercase();
            let lead = lead.trim_end_matches(" again").trim_end_matches(" then");
            lead.ends_with(" and") || lead == "and" || lead.ends_with(", and")
        };
        if p.is_empty() && !trig.noun && after_and {
            p = discourse.sentence_event.clone();
        }
        if p.is_empty() {
            // "the meeting in Brussels": a reference back, useful only for its place.
            let definite = lower_words(ctx.slice(left_start..span.start))
                .iter()
                .any(|w| matches!(w.as_str(), "the" | "this" | "that"));
            if definite && trig.noun && location.is_some() {
                anaphoric = true;
                participants_sets.push(vec![]);
            } else {
                return None;
            }
        } else {
            participants_sets.push(p);
        }
    }

    let country_of = |a: &Actor| match a {
        Actor::Known(p) => ctx.lex.persons.get(*p).map(|x| x.country.clone()),
        Actor::Unknown(_) => None,
    };
    // A named mediator in the sentence ("under the mediation of X", "with X acting as mediator")
    // turns talks between the parties into a mediation that includes the mediator.
    if matches!(
        kind,
        EventType::Meeting | EventType::Negotiation | EventType::Mediation
    ) {
        let named = mediators(ctx);
        if !named.is_empty() {
            for p in &mut participants_sets {
                let parties = p.iter().filter(|a| !named.contains(a)).count();
                if parties >= 2 || (parties == 1 && p.len() == 1) {
                    for m in &named {
                        if !p.contains(m) {
                            p.push(m.clone());
                        }
                    }
                }
            }
            if participants_sets.iter().any(|p| p.len() >= 3) {
                kind = EventType::Mediation;
            }
        }
    }
    let welcomes = trig.host || ctx.slice(span.clone()).to_lowercase().starts_with("greet");
    let mut frames = Vec::new();
    for participants in participants_sets {
        let mut participants = participants;
        let mut visit_complete = false;
        let mut kind = kind;
        let mut guest: Option<Actor> = None;
        if passive_guest && subjects.len() == 1 && objects.len() == 1 {
            let sentence_lower = ctx.slice(ctx.sent.clone()).to_lowercase();
            let trip = ["trip", "visit", "arriv", "tour"]
                .iter()
                .any(|w| sentence_lower.contains(w));
            let loc_country = location.as_ref().and_then(|l| l.country.clone());
            let (g, host) = (subjects.first(), objects.first());
            let at_home =
                host.is_some_and(|h| country_of(h).is_some() && country_of(h) == loc_country);
            if trip || at_home {
                kind = EventType::Visit;
                visit_complete = true;
                guest = g.cloned();
            }
        } else if welcomes && subjects.len() == 1 && objects.len() == 1 {
            // The host welcomes a foreign guest at home: the guest's visit — when the text
            // speaks of a visit; "received the EU envoy in Yerevan" alone is a meeting.
            let (host, g) = (subjects.first(), objects.first());
            let loc_country = location.as_ref().and_then(|l| l.country.clone());
            let visit_words = {
                let sentence_lower = ctx.slice(ctx.sent.clone()).to_lowercase();
                ["visit", "trip", "arriv", "tour", "greet"]
                    .iter()
                    .any(|w| sentence_lower.contains(w))
            };
            if let (Some(h), Some(g)) = (host, g) {
                let hc = country_of(h);
                if visit_words && hc.is_some() && loc_country == hc && country_of(g) != hc {
                    kind = EventType::Visit;
                    visit_complete = true;
                    guest = Some(g.clone());
                }
            }
        }
        if trig.kind == EventType::Visit {
            // The host: a person in the sentence from the visited place's country, when the
            // sentence gives someone a receiving role ("welcomed", "received", "hosted", "at the
            // invitation of"). "will travel to Washington, where he will meet Sullivan" names no
            // host: that is a meeting during the trip, not the visit's host.
            let sentence_lower = ctx.slice(ctx.sent.clone()).to_lowercase();
            let receiving = [
                "welcom",
                "receiv",
                "host",
                "greet",
                "invitation",
                "invited",
                "guest",
            ]
            .iter()
            .any(|w| sentence_lower.contains(w));
            if let Some(loc_country) = location
                .as_ref()
                .and_then(|l| l.country.clone())
                .filter(|_| receiving)
            {
                for (m, a) in &ctx.mentions {
                    let Some(a) = a else { continue };
                    if m.speaker || participants.contains(a) {
                        continue;
                    }
                    // A lexicon person from there, or an official introduced with that country.
                    let from_there = country_of(a).as_ref() == Some(&loc_country)
                        || m.title_country.as_ref() == Some(&loc_country);
                    if from_there && participants.len() == 1 {
                        participants.push(a.clone());
                    }
                }
            }
            visit_complete = participants.len() >= 2;
        }
        let initiator = match &initiative {
            Some(code) => participants
                .iter()
                .find(|a| match a {
                    Actor::Known(p) => ctx.lex.persons.get(*p).is_some_and(|x| &x.country == code),
                    Actor::Unknown(_) => false,
                })
                .cloned(),
            None => None,
        }
        .or_else(|| guest.clone())
        .or_else(|| {
            if host_attach || (directional && subjects.len() == 1 && !between_mode && !passive_by) {
                subjects.first().cloned()
            } else if passive_by && trig.host && objects.len() == 1 {
                objects.first().cloned()
            } else {
                None
            }
        });
        let mention_spans = ctx
            .mentions
            .iter()
            .filter(|(_, a)| a.as_ref().is_some_and(|a| participants.contains(a)))
            .map(|(m, _)| m.start..m.end)
            .collect();
        frames.push(Frame {
            kind,
            sentence: 0,
            trigger: span.clone(),
            participants,
            mention_spans,
            initiator,
            status,
            certainty,
            time: time.clone(),
            location: location.clone(),
            anaphoric,
            attach: (passive_by && trig.host && !passive_guest) || host_attach,
            visit_complete,
            shift_from_previous: shift,
            bilateral: {
                let c = ctx.slice(left_start..right_end).to_lowercase();
                [
                    "bilateral",
                    "one-on-one",
                    "one-to-one",
                    "tete-a-tete",
                    "tête-à-tête",
                    "separately",
                ]
                .iter()
                .any(|w| c.contains(w))
            },
            joins_any: false,
            title_like: {
                let line = ctx.slice(ctx.sent.clone()).trim_end();
                line.len() < 200 && !line.ends_with(['.', '!', '?', '"', '\u{201d}', ')', ':'])
            },
            attributed_to: Vec::new(),
            day: None,
            ordinal: ordinal_before(ctx, &span),
        });
    }
    Some(frames)
}

/// "their second meeting", "the 12th round of negotiations", "the first formal summit": the
/// ordinal among the three words before a trigger.
fn ordinal_before(ctx: &Ctx<'_>, span: &Range<usize>) -> Option<u32> {
    let before =
        lower_words(ctx.slice(span.start.saturating_sub(40).max(ctx.sent.start)..span.start));
    before.iter().rev().take(3).find_map(|w| {
        let named = [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth",
        ]
        .iter()
        .position(|o| o == w)
        .and_then(|i| u32::try_from(i + 1).ok());
        named.or_else(|| {
            let digits = w
                .strip_suffix("st")
                .or_else(|| w.strip_suffix("nd"))
                .or_else(|| w.strip_suffix("rd"))
                .or_else(|| w.strip_suffix("th"))?;
            digits.parse().ok()
        })
    })
}

/// True when the mention at `start` follows "<role> of" / "<role> to": "the envoy of X", "an
/// adviser to X", "on behalf of X" name whom an official serves, not who took part.
fn owner_of_role(ctx: &Ctx<'_>, start: usize) -> bool {
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
fn mediators(ctx: &Ctx<'_>) -> Vec<Actor> {
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

/// Plural nouns for offices, which may stand between a mediation cue and the names in
/// apposition ("facilitated by the prime ministers of A and of B, X and Y").
const PLURAL_ROLE_NOUNS: &[&str] = &[
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

fn separate_word_in(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    lower_words(ctx.slice(ctx.sent.start..span.end))
        .iter()
        .any(|w| SEPARATE_WORDS.contains(&w.as_str()))
}

fn status_of(
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

/// True when the text between a possessor and a name is "'s <role noun>, ": "Papadopoulos's
/// predecessor, Glafcos Clerides", "Burhan's deputy, Malik Agar".
fn possessed_apposition(gap: &str) -> bool {
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
fn relative_clause_before(ctx: &Ctx<'_>, left_start: usize, verb: usize) -> Option<Range<usize>> {
    let opener = ctx
        .boundaries
        .iter()
        .find(|b| b.end <= left_start && left_start <= b.end + 1)?;
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

/// How a mention is turned into actors in a frame (the `resolve` closure of
/// [`frame_for_trigger`]): mention, its resolved actor, actors to leave out.
type ResolveFn<'r> = dyn Fn(&Mention, &Option<Actor>, &[Actor]) -> Vec<Actor> + 'r;

/// True when the words right after a trigger say the talks were held over a line: "held talks
/// via video link", "met by videoconference", "talked by phone".
fn remote_medium_after(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
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
fn who_antecedents(ctx: &Ctx<'_>, left_start: usize, resolve: &ResolveFn<'_>) -> Vec<Actor> {
    let lead = ctx.slice(ctx.sent.start..left_start).trim_end();
    let Some(head) = lead
        .strip_suffix("who")
        .and_then(|h| h.trim_end().strip_suffix(','))
    else {
        return Vec::new();
    };
    let comma = ctx.sent.start + head.trim_end().len();
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
fn appeal_to_person(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
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
fn plural_role(words: &[String]) -> Option<&'static [&'static str]> {
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

/// True when `before` (the clause before a "to meet"/"to visit") tells a journey in the past
/// tense: "rode a bus across the Wagah border", "flew to Kampala", "travelled to Moscow".
fn journey_told_in_past(before: &str) -> bool {
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
fn after_relative_clause(ctx: &Ctx<'_>, trigger_end: usize, cue: usize) -> bool {
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

/// "on the sidelines of the SCO summit": the gathering named after "sidelines of" is the venue of
/// the event, not an event of its own (multilateral conferences are venues), and it must not take
/// the event's date away from the verb it belongs to.
fn is_venue(text: &str, sent_start: usize, at: usize) -> bool {
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

/// Phrases that date an event from the one told just before it, with the shift in days.
const SHIFTS_FROM_PREVIOUS: &[(&str, i64)] = &[
    ("a day earlier", -1),
    ("one day earlier", -1),
    ("the day before", -1),
    ("a day before", -1),
    ("the previous day", -1),
    ("the preceding day", -1),
    ("two days earlier", -2),
    ("two days before", -2),
    ("three days earlier", -3),
    ("a day later", 1),
    ("one day later", 1),
    ("the next day", 1),
    ("the following day", 1),
    ("the day after", 1),
    ("two days later", 2),
    ("three days later", 3),
    ("hours earlier", 0),
    ("hours later", 0),
    ("later that day", 0),
    ("earlier that day", 0),
    ("later the same day", 0),
    ("that same day", 0),
    // "received A and B separately before it began": the talks just told.
    ("before it began", 0),
    ("before it started", 0),
    ("before it opened", 0),
    ("before they began", 0),
    ("after it ended", 0),
];

/// The three "around the talks" leads, then [`SHIFTS_FROM_PREVIOUS`], for one presence scan.
fn shift_scan_phrases() -> [&'static str; 3 + SHIFTS_FROM_PREVIOUS.len()] {
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
fn shift_from_previous(ctx: &Ctx<'_>, span: &Range<usize>, left_start: usize) -> Option<i64> {
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
                            )
                        })
                })
            })
    };
    if present & 0b111 != 0 && (around_the_talks(before) || around_the_talks(&after)) {
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

/// Words that make an interaction a possibility, an offer or a readiness rather than a plan:
/// "ready to meet", "could hold a conversation", "a possible meeting", "did not reject a meeting",
/// "asked whether he would meet". The annotation guidelines do not count these as events.
const HYPOTHETICAL: &[&str] = &[
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
const CONTINUATION: &[&str] = &["continue", "continuing", "continued"];

/// True when a hypothetical cue stands shortly before the trigger, in its clause or in the
/// sentence's opening ("Asked whether he would meet ...").
fn hypothetical(ctx: &Ctx<'_>, span: &Range<usize>, left_start: usize) -> bool {
    let from = left_start.min(span.start);
    let words = lower_words(ctx.slice(from..span.start));
    let n = words.len();
    HYPOTHETICAL.iter().any(|cue| {
        let cue_words: Vec<&str> = cue.split(' ').collect();
        let k = cue_words.len();
        (0..=n.saturating_sub(k)).rev().any(|i| {
            let matches = words
                .get(i..i + k)
                .is_some_and(|w| w.iter().zip(&cue_words).all(|(a, b)| a == b));
            // Within six words of the trigger.
            matches && n - (i + k) <= 6
        })
    })
}

/// "held indirect talks", "had a brief meeting": a past light verb right before a noun trigger
/// states that the event took place, as a past-tense verb trigger does.
fn held_before(ctx: &Ctx<'_>, span: &Range<usize>, left_start: usize) -> bool {
    let words = lower_words(ctx.slice(left_start.min(span.start)..span.start));
    words.iter().rev().take(4).any(|w| {
        matches!(
            w.as_str(),
            "held" | "had" | "conducted" | "concluded" | "wrapped" | "began" | "opened"
        )
    })
}

fn time_for(
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
                .any(|w| matches!(w, "first" | "first-ever" | "longest" | "highest-level"))
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
    ctx.times
        .iter()
        .filter(|t| !report_adjacent(t))
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
fn range_start<'t>(ctx: &'t Ctx<'_>, t: &'t TimeMention) -> &'t TimeMention {
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

/// "on the sidelines of the G20 meeting in New Delhi on Thursday": the gathering's place and day
/// are the event's, so the clause reaches over the venue phrase to the next boundary.
fn over_venue(ctx: &Ctx<'_>, right_end: usize) -> usize {
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

fn location_for(
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
fn dateline_end(ctx: &Ctx<'_>) -> usize {
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

fn dateline_place(ctx: &Ctx<'_>) -> Option<FramePlace> {
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
fn initiative_country(ctx: &Ctx<'_>, sent: Range<usize>) -> Option<String> {
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

/// The reporting sources named in a sentence without a trigger (a readout paragraph after the
/// sentence stating the event): "..., the Kremlin said."
pub fn sentence_attributions(
    lex: &Lexicon,
    text: &str,
    sentence: usize,
    sent: Range<usize>,
    mentions: &[Mention],
    actors: &[Option<Actor>],
) -> Vec<String> {
    let cues: Vec<(Range<usize>, CueSense)> = lex
        .cues
        .find(text, sent.start, sent.end)
        .iter()
        .flat_map(|h| h.senses.iter().map(move |s| (h.start..h.end, *s)))
        .collect();
    if !cues.iter().any(|(_, s)| matches!(s, CueSense::Body(_))) {
        return Vec::new();
    }
    let ctx = Ctx {
        lex,
        text,
        sent,
        mentions: mentions_of(sentence, mentions, actors),
        boundaries: Vec::new(),
        cues,
        times: Vec::new(),
        places: Vec::new(),
        countries: Vec::new(),
    };
    attributions(&ctx)
}

/// Who reports what the sentence says: "according to the Kremlin", "Pashinyan's office said".
fn attributions(ctx: &Ctx<'_>) -> Vec<String> {
    let mut specific = Vec::new();
    let mut generic = Vec::new();
    for (r, s) in &ctx.cues {
        if let CueSense::Body(b) = s {
            let Some(name) = ctx.lex.bodies.get(*b) else {
                continue;
            };
            let lower = name.to_lowercase();
            let is_generic = matches!(
                lower.as_str(),
                "readout"
                    | "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "government"
                    | "cabinet"
                    | "embassy"
                    | "press service"
                    | "press office"
                    | "president's office"
                    | "prime minister's office"
                    | "presidential press service"
                    | "presidential office"
            );
            // "Pashinyan's office", "the Armenian president's office": keep the owner.
            let owner = ctx.mentions.iter().find(|(m, _)| {
                m.end <= r.start && m.possessive && ctx.slice(m.end..r.start).trim().len() <= 3
            });
            let label = match owner {
                Some((m, Some(Actor::Known(p)))) if is_generic => ctx
                    .lex
                    .persons
                    .get(*p)
                    .map(|x| {
                        format!(
                            "{}'s {}",
                            x.name,
                            lower_words(ctx.slice(m.end..r.end))
                                .iter()
                                .filter(|w| *w != "s" && *w != "'s")
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    })
                    .unwrap_or_else(|| name.clone()),
                _ => {
                    // Keep a demonym written before a generic body ("the Armenian presidential press service").
                    name.clone()
                }
            };
            let label = label.trim().to_string();
            if is_generic {
                if !generic.contains(&label) {
                    generic.push(label);
                }
            } else if !specific.contains(&label) {
                specific.push(label);
            }
        }
    }
    if specific.is_empty() {
        generic.retain(|g| {
            !matches!(
                g.to_lowercase().as_str(),
                "readout"
                    | "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "government"
                    | "cabinet"
                    | "embassy"
            )
        });
        generic
    } else {
        specific
    }
}
