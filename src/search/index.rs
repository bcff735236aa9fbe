//! [`SearchIndex`]: the library's texts in a tantivy index held in RAM,
//! with the [`Tables`] the filters and facets read.
//!
//! Every text source of every language present gets two fields: the stems
//! (with positions, for words and phrases) and the plain forms (for
//! prefixes), e.g. `title_en` and `title_en_plain`. Stories fill the title,
//! summary, outcome and use-case fields of the story language; quotes the
//! quote field of their own language. Nothing is stored in the index: hits
//! are read back from the library. The index is written by one indexing
//! thread, so its segments, and with them every result, are the same on
//! every run.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::indexer::NoMergePolicy;
use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use super::analysis::Analyzers;
use super::error::SearchError;
use super::request::Source;
use super::tables::Tables;
use crate::model::Library;
use crate::model::limits::MAX_LABEL_LEN;
use crate::taxonomy::language;

/// Memory the indexing thread may fill before it writes a segment.
const WRITER_MEMORY: usize = 256 * 1024 * 1024;

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
    pub(crate) reader: IndexReader,
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
        if language(story_language).is_none() {
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

        let index = Index::create_in_ram(schema);
        for (code, analyzers) in tables.languages.iter().zip(&analyzers) {
            index.tokenizers().register(&format!("stem_{code}"), analyzers.stem.clone());
            index.tokenizers().register(&format!("plain_{code}"), analyzers.plain.clone());
        }
        // One indexing thread: documents reach the segments in order, so
        // the same library always gives the same segments.
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let field_of = |source: Source, language: u32| &fields[by_key[&(source, language)]];
        for (ord, doc) in tables.docs.iter().enumerate() {
            let mut document = TantivyDocument::new();
            document.add_u64(doc_field, ord as u64);
            let mut add_text = |source: Source, text: &str| {
                if !text.is_empty() {
                    let field = field_of(source, doc.language);
                    document.add_text(field.stem, text);
                    document.add_text(field.plain, text);
                }
            };
            match doc.quote {
                Some(q) => add_text(Source::Quote, &library.quotes()[q as usize].text),
                None => {
                    let story = &library.stories()[doc.story as usize];
                    add_text(Source::Title, &story.title);
                    add_text(Source::Summary, &story.summary);
                    for outcome in &story.outcomes {
                        add_text(Source::Outcome, &outcome.description);
                    }
                    for use_case in &story.use_cases {
                        add_text(Source::UseCase, use_case);
                    }
                }
            }
            writer.add_document(document)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex {
            library,
            tables: Arc::new(tables),
            fields: Arc::new(fields),
            analyzers: Arc::new(analyzers),
            reader,
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

fn text_options(tokenizer: &str, positions: bool) -> TextOptions {
    let record =
        if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}
