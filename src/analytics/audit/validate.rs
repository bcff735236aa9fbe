//! [`AuditError`]: the rules an [`Audit`] and its [`Questionnaire`] must
//! satisfy before they are scored, checked in one pass that reports every
//! problem with its place.

use std::collections::HashMap;
use std::fmt;

use super::model::{Answer, Audit, Questionnaire, RATINGS};

/// What kind of rule a [`Problem`] breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// An answer names a question the questionnaire does not have.
    UnknownQuestion,
    /// One respondent answers the same question twice.
    DuplicateAnswer,
    /// Two responses come from the same respondent.
    DuplicateRespondent,
    /// The questionnaire has two questions with the same id.
    DuplicateQuestion,
    /// A respondent or question id is empty.
    EmptyId,
    /// A consistency, effectiveness or priority is outside `1..=5`.
    OutOfRange,
    /// A practice answered yes lacks its consistency or effectiveness.
    MissingRating,
    /// A practice answered no carries a consistency or effectiveness.
    UnexpectedRating,
}

/// One broken rule, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The record at fault: `responses[2].answers[5]` for an answer,
    /// `responses[2]` for a response, `questionnaire.questions[3]` for a
    /// question. The message names the field.
    pub place: String,
    /// The rule broken.
    pub kind: ProblemKind,
    /// What is wrong, lowercase, e.g. `consistency 7 is outside 1..=5`.
    pub message: String,
}

impl fmt::Display for Problem {
    /// Writes `place: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Every problem that stops an audit from being scored. Never empty.
///
/// Displays as `invalid audit 2026: responses[2].answers[5]: consistency 7
/// is outside 1..=5`, or, with several problems, a count followed by one
/// indented line each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(*.year, .problems))]
pub struct AuditError {
    year: i16,
    problems: Vec<Problem>,
}

impl AuditError {
    /// The year of the audit refused.
    pub fn year(&self) -> i16 {
        self.year
    }

    /// The problems: the questionnaire's first, then the responses' in
    /// file order, each answer's fields in the order question,
    /// consistency, effectiveness, priority.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

fn summary(year: i16, problems: &[Problem]) -> String {
    match problems {
        [one] => format!("invalid audit {year}: {one}"),
        many => {
            let mut text = format!("invalid audit {year}: {} problems", many.len());
            for problem in many {
                text.push_str(&format!("\n  {problem}"));
            }
            text
        }
    }
}

#[derive(Default)]
struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, place: &str, kind: ProblemKind, message: String) {
        self.problems.push(Problem { place: place.to_owned(), kind, message });
    }
}

/// Checks every rule; `Ok` means [`super::model::points`] is `Some` for
/// every answer and every answer names a question.
pub(super) fn validate(audit: &Audit, questionnaire: &Questionnaire) -> Result<(), AuditError> {
    let mut report = Report::default();

    let mut questions = HashMap::with_capacity(questionnaire.questions.len());
    for (i, question) in questionnaire.questions.iter().enumerate() {
        let place = format!("questionnaire.questions[{i}]");
        if question.id.trim().is_empty() {
            report.add(&place, ProblemKind::EmptyId, "empty question id: expected a non-empty string".into());
        } else if let Some(first) = questions.get(question.id.as_str()) {
            report.add(
                &place,
                ProblemKind::DuplicateQuestion,
                format!(
                    "duplicate question id {:?}: first used at questionnaire.questions[{first}]",
                    question.id
                ),
            );
        } else {
            questions.insert(question.id.as_str(), i);
        }
    }

    let mut respondents = HashMap::with_capacity(audit.responses.len());
    for (i, response) in audit.responses.iter().enumerate() {
        let place = format!("responses[{i}]");
        let who = &response.respondent;
        if who.trim().is_empty() {
            report.add(
                &place,
                ProblemKind::EmptyId,
                "empty respondent: expected an id such as \"vp-sales\"".into(),
            );
        } else if let Some(first) = respondents.get(who.as_str()) {
            report.add(
                &place,
                ProblemKind::DuplicateRespondent,
                format!("duplicate respondent {who:?}: first seen at responses[{first}]"),
            );
        } else {
            respondents.insert(who.as_str(), i);
        }

        let mut answered = HashMap::with_capacity(response.answers.len());
        for (j, answer) in response.answers.iter().enumerate() {
            let place = format!("{place}.answers[{j}]");
            let id = answer.question.as_str();
            if !questions.contains_key(id) {
                report.add(&place, ProblemKind::UnknownQuestion, format!("unknown question id {id:?}"));
            } else if let Some(first) = answered.insert(id, j) {
                answered.insert(id, first);
                report.add(
                    &place,
                    ProblemKind::DuplicateAnswer,
                    format!(
                        "question {id:?} answered twice by {who:?}: first at responses[{i}].answers[{first}]"
                    ),
                );
            }
            check_ratings(&mut report, &place, answer);
        }
    }

    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(AuditError { year: audit.year, problems: report.problems })
    }
}

