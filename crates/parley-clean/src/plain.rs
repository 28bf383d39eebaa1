//! Boilerplate removal for scraped plain-text articles (and for the paragraphs
//! extracted from HTML, which go through the same line rules).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::boilerplate::{Action, Rules, RULES};

/// Minimum number of words for a line to count as a body paragraph.
const BODY_MIN_WORDS: usize = 12;
/// Header lines longer than this are not checked for repeated phrases.
const REPEAT_MAX_WORDS: usize = 300;
/// Header lines longer than this are not compared as near-duplicates.
const NEAR_DUP_MAX_WORDS: usize = 80;
/// Shortest phrase (in words) recognised as repeated or contained.
const MIN_PHRASE_WORDS: usize = 3;

/// True if the character ends a sentence (possibly followed by a quote).
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '。' | '！' | '？' | '؟'
    )
}

/// True if the line has a sentence boundary such as `word. Next`.
fn has_inner_sentence_break(line: &str) -> bool {
    let mut prev_end = false;
    let mut prev_space = false;
    for c in line.chars() {
        if prev_end && prev_space && (c.is_uppercase() || matches!(c, '"' | '“' | '«')) {
            return true;
        }
        if c.is_whitespace() {
            prev_space = prev_end;
            continue;
        }
        prev_space = false;
        prev_end = matches!(c, '.' | '!' | '?');
    }
    false
}

/// True if the line reads like a paragraph of article text.
#[cfg(test)]
fn is_body_line(line: &str) -> bool {
    is_body_line_of(line, count_words(line))
}

/// True if the line, of `words` white-space separated words, reads like a paragraph of article
/// text.
fn is_body_line_of(line: &str, words: usize) -> bool {
    if words < BODY_MIN_WORDS {
        return false;
    }
    line.trim_end().chars().last().is_some_and(is_terminal) || has_inner_sentence_break(line)
}

/// True if the line (of `words` words) ends like a sentence (`.`, `!`, `?`) and has a few
/// words.
fn is_sentence(line: &str, words: usize) -> bool {
    words >= 5
        && line
            .trim_end()
            .trim_end_matches(['"', '”', '’', '»', ')'])
            .ends_with(['.', '!', '?'])
}

/// Lower-cased alphanumeric words of a line, for comparisons.
pub(crate) fn norm_words(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The [`norm_words`] of a line in one lower-cased buffer (word `i` is `text[spans[i]]`): two
/// allocations per line where `norm_words` makes one per word. Header lines are compared
/// word by word with earlier ones, and this was most of that cost.
#[derive(Debug, Default)]
struct NormWords {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl NormWords {
    /// The words of `line`, as [`norm_words`] gives them.
    fn of(line: &str) -> NormWords {
        let mut text = String::with_capacity(line.len());
        let mut spans = Vec::new();
        for w in line.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let start = text.len();
            if w.is_ascii() {
                // `str::to_lowercase` of ASCII is `to_ascii_lowercase`.
                text.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // Per word, as `norm_words` does: a final sigma depends on where the word ends.
                text.push_str(&w.to_lowercase());
            }
            spans.push((start, text.len()));
        }
        NormWords { text, spans }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Word `i` (`None` past the end).
    fn word(&self, i: usize) -> Option<&str> {
        self.spans.get(i).and_then(|&(s, e)| self.text.get(s..e))
    }

    /// True if `needle`'s words occur as a contiguous run among these words ([`contains_run`]
    /// of the two word lists).
    fn contains_run(&self, needle: &NormWords) -> bool {
        let (n, h) = (needle.len(), self.len());
        n > 0 && n <= h && (0..=h - n).any(|at| (0..n).all(|k| self.word(at + k) == needle.word(k)))
    }
}

/// If the line is one phrase repeated two or more times ("Title Title"),
/// returns its first occurrence.
pub(crate) fn collapse_repeated_phrase(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.len() > REPEAT_MAX_WORDS {
        return None;
    }
    // Normalised tokens (kept in one buffer: `buf[start..end]`) with the index of the original
    // token they came from; pure punctuation tokens ("-", "|") are ignored in the comparison.
    let mut buf = String::with_capacity(line.len());
    let mut norm: Vec<(usize, usize, usize)> = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let start = buf.len();
        if t.is_ascii() {
            // For ASCII, the `char` filter and lower-casing below are their ASCII forms.
            buf.extend(
                t.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            buf.extend(
                t.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase),
            );
        }
        if buf.len() > start {
            norm.push((start, buf.len(), i));
        }
    }
    let word = |k: usize| norm.get(k).and_then(|&(s, e, _)| buf.get(s..e));
    let n = norm.len();
    for period in MIN_PHRASE_WORDS..=n / 2 {
        let repeats = (0..n).all(|i| {
            let first = word(i % period);
            first.is_some() && first == word(i)
        });
        if repeats {
            let last_token = norm.get(period - 1).map(|&(_, _, i)| i)?;
            let phrase = tokens.get(..=last_token)?.join(" ");
            return Some(phrase);
        }
    }
    None
}

/// True if `needle` occurs as a contiguous run inside `hay`.
#[cfg(test)]
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && needle.len() <= hay.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// The words of [`norm_words`] joined by single spaces into `key` (cleared first), without a
/// `String` per word; returns the number of words. Two lines have the same words exactly when
/// they have the same key (words hold no spaces), so duplicate detection hashes the key.
fn norm_key(line: &str, key: &mut Vec<u8>) -> usize {
    key.clear();
    let mut n = 0;
    if line.is_ascii() {
        // For ASCII, `char::is_alphanumeric` is `is_ascii_alphanumeric` and `to_lowercase` is
        // `to_ascii_lowercase`: copy each word whole, then lower-case the copy in place.
        key.reserve(line.len());
        for w in line
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if n > 0 {
                key.push(b' ');
            }
            n += 1;
            let at = key.len();
            key.extend_from_slice(w);
            if let Some(copy) = key.get_mut(at..) {
                copy.make_ascii_lowercase();
            }
        }
        return n;
    }
    for w in line.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if n > 0 {
            key.push(b' ');
        }
        n += 1;
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            // Per word, as `norm_words` does: a final sigma depends on where the word ends.
            key.extend_from_slice(w.to_lowercase().as_bytes());
        }
    }
    n
}

