//! Boilerplate line rules loaded from `data/boilerplate.toml`.
//!
//! The file is embedded at compile time and parsed once. A malformed file (which
//! the unit tests rule out) degrades to "no rules" instead of panicking.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::prefilter::{self, Gate, Prefilter};
use crate::CleanError;

/// The embedded rule file.
const RULES_TOML: &str = include_str!("../../../data/boilerplate.toml");

/// Size limit for each compiled pattern (bytes of the compiled program).
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// What a rule does with a matching line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Action {
    /// Remove the line.
    Drop,
    /// Remove the line and everything after it, once the body has started.
    Cut,
}

/// Where in the text a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Scope {
    /// Any line.
    #[default]
    Anywhere,
    /// Only lines before the first body paragraph.
    Header,
    /// Only lines after the body started.
    AfterBody,
}

#[derive(Debug, Deserialize)]
struct RuleFile {
    rule: Vec<RuleSpec>,
}

fn default_true() -> bool {
    true
}

fn default_min_body_words() -> usize {
    40
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    name: String,
    action: Action,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    max_words: Option<usize>,
    #[serde(default = "default_min_body_words")]
    min_body_words: usize,
    #[serde(default)]
    heading: bool,
    #[serde(default)]
    keep_dated: bool,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default = "default_true")]
    html: bool,
    #[serde(default)]
    html_action: Option<Action>,
    patterns: Vec<String>,
}

/// One compiled rule.
#[derive(Debug)]
pub(crate) struct Rule {
    /// Label from the file (shown by `Debug`, checked by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: String,
    /// What to do with a matching line.
    pub action: Action,
    /// Where the rule applies.
    pub scope: Scope,
    /// Only lines with at most this many words match.
    pub max_words: Option<usize>,
    /// For [`Action::Cut`]: body words required before the line.
    pub min_body_words: usize,
    /// The line must be a heading, not a sentence.
    pub heading: bool,
    /// The rule never removes a line containing a date.
    pub keep_dated: bool,
    /// Also applied to paragraphs extracted from HTML.
    pub html: bool,
    /// Action on HTML paragraphs, if different from `action`.
    pub html_action: Option<Action>,
    /// The rule's patterns, each compiled on its own: a line matches the rule when it matches
    /// any of them, exactly as it would match their alternation. Separately, the patterns without
    /// a Unicode word boundary run in a DFA even on non-ASCII lines, and the others are small;
    /// the joined alternation fell back to a slow NFA simulation on every non-ASCII line.
    parts: Vec<Part>,
    /// When every part is gated by a prefilter group (or never matches an ASCII line): those
    /// groups as a bit set (see [`Prefilter::scan`]). On an ASCII line where none occurs the
    /// rule is rejected at once instead of part by part (some rules have over a dozen parts).
    gated: Option<Vec<u64>>,
}

/// One pattern of a rule.
#[derive(Debug)]
struct Part {
    /// The pattern as written.
    regex: Regex,
    /// The same pattern compiled without Unicode support, used on pure-ASCII lines when the
    /// pattern allows it (see [`ascii_form`]). On an ASCII line both give the same answer
    /// (Unicode `\b`, `\w`, `\s`, `.` and case folding agree with their ASCII forms on ASCII
    /// text), and the ASCII one is many times faster on long unanchored patterns.
    ascii: Option<regex::bytes::Regex>,
    /// On pure-ASCII lines: whether the regex can match at all, judged by the literal
    /// prefilter (see [`crate::prefilter`]).
    gate: Gate,
    /// On pure-ASCII lines: the bytes a line the pattern matches can start with (bit `b` for
    /// byte `b`), for patterns anchored at the line start; see [`prefilter::first_bytes_of_hir`].
    first: Option<u128>,
}

impl Part {
    fn is_match(&self, line: &str, ascii_line: bool) -> bool {
        match &self.ascii {
            Some(ascii) if ascii_line => ascii.is_match(line.as_bytes()),
            _ => self.regex.is_match(line),
        }
    }
}

/// The prefilter's verdict for one line, computed on first use (most lines are rejected by
/// every rule's scope or word limit before any pattern is tried).
struct LineGates<'a> {
    line: &'a str,
    ascii: bool,
    prefilter: &'a Prefilter,
    seen: Option<Option<Vec<u64>>>,
}

