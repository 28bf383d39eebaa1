//! Mentions → actors: which person each name, surname or role refers to.
//!
//! Time-aware: "the Russian president" is whoever held that office at the document's date, and a
//! surname shared by several lexicon people goes to the one named in full in the document, else to
//! the one in office at the date. Discourse comes first: a role is read as a person the document
//! already names when one of them holds it ("the Secretary" → the Secretary of State named earlier).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::lexicon::Lexicon;
use crate::mentions::{edit_distance, Mention, Who};

/// A resolved participant: a lexicon person or an official known only by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    /// Index into [`Lexicon::persons`].
    Known(usize),
    /// Name as written.
    Unknown(String),
}

/// Drops guarded surnames written without a title ("May", "Rice", "Muscat") when the document
/// names none of the people they could stand for in full: there they are a month, a word or a
/// place, and a person mention that resolves to nobody would still hide them from the place,
/// mediator and coordination rules that read the sentence.
pub fn drop_unbacked_guarded(mentions: &mut Vec<Mention>) {
    let named: HashSet<usize> = mentions
        .iter()
        .filter_map(|m| match m.who {
            Who::Known(p) => Some(p),
            _ => None,
        })
        .collect();
    mentions.retain(|m| match &m.who {
        Who::Surname {
            candidates,
            guarded: true,
            titled: false,
        } => candidates.iter().any(|p| named.contains(p)),
        _ => true,
    });
}

/// Resolves every singular mention of a document; pronouns and plural mentions stay `None`
/// (they are resolved against the events around them in [`crate::frames`]).
pub fn resolve_mentions(
    lex: &Lexicon,
    spelling: &SpellingIndex,
    text: &str,
    mentions: &[Mention],
    reference: Option<NaiveDate>,
) -> Vec<Option<Actor>> {
    // People the document names in full: surnames and roles prefer them.
    let named: HashSet<usize> = mentions
        .iter()
        .filter_map(|m| match m.who {
            Who::Known(p) => Some(p),
            _ => None,
        })
        .collect();
    let mut out: Vec<Option<Actor>> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let actor = match &m.who {
            Who::Known(p) => Some(Actor::Known(*p)),
            Who::Unknown(name) => Some(
                spelling
                    .near_spelling(name)
                    .map(Actor::Known)
                    .unwrap_or_else(|| Actor::Unknown(name.clone())),
            ),
            Who::Surname {
                candidates,
                guarded,
                titled,
            } => {
                let in_doc: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|p| named.contains(p))
                    .collect();
                if *guarded && !*titled && in_doc.is_empty() {
                    None
                } else if let Some(p) = in_doc.first() {
                    Some(Actor::Known(*p))
                } else {
                    pick_by_date(lex, candidates, reference).map(Actor::Known)
                }
            }
            Who::Role { role, country, org } => {
                let earlier: Vec<&Option<Actor>> = out.iter().take(i).collect();
                resolve_role(
                    lex,
                    text,
                    mentions,
                    &earlier,
                    i,
                    role,
                    country.as_deref(),
                    org.as_deref(),
                    &named,
                    reference,
                )
                .map(Actor::Known)
            }
            Who::Singular | Who::Plural => None,
        };
        out.push(actor);
    }
    out
}

/// People of the lexicon by the lower-case words of their full name with one word left out:
/// finds "Khalifa Haftar" for "Khalifa Hafter" with a few lookups instead of a pass over
/// every person. Built once per extractor.
#[derive(Debug, Default)]
pub struct SpellingIndex {
    by_shape: HashMap<String, Vec<(usize, String)>>,
    /// Full names folded by [`hyphen_key`] → the people with that key.
    by_key: HashMap<String, Vec<usize>>,
}

