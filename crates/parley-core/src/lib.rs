//! parley-core: news text in, dated diplomatic events out.
//!
//! The pipeline is pure (no I/O, no threads): a [`Document`] goes through
//! sentences ([`segment`]) → person mentions ([`mentions`]) → actors ([`resolve`]) →
//! event frames per trigger sentence ([`frames`]) → merged, dated events ([`assemble`]) →
//! [`Event`] records. See ARCHITECTURE.md at the workspace root for the data between stages.
//!
//! ```
//! use parley_core::{Document, Extractor};
//! let ex = Extractor::builtin().expect("the built-in lexicon loads");
//! let doc = Document::new("ex", "Vladimir Putin called Ilham Aliyev on Monday.",
//!     chrono::NaiveDate::from_ymd_opt(2024, 9, 4));
//! let events = ex.extract(&doc);
//! assert_eq!(events.len(), 1);
//! assert_eq!(events[0].date.value.as_deref(), Some("2024-09-02"));
//! ```

pub mod assemble;
pub mod doc;
pub mod event;
pub mod flat;
pub mod frames;
pub mod later_mentions;
pub mod lexicon;
pub mod mentions;
pub mod names;
mod quiet;
pub mod resolve;
mod scan;
pub mod segment;

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use parley_time::TimeExpr;

pub use doc::{Document, PublishedSource};
pub use event::*;
pub use flat::{flat_cells, flat_row, Cell, FlatColumn, FlatFields, EVENT_COLUMNS, FLAT_COLUMNS};
pub use lexicon::{Lexicon, LexiconError};

/// `PARLEY_DEBUG_FRAMES` is set: print every frame to stderr. Read once per process (reading
/// the environment took a lock and a copy per document).
static DEBUG_FRAMES: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("PARLEY_DEBUG_FRAMES").is_some());

/// Runs the extraction pipeline with one lexicon. Cheap to clone; share it across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lex: Arc<Lexicon>,
    today: NaiveDate,
    /// Documents with none of these words yield no event and are not processed further.
    words: Arc<quiet::EventWords>,
    /// The lexicon's full names for spelling-tolerant lookups of unknown names.
    spelling: Arc<resolve::SpellingIndex>,
}

impl Extractor {
    /// An extractor over a loaded lexicon.
    pub fn new(lex: Lexicon) -> Extractor {
        Extractor {
            words: Arc::new(quiet::EventWords::new(&lex)),
            spelling: Arc::new(resolve::SpellingIndex::new(&lex)),
            lex: Arc::new(lex),
            today: chrono::Utc::now().date_naive(),
        }
    }

