//! A prospect and a request compiled against an [`Index`]: the per-query
//! tables the scan reads (weighted similarity per industry code, country,
//! set of use cases, set of products, set of competitors and seniority
//! level; which language sets pass rule E3; which accounts rule E8
//! excludes), and the factor evaluation shared by the scan and the
//! explanations.

use std::sync::OnceLock;

use super::days::day_number;
use super::index::{AccountRow, Index};
use super::request::QueryError;
use super::text::TextQuery;
use super::vocab::{Sets, Vocab, bits};
use crate::model::{Policy, Prospect, Seniority, Weights, normalize_tag, policy_problems};
use crate::score::{self, Factor};
use crate::taxonomy::{SalesRegion, country, naics};

/// Ages (days) whose freshness is tabulated; older stories compute it.
const FRESHNESS_DAYS: usize = 20 * 366;

/// `score::freshness(age)` for ages `0..FRESHNESS_DAYS`, computed once: the
/// scan looks ages up instead of calling `exp2` for every candidate.
fn freshness_table() -> &'static [f64; FRESHNESS_DAYS] {
    static TABLE: OnceLock<Box<[f64; FRESHNESS_DAYS]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table: Vec<f64> = (0..FRESHNESS_DAYS as i64).map(score::freshness).collect();
        table.into_boxed_slice().try_into().expect("FRESHNESS_DAYS entries")
    })
}

/// [`score::freshness`], from `table` (the [`freshness_table`]) when the
/// age is in it.
#[inline]
fn freshness(table: &[f64], age: i64) -> f64 {
    match usize::try_from(age) {
        Err(_) => 1.0,
        Ok(age) => table.get(age).copied().unwrap_or_else(|| score::freshness(age as i64)),
    }
}

/// Steps per decade of [`size_upper_table`].
const SIZE_STEPS: f64 = 32.0;

/// Entries of [`size_upper_table`]: distances up to 8 decades.
const SIZE_ENTRIES: usize = 8 * SIZE_STEPS as usize + 1;

/// `size_upper_table()[i]` is the size similarity at a distance of `i /
/// SIZE_STEPS` decades between the employee counts (the last entry bounds
/// every larger distance).
fn size_upper_table() -> &'static [f64; SIZE_ENTRIES] {
    static TABLE: OnceLock<[f64; SIZE_ENTRIES]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|i| size_sim(i as f64 / SIZE_STEPS, 0.0)))
}

/// An upper bound of `size_sim(log_account, log_prospect)` without its
/// `exp2`: the similarity at the distance rounded down to a step.
#[inline(always)]
fn size_upper(table: &[f64; SIZE_ENTRIES], log_account: f64, log_prospect: f64) -> f64 {
    // Scaling by a power of two is exact, so the step is never above the
    // distance; `as` saturates (and maps NaN to 0, the largest entry).
    let step = ((log_account - log_prospect).abs() * SIZE_STEPS) as u32;
    table[(step as usize).min(SIZE_ENTRIES - 1)]
}

/// Wanted items (use cases or products) as flags over the index's
/// vocabulary, and how many the prospect named (`|P|`).
#[derive(Debug, Clone)]
struct Wanted {
    flags: Vec<bool>,
    /// The wanted ids the index knows.
    known: Vec<u32>,
    /// The [`bits`] of each wanted id the index knows.
    bits: Vec<u64>,
    count: usize,
}

impl Wanted {
    /// The prospect's `items` (use cases or products) as compared, or
    /// `None` when it names none (the factor is absent).
    fn of(items: &[String], key: impl Fn(&str) -> String, vocab: &Vocab) -> Option<Wanted> {
        if items.is_empty() {
            return None;
        }
        let mut keys: Vec<String> = items.iter().map(|item| key(item)).collect();
        keys.sort();
        keys.dedup();
        Some(Wanted::new(vocab.len(), keys.iter().map(|k| vocab.get(k)), keys.len()))
    }

