//! How one judged query is ranked under a [`Config`]: the engine's request
//! built from the query, and the ranking of advocates without the
//! availability discount.

use std::collections::HashMap;

use super::config::Config;
use super::engine::{self, Hit};
use super::error::EvalError;
use super::judgments::{Ask, Query};
use crate::model::limits::MAX_COUNT;
use crate::rank::{Index, Request, StoryRequest};

/// The top `k` of `query` under `config`, best first.
pub(crate) fn rank(index: &Index, query: &Query, config: &Config, k: usize) -> Result<Vec<Hit>, EvalError> {
    let failed = |error| EvalError::Query { query: query.id.clone(), error };
    match &query.ask {
        Ask::Advocates { kind, languages } => {
            let mut request = Request::new(*kind, query.date);
            request.languages.clone_from(languages);
            request.k = k;
            request.max_per_account = query.max_per_account;
            request.exclude_accounts.clone_from(&query.exclude_accounts);
            request.policy = Some(config.policy);
            if config.availability {
                engine::advocates(index, &query.prospect, &request).map_err(failed)
            } else {
                by_relevance(index, query, request)
            }
        }
        Ask::Stories { asset_kind } => {
            let mut request = StoryRequest::new(*asset_kind, query.date);
            request.k = k;
            request.max_per_account = query.max_per_account;
            request.exclude_accounts.clone_from(&query.exclude_accounts);
            request.weights = Some(config.policy.weights);
            engine::stories(index, &query.prospect, &request).map_err(failed)
        }
    }
}

/// The top `request.k` advocates ordered by relevance instead of score,
/// every eligibility rule applied, from the engine's ranking by score.
///
/// The engine has no option to leave the availability out (see the
/// module docs of [`crate::eval`]), so this asks it for more results, with
/// no per-account limit, and orders them again. An advocate it did not
/// return scores at most the lowest score `s` it did; its availability is
/// above 1/2 (`used < cap`), so its relevance is below `2 s`. When the
/// k-th relevance found reaches `2 s`, nobody left out can enter, and the
/// answer is exact; otherwise the depth grows fourfold, up to
/// [`MAX_COUNT`].
fn by_relevance(index: &Index, query: &Query, mut request: Request) -> Result<Vec<Hit>, EvalError> {
    let (k, max_per_account) = (request.k, request.max_per_account);
    let mut depth = (4 * k).clamp(32, MAX_COUNT);
    loop {
        request.k = depth;
        request.max_per_account = depth;
        let hits = engine::advocates(index, &query.prospect, &request)
            .map_err(|error| EvalError::Query { query: query.id.clone(), error })?;
        let complete = hits.len() < depth;
        let lowest = hits.last().map_or(0.0, |hit| hit.score);
        let top = by_relevance_walk(hits, k, max_per_account);
        // A tiny margin: the bound compares a relevance with a product of
        // it, each rounded once.
        let certain = top.len() == k && top[k - 1].relevance >= 2.0 * lowest * (1.0 + 1e-12);
        if complete || certain {
            return Ok(top);
        }
        if depth == MAX_COUNT {
            return Err(EvalError::Depth { query: query.id.clone(), k, depth });
        }
        depth = (depth * 4).min(MAX_COUNT);
    }
}

/// `hits` ordered by relevance (a tie to the smaller id, as bytes), then
/// walked as SCORING.md section 3 walks scores: an advocate is skipped when
/// its account has `max_per_account` results; the first `k` remain.
fn by_relevance_walk(mut hits: Vec<Hit>, k: usize, max_per_account: usize) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.relevance.total_cmp(&a.relevance).then_with(|| a.id.as_bytes().cmp(b.id.as_bytes()))
    });
    let mut per_account: HashMap<String, usize> = HashMap::new();
    let mut top = Vec::with_capacity(k);
    for hit in hits {
        if top.len() == k {
            break;
        }
        let taken = per_account.entry(hit.account.clone()).or_default();
        if *taken < max_per_account {
            *taken += 1;
            top.push(hit);
        }
    }
    for hit in &mut top {
        hit.score = hit.relevance;
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: &str, account: &str, relevance: f64, score: f64) -> Hit {
        Hit { id: id.into(), account: account.into(), relevance, score }
    }

    #[test]
    fn the_walk_orders_by_relevance_and_keeps_the_account_limit() {
        let hits = vec![
            hit("a", "x", 0.5, 0.5),
            hit("b", "x", 0.9, 0.45),
            hit("c", "y", 0.9, 0.6),
            hit("d", "z", 0.2, 0.2),
        ];
        let top = by_relevance_walk(hits, 3, 1);
        let ids: Vec<&str> = top.iter().map(|h| h.id.as_str()).collect();
        // b and c tie on relevance: the smaller id first; a shares b's account.
        assert_eq!(ids, ["b", "c", "d"]);
        assert!(top.iter().all(|h| h.score == h.relevance));
    }
}
