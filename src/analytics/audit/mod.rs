//! The leverage audit: a yearly self-assessment, answered by several
//! leaders, of how well the company uses its customers, scored per
//! category, weighted by priority and compared year over year.
//!
//! This module owns the questionnaire ([`Questionnaire`], with the
//! crate's [`Questionnaire::default_questionnaire`]), the answers
//! ([`Audit`], [`Response`], [`Answer`]), their validation
//! ([`AuditError`]), the scores ([`AuditScores`]), the comparison of two
//! years ([`Comparison`]) and their Markdown. It does not read the story
//! model or the ledger: figures computed from those belong to
//! [`crate::analytics::metrics`].
//!
//! # The model
//!
//! Questions belong to six [`Category`]s: advocacy, strategy, innovation,
//! networking, internal alignment and measurement. For each question a
//! leader says whether the practice exists, and if it does rates its
//! consistency and its effectiveness from 1 to 5; every answer also rates
//! the practice's priority from 1 to 5.
//!
//! | quantity | definition |
//! | --- | --- |
//! | points of an answer | 0 for "no"; `20 + 80 * (consistency + effectiveness - 2) / 8` for "yes" |
//! | category index | mean points over every (respondent, question) answer in the category, 0 to 100 |
//! | category priority | mean priority over the same answers, 1 to 5 |
//! | category gap | `priority * (100 - index)`, 0 to 500 |
//! | overall score | mean of the category indexes weighted by their priorities |
//!
//! A "yes" scores 20 to 100 (equivalently `10 * (consistency +
//! effectiveness)`), so a practice that exists but runs poorly still
//! counts above one that does not exist. Questions a leader left out are
//! not counted; a category nobody answered has no index and is left out
//! of the scores, and an audit without answers has no overall score
//! (`None`, never NaN). Weaknesses are the categories ordered by gap,
//! largest first; strengths smallest first; equal gaps keep
//! [`Category::ALL`] order. A comparison subtracts last year's index,
//! priority and overall score from this year's, category by category.
//!
//! # Example
//!
//! Score the sample program's two audits, find its largest gap, and
//! compare the years:
//!
//! ```
//! use refmatch::analytics::audit::{Answer, Audit, Category, Questionnaire, Response};
//!
//! let questionnaire = Questionnaire::default_questionnaire();
//! let this_year = Audit::sample(2026).expect("a sample year").score(&questionnaire)?;
//! let last_year = Audit::sample(2025).expect("a sample year").score(&questionnaire)?;
//! assert_eq!((this_year.respondents, this_year.answers), (4, 80));
//!
//! let worst = this_year.weaknesses()[0];
//! println!("largest gap: {} (index {:.1})", worst.category.label(), worst.index);
//!
//! let comparison = this_year.compare(&last_year);
//! assert!(comparison.overall_change.unwrap() > 0.0);
//! let networking = comparison.category(Category::Networking).unwrap();
//! assert!(networking.index_change.unwrap() < 0.0); // the one that slipped
//! println!("{}", comparison.to_markdown());
//!
//! // A small audit of one's own: one leader, two answers.
//! let audit = Audit {
//!     year: 2027,
//!     responses: vec![Response {
//!         respondent: "cmo".into(),
//!         answers: vec![
//!             Answer::yes("advocacy.recruiting", 3, 4, 5), // 20 + 80 * 5 / 8 = 70
//!             Answer::no("advocacy.recognition", 3),      // 0
//!         ],
//!     }],
//! };
//! let scores = audit.score(&questionnaire)?;
//! let advocacy = scores.category(Category::Advocacy).unwrap();
//! assert_eq!((advocacy.index, advocacy.priority, advocacy.gap), (35.0, 4.0, 260.0));
//! assert_eq!(scores.overall, Some(35.0));
//! assert!(scores.to_markdown().contains("| Advocacy | 35.0 | 4.0 | 260.0 |"));
//!
//! // Mistakes are reported all at once, each with its place.
//! let mut wrong = audit.clone();
//! wrong.responses[0].answers[0].consistency = Some(7);
//! let err = wrong.score(&questionnaire).unwrap_err();
//! assert_eq!(err.to_string(), "invalid audit 2027: responses[0].answers[0]: consistency 7 is outside 1..=5");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// One concern per file: the records in `model`, the shipped questions in
// `questionnaire`, the rules in `validate`, the numbers in `score` and
// `compare`, the tables in `markdown`, the embedded audits in `sample`.
mod compare;
mod markdown;
mod model;
mod questionnaire;
mod sample;
mod score;
mod validate;

pub use compare::{CategoryChange, Comparison};
pub use model::{Answer, Audit, Category, Question, Questionnaire, Response};
pub use score::{AuditScores, CategoryScore};
pub use validate::{AuditError, Problem, ProblemKind};
