//! One function per factor similarity.

use crate::model::{Outcome, Seniority};
use crate::taxonomy::{SalesRegion, country};

/// Length of a NAICS code as the industry factor counts it: a sector written as a
/// range (`31-33`) has length 2.
fn code_len(code: &str) -> usize {
    if code.contains('-') { 2 } else { code.len() }
}

/// The sector a code belongs to, with the range sectors as one sector.
fn sector(code: &str) -> &str {
    crate::taxonomy::sector_key(code)
}

/// How many leading characters the prospect's NAICS code `p` shares with
/// the account's code `a`:
///
/// - different sectors (31-33, 44-45 and 48-49 are one sector each): 0;
/// - same sector but different first two digits (`311` and `325`): 2;
/// - otherwise the length of the common prefix.
///
/// ```
/// use refmatch::score::industry_depth;
/// assert_eq!(industry_depth("541511", "541512"), 5);
/// assert_eq!(industry_depth("311", "325"), 2);
/// assert_eq!(industry_depth("52", "622110"), 0);
/// ```
pub fn industry_depth(p: &str, a: &str) -> usize {
    if sector(p) != sector(a) {
        return 0;
    }
    if p.get(..2) != a.get(..2) {
        return 2;
    }
    p.bytes().zip(a.bytes()).take_while(|(x, y)| x == y).count().min(code_len(p))
}

/// Industry similarity: [`industry_depth`] over the length of the
/// prospect's code. `p = 541511, a = 541512` gives 5/6; `p = 52` against
/// any code in sector 52 gives 1; `p = 31-33` against `325` gives 1.
pub fn industry(p: &str, a: &str) -> f64 {
    industry_depth(p, a) as f64 / code_len(p) as f64
}

/// Size similarity `2^(-(log10(a / p))^2)` of the account's and the
/// prospect's employee counts: 1 at equal size, 0.5 at 10x either way,
/// 0.0625 at 100x. Counts of 0 are treated as 1.
pub fn size(account_employees: u64, prospect_employees: u64) -> f64 {
    size_from_log10((account_employees.max(1) as f64).log10(), (prospect_employees.max(1) as f64).log10())
}

/// [`size`] from the base-10 logarithms of the two employee counts, for
/// callers that keep the logarithms.
#[inline]
pub fn size_from_log10(log_account: f64, log_prospect: f64) -> f64 {
    let x = log_account - log_prospect;
    (-(x * x)).exp2()
}

/// Geography similarity: 1 for the same country, 0.5 for the same sales
/// region ([`SalesRegion`]), else 0 (also when a code is unknown).
pub fn geography(account_country: &str, prospect_country: &str) -> f64 {
    if account_country == prospect_country {
        return 1.0;
    }
    let region = |code: &str| -> Option<SalesRegion> { country(code).map(|c| c.region) };
    geography_of_regions(false, region(account_country), region(prospect_country))
}

/// [`geography`] from whether the codes are equal and the two countries'
/// regions (`None` for an unknown code), for callers that looked the
/// regions up once.
#[inline]
pub(crate) fn geography_of_regions(
    same_country: bool,
    account: Option<SalesRegion>,
    prospect: Option<SalesRegion>,
) -> f64 {
    if same_country {
        return 1.0;
    }
    match (account, prospect) {
        (Some(a), Some(p)) if a == p => 0.5,
        _ => 0.0,
    }
}

/// Seniority similarity `max(0, 1 - |L_a - L_p| / 2)` with levels
/// executive 0, vp 1, director 2, manager 3, individual 4.
pub fn seniority(advocate: Seniority, prospect: Seniority) -> f64 {
    let gap = (advocate.level() as f64 - prospect.level() as f64).abs();
    (1.0 - gap / 2.0).max(0.0)
}

/// Overlap similarity `|P ∩ S| / |P|`: the share of the prospect's
/// `wanted` items (use cases or products) that the story has. 0 when the
/// prospect wants nothing.
pub fn overlap(common: usize, wanted: usize) -> f64 {
    if wanted == 0 { 0.0 } else { common as f64 / wanted as f64 }
}

