//! [`Index`]: a library compiled for ranking.
//!
//! The index keeps one entry per account, advocate and story in columns
//! (plain arrays of small integers), and the candidates (advocate, story)
//! as one list of story numbers per advocate. Advocates and stories are
//! ordered by account, so a scan reads each account's data once and in
//! order. What repeats is numbered once: industry codes, countries, the
//! sets of languages, use cases, products and competitors, and the
//! advocates' own limits, so a query computes each similarity once per
//! distinct value and the scan only adds table entries. Dates are day
//! numbers. Nothing here depends on a query: [`super::query`] turns a
//! prospect and a request into the per-query tables. The index shares the
//! library (an [`Arc`]) for ids, names and explanations rather than
//! copying them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::days::day_number;
use super::pool::Csr;
use crate::model::{
    AccountStatus, AdvocateStatus, EngagementKind, Library, Policy, Seniority, normalize_tag,
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
        let id = self.ids.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The names, by id.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    fn heap_bytes(&self) -> usize {
        let text: usize = self.names.iter().map(|n| 2 * n.capacity()).sum();
        text + self.ids.capacity() * (24 + 4 + 8) + self.names.capacity() * 24
    }
}

/// Sets of vocabulary ids (sorted, without repeats) numbered in order of
/// first sight, with their members. The map from set to number is only
/// needed while building and is dropped by [`Sets::seal`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Sets {
    ids: HashMap<Vec<u32>, u32>,
    members: Csr<u32>,
    /// For each vocabulary id, the sets that contain it (built by `seal`).
    containing: Csr<u32>,
}

impl Sets {
    fn intern(&mut self, mut members: Vec<u32>) -> u32 {
        members.sort_unstable();
        members.dedup();
        if let Some(&id) = self.ids.get(&members) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.members.push_list(members.iter().copied());
        self.ids.insert(members, id);
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.members.len()
    }

    /// Drops the interning map (no set is added after the index is built)
    /// and lists the sets containing each of the `vocabulary` ids.
    fn seal(&mut self, vocabulary: usize) {
        self.ids = HashMap::new();
        self.members.shrink_to_fit();
        let mut containing: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
        for set in 0..self.len() as u32 {
            for &id in self.members(set) {
                containing[id as usize].push(set);
            }
        }
        self.containing = Csr::default();
        for sets in containing {
            self.containing.push_list(sets);
        }
    }

    /// The sets that contain vocabulary id `id`.
    pub(crate) fn containing(&self, id: u32) -> &[u32] {
        self.containing.get(id as usize)
    }

    pub(crate) fn members(&self, set: u32) -> &[u32] {
        self.members.get(set as usize)
    }

    fn heap_bytes(&self) -> usize {
        self.members.heap_bytes()
            + self.containing.heap_bytes()
            + self.ids.keys().map(|k| k.capacity() * 4 + 24 + 4 + 8).sum::<usize>()
    }
}

/// An advocate's limits, its own where it has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Limits {
    pub(crate) cap: Option<u32>,
    pub(crate) window_days: Option<u32>,
    pub(crate) rest_days: Option<u32>,
}

/// An advocate's held engagements as a ledger sees them: days ascending,
/// with the engagement ids in the same order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HeldOverride {
    pub(crate) days: Vec<i32>,
    pub(crate) ids: Vec<String>,
}

/// What the scan reads of an advocate, in one place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AdvocateRow {
    pub(crate) account: u32,
    /// The advocate's set of languages.
    pub(crate) languages: u32,
    /// Bit `k` is set when the advocate accepts engagement kind `k` and rule
    /// E1 passes (advocate active, account contactable); 0 otherwise.
    pub(crate) gate: u8,
    pub(crate) seniority: Seniority,
}

