//! What the search keeps of the library beside the tantivy index: one row
//! per document (a story or a quote) and per story, with the attributes
//! the filters test and the facets count, as small integers.
//!
//! Documents are numbered stories first, in library order, then quotes in
//! library order; that number is stored in the index (the `doc` fast
//! field) and breaks ties between equal scores.

use jiff::civil::Date;

use crate::model::{AssetKind, Library};
use crate::taxonomy::{SalesRegion, country, naics};

/// A story, as filters and facets see it.
#[derive(Debug, Clone)]
pub(crate) struct StoryRow {
    pub(crate) region: Option<SalesRegion>,
    /// Index into [`Tables::countries`].
    pub(crate) country: u32,
    /// Index into [`Tables::industries`].
    pub(crate) industry: u32,
    /// Index into [`Tables::sectors`].
    pub(crate) sector: u32,
    /// Last day the story is approved: `Date::MIN` when it is not,
    /// `Date::MAX` when the approval has no end.
    pub(crate) usable_until: Date,
    /// For each asset kind (in [`AssetKind::ALL`] order), the last day an
    /// asset of that kind is usable: `None` without one, `Date::MAX`
    /// without an end.
    pub(crate) assets_until: [Option<Date>; AssetKind::ALL.len()],
    /// Range of [`Tables::story_products`].
    pub(crate) products: std::ops::Range<u32>,
}

/// A document: a story, or a quote of a story.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocRow {
    /// Position of the story in [`Library::stories`].
    pub(crate) story: u32,
    /// Position of the quote in [`Library::quotes`], for a quote.
    pub(crate) quote: Option<u32>,
    /// Index into [`Tables::languages`].
    pub(crate) language: u32,
    /// Last day the document may be used (the story's approval, and a
    /// quote's own).
    pub(crate) usable_until: Date,
}

/// The rows, and the values they number.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub(crate) stories: Vec<StoryRow>,
    pub(crate) docs: Vec<DocRow>,
    /// Product positions in [`Library::products`], per story.
    pub(crate) story_products: Vec<u32>,
    pub(crate) countries: Vec<String>,
    pub(crate) industries: Vec<String>,
    pub(crate) sectors: Vec<String>,
    /// Language codes: the stories' first, then the quotes' in order of
    /// appearance.
    pub(crate) languages: Vec<String>,
}

/// Numbers values in order of first appearance.
#[derive(Default)]
struct Numbering {
    values: Vec<String>,
    ids: std::collections::HashMap<String, u32>,
}

impl Numbering {
    fn id(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.to_string());
        self.ids.insert(value.to_string(), id);
        id
    }
}

impl Tables {
    pub(crate) fn new(library: &Library, story_language: &str) -> Tables {
        let (mut countries, mut industries, mut sectors, mut languages) =
            (Numbering::default(), Numbering::default(), Numbering::default(), Numbering::default());
        let story_language = languages.id(story_language);
        let product_position: std::collections::HashMap<&str, u32> =
            library.products().iter().enumerate().map(|(i, p)| (p.id.as_str(), i as u32)).collect();
        let mut story_products = Vec::new();
        let mut stories = Vec::with_capacity(library.stories().len());
        let mut docs = Vec::with_capacity(library.stories().len() + library.quotes().len());
        for (s, story) in library.stories().iter().enumerate() {
            let account = library.account(&story.account).expect("a library's references resolve");
            let sector =
                naics().sector(&account.industry).map_or(account.industry.as_str(), |i| i.code.as_str());
            let usable_until = match (story.approved, story.approved_until) {
                (false, _) => Date::MIN,
                (true, None) => Date::MAX,
                (true, Some(until)) => until,
            };
            let mut assets_until = [None; AssetKind::ALL.len()];
            for asset in &story.assets {
                let k =
                    AssetKind::ALL.iter().position(|&kind| kind == asset.kind).expect("every kind is listed");
                let until = asset.approved_until.unwrap_or(Date::MAX);
                assets_until[k] = Some(assets_until[k].map_or(until, |u: Date| u.max(until)));
            }
            let start = story_products.len() as u32;
            story_products.extend(story.products.iter().filter_map(|p| product_position.get(p.as_str())));
            stories.push(StoryRow {
                region: country(&account.country).map(|c| c.region),
                country: countries.id(&account.country),
                industry: industries.id(&account.industry),
                sector: sectors.id(sector),
                usable_until,
                assets_until,
                products: start..story_products.len() as u32,
            });
            docs.push(DocRow { story: s as u32, quote: None, language: story_language, usable_until });
        }
        let story_position: std::collections::HashMap<&str, u32> =
            library.stories().iter().enumerate().map(|(i, s)| (s.id.as_str(), i as u32)).collect();
        for (q, quote) in library.quotes().iter().enumerate() {
            let story = story_position[quote.story.as_str()];
            let until = quote.approved_until.unwrap_or(Date::MAX).min(stories[story as usize].usable_until);
            docs.push(DocRow {
                story,
                quote: Some(q as u32),
                language: languages.id(&quote.language),
                usable_until: until,
            });
        }
        Tables {
            stories,
            docs,
            story_products,
            countries: countries.values,
            industries: industries.values,
            sectors: sectors.values,
            languages: languages.values,
        }
    }

    /// The products of a story, as positions in [`Library::products`].
    pub(crate) fn products(&self, story: &StoryRow) -> &[u32] {
        &self.story_products[story.products.start as usize..story.products.end as usize]
    }
}
