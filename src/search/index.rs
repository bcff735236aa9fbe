//! [`SearchIndex`]: the library's texts in a tantivy index held in RAM
//! ([`Core`]), with the [`Tables`] the filters and facets read.
//!
//! Every text source of every language present gets two fields: the stems
//! (with positions, for words and phrases) and the plain forms (for
//! prefixes), e.g. `title_en` and `title_en_plain`. Stories fill the title,
//! summary, outcome and use-case fields of the story language; quotes the
//! quote field of their own language. Nothing is stored in the index: hits
//! are read back from the library, which the [`Core`] does not hold (a
//! [`Program`](crate::ledger::Program) lends it its own at each search).
//!
//! The documents are cut into at most [`MAX_SHARDS`] shards of at least
//! [`SHARD_DOCS`] consecutive ones, each a tantivy index written by one
//! thread; the shards are written in parallel and searched in parallel,
//! with the BM25 statistics of all of them ([`Stats`]). The cut depends on
//! the number of documents only, and each shard's writer sees its
//! documents in order, so the same library gives the same segments, and
//! the same scores to the last bit, on any number of threads. (One tantivy
//! writer with several threads hands documents to whichever thread is
//! free, and the order in which a segment's union of terms adds up a score
//! then varies in the last bits.) How changes join later shards is
//! [`super::update`]'s part.

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
use super::tables::{DocRow, Tables};
use super::update::{Dead, Ids};
use crate::model::limits::MAX_LABEL_LEN;
use crate::model::{Library, Quote, Story};
use crate::taxonomy::language_name;

/// Memory each shard's writer may fill before it writes a segment.
const WRITER_MEMORY: usize = 96 * 1024 * 1024;

/// The least memory tantivy lets a writer have: enough for the few
/// documents of a change.
pub(crate) const SMALL_WRITER_MEMORY: usize = 15 * 1024 * 1024;

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

/// One tantivy index of the search, and what [`super::update`] knows of it.
#[derive(Clone)]
pub(crate) struct Shard {
    pub(crate) reader: IndexReader,
    /// The documents' keys (the `doc` fast field): consecutive.
    pub(crate) keys: std::ops::Range<u32>,
    /// What its documents that no longer count hold.
    pub(crate) dead: Dead,
}

/// Everything a search reads but the library: the schema, the analyzers,
/// the shards, the tables and the keys of the documents.
#[derive(Clone)]
pub(crate) struct Core {
    pub(crate) story_language: String,
    pub(crate) tables: Arc<Tables>,
    pub(crate) fields: Vec<TextField>,
    /// Index into `fields` of each (source, language).
    pub(crate) by_key: HashMap<(Source, u32), usize>,
    /// Analyzers per language, in the order of [`Tables::languages`].
    pub(crate) analyzers: Vec<Analyzers>,
    pub(crate) schema: Schema,
    pub(crate) doc_field: Field,
    pub(crate) shards: Vec<Shard>,
    /// How many of `shards` the last build wrote: they come first, the
    /// shards of later changes after them.
    pub(crate) built: usize,
    /// The dead documents of every shard together, for [`Stats`].
    pub(crate) dead: Dead,
    /// The keys by story or quote id, once a change needed them.
    pub(crate) ids: Option<Ids>,
}

/// A library's stories and quotes, indexed for full-text search: `Send +
/// Sync`, cheap to clone, shared freely across threads.
///
/// Build it once with [`SearchIndex::new`]; building costs time linear in
/// the library's text (measured figures are in `BENCHMARKS.md`). Search it
/// with [`SearchIndex::search`]. When the library changes, hand the new one
/// to [`SearchIndex::update`], which indexes only the texts that changed.
/// The index holds the library in an [`Arc`], to read hits and snippets
/// back.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) library: Arc<Library>,
    pub(crate) core: Arc<Core>,
}

/// The BM25 statistics of every shard together, without the documents
/// that no longer count, so that a document's score depends neither on
/// which shard holds it nor on the changes before. Each shard's weights ask
/// for the same terms: their counts are kept once asked.
pub(crate) struct Stats<'a> {
    searchers: &'a [Searcher],
    dead: &'a Dead,
    doc_freqs: Mutex<HashMap<Term, u64>>,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl<'a> Stats<'a> {
    pub(crate) fn new(searchers: &'a [Searcher], dead: &'a Dead) -> Stats<'a> {
        Stats { searchers, dead, doc_freqs: Mutex::default(), tokens: Mutex::default() }
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.tokens.lock().unwrap_or_else(|e| e.into_inner()).get(&field) {
            return Ok(n);
        }
        let n = self.searchers.iter().map(|s| s.total_num_tokens(field)).sum::<tantivy::Result<u64>>()?;
        let n = n.saturating_sub(self.dead.tokens(field));
        self.tokens.lock().unwrap_or_else(|e| e.into_inner()).insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        let n: u64 = self.searchers.iter().map(|s| s.num_docs()).sum();
        Ok(n.saturating_sub(self.dead.docs))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner()).get(term) {
            return Ok(n);
        }
        let n = self.searchers.iter().map(|s| s.doc_freq(term)).sum::<tantivy::Result<u64>>()?;
        let n = n.saturating_sub(self.dead.doc_freq(term));
        self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner()).insert(term.clone(), n);
        Ok(n)
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.core.tables.docs.len())
            .field("languages", &self.core.tables.languages)
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
        let core = Core::build(&library, story_language, &[])?;
        Ok(SearchIndex { library, core: Arc::new(core) })
    }

    /// The library searched.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The number of documents: one per story and one per quote.
    pub fn documents(&self) -> usize {
        self.core.tables.docs.len()
    }

    /// The languages of the indexed texts (ISO 639-1 codes): the stories'
    /// first, then the quotes' in alphabetical order.
    pub fn languages(&self) -> &[String] {
        &self.core.tables.languages
    }
}

