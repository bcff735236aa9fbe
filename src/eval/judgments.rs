//! The judgment set: the raw records files hold ([`JudgmentsData`],
//! [`QueryData`], [`JudgmentData`]) and the checked [`Judgments`] the
//! evaluation reads.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::error::JudgmentsError;
use super::validate::{Origin, validate};
use crate::model::{AssetKind, EngagementKind, Library, Prospect, UnknownName};

/// What a query ranks: advocates ([`Index::rank_advocates`]) or stories
/// as content ([`Index::rank_stories`]).
///
/// [`Index::rank_advocates`]: crate::Index::rank_advocates
/// [`Index::rank_stories`]: crate::Index::rank_stories
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The query ranks advocates; its judgments name advocate ids.
    Advocates,
    /// The query ranks stories; its judgments name story ids.
    Stories,
}

impl Target {
    /// Every value, advocates first.
    pub const ALL: [Target; 2] = [Target::Advocates, Target::Stories];

    /// The name files use: `advocates` or `stories`.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Advocates => "advocates",
            Target::Stories => "stories",
        }
    }

    /// Parses the name files use (exact, lowercase).
    pub fn parse(text: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|target| target.as_str() == text)
    }

    /// The accepted names, joined for error messages.
    pub fn expected() -> String {
        "advocates, stories".to_string()
    }

    /// What a judged id of this target names, for messages: `advocate` or
    /// `story`.
    pub(crate) fn item(self) -> &'static str {
        match self {
            Target::Advocates => "advocate",
            Target::Stories => "story",
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Target {
    type Err = UnknownName;

    /// Parses the name files use, as [`Target::parse`] does, with an
    /// error that lists the accepted names.
    fn from_str(text: &str) -> Result<Target, UnknownName> {
        Target::parse(text).ok_or_else(|| UnknownName::new("target", text, &Target::ALL.map(Target::as_str)))
    }
}

/// The raw contents of a judgment set, valid or not: what a JSON file
/// holds. Check it with [`Judgments::new`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgmentsData {
    /// The judged queries.
    #[serde(default)]
    pub queries: Vec<QueryData>,
}

/// One judged query as a file holds it: a prospect, what to rank for it,
/// and the graded advocates or stories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryData {
    /// Unique among the queries, 1 to 128 bytes.
    pub id: String,
    /// The prospect, as ranking takes it.
    pub prospect: Prospect,
    /// Whether the query ranks advocates or stories.
    pub rank: Target,
    /// The engagement kind wanted; required when ranking advocates, absent
    /// for stories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EngagementKind>,
    /// The asset kind wanted; required when ranking stories, absent for
    /// advocates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset_kind: Option<AssetKind>,
    /// The day the engagement or content is needed.
    pub date: Date,
    /// Languages the advocate must speak (any of them; advocates only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// At most this many results per account; 1 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_account: Option<usize>,
    /// Account ids whose stories must not be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_accounts: Vec<String>,
    /// The graded advocates (or stories); at least one, and at least one
    /// of grade 1 or more.
    #[serde(default)]
    pub judgments: Vec<JudgmentData>,
}

/// One graded advocate or story as a file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgmentData {
    /// The advocate id (for a query ranking advocates) or story id.
    pub id: String,
    /// 0 (not a fit, or must not be asked), 1 (acceptable), 2 (good) or 3
    /// (ideal); other values are refused by [`Judgments::new`].
    pub grade: i64,
    /// Why the grade, in words; at most 20,000 bytes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What a checked query asks the engine for.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// Rank advocates for an engagement of `kind`.
    Advocates {
        /// The engagement kind.
        kind: EngagementKind,
        /// Languages, any of which the advocate must speak; empty means the
        /// prospect's.
        languages: Vec<String>,
    },
    /// Rank stories with a usable asset of `asset_kind`.
    Stories {
        /// The asset kind.
        asset_kind: AssetKind,
    },
}

/// A checked judged query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub(crate) id: String,
    pub(crate) prospect: Prospect,
    pub(crate) ask: Ask,
    pub(crate) date: Date,
    pub(crate) max_per_account: usize,
    pub(crate) exclude_accounts: Vec<String>,
    /// `(id, grade)` in file order.
    pub(crate) judged: Vec<(String, u8)>,
    pub(crate) grades: HashMap<String, u8>,
}

impl Query {
    /// The query's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The prospect.
    pub fn prospect(&self) -> &Prospect {
        &self.prospect
    }

    /// What to rank, and for which engagement or asset kind.
    pub fn ask(&self) -> &Ask {
        &self.ask
    }

    /// Whether the query ranks advocates or stories.
    pub fn target(&self) -> Target {
        match self.ask {
            Ask::Advocates { .. } => Target::Advocates,
            Ask::Stories { .. } => Target::Stories,
        }
    }

    /// The day the engagement or content is needed.
    pub fn date(&self) -> Date {
        self.date
    }

    /// At most this many results per account.
    pub fn max_per_account(&self) -> usize {
        self.max_per_account
    }

    /// Accounts whose stories must not be used.
    pub fn exclude_accounts(&self) -> &[String] {
        &self.exclude_accounts
    }

    /// The judged ids and their grades (0 to 3), in file order.
    pub fn judged(&self) -> impl ExactSizeIterator<Item = (&str, u8)> {
        self.judged.iter().map(|(id, grade)| (id.as_str(), *grade))
    }

    /// The grade of `id`, or `None` when it is not judged.
    pub fn grade(&self, id: &str) -> Option<u8> {
        self.grades.get(id).copied()
    }
}

/// A checked judgment set: at least one query; every query has a unique id, a prospect the
/// engine accepts, at least one judgment and one of grade 1 or more, and
/// every judged id names an advocate (or story) of the library it was
/// checked against.
///
/// Build one with [`Judgments::new`], read one with
/// [`Judgments::load_json`] or [`Judgments::load_csv`], or
/// derive one from history with [`super::implicit`].
#[derive(Debug, Clone, PartialEq)]
pub struct Judgments {
    data: JudgmentsData,
    queries: Vec<Query>,
}

impl Judgments {
    /// Checks `data` against `library` and returns it as a judgment set.
    ///
    /// # Errors
    ///
    /// [`JudgmentsError::Invalid`] listing every problem at once, each with
    /// its place (`queries[3].judgments[5].grade`), query id and judged id:
    /// an unknown advocate or story id, a grade outside 0-3, no query at
    /// all, a query with no judgments (or none above grade 0), a duplicate query or judgment,
    /// a prospect the engine would refuse, a value outside the ranges of
    /// [`crate::model::limits`].
    pub fn new(data: JudgmentsData, library: &Library) -> Result<Judgments, JudgmentsError> {
        Judgments::checked(data, library, &Origin::Json, Vec::new())
    }

    /// Checks `data`, whose places come from `origin`, adding `problems`
    /// found while reading it.
    pub(crate) fn checked(
        data: JudgmentsData,
        library: &Library,
        origin: &Origin,
        problems: Vec<super::Problem>,
    ) -> Result<Judgments, JudgmentsError> {
        let queries = validate(&data, library, origin, problems)
            .map_err(|problems| JudgmentsError::Invalid { path: origin.path(), problems })?;
        Ok(Judgments { data, queries })
    }

    /// The checked queries, in file order.
    pub fn queries(&self) -> &[Query] {
        &self.queries
    }

    /// The records, as a file holds them.
    pub fn data(&self) -> &JudgmentsData {
        &self.data
    }

    /// Number of judgments over all queries.
    pub fn judgment_count(&self) -> usize {
        self.queries.iter().map(|q| q.judged.len()).sum()
    }
}
