//! Mentions of people: names, titles, roles and pronouns found in the text.
//!
//! Input: the entity-layer and cue-layer hits of a document. Output: [`Mention`]s in text order,
//! each saying *how* a person is referred to (a lexicon name, an unknown official introduced by a
//! title, a role such as "the Russian president", a pronoun). Who they are is decided later, in
//! [`crate::resolve`], because that needs the whole document and its date.

use crate::lexicon::phrases::Hit;
use crate::lexicon::{CountryForm, CueSense, EntitySense, Lexicon};

/// How a mention refers to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A person of the lexicon, by full name or alias (or a surname with a matching first name).
    Known(usize),
    /// A lexicon surname alone: candidates to choose from by context.
    Surname {
        /// Candidate persons.
        candidates: Vec<usize>,
        /// Needs a title or an earlier full name to count ("May", "Rice").
        guarded: bool,
        /// Preceded by a title or form of address.
        titled: bool,
    },
    /// An official not in the lexicon, named after a title ("spokesman Matthew Miller").
    Unknown(String),
    /// A role without a name: "the Russian president", "his Azerbaijani counterpart".
    Role {
        /// Role id, "leader" or "counterpart".
        role: String,
        /// Country, if written or implied.
        country: Option<String>,
        /// Organisation, if implied.
        org: Option<String>,
    },
    /// "he", "she", "his", "her".
    Singular,
    /// "they", "their", "the two leaders".
    Plural,
}

/// One reference to a person in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte offset of the start (including titles and demonyms before the name).
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Index of the sentence holding it.
    pub sentence: usize,
    /// How the person is referred to.
    pub who: Who,
    /// Role given by a title next to a name ("President Ilham Aliyev" → head_of_state).
    pub title_role: Option<String>,
    /// Country given by a demonym or "of X" next to the title.
    pub title_country: Option<String>,
    /// The person is a spokesperson or other speaker: never a participant.
    pub speaker: bool,
    /// Followed by "'s": a possessor ("Putin's visit").
    pub possessive: bool,
    /// Several mentions expanded from one plural phrase share a group number.
    pub group: Option<usize>,
}

/// Words that start with a capital letter but are never a first name.
const NOT_FIRST_NAMES: &[&str] = &[
    "the",
    "on",
    "in",
    "at",
    "but",
    "and",
    "after",
    "when",
    "while",
    "then",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "during",
    "before",
    "with",
    "as",
    "for",
    "of",
    "by",
    "from",
    "to",
    "a",
    "an",
    "this",
    "that",
    "if",
    "so",
    "yet",
    "meanwhile",
    "earlier",
    "later",
    "today",
    "yesterday",
];

/// Honorifics and ranks written before a name, which are not given names ("Prince Faisal",
/// "Sheikh Tamim", "Gen Burhan").
pub(crate) const HONORIFICS: &[&str] = &[
    "prince",
    "princess",
    "sheikh",
    "sheikha",
    "king",
    "queen",
    "emir",
    "sultan",
    "shah",
    "mr",
    "mrs",
    "ms",
    "dr",
    "datuk",
    "dato",
    "tan",
    "tun",
    "lyonpo",
    "sir",
    "lord",
    "lady",
    "mullah",
    "general",
    "gen",
    "marshal",
    "colonel",
    "col",
    "admiral",
    "commander",
    "crown",
    "president",
    "minister",
    "premier",
    "chancellor",
    "senator",
    "ambassador",
    "envoy",
    "secretary",
    "ayatollah",
    "imam",
    "pope",
    "cardinal",
    "archbishop",
    "father",
    "rabbi",
    "maj",
    "major",
    "lt",
    "captain",
    "capt",
    "brigadier",
    "field",
    "excellency",
    "his",
    "her",
    "madam",
    "monsieur",
    "herr",
    "frau",
    "señor",
    "senor",
    "don",
    "haji",
    "hajji",
];

/// Words that make a run of capitalised words a body or a place rather than a person's name.
const INSTITUTION_WORDS: &[&str] = &[
    "committee",
    "commission",
    "council",
    "ministry",
    "party",
    "front",
    "forces",
    "army",
    "bank",
    "agency",
    "court",
    "assembly",
    "union",
    "organization",
    "organisation",
    "office",
    "department",
    "government",
    "parliament",
    "senate",
    "congress",
    "republic",
    "kingdom",
    "federation",
    "alliance",
    "movement",
    "authority",
    "secretariat",
    "summit",
    "conference",
    "forum",
    "university",
    "institute",
    "foundation",
    "corporation",
    "company",
    "group",
    "airport",
    "international",
    "national",
    "stadium",
    "hospital",
    "centre",
    "center",
    "palace",
    "house",
    "hotel",
    "street",
    "square",
    "province",
    "region",
    "state",
    "nations",
    "community",
    "declaration",
    "agreement",
    "treaty",
    "accord",
    "process",
];

/// Particles inside names ("Mohammed bin Salman", "Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &[
    "bin", "bint", "al", "el", "de", "van", "von", "der", "da", "di", "du", "ibn", "la", "le",
];

fn gap(text: &str, a: usize, b: usize) -> &str {
    if a > b {
        return "";
    }
    text.get(a..b).unwrap_or("")
}

fn is_possessive_suffix(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    rest.starts_with("'s")
        || rest.starts_with("\u{2019}s")
        || rest.starts_with("' ")
        || rest.starts_with("\u{2019} ")
}

/// The word right before byte `at` (letters only), and where it starts.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() + 1 != before.len() {
        return None; // not exactly one space between
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'')
        .last()
        .map(|(i, _)| i)?;
    Some((start, trimmed.get(start..)?))
}

/// Edit distance, for telling "Vladmir" from "Vladimir" (short strings only).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// True when `word` is a plausible spelling of one of `first_names`.
pub fn similar_first_name(word: &str, first_names: &[String]) -> bool {
    let w = word.to_lowercase();
    if w.chars().count() < 3 {
        return false;
    }
    first_names.iter().any(|f| {
        let limit = if f.chars().count() >= 6 { 2 } else { 1 };
        f.chars().next() == w.chars().next() && edit_distance(&w, f) <= limit
    })
}

/// True when the words between a title and a known surname are that person's given names in
/// another spelling: "Prime Minister Atal Behari Vajpayee" for Atal Bihari Vajpayee. Two or three
/// words, each close to one of the person's first names, so an unrelated namesake ("Prime
/// Minister Ali Asghar Khan") is not taken for the lexicon's Khan.
fn given_names_in_another_spelling(
    lex: &Lexicon,
    gap: &str,
    surname: &Hit<'_, EntitySense>,
) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    if !(2..=3).contains(&words.len()) {
        return false;
    }
    surname.senses.iter().any(|s| match s {
        EntitySense::PersonSurname(p) => lex.persons.get(*p).is_some_and(|person| {
            words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && similar_first_name(w, &person.first_names)
            })
        }),
        _ => false,
    })
}

