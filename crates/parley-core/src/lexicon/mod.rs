//! parley's lexicons: people with dated offices, countries, places, titles, triggers, cues, topics.
//!
//! The data lives in `data/` at the workspace root (format: `data/README.md`) and is compiled into
//! the binary; [`Lexicon::from_dir`] reads a user's copy instead. Loading validates everything
//! (unknown role ids, bad dates, unknown country codes) and names the file and entry at fault,
//! because a lexicon error found at extraction time would silently lose events.

pub mod data;
pub mod phrases;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use crate::event::EventType;
use data::*;
use phrases::{PhraseSet, PhraseSetBuilder};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/actor_files.rs"));
}

/// The role ids a lexicon may use (see `data/README.md`).
pub const ROLES: &[&str] = &[
    "head_of_state",
    "head_of_government",
    "vice_president",
    "deputy_head_of_government",
    "foreign_minister",
    "defense_minister",
    "crown_prince",
    "org_head",
    "org_official",
    "envoy",
    "national_security_adviser",
    "official",
];

/// Errors while loading a lexicon.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("cannot read lexicon file {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not valid TOML for its format.
    #[error("lexicon file {file} is malformed: {message}")]
    Parse {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// An entry breaks a rule of the format.
    #[error("lexicon file {file}, entry {entry:?}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// The entry (name or phrase).
        entry: String,
        /// What is wrong.
        message: String,
    },
    /// The automaton could not be built.
    #[error("cannot compile lexicon phrases: {0}")]
    Automaton(String),
}

/// An office held by a person over a period.
#[derive(Debug, Clone)]
pub struct Office {
    /// Role id.
    pub role: String,
    /// Country of the office (None for international organisations).
    pub country: Option<String>,
    /// Organisation, for international offices.
    pub org: Option<String>,
    /// First day, if known.
    pub from: Option<NaiveDate>,
    /// Last day; None while in office.
    pub to: Option<NaiveDate>,
}

impl Office {
    /// True when the office was held on `date` (an unknown date counts as "at some time").
    pub fn held_on(&self, date: Option<NaiveDate>) -> bool {
        let Some(d) = date else { return true };
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

/// A person in the actor lexicon.
#[derive(Debug, Clone)]
pub struct Person {
    /// Canonical full name.
    pub name: String,
    /// ISO alpha-3 of the person's country.
    pub country: String,
    /// Offices in date order.
    pub offices: Vec<Office>,
    /// Lower-case given names (all words but the last) of the name and aliases, for
    /// spelling-tolerant matching of "Vladmir Putin" or "Recep Tayip Erdogan".
    pub first_names: Vec<String>,
}

impl Person {
    /// The offices held on `date`.
    pub fn offices_on(&self, date: Option<NaiveDate>) -> impl Iterator<Item = &Office> {
        self.offices.iter().filter(move |o| o.held_on(date))
    }

    /// True when the person held some office on `date`.
    pub fn in_office_on(&self, date: NaiveDate) -> bool {
        self.offices.iter().any(|o| o.held_on(Some(date)))
    }

    /// The most senior office held on `date` (or ever, when `date` is None).
    pub fn main_office(&self, date: Option<NaiveDate>) -> Option<&Office> {
        let rank = |r: &str| ROLES.iter().position(|x| *x == r).unwrap_or(ROLES.len());
        let held: Vec<&Office> = self.offices_on(date).collect();
        if held.is_empty() {
            // Out of office at that date: report the latest office before it, if any.
            return match date {
                Some(d) => self
                    .offices
                    .iter()
                    .rfind(|o| o.from.is_none_or(|f| f <= d))
                    .or_else(|| self.offices.first()),
                None => None,
            };
        }
        held.into_iter().min_by_key(|o| rank(&o.role))
    }
}

/// A country.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO alpha-3.
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// Leading role by period: (role, from, to).
    pub leader: Vec<(String, Option<NaiveDate>, Option<NaiveDate>)>,
}

impl Country {
    /// The role whose holder leads the country on `date` (head of state when not recorded).
    pub fn leader_role(&self, date: Option<NaiveDate>) -> &str {
        let pick = match date {
            Some(d) => self
                .leader
                .iter()
                .find(|(_, f, t)| f.is_none_or(|f| f <= d) && t.is_none_or(|t| d <= t)),
            None => self.leader.last(),
        };
        pick.map(|(r, _, _)| r.as_str()).unwrap_or("head_of_state")
    }
}

/// A place.
#[derive(Debug, Clone)]
pub struct Place {
    /// Canonical name.
    pub name: String,
    /// ISO alpha-3 of its country.
    pub country: String,
    /// Needs "in"/"at"/"to" before it.
    pub ambiguous: bool,
}

/// A title (office word).
#[derive(Debug, Clone)]
pub struct Title {
    /// Role id, "leader" or "counterpart".
    pub role: String,
    /// Implied country.
    pub country: Option<String>,
    /// Implied organisation.
    pub org: Option<String>,
    /// Names several people.
    pub plural: bool,
    /// Form of address only.
    pub address: bool,
}

/// What grammatical slot must follow a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectRequirement {
    /// Nothing required.
    None,
    /// A person right after ("called Aliyev").
    Person,
    /// "with" or "between" (or "to") right after ("spoke with").
    With,
}

