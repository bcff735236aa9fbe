//! A prospect and a request compiled against an [`Index`]: the per-query
//! tables the scan reads (similarity per industry code and per country,
//! weighted parts per account, wanted tags as flags), and the factor
//! evaluation shared by the scan and the explanations.

use super::days::day_number;
use super::index::{Index, Limits};
use super::request::QueryError;
use crate::model::{Policy, Prospect, Seniority, Weights, normalize_tag, policy_problems};
use crate::score::{self, Factor};
use crate::taxonomy::{country, naics};

/// Wanted items (use cases or products) as flags over the index's
/// vocabulary, and how many the prospect named (`|P|`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Wanted {
    flags: Vec<bool>,
    count: usize,
}

impl Wanted {
    fn new(vocab_len: usize, ids: impl Iterator<Item = Option<u32>>, count: usize) -> Wanted {
        let mut flags = vec![false; vocab_len];
        for id in ids.flatten() {
            flags[id as usize] = true;
        }
        Wanted { flags, count }
    }

    #[inline]
    fn similarity(&self, have: &[u32]) -> f64 {
        let common = have.iter().filter(|&&id| self.flags[id as usize]).count();
        score::overlap(common, self.count)
    }
}

/// Which advocates speak a wanted language, as flags over the index's
/// language vocabulary; `None` when no language rule applies.
pub(crate) type LanguageRule = Option<Vec<bool>>;

/// A query compiled against one index. Private to the crate.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) day: i32,
    pub(crate) kind_bit: u8,
    pub(crate) languages: LanguageRule,
    pub(crate) wanted_languages: Vec<String>,
    /// Per account: whether its stories are excluded (empty: none are).
    pub(crate) excluded: Vec<bool>,
    pub(crate) policy: Policy,
    pub(crate) k: usize,
    pub(crate) max_per_account: usize,
    /// Sum of the weights of the present factors.
    pub(crate) total_weight: f64,
    /// Per industry code of the index; empty when the prospect gives none.
    industry_sim: Vec<f64>,
    /// Per country of the index; empty when the prospect gives none.
    country_sim: Vec<f64>,
    employees: Option<u64>,
    /// Weighted industry + size + geography similarity per account.
    account_part: Vec<f64>,
    use_cases: Option<Wanted>,
    products: Option<Wanted>,
    /// `Some(id)` when the prospect names a competitor (`None` inside when
    /// no story ever displaced it).
    competitor: Option<Option<u32>>,
    /// Weighted seniority similarity per advocate level (zeros when absent).
    pub(crate) seniority_part: [f64; 5],
    seniority: Option<Seniority>,
}

fn check_policy(policy: &Policy) -> Result<(), QueryError> {
    match policy_problems(policy).into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(QueryError::InvalidPolicy {
            field: problem.place.trim_start_matches("policy.").to_string(),
            message: problem.message,
        }),
    }
}

/// What both kinds of query share.
pub(crate) struct Common<'a> {
    pub(crate) date: jiff::civil::Date,
    pub(crate) k: usize,
    pub(crate) max_per_account: usize,
    pub(crate) exclude_accounts: &'a [String],
    pub(crate) policy: Policy,
    pub(crate) with_seniority: bool,
}

impl Compiled {
    pub(crate) fn new(
        index: &Index,
        prospect: &Prospect,
        common: Common<'_>,
    ) -> Result<Compiled, QueryError> {
        check_policy(&common.policy)?;
        if common.max_per_account == 0 {
            return Err(QueryError::ZeroMaxPerAccount);
        }
        let w = common.policy.weights;

        let industry = match &prospect.industry {
            None => None,
            Some(label) => Some(naics().resolve(label).map_err(QueryError::Industry)?.code),
        };
        if let Some(code) = &prospect.country {
            if country(code).is_none() {
                return Err(QueryError::UnknownCountry(code.clone()));
            }
        }
        if prospect.employees == Some(0) {
            return Err(QueryError::ZeroEmployees);
        }
        for (index_in_list, id) in prospect.products.iter().enumerate() {
            if index.products.get(id).is_none() {
                return Err(QueryError::UnknownProduct { index: index_in_list, id: id.clone() });
            }
        }
        let mut excluded = Vec::new();
        for (i, id) in common.exclude_accounts.iter().enumerate() {
            let Some(pos) = index.account_position(id) else {
                return Err(QueryError::UnknownAccount { index: i, id: id.clone() });
            };
            excluded.resize(index.account_ids.len(), false);
            excluded[pos] = true;
        }

        let industry_sim: Vec<f64> = match &industry {
            None => Vec::new(),
            Some(p) => (0..index.industries.len() as u32)
                .map(|i| score::industry(p, index.industries.name(i)))
                .collect(),
        };
        let country_sim: Vec<f64> = match &prospect.country {
            None => Vec::new(),
            Some(p) => (0..index.countries.len() as u32)
                .map(|i| score::geography(index.countries.name(i), p))
                .collect(),
        };

        let use_cases = (!prospect.use_cases.is_empty()).then(|| {
            let mut tags: Vec<String> = prospect.use_cases.iter().map(|t| normalize_tag(t)).collect();
            tags.sort();
            tags.dedup();
            Wanted::new(index.use_cases.len(), tags.iter().map(|t| index.use_cases.get(t)), tags.len())
        });
        let products = (!prospect.products.is_empty()).then(|| {
            let mut ids = prospect.products.clone();
            ids.sort();
            ids.dedup();
            Wanted::new(index.products.len(), ids.iter().map(|p| index.products.get(p)), ids.len())
        });
        let competitor = prospect.competitor.as_ref().map(|c| index.competitors.get(&normalize_tag(c)));
        let seniority = if common.with_seniority { prospect.seniority } else { None };

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
        ];
        let total_weight: f64 =
            Factor::ALL.iter().zip(present).filter(|(_, p)| *p).map(|(f, _)| f.weight(&w)).sum();