impl Core {
    /// Indexes every story and quote of `library`, the stories of accounts
    /// in `hidden` left out of every answer.
    pub(crate) fn build(library: &Library, story_language: &str, hidden: &[String]) -> tantivy::Result<Core> {
        let languages = Tables::languages_of(library, story_language);
        let tables = Tables::new(library, &languages, hidden);
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
        let mut core = Core {
            story_language: story_language.to_string(),
            tables: Arc::new(tables),
            fields,
            by_key,
            analyzers,
            schema,
            doc_field,
            shards: Vec::new(),
            built: 0,
            dead: Dead::default(),
            ids: None,
        };
        let size = SHARD_DOCS.max(n.div_ceil(MAX_SHARDS));
        let chunks: Vec<std::ops::Range<usize>> =
            (0..n.div_ceil(size)).map(|i| i * size..((i + 1) * size).min(n)).collect();
        let shards = chunks
            .into_par_iter()
            .map(|range| {
                let keys = range.start as u32..range.end as u32;
                let docs = range.map(|ord| (ord as u32, &core.tables.docs[ord]));
                let reader = core.write(library, docs, WRITER_MEMORY)?;
                Ok(Shard { reader, keys, dead: Dead::default() })
            })
            .collect::<tantivy::Result<Vec<Shard>>>()?;
        core.built = shards.len();
        core.shards = shards;
        Ok(core)
    }

    /// A new tantivy index of `docs` (their keys and rows, in key order),
    /// written by one thread.
    pub(crate) fn write<'a>(
        &self,
        library: &Library,
        docs: impl Iterator<Item = (u32, &'a DocRow)>,
        memory: usize,
    ) -> tantivy::Result<IndexReader> {
        let index = Index::create_in_ram(self.schema.clone());
        for (code, analyzers) in self.tables.languages.iter().zip(&self.analyzers) {
            index.tokenizers().register(&format!("stem_{code}"), analyzers.stem.clone());
            index.tokenizers().register(&format!("plain_{code}"), analyzers.plain.clone());
        }
        let mut writer: IndexWriter = index.writer_with_num_threads(1, memory)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for (key, row) in docs {
            let mut document = TantivyDocument::new();
            document.add_u64(self.doc_field, u64::from(key));
            for (source, text) in doc_texts(library, row) {
                if let Some(field) = self.field(source, row.language) {
                    document.add_text(field.stem, text);
                    document.add_text(field.plain, text);
                }
            }
            writer.add_document(document)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
    }

    /// The fields of `source` in `language`, if the schema has them.
    pub(crate) fn field(&self, source: Source, language: u32) -> Option<&TextField> {
        self.by_key.get(&(source, language)).map(|&i| &self.fields[i])
    }

    /// A searcher per shard, in shard order.
    pub(crate) fn searchers(&self) -> Vec<Searcher> {
        self.shards.iter().map(|s| s.reader.searcher()).collect()
    }
}

/// The texts of a document, each with its source, the empty ones left out:
/// a quote's text, or a story's title, summary, outcome descriptions and
/// use cases.
pub(crate) fn doc_texts<'a>(library: &'a Library, row: &DocRow) -> Vec<(Source, &'a str)> {
    match row.quote {
        Some(q) => quote_texts(&library.quotes()[q as usize]),
        None => story_texts(&library.stories()[row.story as usize]),
    }
}

/// The texts of a story's document: [`doc_texts`].
pub(crate) fn story_texts(story: &Story) -> Vec<(Source, &str)> {
    let mut texts = vec![(Source::Title, story.title.as_str()), (Source::Summary, story.summary.as_str())];
    texts.extend(story.outcomes.iter().map(|o| (Source::Outcome, o.description.as_str())));
    texts.extend(story.use_cases.iter().map(|u| (Source::UseCase, u.as_str())));
    texts.retain(|(_, text)| !text.is_empty());
    texts
}

/// The text of a quote's document: [`doc_texts`].
pub(crate) fn quote_texts(quote: &Quote) -> Vec<(Source, &str)> {
    if quote.text.is_empty() { Vec::new() } else { vec![(Source::Quote, quote.text.as_str())] }
}

fn text_options(tokenizer: &str, positions: bool) -> TextOptions {
    let record =
        if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}
