//! Frames → events: merge the frames of one document that describe the same interaction, date
//! them, and build the output records.
//!
//! Merging within a document: the headline, the lead and the readout paragraphs all restate the
//! same call. Two frames are one event when their types are compatible (a visit is a kind of
//! meeting), one participant set contains the other, and their dates and places do not conflict.
//! A frame with one participant (a visit whose host is not named) joins the nearby event of that
//! person; one with none ("the meeting in Brussels") lends its place to the latest meeting.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use parley_time::{Basis, Precision as TPrecision, Tense, TimeExpr};

use crate::doc::Document;
use crate::event::*;
use crate::frames::{Certainty, Frame, FramePlace};
use crate::lexicon::Lexicon;
use crate::resolve::Actor;

/// An event being assembled from frames.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The frames merged into it, in text order.
    pub frames: Vec<Frame>,
    /// Sentences (byte ranges) stating it.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// Participants (union).
    pub participants: Vec<Actor>,
    /// Topic ids.
    pub topics: BTreeSet<String>,
    /// Attribution labels.
    pub attributed_to: Vec<String>,
}

fn in_person(k: EventType) -> bool {
    matches!(
        k,
        EventType::Meeting | EventType::Visit | EventType::Negotiation | EventType::Mediation
    )
}

fn compatible_types(a: EventType, b: EventType) -> bool {
    a == b || (in_person(a) && in_person(b))
}

fn subset(a: &[Actor], b: &[Actor]) -> bool {
    a.iter().all(|x| b.contains(x))
}

fn time_conflict(fa: &Frame, fb: &Frame) -> bool {
    // "on Tuesday" and "on 24 January" are written differently; the days they resolve to
    // differ (a day apart is one report's slack, as in reports on either side of midnight).
    if let (Some(x), Some(y)) = (fa.day, fb.day) {
        if (x - y).num_days().abs() > 1 {
            return true;
        }
    }
    match (&fa.time, &fb.time) {
        (
            Some(TimeExpr::Calendar {
                year: ya,
                month: ma,
                day: da,
                ..
            }),
            Some(TimeExpr::Calendar {
                year: yb,
                month: mb,
                day: db,
                ..
            }),
        ) => differ(ya, yb) || differ(ma, mb) || differ(da, db),
        (
            Some(TimeExpr::Weekday { weekday: wa, .. }),
            Some(TimeExpr::Weekday { weekday: wb, .. }),
        ) => wa != wb,
        (Some(TimeExpr::DayOffset(x)), Some(TimeExpr::DayOffset(y))) => x != y,
        _ => false,
    }
}

/// "met on Saturday" and "will meet again": a cued past and a cued future are two events.
/// Also: "their second meeting" and "the first meeting" are two events.
fn status_conflict(a: &Frame, b: &Frame) -> bool {
    if matches!((a.ordinal, b.ordinal), (Some(x), Some(y)) if x != y) {
        return true;
    }
    // "Kishida did not meet any of the women": a denial naming one person and nobody else is
    // not about the talks that person held.
    let lone_denial = |x: &Frame, y: &Frame| {
        x.status == Status::Denied
            && x.certainty == Certainty::Cued
            && !x.anaphoric
            && x.participants.len() < 2
            && y.status == Status::Occurred
    };
    if lone_denial(a, b) || lone_denial(b, a) {
        return true;
    }
    // "The two presidents agreed to meet again": not the meeting told before.
    let repeat = |x: &Frame, y: &Frame| {
        x.again && x.status == Status::Planned && y.status == Status::Occurred
    };
    if repeat(a, b) || repeat(b, a) {
        return true;
    }
    a.certainty == Certainty::Cued
        && b.certainty == Certainty::Cued
        && matches!(
            (a.status, b.status),
            (Status::Occurred, Status::Planned)
                | (Status::Planned, Status::Occurred)
                | (Status::Occurred, Status::Denied)
                | (Status::Denied, Status::Occurred)
        )
}

fn differ<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
    matches!((x, y), (Some(p), Some(q)) if p != q)
}

fn place_conflict(a: &Option<FramePlace>, b: &Option<FramePlace>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x.name != y.name && x.country != y.country)
}

