//! Why the default relevance floor is what it is: on the sample program,
//! ranking the prospect of every opportunity (320 deals, each naming an
//! industry and use cases) with no floor, at most 5 % of the matches that
//! share neither an industry sector nor a use case with the prospect reach
//! [`DEFAULT_MIN_RELEVANCE`], and at least 95 % of those that share both
//! do.
//!
//! `cargo test --test rank_floor -- --nocapture` prints the figures that
//! `BENCHMARKS.md` ("Choosing the relevance floor") records.

use refmatch::model::EngagementKind;
use refmatch::rank::{DEFAULT_MIN_RELEVANCE, Explanation};
use refmatch::score::Factor;
use refmatch::{Date, Index, Library, Request};

fn similarity(explanation: &Explanation, factor: Factor) -> f64 {
    explanation.factors.iter().find(|f| f.factor == factor).map_or(0.0, |f| f.similarity)
}

/// The value below which `share` of the sorted `values` lie.
fn quantile(values: &[f64], share: f64) -> f64 {
    values[((values.len() - 1) as f64 * share).round() as usize]
}

fn above(values: &[f64], floor: f64) -> f64 {
    values.iter().filter(|&&v| v >= floor).count() as f64 / values.len() as f64
}

#[test]
fn the_default_floor_separates_matches_that_share_nothing() {
    let library = Library::sample();
    let index = Index::new(library.clone());
    let day: Date = "2026-12-01".parse().unwrap();
    // Per match: (shares the sector, shares a use case, relevance).
    let mut matches: Vec<(bool, bool, f64)> = Vec::new();
    for opportunity in library.opportunities() {
        let request = Request::new(EngagementKind::ReferenceCall, day)
            .with_k(10_000)
            .with_max_per_account(10_000)
            .with_min_relevance(0.0);
        for m in index.rank_advocates(&opportunity.prospect, &request).unwrap() {
            let e = &m.explanation;
            matches.push((
                similarity(e, Factor::Industry) > 0.0,
                similarity(e, Factor::UseCases) > 0.0,
                e.relevance,
            ));
        }
    }
    let group = |sector: bool, use_case: bool| {
        let mut values: Vec<f64> =
            matches.iter().filter(|m| m.0 == sector && m.1 == use_case).map(|m| m.2).collect();
        values.sort_by(f64::total_cmp);
        values
    };
    let (neither, sector_only, use_case_only, both) =
        (group(false, false), group(true, false), group(false, true), group(true, true));
    println!("{} opportunities, {} matches without a floor", library.opportunities().len(), matches.len());
    for (name, values) in [
        ("neither", &neither),
        ("sector only", &sector_only),
        ("use case only", &use_case_only),
        ("both", &both),
    ] {
        println!(
            "{name:>14}: {:>5} matches, relevance median {:.3}, 95th percentile {:.3}, max {:.3}; {:.1} % at or above {DEFAULT_MIN_RELEVANCE}",
            values.len(),
            quantile(values, 0.5),
            quantile(values, 0.95),
            values[values.len() - 1],
            100.0 * above(values, DEFAULT_MIN_RELEVANCE)
        );
    }
    println!("share at or above a floor of: 0.25 / 0.30 / 0.35 / 0.40");
    for (name, values) in [
        ("neither", &neither),
        ("sector only", &sector_only),
        ("use case only", &use_case_only),
        ("both", &both),
    ] {
        let shares: Vec<String> =
            [0.25, 0.30, 0.35, 0.40].iter().map(|&f| format!("{:.1} %", 100.0 * above(values, f))).collect();
        println!("{name:>14}: {}", shares.join(" / "));
    }
    assert!(above(&neither, DEFAULT_MIN_RELEVANCE) <= 0.05, "matches sharing nothing pass the floor");
    assert!(above(&both, DEFAULT_MIN_RELEVANCE) >= 0.95, "matches sharing a sector and a use case fail it");
}
