//! The sentence being read: its text, mentions, boundaries, cues, times and places, and the
//! clause arithmetic every rule uses (where a clause starts and ends, what lies between two spans).

use super::*;

pub(super) struct Ctx<'a> {
    pub(super) lex: &'a Lexicon,
    pub(super) text: &'a str,
    pub(super) sent: Range<usize>,
    pub(super) mentions: Vec<(&'a Mention, Option<Actor>)>,
    pub(super) boundaries: Vec<Range<usize>>,
    pub(super) cues: Vec<(Range<usize>, CueSense)>,
    pub(super) times: Vec<TimeMention>,
    pub(super) places: Vec<(Range<usize>, FramePlace, bool)>,
    pub(super) countries: Vec<Range<usize>>,
}

pub(super) const SEPARATE_WORDS: &[&str] =
    &["separate", "separately", "respectively", "individually"];

pub(super) const JOINT_WORDS: &[&str] = &[
    "joint",
    "trilateral",
    "three-way",
    "conference",
    "quadrilateral",
    "four-way",
    "together",
];

pub(super) const NOUN_DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "their",
    "his",
    "her",
    "its",
    "our",
    "these",
    "those",
    "this",
    "that",
    "separate",
    "similar",
    "bilateral",
    "trilateral",
    "peace",
    "direct",
    "recent",
    "further",
    "new",
    "first",
    "second",
    "third",
    "latest",
    "next",
    "upcoming",
    "planned",
    "crucial",
    "fresh",
    "another",
    "last",
    "lengthy",
    "brief",
    "closed-door",
    "private",
    "official",
    "face-to-face",
    "indirect",
    "formal",
    "informal",
    "high-level",
    "hour-long",
    "round",
    "of",
    "for",
    "in",
    "at",
    "during",
    "after",
    "before",
    "held",
    "hold",
    "holds",
    "had",
    "have",
    "has",
    "resumed",
    "resume",
    "begin",
    "began",
    "opened",
    "concluded",
    "several",
    "two",
    "three",
];

/// The words between two mentions, lower-cased, with a possessive country or organisation before
/// the second one removed ("and Turkey's" → "and"), so "Russia's Putin and Turkey's Erdogan" reads
/// as a coordinated pair.
pub(super) fn coordination_gap(g: &str) -> String {
    let mut words: Vec<&str> = g.split_whitespace().collect();
    if words.len() >= 2
        && words
            .last()
            .is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"))
    {
        words.pop();
    }
    // "CIA Director William Burns and Mossad director David Barnea": one or two capitalised
    // words after the conjunction name the second person's agency or country, as a possessive
    // would.
    if let Some(first) = words.first().map(|w| w.to_lowercase()) {
        let rest = words.len() - 1;
        if (first == "and" || first == "," || first == ",and") && (1..=2).contains(&rest) {
            let capitalised = words
                .iter()
                .skip(1)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if capitalised {
                words.truncate(1);
            }
        }
    }
    words.join(" ").to_lowercase()
}

/// The number a word names, for group sizes: "two" → 2. Digits are left out: they are mostly
/// days and years.
pub(super) fn number_word(w: &str) -> Option<usize> {
    let n = match w {
        "two" | "both" => 2,
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
    };
    Some(n)
}

/// The ASCII bytes [`lower_words`] keeps in words: letters, digits, `-` and `'`.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'-' || b == b'\'';
        i += 1;
    }
    t
};