/// A trigger phrase group.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Event type.
    pub kind: EventType,
    /// Noun (true) or verb (false).
    pub noun: bool,
    /// Names several events.
    pub plural: bool,
    /// Required follower.
    pub object: ObjectRequirement,
    /// Subject hosts.
    pub host: bool,
    /// Implies physical presence.
    pub in_person: bool,
    /// Names a process: never an event.
    pub process: bool,
}

/// A topic.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Topic id.
    pub id: String,
    /// Human label.
    pub label: String,
}

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    /// Its name ("Armenia").
    Name,
    /// Its adjective ("Armenian").
    Demonym,
    /// A metonym for its government ("the Kremlin").
    Government,
}

/// Senses in the entity layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntitySense {
    /// A person's full name or alias.
    PersonFull(usize),
    /// A person's surname alone.
    PersonSurname(usize),
    /// A country.
    Country(usize, CountryForm),
    /// A place.
    Place(usize),
    /// A title.
    Title(usize),
    /// A title that makes its bearer a speaker (spokesperson, reporter).
    Speaker,
}

/// Modality of a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// Future or hypothetical.
    Planned,
    /// Called off.
    Cancelled,
    /// Negated or denied.
    Denied,
}

/// Senses in the cue layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueSense {
    /// A modality cue before the trigger.
    Before(Modality),
    /// A modality cue after the trigger.
    After(Modality),
    /// A clause boundary.
    Boundary,
    /// A reporting institution (index into [`Lexicon::bodies`]).
    Body(usize),
    /// A reporting verb.
    ReportVerb,
    /// "his", "her".
    PossessivePronoun,
    /// "he", "she".
    SingularPronoun,
    /// "they", "their".
    PluralPronoun,
    /// "the two leaders".
    PluralGroup,
}

/// The loaded, indexed lexicon. Build once and share (it is immutable and `Sync`).
#[derive(Debug)]
pub struct Lexicon {
    /// People.
    pub persons: Vec<Person>,
    /// Countries.
    pub countries: Vec<Country>,
    /// Places.
    pub places: Vec<Place>,
    /// Titles.
    pub titles: Vec<Title>,
    /// Trigger groups.
    pub triggers: Vec<Trigger>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Reporting institutions, as written in cues.toml.
    pub bodies: Vec<String>,
    /// Windows (in words) for before-cues: planned, cancelled, denied.
    pub cue_windows: [usize; 3],
    /// Lower-case surnames that need a title or first name.
    pub guarded_surnames: HashSet<String>,
    /// Entity layer: names, countries, places, titles.
    pub entities: PhraseSet<EntitySense>,
    /// Trigger layer.
    pub trigger_set: PhraseSet<usize>,
    /// Cue layer.
    pub cues: PhraseSet<CueSense>,
    /// Topic layer (index into `topics`).
    pub topic_set: PhraseSet<usize>,
    /// Lower-case surname → persons with it.
    pub by_surname: HashMap<String, Vec<usize>>,
    /// Country code → index.
    pub country_index: HashMap<String, usize>,
    /// Role id → persons who held it at some time (ascending, no repeats), so that
    /// [`Lexicon::holders`] looks at a role's few holders instead of every person.
    role_index: HashMap<String, Vec<usize>>,
    /// Role id → office country → persons who held that office (ascending, no repeats).
    role_country_index: HashMap<String, HashMap<String, Vec<usize>>>,
    /// Role id → organisation → persons who held that office (ascending, no repeats).
    role_org_index: HashMap<String, HashMap<String, Vec<usize>>>,
}