fn check_ratings(report: &mut Report, place: &str, answer: &Answer) {
    for (name, value) in [("consistency", answer.consistency), ("effectiveness", answer.effectiveness)] {
        match (answer.exists, value) {
            (true, None) => report.add(
                place,
                ProblemKind::MissingRating,
                format!("answered yes without {name}: expected 1..=5"),
            ),
            (false, Some(v)) => report.add(
                place,
                ProblemKind::UnexpectedRating,
                format!("answered no with {name} {v}: expected none, only a practice that exists is rated"),
            ),
            (true, Some(v)) => check_range(report, place, name, v),
            (false, None) => {}
        }
    }
    check_range(report, place, "priority", answer.priority);
}

fn check_range(report: &mut Report, place: &str, name: &str, value: u8) {
    if !RATINGS.contains(&value) {
        report.add(place, ProblemKind::OutOfRange, format!("{name} {value} is outside 1..=5"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::audit::model::{Category, Question, Response};

    fn questionnaire() -> Questionnaire {
        let question = |id: &str| Question { id: id.into(), category: Category::Advocacy, text: "?".into() };
        Questionnaire { questions: vec![question("a1"), question("a2")] }
    }

    fn audit(responses: Vec<Response>) -> Audit {
        Audit { year: 2026, responses }
    }

    fn response(who: &str, answers: Vec<Answer>) -> Response {
        Response { respondent: who.into(), answers }
    }

    fn messages(err: &AuditError) -> Vec<String> {
        err.problems().iter().map(Problem::to_string).collect()
    }

    #[test]
    fn a_valid_audit_passes() {
        let ok = audit(vec![response("cmo", vec![Answer::yes("a1", 1, 5, 3), Answer::no("a2", 1)])]);
        assert_eq!(validate(&ok, &questionnaire()), Ok(()));
        assert_eq!(validate(&audit(vec![]), &questionnaire()), Ok(()));
    }

    #[test]
    fn a_rating_out_of_range_names_its_answer() {
        let bad = audit(vec![response("cmo", vec![Answer::yes("a1", 7, 0, 6)])]);
        let err = validate(&bad, &questionnaire()).unwrap_err();
        assert_eq!(
            messages(&err),
            [
                "responses[0].answers[0]: consistency 7 is outside 1..=5",
                "responses[0].answers[0]: effectiveness 0 is outside 1..=5",
                "responses[0].answers[0]: priority 6 is outside 1..=5",
            ]
        );
        assert!(err.problems().iter().all(|p| p.kind == ProblemKind::OutOfRange));
    }

    #[test]
    fn one_problem_displays_on_one_line() {
        let bad = audit(vec![response("cmo", vec![Answer::no("a9", 3)])]);
        let err = validate(&bad, &questionnaire()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid audit 2026: responses[0].answers[0]: unknown question id \"a9\""
        );
        assert_eq!(err.year(), 2026);
    }

    #[test]
    fn questionnaire_ids_must_be_unique_and_non_empty() {
        let mut questions = questionnaire();
        questions.questions.push(Question {
            id: "a1".into(),
            category: Category::Strategy,
            text: "?".into(),
        });
        questions.questions.push(Question { id: " ".into(), category: Category::Strategy, text: "?".into() });
        let err = validate(&audit(vec![]), &questions).unwrap_err();
        assert_eq!(
            messages(&err),
            [
                "questionnaire.questions[2]: duplicate question id \"a1\": first used at questionnaire.questions[0]",
                "questionnaire.questions[3]: empty question id: expected a non-empty string",
            ]
        );
        let kinds: Vec<_> = err.problems().iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ProblemKind::DuplicateQuestion, ProblemKind::EmptyId]);
    }
}
