//! Search over the sample program and random libraries: words, phrases,
//! prefixes and stemming find what they should; every filter keeps exactly
//! the hits a plain evaluation of its rule keeps; facets count the hits;
//! the order is total and the same on every build; bad queries get errors
//! that name the column or the value.
#![cfg(feature = "search")]

mod common;
mod support;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use jiff::civil::{Date, date};
use proptest::prelude::*;
use refmatch::Library;
use refmatch::model::AssetKind;
use refmatch::search::{
    Filters, Hit, QueryProblemKind, SearchError, SearchIndex, SearchRequest, SearchResults, Source,
};
use refmatch::taxonomy::{SalesRegion, country, naics};

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::new(Library::sample()).expect("the sample indexes"))
}

fn all(request: impl Into<SearchRequest>) -> SearchResults {
    let request = request.into().with_limit(10_000);
    index().search(request).unwrap_or_else(|e| panic!("{e}"))
}

fn texts(hit: &Hit) -> Vec<String> {
    let library = index().library();
    match &hit.quote {
        Some(q) => vec![library.quote(q).unwrap().text.clone()],
        None => {
            let s = library.story(&hit.story).unwrap();
            let mut t = vec![s.title.clone(), s.summary.clone()];
            t.extend(s.outcomes.iter().map(|o| o.description.clone()));
            t.extend(s.use_cases.iter().cloned());
            t
        }
    }
}

fn highlighted(hit: &Hit) -> Vec<String> {
    hit.snippet.highlights.iter().map(|r| hit.snippet.text[r.clone()].to_lowercase()).collect()
}

#[test]
fn search_index_is_send_and_sync() {
    fn check<T: Send + Sync + Clone>() {}
    check::<SearchIndex>();
    check::<SearchError>();
    check::<SearchResults>();
}

#[test]
fn the_quickstart_search_finds_emea_fraud_stories_naming_omnisuite_first() {
    let request = SearchRequest::new("fraud detection Omnisuite")
        .with_filters(Filters::new().region(SalesRegion::Emea))
        .with_limit(5);
    let results = index().search(request).unwrap();
    assert_eq!(results.hits.len(), 5);
    assert_eq!(results.facets.regions, vec![(SalesRegion::Emea, results.total)]);
    let library = index().library();
    let first = &results.hits[0];
    let story = library.story(&first.story).unwrap();
    assert!(story.competitors.iter().any(|c| c == "Omnisuite"), "{first:?}");
    assert!(story.use_cases.iter().any(|u| u == "fraud detection"), "{first:?}");
    for hit in &results.hits {
        let words = highlighted(hit);
        assert!(!words.is_empty(), "{hit:?}");
        assert!(words.iter().all(|w| ["fraud", "detection", "omnisuite"].contains(&w.as_str())), "{words:?}");
    }
}

#[test]
fn stems_find_other_forms_in_each_language() {
    for (query, language, word) in [
        ("language:en frauds", "en", "fraud"),
        ("language:de Betrugserkennungen", "de", "betrugserkennung"),
        ("language:fr sinistre", "fr", "sinistres"),
        ("language:es fraudes", "es", "fraud"),
        ("language:es detecciones", "es", "detecci"),
    ] {
        let results = all(query);
        assert!(results.total > 0, "{query}: nothing found");
        for hit in &results.hits {
            assert_eq!(hit.language, language, "{query}: {hit:?}");
            let marked = highlighted(hit);
            assert!(
                !marked.is_empty() && marked.iter().all(|w| w.starts_with(word)),
                "{query}: {:?}",
                hit.snippet
            );
        }
    }
}