/// Hash of a normalised line (its [`norm_key`]), fed one word at a time so that ASCII lines are
/// hashed while they are read, without building the key: 64 bits, so two different lines of one
/// document share a hash with a chance of about 2^-64 per pair, as with the SipHash this
/// replaced (SipHash's flooding resistance buys nothing here). Each word eight bytes at a time
/// (the last piece zero-padded), each piece multiplied in and folded (the 128-bit product mix of
/// wyhash/folded-multiply hashes), then the word's length: the pieces and lengths spell the key
/// unambiguously (key words hold no spaces, so a key is its sequence of words).
#[derive(Debug, Clone, Copy)]
struct KeyHasher {
    h: u64,
    words: u64,
}

const K0: u64 = 0xA076_1D64_78BD_642F;
const K1: u64 = 0xE703_7ED1_A0B4_28DB;
/// ASCII's lower-case bit in every byte of a word.
const LOWER_BITS: u64 = 0x2020_2020_2020_2020;

#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

impl KeyHasher {
    fn new() -> KeyHasher {
        KeyHasher { h: K0, words: 0 }
    }

    /// Adds the key word `w`; `ascii_alnum`: `w` is raw ASCII letters and digits, lower-cased
    /// here (setting bit 0x20 lower-cases an ASCII letter and leaves a digit as it is).
    #[inline]
    fn word(&mut self, w: &[u8], ascii_alnum: bool) {
        let case = if ascii_alnum { LOWER_BITS } else { 0 };
        let mut chunks = w.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.h = fold(self.h ^ (u64::from_le_bytes(b) | case), K1);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            if let Some(dst) = b.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            // Only the word's own bytes get the case bit; the padding stays zero.
            let mask = u64::MAX >> (8 * (8 - rest.len()));
            self.h = fold(self.h ^ (u64::from_le_bytes(b) | (case & mask)), K1);
        }
        self.h = fold(self.h ^ (w.len() as u64), K0);
        self.words += 1;
    }

    /// [`KeyHasher::word`] of `line[start..end]`, raw ASCII letters and digits, for the byte
    /// loop of [`line_facts_ascii`]. The word's last piece (under eight bytes) is read as the
    /// eight bytes of the line starting there when the line has them and masked to the word's
    /// bytes: the same value as the zero-padded copy, without a variable-length copy (a
    /// `memcpy` call) per word.
    #[inline]
    fn word_in_line(&mut self, line: &[u8], start: usize, end: usize) {
        let w = line.get(start..end).unwrap_or_default();
        let mut chunks = w.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.h = fold(self.h ^ (u64::from_le_bytes(b) | LOWER_BITS), K1);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let at = end - rest.len();
            let v = match line
                .get(at..at + 8)
                .and_then(|s| <[u8; 8]>::try_from(s).ok())
            {
                Some(b) => u64::from_le_bytes(b),
                None => rest
                    .iter()
                    .enumerate()
                    .fold(0u64, |v, (j, &b)| v | u64::from(b) << (8 * j)),
            };
            let mask = u64::MAX >> (8 * (8 - rest.len()));
            self.h = fold(self.h ^ ((v | LOWER_BITS) & mask), K1);
        }
        self.h = fold(self.h ^ (w.len() as u64), K0);
        self.words += 1;
    }

    fn finish(self) -> u64 {
        fold(self.h ^ K1, K0 ^ self.words)
    }
}

