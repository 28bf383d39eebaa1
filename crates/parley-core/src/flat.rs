//! The flat view of an event: one row of plain cells, nested fields flattened.
//!
//! This is the single definition of the flat columns: `parley extract --format csv` writes
//! [`flat_row`] under [`FLAT_COLUMNS`], and the Python package's `to_pandas(flat=True)` gets its
//! columns and rows from here through its extension module. Lists are joined with `"; "`; a
//! missing value is [`Cell::Null`] (an empty string in CSV); byte offsets are integers.
//!
//! Each column is a [`FlatColumn`] whose cell is computed from any record that implements
//! [`FlatFields`], so a record with more fields (a merged event of the store) can reuse the
//! columns it shares with [`Event`] and add its own.

use crate::event::{Event, EventDate, EventType, Evidence, Location, Participant, Plover, Status};

/// One cell of a flat row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// No value (null in JSON); an empty string in CSV.
    Null,
    /// A text value.
    Text(String),
    /// An integer (a byte offset).
    Int(usize),
}

impl Cell {
    /// The cell as CSV writes it: [`Cell::Null`] is the empty string.
    pub fn into_csv(self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Text(s) => s,
            Cell::Int(n) => n.to_string(),
        }
    }

    fn opt(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::Text(s.to_string()))
    }
}

/// The fields of an event record that the flat columns read. [`Event`] implements it; so can
/// any record with the same fields (e.g. a merged event), to share the columns.
pub trait FlatFields {
    /// The document id, for records of one document (`None` for records that have none).
    fn doc(&self) -> Option<&str>;
    /// The event id.
    fn event_id(&self) -> &str;
    /// Kind of interaction.
    fn kind(&self) -> EventType;
    /// CAMEO code.
    fn cameo(&self) -> &str;
    /// PLOVER type and mode.
    fn plover(&self) -> &Plover;
    /// Status.
    fn status(&self) -> Status;
    /// Participants.
    fn participants(&self) -> &[Participant];
    /// Initiator's canonical name.
    fn initiator(&self) -> Option<&str>;
    /// The event date.
    fn date(&self) -> &EventDate;
    /// The place.
    fn location(&self) -> Option<&Location>;
    /// Topics.
    fn topics(&self) -> &[String];
    /// Attributions.
    fn attributed_to(&self) -> &[String];
    /// Evidence sentences (the flat row shows the first).
    fn evidence(&self) -> &[Evidence];
}

impl FlatFields for Event {
    fn doc(&self) -> Option<&str> {
        Some(&self.doc)
    }
    fn event_id(&self) -> &str {
        &self.event_id
    }
    fn kind(&self) -> EventType {
        self.kind
    }
    fn cameo(&self) -> &str {
        &self.cameo
    }
    fn plover(&self) -> &Plover {
        &self.plover
    }
    fn status(&self) -> Status {
        self.status
    }
    fn participants(&self) -> &[Participant] {
        &self.participants
    }
    fn initiator(&self) -> Option<&str> {
        self.initiator.as_deref()
    }
    fn date(&self) -> &EventDate {
        &self.date
    }
    fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }
    fn topics(&self) -> &[String] {
        &self.topics
    }
    fn attributed_to(&self) -> &[String] {
        &self.attributed_to
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
}

/// One flat column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlatColumn {
    /// `doc`: the document id.
    Doc,
    /// `event_id`.
    EventId,
    /// `type`: the event type.
    Type,
    /// `cameo`: the CAMEO code.
    Cameo,
    /// `plover_type`.
    PloverType,
    /// `plover_mode` (null when none).
    PloverMode,
    /// `status`.
    Status,
    /// `date`: the date value (null when unknown).
    Date,
    /// `date_precision`: "day", "month", "year" or "unknown".
    DatePrecision,
    /// `date_basis`: how the date was found.
    DateBasis,
    /// `participants`: canonical names joined with "; ".
    Participants,
    /// `participant_countries`: one country per participant ("" when unknown), joined with "; ".
    ParticipantCountries,
    /// `initiator` (null when none).
    Initiator,
    /// `location`: the place name (null when none).
    Location,
    /// `location_country` (null when none).
    LocationCountry,
    /// `topics` joined with "; ".
    Topics,
    /// `attributed_to` joined with "; ".
    AttributedTo,
    /// `evidence`: the first evidence sentence (null when none).
    Evidence,
    /// `evidence_start`: its byte offset (null when none).
    EvidenceStart,
    /// `evidence_end`: its end offset (null when none).
    EvidenceEnd,
}

