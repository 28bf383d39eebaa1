//! `html_to_article` on a synthetic news page with the usual furniture.

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers agree to resume border talks | Example News</title>
<meta property="og:title" content="Ministers agree to resume border talks">
<meta property="article:published_time" content="2024-03-12T09:30:00+04:00">
<meta property="article:modified_time" content="2024-03-13T10:00:00+04:00">
<link rel="canonical" href="https://news.example.org/world/ministers-border-talks">
<style>.cookie{position:fixed}</style>
<script>window.dataLayer = [{"page":"article"}];</script>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our website. By continuing to browse you accept our cookie policy.</p><button>Accept all cookies</button></div>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/economy">Economy</a></li></ul></nav></header>
<main>
<article class="article">
<nav class="breadcrumb"><a href="/">Home</a> / <a href="/world">World</a></nav>
<h1 class="headline">Ministers agree to resume border talks</h1>
<div class="byline">By Jane Doe, <time datetime="2024-03-12">12 March 2024</time></div>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="article-body">
<p>The foreign ministers of Ruritania and Freedonia agreed on Tuesday to resume talks on the demarcation of their common border, which were suspended last autumn after a series of incidents.</p>
<p>Speaking after a three-hour meeting in the capital, the Ruritanian minister said both delegations had approved a timetable for the work of the joint commission and would meet again next month.</p>
<figure><img src="/img/ministers.jpg" alt=""><figcaption>The two ministers before their meeting. Photo: Example Agency</figcaption></figure>
<p>His Freedonian counterpart described the talks as frank and constructive, adding that the first sections of the border could be marked on the ground before the end of the year.</p>
<div class="ad"><p>Advertisement</p></div>
<p>Observers noted that the meeting was the first between the two ministers since the change of government in Freedonia in January, and that it took place at the invitation of the Ruritanian side.</p>
</div>
<div class="related-articles"><h3>Related articles</h3><ul>
<li><a href="/a">Border commission meets for the first time in a year</a></li>
<li><a href="/b">President hosts regional leaders at summit</a></li>
<li><a href="/c">Trade between the two countries grew last year</a></li></ul></div>
</article>
<section class="comments" id="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Great news, finally some progress after all these years of waiting for the talks to resume.</p></div>
<div class="comment"><p>I doubt anything will change, they have promised this many times before and nothing happened.</p></div>
</section>
</main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/x">Storm hits the coast</a></li><li><a href="/y">Football club wins cup</a></li></ol></aside>
<footer class="site-footer"><p>Opinions expressed are those of the authors. They do not reflect the views of Example News.</p><p>© 2024 Example News. All rights reserved.</p></footer>
</body></html>"##;

#[test]
fn article_text_and_metadata() {
    let article = parley_clean::html_to_article(PAGE).unwrap_or_else(|e| panic!("{e}"));
    let text = &article.text;
    for body in [
        "agreed on Tuesday to resume talks on the demarcation",
        "approved a timetable for the work of the joint commission",
        "described the talks as frank and constructive",
        "the first between the two ministers since the change of government",
    ] {
        assert!(
            text.contains(body),
            "missing body sentence {body:?} in:\n{text}"
        );
    }
    for junk in [
        "cookies",
        "Share on Facebook",
        "Related articles",
        "Border commission meets",
        "Great news",
        "Storm hits",
        "Opinions expressed",
        "All rights reserved",
        "Advertisement",
        "Politics",
        "dataLayer",
    ] {
        assert!(
            !text.contains(junk),
            "boilerplate {junk:?} survived in:\n{text}"
        );
    }
    assert_eq!(
        text.matches("\n\n").count(),
        3,
        "four paragraphs expected:\n{text}"
    );
    assert_eq!(
        article.title.as_deref(),
        Some("Ministers agree to resume border talks")
    );
    assert_eq!(article.published.as_deref(), Some("2024-03-12"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://news.example.org/world/ministers-border-talks")
    );
}

#[test]
fn empty_and_contentless_pages() {
    assert_eq!(
        parley_clean::html_to_article(""),
        Err(parley_clean::CleanError::NoContent)
    );
    assert!(parley_clean::html_to_article(
        "<html><head><title>x</title></head><body></body></html>"
    )
    .is_err());
    assert!(
        parley_clean::html_to_article("<script>var a = 1;</script><style>p{}</style>").is_err()
    );
}

#[test]
fn sniffing_the_page() {
    assert!(parley_clean::looks_like_html(PAGE));
    assert!(!parley_clean::looks_like_html(
        "Ministers agree to resume border talks\n\nThe foreign ministers met on Tuesday."
    ));
}
