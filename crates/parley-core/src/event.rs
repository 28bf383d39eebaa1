//! The event record: the documented output contract of extraction.
//!
//! Every field here is described in `docs/event-schema.md` and in the JSON Schema
//! `docs/event.schema.json`; a change to a field is a change to that contract and
//! must update both (a test checks that the schema and this type agree).

use serde::{Deserialize, Serialize};

/// One diplomatic interaction found in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The document's id (JSONL `id`) or its path as given on the command line.
    pub doc: String,
    /// Stable identifier: a hash of the document id, type, participants and date,
    /// so the same input always yields the same id.
    pub event_id: String,
    /// Kind of interaction.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// CAMEO event code (e.g. "041" for a phone call, "042" for a visit made).
    pub cameo: String,
    /// PLOVER event type and mode.
    pub plover: Plover,
    /// Whether the event happened, is only planned, was cancelled or denied.
    pub status: Status,
    /// The people taking part, each resolved to a canonical actor where possible.
    pub participants: Vec<Participant>,
    /// Canonical name of the participant who called, visited or hosted, when the text says so.
    pub initiator: Option<String>,
    /// When the event happened (not when it was reported).
    pub date: EventDate,
    /// Where it happened, when the text says so.
    pub location: Option<Location>,
    /// Subjects discussed, from parley's own topic list (`data/topics.toml`).
    pub topics: Vec<String>,
    /// Who reported the event ("Kremlin", "State Department", "Pashinyan's office", ...).
    pub attributed_to: Vec<String>,
    /// The sentences that state the event, with byte offsets into the document text.
    pub evidence: Vec<Evidence>,
}

/// Kinds of diplomatic interaction parley extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A telephone or video call (CAMEO 041).
    Call,
    /// An in-person meeting, including summits (CAMEO 040/044).
    Meeting,
    /// A visit by one side to the other's country (CAMEO 042/043).
    Visit,
    /// Negotiations or talks on an agreement (CAMEO 046).
    Negotiation,
    /// Mediation by a third party (CAMEO 045).
    Mediation,
    /// An exchange of letters or messages (CAMEO 040, PLOVER CONSULT/mode "written").
    Correspondence,
}

impl EventType {
    /// Every type, in a fixed order (for help texts and validation messages).
    pub const ALL: [EventType; 6] = [
        EventType::Call,
        EventType::Meeting,
        EventType::Visit,
        EventType::Negotiation,
        EventType::Mediation,
        EventType::Correspondence,
    ];

    /// The lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Call => "call",
            EventType::Meeting => "meeting",
            EventType::Visit => "visit",
            EventType::Negotiation => "negotiation",
            EventType::Mediation => "mediation",
            EventType::Correspondence => "correspondence",
        }
    }

    /// Parses the lower-case name; `None` for anything else.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// PLOVER classification: event type and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type, e.g. "CONSULT".
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, e.g. "phone", "visit", "host", "third-party", "multilateral", "mediate".
    pub mode: Option<String>,
}

/// Whether an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported as having happened.
    Occurred,
    /// Future, scheduled, expected, proposed or hypothetical.
    Planned,
    /// Reported as called off or postponed.
    Cancelled,
    /// Reported as not having happened (negated or denied).
    Denied,
}

impl Status {
    /// Every status, in a fixed order.
    pub const ALL: [Status; 4] = [
        Status::Occurred,
        Status::Planned,
        Status::Cancelled,
        Status::Denied,
    ];

    /// The lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
            Status::Cancelled => "cancelled",
            Status::Denied => "denied",
        }
    }

    /// Parses the lower-case name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One participant of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Canonical full name ("Vladimir Putin"); for unknown officials, the name as written.
    pub name: String,
    /// The text as written in the evidence ("the Russian leader", "Vladmir Putin").
    pub mention: String,
    /// Role held at the event date ("head_of_state", "foreign_minister", ...), if known.
    pub role: Option<String>,
    /// ISO 3166-1 alpha-3 country the participant represents, if known.
    pub country: Option<String>,
    /// International organisation the participant represents ("European Council"), if any.
    pub org: Option<String>,
}

/// Precision of an event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A single day: `value` is "YYYY-MM-DD".
    Day,
    /// A month: `value` is "YYYY-MM".
    Month,
    /// A year: `value` is "YYYY".
    Year,
    /// Not known: `value` is null.
    Unknown,
}

/// How an event date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The text states the date in full ("28.11.2023", "May 30, 2022").
    Explicit,
    /// Resolved from a relative expression ("on Monday", "last week") against the publication date.
    Relative,
    /// A day and month in the text; the year inferred from a weekday, other dates in the
    /// document or the participants' terms of office.
    Inferred,
    /// No date in the text: the publication date, at month precision (never an invented day).
    Publication,
    /// No usable date.
    Unknown,
}

/// The date of an event with its precision and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// "YYYY-MM-DD", "YYYY-MM", "YYYY" or null.
    pub value: Option<String>,
    /// Precision of `value`.
    pub precision: Precision,
    /// How the date was determined.
    pub basis: DateBasis,
}

impl EventDate {
    /// A date that is not known.
    pub fn unknown() -> EventDate {
        EventDate {
            value: None,
            precision: Precision::Unknown,
            basis: DateBasis::Unknown,
        }
    }
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Place name as in the lexicon ("Kazan").
    pub name: String,
    /// ISO 3166-1 alpha-3 country of the place, if known.
    pub country: Option<String>,
}

/// A piece of text that states the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence as it appears in the document text.
    pub text: String,
    /// Byte offset of the sentence start in the document text.
    pub start: usize,
    /// Byte offset one past the sentence end.
    pub end: usize,
}

impl Precision {
    /// The lower-case name used in JSON and CSV ("day", "month", "year", "unknown").
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

impl DateBasis {
    /// The lower-case name used in JSON and CSV ("explicit", "relative", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Explicit => "explicit",
            DateBasis::Relative => "relative",
            DateBasis::Inferred => "inferred",
            DateBasis::Publication => "publication",
            DateBasis::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_json_names() {
        let json = |v: serde_json::Value| v.as_str().unwrap_or("?").to_string();
        for p in [
            Precision::Day,
            Precision::Month,
            Precision::Year,
            Precision::Unknown,
        ] {
            assert_eq!(json(serde_json::json!(p)), p.as_str());
        }
        for b in [
            DateBasis::Explicit,
            DateBasis::Relative,
            DateBasis::Inferred,
            DateBasis::Publication,
            DateBasis::Unknown,
        ] {
            assert_eq!(json(serde_json::json!(b)), b.as_str());
        }
    }
}
