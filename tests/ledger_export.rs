//! A program's export holds everything it knows, and a program created
//! from it is the same program: records (an advocate's own cap too),
//! engagements with their statuses and workflow histories, hidden
//! accounts, the same rankings. History imported with a library is kept as
//! it was, even over a cap, and the caps hold from then on.

mod common;
mod ledger_support;

use common::{Sizes, arb_library};
use ledger_support::{crm_call, day, fixed_options, set_clock, small_library};
use proptest::prelude::*;
use proptest::sample::Index;
use refmatch::ledger::{Actor, Error, FeedbackForm, Program};
use refmatch::model::{
    EngagementHistory, EngagementKind, EngagementStatus, FeedbackFrom, PoorFeedback, ProblemKind, Transition,
};
use refmatch::{Library, LibraryData, Policy, Prospect, Request};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

fn rita() -> Actor {
    Actor::sales_rep("rita")
}

#[test]
fn the_export_holds_every_engagement_with_its_history_and_every_own_limit() {
    let program = Program::with_options(small_library(), &fixed_options());
    let first = program.request(&rita(), "adv-1", "st-1", CALL, day(0), Some("Bank AG")).unwrap();
    program.approve(&Actor::owner("olga"), &first, "fits").unwrap();
    program.request(&rita(), "adv-3", "st-3", CALL, day(5), None).unwrap();
    program.hide_account(&Actor::admin("ada"), "acc-3", true).unwrap();

    let exported = program.export();
    assert_eq!(exported.engagements.len(), program.state().requests.len());
    assert_eq!(exported.history.len(), 2);
    let steps: Vec<EngagementStatus> = exported.history[0].steps.iter().map(|s| s.to).collect();
    assert_eq!(steps, [EngagementStatus::Requested, EngagementStatus::Approved]);
    assert_eq!(exported.hidden_accounts, ["acc-3"]);
    let adv3 = exported.advocates.iter().find(|a| a.id == "adv-3").unwrap();
    assert_eq!(adv3.cap, Some(2), "the advocate's own cap is kept where it was");
    let rebuilt = Library::new(exported.clone()).expect("an export is a valid library");
    assert_eq!(rebuilt.advocate("adv-3").unwrap().cap, Some(2));
    // The library is current, not as of the last rebuild.
    assert_eq!(program.library().engagements().len(), 2);
}

#[test]
fn a_program_created_from_an_export_is_the_same_program() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path().join("a"), &fixed_options()).unwrap();
    let id = program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.decline(&Actor::owner("olga"), &id, "renewal").unwrap();
    program.request(&rita(), "adv-2", "st-1", CALL, day(20), None).unwrap();
    let exported = program.export();
    let again =
        Program::create(Library::new(exported.clone()).unwrap(), dir.path().join("b"), &fixed_options())
            .unwrap();
    assert_eq!(again.export(), exported);
    // Reopened from its files, still the same.
    drop(again);
    let (reopened, _) = Program::open(dir.path().join("b"), &fixed_options()).unwrap();
    assert_eq!(reopened.export(), exported);
    let request = Request::new(CALL, day(40)).with_min_relevance(0.0);
    let prospect = Prospect::new().with_industry("522110");
    assert_eq!(
        reopened.rank_advocates(&prospect, &request).unwrap(),
        program.rank_advocates(&prospect, &request).unwrap()
    );
}

#[test]
fn history_over_a_cap_is_imported_and_reported_and_the_cap_holds_from_then_on() {
    let mut data: LibraryData = small_library().into_data();
    // adv-1: five calls within 60 days in the CRM's history, against a cap of 3.
    for (n, offset) in [10i64, 20, 30, 40, 50].into_iter().enumerate() {
        data.engagements.push(crm_call(&format!("crm-{n}"), day(offset), EngagementStatus::Completed));
    }
    let program = Program::with_options(Library::new(data).unwrap(), &fixed_options());
    let over = program.over_cap();
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!((over[0].advocate.as_str(), over[0].held, over[0].cap), ("adv-1", 5, 3));
    assert_eq!(over[0].from, day(10));
    let err = program.request(&rita(), "adv-1", "st-1", CALL, day(60), None).unwrap_err();
    assert!(matches!(&err, Error::Ineligible { exclusion, .. } if exclusion.rule() == "E6"), "{err}");
}

#[test]
fn a_history_must_fit_its_engagement() {
    let mut data: LibraryData = small_library().into_data();
    data.engagements.push(crm_call("crm-1", day(0), EngagementStatus::Completed));
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
    let step =
        |from, to, when: &str| Transition { from, to, actor: rita(), at: at(when), reason: String::new() };
    use EngagementStatus::*;
    data.history = vec![
        EngagementHistory {
            engagement: "crm-1".into(),
            steps: vec![
                step(None, Requested, "2026-12-01T09:00:00Z"),
                step(Some(Requested), Completed, "2026-11-30T09:00:00Z"),
            ],
        },
        EngagementHistory {
            engagement: "crm-9".into(),
            steps: vec![step(None, Requested, "2026-12-01T09:00:00Z")],
        },
    ];
    let err = Library::new(data).unwrap_err();
    let found: Vec<(&str, ProblemKind)> = err.problems().iter().map(|p| (p.place.as_str(), p.kind)).collect();
    assert_eq!(
        found,
        [
            ("history[0].steps[1].to", ProblemKind::OutOfRange),
            ("history[0].steps[1].at", ProblemKind::UnorderedRange),
            ("history[1].engagement", ProblemKind::UnknownReference),
        ]
    );
}

