//! What ranking returns for one advocate or story: matches with their
//! explanations (the factor table and a sentence a rep can read aloud),
//! and verdicts for single advocates. Every type serializes with the names
//! a reader needs beside the ids.

use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

use super::rules::Exclusion;
use crate::model::{Library, Prospect};
use crate::score::Factor;

/// One factor's part in a relevance. Its plain words are
/// [`Explanation::note`]'s.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FactorScore {
    /// The factor.
    pub factor: Factor,
    /// Its similarity, in `[0, 1]`.
    pub similarity: f64,
    /// Its weight.
    pub weight: f64,
    /// `weight * similarity / total weight` (the sum of the present
    /// factors' weights, [`Explanation::total_weight`]): what the factor
    /// adds to the relevance. The contributions sum to the relevance.
    pub contribution: f64,
}

/// What an explanation needs to put its numbers into words: the records
/// behind them, shared, not copied. Ranking builds no words until asked:
/// they cost more than the ranking of a small index.
#[derive(Clone)]
pub(crate) struct Words {
    pub(crate) library: Arc<Library>,
    pub(crate) prospect: Arc<Prospect>,
    /// Library position of the story.
    pub(crate) story: u32,
    /// Library position of the story's account.
    pub(crate) account: u32,
    /// Library position of the advocate; `None` for a story on its own.
    pub(crate) advocate: Option<u32>,
}

impl PartialEq for Words {
    /// The same words: the same prospect and the same records (story,
    /// account, advocate), whichever library holds them.
    fn eq(&self, other: &Words) -> bool {
        self.prospect == other.prospect
            && self.story() == other.story()
            && self.account() == other.account()
            && self.advocate() == other.advocate()
    }
}

impl Words {
    fn advocate(&self) -> Option<&crate::model::Advocate> {
        self.advocate.map(|a| &self.library.advocates()[a as usize])
    }

    fn account(&self) -> &crate::model::Account {
        &self.library.accounts()[self.account as usize]
    }

    fn story(&self) -> &crate::model::Story {
        &self.library.stories()[self.story as usize]
    }
}

/// Why a candidate scored what it did: every present factor, the relevance,
/// and the availability that scales it.
///
/// Two readings: [`Explanation::summary`] is one sentence a rep can read
/// aloud, and `Display` is the whole table with its arithmetic, each
/// factor's share written with the total weight it is divided by
/// (`1.000 x 3.00/12.00 = 0.2500`) and its [note](Explanation::note).
///
/// Serializes with every field, each factor's `note`, the `summary` and,
/// when the text factor is in play, the `matched_terms`.
/// The words are built when asked for, from the records the explanation
/// shares with the index (so ranking pays nothing for them).
#[derive(Clone, PartialEq)]
pub struct Explanation {
    /// The present factors, in the order of [`Factor::ALL`].
    pub factors: Vec<FactorScore>,
    /// The sum of the present factors' weights: what each weighted
    /// similarity is divided by.
    pub total_weight: f64,
    /// Weighted mean of the factor similarities: the sum of the
    /// contributions.
    pub relevance: f64,
    /// Held engagements in the busiest window around the day (`used(d)`);
    /// 0 for stories.
    pub used: u32,
    /// The advocate's cap; 0 for stories.
    pub cap: u32,
    /// `1 - 0.5 * used / cap`; 1 for stories.
    pub availability: f64,
    /// `relevance * availability`.
    pub score: f64,
    pub(crate) words: Option<Words>,
}

impl fmt::Debug for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Explanation")
            .field("factors", &self.factors)
            .field("total_weight", &self.total_weight)
            .field("relevance", &self.relevance)
            .field("used", &self.used)
            .field("cap", &self.cap)
            .field("availability", &self.availability)
            .field("score", &self.score)
            .finish_non_exhaustive()
    }
}

impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Noted<'a> {
            #[serde(flatten)]
            score: &'a FactorScore,
            note: String,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            factors: Vec<Noted<'a>>,
            total_weight: f64,
            relevance: f64,
            used: u32,
            cap: u32,
            availability: f64,
            score: f64,
            summary: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            matched_terms: Option<Vec<String>>,
        }
        let text = self.factors.iter().any(|f| f.factor == Factor::Text);
        Out {
            factors: self.factors.iter().map(|f| Noted { score: f, note: self.note(f) }).collect(),
            total_weight: self.total_weight,
            relevance: self.relevance,
            used: self.used,
            cap: self.cap,
            availability: self.availability,
            score: self.score,
            summary: self.summary(),
            matched_terms: text.then(|| self.matched_terms()),
        }
        .serialize(serializer)
    }
}

