//! The program's fatigue policy (per advocate, and rule E9's optional cap
//! per account) and the default weights of the scoring factors.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::entities::Advocate;
use super::kinds::Seniority;

/// Weight of each relevance factor (the factors are listed in
/// [`crate::score`]).
///
/// Relevance is `sum(w_f * s_f) / sum(w_f)` over the factors present for a
/// candidate, so only the ratios between weights matter. A weight of 0
/// turns a factor off; every other weight lies in `1e-6..=1e6`, and at
/// least one is above 0 (see [`crate::model::limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// NAICS depth of the account's industry against the prospect's. Default 3.
    pub industry: f64,
    /// Share of the prospect's use cases the story covers. Default 3.
    pub use_cases: f64,
    /// Share of the prospect's products the story uses. Default 2.
    pub products: f64,
    /// Closeness in employee count, on a log scale. Default 1.5.
    pub size: f64,
    /// Same country, or same sales region. Default 1.
    pub geography: f64,
    /// Closeness of the advocate's level to the prospect contact's. Default 1.
    pub seniority: f64,
    /// The story displaced the prospect's competitor. Default 1.5.
    pub competitor: f64,
    /// Age of the story's verification; halves each year. Default 0.5.
    pub freshness: f64,
    /// The story has numeric outcomes. Default 0.5.
    pub evidence: f64,
    /// Share of the prospect's text terms found in the story's text and
    /// quotes; in play only when the prospect carries text. Default 2
    /// (JSON without it loads with 2).
    pub text: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            industry: 3.0,
            use_cases: 3.0,
            products: 2.0,
            size: 1.5,
            geography: 1.0,
            seniority: 1.0,
            competitor: 1.5,
            freshness: 0.5,
            evidence: 0.5,
            text: 2.0,
        }
    }
}

impl Weights {
    /// The weights with their factor names, in the order of [`crate::score::Factor::ALL`].
    pub fn named(&self) -> [(&'static str, f64); 10] {
        [
            ("industry", self.industry),
            ("use_cases", self.use_cases),
            ("products", self.products),
            ("size", self.size),
            ("geography", self.geography),
            ("seniority", self.seniority),
            ("competitor", self.competitor),
            ("freshness", self.freshness),
            ("evidence", self.evidence),
            ("text", self.text),
        ]
    }
}

/// Limits that replace the program's for a seniority tier; `None` keeps
/// the program's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Most held engagements in any window (`1..=1000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    /// Length of the window in days (`1..=3660`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u32>,
    /// Fewest days between two held engagements (`0..=3660`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest_days: Option<u32>,
}

impl Limits {
    /// `cap` per `window_days`, the shape of a tier such as "executive: 2
    /// per 90 days".
    pub fn per(cap: u32, window_days: u32) -> Limits {
        Limits { cap: Some(cap), window_days: Some(window_days), rest_days: None }
    }

    /// Each field of `self`, else of `broader`.
    pub fn or(self, broader: Limits) -> Limits {
        Limits {
            cap: self.cap.or(broader.cap),
            window_days: self.window_days.or(broader.window_days),
            rest_days: self.rest_days.or(broader.rest_days),
        }
    }
}

/// [`Limits`] by seniority level, e.g. executives at most 2 per 90 days.
/// Written in JSON as a map from level to limits: `{"executive": {"cap":
/// 2, "window_days": 90}}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tiers([Limits; 5]);

impl Tiers {
    /// The limits of `level` (all `None` when it has none).
    pub fn get(&self, level: Seniority) -> Limits {
        self.0[level as usize]
    }

    /// Sets the limits of `level`.
    pub fn set(&mut self, level: Seniority, limits: Limits) {
        self.0[level as usize] = limits;
    }

    /// Whether no level has limits of its own.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|l| *l == Limits::default())
    }

    /// The levels with limits of their own, from executive down.
    pub fn iter(&self) -> impl Iterator<Item = (Seniority, Limits)> + '_ {
        Seniority::ALL.iter().map(|&s| (s, self.get(s))).filter(|(_, l)| *l != Limits::default())
    }
}