const COUNTRIES: &str = include_str!("../../../../data/countries.toml");
const PLACES: &str = include_str!("../../../../data/places.toml");
const TITLES: &str = include_str!("../../../../data/titles.toml");
const TOPICS: &str = include_str!("../../../../data/topics.toml");
const TRIGGERS: &str = include_str!("../../../../data/triggers.toml");
const CUES: &str = include_str!("../../../../data/cues.toml");

/// The text of every lexicon file, by name: the input of [`Lexicon::from_sources`].
#[derive(Debug, Clone)]
pub struct Sources {
    /// (file name, contents) of each `actors/*.toml`.
    pub actors: Vec<(String, String)>,
    /// countries.toml.
    pub countries: String,
    /// places.toml.
    pub places: String,
    /// titles.toml.
    pub titles: String,
    /// topics.toml.
    pub topics: String,
    /// triggers.toml.
    pub triggers: String,
    /// cues.toml.
    pub cues: String,
}

impl Sources {
    /// The lexicon compiled into this build.
    pub fn builtin() -> Sources {
        Sources {
            actors: embedded::ACTOR_FILES
                .iter()
                .map(|(n, c)| (format!("actors/{n}"), (*c).to_string()))
                .collect(),
            countries: COUNTRIES.to_string(),
            places: PLACES.to_string(),
            titles: TITLES.to_string(),
            topics: TOPICS.to_string(),
            triggers: TRIGGERS.to_string(),
            cues: CUES.to_string(),
        }
    }

    /// Reads a lexicon directory laid out like `data/`; files missing from it fall back to the
    /// built-in ones, so a user can override just `actors/` or just `topics.toml`.
    pub fn from_dir(dir: &Path) -> Result<Sources, LexiconError> {
        let mut s = Sources::builtin();
        let read = |name: &str| -> Result<Option<String>, LexiconError> {
            let p = dir.join(name);
            if !p.exists() {
                return Ok(None);
            }
            std::fs::read_to_string(&p)
                .map(Some)
                .map_err(|e| LexiconError::Io {
                    file: p.display().to_string(),
                    source: e,
                })
        };
        for (field, name) in [
            (&mut s.countries, "countries.toml"),
            (&mut s.places, "places.toml"),
            (&mut s.titles, "titles.toml"),
            (&mut s.topics, "topics.toml"),
            (&mut s.triggers, "triggers.toml"),
            (&mut s.cues, "cues.toml"),
        ] {
            if let Some(text) = read(name)? {
                *field = text;
            }
        }
        let actors_dir = dir.join("actors");
        if actors_dir.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&actors_dir)
                .map_err(|e| LexiconError::Io {
                    file: actors_dir.display().to_string(),
                    source: e,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            s.actors.clear();
            for f in files {
                let text = std::fs::read_to_string(&f).map_err(|e| LexiconError::Io {
                    file: f.display().to_string(),
                    source: e,
                })?;
                s.actors.push((f.display().to_string(), text));
            }
        }
        Ok(s)
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, LexiconError> {
    toml::from_str(text).map_err(|e| LexiconError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}

fn date(file: &str, entry: &str, s: &Option<String>) -> Result<Option<NaiveDate>, LexiconError> {
    match s {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| LexiconError::Invalid {
                file: file.to_string(),
                entry: entry.to_string(),
                message: format!("{s:?} is not a date (YYYY-MM-DD)"),
            }),
    }
}

fn invalid(file: &str, entry: &str, message: String) -> LexiconError {
    LexiconError::Invalid {
        file: file.to_string(),
        entry: entry.to_string(),
        message,
    }
}

/// Typographic variants of a phrase: news text writes "Pashinyan’s" and "Élysée" as often as the
/// ASCII forms, so each phrase with an apostrophe is also added with the curly one.
fn variants(p: &str) -> Vec<String> {
    let mut v = vec![p.to_string()];
    if p.contains('\'') {
        v.push(p.replace('\'', "\u{2019}"));
    }
    v
}

impl Lexicon {
    /// The lexicon compiled into this build.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(&Sources::builtin())
    }

    /// A lexicon read from a directory laid out like `data/` (see [`Sources::from_dir`]).
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(&Sources::from_dir(dir)?)
    }