/// The words of `s` (runs of letters, digits, `-` and `'`), each lower-cased.
///
/// The rules call this on clauses of every trigger sentence, and the general form (a `char`
/// split, then `str::to_lowercase` per word) was the largest item of frame building on dense
/// news. ASCII text, nearly all of it, takes a byte loop: there `char::is_alphanumeric` is
/// `u8::is_ascii_alphanumeric` and `to_lowercase` is `to_ascii_lowercase`, so the words are
/// the same.
pub(super) fn lower_words(s: &str) -> Vec<String> {
    if !s.is_ascii() {
        return s
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
    }
    // About one word per six bytes of news text: one allocation for most clauses.
    let mut words = Vec::with_capacity(s.len() / 6 + 1);
    let mut start: Option<usize> = None;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if WORD_BYTE.get(usize::from(b)).copied().unwrap_or(false) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(w) = start.take().and_then(|st| s.get(st..i)) {
            words.push(w.to_ascii_lowercase());
        }
    }
    if let Some(w) = start.and_then(|st| s.get(st..)) {
        words.push(w.to_ascii_lowercase());
    }
    words
}

impl<'a> Ctx<'a> {
    pub(super) fn slice(&self, r: Range<usize>) -> &'a str {
        self.text.get(r).unwrap_or("")
    }

    /// Start of the clause holding `at`: just after the last boundary before it.
    pub(super) fn clause_start(&self, at: usize) -> usize {
        let mut s = self.sent.start;
        for b in &self.boundaries {
            if b.end <= at && b.end > s {
                s = b.end;
            }
        }
        for (i, c) in self.slice(self.sent.start..at).char_indices() {
            if matches!(c, ';' | ':') {
                s = s.max(self.sent.start + i + 1);
            }
        }
        s
    }

    /// End of the clause after `at`: the first boundary, or a comma not followed by a person,
    /// place, country or date.
    pub(super) fn clause_end(&self, at: usize) -> usize {
        let mut e = self.sent.end;
        for b in &self.boundaries {
            if b.start >= at && b.start < e {
                e = b.start;
            }
        }
        // "Obama phoned Rouhani - the first conversation between the presidents of the two
        // countries since 1979": a spaced dash opens an aside about the event, not its people.
        if let Some(i) = first_dash(self.slice(at..e)) {
            e = at + i;
        }
        let tail = self.slice(at..e);
        let mut offset = 0;
        for part in tail.split_inclusive([',', ';', ':']) {
            let part_end = at + offset + part.len();
            offset += part.len();
            if part.ends_with(';') || part.ends_with(':') {
                return part_end - 1;
            }
            let inside_mention = self
                .mentions
                .iter()
                .any(|(m, _)| m.start < part_end - 1 && part_end - 1 < m.end);
            // "this Wednesday, 14 December": a comma inside one time expression.
            let inside_time = self
                .times
                .iter()
                .any(|t| t.start < part_end - 1 && part_end - 1 < t.end);
            if part.ends_with(',') && part_end < e && !inside_mention && !inside_time {
                // Look at what follows the comma (skipping "and", "the", "his").
                let mut next = part_end;
                let rest = self.slice(part_end..e);
                // "met Tiani and, separately, Bazoum": the adverb leaves the list going on.
                let skip = rest.len()
                    - rest
                        .trim_start()
                        .trim_start_matches("and ")
                        .trim_start_matches("as well as ")
                        .trim_start_matches("separately, ")
                        .trim_start_matches("separately ")
                        .trim_start_matches("then ")
                        .len();
                next += skip;
                let person_continues = self.mentions.iter().any(|(m, _)| {
                    m.start >= next && m.start <= next + 20 && {
                        let after = self.slice(m.end..self.sent.end).trim_start();
                        let after = after
                            .trim_start_matches("'s")
                            .trim_start_matches('\u{2019}');
                        let speaks = speech_verb_opens(after);
                        // "Qatari Prime Minister Sheikh Mohammed ...": a title mention
                        // followed at once by the name's own mention is one person.
                        let named_next = self.mentions.iter().any(|(n, _)| {
                            n.start >= m.end
                                && self.slice(m.end..n.start).trim().is_empty()
                                && n.start > m.start
                        });
                        !speaks
                            && (after.is_empty()
                                || named_next
                                || after.starts_with([',', ')', '.', ';'])
                                || after.starts_with("and ")
                                || self
                                    .boundaries
                                    .iter()
                                    .any(|b| b.start >= m.end && b.start <= m.end + 2))
                    }
                });
                // "met Tiani and, separately, Bazoum in a bid to ...": a comma right after
                // "and" cannot end the list, whatever follows the next name.
                let list_goes_on = (part.ends_with(" and,") || part.ends_with(" separately,"))
                    && self
                        .mentions
                        .iter()
                        .any(|(m, _)| m.start >= next && m.start <= next + 20);
                // "..., Eritrea's information minister Yemane Gebremeskel wrote on Twitter": the
                // next person is the source of the report, whatever country stands before them.
                let source_next = self
                    .mentions
                    .iter()
                    .find(|(m, _)| m.start >= next)
                    .is_some_and(|(m, _)| {
                        m.start <= next + 40
                            && speech_verb_opens(self.slice(m.end..self.sent.end).trim_start())
                    });
                let continues = !source_next
                    && (person_continues
                        || list_goes_on
                        || self
                            .places
                            .iter()
                            .any(|(r, _, _)| r.start >= next && r.start <= next + 12)
                        || self
                            .countries
                            .iter()
                            .any(|r| r.start >= next && r.start <= next + 12)
                        || self
                            .times
                            .iter()
                            .any(|t| t.start >= next && t.start <= next + 8));
                if !continues {
                    return part_end - 1;
                }
            }
        }
        e
    }
}

