//! A plain, obviously-correct implementation of SCORING.md v1: loops over
//! the model's structs, `f64`, every rule and formula written out as the
//! document states it. It shares nothing with the engine but the taxonomy
//! tables. The exactness tests compare the engine against it; the
//! benchmarks measure the engine's speedup over it.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use refmatch::model::{AccountStatus, AdvocateStatus, Seniority, Story};
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

/// Why an advocate is out, by rule name ("E1".."E8", "E7/E8", "none" when
/// it is on no story), or its best candidate with `used(d)` and the cap.
#[derive(Debug, Clone, PartialEq)]
pub enum RefVerdict {
    Eligible { story: String, score: f64, used: u32, cap: u32 },
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

/// SCORING.md's industry depth, case by case.
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
    if den > 0.0 { num / den } else { 0.0 }
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

/// The advocate-level rules E1..E6 in order; `Ok((used, cap))` when the
/// advocate passes them. `held` are the days of its held engagements.
fn advocate_rules(
    lib: &Library,
    q: &Query,
    req: &Request,
    id: &str,
    held: &[Date],
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
    if held.iter().any(|&e| days(e, q.day).abs() < rest) {
        return Err("E5");
    }
    // used(d): every span of `window` days containing d, counted one by one.
    let mut used = 0;
    for start in 0..window {
        let first = -window + 1 + start; // offset of the span's first day from d
        let count = held.iter().filter(|&&e| {
            let off = days(e, q.day);
            first <= off && off < first + window
        });
        used = used.max(count.count() as u32);
    }
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

/// Each advocate's stories and held engagement days, gathered once.
struct Lists<'a> {
    stories: HashMap<&'a str, Vec<&'a Story>>,
    held: HashMap<&'a str, Vec<Date>>,
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
    let mut held: HashMap<&str, Vec<Date>> = HashMap::new();
    for e in lib.engagements().iter().filter(|e| e.status.is_held()) {
        held.entry(e.advocate.as_str()).or_default().push(e.date);
    }
    Lists { stories, held }
}

/// What SCORING.md makes of one advocate.
pub fn verdict(lib: &Library, prospect: &Prospect, req: &Request, id: &str) -> RefVerdict {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    verdict_with(lib, &q, req, id, &lists(lib))
}

fn verdict_with(lib: &Library, q: &Query, req: &Request, id: &str, lists: &Lists) -> RefVerdict {
    let stories = lists.stories.get(id).cloned().unwrap_or_default();
    if stories.is_empty() {
        return RefVerdict::Excluded("none");
    }
    let held = lists.held.get(id).cloned().unwrap_or_default();
    let (used, cap) = match advocate_rules(lib, q, req, id, &held) {
        Ok(v) => v,
        Err(rule) => return RefVerdict::Excluded(rule),
    };
    let seniority = lib.advocate(id).unwrap().seniority;
    let availability = 1.0 - 0.5 * used as f64 / cap as f64;
    let mut best: Option<(f64, &str)> = None;
    let mut rules = Vec::new();
    for story in stories {
        if let Some(rule) = story_rule(story, q) {
            rules.push(rule);
            continue;
        }
        let score = relevance(lib, q, story, Some(seniority)) * availability;
        let better = match best {
            None => true,
            Some((b, sid)) => score > b || (score == b && story.id.as_str() < sid),
        };
        if better {
            best = Some((score, &story.id));
        }
    }
    match best {
        Some((score, story)) => RefVerdict::Eligible { story: story.to_string(), score, used, cap },
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
    let held = lists.held.get(advocate).cloned().unwrap_or_default();
    let (used, cap) = advocate_rules(lib, &q, req, advocate, &held).ok()?;
    if story_rule(story, &q).is_some() {
        return None;
    }
    let seniority = lib.advocate(advocate).unwrap().seniority;
    Some(relevance(lib, &q, story, Some(seniority)) * (1.0 - 0.5 * used as f64 / cap as f64))
}

/// Every eligible advocate with its best candidate, in ranking order
/// (score descending, a tie to the smaller id as bytes), without the
/// per-account limit or `k`.
pub fn eligible_all(lib: &Library, prospect: &Prospect, req: &Request) -> Vec<RefMatch> {
    let q = query(lib, prospect, req.date, req.policy, &req.exclude_accounts);
    let lists = lists(lib);
    let mut all: Vec<RefMatch> = Vec::new();
    for adv in lib.advocates() {
        if let RefVerdict::Eligible { story, score, used, cap } = verdict_with(lib, &q, req, &adv.id, &lists)
        {
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

/// The score matrix of SCORING.md: the advocate ids in byte order, and per
/// prospect each advocate's best score (`None` when it is excluded).
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
                    RefVerdict::Eligible { score, .. } => Some(score),
                    RefVerdict::Excluded(_) => None,
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

/// The top `k`, as SCORING.md section 3 defines it.
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

/// The tolerance of SCORING.md's "Numbers" section.
pub const TOLERANCE: f64 = 1e-5;

/// The engine's top `k` (`(id, score)` pairs) against the reference's full
/// ordered list `all` (`(id, score)` pairs, per-account limit applied), per
/// SCORING.md's "Numbers": as many results as the reference's top `k`;
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
