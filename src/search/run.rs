//! [`SearchIndex::search`]: checks the request, parses and compiles the
//! query, runs the collector and reads the hits back with their snippets.

use std::sync::Arc;

use rayon::prelude::*;
use tantivy::collector::Collector;
use tantivy::query::{EnableScoring, Weight};

use super::collect::{Found, HitCollector, Scored};
use super::compile::{Compiled, compile};
use super::error::{QueryProblem, QueryProblemKind, SearchError};
use super::filter::{compile_clauses, compile_request};
use super::index::{Core, SearchIndex, Stats, doc_texts};
use super::parse::parse;
use super::request::{MAX_SNIPPET_CHARS, MIN_SNIPPET_CHARS, SearchRequest, Source};
use super::results::{Facets, Hit, SearchResults};
use super::snippet::{Candidate, Terms, best_window, opening};
use crate::model::Library;
use crate::model::limits::MAX_COUNT;
use crate::taxonomy::SalesRegion;

impl SearchIndex {
    /// Searches the stories and quotes.
    ///
    /// Accepts a query string (`index.search("fraud region:EMEA")`) or a
    /// [`SearchRequest`] with filters, a limit and a snippet length. The
    /// query syntax, the analysis, the scoring and the order of hits are
    /// described in [`crate::search`].
    ///
    /// Cost: linear in the number of documents that contain a searched
    /// term (each is scored, tested against the filters and counted in the
    /// facets), plus the analysis of the returned hits' texts for their
    /// snippets.
    ///
    /// # Errors
    ///
    /// [`SearchError::Query`] listing every problem of the request: a
    /// malformed query (with its column), an unknown field, a filter value
    /// that does not exist, a limit or snippet length out of range.
    /// [`SearchError::Engine`] when tantivy fails.
    pub fn search(&self, request: impl Into<SearchRequest>) -> Result<SearchResults, SearchError> {
        self.core.search(&self.library, request.into())
    }
}

impl Core {
    /// [`SearchIndex::search`] on `library`, the library the index is in
    /// step with.
    pub(crate) fn search(
        &self,
        library: &Library,
        request: SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        let mut problems = Vec::new();
        let parsed = match parse(&request.query) {
            Ok(parsed) => Some(parsed),
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        let mut filters = vec![compile_request(library, &self.tables, &request.filters, &mut problems)];
        let searchers = self.searchers();
        let stats = Stats::new(&searchers, &self.dead);
        let mut compiled: Option<Compiled> = None;
        if let Some(parsed) = &parsed {
            filters.push(compile_clauses(library, &self.tables, &parsed.filters, &mut problems));
            compiled = Some(compile(self, &searchers, &stats, &parsed.text, &mut problems));
        }
        if request.limit > MAX_COUNT {
            problems.push(QueryProblem::in_field(
                "request.limit",
                QueryProblemKind::OutOfRange,
                format!("limit {} is too large: expected 0 to {MAX_COUNT}", request.limit),
            ));
        }
        if !(MIN_SNIPPET_CHARS..=MAX_SNIPPET_CHARS).contains(&request.snippet_chars) {
            problems.push(QueryProblem::in_field(
                "request.snippet_chars",
                QueryProblemKind::OutOfRange,
                format!(
                    "snippet_chars {} is out of range: expected {MIN_SNIPPET_CHARS} to {MAX_SNIPPET_CHARS}",
                    request.snippet_chars
                ),
            ));
        }
        let compiled = match compiled {
            Some(compiled) if problems.is_empty() => compiled,
            _ => {
                problems.sort_by_key(|p| (p.column.is_none(), p.column));
                return Err(SearchError::Query(problems));
            }
        };
        let collector = HitCollector {
            tables: Arc::clone(&self.tables),
            filters: Arc::new(filters),
            limit: request.limit,
            products: library.products().len(),
        };
        // Every segment of every shard in parallel, scored with the
        // statistics of all shards, then merged: the merge is the same
        // whatever order the segments finish in.
        let mut work = Vec::new();
        for searcher in &searchers {
            let weight: Arc<dyn Weight> = Arc::from(
                compiled.query.weight(EnableScoring::enabled_from_statistics_provider(&stats, searcher))?,
            );
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                work.push((Arc::clone(&weight), ord as u32, segment));
            }
        }
        let fruits = work
            .par_iter()
            .map(|(weight, ord, segment)| collector.collect_segment(&**weight, *ord, segment))
            .collect::<tantivy::Result<Vec<Found>>>()?;
        let found = collector.merge_fruits(fruits)?;
        let hits = found
            .top
            .iter()
            .map(|scored| self.hit(library, scored, &compiled, request.snippet_chars))
            .collect();
        Ok(SearchResults { hits, total: found.total, facets: self.facets(library, &found) })
    }

    fn hit(&self, library: &Library, scored: &Scored, compiled: &Compiled, max_chars: usize) -> Hit {
        let row = &self.tables.docs[scored.doc as usize];
        let story = &library.stories()[row.story as usize];
        let quote = row.quote.map(|q| &library.quotes()[q as usize]);
        let texts = doc_texts(library, row);
        let analyzers = &self.analyzers[row.language as usize];
        let mut best: Option<Candidate> = None;
        for &(source, text) in &texts {
            let Some(field) = self.field(source, row.language) else { continue };
            let terms = Terms {
                stems: compiled.highlight.get(&field.stem),
                plain: compiled.highlight.get(&field.plain),
            };
            if terms.stems.is_none() && terms.plain.is_none() {
                continue;
            }
            if let Some(candidate) = best_window(source, text, analyzers, &terms, max_chars)
                && best.as_ref().is_none_or(|b| candidate.weight > b.weight)
            {
                best = Some(candidate);
            }
        }
        let snippet = match best {
            Some(candidate) => candidate.snippet,
            None => {
                // No marked word (a query without words): the first text
                // that says something, the summary before the title.
                let (source, text) = texts
                    .iter()
                    .find(|(s, t)| *s == Source::Summary && !t.is_empty())
                    .or_else(|| texts.iter().find(|(_, t)| !t.is_empty()))
                    .copied()
                    .unwrap_or((Source::Title, ""));
                opening(source, text, max_chars)
            }
        };
        Hit {
            story: story.id.clone(),
            quote: quote.map(|q| q.id.clone()),
            account: story.account.clone(),
            language: self.tables.languages[row.language as usize].clone(),
            score: scored.score,
            snippet,
        }
    }

    fn facets(&self, library: &Library, found: &Found) -> Facets {
        fn ranked<K: Ord + Clone>(counts: impl Iterator<Item = (K, usize)>) -> Vec<(K, usize)> {
            let mut out: Vec<(K, usize)> = counts.filter(|(_, n)| *n > 0).collect();
            out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out
        }
        Facets {
            regions: ranked(SalesRegion::ALL.iter().copied().zip(found.regions)),
            sectors: ranked(self.tables.sectors.iter().cloned().zip(found.sectors.iter().copied())),
            products: ranked(
                library.products().iter().map(|p| p.id.clone()).zip(found.products.iter().copied()),
            ),
        }
    }
}
