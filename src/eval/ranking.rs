//! How one judged query is ranked under a [`Config`]: the engine's request
//! built from the query, and the ranking of advocates without the
//! availability discount ([`Lifted`]).

use std::collections::HashMap;

use super::config::Config;
use super::engine::{self, Hit};
use super::error::EvalError;
use super::judgments::{Ask, Query};
use crate::model::limits::{MAX_CAP, MAX_COUNT};
use crate::model::{Library, Policy};
use crate::rank::{Index, Request, StoryRequest};

/// The index the evaluation ranks on without the availability discount:
/// the same library with every advocate's own cap removed, ranked with the
/// cap at [`MAX_CAP`], so availability only varies in the third decimal
/// (`1 - 0.5 * used / 1000`); the real caps (rule E6) are applied to its
/// results afterwards.
#[derive(Debug, Clone)]
pub(crate) struct Lifted {
    index: Index,
    /// The advocates' own caps in the real library, by id.
    own_caps: HashMap<String, u32>,
    /// The largest own cap.
    largest_own_cap: u32,
}

impl Lifted {
    pub(crate) fn new(library: &Library) -> Lifted {
        let mut data = library.data().clone();
        let mut own_caps = HashMap::new();
        for advocate in &mut data.advocates {
            if let Some(cap) = advocate.cap.take() {
                own_caps.insert(advocate.id.clone(), cap);
            }
        }
        let largest_own_cap = own_caps.values().copied().max().unwrap_or(0);
        // Removing own caps breaks no rule of a valid library.
        let library = Library::new(data).expect("a valid library without own caps is valid");
        Lifted { index: Index::new(library), own_caps, largest_own_cap }
    }
}

/// The top `k` of `query` under `config`, best first; `lifted` gives the
/// index for ranking without the availability discount (built on first
/// use).
pub(crate) fn rank<'a>(
    index: &Index,
    lifted: impl FnOnce() -> &'a Lifted,
    query: &Query,
    config: &Config,
    k: usize,
) -> Result<Vec<Hit>, EvalError> {
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
                by_relevance(lifted(), query, request, &config.policy)
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
/// every eligibility rule applied, from the engine's ranking on the lifted
/// index.
///
/// The engine has no option to leave the availability out (see the module
/// docs of [`crate::eval`]), so this asks the lifted index for more
/// results than `k`, with no per-account limit, drops those at their real
/// cap (rule E6), and orders the rest by relevance. An advocate it did not
/// return scores at most the lowest score `s` it did; if it can be asked
/// (`used < cap`, so `used < c` for `c` the largest cap), its availability
/// on the lifted index is at least `a = 1 - 0.5 (c - 1) / 1000`, so its
/// relevance is at most `s / a`. When the k-th relevance found is above
/// that, nobody left out can enter and the answer is exact; otherwise the
/// depth grows fourfold, up to [`MAX_COUNT`].
fn by_relevance(
    lifted: &Lifted,
    query: &Query,
    mut request: Request,
    policy: &Policy,
) -> Result<Vec<Hit>, EvalError> {
    let (k, max_per_account) = (request.k, request.max_per_account);
    request.policy = Some(Policy { cap: MAX_CAP, ..*policy });
    let largest_cap = policy.cap.max(lifted.largest_own_cap);
    let availability = 1.0 - 0.5 * f64::from(largest_cap.saturating_sub(1)) / f64::from(MAX_CAP);
    let cap_of = |id: &str| lifted.own_caps.get(id).copied().unwrap_or(policy.cap);
    let mut depth = (4 * k).clamp(32, MAX_COUNT);
    loop {
        request.k = depth;
        request.max_per_account = depth;
        let hits = engine::advocates(&lifted.index, &query.prospect, &request)
            .map_err(|error| EvalError::Query { query: query.id.clone(), error })?;
        let complete = hits.len() < depth;
        let bound = hits.last().map_or(0.0, |hit| hit.score) / availability;
        let eligible: Vec<Hit> = hits.into_iter().filter(|hit| hit.used < cap_of(&hit.id)).collect();
        let top = by_relevance_walk(eligible, k, max_per_account);
        // A small margin: the bound divides a product of the relevance,
        // each rounded.
        let certain = top.len() == k && top[k - 1].relevance > bound * (1.0 + 1e-9);
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
/// walked as the ranking walks scores: an advocate is skipped when
/// its account has `max_per_account` results; the first `k` remain, their
/// score set to their relevance.
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
        Hit { id: id.into(), account: account.into(), relevance, score, used: 0 }
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
