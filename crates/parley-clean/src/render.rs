//! Rendering of an (already extracted) HTML fragment to plain text.
//!
//! Block elements become paragraphs separated by a blank line, `<br>` becomes a
//! line break, table cells are joined with spaces and rows become lines. The
//! walk is iterative so that deeply nested markup cannot overflow the stack.

use dom_query::{Document, NodeRef};

/// Elements whose content is never text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "head", "title", "meta", "link",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "figure",
    "figcaption",
    "address",
    "hr",
    "form",
    "fieldset",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "caption",
    "hgroup",
    "menu",
];

/// One rendered paragraph with the tag of the block that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Text of the paragraph; inner line breaks are `\n`.
    pub text: String,
    /// Lower-case tag name of the innermost enclosing block element.
    pub tag: String,
}

struct Renderer {
    blocks: Vec<Block>,
    line: String,
    lines: Vec<String>,
    tags: Vec<String>,
}

impl Renderer {
    fn new() -> Self {
        Self {
            blocks: Vec::new(),
            line: String::new(),
            lines: Vec::new(),
            tags: vec!["p".to_string()],
        }
    }

    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(is_collapsible_space).enumerate() {
            if i > 0 && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
    }

    fn space(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    fn line_break(&mut self) {
        let line = self.line.trim().to_string();
        self.line.clear();
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn flush(&mut self) {
        self.line_break();
        if !self.lines.is_empty() {
            let text = self.lines.join("\n");
            self.lines.clear();
            let tag = self.tags.last().cloned().unwrap_or_default();
            self.blocks.push(Block { text, tag });
        }
    }
}

/// Whitespace that HTML collapses (not the no-break space).
fn is_collapsible_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') || (c.is_whitespace() && c != '\u{a0}')
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit(String),
}

/// Renders the children of `root` to blocks.
pub(crate) fn render_node(root: &NodeRef<'_>) -> Vec<Block> {
    let mut r = Renderer::new();
    let mut stack: Vec<Step<'_>> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit(name) => {
                if BLOCKS.contains(&name.as_str()) {
                    r.flush();
                    r.tags.pop();
                } else if matches!(name.as_str(), "td" | "th") {
                    r.space();
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    r.push_text(&node.text());
                    continue;
                }
                if !node.is_element() {
                    continue;
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIPPED.contains(&name.as_str()) {
                    continue;
                }
                if name == "br" {
                    r.line_break();
                    continue;
                }
                if name == "img" {
                    continue;
                }
                if BLOCKS.contains(&name.as_str()) {
                    r.flush();
                    r.tags.push(name.clone());
                } else if matches!(name.as_str(), "td" | "th") {
                    r.space();
                }
                stack.push(Step::Exit(name));
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    r.flush();
    r.blocks
}

/// Parses an HTML fragment and renders it to blocks.
pub(crate) fn render_fragment(html: &str) -> Vec<Block> {
    let doc = Document::fragment(html);
    let root = doc.root();
    render_node(&root)
}

/// Joins blocks into text: paragraphs separated by a blank line.
#[cfg(test)]
fn join_blocks<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_breaks() {
        let blocks = render_fragment(
            "<p>One <b>bold</b>\n word.</p><p>Two<br>lines</p><ul><li>a</li><li>b</li></ul>",
        );
        let text = join_blocks(&blocks);
        assert_eq!(text, "One bold word.\n\nTwo\nlines\n\na\n\nb");
    }

    #[test]
    fn skips_scripts_and_keeps_tables_readable() {
        let blocks = render_fragment(
            "<script>var x=1;</script><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
        );
        assert_eq!(join_blocks(&blocks), "a b\n\nc");
    }

    #[test]
    fn block_tag_is_recorded() {
        let blocks = render_fragment("<h2>Title</h2><p>Body <b>bold</b></p><div>x<p>y</p></div>");
        let tags: Vec<&str> = blocks.iter().map(|b| b.tag.as_str()).collect();
        assert_eq!(tags, vec!["h2", "p", "div", "p"]);
    }
}
