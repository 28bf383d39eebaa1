//! Guards against pathological HTML before it reaches the HTML parsers.
//!
//! HTML tree builders spend time proportional to the depth of the open-element
//! stack on every tag, so a page of 100 000 nested `<div>`s takes minutes to
//! parse. Real pages nest a few dozen levels. A light tag scanner estimates the
//! nesting depth; when it exceeds [`MAX_DEPTH`], start and end tags below that
//! depth are removed (their text is kept).

use std::borrow::Cow;

/// Deepest nesting passed to the parsers.
pub(crate) const MAX_DEPTH: usize = 256;

/// How far down the open-element stack an end tag is matched.
const END_TAG_SEARCH: usize = 512;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "command",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements closed implicitly by a sibling of the same kind.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// Longest tag name kept for matching (longer names are truncated).
const MAX_NAME: usize = 32;

/// Returns `html` unchanged when its nesting is reasonable, otherwise a copy
/// with the too-deep tags removed.
pub(crate) fn limit_depth(html: &str) -> Cow<'_, str> {
    if scan(html, None) <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, Some(&mut out));
    Cow::Owned(out)
}

/// Finds `</name` (ASCII case-insensitive) in `bytes` from `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let name = name.as_bytes();
    let mut i = from;
    while let Some(off) = bytes.get(i..)?.iter().position(|&b| b == b'<') {
        let lt = i + off;
        let after = lt + 2;
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(after..after + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(lt);
        }
        i = lt + 1;
    }
    None
}

/// Scans the tags of `html`, returning the deepest nesting seen. When `out` is
/// given, writes `html` to it without the tags nested deeper than
/// [`MAX_DEPTH`].
fn scan(html: &str, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut max_depth = 0usize;
    let mut i = 0usize;
    let mut copy_from = 0usize;

    while let Some(off) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        let lt = i + off;
        let rest = bytes.get(lt..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = html
                .get(lt + 4..)
                .and_then(|s| s.find("-->"))
                .map_or(len, |p| lt + 4 + p + 3);
            continue;
        }
        if matches!(rest.get(1), Some(b'!') | Some(b'?')) {
            i = rest
                .iter()
                .position(|&c| c == b'>')
                .map_or(len, |p| lt + p + 1);
            continue;
        }
        let is_end = rest.get(1) == Some(&b'/');
        let name_start = lt + if is_end { 2 } else { 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
            .unwrap_or(len - name_start);
        let name: String = html
            .get(name_start..name_start + name_len.min(MAX_NAME))
            .unwrap_or_default()
            .to_ascii_lowercase();
        // Find the end of the tag, skipping quoted attribute values.
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        while let Some(&c) = bytes.get(j) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            j += 1;
        }
        let tag_end = (j + 1).min(len);
        let self_closing = j > 0 && bytes.get(j - 1) == Some(&b'/');
        let mut drop_tag = false;

        if is_end {
            let lowest = stack.len().saturating_sub(END_TAG_SEARCH);
            if let Some(k) = (lowest..stack.len())
                .rev()
                .find(|&k| stack.get(k).is_some_and(|(n, _)| *n == name))
            {
                drop_tag = stack.get(k).is_some_and(|(_, kept)| !kept);
                stack.truncate(k);
            }
            i = tag_end;
        } else {
            if !VOID.contains(&name.as_str()) && !self_closing {
                if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                    && stack.last().is_some_and(|(n, _)| *n == name)
                {
                    stack.pop();
                }
                let kept = stack.len() < MAX_DEPTH;
                drop_tag = !kept;
                stack.push((name.clone(), kept));
                max_depth = max_depth.max(stack.len());
            }
            i = tag_end;
            if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                i = find_end_tag(bytes, tag_end, &name).unwrap_or(len);
            }
        }
        if drop_tag {
            if let Some(o) = out.as_deref_mut() {
                o.push_str(html.get(copy_from..lt).unwrap_or_default());
            }
            copy_from = tag_end;
        }
    }
    if let Some(o) = out {
        o.push_str(html.get(copy_from..).unwrap_or_default());
    }
    max_depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul></div>\
                    <script>if (a<b) x='<div>'</script><br><img src=x></body></html>";
        assert!(matches!(limit_depth(html), Cow::Borrowed(_)));
        assert!((5..=6).contains(&scan(html, None)));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let n = 5_000;
        let html = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let out = limit_depth(&html);
        assert!(out.contains("deep text"));
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(scan(&out, None) <= MAX_DEPTH + 1);
    }

    #[test]
    fn odd_markup_does_not_panic() {
        for html in [
            "<",
            "</",
            "<a",
            "<a href='>",
            "<!--",
            "<!-- x",
            "<!doctype",
            "<?xml",
            "</>",
            "<script>",
            "<div \"",
            "é<é>",
            "<p/><p>",
        ] {
            let _ = limit_depth(html);
        }
    }
}
