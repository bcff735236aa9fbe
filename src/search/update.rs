//! Keeping a search index in step with its library: only the documents
//! whose texts changed are indexed again.
//!
//! Each tantivy document carries a key (its `doc` field), and the
//! [`Tables`] say which position in the library each key now stands for.
//! A story or quote whose text changed, or that is gone, is *killed*: its
//! key stands for nothing, so no answer has it, and what it held (one
//! document, its tokens per field, each term once) is counted in [`Dead`],
//! which [`Stats`](super::index::Stats) takes off the shards' BM25
//! statistics. New and changed texts are written to a new small shard,
//! under new keys. So an updated index has the statistics, hits, totals,
//! facets and snippets of a fresh index of the new library, and each hit's
//! score is the same BM25 sum; only the order in which tantivy adds up a
//! document's terms may differ with the segment holding it, which can
//! change the last bits of an `f32` score (and so the order of two hits
//! whose scores differ in those bits only).
//!
//! The small shards are merged into one past [`MAX_CHANGE_SHARDS`], and
//! the whole index is built again once the changed and dead documents
//! together pass an eighth of the documents (at least
//! [`MIN_REBUILD_DOCS`]), or when the schema must change: a quote language
//! that no quote had (or that no quote has any more), or the first story
//! (or no story left). The same library and the same changes in the same
//! order give the same shards, so answers stay deterministic.

use foldhash::HashMap;

use tantivy::Term;
use tantivy::schema::Field;
use tantivy::tokenizer::TokenStream;

use super::error::SearchError;
use super::index::SMALL_WRITER_MEMORY;
use super::index::{Core, SearchIndex, Shard, quote_texts, story_texts};
use super::request::Source;
use super::tables::{DEAD, DocRow, Tables};
use crate::model::{Library, Quote, Story};
use std::ops::Range;
use std::sync::Arc;

/// The most shards of changes before they are merged into one.
pub(crate) const MAX_CHANGE_SHARDS: usize = 8;

/// The fewest changed and dead documents that make a rebuild.
pub(crate) const MIN_REBUILD_DOCS: usize = 1_024;

/// What documents that no longer count hold in their shards: to take off
/// the shards' statistics.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dead {
    /// How many.
    pub(crate) docs: u64,
    /// Per term, how many of them have it.
    doc_freqs: HashMap<Term, u64>,
    /// Per field, how many tokens they have in it.
    tokens: HashMap<Field, u64>,
}

impl Dead {
    pub(crate) fn doc_freq(&self, term: &Term) -> u64 {
        self.doc_freqs.get(term).copied().unwrap_or(0)
    }

    pub(crate) fn tokens(&self, field: Field) -> u64 {
        self.tokens.get(&field).copied().unwrap_or(0)
    }

    fn add(&mut self, other: &Dead) {
        self.docs += other.docs;
        for (term, n) in &other.doc_freqs {
            *self.doc_freqs.entry(term.clone()).or_default() += n;
        }
        for (field, n) in &other.tokens {
            *self.tokens.entry(*field).or_default() += n;
        }
    }

    fn sub(&mut self, other: &Dead) {
        self.docs -= other.docs;
        for (term, n) in &other.doc_freqs {
            if let Some(have) = self.doc_freqs.get_mut(term) {
                *have -= n;
                if *have == 0 {
                    self.doc_freqs.remove(term);
                }
            }
        }
        for (field, n) in &other.tokens {
            if let Some(have) = self.tokens.get_mut(field) {
                *have -= n;
            }
        }
    }
}

/// The keys of the documents that count, by story or quote id: known
/// once a change needs them (a fresh index's keys are its positions). The
/// next key to give is the length of [`Tables::ords`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    stories: HashMap<Box<str>, u32>,
    quotes: HashMap<Box<str>, u32>,
}

impl Ids {
    fn get(&self, doc: Doc<'_>) -> Option<u32> {
        match doc {
            Doc::Story(id) => self.stories.get(id).copied(),
            Doc::Quote(id) => self.quotes.get(id).copied(),
        }
    }

    fn insert(&mut self, doc: Doc<'_>, key: u32) {
        match doc {
            Doc::Story(id) => self.stories.insert(id.into(), key),
            Doc::Quote(id) => self.quotes.insert(id.into(), key),
        };
    }

    fn remove(&mut self, doc: Doc<'_>) -> Option<u32> {
        match doc {
            Doc::Story(id) => self.stories.remove(id),
            Doc::Quote(id) => self.quotes.remove(id),
        }
    }

    fn len(&self) -> usize {
        self.stories.len() + self.quotes.len()
    }

    /// Keys after every other (`ords`' length on) for the documents at
    /// positions `fresh` of `tables`, whose positions `ords` records.
    fn give(
        &mut self,
        library: &Library,
        tables: &Tables,
        fresh: &[usize],
        ords: &mut Vec<u32>,
    ) -> Range<u32> {
        let start = ords.len() as u32;
        for &ord in fresh {
            self.insert(Doc::of(library, &tables.docs[ord]), ords.len() as u32);
            ords.push(ord as u32);
        }
        start..ords.len() as u32
    }
}

