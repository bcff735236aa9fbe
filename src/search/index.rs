//! [`SearchIndex`]: the library's texts in a tantivy index held in RAM,
//! with the [`Tables`] the filters and facets read.
//!
//! Every text source of every language present gets two fields: the stems
//! (with positions, for words and phrases) and the plain forms (for
//! prefixes), e.g. `title_en` and `title_en_plain`. Stories fill the title,
//! summary, outcome and use-case fields of the story language; quotes the
//! quote field of their own language. Nothing is stored in the index: hits
//! are read back from the library.
//!
//! The documents are cut into at most [`MAX_SHARDS`] shards of at least
//! [`SHARD_DOCS`] consecutive ones, each a tantivy index written by one
//! thread; the shards are written in
//! parallel and searched in parallel, with the BM25 statistics of all of
//! them ([`Stats`]). The cut depends on the number of documents only, and
//! each shard's writer sees its documents in order, so the same library
//! gives the same segments, and the same scores to the last bit, on any
//! number of threads. (One tantivy writer with several threads hands
//! documents to whichever thread is free, and the order in which a segment's
//! union of terms adds up a score then varies in the last bits.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::analysis::Analyzers;
use super::error::SearchError;
use super::request::Source;
use super::tables::Tables;
use crate::model::Library;
use crate::model::limits::MAX_LABEL_LEN;
use crate::taxonomy::language_name;

/// Memory each shard's writer may fill before it writes a segment.
const WRITER_MEMORY: usize = 96 * 1024 * 1024;

/// The fewest documents of a shard (but for a library's last one).
pub(crate) const SHARD_DOCS: usize = 16_384;

/// The most shards: past `SHARD_DOCS * MAX_SHARDS` documents, shards grow.
pub(crate) const MAX_SHARDS: usize = 4;

/// The two fields of one source in one language.
#[derive(Debug, Clone)]
pub(crate) struct TextField {
    pub(crate) source: Source,
    /// Index into [`Tables::languages`].
    pub(crate) language: u32,
    pub(crate) stem: Field,
    pub(crate) plain: Field,
}

/// A library's stories and quotes, indexed for full-text search: immutable,
/// `Send + Sync`, shared freely across threads.
///
/// Build it once per library (and again after the library changes) with
/// [`SearchIndex::new`]; building costs time linear in the library's text
/// (measured figures are in `BENCHMARKS.md`). Search it with
/// [`SearchIndex::search`]. The index holds the library in an [`Arc`], to
/// read hits and snippets back.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) library: Arc<Library>,
    pub(crate) tables: Arc<Tables>,
    pub(crate) fields: Arc<Vec<TextField>>,
    /// Analyzers per language, in the order of [`Tables::languages`].
    pub(crate) analyzers: Arc<Vec<Analyzers>>,
    pub(crate) shards: Arc<Vec<IndexReader>>,
}