    /// [`Wanted::table`], zeros for an absent factor, or nothing when the
    /// query computes the factor per story (`tables` false).
    fn table_of(wanted: &Option<Wanted>, sets: &Sets, weight: f64, tables: bool) -> Vec<f64> {
        match wanted {
            _ if !tables => Vec::new(),
            None => vec![0.0; sets.len()],
            Some(wanted) => wanted.table(sets, weight),
        }
    }

    fn new(vocab_len: usize, ids: impl Iterator<Item = Option<u32>>, count: usize) -> Wanted {
        let mut flags = vec![false; vocab_len];
        let known: Vec<u32> = ids.flatten().collect();
        for &id in &known {
            flags[id as usize] = true;
        }
        Wanted { flags, bits: known.iter().map(|&id| bits([id])).collect(), known, count }
    }

    fn similarity(&self, have: &[u32]) -> f64 {
        score::overlap(self.common(have), self.count)
    }

    /// How many of `have` (a set's members, without repeats) are wanted.
    #[inline]
    fn common(&self, have: &[u32]) -> usize {
        have.iter().filter(|&&id| self.flags[id as usize]).count()
    }

    /// `weight * similarity` for every set of the index, by counting each
    /// set's wanted members through the lists of sets containing them:
    /// `O(sets + the wanted ids' lists)`.
    fn table(&self, sets: &Sets, weight: f64) -> Vec<f64> {
        let mut common = vec![0u32; sets.len()];
        for &id in &self.known {
            for &set in sets.containing(id) {
                common[set as usize] += 1;
            }
        }
        let value: Vec<f64> =
            (0..=self.known.len()).map(|c| weight * score::overlap(c, self.count)).collect();
        common.into_iter().map(|c| value[c as usize]).collect()
    }
}

/// A set factor (use cases or products) as [`Compiled::account_bound`]
/// reads it: `weight` times at least [`Wanted::similarity`] of any set
/// whose ids' [`bits`] are within a mask, from counting the wanted ids
/// whose bit is in the mask.
#[derive(Debug, Clone)]
struct SetBound {
    /// The bits of the first four wanted ids (0 for none).
    first: [u64; 4],
    /// The bits of the others.
    more: Vec<u64>,
    /// `weight * overlap(c, |P|)` for `c` wanted ids in common; `[0]` for
    /// an absent factor.
    value: Vec<f64>,
}

impl SetBound {
    fn new(wanted: &Option<Wanted>, weight: f64) -> SetBound {
        let Some(wanted) = wanted else {
            return SetBound { first: [0; 4], more: Vec::new(), value: vec![0.0] };
        };
        let mut first = [0; 4];
        let split = wanted.bits.len().min(4);
        first[..split].copy_from_slice(&wanted.bits[..split]);
        SetBound {
            first,
            more: wanted.bits[split..].to_vec(),
            value: (0..=wanted.known.len()).map(|c| weight * score::overlap(c, wanted.count)).collect(),
        }
    }

    #[inline(always)]
    fn bound(&self, have: u64) -> f64 {
        let [a, b, c, d] = self.first;
        let mut common = usize::from(have & a != 0)
            + usize::from(have & b != 0)
            + usize::from(have & c != 0)
            + usize::from(have & d != 0);
        if !self.more.is_empty() {
            common += self.more.iter().filter(|&&bit| have & bit != 0).count();
        }
        self.value[common]
    }
}

/// [`Compiled::account_upper`] with the query's constants at hand and its
/// look-ups in fixed-size tables, for the pass that bounds every account:
/// the same sums in the same order, from tables that hold the same values
/// (freshness past the table's last age takes that age's value, a larger
/// one). Only for queries with at most four known wanted use cases and
/// four known wanted products ([`Compiled::bounder`]).
pub(crate) struct Bounder<'q> {
    industry_part: &'q [f64],
    country_part: &'q [f64],
    /// The size weight, 0 when the factor is absent.
    size_weight: f64,
    log_employees: f64,
    size_upper: &'static [f64; SIZE_ENTRIES],
    /// The bits of the wanted use cases (0 for none) and the weighted
    /// similarity per count of them in common.
    use_cases: [u64; 4],
    use_case_value: [f64; 8],
    products: [u64; 4],
    product_value: [f64; 8],
    competitor_mask: u64,
    competitor_weight: f64,
    freshness_weight: f64,
    day: i64,
    freshness: &'static [f64; FRESHNESS_DAYS],
    evidence_part: [f64; 4],
    /// The query's text factor, `None` when it is not in play.
    text: Option<&'q TextQuery>,
    best_seniority: f64,
    inverse_weight: f64,
}

