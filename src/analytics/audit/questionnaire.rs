//! The questionnaire shipped with the crate, drawn from customer reference
//! practice, and lookups on any questionnaire.

use super::model::{Category, Question, Questionnaire};

use Category::{Advocacy, Innovation, InternalAlignment, Measurement, Networking, Strategy};

/// The default questions: id, category, text. Ids are
/// `<category>.<practice>`, the category written as in JSON.
const DEFAULT: &[(&str, Category, &str)] = &[
    (
        "advocacy.recruiting",
        Advocacy,
        "Do we recruit advocates systematically, with criteria and a named owner, \
         rather than waiting for volunteers?",
    ),
    (
        "advocacy.story-results",
        Advocacy,
        "Do we capture customer stories with measurable results the customer has approved?",
    ),
    (
        "advocacy.content-reuse",
        Advocacy,
        "Is each customer story reused across sales, marketing and PR rather than made for one use?",
    ),
    (
        "advocacy.recognition",
        Advocacy,
        "Do advocates get something back (recognition, access, visibility) that they say they value?",
    ),
    (
        "strategy.written",
        Strategy,
        "Is there a written reference strategy that sales, marketing and customer success can act on?",
    ),
    (
        "strategy.coverage-targets",
        Strategy,
        "Does the strategy name the segments, products and competitors that need references most?",
    ),
    (
        "strategy.executive-sponsor",
        Strategy,
        "Does an executive sponsor own the program and review it at least twice a year?",
    ),
    ("strategy.resources", Strategy, "Does the program have a budget and staff matched to its goals?"),
    (
        "innovation.advisory-board",
        Innovation,
        "Does a customer advisory board meet regularly and visibly influence product strategy?",
    ),
    (
        "innovation.early-access",
        Innovation,
        "Do customers try products early (beta, design partners), and is their feedback acted on?",
    ),
    (
        "innovation.co-creation",
        Innovation,
        "Do we create with customers: joint roadmaps, joint research, co-authored content?",
    ),
    (
        "networking.one-to-many",
        Networking,
        "Do one-to-many events (webinars, roundtables, user groups) let prospects meet customers \
         while sparing them one-to-one calls?",
    ),
    (
        "networking.peer-community",
        Networking,
        "Do customers have a community where they meet and help each other?",
    ),
    (
        "networking.multi-threaded",
        Networking,
        "Are relationships with key customers held by more than one person on both sides?",
    ),
    (
        "internal_alignment.shared-goals",
        InternalAlignment,
        "Do sales, marketing, customer success and product share goals for the program?",
    ),
    (
        "internal_alignment.request-process",
        InternalAlignment,
        "Is there one process for requesting a reference, known and used by every team?",
    ),
    (
        "internal_alignment.account-owner",
        InternalAlignment,
        "Do account owners agree before their customers are asked, and hear how it went?",
    ),
    (
        "measurement.deal-impact",
        Measurement,
        "Do metrics link reference activity to pipeline and closed deals?",
    ),
    (
        "measurement.advocate-health",
        Measurement,
        "Do we track each advocate's activity and satisfaction to spot fatigue before it costs us?",
    ),
    (
        "measurement.reporting",
        Measurement,
        "Are the program's results reported to leadership on a fixed schedule?",
    ),
];

impl Questionnaire {
    /// The crate's questionnaire: 20 practices over the six categories
    /// (advocacy and strategy 4 each, the others 3), ids of the form
    /// `<category>.<practice>` such as `advocacy.recruiting` or
    /// `internal_alignment.request-process`. The ids are stable: answers
    /// from earlier years keep matching.
    pub fn default_questionnaire() -> Questionnaire {
        let questions = DEFAULT
            .iter()
            .map(|&(id, category, text)| Question { id: id.into(), category, text: text.into() })
            .collect();
        Questionnaire { questions }
    }

    /// The question with this id, if any (the first one, should ids repeat).
    /// Linear in the number of questions.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The categories that have at least one question, in [`Category::ALL`] order.
    pub fn categories(&self) -> Vec<Category> {
        Category::ALL.iter().copied().filter(|&c| self.questions.iter().any(|q| q.category == c)).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn default_has_twenty_unique_ids_over_every_category() {
        let questionnaire = Questionnaire::default_questionnaire();
        assert_eq!(questionnaire.questions.len(), 20);
        let ids: HashSet<&str> = questionnaire.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), 20, "ids repeat");
        assert_eq!(questionnaire.categories(), Category::ALL);
        for &category in Category::ALL {
            let n = questionnaire.questions.iter().filter(|q| q.category == category).count();
            assert!((3..=4).contains(&n), "{category} has {n} questions");
        }
    }

    #[test]
    fn default_ids_start_with_their_category() {
        for question in Questionnaire::default_questionnaire().questions {
            let (prefix, practice) = question.id.split_once('.').expect("id has a dot");
            assert_eq!(prefix, question.category.as_str(), "{}", question.id);
            assert!(!practice.is_empty() && practice.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert!(question.text.ends_with('?'), "{}", question.id);
        }
    }

    #[test]
    fn question_finds_by_id() {
        let questionnaire = Questionnaire::default_questionnaire();
        assert_eq!(questionnaire.question("strategy.written").unwrap().category, Category::Strategy);
        assert!(questionnaire.question("strategy.unwritten").is_none());
    }
}
