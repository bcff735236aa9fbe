//! Match customer advocates and reference stories to the prospects a sales
//! team is working, without wearing out the customers who speak for it.
//!
//! # Brief overview
//!
//! - [`Library`]: the checked story model (products, accounts, advocates,
//!   stories, the engagement ledger and the program [`Policy`]). Get one
//!   from [`Library::new`], [`Library::sample`] or the loaders in [`io`].
//! - [`taxonomy`]: the embedded NAICS 2022 and ISO 3166-1 tables, and
//!   resolution of industry labels such as "commercial banks" to codes.
//! - [`io`]: JSON load and atomic save, CSV import of CRM exports.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod io;
pub mod model;
pub mod rank;
pub mod score;
pub mod taxonomy;

pub use model::{Library, LibraryData, Policy, Prospect, ValidationError, Weights};
pub use rank::{AdvocateMatch, Index, Request};
