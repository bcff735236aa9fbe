//! [`Index`]: a library compiled for ranking.
//!
//! The index keeps one entry per account, advocate and story in arrays
//! (rows of small integers), and the candidates (advocate, story) as one
//! list of story numbers per advocate. Advocates and stories are ordered
//! by account, so a scan reads an account's advocates and stories
//! together, whatever order it visits the accounts in. What repeats is numbered once: industry codes, countries, the
//! sets of languages, use cases, products and competitors, and the
//! advocates' own limits, so a query computes each similarity once per
//! distinct value and the scan only adds table entries. Dates are day
//! numbers. Nothing here depends on a query: [`super::query`] turns a
//! prospect and a request into the per-query tables. The index shares the
//! library (an [`Arc`]) for ids, names and explanations rather than
//! copying them.

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::days::day_number;
use super::pool::Csr;
use super::text::TextIndex;
use super::vocab::{Sets, Vocab};
use crate::model::{EngagementKind, Library, Policy, Seniority};
use crate::taxonomy::SalesRegion;

/// An advocate's limits, its own where it has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Limits {
    pub(crate) cap: Option<u32>,
    pub(crate) window_days: Option<u32>,
    pub(crate) rest_days: Option<u32>,
}

/// An advocate's held engagements as a ledger sees them: days ascending,
/// with the engagement ids and the advocate's own ratings (0 for none) in
/// the same order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HeldOverride {
    pub(crate) days: Vec<i32>,
    pub(crate) ids: Vec<String>,
    pub(crate) ratings: Vec<u8>,
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
    pub(super) competitors_evidence: u32,
}

impl StoryRow {
    pub(super) const EVIDENCE_SHIFT: u32 = 30;

    #[inline]
    pub(crate) fn competitors(&self) -> u32 {
        self.competitors_evidence & ((1 << StoryRow::EVIDENCE_SHIFT) - 1)
    }

    #[inline]
    pub(crate) fn evidence(&self) -> u8 {
        (self.competitors_evidence >> StoryRow::EVIDENCE_SHIFT) as u8
    }
}

/// What the scan reads of an account, in one place: its industry code,
/// country and size, and what bounds the most any of its stories can add
/// to a relevance, whatever the query: its stories' use cases, products
/// and competitors (as [`bits`](super::vocab::bits) of their ids), its
/// freshest verification and its best evidence. The scan skips an account
/// whose bound cannot reach the current k-th score.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AccountRow {
    pub(crate) use_cases: u64,
    pub(crate) products: u64,
    pub(crate) competitors: u64,
    /// log10 of the account's employees (at least 1).
    pub(crate) log_employees: f64,
    pub(crate) industry: u32,
    pub(crate) country: u32,
    pub(crate) freshest: i32,
    pub(crate) evidence: u8,
    /// The union of the account's advocates' [`AdvocateRow::gate`]s: no
    /// advocate of the account passes rules E1 and E2 for a kind whose bit
    /// is clear.
    pub(crate) gate: u8,
    /// Bit `id % 16` for each language `id` an advocate of the account
    /// speaks: no advocate speaks a language whose bit is clear.
    pub(crate) languages: u16,
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

    /// Per account, in the library's order.
    pub(crate) account_rows: Vec<AccountRow>,
    pub(crate) industries: Vocab,
    pub(crate) countries: Vocab,
    /// The sales region of each country of `countries` (`None` for a code
    /// the taxonomy does not know).
    pub(crate) country_regions: Vec<Option<SalesRegion>>,

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
    /// The advocate's own rating of each entry of `advocate_held` (0 for
    /// none), same order; empty when the library has no advocate feedback.
    /// Rule E5 reads it only when the policy sets
    /// [`Policy::poor_feedback`](crate::Policy::poor_feedback).
    pub(crate) held_rating: Vec<u8>,
    /// Held engagements that replace an advocate's `advocate_held` row, by
    /// index position: how a [`crate::ledger::Program`] shows its ledger to
    /// the index without a rebuild. Empty until the first replacement.
    pub(crate) held_override: Vec<Option<Box<HeldOverride>>>,
    /// The candidates: each advocate's stories, by story id.
    pub(crate) advocate_stories: Csr<u32>,
    /// Days of the held engagements of each account's advocates together,
    /// ascending, by account (rule E9).
    pub(crate) account_held: Csr<i32>,
    /// Replacements of `account_held` rows, by account, kept in step with
    /// `held_override`. Empty until the first replacement.
    pub(crate) account_held_override: Vec<Option<Box<[i32]>>>,

    /// Library position of each story of the index.
    pub(crate) story_source: Vec<u32>,
    pub(crate) story_rank: Vec<u32>,
    pub(crate) story_account: Vec<u32>,
    /// Where each account's stories start; the last entry is the count.
    pub(crate) account_stories: Vec<u32>,
    /// Where each account's advocates start; the last entry is the count.
    pub(crate) account_advocates: Vec<u32>,
    pub(crate) stories: Vec<StoryRow>,
    pub(crate) use_case_sets: Sets,
    pub(crate) use_cases: Vocab,
    pub(crate) product_sets: Sets,
    pub(crate) products: Vocab,
    pub(crate) competitor_sets: Sets,
    pub(crate) competitors: Vocab,
    /// The stories' text terms, for the text factor.
    pub(crate) text: TextIndex,

    /// Account ranges for parallel scans, of about the same number of
    /// advocates each.
    pub(crate) chunks: Vec<Range<u32>>,
    pub(super) candidates: usize,
}

