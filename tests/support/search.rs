//! Comparing the answers of a search index kept in step with changes
//! against those of an index built afresh on the same library.

use std::collections::BTreeMap;

use refmatch::search::{SearchError, SearchIndex, SearchRequest, SearchResults};

/// Requests that reach every kind of clause: words, phrases, prefixes,
/// required and excluded words, filters, and the empty query (every
/// document).
pub const QUERIES: [&str; 10] = [
    "fraud detection",
    r#""real-time scoring" payments"#,
    "onboard* customers",
    "claims automation +insurance",
    "Echtzeit Zahlen Betrugserkennung",
    "predictive maintenance -legacy",
    "",
    "fraud region:EMEA",
    "language:de Zahl*",
    "title:close finance",
];

/// Checks that `ours` answers every request of [`QUERIES`] (all hits) as
/// `fresh` does: the same totals, facets, hits and snippets, scores equal
/// up to the order of their sums, and its own hits in score order.
pub fn same_answers(
    ours: impl Fn(SearchRequest) -> Result<SearchResults, SearchError>,
    fresh: &SearchIndex,
) -> Result<(), String> {
    for query in QUERIES {
        let request = SearchRequest::new(query).with_limit(fresh.documents().max(1));
        let (a, b) = (ours(request.clone()), fresh.search(request));
        let (a, b) = match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => {
                if format!("{a:?}") != format!("{b:?}") {
                    return Err(format!("{query:?}: {a:?} against {b:?}"));
                }
                continue;
            }
        };
        if a.total != b.total || a.facets != b.facets {
            return Err(format!(
                "{query:?}: totals {} and {}, facets {:?} and {:?}",
                a.total, b.total, a.facets, b.facets
            ));
        }
        for pair in a.hits.windows(2) {
            if pair[0].score < pair[1].score {
                return Err(format!("{query:?}: hits out of score order: {pair:?}"));
            }
        }
        let by_key = |r: &SearchResults| -> BTreeMap<(String, Option<String>), (f32, String)> {
            r.hits
                .iter()
                .map(|h| ((h.story.clone(), h.quote.clone()), (h.score, format!("{:?}", h.snippet))))
                .collect()
        };
        let (a, b) = (by_key(&a), by_key(&b));
        if a.keys().ne(b.keys()) {
            return Err(format!(
                "{query:?}: hits {:?} against {:?}",
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>()
            ));
        }
        for (key, (score, snippet)) in &a {
            let (fresh_score, fresh_snippet) = &b[key];
            if (score - fresh_score).abs() > 1e-5 * fresh_score.abs().max(1.0) {
                return Err(format!("{query:?}: {key:?} scores {score} against {fresh_score}"));
            }
            if snippet != fresh_snippet {
                return Err(format!("{query:?}: {key:?} snippet {snippet} against {fresh_snippet}"));
            }
        }
    }
    Ok(())
}