/// Freshness `2^(-max(0, age_days) / 365)` of a story verified `age_days`
/// before the day needed: 1 when verified on or after that day, 0.5 a
/// year before.
pub fn freshness(age_days: i64) -> f64 {
    (-(age_days.max(0) as f64) / 365.0).exp2()
}

/// Evidence: 1 when an outcome has a numeric value, 0.5 when outcomes
/// exist but none is numeric, 0 when there are none.
pub fn evidence(outcomes: &[Outcome]) -> f64 {
    if outcomes.iter().any(|o| o.value.is_some()) {
        1.0
    } else if outcomes.is_empty() {
        0.0
    } else {
        0.5
    }
}

/// Availability `1 - 0.5 * used / cap`, which scales a relevance into a
/// score ([`crate::rank`]): a rested advocate keeps all of its relevance,
/// one at the edge of its cap about half.
pub fn availability(used: u32, cap: u32) -> f64 {
    1.0 - 0.5 * used as f64 / cap.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn industry_examples() {
        assert_eq!(industry("541511", "541512"), 5.0 / 6.0);
        assert_eq!(industry("522110", "522120"), 4.0 / 6.0);
        assert_eq!(industry("52", "522110"), 1.0);
        assert_eq!(industry("522110", "52"), 2.0 / 6.0);
        assert_eq!(industry("311", "325"), 2.0 / 3.0);
        assert_eq!(industry("31-33", "325"), 1.0);
        assert_eq!(industry("311", "31-33"), 2.0 / 3.0);
        assert_eq!(industry("44-45", "455110"), 1.0);
        assert_eq!(industry("481111", "493110"), 2.0 / 6.0);
        assert_eq!(industry("522110", "622110"), 0.0);
        assert_eq!(industry("522110", "522110"), 1.0);
    }

    #[test]
    fn size_halves_at_ten_times() {
        assert_eq!(size(3000, 3000), 1.0);
        assert!((size(30_000, 3000) - 0.5).abs() < 1e-12);
        assert!((size(300, 3000) - 0.5).abs() < 1e-12);
        assert!((size(300_000, 3000) - 0.0625).abs() < 1e-12);
    }

    #[test]
    fn geography_levels() {
        assert_eq!(geography("DE", "DE"), 1.0);
        assert_eq!(geography("DE", "FR"), 0.5);
        assert_eq!(geography("DE", "US"), 0.0);
        assert_eq!(geography("BR", "MX"), 0.5);
    }

    #[test]
    fn seniority_levels() {
        assert_eq!(seniority(Seniority::Executive, Seniority::Executive), 1.0);
        assert_eq!(seniority(Seniority::Vp, Seniority::Executive), 0.5);
        assert_eq!(seniority(Seniority::Director, Seniority::Executive), 0.0);
        assert_eq!(seniority(Seniority::Individual, Seniority::Executive), 0.0);
    }

    #[test]
    fn freshness_and_evidence() {
        assert_eq!(freshness(0), 1.0);
        assert_eq!(freshness(-30), 1.0);
        assert_eq!(freshness(365), 0.5);
        assert_eq!(freshness(730), 0.25);
        let numeric =
            Outcome { metric: "m".into(), value: Some(3.0), unit: "%".into(), description: "d".into() };
        let words = Outcome { value: None, ..numeric.clone() };
        assert_eq!(evidence(&[]), 0.0);
        assert_eq!(evidence(std::slice::from_ref(&words)), 0.5);
        assert_eq!(evidence(&[words, numeric]), 1.0);
    }

    #[test]
    fn availability_halves_at_cap() {
        assert_eq!(availability(0, 4), 1.0);
        assert_eq!(availability(2, 4), 0.75);
        assert_eq!(availability(4, 4), 0.5);
    }
}
