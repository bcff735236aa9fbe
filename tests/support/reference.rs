//! A plain, obviously-correct implementation of the scoring model of the
//! `rank` module docs (version 1, with the relevance floor, rule E9, the
//! account cap, and rule E5's longer rest after a poor experience): loops over the model's structs, `f64`, every rule and
//! formula written out as the docs state it. It shares nothing with the
//! engine but the taxonomy tables and the text analysis
//! (`refmatch::text`, which turns a text into its terms). The exactness tests compare the engine
//! against it; the benchmarks measure the engine's speedup over it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use refmatch::model::{AccountStatus, AdvocateStatus, FeedbackFrom, Seniority, Story};
use refmatch::rank::Rule;
use refmatch::rank::{Request, StoryRequest};
use refmatch::taxonomy::{country, naics};
use refmatch::{Library, Policy, Prospect};

/// One ranked advocate (or story, with `advocate` empty and `used` and
/// `cap` 0).
#[derive(Debug, Clone, PartialEq)]
pub struct RefMatch {
    pub advocate: String,
    pub story: String,
    pub account: String,
    pub score: f64,
    pub used: u32,
    pub cap: u32,
}

/// Why an advocate is out, by rule name ("E1".."E9", "E7/E8", "none" when
/// it is on no story), or its best candidate with its relevance, `used(d)`
/// and the cap.
#[derive(Debug, Clone, PartialEq)]
pub enum RefVerdict {
    Eligible { story: String, score: f64, relevance: f64, used: u32, cap: u32 },
    Excluded(&'static str),
}

fn days(a: Date, b: Date) -> i64 {
    i64::from(a.since(b).unwrap().get_days())
}

fn tag(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

fn sector(code: &str) -> String {
    match &code[..2] {
        "31" | "32" | "33" => "31-33".into(),
        "44" | "45" => "44-45".into(),
        "48" | "49" => "48-49".into(),
        two => two.into(),
    }
}

fn code_len(code: &str) -> usize {
    if code.contains('-') { 2 } else { code.len() }
}

/// The industry depth of the rank module docs, case by case.
fn industry_sim(p: &str, a: &str) -> f64 {
    let depth = if sector(p) != sector(a) {
        0
    } else if p[..2] != a[..2] {
        2
    } else {
        let mut n = 0;
        while n < p.len() && n < a.len() && p.as_bytes()[n] == a.as_bytes()[n] {
            n += 1;
        }
        n.min(code_len(p))
    };
    depth as f64 / code_len(p) as f64
}

fn level(s: Seniority) -> f64 {
    match s {
        Seniority::Executive => 0.0,
        Seniority::Vp => 1.0,
        Seniority::Director => 2.0,
        Seniority::Manager => 3.0,
        Seniority::Individual => 4.0,
    }
}

struct Query<'a> {
    prospect: &'a Prospect,
    industry: Option<String>,
    day: Date,
    policy: Policy,
    exclude: &'a [String],
}

/// Relevance of a story at an account (and advocate seniority, if any).
fn relevance(lib: &Library, q: &Query, story: &Story, seniority: Option<Seniority>) -> f64 {
    let w = q.policy.weights;
    let p = q.prospect;
    let account = lib.account(&story.account).unwrap();
    let mut num = 0.0;
    let mut den = 0.0;
    let mut add = |weight: f64, sim: f64| {
        num += weight * sim;
        den += weight;
    };
    if let Some(code) = &q.industry {
        add(w.industry, industry_sim(code, &account.industry));
    }
    if !p.use_cases.is_empty() {
        let wanted: std::collections::BTreeSet<String> = p.use_cases.iter().map(|t| tag(t)).collect();
        let have: std::collections::BTreeSet<String> = story.use_cases.iter().map(|t| tag(t)).collect();
        add(w.use_cases, wanted.intersection(&have).count() as f64 / wanted.len() as f64);
    }
    if !p.products.is_empty() {
        let wanted: std::collections::BTreeSet<&String> = p.products.iter().collect();
        let have: std::collections::BTreeSet<&String> = story.products.iter().collect();
        add(w.products, wanted.intersection(&have).count() as f64 / wanted.len() as f64);
    }
    if let Some(e) = p.employees {
        let x = (account.employees as f64 / e as f64).log10();
        add(w.size, 2f64.powf(-(x * x)));
    }
    if let Some(c) = &p.country {
        let sim = if *c == account.country {
            1.0
        } else if country(c).unwrap().region == country(&account.country).unwrap().region {
            0.5
        } else {
            0.0
        };
        add(w.geography, sim);
    }
    if let (Some(ps), Some(a)) = (p.seniority, seniority) {
        add(w.seniority, (1.0 - (level(a) - level(ps)).abs() / 2.0).max(0.0));
    }
    if let Some(c) = &p.competitor {
        let hit = story.competitors.iter().any(|x| tag(x) == tag(c));
        add(w.competitor, if hit { 1.0 } else { 0.0 });
    }
    let age = days(q.day, story.verified_on).max(0) as f64;
    add(w.freshness, 2f64.powf(-age / 365.0));
    let evidence = if story.outcomes.iter().any(|o| o.value.is_some()) {
        1.0
    } else if story.outcomes.is_empty() {
        0.0
    } else {
        0.5
    };
    add(w.evidence, evidence);
    if let Some(text) = &p.text {
        // The prospect's terms: its distinct English stems, each with the
        // words that have it.
        let mut terms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for term in refmatch::text::terms(text, "en") {
            terms.entry(term.stem).or_default().insert(term.word);
        }
        if !terms.is_empty() {
            let found = terms.iter().filter(|(stem, words)| story_has(lib, story, stem, words)).count();
            add(w.text, found as f64 / terms.len() as f64);
        }
    }
    if den > 0.0 { num / den } else { 0.0 }
}

/// Whether the story has a prospect term (English stem `stem`, written as
/// `words`): the stem is among the English stems of its title, summary,
/// outcome descriptions and use cases, or one of the words, stemmed in a
/// quote's language, is among that quote's stems.
fn story_has(lib: &Library, story: &Story, stem: &str, words: &BTreeSet<String>) -> bool {
    let stems = |text: &str, language: &str| -> BTreeSet<String> {
        refmatch::text::terms(text, language).into_iter().map(|t| t.stem).collect()
    };
    let mut own: Vec<&str> = vec![&story.title, &story.summary];
    own.extend(story.outcomes.iter().map(|o| o.description.as_str()));
    own.extend(story.use_cases.iter().map(String::as_str));
    if own.iter().any(|text| stems(text, "en").contains(stem)) {
        return true;
    }
    lib.quotes().iter().filter(|q| q.story == story.id).any(|q| {
        let analyzer = refmatch::text::Analyzer::new(&q.language);
        let have = stems(&q.text, &q.language);
        words.iter().any(|w| analyzer.term(w).is_some_and(|s| have.contains(&s)))
    })
}

fn story_rule(story: &Story, q: &Query) -> Option<&'static str> {
    if q.exclude.contains(&story.account) {
        return Some("E8");
    }
    if !story.approved || story.approved_until.is_some_and(|u| u < q.day) {
        return Some("E7");
    }
    None
}

