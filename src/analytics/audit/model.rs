//! The audit's records: categories, questions, a questionnaire, and the
//! answers leaders give to it. Checking them is `validate.rs`'s job;
//! scoring them is `score.rs`'s.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A theme of the audit. Every question belongs to one.
///
/// A closed enum rather than free strings: a misspelt category in a file
/// fails when it is parsed (serde names the accepted values), and the
/// declaration order gives tables and ties one fixed order. A new
/// category is a new variant; `#[non_exhaustive]` keeps adding one from
/// breaking code that matches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Recruiting advocates, capturing their stories, reusing them.
    Advocacy,
    /// A written, owned, funded plan for the program.
    Strategy,
    /// Customers shaping products: advisory board, early access, co-creation.
    Innovation,
    /// Customers meeting prospects and each other, one-to-many.
    Networking,
    /// Sales, marketing, success and product working the program together.
    InternalAlignment,
    /// Linking reference activity to deals and watching advocates' health.
    Measurement,
}

impl Category {
    /// Every category, in declaration order: the order of tables and the
    /// tie-breaking order of [`AuditScores::weaknesses`](super::AuditScores::weaknesses).
    pub const ALL: &'static [Category] = &[
        Category::Advocacy,
        Category::Strategy,
        Category::Innovation,
        Category::Networking,
        Category::InternalAlignment,
        Category::Measurement,
    ];

    /// The name written in JSON files and question ids, e.g. `internal_alignment`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Advocacy => "advocacy",
            Category::Strategy => "strategy",
            Category::Innovation => "innovation",
            Category::Networking => "networking",
            Category::InternalAlignment => "internal_alignment",
            Category::Measurement => "measurement",
        }
    }

    /// The name shown to people, e.g. `Internal alignment`.
    pub fn label(self) -> &'static str {
        match self {
            Category::Advocacy => "Advocacy",
            Category::Strategy => "Strategy",
            Category::Innovation => "Innovation",
            Category::Networking => "Networking",
            Category::InternalAlignment => "Internal alignment",
            Category::Measurement => "Measurement",
        }
    }
}

impl fmt::Display for Category {
    /// Writes [`Category::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Category {
    type Err = crate::model::UnknownName;

    /// Parses [`Category::as_str`]: `advocacy`, `internal_alignment`, ...
    fn from_str(text: &str) -> Result<Category, Self::Err> {
        Category::ALL.iter().copied().find(|c| c.as_str() == text).ok_or_else(|| {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
            crate::model::UnknownName::new("audit category", text, &names)
        })
    }
}

/// One practice leaders say exists or not, then rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id that answers refer to, e.g. `advocacy.recruiting`.
    pub id: String,
    /// The theme the question counts towards.
    pub category: Category,
    /// The question as leaders read it, answerable yes or no.
    pub text: String,
}

/// The questions of an audit. The crate ships one,
/// [`Questionnaire::default_questionnaire`]; a company may write its own.
///
/// Ids must be unique and non-empty; [`Audit::score`] reports the ones
/// that are not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// The questions, in the order leaders see them.
    pub questions: Vec<Question>,
}

/// One leader's answer to one question.
///
/// `priority` is always required. `consistency` and `effectiveness` rate
/// a practice that exists, so they are required when `exists` is true and
/// must be absent when it is false: a "no" carrying ratings is
/// contradictory, most likely a mistyped answer, and ignoring it would
/// hide an error worth up to 100 points. In JSON an absent rating is left
/// out (or `null`).
///
/// ```
/// use refmatch::analytics::audit::Answer;
///
/// assert_eq!(Answer::yes("advocacy.recruiting", 3, 4, 5).points(), Some(70.0));
/// assert_eq!(Answer::no("advocacy.recruiting", 5).points(), Some(0.0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The [`Question::id`] answered.
    pub question: String,
    /// Whether the practice exists at the company.
    pub exists: bool,
    /// How consistently the practice runs, 1 (rarely) to 5 (always).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consistency: Option<u8>,
    /// How well the practice works, 1 (poorly) to 5 (very well).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effectiveness: Option<u8>,
    /// How much the practice matters to the company, 1 (little) to 5 (most).
    pub priority: u8,
}

