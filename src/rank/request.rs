//! What a caller asks for: [`Request`] for advocates, [`StoryRequest`] for
//! content, and the [`QueryError`] a malformed query gets.

use jiff::civil::Date;

use crate::model::{AssetKind, EngagementKind, Policy, Weights};
use crate::taxonomy::IndustryError;

/// The relevance floor of [`Request::new`]: 0.35.
///
/// Chosen from the sample program ([`Library::sample`](crate::Library::sample)):
/// ranking the prospect of each of its 320 opportunities (every one names
/// an industry and use cases) for a call on 2026-12-01 without a floor
/// gives 26,706 matches. Of those that share neither an industry sector
/// nor a use case with the prospect, 95 % have a relevance below 0.332 and
/// only 3.2 % reach 0.35; of those that share both, 98.9 % reach it (and
/// 82.8 % of those that share a use case only). So 0.35 is the first round number above the
/// relevance at which matches sharing nothing end: a list is no longer
/// filled with them, and a good match is almost never cut. The test
/// `tests/rank_floor.rs` recomputes the figures and fails if they stop
/// holding; `BENCHMARKS.md` ("Choosing the relevance floor") records them.
/// A floor of 0 keeps every eligible match, as version 1 of the model did.
pub const DEFAULT_MIN_RELEVANCE: f64 = 0.35;

/// What the sales rep needs from an advocate, beside the [`Prospect`](crate::Prospect).
///
/// Build one with [`Request::new`] and the `with_*` methods (or set the
/// public fields); every value is accepted except `max_per_account == 0`
/// and a `min_relevance` outside `0..=1`, which ranking refuses with a
/// [`QueryError`].
///
/// ```
/// use refmatch::model::EngagementKind;
/// use refmatch::{Date, Request};
///
/// let day: Date = "2026-12-01".parse()?;
/// let request = Request::new(EngagementKind::ReferenceCall, day)
///     .with_k(3)
///     .with_language("de")
///     .with_excluded_account("acc-001")
///     .with_min_relevance(0.4);
/// assert_eq!((request.k, request.max_per_account), (3, 1));
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The engagement kind wanted (rule E2).
    pub kind: EngagementKind,
    /// The day the engagement is needed, `d` in the rules.
    pub date: Date,
    /// Languages, any of which the advocate must speak (rule E3). When
    /// empty, the prospect's languages are used; when both are empty, no
    /// language rule applies. Compared case-insensitively.
    pub languages: Vec<String>,
    /// How many advocates to return. Default 5.
    pub k: usize,
    /// At most this many advocates per account. Default 1.
    pub max_per_account: usize,
    /// Account ids whose stories must not be used (rule E8).
    pub exclude_accounts: Vec<String>,
    /// Replaces the index's policy (cap, window, rest days, account cap,
    /// weights) for this query. Default `None`.
    pub policy: Option<Policy>,
    /// The relevance floor: an advocate whose best relevance is below it
    /// is no match, however few others there are. In `0..=1`; default
    /// [`DEFAULT_MIN_RELEVANCE`] (0.35); 0 keeps every eligible advocate.
    /// It bounds relevance (the fit), not the score, so a well-fitting
    /// advocate near their cap still counts.
    pub min_relevance: f64,
}

impl Request {
    /// A request for `kind` on `date` with the defaults: `k = 5`, one
    /// advocate per account, no language, no exclusion, the index's policy,
    /// the relevance floor [`DEFAULT_MIN_RELEVANCE`].
    pub fn new(kind: EngagementKind, date: Date) -> Request {
        Request {
            kind,
            date,
            languages: Vec::new(),
            k: 5,
            max_per_account: 1,
            exclude_accounts: Vec::new(),
            policy: None,
            min_relevance: DEFAULT_MIN_RELEVANCE,
        }
    }

    /// Adds a language the advocate may speak (rule E3). Default none: the
    /// prospect's languages apply.
    pub fn with_language(mut self, language: impl Into<String>) -> Request {
        self.languages.push(language.into());
        self
    }

    /// Sets how many advocates to return. Default 5.
    pub fn with_k(mut self, k: usize) -> Request {
        self.k = k;
        self
    }

    /// Sets at most how many advocates of one account are returned.
    /// Default 1.
    pub fn with_max_per_account(mut self, max_per_account: usize) -> Request {
        self.max_per_account = max_per_account;
        self
    }

    /// Adds an account whose stories must not be used (rule E8). Default none.
    pub fn with_excluded_account(mut self, account: impl Into<String>) -> Request {
        self.exclude_accounts.push(account.into());
        self
    }