    /// Parses, validates and indexes lexicon sources.
    pub fn from_sources(src: &Sources) -> Result<Lexicon, LexiconError> {
        let countries_file: CountryFile = parse("countries.toml", &src.countries)?;
        let places_file: PlaceFile = parse("places.toml", &src.places)?;
        let titles_file: TitleFile = parse("titles.toml", &src.titles)?;
        let topics_file: TopicFile = parse("topics.toml", &src.topics)?;
        let triggers_file: TriggerFile = parse("triggers.toml", &src.triggers)?;
        let cues_file: CueFile = parse("cues.toml", &src.cues)?;

        let mut entities = PhraseSetBuilder::default();
        // Searched by mentions and again by frames / attributions, sentence by sentence.
        entities.memoize();
        let mut country_index = HashMap::new();
        let mut countries = Vec::new();
        for c in &countries_file.country {
            if c.code.len() != 3 || !c.code.chars().all(|ch| ch.is_ascii_uppercase()) {
                return Err(invalid(
                    "countries.toml",
                    &c.name,
                    format!("code {:?} is not ISO 3166-1 alpha-3", c.code),
                ));
            }
            if country_index
                .insert(c.code.clone(), countries.len())
                .is_some()
            {
                return Err(invalid(
                    "countries.toml",
                    &c.name,
                    format!("code {} appears twice", c.code),
                ));
            }
            let mut leader = Vec::new();
            for l in &c.leader {
                if !ROLES.contains(&l.role.as_str()) {
                    return Err(invalid(
                        "countries.toml",
                        &c.name,
                        format!("leader role {:?} is not a role id", l.role),
                    ));
                }
                leader.push((
                    l.role.clone(),
                    date("countries.toml", &c.name, &l.from)?,
                    date("countries.toml", &c.name, &l.to)?,
                ));
            }
            let idx = countries.len();
            for n in std::iter::once(&c.name).chain(c.names.iter()) {
                for v in variants(n) {
                    entities.add(&v, EntitySense::Country(idx, CountryForm::Name), true);
                }
            }
            for d in &c.demonyms {
                entities.add(d, EntitySense::Country(idx, CountryForm::Demonym), true);
            }
            for g in &c.government {
                let g = g.trim_start_matches("the ").trim_start_matches("The ");
                entities.add(g, EntitySense::Country(idx, CountryForm::Government), true);
            }
            countries.push(Country {
                code: c.code.clone(),
                name: c.name.clone(),
                leader,
            });
        }
        let known_country = |file: &str, entry: &str, code: &str| {
            if country_index.contains_key(code) {
                Ok(())
            } else {
                Err(invalid(
                    file,
                    entry,
                    format!("country {code:?} is not in countries.toml"),
                ))
            }
        };

        let mut places = Vec::new();
        for p in &places_file.place {
            known_country("places.toml", &p.name, &p.country)?;
            let idx = places.len();
            for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
                for v in variants(n) {
                    entities.add(&v, EntitySense::Place(idx), true);
                }
            }
            places.push(Place {
                name: p.name.clone(),
                country: p.country.clone(),
                ambiguous: p.ambiguous,
            });
        }

