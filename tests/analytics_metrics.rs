//! Every metric on a small hand-built program, each expected value worked
//! out by hand in the comments; then the workflow-history metrics on live
//! requests, empty inputs, and bad options.
//!
//! The program (period 2025-06-01..=2026-01-31, default policy: cap 4 per
//! 90 days, rest 14 days):
//! - accounts a1 (522110 bank, 5000, DE, board 2024-2026), a2 (541511
//!   software, 200, US, board 2025), a3 (622110 hospital, 50, JP, board
//!   2024-2025);
//! - advocates v1, v2 (cap 1) at a1; v3 at a2; v4 and v5 (departed) at a3;
//! - stories s1 (a1: v1, v2), s2 (a2: v3), s3 (a3: v4, v5);
//! - engagements e1 v1 completed 2025-09-01; e2 v3 completed 2025-10-01 for
//!   "o5"; e3 v1 declined 2025-11-01; e4 v2 approved 2026-02-01; e5 v1
//!   requested 2026-01-20; e6 v3 cancelled 2025-12-01; e7 v1 completed
//!   2024-12-01.

mod common;

use std::sync::{Arc, Mutex};

use common::fixtures::{account, advocate, engagement, figure, opportunity, story};
use jiff::civil::{Date, date};
use jiff::{SignedDuration, Timestamp};
use refmatch::analytics::metrics::{MetricsError, MetricsOptions, NO_REASON, ProgramMetrics, SizeBand};
use refmatch::ledger::{Actor, Options, Program};
use refmatch::model::{AdvocateStatus, DateRange, EngagementKind, EngagementStatus, OpportunityStatus};
use refmatch::taxonomy::SalesRegion;
use refmatch::{Library, LibraryData, Prospect};

const PERIOD: DateRange = DateRange { start: date(2025, 6, 1), end: date(2026, 1, 31) };

fn open_or_closed(
    id: &str,
    status: OpportunityStatus,
    amount: f64,
    created: Date,
    close: Date,
) -> refmatch::model::Opportunity {
    let mut o = opportunity(id, &[]);
    (o.status, o.amount, o.created, o.close) = (status, amount, created, close);
    o
}

