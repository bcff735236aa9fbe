//! Planning a quarter's references at once: 60 open opportunities on the
//! sample program, more demand than the advocates can carry. Prints the
//! exact allocation, what greedy one-by-one ranking would have done, the
//! group sessions proposed for what stays unfilled, and the fatigue
//! summary once the allocation is recorded in the ledger. Every request
//! keeps the default relevance floor (0.35), so no slot is filled with a
//! match that fits badly, and the sample's account cap (5 engagements per
//! account per 90 days) holds across the batch.
//!
//! `cargo run --example quarter_plan`

use jiff::ToSpan;
use refmatch::allocate::{AllocationRequest, Planner, SessionOptions, Unfilled};
use refmatch::ledger::{Actor, Program};
use refmatch::model::{EngagementKind, Seniority};
use refmatch::{Date, Library, Prospect, Request};

/// (industry, country, language, use case) of the opportunities, from
/// the sample's own industries, countries and use cases.
const DEALS: [(&str, &str, &str, &str); 12] = [
    ("522110", "DE", "de", "fraud detection"),
    ("522110", "US", "en", "customer onboarding"),
    ("524126", "US", "en", "claims automation"),
    ("541511", "GB", "en", "customer retention"),
    ("622110", "FR", "fr", "patient intake"),
    ("336390", "DE", "de", "predictive maintenance"),
    ("445110", "US", "en", "demand forecasting"),
    ("513210", "SE", "en", "revenue recognition"),
    ("522320", "NL", "en", "identity verification"),
    ("484121", "MX", "es", "supply chain visibility"),
    ("517111", "JP", "ja", "customer service automation"),
    ("424210", "CH", "de", "accounts payable automation"),
];

fn short(reason: &Unfilled) -> String {
    match reason {
        Unfilled::NoEligibleAdvocate => "no eligible advocate".to_string(),
        Unfilled::AtCapacity { advocates } => format!("candidates at cap: {}", advocates.join(", ")),
        Unfilled::TakenByBetterRequests { taken } => {
            let first: Vec<String> =
                taken.iter().take(2).map(|t| format!("{} (to {})", t.advocate, t.by.join("+"))).collect();
            format!("taken: {}{}", first.join(", "), if taken.len() > 2 { ", ..." } else { "" })
        }
        Unfilled::AccountAtCapacity { accounts } => {
            format!("accounts at their cap: {}", accounts.join(", "))
        }
        _ => "other".to_string(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let library = Library::sample();
    let advocates = library.advocates().len();
    let program = Program::new(library);
    let plan: Date = "2027-01-04".parse()?;
    let levels = [Seniority::Executive, Seniority::Vp, Seniority::Director, Seniority::Manager];
    let requests: Vec<AllocationRequest> = (0..60)
        .map(|i| {
            let (industry, country, language, use_case) = DEALS[i % DEALS.len()];
            let prospect = Prospect::new()
                .with_industry(industry)
                .with_country(country)
                .with_language(language)
                .with_use_case(use_case)
                .with_employees(500 + 700 * (i as u64 % 9))
                .with_seniority(levels[i % levels.len()]);
            let kind = if i % 10 == 9 { EngagementKind::SiteVisit } else { EngagementKind::ReferenceCall };
            let day = plan.checked_add(((i as i64 * 3) % 84).days()).expect("a day in Q1 2027");
            AllocationRequest::new(format!("opp-{:02}", i + 1), prospect, Request::new(kind, day))
                .with_slots(1 + i % 3)
        })
        .collect();

    let planner = Planner::new(plan);
    let allocation = planner.allocate_in(&program, &requests)?;
    let greedy = planner.greedy_in(&program, &requests)?;
    println!(
        "Q1 2027 plan on {plan}: {} opportunities want {} advocates; the program has {advocates}\n",
        requests.len(),
        allocation.slots()
    );
    println!("Allocation (exact: most slots filled, then highest total score)");
    for got in allocation.requests() {
        let chosen: Vec<String> = got
            .chosen
            .iter()
            .map(|m| format!("{} ({}) {:.3}", m.advocate_name(), m.account_name(), m.score))
            .collect();
        let missing = match &got.reason {
            Some(reason) => format!("  [{} unfilled: {}]", got.unfilled, short(reason)),
            None => String::new(),
        };
        println!("  {} {} x{}: {}{missing}", got.id, got.date, got.slots, chosen.join(", "));
    }

    println!("\nGreedy one-by-one versus exact");
    println!("  {:<8} {:>7} {:>12}", "", "filled", "total score");
    println!("  {:<8} {:>7} {:>12.3}", "greedy", greedy.filled(), greedy.total_score());
    println!("  {:<8} {:>7} {:>12.3}", "exact", allocation.filled(), allocation.total_score());
    println!(
        "  exact fills {:+} slots and adds {:+.3} score",
        allocation.filled() as i64 - greedy.filled() as i64,
        allocation.total_score() - greedy.total_score()
    );

    let sessions = allocation.sessions(&SessionOptions::new());
    println!("\nProposed group sessions (up to 8 prospects, each at >= 0.6 of its best score)");
    for session in &sessions.sessions {
        let seats: Vec<String> =
            session.attendees.iter().map(|a| format!("{} {:.3}/{:.3}", a.request, a.score, a.best)).collect();
        println!(
            "  {} ({}) telling \"{}\" (mean {:.3}): {}",
            session.advocate_name,
            session.account_name,
            session.story_title,
            session.mean_score,
            seats.join(", ")
        );
    }
    println!(
        "  still unfilled: {}",
        if sessions.unfilled.is_empty() { "none".to_string() } else { sessions.unfilled.join(", ") }
    );

    // Mid-quarter, the 90-day windows hold most of the quarter's calls.
    let mid = plan.checked_add(42.days())?;
    let at_cap_before = program.at_or_over_cap(mid).len();
    let ids = allocation.record(&program, &Actor::sales_rep("rep-planner"))?;
    let summary = program.fatigue_summary(mid);
    let mut busiest: Vec<_> = summary.iter().filter(|f| f.used > 0).collect();
    // Closest to their cap first: used / cap compared as used x cap' against used' x cap.
    busiest.sort_by(|a, b| (b.used * a.cap, &a.advocate).cmp(&(a.used * b.cap, &b.advocate)));
    println!("\nFatigue on {mid} after recording {} requests", ids.len());
    println!("  at or over cap: {at_cap_before} before, {} after", program.at_or_over_cap(mid).len());
    for f in busiest.iter().take(10) {
        let next = f.next_available.map_or("-".to_string(), |d| d.to_string());
        println!("  {} used {}/{} (next free {next})", f.advocate, f.used, f.cap);
    }
    Ok(())
}