impl Serialize for Tiers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Tiers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Tiers, D::Error> {
        let map = std::collections::BTreeMap::<Seniority, Limits>::deserialize(deserializer)?;
        let mut tiers = Tiers::default();
        for (level, limits) in map {
            tiers.set(level, limits);
        }
        Ok(tiers)
    }
}

/// The program's limits on how often an advocate is asked, and the scoring
/// weights.
///
/// An advocate's limits resolve field by field: the advocate's own `cap`,
/// `window_days` and `rest_days`, else its seniority's entry in `tiers`,
/// else the program's values here ([`Policy::limits_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Most held engagements in any window of `window_days` days. Default 4;
    /// `1..=1000`.
    pub cap: u32,
    /// Length of the capacity window in days. Default 90; `1..=3660`.
    pub window_days: u32,
    /// No two held engagements of one advocate closer than this many days.
    /// Default 14; `0..=3660`.
    pub rest_days: u32,
    /// Factor weights. Defaults as listed in [`crate::score`].
    pub weights: Weights,
    /// Limits by seniority that replace the program's. Default none.
    #[serde(default, skip_serializing_if = "Tiers::is_empty")]
    pub tiers: Tiers,
    /// Rule E9: at most `cap` held engagements of one account's advocates
    /// together in any window of `window_days` days. Default `None`: no
    /// account cap, so rankings are those of the v1 model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_cap: Option<AccountCap>,
    /// The currency of the library's amounts (opportunity amounts, account
    /// revenues), which reports write beside them. Default `None`: amounts
    /// are shown without a currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// A longer rest after a poor experience (rule E5): when the
    /// advocate's own feedback on a held engagement rates it at most
    /// [`PoorFeedback::at_most`], the rest after that engagement is longer
    /// by [`PoorFeedback::extra_rest_days`]. Default `None`: feedback does
    /// not change the rest, so rankings are those without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poor_feedback: Option<PoorFeedback>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            cap: 4,
            window_days: 90,
            rest_days: 14,
            weights: Weights::default(),
            tiers: Tiers::default(),
            account_cap: None,
            currency: None,
            poor_feedback: None,
        }
    }
}

impl Policy {
    /// `(cap, window_days, rest_days)` of an advocate of `seniority` whose
    /// own limits are `own`: each field its own, else its tier's, else the
    /// program's.
    pub fn resolve(&self, seniority: Seniority, own: Limits) -> (u32, u32, u32) {
        let limits = own.or(self.tiers.get(seniority));
        (
            limits.cap.unwrap_or(self.cap),
            limits.window_days.unwrap_or(self.window_days),
            limits.rest_days.unwrap_or(self.rest_days),
        )
    }

    /// [`Policy::resolve`] for `advocate`'s own limits and seniority.
    pub fn limits_of(&self, advocate: &Advocate) -> (u32, u32, u32) {
        let own =
            Limits { cap: advocate.cap, window_days: advocate.window_days, rest_days: advocate.rest_days };
        self.resolve(advocate.seniority, own)
    }
}

/// An ISO 4217 currency code: three capital letters such as `EUR` or
/// `USD`. Parses, displays and serializes as the code; no other value can
/// be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// A currency code that is not three capital letters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("currency {0:?} is not allowed: expected an ISO 4217 code of three capital letters such as \"EUR\"")]
pub struct CurrencyError(pub String);

impl Currency {
    /// The currency with this code.
    ///
    /// # Errors
    ///
    /// [`CurrencyError`] unless `code` is three ASCII capital letters.
    pub fn new(code: &str) -> Result<Currency, CurrencyError> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(CurrencyError(code.to_string())),
        }
    }

    /// The code, e.g. `EUR`.
    pub fn as_str(&self) -> &str {
        // Only ASCII capitals are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for Currency {
    /// Writes the code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;

    /// [`Currency::new`].
    fn from_str(code: &str) -> Result<Currency, CurrencyError> {
        Currency::new(code)
    }
}