/// `used(d)` by its definition: every span of `window` days containing
/// `day`, counted one by one, over the held days `held`.
fn used(held: &[Date], day: Date, window: i64) -> u32 {
    let mut used = 0;
    for start in 0..window {
        let first = -window + 1 + start; // offset of the span's first day from d
        let count = held.iter().filter(|&&e| {
            let off = days(e, day);
            first <= off && off < first + window
        });
        used = used.max(count.count() as u32);
    }
    used
}

/// Rule E9 for the advocate's account: `true` when the policy's account
/// cap is reached on the day by the held engagements of every advocate of
/// the account together.
fn account_full(lib: &Library, q: &Query, lists: &Lists, advocate: &str) -> bool {
    let Some(limit) = q.policy.account_cap else { return false };
    let account = &lib.advocate(advocate).unwrap().account;
    let held: Vec<Date> = lib
        .advocates()
        .iter()
        .filter(|a| a.account == *account)
        .flat_map(|a| lists.held.get(a.id.as_str()).cloned().unwrap_or_default())
        .collect();
    used(&held, q.day, i64::from(limit.window_days)) >= limit.cap
}

/// Rule E5 as the docs state it: a held engagement on day `e` holds `day`
/// when `-rest < day - e < rest + extra`, `extra` the policy's
/// `poor_feedback.extra_rest_days` when the advocate rated that engagement
/// at most `poor_feedback.at_most`, else 0. `rated` are the held days the
/// advocate rated, with the rating.
fn rested(policy: &Policy, held: &[Date], rated: &[(Date, u8)], day: Date, rest: i64) -> bool {
    let within = |e: Date, extra: i64| {
        let after = days(day, e);
        -rest < after && after < rest + extra
    };
    let extra = |rating: u8| match policy.poor_feedback {
        Some(poor) if rating <= poor.at_most => i64::from(poor.extra_rest_days),
        _ => 0,
    };
    held.iter().any(|&e| within(e, 0)) || rated.iter().any(|&(e, r)| within(e, extra(r)))
}