/// The dashes that open an aside in [`Ctx::clause_end`].
const ASIDE_DASHES: [&str; 4] = [" - ", " \u{2013} ", " \u{2014} ", "\u{2014}"];

/// Where the first of [`ASIDE_DASHES`] starts in `hay`: the least `str::find` of any of them,
/// found in one pass instead of building a searcher per dash (every clause end asks).
fn first_dash(hay: &str) -> Option<usize> {
    let h = hay.as_bytes();
    (0..h.len()).find(|&i| {
        // Every dash starts with a space or with the first byte of an en or em dash.
        matches!(h.get(i), Some(b' ' | 0xE2))
            && h.get(i..)
                .is_some_and(|rest| ASIDE_DASHES.iter().any(|d| rest.starts_with(d.as_bytes())))
    })
}

/// True when `after` (the text right after a person's mention) opens with a speech verb:
/// "..., Zakharova said" names the source of the report, not one more participant.
pub(super) fn speech_verb_opens(after: &str) -> bool {
    const SPEECH_VERBS: &[&str] = &[
        "said",
        "says",
        "told",
        "added",
        "noted",
        "stated",
        "announced",
        "reported",
        "wrote",
        "tweeted",
    ];
    SPEECH_VERBS.iter().any(|v| {
        after.starts_with(v)
            && after
                .get(v.len()..)
                .is_none_or(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lower_words` as it was written first (and as it still reads non-ASCII text).
    fn lower_words_by_chars(s: &str) -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect()
    }

    #[test]
    fn first_dash_is_the_least_find() {
        for hay in [
            "",
            "met Rouhani - the first",
            "a\u{2014}b - c",
            "a \u{2014} b",
            "a \u{2013} b \u{2014}c",
            "x -y - z",
            "\u{2014}",
            "no dash here, none",
            "caf\u{e9} \u{2019}s - x",
        ] {
            let want = ASIDE_DASHES.iter().filter_map(|d| hay.find(d)).min();
            assert_eq!(first_dash(hay), want, "{hay:?}");
        }
    }

    #[test]
    fn lower_words_fast_path_agrees() {
        for s in [
            "",
            " ",
            "Putin",
            "President Vladimir Putin's talks -- with X_Y, (Baku) 3rd/4th",
            "  double  spaces\tand\nlines  ",
            "the Kremlin said. It was joined-by 2 o'clock",
            "-'-",
            "end-",
            "ΣΟΦΟΣ Zürich İstanbul talks",
            "a\u{2019}s \u{2014} b",
        ] {
            assert_eq!(lower_words(s), lower_words_by_chars(s), "{s:?}");
        }
    }
}
