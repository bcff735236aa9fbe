//! Ranking stories as content for a prospect: the advocates' relevance
//! without seniority or availability.

use super::explain::StoryMatch;
use super::index::Index;
use super::query::{Common, Compiled};
use super::request::{QueryError, StoryRequest};
use super::topk::{Scored, TopK};
use crate::model::Prospect;

impl Index {
    /// The top `request.k` stories to send a prospect as content.
    ///
    /// Relevance is the advocates' relevance without the seniority factor,
    /// and there is no availability: the score is the relevance. A story
    /// takes part when it is approved on the day (E7), its account is not
    /// excluded (E8), and it has an asset of the requested kind that is
    /// approved and not expired on the day. At most `max_per_account`
    /// stories per account (default 1); ordered by score, a tie to the
    /// smaller story id.
    ///
    /// Cost: one pass over the stories, `O(stories + k log k)`.
    ///
    /// # Errors
    ///
    /// As [`Index::rank_advocates`].
    pub fn rank_stories(
        &self,
        prospect: &Prospect,
        request: &StoryRequest,
    ) -> Result<Vec<StoryMatch>, QueryError> {
        let mut policy = self.policy;
        if let Some(weights) = request.weights {
            policy.weights = weights;
        }
        let common = Common {
            date: request.date,
            k: request.k,
            max_per_account: request.max_per_account,
            min_relevance: 0.0,
            exclude_accounts: &request.exclude_accounts,
            policy,
            policy_place: "request",
            with_seniority: false,
            set_tables: true,
        };
        let q = Compiled::new(self, prospect, common)?;
        let mut top = TopK::new(q.k);
        let mut account_top = TopK::new(q.max_per_account.min(q.k));
        let mut account = u32::MAX;
        let mut account_part = None;
        for s in 0..self.stories() {
            if self.story_account[s] != account {
                account_top.drain_into(&mut top);
                account = self.story_account[s];
                account_part = q.account_part(self, account as usize);
            }
            let Some(account_part) = account_part else { continue };
            if !q.story_approved(self, s) || self.usable_assets(s, request, q.day).next().is_none() {
                continue;
            }
            let score = q.relevance(account_part + q.story_part(self, s));
            account_top.insert(Scored { score, tie: self.story_rank[s], item: s });
        }
        account_top.drain_into(&mut top);
        let words = std::sync::Arc::new(prospect.clone());
        Ok(top
            .into_vec()
            .into_iter()
            .map(|hit| {
                let s = hit.item;
                let explanation = self.explanation(&q, &words, None, s, 0, 0);
                StoryMatch {
                    story: self.story(s).id.clone(),
                    account: self.account_id(self.story_account[s] as usize).to_string(),
                    assets: self.usable_assets(s, request, q.day).map(|a| a.location.clone()).collect(),
                    score: explanation.score,
                    explanation,
                }
            })
            .collect())
    }

    /// The story's assets of the requested kind usable on `day`.
    fn usable_assets<'a>(
        &'a self,
        s: usize,
        request: &'a StoryRequest,
        day: i32,
    ) -> impl Iterator<Item = &'a crate::model::Asset> + 'a {
        let day = super::days::date_of(day);
        self.story(s)
            .assets
            .iter()
            .filter(move |asset| asset.kind == request.asset_kind && asset.usable_on(day))
    }
}
