//! Robustness: `html_to_article`, `clean_plain_text` and `looks_like_html`
//! must never panic (nor take unreasonable time) on arbitrary input: random
//! bytes, random tag soup with invalid nesting, huge attributes, very deep
//! nesting and a 5 MB line without newlines.

/// Small deterministic xorshift generator (no extra dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<div>",
    "</div>",
    "<div class=\"related\">",
    "<p>",
    "</p>",
    "<span>",
    "</span>",
    "<b>",
    "</b>",
    "<i>",
    "<a href=\"/x\">",
    "</a>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<br>",
    "<br/>",
    "<img src=x alt=\"",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml ",
    "<!DOCTYPE html>",
    "<svg>",
    "<math>",
    "<template>",
    "</template>",
    "<noscript>",
    "<iframe>",
    "<select>",
    "<option>",
    "<textarea>",
    "<title>",
    "</title>",
    "<frameset>",
    "<plaintext>",
    "<nav>",
    "</nav>",
    "<article>",
    "</article>",
    "<figure>",
    "<figcaption>",
    "<time datetime=\"",
    "2019-13-45",
    "2019-11-18T10:00:00Z",
    "<meta property=\"article:published_time\" content=\"",
    "<link rel=\"canonical\" href=\"",
    "<script type=\"application/ld+json\">{\"datePublished\":\"",
    "\">",
    "\"",
    "'",
    ">",
    "<",
    "</",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&#99999999999;",
    "&nbsp;",
    "\u{0}",
    "\u{feff}",
    "é",
    "\u{202e}",
    "😀",
    "\r\n",
    "\n",
    "\t",
    " ",
    "Related articles",
    "Read also:",
    "photo:",
    "source:",
    "FILE PHOTO",
    "Home / World / x",
    "Share on Facebook",
    "Opinions expressed are those of the author(s).",
    "Year : 1 / Month : 2 / Day : 3 / Hour : 4",
    "The ministers met in Vienna on Monday to discuss the treaty and the border.",
    "word",
    "Word",
    "12:30",
    "+",
    "•",
];

fn tag_soup(rng: &mut Rng, len: usize) -> String {
    let mut s = String::new();
    for _ in 0..len {
        s.push_str(TOKENS[rng.below(TOKENS.len())]);
    }
    s
}

fn run_all(input: &str) {
    let _ = parley_clean::html_to_article(input);
    let _ = parley_clean::clean_plain_text(input);
    let _ = parley_clean::looks_like_html(input);
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..150 {
        let len = rng.below(3000);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        run_all(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_tag_soup() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..150 {
        let len = rng.below(400);
        let soup = tag_soup(&mut rng, len);
        run_all(&soup);
        if let Ok(a) = parley_clean::html_to_article(&soup) {
            assert!(!a.text.trim().is_empty());
            if let Some(d) = &a.published {
                assert_eq!(d.len(), 10, "bad date {d}");
            }
        }
    }
}

#[test]
fn huge_attributes() {
    let value = "x".repeat(1 << 20);
    let quoted = format!("<html><body><div data-x=\"{value}\"><p>The ministers met in Vienna on Monday.</p></div></body></html>");
    run_all(&quoted);
    let unterminated = format!("<html><body><div data-x=\"{value}><p>Text</p></body></html>");
    run_all(&unterminated);
    let many: String = (0..3_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    run_all(&format!("<div{many}>text</div>"));
}

#[test]
fn deep_and_invalid_nesting() {
    let n = 100_000;
    let cases = [
        format!(
            "{}<p>deep text here.</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
        format!("{}text", "<b><i>".repeat(n / 2)),
        format!("{}cell", "<table><tr><td>".repeat(n / 10)),
        "</div></p></body></html>".repeat(n / 10),
        format!(
            "{}x{}",
            "<p><div><li><a>".repeat(n / 20),
            "</a></li></p></div>".repeat(n / 20)
        ),
    ];
    // Neither a panic nor a stack overflow on pathological nesting (speed is the benchmarks'
    // business, not this test's).
    for html in &cases {
        run_all(html);
    }
}

#[test]
fn five_megabyte_line() {
    let sentence = "The ministers met in Vienna on Monday and agreed to continue the talks. ";
    let line: String = sentence.repeat(5_000_000 / sentence.len() + 1);
    assert!(line.len() >= 5_000_000 && !line.contains('\n'));
    let cleaned = parley_clean::clean_plain_text(&line);
    assert_eq!(cleaned, line.trim_end());
    let _ = parley_clean::looks_like_html(&line);
    let html = format!("<html><body><p>{line}</p></body></html>");
    let article = parley_clean::html_to_article(&html);
    assert!(article.is_ok_and(|a| a.text.len() > 4_000_000));
    // Many small paragraphs on one line (1 MB).
    let tags: String = "<p>A sentence in a paragraph.</p>".repeat(1_000_000 / 33 + 1);
    let _ = parley_clean::html_to_article(&tags);
    let _ = parley_clean::clean_plain_text(&tags);
}