/// The BM25 statistics of every shard together, so that a document's score
/// does not depend on which shard holds it. Each shard's weights ask for
/// the same terms: their counts are kept once asked.
pub(crate) struct Stats<'a> {
    searchers: &'a [Searcher],
    doc_freqs: Mutex<HashMap<Term, u64>>,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl<'a> Stats<'a> {
    pub(crate) fn new(searchers: &'a [Searcher]) -> Stats<'a> {
        Stats { searchers, doc_freqs: Mutex::default(), tokens: Mutex::default() }
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.tokens.lock().unwrap_or_else(|e| e.into_inner()).get(&field) {
            return Ok(n);
        }
        let n = self.searchers.iter().map(|s| s.total_num_tokens(field)).sum::<tantivy::Result<u64>>()?;
        self.tokens.lock().unwrap_or_else(|e| e.into_inner()).insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searchers.iter().map(|s| s.num_docs()).sum())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner()).get(term) {
            return Ok(n);
        }
        let n = self.searchers.iter().map(|s| s.doc_freq(term)).sum::<tantivy::Result<u64>>()?;
        self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner()).insert(term.clone(), n);
        Ok(n)
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.tables.docs.len())
            .field("languages", &self.tables.languages)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Indexes `library`, its stories as written in English.
    ///
    /// # Errors
    ///
    /// [`SearchError::Engine`] when tantivy fails, which for an index in
    /// RAM means memory ran out.
    pub fn new(library: impl Into<Arc<Library>>) -> Result<SearchIndex, SearchError> {
        SearchIndex::with_story_language(library, "en")
    }

    /// Indexes `library`, its stories (titles, summaries, outcomes, use
    /// cases) as written in the language with ISO 639-1 code
    /// `story_language`. Quotes carry their own language.
    ///
    /// # Errors
    ///
    /// [`SearchError::Query`] when `story_language` is not an ISO 639-1
    /// code; [`SearchError::Engine`] when tantivy fails.
    pub fn with_story_language(
        library: impl Into<Arc<Library>>,
        story_language: &str,
    ) -> Result<SearchIndex, SearchError> {
        if language_name(story_language).is_none() {
            let shown: String = story_language.chars().take(MAX_LABEL_LEN).collect();
            return Err(SearchError::Query(vec![super::QueryProblem::in_field(
                "story_language",
                super::QueryProblemKind::UnknownValue,
                format!(
                    "unknown language code {shown:?}: expected a lowercase ISO 639-1 code such as \"en\""
                ),
            )]));
        }
        let library = library.into();
        let tables = Tables::new(&library, story_language);
        let analyzers: Vec<Analyzers> = tables.languages.iter().map(|code| Analyzers::new(code)).collect();

        let mut builder = Schema::builder();
        let doc_field = builder.add_u64_field("doc", INDEXED | FAST);
        let mut fields = Vec::new();
        let mut by_key: HashMap<(Source, u32), usize> = HashMap::new();
        let mut add = |builder: &mut tantivy::schema::SchemaBuilder, source: Source, language: u32| {
            by_key.entry((source, language)).or_insert_with(|| {
                let code = &tables.languages[language as usize];
                let name = format!("{}_{code}", source.as_str());
                let stem = builder.add_text_field(&name, text_options(&format!("stem_{code}"), true));
                let plain = builder
                    .add_text_field(&format!("{name}_plain"), text_options(&format!("plain_{code}"), false));
                fields.push(TextField { source, language, stem, plain });
                fields.len() - 1
            });
        };
        if !library.stories().is_empty() {
            for source in [Source::Title, Source::Summary, Source::Outcome, Source::UseCase] {
                add(&mut builder, source, 0);
            }
        }
        let mut quote_languages: Vec<u32> =
            tables.docs.iter().filter(|d| d.quote.is_some()).map(|d| d.language).collect();
        quote_languages.sort_unstable();
        quote_languages.dedup();
        for &l in &quote_languages {
            add(&mut builder, Source::Quote, l);
        }
        let schema = builder.build();

        let n = tables.docs.len();
        let size = SHARD_DOCS.max(n.div_ceil(MAX_SHARDS));
        let chunks: Vec<std::ops::Range<usize>> =
            (0..n.div_ceil(size)).map(|i| i * size..((i + 1) * size).min(n)).collect();
        let write = |range: std::ops::Range<usize>| -> tantivy::Result<IndexReader> {
            let index = Index::create_in_ram(schema.clone());
            for (code, analyzers) in tables.languages.iter().zip(&analyzers) {
                index.tokenizers().register(&format!("stem_{code}"), analyzers.stem.clone());
                index.tokenizers().register(&format!("plain_{code}"), analyzers.plain.clone());
            }
            let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
            writer.set_merge_policy(Box::new(NoMergePolicy));
            for ord in range {
                writer.add_document(document(&library, &tables, &fields, &by_key, doc_field, ord))?;
            }
            writer.commit()?;
            writer.wait_merging_threads()?;
            index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
        };
        let shards = chunks.into_par_iter().map(write).collect::<tantivy::Result<Vec<IndexReader>>>()?;
        Ok(SearchIndex {
            library,
            tables: Arc::new(tables),
            fields: Arc::new(fields),
            analyzers: Arc::new(analyzers),
            shards: Arc::new(shards),
        })
    }

    /// The library searched.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The number of documents: one per story and one per quote.
    pub fn documents(&self) -> usize {
        self.tables.docs.len()
    }

    /// The languages of the indexed texts (ISO 639-1 codes): the stories'
    /// first, then the quotes' in order of first appearance.
    pub fn languages(&self) -> &[String] {
        &self.tables.languages
    }
}

/// The tantivy document of document `ord`: its number and its texts.
fn document(
    library: &Library,
    tables: &Tables,
    fields: &[TextField],
    by_key: &HashMap<(Source, u32), usize>,
    doc_field: Field,
    ord: usize,
) -> TantivyDocument {
    let doc = &tables.docs[ord];
    let mut document = TantivyDocument::new();
    document.add_u64(doc_field, ord as u64);
    let mut add = |source: Source, text: &str| {
        if !text.is_empty() {
            let field = &fields[by_key[&(source, doc.language)]];
            document.add_text(field.stem, text);
            document.add_text(field.plain, text);
        }
    };
    match doc.quote {
        Some(q) => add(Source::Quote, &library.quotes()[q as usize].text),
        None => {
            let story = &library.stories()[doc.story as usize];
            add(Source::Title, &story.title);
            add(Source::Summary, &story.summary);
            for outcome in &story.outcomes {
                add(Source::Outcome, &outcome.description);
            }
            for use_case in &story.use_cases {
                add(Source::UseCase, use_case);
            }
        }
    }
    document
}

fn text_options(tokenizer: &str, positions: bool) -> TextOptions {
    let record =
        if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}
