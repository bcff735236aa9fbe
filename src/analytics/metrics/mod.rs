//! Program metrics: the figures that tie references to revenue, computed
//! from a [`Program`] (its library and ledger) over a period.
//!
//! [`ProgramMetrics::compute`] gathers every section; each section's type
//! documents its rules. In short:
//!
//! - **Revenue** ([`Revenue`]): an opportunity is *referenced* when an
//!   engagement that supported it (listed in
//!   [`Opportunity::engagements`](crate::model::Opportunity::engagements),
//!   or naming the opportunity's id as its `prospect`) was completed on or
//!   before its close date. Influenced pipeline is the referenced part of
//!   the opportunities open at some time in the period; won revenue counts
//!   the opportunities won with a close date in the period.
//! - **Win rates** ([`WinRates`]): of the opportunities closed in the
//!   period, won / closed with and without a reference, with the counts.
//! - **Requests** ([`RequestOutcomes`]): the ledger's requests dated in the
//!   period by status; acceptance rate (yes / answered); hours from request
//!   to approval, from the workflow history; declines by reason.
//! - **Utilization** ([`Utilization`]): each active advocate's `used / cap`
//!   on the period's last day in six buckets, the share at cap, who was
//!   never asked, the most used in the period.
//! - **Coverage** ([`Coverage`]): open opportunities per segment (NAICS
//!   sector x sales region x size band) against the advocates who score at
//!   least a threshold for a representative prospect of the segment, all
//!   segments ranked in one [`Program::score_matrix`] batch; segments with
//!   demand and fewer than `min_advocates` advocates are gaps.
//! - **Advisory board** ([`BoardYear`]) retention year over year, and
//!   **account growth** ([`Growth`]) of advocate accounts against the rest,
//!   from the [`AccountFigure`](crate::model::AccountFigure)s.
//! - **Concentration** ([`Concentration`]): the share of the period's
//!   engagements carried by the busiest tenth of the active advocates.
//! - **Trends** ([`Trends`]): requests and completions per month, win
//!   rates per quarter with and without a reference.
//!
//! Every result serializes with serde (to JSON for a dashboard, say), and
//! names people and accounts beside their ids. Amounts are in the
//! library's currency ([`Policy::currency`](crate::Policy::currency)),
//! which [`ProgramMetrics::currency`] carries and the Markdown writes.
//! The Markdown also says what a figure cannot show: that a win rate with
//! references is a correlation, not a cause, and when a comparison rests
//! on fewer than [`SMALL_SAMPLE`] cases. Charts of these figures are
//! [`crate::analytics::charts`]'s (the `charts` feature).
//!
//! No metric divides by zero: a rate with nothing to divide is `None`, and
//! [`ProgramMetrics::to_markdown`] says so in words.
//!
//! Cost: `O(n log n)` in the program's records, plus one score matrix of
//! `sectors x 4 regions x bands` prospects (320 by default) over every
//! candidate, computed in parallel.
//!
//! # Example
//!
//! ```
//! use refmatch::analytics::metrics::{MetricsOptions, ProgramMetrics};
//! use refmatch::ledger::Program;
//! use refmatch::model::DateRange;
//! use refmatch::Library;
//!
//! let program = Program::new(Library::sample());
//! let period = DateRange { start: "2025-06-01".parse()?, end: "2026-11-22".parse()? };
//! let metrics = ProgramMetrics::compute(&program, &MetricsOptions::new(period))?;
//! let rates = metrics.win_rates;
//! println!("win rate with a reference: {:?}, without: {:?}",
//!     rates.with_reference.rate(), rates.without_reference.rate());
//! for gap in &metrics.coverage.gaps {
//!     println!("{} {} {}: {} open, {} advocates", gap.sector_title, gap.region, gap.band.label(),
//!         gap.open_opportunities, gap.advocates);
//! }
//! assert!(metrics.to_markdown().contains("### Advocate utilization"));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;
mod accounts;
mod concentration;
mod coverage;
mod markdown;
mod requests;
mod revenue;
mod trends;
mod utilization;

pub use accounts::{BoardYear, GroupGrowth, Growth, GrowthComparison};
pub use concentration::Concentration;
pub use coverage::{Coverage, CoverageOptions, Gap, SizeBand};
pub use markdown::SMALL_SAMPLE;
pub use requests::{NO_REASON, RequestOutcomes, Summary};
pub(crate) use revenue::supporters;
pub use revenue::{Revenue, Tally, WinRate, WinRates, referenced};
pub use trends::{Month, Quarter, Trends};
pub use utilization::{UTILIZATION_BINS, Usage, Utilization};

