//! Later, shorter mentions of officials the lexicon does not know.
//!
//! News introduces a person once in full with a title ("US special envoy Steve Witkoff") and then
//! uses the surname alone ("Witkoff said ..."). The lexicon resolves surnames of the people it
//! knows; for everybody else this pass finds the bare surname after the full introduction and
//! points it at the same person, so an envoy or a mediator is a participant in every sentence
//! that names them, not only in the first.

use std::ops::Range;

use crate::lexicon::Lexicon;
use crate::mentions::{Mention, Who};

/// Adds a mention for each later bare-surname use of an unknown official introduced earlier in
/// the document in full. `sentences` are the document's sentence ranges in order; the result
/// stays sorted by start offset.
pub fn add_unknown_surnames(text: &str, sentences: &[Range<usize>], mentions: &mut Vec<Mention>) {
    unify_unknown_spellings(mentions);
    // (surname, full name, first offset, speaker): the first full mention of each unknown name.
    let mut known: Vec<(String, String, usize, bool)> = Vec::new();
    for m in mentions.iter() {
        let Who::Unknown(name) = &m.who else { continue };
        // Chinese and Korean officials are named family name first ("Vice President Han
        // Zheng" ... "Han").
        let family_first = match m.title_country.as_deref() {
            Some(c) => FAMILY_NAME_FIRST.contains(&c),
            // "Beijing has said that Vice President Han Zheng will attend": no demonym on the
            // title, but the sentence says whose official it is.
            None => sentences
                .get(m.sentence)
                .and_then(|r| text.get(r.clone()))
                .is_some_and(|s| FAMILY_NAME_FIRST_CUES.iter().any(|c| s.contains(c))),
        };
        // "Silvestre Bello III" is "Bello" later: a generational suffix is no surname.
        let family = if family_first {
            name.split_whitespace().next()
        } else {
            name.split_whitespace()
                .rev()
                .find(|w| !matches!(*w, "Jr" | "Jr." | "Sr" | "Sr." | "II" | "III" | "IV"))
        };
        let Some(last) = family else {
            continue;
        };
        let surname = last.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let usable = surname.chars().count() >= 3
            && surname.chars().next().is_some_and(char::is_uppercase)
            && name.split_whitespace().count() >= 2;
        if !usable || known.iter().any(|(s, _, _, _)| s == surname) {
            continue;
        }
        known.push((surname.to_string(), name.clone(), m.end, m.speaker));
    }
    if known.is_empty() {
        return;
    }
    // Two different unknown people sharing a surname: leave that surname alone.
    let mut ambiguous: Vec<String> = Vec::new();
    for (s, n, _, _) in &known {
        let clash = mentions.iter().any(|m| match &m.who {
            Who::Unknown(other) => {
                other != n && other.split_whitespace().last() == Some(s.as_str())
            }
            _ => false,
        });
        if clash {
            ambiguous.push(s.clone());
        }
    }
    // Lexicon people the document names in full: their bare surnames stay theirs.
    let named_in_full: Vec<usize> = mentions
        .iter()
        .filter_map(|m| match m.who {
            Who::Known(p) => Some(p),
            _ => None,
        })
        .collect();
    let mut added = Vec::new();
    let mut retargeted: Vec<(usize, String)> = Vec::new();
    for (surname, name, after, speaker) in &known {
        if ambiguous.contains(surname) {
            continue;
        }
        for (at, _) in text.match_indices(surname.as_str()) {
            let end = at + surname.len();
            if at < *after || !whole_word(text, at, end) {
                continue;
            }
            // A lexicon surname the document never introduces in full ("Han" for a South
            // Korean premier, in an article that introduced China's Han Zheng) is the person
            // the document introduced.
            if let Some(k) = mentions.iter().position(|m| m.start == at && m.end == end) {
                let stranger = mentions.get(k).is_some_and(|m| {
                    matches!(&m.who, Who::Surname { candidates, .. }
                        if !candidates.iter().any(|c| named_in_full.contains(c)))
                });
                if stranger {
                    retargeted.push((k, name.clone()));
                }
                continue;
            }
            let covered = mentions.iter().any(|m| m.start < end && at < m.end);
            if covered {
                continue;
            }
            let Some(mut m) = bare_mention(text, sentences, at, end) else {
                continue;
            };
            m.who = Who::Unknown(name.clone());
            m.speaker = *speaker;
            added.push(m);
        }
    }
    for (k, name) in retargeted {
        if let Some(m) = mentions.get_mut(k) {
            m.who = Who::Unknown(name);
        }
    }
    if added.is_empty() {
        return;
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// Points "Sheikh Abdullah", "Emir Tamim", "Crown Prince Mohammed" at the person the document
/// names in full whose first given name follows the honorific: Gulf royals are called by their
/// given name, which the lexicon cannot list as a surname (every other Abdullah would match).
/// Only when exactly one person named in full has that given name.
pub fn add_given_names_after_honorifics(
    lex: &Lexicon,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &mut Vec<Mention>,
) {
    let mut named: Vec<usize> = mentions
        .iter()
        .filter_map(|m| match m.who {
            Who::Known(p) => Some(p),
            _ => None,
        })
        .collect();
    named.sort_unstable();
    named.dedup();
    // Given name -> the one person named in full with it (None when two share it).
    let mut by_given: Vec<(String, Option<usize>)> = Vec::new();
    for &p in &named {
        let Some(given) = lex.persons.get(p).and_then(|x| x.first_names.first()) else {
            continue;
        };
        match by_given.iter_mut().find(|(g, _)| g == given) {
            Some(entry) => entry.1 = None,
            None => by_given.push((given.clone(), Some(p))),
        }
    }
    if by_given.is_empty() {
        return;
    }
    let mut added = Vec::new();
    // One pass for which honorifics occur at all (a text search per honorific was most of this).
    static HONORIFICS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let present = crate::scan::present(&HONORIFICS, GIVEN_NAME_HONORIFICS, &[text]);
    for (k, honorific) in GIVEN_NAME_HONORIFICS.iter().enumerate() {
        // (Past 64 honorifics `present` has no bit: search.)
        if u32::try_from(k)
            .ok()
            .and_then(|k| present.checked_shr(k))
            .is_some_and(|bits| bits & 1 == 0)
        {
            continue;
        }
        for (at, _) in text.match_indices(honorific) {
            if !whole_word(text, at, at + honorific.len()) {
                continue;
            }
            let from = at + honorific.len() + 1;
            if text.get(at + honorific.len()..from) != Some(" ") {
                continue;
            }
            let word_len: usize = text
                .get(from..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '-')
                .map(char::len_utf8)
                .sum();
            let end = from + word_len;
            let Some(word) = text.get(from..end) else {
                continue;
            };
            if !word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let lower = word.to_lowercase();
            let Some(p) = by_given
                .iter()
                .find(|(g, _)| *g == lower)
                .and_then(|(_, p)| *p)
            else {
                continue;
            };
            // "Sheikh Abdullah bin Zayed": the full name is a mention already. A surname
            // mention of someone else on the word is this person instead.
            let mut covered = false;
            for m in mentions.iter_mut() {
                if m.start < end && from < m.end {
                    covered = true;
                    if matches!(&m.who, Who::Surname { candidates, .. } if !candidates.contains(&p))
                        && m.end == end
                    {
                        m.who = Who::Known(p);
                        m.start = m.start.min(at);
                    }
                }
            }
            if covered {
                continue;
            }
            let Some(mut m) = bare_mention(text, sentences, at, end) else {
                continue;
            };
            m.who = Who::Known(p);
            added.push(m);
        }
    }
    if added.is_empty() {
        return;
    }
    // "Crown Prince Mohammed" is found under "Prince" too: one mention per name.
    added.sort_by_key(|m| (m.end, m.start));
    added.dedup_by_key(|m| m.end);
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// A mention of `text[at..end]` with no title, in the sentence that holds it (None when it
/// straddles two); `who` is a placeholder for the caller to set.
fn bare_mention(text: &str, sentences: &[Range<usize>], at: usize, end: usize) -> Option<Mention> {
    let sentence = sentences
        .iter()
        .position(|s| s.start <= at && end <= s.end)?;
    let rest = text.get(end..).unwrap_or("");
    Some(Mention {
        start: at,
        end,
        sentence,
        who: Who::Singular,
        title_role: None,
        title_country: None,
        speaker: false,
        possessive: rest.starts_with("'s") || rest.starts_with("\u{2019}s"),
        group: None,
    })
}

/// Honorifics the Gulf press puts before a royal's given name ("Sheikh Tamim").
const GIVEN_NAME_HONORIFICS: &[&str] = &[
    "Sheikh",
    "Sheikha",
    "Emir",
    "Crown Prince",
    "Prince",
    "Princess",
    "Sultan",
    "King",
];

/// "Foreign Minister Tandi Dorji ... Lyonpo Tandi Dorjee": a later unknown name spelt a
/// little differently from an earlier one (same number of words, the same first letters, each
/// word at most two edits away, one of them at least identical) is the same person.
fn unify_unknown_spellings(mentions: &mut [Mention]) {
    let mut seen: Vec<String> = Vec::new();
    for m in mentions.iter_mut() {
        let Who::Unknown(name) = &m.who else { continue };
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let earlier = seen.iter().find(|e| {
            let other: Vec<String> = e.split_whitespace().map(str::to_lowercase).collect();
            *e != name
                && other.len() == words.len()
                && words.len() >= 2
                && words.iter().zip(&other).any(|(a, b)| a == b)
                && words.iter().zip(&other).all(|(a, b)| {
                    a.chars().next() == b.chars().next()
                        && crate::mentions::edit_distance(a, b) <= 2
                        && a.chars().count().min(b.chars().count()) >= 4
                })
        });
        match earlier {
            Some(e) => m.who = Who::Unknown(e.clone()),
            None => seen.push(name.clone()),
        }
    }
}

/// Countries whose officials the English-language press calls by the first word of their
/// name: the family name for China and Korea, the given name for Thailand and Laos ("acting
/// Prime Minister Phumtham Wechayachai" ... "Phumtham"), and for Brunei, Malaysia and Indonesia,
/// whose names carry a patronym or no family name ("Erywan Yusof" ... "Erywan", "Retno Marsudi"
/// ... "Retno").
const FAMILY_NAME_FIRST: &[&str] = &[
    "CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "THA", "LAO", "BRN", "MYS", "IDN",
];

/// Words of a sentence that place an untitled official in one of those countries.
const FAMILY_NAME_FIRST_CUES: &[&str] = &[
    "China",
    "Chinese",
    "Beijing",
    "Taiwan",
    "Taipei",
    "Korea",
    "Seoul",
    "Pyongyang",
    "Thai",
    "Thailand",
    "Bangkok",
    "Laos",
    "Lao",
    "Vientiane",
];

/// True when `text[at..end]` is a whole word: no letter or digit right before or after it.
fn whole_word(text: &str, at: usize, end: usize) -> bool {
    let before_ok = text
        .get(..at)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text
        .get(end..)
        .and_then(|s| s.chars().next())
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(start: usize, end: usize, sentence: usize, name: &str) -> Mention {
        Mention {
            start,
            end,
            sentence,
            who: Who::Unknown(name.to_string()),
            title_role: Some("envoy".into()),
            title_country: Some("USA".into()),
            speaker: false,
            possessive: false,
            group: None,
        }
    }

    #[test]
    fn a_later_surname_points_at_the_full_name() {
        let text = "US envoy Jane Quill met the minister. Later Quill's team left. Quillby stayed.";
        let first = text.find("Jane Quill").unwrap_or(0);
        let s1 = text.find("Later").unwrap_or(0);
        let sentences = vec![0..s1 - 1, s1..text.len()];
        let mut ms = vec![unknown(first, first + 10, 0, "Jane Quill")];
        add_unknown_surnames(text, &sentences, &mut ms);
        assert_eq!(ms.len(), 2, "{ms:?}");
        let later = &ms[1];
        assert_eq!(text.get(later.start..later.end), Some("Quill"));
        assert!(later.possessive);
        assert_eq!(later.sentence, 1);
        assert!(matches!(&later.who, Who::Unknown(n) if n == "Jane Quill"));
    }

    #[test]
    fn two_people_with_one_surname_stay_apart() {
        let text = "Envoy Jane Quill and aide Tom Quill arrived. Quill spoke.";
        let a = text.find("Jane").unwrap_or(0);
        let b = text.find("Tom").unwrap_or(0);
        let mut ms = vec![
            unknown(a, a + 10, 0, "Jane Quill"),
            unknown(b, b + 9, 0, "Tom Quill"),
        ];
        let whole = vec![Range {
            start: 0,
            end: text.len(),
        }];
        add_unknown_surnames(text, &whole, &mut ms);
        assert_eq!(ms.len(), 2);
    }
}
