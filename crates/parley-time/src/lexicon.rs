//! Month and weekday names, number words and context words.
//!
//! The word lists below are plain facts of each language, written out here.

use chrono::Weekday;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the lexicon knows about one month word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MonthWord {
    /// 1–12.
    pub month: u32,
    /// Only languages that capitalise month names use this spelling (English, German), so a
    /// lower-case occurrence is some other word ("may", "march", "august").
    pub needs_cap: bool,
    /// An abbreviation ("Nov", "Sept"): may be followed by a dot, never taken alone.
    pub abbrev: bool,
    /// May be taken without a day or year next to it ("in November", "März").
    pub standalone: bool,
    /// The English "May" or "March", which double as a verb or modal: taken alone only
    /// after a cue word ("in May", "since March").
    pub verb_like: bool,
}

#[derive(Clone, Copy)]
enum Lang {
    En,
    De,
    Fr,
    Es,
    Ru,
    Tr,
}

/// One spelling: (lower-case spelling, month 1–12, is it an abbreviation?).
type Spelling = (&'static str, u32, bool);

/// (spelling, month, abbreviation?) per language. Abbreviations that collide with common
/// words in the same text stream are left out on purpose (Spanish "ago", "ene").
const MONTH_NAMES: &[(Lang, &[Spelling])] = &[
    (
        Lang::En,
        &[
            ("january", 1, false),
            ("february", 2, false),
            ("march", 3, false),
            ("april", 4, false),
            ("may", 5, false),
            ("june", 6, false),
            ("july", 7, false),
            ("august", 8, false),
            ("september", 9, false),
            ("october", 10, false),
            ("november", 11, false),
            ("december", 12, false),
            ("jan", 1, true),
            ("feb", 2, true),
            ("mar", 3, true),
            ("apr", 4, true),
            ("jun", 6, true),
            ("jul", 7, true),
            ("aug", 8, true),
            ("sep", 9, true),
            ("sept", 9, true),
            ("oct", 10, true),
            ("nov", 11, true),
            ("dec", 12, true),
        ],
    ),
    (
        Lang::De,
        &[
            ("januar", 1, false),
            ("jänner", 1, false),
            ("februar", 2, false),
            ("märz", 3, false),
            ("maerz", 3, false),
            ("april", 4, false),
            ("mai", 5, false),
            ("juni", 6, false),
            ("juli", 7, false),
            ("august", 8, false),
            ("september", 9, false),
            ("oktober", 10, false),
            ("november", 11, false),
            ("dezember", 12, false),
            ("mär", 3, true),
            ("okt", 10, true),
            ("dez", 12, true),
        ],
    ),
    (
        Lang::Fr,
        &[
            ("janvier", 1, false),
            ("février", 2, false),
            ("fevrier", 2, false),
            ("mars", 3, false),
            ("avril", 4, false),
            ("mai", 5, false),
            ("juin", 6, false),
            ("juillet", 7, false),
            ("août", 8, false),
            ("aout", 8, false),
            ("septembre", 9, false),
            ("octobre", 10, false),
            ("novembre", 11, false),
            ("décembre", 12, false),
            ("decembre", 12, false),
            ("janv", 1, true),
            ("févr", 2, true),
            ("fevr", 2, true),
            ("avr", 4, true),
            ("juil", 7, true),
            ("déc", 12, true),
        ],
    ),
    (
        Lang::Es,
        &[
            ("enero", 1, false),
            ("febrero", 2, false),
            ("marzo", 3, false),
            ("abril", 4, false),
            ("mayo", 5, false),
            ("junio", 6, false),
            ("julio", 7, false),
            ("agosto", 8, false),
            ("septiembre", 9, false),
            ("setiembre", 9, false),
            ("octubre", 10, false),
            ("noviembre", 11, false),
            ("diciembre", 12, false),
        ],
    ),
    (
        Lang::Ru,
        &[
            // Nominative, genitive (dates: "19 мая") and prepositional ("в мае").
            ("январь", 1, false),
            ("января", 1, false),
            ("январе", 1, false),
            ("февраль", 2, false),
            ("февраля", 2, false),
            ("феврале", 2, false),
            ("март", 3, false),
            ("марта", 3, false),
            ("марте", 3, false),
            ("апрель", 4, false),
            ("апреля", 4, false),
            ("апреле", 4, false),
            ("май", 5, false),
            ("мая", 5, false),
            ("мае", 5, false),
            ("июнь", 6, false),
            ("июня", 6, false),
            ("июне", 6, false),
            ("июль", 7, false),
            ("июля", 7, false),
            ("июле", 7, false),
            ("август", 8, false),
            ("августа", 8, false),
            ("августе", 8, false),
            ("сентябрь", 9, false),
            ("сентября", 9, false),
            ("сентябре", 9, false),
            ("октябрь", 10, false),
            ("октября", 10, false),
            ("октябре", 10, false),
            ("ноябрь", 11, false),
            ("ноября", 11, false),
            ("ноябре", 11, false),
            ("декабрь", 12, false),
            ("декабря", 12, false),
            ("декабре", 12, false),
            ("янв", 1, true),
            ("фев", 2, true),
            ("февр", 2, true),
            ("апр", 4, true),
            ("авг", 8, true),
            ("сен", 9, true),
            ("сент", 9, true),
            ("окт", 10, true),
            ("нояб", 11, true),
            ("дек", 12, true),
        ],
    ),
    (
        Lang::Tr,
        &[
            // Dotless-i spellings also appear without Turkish letters ("Kasim").
            ("ocak", 1, false),
            ("şubat", 2, false),
            ("subat", 2, false),
            ("mart", 3, false),
            ("nisan", 4, false),
            ("mayıs", 5, false),
            ("mayis", 5, false),
            ("haziran", 6, false),
            ("temmuz", 7, false),
            ("ağustos", 8, false),
            ("agustos", 8, false),
            ("eylül", 9, false),
            ("eylul", 9, false),
            ("ekim", 10, false),
            ("kasım", 11, false),
            ("kasim", 11, false),
            ("aralık", 12, false),
            ("aralik", 12, false),
        ],
    ),
];

/// German month names that are not English words and are not common words or names in
/// other languages, so they can be taken alone.
const GERMAN_STANDALONE: &[&str] = &["märz", "januar", "februar", "oktober", "dezember"];

/// Hasher of the word tables (lookups of short lower-case words, once or twice per token of
/// every searched text): a multiply-rotate word hash, several times cheaper than the default
/// SipHash on words of a few bytes. The tables are fixed and only looked up (never iterated),
/// so neither flooding resistance nor the iteration order matters.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(dst) = w.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        // `str`'s `Hash` ends with a 0xFF byte: mix it in like a word.
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The word tables' hash map.
pub(crate) type WordMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<WordHasher>>;

/// Lower-case month spelling → what it means. Spellings shared by several languages are
/// merged: lower case is accepted if any of them writes months in lower case.
pub(crate) static MONTHS: LazyLock<WordMap<MonthWord>> = LazyLock::new(|| {
    let mut map: WordMap<MonthWord> = WordMap::default();
    for (lang, names) in MONTH_NAMES {
        let caps = matches!(lang, Lang::En | Lang::De);
        for &(name, month, abbrev) in names.iter() {
            let standalone = !abbrev
                && match lang {
                    Lang::En => true,
                    Lang::De => GERMAN_STANDALONE.contains(&name),
                    _ => false,
                };
            let verb_like = matches!(lang, Lang::En) && (name == "may" || name == "march");
            let entry = map.entry(name).or_insert(MonthWord {
                month,
                needs_cap: caps,
                abbrev,
                standalone,
                verb_like,
            });
            entry.needs_cap &= caps;
            entry.abbrev &= abbrev;
            entry.standalone |= standalone;
            entry.verb_like |= verb_like;
        }
    }
    map
});

/// Looks up a lower-case word as a weekday name (English).
pub(crate) fn weekday(lower: &str) -> Option<Weekday> {
    Some(match lower {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Small counts written as words ("two days ago", "a week ago").
pub(crate) fn number_word(lower: &str) -> Option<u32> {
    Some(match lower {
        "a" | "an" | "one" => 1,
        "two" => 2,
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
    })
}

/// Words after which a bare "May"/"March" is the month, not a verb.
pub(crate) const MONTH_CUES: &[&str] = &[
    "in",
    "on",
    "last",
    "since",
    "early",
    "late",
    "mid",
    "until",
    "till",
    "by",
    "of",
    "next",
    "this",
    "before",
    "after",
    "during",
    "from",
    "through",
    "throughout",
    "between",
    "around",
];

/// Words after which a lone four-digit number is a year ("in 2020", "since 2018").
pub(crate) const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "of",
    "throughout",
    "between",
    "through",
    "summer",
    "spring",
    "autumn",
    "fall",
    "winter",
    "year",
    "around",
];

/// Determiners before "the 2020 war"-style year mentions; the year then needs a following
/// event noun (or a capitalised word) so that "the 2000 soldiers" stays a count.
pub(crate) const YEAR_DETERMINERS: &[&str] = &["the", "its", "his", "her", "their", "that"];

/// Nouns that make "the 2020 X" a year mention.
pub(crate) const EVENT_NOUNS: &[&str] = &[
    "war",
    "wars",
    "conflict",
    "election",
    "elections",
    "vote",
    "referendum",
    "summit",
    "agreement",
    "agreements",
    "accord",
    "accords",
    "deal",
    "declaration",
    "statement",
    "ceasefire",
    "truce",
    "protests",
    "revolution",
    "uprising",
    "clashes",
    "escalation",
    "offensive",
    "attack",
    "attacks",
    "hostilities",
    "talks",
    "negotiations",
    "meeting",
    "meetings",
    "visit",
    "trip",
    "crisis",
    "census",
    "report",
    "campaign",
    "olympics",
    "treaty",
    "fighting",
    "invasion",
    "operation",
    "earthquake",
    "budget",
    "session",
    "edition",
];