use crate::ledger::Program;
use crate::model::{Currency, DateRange, Engagement};
use crate::rank::QueryError;

/// What the metrics cover and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricsOptions {
    /// The days counted, both ends included.
    pub period: DateRange,
    /// How many advocates [`Utilization::most_used`] lists. Default 10.
    pub top: usize,
    /// How coverage is measured.
    pub coverage: CoverageOptions,
}

impl MetricsOptions {
    /// The defaults for `period`: the top 10 advocates, default coverage.
    pub fn new(period: DateRange) -> MetricsOptions {
        MetricsOptions { period, top: 10, coverage: CoverageOptions::default() }
    }
}

/// Why metrics could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// The period ends before it starts.
    #[error("period ends on {end} before it starts on {start}: expected start <= end")]
    Period {
        /// The period's first day.
        start: jiff::civil::Date,
        /// The period's last day.
        end: jiff::civil::Date,
    },
    /// The coverage threshold is not a score.
    #[error("coverage.threshold {0} is not allowed: expected a number in 0..=1")]
    Threshold(f32),
    /// The size bands do not start at 1 or do not increase.
    #[error(
        "coverage.size_bands {0:?} are not allowed: expected lower bounds starting at 1, each above the last"
    )]
    SizeBands(Vec<u64>),
    /// The engine refused a segment's query.
    #[error("coverage: {0}")]
    Query(#[from] QueryError),
}

/// Every metric of a program over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramMetrics {
    /// The period.
    pub period: DateRange,
    /// The currency of every amount, from the library's policy; `None`
    /// when the library names none.
    pub currency: Option<Currency>,
    /// Opportunities in the program, whatever their dates.
    pub opportunities: usize,
    /// Pipeline and won revenue, and how much a reference supported.
    pub revenue: Revenue,
    /// Win rates with and without a reference.
    pub win_rates: WinRates,
    /// What happened to requests dated in the period.
    pub requests: RequestOutcomes,
    /// Advocate utilization on the period's last day.
    pub utilization: Utilization,
    /// Supply and demand per segment, and the gaps.
    pub coverage: Coverage,
    /// The advisory board, year by year.
    pub board: Vec<BoardYear>,
    /// Account growth, advocate accounts against the rest.
    pub growth: Growth,
    /// How much of the period's engagements the busiest advocates carry.
    pub concentration: Concentration,
    /// Requests and completions per month, win rates per quarter.
    pub trends: Trends,
}

impl ProgramMetrics {
    /// Computes every metric for `program` as its ledger stands now.
    ///
    /// A library without a ledger is measured with
    /// `Program::new(library)`; its engagements then have no workflow
    /// history, so approval times and decline reasons are unknown.
    ///
    /// # Errors
    ///
    /// [`MetricsError`] for a period that ends before it starts or invalid
    /// coverage options.
    pub fn compute(program: &Program, options: &MetricsOptions) -> Result<ProgramMetrics, MetricsError> {
        let period = options.period;
        if period.end < period.start {
            return Err(MetricsError::Period { start: period.start, end: period.end });
        }
        coverage::check(&options.coverage)?;
        let state = program.state();
        let data = &state.library;
        let engagements: Vec<&Engagement> = state.requests.iter().map(|r| &r.engagement).collect();
        let supporters = revenue::supporters(&data.opportunities, &engagements);
        let (revenue, win_rates) = revenue::revenue_and_win_rates(&data.opportunities, &supporters, period);
        let day = options.coverage.day.unwrap_or(period.end);
        Ok(ProgramMetrics {
            period,
            currency: data.policy.currency,
            opportunities: data.opportunities.len(),
            revenue,
            win_rates,
            requests: requests::request_outcomes(&state.requests, period),
            utilization: utilization::utilization(program, data, &engagements, period, options.top),
            coverage: coverage::coverage(program, data, &options.coverage, day, period.end)?,
            board: accounts::board_retention(data),
            growth: accounts::growth(data, &engagements, period.end),
            concentration: concentration::concentration(data, &engagements, period),
            trends: trends::trends(&state.requests, &data.opportunities, &supporters, period),
        })
    }
}