fn library() -> LibraryData {
    let mut a1 = account("a1", "522110", 5000, "DE");
    a1.advisory_board = vec![2024, 2025, 2026];
    let mut a2 = account("a2", "541511", 200, "US");
    a2.advisory_board = vec![2025];
    let mut a3 = account("a3", "622110", 50, "JP");
    a3.advisory_board = vec![2024, 2025];
    let mut v2 = advocate("v2", "a1", &["en"]);
    v2.cap = Some(1);
    let mut v5 = advocate("v5", "a3", &["en"]);
    v5.status = AdvocateStatus::Departed;
    let at = |id, adv, sty, on, status| {
        let mut e = engagement(id, adv, sty, on);
        e.status = status;
        e
    };
    let mut e2 = engagement("e2", "v3", "s2", date(2025, 10, 1));
    e2.prospect = Some("o5".into());

    use OpportunityStatus::{Lost, Open, Won};
    let mut o1 = opportunity("o1", &["e1"]); // won 100k, 2025-08-01..2025-10-15
    o1.status = Won;
    let mut o2 = open_or_closed("o2", Lost, 50_000.0, date(2025, 7, 1), date(2025, 9, 15));
    o2.engagements = vec!["e2".into()];
    let o3 = open_or_closed("o3", Won, 30_000.0, date(2025, 5, 1), date(2025, 6, 30));
    let o4 = open_or_closed("o4", Won, 200_000.0, date(2025, 1, 1), date(2025, 3, 1));
    let o5 = open_or_closed("o5", Open, 80_000.0, date(2025, 12, 1), date(2026, 3, 1));
    let mut o6 = open_or_closed("o6", Lost, 40_000.0, date(2025, 9, 1), date(2025, 11, 30));
    o6.engagements = vec!["e3".into()];
    let o7 = open_or_closed("o7", Open, 60_000.0, date(2026, 3, 1), date(2026, 6, 1));
    let mut o8 = open_or_closed("o8", Open, 10_000.0, date(2025, 12, 1), date(2026, 2, 1));
    o8.prospect.country = None;
    let mut o9 = open_or_closed("o9", Open, 70_000.0, date(2025, 11, 1), date(2026, 4, 1));
    o9.prospect = Prospect::new().with_industry("622110").with_employees(50).with_country("JP");

    LibraryData {
        accounts: vec![a1, a2, a3],
        advocates: vec![
            advocate("v1", "a1", &["en"]),
            v2,
            advocate("v3", "a2", &["en"]),
            advocate("v4", "a3", &["en"]),
            v5,
        ],
        stories: vec![
            story("s1", "a1", &[], &["v1", "v2"], date(2025, 6, 15)),
            story("s2", "a2", &[], &["v3"], date(2025, 6, 15)),
            story("s3", "a3", &[], &["v4", "v5"], date(2026, 1, 1)),
        ],
        engagements: vec![
            engagement("e1", "v1", "s1", date(2025, 9, 1)),
            e2,
            at("e3", "v1", "s1", date(2025, 11, 1), EngagementStatus::Declined),
            at("e4", "v2", "s1", date(2026, 2, 1), EngagementStatus::Approved),
            at("e5", "v1", "s1", date(2026, 1, 20), EngagementStatus::Requested),
            at("e6", "v3", "s2", date(2025, 12, 1), EngagementStatus::Cancelled),
            engagement("e7", "v1", "s1", date(2024, 12, 1)),
        ],
        opportunities: vec![o1, o2, o3, o4, o5, o6, o7, o8, o9],
        // Four years apart (1461 days), so the annual rate is the 4th root.
        account_figures: vec![
            figure("a1", date(2021, 1, 1), Some(1600), Some(1.0e9)),
            figure("a1", date(2025, 1, 1), Some(8100), None),
            figure("a2", date(2021, 1, 1), Some(100), Some(1.6e7)),
            figure("a2", date(2025, 1, 1), Some(1600), Some(1.0e6)),
            figure("a3", date(2021, 1, 1), Some(10_000), None),
            figure("a3", date(2025, 1, 1), Some(10_000), None),
        ],
        ..LibraryData::default()
    }
}

fn options() -> MetricsOptions {
    let mut options = MetricsOptions::new(PERIOD);
    // Ranked after v1's rest around e5 (2026-01-20) has passed.
    options.coverage.day = Some(date(2026, 3, 15));
    options
}