/// Reads the unknown name in apposition before a title starting at byte `at`: "Liu Jinsong, "
/// or "Liu Jinsong, the " right before it, 2–4 capitalised words no lexicon layer knows, that
/// start the sentence or follow a lower-case word or punctuation. Returns its span and text.
fn unknown_name_before(lex: &Lexicon, text: &str, at: usize) -> Option<(usize, usize, String)> {
    let before = text.get(..at)?.trim_end();
    // "Debretsion Gebremichael, the TPLF leader": an acronym the lexicon does not know (a
    // party, a rebel movement) may qualify the title.
    let before = before
        .rsplit_once(' ')
        .filter(|(_, w)| {
            (2..=6).contains(&w.len())
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
        .map_or(before, |(b, _)| b.trim_end());
    let before = ["the", "a", "an"]
        .iter()
        .find_map(|d| {
            before
                .strip_suffix(d)
                .filter(|b| b.ends_with(' '))
                .map(str::trim_end)
        })
        .unwrap_or(before);
    let name_end = before.strip_suffix(',')?.len();
    let mut start = name_end;
    let mut words = 0;
    loop {
        let head = text.get(..start)?;
        let word_len: usize = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic() || *c == '-' || *c == '\'')
            .map(char::len_utf8)
            .sum();
        let word = head.get(start - word_len..)?;
        if word_len == 0 || !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        let lower = word.to_lowercase();
        if NOT_FIRST_NAMES.contains(&lower.as_str())
            || HONORIFICS.contains(&lower.as_str())
            || INSTITUTION_WORDS.contains(&lower.as_str())
        {
            return None;
        }
        words += 1;
        start -= word_len;
        if words > 4 {
            return None;
        }
        // The previous word, one space back, may continue the name if it is capitalised.
        let Some(rest) = text.get(..start)?.strip_suffix(' ') else {
            break;
        };
        let prev_word_start = rest
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'')
            .last()
            .map(|(i, _)| i);
        let continues = prev_word_start
            .and_then(|i| rest.get(i..))
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        if !continues {
            break;
        }
        start -= 1;
    }
    if words < 2 {
        return None;
    }
    // The word before the name: none (text start), punctuation, or a lower-case word.
    let head = text.get(..start)?.trim_end();
    let ok_before = head.is_empty()
        || head.ends_with(['.', '!', '?', '\n', '"', '\u{201c}', ':', ',', '(', ';'])
        || head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    if !ok_before {
        return None;
    }
    // Known surnames may stand inside the name ("Chen Ruolan"), but one word at least is
    // unknown to every layer: two known surnames in a row are two people.
    let hits = lex.entities.find(text, start, name_end);
    let surnames_only = hits.iter().all(|h| {
        h.senses
            .iter()
            .all(|s| matches!(s, EntitySense::PersonSurname(_)))
    });
    let covered: usize = hits.iter().map(|h| h.end - h.start).sum();
    let letters = text
        .get(start..name_end)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    if !surnames_only || covered >= letters || trigger_or_cue(lex, text, start, name_end) {
        return None;
    }
    Some((start, name_end, text.get(start..name_end)?.to_string()))
}

/// The offset of the comma that closes a title's qualifier right after `at`: " of the Verkhovna
/// Rada," — "of", then up to six words, each capitalised or a function word, then a comma.
fn qualifier_comma(text: &str, at: usize, limit: usize) -> Option<usize> {
    let rest = text.get(at..limit)?;
    let body = rest.strip_prefix(" of ")?;
    let comma = body.find(',')?;
    let words: Vec<&str> = body.get(..comma)?.split_whitespace().collect();
    let fits = !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            matches!(*w, "the" | "of" | "and" | "for")
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    fits.then_some(at + " of ".len() + comma)
}