/// [`KeyHasher`] over a whole key (words separated by single spaces).
fn hash_key(key: &[u8]) -> u64 {
    let mut h = KeyHasher::new();
    if !key.is_empty() {
        for w in key.split(|&b| b == b' ') {
            h.word(w, false);
        }
    }
    h.finish()
}

/// What cleaning needs to know of a line, found in one pass (see [`line_facts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LineFacts {
    /// [`is_tidy`].
    tidy: bool,
    /// [`count_words`].
    words: usize,
    /// Number of [`norm_words`].
    norm_words: usize,
    /// [`hash_key`] of the [`norm_key`].
    key_hash: u64,
}

/// Byte classes of [`line_facts`]: bit 0 white space (the ASCII characters
/// `char::is_whitespace` accepts), bit 1 alphanumeric, bit 2 not ASCII.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            4
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            1
        } else if c.is_ascii_alphanumeric() {
            2
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The [`CLASS`] of byte `b`.
#[inline]
fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(4)
}

/// Tidiness, word counts and key hash of `line` in one byte loop when it is ASCII (nearly every
/// line); `None` for other lines, which take the separate functions. Tidying only changes white
/// space, which separates words in both counts and in the key, so the facts of a line hold for
/// its [`tidy`] form too.
///
/// A run of letters and digits (most bytes) is one key word and lies inside one white-space
/// word, so it is skipped in a tight loop and hashed whole; only the bytes between runs take
/// the full per-byte bookkeeping.
fn line_facts_ascii(line: &str) -> Option<LineFacts> {
    let mut tidy = true;
    let mut words = 0usize;
    // As in `is_tidy` and `count_words`: the line start counts as white space.
    let mut prev_space = true;
    let mut hasher = KeyHasher::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = class(b);
        if c & 2 != 0 {
            if prev_space {
                words += 1;
            }
            prev_space = false;
            let start = i;
            i += 1;
            while bytes.get(i).is_some_and(|&b| class(b) & 2 != 0) {
                i += 1;
            }
            hasher.word_in_line(bytes, start, i);
            continue;
        }
        if c & 4 != 0 {
            return None;
        }
        if c & 1 != 0 {
            if b != b' ' || prev_space {
                tidy = false;
            }
            prev_space = true;
        } else {
            if prev_space {
                words += 1;
            }
            prev_space = false;
        }
        i += 1;
    }
    let norm_words = hasher.words as usize;
    // A trailing space is untidy; the empty line is tidy.
    if prev_space && !line.is_empty() {
        tidy = false;
    }
    Some(LineFacts {
        tidy,
        words,
        norm_words,
        key_hash: hasher.finish(),
    })
}

/// [`LineFacts`] of any line; `key` is scratch space.
fn line_facts(line: &str, key: &mut Vec<u8>) -> LineFacts {
    if let Some(f) = line_facts_ascii(line) {
        return f;
    }
    let norm_words = norm_key(line, key);
    LineFacts {
        tidy: is_tidy(line),
        words: count_words(line),
        norm_words,
        key_hash: hash_key(key),
    }
}