impl Bounder<'_> {
    /// [`Compiled::account_upper`] of `row`.
    #[inline(always)]
    pub(crate) fn upper(&self, row: &AccountRow) -> f64 {
        let size = self.size_weight * size_upper(self.size_upper, row.log_employees, self.log_employees);
        let part = self.industry_part[row.industry as usize] + size + self.country_part[row.country as usize];
        let common = |wanted: &[u64; 4], have: u64| {
            wanted.iter().map(|&bit| usize::from(have & bit != 0)).sum::<usize>()
        };
        let use_cases = self.use_case_value[common(&self.use_cases, row.use_cases) & 7];
        let products = self.product_value[common(&self.products, row.products) & 7];
        let competitor =
            if row.competitors & self.competitor_mask != 0 { self.competitor_weight } else { 0.0 };
        let age = (self.day - i64::from(row.freshest)).clamp(0, FRESHNESS_DAYS as i64 - 1) as usize;
        let mut story = use_cases
            + products
            + competitor
            + self.freshness_weight * self.freshness[age]
            + self.evidence_part[usize::from(row.evidence & 3)];
        if let Some(factor) = self.text {
            story += factor.largest();
        }
        (part + (story + self.best_seniority)) * self.inverse_weight
    }
}

/// A query compiled against one index. Private to the crate.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) day: i32,
    pub(crate) kind_bit: u8,
    /// Per language set: whether it passes rule E3; `None` when no
    /// language rule applies.
    pub(crate) language_ok: Option<Vec<bool>>,
    /// The [`Index::language_bits`] of the wanted languages the index
    /// knows, `None` when no language rule applies: an account none of
    /// whose bits are in it has no advocate passing rule E3.
    pub(crate) language_mask: Option<u16>,
    pub(crate) wanted_languages: Vec<String>,
    /// Per account: whether its stories are excluded (empty: none are).
    pub(crate) excluded: Vec<bool>,
    pub(crate) policy: Policy,
    pub(crate) k: usize,
    pub(crate) max_per_account: usize,
    /// The relevance floor: candidates below it are no match.
    pub(crate) min_relevance: f64,
    /// The sum of the weights of the present factors.
    pub(crate) total_weight: f64,
    /// `1 / total_weight`, or 0 when that sum is 0.
    inverse_weight: f64,
    industry: Option<String>,
    country: Option<String>,
    /// The sales region of `country`.
    region: Option<SalesRegion>,
    /// Weighted industry similarity per industry code of the index.
    industry_part: Vec<f64>,
    /// Weighted geography similarity per country of the index.
    country_part: Vec<f64>,
    /// log10 of the prospect's employees.
    log_employees: Option<f64>,
    use_cases: Option<Wanted>,
    /// Weighted use-case similarity per use-case set of the index, or
    /// empty when [`Compiled::story_part`] counts each story's wanted use
    /// cases instead (a query that visits few stories).
    use_case_part: Vec<f64>,
    products: Option<Wanted>,
    /// As `use_case_part`, for products.
    product_part: Vec<f64>,
    /// Whether `use_case_part` and `product_part` are filled.
    set_tables: bool,
    /// `Some(id)` when the prospect names a competitor (`None` inside when
    /// no story ever displaced it).
    competitor: Option<Option<u32>>,
    competitor_part: Vec<f64>,
    use_case_bound: SetBound,
    product_bound: SetBound,
    /// The [`bits`] of the wanted competitor, 0 when there is none.
    competitor_mask: u64,
    evidence_part: [f64; 3],
    freshness: &'static [f64; FRESHNESS_DAYS],
    size_upper: &'static [f64; SIZE_ENTRIES],
    /// Weighted seniority similarity per advocate level (zeros when absent).
    pub(crate) seniority_part: [f64; 5],
    seniority: Option<Seniority>,
    /// The largest of `seniority_part`.
    best_seniority: f64,
    /// The text factor, `None` when not in play (no text, or a text with
    /// no term).
    text: Option<TextQuery>,
}