impl Draft {
    fn new(f: Frame, sentence: std::ops::Range<usize>) -> Draft {
        Draft {
            participants: f.participants.clone(),
            attributed_to: f.attributed_to.clone(),
            frames: vec![f],
            sentences: vec![sentence],
            topics: BTreeSet::new(),
        }
    }

    fn kind(&self) -> EventType {
        // "The two rivals sat down with A and B ... for five hours of mediated talks": talks of
        // three or more in which a frame says someone mediated are a mediation, whichever frame
        // names the most people.
        let widest = self
            .frames
            .iter()
            .filter(|f| !f.anaphoric && !f.attach)
            .max_by_key(|f| f.participants.len());
        let mediated = widest.is_some_and(|w| {
            w.participants.len() >= 3
                && self.frames.iter().any(|f| {
                    f.kind == EventType::Mediation
                        && !f.anaphoric
                        && !f.attach
                        && f.sentence == w.sentence
                })
        });
        // "The meeting, which X facilitated": mediators who joined the talks told before.
        let joined_by_mediators = self
            .frames
            .iter()
            .any(|f| f.kind == EventType::Mediation && f.attach && f.joins_any);
        if mediated || joined_by_mediators {
            return EventType::Mediation;
        }
        // The type of the frame naming the most people; a complete visit beats a meeting on a tie.
        self.frames
            .iter()
            .filter(|f| !f.anaphoric && !f.attach)
            .max_by_key(|f| {
                // On a tie the more specific reading wins: "held indirect talks under the
                // mediation of X" is a mediation, "negotiations" more than plain "talks".
                let specific = match f.kind {
                    EventType::Mediation => 3,
                    EventType::Visit if f.visit_complete => 2,
                    EventType::Negotiation => 1,
                    _ => 0,
                };
                (
                    f.participants.len(),
                    specific,
                    std::cmp::Reverse(f.trigger.start),
                )
            })
            .map(|f| f.kind)
            .or_else(|| self.frames.first().map(|f| f.kind))
            .unwrap_or(EventType::Meeting)
    }

    fn accepts(&self, f: &Frame) -> bool {
        if !compatible_types(self.kind(), f.kind) {
            return false;
        }
        // "Erdogan and Rouhani held a bilateral meeting" is not the trilateral summit.
        if f.bilateral && f.participants.len() == 2 && self.participants.len() > 2 {
            return false;
        }
        // "Before the four-way session, Macron received Zelensky": placed against an event
        // told before, so not that event.
        // (Kishida hosting Yoon "after the summit" with the same two is still that visit.)
        let same_people = subset(&f.participants, &self.participants)
            && subset(&self.participants, &f.participants);
        if f.shift_from_previous.is_some()
            && !same_people
            && self.frames.iter().all(|g| g.sentence < f.sentence)
        {
            return false;
        }

        let times_ok = self
            .frames
            .iter()
            .all(|g| !time_conflict(g, f) && !status_conflict(g, f));
        let places_ok = self
            .frames
            .iter()
            .all(|g| !place_conflict(&g.location, &f.location));
        let people_ok = subset(&f.participants, &self.participants)
            || subset(&self.participants, &f.participants);
        times_ok && places_ok && people_ok
    }

    fn add(&mut self, f: Frame, sentence: std::ops::Range<usize>) {
        for p in &f.participants {
            if !self.participants.contains(p) {
                self.participants.push(p.clone());
            }
        }
        for a in &f.attributed_to {
            if !self.attributed_to.contains(a) {
                self.attributed_to.push(a.clone());
            }
        }
        if !self.sentences.contains(&sentence) {
            self.sentences.push(sentence);
        }
        self.frames.push(f);
    }
}

