//! Scoring a valid audit: each category's index, priority and gap, the
//! overall score, and the order of strengths and weaknesses.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use super::model::{Audit, Category, Questionnaire, points};
use super::validate::{AuditError, validate};

/// One category's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryScore {
    /// The category.
    pub category: Category,
    /// Mean points, 0 to 100, over every (respondent, question) answer
    /// in the category.
    pub index: f64,
    /// Mean priority, 1 to 5, over the same answers.
    pub priority: f64,
    /// `priority * (100 - index)`, 0 to 500: how much is left to gain,
    /// weighted by how much it matters.
    pub gap: f64,
    /// How many answers the category's numbers are means of (at least 1).
    pub answers: usize,
}

/// An audit's result. Get one from [`Audit::score`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditScores {
    /// The audit's year.
    pub year: i16,
    /// How many leaders responded, counting those who answered nothing.
    pub respondents: usize,
    /// How many answers were scored, over every category.
    pub answers: usize,
    /// One entry per category with at least one answer, in
    /// [`Category::ALL`] order. A category nobody answered is left out
    /// rather than given an index: it has no mean, and 0 would read as
    /// "practices missing".
    pub categories: Vec<CategoryScore>,
    /// The category indexes' mean weighted by category priority, 0 to 100;
    /// `None` when there are no answers. Priorities are 1 to 5, so the
    /// weights are positive whenever there are answers.
    pub overall: Option<f64>,
}

impl Audit {
    /// Checks the audit against the questionnaire (see [`Audit::score`]'s
    /// errors), without scoring it.
    ///
    /// # Errors
    ///
    /// An [`AuditError`] listing every problem, as for [`Audit::score`].
    pub fn validate(&self, questionnaire: &Questionnaire) -> Result<(), AuditError> {
        validate(self, questionnaire)
    }

    /// Scores the audit: every answer's [points](super::Answer::points),
    /// each category's index, priority and gap, and the overall score.
    /// Linear in the number of answers and questions.
    ///
    /// An audit without responses, or whose responses have no answers,
    /// scores fine: no categories, `overall` `None`.
    ///
    /// # Errors
    ///
    /// An [`AuditError`] listing every problem, each with its place: a
    /// question id empty or repeated in the questionnaire, a respondent
    /// empty or repeated, an answer naming an unknown question or a
    /// question its respondent already answered, a consistency,
    /// effectiveness or priority outside `1..=5`, a "yes" without
    /// consistency or effectiveness, a "no" with either.
    pub fn score(&self, questionnaire: &Questionnaire) -> Result<AuditScores, AuditError> {
        validate(self, questionnaire)?;

        // Sums are integers, so the means do not depend on answer order.
        #[derive(Clone, Copy, Default)]
        struct Tally {
            points: u64,
            priority: u64,
            answers: usize,
        }
        let mut tallies = [Tally::default(); Category::ALL.len()];
        let slot = |category: Category| Category::ALL.iter().position(|&c| c == category).expect("listed");

        let category_of: HashMap<&str, Category> =
            questionnaire.questions.iter().map(|q| (q.id.as_str(), q.category)).collect();
        for answer in self.responses.iter().flat_map(|r| &r.answers) {
            let category = category_of[answer.question.as_str()]; // validated: a known question
            let tally = &mut tallies[slot(category)];
            tally.points += u64::from(points(answer).expect("validated: ratings in range"));
            tally.priority += u64::from(answer.priority);
            tally.answers += 1;
        }

        let categories: Vec<CategoryScore> = Category::ALL
            .iter()
            .zip(tallies)
            .filter(|(_, tally)| tally.answers > 0)
            .map(|(&category, tally)| {
                let n = tally.answers as f64;
                let index = tally.points as f64 / n;
                let priority = tally.priority as f64 / n;
                CategoryScore {
                    category,
                    index,
                    priority,
                    gap: priority * (100.0 - index),
                    answers: tally.answers,
                }
            })
            .collect();

        let weights: f64 = categories.iter().map(|c| c.priority).sum();
        let overall =
            (weights > 0.0).then(|| categories.iter().map(|c| c.priority * c.index).sum::<f64>() / weights);

        Ok(AuditScores {
            year: self.year,
            respondents: self.responses.len(),
            answers: categories.iter().map(|c| c.answers).sum(),
            categories,
            overall,
        })
    }
}

impl AuditScores {
    /// The category's result, if anyone answered its questions.
    pub fn category(&self, category: Category) -> Option<&CategoryScore> {
        self.categories.iter().find(|c| c.category == category)
    }

    /// The categories, largest gap first: where improving pays most. Equal
    /// gaps keep [`Category::ALL`] order.
    pub fn weaknesses(&self) -> Vec<&CategoryScore> {
        self.by_gap(|a, b| b.total_cmp(&a))
    }

    /// The categories, smallest gap first: what works and matters. Equal
    /// gaps keep [`Category::ALL`] order.
    pub fn strengths(&self) -> Vec<&CategoryScore> {
        self.by_gap(|a, b| a.total_cmp(&b))
    }

