//! Small hand-built records and the small valid library the validation
//! tests mutate one rule at a time.

use jiff::civil::{Date, date};
use refmatch::model::{
    Account, AccountFigure, AccountStatus, Advocate, AdvocateStatus, DateRange, Engagement, EngagementKind,
    EngagementStatus, Opportunity, OpportunityStatus, Outcome, Product, Seniority, Story,
};
use refmatch::{LibraryData, Policy, Prospect};

pub fn product(id: &str, name: &str, family: &str) -> Product {
    Product { id: id.into(), name: name.into(), family: family.into() }
}

pub fn account(id: &str, industry: &str, employees: u64, country: &str) -> Account {
    Account {
        id: id.into(),
        name: format!("Account {id}"),
        industry: industry.into(),
        employees,
        country: country.into(),
        status: AccountStatus::Active,
        owner: "Olga Owner".into(),
        owner_id: "olga-owner".into(),
        advisory_board: Vec::new(),
    }
}

pub fn advocate(id: &str, account: &str, languages: &[&str]) -> Advocate {
    Advocate {
        id: id.into(),
        account: account.into(),
        name: format!("Advocate {id}"),
        title: "Head of Finance".into(),
        seniority: Seniority::Director,
        languages: languages.iter().map(|l| l.to_string()).collect(),
        kinds: vec![EngagementKind::ReferenceCall, EngagementKind::CaseStudy],
        status: AdvocateStatus::Active,
        cap: None,
        window_days: None,
        rest_days: None,
        blackouts: Vec::new(),
    }
}

pub fn outcome(value: Option<f64>) -> Outcome {
    Outcome { metric: "close time".into(), value, unit: "%".into(), description: "faster close".into() }
}

pub fn story(id: &str, account: &str, products: &[&str], advocates: &[&str], verified_on: Date) -> Story {
    Story {
        id: id.into(),
        account: account.into(),
        title: format!("Story {id}"),
        summary: "A summary.".into(),
        products: products.iter().map(|p| p.to_string()).collect(),
        use_cases: vec!["fraud detection".into()],
        advocates: advocates.iter().map(|a| a.to_string()).collect(),
        outcomes: Vec::new(),
        competitors: Vec::new(),
        assets: Vec::new(),
        verified_on,
        approved: true,
        approved_until: None,
    }
}

pub fn engagement(id: &str, advocate: &str, story: &str, on: Date) -> Engagement {
    Engagement {
        id: id.into(),
        advocate: advocate.into(),
        story: story.into(),
        kind: EngagementKind::ReferenceCall,
        date: on,
        status: EngagementStatus::Completed,
        prospect: None,
    }
}

/// A small valid library: products p1, p2; accounts a1 (DE), a2 (US);
/// advocates v1, v2 at a1 and v3 at a2; story s1 at a1 told by v1 and v2,
/// story s2 at a2 told by v3; engagements e1 (v1, s1) and e2 (v3, s2);
/// opportunity o1 supported by e1; one figure of a1.
pub fn base() -> LibraryData {
    let mut v1 = advocate("v1", "a1", &["en", "de"]);
    v1.blackouts.push(DateRange { start: date(2026, 3, 1), end: date(2026, 3, 5) });
    let mut s1 = story("s1", "a1", &["p1"], &["v1", "v2"], date(2025, 6, 15));
    s1.outcomes = vec![outcome(Some(50.0)), outcome(None)];
    LibraryData {
        policy: Policy::default(),
        products: vec![product("p1", "Ledger", "Finance"), product("p2", "Insight", "Analytics")],
        accounts: vec![account("a1", "522110", 5000, "DE"), account("a2", "541511", 200, "US")],
        advocates: vec![v1, advocate("v2", "a1", &["en"]), advocate("v3", "a2", &["en"])],
        stories: vec![s1, story("s2", "a2", &["p1", "p2"], &["v3"], date(2024, 11, 20))],
        engagements: vec![
            engagement("e1", "v1", "s1", date(2025, 9, 1)),
            engagement("e2", "v3", "s2", date(2025, 10, 1)),
        ],
        opportunities: vec![opportunity("o1", &["e1"])],
        account_figures: vec![figure("a1", date(2025, 1, 1), Some(4800), Some(2.0e9))],
        quotes: Vec::new(),
        history: Vec::new(),
        feedback: Vec::new(),
        hidden_accounts: Vec::new(),
    }
}

/// A won opportunity of 100,000 for a German bank, created 2025-08-01 and
/// closed 2025-10-15, supported by `engagements`.
pub fn opportunity(id: &str, engagements: &[&str]) -> Opportunity {
    Opportunity {
        id: id.into(),
        name: format!("Prospect {id}"),
        prospect: Prospect::new().with_industry("522110").with_employees(3000).with_country("DE"),
        amount: 100_000.0,
        stage: "closed".into(),
        created: date(2025, 8, 1),
        close: date(2025, 10, 15),
        status: OpportunityStatus::Won,
        engagements: engagements.iter().map(|e| e.to_string()).collect(),
    }
}

/// Figures of `account` on `on`.
pub fn figure(account: &str, on: Date, employees: Option<u64>, revenue: Option<f64>) -> AccountFigure {
    AccountFigure { account: account.into(), date: on, employees, revenue }
}