/// "for an official visit on Friday and Saturday, during which he will be received by Y": a
/// noun whose tense nothing marks takes the plan a verb of its own sentence states for the same
/// people, before its weekday is resolved (a planned Friday is the next one, not the last).
pub fn share_planned_status(frames: &mut [Frame]) {
    let planned: Vec<(usize, EventType, Vec<Actor>)> = frames
        .iter()
        .filter(|f| f.status == Status::Planned && f.certainty == Certainty::Cued)
        .map(|f| (f.sentence, f.kind, f.participants.clone()))
        .collect();
    for f in frames.iter_mut() {
        if f.certainty != Certainty::Default || f.status != Status::Occurred {
            continue;
        }
        let same = planned.iter().any(|(sentence, kind, people)| {
            *sentence == f.sentence
                && compatible_types(*kind, f.kind)
                && f.participants.len() >= 2
                && subset(&f.participants, people)
                && subset(people, &f.participants)
        });
        if same {
            f.status = Status::Planned;
            f.certainty = Certainty::Cued;
        }
    }
}

/// How many sentences apart a frame naming one person may stand from the event it completes.
const LONE_FRAME_REACH: usize = 4;

/// Merges the frames of a document into drafts (text order in, text order out).
pub fn merge_frames(frames: Vec<Frame>, sentences: &[std::ops::Range<usize>]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut pending_single: Vec<Frame> = Vec::new();
    // Headline frames come last: "Modi meets Xi, Putin" summarises two bilateral meetings that the
    // body tells one by one, so it joins what the body says instead of setting its shape.
    let (titles, body): (Vec<Frame>, Vec<Frame>) = frames.into_iter().partition(|f| f.title_like);
    let mut frames = body;
    let mut deferred_titles = Vec::new();
    for t in titles {
        if t.participants.len() >= 2 {
            deferred_titles.push(t);
        } else {
            frames.push(t);
        }
    }
    frames.sort_by_key(|f| f.trigger.start);
    let body_count = frames.len();
    frames.extend(deferred_titles);
    // Where each sentence's frames of two or more people start, with their people: a frame of
    // one person waits for a fuller frame later in its own sentence ("flew to Niamey ..., he
    // was not received by Tiani") rather than joining an older event of that person.
    let fuller: Vec<(usize, usize, Vec<Actor>)> = frames
        .iter()
        .filter(|f| f.participants.len() >= 2)
        .map(|f| (f.sentence, f.trigger.start, f.participants.clone()))
        .collect();
    for (index, f) in frames.into_iter().enumerate() {
        if index >= body_count {
            let sent = sentences.get(f.sentence).cloned().unwrap_or(0..0);
            // A body event holding everybody the headline names takes it, unless they disagree
            // on the day, the place or whether it happened ("arrives in Abu Dhabi, to meet the
            // emir in Doha": the visit is not the planned meeting).
            if let Some(d) = drafts.iter_mut().find(|d| {
                subset(&f.participants, &d.participants)
                    && compatible_types(d.kind(), f.kind)
                    && d.frames.iter().all(|g| {
                        !time_conflict(g, &f)
                            && !status_conflict(g, &f)
                            && !place_conflict(&g.location, &f.location)
                    })
            }) {
                d.add(f, sent);
                continue;
            }
            // A body frame still waiting for its second person ("Putin visited Baku" under the
            // caption "Aliyev greets Putin in Baku on Aug. 18"): the headline completes it.
            let waiting = pending_single.iter().rposition(|p| {
                !p.participants.is_empty()
                    && subset(&p.participants, &f.participants)
                    && compatible_types(p.kind, f.kind)
                    && !time_conflict(p, &f)
                    && !status_conflict(p, &f)
                    && !place_conflict(&p.location, &f.location)
            });
            if let Some(k) = waiting {
                let p = pending_single.remove(k);
                let ps = sentences.get(p.sentence).cloned().unwrap_or(0..0);
                let mut d = Draft::new(p, ps);
                d.add(f, sent);
                drafts.push(d);
                continue;
            }
            // Body events that together name everybody the headline names: the body tells the
            // story in detail (two bilateral meetings, or a visit and a planned meeting), and a
            // headline squeezing them into one line is not a further event.
            let covered = f.participants.iter().all(|p| {
                drafts
                    .iter()
                    .any(|d| d.participants.len() >= 2 && d.participants.contains(p))
            });
            if covered {
                continue;
            }
        }
        let sent = sentences.get(f.sentence).cloned().unwrap_or(0..0);
        if f.anaphoric {
            // Lend the place to the latest in-person event without one.
            if let Some(d) = drafts.iter_mut().rev().find(|d| in_person(d.kind())) {
                let has_place = d.frames.iter().any(|g| g.location.is_some());
                if !has_place {
                    d.add(f, sent);
                }
            }
            continue;
        }
        if f.attach {
            // "hosted by A and B": join the latest meeting ("It was joined by": the latest event
            // of any type, told at most two sentences before).
            if let Some(d) = drafts.iter_mut().rev().find(|d| {
                if f.joins_any {
                    d.frames
                        .iter()
                        .any(|g| g.sentence < f.sentence && f.sentence <= g.sentence + 2)
                } else {
                    in_person(d.kind())
                }
            }) {
                let fits = d
                    .frames
                    .iter()
                    .all(|g| !status_conflict(g, &f) && !place_conflict(&g.location, &f.location));
                if fits {
                    d.add(f, sent);
                    continue;
                }
            }
            if f.joins_any {
                // The event told just before may still wait for its second person ("Biden held
                // a video call with European leaders. It was joined by Macron, Scholz ...").
                let waiting = pending_single
                    .iter()
                    .rposition(|p| p.sentence < f.sentence && f.sentence <= p.sentence + 2);
                if let Some(k) = waiting {
                    let p = pending_single.remove(k);
                    let ps = sentences.get(p.sentence).cloned().unwrap_or(0..0);
                    let mut d = Draft::new(p, ps);
                    d.add(f, sent);
                    drafts.push(d);
                    continue;
                }
            }
        }
        if f.participants.len() < 2 {
            let fuller_later = fuller.iter().any(|(sentence, start, people)| {
                *sentence == f.sentence
                    && *start > f.trigger.start
                    && f.participants.iter().all(|p| people.contains(p))
            });
            if fuller_later {
                pending_single.push(f);
                continue;
            }
            // Join the nearest event of this person told shortly before, or wait for one
            // ("Erdogan travels to Komotini on Friday" eight sentences after his talks in
            // Athens is another leg of the trip, not those talks).
            let target = drafts.iter_mut().rev().find(|d| {
                d.participants.iter().any(|p| f.participants.contains(p))
                    && d.frames
                        .iter()
                        .any(|g| f.sentence <= g.sentence + LONE_FRAME_REACH)
                    && compatible_types(d.kind(), f.kind)
                    && d.frames.iter().all(|g| {
                        !time_conflict(g, &f)
                            && !status_conflict(g, &f)
                            && !place_conflict(&g.location, &f.location)
                    })
            });
            match target {
                Some(d) if !f.participants.is_empty() => d.add(f, sent),
                _ => pending_single.push(f),
            }
            continue;
        }
        // Prefer an event with exactly these people, then the latest compatible one.
        let exact = drafts.iter().rposition(|d| {
            d.accepts(&f)
                && subset(&d.participants, &f.participants)
                && subset(&f.participants, &d.participants)
        });
        let any = exact.or_else(|| drafts.iter().rposition(|d| d.accepts(&f)));
        match any {
            Some(i) => {
                if let Some(d) = drafts.get_mut(i) {
                    d.add(f, sent);
                }
            }
            None => {
                let mut d = Draft::new(f, sent);
                // Single-person frames waiting for this person join now.
                let mut k = 0;
                while k < pending_single.len() {
                    let joins = pending_single.get(k).is_some_and(|p| {
                        !p.participants.is_empty()
                            && (p.title_like
                                || d.frames
                                    .iter()
                                    .all(|g| g.sentence <= p.sentence + LONE_FRAME_REACH))
                            && subset(&p.participants, &d.participants)
                            && compatible_types(d.kind(), p.kind)
                            && d.frames.iter().all(|g| {
                                !time_conflict(g, p)
                                    && !status_conflict(g, p)
                                    && !place_conflict(&g.location, &p.location)
                            })
                    });
                    if joins {
                        let p = pending_single.remove(k);
                        let s = sentences.get(p.sentence).cloned().unwrap_or(0..0);
                        d.add(p, s);
                    } else {
                        k += 1;
                    }
                }
                drafts.push(d);
            }
        }
    }
    // Frames left with one person (a visit whose host is never named) are not events between
    // people: they are dropped, as the annotation guidelines say.
    drop(pending_single);
    drafts.sort_by_key(|d| d.frames.iter().map(|f| f.trigger.start).min().unwrap_or(0));
    drafts
}