#[test]
fn phrases_keep_the_order_and_prefixes_match_the_words_as_written() {
    let phrase = all("\"real time\"");
    assert!(phrase.total > 0);
    for hit in &phrase.hits {
        assert!(
            texts(hit)
                .iter()
                .any(|t| t.to_lowercase().contains("real time") || t.to_lowercase().contains("real-time")),
            "{hit:?}"
        );
    }
    assert_eq!(all("\"time real\"").total, 0);
    // A hyphenated word is a phrase.
    assert_eq!(all("real-time").total, phrase.total);

    let prefix = all("onboard*");
    assert!(prefix.total > 0);
    for hit in &prefix.hits {
        assert!(highlighted(hit).iter().all(|w| w.starts_with("onboard")), "{hit:?}");
        assert!(texts(hit).iter().any(|t| t.to_lowercase().contains("onboard")));
    }
    // A longer prefix than the stem still matches the words that start so.
    let longer = all("onboardi*");
    assert!(longer.total > 0 && longer.total <= prefix.total);
    assert_eq!(all("qqzz*").total, 0);
}

#[test]
fn required_and_excluded_clauses() {
    let fraud = all("fraud");
    let both = all("+fraud +omnisuite");
    let without = all("+fraud -omnisuite");
    assert!(both.total > 0 && without.total > 0);
    assert_eq!(both.total + without.total, fraud.total);
    let only_excluded = all("-fraud");
    assert_eq!(only_excluded.total + fraud.total, index().documents());
    assert!(only_excluded.hits.iter().all(|h| h.score == 0.0));
    // Words searched in one field only.
    for hit in &all("title:fraud").hits {
        assert_eq!(hit.snippet.source, Source::Title, "{hit:?}");
    }
    assert!(all("quote:fraud").hits.iter().all(|h| h.quote.is_some()));
    // Only stop words: nothing to find.
    assert_eq!(all("the of").total, 0);
}

#[test]
fn an_empty_query_lists_every_document_in_library_order() {
    let results = all("");
    assert_eq!(results.total, index().documents());
    let library = index().library();
    assert_eq!(index().documents(), library.stories().len() + library.quotes().len());
    let order: Vec<(String, Option<String>)> =
        results.hits.iter().map(|h| (h.story.clone(), h.quote.clone())).collect();
    let mut expected: Vec<(String, Option<String>)> =
        library.stories().iter().map(|s| (s.id.clone(), None)).collect();
    expected.extend(library.quotes().iter().map(|q| (q.story.clone(), Some(q.id.clone()))));
    assert_eq!(order, expected);
    assert!(results.hits.iter().all(|h| h.highlighted_nothing()));
}

trait Unmarked {
    fn highlighted_nothing(&self) -> bool;
}

impl Unmarked for Hit {
    fn highlighted_nothing(&self) -> bool {
        self.snippet.highlights.is_empty() && !self.snippet.text.is_empty()
    }
}

/// Whether `hit` passes `filters`, evaluated plainly from the library.
fn keeps(filters: &Filters, hit: &Hit) -> bool {
    let library = index().library();
    let story = library.story(&hit.story).unwrap();
    let account = library.account(&story.account).unwrap();
    let quote = hit.quote.as_ref().map(|q| library.quote(q).unwrap());
    let region = country(&account.country).unwrap().region;
    let language = quote.map_or("en", |q| q.language.as_str());
    let under = |code: &str| {
        if code.contains('-') {
            naics().sector(&account.industry).unwrap().code == code
        } else {
            account.industry.starts_with(code)
        }
    };
    let asset = |kind: AssetKind| {
        (kind == AssetKind::Quote && quote.is_some())
            || story
                .assets
                .iter()
                .any(|a| a.kind == kind && filters.approved_on.is_none_or(|d| a.usable_on(d)))
    };
    (filters.regions.is_empty() || filters.regions.contains(&region))
        && (filters.countries.is_empty()
            || filters.countries.iter().any(|c| c.eq_ignore_ascii_case(&account.country)))
        && (filters.sectors.is_empty() || filters.sectors.iter().any(|c| under(c)))
        && (filters.products.is_empty() || filters.products.iter().any(|p| story.products.contains(p)))
        && (filters.asset_kinds.is_empty() || filters.asset_kinds.iter().any(|&k| asset(k)))
        && (filters.languages.is_empty() || filters.languages.iter().any(|l| l == language))
        && filters.approved_on.is_none_or(|d| story.approved_on(d) && quote.is_none_or(|q| q.usable_on(d)))
}