impl Explanation {
    /// What a factor's similarity stands for, in a sales rep's words:
    /// `same industry (Commercial Banking)`, `covers fraud detection and
    /// customer onboarding`, `similar size (3,400 vs 3,000 employees)`,
    /// `same country (Germany)`, `one level apart (director)`, `replaced
    /// Omnisuite`, `verified 2026-03-14`, `measured results`. The factor's
    /// name for an explanation built outside ranking.
    pub fn note(&self, factor: &FactorScore) -> String {
        match &self.words {
            Some(words) => words.note(factor.factor, factor.similarity),
            None => factor.factor.name().to_string(),
        }
    }

    /// The terms of the prospect's text that the story's text and quotes
    /// have ([`Factor::Text`]), each as the prospect first wrote it
    /// (`Real`, `frauds`), in the order of the prospect's text; empty when
    /// the text factor is not in play or for an explanation built outside
    /// ranking. Computed from the records when called.
    pub fn matched_terms(&self) -> Vec<String> {
        match &self.words {
            Some(words) if self.factors.iter().any(|f| f.factor == Factor::Text) => words.matched_terms().0,
            _ => Vec::new(),
        }
    }

    /// The present factors, largest contribution first (ties in the order
    /// of [`Factor::ALL`]).
    pub fn top_factors(&self) -> Vec<FactorScore> {
        let mut factors = self.factors.clone();
        factors.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        factors
    }

    /// One sentence a sales rep can read aloud: the notes of the factors
    /// that count (similarity above 0), largest contribution first, but
    /// for freshness (the table has the verification day), then how busy
    /// the advocate is when the advocate has engagements in the window:
    ///
    /// `same industry (Commercial Banking), covers fraud detection and
    /// customer onboarding, replaced Omnisuite, same country (Germany),
    /// similar size (3,400 vs 3,000 employees); 2 of 4 engagements used in
    /// the window`.
    ///
    /// `no factor matches` when none counts.
    pub fn summary(&self) -> String {
        let notes: Vec<String> = self
            .top_factors()
            .iter()
            .filter(|f| f.similarity > 0.0 && f.factor != Factor::Freshness)
            .map(|f| self.note(f))
            .collect();
        let mut out = if notes.is_empty() { "no factor matches".to_string() } else { notes.join(", ") };
        if self.cap > 0 && self.used > 0 {
            out.push_str(&format!("; {} of {} engagements used in the window", self.used, self.cap));
        }
        out
    }
}

impl fmt::Display for Explanation {
    /// One line per present factor (similarity x weight / total weight =
    /// contribution, then the note), the relevance, the availability and
    /// the score:
    ///
    /// ```text
    /// industry     1.000 x 3.00/12.00 = 0.2500  same industry (Commercial Banking)
    /// ...
    /// relevance                         0.8021  sum of the contributions
    /// availability 1 - 0.5 x 1/4      = 0.8750  1 of 4 engagements used in the window
    /// score        0.8021 x 0.8750    = 0.7018
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for factor in &self.factors {
            let product = format!("{:.3} x {:.2}/{:.2}", factor.similarity, factor.weight, self.total_weight);
            writeln!(
                f,
                "{:<12} {product:<19} = {:.4}  {}",
                factor.factor.name(),
                factor.contribution,
                self.note(factor)
            )?;
        }
        writeln!(f, "{:<12} {:<19}   {:.4}  sum of the contributions", "relevance", "", self.relevance)?;
        if self.cap > 0 {
            let formula = format!("1 - 0.5 x {}/{}", self.used, self.cap);
            writeln!(
                f,
                "{:<12} {formula:<19} = {:.4}  {} of {} engagements used in the window",
                "availability", self.availability, self.used, self.cap
            )?;
            let product = format!("{:.4} x {:.4}", self.relevance, self.availability);
            write!(f, "{:<12} {product:<19} = {:.4}", "score", self.score)
        } else {
            write!(f, "{:<12} {:<19}   {:.4}  the relevance (no availability)", "score", "", self.score)
        }
    }
}

/// An advocate ranked for a prospect.
///
/// The names a reader needs come with it: [`AdvocateMatch::advocate_name`],
/// [`advocate_title`](AdvocateMatch::advocate_title),
/// [`account_name`](AdvocateMatch::account_name) and
/// [`story_title`](AdvocateMatch::story_title) read them from the records
/// the match shares with the index, and serialization writes them beside
/// the ids: `{"advocate": "adv-036", "advocate_name": "Dr. Katharina
/// Wendler", "advocate_title": .., "account": .., "account_name": ..,
/// "story": .., "story_title": .., "score": .., "explanation": ..}`.
#[derive(Debug, Clone, PartialEq)]
pub struct AdvocateMatch {
    /// The advocate's id.
    pub advocate: String,
    /// The advocate's account id.
    pub account: String,
    /// The story that earned the score: the advocate's best candidate.
    pub story: String,
    /// The score, `relevance * availability`.
    pub score: f64,
    /// How the score came about.
    pub explanation: Explanation,
}