/// The advocate-level rules E1..E6 in order; `Ok((used, cap))` when the
/// advocate passes them. `held` are the days of its held engagements,
/// `rated` those the advocate rated, with the rating.
fn advocate_rules(
    lib: &Library,
    q: &Query,
    req: &Request,
    id: &str,
    (held, rated): (&[Date], &[(Date, u8)]),
) -> Result<(u32, u32), &'static str> {
    let adv = lib.advocate(id).unwrap();
    let account = lib.account(&adv.account).unwrap();
    if adv.status != AdvocateStatus::Active || account.status == AccountStatus::DoNotContact {
        return Err("E1");
    }
    if !adv.kinds.contains(&req.kind) {
        return Err("E2");
    }
    let wanted = if req.languages.is_empty() { &q.prospect.languages } else { &req.languages };
    if !wanted.is_empty() {
        let speaks = adv
            .languages
            .iter()
            .any(|l| wanted.iter().any(|w| w.trim().to_lowercase() == l.trim().to_lowercase()));
        if !speaks {
            return Err("E3");
        }
    }
    if adv.blackouts.iter().any(|b| b.start <= q.day && q.day <= b.end) {
        return Err("E4");
    }
    // Each limit: the advocate's own, else its seniority tier's, else the program's.
    let tier = q.policy.tiers.get(adv.seniority);
    let cap = adv.cap.or(tier.cap).unwrap_or(q.policy.cap);
    let window = i64::from(adv.window_days.or(tier.window_days).unwrap_or(q.policy.window_days));
    let rest = i64::from(adv.rest_days.or(tier.rest_days).unwrap_or(q.policy.rest_days));
    if rested(&q.policy, held, rated, q.day, rest) {
        return Err("E5");
    }
    let used = used(held, q.day, window);
    if used >= cap {
        return Err("E6");
    }
    Ok((used, cap))
}

fn query<'a>(
    lib: &Library,
    prospect: &'a Prospect,
    day: Date,
    policy: Option<Policy>,
    exclude: &'a [String],
) -> Query<'a> {
    Query {
        prospect,
        industry: prospect.industry.as_ref().map(|l| naics().resolve(l).unwrap().code),
        day,
        policy: policy.unwrap_or(*lib.policy()),
        exclude,
    }
}

/// Each advocate's stories and held engagement days, and the held days it
/// rated itself with the rating, gathered once.
struct Lists<'a> {
    stories: HashMap<&'a str, Vec<&'a Story>>,
    held: HashMap<&'a str, Vec<Date>>,
    rated: HashMap<&'a str, Vec<(Date, u8)>>,
}

impl Lists<'_> {
    fn held_and_rated(&self, id: &str) -> (Vec<Date>, Vec<(Date, u8)>) {
        (self.held.get(id).cloned().unwrap_or_default(), self.rated.get(id).cloned().unwrap_or_default())
    }
}

