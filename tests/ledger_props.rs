//! Property: for any sequence of operations, every request the ledger
//! accepts satisfies the policy at that moment, every request it refuses
//! breaks it (both checked by an independent reading of the rules), every
//! transition is accepted exactly when the workflow allows it, and
//! replaying the log reproduces the live state exactly.

mod ledger_support;

use std::num::NonZeroU32;

use ledger_support::{day, fixed_options, independent_eligible, set_clock, small_library};
use proptest::prelude::*;
use refmatch::ledger::{Actor, AdvocateUpdate, Durability, Program};
use refmatch::model::Limits;
use refmatch::model::{AccountStatus, AdvocateStatus, EngagementKind, EngagementStatus, Seniority};

const ADVOCATES: [&str; 6] = ["adv-1", "adv-2", "adv-3", "adv-4", "adv-5", "adv-6"];
const STORIES: [&str; 4] = ["st-1", "st-2", "st-3", "st-4"];
const ACCOUNTS: [&str; 3] = ["acc-1", "acc-2", "acc-3"];
/// (advocate, story) positions of the advocates on their stories.
const TOLD: [(usize, usize); 8] = [(0, 0), (0, 0), (1, 0), (2, 2), (2, 2), (5, 2), (0, 1), (3, 2)];

#[derive(Debug, Clone)]
enum Step {
    Request { advocate: usize, story: usize, visit: bool, day: i64 },
    Transition { request: usize, to: EngagementStatus },
    Hide { account: usize, hidden: bool },
    Status { advocate: usize, active: bool },
    Tier { cap: u32 },
    Contact { account: usize, allowed: bool },
}

fn step() -> impl Strategy<Value = Step> {
    let status = proptest::sample::select(EngagementStatus::ALL.to_vec());
    prop_oneof![
        // Mostly advocates with their own stories, on days close together,
        // so rest periods and caps bind often.
        8 => (proptest::sample::select(TOLD.to_vec()), any::<bool>(), 0..90i64)
            .prop_map(|((advocate, story), visit, day)| Step::Request { advocate, story, visit, day }),
        1 => (0..6usize, 0..4usize, any::<bool>(), 0..90i64)
            .prop_map(|(advocate, story, visit, day)| Step::Request { advocate, story, visit, day }),
        4 => (0..40usize, status).prop_map(|(request, to)| Step::Transition { request, to }),
        1 => (0..3usize, any::<bool>()).prop_map(|(account, hidden)| Step::Hide { account, hidden }),
        1 => (0..6usize, any::<bool>()).prop_map(|(advocate, active)| Step::Status { advocate, active }),
        1 => (1..4u32).prop_map(|cap| Step::Tier { cap }),
        1 => (0..3usize, any::<bool>()).prop_map(|(account, allowed)| Step::Contact { account, allowed }),
    ]
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut options = fixed_options();
    options.durability(Durability::Batched(NonZeroU32::new(16).expect("non-zero")));
    let program = Program::create(small_library(), dir.path(), &options).expect("create");
    let admin = Actor::admin("ada");
    for step in steps {
        let before = program.state();
        match *step {
            Step::Request { advocate, story, visit, day: offset } => {
                let kind = if visit { EngagementKind::SiteVisit } else { EngagementKind::ReferenceCall };
                let (advocate, story, date) = (ADVOCATES[advocate], STORIES[story], day(offset));
                let expected = independent_eligible(&before, advocate, story, kind, date);
                let result = program.request(&Actor::sales_rep("rita"), advocate, story, kind, date, None);
                prop_assert_eq!(result.is_ok(), expected, "{:?}: {:?}", step, result);
            }
            Step::Transition { request, to } => {
                let id = format!("eng-{:04}", request + 1);
                // An engagement is completed on its day, by the clock.
                let engagement = before.requests.iter().find(|r| r.engagement.id == id);
                if let (Some(record), EngagementStatus::Completed) = (engagement, to) {
                    set_clock(record.engagement.date);
                }
                let result = program.transition(&admin, &id, to, "because");
                set_clock(day(-3));
                use EngagementStatus::*;
                let expected = before.requests.iter().find(|r| r.engagement.id == id).is_some_and(|r| {
                    matches!(
                        (r.engagement.status, to),
                        (Requested, Approved | Declined | Cancelled)
                            | (Approved, Completed | Declined | Cancelled)
                    )
                });
                prop_assert_eq!(result.is_ok(), expected, "{:?}: {:?}", step, result);
            }
            Step::Hide { account, hidden } => {
                program.hide_account(&admin, ACCOUNTS[account], hidden).expect("hide")
            }
            Step::Status { advocate, active } => {
                let status = if active { AdvocateStatus::Active } else { AdvocateStatus::Paused };
                let update = AdvocateUpdate { status: Some(status), ..AdvocateUpdate::default() };
                program
                    .update_advocate(&Actor::advocate(ADVOCATES[advocate]), ADVOCATES[advocate], update)
                    .expect("update");
            }
            Step::Contact { account, allowed } => {
                let status = if allowed { AccountStatus::Active } else { AccountStatus::DoNotContact };
                program.set_account_status(&admin, ACCOUNTS[account], status).expect("a status");
            }
            Step::Tier { cap } => {
                let mut policy = before.library.policy;
                policy.tiers.set(Seniority::Executive, Limits::per(cap, 60));
                program.set_policy(&admin, policy).expect("a tier");
            }
        }
    }
    let live = program.state();
    drop(program);
    let (reopened, report) = Program::open(dir.path(), &fixed_options()).expect("open");
    prop_assert_eq!(report.torn, None);
    prop_assert_eq!(reopened.state(), live);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_follows_the_rules_and_replays_exactly(steps in proptest::collection::vec(step(), 1..80)) {
        run(&steps)?;
    }
}
