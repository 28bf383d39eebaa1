//! The document: text plus the metadata extraction needs.

use chrono::NaiveDate;

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedSource {
    /// Given by the caller (`--published`, a JSONL field, an index file).
    Given,
    /// Found in the text's header by `parley_time::detect_publication_date`.
    Detected(&'static str),
    /// Not known.
    Unknown,
}

/// A news document ready for extraction: already cleaned of markup and boilerplate.
#[derive(Debug, Clone)]
pub struct Document {
    /// Identifier used as the event's `doc` field.
    pub id: String,
    /// The article text; evidence offsets point into it.
    pub text: String,
    /// Publication date, if known.
    pub published: Option<NaiveDate>,
    /// How the publication date was found.
    pub published_source: PublishedSource,
}

impl Document {
    /// A document with a caller-given publication date (or none).
    pub fn new(
        id: impl Into<String>,
        text: impl Into<String>,
        published: Option<NaiveDate>,
    ) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            published,
            published_source: if published.is_some() {
                PublishedSource::Given
            } else {
                PublishedSource::Unknown
            },
        }
    }

    /// Fills in the publication date from the text header when none was given.
    /// `header` is the raw text before boilerplate removal, where bylines and datelines live.
    pub fn detect_published(&mut self, header: &str) {
        if self.published.is_some() {
            return;
        }
        if let Some(p) = parley_time::detect_publication_date(header) {
            self.published = Some(p.date);
            self.published_source = PublishedSource::Detected(p.how);
        }
    }
}
