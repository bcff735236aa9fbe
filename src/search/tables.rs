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
    /// Whether the story's account is hidden: its documents are in no
    /// answer.
    pub(crate) hidden: bool,
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

/// What a key stands for in [`Tables::ords`] when its document no longer
/// counts.
pub(crate) const DEAD: u32 = u32::MAX;

/// The rows, and the values they number.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    pub(crate) stories: Vec<StoryRow>,
    pub(crate) docs: Vec<DocRow>,
    /// Product positions in [`Library::products`], per story.
    pub(crate) story_products: Vec<u32>,
    pub(crate) countries: Vec<String>,
    pub(crate) industries: Vec<String>,
    pub(crate) sectors: Vec<String>,
    /// Language codes: the stories' first, then the quotes' in
    /// alphabetical order.
    pub(crate) languages: Vec<String>,
    /// For each key of a tantivy document (its `doc` field), its position
    /// in `docs`, or [`DEAD`].
    pub(crate) ords: Vec<u32>,
}

/// What a story's row takes from its account.
#[derive(Debug, Clone, Copy)]
struct AccountRow {
    region: Option<SalesRegion>,
    country: u32,
    industry: u32,
    sector: u32,
    hidden: bool,
}

/// Numbers values in order of first appearance.
#[derive(Default)]
struct Numbering {
    values: Vec<String>,
    ids: foldhash::HashMap<String, u32>,
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
    /// The languages an index of `library` numbers: `story_language`, then
    /// the other languages of its quotes in alphabetical order.
    pub(crate) fn languages_of(library: &Library, story_language: &str) -> Vec<String> {
        let quotes: std::collections::BTreeSet<&str> =
            library.quotes().iter().map(|q| q.language.as_str()).filter(|&l| l != story_language).collect();
        std::iter::once(story_language).chain(quotes).map(str::to_string).collect()
    }

    /// The rows of `library`, with `languages` (whose first is the stories'
    /// and which hold every quote's) and the accounts in `hidden` marked;
    /// keys are positions (`ords` is the identity).
    pub(crate) fn new(library: &Library, languages: &[String], hidden: &[String]) -> Tables {
        let (mut countries, mut industries, mut sectors) =
            (Numbering::default(), Numbering::default(), Numbering::default());
        let story_language = 0;
        let products: foldhash::HashMap<&str, u32> =
            library.products().iter().enumerate().map(|(i, p)| (p.id.as_str(), i as u32)).collect();
        // An account's attributes, worked out at its first story: the
        // values are numbered in the order the stories first name them.
        let mut accounts: Vec<Option<AccountRow>> = vec![None; library.accounts().len()];
        let mut story_products = Vec::new();
        let mut stories = Vec::with_capacity(library.stories().len());
        let mut docs = Vec::with_capacity(library.stories().len() + library.quotes().len());
        // Stories of one account, and quotes of one story, often come
        // together: the last look-up is tried first.
        let mut last_account: Option<(&str, usize)> = None;
        for (s, story) in library.stories().iter().enumerate() {
            let a = match last_account {
                Some((id, a)) if id == story.account => a,
                _ => library.account_position(&story.account).expect("a library's references resolve"),
            };
            last_account = Some((&story.account, a));
            let account = *accounts[a].get_or_insert_with(|| {
                let account = &library.accounts()[a];
                let sector =
                    naics().sector(&account.industry).map_or(account.industry.as_str(), |i| i.code.as_str());
                AccountRow {
                    region: country(&account.country).map(|c| c.region),
                    country: countries.id(&account.country),
                    industry: industries.id(&account.industry),
                    sector: sectors.id(sector),
                    hidden: hidden.contains(&account.id),
                }
            });
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
            story_products.extend(story.products.iter().filter_map(|p| products.get(p.as_str())));
            stories.push(StoryRow {
                region: account.region,
                country: account.country,
                industry: account.industry,
                sector: account.sector,
                usable_until,
                assets_until,
                products: start..story_products.len() as u32,
                hidden: account.hidden,
            });
            docs.push(DocRow { story: s as u32, quote: None, language: story_language, usable_until });
        }
        let mut last_story: Option<(&str, u32)> = None;
        for (q, quote) in library.quotes().iter().enumerate() {
            let story = match last_story {
                Some((id, s)) if id == quote.story => s,
                _ => library.story_position(&quote.story).expect("a library's references resolve") as u32,
            };
            last_story = Some((&quote.story, story));
            let until = quote.approved_until.unwrap_or(Date::MAX).min(stories[story as usize].usable_until);
            let language = languages
                .iter()
                .position(|l| *l == quote.language)
                .expect("the caller's languages hold every quote's");
            docs.push(DocRow {
                story,
                quote: Some(q as u32),
                language: language as u32,
                usable_until: until,
            });
        }
        let ords = (0..docs.len() as u32).collect();
        Tables {
            stories,
            docs,
            ords,
            story_products,
            countries: countries.values,
            industries: industries.values,
            sectors: sectors.values,
            languages: languages.to_vec(),
        }
    }

    /// The products of a story, as positions in [`Library::products`].
    pub(crate) fn products(&self, story: &StoryRow) -> &[u32] {
        &self.story_products[story.products.start as usize..story.products.end as usize]
    }
}