/// What the scan reads of a story, in one place (20 bytes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoryRow {
    /// Last day rule E7 passes: `i32::MIN` when unapproved, `i32::MAX`
    /// when the approval has no end.
    pub(crate) usable_until: i32,
    pub(crate) verified: i32,
    pub(crate) use_cases: u32,
    pub(crate) products: u32,
    /// The competitor set in the low 30 bits, the evidence level above
    /// (0 no outcomes, 1 outcomes in words only, 2 a numeric outcome).
    competitors_evidence: u32,
}

impl StoryRow {
    const EVIDENCE_SHIFT: u32 = 30;

    #[inline]
    pub(crate) fn competitors(&self) -> u32 {
        self.competitors_evidence & ((1 << StoryRow::EVIDENCE_SHIFT) - 1)
    }

    #[inline]
    pub(crate) fn evidence(&self) -> u8 {
        (self.competitors_evidence >> StoryRow::EVIDENCE_SHIFT) as u8
    }
}

/// What bounds the most any story of an account can add to a relevance,
/// whatever the query: its stories' use cases, products and competitors
/// (as [`bits`] of their ids), its freshest verification and its best
/// evidence. The scan skips an account whose bound cannot reach the
/// current k-th score.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AccountBound {
    pub(crate) use_cases: u64,
    pub(crate) products: u64,
    pub(crate) competitors: u64,
    pub(crate) freshest: i32,
    pub(crate) evidence: u8,
}

/// A 64-bit summary of a set of ids: bit `id % 64` for each id. An id whose
/// bit is clear is surely not in the set; one whose bit is set may be, so
/// counting wanted ids with their bit set over-counts, never under-counts.
pub(crate) fn bits(ids: impl IntoIterator<Item = u32>) -> u64 {
    ids.into_iter().fold(0, |mask, id| mask | 1 << (id % 64))
}

/// A library compiled for ranking: immutable, `Send + Sync`, shared freely
/// across threads.
///
/// Build it once per library (and again after the library changes) with
/// [`Index::new`]; building is `O(n log n)` in the number of records (see
/// `BENCHMARKS.md` for measured times). The index holds the library in an
/// [`Arc`] for ids, names and explanations.
#[derive(Debug, Clone)]
pub struct Index {
    pub(crate) library: Arc<Library>,
    pub(crate) policy: Policy,

    pub(crate) account_industry: Vec<u32>,
    pub(crate) account_log_employees: Vec<f64>,
    pub(crate) account_country: Vec<u32>,
    pub(crate) industries: Vocab,
    pub(crate) countries: Vocab,

    /// Library position of each advocate of the index.
    pub(crate) advocate_source: Vec<u32>,
    pub(crate) advocate_rank: Vec<u32>,
    pub(crate) advocates: Vec<AdvocateRow>,
    pub(crate) language_sets: Sets,
    pub(crate) languages: Vocab,
    pub(crate) advocate_limits: Vec<u32>,
    pub(crate) limits: Vec<Limits>,
    pub(crate) advocate_blackouts: Csr<(i32, i32)>,
    /// Days of the advocate's held engagements, ascending.
    pub(crate) advocate_held: Csr<i32>,
    /// Library position of each entry of `advocate_held`, same order.
    pub(crate) held_engagement: Vec<u32>,
    /// Held engagements that replace an advocate's `advocate_held` row, by
    /// index position: how a [`crate::ledger::Program`] shows its ledger to
    /// the index without a rebuild. Empty until the first replacement.
    pub(crate) held_override: Vec<Option<Box<HeldOverride>>>,
    /// The candidates: each advocate's stories, by story id.
    pub(crate) advocate_stories: Csr<u32>,

    /// Library position of each story of the index.
    pub(crate) story_source: Vec<u32>,
    pub(crate) story_rank: Vec<u32>,
    pub(crate) story_account: Vec<u32>,
    /// Where each account's stories start; the last entry is the count.
    pub(crate) account_stories: Vec<u32>,
    pub(crate) account_bounds: Vec<AccountBound>,
    pub(crate) stories: Vec<StoryRow>,
    pub(crate) use_case_sets: Sets,
    pub(crate) use_cases: Vocab,
    pub(crate) product_sets: Sets,
    pub(crate) products: Vocab,
    pub(crate) competitor_sets: Sets,
    pub(crate) competitors: Vocab,

