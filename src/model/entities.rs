//! The records a reference program keeps: products, accounts, advocates,
//! stories and ledger entries.
//!
//! Every field is public: a record on its own cannot be wrong, only a
//! library of records can (an id that resolves nowhere, a code that does not
//! exist). [`Library::new`](crate::Library::new) checks those rules.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::kinds::{AccountStatus, AdvocateStatus, AssetKind, EngagementKind, EngagementStatus, Seniority};

/// Something the company sells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Unique among products; stories name products by this id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Product line the product belongs to, e.g. "Analytics".
    pub family: String,
}

/// A customer company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Unique among accounts.
    pub id: String,
    /// Company name.
    pub name: String,
    /// NAICS 2022 code, 2 to 6 digits or a sector range such as `31-33`.
    /// Loaders also accept an industry title here and replace it with the
    /// code they resolve it to (see [`Library::resolutions`](crate::Library::resolutions)).
    pub industry: String,
    /// Number of employees, `1..=1_000_000_000`.
    pub employees: u64,
    /// ISO 3166-1 alpha-2 country code, e.g. `DE`.
    pub country: String,
    /// Whether the account may be contacted at all.
    pub status: AccountStatus,
    /// The account manager who approves reference requests, by name as
    /// people write it; not blank.
    pub owner: String,
    /// The account manager's id, what rights compare
    /// ([`Actor::owner`](crate::ledger::Actor::owner)), so a change in how
    /// the name is spelled changes no one's rights. When empty in a file,
    /// validation derives it from `owner` (lowercased, every run of
    /// characters other than letters and digits a `-`: "Lena Hoffmann" is
    /// `lena-hoffmann`) and says so ([`Library::owner_ids`](crate::Library::owner_ids)).
    #[serde(default)]
    pub owner_id: String,
    /// Years in which the account sat on the customer advisory board.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advisory_board: Vec<i32>,
}

/// An inclusive range of days, `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day of the range.
    pub start: Date,
    /// Last day of the range (inclusive).
    pub end: Date,
}

impl DateRange {
    /// Whether `day` lies in the range, both ends included.
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A person at an account who can speak for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advocate {
    /// Unique among advocates.
    pub id: String,
    /// Id of the account the advocate works at.
    pub account: String,
    /// Full name.
    pub name: String,
    /// Job title as the customer writes it.
    pub title: String,
    /// Level in the organisation.
    pub seniority: Seniority,
    /// Languages spoken, as lowercase codes such as `en` or `de`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Engagement kinds the advocate accepts.
    #[serde(default)]
    pub kinds: Vec<EngagementKind>,
    /// Whether the advocate can be asked now.
    pub status: AdvocateStatus,
    /// Own cap on held engagements per window (`1..=1000`); replaces the
    /// program's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    /// Own window length in days (`1..=3660`); replaces the program's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u32>,
    /// Own rest period in days (`0..=3660`); replaces the program's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_days: Option<u32>,
    /// Days on which the advocate must not be asked, each within
    /// 1900-01-01..=2199-12-31, like every date of the model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blackouts: Vec<DateRange>,
}

/// A measured result a story can claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// What was measured, e.g. "month-end close time".
    pub metric: String,
    /// The measured change, when it is a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Unit of `value`, e.g. `%` or `days`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// The outcome in words.
    pub description: String,
}

/// A piece of content that carries a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Form of the content.
    pub kind: AssetKind,
    /// Where to find it: a URL or a document reference.
    pub location: String,
    /// Last day the content may be used; `None` means no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_until: Option<Date>,
}

impl Asset {
    /// Whether the asset may be used on `day`.
    pub fn usable_on(&self, day: Date) -> bool {
        self.approved_until.is_none_or(|until| day <= until)
    }
}

/// A reference: a successful use of products at one account, told by
/// people at that account, with outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Unique among stories.
    pub id: String,
    /// Id of the account the story happened at.
    pub account: String,
    /// Headline.
    pub title: String,
    /// A paragraph a sales rep can read to a prospect.
    #[serde(default)]
    pub summary: String,
    /// Ids of the products used.
    #[serde(default)]
    pub products: Vec<String>,
    /// Use-case tags, e.g. "fraud detection".
    #[serde(default)]
    pub use_cases: Vec<String>,
    /// Ids of the advocates (at the same account) who tell the story.
    #[serde(default)]
    pub advocates: Vec<String>,
    /// Measured results.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Names of competitors the customer replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competitors: Vec<String>,
    /// Published content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// Day the story's facts were last confirmed with the customer.
    pub verified_on: Date,
    /// Whether the customer approved the story for use.
    pub approved: bool,
    /// Last day the approval holds; `None` means no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_until: Option<Date>,
}

impl Story {
    /// Whether the story may be used on `day` (rule E7 of [`crate::rank`] passes).
    pub fn approved_on(&self, day: Date) -> bool {
        self.approved && self.approved_until.is_none_or(|until| day <= until)
    }
}

/// An entry of the engagement ledger: one request of one advocate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    /// Unique among engagements.
    pub id: String,
    /// Id of the advocate asked.
    pub advocate: String,
    /// Id of the story the advocate tells.
    pub story: String,
    /// What the advocate was asked to do.
    pub kind: EngagementKind,
    /// Day of the engagement.
    pub date: Date,
    /// Where the request stands.
    pub status: EngagementStatus,
    /// The prospect or opportunity the engagement supports, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prospect: Option<String>,
}
