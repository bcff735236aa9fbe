//! The sales side of the model: the [`Opportunity`] a reference supports
//! and the [`AccountFigure`]s that show how customer accounts grow. The
//! analytics ([`crate::analytics::metrics`]) tie references to revenue
//! with them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::kinds::OpportunityStatus;
use super::prospect::Prospect;

/// A deal the sales team is working or has closed, as the CRM holds it.
///
/// An engagement supports an opportunity when the opportunity lists its id
/// in [`engagements`](Opportunity::engagements), or when the engagement's
/// [`prospect`](super::Engagement::prospect) is the opportunity's id (how a
/// rep links a request made through [`crate::ledger::Program::request`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// Unique among opportunities.
    pub id: String,
    /// The prospect company's name, for reports.
    pub name: String,
    /// What the rep knows about the prospect: industry, size, country and
    /// so on, as ranking takes it. Its industry may be a title; validation
    /// replaces it with the code it resolves to.
    pub prospect: Prospect,
    /// Deal value in the program's currency, finite and at least 0.
    pub amount: f64,
    /// The CRM's sales stage, free text such as `"negotiation"`.
    pub stage: String,
    /// Day the opportunity was opened.
    pub created: Date,
    /// Day it closed, or is expected to close while open; not before
    /// `created`.
    pub close: Date,
    /// Open, won or lost.
    pub status: OpportunityStatus,
    /// Ids of the ledger entries that supported the deal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engagements: Vec<String>,
}

/// Figures of a customer account on one day, as far as they are known:
/// the data behind "advocate accounts grow faster".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountFigure {
    /// Id of the account.
    pub account: String,
    /// Day the figures held; at most one entry per account and day.
    pub date: Date,
    /// Number of employees, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u64>,
    /// Yearly revenue in the program's currency, finite and above 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
}