        let mut seniority_part = [0.0; 5];
        if let Some(level) = seniority {
            for (part, &advocate) in seniority_part.iter_mut().zip(Seniority::ALL) {
                *part = w.seniority * score::seniority(advocate, level);
            }
        }

        let wanted_languages: Vec<String> = Vec::new();
        let mut compiled = Compiled {
            day: day_number(common.date),
            kind_bit: 0,
            languages: None,
            wanted_languages,
            excluded,
            policy: common.policy,
            k: common.k,
            max_per_account: common.max_per_account,
            total_weight,
            industry_sim,
            country_sim,
            employees: prospect.employees,
            account_part: Vec::new(),
            use_cases,
            products,
            competitor,
            seniority_part,
            seniority,
        };
        compiled.account_part =
            (0..index.account_ids.len()).map(|a| compiled.account_part_of(index, a, &w)).collect();
        Ok(compiled)
    }

    /// Sets rule E3's languages: the request's, else the prospect's.
    pub(crate) fn set_languages(&mut self, index: &Index, request: &[String], prospect: &[String]) {
        let wanted = if request.is_empty() { prospect } else { request };
        if wanted.is_empty() {
            return;
        }
        let mut flags = vec![false; index.languages.len()];
        for language in wanted {
            if let Some(id) = index.languages.get(&Index::language_key(language)) {
                flags[id as usize] = true;
            }
        }
        self.wanted_languages = wanted.to_vec();
        self.languages = Some(flags);
    }

    fn weights(&self) -> &Weights {
        &self.policy.weights
    }

    fn account_sims(&self, index: &Index, a: usize) -> [Option<f64>; 3] {
        let industry =
            (!self.industry_sim.is_empty()).then(|| self.industry_sim[index.account_industry[a] as usize]);
        let size = self.employees.map(|p| score::size(index.account_employees[a], p));
        let geography =
            (!self.country_sim.is_empty()).then(|| self.country_sim[index.account_country[a] as usize]);
        [industry, size, geography]
    }

    fn account_part_of(&self, index: &Index, a: usize, w: &Weights) -> f64 {
        let [industry, size, geography] = self.account_sims(index, a);
        industry.map_or(0.0, |s| w.industry * s)
            + size.map_or(0.0, |s| w.size * s)
            + geography.map_or(0.0, |s| w.geography * s)
    }

    fn story_sims(&self, index: &Index, s: usize) -> [Option<f64>; 5] {
        let use_cases = self.use_cases.as_ref().map(|wanted| wanted.similarity(index.story_use_cases.get(s)));
        let products = self.products.as_ref().map(|wanted| wanted.similarity(index.story_products.get(s)));
        let competitor = self
            .competitor
            .map(|id| f64::from(u8::from(id.is_some_and(|id| index.story_competitors.get(s).contains(&id)))));
        let freshness = score::freshness(i64::from(self.day) - i64::from(index.story_verified[s]));
        let evidence = f64::from(index.story_evidence[s]) / 2.0;
        [use_cases, products, competitor, Some(freshness), Some(evidence)]
    }

    /// Weighted sum of every present factor but seniority, for story `s`.
    #[inline]
    pub(crate) fn story_part(&self, index: &Index, s: usize) -> f64 {
        let w = self.weights();
        let [use_cases, products, competitor, freshness, evidence] = self.story_sims(index, s);
        self.account_part[index.story_account[s] as usize]
            + use_cases.map_or(0.0, |x| w.use_cases * x)
            + products.map_or(0.0, |x| w.products * x)
            + competitor.map_or(0.0, |x| w.competitor * x)
            + freshness.map_or(0.0, |x| w.freshness * x)
            + evidence.map_or(0.0, |x| w.evidence * x)
    }

    /// Relevance from a weighted sum: divided by the present weights; 0
    /// when every present factor weighs 0.
    #[inline]
    pub(crate) fn relevance(&self, weighted: f64) -> f64 {
        if self.total_weight > 0.0 { weighted / self.total_weight } else { 0.0 }
    }

    /// Each factor's similarity for (advocate `a`, story `s`), `None` when
    /// absent. Pass `a = None` for a story on its own (no seniority).
    pub(crate) fn factor_sims(&self, index: &Index, a: Option<usize>, s: usize) -> [Option<f64>; 9] {
        let [industry, size, geography] = self.account_sims(index, index.story_account[s] as usize);
        let [use_cases, products, competitor, freshness, evidence] = self.story_sims(index, s);
        let seniority = match (a, self.seniority) {
            (Some(a), Some(level)) => Some(score::seniority(index.advocate_seniority[a], level)),
            _ => None,
        };
        [industry, use_cases, products, size, geography, seniority, competitor, freshness, evidence]
    }

    /// Whether story `s` may be used on the query's day (rules E7 and E8).
    #[inline]
    pub(crate) fn story_usable(&self, index: &Index, s: usize) -> bool {
        self.day <= index.story_usable_until[s]
            && (self.excluded.is_empty() || !self.excluded[index.story_account[s] as usize])
    }

    /// The policy limits of advocate `a`: its own where it has them.
    #[inline]
    pub(crate) fn limits(&self, index: &Index, a: usize) -> (u32, u32, u32) {
        let own = index.advocate_limits[a];
        let pick = |own: u32, program: u32| if own == Limits::PROGRAM { program } else { own };
        (
            pick(own.cap, self.policy.cap),
            pick(own.window_days, self.policy.window_days),
            pick(own.rest_days, self.policy.rest_days),
        )
    }
}
