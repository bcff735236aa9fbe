//! Reference data the model is checked against: the NAICS 2022 industry
//! codes, the CRM industry picklists mapped to them, ISO 3166-1 countries
//! with the sales region of each, and ISO 639-1 languages.
//!
//! The NAICS and country tables are embedded in the crate (copied from the
//! U.S. Census Bureau's NAICS 2022 list and ISO 3166-1 with UN M49
//! sub-regions) and parsed once, on first use; alpha-3 codes and ISO's
//! English short names come from the `rust_iso3166` crate, languages from
//! the `isolang` crate (ISO 639-3 with the 639-1 codes). [`naics`]
//! answers code look-ups, parents, sectors and free-text label resolution
//! (cached per distinct label); [`crm_industries`] lists the picklist
//! values it knows; [`country`] answers a country's name and
//! [`SalesRegion`], [`find_country`] reads a country written any common
//! way; [`language`] reads a language code or English name. How similar
//! two codes are for ranking lives in [`crate::score`], not here.

mod country;
mod language;
mod naics;
mod picklist;
mod similar;

pub use country::{Country, SalesRegion, countries, country, find_country};
pub use language::{LanguageError, language, language_name, languages};
pub(crate) use naics::sector_key;
pub use naics::{Industry, IndustryError, Matched, Naics, Resolution, naics, normalize_title};
pub(crate) use picklist::label_key;
pub use picklist::{CrmIndustry, crm_industries};
