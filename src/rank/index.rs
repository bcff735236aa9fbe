//! [`Index`]: a library compiled for ranking.
//!
//! The index keeps one entry per advocate and per story in columns (plain
//! arrays of small integers), and the candidates (advocate, story) as one
//! list of story numbers per advocate. Advocates and stories are ordered by
//! account, so a scan touches each account's data once and in order; ids
//! are interned, tags and products are numbered, dates are day numbers.
//! Nothing here depends on a query: [`super::query`] turns a prospect and a
//! request into the per-query tables the scan reads beside these columns.

use std::collections::HashMap;
use std::ops::Range;

use super::days::day_number;
use super::pool::{Csr, StrPool};
use crate::model::{
    AccountStatus, AdvocateStatus, AssetKind, EngagementKind, Library, Policy, Seniority, normalize_tag,
};

/// Advocates per parallel work unit, before rounding up to a whole account.
const CHUNK_ADVOCATES: usize = 8 * 1024;

/// Strings numbered in order of first sight.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Vocab {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    fn heap_bytes(&self) -> usize {
        let text: usize = self.names.iter().map(|n| 2 * n.capacity()).sum();
        text + self.names.capacity() * 24 + self.ids.capacity() * (24 + 4 + 8)
    }
}

/// An advocate's own limits; [`Limits::PROGRAM`] means "use the policy's".
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) cap: u32,
    pub(crate) window_days: u32,
    pub(crate) rest_days: u32,
}

impl Limits {
    /// Stands for "no own value". An own value of `u32::MAX` days is stored
    /// as `u32::MAX - 1`, which no calendar can tell apart.
    pub(crate) const PROGRAM: u32 = u32::MAX;

    fn own(value: Option<u32>) -> u32 {
        value.map_or(Limits::PROGRAM, |v| v.min(Limits::PROGRAM - 1))
    }
}

/// A story's asset, for ranking content.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AssetRow {
    pub(crate) kind: AssetKind,
    /// Last usable day; `i32::MAX` when the asset never expires.
    pub(crate) until: i32,
    /// Position of the asset's location in `asset_locations`.
    pub(crate) location: u32,
}

/// A library compiled for ranking: immutable, `Send + Sync`, shared freely
/// across threads.
///
/// Build it once per library (and again after the library changes) with
/// [`Index::new`]; building is `O(n log n)` in the number of records and
/// takes about a second per million candidates. It holds copies of what
/// ranking needs, so the library can be dropped.
#[derive(Debug, Clone)]
pub struct Index {
    pub(crate) policy: Policy,

    pub(crate) account_ids: StrPool,
    pub(crate) account_industry: Vec<u32>,
    pub(crate) account_employees: Vec<u64>,
    pub(crate) account_country: Vec<u32>,
    pub(crate) account_contactable: Vec<bool>,
    pub(crate) industries: Vocab,
    pub(crate) countries: Vocab,

    pub(crate) advocate_ids: StrPool,
    pub(crate) advocate_rank: Vec<u32>,
    pub(crate) advocate_by_rank: Vec<u32>,
    pub(crate) advocate_account: Vec<u32>,
    /// Bit `k` is set when the advocate accepts engagement kind `k` and rule
    /// E1 passes (advocate active, account contactable); 0 otherwise.
    pub(crate) advocate_gate: Vec<u8>,
    pub(crate) advocate_kinds: Vec<u8>,
    pub(crate) advocate_status: Vec<AdvocateStatus>,
    pub(crate) advocate_seniority: Vec<Seniority>,
    pub(crate) advocate_languages: Csr<u32>,
    pub(crate) advocate_limits: Vec<Limits>,
    pub(crate) advocate_blackouts: Csr<(i32, i32)>,
    /// Days of the advocate's held engagements, ascending.
    pub(crate) advocate_held: Csr<i32>,
    /// Engagement id of each entry of `advocate_held`, same positions.
    pub(crate) held_engagement: Vec<u32>,
    pub(crate) engagement_ids: StrPool,
    /// The candidates: each advocate's stories, by story id.
    pub(crate) advocate_stories: Csr<u32>,
    pub(crate) languages: Vocab,

