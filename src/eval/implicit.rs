//! Judgments derived from what happened, not from a reference manager's
//! grades: **implicit and biased**.
//!
//! Two sources give [`Evidence`], an engagement and the grade it earned:
//!
//! - [`won_deals`]: an opportunity won with a reference (a supporting
//!   engagement completed on or before the close, as
//!   [`referenced`](crate::analytics::metrics::referenced) defines it)
//!   grades that engagement's advocate (and story) `grade`, 2 by default.
//! - [`feedback`]: engagement feedback (the rep's rating of the call,
//!   whether it helped the deal, a no-show) grades 3 for a call that
//!   helped and was rated 4 or 5, 2 for one that helped otherwise, 1 for
//!   one that did not help but was rated 3 or more, 0 for the rest and for
//!   a no-show. [`feedback_of`] reads those inputs from the feedback a
//!   program recorded ([`Program::feedback`](crate::ledger::Program::feedback)),
//!   as a library carries it: `Library::new(program.export())`.
//!
//! [`judgments`] turns evidence into a judgment set: one query per
//! opportunity the engagements supported (its prospect, the engagement's
//! kind, on a day you choose), judging each supporting advocate with the
//! best grade its engagements earned; with
//! [`ImplicitOptions::stories`], also a query ranking stories of that
//! asset kind, judging the engagements' stories that carry such an asset.
//! An engagement that supports no opportunity has no prospect to rank for
//! and gives nothing. Check the result with
//! [`Judgments::new`](super::Judgments::new).
//!
//! # Bias
//!
//! These judgments measure agreement with past choices, not quality:
//!
//! - Only advocates who were asked can be judged. Everyone the program
//!   never asked is unjudged, so a ranking that proposes someone new and
//!   better scores lower than one that repeats history, and coverage
//!   ([`Metrics::coverage`](super::Metrics::coverage)) is low.
//! - Position bias: reps asked whom the ranking of the day put on top, so
//!   the past ranking's favourites collect the evidence.
//! - A deal is won or lost for many reasons; a reference on a won deal is
//!   not proof it helped, and one on a lost deal (ignored here) not proof
//!   it hurt. Feedback is one rep's opinion, given by the reps who chose
//!   to give it (those pleased or annoyed enough), and only the rep's side
//!   counts: the advocate's rating says how the advocate fared, not
//!   whether the match was good.
//! - The supporting engagement itself is in the ledger: when it lies
//!   within the rest period of the day the queries rank on, rule E5 keeps
//!   its advocate out. Choose [`ImplicitOptions::day`] away from the
//!   history, and expect the same for an advocate at the cap that day.
//!
//! Use them to watch for regressions across many deals; decide changes
//! with graded judgments.

use std::collections::HashMap;

use jiff::civil::Date;

use super::judgments::{JudgmentData, JudgmentsData, QueryData, Target};
use crate::analytics::metrics::supporters;
use crate::model::{AssetKind, Engagement, EngagementStatus, FeedbackFrom, Library, OpportunityStatus};

/// An engagement and the grade it earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The engagement's id.
    pub engagement: String,
    /// 0 to 3.
    pub grade: u8,
}

/// What an implicit judgment needs of one piece of engagement feedback:
/// build it by hand, or read it from a library with [`feedback_of`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// The engagement the feedback is about.
    pub engagement: String,
    /// The rep's rating of the call, 1 to 5, when given.
    pub rating: Option<u8>,
    /// Whether the rep says it helped the deal.
    pub helped: bool,
    /// Whether the advocate did not show up.
    pub missed: bool,
}

/// How evidence becomes queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImplicitOptions {
    /// The day every derived query ranks on.
    pub day: Date,
    /// Also derive a query ranking stories with an asset of this kind per
    /// opportunity. Default `None`.
    pub stories: Option<AssetKind>,
}

impl ImplicitOptions {
    /// Queries on `day`, advocates only.
    pub fn new(day: Date) -> ImplicitOptions {
        ImplicitOptions { day, stories: None }
    }
}

/// The engagements that supported a won opportunity, each of grade
/// `grade` (0 to 3; [`Judgments::new`](super::Judgments::new) refuses
/// others): those completed on or before the close (the engagements a won
/// deal is [referenced](crate::analytics::metrics::referenced) by).
pub fn won_deals(library: &Library, grade: u8) -> Vec<Evidence> {
    let engagements: Vec<&Engagement> = library.engagements().iter().collect();
    let supported = supporters(library.opportunities(), &engagements);
    let mut evidence = Vec::new();
    for opportunity in library.opportunities().iter().filter(|o| o.status == OpportunityStatus::Won) {
        for e in supported.get(opportunity.id.as_str()).into_iter().flatten() {
            if e.status == EngagementStatus::Completed && e.date <= opportunity.close {
                evidence.push(Evidence { engagement: e.id.clone(), grade });
            }
        }
    }
    evidence
}