/// A name in lower case, without diacritics, hyphens read as spaces: "Kim Yong-nam" and
/// "Kim Yong Nam" have the same key.
fn hyphen_key(name: &str) -> String {
    crate::names::fold_name(name)
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key of `words` with word `skip` replaced by a placeholder.
fn shape_key(words: &[String], skip: usize) -> String {
    let mut key = String::new();
    for (k, w) in words.iter().enumerate() {
        key.push_str(if k == skip { "*" } else { w });
        key.push(' ');
    }
    key
}

impl SpellingIndex {
    /// Indexes the full names of `lex`'s people of two words or more.
    pub fn new(lex: &Lexicon) -> SpellingIndex {
        let mut by_shape: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in lex.persons.iter().enumerate() {
            by_key.entry(hyphen_key(&p.name)).or_default().push(i);
            let words: Vec<String> = p.name.split_whitespace().map(str::to_lowercase).collect();
            if words.len() < 2 {
                continue;
            }
            for (k, w) in words.iter().enumerate() {
                by_shape
                    .entry(shape_key(&words, k))
                    .or_default()
                    .push((i, w.clone()));
            }
        }
        SpellingIndex { by_shape, by_key }
    }

    /// "Khalifa Hafter", "Fayez al-Serraj": a name the lexicon does not know that is one of its
    /// people's full names hyphenated differently, or that differs from
    /// exactly one person's full name by one letter in one word of five letters or more, the
    /// other words equal, is that person written in another transliteration.
    pub fn near_spelling(&self, name: &str) -> Option<usize> {
        // "Kim Yong-nam" for Kim Yong Nam: the same words, hyphenated.
        if let Some([p]) = self.by_key.get(&hyphen_key(name)).map(Vec::as_slice) {
            return Some(*p);
        }
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        if words.len() < 2 {
            return None;
        }
        let mut found = None;
        for (k, w) in words.iter().enumerate() {
            if w.chars().count() < 5 {
                continue;
            }
            let Some(people) = self.by_shape.get(&shape_key(&words, k)) else {
                continue;
            };
            for (p, theirs) in people {
                let close = theirs != w
                    && theirs.chars().next() == w.chars().next()
                    && edit_distance(w, theirs) == 1;
                if close {
                    if found.is_some_and(|f| f != *p) {
                        // Two people one letter away: the spelling does not tell which.
                        return None;
                    }
                    found = Some(*p);
                }
            }
        }
        found
    }
}

fn pick_by_date(
    lex: &Lexicon,
    candidates: &[usize],
    reference: Option<NaiveDate>,
) -> Option<usize> {
    if let Some(d) = reference {
        if let Some(p) = candidates
            .iter()
            .copied()
            .find(|&p| lex.persons.get(p).is_some_and(|x| x.in_office_on(d)))
        {
            return Some(p);
        }
    }
    // Without a date: the most recent office holder is the likelier subject of news.
    candidates.iter().copied().max_by_key(|&p| {
        lex.persons
            .get(p)
            .and_then(|x| x.offices.iter().filter_map(|o| o.from).max())
    })
}

#[allow(clippy::too_many_arguments)]
fn resolve_role(
    lex: &Lexicon,
    text: &str,
    mentions: &[Mention],
    earlier: &[&Option<Actor>],
    i: usize,
    role: &str,
    country: Option<&str>,
    org: Option<&str>,
    named: &HashSet<usize>,
    reference: Option<NaiveDate>,
) -> Option<usize> {
    let this = mentions.get(i)?;
    let role: String = match role {
        "leader" => {
            // "Ahmadinejad ... The Iranian leader also spoke by telephone with Abdullah": the
            // country's head of state or government the text named last, before the holder of
            // the country's leading office (Iran's supreme leader).
            // The holder of the country's leading office comes first when the text named
            // them ("a South Korean leader" is the president, not the prime minister).
            let code = country?;
            let c = lex.country(code)?;
            let leading = c.leader_role(reference).to_string();
            let named_holding = |roles: &[&str]| {
                earlier.iter().take(i).rev().find_map(|a| match a {
                    Some(Actor::Known(p)) => lex
                        .persons
                        .get(*p)
                        .filter(|x| {
                            x.country == code
                                && x.offices.iter().any(|o| {
                                    roles.contains(&o.role.as_str()) && o.held_on(reference)
                                })
                        })
                        .map(|_| *p),
                    _ => None,
                })
            };
            let named_leader = named_holding(&[leading.as_str()])
                .or_else(|| named_holding(&["head_of_state", "head_of_government"]));
            if named_leader.is_some() {
                return named_leader;
            }
            leading
        }
        "counterpart" => {
            // The same role as the sentence's first person before this mention.
            let anchor = mentions
                .iter()
                .zip(earlier.iter())
                .take(i)
                .filter(|(m, _)| m.sentence == this.sentence && !m.speaker)
                .find_map(|(_, a)| match a {
                    Some(Actor::Known(p)) => Some(*p),
                    _ => None,
                })?;
            let person = lex.persons.get(anchor)?;
            person.main_office(reference)?.role.clone()
        }
        r => r.to_string(),
    };
    if country.is_none() && org.is_none() {
        // "the Prime Minister": a person named before who holds that role; with several, the
        // one the text has named most often (the article's protagonist: "the Head of State" in
        // a Venezuelan readout is Maduro, not the guest named last), then the latest.
        let holds = |p: usize| {
            lex.persons.get(p).is_some_and(|x| {
                x.offices
                    .iter()
                    .any(|o| o.role == role && o.held_on(reference))
            })
        };
        // One pass: how often and how late each person was named.
        let mut seen: std::collections::HashMap<usize, (usize, usize)> =
            std::collections::HashMap::new();
        for (at, a) in earlier.iter().enumerate() {
            if let Some(Actor::Known(p)) = a {
                let e = seen.entry(*p).or_insert((0, at));
                e.0 += 1;
                e.1 = at;
            }
        }
        // "Spain's King Juan Carlos ... held talks with Vazquez. The king had telephoned
        // Kirchner": a monarch's title word points at the person named with it, not at any
        // head of state.
        let word_of = |m: &Mention| {
            text.get(m.start..m.end)
                .unwrap_or("")
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase()
        };
        let title_word = word_of(this);
        let monarch = MONARCH_WORDS.contains(&title_word.as_str());
        let titled_so = |p: usize| {
            mentions.iter().zip(earlier.iter()).take(i).any(|(m, a)| {
                matches!(a, Some(Actor::Known(q)) if *q == p)
                    && text
                        .get(m.start..m.end)
                        .unwrap_or("")
                        .to_lowercase()
                        .split_whitespace()
                        .any(|w| w == title_word)
            })
        };
        return seen
            .into_iter()
            .filter(|(p, _)| holds(*p))
            .max_by_key(|(p, (count, last))| (monarch && titled_so(*p), *count, *last))
            .map(|(p, _)| p);
    }
    // "the Armenian minister", "the Russian official": a generic title points back at the
    // latest person from that country the text has named, whatever their office.
    if role == "official" {
        if let Some(c) = country {
            let back = earlier.iter().rev().find_map(|a| match a {
                Some(Actor::Known(p)) => lex
                    .persons
                    .get(*p)
                    .filter(|x| x.country == c && x.offices_on(reference).next().is_some())
                    .map(|_| *p),
                _ => None,
            });
            if back.is_some() {
                return back;
            }
        }
    }
    let holders = lex.holders(&role, country, org, reference);
    let in_doc: Vec<usize> = holders
        .iter()
        .copied()
        .filter(|p| named.contains(p))
        .collect();
    match (in_doc.as_slice(), holders.as_slice()) {
        ([p], _) => Some(*p),
        (_, [p]) => Some(*p),
        ([p, ..], _) => Some(*p),
        _ => None,
    }
}

/// Titles only a monarch bears: "the king" is the person the text called King, not whichever
/// head of state it named most.
const MONARCH_WORDS: &[&str] = &["king", "queen", "emir", "amir", "sultan", "monarch"];

#[cfg(test)]
mod tests {
    use super::SpellingIndex;
    use crate::Lexicon;

    #[test]
    fn a_known_name_hyphenated_or_not_is_that_person() {
        let lex = Lexicon::builtin().expect("the built-in lexicon loads");
        let index = SpellingIndex::new(&lex);
        let hyphenated = index.near_spelling("Nguyen Xuan-Phuc");
        let with_spaces = index.near_spelling("Han Duck Soo");
        assert!(hyphenated.is_some_and(|p| lex.persons[p].name == "Nguyen Xuan Phuc"));
        assert!(with_spaces.is_some_and(|p| lex.persons[p].name == "Han Duck-soo"));
        assert_eq!(index.near_spelling("Nguyen Van-Thieu"), None);
    }
}