fn lists(lib: &Library) -> Lists<'_> {
    let mut stories: HashMap<&str, Vec<&Story>> = HashMap::new();
    for story in lib.stories() {
        let mut tellers: Vec<&str> = story.advocates.iter().map(String::as_str).collect();
        tellers.sort();
        tellers.dedup();
        for advocate in tellers {
            stories.entry(advocate).or_default().push(story);
        }
    }
    let own: HashMap<&str, u8> = lib
        .feedback()
        .iter()
        .filter(|f| f.from == FeedbackFrom::Advocate)
        .map(|f| (f.engagement.as_str(), f.rating))
        .collect();
    let mut held: HashMap<&str, Vec<Date>> = HashMap::new();
    let mut rated: HashMap<&str, Vec<(Date, u8)>> = HashMap::new();
    for e in lib.engagements().iter().filter(|e| e.status.is_held()) {
        held.entry(e.advocate.as_str()).or_default().push(e.date);
        if let Some(&rating) = own.get(e.id.as_str()) {
            rated.entry(e.advocate.as_str()).or_default().push((e.date, rating));
        }
    }
    Lists { stories, held, rated }
}

/// What the rules make of one advocate.
pub fn verdict(lib: &Library, prospect: &Prospect, req: &Request, id: &str) -> RefVerdict {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    verdict_with(lib, &q, req, id, &lists(lib))
}

fn verdict_with(lib: &Library, q: &Query, req: &Request, id: &str, lists: &Lists) -> RefVerdict {
    let stories = lists.stories.get(id).cloned().unwrap_or_default();
    if stories.is_empty() {
        return RefVerdict::Excluded("none");
    }
    let (held, rated) = lists.held_and_rated(id);
    let (used, cap) = match advocate_rules(lib, q, req, id, (&held, &rated)) {
        Ok(v) => v,
        Err(rule) => return RefVerdict::Excluded(rule),
    };
    let seniority = lib.advocate(id).unwrap().seniority;
    let availability = 1.0 - 0.5 * used as f64 / cap as f64;
    let mut best: Option<(f64, f64, &str)> = None;
    let mut rules = Vec::new();
    for story in stories {
        if let Some(rule) = story_rule(story, q) {
            rules.push(rule);
            continue;
        }
        let relevance = relevance(lib, q, story, Some(seniority));
        let score = relevance * availability;
        let better = match best {
            None => true,
            Some((b, _, sid)) => score > b || (score == b && story.id.as_str() < sid),
        };
        if better {
            best = Some((score, relevance, &story.id));
        }
    }
    match best {
        Some(_) if account_full(lib, q, lists, id) => RefVerdict::Excluded("E9"),
        Some((score, relevance, story)) => {
            RefVerdict::Eligible { story: story.to_string(), score, relevance, used, cap }
        }
        None if rules.iter().all(|r| *r == "E8") => RefVerdict::Excluded("E8"),
        None if rules.contains(&"E8") => RefVerdict::Excluded("E7/E8"),
        None => RefVerdict::Excluded("E7"),
    }
}

/// The score of one candidate (advocate, story) when it passes every rule,
/// `None` when a rule drops it or the advocate is not on the story.
pub fn candidate_score(
    lib: &Library,
    prospect: &Prospect,
    req: &Request,
    advocate: &str,
    story: &str,
) -> Option<f64> {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    let lists = lists(lib);
    let story = *lists.stories.get(advocate)?.iter().find(|s| s.id == story)?;
    let (held, rated) = lists.held_and_rated(advocate);
    let (used, cap) = advocate_rules(lib, &q, req, advocate, (&held, &rated)).ok()?;
    if story_rule(story, &q).is_some() || account_full(lib, &q, &lists, advocate) {
        return None;
    }
    let seniority = lib.advocate(advocate).unwrap().seniority;
    Some(relevance(lib, &q, story, Some(seniority)) * (1.0 - 0.5 * used as f64 / cap as f64))
}