/// Reads capitalised words after byte `at` as an unknown person's name (2–4 words).
fn unknown_name_after(text: &str, at: usize, limit: usize) -> Option<(usize, String)> {
    let rest = text.get(at..limit)?;
    let lead = rest.len() - rest.trim_start_matches([' ', ',']).len();
    if lead == 0 || lead > 2 {
        return None;
    }
    let mut pos = at + lead;
    let mut words: Vec<&str> = Vec::new();
    let mut end = pos;
    while words.len() < 4 {
        let tail = text.get(pos..limit).unwrap_or("");
        let w_len = tail
            .char_indices()
            .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '.')
            .last()
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        if w_len == 0 {
            break;
        }
        let w = tail.get(..w_len).unwrap_or("").trim_end_matches('.');
        let first = w.chars().next();
        let lower = w.to_lowercase();
        let is_particle = NAME_PARTICLES.contains(&lower.as_str()) && !words.is_empty();
        if !(first.is_some_and(|c| c.is_uppercase()) || is_particle) {
            break;
        }
        if NOT_FIRST_NAMES.contains(&lower.as_str()) {
            break;
        }
        words.push(w);
        end = pos + w.len();
        pos += w_len;
        if text.get(pos..).is_some_and(|t| t.starts_with(' ')) {
            pos += 1;
        } else {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    if words.len() < 2 {
        return None;
    }
    // "a session of the General Border Committee": a body, not a person after a rank.
    if words
        .iter()
        .any(|w| INSTITUTION_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    let name = words.join(" ");
    // The end offset must cover exactly the words kept.
    let end = text
        .get(at..end)
        .and_then(|s| s.rfind(words.last().copied().unwrap_or("")))
        .map(|i| at + i + words.last().map_or(0, |w| w.len()))
        .unwrap_or(end);
    Some((end, name))
}

/// Finds the person mentions of one sentence `[from, to)`.
pub fn sentence_mentions(
    lex: &Lexicon,
    text: &str,
    sentence: usize,
    from: usize,
    to: usize,
    groups: &mut usize,
) -> Vec<Mention> {
    let ents = lex.entities.find(text, from, to);
    let cues = lex.cues.find(text, from, to);
    let mut out: Vec<Mention> = Vec::new();

    // Spans of plural groups ("the two leaders") hide the titles inside them.
    let plural_spans: Vec<(usize, usize)> = cues
        .iter()
        .filter(|h| h.senses.contains(&CueSense::PluralGroup))
        .map(|h| (h.start, h.end))
        .collect();
    let inside_plural = |s: usize| plural_spans.iter().any(|(a, b)| *a <= s && s < *b);

    let mut consumed = vec![false; ents.len()];
    // The end of the last person mention: an unknown name read over several words ("counterpart
    // Kim Hyok Chol") covers hits that must not start mentions of their own.
    let mut covered_to = 0;
    for i in 0..ents.len() {
        let Some(hit) = ents.get(i) else { continue };
        if consumed.get(i).copied().unwrap_or(true)
            || inside_plural(hit.start)
            || hit.start < covered_to
        {
            continue;
        }
        let title = hit.senses.iter().find_map(|s| match s {
            EntitySense::Title(t) => Some(*t),
            _ => None,
        });
        let speaker = hit.senses.contains(&EntitySense::Speaker);
        if title.is_some() || speaker {
            if let Some(m) = title_mention(
                lex,
                text,
                &ents,
                i,
                title,
                speaker,
                sentence,
                to,
                &mut consumed,
                groups,
            ) {
                // Names read in apposition to a plural title are rough spans; the hits inside
                // them still make their own, better mentions.
                covered_to = m
                    .iter()
                    .filter(|m| m.group.is_none())
                    .map(|m| m.end)
                    .fold(covered_to, usize::max);
                // A name read backwards from its title ("Chen Ruolan, the Chinese ambassador")
                // replaces the surname mention made of its first word.
                out.retain(|o| !m.iter().any(|n| o.start >= n.start && o.end <= n.end));
                out.extend(m);
            }
            continue;
        }
        if let Some(m) = name_mention(lex, text, hit, sentence, false, None, None) {
            covered_to = covered_to.max(m.end);
            out.push(m);
            continue;
        }
        // "Sudan's Idris Abdel Gadir": a name nobody knows, owned by a country.
        let limit = ents.get(i + 1).map_or(to, |n| n.start.min(to));
        if let Some(m) = possessed_unknown_name(lex, text, hit, sentence, limit) {
            covered_to = covered_to.max(m.end);
            out.push(m);
        }
    }

    out.extend(led_by_unknown_names(
        lex, text, &ents, &out, sentence, from, to,
    ));
    for h in &cues {
        let who = if h.senses.contains(&CueSense::PluralGroup)
            || h.senses.contains(&CueSense::PluralPronoun)
        {
            // "the two countries", "the two sides' positions are far apart": a bare "the two"
            // before a noun for things or states names no people.
            if h.senses.contains(&CueSense::PluralGroup) && names_things_next(text, h.end) {
                continue;
            }
            // "and their Turkish counterparts Cavusoglu and Akar": the possessive belongs to
            // the title after it, as "his Azerbaijani counterpart" does.
            if text
                .get(h.start..h.end)
                .is_some_and(|w| w.eq_ignore_ascii_case("their"))
                && title_follows(&ents, text, h.end)
            {
                continue;
            }
            Who::Plural
        } else if h.senses.contains(&CueSense::SingularPronoun)
            || h.senses.contains(&CueSense::PossessivePronoun)
        {
            // "his Azerbaijani counterpart" is one title mention, not a pronoun.
            if title_follows(&ents, text, h.end) {
                continue;
            }
            Who::Singular
        } else {
            continue;
        };
        // Only whole words in lower case (or sentence-initial capitals) are pronouns.
        out.push(Mention {
            start: h.start,
            end: h.end,
            sentence,
            who,
            title_role: None,
            title_country: None,
            speaker: false,
            possessive: h.senses.contains(&CueSense::PossessivePronoun)
                || text
                    .get(h.start..h.end)
                    .is_some_and(|w| w.eq_ignore_ascii_case("their")),
            group: None,
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    out.retain(|m| !serves_someone_else(text, m.start));
    join_adjacent_surnames(lex, text, out)
}

/// Last words of capitalised names that name things, not people, after a country's
/// possessive ("Israel's Iron Dome", "Egypt's High Dam", "Ukraine's Black Sea ports").
const THING_WORDS: &[&str] = &[
    "sea",
    "river",
    "lake",
    "dam",
    "dome",
    "island",
    "islands",
    "mountains",
    "coast",
    "valley",
    "desert",
    "cup",
    "league",
    "airlines",
    "airways",
    "exchange",
    "index",
    "prize",
    "award",
    "day",
    "war",
    "revolution",
    "constitution",
    "act",
    "law",
    "plan",
    "initiative",
    "programme",
    "program",
    "project",
    "corridor",
    "pipeline",
    "port",
    "canal",
    "strait",
    "gulf",
    "bay",
    "games",
    "festival",
    "museum",
    "times",
    "news",
    "post",
    "agency",
];

/// "Sudan's Idris Abdel Gadir": a country's name with a possessive, then two to four
/// capitalised words no lexicon layer knows, is an official of that country.
fn possessed_unknown_name(
    lex: &Lexicon,
    text: &str,
    hit: &Hit<'_, EntitySense>,
    sentence: usize,
    limit: usize,
) -> Option<Mention> {
    let country = hit.senses.iter().find_map(|s| match s {
        EntitySense::Country(c, CountryForm::Name) => lex.countries.get(*c),
        _ => None,
    })?;
    let rest = text.get(hit.end..limit)?;
    let apostrophe = ["'s ", "\u{2019}s "]
        .iter()
        .find(|a| rest.starts_with(*a))
        .map(|a| a.len() - 1)?;
    let (end, name) = unknown_name_after(text, hit.end + apostrophe, limit)?;
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let thing = words
        .iter()
        .any(|w| INSTITUTION_WORDS.contains(&w.as_str()) || THING_WORDS.contains(&w.as_str()));
    // The name must end where the capitalised run ends ("Sudan's Idris Abdel Gadir,").
    let runs_on = text
        .get(end..)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase);
    if thing || runs_on || trigger_or_cue(lex, text, hit.end + apostrophe, end) {
        return None;
    }
    Some(Mention {
        start: hit.end + apostrophe + 1,
        end,
        sentence,
        who: Who::Unknown(name),
        title_role: None,
        title_country: Some(country.code.clone()),
        speaker: false,
        possessive: is_possessive_suffix(text, end),
        group: None,
    })
}

/// "the NDFP, led by Fidel Agcaoili,", "negotiators led by Luis Jalandoni": a name nobody knows
/// right after "led by" or "headed by" is the person leading a delegation or a side.
fn led_by_unknown_names(
    lex: &Lexicon,
    text: &str,
    ents: &[Hit<'_, EntitySense>],
    found: &[Mention],
    sentence: usize,
    from: usize,
    to: usize,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let Some(body) = text.get(from..to) else {
        return out;
    };
    if !crate::scan::may_contain_lowercased(body, &[" led by ", " headed by "]) {
        return out;
    }
    for cue in [" led by", " headed by"] {
        for (i, _) in body.match_indices(cue) {
            let at = from + i + cue.len();
            let taken = found.iter().any(|m| m.start >= at && m.start <= at + 2)
                || ents.iter().any(|e| e.start >= at && e.start <= at + 2);
            if taken {
                continue;
            }
            let limit = ents
                .iter()
                .find(|e| e.start > at)
                .map_or(to, |e| e.start.min(to));
            let Some((end, name)) = unknown_name_after(text, at, limit) else {
                continue;
            };
            let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            let thing = words.iter().any(|w| {
                INSTITUTION_WORDS.contains(&w.as_str()) || THING_WORDS.contains(&w.as_str())
            });
            if thing || trigger_or_cue(lex, text, at, end) {
                continue;
            }
            out.push(Mention {
                start: at + 1,
                end,
                sentence,
                who: Who::Unknown(name),
                title_role: None,
                title_country: None,
                speaker: false,
                possessive: is_possessive_suffix(text, end),
                group: None,
            });
        }
    }
    out
}

/// Words that make the person after them part of someone else's description: "Gargash,
/// diplomatic adviser to the UAE president, met Araghchi" names one participant, not two.
const SERVING_WORDS: &[&str] = &[
    "adviser to",
    "advisor to",
    "aide to",
    "assistant to",
    "counsellor to",
    "counselor to",
    "chief of staff to",
    "spokesman for",
    "spokeswoman for",
    "spokesperson for",
    "on behalf of",
];

/// True when the mention starting at `at` follows one of [`SERVING_WORDS`] (and an optional
/// "the").
fn serves_someone_else(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let before = before.trim_end();
    let before = before
        .strip_suffix(" the")
        .or_else(|| before.strip_suffix(" The"))
        .unwrap_or(before)
        .trim_end();
    // The last 24 characters are enough for the longest of the phrases.
    let from = before.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    let tail = before.get(from..).unwrap_or("").to_lowercase();
    SERVING_WORDS.iter().any(|w| {
        tail.strip_suffix(w)
            .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// "Egypt's Mohamed Abdel Aty": two surnames the lexicon knows, one space apart, where the first
/// is no given name of the second's people, are one person the lexicon does not know.
fn join_adjacent_surnames(lex: &Lexicon, text: &str, ms: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(ms.len());
    for m in ms {
        let joined = match (out.last(), &m.who) {
            (
                Some(
                    prev @ Mention {
                        who: Who::Surname { titled: false, .. },
                        possessive: false,
                        ..
                    },
                ),
                Who::Surname {
                    candidates,
                    titled: false,
                    ..
                },
            ) if text.get(prev.end..m.start) == Some(" ") => {
                let first = text.get(prev.start..prev.end).unwrap_or("");
                // "In May Abe made a trip": a month or weekday is no given name.
                let date_word = NOT_FIRST_NAMES.contains(&first.to_lowercase().as_str());
                let given_of_second = date_word
                    || candidates.iter().any(|&p| {
                        lex.persons
                            .get(p)
                            .is_some_and(|person| similar_first_name(first, &person.first_names))
                    });
                (!given_of_second).then(|| Mention {
                    start: prev.start,
                    end: m.end,
                    sentence: m.sentence,
                    who: Who::Unknown(text.get(prev.start..m.end).unwrap_or("").to_string()),
                    title_role: None,
                    title_country: None,
                    speaker: false,
                    possessive: m.possessive,
                    group: None,
                })
            }
            _ => None,
        };
        match joined {
            Some(j) => {
                out.pop();
                out.push(j);
            }
            None => out.push(m),
        }
    }
    out
}

/// True when a title or a demonym follows `at` directly ("his Azerbaijani counterpart").
fn title_follows(ents: &[Hit<'_, EntitySense>], text: &str, at: usize) -> bool {
    ents.iter().any(|e| {
        e.start > at
            && gap(text, at, e.start).trim().is_empty()
            && (e.senses.iter().any(|s| {
                matches!(
                    s,
                    EntitySense::Title(_) | EntitySense::Country(_, CountryForm::Demonym)
                )
            })
                // "his PNG counterpart": a country's name used as its adjective, when a
                // title follows it ("his Ukraine visit" keeps its possessor).
                || (e
                    .senses
                    .iter()
                    .any(|s| matches!(s, EntitySense::Country(_, CountryForm::Name)))
                    && title_follows(ents, text, e.end)))
    })
}

/// True when the word after `at` is a noun for countries, institutions or periods rather than
/// people ("the two countries", "the two governments", "the two days").
fn names_things_next(text: &str, at: usize) -> bool {
    const THINGS: &[&str] = &[
        "countries",
        "nations",
        "states",
        "governments",
        "neighbours",
        "neighbors",
        "capitals",
        "economies",
        "armies",
        "militaries",
        "cities",
        "regions",
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "issues",
        "documents",
        "agreements",
        "treaties",
        "peoples",
        "powers",
        "republics",
        "territories",
        "companies",
        "parliaments",
        "ministries",
        "koreas",
        "congos",
        "sudans",
        "germanys",
        "chinas",
    ];
    let next: String = text
        .get(at..)
        .unwrap_or("")
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    THINGS.contains(&next.as_str())
}

/// True when a capitalised word that no lexicon layer knows follows `at` after one space.
fn next_plain_capitalised(lex: &Lexicon, text: &str, at: usize) -> bool {
    name_word_after(text, at).is_some_and(|(from, to)| {
        lex.entities.find(text, from, to).is_empty() && !trigger_or_cue(lex, text, from, to)
    })
}

/// The span of the word one space after byte `at` when it could be part of a name: letters and
/// hyphens, capitalised, not a month, weekday or function word ([`NOT_FIRST_NAMES`]).
fn name_word_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = text.get(at..)?.strip_prefix(' ')?;
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .map(char::len_utf8)
        .sum();
    let word = rest.get(..len)?;
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    (capitalised && !NOT_FIRST_NAMES.contains(&word.to_lowercase().as_str()))
        .then_some((at + 1, at + 1 + len))
}

/// True when a trigger or a cue phrase lies within `from..to`.
fn trigger_or_cue(lex: &Lexicon, text: &str, from: usize, to: usize) -> bool {
    !lex.trigger_set.find(text, from, to).is_empty() || !lex.cues.find(text, from, to).is_empty()
}

/// True when the word after `at` (one space on) is capitalised and every sense the lexicon
/// knows for it is somebody's surname: inside an unknown name already two words long it is
/// the name's next word ("Chairwoman Nguyen Thi Kim Ngan", "counterpart Kim Hyok Chol"), not a
/// second person.
fn next_is_surname_only(lex: &Lexicon, text: &str, at: usize) -> bool {
    let Some((from, to)) = name_word_after(text, at) else {
        return false;
    };
    let hits = lex.entities.find(text, from, to);
    !hits.is_empty()
        && hits.iter().all(|h| {
            h.start == from
                && h.end == to
                && h.senses
                    .iter()
                    .all(|s| matches!(s, EntitySense::PersonSurname(_)))
        })
        && !trigger_or_cue(lex, text, from, to)
}

/// True when one of the two words after `at` names an institution or a place ("Allama Iqbal
/// International Airport"): the capitalised run is a name of a thing, not of a person.
fn institution_follows(text: &str, at: usize) -> bool {
    text.get(at..)
        .unwrap_or("")
        .split_whitespace()
        .take(2)
        .any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            INSTITUTION_WORDS.contains(&w.as_str())
        })
}

/// Last words of news outlets' names ("Times", "Daily", "Wire"): a capitalised run ending in
/// one of them names a newspaper or an agency, not a person.
const OUTLET_WORDS: &[&str] = &[
    "times",
    "news",
    "post",
    "herald",
    "tribune",
    "journal",
    "daily",
    "gazette",
    "observer",
    "wire",
    "chronicle",
    "courier",
    "telegraph",
    "monitor",
    "ledger",
    "dispatch",
    "insider",
];

/// True when the capitalised words right after `at` (one to three, without punctuation in
/// between) end in an outlet word: "Han River Times", "Moon Daily".
fn outlet_name_follows(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    if !rest.starts_with(' ') {
        return false;
    }
    for (k, w) in rest.split(' ').skip(1).take(3).enumerate() {
        let word = w.trim_end_matches([')', ',', '.', ';', ':', '"', '\'']);
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        if OUTLET_WORDS.contains(&word.to_lowercase().as_str()) {
            return true;
        }
        // Punctuation after the word ends the run.
        if word.len() != w.len() || k == 2 {
            return false;
        }
    }
    false
}

/// True when every person the surname could name is written family name first ("Han
/// Duck-soo", "Kim Jong Un"): then a capitalised word after it that is none of their given
/// names makes another person of the same family name ("Han Zheng").
fn family_name_first_of_all(
    lex: &Lexicon,
    text: &str,
    hit: &Hit<'_, EntitySense>,
    surnames: &[usize],
) -> bool {
    let surname = text.get(hit.start..hit.end).unwrap_or("");
    let next = name_word_after(text, hit.end)
        .and_then(|(from, to)| text.get(from..to))
        .unwrap_or("");
    !surname.is_empty()
        && !surnames.is_empty()
        && surnames.iter().all(|&p| {
            lex.persons.get(p).is_some_and(|x| {
                x.name.starts_with(surname)
                    && x.name
                        .get(surname.len()..)
                        .is_some_and(|r| r.starts_with(' '))
                    && !similar_first_name(next, &x.first_names)
            })
        })
}

/// True when the word after `at` is followed by ", the" or ", a": "Roman Abramovich, the
/// Russian billionaire" — a name in apposition to a description of its bearer.
fn described_after_next_word(text: &str, at: usize) -> bool {
    let Some((_, to)) = name_word_after(text, at) else {
        return false;
    };
    let rest = text.get(to..).unwrap_or("");
    rest.starts_with(", the ") || rest.starts_with(", a ") || rest.starts_with(", an ")
}

/// True when the word right before `at` is capitalised and not a possessive ("Western Balkans
/// Gabriel", not "Serbia's Vucic"), mid-sentence.
fn capitalised_word_before(text: &str, at: usize) -> bool {
    let Some((ws, word)) = word_before(text, at) else {
        return false;
    };
    let mid_sentence = text.get(..ws).map(|b| b.trim_end()).is_some_and(|b| {
        !b.is_empty() && !b.ends_with(['.', '!', '?', '\n', '"', '\u{201c}', ':'])
    });
    mid_sentence
        && word.chars().next().is_some_and(char::is_uppercase)
        && !word.ends_with("'s")
        && !word.ends_with('\u{2019}')
        && !HONORIFICS.contains(&word.to_lowercase().as_str())
}

/// True when the word right before a surname is a capitalised given name that no lexicon layer
/// knows and that is no given name of any of the surname's people ("Yasir" before "Abbas").
fn other_given_name_before(lex: &Lexicon, text: &str, at: usize, surnames: &[usize]) -> bool {
    let Some((ws, word)) = word_before(text, at) else {
        return false;
    };
    let capitalised_name = word.chars().next().is_some_and(|c| c.is_uppercase())
        && word.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        && word.chars().count() >= 2
        && !NOT_FIRST_NAMES.contains(&word.to_lowercase().as_str())
        && !NAME_PARTICLES.contains(&word.to_lowercase().as_str())
        && !HONORIFICS.contains(&word.to_lowercase().as_str());
    // A sentence's first word is capitalised anyway ("Abbas said", "Yesterday Abbas said").
    let sentence_start = text
        .get(..ws)
        .map(|b| b.trim_end())
        .is_none_or(|b| b.is_empty() || b.ends_with(['.', '!', '?', '\n', '"', '\u{201c}', ':']));
    if !capitalised_name || sentence_start {
        return false;
    }
    let to = at.saturating_sub(1);
    let known_word =
        !lex.entities.find(text, ws, to).is_empty() || trigger_or_cue(lex, text, ws, to);
    !known_word
        && surnames.iter().all(|&p| {
            lex.persons
                .get(p)
                .is_none_or(|person| !similar_first_name(word, &person.first_names))
        })
}

fn name_mention(
    lex: &Lexicon,
    text: &str,
    hit: &Hit<'_, EntitySense>,
    sentence: usize,
    titled: bool,
    title_role: Option<String>,
    title_country: Option<String>,
) -> Option<Mention> {
    let full = hit.senses.iter().find_map(|s| match s {
        EntitySense::PersonFull(p) => Some(*p),
        _ => None,
    });
    let surnames: Vec<usize> = hit
        .senses
        .iter()
        .filter_map(|s| match s {
            EntitySense::PersonSurname(p) => Some(*p),
            _ => None,
        })
        .collect();
    let mut start = hit.start;
    // "Lee Sang-deok": a surname glued by a hyphen to a lower-case syllable is part of a
    // hyphenated given name, not the surname of Truong Tan Sang. ("the Putin-Erdogan summit"
    // keeps its capitals and its people.)
    let hyphen_syllable_after = {
        let mut after = text.get(hit.end..).unwrap_or("").chars();
        after.next() == Some('-') && after.next().is_some_and(char::is_lowercase)
    };
    if full.is_none() && hyphen_syllable_after {
        return None;
    }
    // "SEOUL, May 27 (Han River Times)": a surname opening a run of capitalised words that
    // ends in a newspaper's noun is the name of an outlet.
    if full.is_none() && outlet_name_follows(text, hit.end) {
        return None;
    }
    let who = if let Some(p) = full {
        Who::Known(p)
    } else if !surnames.is_empty() {
        // A capitalised word right before a surname may be a misspelt first name.
        let fuzzy = word_before(text, hit.start).and_then(|(ws, w)| {
            let p = surnames.iter().copied().find(|&p| {
                lex.persons
                    .get(p)
                    .is_some_and(|person| similar_first_name(w, &person.first_names))
            })?;
            // Take further given names before it ("Recep Tayip Erdogan").
            let mut start = ws;
            while let Some((s2, w2)) = word_before(text, start) {
                if lex
                    .persons
                    .get(p)
                    .is_some_and(|person| similar_first_name(w2, &person.first_names))
                {
                    start = s2;
                } else {
                    break;
                }
            }
            Some((start, p))
        });
        match fuzzy {
            Some((ws, p)) => {
                start = ws;
                Who::Known(p)
            }
            // "Minister Hakan Fidan" after a title, or "US special envoy for the Western
            // Balkans Gabriel Escobar" inside a run of capitalised words: a known surname
            // followed by a word no lexicon layer knows is the given name of someone else
            // (not Mariya Gabriel) — unless an institution follows ("Allama Iqbal
            // International Airport").
            // "spoke briefly with Roman Abramovich, the Russian billionaire": a known surname
            // read as the given name of an unknown person, when the name stands in apposition
            // to a description of who that is.
            None if next_plain_capitalised(lex, text, hit.end)
                && (titled
                    || ((capitalised_word_before(text, hit.start)
                        || described_after_next_word(text, hit.end)
                        || family_name_first_of_all(lex, text, hit, &surnames))
                        && !institution_follows(text, hit.end))) =>
            {
                // Take every unknown capitalised word that follows ("General Moussa Salaou
                // Barmou"), up to a four-word name.
                let mut end = hit.end;
                let mut words = 1;
                while words < 4
                    && (next_plain_capitalised(lex, text, end)
                        || (words >= 2 && next_is_surname_only(lex, text, end)))
                {
                    let Some((_, to)) = name_word_after(text, end) else {
                        break;
                    };
                    end = to;
                    words += 1;
                }
                let name = text.get(hit.start..end).unwrap_or("").to_string();
                return Some(Mention {
                    start,
                    end,
                    sentence,
                    who: Who::Unknown(name),
                    title_role,
                    title_country,
                    speaker: false,
                    possessive: is_possessive_suffix(text, end),
                    group: None,
                });
            }
            // "Sudan's Yasir Abbas" is not Mahmoud Abbas: a given name the lexicon does not
            // know for any of the surname's people, right before it, names someone else.
            // ("Major General Kashif Abdullah" after a title is not King Abdullah either.)
            None if other_given_name_before(lex, text, hit.start, &surnames)
                && !institution_follows(text, hit.end) =>
            {
                let (mut ws, _) = word_before(text, hit.start)?;
                // "Aizaz Ahmad Chaudhry": further unknown given names before the first one.
                let mut words = 2;
                while words < 4 && other_given_name_before(lex, text, ws, &surnames) {
                    let Some((before, _)) = word_before(text, ws) else {
                        break;
                    };
                    ws = before;
                    words += 1;
                }
                let name = text.get(ws..hit.end).unwrap_or("").to_string();
                return Some(Mention {
                    start: ws,
                    end: hit.end,
                    sentence,
                    who: Who::Unknown(name),
                    title_role,
                    title_country,
                    speaker: false,
                    possessive: is_possessive_suffix(text, hit.end),
                    group: None,
                });
            }
            None => {
                let surname = text.get(hit.start..hit.end).unwrap_or("").to_lowercase();
                Who::Surname {
                    candidates: surnames,
                    guarded: lex.guarded_surnames.contains(&surname),
                    titled,
                }
            }
        }
    } else {
        return None;
    };
    Some(Mention {
        start,
        end: hit.end,
        sentence,
        who,
        title_role,
        title_country,
        speaker: false,
        possessive: is_possessive_suffix(text, hit.end),
        group: None,
    })
}

/// Words that qualify an office without changing whose it is: "Mali's junta leader", "Sudan's
/// army chief", "the Malian transitional president". They may stand between a country and its
/// title.
const ROLE_MODIFIERS: &[&str] = &[
    "junta",
    "military",
    "army",
    "rebel",
    "transitional",
    "interim",
    "ruling",
    "de",
    "facto",
    // "Brunei's second foreign minister": a second minister for the same portfolio.
    "second",
];

/// The gap between a country and a title is an optional "'s" and at most two words of
/// [`ROLE_MODIFIERS`].
fn role_modifiers_only(gap: &str) -> bool {
    let rest = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("\u{2019}s"))
        .unwrap_or(gap);
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 2
        && words
            .iter()
            .all(|w| ROLE_MODIFIERS.contains(&w.to_lowercase().as_str()))
}

/// Builds the mention(s) for a title at `ents[i]`: with the name that follows, as an unknown
/// official, or as a role (one per country for plural titles).
#[allow(clippy::too_many_arguments)]
fn title_mention(
    lex: &Lexicon,
    text: &str,
    ents: &[Hit<'_, EntitySense>],
    i: usize,
    title: Option<usize>,
    speaker: bool,
    sentence: usize,
    sentence_end: usize,
    consumed: &mut [bool],
    groups: &mut usize,
) -> Option<Vec<Mention>> {
    let hit = ents.get(i)?;
    let t = title.and_then(|t| lex.titles.get(t));
    // "secretary-general of Thailand's National Security Council": a title bound to an
    // organisation ("secretary-general" of the UN) heads something else when an "of" names
    // another body.
    if let Some(org) = t.and_then(|t| t.org.as_deref()) {
        let after = text.get(hit.end..sentence_end).unwrap_or("");
        if let Some(of) = after.strip_prefix(" of ") {
            let head: String = of.chars().take(org.len() + 12).collect();
            let names_org = head.to_lowercase().contains(&org.to_lowercase())
                || head.starts_with("the UN")
                || head.starts_with("the U.N.");
            if !names_org {
                return None;
            }
        }
    }
    // Countries written before the title: "Azerbaijani", "Azerbaijan's", "US, Armenian", "Armenian and Azerbaijani".
    let mut countries: Vec<String> = Vec::new();
    let mut start = hit.start;
    let mut j = i;
    while j > 0 {
        let Some(prev) = ents.get(j - 1) else { break };
        let g = gap(text, prev.end, start);
        let g_trim = g.trim();
        let Some(code) = prev.senses.iter().find_map(|s| match s {
            EntitySense::Country(c, CountryForm::Demonym | CountryForm::Name) => Some(*c),
            _ => None,
        }) else {
            break;
        };
        let joined = g_trim.is_empty()
            || g_trim == "'s"
            || g_trim == "\u{2019}s"
            || role_modifiers_only(g_trim)
            || (t.is_some_and(|t| t.plural)
                && (g_trim == "," || g_trim == "and" || g_trim == ", and"))
            || (!countries.is_empty() && (g_trim == "," || g_trim == "and"));
        if !joined || (g.len() > 6 && !role_modifiers_only(g_trim)) {
            break;
        }
        if let Some(c) = lex.countries.get(code) {
            countries.insert(0, c.code.clone());
        }
        consumed[j - 1] = true;
        start = prev.start;
        j -= 1;
    }
    // "President of Russia", "the prime minister of Armenia", "the foreign ministers of Russia
    // and Ukraine".
    let mut end = hit.end;
    let mut k = i + 1;
    let plural = t.is_some_and(|t| t.plural);
    while let Some(next) = ents.get(k) {
        let g = gap(text, end, next.start).trim().to_lowercase();
        let joins = if end == hit.end {
            // "his counterparts from the United Arab Emirates, Egypt and Bahrain".
            g == "of" || g == "of the" || (plural && (g == "from" || g == "from the"))
        } else {
            plural && matches!(g.as_str(), "and" | "," | ", and" | "and the")
        };
        if !joins {
            break;
        }
        let Some(code) = next.senses.iter().find_map(|s| match s {
            EntitySense::Country(c, CountryForm::Name) => Some(*c),
            _ => None,
        }) else {
            break;
        };
        // "a former head of Malaysia's external intelligence agency": the title belongs to
        // what the country owns, not to the country.
        if is_possessive_suffix(text, next.end) {
            return None;
        }
        if let Some(c) = lex.countries.get(code) {
            countries.push(c.code.clone());
        }
        consumed[k] = true;
        end = next.end;
        k += 1;
        if !plural {
            break;
        }
    }
    // Further titles glued on ("Prime Minister" after "Acting", "Foreign Minister" after "Deputy")
    // are separate hits; a name may follow them. Take the name after this title, allowing an
    // apposition comma or bracket: "the Russian president, Vladimir Putin,".
    let mut name_hit: Option<usize> = None;
    // "Emir Sheikh Tamim bin Hamad Al Thani": a form of address between the title and the name
    // belongs to the name.
    if let Some(next) = ents.get(k) {
        let address = next.senses.iter().any(
            |s| matches!(s, EntitySense::Title(t) if lex.titles.get(*t).is_some_and(|t| t.address)),
        );
        // "his Indian counterpart, Lieutenant General Rajiv Ghai": after an apposition comma,
        // a rank followed by a name (known or not) names the holder of the title too.
        let g = gap(text, end, next.start).trim();
        let apposition = g == ","
            && (ents.get(k + 1).is_some_and(|n| {
                gap(text, next.end, n.start).trim().is_empty()
                    && n.senses.iter().any(|s| {
                        matches!(
                            s,
                            EntitySense::PersonFull(_) | EntitySense::PersonSurname(_)
                        )
                    })
            }) || unknown_name_after(
                text,
                next.end,
                ents.get(k + 1)
                    .map_or(sentence_end, |n| n.start)
                    .min(sentence_end),
            )
            .is_some());
        if address && ((g.is_empty() && ents.get(k + 1).is_some()) || apposition) {
            if let Some(c) = consumed.get_mut(k) {
                *c = true;
            }
            end = next.end;
            k += 1;
        }
    }
    if let Some(next) = ents.get(k) {
        let g = gap(text, end, next.start);
        // Apposition ("the Russian president, Vladimir Putin"), a bracketed insertion
        // ("President [Dmitry] Medvedev") or one misspelt first name ("Minister Jeyhum Bayramov").
        let one_word = !g.trim().is_empty()
            && g.trim().chars().all(|c| c.is_alphabetic())
            && g.trim().chars().next().is_some_and(|c| c.is_uppercase());
        let ok_gap = matches!(g.trim(), "" | "," | "(" | "[")
            || (g.trim_start().starts_with('[') && g.trim_end().ends_with(']'))
            || one_word;
        let is_person = next.senses.iter().any(|s| {
            matches!(
                s,
                EntitySense::PersonFull(_) | EntitySense::PersonSurname(_)
            )
        });
        if (ok_gap && g.len() <= 12 && is_person) || given_names_in_another_spelling(lex, g, next) {
            name_hit = Some(k);
        }
    }
    let role = t.map(|t| t.role.clone());
    let title_country = countries
        .first()
        .cloned()
        .or_else(|| t.and_then(|t| t.country.clone()));
    if let Some(k) = name_hit {
        consumed[k] = true;
        let next = ents.get(k)?;
        let mut m = name_mention(lex, text, next, sentence, true, role.clone(), title_country)?;
        m.start = start;
        m.speaker = speaker;
        return Some(vec![m]);
    }
    // A title that is only a form of address needs a name: a known one (above) or an unknown
    // one read below ("General Mario Montoya").
    if t.is_some_and(|t| t.address) {
        let next_start = ents.get(k).map(|e| e.start).unwrap_or(sentence_end);
        unknown_name_after(text, end, next_start.min(sentence_end))?;
    }
    if t.is_some_and(|t| t.plural) && countries.len() >= 2 {
        // "Special envoys of Armenia and Turkey on the normalization of relations, Ruben
        // Rubinyan and Serdar Kılıç": one name per country in apposition. Names the lexicon
        // knows are mentions of their own; the others are unknown officials of those countries.
        if let Some(names) = names_in_apposition(text, ents, end, sentence_end, countries.len()) {
            *groups += 1;
            let g = *groups;
            let unknown: Vec<Mention> = names
                .into_iter()
                .zip(countries.iter())
                .filter_map(|(n, c)| {
                    let (range, name) = n?;
                    Some(Mention {
                        start: range.start,
                        end: range.end,
                        sentence,
                        who: Who::Unknown(name),
                        title_role: role.clone(),
                        title_country: Some(c.clone()),
                        speaker: false,
                        possessive: is_possessive_suffix(text, range.end),
                        group: Some(g),
                    })
                })
                .collect();
            return Some(unknown);
        }
    }
    // "their national security advisers, Ajit Doval and Nasser Khan Janjua, held talks": a
    // plural title without countries, then two names in apposition right after its comma.
    if t.is_some_and(|t| t.plural) && countries.len() < 2 {
        let right_after_comma = text
            .get(end..sentence_end)
            .is_some_and(|r| r.starts_with(", "));
        let names = right_after_comma
            .then(|| names_in_apposition(text, ents, end, sentence_end, 2))
            .flatten();
        if let Some(names) = names {
            *groups += 1;
            let g = *groups;
            let unknown: Vec<Mention> = names
                .into_iter()
                .filter_map(|n| {
                    let (range, name) = n?;
                    Some(Mention {
                        start: range.start,
                        end: range.end,
                        sentence,
                        who: Who::Unknown(name),
                        title_role: role.clone(),
                        title_country: title_country.clone(),
                        speaker: false,
                        possessive: is_possessive_suffix(text, range.end),
                        group: Some(g),
                    })
                })
                .collect();
            if !unknown.is_empty() {
                return Some(unknown);
            }
        }
    }
    // "Brunei's second foreign minister, Awang Hamid,": one given name nobody knows, then a
    // surname the lexicon knows for someone else, is one unknown official.
    if let Some(next) = ents.get(k) {
        let g = gap(text, end, next.start);
        let word = g.trim_start_matches([' ', ',']).trim_end();
        let surname_only = next
            .senses
            .iter()
            .all(|s| matches!(s, EntitySense::PersonSurname(_)));
        let given_of_theirs = next.senses.iter().any(|s| match s {
            EntitySense::PersonSurname(p) => lex
                .persons
                .get(*p)
                .is_some_and(|person| similar_first_name(word, &person.first_names)),
            _ => false,
        });
        let plain_word = !word.is_empty()
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && word.chars().next().is_some_and(char::is_uppercase)
            && !NOT_FIRST_NAMES.contains(&word.to_lowercase().as_str())
            && !HONORIFICS.contains(&word.to_lowercase().as_str());
        let lead = g.len() - g.trim_start_matches([' ', ',']).len();
        if surname_only
            && plain_word
            && !given_of_theirs
            && (1..=2).contains(&lead)
            && g.ends_with(' ')
            && g.trim_end().len() == g.len() - 1
            && lex.entities.find(text, end, next.start).is_empty()
        {
            if let Some(c) = consumed.get_mut(k) {
                *c = true;
            }
            let name = format!("{word} {}", text.get(next.start..next.end).unwrap_or(""));
            return Some(vec![Mention {
                start,
                end: next.end,
                sentence,
                who: Who::Unknown(name),
                title_role: role,
                title_country,
                speaker,
                possessive: is_possessive_suffix(text, next.end),
                group: None,
            }]);
        }
    }
    // An unknown official: "spokesman Matthew Miller", "Foreign Minister Jane Doe".
    let next_start = ents.get(k).map(|e| e.start).unwrap_or(sentence_end);
    // "the speaker of the Verkhovna Rada, Dmytro Razumkov": the name may follow a short
    // qualifier of the title (no person or country inside it) and its comma.
    let qualified = || {
        let comma = qualifier_comma(text, end, next_start.min(sentence_end))?;
        unknown_name_after(text, comma, next_start.min(sentence_end))
    };
    if let Some((mut name_end, mut name)) =
        unknown_name_after(text, end, next_start.min(sentence_end)).or_else(qualified)
    {
        // "his counterpart Aizaz Ahmad Chaudhry": unknown given names before a surname the
        // lexicon knows for someone else; the surname ends this name.
        if let Some(next) = ents.get(k).filter(|n| {
            gap(text, name_end, n.start) == " "
                && n.senses
                    .iter()
                    .any(|s| matches!(s, EntitySense::PersonSurname(_)))
        }) {
            name = format!("{name} {}", text.get(next.start..next.end).unwrap_or(""));
            name_end = next.end;
            if let Some(c) = consumed.get_mut(k) {
                *c = true;
            }
            // "Chairwoman Nguyen Thi Kim Ngan": the known surname may sit inside the name.
            while name.split_whitespace().count() < 4 && next_plain_capitalised(lex, text, name_end)
            {
                let Some((from, to)) = name_word_after(text, name_end) else {
                    break;
                };
                name = format!("{name} {}", text.get(from..to).unwrap_or(""));
                name_end = to;
            }
        }
        return Some(vec![Mention {
            start,
            end: name_end,
            sentence,
            who: Who::Unknown(name),
            title_role: role,
            title_country,
            speaker,
            possessive: is_possessive_suffix(text, name_end),
            group: None,
        }]);
    }
    // "Masaaki Kanai, director-general of the Asian and Oceanian Affairs Bureau": a name the
    // lexicon does not know, in apposition right before a singular title that names nobody
    // else, is the holder of that title.
    if let Some(title) = t.filter(|t| !t.plural && !t.address && !speaker) {
        if let Some((name_start, name_end, name)) = unknown_name_before(lex, text, start) {
            return Some(vec![Mention {
                start: name_start,
                end: name_end,
                sentence,
                who: Who::Unknown(name),
                title_role: Some(title.role.clone()),
                title_country: countries.first().cloned().or_else(|| title.country.clone()),
                speaker: false,
                possessive: false,
                group: None,
            }]);
        }
    }
    if speaker {
        return None;
    }
    let t = t?;
    let mk = |country: Option<String>, group: Option<usize>| Mention {
        start,
        end,
        sentence,
        who: Who::Role {
            role: t.role.clone(),
            country,
            org: t.org.clone(),
        },
        title_role: None,
        title_country: None,
        speaker: false,
        possessive: is_possessive_suffix(text, end),
        group,
    };
    if t.plural {
        if countries.len() < 2 {
            // "the presidents" without countries is a plural group, handled as such elsewhere.
            return None;
        }
        *groups += 1;
        let g = *groups;
        return Some(
            countries
                .into_iter()
                .map(|c| mk(Some(c), Some(g)))
                .collect(),
        );
    }
    let country = countries.into_iter().next().or_else(|| t.country.clone());
    Some(vec![mk(country, None)])
}

/// The names in apposition after a plural title, one per country: `None` for a name the
/// lexicon knows (it is a mention of its own), `Some` for an unknown one. The names follow the
/// first comma after the title (within a short qualifier such as "on the normalization of
/// relations"), joined by "and" or commas. `None` unless exactly `count` names stand there.
#[allow(clippy::type_complexity)]
fn names_in_apposition(
    text: &str,
    ents: &[Hit<'_, EntitySense>],
    title_end: usize,
    sentence_end: usize,
    count: usize,
) -> Option<Vec<Option<(std::ops::Range<usize>, String)>>> {
    let rest = text.get(title_end..sentence_end)?;
    let comma = rest.find(',')?;
    let qualifier = rest.get(..comma)?;
    if qualifier.len() > 60 || qualifier.contains(['.', ';', ':']) {
        return None;
    }
    let mut pos = title_end + comma;
    let mut names = Vec::new();
    while names.len() < count {
        // The separator before this name: the apposition comma, then "and" or ",".
        let tail = text.get(pos..sentence_end)?;
        let sep = tail.len()
            - tail
                .trim_start_matches([',', ' '])
                .trim_start_matches("and ")
                .len();
        if sep == 0 {
            return None;
        }
        let name_start = pos + sep;
        let person = ents.iter().find(|e| {
            e.start == name_start
                && e.senses.iter().any(|s| {
                    matches!(
                        s,
                        EntitySense::PersonFull(_) | EntitySense::PersonSurname(_)
                    )
                })
        });
        if let Some(p) = person {
            names.push(None);
            pos = p.end;
        } else {
            let (name_end, name) = unknown_name_after(text, name_start - 1, sentence_end)?;
            names.push(Some((name_start..name_end, name)));
            pos = name_end;
        }
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts() {
        assert_eq!(edit_distance("vladmir", "vladimir"), 1);
        assert_eq!(edit_distance("anthony", "antony"), 1);
        assert_eq!(edit_distance("jeyhum", "jeyhun"), 1);
        assert_eq!(edit_distance("thursday", "vladimir"), 8);
    }

    #[test]
    fn first_names_need_the_same_initial() {
        let names = vec!["vladimir".to_string()];
        assert!(similar_first_name("Vladmir", &names));
        assert!(!similar_first_name("Blamir", &names));
        assert!(!similar_first_name("Vl", &names));
    }

    #[test]
    fn unknown_names_are_two_to_four_capitalised_words() {
        let t = "spokesman Matthew Miller said";
        assert_eq!(
            unknown_name_after(t, 9, t.len()),
            Some((24, "Matthew Miller".to_string()))
        );
        let t = "spokesman said";
        assert_eq!(unknown_name_after(t, 9, t.len()), None);
        let t = "President On Monday";
        assert_eq!(unknown_name_after(t, 9, t.len()), None);
    }
}