impl AdvocateMatch {
    /// The advocate's name (its id for a match built outside ranking).
    pub fn advocate_name(&self) -> &str {
        self.explanation.words.as_ref().and_then(Words::advocate).map_or(&self.advocate, |a| &a.name)
    }

    /// The advocate's job title (empty for a match built outside ranking).
    pub fn advocate_title(&self) -> &str {
        self.explanation.words.as_ref().and_then(Words::advocate).map_or("", |a| &a.title)
    }

    /// The account's name (its id for a match built outside ranking).
    pub fn account_name(&self) -> &str {
        self.explanation.words.as_ref().map_or(&self.account, |w| &w.account().name)
    }

    /// The story's title (its id for a match built outside ranking).
    pub fn story_title(&self) -> &str {
        self.explanation.words.as_ref().map_or(&self.story, |w| &w.story().title)
    }
}

impl Serialize for AdvocateMatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            advocate: &'a str,
            advocate_name: &'a str,
            advocate_title: &'a str,
            account: &'a str,
            account_name: &'a str,
            story: &'a str,
            story_title: &'a str,
            score: f64,
            explanation: &'a Explanation,
        }
        Out {
            advocate: &self.advocate,
            advocate_name: self.advocate_name(),
            advocate_title: self.advocate_title(),
            account: &self.account,
            account_name: self.account_name(),
            story: &self.story,
            story_title: self.story_title(),
            score: self.score,
            explanation: &self.explanation,
        }
        .serialize(serializer)
    }
}

impl fmt::Display for AdvocateMatch {
    /// `Dr. Katharina Wendler (Chief Risk Officer, Rheinmark Bank AG),
    /// story "...": 0.655`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, {}), story \"{}\": {:.3}",
            self.advocate_name(),
            self.advocate_title(),
            self.account_name(),
            self.story_title(),
            self.score
        )
    }
}

/// A story ranked as content for a prospect.
///
/// Its names come with it as for [`AdvocateMatch`]:
/// [`StoryMatch::story_title`] and [`StoryMatch::account_name`], written
/// beside the ids when serialized.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMatch {
    /// The story's id.
    pub story: String,
    /// The story's account id.
    pub account: String,
    /// Locations of the story's usable assets of the requested kind.
    pub assets: Vec<String>,
    /// The score: the story's relevance (no availability for content).
    pub score: f64,
    /// How the score came about.
    pub explanation: Explanation,
}

impl StoryMatch {
    /// The story's title (its id for a match built outside ranking).
    pub fn story_title(&self) -> &str {
        self.explanation.words.as_ref().map_or(&self.story, |w| &w.story().title)
    }

    /// The account's name (its id for a match built outside ranking).
    pub fn account_name(&self) -> &str {
        self.explanation.words.as_ref().map_or(&self.account, |w| &w.account().name)
    }
}

impl Serialize for StoryMatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            story: &'a str,
            story_title: &'a str,
            account: &'a str,
            account_name: &'a str,
            assets: &'a [String],
            score: f64,
            explanation: &'a Explanation,
        }
        Out {
            story: &self.story,
            story_title: self.story_title(),
            account: &self.account,
            account_name: self.account_name(),
            assets: &self.assets,
            score: self.score,
            explanation: &self.explanation,
        }
        .serialize(serializer)
    }
}

impl fmt::Display for StoryMatch {
    /// `"Title" (Account name): 0.712`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" ({}): {:.3}", self.story_title(), self.account_name(), self.score)
    }
}

/// What [`Index::explain`](super::Index::explain) finds for one advocate.
///
/// Serializes as `{"eligible": {..the match..}}` or `{"excluded": {"rule":
/// "E6", "message": "at capacity: ..", ..}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The advocate passes every rule; this is its best candidate and
    /// score. Whether it makes a list depends on the others and on the
    /// request's relevance floor, which is no rule: compare
    /// `explanation.relevance` with
    /// [`Request::min_relevance`](super::Request::min_relevance).
    Eligible(AdvocateMatch),
    /// The advocate is out, and why.
    Excluded(Exclusion),
}

impl fmt::Display for Verdict {
    /// `eligible: ` and the match, or `excluded by E6: ` and the reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Eligible(found) => write!(f, "eligible: {found}"),
            Verdict::Excluded(why) => write!(f, "excluded by {}: {why}", why.rule()),
        }
    }
}