/// Every eligible advocate whose best relevance reaches the request's
/// floor, with its best candidate, in ranking order (score descending, a
/// tie to the smaller id as bytes), without the per-account limit or `k`.
pub fn eligible_all(lib: &Library, prospect: &Prospect, req: &Request) -> Vec<RefMatch> {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    let lists = lists(lib);
    let mut all: Vec<RefMatch> = Vec::new();
    for adv in lib.advocates() {
        if let RefVerdict::Eligible { story, score, relevance, used, cap } =
            verdict_with(lib, &q, req, &adv.id, &lists)
        {
            if relevance < req.min_relevance {
                continue;
            }
            all.push(RefMatch {
                advocate: adv.id.clone(),
                story,
                account: adv.account.clone(),
                score,
                used,
                cap,
            });
        }
    }
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.advocate.as_bytes().cmp(b.advocate.as_bytes())));
    all
}

/// The score matrix: the advocate ids in byte order, and per prospect each
/// advocate's best score (`None` when it is excluded or below the floor).
pub fn score_matrix(
    lib: &Library,
    prospects: &[Prospect],
    req: &Request,
) -> (Vec<String>, Vec<Vec<Option<f64>>>) {
    let mut ids: Vec<String> = lib.advocates().iter().map(|a| a.id.clone()).collect();
    ids.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let lists = lists(lib);
    let rows = prospects
        .iter()
        .map(|prospect| {
            let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
            ids.iter()
                .map(|id| match verdict_with(lib, &q, req, id, &lists) {
                    RefVerdict::Eligible { score, relevance, .. } if relevance >= req.min_relevance => {
                        Some(score)
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    (ids, rows)
}

/// Every eligible advocate with its best candidate, in ranking order, with
/// the per-account limit applied but not `k` (callers cut).
pub fn rank_all(lib: &Library, prospect: &Prospect, req: &Request) -> Vec<RefMatch> {
    let mut all = eligible_all(lib, prospect, req);
    let mut per_account: HashMap<String, usize> = HashMap::new();
    all.retain(|m| {
        let n = per_account.entry(m.account.clone()).or_default();
        *n += 1;
        *n <= req.max_per_account
    });
    all
}

/// The top `k`, as the rank module's "Score and order" defines it.
pub fn rank(lib: &Library, prospect: &Prospect, req: &Request) -> Vec<RefMatch> {
    let mut all = rank_all(lib, prospect, req);
    all.truncate(req.k);
    all
}

/// Stories as content (section 4), every one that takes part, ordered,
/// with the per-account limit applied but not `k`.
pub fn rank_stories_all(lib: &Library, prospect: &Prospect, req: &StoryRequest) -> Vec<RefMatch> {
    let mut policy = *lib.policy();
    if let Some(w) = req.weights {
        policy.weights = w;
    }
    let q = query(lib, prospect, req.date, Some(policy), &req.exclude_accounts);
    let mut all: Vec<RefMatch> = lib
        .stories()
        .iter()
        .filter(|s| story_rule(s, &q).is_none())
        .filter(|s| {
            s.assets
                .iter()
                .any(|a| a.kind == req.asset_kind && a.approved_until.is_none_or(|u| req.date <= u))
        })
        .map(|s| RefMatch {
            advocate: String::new(),
            story: s.id.clone(),
            account: s.account.clone(),
            score: relevance(lib, &q, s, None),
            used: 0,
            cap: 0,
        })
        .collect();
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.story.as_bytes().cmp(b.story.as_bytes())));
    let mut per_account: BTreeMap<String, usize> = BTreeMap::new();
    all.retain(|m| {
        let n = per_account.entry(m.account.clone()).or_default();
        *n += 1;
        *n <= req.max_per_account
    });
    all
}

/// The tolerance of the rank module's "Numbers and determinism" section.
pub const TOLERANCE: f64 = 1e-5;

/// The engine's top `k` (`(id, score)` pairs) against the reference's full
/// ordered list `all` (`(id, score)` pairs, per-account limit applied), per
/// the rank module's "Numbers and determinism": as many results as the reference's top `k`;
/// every score within [`TOLERANCE`] of the reference's score at that
/// position; the ids equal wherever the reference's neighbouring scores
/// differ by more than the tolerance; no id twice.
#[track_caller]
pub fn assert_same_order(engine: &[(String, f64)], all: &[(String, f64)], k: usize, context: &str) {
    let expected = &all[..all.len().min(k)];
    assert_eq!(
        engine.len(),
        expected.len(),
        "{context}: result count: engine {engine:?}, reference {expected:?}"
    );
    for (i, ((id, score), (want_id, want))) in engine.iter().zip(expected).enumerate() {
        assert!((score - want).abs() <= TOLERANCE, "{context}: score at {i}: {score} vs {want}");
        if id != want_id {
            let near = |j: usize| all.get(j).is_some_and(|(_, s)| (s - want).abs() <= TOLERANCE);
            assert!(
                (i > 0 && near(i - 1)) || near(i + 1),
                "{context}: position {i} is {id}, reference says {want_id} ({want}); engine {engine:?}"
            );
        }
    }
    let mut ids: Vec<&String> = engine.iter().map(|(id, _)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), engine.len(), "{context}: an id twice in {engine:?}");
}

/// [`assert_same_order`] for advocates: engine `(advocate, score)` pairs
/// against [`rank_all`].
#[track_caller]
pub fn assert_same_ranking(engine: &[(String, f64)], all: &[RefMatch], k: usize, context: &str) {
    let all: Vec<(String, f64)> = all.iter().map(|m| (m.advocate.clone(), m.score)).collect();
    assert_same_order(engine, &all, k, context);
}

/// [`assert_same_order`] for stories: engine `(story, score)` pairs against
/// [`rank_stories_all`].
#[track_caller]
pub fn assert_same_story_ranking(engine: &[(String, f64)], all: &[RefMatch], k: usize, context: &str) {
    let all: Vec<(String, f64)> = all.iter().map(|m| (m.story.clone(), m.score)).collect();
    assert_same_order(engine, &all, k, context);
}

/// What `Index::rank` counts, written out: per rule, the candidates it
/// excludes (each under the first rule that drops it, in the order E1..E6,
/// E8, E7, E9), the candidates that pass every rule below the floor, and
/// the best of those (relevance, advocate id; a tie to the smaller id).
pub struct RefCounts {
    pub excluded: BTreeMap<Rule, usize>,
    pub below_floor: usize,
    pub best_below: Option<(f64, String)>,
}

pub fn counts(lib: &Library, prospect: &Prospect, req: &Request) -> RefCounts {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    let lists = lists(lib);
    let mut out = RefCounts { excluded: BTreeMap::new(), below_floor: 0, best_below: None };
    let rule_of = |name: &str| -> Rule { name.parse().unwrap() };
    for adv in lib.advocates() {
        let stories = lists.stories.get(adv.id.as_str()).cloned().unwrap_or_default();
        let (held, rated) = lists.held_and_rated(&adv.id);
        if let Err(rule) = advocate_rules(lib, &q, req, &adv.id, (&held, &rated)) {
            *out.excluded.entry(rule_of(rule)).or_default() += stories.len();
            continue;
        }
        let usable: Vec<&Story> = stories
            .into_iter()
            .filter(|story| match story_rule(story, &q) {
                Some(rule) => {
                    *out.excluded.entry(rule_of(rule)).or_default() += 1;
                    false
                }
                None => true,
            })
            .collect();
        if usable.is_empty() {
            continue;
        }
        if account_full(lib, &q, &lists, &adv.id) {
            *out.excluded.entry(Rule::AccountCapacity).or_default() += usable.len();
            continue;
        }
        for story in usable {
            let relevance = relevance(lib, &q, story, Some(adv.seniority));
            if relevance < req.min_relevance {
                out.below_floor += 1;
                let better = match &out.best_below {
                    None => true,
                    Some((best, id)) => {
                        relevance > *best || (relevance == *best && adv.id.as_bytes() < id.as_bytes())
                    }
                };
                if better {
                    out.best_below = Some((relevance, adv.id.clone()));
                }
            }
        }
    }
    out
}

/// The advocates `Index::rank` holds back, written out: those left out
/// only by a timing rule (E4, E5, E6 or E9: rules E1..E3 pass, and a story
/// passes E7 and E8) whose best usable story's relevance reaches the floor
/// and beats `bar` (the last score of a full list; `None` for a short
/// one), by relevance descending, a tie to the smaller id; with the rule.
pub fn held_back(
    lib: &Library,
    prospect: &Prospect,
    req: &Request,
    bar: Option<f64>,
) -> Vec<(String, f64, &'static str)> {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    let lists = lists(lib);
    let mut out = Vec::new();
    for adv in lib.advocates() {
        let (held, rated) = lists.held_and_rated(&adv.id);
        let rule = match advocate_rules(lib, &q, req, &adv.id, (&held, &rated)) {
            Err(rule @ ("E4" | "E5" | "E6")) => rule,
            Err(_) => continue,
            Ok(_) if account_full(lib, &q, &lists, &adv.id) => "E9",
            Ok(_) => continue,
        };
        let stories = lists.stories.get(adv.id.as_str()).cloned().unwrap_or_default();
        let best = stories
            .iter()
            .filter(|s| story_rule(s, &q).is_none())
            .map(|s| relevance(lib, &q, s, Some(adv.seniority)))
            .fold(None, |best: Option<f64>, r| Some(best.map_or(r, |b| b.max(r))));
        if let Some(relevance) = best
            && relevance >= req.min_relevance
            && bar.is_none_or(|bar| relevance > bar)
        {
            out.push((adv.id.clone(), relevance, rule));
        }
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.as_bytes().cmp(b.0.as_bytes())));
    out
}

/// The first day on or after `day` on which the advocate passes rules E1,
/// E4, E5, E6 and E9 under `policy`, by walking day by day (`None` when
/// E1 fails); the walk ends past every held day, blackout and window.
pub fn next_available(lib: &Library, policy: &Policy, advocate: &str, day: Date) -> Option<Date> {
    let adv = lib.advocate(advocate).unwrap();
    let account = lib.account(&adv.account).unwrap();
    if adv.status != AdvocateStatus::Active || account.status == AccountStatus::DoNotContact {
        return None;
    }
    let lists = lists(lib);
    let (held, rated) = lists.held_and_rated(advocate);
    // Each limit: the advocate's own, else its seniority tier's, else the program's.
    let tier = policy.tiers.get(adv.seniority);
    let cap = adv.cap.or(tier.cap).unwrap_or(policy.cap);
    let window = i64::from(adv.window_days.or(tier.window_days).unwrap_or(policy.window_days));
    let rest = i64::from(adv.rest_days.or(tier.rest_days).unwrap_or(policy.rest_days));
    let colleagues: Vec<Date> = lib
        .advocates()
        .iter()
        .filter(|a| a.account == adv.account)
        .flat_map(|a| lists.held.get(a.id.as_str()).cloned().unwrap_or_default())
        .collect();
    let extra = policy.poor_feedback.map_or(0, |p| i64::from(p.extra_rest_days));
    let reach = window + rest + extra + policy.account_cap.map_or(0, |c| i64::from(c.window_days));
    let last =
        colleagues.iter().chain(adv.blackouts.iter().map(|b| &b.end)).max().copied().unwrap_or(day).max(day);
    let mut x = day;
    while days(x, last) <= reach + 1 {
        let blackout = adv.blackouts.iter().any(|b| b.start <= x && x <= b.end);
        let free_of_rest = !rested(policy, &held, &rated, x, rest);
        let free = used(&held, x, window) < cap;
        let account_free =
            policy.account_cap.is_none_or(|c| used(&colleagues, x, i64::from(c.window_days)) < c.cap);
        if !blackout && free_of_rest && free && account_free {
            return Some(x);
        }
        x = x.tomorrow().unwrap();
    }
    None
}