/// The flat columns of an extracted event, in order (`parley extract --format csv`).
pub const EVENT_COLUMNS: [FlatColumn; 20] = [
    FlatColumn::Doc,
    FlatColumn::EventId,
    FlatColumn::Type,
    FlatColumn::Cameo,
    FlatColumn::PloverType,
    FlatColumn::PloverMode,
    FlatColumn::Status,
    FlatColumn::Date,
    FlatColumn::DatePrecision,
    FlatColumn::DateBasis,
    FlatColumn::Participants,
    FlatColumn::ParticipantCountries,
    FlatColumn::Initiator,
    FlatColumn::Location,
    FlatColumn::LocationCountry,
    FlatColumn::Topics,
    FlatColumn::AttributedTo,
    FlatColumn::Evidence,
    FlatColumn::EvidenceStart,
    FlatColumn::EvidenceEnd,
];

/// The names of [`EVENT_COLUMNS`]: the CSV header of `parley extract --format csv`.
pub const FLAT_COLUMNS: &[&str] = &{
    let mut names = [""; EVENT_COLUMNS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = EVENT_COLUMNS[i].name();
        i += 1;
    }
    names
};

impl FlatColumn {
    /// The column name (the CSV header).
    pub const fn name(self) -> &'static str {
        match self {
            FlatColumn::Doc => "doc",
            FlatColumn::EventId => "event_id",
            FlatColumn::Type => "type",
            FlatColumn::Cameo => "cameo",
            FlatColumn::PloverType => "plover_type",
            FlatColumn::PloverMode => "plover_mode",
            FlatColumn::Status => "status",
            FlatColumn::Date => "date",
            FlatColumn::DatePrecision => "date_precision",
            FlatColumn::DateBasis => "date_basis",
            FlatColumn::Participants => "participants",
            FlatColumn::ParticipantCountries => "participant_countries",
            FlatColumn::Initiator => "initiator",
            FlatColumn::Location => "location",
            FlatColumn::LocationCountry => "location_country",
            FlatColumn::Topics => "topics",
            FlatColumn::AttributedTo => "attributed_to",
            FlatColumn::Evidence => "evidence",
            FlatColumn::EvidenceStart => "evidence_start",
            FlatColumn::EvidenceEnd => "evidence_end",
        }
    }

    /// The column of that name, if it is one.
    pub fn from_name(name: &str) -> Option<FlatColumn> {
        EVENT_COLUMNS.into_iter().find(|c| c.name() == name)
    }

    /// This column's cell of a record.
    pub fn cell<E: FlatFields + ?Sized>(self, e: &E) -> Cell {
        let join = |v: &mut dyn Iterator<Item = &str>| Cell::Text(v.collect::<Vec<_>>().join("; "));
        let ev = e.evidence().first();
        match self {
            FlatColumn::Doc => Cell::opt(e.doc()),
            FlatColumn::EventId => Cell::Text(e.event_id().to_string()),
            FlatColumn::Type => Cell::Text(e.kind().as_str().to_string()),
            FlatColumn::Cameo => Cell::Text(e.cameo().to_string()),
            FlatColumn::PloverType => Cell::Text(e.plover().kind.clone()),
            FlatColumn::PloverMode => Cell::opt(e.plover().mode.as_deref()),
            FlatColumn::Status => Cell::Text(e.status().as_str().to_string()),
            FlatColumn::Date => Cell::opt(e.date().value.as_deref()),
            FlatColumn::DatePrecision => Cell::Text(e.date().precision.as_str().to_string()),
            FlatColumn::DateBasis => Cell::Text(e.date().basis.as_str().to_string()),
            FlatColumn::Participants => join(&mut e.participants().iter().map(|p| p.name.as_str())),
            FlatColumn::ParticipantCountries => join(
                &mut e
                    .participants()
                    .iter()
                    .map(|p| p.country.as_deref().unwrap_or("")),
            ),
            FlatColumn::Initiator => Cell::opt(e.initiator()),
            FlatColumn::Location => Cell::opt(e.location().map(|l| l.name.as_str())),
            FlatColumn::LocationCountry => {
                Cell::opt(e.location().and_then(|l| l.country.as_deref()))
            }
            FlatColumn::Topics => join(&mut e.topics().iter().map(String::as_str)),
            FlatColumn::AttributedTo => join(&mut e.attributed_to().iter().map(String::as_str)),
            FlatColumn::Evidence => Cell::opt(ev.map(|x| x.text.as_str())),
            FlatColumn::EvidenceStart => ev.map_or(Cell::Null, |x| Cell::Int(x.start)),
            FlatColumn::EvidenceEnd => ev.map_or(Cell::Null, |x| Cell::Int(x.end)),
        }
    }
}