fn metrics() -> ProgramMetrics {
    let program = Program::new(Library::new(library()).expect("the hand-built library is valid"));
    ProgramMetrics::compute(&program, &options()).unwrap()
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn revenue_counts_referenced_opportunities() {
    let r = metrics().revenue;
    // Open in the period (created <= 2026-01-31, close >= 2025-06-01): o1,
    // o2, o3, o5, o6, o8, o9 = 100 + 50 + 30 + 80 + 40 + 10 + 70 = 380k; not o4
    // (closed 2025-03-01) nor o7 (created 2026-03-01).
    assert_eq!((r.pipeline.count, r.pipeline.amount), (7, 380_000.0));
    // Referenced: o1 (e1 completed 2025-09-01 <= close 2025-10-15) and o5
    // (e2 names it, completed 2025-10-01 <= 2026-03-01). Not o2: e2 came
    // after o2 closed. Not o6: e3 was declined.
    assert_eq!((r.influenced_pipeline.count, r.influenced_pipeline.amount), (2, 180_000.0));
    // Won with a close in the period: o1 and o3; o4 closed before it.
    assert_eq!((r.won.count, r.won.amount), (2, 130_000.0));
    assert_eq!((r.influenced_won.count, r.influenced_won.amount), (1, 100_000.0));
    close(r.influenced_won.share_of(&r.won).unwrap(), 100.0 / 130.0);
}

#[test]
fn win_rates_with_and_without_a_reference() {
    let w = metrics().win_rates;
    // Closed in the period: o1 (won, referenced); o2 (lost), o3 (won), o6 (lost).
    assert_eq!((w.with_reference.won, w.with_reference.closed), (1, 1));
    assert_eq!((w.without_reference.won, w.without_reference.closed), (1, 3));
    close(w.with_reference.rate().unwrap(), 1.0);
    close(w.without_reference.rate().unwrap(), 1.0 / 3.0);
    close(w.lift().unwrap(), 3.0);
}

#[test]
fn request_outcomes_from_statuses() {
    let q = metrics().requests;
    // Dated in the period: e1, e2 (completed), e3 (declined), e5 (requested),
    // e6 (cancelled); not e4 (2026-02-01) nor e7 (2024).
    assert_eq!((q.total, q.completed, q.declined, q.pending, q.cancelled, q.approved), (5, 2, 1, 1, 1, 0));
    // Accepted: the two completed; e6 has no history showing an approval.
    assert_eq!(q.accepted, 2);
    close(q.acceptance_rate().unwrap(), 2.0 / 3.0);
    assert_eq!(q.approval_hours, None, "entries without history have no timing");
    assert_eq!(q.declines, vec![(NO_REASON.to_string(), 1)]);
}

#[test]
fn utilization_on_the_last_day() {
    let u = metrics().utilization;
    assert_eq!(u.day, Some(date(2026, 1, 31)));
    // Active: v1..v4 (v5 departed). On 2026-01-31 with 90-day windows:
    // v1 holds e5 (2026-01-20) -> 1 of 4 (1-25 %); v2 holds e4 (2026-02-01)
    // -> 1 of its cap 1 (at cap); v3's e2 (2025-10-01) is 122 days before,
    // e6 was cancelled -> 0; v4 has nothing -> 0.
    assert_eq!(u.advocates, 4);
    assert_eq!(u.bins, [2, 1, 0, 0, 0, 1]);
    assert_eq!(u.at_cap, 1);
    close(u.share_at_cap().unwrap(), 0.25);
    let never: Vec<(&str, usize)> =
        u.never_asked.iter().map(|m| (m.advocate.as_str(), m.engagements)).collect();
    assert_eq!(never, [("v4", 0)]);
    assert!(!u.never_asked[0].name.is_empty() && !u.never_asked[0].account_name.is_empty());
    // Held and dated in the period: v1 e1 + e5 = 2 (e3 declined, e7 before);
    // v3 e2 = 1 (e6 cancelled); v2's e4 is after the period.
    let used: Vec<(&str, usize)> = u.most_used.iter().map(|m| (m.advocate.as_str(), m.engagements)).collect();
    assert_eq!(used, [("v1", 2), ("v3", 1)]);
    assert_eq!(u.most_used[0].account, "a1");
    let text = metrics().to_markdown();
    assert!(
        text.contains(&format!("| {} | {} | 2 |", u.most_used[0].name, u.most_used[0].account_name)),
        "{text}"
    );
    assert!(!text.contains("| v1 "), "names, not ids: {text}");
}

#[test]
fn concentration_and_trends_count_the_period() {
    let m = metrics();
    let k = &m.concentration;
    // Held and dated in the period: v1 two, v3 one; v4 none (v5 departed).
    assert_eq!((k.advocates, k.engagements, k.top_advocates, k.top_engagements), (4, 3, 1, 2));
    close(k.top_share().unwrap(), 2.0 / 3.0);
    close(k.deciles.iter().sum(), 1.0);
    // Four advocates fall in tenths 0, 2, 5 and 7 (advocate i of n in tenth
    // floor(10 i / n)): v1 with 2, v3 with 1, then v2 and v4 with none.
    let mut want = [0.0; 10];
    (want[0], want[2]) = (2.0 / 3.0, 1.0 / 3.0);
    for (got, want) in k.deciles.iter().zip(want) {
        close(*got, want);
    }
    let months = &m.trends.months;
    assert_eq!(months.first().map(|m| (m.year, m.month)), Some((PERIOD.start.year(), PERIOD.start.month())));
    assert_eq!(months.last().map(|m| (m.year, m.month)), Some((PERIOD.end.year(), PERIOD.end.month())));
    let completed: usize = months.iter().map(|m| m.completions).sum();
    let held_completed = m.requests.completed;
    assert_eq!(completed, held_completed, "completions per month add up to the period's");
    let closed: usize = m.trends.quarters.iter().map(|q| q.closed()).sum();
    assert_eq!(closed, m.win_rates.with_reference.closed + m.win_rates.without_reference.closed);
    let text = m.to_markdown();
    assert!(text.contains("### Concentration") && text.contains("### Over time"), "{text}");
    assert!(text.contains("*Correlation, not cause:*"), "{text}");
}

#[test]
fn coverage_finds_segments_short_of_advocates() {
    let c = metrics().coverage;
    assert_eq!((c.sectors.len(), c.regions.len(), c.bands.len()), (20, 4, 4));
    let at = |sector: &str, region: SalesRegion, band: usize| {
        (
            c.sectors.iter().position(|s| s == sector).unwrap(),
            c.regions.iter().position(|&r| r == region).unwrap(),
            band,
        )
    };
    let bank = at("52", SalesRegion::Emea, 2);
    let hospital = at("62", SalesRegion::Apac, 0);
    // Open demand: o5 (522110, 3000, DE) and o9 (622110, 50, JP); o7 opened
    // after the period; o8 has no country.
    assert_eq!(c.demand[bank], 1);
    assert_eq!(c.demand[hospital], 1);
    assert_eq!(c.demand.sum(), 2);
    assert_eq!(c.unplaced, ["o8"]);
    // Bank segment: prospect 52, 3162 employees, DE, on 2026-03-15. v1:
    // industry 1 (52 is a prefix of 522110), size 2^-(log10(5000/3162))^2
    // = 0.973, geography 1, freshness 2^(-273/365) = 0.595, evidence 0:
    // relevance (3 + 1.459 + 1 + 0.298) / 6.5 = 0.886, availability
    // 1 - 0.5 * 1/4 (e5) -> 0.775 >= 0.6. v2 is at its cap of 1 (e4), E6.
    // v3 is software: at most (1.5 + 1 + 0.5 + 0.5) / 6.5 < 0.6.
    assert_eq!(c.supply[bank], 1);
    // Hospital segment: prospect 62, 10 employees, JP. v4: industry 1, size
    // 2^-(log10 5)^2 = 0.713, geography 1, freshness 2^(-73/365) = 0.871:
    // (3 + 1.069 + 1 + 0.435) / 6.5 = 0.847, nothing used. v5 departed (E1).
    assert_eq!(c.supply[hospital], 1);
    // Both have demand and fewer than 3 advocates: gaps, the larger amount first.
    let gaps: Vec<(&str, SalesRegion, SizeBand, u32, f64, u32)> = c
        .gaps
        .iter()
        .map(|g| (g.sector.as_str(), g.region, g.band, g.open_opportunities, g.open_amount, g.advocates))
        .collect();
    assert_eq!(
        gaps,
        [
            ("52", SalesRegion::Emea, SizeBand { lower: 1000, upper: Some(10_000) }, 1, 80_000.0, 1),
            ("62", SalesRegion::Apac, SizeBand { lower: 1, upper: Some(100) }, 1, 70_000.0, 1),
        ]
    );
    assert_eq!(c.gaps[0].sector_title, "Finance and Insurance");
    assert_eq!(c.bands[3].label(), "10000+");
    assert_eq!((c.bands[2].representative(), c.bands[0].representative()), (3162, 10));
}

#[test]
fn a_lower_bar_closes_a_gap() {
    let program = Program::new(Library::new(library()).unwrap());
    let mut options = options();
    options.coverage.min_advocates = 1;
    let c = ProgramMetrics::compute(&program, &options).unwrap().coverage;
    assert!(c.gaps.is_empty(), "each segment with demand has one advocate: {:?}", c.gaps);
}

#[test]
fn advisory_board_retention_by_year() {
    let board = metrics().board;
    let rows: Vec<(i32, usize, usize, usize, usize)> =
        board.iter().map(|y| (y.year, y.members, y.retained, y.joined, y.left)).collect();
    // 2024 {a1, a3}; 2025 {a1, a2, a3}; 2026 {a1}.
    assert_eq!(rows, [(2024, 2, 0, 2, 0), (2025, 3, 2, 1, 0), (2026, 1, 1, 0, 2)]);
    assert_eq!(board[0].retention(), None);
    close(board[1].retention().unwrap(), 1.0);
    close(board[2].retention().unwrap(), 1.0 / 3.0);
}

#[test]
fn growth_of_advocate_accounts_against_the_rest() {
    let g = metrics().growth;
    // Advocate accounts: a1 (e1, e7) and a2 (e2) completed engagements; a3 none.
    assert_eq!((g.employees.advocate_accounts.accounts, g.employees.other_accounts.accounts), (2, 1));
    // Employees over four years: a1 1600 -> 8100 is (81/16)^(1/4) - 1 = 0.5;
    // a2 100 -> 1600 is 16^(1/4) - 1 = 1.0; a3 flat, 0.
    let with = g.employees.advocate_accounts.growth.unwrap();
    assert_eq!(with.count, 2);
    close(with.median, 0.75);
    close(with.mean, 0.75);
    close(with.max, 1.0);
    let without = g.employees.other_accounts.growth.unwrap();
    assert_eq!(without.count, 1);
    close(without.median, 0.0);
    // Revenue: only a2 has two figures, 1.6e7 -> 1e6: (1/16)^(1/4) - 1 = -0.5.
    let revenue = g.revenue.advocate_accounts.growth.unwrap();
    assert_eq!(revenue.count, 1);
    close(revenue.median, -0.5);
    assert_eq!(g.revenue.other_accounts.growth, None);
}

#[test]
fn workflow_history_gives_approval_times_and_decline_reasons() {
    let now = Arc::new(Mutex::new("2026-01-02T09:00:00Z".parse::<Timestamp>().unwrap()));
    let clock = Arc::clone(&now);
    let mut program_options = Options::new();
    program_options.clock(move || *clock.lock().unwrap());
    let program = Program::with_options(Library::new(library()).unwrap(), &program_options);
    let advance = |hours: i64| {
        let mut t = now.lock().unwrap();
        *t = t.checked_add(SignedDuration::from_hours(hours)).unwrap();
    };
    let rep = Actor::sales_rep("rep-1");
    let owner = Actor::owner("olga-owner");
    let call = EngagementKind::ReferenceCall;
    // Three requests at 09:00; answers after 30 h, 2 h more and 8 h more.
    let r1 = program.request(&rep, "v3", "s2", call, date(2026, 1, 15), None).unwrap();
    let r2 = program.request(&rep, "v4", "s3", call, date(2026, 1, 16), None).unwrap();
    let r3 = program.request(&rep, "v4", "s3", call, date(2026, 1, 10), None);
    assert!(r3.is_err(), "v4 rests 14 days around r2");
    let r3 = program.request(&rep, "v3", "s2", call, date(2026, 1, 30), None).unwrap();
    advance(30);
    program.approve(&owner, &r1, "").unwrap();
    advance(2);
    program.decline(&owner, &r2, "Account in renewal").unwrap();
    advance(8);
    program.decline(&owner, &r3, "  account in   RENEWAL ").unwrap();

    let q = ProgramMetrics::compute(&program, &options()).unwrap().requests;
    // The five library entries plus r1 (approved), r2 and r3 (declined).
    assert_eq!((q.total, q.approved, q.declined), (8, 1, 3));
    // Accepted: e1, e2, r1 = 3 of 3 + 3 answered.
    close(q.acceptance_rate().unwrap(), 0.5);
    let hours = q.approval_hours.unwrap();
    assert_eq!(hours.count, 1);
    close(hours.median, 30.0);
    // The two spellings of one reason group under the first; e3 gave none.
    assert_eq!(q.declines, vec![("Account in renewal".to_string(), 2), (NO_REASON.to_string(), 1)]);
}

#[test]
fn an_empty_program_reports_what_is_missing() {
    let data = LibraryData { accounts: vec![account("a1", "522110", 5000, "DE")], ..LibraryData::default() };
    let program = Program::new(Library::new(data).unwrap());
    let metrics = ProgramMetrics::compute(&program, &MetricsOptions::new(PERIOD)).unwrap();
    assert_eq!(metrics.win_rates.lift(), None);
    assert_eq!(metrics.requests.acceptance_rate(), None);
    assert_eq!(metrics.utilization.share_at_cap(), None);
    assert!(metrics.coverage.gaps.is_empty() && metrics.board.is_empty());
    let text = metrics.to_markdown();
    for expected in [
        "The program has no opportunities",
        "No reference request is dated in the period",
        "The program has no active advocate",
        "No open opportunity fits a segment",
        "No account has sat on the advisory board",
        "No account has two dated figures",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("NaN") && !text.contains("inf %"), "{text}");
    assert_eq!(
        metrics.highlights(),
        [
            "Win rates cannot be compared: the period lacks closed deals with or without a reference.",
            "No opportunity was open in the period.",
            "No request was answered in the period.",
            "The program has no active advocate.",
            "No open deal fits a segment, so coverage is not measured.",
        ]
    );
}

#[test]
fn the_report_shows_the_hand_computed_figures() {
    let text = metrics().to_markdown();
    assert!(text.contains("| Pipeline open in the period | 7 | 380,000 | 2 | 180,000 | 47.4 % |"), "{text}");
    assert!(text.contains("| with a reference | 1 | 1 | 100.0 % |"), "{text}");
    assert!(text.contains("won 3.0 times as often"), "{text}");
    assert!(text.contains("| 52 Finance and Insurance | EMEA | 1000-9999 | 1 | 80,000 | 1 |"), "{text}");
    assert!(text.contains("| 2026 | 1 | 1 | 0 | 2 | 33.3 % |"), "{text}");
    let highlights = metrics().highlights();
    assert_eq!(
        highlights[0],
        "Win rate 100.0 % with a reference (1 of 1 deals) against 33.3 % without (1 of 3)."
    );
    assert_eq!(
        highlights[1],
        "References supported 180,000 of 380,000 pipeline (47.4 %) and 100,000 of 130,000 won (76.9 %)."
    );
    assert_eq!(highlights[3], "1 of 4 active advocates are at their cap; 1 were never asked.");
    assert!(highlights[4].starts_with(
        "2 segments with open deals lack advocates; the largest is Finance and Insurance in EMEA"
    ));
}

#[test]
fn bad_options_are_refused_with_what_was_expected() {
    let program = Program::new(Library::new(library()).unwrap());
    let mut backwards = MetricsOptions::new(DateRange { start: date(2026, 1, 1), end: date(2025, 1, 1) });
    let err = ProgramMetrics::compute(&program, &backwards).unwrap_err();
    assert_eq!(
        err.to_string(),
        "period ends on 2025-01-01 before it starts on 2026-01-01: expected start <= end"
    );
    backwards.period = PERIOD;
    backwards.coverage.threshold = 1.5;
    assert_eq!(ProgramMetrics::compute(&program, &backwards).unwrap_err(), MetricsError::Threshold(1.5));
    backwards.coverage.threshold = f32::NAN;
    assert!(matches!(ProgramMetrics::compute(&program, &backwards), Err(MetricsError::Threshold(_))));
    backwards.coverage.threshold = 0.6;
    backwards.coverage.size_bands = vec![10, 100];
    let err = ProgramMetrics::compute(&program, &backwards).unwrap_err();
    assert_eq!(
        err.to_string(),
        "coverage.size_bands [10, 100] are not allowed: expected lower bounds starting at 1, each above the last"
    );
    backwards.coverage.size_bands = vec![1, 100, 100];
    assert!(matches!(ProgramMetrics::compute(&program, &backwards), Err(MetricsError::SizeBands(_))));
}

#[test]
fn metrics_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ProgramMetrics>();
    check::<MetricsError>();
}

#[test]
fn metrics_serialize_to_json_for_dashboards() {
    let value = serde_json::to_value(metrics()).unwrap();
    assert_eq!(value["win_rates"]["with_reference"]["won"], 1);
    assert_eq!(value["revenue"]["pipeline"]["amount"], 380_000.0);
    assert_eq!(value["coverage"]["gaps"][0]["region"], "EMEA");
    assert_eq!(value["coverage"]["demand"]["dim"], serde_json::json!([20, 4, 4]));
    assert_eq!(value["period"]["start"], "2025-06-01");
}
