//! What a caller asks for: a [`SearchRequest`] (the query text, its
//! [`Filters`], how many hits and how long a snippet), and the text
//! [`Source`]s a query can name.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::AssetKind;
use crate::taxonomy::SalesRegion;

/// The texts a search covers, each a field a query can name
/// (`title:fraud`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A story's title.
    Title,
    /// A story's summary.
    Summary,
    /// The descriptions of a story's outcomes.
    Outcome,
    /// A story's use-case tags.
    UseCase,
    /// The text of a quote.
    Quote,
}

impl Source {
    /// Every source, in the order snippets prefer on equal scores.
    pub const ALL: [Source; 5] =
        [Source::Title, Source::Summary, Source::Outcome, Source::UseCase, Source::Quote];

    /// The field name a query uses: `title`, `summary`, `outcome`,
    /// `use_case`, `quote`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Title => "title",
            Source::Summary => "summary",
            Source::Outcome => "outcome",
            Source::UseCase => "use_case",
            Source::Quote => "quote",
        }
    }

    /// The source named `name` (exact, lowercase).
    pub fn parse(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which hits to keep. Within one list any value may match; every
/// non-empty list must match. Empty lists and `None` keep everything.
///
/// A hit's story decides the region, country, sector, products and asset
/// kinds (through the story's account); a quote hit is checked through its
/// story. Values are checked when the search runs: an unknown product id,
/// country code, NAICS code or language code is an error that names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Sales regions of the story's account.
    pub regions: Vec<SalesRegion>,
    /// ISO 3166-1 alpha-2 codes of the story's account (`DE`; compared
    /// ignoring case).
    pub countries: Vec<String>,
    /// NAICS 2022 codes at any level (`52`, `31-33`, `5221`, `522110`):
    /// the account's industry is the code or lies below it.
    pub sectors: Vec<String>,
    /// Product ids (or product names, ignoring case) the story uses.
    pub products: Vec<String>,
    /// Asset kinds the story has. With [`approved_on`](Filters::approved_on)
    /// set, the asset must be usable that day. A quote hit also passes
    /// [`AssetKind::Quote`]: it is an approved statement itself.
    pub asset_kinds: Vec<AssetKind>,
    /// ISO 639-1 codes of the hit's text: a quote's language, or the
    /// language stories are written in (see
    /// [`SearchIndex::with_story_language`](super::SearchIndex::with_story_language)).
    pub languages: Vec<String>,
    /// Only hits usable on this day: the story is approved then
    /// ([`Story::approved_on`](crate::model::Story::approved_on)), and a
    /// quote's own approval holds too.
    pub approved_on: Option<Date>,
}

impl Filters {
    /// No filter: every hit is kept.
    pub fn new() -> Filters {
        Filters::default()
    }

    /// Adds a sales region.
    pub fn region(mut self, region: SalesRegion) -> Filters {
        self.regions.push(region);
        self
    }

    /// Adds a country code.
    pub fn country(mut self, code: impl Into<String>) -> Filters {
        self.countries.push(code.into());
        self
    }

    /// Adds a NAICS code.
    pub fn sector(mut self, code: impl Into<String>) -> Filters {
        self.sectors.push(code.into());
        self
    }

    /// Adds a product id or name.
    pub fn product(mut self, id: impl Into<String>) -> Filters {
        self.products.push(id.into());
        self
    }

    /// Adds an asset kind.
    pub fn asset_kind(mut self, kind: AssetKind) -> Filters {
        self.asset_kinds.push(kind);
        self
    }

    /// Adds a language code.
    pub fn language(mut self, code: impl Into<String>) -> Filters {
        self.languages.push(code.into());
        self
    }

    /// Keeps only hits usable on `day`.
    pub fn approved_on(mut self, day: Date) -> Filters {
        self.approved_on = Some(day);
        self
    }

    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// One search: the query text, filters, and how much to return.
///
/// A `&str` or `String` converts into a request with the defaults, so
/// `index.search("fraud detection")` works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query, in the syntax of [`crate::search`]; at most
    /// [`MAX_TEXT_LEN`](crate::model::limits::MAX_TEXT_LEN) bytes. Empty
    /// means every document (that passes the filters).
    pub query: String,
    /// Filters, on top of those the query text names. Default none.
    pub filters: Filters,
    /// How many hits to return, `0..=`[`MAX_COUNT`](crate::model::limits::MAX_COUNT).
    /// Default 10. The facets and the total count every hit, whatever
    /// the limit.
    pub limit: usize,
    /// The longest snippet, in characters, `20..=2000`. Default 160.
    pub snippet_chars: usize,
}

/// The shortest snippet a request may ask for, in characters.
pub const MIN_SNIPPET_CHARS: usize = 20;
/// The longest snippet a request may ask for, in characters.
pub const MAX_SNIPPET_CHARS: usize = 2_000;

impl SearchRequest {
    /// A request for `query` with the defaults: no filters, 10 hits,
    /// snippets of at most 160 characters.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest { query: query.into(), filters: Filters::default(), limit: 10, snippet_chars: 160 }
    }

    /// Replaces the filters.
    pub fn with_filters(mut self, filters: Filters) -> SearchRequest {
        self.filters = filters;
        self
    }

    /// Replaces the limit.
    pub fn with_limit(mut self, limit: usize) -> SearchRequest {
        self.limit = limit;
        self
    }
}

impl From<&str> for SearchRequest {
    fn from(query: &str) -> SearchRequest {
        SearchRequest::new(query)
    }
}

impl From<String> for SearchRequest {
    fn from(query: String) -> SearchRequest {
        SearchRequest::new(query)
    }
}

impl From<&SearchRequest> for SearchRequest {
    fn from(request: &SearchRequest) -> SearchRequest {
        request.clone()
    }
}