impl LineGates<'_> {
    /// False when `part` cannot match the line, so its regex need not run.
    fn may_match(&mut self, part: &Part) -> bool {
        if !self.ascii {
            return true;
        }
        if let Some(set) = part.first {
            // An anchored pattern matches only lines starting with one of its bytes.
            let starts = self.line.as_bytes().first();
            if !starts.is_some_and(|&b| b.is_ascii() && (set >> b) & 1 == 1) {
                return false;
            }
        }
        match part.gate {
            Gate::Always => true,
            Gate::Never => false,
            Gate::Group(g) => {
                let (line, prefilter) = (self.line, self.prefilter);
                let seen = self.seen.get_or_insert_with(|| prefilter.scan(line));
                seen.as_ref().is_none_or(|s| prefilter.seen(s, g))
            }
        }
    }

    /// False when none of the prefilter groups in `groups` (a bit set like the prefilter's)
    /// occurs in the line (an ASCII line), so no part gated by them can match.
    fn any_seen(&mut self, groups: &[u64]) -> bool {
        let (line, prefilter) = (self.line, self.prefilter);
        let seen = self.seen.get_or_insert_with(|| prefilter.scan(line));
        seen.as_ref()
            .is_none_or(|s| groups.iter().zip(s).any(|(g, s)| g & s != 0))
    }
}

impl Rule {
    /// The action for plain text (`html == false`) or HTML paragraphs.
    pub(crate) fn action_for(&self, html: bool) -> Action {
        if html {
            self.html_action.unwrap_or(self.action)
        } else {
            self.action
        }
    }

    /// True if `line` (trimmed, with `words` words) matches this rule.
    fn matches(&self, line: &str, words: usize, gates: &mut LineGates<'_>) -> bool {
        if self.max_words.is_some_and(|m| words > m) {
            return false;
        }
        // Every part gated by the prefilter: on an ASCII line none can match unless one of
        // their groups occurs (each part's own gate says the same, one part at a time).
        if gates.ascii {
            if let Some(groups) = &self.gated {
                if !gates.any_seen(groups) {
                    return false;
                }
            }
        }
        let ascii_line = gates.ascii;
        let hit = self
            .parts
            .iter()
            .any(|p| gates.may_match(p) && p.is_match(line, ascii_line));
        hit && !(self.keep_dated && contains_date(line))
    }
}

/// The pattern for matching pure-ASCII lines: every non-ASCII character (a literal such as
/// "görsel" or "»", which can only match a non-ASCII character) becomes a class of non-ASCII
/// bytes, which never matches an ASCII line either. None when that could change the meaning: the
/// two non-ASCII characters whose case folds to ASCII (Kelvin sign, long s) and a non-ASCII
/// character beside `-` (a range in a class).
fn ascii_form(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut prev = '\0';
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let next = chars.peek().copied().unwrap_or('\0');
            if matches!(c, '\u{212A}' | '\u{017F}') || prev == '-' || next == '-' || prev == '\\' {
                return None;
            }
            out.push_str(r"[\x80-\xFF]");
        }
        prev = c;
    }
    Some(out)
}

/// All rules of the file.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// The literal prefilter over every gated pattern of every rule.
    prefilter: Prefilter,
}

impl Rules {
    /// Parses and compiles a rule file.
    pub(crate) fn parse(toml_text: &str) -> Result<Self, CleanError> {
        let file: RuleFile =
            toml::from_str(toml_text).map_err(|e| CleanError::Rules(e.to_string()))?;
        let mut rules = Vec::with_capacity(file.rule.len());
        let mut groups: Vec<Vec<String>> = Vec::new();
        for spec in file.rule {
            if spec.patterns.is_empty() {
                return Err(CleanError::Rules(format!(
                    "rule {} has no patterns",
                    spec.name
                )));
            }
            let joined = spec
                .patterns
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|");
            // The alternation is compiled once to report errors as before (and as the rule
            // means it); matching uses the patterns one by one.
            RegexBuilder::new(&joined)
                .case_insensitive(!spec.case_sensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| CleanError::Rules(format!("rule {}: {e}", spec.name)))?;
            let mut parts = Vec::with_capacity(spec.patterns.len());
            for pat in &spec.patterns {
                let pat = format!("(?:{pat})");
                let regex = RegexBuilder::new(&pat)
                    .case_insensitive(!spec.case_sensitive)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map_err(|e| CleanError::Rules(format!("rule {}: {e}", spec.name)))?;
                // Fails (and is not used) when the pattern needs Unicode; that is not an error.
                let ascii = ascii_form(&pat).and_then(|p| {
                    regex::bytes::RegexBuilder::new(&p)
                        .unicode(false)
                        .case_insensitive(!spec.case_sensitive)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .ok()
                });
                let hir = prefilter::parse(&pat, spec.case_sensitive);
                let gate = match prefilter::gate_of(hir.as_ref()) {
                    (Gate::Group(_), strings) => {
                        groups.push(strings);
                        Gate::Group(groups.len() - 1)
                    }
                    (gate, _) => gate,
                };
                let first = hir.as_ref().and_then(prefilter::first_bytes_of_hir);
                parts.push(Part {
                    regex,
                    ascii,
                    gate,
                    first,
                });
            }
            let mut gated = Some(Vec::new());
            for p in &parts {
                match p.gate {
                    Gate::Group(g) => {
                        if let Some(bits) = gated.as_mut() {
                            if bits.len() <= g / 64 {
                                bits.resize(g / 64 + 1, 0u64);
                            }
                            if let Some(w) = bits.get_mut(g / 64) {
                                *w |= 1 << (g % 64);
                            }
                        }
                    }
                    Gate::Never => {}
                    Gate::Always => gated = None,
                }
            }
            rules.push(Rule {
                name: spec.name,
                action: spec.action,
                scope: spec.scope,
                max_words: spec.max_words,
                min_body_words: spec.min_body_words,
                heading: spec.heading,
                keep_dated: spec.keep_dated,
                html: spec.html,
                html_action: spec.html_action,
                parts,
                gated,
            });
        }
        let prefilter = Prefilter::new(&groups);
        Ok(Self { rules, prefilter })
    }