/// A document by the id of its record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Doc<'a> {
    Story(&'a str),
    Quote(&'a str),
}

impl<'a> Doc<'a> {
    /// The document of `row` in `library`.
    fn of(library: &'a Library, row: &DocRow) -> Doc<'a> {
        match row.quote {
            Some(q) => Doc::Quote(&library.quotes()[q as usize].id),
            None => Doc::Story(&library.stories()[row.story as usize].id),
        }
    }
}

impl Core {
    /// Makes sure the keys are known by id; `synced` is the library the
    /// index is in step with.
    pub(crate) fn know_keys(&mut self, synced: &Library) -> &mut Ids {
        let tables = &self.tables;
        self.ids.get_or_insert_with(|| {
            let mut ids = Ids::default();
            for (key, &ord) in tables.ords.iter().enumerate() {
                if ord != DEAD {
                    ids.insert(Doc::of(synced, &tables.docs[ord as usize]), key as u32);
                }
            }
            ids
        })
    }

    /// Takes the document of `doc` out of every answer, as `synced` (the
    /// library the index is in step with, or was at its last change) holds
    /// it; nothing when it has no document that counts.
    pub(crate) fn kill(&mut self, synced: &Library, doc: Doc<'_>) {
        let ids = self.know_keys(synced);
        // A document that still counts has not changed since it was
        // indexed: its record in `synced` holds the text indexed.
        let (key, language, texts) = match doc {
            Doc::Story(id) => {
                let Some(story) = synced.story(id) else { return };
                let Some(key) = ids.remove(doc) else { return };
                (key, 0, story_texts(story))
            }
            Doc::Quote(id) => {
                let Some(quote) = synced.quote(id) else { return };
                let Some(key) = ids.remove(doc) else { return };
                let language = self.tables.languages.iter().position(|l| *l == quote.language);
                (key, language.unwrap_or(0) as u32, quote_texts(quote))
            }
        };
        let dead = self.held(language, &texts);
        if let Some(shard) = self.shards.iter_mut().find(|s| s.keys.contains(&key)) {
            shard.dead.add(&dead);
        }
        self.dead.add(&dead);
    }

    /// What a document of `texts` in `language` holds in the index: one
    /// document, its tokens per field and each of its terms once.
    fn held(&self, language: u32, texts: &[(Source, &str)]) -> Dead {
        let mut dead = Dead { docs: 1, ..Dead::default() };
        let analyzers = &self.analyzers[language as usize];
        for &(source, text) in texts {
            let Some(field) = self.field(source, language) else { continue };
            for (field, analyzer) in [(field.stem, &analyzers.stem), (field.plain, &analyzers.plain)] {
                let mut analyzer = analyzer.clone();
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    *dead.tokens.entry(field).or_default() += 1;
                    dead.doc_freqs.insert(Term::from_field_text(field, &stream.token().text), 1);
                }
            }
        }
        dead
    }

    /// Brings the index in step with `library`, whose changed and removed
    /// stories and quotes were [killed](Core::kill) since the last time:
    /// indexes what is new, in place, or builds the index again (see the
    /// module docs for when).
    pub(crate) fn update(&mut self, library: &Library, hidden: &[String]) -> tantivy::Result<()> {
        if !self.sync(library, hidden)? {
            *self = Core::build(library, &self.story_language, hidden)?;
        }
        Ok(())
    }

    /// [`Core::update`] in place; `false` when it must build again.
    fn sync(&mut self, library: &Library, hidden: &[String]) -> tantivy::Result<bool> {
        let languages = Tables::languages_of(library, &self.story_language);
        if languages != self.tables.languages || !self.same_fields(library, &languages) {
            return Ok(false);
        }
        let Some(ids) = self.ids.as_mut() else {
            // Every change first makes the keys known by id
            // (`know_keys`): without them, nothing can be placed.
            return Ok(false);
        };
        let mut tables = Tables::new(library, &languages, hidden);
        let mut ords = vec![DEAD; self.tables.ords.len()];
        let (mut seen, mut fresh) = (0, Vec::new());
        for (ord, row) in tables.docs.iter().enumerate() {
            match ids.get(Doc::of(library, row)) {
                Some(key) => {
                    ords[key as usize] = ord as u32;
                    seen += 1;
                }
                None => fresh.push(ord),
            }
        }
        if seen != ids.len() {
            // A document counts that the library no longer has: it was
            // not killed, so its statistics cannot be taken off.
            return Ok(false);
        }
        let changed = self.shards[self.built..].iter().map(|s| s.keys.len()).sum::<usize>()
            + fresh.len()
            + self.dead.docs as usize;
        if changed > MIN_REBUILD_DOCS.max(tables.docs.len() / 8) {
            return Ok(false);
        }
        let keys = ids.give(library, &tables, &fresh, &mut ords);
        tables.ords = ords;
        self.tables = Arc::new(tables);
        if !fresh.is_empty() {
            self.write_shard(library, &fresh, keys)?;
        }
        if self.shards.len() - self.built > MAX_CHANGE_SHARDS {
            self.merge_changes(library)?;
        }
        Ok(true)
    }

    /// A new shard of the documents at positions `docs`, under `keys`.
    fn write_shard(&mut self, library: &Library, docs: &[usize], keys: Range<u32>) -> tantivy::Result<()> {
        let rows = docs.iter().zip(keys.clone()).map(|(&ord, key)| (key, &self.tables.docs[ord]));
        let reader = self.write(library, rows, SMALL_WRITER_MEMORY)?;
        self.shards.push(Shard { reader, keys, dead: Dead::default() });
        Ok(())
    }

    /// The shards of changes, written again as one: their documents that
    /// count get new keys, and their dead ones leave the statistics.
    fn merge_changes(&mut self, library: &Library) -> tantivy::Result<()> {
        // `sync` made the tables just now: no search holds them.
        let tables = Arc::make_mut(&mut self.tables);
        let mut ords = std::mem::take(&mut tables.ords);
        let mut live: Vec<usize> = Vec::new();
        for shard in self.shards.drain(self.built..) {
            self.dead.sub(&shard.dead);
            for key in shard.keys {
                // The old keys of these documents stand for nothing now.
                let ord = std::mem::replace(&mut ords[key as usize], DEAD);
                if ord != DEAD {
                    live.push(ord as usize);
                }
            }
        }
        live.sort_unstable();
        let ids = self.ids.as_mut().expect("merged after a sync, which needs the keys known");
        let keys = ids.give(library, tables, &live, &mut ords);
        tables.ords = ords;
        self.write_shard(library, &live, keys)
    }

    /// Whether a fresh index of `library` would have the fields this one
    /// has.
    fn same_fields(&self, library: &Library, languages: &[String]) -> bool {
        let stories = !library.stories().is_empty();
        if stories != self.field(Source::Title, 0).is_some() {
            return false;
        }
        let mut quote_languages: Vec<u32> = library
            .quotes()
            .iter()
            .filter_map(|q| languages.iter().position(|l| *l == q.language))
            .map(|l| l as u32)
            .collect();
        quote_languages.sort_unstable();
        quote_languages.dedup();
        let mut have: Vec<u32> =
            self.fields.iter().filter(|f| f.source == Source::Quote).map(|f| f.language).collect();
        have.sort_unstable();
        have == quote_languages
    }
}

/// Whether two versions of a story give the same document.
fn same_story_texts(a: &Story, b: &Story) -> bool {
    a.title == b.title
        && a.summary == b.summary
        && a.use_cases == b.use_cases
        && a.outcomes.len() == b.outcomes.len()
        && a.outcomes.iter().zip(&b.outcomes).all(|(x, y)| x.description == y.description)
}

/// Whether two versions of a quote give the same document.
fn same_quote_text(a: &Quote, b: &Quote) -> bool {
    a.text == b.text && a.language == b.language
}

impl SearchIndex {
    /// Brings the index in step with `library`, a later version of the
    /// library it searches: the stories and quotes whose texts changed, or
    /// that are new, are indexed again; those that are gone leave it; the
    /// filters and facets follow the accounts, products and approvals of
    /// `library`. Answers are then those of
    /// [`SearchIndex::with_story_language`] on `library`: the same hits,
    /// totals, facets and snippets, and each score the same BM25 sum (its
    /// terms may be added up in another order, which can change the last
    /// bits of the `f32`).
    ///
    /// Cost: `O(n)` to compare the two libraries and number their rows,
    /// plus the indexing of the changed texts. After many changes (an
    /// eighth of the documents) or a change of languages, the index is
    /// built again, as by [`SearchIndex::new`]. Measured figures are in
    /// `BENCHMARKS.md`.
    ///
    /// # Errors
    ///
    /// [`SearchError::Engine`] when tantivy fails (memory ran out); the
    /// index is then built again on the library it had.
    pub fn update(&mut self, library: impl Into<Arc<Library>>) -> Result<(), SearchError> {
        let library = library.into();
        if Arc::ptr_eq(&library, &self.library) {
            return Ok(());
        }
        let old = Arc::clone(&self.library);
        // Only the index's own clones copy its core.
        let core = Arc::make_mut(&mut self.core);
        core.know_keys(&old);
        for (i, story) in old.stories().iter().enumerate() {
            // Most stories stand where they stood: no look-up.
            let new = match library.stories().get(i) {
                Some(new) if new.id == story.id => Some(new),
                _ => library.story(&story.id),
            };
            if new.is_none_or(|new| !same_story_texts(story, new)) {
                core.kill(&old, Doc::Story(&story.id));
            }
        }
        for (i, quote) in old.quotes().iter().enumerate() {
            let new = match library.quotes().get(i) {
                Some(new) if new.id == quote.id => Some(new),
                _ => library.quote(&quote.id),
            };
            if new.is_none_or(|new| !same_quote_text(quote, new)) {
                core.kill(&old, Doc::Quote(&quote.id));
            }
        }
        if let Err(err) = core.update(&library, &[]) {
            // Half changed: back to an index of the library it had.
            *core = Core::build(&old, &core.story_language.clone(), &[])?;
            return Err(err.into());
        }
        self.library = library;
        Ok(())
    }
}
