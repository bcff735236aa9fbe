//! Ranking stories as content for a prospect (SCORING.md section 4).

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
            exclude_accounts: &request.exclude_accounts,
            policy,
            with_seniority: false,
        };
        let q = Compiled::new(self, prospect, common)?;
        let mut top = TopK::new(q.k);
        let mut account_top = TopK::new(q.max_per_account.min(q.k));
        let mut account = u32::MAX;
        for s in 0..self.stories() {
            if self.story_account[s] != account {
                account_top.drain_into(&mut top);
                account = self.story_account[s];
            }
            if !q.story_usable(self, s) || !self.has_asset(s, request, q.day) {
                continue;
            }
            let score = q.relevance(q.story_part(self, s));
            account_top.insert(Scored { score, tie: self.story_rank[s], item: s });
        }
        account_top.drain_into(&mut top);
        Ok(top
            .into_vec()
            .into_iter()
            .map(|hit| {
                let s = hit.item;
                let explanation = self.explanation(&q, None, s, 0, 0);
                StoryMatch {
                    story: self.story_ids.get(s).to_string(),
                    account: self.account_ids.get(self.story_account[s] as usize).to_string(),
                    assets: self
                        .story_assets
                        .get(s)
                        .iter()
                        .filter(|asset| asset.kind == request.asset_kind && q.day <= asset.until)
                        .map(|asset| self.asset_locations.get(asset.location as usize).to_string())
                        .collect(),
                    score: explanation.score,
                    explanation,
                }
            })
            .collect())
    }

    fn has_asset(&self, s: usize, request: &StoryRequest, day: i32) -> bool {
        self.story_assets.get(s).iter().any(|asset| asset.kind == request.asset_kind && day <= asset.until)
    }
}