pub(super) fn kind_bit(kind: EngagementKind) -> u8 {
    1 << (kind as u8)
}

pub(super) fn normalize_language(language: &str) -> String {
    language.trim().to_lowercase()
}

impl Index {
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
        v(&self.account_rows)
            + self.industries.heap_bytes()
            + self.countries.heap_bytes()
            + v(&self.country_regions)
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
            + v(&self.held_rating)
            + v(&self.held_override)
            + self
                .held_override
                .iter()
                .flatten()
                .map(|o| o.days.capacity() * 4 + o.ids.capacity() * 24 + o.ratings.capacity())
                .sum::<usize>()
            + self.advocate_stories.heap_bytes()
            + self.account_held.heap_bytes()
            + v(&self.account_held_override)
            + self.account_held_override.iter().flatten().map(|o| o.len() * 4).sum::<usize>()
            + v(&self.story_source)
            + v(&self.story_rank)
            + v(&self.story_account)
            + v(&self.account_stories)
            + v(&self.account_advocates)
            + v(&self.stories)
            + self.use_case_sets.heap_bytes()
            + self.use_cases.heap_bytes()
            + self.product_sets.heap_bytes()
            + self.products.heap_bytes()
            + self.competitor_sets.heap_bytes()
            + self.competitors.heap_bytes()
            + self.text.heap_bytes()
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

    /// The advocates of an account, as index positions.
    #[inline]
    pub(crate) fn account_advocate_range(&self, account: usize) -> Range<usize> {
        self.account_advocates[account] as usize..self.account_advocates[account + 1] as usize
    }

    /// Replaces the held engagements (day, engagement id, the advocate's
    /// own rating of it) of the advocate with this id; rules E5, E6 and E9
    /// then read them instead of the library's ledger. Returns `false` for
    /// an unknown advocate.
    ///
    /// Cost: `O(k log k)` for the `k` held engagements of the advocate's
    /// account and `O(1)` in the size of the index (the first call
    /// allocates one empty slot per advocate and per account).
    pub(crate) fn set_held(
        &mut self,
        advocate: &str,
        held: impl IntoIterator<Item = (Date, String, Option<u8>)>,
    ) -> bool {
        let Some(a) = self.advocate_by_id(advocate) else { return false };
        let mut held: Vec<(i32, String, u8)> =
            held.into_iter().map(|(d, id, rating)| (day_number(d), id, rating.unwrap_or(0))).collect();
        held.sort_unstable();
        if self.held_override.is_empty() {
            self.held_override = vec![None; self.advocates.len()];
        }
        let mut over = HeldOverride::default();
        for (day, id, rating) in held {
            over.days.push(day);
            over.ids.push(id);
            over.ratings.push(rating);
        }
        self.held_override[a] = Some(Box::new(over));
        // The account's held days are its advocates' together.
        let account = self.advocates[a].account as usize;
        let mut days: Vec<i32> =
            self.account_advocate_range(account).flat_map(|b| self.held_of(b).0.iter().copied()).collect();
        days.sort_unstable();
        if self.account_held_override.is_empty() {
            self.account_held_override = vec![None; self.account_rows.len()];
        }
        self.account_held_override[account] = Some(days.into_boxed_slice());
        true
    }

    /// The held days of the advocates of `account` together, ascending.
    #[inline]
    pub(crate) fn account_held_of(&self, account: usize) -> &[i32] {
        match self.account_held_override.get(account).and_then(Option::as_deref) {
            Some(days) => days,
            None => self.account_held.get(account),
        }
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

    /// The advocate's own rating of its `i`-th held engagement (as
    /// [`Index::held_of`] orders them), `None` when it gave none.
    pub(crate) fn held_rating(&self, a: usize, i: usize) -> Option<u8> {
        let rating = match self.held_override.get(a).and_then(Option::as_deref) {
            Some(over) => over.ratings.get(i).copied(),
            None => self.held_rating.get(self.advocate_held.range(a).start + i).copied(),
        };
        rating.filter(|&r| r > 0)
    }

    pub(crate) fn limits_of(&self, a: usize) -> Limits {
        self.limits[self.advocate_limits[a] as usize]
    }

    /// `(cap, window_days, rest_days)` of advocate `a` under `policy`: its
    /// own, else its seniority tier's, else the program's.
    #[inline]
    pub(crate) fn limits_under(&self, a: usize, policy: &Policy) -> (u32, u32, u32) {
        let own = self.limits_of(a);
        let own =
            crate::model::Limits { cap: own.cap, window_days: own.window_days, rest_days: own.rest_days };
        policy.resolve(self.advocates[a].seniority, own)
    }

    pub(crate) fn engagement_kind_bit(kind: EngagementKind) -> u8 {
        kind_bit(kind)
    }

    /// The [`AccountRow::languages`] bits of language ids.
    pub(crate) fn language_bits(ids: &[u32]) -> u16 {
        ids.iter().fold(0, |bits, &id| bits | 1 << (id % 16))
    }

    pub(crate) fn language_key(language: &str) -> String {
        normalize_language(language)
    }
}
