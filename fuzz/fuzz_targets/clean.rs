//! Arbitrary text through parley-clean: plain-text boilerplate removal, HTML article
//! extraction and HTML sniffing ("None of these functions panic on malformed input").
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let _ = parley_clean::looks_like_html(text);
    let cleaned = parley_clean::clean_plain_text(text);
    assert!(
        cleaned.len() <= text.len() * 4 + 16,
        "cleaning grew the text a lot"
    );
    if let Ok(a) = parley_clean::html_to_article(text) {
        if let Some(p) = &a.published {
            assert!(
                parley_time::parse_iso_date(p).is_some(),
                "published {p:?} is not YYYY-MM-DD"
            );
        }
    }
});