    /// Advocate ranges for parallel scans, each whole accounts.
    pub(crate) chunks: Vec<Range<u32>>,
    candidates: usize,
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

fn kind_bit(kind: EngagementKind) -> u8 {
    1 << (kind as u8)
}

fn normalize_language(language: &str) -> String {
    language.trim().to_lowercase()
}

impl Index {
    /// Compiles `library` (a [`Library`] or an `Arc<Library>`) with its own
    /// policy.
    pub fn new(library: impl Into<Arc<Library>>) -> Index {
        let library = library.into();
        let policy = *library.policy();
        Index::with_policy(library, policy)
    }

    /// Compiles `library` with another policy (cap, window, rest days and
    /// weights) than the one it carries. A request can still override it
    /// per query.
    pub fn with_policy(library: impl Into<Arc<Library>>, policy: Policy) -> Index {
        let library = library.into();
        let data = library.data();
        let mut index = Index {
            library: Arc::clone(&library),
            policy,
            account_industry: Vec::with_capacity(data.accounts.len()),
            account_log_employees: Vec::with_capacity(data.accounts.len()),
            account_country: Vec::with_capacity(data.accounts.len()),
            industries: Vocab::default(),
            countries: Vocab::default(),
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
            held_override: Vec::new(),
            advocate_stories: Csr::default(),
            story_source: Vec::new(),
            story_rank: Vec::new(),
            story_account: Vec::new(),
            account_stories: Vec::new(),
            account_bounds: Vec::new(),
            stories: Vec::new(),
            use_case_sets: Sets::default(),
            use_cases: Vocab::default(),
            product_sets: Sets::default(),
            products: Vocab::default(),
            competitor_sets: Sets::default(),
            competitors: Vocab::default(),
            chunks: Vec::new(),
            candidates: 0,
        };

        // Accounts keep the library's order.
        let mut account_pos: HashMap<&str, u32> = HashMap::with_capacity(data.accounts.len());
        for (i, account) in data.accounts.iter().enumerate() {
            account_pos.insert(&account.id, i as u32);
            index.account_industry.push(index.industries.intern(&account.industry));
            index.account_log_employees.push((account.employees.max(1) as f64).log10());
            index.account_country.push(index.countries.intern(&account.country));
        }

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
        index.account_bounds = (0..data.accounts.len()).map(|a| index.bound_of(a)).collect();

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
        let mut limit_ids: HashMap<Limits, u32> = HashMap::new();
        let contactable: Vec<bool> =
            data.accounts.iter().map(|a| a.status == AccountStatus::Active).collect();

        for &i in &advocate_order {
            let advocate = &advocates_in[i as usize];
            let account = account_pos[advocate.account.as_str()];
            index.advocate_source.push(i);
            let kinds = advocate.kinds.iter().fold(0u8, |bits, &k| bits | kind_bit(k));
            let open = advocate.status == AdvocateStatus::Active && contactable[account as usize];
            let languages =
                advocate.languages.iter().map(|l| index.languages.intern(&normalize_language(l))).collect();
            index.advocates.push(AdvocateRow {
                account,
                languages: index.language_sets.intern(languages),
                gate: if open { kinds } else { 0 },
                seniority: advocate.seniority,
            });
            let limits = Limits {
                cap: advocate.cap,
                window_days: advocate.window_days,
                rest_days: advocate.rest_days,
            };
            let next = limit_ids.len() as u32;
            let limit_id = *limit_ids.entry(limits).or_insert_with(|| {
                index.limits.push(limits);
                next
            });
            index.advocate_limits.push(limit_id);
            index
                .advocate_blackouts
                .push_list(advocate.blackouts.iter().map(|r| (day_number(r.start), day_number(r.end))));
            let mut held = held_of.remove(advocate.id.as_str()).unwrap_or_default();
            held.sort_unstable();
            index.advocate_held.push_list(held.iter().map(|&(day, _)| day));
            index.held_engagement.extend(held.iter().map(|&(_, e)| e));
            let mut stories = stories_of.remove(advocate.id.as_str()).unwrap_or_default();
            stories.sort_by_key(|&s| index.story_rank[s as usize]);
            stories.dedup();
            index.candidates += stories.len();
            index.advocate_stories.push_list(stories);
        }

        index.chunks = index.make_chunks();
        index.shrink();
        index
    }

