//! The lexicon files' shapes, as serde reads them (see `data/README.md`).
//!
//! These types mirror the TOML exactly; [`super::Lexicon`] turns them into the indexed form the
//! pipeline uses (parsed dates, lookup tables, automata).

use serde::Deserialize;

/// `actors/*.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFile {
    /// The people in the file.
    #[serde(default)]
    pub person: Vec<PersonEntry>,
}

/// One `[[person]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// Canonical full name.
    pub name: String,
    /// Other full-name spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Forms used alone; default: the last word of `name`.
    pub surnames: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 of the person's country.
    pub country: String,
    /// Offices held, in date order.
    #[serde(default)]
    pub offices: Vec<OfficeEntry>,
}

/// One office of a person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeEntry {
    /// Role id (data/README.md).
    pub role: String,
    /// Country of the office, when not the person's.
    pub country: Option<String>,
    /// Organisation, for international offices.
    pub org: Option<String>,
    /// First day in office (ISO date).
    pub from: Option<String>,
    /// Last day in office (ISO date); absent while in office.
    pub to: Option<String>,
    /// Acting or interim term.
    #[serde(default)]
    pub acting: bool,
    /// Free-text title, informational.
    pub title: Option<String>,
}

/// `countries.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryFile {
    /// The countries.
    #[serde(default)]
    pub country: Vec<CountryEntry>,
}

/// One `[[country]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-3.
    pub code: String,
    /// Canonical short English name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjective forms.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capital city.
    pub capital: Option<String>,
    /// Who leads the government, by period.
    #[serde(default)]
    pub leader: Vec<LeaderEntry>,
    /// Metonyms for the government ("the Kremlin").
    #[serde(default)]
    pub government: Vec<String>,
}

/// One period of `leader`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaderEntry {
    /// Role id of the leading office.
    pub role: String,
    /// Start of the period (ISO date).
    pub from: Option<String>,
    /// End of the period (ISO date).
    pub to: Option<String>,
}

/// `places.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceFile {
    /// The places.
    #[serde(default)]
    pub place: Vec<PlaceEntry>,
}

/// One `[[place]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    /// Canonical name.
    pub name: String,
    /// ISO 3166-1 alpha-3 of its country.
    pub country: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A capital city.
    #[serde(default)]
    pub capital: bool,
    /// Also an ordinary word or name: only taken after "in"/"at"/"to".
    #[serde(default)]
    pub ambiguous: bool,
}

/// `titles.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleFile {
    /// The titles.
    #[serde(default)]
    pub title: Vec<TitleEntry>,
}

/// One `[[title]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleEntry {
    /// Lower-case phrases.
    pub phrases: Vec<String>,
    /// Role id, or "leader" / "counterpart".
    pub role: String,
    /// Implied country.
    pub country: Option<String>,
    /// Implied organisation.
    pub org: Option<String>,
    /// Names several people.
    #[serde(default)]
    pub plural: bool,
    /// A form of address only.
    #[serde(default)]
    pub address: bool,
}

/// `topics.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    /// The topics.
    #[serde(default)]
    pub topic: Vec<TopicEntry>,
}

/// One `[[topic]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicEntry {
    /// Topic id (snake_case), as output.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Lower-case phrases.
    pub phrases: Vec<String>,
}

/// `triggers.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerFile {
    /// Trigger groups.
    #[serde(default)]
    pub trigger: Vec<TriggerEntry>,
}

/// One `[[trigger]]` group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerEntry {
    /// Event type name.
    #[serde(rename = "type")]
    pub kind: String,
    /// "verb" or "noun".
    pub pos: String,
    /// Names several events at once.
    #[serde(default)]
    pub plural: bool,
    /// Required follower: "person" or "with".
    pub object: Option<String>,
    /// Subject hosts.
    #[serde(default)]
    pub host: bool,
    /// Implies physical presence.
    #[serde(default)]
    pub in_person: bool,
    /// Names a process, never an event.
    #[serde(default)]
    pub process: bool,
    /// Lower-case phrases.
    pub phrases: Vec<String>,
}

/// `cues.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueFile {
    /// Planned cues.
    pub planned: ModalityEntry,
    /// Cancelled cues.
    pub cancelled: ModalityEntry,
    /// Denied cues.
    pub denied: ModalityEntry,
    /// Clause boundaries.
    pub boundary: WordsEntry,
    /// Attribution cues.
    pub attribution: AttributionEntry,
    /// Speaker titles.
    pub speakers: SpeakersEntry,
    /// Pronouns and plural groups.
    pub pronouns: PronounsEntry,
    /// Surnames needing a title or first name.
    pub guarded_surnames: WordsEntry,
}

/// A modality cue list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityEntry {
    /// How many words before the trigger a `before` cue may stand.
    pub window: usize,
    /// Cues before the trigger.
    #[serde(default)]
    pub before: Vec<String>,
    /// Cues right after the trigger.
    #[serde(default)]
    pub after: Vec<String>,
}

/// A plain word list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsEntry {
    /// The words or phrases.
    pub words: Vec<String>,
}

/// Attribution cues.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionEntry {
    /// Reporting institutions.
    pub bodies: Vec<String>,
    /// Reporting verbs.
    pub verbs: Vec<String>,
}

/// Speaker titles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakersEntry {
    /// Titles that make a person a speaker.
    pub spokes_titles: Vec<String>,
}

/// Pronoun lists.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PronounsEntry {
    /// "his", "her".
    pub singular_possessive: Vec<String>,
    /// "he", "she".
    pub singular: Vec<String>,
    /// "they", "their".
    pub plural: Vec<String>,
    /// "the two leaders".
    pub plural_groups: Vec<String>,
}
