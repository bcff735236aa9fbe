//! What a caller asks for: [`Request`] for advocates, [`StoryRequest`] for
//! content, and the [`QueryError`] a malformed query gets.

use jiff::civil::Date;

use crate::model::{AssetKind, EngagementKind, Policy, Weights};
use crate::taxonomy::IndustryError;

/// What the sales rep needs from an advocate, beside the [`Prospect`](crate::Prospect).
///
/// Build one with [`Request::new`] and set the public fields; every value of
/// every field is accepted except `max_per_account == 0`.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The engagement kind wanted (rule E2).
    pub kind: EngagementKind,
    /// The day the engagement is needed, `d` in SCORING.md.
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
    /// Replaces the index's policy (cap, window, rest days, weights) for
    /// this query. Default `None`.
    pub policy: Option<Policy>,
}

impl Request {
    /// A request for `kind` on `date` with the defaults: `k = 5`, one
    /// advocate per account, no language, no exclusion, the index's policy.
    pub fn new(kind: EngagementKind, date: Date) -> Request {
        Request {
            kind,
            date,
            languages: Vec::new(),
            k: 5,
            max_per_account: 1,
            exclude_accounts: Vec::new(),
            policy: None,
        }
    }
}

/// What the sales rep needs as content (SCORING.md section 4).
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
