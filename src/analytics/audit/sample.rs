//! The sample program's audits, embedded in the crate.

use std::sync::OnceLock;

use super::model::Audit;

const SAMPLES: &[&str] =
    &[include_str!("../../../data/audit-2025.json"), include_str!("../../../data/audit-2026.json")];

impl Audit {
    /// The years [`Audit::sample`] has.
    pub const SAMPLE_YEARS: &'static [i16] = &[2025, 2026];

    /// The fictional sample program's audit of `year`, answered by four
    /// leaders (`vp-sales`, `cmo`, `head-of-cs`, `cro`) against
    /// [`Questionnaire::default_questionnaire`](super::Questionnaire::default_questionnaire);
    /// `None` for a year not in [`Audit::SAMPLE_YEARS`].
    ///
    /// In 2025 the program has stories and an advisory board but no
    /// written strategy and no metrics tied to deals; by 2026 strategy,
    /// measurement and advocacy improved while networking slipped (events
    /// were cut and a relationship holder left).
    ///
    /// The data is embedded (`data/audit-2025.json`, `data/audit-2026.json`,
    /// written by `tools/gen_audit.py`) and parsed on the first call.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded files are checked by the crate's tests.
    pub fn sample(year: i16) -> Option<&'static Audit> {
        static AUDITS: OnceLock<Vec<Audit>> = OnceLock::new();
        let audits = AUDITS.get_or_init(|| {
            SAMPLES.iter().map(|json| serde_json::from_str(json).expect("embedded audit parses")).collect()
        });
        audits.iter().find(|audit| audit.year == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::audit::Questionnaire;

    #[test]
    fn every_sample_year_loads_and_validates() {
        let questionnaire = Questionnaire::default_questionnaire();
        for &year in Audit::SAMPLE_YEARS {
            let audit = Audit::sample(year).unwrap();
            assert_eq!(audit.year, year);
            assert_eq!(audit.validate(&questionnaire), Ok(()));
        }
        assert_eq!(Audit::sample(2024), None);
    }
}