/// The facets of `hits`, counted plainly.
fn facets_of(
    hits: &[Hit],
) -> (BTreeMap<SalesRegion, usize>, BTreeMap<String, usize>, BTreeMap<String, usize>) {
    let library = index().library();
    let (mut regions, mut sectors, mut products) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for hit in hits {
        let story = library.story(&hit.story).unwrap();
        let account = library.account(&story.account).unwrap();
        *regions.entry(country(&account.country).unwrap().region).or_default() += 1;
        *sectors.entry(naics().sector(&account.industry).unwrap().code.clone()).or_default() += 1;
        for p in &story.products {
            *products.entry(p.clone()).or_default() += 1;
        }
    }
    (regions, sectors, products)
}

fn key(hit: &Hit) -> (String, Option<String>) {
    (hit.story.clone(), hit.quote.clone())
}

const WORDS: &[&str] = &[
    "",
    "fraud",
    "onboarding customers",
    "\"real time\"",
    "claims",
    "Betrug*",
    "fraude",
    "omnisuite -fraud",
    "invoices suppliers",
    "+maintenance",
    "verification identity",
    "month-end",
    "cadena",
    "Kundenbindung",
];

fn arb_filters() -> impl Strategy<Value = Filters> {
    use proptest::collection::vec;
    use proptest::sample::select;
    let library = Library::sample();
    let products: Vec<String> = library.products().iter().map(|p| p.id.clone()).collect();
    (
        vec(select(SalesRegion::ALL.to_vec()), 0..=2),
        vec(select(vec!["DE", "us", "FR", "ES", "GB", "JP", "BR", "CH"]), 0..=2),
        vec(select(vec!["52", "5221", "522110", "31-33", "44-45", "62", "54", "325412"]), 0..=2),
        vec(select(products), 0..=2),
        vec(select(AssetKind::ALL.to_vec()), 0..=2),
        vec(select(vec!["en", "de", "fr", "es", "it", "pt", "ja"]), 0..=2),
        prop::option::weighted(0.4, (0i64..1200).prop_map(|d| common::day_after(date(2024, 6, 1), d))),
    )
        .prop_map(|(regions, countries, sectors, products, asset_kinds, languages, approved_on)| {
            Filters {
                regions,
                countries: countries.into_iter().map(String::from).collect(),
                sectors: sectors.into_iter().map(String::from).collect(),
                products,
                asset_kinds,
                languages: languages.into_iter().map(String::from).collect(),
                approved_on,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// A filtered search returns exactly the unfiltered hits that a plain
    /// evaluation of the filters keeps, in the same order, and its facets
    /// count exactly those hits.
    #[test]
    fn filters_keep_exactly_the_hits_their_rules_keep(
        query in proptest::sample::select(WORDS),
        filters in arb_filters(),
    ) {
        let unfiltered = all(query);
        let filtered = all(SearchRequest::new(query).with_filters(filters.clone()));
        let expected: Vec<_> = unfiltered.hits.iter().filter(|h| keeps(&filters, h)).map(key).collect();
        let got: Vec<_> = filtered.hits.iter().map(key).collect();
        prop_assert_eq!(&got, &expected);
        prop_assert_eq!(filtered.total, filtered.hits.len());
        let (regions, sectors, products) = facets_of(&filtered.hits);
        prop_assert_eq!(filtered.facets.regions.iter().cloned().collect::<BTreeMap<_, _>>(), regions);
        prop_assert_eq!(filtered.facets.sectors.iter().cloned().collect::<BTreeMap<_, _>>(), sectors);
        prop_assert_eq!(filtered.facets.products.iter().cloned().collect::<BTreeMap<_, _>>(), products);
    }

    /// The hits are ordered by score, highest first, then stories before
    /// quotes in library order; a limit keeps a prefix of that order.
    #[test]
    fn hits_are_in_total_order_and_limits_keep_a_prefix(
        query in proptest::sample::select(WORDS),
        limit in 0usize..12,
    ) {
        let library = index().library();
        let rank = |h: &Hit| match &h.quote {
            None => library.stories().iter().position(|s| s.id == h.story).unwrap(),
            Some(q) => library.stories().len() + library.quotes().iter().position(|x| &x.id == q).unwrap(),
        };
        let full = all(query);
        for pair in full.hits.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.score > b.score || (a.score == b.score && rank(a) < rank(b)), "{:?} before {:?}", a, b);
        }
        let some = index().search(SearchRequest::new(query).with_limit(limit)).unwrap();
        prop_assert_eq!(&some.hits[..], &full.hits[..limit.min(full.hits.len())]);
        prop_assert_eq!(some.total, full.total);
        prop_assert_eq!(some.facets, full.facets);
    }

    /// Whatever the text, a search answers or names its problems; it never
    /// panics, and every problem has a place and a message.
    #[test]
    fn any_query_text_gets_an_answer_or_an_error(query in "(\\PC|[\"*:+\\- ]){0,40}") {
        match index().search(query.as_str()) {
            Ok(results) => prop_assert!(results.hits.len() <= 10 && results.total >= results.hits.len()),
            Err(SearchError::Query(problems)) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(!p.place.is_empty() && !p.message.is_empty());
                    if let Some(column) = p.column {
                        prop_assert!(column >= 1 && column <= query.chars().count() + 1, "{:?}", p);
                    }
                }
            }
            Err(other) => prop_assert!(false, "engine error {}", other),
        }
    }

    /// Any valid library indexes, and its searches answer; a story found by
    /// one of its words lies among the hits.
    #[test]
    fn random_libraries_index_and_answer(library in common::arb_library(common::Sizes::small())) {
        let index = SearchIndex::new(library.clone()).unwrap();
        prop_assert_eq!(index.documents(), library.stories().len() + library.quotes().len());
        let everything = index.search(SearchRequest::new("").with_limit(10_000)).unwrap();
        prop_assert_eq!(everything.total, index.documents());
        for quote in library.quotes().iter().take(3) {
            let word: String = quote.text.split(|c: char| !c.is_alphanumeric()).find(|w| w.len() >= 4 && w.len() <= 40).unwrap_or("").to_string();
            if word.is_empty() { continue; }
            let found = index.search(SearchRequest::new(format!("quote:{word}")).with_limit(10_000));
            let Ok(found) = found else { continue };
            let stop_word_only = found.total == 0;
            prop_assert!(stop_word_only || found.hits.iter().any(|h| h.quote.as_deref() == Some(quote.id.as_str())), "{} not found by {}", quote.id, word);
        }
    }
}

