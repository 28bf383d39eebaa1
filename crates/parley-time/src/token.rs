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
    tokenize_with(text, None)
}

/// [`tokenize`], with the lower-case forms of ASCII words borrowed from `lowered`, which must be
/// `text.to_ascii_lowercase()` (same length, same offsets): one copy of the text instead of a
/// `String` per capitalised word. (If it is not, those words are lowered on their own, as by
/// [`tokenize`].)
pub(crate) fn tokenize_lowered<'a>(text: &'a str, lowered: &'a str) -> Vec<Tok<'a>> {
    let lowered = (lowered.len() == text.len()).then_some(lowered);
    tokenize_with(text, lowered)
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The character at byte `i` of `text` and its length; ASCII bytes without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Byte-wise tokenizer: ASCII characters are classified from their byte (for ASCII,
/// `char::is_whitespace`, `is_alphabetic` and `is_ascii_digit` are the byte tests), others
/// decoded as `char_indices` would, so the tokens are those of a per-`char` loop.
fn tokenize_with<'a>(text: &'a str, lowered: Option<&'a str>) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = false;
    let mut newline = false;
    while let Some(c) = char_at(text, i) {
        let width = c.len_utf8();
        if c.is_ascii() {
            if is_ascii_space(c as u8) {
                space = true;
                newline |= c == '\n' || c == '\r';
                i += 1;
                continue;
            }
        } else if c.is_whitespace() {
            space = true;
            i += width;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if is_word_char(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = i + width;
        // For words: whether the piece is all ASCII, and whether it has an upper-case letter.
        let mut ascii = c.is_ascii();
        let mut upper = c.is_ascii_uppercase();
        match kind {
            Kind::Num => {
                while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
            }
            Kind::Word => loop {
                match bytes.get(end) {
                    Some(&b) if b.is_ascii_alphabetic() => {
                        upper |= b.is_ascii_uppercase();
                        end += 1;
                    }
                    Some(&b) if !b.is_ascii() => match char_at(text, end) {
                        Some(d) if is_word_char(d) => {
                            ascii = false;
                            end += d.len_utf8();
                        }
                        _ => break,
                    },
                    _ => break,
                }
            },
            Kind::Punct => {}
        }
        // The span ends on char boundaries, so `get` always succeeds; it just avoids a
        // panicking index expression.
        let piece = text.get(i..end).unwrap_or_default();
        // Lower-casing allocates, so skip it for words that are already lower-case ASCII, and
        // borrow ASCII words from the lowered copy when there is one.
        let lower = if kind != Kind::Word || (ascii && !upper) {
            Cow::Borrowed(piece)
        } else if ascii {
            match lowered.and_then(|l| l.get(i..end)) {
                Some(l) => Cow::Borrowed(l),
                None => Cow::Owned(piece.to_ascii_lowercase()),
            }
        } else {
            Cow::Owned(piece.to_lowercase())
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
        i = end;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written: a `char_indices` loop and a `String` per word to lower.
    fn by_chars(text: &str) -> Vec<Tok<'_>> {
        let mut toks = Vec::new();
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
            let piece = &text[i..end];
            let lower = if kind == Kind::Word {
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

    fn same(a: &[Tok<'_>], b: &[Tok<'_>]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                (
                    x.kind,
                    x.start,
                    x.end,
                    x.text,
                    x.lower.as_ref(),
                    x.space_before,
                ) == (
                    y.kind,
                    y.start,
                    y.end,
                    y.text,
                    y.lower.as_ref(),
                    y.space_before,
                ) && x.newline_before == y.newline_before
            })
    }

    #[test]
    fn byte_tokenizer_agrees_with_the_char_loop() {
        for text in [
            "",
            " ",
            "On Monday, 28.11.2023, the MINISTERS met in Baku.",
            "Zürich\u{a0}talks\r\nİSTANBUL 3rd ΣΟΦΟΣ ΟΔΟΣ",
            "cafe\u{301} de\u{301}ja\u{300} vu; 12abc34 x1y",
            "tabs\tand\x0bvertical\x0cfeeds\u{2003}em\u{85}nel",
            "«Quoted» — dash…ellipsis ١٢٣ 中文日本語 русский Текст",
            "A",
            "é",
            "9",
            "end with space ",
        ] {
            let want = by_chars(text);
            assert!(same(&tokenize(text), &want), "{text:?}");
            let lowered = text.to_ascii_lowercase();
            assert!(same(&tokenize_lowered(text, &lowered), &want), "{text:?}");
        }
    }
}