/// One step of a random life of a program.
#[derive(Debug, Clone)]
enum Step {
    Request {
        advocate: Index,
        story: Index,
        day: i64,
    },
    Answer {
        approve: bool,
    },
    Hide {
        account: Index,
    },
    /// Complete the last approved request, the clock moved to its day.
    Complete,
    /// Feedback from one side on a completed request.
    Feedback {
        request: Index,
        from_rep: bool,
        rating: u8,
        missed: bool,
    },
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (any::<Index>(), any::<Index>(), 0..200i64).prop_map(|(advocate, story, day)| Step::Request { advocate, story, day }),
        2 => any::<bool>().prop_map(|approve| Step::Answer { approve }),
        1 => any::<Index>().prop_map(|account| Step::Hide { account }),
        2 => Just(Step::Complete),
        2 => (any::<Index>(), any::<bool>(), 1u8..=5, any::<bool>())
            .prop_map(|(request, from_rep, rating, missed)| Step::Feedback { request, from_rep, rating, missed }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// For any program and any sequence of operations (requests, answers,
    /// completions, feedback from either side, hidden accounts), exporting,
    /// creating a program from the export and exporting again gives the
    /// export back, and both programs rank every prospect alike, under a
    /// policy where a poor experience lengthens the rest too.
    #[test]
    fn export_create_export_is_the_identity(
        library in arb_library(Sizes::small()),
        steps in prop::collection::vec(arb_step(), 0..12),
    ) {
        set_clock(day(-3));
        let program = Program::with_options(library.clone(), &fixed_options());
        let admin = Actor::admin("ada");
        let mut last = None;
        let (mut approved, mut completed): (Option<String>, Vec<String>) = (None, Vec::new());
        let mut now = day(-3);
        for step in &steps {
            match step {
                Step::Request { advocate, story, day: offset } => {
                    let Some(advocate) = (!library.advocates().is_empty()).then(|| advocate.get(library.advocates())) else { continue };
                    let stories: Vec<&str> = library.stories().iter().filter(|s| s.advocates.contains(&advocate.id)).map(|s| s.id.as_str()).collect();
                    if stories.is_empty() {
                        continue;
                    }
                    let chosen = stories[story.index(stories.len())];
                    if let Ok(id) = program.request(&admin, &advocate.id, chosen, CALL, day(*offset), None) {
                        last = Some(id);
                    }
                }
                Step::Answer { approve } => {
                    if let Some(id) = last.take() {
                        let answer = if *approve { program.approve(&admin, &id, "ok") } else { program.decline(&admin, &id, "no") };
                        answer.expect("an admin answers a request");
                        if *approve {
                            approved = Some(id);
                        }
                    }
                }
                Step::Hide { account } => {
                    let account = account.get(library.accounts());
                    program.hide_account(&admin, &account.id, true).expect("an admin hides");
                }
                Step::Complete => {
                    if let Some(id) = approved.take() {
                        now = now.max(program.record(&id).expect("a request").engagement.date);
                        set_clock(now);
                        program.complete(&admin, &id, "done").expect("an admin completes on the day");
                        completed.push(id);
                    }
                }
                Step::Feedback { request, from_rep, rating, missed } => {
                    if completed.is_empty() {
                        continue;
                    }
                    let id = request.get(&completed);
                    let from = if *from_rep { FeedbackFrom::Rep } else { FeedbackFrom::Advocate };
                    let mut form = FeedbackForm::new(from, *rating);
                    form.missed = *missed;
                    match program.feedback(&admin, id, form) {
                        Ok(()) | Err(Error::Feedback { .. }) => {}
                        Err(err) => prop_assert!(false, "feedback on {id}: {err}"),
                    }
                }
            }
        }
        let exported = program.export();
        prop_assert_eq!(exported.feedback.len(), program.state().requests.iter().map(|r| r.feedback.len()).sum::<usize>());
        let again = Program::with_options(Library::new(exported.clone()).expect("an export is valid"), &fixed_options());
        prop_assert_eq!(&again.export(), &exported);
        let poor = Policy { poor_feedback: Some(PoorFeedback::new(3, 30)), ..*library.policy() };
        for request in [Request::new(CALL, day(100)), Request::new(CALL, day(100)).with_policy(poor)] {
            let request = request.with_min_relevance(0.0);
            for prospect in [Prospect::new(), Prospect::new().with_industry("522110").with_country("DE")] {
                prop_assert_eq!(again.rank_advocates(&prospect, &request), program.rank_advocates(&prospect, &request));
            }
        }
    }
}

#[test]
fn an_export_written_as_csv_reads_back_whole() {
    let program = Program::with_options(small_library(), &fixed_options());
    let id = program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.approve(&Actor::owner("olga"), &id, "fits").unwrap();
    program.hide_account(&Actor::admin("ada"), "acc-2", true).unwrap();
    let exported = Library::new(program.export()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    refmatch::io::csv::write_dir(&exported, dir.path()).unwrap();
    assert!(dir.path().join("program.json").exists());
    assert_eq!(refmatch::io::csv::load_dir(dir.path()).unwrap(), exported);
}