/// The cells of an event under [`FLAT_COLUMNS`], typed (nulls and integers kept).
pub fn flat_cells(e: &Event) -> Vec<Cell> {
    EVENT_COLUMNS.iter().map(|c| c.cell(e)).collect()
}

/// The CSV row of an event under [`FLAT_COLUMNS`] (nulls as empty strings).
pub fn flat_row(e: &Event) -> Vec<String> {
    EVENT_COLUMNS.iter().map(|c| c.cell(e).into_csv()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{DateBasis, Precision};

    fn event() -> Event {
        Event {
            doc: "d1".into(),
            event_id: "ev".into(),
            kind: EventType::Call,
            cameo: "041".into(),
            plover: Plover {
                kind: "CONSULT".into(),
                mode: None,
            },
            status: Status::Occurred,
            participants: vec![
                Participant {
                    name: "A".into(),
                    mention: "a".into(),
                    role: None,
                    country: Some("RUS".into()),
                    org: None,
                },
                Participant {
                    name: "B".into(),
                    mention: "b".into(),
                    role: None,
                    country: None,
                    org: None,
                },
            ],
            initiator: None,
            date: EventDate {
                value: Some("2024-09-02".into()),
                precision: Precision::Day,
                basis: DateBasis::Relative,
            },
            location: None,
            topics: vec!["energy".into(), "gas".into()],
            attributed_to: vec![],
            evidence: vec![Evidence {
                text: "A called B.".into(),
                start: 3,
                end: 14,
            }],
        }
    }

    #[test]
    fn columns_and_names_agree() {
        assert_eq!(FLAT_COLUMNS.len(), EVENT_COLUMNS.len());
        for (c, n) in EVENT_COLUMNS.iter().zip(FLAT_COLUMNS) {
            assert_eq!(c.name(), *n);
            assert_eq!(FlatColumn::from_name(n), Some(*c));
        }
    }

    #[test]
    fn a_row_flattens_lists_and_nulls() {
        let row = flat_row(&event());
        let want = [
            "d1",
            "ev",
            "call",
            "041",
            "CONSULT",
            "",
            "occurred",
            "2024-09-02",
            "day",
            "relative",
            "A; B",
            "RUS; ",
            "",
            "",
            "",
            "energy; gas",
            "",
            "A called B.",
            "3",
            "14",
        ];
        assert_eq!(row, want);
        let cells = flat_cells(&event());
        assert_eq!(cells[5], Cell::Null);
        assert_eq!(cells[18], Cell::Int(3));
        assert_eq!(cells[16], Cell::Text(String::new()));
    }
}