    /// Replaces the index's policy for this query. Default the index's.
    pub fn with_policy(mut self, policy: Policy) -> Request {
        self.policy = Some(policy);
        self
    }

    /// Sets the relevance floor, in `0..=1`. Default
    /// [`DEFAULT_MIN_RELEVANCE`]; 0 for none.
    pub fn with_min_relevance(mut self, min_relevance: f64) -> Request {
        self.min_relevance = min_relevance;
        self
    }
}

/// What the sales rep needs as content, for [`Index::rank_stories`](super::Index::rank_stories).
///
/// Build one with [`StoryRequest::new`] and the `with_*` methods (or set
/// the public fields).
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRequest {
    /// Only stories with an approved, unexpired asset of this kind on
    /// `date` take part.
    pub asset_kind: AssetKind,
    /// The day the content is needed.
    pub date: Date,
    /// How many stories to return. Default 5.
    pub k: usize,
    /// At most this many stories per account. Default 1.
    pub max_per_account: usize,
    /// Account ids whose stories must not be used.
    pub exclude_accounts: Vec<String>,
    /// Replaces the index's weights for this query. Default `None`.
    pub weights: Option<Weights>,
}

impl StoryRequest {
    /// A request for stories with an asset of `asset_kind` usable on `date`,
    /// with the defaults: `k = 5`, one story per account.
    pub fn new(asset_kind: AssetKind, date: Date) -> StoryRequest {
        StoryRequest {
            asset_kind,
            date,
            k: 5,
            max_per_account: 1,
            exclude_accounts: Vec::new(),
            weights: None,
        }
    }

    /// Sets how many stories to return. Default 5.
    pub fn with_k(mut self, k: usize) -> StoryRequest {
        self.k = k;
        self
    }

    /// Sets at most how many stories of one account are returned. Default 1.
    pub fn with_max_per_account(mut self, max_per_account: usize) -> StoryRequest {
        self.max_per_account = max_per_account;
        self
    }

    /// Adds an account whose stories must not be used. Default none.
    pub fn with_excluded_account(mut self, account: impl Into<String>) -> StoryRequest {
        self.exclude_accounts.push(account.into());
        self
    }

    /// Replaces the index's weights for this query. Default the index's.
    pub fn with_weights(mut self, weights: Weights) -> StoryRequest {
        self.weights = Some(weights);
        self
    }
}

/// A prospect or request that cannot be ranked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The prospect's industry is neither a code nor a resolvable label.
    #[error("prospect.industry: {0}")]
    Industry(IndustryError),
    /// The prospect's country is not an ISO 3166-1 alpha-2 code.
    #[error(
        "prospect.country: unknown country code {0:?}: expected an ISO 3166-1 alpha-2 code such as \"DE\""
    )]
    UnknownCountry(String),
    /// The prospect has 0 employees.
    #[error("prospect.employees: employees is 0: expected at least 1")]
    ZeroEmployees,
    /// The prospect names a product the library does not have.
    #[error("prospect.products[{index}]: unknown product id {id:?}")]
    UnknownProduct {
        /// Position in the prospect's list.
        index: usize,
        /// The id given.
        id: String,
    },
    /// An excluded account does not exist.
    #[error("request.exclude_accounts[{index}]: unknown account id {id:?}")]
    UnknownAccount {
        /// Position in the request's list.
        index: usize,
        /// The id given.
        id: String,
    },
    /// [`crate::rank::Index::explain`] was asked about an advocate the
    /// library does not have.
    #[error("unknown advocate id {0:?}")]
    UnknownAdvocate(String),
    /// A number, date, string or list of the query is outside its range
    /// (see [`crate::model::limits`]).
    #[error("{field}: {message}")]
    OutOfRange {
        /// The field's place, e.g. `request.date` or `prospect.use_cases[2]`.
        field: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// `max_per_account` is 0.
    #[error("request.max_per_account is 0: expected at least 1")]
    ZeroMaxPerAccount,
    /// `min_relevance` is outside `0..=1` or not a number.
    #[error("request.min_relevance {0} is not allowed: expected a number in 0..=1")]
    MinRelevance(f64),
    /// The request's policy or weights break a rule (a weight below 0, a
    /// cap of 0).
    #[error("{field}: {message}")]
    InvalidPolicy {
        /// The field's place, e.g. `request.policy.cap` or
        /// `request.weights.size`.
        field: String,
        /// What is wrong and what was expected.
        message: String,
    },
}