/// The inputs of [`feedback`] from a library's recorded feedback
/// ([`Library::feedback`], what a program's export carries): the rep's
/// side of each engagement, in the order recorded, with `helped` false
/// when the rep did not say. The advocate's side is left out (see the
/// [module docs](self) on bias).
///
/// ```
/// use refmatch::eval::implicit;
/// use refmatch::Library;
///
/// // The sample carries no feedback; a program's export does once given.
/// assert!(implicit::feedback_of(&Library::sample()).is_empty());
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn feedback_of(library: &Library) -> Vec<Feedback> {
    library
        .feedback()
        .iter()
        .filter(|f| f.from == FeedbackFrom::Rep)
        .map(|f| Feedback {
            engagement: f.engagement.clone(),
            rating: Some(f.rating),
            helped: f.helped.unwrap_or(false),
            missed: f.missed,
        })
        .collect()
}

/// The grades feedback gives, as the [module docs](self) list them.
pub fn feedback(records: &[Feedback]) -> Vec<Evidence> {
    records
        .iter()
        .map(|f| {
            let rating = f.rating.filter(|r| (1..=5).contains(r));
            let grade = match (f.missed, f.helped, rating) {
                (true, _, _) => 0,
                (false, true, Some(4..=5)) => 3,
                (false, true, _) => 2,
                (false, false, Some(3..=5)) => 1,
                (false, false, _) => 0,
            };
            Evidence { engagement: f.engagement.clone(), grade }
        })
        .collect()
}

/// The judgment set `evidence` gives, as the [module docs](self) describe:
/// queries in the order of the library's opportunities (advocates, then
/// stories), judgments in the order the engagements first appear in
/// `evidence`; queries without a judgment of grade 1 or more are left out.
/// Query ids are `<opportunity>/<engagement kind>` and
/// `<opportunity>/<asset kind>`.
pub fn judgments(library: &Library, evidence: &[Evidence], options: &ImplicitOptions) -> JudgmentsData {
    let mut best: HashMap<&str, u8> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for e in evidence {
        let grade = best.entry(&e.engagement).or_insert_with(|| {
            order.push(&e.engagement);
            e.grade
        });
        *grade = (*grade).max(e.grade);
    }
    let rank_of: HashMap<&str, usize> = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let engagements: Vec<&Engagement> = library.engagements().iter().collect();
    let supported = supporters(library.opportunities(), &engagements);

    let mut queries = Vec::new();
    for opportunity in library.opportunities() {
        let mut graded: Vec<&Engagement> = supported
            .get(opportunity.id.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|e| best.contains_key(e.id.as_str()))
            .collect();
        graded.sort_by_key(|e| rank_of[e.id.as_str()]);
        let mut kinds: Vec<_> = graded.iter().map(|e| e.kind).collect();
        kinds.sort();
        kinds.dedup();
        let query = |rank: Target, suffix: &str| QueryData {
            id: format!("{}/{suffix}", opportunity.id),
            prospect: opportunity.prospect.clone(),
            rank,
            kind: None,
            asset_kind: None,
            date: options.day,
            languages: Vec::new(),
            max_per_account: None,
            exclude_accounts: Vec::new(),
            judgments: Vec::new(),
        };
        for kind in kinds {
            let mut q = query(Target::Advocates, kind.as_str());
            q.kind = Some(kind);
            for e in graded.iter().filter(|e| e.kind == kind) {
                add(&mut q.judgments, &e.advocate, best[e.id.as_str()], &e.id);
            }
            queries.push(q);
        }
        if let Some(asset_kind) = options.stories {
            let mut q = query(Target::Stories, asset_kind.as_str());
            q.asset_kind = Some(asset_kind);
            for e in &graded {
                let carries =
                    library.story(&e.story).is_some_and(|s| s.assets.iter().any(|a| a.kind == asset_kind));
                if carries {
                    add(&mut q.judgments, &e.story, best[e.id.as_str()], &e.id);
                }
            }
            queries.push(q);
        }
    }
    queries.retain(|q| q.judgments.iter().any(|j| j.grade >= 1));
    JudgmentsData { queries }
}

/// Judges `id` with `grade` (keeping the best grade when it is judged
/// already), noting the engagement.
fn add(judgments: &mut Vec<JudgmentData>, id: &str, grade: u8, engagement: &str) {
    let grade = i64::from(grade);
    match judgments.iter_mut().find(|j| j.id == id) {
        Some(j) if j.grade >= grade => {}
        Some(j) => {
            j.grade = grade;
            j.note = format!("implicit: engagement {engagement}");
        }
        None => judgments.push(JudgmentData {
            id: id.to_string(),
            grade,
            note: format!("implicit: engagement {engagement}"),
        }),
    }
}