/// The first problem of a request's policy, placed under `prefix`
/// (`request.policy` or, for story requests, `request`).
fn check_policy(policy: &Policy, prefix: &str) -> Result<(), QueryError> {
    match policy_problems(policy).into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(QueryError::InvalidPolicy {
            field: format!("{prefix}.{}", problem.place.trim_start_matches("policy.")),
            message: problem.message,
        }),
    }
}

/// What both kinds of query share.
pub(crate) struct Common<'a> {
    pub(crate) date: jiff::civil::Date,
    pub(crate) k: usize,
    pub(crate) max_per_account: usize,
    /// The relevance floor, `0..=1` (0 for stories).
    pub(crate) min_relevance: f64,
    pub(crate) exclude_accounts: &'a [String],
    pub(crate) policy: Policy,
    /// Where the policy's fields are named in errors.
    pub(crate) policy_place: &'static str,
    pub(crate) with_seniority: bool,
    /// Whether to tabulate the set factors for every use-case and product
    /// set of the index (for queries that visit most stories), rather than
    /// count them per story visited.
    pub(crate) set_tables: bool,
}

impl Compiled {
    pub(crate) fn new(
        index: &Index,
        prospect: &Prospect,
        common: Common<'_>,
    ) -> Result<Compiled, QueryError> {
        check_policy(&common.policy, common.policy_place)?;
        super::check::query(prospect, &common)?;
        if common.max_per_account == 0 {
            return Err(QueryError::ZeroMaxPerAccount);
        }
        if !(0.0..=1.0).contains(&common.min_relevance) {
            return Err(QueryError::MinRelevance(common.min_relevance));
        }
        let w = common.policy.weights;

        let industry = match &prospect.industry {
            None => None,
            Some(label) => Some(naics().resolve(label).map_err(QueryError::Industry)?.code),
        };
        let region = match &prospect.country {
            None => None,
            Some(code) => match country(code) {
                None => return Err(QueryError::UnknownCountry(code.clone())),
                Some(known) => Some(known.region),
            },
        };
        for (i, id) in prospect.products.iter().enumerate() {
            if index.library.product(id).is_none() {
                return Err(QueryError::UnknownProduct { index: i, id: id.clone() });
            }
        }
        let mut excluded = Vec::new();
        for (i, id) in common.exclude_accounts.iter().enumerate() {
            let Some(pos) = index.library.account_position(id) else {
                return Err(QueryError::UnknownAccount { index: i, id: id.clone() });
            };
            excluded.resize(index.library.accounts().len(), false);
            excluded[pos] = true;
        }

        let industry_part: Vec<f64> = match &industry {
            None => vec![0.0; index.industries.len()],
            Some(p) => index.industries.names().iter().map(|a| w.industry * score::industry(p, a)).collect(),
        };
        let country_part: Vec<f64> = match &prospect.country {
            None => vec![0.0; index.countries.len()],
            // score::geography, with the regions looked up once.
            Some(p) => (index.countries.names().iter().zip(&index.country_regions))
                .map(|(a, &account)| w.geography * score::geography_of_regions(a == p, account, region))
                .collect(),
        };

        let use_cases = Wanted::of(&prospect.use_cases, normalize_tag, &index.use_cases);
        let use_case_part =
            Wanted::table_of(&use_cases, &index.use_case_sets, w.use_cases, common.set_tables);
        let products = Wanted::of(&prospect.products, |p| p.to_string(), &index.products);
        let product_part = Wanted::table_of(&products, &index.product_sets, w.products, common.set_tables);
        let competitor = prospect.competitor.as_ref().map(|c| index.competitors.get(&normalize_tag(c)));
        let competitor_part = (0..index.competitor_sets.len() as u32)
            .map(|set| match competitor {
                Some(wanted) => w.competitor * competitor_sim(index.competitor_sets.members(set), wanted),
                None => 0.0,
            })
            .collect();
        let use_case_bound = SetBound::new(&use_cases, w.use_cases);
        let product_bound = SetBound::new(&products, w.products);
        let seniority = if common.with_seniority { prospect.seniority } else { None };
        let text = prospect.text.as_deref().and_then(|text| TextQuery::new(index, text, w.text));

        let present = [
            industry.is_some(),
            use_cases.is_some(),
            products.is_some(),
            prospect.employees.is_some(),
            prospect.country.is_some(),
            seniority.is_some(),
            competitor.is_some(),
            true,
            true,
            text.is_some(),
        ];
        let total_weight: f64 =
            Factor::ALL.iter().zip(present).filter(|(_, p)| *p).map(|(f, _)| f.weight(&w)).sum();

        let mut seniority_part = [0.0; 5];
        if let Some(level) = seniority {
            for (part, &advocate) in seniority_part.iter_mut().zip(Seniority::ALL) {
                *part = w.seniority * score::seniority(advocate, level);
            }
        }

        Ok(Compiled {
            day: day_number(common.date),
            kind_bit: 0,
            language_ok: None,
            language_mask: None,
            wanted_languages: Vec::new(),
            excluded,
            policy: common.policy,
            k: common.k,
            max_per_account: common.max_per_account,
            min_relevance: common.min_relevance,
            total_weight,
            inverse_weight: if total_weight > 0.0 { 1.0 / total_weight } else { 0.0 },
            industry,
            country: prospect.country.clone(),
            region,
            industry_part,
            country_part,
            log_employees: prospect.employees.map(|e| (e as f64).log10()),
            use_cases,
            use_case_part,
            products,
            product_part,
            set_tables: common.set_tables,
            use_case_bound,
            product_bound,
            competitor_mask: match competitor {
                Some(Some(id)) => bits([id]),
                _ => 0,
            },
            competitor,
            competitor_part,
            evidence_part: [0.0, w.evidence * 0.5, w.evidence],
            freshness: freshness_table(),
            size_upper: size_upper_table(),
            seniority_part,
            seniority,
            best_seniority: seniority_part.iter().copied().fold(0.0, f64::max),
            text,
        })
    }