/// Builds `library`'s index with `threads` indexing threads (and as many
/// segments).
fn build_on(threads: usize, library: &Library) -> SearchIndex {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| SearchIndex::new(library.clone()).unwrap())
}

#[test]
fn builds_on_any_number_of_threads_answer_alike() {
    // The sample, and a synthetic program of two shards (24,000 documents).
    let synthetic =
        Library::new(support::synthetic::with_text(support::synthetic::library(20_000, 5), 5)).unwrap();
    assert!(synthetic.stories().len() + synthetic.quotes().len() > 16_384);
    let queries =
        [WORDS, &["product 03", "\"real-time scoring\"", "Echtzeit", "onboard* -fraud", "title:close"]]
            .concat();
    for library in [Library::sample(), synthetic] {
        let one = build_on(1, &library);
        for threads in [2, 4] {
            let many = build_on(threads, &library);
            for query in &queries {
                let request = SearchRequest::new(*query).with_limit(10_000);
                let (a, b) = (one.search(request.clone()).unwrap(), many.search(request).unwrap());
                // Not assert_eq: the full results would flood the output.
                assert!(a == b, "{query} on {threads} threads: results differ");
            }
        }
    }
}

fn problems(request: impl Into<SearchRequest>) -> Vec<(String, QueryProblemKind, String)> {
    match index().search(request) {
        Err(SearchError::Query(problems)) => {
            problems.into_iter().map(|p| (p.place, p.kind, p.message)).collect()
        }
        other => panic!("expected a query error, got {other:?}"),
    }
}