        let mut persons = Vec::new();
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        // Last words of people listed with `surnames = []` (a surname too common or shared to
        // stand alone anywhere): they still name the person in a document that has named them
        // in full or after a title ("Irfaan Ali ... Maduro and Ali"), like a guarded surname.
        let mut doc_only_surnames: HashSet<String> = HashSet::new();
        let mut seen_names: HashMap<String, String> = HashMap::new();
        for (file, text) in &src.actors {
            let af: ActorFile = parse(file, text)?;
            for p in af.person {
                known_country(file, &p.name, &p.country)?;
                if let Some(other) = seen_names.insert(p.name.clone(), file.clone()) {
                    return Err(invalid(
                        file,
                        &p.name,
                        format!("the same name is already in {other}"),
                    ));
                }
                let mut offices = Vec::new();
                for o in &p.offices {
                    if !ROLES.contains(&o.role.as_str()) {
                        return Err(invalid(
                            file,
                            &p.name,
                            format!("role {:?} is not a role id (data/README.md)", o.role),
                        ));
                    }
                    let from = date(file, &p.name, &o.from)?;
                    let to = date(file, &p.name, &o.to)?;
                    if let (Some(f), Some(t)) = (from, to) {
                        if f > t {
                            return Err(invalid(
                                file,
                                &p.name,
                                format!("office {} ends ({t}) before it starts ({f})", o.role),
                            ));
                        }
                    }
                    let country = match (&o.org, &o.country) {
                        (Some(_), None) => None,
                        (_, Some(c)) => {
                            known_country(file, &p.name, c)?;
                            Some(c.clone())
                        }
                        (None, None) => Some(p.country.clone()),
                    };
                    offices.push(Office {
                        role: o.role.clone(),
                        country,
                        org: o.org.clone(),
                        from,
                        to,
                    });
                }
                let idx = persons.len();
                let mut first_names = Vec::new();
                for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
                    for v in variants(n) {
                        entities.add(&v, EntitySense::PersonFull(idx), true);
                    }
                    // Every word but the last: first and middle names ("Recep Tayyip").
                    let words: Vec<&str> = n.split_whitespace().collect();
                    for w in words.iter().take(words.len().saturating_sub(1)) {
                        let w = w.to_lowercase();
                        if !first_names.contains(&w) {
                            first_names.push(w);
                        }
                    }
                }
                let surnames = match &p.surnames {
                    Some(s) if s.is_empty() => {
                        let last = p.name.split_whitespace().last().unwrap_or_default();
                        // A one-word name is the person's full name, already added above; a
                        // title or regnal word at the end ("Stephenson King", "... Ahmad
                        // Shah") is no surname.
                        let lower_last = last.to_lowercase();
                        let title_word = crate::mentions::HONORIFICS.contains(&lower_last.as_str());
                        if p.name.split_whitespace().count() > 1 && !title_word {
                            doc_only_surnames.insert(lower_last);
                            vec![last.to_string()]
                        } else {
                            Vec::new()
                        }
                    }
                    // "Bassirou Diomaye Faye" listed with the compound surname "Diomaye
                    // Faye": articles write "Faye" as often. When every listed surname is a
                    // compound of capitalised words, its last word names the person too, in a
                    // document that named them in full or after a title (guarded, like the
                    // case above; "bin Salman" is no compound of this kind).
                    Some(s)
                        if s.iter().all(|n| {
                            n.split_whitespace().count() > 1
                                && n.split_whitespace()
                                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                        }) =>
                    {
                        let mut all = s.clone();
                        for n in s {
                            let last = n.split_whitespace().last().unwrap_or_default();
                            let lower_last = last.to_lowercase();
                            // Not a regnal number ("Elizabeth II") nor a particle-sized
                            // word ("Del Re").
                            let regnal = last.chars().all(|c| "IVXL".contains(c));
                            if !crate::mentions::HONORIFICS.contains(&lower_last.as_str())
                                && !regnal
                                && last.chars().count() >= 3
                                && !all.iter().any(|x| x == last)
                            {
                                doc_only_surnames.insert(lower_last);
                                all.push(last.to_string());
                            }
                        }
                        all
                    }
                    Some(s) => s.clone(),
                    None => p
                        .name
                        .split_whitespace()
                        .last()
                        .map(|s| vec![s.to_string()])
                        .unwrap_or_default(),
                };
                for s in &surnames {
                    for v in variants(s) {
                        entities.add(&v, EntitySense::PersonSurname(idx), true);
                    }
                    let list = by_surname.entry(s.to_lowercase()).or_default();
                    if !list.contains(&idx) {
                        list.push(idx);
                    }
                }
                persons.push(Person {
                    name: p.name,
                    country: p.country,
                    offices,
                    first_names,
                });
            }
        }

        let mut titles = Vec::new();
        for t in &titles_file.title {
            if !ROLES.contains(&t.role.as_str()) && t.role != "leader" && t.role != "counterpart" {
                return Err(invalid(
                    "titles.toml",
                    t.phrases.first().map(String::as_str).unwrap_or(""),
                    format!("role {:?} is not a role id", t.role),
                ));
            }
            if let Some(c) = &t.country {
                known_country("titles.toml", &t.role, c)?;
            }
            let idx = titles.len();
            for p in &t.phrases {
                for v in variants(p) {
                    entities.add(&v, EntitySense::Title(idx), false);
                }
            }
            titles.push(Title {
                role: t.role.clone(),
                country: t.country.clone(),
                org: t.org.clone(),
                plural: t.plural,
                address: t.address,
            });
        }
        for s in &cues_file.speakers.spokes_titles {
            entities.add(s, EntitySense::Speaker, false);
        }

        let mut triggers = Vec::new();
        let mut trigger_set = PhraseSetBuilder::default();
        for t in &triggers_file.trigger {
            let first = t.phrases.first().map(String::as_str).unwrap_or("");
            let kind = EventType::parse(&t.kind).ok_or_else(|| {
                invalid(
                    "triggers.toml",
                    first,
                    format!("type {:?} is not an event type", t.kind),
                )
            })?;
            let noun = match t.pos.as_str() {
                "noun" => true,
                "verb" => false,
                other => {
                    return Err(invalid(
                        "triggers.toml",
                        first,
                        format!("pos {other:?} must be \"noun\" or \"verb\""),
                    ))
                }
            };
            let object = match t.object.as_deref() {
                None => ObjectRequirement::None,
                Some("person") => ObjectRequirement::Person,
                Some("with") => ObjectRequirement::With,
                Some(other) => {
                    return Err(invalid(
                        "triggers.toml",
                        first,
                        format!("object {other:?} must be \"person\" or \"with\""),
                    ))
                }
            };
            let idx = triggers.len();
            for p in &t.phrases {
                for v in variants(p) {
                    trigger_set.add(&v, idx, false);
                }
            }
            triggers.push(Trigger {
                kind,
                noun,
                plural: t.plural,
                object,
                host: t.host,
                in_person: t.in_person,
                process: t.process,
            });
        }

        let mut topics = Vec::new();
        let mut topic_set = PhraseSetBuilder::default();
        for t in &topics_file.topic {
            let idx = topics.len();
            for p in &t.phrases {
                topic_set.add(p, idx, false);
            }
            topics.push(Topic {
                id: t.id.clone(),
                label: t.label.clone(),
            });
        }

        let mut cues = PhraseSetBuilder::default();
        // Searched by mentions and again by frames / attributions, sentence by sentence.
        cues.memoize();
        for (m, entry) in [
            (Modality::Planned, &cues_file.planned),
            (Modality::Cancelled, &cues_file.cancelled),
            (Modality::Denied, &cues_file.denied),
        ] {
            for p in &entry.before {
                for v in variants(p) {
                    cues.add(&v, CueSense::Before(m), false);
                }
            }
            for p in &entry.after {
                for v in variants(p) {
                    cues.add(&v, CueSense::After(m), false);
                }
            }
        }
        for w in &cues_file.boundary.words {
            cues.add(w, CueSense::Boundary, false);
        }
        let mut bodies = Vec::new();
        for b in &cues_file.attribution.bodies {
            let idx = bodies.len();
            for v in variants(b) {
                cues.add(&v, CueSense::Body(idx), true);
            }
            bodies.push(b.clone());
        }
        for w in &cues_file.attribution.verbs {
            cues.add(w, CueSense::ReportVerb, false);
        }
        for w in &cues_file.pronouns.singular_possessive {
            cues.add(w, CueSense::PossessivePronoun, false);
        }
        for w in &cues_file.pronouns.singular {
            cues.add(w, CueSense::SingularPronoun, false);
        }
        for w in &cues_file.pronouns.plural {
            cues.add(w, CueSense::PluralPronoun, false);
        }
        for w in &cues_file.pronouns.plural_groups {
            cues.add(w, CueSense::PluralGroup, false);
        }

        let mut role_index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut role_country_index: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
        let mut role_org_index: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
        // Persons are visited in order, so a repeat can only be the last entry of a list.
        let add = |list: &mut Vec<usize>, i: usize| {
            if list.last() != Some(&i) {
                list.push(i);
            }
        };
        for (i, p) in persons.iter().enumerate() {
            for o in &p.offices {
                add(role_index.entry(o.role.clone()).or_default(), i);
                if let Some(c) = &o.country {
                    let by_country = role_country_index.entry(o.role.clone()).or_default();
                    add(by_country.entry(c.clone()).or_default(), i);
                }
                if let Some(g) = &o.org {
                    let by_org = role_org_index.entry(o.role.clone()).or_default();
                    add(by_org.entry(g.clone()).or_default(), i);
                }
            }
        }

        let build_err = |e: aho_corasick::BuildError| LexiconError::Automaton(e.to_string());
        let mut entities = entities.build().map_err(build_err)?;
        let mut trigger_set = trigger_set.build().map_err(build_err)?;
        let mut cues = cues.build().map_err(build_err)?;
        // Every sentence is searched in these three layers (mentions: entities and cues;
        // frames: triggers, then cues and entities again): one pass over its bytes for all three.
        phrases::search_together(&mut [&mut entities, &mut cues, &mut trigger_set]);
        Ok(Lexicon {
            persons,
            countries,
            places,
            titles,
            triggers,
            topics,
            bodies,
            cue_windows: [
                cues_file.planned.window,
                cues_file.cancelled.window,
                cues_file.denied.window,
            ],
            guarded_surnames: cues_file
                .guarded_surnames
                .words
                .iter()
                .map(|w| w.to_lowercase())
                .chain(doc_only_surnames)
                .collect(),
            entities,
            trigger_set,
            cues,
            topic_set: topic_set.build().map_err(build_err)?,
            by_surname,
            country_index,
            role_index,
            role_country_index,
            role_org_index,
        })
    }

    /// The canonical name of the person `name` spells in full (name or alias, any case
    /// variant the lexicon accepts), or `None` for a name the lexicon does not know.
    pub fn canonical_name(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        self.entities
            .find(name, 0, name.len())
            .iter()
            .filter(|h| h.start == 0 && h.end == name.len())
            .flat_map(|h| h.senses.iter())
            .find_map(|s| match s {
                EntitySense::PersonFull(p) => self.persons.get(*p).map(|x| x.name.as_str()),
                _ => None,
            })
    }

    /// The country with ISO code `code`.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_index
            .get(code)
            .and_then(|&i| self.countries.get(i))
    }

    /// People holding `role` for `country` / `org` on `date` (any time when `date` is None).
    pub fn holders(
        &self,
        role: &str,
        country: Option<&str>,
        org: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Vec<usize> {
        // Only persons who held this office (for this country or organisation) can pass the
        // filter below, which stays the definition.
        let candidates = match (country, org) {
            (_, Some(g)) => self.role_org_index.get(role).and_then(|m| m.get(g)),
            (Some(c), None) => self.role_country_index.get(role).and_then(|m| m.get(c)),
            (None, None) => self.role_index.get(role),
        };
        let Some(candidates) = candidates else {
            return Vec::new();
        };
        candidates
            .iter()
            .copied()
            .filter(|&i| {
                self.persons.get(i).is_some_and(|p| {
                    p.offices.iter().any(|o| {
                        o.role == role
                            && o.held_on(date)
                            && match (country, org) {
                                (_, Some(g)) => o.org.as_deref() == Some(g),
                                (Some(c), None) => o.country.as_deref() == Some(c),
                                (None, None) => true,
                            }
                    })
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_name_reads_aliases_and_nothing_else() {
        let lex = Lexicon::builtin().expect("the built-in lexicon loads");
        assert_eq!(
            lex.canonical_name("Abdourahamane Tiani"),
            Some("Abdourahamane Tchiani")
        );
        assert_eq!(
            lex.canonical_name(" Vladimir Putin "),
            Some("Vladimir Putin")
        );
        // A surname alone, or a longer text holding a name, is not a name spelt in full.
        assert_eq!(lex.canonical_name("Putin"), None);
        assert_eq!(lex.canonical_name("Vladimir Putin said"), None);
        assert_eq!(lex.canonical_name("Nobody Atall"), None);
    }
}
