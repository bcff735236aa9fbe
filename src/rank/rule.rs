//! [`Rule`]: the eligibility rules E1..E9 by name, as ranking counts and
//! reports them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::model::UnknownName;

/// One eligibility rule of the [`rank`](super) module's table.
///
/// Displays and parses as its number, `E1` .. `E9`; [`Rule::name`] is its
/// word (`capacity`). Serializes as the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rule {
    /// E1: the advocate is not active, or the account asked not to be contacted.
    #[serde(rename = "E1")]
    Status,
    /// E2: the advocate does not do the requested kind of engagement.
    #[serde(rename = "E2")]
    Kind,
    /// E3: the advocate speaks none of the wanted languages.
    #[serde(rename = "E3")]
    Language,
    /// E4: the day is inside one of the advocate's blackouts.
    #[serde(rename = "E4")]
    Blackout,
    /// E5: another held engagement of the advocate is too close to the day.
    #[serde(rename = "E5")]
    Rest,
    /// E6: the advocate's busiest window around the day is full.
    #[serde(rename = "E6")]
    Capacity,
    /// E7: the story is not approved on the day.
    #[serde(rename = "E7")]
    Story,
    /// E8: the request (or the ledger) leaves the story's account out.
    #[serde(rename = "E8")]
    Excluded,
    /// E9: the account's busiest window around the day is full.
    #[serde(rename = "E9")]
    AccountCapacity,
}

impl Rule {
    /// Every rule, E1 to E9.
    pub const ALL: [Rule; 9] = [
        Rule::Status,
        Rule::Kind,
        Rule::Language,
        Rule::Blackout,
        Rule::Rest,
        Rule::Capacity,
        Rule::Story,
        Rule::Excluded,
        Rule::AccountCapacity,
    ];

    /// The rule's number, `E1` .. `E9`.
    pub fn as_str(self) -> &'static str {
        ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"][self as usize]
    }

    /// The rule's word: `status`, `kind`, `language`, `blackout`, `rest`,
    /// `capacity`, `story`, `excluded`, `account capacity`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Status => "status",
            Rule::Kind => "kind",
            Rule::Language => "language",
            Rule::Blackout => "blackout",
            Rule::Rest => "rest",
            Rule::Capacity => "capacity",
            Rule::Story => "story",
            Rule::Excluded => "excluded",
            Rule::AccountCapacity => "account capacity",
        }
    }

    /// Whether the rule is about timing (E4 blackout, E5 rest, E6 and E9
    /// capacity): it passes again on a later day, which
    /// [`Index::next_available`](super::Index::next_available) finds.
    pub fn is_timing(self) -> bool {
        matches!(self, Rule::Blackout | Rule::Rest | Rule::Capacity | Rule::AccountCapacity)
    }
}

impl fmt::Display for Rule {
    /// Writes the rule's number, `E6`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = UnknownName;

    /// Parses a rule's number, `E1` .. `E9`.
    fn from_str(text: &str) -> Result<Rule, UnknownName> {
        Rule::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| UnknownName::new("rule", text, &Rule::ALL.map(Rule::as_str)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_round_trip_by_number() {
        for rule in Rule::ALL {
            assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
            assert_eq!(serde_json::to_string(&rule).unwrap(), format!("\"{rule}\""));
        }
        assert_eq!(Rule::AccountCapacity.as_str(), "E9");
        assert!("E10".parse::<Rule>().unwrap_err().to_string().contains("expected one of E1, E2"));
    }
}
