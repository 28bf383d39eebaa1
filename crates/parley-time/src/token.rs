//! A minimal tokenizer: runs of letters, runs of ASCII digits, and single other characters.
//!
//! Matching temporal expressions over tokens instead of raw characters makes the grammar
//! (optional dots, ordinals, commas, parentheses) easy to express and keeps every offset
//! on a char boundary, since tokens are cut only where `char_indices` says.

use std::borrow::Cow;

/// The class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (any script) and combining marks.
    Word,
    /// A run of ASCII digits.
    Num,
    /// Any other single non-space character.
    Punct,
}

/// One token with its byte span.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Lower-cased text for words (borrowed when already lower-case ASCII), else the text.
    pub lower: Cow<'a, str>,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Whether a line break separates this token from the previous one.
    pub newline_before: bool,
}

impl Tok<'_> {
    /// Whether the first character is upper-case (so "May" but not "may").
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The numeric value of a digit run of at most 9 digits.
    pub fn value(&self) -> Option<u32> {
        if self.kind != Kind::Num || self.text.len() > 9 {
            return None;
        }
        self.text.parse().ok()
    }

    /// Number of bytes (= digits, for a Num token).
    pub fn len(&self) -> usize {
        self.text.len()
    }
}

/// Combining diacritics stay inside a word so that decomposed "é" does not split it.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Splits `text` into tokens; whitespace is dropped but remembered in `space_before`.
pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let mut iter = text.char_indices().peekable();
    let mut space = false;
    let mut newline = false;
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n' || c == '\r';
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if is_word_char(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(j, d)) = iter.peek() {
                let same = match kind {
                    Kind::Num => d.is_ascii_digit(),
                    _ => is_word_char(d),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
        }
        // The span comes from char_indices, so `get` always succeeds; it just avoids a
        // panicking index expression.
        let piece = text.get(i..end).unwrap_or_default();
        // Lower-casing allocates, so skip it for words that are already lower-case ASCII.
        let needs_lowering = !piece.is_ascii() || piece.bytes().any(|b| b.is_ascii_uppercase());
        let lower = if kind == Kind::Word && needs_lowering {
            Cow::Owned(piece.to_lowercase())
        } else {
            Cow::Borrowed(piece)
        };
        toks.push(Tok {
            kind,
            start: i,
            end,
            text: piece,
            lower,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    toks
}
