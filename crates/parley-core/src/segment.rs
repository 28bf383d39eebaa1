//! Sentences: byte ranges of the document text.
//!
//! News text breaks sentences at ". " but also at line ends (headlines, captions and datelines carry
//! no full stop), and abbreviations ("Jun.", "U.S.", "Mr.", initials) must not end a sentence.
//! One linear pass over the bytes; no allocation per character.

use std::ops::Range;

/// Words that end with a full stop without ending the sentence (compared lower-case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "prof", "jr", "sr",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "approx", "est", "dept", "govt", "adm",
    "capt", "maj", "sgt", "cpl", "pres", "amb", "min", "ed", "fig", "op", "cf", "al", "ft", "mt",
];

/// The length of the longest of [`ABBREVIATIONS`], in bytes.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Longest sentence analysed as one, in bytes.
const MAX_SENTENCE: usize = 2000;

/// Bytes the loop of [`sentences`] must look at: a line end or a stop. (A space matters only
/// past [`MAX_SENTENCE`], where the loop looks at every byte.)
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t
};

/// Splits `text` into sentence ranges (trimmed of surrounding white space; empty ones dropped).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        // Skip, one table lookup per byte, what the checks below would step over: bytes that are
        // neither a line end nor a stop, while the sentence is short enough that a space does
        // not cut it (`i - start <= MAX_SENTENCE`).
        let calm_end = bytes.len().min(start.saturating_add(MAX_SENTENCE + 1));
        while i < calm_end && bytes.get(i).is_some_and(|&b| !STOP[usize::from(b)]) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b == b'\n' || (b == b' ' && i - start > MAX_SENTENCE) {
            // A "sentence" longer than any real one (a scraped page with no stops) is cut at a
            // space, so that the per-sentence rules stay linear in the document's length.
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i) {
            let end = past_closers(text, i + 1);
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

/// The offset past the closing quotes and brackets at `end`, which go with the sentence they
/// close.
fn past_closers(text: &str, mut end: usize) -> usize {
    while let Some(c) = text.get(end..).and_then(|t| t.chars().next()) {
        if matches!(c, '"' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\'') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    // All white space (`trim().is_empty()`): nothing to push.
    if lead == s.len() {
        return;
    }
    let trail = s.len() - s.trim_end().len();
    out.push(start + lead..end - trail);
}

/// True when the punctuation at byte `i` ends a sentence: followed by white space and then a
/// capital, digit or opening quote (or the end), and not after an abbreviation or an initial.
fn ends_sentence(text: &str, i: usize) -> bool {
    let Some(rest) = text.get(i + 1..) else {
        return true;
    };
    let mut chars = rest.chars();
    // Closing quotes/brackets may sit between the stop and the space.
    let mut next = chars.next();
    while let Some(c) = next {
        if matches!(c, '"' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\'') {
            next = chars.next();
        } else {
            break;
        }
    }
    match next {
        None => return true,
        Some(c) if c.is_whitespace() => {}
        _ => return false,
    }
    let following = chars.find(|c| !c.is_whitespace());
    match following {
        None => {}
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => {}
        Some(
            '"' | '\u{201C}' | '\u{2018}' | '(' | '[' | '/' | '\'' | '-' | '\u{2013}' | '\u{2014}',
        ) => {}
        Some(_) => return false,
    }
    if text.as_bytes().get(i) != Some(&b'.') {
        return true;
    }
    // The word before the full stop.
    let before = text.get(..i).unwrap_or("");
    // The run of letters, digits and dots ending at the stop (a slice: no allocation per stop).
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(before.len(), |(at, _)| at);
    let word = before.get(start..).unwrap_or("");
    if word.is_empty() {
        return true;
    }
    if is_abbreviation(word) {
        return false;
    }
    // A single capital letter is an initial ("George W. Bush").
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    // "U.S." style: letters separated by dots.
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1) {
        return false;
    }
    true
}

/// True when `word.to_lowercase()` is one of [`ABBREVIATIONS`]. The abbreviations are ASCII:
/// an ASCII word is compared without building its lower-cased copy; other words (rare before a
/// stop) are lower-cased as before (the Kelvin sign, for one, lower-cases to an ASCII `k`).
fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        // Most words before a full stop are longer than any abbreviation.
        return word.len() <= LONGEST_ABBREVIATION
            && ABBREVIATIONS
                .iter()
                .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_on_stops_and_lines() {
        assert_eq!(
            split("Headline here\nPutin called Aliyev. They spoke.\n\nNext line"),
            vec![
                "Headline here",
                "Putin called Aliyev.",
                "They spoke.",
                "Next line"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split(
                "The summit in Kazan on Jun. 24 was set. George W. Bush met the U.S. envoy. Done."
            ),
            vec![
                "The summit in Kazan on Jun. 24 was set.",
                "George W. Bush met the U.S. envoy.",
                "Done."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("\u{201C}We agreed.\u{201D} Then he left."),
            vec!["\u{201C}We agreed.\u{201D}", "Then he left."]
        );
    }

    #[test]
    fn overlong_sentences_are_cut_at_spaces() {
        let t = "word ".repeat(2000);
        let parts = sentences(&t);
        assert!(parts.len() >= 4);
        assert!(
            parts.iter().all(|r| r.len() <= MAX_SENTENCE + 16),
            "cut at the first space past the limit"
        );
    }

    #[test]
    fn abbreviations_compare_like_lower_cased_strings() {
        for w in [
            "Mr",
            "MRS",
            "u.s",
            "U.\u{212A}",
            "Thurs",
            "THURSDAY",
            "approx",
            "approxx",
            "ΣΑΣ",
            "",
            "İst",
            "co",
        ] {
            let want = ABBREVIATIONS.contains(&w.to_lowercase().as_str());
            assert_eq!(is_abbreviation(w), want, "{w:?}");
        }
    }

    /// `sentences` as first written: every byte looked at by the checks.
    fn by_bytes(text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0usize;
        let mut i = 0usize;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' || (b == b' ' && i - start > MAX_SENTENCE) {
                push_trimmed(text, start, i, &mut out);
                start = i + 1;
            } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i) {
                let end = past_closers(text, i + 1);
                push_trimmed(text, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
            i += 1;
        }
        push_trimmed(text, start, bytes.len(), &mut out);
        out
    }

    #[test]
    fn skipping_loop_agrees_with_the_byte_loop() {
        let long = format!(
            "{}. Next one! {}\n{}",
            "word ".repeat(450),
            "x".repeat(2100),
            "a b ".repeat(700)
        );
        for t in [
            "",
            "\n\n  \n",
            "Headline here\nPutin called Aliyev. They spoke.\n\nNext line",
            "The U.S. envoy met Mr. Smith on Jun. 24.  \u{201C}We agreed.\u{201D} Then? Yes!",
            "Ереван. Баку! Ö? «Ա». ",
            "no stop at all",
            "trailing spaces.   ",
            long.as_str(),
        ] {
            assert_eq!(sentences(t), by_bytes(t), "{t:?}");
        }
    }

    #[test]
    fn no_panic_on_multibyte() {
        let t = "Ереван. Баку! Ö? «Ա». ";
        let _ = sentences(t);
    }
}
