//! What a sales rep knows about the company they are selling to.

use serde::{Deserialize, Serialize};

use super::kinds::Seniority;

/// A prospective customer. Every field is optional: a factor of the score
/// takes part only when the prospect gives its input (see [`crate::rank`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prospect {
    /// NAICS 2022 code (or an industry title, resolved when the query is
    /// built).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// Number of employees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u64>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Languages the prospect's people speak; used for rule E3 when the
    /// request names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Ids of the products the prospect is interested in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    /// Use cases the prospect wants to hear about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub use_cases: Vec<String>,
    /// Seniority of the prospect's contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<Seniority>,
    /// Competitor the prospect is replacing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competitor: Option<String>,
    /// What the prospect cares about, in the rep's words ("real-time fraud
    /// scoring, replaced a legacy core"), at most
    /// [`MAX_TEXT_LEN`](super::limits::MAX_TEXT_LEN) bytes: the input of
    /// the text factor ([`crate::rank`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Prospect {
    /// A prospect with no input at all; add what the rep knows with the
    /// `with_*` methods.
    pub fn new() -> Prospect {
        Prospect::default()
    }

    /// Sets the industry (a NAICS code or a title).
    pub fn with_industry(mut self, industry: impl Into<String>) -> Prospect {
        self.industry = Some(industry.into());
        self
    }

    /// Sets the number of employees.
    pub fn with_employees(mut self, employees: u64) -> Prospect {
        self.employees = Some(employees);
        self
    }

    /// Sets the country (ISO 3166-1 alpha-2).
    pub fn with_country(mut self, country: impl Into<String>) -> Prospect {
        self.country = Some(country.into());
        self
    }

    /// Adds a language.
    pub fn with_language(mut self, language: impl Into<String>) -> Prospect {
        self.languages.push(language.into());
        self
    }

    /// Adds a product of interest (by product id).
    pub fn with_product(mut self, product: impl Into<String>) -> Prospect {
        self.products.push(product.into());
        self
    }

    /// Adds a use case.
    pub fn with_use_case(mut self, use_case: impl Into<String>) -> Prospect {
        self.use_cases.push(use_case.into());
        self
    }

    /// Sets the contact's seniority.
    pub fn with_seniority(mut self, seniority: Seniority) -> Prospect {
        self.seniority = Some(seniority);
        self
    }

    /// Sets the competitor being replaced.
    pub fn with_competitor(mut self, competitor: impl Into<String>) -> Prospect {
        self.competitor = Some(competitor.into());
        self
    }

    /// Sets the free text the text factor reads: what the prospect cares
    /// about, in the rep's words. Checked when a query is built: at most
    /// [`MAX_TEXT_LEN`](super::limits::MAX_TEXT_LEN) bytes.
    pub fn with_text(mut self, text: impl Into<String>) -> Prospect {
        self.text = Some(text.into());
        self
    }
}