    fn add_story(&mut self, story: &crate::model::Story, account: u32) {
        self.story_account.push(account);
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
        let competitors = self.competitor_sets.intern(competitors);
        assert!(competitors < 1 << StoryRow::EVIDENCE_SHIFT, "fewer than 2^30 distinct competitor sets");
        self.stories.push(StoryRow {
            usable_until,
            verified: day_number(story.verified_on),
            use_cases: self.use_case_sets.intern(use_cases),
            products: self.product_sets.intern(products),
            competitors_evidence: competitors | evidence << StoryRow::EVIDENCE_SHIFT,
        });
    }

    fn bound_of(&self, account: usize) -> AccountBound {
        let rows = &self.stories[self.account_story_range(account)];
        let union = |sets: &Sets, of: fn(&StoryRow) -> u32| {
            bits(rows.iter().flat_map(|row| sets.members(of(row)).iter().copied()))
        };
        AccountBound {
            use_cases: union(&self.use_case_sets, |row| row.use_cases),
            products: union(&self.product_sets, |row| row.products),
            competitors: union(&self.competitor_sets, StoryRow::competitors),
            freshest: rows.iter().map(|row| row.verified).max().unwrap_or(i32::MIN),
            evidence: rows.iter().map(StoryRow::evidence).max().unwrap_or(0),
        }
    }