/// Hasher of the set of line hashes: the keys are [`hash_key`] values, already mixed, so the
/// set uses them as they are instead of hashing them again.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed here (`write_u64`); anything else is folded in bytewise.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Number of white-space separated words (`split_whitespace().count()`), with a byte loop
/// for ASCII lines.
pub(crate) fn count_words(line: &str) -> usize {
    if !line.is_ascii() {
        let mut n = 0;
        let mut prev_space = true;
        for c in line.chars() {
            let space = c.is_whitespace();
            if !space && prev_space {
                n += 1;
            }
            prev_space = space;
        }
        return n;
    }
    let mut n = 0;
    let mut prev_space = true;
    for b in line.bytes() {
        // The ASCII characters `char::is_whitespace` accepts.
        let space = matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        if !space && prev_space {
            n += 1;
        }
        prev_space = space;
    }
    n
}

/// True when `line` has no white space but single ASCII spaces between words, i.e. [`tidy`]
/// would return it unchanged (the common case, checked without allocating).
fn is_tidy(line: &str) -> bool {
    let mut prev_space = true;
    for c in line.chars() {
        if c.is_whitespace() {
            if c != ' ' || prev_space {
                return false;
            }
            prev_space = true;
        } else {
            prev_space = false;
        }
    }
    !prev_space || line.is_empty()
}

/// Collapses runs of whitespace inside a line and trims it.
fn tidy(line: &str) -> Cow<'_, str> {
    if is_tidy(line) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for w in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// Cleans a list of lines; empty strings separate paragraphs. Returns the kept
/// lines (with single empty strings between paragraphs).
pub(crate) fn clean_lines(lines: &[String], html: bool) -> Vec<String> {
    clean_lines_with(&RULES, lines, html)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// The kept lines borrow from `lines` where tidying and de-duplicating changed nothing.
fn clean_lines_with<'a, S: AsRef<str>>(
    rules: &Rules,
    lines: &'a [S],
    html: bool,
) -> Vec<Cow<'a, str>> {
    let mut key = Vec::new();
    // One pass per line gives what the loop below needs (`tidy` only rebuilds untidy lines).
    let tidied: Vec<(Cow<'a, str>, LineFacts)> = lines
        .iter()
        .map(|l| {
            let l = l.as_ref();
            let facts = line_facts(l, &mut key);
            let line = if facts.tidy {
                Cow::Borrowed(l)
            } else {
                tidy(l)
            };
            (line, facts)
        })
        .collect();
    let body_start = tidied.iter().position(|(l, f)| is_body_line_of(l, f.words));

    let mut out: Vec<Cow<'a, str>> = Vec::with_capacity(tidied.len());
    let mut seen: HashSet<u64, BuildHasherDefault<PreHashed>> = HashSet::default();
    let mut header_kept: Vec<NormWords> = Vec::new();
    let mut body_words = 0usize;

    for (i, (raw, mut facts)) in tidied.into_iter().enumerate() {
        if raw.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(Cow::Borrowed(""));
            }
            continue;
        }
        let in_header = body_start.is_some_and(|b| i < b);
        let mut line = raw;
        if in_header {
            if let Some(first) = collapse_repeated_phrase(&line) {
                line = Cow::Owned(first);
                facts = line_facts(&line, &mut key);
            }
        }

        // Counted once for the rules and the sentence test (lines are paragraphs).
        let words = facts.words;
        if let Some(rule) = rules.find(&line, words, in_header, html, is_sentence(&line, words)) {
            match rule.action_for(html) {
                Action::Drop => continue,
                Action::Cut if !in_header && body_words >= rule.min_body_words => break,
                Action::Cut => continue,
            }
        }

        let n_words = facts.norm_words;
        if n_words > 0 {
            // A line repeated anywhere: keep the first occurrence. (Not on
            // HTML paragraphs: lists and tables there repeat lines legitimately.)
            if !html && !seen.insert(facts.key_hash) {
                continue;
            }
            if in_header {
                // Only header lines need their words one by one.
                let words = NormWords::of(&line);
                // A header line contained in an earlier header line (a title
                // repeated with or without the site name): keep the first.
                if words.len() >= MIN_PHRASE_WORDS
                    && words.len() <= NEAR_DUP_MAX_WORDS
                    && header_kept.iter().any(|h| h.contains_run(&words))
                {
                    continue;
                }
                if words.len() <= NEAR_DUP_MAX_WORDS {
                    header_kept.push(words);
                }
            }
        }
        if !in_header {
            body_words += n_words;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out
}