impl Answer {
    /// A practice that exists, with its ratings.
    pub fn yes(question: impl Into<String>, consistency: u8, effectiveness: u8, priority: u8) -> Answer {
        Answer {
            question: question.into(),
            exists: true,
            consistency: Some(consistency),
            effectiveness: Some(effectiveness),
            priority,
        }
    }

    /// A practice that does not exist.
    pub fn no(question: impl Into<String>, priority: u8) -> Answer {
        Answer { question: question.into(), exists: false, consistency: None, effectiveness: None, priority }
    }

    /// The answer's points out of 100: 0 for "no"; for "yes",
    /// `20 + 80 * (consistency + effectiveness - 2) / 8`, so 20 for a
    /// practice rated 1 and 1, 100 for one rated 5 and 5.
    ///
    /// `None` when the answer breaks a rule of [`Answer`]'s: a rating
    /// missing, present on a "no", or outside `1..=5`. The priority is not
    /// looked at.
    pub fn points(&self) -> Option<f64> {
        points(self).map(f64::from)
    }
}

/// [`Answer::points`] in exact integer arithmetic: `80 * (c + e - 2)` is a
/// multiple of 8, so the division is exact and indexes are exact sums.
pub(super) fn points(answer: &Answer) -> Option<u32> {
    let rating = |value: Option<u8>| value.filter(|v| RATINGS.contains(v)).map(u32::from);
    match (answer.exists, answer.consistency, answer.effectiveness) {
        (false, None, None) => Some(0),
        (false, _, _) => None,
        (true, c, e) => {
            let (c, e) = (rating(c)?, rating(e)?);
            Some(20 + 80 * (c + e - 2) / 8)
        }
    }
}

/// The allowed values of every rating and of priority.
pub(super) const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// Everything one leader answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Who answered, unique within the audit, e.g. `vp-sales`.
    pub respondent: String,
    /// The answers, at most one per question. Questions left out are not
    /// counted: an index is the mean of the answers given.
    pub answers: Vec<Answer>,
}

/// One year's audit: every leader's response.
///
/// Score it against a questionnaire with [`Audit::score`]; check it alone
/// with [`Audit::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// The year the audit was answered.
    pub year: i16,
    /// One response per leader.
    pub responses: Vec<Response>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_follow_the_formula() {
        // 20 + 80 * (1 + 1 - 2) / 8 = 20
        assert_eq!(Answer::yes("q", 1, 1, 3).points(), Some(20.0));
        // 20 + 80 * (5 + 5 - 2) / 8 = 20 + 80 = 100
        assert_eq!(Answer::yes("q", 5, 5, 3).points(), Some(100.0));
        // 20 + 80 * (3 + 4 - 2) / 8 = 20 + 400 / 8 = 70
        assert_eq!(Answer::yes("q", 3, 4, 3).points(), Some(70.0));
        // 20 + 80 * (2 + 1 - 2) / 8 = 20 + 10 = 30
        assert_eq!(Answer::yes("q", 2, 1, 3).points(), Some(30.0));
        assert_eq!(Answer::no("q", 3).points(), Some(0.0));
    }

    #[test]
    fn points_refuse_broken_answers() {
        assert_eq!(Answer::yes("q", 0, 3, 3).points(), None);
        assert_eq!(Answer::yes("q", 3, 6, 3).points(), None);
        assert_eq!(Answer { consistency: None, ..Answer::yes("q", 3, 3, 3) }.points(), None);
        assert_eq!(Answer { effectiveness: Some(2), ..Answer::no("q", 3) }.points(), None);
    }

    #[test]
    fn category_names_round_trip_through_serde() {
        for &category in Category::ALL {
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
            assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), category);
        }
        assert!(serde_json::from_str::<Category>("\"InternalAlignment\"").is_err());
    }

    #[test]
    fn absent_ratings_are_left_out_of_json() {
        let json = serde_json::to_string(&Answer::no("strategy.written", 4)).unwrap();
        assert_eq!(json, r#"{"question":"strategy.written","exists":false,"priority":4}"#);
        let back: Answer = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Answer::no("strategy.written", 4));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"question":"q","exists":false,"priority":4,"comment":"x"}"#;
        assert!(serde_json::from_str::<Answer>(json).is_err());
    }
}