    /// Sets rule E3's languages: the request's, else the prospect's.
    pub(crate) fn set_languages(&mut self, index: &Index, request: &[String], prospect: &[String]) {
        let wanted = if request.is_empty() { prospect } else { request };
        if wanted.is_empty() {
            return;
        }
        let mut flags = vec![false; index.languages.len()];
        let mut known = Vec::new();
        for language in wanted {
            if let Some(id) = index.languages.get(&Index::language_key(language)) {
                flags[id as usize] = true;
                known.push(id);
            }
        }
        self.language_mask = Some(Index::language_bits(&known));
        let sets = &index.language_sets;
        self.language_ok = Some(
            (0..sets.len() as u32).map(|set| sets.members(set).iter().any(|&l| flags[l as usize])).collect(),
        );
        self.wanted_languages = wanted.to_vec();
    }

    fn weights(&self) -> &Weights {
        &self.policy.weights
    }

    /// Weighted industry + size + geography similarity of an account, or
    /// `None` when rule E8 excludes the account.
    #[inline]
    pub(crate) fn account_part(&self, index: &Index, account: usize) -> Option<f64> {
        if self.is_excluded(account) {
            return None;
        }
        Some(self.part_of(&index.account_rows[account]))
    }

    /// Weighted industry + size + geography similarity of an account's row.
    #[inline]
    pub(crate) fn part_of(&self, row: &AccountRow) -> f64 {
        let size = match self.log_employees {
            None => 0.0,
            Some(p) => self.weights().size * size_sim(row.log_employees, p),
        };
        self.industry_part[row.industry as usize] + size + self.country_part[row.country as usize]
    }