    /// An extractor over the lexicon compiled into this build.
    pub fn builtin() -> Result<Extractor, LexiconError> {
        Ok(Extractor::new(Lexicon::builtin()?))
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// False when `text` can yield no event: none of the trigger words (nor "joined"/"attended")
    /// occurs in it. Valid on a document's text and on raw plain text before
    /// `parley_clean::clean_plain_text` (cleaning never creates those words), so callers may skip
    /// cleaning such documents; not on HTML, whose cleaning decodes entities.
    pub fn may_yield_events(&self, text: &str) -> bool {
        self.words.may_occur(text)
    }

    /// Extracts the events of one document.
    pub fn extract(&self, doc: &Document) -> Vec<Event> {
        let lex = &*self.lex;
        let text = doc.text.as_str();
        // Most news has no diplomatic event: one scan settles the documents without a trigger.
        if !self.may_yield_events(text) {
            return Vec::new();
        }
        let sentences = segment::sentences(text);
        let (drafts, named) = self.drafts(doc, &sentences, doc.published);
        let (year, doc_now) = if doc.published.is_none() {
            let (year, now) = self.infer_document_time(text, &drafts, &named);
            // Without a publication date, roles ("the Uzbek president") were resolved with no
            // date to pick the holder by. Once the text pins its own "now", read it again with
            // that date, and keep the second reading if it agrees on the year.
            match now {
                Some(now) => {
                    let (again, named2) = self.drafts(doc, &sentences, Some(now));
                    let (year2, now2) = self.infer_document_time(text, &again, &named2);
                    if year2 == year {
                        return assemble::records(lex, doc, &again, year2, now2);
                    }
                    (year, Some(now))
                }
                None => (year, now),
            }
        } else {
            (None, None)
        };
        assemble::records(lex, doc, &drafts, year, doc_now)
    }

    /// Mentions, frames and the drafts merged from them, with attributions and topics; roles
    /// are resolved to their holders on `role_date`. Also returns the known people the text
    /// names anywhere (evidence of its year when it has no publication date).
    fn drafts(
        &self,
        doc: &Document,
        sentences: &[std::ops::Range<usize>],
        role_date: Option<NaiveDate>,
    ) -> (Vec<assemble::Draft>, Vec<usize>) {
        let lex = &*self.lex;
        let text = doc.text.as_str();
        let mut groups = 0usize;
        let mut mentions = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            mentions.extend(mentions::sentence_mentions(
                lex,
                text,
                i,
                s.start,
                s.end,
                &mut groups,
            ));
        }
        later_mentions::add_unknown_surnames(text, sentences, &mut mentions);
        later_mentions::add_given_names_after_honorifics(lex, text, sentences, &mut mentions);
        resolve::drop_unbacked_guarded(&mut mentions);
        let actors = resolve::resolve_mentions(lex, &self.spelling, text, &mentions, role_date);

        let mut discourse = frames::Discourse::default();
        let mut all_frames = Vec::new();
        let mut trigger_sentences = vec![false; sentences.len()];
        for (i, s) in sentences.iter().enumerate() {
            let fs = frames::sentence_frames(
                lex,
                text,
                i,
                s.clone(),
                &mentions,
                &actors,
                &mut discourse,
            );
            if let Some(t) = trigger_sentences.get_mut(i) {
                *t = !fs.is_empty();
            }
            all_frames.extend(fs.into_iter().map(|mut f| {
                f.sentence = i;
                f
            }));
        }
        if *DEBUG_FRAMES {
            for f in &all_frames {
                eprintln!(
                    "frame s{} {:?} {:?}/{:?} {:?} {:?} {:?} anaph={} attach={} {:?}",
                    f.sentence,
                    f.kind,
                    f.status,
                    f.certainty,
                    text.get(f.trigger.clone()),
                    f.participants,
                    f.time,
                    f.anaphoric,
                    f.attach,
                    f.location.as_ref().map(|l| &l.name)
                );
            }
        }
        assemble::share_planned_status(&mut all_frames);
        // Each frame's own day, so that frames naming different days never merge.
        for f in &mut all_frames {
            if let Some(expr) = &f.time {
                let tense = if matches!(f.status, Status::Planned | Status::Cancelled) {
                    parley_time::Tense::Future
                } else {
                    parley_time::Tense::Past
                };
                let r = if f.status == Status::Cancelled {
                    assemble::resolve_nearest(expr, doc.published)
                } else {
                    parley_time::resolve(expr, doc.published, tense)
                };
                if r.precision == parley_time::Precision::Day {
                    f.day = r.first_day;
                }
            }
        }
        let mut drafts = assemble::merge_frames(all_frames, sentences);

        // Readout sentences after the one stating an event ("..., the Kremlin said.") report it.
        for (i, s) in sentences.iter().enumerate() {
            if trigger_sentences.get(i).copied().unwrap_or(true) {
                continue;
            }
            let labels = frames::sentence_attributions(lex, text, i, s.clone(), &mentions, &actors);
            if labels.is_empty() {
                continue;
            }
            let nearest = drafts
                .iter_mut()
                .filter(|d| {
                    d.frames
                        .iter()
                        .any(|f| f.sentence < i && i <= f.sentence + 2)
                })
                .max_by_key(|d| d.frames.iter().map(|f| f.sentence).max().unwrap_or(0));
            if let Some(d) = nearest {
                for l in labels {
                    if !d.attributed_to.contains(&l) {
                        d.attributed_to.push(l);
                    }
                }
            }
        }
        // Topics: the sentences stating the event and the readout sentences after them.
        for d in &mut drafts {
            let mut idx: Vec<usize> = d.frames.iter().map(|f| f.sentence).collect();
            idx.sort_unstable();
            idx.dedup();
            let mut with_follow = idx.clone();
            for &i in &idx {
                let mut j = i + 1;
                while j < sentences.len()
                    && j <= i + 3
                    && !trigger_sentences.get(j).copied().unwrap_or(true)
                {
                    with_follow.push(j);
                    j += 1;
                }
            }
            for i in with_follow {
                if let Some(s) = sentences.get(i) {
                    for h in lex.topic_set.find(text, s.start, s.end) {
                        for &t in h.senses {
                            if let Some(topic) = lex.topics.get(t) {
                                d.topics.insert(topic.id.clone());
                            }
                        }
                    }
                }
            }
        }

        let mut named: Vec<usize> = actors
            .iter()
            .filter_map(|a| match a {
                Some(resolve::Actor::Known(p)) => Some(*p),
                _ => None,
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        (drafts, named)
    }

    /// For a document without a publication date: the year of its undated day-month
    /// expressions and its narrative "now" (the latest day it pins down).
    fn infer_document_time(
        &self,
        text: &str,
        drafts: &[assemble::Draft],
        named: &[usize],
    ) -> (Option<i32>, Option<NaiveDate>) {
        let times = parley_time::find_time_expressions(text);
        let mut pairs = Vec::new();
        let mut explicit_years = Vec::new();
        let mut day_months = Vec::new();
        let mut full_dates: Vec<NaiveDate> = Vec::new();
        for t in &times {
            if let TimeExpr::Calendar {
                year,
                month,
                day,
                weekday,
                anchor,
                ..
            } = &t.expr
            {
                match (year, month, day) {
                    (Some(y), Some(m), Some(d)) => {
                        // "on Monday, 23 October 2023": a full date pins the narrative "now"
                        // as well as the year.
                        explicit_years.push(*y);
                        full_dates.extend(NaiveDate::from_ymd_opt(*y, *m, *d));
                    }
                    (Some(y), _, _) => explicit_years.push(*y),
                    (None, Some(m), Some(d)) => {
                        if let Some(w) = weekday {
                            pairs.push((*m, *d, *w));
                        }
                        day_months.push((*m, *d, anchor.unwrap_or(0)));
                    }
                    _ => {}
                }
            }
        }
        let year = assemble::infer_year(
            &self.lex,
            drafts,
            named,
            &pairs,
            &explicit_years,
            self.today,
        );
        let now = year
            .and_then(|y| {
                day_months
                    .iter()
                    .filter_map(|(m, d, anchor)| {
                        NaiveDate::from_ymd_opt(y, *m, *d)
                            .map(|x| x - Duration::days(i64::from(*anchor)))
                    })
                    .max()
            })
            .max(full_dates.iter().copied().max());
        (year, now)
    }
}