/// The year of undated day-month expressions in a document without a publication date: from
/// weekday + day pairs ("Monday (30 May)", or a weekday and a date given for the same event),
/// narrowed by who was in office then and by the latest year the text writes out.
pub fn infer_year(
    lex: &Lexicon,
    drafts: &[Draft],
    named: &[usize],
    doc_pairs: &[(u32, u32, Weekday)],
    explicit_years: &[i32],
    today: NaiveDate,
) -> Option<i32> {
    let mut pairs: Vec<(u32, u32, Weekday)> = doc_pairs.to_vec();
    for d in drafts {
        let mut md = None;
        let mut wd = None;
        for f in &d.frames {
            match &f.time {
                Some(TimeExpr::Calendar {
                    year: None,
                    month: Some(m),
                    day: Some(dd),
                    weekday,
                    ..
                }) => {
                    md = Some((*m, *dd));
                    if let Some(w) = weekday {
                        wd = Some(*w);
                    }
                }
                Some(TimeExpr::Weekday { weekday, .. }) => wd = wd.or(Some(*weekday)),
                _ => {}
            }
        }
        if let (Some((m, dd)), Some(w)) = (md, wd) {
            pairs.push((m, dd, w));
        }
    }
    if pairs.is_empty() {
        return None;
    }
    let people: BTreeSet<usize> = drafts
        .iter()
        .flat_map(|d| d.participants.iter())
        .filter_map(|a| match a {
            Actor::Known(p) => Some(*p),
            _ => None,
        })
        .collect();
    let max_explicit = explicit_years.iter().copied().max();
    let mut best: Option<(i64, i32)> = None;
    let mut tie = false;
    let (m, dd, w) = pairs.first().copied()?;
    for y in parley_time::years_matching_weekday(m, dd, w, 1990, today.year()) {
        // Every pair must agree on the year.
        let all_agree = pairs.iter().all(|(pm, pd, pw)| {
            NaiveDate::from_ymd_opt(y, *pm, *pd).is_some_and(|x| x.weekday() == *pw)
        });
        if !all_agree {
            continue;
        }
        let Some(date) = NaiveDate::from_ymd_opt(y, m, dd) else {
            continue;
        };
        if date > today {
            continue;
        }
        let mut score: i64 = people
            .iter()
            .filter(|p| lex.persons.get(**p).is_some_and(|x| x.in_office_on(date)))
            .count() as i64
            * 10
            // People the text names outside its events count too, for less.
            + named
                .iter()
                .filter(|p| lex.persons.get(**p).is_some_and(|x| x.in_office_on(date)))
                .count() as i64
                * 3;
        if let Some(mx) = max_explicit {
            if y >= mx {
                score += 5;
            }
            if y == mx || y == mx + 1 {
                score += 1;
            }
        }
        match best {
            Some((s, _)) if s > score => {}
            Some((s, _)) if s == score => tie = true,
            _ => {
                best = Some((score, y));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    best.map(|(_, y)| y)
}

fn precision(p: TPrecision) -> Precision {
    match p {
        TPrecision::Day => Precision::Day,
        TPrecision::Month => Precision::Month,
        TPrecision::Year => Precision::Year,
        TPrecision::Unknown => Precision::Unknown,
    }
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 3,
        Precision::Month => 2,
        Precision::Year => 1,
        Precision::Unknown => 0,
    }
}

/// A cancelled event may have been due before the report ("the meeting, due on 28 December,
/// was postponed", reported on 6 January) or after it ("called off next Tuesday's visit"): the
/// reading nearer the publication date wins.
pub fn resolve_nearest(expr: &TimeExpr, reference: Option<NaiveDate>) -> parley_time::ResolvedDate {
    let past = parley_time::resolve(expr, reference, Tense::Past);
    let future = parley_time::resolve(expr, reference, Tense::Future);
    let distance = |r: &parley_time::ResolvedDate| match (r.first_day, reference) {
        (Some(d), Some(p)) => (d - p).num_days().abs(),
        _ => i64::MAX,
    };
    if distance(&past) < distance(&future) {
        past
    } else {
        future
    }
}

/// Dates a draft. `reference` is the publication date or, without one, the document's inferred
/// "now"; `year` the inferred year for day-month expressions.
pub fn date_of(
    draft: &Draft,
    status: Status,
    reference: Option<NaiveDate>,
    published: bool,
    year: Option<i32>,
) -> EventDate {
    let tense = if matches!(status, Status::Planned | Status::Cancelled) {
        Tense::Future
    } else {
        Tense::Past
    };
    let mut best = EventDate::unknown();
    for f in &draft.frames {
        let Some(expr) = &f.time else { continue };
        let (r, basis) = match (expr, published, year) {
            (
                TimeExpr::Calendar {
                    year: None,
                    month: Some(m),
                    day,
                    ..
                },
                false,
                Some(y),
            ) => {
                let filled = TimeExpr::Calendar {
                    year: Some(y),
                    month: Some(*m),
                    day: *day,
                    day_end: None,
                    weekday: None,
                    anchor: None,
                };
                (
                    parley_time::resolve(&filled, None, tense),
                    DateBasis::Inferred,
                )
            }
            _ => {
                // Without a publication date the reference is a day the text names, and a
                // bare weekday told around it is the nearest one ("Monday (23 October) ...
                // On Tuesday" is the 24th), not the last before it.
                let undated_weekday = !published && matches!(expr, TimeExpr::Weekday { .. });
                let r = if status == Status::Cancelled || undated_weekday {
                    resolve_nearest(expr, reference)
                } else {
                    parley_time::resolve(expr, reference, tense)
                };
                let b = match r.basis {
                    Basis::Explicit => DateBasis::Explicit,
                    Basis::Relative if published => DateBasis::Relative,
                    Basis::Relative => DateBasis::Inferred,
                    Basis::Unknown => DateBasis::Unknown,
                };
                (r, b)
            }
        };
        let p = precision(r.precision);
        if r.value.is_some() && rank(p) > rank(best.precision) {
            best = EventDate {
                value: r.value,
                precision: p,
                basis,
            };
        }
    }
    // A denied interaction is dated as if it had happened (annotation guidelines, section 7).
    if best.value.is_none() && matches!(status, Status::Occurred | Status::Denied) && published {
        if let Some(d) = reference {
            best = EventDate {
                value: Some(format!("{:04}-{:02}", d.year(), d.month())),
                precision: Precision::Month,
                basis: DateBasis::Publication,
            };
        }
    }
    best
}

/// A day the text gives only through the event told before ("a day earlier", or an aside
/// told right after it): relative to the publication date when there is one.
fn day_from_context(day: NaiveDate, published: bool) -> EventDate {
    EventDate {
        value: Some(day.format("%Y-%m-%d").to_string()),
        precision: Precision::Day,
        basis: if published {
            DateBasis::Relative
        } else {
            DateBasis::Inferred
        },
    }
}

/// The words of `text` before byte `at`, nearest first.
fn words_before(text: &str, at: usize) -> impl Iterator<Item = &str> {
    text.get(..at).unwrap_or("").split_whitespace().rev()
}

/// The merged status: a cue beats a bare noun; a report that it happened beats a plan.
pub fn status_of(draft: &Draft) -> Status {
    let cued: Vec<Status> = draft
        .frames
        .iter()
        .filter(|f| f.certainty == Certainty::Cued && !f.anaphoric)
        .map(|f| f.status)
        .collect();
    if cued.is_empty() {
        return draft
            .frames
            .first()
            .map(|f| f.status)
            .unwrap_or(Status::Occurred);
    }
    for s in [
        Status::Cancelled,
        Status::Denied,
        Status::Occurred,
        Status::Planned,
    ] {
        if cued.contains(&s) {
            return s;
        }
    }
    Status::Occurred
}

/// CAMEO code and PLOVER mode for a type, given where it happened.
pub fn codes(
    kind: EventType,
    location_country: Option<&str>,
    participant_countries: &[String],
    hosted: bool,
    participants: usize,
) -> (String, Plover) {
    let consult = |mode: Option<&str>| Plover {
        kind: "CONSULT".to_string(),
        mode: mode.map(str::to_string),
    };
    match kind {
        EventType::Call => ("041".into(), consult(Some("phone"))),
        EventType::Visit => ("042".into(), consult(Some("visit"))),
        EventType::Mediation => ("045".into(), consult(Some("mediate"))),
        EventType::Negotiation => ("046".into(), consult(Some("negotiate"))),
        EventType::Correspondence => ("040".into(), consult(Some("written"))),
        EventType::Meeting => {
            let third =
                location_country.is_some_and(|c| !participant_countries.iter().any(|p| p == c));
            if participants > 2 && third {
                ("044".into(), consult(Some("multilateral")))
            } else if third {
                ("044".into(), consult(Some("third-party")))
            } else if hosted || location_country.is_some() {
                ("043".into(), consult(Some("host")))
            } else {
                ("040".into(), consult(None))
            }
        }
    }
}

/// The stable id of an event: a hash of what identifies it in its document.
pub fn event_id(
    doc: &str,
    kind: EventType,
    names: &[String],
    date: &EventDate,
    first_offset: usize,
) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted = names.to_vec();
    sorted.sort();
    let key = format!(
        "{doc}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{first_offset}",
        kind.as_str(),
        sorted.join("\u{1e}"),
        date.value.as_deref().unwrap_or("")
    );
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Builds the participant record for an actor at a date.
pub fn participant(
    lex: &Lexicon,
    actor: &Actor,
    mention: &str,
    date: Option<NaiveDate>,
) -> Participant {
    match actor {
        Actor::Known(p) => {
            let person = lex.persons.get(*p);
            let office = person.and_then(|x| x.main_office(date));
            Participant {
                name: person.map(|x| x.name.clone()).unwrap_or_default(),
                mention: mention.to_string(),
                role: office.map(|o| o.role.clone()),
                country: office
                    .and_then(|o| o.country.clone())
                    .or_else(|| person.map(|x| x.country.clone())),
                org: office.and_then(|o| o.org.clone()),
            }
        }
        Actor::Unknown(name) => Participant {
            name: name.clone(),
            mention: mention.to_string(),
            role: None,
            country: None,
            org: None,
        },
    }
}

/// Finishes a document: dates, codes, records.
pub fn records(
    lex: &Lexicon,
    doc: &Document,
    drafts: &[Draft],
    year: Option<i32>,
    doc_now: Option<NaiveDate>,
) -> Vec<Event> {
    let published = doc.published.is_some();
    let mut out = Vec::new();
    let mut seen_ids = BTreeSet::new();
    // Without a publication date, relative expressions are read against the latest date the
    // document itself pins down (its narrative "now").
    let reference = doc.published.or(doc_now);
    let mut previous_day: Option<NaiveDate> = None;
    let mut previous_place: Option<FramePlace> = None;
    // The day, first and last sentences and people of the occurred event told just before,
    // for the narrative rule below.
    let mut previous_told: Option<(NaiveDate, std::ops::Range<usize>, Vec<Actor>)> = None;
    for d in drafts {
        if d.participants.is_empty() {
            continue;
        }
        let kind = d.kind();
        let status = status_of(d);
        let mut date = date_of(d, status, reference, published, year);
        // "A day earlier, X met Y": dated from the event told before it, when it has no date
        // of its own.
        let own = matches!(
            date.basis,
            DateBasis::Explicit | DateBasis::Relative | DateBasis::Inferred
        ) && date.value.is_some();
        let mut inherited_place = None;
        if !own {
            let shift = d.frames.iter().find_map(|f| f.shift_from_previous);
            if let (Some(days), Some(prev)) = (shift, previous_day) {
                // The same day and in person: where the event told before took place.
                if days == 0 && in_person(kind) {
                    inherited_place = previous_place.clone();
                }
                if let Some(day) = prev.checked_add_signed(chrono::Duration::days(days)) {
                    date = day_from_context(day, published);
                }
            } else if let Some((day, last_sentence, people)) = &previous_told {
                // "They met on Thursday ... Midway through the afternoon Maduro and Ali left the
                // room for a one-on-one conversation": an undated event told right after a
                // dated one, by some of its people, happened that day — unless the text says
                // it came before ("had met", "previously", "earlier").
                let first = d.frames.iter().map(|f| f.sentence).min().unwrap_or(0);
                // The same sentence counts: "met A and B in separate meetings" splits one
                // dated frame into events told side by side.
                let close = first >= last_sentence.start && first <= last_sentence.end + 2;
                // "Abubakar and his team also met Bazoum": "also" keeps the occasion when one
                // of the people is new.
                let also = d.frames.iter().any(|f| {
                    words_before(&doc.text, f.trigger.start)
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case("also"))
                });
                let shared = d.participants.iter().all(|p| people.contains(p))
                    || (also && d.participants.iter().any(|p| people.contains(p)));
                let told_as_earlier = d.frames.iter().any(|f| {
                    words_before(&doc.text, f.trigger.start).take(4).any(|w| {
                        [
                            "had",
                            "previously",
                            "earlier",
                            "before",
                            "last",
                            "once",
                            "first",
                        ]
                        .iter()
                        .any(|e| w.eq_ignore_ascii_case(e))
                    })
                });
                if status == Status::Occurred && close && shared && !told_as_earlier {
                    date = day_from_context(*day, published);
                }
            }
        }
        let day_told = date
            .value
            .as_deref()
            .filter(|_| date.precision == Precision::Day)
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
        previous_told = match day_told {
            Some(day) if status == Status::Occurred => Some((
                day,
                d.frames.iter().map(|f| f.sentence).min().unwrap_or(0)
                    ..d.frames.iter().map(|f| f.sentence).max().unwrap_or(0),
                d.participants.clone(),
            )),
            _ => None,
        };
        if date.precision == Precision::Day {
            previous_day = date
                .value
                .as_deref()
                .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
        }
        let event_day = date
            .value
            .as_deref()
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
            .or(reference);
        let own_place = d.frames.iter().find_map(|f| f.location.clone());
        if own_place.is_some() && in_person(kind) {
            previous_place = own_place.clone();
        }
        let location = own_place.or(inherited_place).map(|l| Location {
            name: l.name,
            country: l.country,
        });
        let participants: Vec<Participant> = d
            .participants
            .iter()
            .map(|a| {
                let mention = d
                    .frames
                    .iter()
                    .find_map(|f| {
                        f.participants
                            .iter()
                            .position(|x| x == a)
                            .and_then(|i| f.mention_spans.get(i))
                            .and_then(|r| doc.text.get(r.clone()))
                    })
                    .unwrap_or("");
                participant(lex, a, mention, event_day)
            })
            .collect();
        let initiator = d
            .frames
            .iter()
            .find(|f| f.participants.len() == d.participants.len() || f.initiator.is_some())
            .and_then(|f| f.initiator.clone())
            .or_else(|| d.frames.iter().find_map(|f| f.initiator.clone()))
            .filter(|a| d.participants.contains(a))
            .map(|a| participant(lex, &a, "", event_day).name);
        let names: Vec<String> = participants.iter().map(|p| p.name.clone()).collect();
        let countries: Vec<String> = participants
            .iter()
            .filter_map(|p| p.country.clone())
            .collect();
        let hosted = d
            .frames
            .iter()
            .any(|f| f.attach || f.initiator.is_some() && in_person(f.kind));
        let (cameo, plover) = codes(
            kind,
            location.as_ref().and_then(|l| l.country.as_deref()),
            &countries,
            hosted,
            participants.len(),
        );
        let mut evidence: Vec<Evidence> = d
            .sentences
            .iter()
            .map(|r| Evidence {
                text: doc.text.get(r.clone()).unwrap_or("").to_string(),
                start: r.start,
                end: r.end,
            })
            .collect();
        evidence.sort_by_key(|e| e.start);
        let first = evidence.first().map(|e| e.start).unwrap_or(0);
        let mut id = event_id(&doc.id, kind, &names, &date, first);
        while !seen_ids.insert(id.clone()) {
            id.push('x');
        }
        out.push(Event {
            doc: doc.id.clone(),
            event_id: id,
            kind,
            cameo,
            plover,
            status,
            participants,
            initiator,
            date,
            location,
            topics: d.topics.iter().cloned().collect(),
            attributed_to: d.attributed_to.clone(),
            evidence,
        });
    }
    out
}