    /// An upper bound of the relevance of any advocate of an account:
    /// [`Compiled::part_of`] with the size factor bounded by a table
    /// instead of computed, plus [`Compiled::account_bound`] with the text
    /// factor at its largest value (the same for every account).
    #[inline(always)]
    pub(crate) fn account_upper(&self, index: &Index, row: &AccountRow) -> f64 {
        let size = match self.log_employees {
            None => 0.0,
            Some(p) => self.weights().size * size_upper(self.size_upper, row.log_employees, p),
        };
        let part = self.industry_part[row.industry as usize] + size + self.country_part[row.country as usize];
        self.relevance(part + self.account_bound(index, row, None))
    }

    /// What the account's own text bound takes off an upper bound with the
    /// text factor at its largest ([`Compiled::account_upper`]), in
    /// relevance; 0 without text. The difference of the two sums, not
    /// the exact one summed again: within a few ulps of it, which the scan's
    /// slack covers.
    #[inline(always)]
    pub(crate) fn text_gap(&self, index: &Index, account: usize) -> f64 {
        match &self.text {
            None => 0.0,
            Some(text) => self.relevance(text.largest() - text.account(&index.account_stories, account)),
        }
    }

    /// Whether the text factor is in play.
    pub(crate) fn has_text(&self) -> bool {
        self.text.is_some()
    }

    /// Whether rule E8 excludes the account's stories.
    #[inline]
    pub(crate) fn is_excluded(&self, account: usize) -> bool {
        !self.excluded.is_empty() && self.excluded[account]
    }

    /// Weighted sum of the story's own factors (use cases, products,
    /// competitor, freshness, evidence) for story `s`.
    #[inline(always)]
    pub(crate) fn story_part(&self, index: &Index, s: usize) -> f64 {
        let story = &index.stories[s];
        let age = i64::from(self.day) - i64::from(story.verified);
        let (use_cases, products) = if !self.set_tables {
            // Without tables: the same value a table holds, from the same
            // count of wanted members.
            let part = |wanted: &Option<Wanted>, bound: &SetBound, have: &[u32]| match wanted {
                None => 0.0,
                Some(wanted) => bound.value[wanted.common(have)],
            };
            (
                part(&self.use_cases, &self.use_case_bound, index.use_case_sets.members(story.use_cases)),
                part(&self.products, &self.product_bound, index.product_sets.members(story.products)),
            )
        } else {
            (self.use_case_part[story.use_cases as usize], self.product_part[story.products as usize])
        };
        let part = use_cases
            + products
            + self.competitor_part[story.competitors() as usize]
            + self.weights().freshness * freshness(self.freshness, age)
            + self.evidence_part[story.evidence() as usize];
        match &self.text {
            None => part,
            Some(text) => part + text.story(s),
        }
    }

    /// An upper bound of the weighted sum any story of an account adds to
    /// its advocates' relevance (with the best seniority), from the
    /// account's row, added in the order [`Compiled::story_part`] adds, so
    /// rounding keeps it an upper bound. `exact` names the account whose
    /// own text bound to take, `None` for the text factor's largest value.
    #[inline(always)]
    pub(crate) fn account_bound(&self, index: &Index, row: &AccountRow, exact: Option<usize>) -> f64 {
        let w = self.weights();
        let competitor = if row.competitors & self.competitor_mask != 0 { w.competitor } else { 0.0 };
        let mut story = self.use_case_bound.bound(row.use_cases)
            + self.product_bound.bound(row.products)
            + competitor
            + w.freshness * freshness(self.freshness, i64::from(self.day) - i64::from(row.freshest))
            + self.evidence_part[row.evidence as usize];
        if let Some(factor) = &self.text {
            story += match exact {
                Some(account) => factor.account(&index.account_stories, account),
                None => factor.largest(),
            };
        }
        story + self.best_seniority
    }

