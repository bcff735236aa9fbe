//! Reference data the model is checked against: the NAICS 2022 industry
//! codes, ISO 3166-1 countries with the sales region of each, and the
//! ISO 639-1 language codes.
//!
//! Both tables are embedded in the crate (copied from the U.S. Census
//! Bureau's NAICS 2022 list and ISO 3166-1 with UN M49 sub-regions) and
//! parsed once, on first use. [`naics`] answers code look-ups, parents,
//! sectors and free-text label resolution; [`country`] answers a country's
//! name and [`SalesRegion`]. How similar two codes are for ranking lives
//! in [`crate::score`], not here.

mod country;
mod language;
mod naics;

pub use country::{Country, SalesRegion, countries, country};
pub use language::{language, languages};
pub(crate) use naics::sector_key;
pub use naics::{Industry, IndustryError, Naics, Resolution, naics, normalize_title};