    pub(crate) story_ids: StrPool,
    pub(crate) story_rank: Vec<u32>,
    pub(crate) story_by_rank: Vec<u32>,
    pub(crate) story_account: Vec<u32>,
    /// Last day rule E7 passes: `i32::MIN` when unapproved, `i32::MAX`
    /// when the approval has no end.
    pub(crate) story_usable_until: Vec<i32>,
    pub(crate) story_verified: Vec<i32>,
    /// 0 no outcomes, 1 outcomes in words only, 2 a numeric outcome.
    pub(crate) story_evidence: Vec<u8>,
    pub(crate) story_use_cases: Csr<u32>,
    pub(crate) story_products: Csr<u32>,
    pub(crate) story_competitors: Csr<u32>,
    pub(crate) story_assets: Csr<AssetRow>,
    pub(crate) asset_locations: StrPool,
    pub(crate) use_cases: Vocab,
    pub(crate) products: Vocab,
    pub(crate) competitors: Vocab,

    /// Advocate ranges for parallel scans, each whole accounts.
    pub(crate) chunks: Vec<Range<u32>>,
    candidates: usize,
}

/// Positions `0..n` sorted by `key`, and the inverse permutation.
fn order_by<K: Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&i| key(i as usize));
    order
}

/// For ids in position order: each position's rank in id order, and the
/// positions in id order.
fn ranks_of(ids: &[&str]) -> (Vec<u32>, Vec<u32>) {
    let n = ids.len();
    let by_rank = order_by(n, |i| ids[i]);
    let mut rank = vec![0u32; n];
    for (r, &i) in by_rank.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    (rank, by_rank)
}

fn kind_bit(kind: EngagementKind) -> u8 {
    1 << (kind as u8)
}

fn normalize_language(language: &str) -> String {
    language.trim().to_lowercase()
}

impl Index {
    /// Compiles `library` with its own policy.
    pub fn new(library: &Library) -> Index {
        Index::with_policy(library, *library.policy())
    }

    /// Compiles `library` with another policy (cap, window, rest days and
    /// weights) than the one it carries. A request can still override it
    /// per query.
    pub fn with_policy(library: &Library, policy: Policy) -> Index {
        let data = library.data();
        let accounts_in = &data.accounts;
        let account_order = order_by(accounts_in.len(), |i| accounts_in[i].id.as_str());
        let account_pos: HashMap<&str, u32> = account_order
            .iter()
            .enumerate()
            .map(|(p, &i)| (accounts_in[i as usize].id.as_str(), p as u32))
            .collect();

        let mut index = Index {
            policy,
            account_ids: StrPool::default(),
            account_industry: Vec::with_capacity(accounts_in.len()),
            account_employees: Vec::with_capacity(accounts_in.len()),
            account_country: Vec::with_capacity(accounts_in.len()),
            account_contactable: Vec::with_capacity(accounts_in.len()),
            industries: Vocab::default(),
            countries: Vocab::default(),
            advocate_ids: StrPool::default(),
            advocate_rank: Vec::new(),
            advocate_by_rank: Vec::new(),
            advocate_account: Vec::new(),
            advocate_gate: Vec::new(),
            advocate_kinds: Vec::new(),
            advocate_status: Vec::new(),
            advocate_seniority: Vec::new(),
            advocate_languages: Csr::default(),
            advocate_limits: Vec::new(),
            advocate_blackouts: Csr::default(),
            advocate_held: Csr::default(),
            held_engagement: Vec::new(),
            engagement_ids: StrPool::default(),
            advocate_stories: Csr::default(),
            languages: Vocab::default(),
            story_ids: StrPool::default(),
            story_rank: Vec::new(),
            story_by_rank: Vec::new(),
            story_account: Vec::new(),
            story_usable_until: Vec::new(),
            story_verified: Vec::new(),
            story_evidence: Vec::new(),
            story_use_cases: Csr::default(),
            story_products: Csr::default(),
            story_competitors: Csr::default(),
            story_assets: Csr::default(),
            asset_locations: StrPool::default(),
            use_cases: Vocab::default(),
            products: Vocab::default(),
            competitors: Vocab::default(),
            chunks: Vec::new(),
            candidates: 0,
        };

        for &i in &account_order {
            let account = &accounts_in[i as usize];
            index.account_ids.push(&account.id);
            index.account_industry.push(index.industries.intern(&account.industry));
            index.account_employees.push(account.employees);
            index.account_country.push(index.countries.intern(&account.country));
            index.account_contactable.push(account.status == AccountStatus::Active);
        }

        // Stories, ordered by (account, id).
        let stories_in = &data.stories;
        let story_order =
            order_by(stories_in.len(), |i| (account_pos[stories_in[i].account.as_str()], &stories_in[i].id));
        let story_id_list: Vec<&str> =
            story_order.iter().map(|&i| stories_in[i as usize].id.as_str()).collect();
        let (story_rank, story_by_rank) = ranks_of(&story_id_list);
        index.story_rank = story_rank;
        index.story_by_rank = story_by_rank;
        let mut story_pos: HashMap<&str, u32> = HashMap::with_capacity(stories_in.len());
        for (p, &i) in story_order.iter().enumerate() {
            let story = &stories_in[i as usize];
            story_pos.insert(&story.id, p as u32);
            index.add_story(story, account_pos[story.account.as_str()]);
        }

        // Advocates, ordered by (account, id).
        let advocates_in = &data.advocates;
        let advocate_order = order_by(advocates_in.len(), |i| {
            (account_pos[advocates_in[i].account.as_str()], &advocates_in[i].id)
        });
        let advocate_id_list: Vec<&str> =
            advocate_order.iter().map(|&i| advocates_in[i as usize].id.as_str()).collect();
        let (advocate_rank, advocate_by_rank) = ranks_of(&advocate_id_list);
        index.advocate_rank = advocate_rank;
        index.advocate_by_rank = advocate_by_rank;

        let mut stories_of: HashMap<&str, Vec<u32>> = HashMap::new();
        for story in stories_in {
            for advocate in &story.advocates {
                stories_of.entry(advocate.as_str()).or_default().push(story_pos[story.id.as_str()]);
            }
        }
        let mut held_of: HashMap<&str, Vec<(i32, &str)>> = HashMap::new();
        for engagement in data.engagements.iter().filter(|e| e.status.is_held()) {
            held_of
                .entry(engagement.advocate.as_str())
                .or_default()
                .push((day_number(engagement.date), &engagement.id));
        }

        for &i in &advocate_order {
            let advocate = &advocates_in[i as usize];
            let account = account_pos[advocate.account.as_str()];
            let mut stories = stories_of.remove(advocate.id.as_str()).unwrap_or_default();
            stories.sort_by_key(|&s| index.story_rank[s as usize]);
            stories.dedup();
            index.candidates += stories.len();
            index.advocate_stories.push_list(stories);
            let mut held = held_of.remove(advocate.id.as_str()).unwrap_or_default();
            held.sort_unstable();
            index.add_advocate(advocate, account, &held);
        }

        index.chunks = index.make_chunks();
        index
    }