    fn by_gap(&self, order: impl Fn(f64, f64) -> Ordering) -> Vec<&CategoryScore> {
        let mut sorted: Vec<&CategoryScore> = self.categories.iter().collect();
        // Stable, and `categories` is in Category::ALL order: ties keep it.
        sorted.sort_by(|a, b| order(a.gap, b.gap));
        sorted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::audit::model::{Answer, Question, Response};

    fn questionnaire() -> Questionnaire {
        let q = |id: &str, category| Question { id: id.into(), category, text: "?".into() };
        Questionnaire {
            questions: vec![
                q("a1", Category::Advocacy),
                q("a2", Category::Advocacy),
                q("s1", Category::Strategy),
                q("m1", Category::Measurement),
            ],
        }
    }

    fn response(who: &str, answers: Vec<Answer>) -> Response {
        Response { respondent: who.into(), answers }
    }

    #[test]
    fn a_worked_example() {
        let audit = Audit {
            year: 2026,
            responses: vec![
                // a1: 20 + 80 * (1 + 1 - 2) / 8 = 20; a2: 20 + 80 * 8 / 8 = 100; s1: no = 0
                response(
                    "r1",
                    vec![Answer::yes("a1", 1, 1, 5), Answer::yes("a2", 5, 5, 3), Answer::no("s1", 2)],
                ),
                // a1: 20 + 80 * (3 + 4 - 2) / 8 = 70; a2: no = 0; s1: 20 + 80 * 2 / 8 = 40
                response(
                    "r2",
                    vec![Answer::yes("a1", 3, 4, 4), Answer::no("a2", 4), Answer::yes("s1", 2, 2, 4)],
                ),
            ],
        };
        let scores = audit.score(&questionnaire()).unwrap();
        assert_eq!((scores.year, scores.respondents, scores.answers), (2026, 2, 6));
        // Measurement has a question but no answer: left out.
        assert_eq!(scores.categories.len(), 2);

        // Advocacy: index (20 + 100 + 70 + 0) / 4 = 47.5, priority (5 + 3 + 4 + 4) / 4 = 4,
        // gap 4 * (100 - 47.5) = 210.
        let advocacy = scores.category(Category::Advocacy).unwrap();
        assert_eq!(
            (advocacy.index, advocacy.priority, advocacy.gap, advocacy.answers),
            (47.5, 4.0, 210.0, 4)
        );
        // Strategy: index (0 + 40) / 2 = 20, priority (2 + 4) / 2 = 3, gap 3 * 80 = 240.
        let strategy = scores.category(Category::Strategy).unwrap();
        assert_eq!(
            (strategy.index, strategy.priority, strategy.gap, strategy.answers),
            (20.0, 3.0, 240.0, 2)
        );

        // Overall: (4 * 47.5 + 3 * 20) / (4 + 3) = 250 / 7.
        assert_eq!(scores.overall, Some(250.0 / 7.0));

        let order = |list: Vec<&CategoryScore>| list.iter().map(|c| c.category).collect::<Vec<_>>();
        assert_eq!(order(scores.weaknesses()), [Category::Strategy, Category::Advocacy]);
        assert_eq!(order(scores.strengths()), [Category::Advocacy, Category::Strategy]);
    }

    #[test]
    fn equal_gaps_keep_category_order() {
        // Every category: one "yes 3/3" (20 + 80 * 4 / 8 = 60) at priority 2, gap 2 * 40 = 80.
        let answers =
            vec![Answer::yes("m1", 3, 3, 2), Answer::yes("s1", 3, 3, 2), Answer::yes("a1", 3, 3, 2)];
        let audit = Audit { year: 2026, responses: vec![response("r1", answers)] };
        let scores = audit.score(&questionnaire()).unwrap();
        let expected = [Category::Advocacy, Category::Strategy, Category::Measurement];
        assert!(scores.categories.iter().all(|c| c.gap == 80.0));
        assert_eq!(scores.weaknesses().iter().map(|c| c.category).collect::<Vec<_>>(), expected);
        assert_eq!(scores.strengths().iter().map(|c| c.category).collect::<Vec<_>>(), expected);
        assert_eq!(scores.overall, Some(60.0));
    }

    #[test]
    fn no_answers_give_no_overall() {
        for responses in [vec![], vec![response("r1", vec![]), response("r2", vec![])]] {
            let n = responses.len();
            let scores = Audit { year: 2025, responses }.score(&questionnaire()).unwrap();
            assert_eq!((scores.respondents, scores.answers, scores.overall), (n, 0, None));
            assert!(scores.categories.is_empty() && scores.weaknesses().is_empty());
        }
    }

    #[test]
    fn an_invalid_audit_is_not_scored() {
        let audit = Audit { year: 2026, responses: vec![response("r1", vec![Answer::yes("a1", 3, 9, 2)])] };
        let err = audit.score(&questionnaire()).unwrap_err();
        assert_eq!(
            err.problems()[0].to_string(),
            "responses[0].answers[0]: effectiveness 9 is outside 1..=5"
        );
    }
}
