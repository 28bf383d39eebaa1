//! Article extraction from HTML.

use crate::render::{render_fragment, Block};

/// Candidate extractions of one page.
pub(crate) struct Candidates {
    pub traf_recall: Vec<Block>,
    pub traf_balanced: Vec<Block>,
    pub smoothie: Vec<Block>,
}

pub(crate) fn trafilatura_blocks(html: &str, focus: trafilatura::ExtractionFocus) -> (Vec<Block>, Option<trafilatura::Metadata>) {
    let opts = trafilatura::Options::default().with_focus(focus);
    match trafilatura::extract(html, &opts) {
        Ok(r) => (render_fragment(&r.content_html), Some(r.metadata)),
        Err(_) => (Vec::new(), None),
    }
}

pub(crate) fn smoothie_blocks(html: &str) -> Vec<Block> {
    let Ok(mut r) = dom_smoothie::Readability::new(html, None, None) else {
        return Vec::new();
    };
    match r.parse() {
        Ok(a) => render_fragment(&a.content),
        Err(_) => Vec::new(),
    }
}

pub(crate) fn candidates(html: &str) -> Candidates {
    Candidates {
        traf_recall: trafilatura_blocks(html, trafilatura::ExtractionFocus::FavorRecall).0,
        traf_balanced: trafilatura_blocks(html, trafilatura::ExtractionFocus::Balanced).0,
        smoothie: smoothie_blocks(html),
    }
}
