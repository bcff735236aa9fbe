//! Program analytics: what a reference program reports to executives.
//!
//! - [`audit`]: the yearly leverage audit, a questionnaire several leaders
//!   answer about how well the company uses its customers, scored per
//!   category, weighted by priority, compared year over year.
//! - [`metrics`]: figures computed from the library and the ledger over a
//!   period: influenced pipeline and won revenue, win rates with and
//!   without a reference, request outcomes, advocate utilization, coverage
//!   gaps found with the ranking engine, advisory board retention,
//!   account growth, concentration and trends over time.
//! - [`charts`] (the `charts` feature, on by default): the metrics and the
//!   audit as SVG charts.
//!
//! The records these read are [`crate::model`]'s; the ledger is
//! [`crate::ledger`]'s; coverage ranks with [`crate::rank`].

pub mod audit;
#[cfg(feature = "charts")]
pub mod charts;
pub mod metrics;