    /// First rule matching `line` (of `words` white-space separated words). `in_header`: the
    /// line comes before the first body paragraph; `html`: the line comes from an HTML page;
    /// `sentence`: the line ends like a sentence (heading rules skip it).
    pub(crate) fn find(
        &self,
        line: &str,
        words: usize,
        in_header: bool,
        html: bool,
        sentence: bool,
    ) -> Option<&Rule> {
        let mut gates = LineGates {
            line,
            ascii: line.is_ascii(),
            prefilter: &self.prefilter,
            seen: None,
        };
        self.rules.iter().find(|r| {
            (!html || r.html)
                && !(r.heading && sentence)
                && match r.scope {
                    Scope::Anywhere => true,
                    Scope::Header => in_header,
                    Scope::AfterBody => !in_header,
                }
                && r.matches(line, words, &mut gates)
        })
    }
}

/// Dates such as "28.11.2023", "2011-06-24", "24 June 2011", "June 24, 2011".
static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}\.?\s+\p{L}{3,}\.?,?\s+\d{4}|\p{L}{3,}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4})\b",
    )
    .ok()
});

/// True if the line contains something that looks like a calendar date.
pub(crate) fn contains_date(line: &str) -> bool {
    DATE.as_ref().is_some_and(|re| re.is_match(line))
}

