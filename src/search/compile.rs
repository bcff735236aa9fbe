//! Parsed clauses turned into a tantivy query over the text fields, with
//! the terms each field's snippets highlight.
//!
//! A clause searches every field of its source (every source when it
//! names none), in every language, analyzed by that language: a word or a
//! phrase as stems (a phrase, or a word analysis splits, as a tantivy
//! `PhraseQuery` that keeps stop-word gaps), a prefix as the plain forms
//! of the field that start with it (at most [`MAX_EXPANSIONS`]). The
//! clause matches when any field does, and scores the sum of the fields'
//! BM25 scores. Optional clauses add up; `+` clauses must match; `-`
//! clauses must not. A query with no optional or required clause matches
//! every document, with score 0.

use std::collections::{BTreeSet, HashMap};

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur as TOccur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::analysis::prefix_terms;
use super::error::{QueryProblem, QueryProblemKind};
use super::index::{Core, Stats};
use super::parse::{Occur, TextClause, Value};
use tantivy::query::Bm25StatisticsProvider;

/// The most terms one prefix may stand for, over all fields.
pub const MAX_EXPANSIONS: usize = 1_000;

/// The query, and per field the terms to highlight with their weights.
pub(crate) struct Compiled {
    pub(crate) query: Box<dyn Query>,
    pub(crate) highlight: HashMap<Field, HashMap<String, f32>>,
}

pub(crate) fn compile(
    index: &Core,
    searchers: &[Searcher],
    stats: &Stats<'_>,
    clauses: &[TextClause],
    problems: &mut Vec<QueryProblem>,
) -> Compiled {
    let mut top: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let mut highlight: HashMap<Field, HashMap<String, f32>> = HashMap::new();
    let mut positive_written = false;
    for clause in clauses {
        let occur = match clause.occur {
            Occur::Should => TOccur::Should,
            Occur::Must => TOccur::Must,
            Occur::MustNot => TOccur::MustNot,
        };
        positive_written |= clause.occur != Occur::MustNot;
        let mut terms = Vec::new();
        let Some(mut queries) = clause_query(index, searchers, clause, &mut terms, problems) else {
            continue;
        };
        if clause.occur != Occur::MustNot {
            for (field, term) in terms {
                let weight = idf(stats, field, &term);
                highlight.entry(field).or_default().insert(term, weight);
            }
        }
        if occur == TOccur::Should {
            // An optional clause's fields join the top level directly: the
            // sum is the same, and one union less is scored per document.
            top.extend(queries.into_iter().map(|q| (TOccur::Should, q)));
        } else if queries.len() == 1 {
            top.push((occur, queries.remove(0)));
        } else {
            top.push((
                occur,
                Box::new(BooleanQuery::new(queries.into_iter().map(|q| (TOccur::Should, q)).collect())),
            ));
        }
    }
    let has_positive = top.iter().any(|(o, _)| *o != TOccur::MustNot);
    if !has_positive {
        if positive_written {
            // Every word was a stop word: nothing to find.
            return Compiled { query: Box::new(EmptyQuery), highlight };
        }
        top.push((TOccur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0))));
    }
    Compiled { query: Box::new(BooleanQuery::new(top)), highlight }
}

/// BM25's inverse document frequency of a term: rarer terms weigh more in
/// snippets.
fn idf(stats: &Stats<'_>, field: Field, term: &str) -> f32 {
    let n = stats.total_num_docs().unwrap_or(0) as f32;
    let df = stats.doc_freq(&Term::from_field_text(field, term)).unwrap_or(0) as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The queries of one clause, one per field (the clause matches when any
/// does), or `None` when no field has anything to search (every word a
/// stop word) or the clause is wrong.
fn clause_query(
    index: &Core,
    searchers: &[Searcher],
    clause: &TextClause,
    terms: &mut Vec<(Field, String)>,
    problems: &mut Vec<QueryProblem>,
) -> Option<Vec<Box<dyn Query>>> {
    let fields = index.fields.iter().filter(|f| clause.source.is_none_or(|s| s == f.source));
    let mut per_field: Vec<Box<dyn Query>> = Vec::new();
    match &clause.value {
        Value::Word(text) | Value::Phrase(text) => {
            for field in fields {
                let stems = index.analyzers[field.language as usize].stems(text);
                let Some(&(first, _)) = stems.first() else { continue };
                terms.extend(stems.iter().map(|(_, s)| (field.stem, s.clone())));
                let query: Box<dyn Query> = if stems.len() == 1 {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field.stem, &stems[0].1),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    let offsets = stems
                        .iter()
                        .map(|(p, s)| (p - first, Term::from_field_text(field.stem, s)))
                        .collect();
                    Box::new(PhraseQuery::new_with_offset(offsets))
                };
                per_field.push(query);
            }
        }
        Value::Prefix(text) => {
            let words = prefix_terms(text);
            let [prefix] = words.as_slice() else {
                problems.push(QueryProblem::at(
                    clause.column,
                    QueryProblemKind::Syntax,
                    format!(
                        "prefix `{text}*` is more than one word: a prefix is one word, such as `onboard*`"
                    ),
                ));
                return None;
            };
            let mut expanded = 0;
            for field in fields {
                let matches = match expand(searchers, field.plain, prefix) {
                    Ok(matches) => matches,
                    Err(err) => {
                        problems.push(QueryProblem::at(
                            clause.column,
                            QueryProblemKind::OutOfRange,
                            err.to_string(),
                        ));
                        return None;
                    }
                };
                expanded += matches.len();
                if expanded > MAX_EXPANSIONS {
                    problems.push(QueryProblem::at(
                        clause.column,
                        QueryProblemKind::OutOfRange,
                        format!("prefix `{text}*` matches more than {MAX_EXPANSIONS} words: make it longer"),
                    ));
                    return None;
                }
                for term in matches {
                    let query = TermQuery::new(
                        Term::from_field_text(field.plain, &term),
                        IndexRecordOption::WithFreqs,
                    );
                    per_field.push(Box::new(query));
                    terms.push((field.plain, term));
                }
            }
        }
    }
    if per_field.is_empty() {
        if matches!(clause.value, Value::Prefix(_)) {
            // No word starts with the prefix: the clause matches nothing.
            return Some(vec![Box::new(EmptyQuery)]);
        }
        return None;
    }
    Some(per_field)
}

/// The plain terms of `field` that start with `prefix`, over every segment
/// of every shard, sorted; it stops past [`MAX_EXPANSIONS`].
fn expand(searchers: &[Searcher], field: Field, prefix: &str) -> tantivy::Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    for segment in searchers.iter().flat_map(|s| s.segment_readers()) {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().range().ge(prefix.as_bytes()).into_stream()?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            if let Ok(term) = std::str::from_utf8(key) {
                found.insert(term.to_string());
            }
            if found.len() > MAX_EXPANSIONS {
                break;
            }
        }
    }
    Ok(found)
}