impl TryFrom<String> for Currency {
    type Error = CurrencyError;

    fn try_from(code: String) -> Result<Currency, CurrencyError> {
        Currency::new(&code)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_are_three_capital_letters() {
        assert_eq!(Currency::new("EUR").unwrap().to_string(), "EUR");
        assert_eq!("USD".parse::<Currency>().unwrap().as_str(), "USD");
        for bad in ["eur", "EURO", "E1R", "", "ÉUR"] {
            assert!(Currency::new(bad).is_err(), "{bad}");
        }
        let policy: Policy = serde_json::from_str(r#"{"currency": "CHF"}"#).unwrap();
        assert_eq!(policy.currency, Some(Currency::new("CHF").unwrap()));
        let err = serde_json::from_str::<Policy>(r#"{"currency": "chf"}"#).unwrap_err();
        assert!(err.to_string().contains("expected an ISO 4217 code"), "{err}");
        assert_eq!(serde_json::to_string(&policy).unwrap().matches("\"currency\":\"CHF\"").count(), 1);
    }
}

/// Rule E9's limit on one account: however many of its advocates are
/// asked, the account holds at most `cap` engagements in any window of
/// `window_days` consecutive days, so that one customer is not worn out
/// through its colleagues.
///
/// The count is the one rule E6 makes for an advocate, over the held
/// engagements of every advocate of the account: the busiest window of
/// `window_days` days that contains the day asked for. Both numbers are
/// checked at the door: `cap` in `1..=`[`MAX_CAP`](super::limits::MAX_CAP),
/// `window_days` in `1..=`[`MAX_DAYS`](super::limits::MAX_DAYS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountCap {
    /// Most held engagements of the account in any window.
    pub cap: u32,
    /// Length of the window in days.
    pub window_days: u32,
}

impl AccountCap {
    /// `cap` engagements per `window_days` days.
    pub fn per(cap: u32, window_days: u32) -> AccountCap {
        AccountCap { cap, window_days }
    }
}

/// How a poor experience lengthens an advocate's rest (rule E5 of
/// [`crate::rank`]).
///
/// An engagement on day `h` whose advocate rated the experience at most
/// `at_most` ([`Feedback`](super::Feedback) from
/// [`FeedbackFrom::Advocate`](super::FeedbackFrom::Advocate)) holds the
/// advocate's days `d` with `h - rest_days < d < h + rest_days +
/// extra_rest_days`: the rest before it is unchanged, the rest after it
/// `extra_rest_days` longer. Only the advocate's own rating counts: the
/// rep's rating is about the call, not about how the advocate fared, and a
/// no-show (`missed`) alone does not count (the advocate's rating says how
/// it went). Both numbers are checked at the door: `at_most` in
/// `1..=`[`MAX_RATING`](super::MAX_RATING) (1 to 5), `extra_rest_days` in
/// `1..=`[`MAX_DAYS`](super::limits::MAX_DAYS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoorFeedback {
    /// The highest rating that counts as poor.
    pub at_most: u8,
    /// How many more days the advocate rests after such an engagement.
    pub extra_rest_days: u32,
}

impl PoorFeedback {
    /// A rating of at most `at_most` adds `extra_rest_days` to the rest.
    pub fn new(at_most: u8, extra_rest_days: u32) -> PoorFeedback {
        PoorFeedback { at_most, extra_rest_days }
    }

    /// The days a rating adds to the rest after its engagement: `0` for no
    /// rating or one above `at_most`.
    pub fn extra_for(&self, rating: Option<u8>) -> u32 {
        match rating {
            Some(r) if r <= self.at_most => self.extra_rest_days,
            _ => 0,
        }
    }
}