    fn add_story(&mut self, story: &crate::model::Story, account: u32) {
        self.story_ids.push(&story.id);
        self.story_account.push(account);
        let until = match (story.approved, story.approved_until) {
            (false, _) => i32::MIN,
            (true, None) => i32::MAX,
            (true, Some(day)) => day_number(day),
        };
        self.story_usable_until.push(until);
        self.story_verified.push(day_number(story.verified_on));
        let evidence = if story.outcomes.iter().any(|o| o.value.is_some()) {
            2
        } else {
            u8::from(!story.outcomes.is_empty())
        };
        self.story_evidence.push(evidence);
        let tags = |vocab: &mut Vocab, names: &[String], normalize: fn(&str) -> String| {
            let mut ids: Vec<u32> = names.iter().map(|n| vocab.intern(&normalize(n))).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let use_cases = tags(&mut self.use_cases, &story.use_cases, normalize_tag);
        self.story_use_cases.push_list(use_cases);
        let products = tags(&mut self.products, &story.products, str::to_string);
        self.story_products.push_list(products);
        let competitors = tags(&mut self.competitors, &story.competitors, normalize_tag);
        self.story_competitors.push_list(competitors);
        let mut assets = Vec::with_capacity(story.assets.len());
        for asset in &story.assets {
            self.asset_locations.push(&asset.location);
            assets.push(AssetRow {
                kind: asset.kind,
                until: asset.approved_until.map_or(i32::MAX, day_number),
                location: (self.asset_locations.len() - 1) as u32,
            });
        }
        self.story_assets.push_list(assets);
    }

    fn add_advocate(&mut self, advocate: &crate::model::Advocate, account: u32, held: &[(i32, &str)]) {
        self.advocate_ids.push(&advocate.id);
        self.advocate_account.push(account);
        let kinds = advocate.kinds.iter().fold(0u8, |bits, &k| bits | kind_bit(k));
        let open = advocate.status == AdvocateStatus::Active && self.account_contactable[account as usize];
        self.advocate_kinds.push(kinds);
        self.advocate_gate.push(if open { kinds } else { 0 });
        self.advocate_status.push(advocate.status);
        self.advocate_seniority.push(advocate.seniority);
        let mut languages: Vec<u32> =
            advocate.languages.iter().map(|l| self.languages.intern(&normalize_language(l))).collect();
        languages.sort_unstable();
        languages.dedup();
        self.advocate_languages.push_list(languages);
        self.advocate_limits.push(Limits {
            cap: Limits::own(advocate.cap),
            window_days: Limits::own(advocate.window_days),
            rest_days: Limits::own(advocate.rest_days),
        });
        self.advocate_blackouts
            .push_list(advocate.blackouts.iter().map(|r| (day_number(r.start), day_number(r.end))));
        self.advocate_held.push_list(held.iter().map(|&(day, _)| day));
        for &(_, id) in held {
            self.held_engagement.push(self.engagement_ids.len() as u32);
            self.engagement_ids.push(id);
        }
    }

    fn make_chunks(&self) -> Vec<Range<u32>> {
        let n = self.advocate_ids.len();
        let mut chunks = Vec::new();
        let mut start = 0usize;
        while start < n {
            let mut end = (start + CHUNK_ADVOCATES).min(n);
            // Extend to the end of the account so each account is in one chunk.
            while end < n && self.advocate_account[end] == self.advocate_account[end - 1] {
                end += 1;
            }
            chunks.push(start as u32..end as u32);
            start = end;
        }
        chunks
    }

    /// The policy the index was built with.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Number of candidates: (advocate, story) pairs with the advocate
    /// listed on the story.
    pub fn candidates(&self) -> usize {
        self.candidates
    }

    /// Number of advocates.
    pub fn advocates(&self) -> usize {
        self.advocate_ids.len()
    }

    /// Number of stories.
    pub fn stories(&self) -> usize {
        self.story_ids.len()
    }

    /// Advocate ids in id order: the columns of
    /// [`Index::score_matrix`](Index::score_matrix).
    pub fn advocate_ids(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.advocate_by_rank.iter().map(|&i| self.advocate_ids.get(i as usize))
    }

    /// Bytes of heap memory the index holds (capacities of its arrays and
    /// string pools; hash-map entries estimated).
    pub fn heap_bytes(&self) -> usize {
        let v4 = |n: usize| n * 4;
        self.account_ids.heap_bytes()
            + v4(self.account_industry.capacity())
            + self.account_employees.capacity() * 8
            + v4(self.account_country.capacity())
            + self.account_contactable.capacity()
            + self.industries.heap_bytes()
            + self.countries.heap_bytes()
            + self.advocate_ids.heap_bytes()
            + v4(self.advocate_rank.capacity()
                + self.advocate_by_rank.capacity()
                + self.advocate_account.capacity())
            + self.advocate_gate.capacity()
            + self.advocate_kinds.capacity()
            + self.advocate_status.capacity()
            + self.advocate_seniority.capacity()
            + self.advocate_languages.heap_bytes()
            + self.advocate_limits.capacity() * 12
            + self.advocate_blackouts.heap_bytes()
            + self.advocate_held.heap_bytes()
            + v4(self.held_engagement.capacity())
            + self.engagement_ids.heap_bytes()
            + self.advocate_stories.heap_bytes()
            + self.languages.heap_bytes()
            + self.story_ids.heap_bytes()
            + v4(self.story_rank.capacity() + self.story_by_rank.capacity() + self.story_account.capacity())
            + v4(self.story_usable_until.capacity() + self.story_verified.capacity())
            + self.story_evidence.capacity()
            + self.story_use_cases.heap_bytes()
            + self.story_products.heap_bytes()
            + self.story_competitors.heap_bytes()
            + self.story_assets.heap_bytes()
            + self.asset_locations.heap_bytes()
            + self.use_cases.heap_bytes()
            + self.products.heap_bytes()
            + self.competitors.heap_bytes()
            + self.chunks.capacity() * 8
    }

    /// Position of the advocate with this id, by binary search over ids.
    pub(crate) fn advocate_position(&self, id: &str) -> Option<usize> {
        self.advocate_by_rank
            .binary_search_by(|&i| self.advocate_ids.get(i as usize).as_bytes().cmp(id.as_bytes()))
            .ok()
            .map(|r| self.advocate_by_rank[r] as usize)
    }

    /// Position of the account with this id (accounts are in id order).
    pub(crate) fn account_position(&self, id: &str) -> Option<usize> {
        let n = self.account_ids.len();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.account_ids.get(mid).as_bytes().cmp(id.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    pub(crate) fn engagement_kind_bit(kind: EngagementKind) -> u8 {
        kind_bit(kind)
    }

    pub(crate) fn language_key(language: &str) -> String {
        normalize_language(language)
    }
}