/// The embedded rules, parsed on first use.
pub(crate) static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::parse(RULES_TOML).unwrap_or_default());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse() {
        let rules = Rules::parse(RULES_TOML);
        assert!(rules.is_ok(), "{:?}", rules.err());
        let rules = rules.unwrap_or_default();
        assert!(rules.rules.len() >= 10);
        assert_eq!(RULES.rules.len(), rules.rules.len());
    }

    #[test]
    fn rule_names_are_unique() {
        let rules = Rules::parse(RULES_TOML).unwrap_or_default();
        let mut names: Vec<&str> = rules.rules.iter().map(|r| r.name.as_str()).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len());
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Rules::parse("rule = 3").is_err());
        assert!(Rules::parse("[[rule]]\nname='x'\naction='drop'\npatterns=['(']\n").is_err());
        assert!(Rules::parse("[[rule]]\nname='x'\naction='explode'\npatterns=['a']\n").is_err());
        assert!(Rules::parse("[[rule]]\nname='x'\naction='drop'\npatterns=[]\n").is_err());
    }

    #[test]
    fn ascii_and_unicode_forms_agree_on_ascii_lines() {
        let rules = Rules::parse(RULES_TOML).unwrap_or_default();
        // At least the footer disclaimers get the fast form (the reason it exists).
        assert!(rules
            .rules
            .iter()
            .any(|r| r.parts.iter().any(|p| p.ascii.is_some())));
        assert_eq!(ascii_form("a»b").as_deref(), Some(r"a[\x80-\xFF]b"));
        assert_eq!(ascii_form("[а-я]"), None);
        assert_eq!(ascii_form("\u{212A}elvin"), None);
        let lines = [
            "The views expressed in this article are those of the author.",
            "This does not necessarily reflect the views of example.com today",
            "Share on Facebook",
            "Photo by Jane Doe",
            "FILE PHOTO: ministers in Vienna",
            "Year : 12 / Month : Nine / Day : Three / Hour : Five",
            "Tags: diplomacy, Vienna",
            "Ministers met in Vienna on Monday to discuss trade.",
            "KELVIN and kelvin, S and s, 15:05",
            "Home / News / Politics",
            "Home > World",
            "related articles",
            "More on this story: talks",
            "Read also: ministers meet",
            "Comments (3)",
            "English | Russian",
            "(AP Photo/Jane Doe)",
            "[Photo: press office]",
            "© 2024 Example Media",
            "(c) Example",
            "*** ---",
            "12 of 40",
            "2 / 9",
            "| Share | Tweet",
            "AP Photo",
            "Reuters",
            "x",
            "Advertisement",
            "   ",
            "\"Quoted\" line",
        ];
        let non_ascii = [
            "Главная / Новости / Политика",
            "Фото: пресс-служба",
            "Читайте также: министры встретились",
            "Haber metninde yer alan görüşler yazarına aittir.",
            "Ministers met in Zürich on Monday to discuss trade.",
            "Share » Facebook",
        ];
        let file: RuleFile = toml::from_str(RULES_TOML).expect("rules parse");
        for (r, spec) in rules.rules.iter().zip(&file.rule) {
            let joined = spec
                .patterns
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|");
            let whole = RegexBuilder::new(&joined)
                .case_insensitive(!spec.case_sensitive)
                .build()
                .expect("rule compiles");
            for l in lines.iter().chain(non_ascii.iter()) {
                // The rule's parts, fast forms included, say what the alternation says.
                let by_parts = r.parts.iter().any(|p| p.is_match(l, l.is_ascii()));
                assert_eq!(by_parts, whole.is_match(l), "rule {} on {l:?}", r.name);
                // The prefilter never rejects a pattern that matches.
                let mut gates = LineGates {
                    line: l,
                    ascii: l.is_ascii(),
                    prefilter: &rules.prefilter,
                    seen: None,
                };
                for p in &r.parts {
                    if p.is_match(l, l.is_ascii()) {
                        assert!(gates.may_match(p), "rule {} on {l:?}", r.name);
                    }
                }
                for p in &r.parts {
                    if let Some(ascii) = &p.ascii {
                        if l.is_ascii() {
                            assert_eq!(ascii.is_match(l.as_bytes()), p.regex.is_match(l));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn dates_are_recognised() {
        for d in [
            "28.11.2023",
            "on 2011-06-24 at",
            "24 June 2011",
            "June 24, 2011",
            "02 Eylül 2024",
            "3 марта 2024",
        ] {
            assert!(contains_date(d), "{d}");
        }
        for d in ["15:05:34", "Page 2 of 3", "1234", "Top 10 stories"] {
            assert!(!contains_date(d), "{d}");
        }
    }

    #[test]
    fn dated_lines_survive_keep_dated_rules() {
        assert_eq!(first("Yerevan / 12.03.2024 / Agency", true), None);
        assert_eq!(first("Home / News / Politics", true), Some("breadcrumb"));
        assert_eq!(first("Reuters | 12.03.2024", true), None);
        assert_eq!(first("REUTERS/Jane Doe", false), Some("credit"));
    }

    fn first(line: &str, header: bool) -> Option<&'static str> {
        RULES
            .find(line, crate::plain::count_words(line), header, false, false)
            .map(|r| r.name.as_str())
    }

    #[test]
    fn typical_lines() {
        assert_eq!(
            first("Home / Europe / Ministers meet in Vienna", true),
            Some("breadcrumb")
        );
        assert_eq!(
            first("Home / Europe / Ministers meet in Vienna", false),
            None
        );
        assert_eq!(first("News, Europe", true), Some("section_label"));
        assert_eq!(
            first("photo: The minister in Paris; press office", false),
            Some("credit")
        );
        assert_eq!(first("Source: agencies", false), Some("credit"));
        assert_eq!(first("Related stories", false), Some("related_heading"));
        assert_eq!(first("Share on Facebook", false), Some("share_subscribe"));
        assert_eq!(
            first("Facebook | Twitter | Email", false),
            Some("share_subscribe")
        );
        assert_eq!(
            first(
                "Year : 12 / Month : Nine / Day : Three / Hour : Five",
                false
            ),
            Some("calendar_junk")
        );
        assert_eq!(
            first("Ministers met in Vienna on Monday to discuss trade.", false),
            None
        );
        assert_eq!(
            first("Facebook said on Monday it would appeal the ruling.", false),
            None
        );
    }
}
