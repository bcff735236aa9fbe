//! The judged sample shipped with the crate: `data/judgments.json`, graded
//! by hand for the sample program (how, in `data/JUDGMENTS.md`).

use super::judgments::Judgments;
use crate::model::Library;

const JUDGMENTS_JSON: &str = include_str!("../../data/judgments.json");

impl Judgments {
    /// The judged sample: queries for prospects of the sample program
    /// ([`Library::sample`]), advocates and stories graded 0 to 3 from the
    /// records by a reference manager's sense, not by the ranking formula
    /// (`data/JUDGMENTS.md` says how). Checked against
    /// [`Library::sample`]; parsed on each call.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded file is checked by the crate's
    /// tests.
    pub fn sample() -> Judgments {
        Judgments::from_json_str(JUDGMENTS_JSON, &Library::sample())
            .expect("embedded judgments.json is valid")
    }
}
