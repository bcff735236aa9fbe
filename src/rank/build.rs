//! Building an [`Index`] from a library: advocates and stories ordered by
//! account, ids ranked for ties, repeated values numbered ([`super::vocab`]),
//! held engagements as day numbers, and the per-account bounds and the
//! parallel chunks the scan uses.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::days::day_number;
use super::index::{AccountRow, AdvocateRow, Index, Limits, StoryRow, kind_bit, normalize_language};
use super::pool::Csr;
use super::text::TextIndex;
use super::vocab::{Sets, Vocab, bits};
use crate::model::{
    AccountStatus, AdvocateStatus, FeedbackFrom, Library, Policy, ValidationError, normalize_tag,
    policy_problems,
};
use crate::taxonomy::country;

/// Advocates per parallel work unit, before rounding up to a whole account.
const CHUNK_ADVOCATES: usize = 8 * 1024;

/// An advocate's own limits.
pub(super) fn limits_of(advocate: &crate::model::Advocate) -> Limits {
    Limits { cap: advocate.cap, window_days: advocate.window_days, rest_days: advocate.rest_days }
}

/// Positions `0..n` sorted by `key`.
fn order_by<K: Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&i| key(i as usize));
    order
}

/// For ids in position order, each position's rank in byte order of ids.
fn ranks_of(ids: &[&str]) -> Vec<u32> {
    let mut rank = vec![0u32; ids.len()];
    for (r, &i) in order_by(ids.len(), |i| ids[i]).iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

impl Index {
    /// Compiles `library` (a [`Library`] or an `Arc<Library>`) with its own
    /// policy.
    pub fn new(library: impl Into<Arc<Library>>) -> Index {
        let library = library.into();
        // The library's policy passed validation.
        let policy = *library.policy();
        Index::build(library, policy)
    }

    /// Compiles `library` with another policy (cap, window, rest days and
    /// weights) than the one it carries. A request can still override it
    /// per query.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] when the policy is outside its ranges (see
    /// [`crate::model::limits`]), with places such as `policy.rest_days`.
    pub fn with_policy(library: impl Into<Arc<Library>>, policy: Policy) -> Result<Index, ValidationError> {
        match ValidationError::from_problems(policy_problems(&policy)) {
            Some(err) => Err(err),
            None => Ok(Index::build(library.into(), policy)),
        }
    }

    fn build(library: Arc<Library>, policy: Policy) -> Index {
        let data = library.data();
        let mut index = Index {
            library: Arc::clone(&library),
            policy,
            account_rows: Vec::with_capacity(data.accounts.len()),
            industries: Vocab::default(),
            countries: Vocab::default(),
            country_regions: Vec::new(),
            advocate_source: Vec::new(),
            advocate_rank: Vec::new(),
            advocates: Vec::new(),
            language_sets: Sets::default(),
            languages: Vocab::default(),
            advocate_limits: Vec::new(),
            limits: Vec::new(),
            advocate_blackouts: Csr::default(),
            advocate_held: Csr::default(),
            held_engagement: Vec::new(),
            held_rating: Vec::new(),
            held_override: Vec::new(),
            advocate_stories: Csr::default(),
            account_held: Csr::default(),
            account_held_override: Vec::new(),
            story_source: Vec::new(),
            story_rank: Vec::new(),
            story_account: Vec::new(),
            account_stories: Vec::new(),
            account_advocates: Vec::new(),
            stories: Vec::new(),
            use_case_sets: Sets::default(),
            use_cases: Vocab::default(),
            product_sets: Sets::default(),
            products: Vocab::default(),
            competitor_sets: Sets::default(),
            competitors: Vocab::default(),
            text: TextIndex::default(),
            chunks: Vec::new(),
            candidates: 0,
        };

        // Accounts keep the library's order.
        let mut account_pos: HashMap<&str, u32> = HashMap::with_capacity(data.accounts.len());
        for (i, account) in data.accounts.iter().enumerate() {
            account_pos.insert(&account.id, i as u32);
            let row = AccountRow {
                use_cases: 0,
                products: 0,
                competitors: 0,
                log_employees: (account.employees.max(1) as f64).log10(),
                industry: index.industries.intern(&account.industry),
                country: index.countries.intern(&account.country),
                freshest: i32::MIN,
                evidence: 0,
                gate: 0,
                languages: 0,
            };
            index.account_rows.push(row);
        }

        index.country_regions =
            index.countries.names().iter().map(|code| country(code).map(|c| c.region)).collect();

        // Stories, ordered by (account, id).
        let stories_in = &data.stories;
        let story_order =
            order_by(stories_in.len(), |i| (account_pos[stories_in[i].account.as_str()], &stories_in[i].id));
        let story_ids: Vec<&str> = story_order.iter().map(|&i| stories_in[i as usize].id.as_str()).collect();
        index.story_rank = ranks_of(&story_ids);
        let mut story_pos: HashMap<&str, u32> = HashMap::with_capacity(stories_in.len());
        for (p, &i) in story_order.iter().enumerate() {
            let story = &stories_in[i as usize];
            story_pos.insert(&story.id, p as u32);
            index.story_source.push(i);
            index.add_story(story, account_pos[story.account.as_str()]);
        }

        index.account_stories = vec![0; data.accounts.len() + 1];
        for &account in &index.story_account {
            index.account_stories[account as usize + 1] += 1;
        }
        for a in 0..data.accounts.len() {
            index.account_stories[a + 1] += index.account_stories[a];
        }
        for a in 0..data.accounts.len() {
            index.account_rows[a] = index.bound_of(a);
        }
        index.text = TextIndex::build(&library, &index.story_source);

        // Advocates, ordered by (account, id).
        let advocates_in = &data.advocates;
        let advocate_order = order_by(advocates_in.len(), |i| {
            (account_pos[advocates_in[i].account.as_str()], &advocates_in[i].id)
        });
        let advocate_ids: Vec<&str> =
            advocate_order.iter().map(|&i| advocates_in[i as usize].id.as_str()).collect();
        index.advocate_rank = ranks_of(&advocate_ids);

        let mut stories_of: HashMap<&str, Vec<u32>> = HashMap::new();
        for story in stories_in {
            for advocate in &story.advocates {
                stories_of.entry(advocate.as_str()).or_default().push(story_pos[story.id.as_str()]);
            }
        }
        let mut held_of: HashMap<&str, Vec<(i32, u32)>> = HashMap::new();
        for (e, engagement) in data.engagements.iter().enumerate().filter(|(_, e)| e.status.is_held()) {
            held_of
                .entry(engagement.advocate.as_str())
                .or_default()
                .push((day_number(engagement.date), e as u32));
        }
        // The advocates' own ratings, for rule E5's poor-feedback rest.
        let ratings: HashMap<&str, u8> = data
            .feedback
            .iter()
            .filter(|f| f.from == FeedbackFrom::Advocate)
            .map(|f| (f.engagement.as_str(), f.rating))
            .collect();
        let mut limit_ids: HashMap<Limits, u32> = HashMap::new();
        let contactable: Vec<bool> =
            data.accounts.iter().map(|a| a.status == AccountStatus::Active).collect();

        for &i in &advocate_order {
            let advocate = &advocates_in[i as usize];
            let account = account_pos[advocate.account.as_str()];
            index.advocate_source.push(i);
            let contactable = contactable[account as usize];
            let row = index.advocate_row(advocate, account, contactable, Sets::intern);
            index.advocates.push(row);
            let limit_id = *limit_ids.entry(limits_of(advocate)).or_insert_with(|| {
                index.limits.push(limits_of(advocate));
                index.limits.len() as u32 - 1
            });
            index.advocate_limits.push(limit_id);
            index
                .advocate_blackouts
                .push_list(advocate.blackouts.iter().map(|r| (day_number(r.start), day_number(r.end))));
            let mut held = held_of.remove(advocate.id.as_str()).unwrap_or_default();
            held.sort_unstable();
            index.advocate_held.push_list(held.iter().map(|&(day, _)| day));
            index.held_engagement.extend(held.iter().map(|&(_, e)| e));
            if !ratings.is_empty() {
                let id = |e: u32| data.engagements[e as usize].id.as_str();
                index.held_rating.extend(held.iter().map(|&(_, e)| ratings.get(id(e)).copied().unwrap_or(0)));
            }
            let mut stories = stories_of.remove(advocate.id.as_str()).unwrap_or_default();
            stories.sort_by_key(|&s| index.story_rank[s as usize]);
            stories.dedup();
            index.candidates += stories.len();
            index.advocate_stories.push_list(stories);
        }

        index.account_advocates = vec![0; data.accounts.len() + 1];
        for row in &index.advocates {
            index.account_advocates[row.account as usize + 1] += 1;
            let account = &mut index.account_rows[row.account as usize];
            account.gate |= row.gate;
            account.languages |= Index::language_bits(index.language_sets.members(row.languages));
        }
        for a in 0..data.accounts.len() {
            index.account_advocates[a + 1] += index.account_advocates[a];
        }
        for account in 0..data.accounts.len() {
            let mut days: Vec<i32> = index
                .account_advocate_range(account)
                .flat_map(|a| index.advocate_held.get(a).iter().copied())
                .collect();
            days.sort_unstable();
            index.account_held.push_list(days);
        }
        index.chunks = index.make_chunks();
        index.shrink();
        index
    }

    fn add_story(&mut self, story: &crate::model::Story, account: u32) {
        self.story_account.push(account);
        let row = self.story_row(story, Sets::intern);
        self.stories.push(row);
    }

    /// What the scan reads of `story`, its sets numbered by `intern`
    /// ([`Sets::intern`] while building, [`Sets::intern_sealed`] after).
    pub(super) fn story_row(
        &mut self,
        story: &crate::model::Story,
        intern: fn(&mut Sets, Vec<u32>) -> u32,
    ) -> StoryRow {
        let usable_until = match (story.approved, story.approved_until) {
            (false, _) => i32::MIN,
            (true, None) => i32::MAX,
            (true, Some(day)) => day_number(day),
        };
        let evidence: u32 = if story.outcomes.iter().any(|o| o.value.is_some()) {
            2
        } else {
            u32::from(!story.outcomes.is_empty())
        };
        let use_cases = story.use_cases.iter().map(|t| self.use_cases.intern(&normalize_tag(t))).collect();
        let products = story.products.iter().map(|p| self.products.intern(p)).collect();
        let competitors =
            story.competitors.iter().map(|c| self.competitors.intern(&normalize_tag(c))).collect();
        let competitors = intern(&mut self.competitor_sets, competitors);
        assert!(competitors < 1 << StoryRow::EVIDENCE_SHIFT, "fewer than 2^30 distinct competitor sets");
        StoryRow {
            usable_until,
            verified: day_number(story.verified_on),
            use_cases: intern(&mut self.use_case_sets, use_cases),
            products: intern(&mut self.product_sets, products),
            competitors_evidence: competitors | evidence << StoryRow::EVIDENCE_SHIFT,
        }
    }

    /// What the scan reads of `advocate`, at account number `account`
    /// (`contactable` when its status lets anyone be asked), its set of
    /// languages numbered by `intern` (as for [`Index::story_row`]).
    pub(super) fn advocate_row(
        &mut self,
        advocate: &crate::model::Advocate,
        account: u32,
        contactable: bool,
        intern: fn(&mut Sets, Vec<u32>) -> u32,
    ) -> AdvocateRow {
        let kinds = advocate.kinds.iter().fold(0u8, |bits, &k| bits | kind_bit(k));
        let open = advocate.status == AdvocateStatus::Active && contactable;
        let languages =
            advocate.languages.iter().map(|l| self.languages.intern(&normalize_language(l))).collect();
        let languages = intern(&mut self.language_sets, languages);
        AdvocateRow { account, languages, gate: if open { kinds } else { 0 }, seniority: advocate.seniority }
    }

    /// The account's row with the bounds of its stories.
    pub(super) fn bound_of(&self, account: usize) -> AccountRow {
        let rows = &self.stories[self.account_story_range(account)];
        let union = |sets: &Sets, of: fn(&StoryRow) -> u32| {
            bits(rows.iter().flat_map(|row| sets.members(of(row)).iter().copied()))
        };
        AccountRow {
            use_cases: union(&self.use_case_sets, |row| row.use_cases),
            products: union(&self.product_sets, |row| row.products),
            competitors: union(&self.competitor_sets, StoryRow::competitors),
            freshest: rows.iter().map(|row| row.verified).max().unwrap_or(i32::MIN),
            evidence: rows.iter().map(StoryRow::evidence).max().unwrap_or(0),
            ..self.account_rows[account]
        }
    }

    /// Account ranges of about [`CHUNK_ADVOCATES`] advocates each.
    pub(super) fn make_chunks(&self) -> Vec<Range<u32>> {
        let n = self.account_advocates.len() - 1;
        let mut chunks = Vec::new();
        let mut start = 0usize;
        while start < n {
            // Whole accounts, up to the one holding the chunk's last advocate.
            let last = self.account_advocates[start] as usize + CHUNK_ADVOCATES;
            let end =
                self.account_advocates.partition_point(|&first| (first as usize) < last).clamp(start + 1, n);
            chunks.push(start as u32..end as u32);
            start = end;
        }
        chunks
    }

    /// Releases the spare capacity vectors keep after growing, and the maps
    /// only building needs.
    fn shrink(&mut self) {
        self.language_sets.seal(self.languages.len());
        self.use_case_sets.seal(self.use_cases.len());
        self.product_sets.seal(self.products.len());
        self.competitor_sets.seal(self.competitors.len());
        self.advocate_source.shrink_to_fit();
        self.advocate_rank.shrink_to_fit();
        self.advocates.shrink_to_fit();
        self.advocate_limits.shrink_to_fit();
        self.advocate_blackouts.shrink_to_fit();
        self.advocate_held.shrink_to_fit();
        self.held_engagement.shrink_to_fit();
        self.held_rating.shrink_to_fit();
        self.advocate_stories.shrink_to_fit();
        self.account_held.shrink_to_fit();
        self.story_source.shrink_to_fit();
        self.story_rank.shrink_to_fit();
        self.story_account.shrink_to_fit();
        self.stories.shrink_to_fit();
    }
}