#[test]
fn malformed_queries_name_the_column() {
    let found = problems("fraud \"real time");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "query, column 7");
    assert!(found[0].2.contains("unbalanced quote"));

    let found = problems("owner:lena fraud");
    assert_eq!((found[0].0.as_str(), found[0].1), ("query, column 1", QueryProblemKind::UnknownField));
    assert!(found[0].2.contains("`owner`") && found[0].2.contains("title, summary"), "{}", found[0].2);
}

#[test]
fn filter_values_that_do_not_exist_are_named() {
    use QueryProblemKind::UnknownValue;
    let found = problems(
        "fraud region:MARS country:XX sector:99 product:prd-nothing kind:poster language:xx approved:2026-02-30",
    );
    let places: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        places,
        [
            "query, column 14",
            "query, column 27",
            "query, column 37",
            "query, column 48",
            "query, column 65",
            "query, column 81",
            "query, column 93"
        ]
    );
    for (value, (_, kind, message)) in
        ["MARS", "XX", "99", "prd-nothing", "poster", "xx", "2026-02-30"].iter().zip(&found)
    {
        assert!(message.contains(value), "{message} does not name {value}");
        if *value != "2026-02-30" {
            assert_eq!(*kind, UnknownValue);
        }
    }

    let filters = Filters::new().country("Germany").product("Keel").sector("5").language("german");
    let found = problems(SearchRequest::new("fraud").with_filters(filters));
    let places: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        places,
        ["filters.countries[0]", "filters.sectors[0]", "filters.products[0]", "filters.languages[0]"]
    );
}

#[test]
fn out_of_range_requests_are_refused() {
    let mut request = SearchRequest::new("fraud").with_limit(10_001);
    request.snippet_chars = 5;
    request.filters.approved_on = Some(Date::constant(2200, 1, 1));
    let found = problems(request);
    let places: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(places, ["filters.approved_on", "request.limit", "request.snippet_chars"]);
    assert!(found.iter().all(|p| p.1 == QueryProblemKind::OutOfRange));
    let err = SearchIndex::with_story_language(Library::sample(), "english").unwrap_err();
    assert!(err.to_string().contains("unknown language code \"english\""), "{err}");
}

#[test]
fn names_of_products_and_case_of_codes_are_accepted() {
    let by_name = all("fraud product:\"sentinel fraud\" country:de region:emea");
    let by_id =
        all(SearchRequest::new("fraud").with_filters(Filters::new().product("prd-sentinel").country("DE")));
    assert!(by_id.total > 0);
    assert_eq!(by_name.hits, by_id.hits);
    let sentinel: HashSet<&str> = by_id.facets.products.iter().map(|(p, _)| p.as_str()).collect();
    assert!(sentinel.contains("prd-sentinel"));
}

#[test]
fn approval_and_asset_kind_follow_the_day() {
    let day = date(2026, 12, 1);
    let library = index().library();
    let results = all(SearchRequest::new("").with_filters(Filters::new().approved_on(day)));
    assert!(results.total < index().documents());
    for hit in &results.hits {
        let story = library.story(&hit.story).unwrap();
        assert!(story.approved_on(day));
        if let Some(q) = &hit.quote {
            assert!(library.quote(q).unwrap().usable_on(day));
        }
    }
    let quotes = all("kind:quote");
    assert!(quotes.hits.iter().filter(|h| h.quote.is_some()).count() == library.quotes().len());
}