/// See [`crate::clean_plain_text`].
pub(crate) fn clean_plain_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    clean_lines_with(&RULES, &lines, false).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.trim().is_empty()).collect()
    }

    #[test]
    fn fast_word_counts_and_keys_agree_with_the_plain_forms() {
        let samples = [
            "",
            " ",
            "One",
            "  Two  words ",
            "tabs\tand\x0bvertical\x0cfeeds\r\nhere",
            "file\x1cseparators\x1fare words",
            "U.S. envoy's 3rd visit -- to Baku/Ganja",
            "ΟΔΟΣ'Α Zürich  İstanbul\u{a0}nbsp",
            "ΣΟΦΟΣ. Σ",
            "trailing ",
            " leading",
            "double  space",
            "a",
            "Exactly eight",
            "Sixteen bytes!!!",
            "Foo \u{2014} bar",
            "Foo bar",
            "ab12cd-EF_gh..ij  ,kl,",
            "word\u{e9}tail",
            "\u{e9}",
            "x\ty",
            "end with digits 2024",
            "..., (a) [b] {c}",
        ];
        for l in samples {
            assert_eq!(count_words(l), l.split_whitespace().count(), "{l:?}");
            let mut key = Vec::new();
            let n = norm_key(l, &mut key);
            let words = norm_words(l);
            assert_eq!(n, words.len(), "{l:?}");
            let nw = NormWords::of(l);
            let by_spans: Vec<&str> = (0..nw.len()).filter_map(|i| nw.word(i)).collect();
            assert_eq!(by_spans, words, "{l:?}");
            for m in samples {
                let mw = norm_words(m);
                assert_eq!(
                    nw.contains_run(&NormWords::of(m)),
                    contains_run(&words, &mw),
                    "{l:?} / {m:?}"
                );
            }
            assert_eq!(key, words.join(" ").into_bytes(), "{l:?}");
            assert_eq!(tidy(l), l.split_whitespace().collect::<Vec<_>>().join(" "));
            let want = LineFacts {
                tidy: is_tidy(l),
                words: l.split_whitespace().count(),
                norm_words: words.len(),
                key_hash: hash_key(words.join(" ").as_bytes()),
            };
            let mut scratch = Vec::new();
            assert_eq!(line_facts(l, &mut scratch), want, "{l:?}");
            // The facts hold for the tidied line too.
            let t = tidy(l);
            let tf = line_facts(&t, &mut scratch);
            assert_eq!(
                (tf.words, tf.norm_words, tf.key_hash),
                (want.words, want.norm_words, want.key_hash)
            );
        }
    }

    #[test]
    fn body_lines() {
        assert!(is_body_line(
            "The foreign ministers met in Geneva on Tuesday to discuss the draft treaty."
        ));
        assert!(!is_body_line("Ministers meet in Geneva"));
        assert!(!is_body_line(
            "Ministers meet in Geneva to discuss the draft treaty and the border commission"
        ));
        assert!(is_body_line(
            "Ministers met in Geneva. They discussed the draft treaty and the border and then"
        ));
    }

    #[test]
    fn repeated_phrase() {
        assert_eq!(
            collapse_repeated_phrase("Envoy visits Baku - Envoy visits Baku -").as_deref(),
            Some("Envoy visits Baku")
        );
        assert_eq!(
            collapse_repeated_phrase("Envoy visits Baku Envoy visits Baku Envoy visits Baku")
                .as_deref(),
            Some("Envoy visits Baku")
        );
        assert_eq!(collapse_repeated_phrase("Envoy visits Baku today"), None);
        assert_eq!(collapse_repeated_phrase("New New York"), None);
        // The one-buffer form says what the word-per-`String` form said.
        for l in [
            "Envoy visits Baku - Envoy visits Baku -",
            "ΣΟΦΟΣ ΟΔΟΣ Σ ΣΟΦΟΣ ΟΔΟΣ Σ",
            "Zürich talks | Zürich TALKS |",
            "a b c A B C a b",
            "a b c A B C a b c",
            "- | - | -",
            "İstanbul meeting held İstanbul meeting held",
            "",
            "x",
        ] {
            assert_eq!(collapse_repeated_phrase(l), collapse_by_strings(l), "{l:?}");
        }
    }

    /// `collapse_repeated_phrase` with a `String` per token, as it was written first.
    fn collapse_by_strings(line: &str) -> Option<String> {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if tokens.len() > REPEAT_MAX_WORDS {
            return None;
        }
        let norm: Vec<(String, usize)> = tokens
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let n: String = t
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                (!n.is_empty()).then_some((n, i))
            })
            .collect();
        let n = norm.len();
        for period in MIN_PHRASE_WORDS..=n / 2 {
            let repeats = norm
                .iter()
                .enumerate()
                .all(|(i, (w, _))| norm.get(i % period).is_some_and(|(first, _)| first == w));
            if repeats {
                let last_token = norm.get(period - 1).map(|(_, i)| *i)?;
                return Some(tokens.get(..=last_token)?.join(" "));
            }
        }
        None
    }

    #[test]
    fn breadcrumb_and_repeated_title() {
        let input = "Home / Europe / Minister Visits Oslo\n\nMinister Visits Oslo\n\n\
                     The foreign minister of Ruritania arrived in Oslo on Tuesday for two days of talks with her Norwegian counterpart, officials said.\n";
        let out = clean_plain_text(input);
        assert_eq!(
            lines(&out),
            vec![
                "Minister Visits Oslo",
                "The foreign minister of Ruritania arrived in Oslo on Tuesday for two days of talks with her Norwegian counterpart, officials said."
            ]
        );
    }

    #[test]
    fn agency_style_header_and_footer() {
        let input = "Europe, Politics\n\n\
            Ministers of Ruritania and Freedonia talk by phone\n\n\
            Talks focused on the border commission, ministry spokesperson says\n\n\
            Jane Doe  | 03.02.2024 - Update : 04.02.2024\n\
            Ministers of Ruritania and Freedonia talk by phone FILE PHOTO\n\n\n\
            The foreign ministers of Ruritania and Freedonia spoke by phone on Friday about the work of the joint border commission.\n\n\
            \"We agreed to meet again soon,\" the Ruritanian minister said in a statement after the call.\n\n\
            Some Agency website contains only a portion of the news stories offered to subscribers in the Some News Broadcasting System, and in summarized form.";
        let out = clean_plain_text(input);
        assert_eq!(
            lines(&out),
            vec![
                "Ministers of Ruritania and Freedonia talk by phone",
                "Talks focused on the border commission, ministry spokesperson says",
                "Jane Doe | 03.02.2024 - Update : 04.02.2024",
                "The foreign ministers of Ruritania and Freedonia spoke by phone on Friday about the work of the joint border commission.",
                "\"We agreed to meet again soon,\" the Ruritanian minister said in a statement after the call.",
            ]
        );
    }

    #[test]
    fn credits_and_related_block() {
        let input = "Envoy calls counterpart\n\n\
            The envoy of Ruritania called his Freedonian counterpart on Monday, the ministry said in a short statement released in the evening.\n\n\
            Both sides agreed to continue the dialogue and to prepare a meeting of the two presidents in the spring, according to the readout.\n\n\
            source: example.org and agencies\n\
            photo: The envoy at a press conference; press office\n\n\
            Related articles\n\n\
            Opinion: Why the border talks matter\n\n\
            In a long op-ed an analyst argues that the border talks are the key to lasting peace in the region and explains the reasons.";
        let out = clean_plain_text(input);
        assert!(out.contains("Both sides agreed to continue the dialogue"));
        assert!(!out.contains("source:"));
        assert!(!out.contains("photo:"));
        assert!(!out.contains("Related articles"));
        assert!(!out.contains("op-ed"));
        assert!(out.starts_with("Envoy calls counterpart\n\nThe envoy of Ruritania"));
    }

    #[test]
    fn syndicated_page_with_widgets_and_disclaimers() {
        let input = "Leaders Discuss Trade by Staff - English\n\
            12 Mart 2024 - Calendar - Year : 1234 / Month : Five / Day : Six / Hour : Seven\n\n\
            English :\n\n\
            10 Mart 2024\n\n\
            Leaders Discuss Trade by Staff -\n\n\
            Leaders Discuss Trade by Staff Leaders Discuss Trade by Staff\n\n\
            The president greets the prime minister at the airport on March 8\n\n\
            The president of Ruritania called the prime minister of Freedonia on Monday to discuss trade and transport links.\n\n\
            The two leaders agreed that their ministers would meet next month in the capital to sign the agreement.\n\n\n\n\
            Bu haber example kaynağından gelmektedir.\n\n\
            Haber metninde yer alan görüşler haber kaynağı (example) ve yazarına ait olup,\n\
            example.com sitesi haber hakkında herhangi bir görüş üstlenmemektedir.\n\n\
            Opinions expressed are those of the author(s)-(example). They do not purport to reflect the opinions or views of example.com\n+";
        let out = clean_plain_text(input);
        assert_eq!(
            lines(&out),
            vec![
                "Leaders Discuss Trade by Staff - English",
                "10 Mart 2024",
                "The president greets the prime minister at the airport on March 8",
                "The president of Ruritania called the prime minister of Freedonia on Monday to discuss trade and transport links.",
                "The two leaders agreed that their ministers would meet next month in the capital to sign the agreement.",
            ]
        );
    }

    #[test]
    fn wire_style_dateline_and_bullet_byline_are_kept() {
        let input = "All news\n\n\
            Ministers talk by phone\n\n\
            MINSK, May 3. /Agency/. The foreign ministers of Ruritania and Freedonia talked by phone on Tuesday, the ministry said.\n";
        let out = clean_plain_text(input);
        assert_eq!(
            lines(&out),
            vec![
                "Ministers talk by phone",
                "MINSK, May 3. /Agency/. The foreign ministers of Ruritania and Freedonia talked by phone on Tuesday, the ministry said."
            ]
        );
        let input = "Leaders to meet\n\n\nLeaders to meet\n\n  \u{2022} 03-05-2011 10:15:00   | Ruritania  |  Politics\n\
            The president said on Friday that the leaders would meet in the capital next week to discuss the treaty.";
        let out = clean_plain_text(input);
        assert_eq!(
            lines(&out),
            vec![
                "Leaders to meet",
                "\u{2022} 03-05-2011 10:15:00 | Ruritania | Politics",
                "The president said on Friday that the leaders would meet in the capital next week to discuss the treaty."
            ]
        );
    }

    #[test]
    fn share_lines_clock_and_inline_teasers() {
        let input = "Summit ends\n\nShare on Facebook\nFacebook | Twitter | Email\n14:32\n\n\
            The summit ended on Sunday with a joint declaration on energy security signed by all twelve delegations.\n\n\
            Read also: Ministers prepare the next summit\n\n\
            More from Alpine Monitor: Leaders speak by phone | Envoy visits the capital\n\n\
            The next summit will take place in Vienna in the autumn, the host country's foreign ministry said.\n\n\
            Subscribe to our newsletter for daily updates\n";
        let out = clean_plain_text(input);
        assert_eq!(
            lines(&out),
            vec![
                "Summit ends",
                "The summit ended on Sunday with a joint declaration on energy security signed by all twelve delegations.",
                "The next summit will take place in Vienna in the autumn, the host country's foreign ministry said.",
            ]
        );
    }

    #[test]
    fn related_heading_before_body_does_not_cut() {
        let input = "Related\n\nThe ministers met in Vienna on Monday and agreed to continue the talks next month in Geneva.\n";
        let out = clean_plain_text(input);
        assert_eq!(
            out,
            "The ministers met in Vienna on Monday and agreed to continue the talks next month in Geneva."
        );
    }

    #[test]
    fn body_sentences_are_not_touched() {
        let input = "Facebook said on Monday that it had removed accounts linked to the campaign, the company said.\n\
            Source material was reviewed by three independent experts before the report was published, he added.\n\
            More from the interview will be published tomorrow, the editors said in a note to readers.";
        assert_eq!(clean_plain_text(input), input);
    }

    #[test]
    fn short_sentences_like_headings_are_kept() {
        let input = "The ministers met in Vienna on Monday and agreed to continue the talks next month in Geneva.\n\n\
            More from the minister later.\n\n\
            Officials from both sides said the next round would focus on the border commission and on trade.";
        assert_eq!(clean_plain_text(input), input);
    }

    #[test]
    fn whitespace_and_line_endings() {
        assert_eq!(clean_plain_text(""), "");
        assert_eq!(clean_plain_text("\n\n \n"), "");
        assert_eq!(
            clean_plain_text("\u{feff}Title\r\n\r\n\r\n\r\nBody  text here.\r\n"),
            "Title\n\nBody text here."
        );
    }
}
