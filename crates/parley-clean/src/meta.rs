//! Page metadata: publication date and canonical URL.

use std::sync::LazyLock;

use chrono::NaiveDate;
use dom_query::Document;
use regex::Regex;

/// `<meta>` names/properties/itemprops that carry the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "article_date_original",
    "datepublished",
    "date_published",
    "publication_date",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "pdate",
    "originalpublicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "rnews:datepublished",
    "date",
    "dc.date",
    "dcterms.date",
];

/// Largest JSON-LD script scanned for a date (bytes).
const MAX_JSON_LD: usize = 1 << 20;

static JSON_LD_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{4,64})""#).ok());

static YMD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|(\d{2})(\d{2})(?:T|\b|$))").ok()
});

static TEXT_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b").ok()
});

/// Month number of an English month abbreviation.
fn month_number(abbr: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let abbr = abbr.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == abbr)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Builds "YYYY-MM-DD" from parts, if they form a valid date.
fn ymd(year: i32, month: u32, day: u32) -> Option<String> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Parses dates written with an English month name ("20 Nov 2019 08:02 GMT",
/// "Wed Nov 20 2019", "November 20th, 2019").
fn parse_text_date(value: &str) -> Option<String> {
    let caps = TEXT_DATE.as_ref()?.captures(value)?;
    let (day, month, year) = if let Some(d) = caps.get(1) {
        (d, caps.get(2)?, caps.get(3)?)
    } else {
        (caps.get(5)?, caps.get(4)?, caps.get(6)?)
    };
    ymd(
        year.as_str().parse().ok()?,
        month_number(month.as_str())?,
        day.as_str().parse().ok()?,
    )
}

/// Parses the leading date of a timestamp ("2019-11-18T10:00:00Z",
/// "2019/11/18", "20191118", "20 Nov 2019") into "YYYY-MM-DD".
pub(crate) fn parse_ymd(value: &str) -> Option<String> {
    parse_iso_date(value).or_else(|| parse_text_date(value))
}

/// Parses a leading numeric year-month-day date.
fn parse_iso_date(value: &str) -> Option<String> {
    let re = YMD.as_ref()?;
    let caps = re.captures(value)?;
    let year: i32 = caps.get(1)?.as_str().parse().ok()?;
    let pair = [(2, 3), (4, 5), (6, 7), (8, 9)]
        .into_iter()
        .find_map(|(m, d)| Some((caps.get(m)?, caps.get(d)?)))?;
    let month: u32 = pair.0.as_str().parse().ok()?;
    let day: u32 = pair.1.as_str().parse().ok()?;
    ymd(year, month, day)
}

/// Publication date from meta tags, JSON-LD or `<time>` elements.
pub(crate) fn published(doc: &Document) -> Option<String> {
    // 1. <meta property|name|itemprop=... content=...>, in order of preference.
    let mut best: Option<(usize, String)> = None;
    for node in doc.select("meta[content]").nodes() {
        let key = ["property", "name", "itemprop"]
            .iter()
            .filter_map(|a| node.attr(a))
            .flat_map(|v| {
                v.split_whitespace()
                    .map(str::to_ascii_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter_map(|k| DATE_META.iter().position(|m| *m == k))
            .min();
        let Some(rank) = key else { continue };
        if best.as_ref().is_some_and(|(r, _)| *r <= rank) {
            continue;
        }
        if let Some(date) = node.attr("content").and_then(|c| parse_ymd(&c)) {
            best = Some((rank, date));
        }
    }
    if let Some((_, date)) = best {
        return Some(date);
    }
    // 2. JSON-LD "datePublished".
    if let Some(re) = JSON_LD_DATE.as_ref() {
        for node in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
            let text = node.text();
            let text = text.get(..text.len().min(MAX_JSON_LD)).unwrap_or(&text);
            let found = re
                .captures_iter(text)
                .filter_map(|c| c.get(1))
                .find_map(|m| parse_ymd(m.as_str()));
            if found.is_some() {
                return found;
            }
        }
    }
    // 3. Microdata and <time> elements.
    for sel in [
        "[itemprop~=datePublished]",
        "time[pubdate]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        for node in doc.select(sel).nodes() {
            let value = node
                .attr("datetime")
                .or_else(|| node.attr("content"))
                .map(|v| v.to_string())
                .unwrap_or_else(|| node.text().to_string());
            if let Some(date) = parse_ymd(&value) {
                return Some(date);
            }
        }
    }
    None
}

/// Canonical URL (`<link rel=canonical>` or `og:url`), if absolute.
pub(crate) fn canonical_url(doc: &Document) -> Option<String> {
    let absolute = |v: &str| {
        let v = v.trim();
        (v.starts_with("http://") || v.starts_with("https://")) && !v.contains(char::is_whitespace)
    };
    for node in doc.select("link[rel][href]").nodes() {
        let rel = node
            .attr("rel")
            .map(|r| r.to_ascii_lowercase())
            .unwrap_or_default();
        if rel.split_whitespace().any(|r| r == "canonical") {
            if let Some(href) = node.attr("href").filter(|h| absolute(h)) {
                return Some(href.trim().to_string());
            }
        }
    }
    for node in doc.select("meta[content]").nodes() {
        let is_og_url = ["property", "name"]
            .iter()
            .filter_map(|a| node.attr(a))
            .any(|v| v.trim().eq_ignore_ascii_case("og:url"));
        if is_og_url {
            if let Some(c) = node.attr("content").filter(|c| absolute(c)) {
                return Some(c.trim().to_string());
            }
        }
    }
    None
}

/// Text of `<title>` or `og:title`, whitespace-collapsed.
pub(crate) fn fallback_title(doc: &Document) -> Option<String> {
    let from_meta = doc
        .select("meta[content]")
        .nodes()
        .iter()
        .find(|n| {
            ["property", "name"]
                .iter()
                .filter_map(|a| n.attr(a))
                .any(|v| v.trim().eq_ignore_ascii_case("og:title"))
        })
        .and_then(|n| n.attr("content").map(|c| c.to_string()));
    let title = from_meta.or_else(|| {
        doc.select("title")
            .nodes()
            .first()
            .map(|n| n.text().to_string())
    })?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_ymd("2019-11-18T10:00:00Z").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(parse_ymd(" 2019/1/8").as_deref(), Some("2019-01-08"));
        assert_eq!(parse_ymd("20191118").as_deref(), Some("2019-11-18"));
        assert_eq!(parse_ymd("2019-02-30"), None);
        assert_eq!(parse_ymd("Nov 18, 2019").as_deref(), Some("2019-11-18"));
        assert_eq!(
            parse_ymd("20 Nov 2019 08:02 GMT").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(
            parse_ymd("Wed Nov 20 2019 08:00:58 GMT+0000").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(parse_ymd("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_ymd("soon"), None);
        assert_eq!(parse_ymd("201911181077343476"), None);
    }

    #[test]
    fn published_sources() {
        let meta = Document::from(
            r#"<head><meta property="article:modified_time" content="2020-01-02">
               <meta property="article:published_time" content="2019-11-18T08:00:00+01:00"></head>"#,
        );
        assert_eq!(published(&meta).as_deref(), Some("2019-11-18"));
        let ld = Document::from(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-06-24T15:05:34Z"}</script>"#,
        );
        assert_eq!(published(&ld).as_deref(), Some("2021-06-24"));
        let time =
            Document::from(r#"<article><time datetime="2011-06-24">June 24</time></article>"#);
        assert_eq!(published(&time).as_deref(), Some("2011-06-24"));
        assert_eq!(published(&Document::from("<p>No date</p>")), None);
    }

    #[test]
    fn urls() {
        let doc = Document::from(
            r#"<link rel="canonical" href=" https://example.org/a "><meta property="og:url" content="https://example.org/b">"#,
        );
        assert_eq!(
            canonical_url(&doc).as_deref(),
            Some("https://example.org/a")
        );
        let doc = Document::from(
            r#"<link rel="canonical" href="/a"><meta property="og:url" content="https://example.org/b">"#,
        );
        assert_eq!(
            canonical_url(&doc).as_deref(),
            Some("https://example.org/b")
        );
        assert_eq!(canonical_url(&Document::from("<p>x</p>")), None);
    }
}
