//! HTML building blocks: escaping, links, the page layout. Every string that comes from a
//! document or a request goes through [`esc`] (text and attribute values alike) or [`enc`]
//! (inside URLs), so markup in an article is shown as text.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query-string value.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A query string (`?a=1&b=2`, or "" when empty) from pairs; values are encoded, the result
/// still needs [`esc`] inside an attribute (for the `&`).
pub fn qs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k.as_ref()), enc(v.as_ref())))
        .collect();
    format!("?{}", parts.join("&"))
}

/// A complete HTML page.
#[derive(Debug, Clone)]
pub struct HtmlPage(pub String);

/// Content-Security-Policy of every page: scripts, styles and images only from this server, so
/// even markup that slipped through escaping could not run.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

impl IntoResponse for HtmlPage {
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CONTENT_SECURITY_POLICY, CSP),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            self.0,
        )
            .into_response()
    }
}

/// The page around a body: navigation (the `active` item marked), the embedded stylesheet and
/// script. `import` adds the Import item when the server allows uploads.
pub fn layout(title: &str, active: &str, body: &str, import: bool) -> String {
    let mut nav = String::new();
    let items: &[(&str, &str, &str)] = &[
        ("home", "/", "Home"),
        ("timeline", "/timeline", "Timeline"),
        ("network", "/network", "Network"),
        ("search", "/search", "Search"),
        ("import", "/import", "Import"),
    ];
    for (id, href, label) in items {
        if *id == "import" && !import {
            continue;
        }
        let cur = if *id == active {
            " aria-current=\"page\""
        } else {
            ""
        };
        nav.push_str(&format!("<a href=\"{href}\"{cur}>{label}</a>"));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · parley</title><link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head>\
<body><header><span class=\"brand\">parley</span><nav>{nav}</nav></header><main>{body}</main>\
<footer>parley · diplomatic interactions from news articles · <a href=\"/api/openapi.json\">API</a></footer></body></html>\n",
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            esc("<img src=x onerror=\"a&b\">"),
            "&lt;img src=x onerror=&quot;a&amp;b&quot;&gt;"
        );
        assert_eq!(esc("Erdoğan"), "Erdoğan");
    }

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(
            qs(&[("actor", "Vladimir Putin"), ("with", "a&b")]),
            "?actor=Vladimir+Putin&with=a%26b"
        );
        assert_eq!(qs::<&str, &str>(&[]), "");
    }
}
