//! The merged event record: what `parley events --format jsonl` prints, one per line.
//!
//! It carries the extraction record's fields (see `docs/event-schema.md`) except `doc`, plus
//! `event_id`, `num_articles`, `num_sources`, `mentions` and `conflicts`. Documented in
//! `docs/export-formats.md`.

use parley_core::{EventDate, EventType, Evidence, Location, Participant, Plover, Status};
use serde::{Deserialize, Serialize};

/// One real-world interaction, merged from every report of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    /// Stable identifier ("ev_" + 16 hex digits): a hash of the participants, the type class and
    /// the date (or date range) the reports agree on. It does not depend on ingest order.
    pub event_id: String,
    /// Kind of interaction (the one most reports give; disagreements are in `conflicts`).
    #[serde(rename = "type")]
    pub kind: EventType,
    /// CAMEO event code of `type`, as the reports give it.
    pub cameo: String,
    /// PLOVER event type and mode.
    pub plover: Plover,
    /// Status: occurred as soon as one report says it happened, unless later reports disagree
    /// (then the disagreement is a conflict and the majority of non-planned reports wins).
    pub status: Status,
    /// Everyone taking part (the same set in every report).
    pub participants: Vec<Participant>,
    /// Who called, visited or hosted, when the reports say so.
    pub initiator: Option<String>,
    /// The date most reports give, at the best precision any report gives.
    pub date: EventDate,
    /// The place most reports give.
    pub location: Option<Location>,
    /// Topics any report names, sorted.
    pub topics: Vec<String>,
    /// Every attribution any report gives, in the order first seen.
    pub attributed_to: Vec<String>,
    /// Evidence of the representative report (every report's evidence is under `mentions`).
    pub evidence: Vec<Evidence>,
    /// Distinct articles reporting the event (GDELT's NumArticles).
    pub num_articles: usize,
    /// Distinct outlets reporting the event (GDELT's NumSources); a document without a known
    /// outlet counts as its own source.
    pub num_sources: usize,
    /// One entry per report, sorted by publication date then document.
    pub mentions: Vec<MentionRef>,
    /// Disagreements between reports, recorded rather than overwritten.
    pub conflicts: Vec<Conflict>,
}

/// One report of a merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRef {
    /// Document id (JSONL `id`, URL, or the path as given).
    pub doc: String,
    /// Outlet that published the document, when known.
    pub outlet: Option<String>,
    /// URL of the document, when known.
    pub url: Option<String>,
    /// Publication date of the document ("YYYY-MM-DD"), when known.
    pub published: Option<String>,
    /// The extraction record's `event_id` in that document.
    pub mention_id: String,
    /// Type this report gives.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Status this report gives.
    pub status: Status,
    /// Date this report gives.
    pub date: EventDate,
    /// Place this report gives.
    pub location: Option<Location>,
    /// Initiator this report gives.
    pub initiator: Option<String>,
    /// Who this report attributes the event to.
    pub attributed_to: Vec<String>,
    /// Topics this report names.
    pub topics: Vec<String>,
    /// The sentences of this report that state the event.
    pub evidence: Vec<Evidence>,
    /// The sentence before the first evidence sentence in the document (cut to 400 bytes, `…`
    /// marking the cut); null at the start of the document, and when the store has no context
    /// for the report (stored before schema v4, or imported from Parquet).
    #[serde(default)]
    pub context_before: Option<String>,
    /// The sentence after the last evidence sentence, likewise; null at the end of the document.
    #[serde(default)]
    pub context_after: Option<String>,
}

/// A field on which reports of one event disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// "date", "location", "type", "status" or "initiator".
    pub field: String,
    /// Each value given, with the documents giving it (most reported first).
    pub values: Vec<ConflictValue>,
}

/// One of the disagreeing values of a [`Conflict`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value as text ("2024-05-30", "Sochi", "planned", ...).
    pub value: String,
    /// Documents giving this value.
    pub docs: Vec<String>,
}

impl MergedEvent {
    /// The side (a participant's name) an attribution speaks for: a participant named in it, or a
    /// country, capital, seat or metonym of a participant's country ("Kremlin", "Turkish presidency").
    pub fn side_of<'e>(
        &'e self,
        attr: &str,
        lex: &parley_core::lexicon::Lexicon,
    ) -> Option<&'e str> {
        let e = self;
        use parley_core::lexicon::EntitySense;
        for h in lex.entities.find(attr, 0, attr.len()) {
            for s in h.senses {
                let (person, country) = match s {
                    EntitySense::PersonFull(i) | EntitySense::PersonSurname(i) => {
                        match lex.persons.get(*i) {
                            Some(p) => (Some(p.name.as_str()), Some(p.country.as_str())),
                            None => (None, None),
                        }
                    }
                    EntitySense::Country(i, _) => {
                        (None, lex.countries.get(*i).map(|c| c.code.as_str()))
                    }
                    EntitySense::Place(i) => (None, lex.places.get(*i).map(|p| p.country.as_str())),
                    _ => (None, None),
                };
                if let Some(n) = person {
                    if let Some(p) = e.participants.iter().find(|p| p.name == n) {
                        return Some(p.name.as_str());
                    }
                }
                if let Some(c) = country {
                    if let Some(p) = e
                        .participants
                        .iter()
                        .find(|p| p.country.as_deref() == Some(c))
                    {
                        return Some(p.name.as_str());
                    }
                }
            }
        }
        // A participant's surname written in a way the lexicon does not know ("Pashinyan's office").
        e.participants
            .iter()
            .find(|p| {
                p.name
                    .split_whitespace()
                    .last()
                    .is_some_and(|s| s.len() > 2 && attr.contains(s))
            })
            .map(|p| p.name.as_str())
    }
}