    fn make_chunks(&self) -> Vec<Range<u32>> {
        let n = self.advocates.len();
        let mut chunks = Vec::new();
        let mut start = 0usize;
        while start < n {
            let mut end = (start + CHUNK_ADVOCATES).min(n);
            // Extend to the end of the account so each account is in one chunk.
            while end < n && self.advocates[end].account == self.advocates[end - 1].account {
                end += 1;
            }
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
        self.advocate_stories.shrink_to_fit();
        self.story_source.shrink_to_fit();
        self.story_rank.shrink_to_fit();
        self.story_account.shrink_to_fit();
        self.stories.shrink_to_fit();
    }

    /// The library the index was built from.
    pub fn library(&self) -> &Arc<Library> {
        &self.library
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
        self.advocates.len()
    }

    /// Number of stories.
    pub fn stories(&self) -> usize {
        self.story_account.len()
    }

    /// Advocate ids in id order (byte order): the columns of
    /// [`Index::score_matrix`](Index::score_matrix).
    pub fn advocate_ids(&self) -> Vec<&str> {
        let mut ids = vec![""; self.advocates()];
        for a in 0..self.advocates() {
            ids[self.advocate_rank[a] as usize] = self.advocate_id(a);
        }
        ids
    }

    /// Bytes of heap memory the index holds beside the shared library:
    /// capacities of its arrays, hash-map entries estimated.
    pub fn heap_bytes(&self) -> usize {
        fn v<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        v(&self.account_industry)
            + v(&self.account_log_employees)
            + v(&self.account_country)
            + self.industries.heap_bytes()
            + self.countries.heap_bytes()
            + v(&self.advocate_source)
            + v(&self.advocate_rank)
            + v(&self.advocates)
            + self.language_sets.heap_bytes()
            + self.languages.heap_bytes()
            + v(&self.advocate_limits)
            + v(&self.limits)
            + self.advocate_blackouts.heap_bytes()
            + self.advocate_held.heap_bytes()
            + v(&self.held_engagement)
            + v(&self.held_override)
            + self
                .held_override
                .iter()
                .flatten()
                .map(|o| o.days.capacity() * 4 + o.ids.capacity() * 24)
                .sum::<usize>()
            + self.advocate_stories.heap_bytes()
            + v(&self.story_source)
            + v(&self.story_rank)
            + v(&self.story_account)
            + v(&self.account_stories)
            + v(&self.account_bounds)
            + v(&self.stories)
            + self.use_case_sets.heap_bytes()
            + self.use_cases.heap_bytes()
            + self.product_sets.heap_bytes()
            + self.products.heap_bytes()
            + self.competitor_sets.heap_bytes()
            + self.competitors.heap_bytes()
            + v(&self.chunks)
    }

    /// Index position of the advocate with this id.
    pub(crate) fn advocate_by_id(&self, id: &str) -> Option<usize> {
        // Advocates are grouped by account: search the account's few.
        let source = self.library.advocate_position(id)?;
        let account = self.library.account_position(&self.library.advocates()[source].account)? as u32;
        let first = self.advocates.partition_point(|row| row.account < account);
        (first..self.advocates.len())
            .take_while(|&a| self.advocates[a].account == account)
            .find(|&a| self.advocate_source[a] as usize == source)
    }

    pub(crate) fn advocate(&self, a: usize) -> &crate::model::Advocate {
        &self.library.advocates()[self.advocate_source[a] as usize]
    }

    pub(crate) fn advocate_id(&self, a: usize) -> &str {
        &self.advocate(a).id
    }

    pub(crate) fn story(&self, s: usize) -> &crate::model::Story {
        &self.library.stories()[self.story_source[s] as usize]
    }

    pub(crate) fn account_id(&self, account: usize) -> &str {
        &self.library.accounts()[account].id
    }

    /// The stories of an account, as index positions.
    pub(crate) fn account_story_range(&self, account: usize) -> Range<usize> {
        self.account_stories[account] as usize..self.account_stories[account + 1] as usize
    }

    /// Replaces the held engagements (day, engagement id) of the advocate
    /// with this id; rules E5 and E6 then read them instead of the
    /// library's ledger. Returns `false` for an unknown advocate.
    ///
    /// Cost: `O(k log k)` for the advocate's `k` held engagements and
    /// `O(1)` in the size of the index (the first call allocates one
    /// empty slot per advocate).
    pub(crate) fn set_held(
        &mut self,
        advocate: &str,
        held: impl IntoIterator<Item = (Date, String)>,
    ) -> bool {
        let Some(a) = self.advocate_by_id(advocate) else { return false };
        let mut held: Vec<(i32, String)> = held.into_iter().map(|(d, id)| (day_number(d), id)).collect();
        held.sort_unstable();
        if self.held_override.is_empty() {
            self.held_override = vec![None; self.advocates.len()];
        }
        let (days, ids) = held.into_iter().unzip();
        self.held_override[a] = Some(Box::new(HeldOverride { days, ids }));
        true
    }

    /// The held days of advocate `a` (ascending) and, when a ledger
    /// replaced them, the engagement ids in the same order.
    #[inline]
    pub(crate) fn held_of(&self, a: usize) -> (&[i32], Option<&[String]>) {
        match self.held_override.get(a).and_then(Option::as_deref) {
            Some(over) => (&over.days, Some(&over.ids)),
            None => (self.advocate_held.get(a), None),
        }
    }

    pub(crate) fn limits_of(&self, a: usize) -> Limits {
        self.limits[self.advocate_limits[a] as usize]
    }

    pub(crate) fn engagement_kind_bit(kind: EngagementKind) -> u8 {
        kind_bit(kind)
    }

    pub(crate) fn language_key(language: &str) -> String {
        normalize_language(language)
    }
}