    /// The [`Bounder`] of this query, or `None` when it wants more than
    /// four known use cases or products.
    pub(crate) fn bounder(&self) -> Option<Bounder<'_>> {
        let set = |bound: &SetBound| -> Option<([u64; 4], [f64; 8])> {
            if !bound.more.is_empty() {
                return None;
            }
            let mut value = [0.0; 8];
            value[..bound.value.len()].copy_from_slice(&bound.value);
            Some((bound.first, value))
        };
        let (use_cases, use_case_value) = set(&self.use_case_bound)?;
        let (products, product_value) = set(&self.product_bound)?;
        let w = self.weights();
        let (evidence_0, evidence_1, evidence_2) =
            (self.evidence_part[0], self.evidence_part[1], self.evidence_part[2]);
        Some(Bounder {
            industry_part: &self.industry_part,
            country_part: &self.country_part,
            size_weight: if self.log_employees.is_some() { w.size } else { 0.0 },
            log_employees: self.log_employees.unwrap_or(0.0),
            size_upper: self.size_upper,
            use_cases,
            use_case_value,
            products,
            product_value,
            competitor_mask: self.competitor_mask,
            competitor_weight: w.competitor,
            freshness_weight: w.freshness,
            day: i64::from(self.day),
            freshness: self.freshness,
            evidence_part: [evidence_0, evidence_1, evidence_2, evidence_2],
            text: self.text.as_ref(),
            best_seniority: self.best_seniority,
            inverse_weight: self.inverse_weight,
        })
    }

    /// Relevance from a weighted sum: divided by the present weights
    /// (multiplied by the inverse, computed once; within an ulp of the
    /// quotient); 0 when every present factor weighs 0.
    #[inline]
    pub(crate) fn relevance(&self, weighted: f64) -> f64 {
        weighted * self.inverse_weight
    }

    /// Each factor's similarity for (advocate `a`, story `s`), `None` when
    /// absent. Pass `a = None` for a story on its own (no seniority).
    pub(crate) fn factor_sims(&self, index: &Index, a: Option<usize>, s: usize) -> [Option<f64>; 10] {
        let account = index.story_account[s] as usize;
        let industry =
            self.industry.as_ref().map(|p| score::industry(p, &index.library.accounts()[account].industry));
        let size = self.log_employees.map(|p| size_sim(index.account_rows[account].log_employees, p));
        let geography = self.country.as_ref().map(|p| {
            let row = &index.account_rows[account];
            let same = index.countries.names()[row.country as usize] == *p;
            score::geography_of_regions(same, index.country_regions[row.country as usize], self.region)
        });
        let story = &index.stories[s];
        let use_cases =
            self.use_cases.as_ref().map(|w| w.similarity(index.use_case_sets.members(story.use_cases)));
        let products =
            self.products.as_ref().map(|w| w.similarity(index.product_sets.members(story.products)));
        let competitor = self
            .competitor
            .map(|wanted| competitor_sim(index.competitor_sets.members(story.competitors()), wanted));
        let freshness = Some(freshness(self.freshness, i64::from(self.day) - i64::from(story.verified)));
        let evidence = Some(f64::from(story.evidence()) / 2.0);
        let seniority = match (a, self.seniority) {
            (Some(a), Some(level)) => Some(score::seniority(index.advocates[a].seniority, level)),
            _ => None,
        };
        let text = self.text.as_ref().map(|t| t.similarity(s));
        [industry, use_cases, products, size, geography, seniority, competitor, freshness, evidence, text]
    }

    /// Whether story `s` is approved on the query's day (rule E7).
    #[inline]
    pub(crate) fn story_approved(&self, index: &Index, s: usize) -> bool {
        self.day <= index.stories[s].usable_until
    }

    /// The limits of advocate `a` under the query's policy: its own, else
    /// its tier's, else the program's.
    #[inline]
    pub(crate) fn limits(&self, index: &Index, a: usize) -> (u32, u32, u32) {
        index.limits_under(a, &self.policy)
    }
}

use score::size_from_log10 as size_sim;

fn competitor_sim(displaced: &[u32], wanted: Option<u32>) -> f64 {
    f64::from(u8::from(wanted.is_some_and(|id| displaced.contains(&id))))
}
