//! The request workflow, rights and eligibility of `ledger::Program`:
//! every refusal, every invalid transition, ranking that sees each request
//! at once, the program manager's answers, and a race for the last slot.

mod ledger_support;

use std::sync::{Arc, Barrier};

use ledger_support::{day, fixed_options, set_clock, small_library};
use refmatch::Policy;
use refmatch::ledger::{Actor, AdvocateUpdate, Error, Program, Record, Role};
use refmatch::model::Limits;
use refmatch::model::{
    AccountStatus, AdvocateStatus, DateRange, EngagementKind, EngagementStatus, Seniority,
};
use refmatch::rank::{Request, Verdict};
use refmatch::{Library, Prospect};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

fn program() -> Program {
    Program::with_options(small_library(), &fixed_options())
}

fn rep() -> Actor {
    Actor::sales_rep("rita")
}

fn admin() -> Actor {
    Actor::admin("ada")
}

fn rule_of(err: &Error) -> &'static str {
    match err {
        Error::Ineligible { exclusion, .. } => exclusion.rule(),
        other => panic!("expected an eligibility refusal, got {other}"),
    }
}

fn assert_forbidden(result: Result<impl std::fmt::Debug, Error>, actor: &Actor, operation: &str) {
    match result {
        Err(err @ Error::Forbidden { .. }) => {
            let message = err.to_string();
            assert!(message.contains(&actor.id), "{message} does not name {}", actor.id);
            assert!(message.contains(operation), "{message} does not name {operation}");
        }
        other => panic!("{actor} doing {operation}: expected a refusal, got {other:?}"),
    }
}

#[test]
fn program_types_are_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Program>();
    check::<Error>();
    check::<refmatch::ledger::ProgramState>();
}

#[test]
fn a_request_moves_through_its_workflow_and_keeps_its_history() {
    let program = program();
    let id = program.request(&rep(), "adv-1", "st-1", CALL, day(0), Some("Bank AG")).unwrap();
    assert_eq!(id, "eng-0001");
    program.approve(&Actor::owner("olga"), &id, "fits").unwrap();
    // Completed on the engagement's day, by the program's clock.
    set_clock(day(0));
    program.complete(&rep(), &id, "went well").unwrap();
    let record = program.record(&id).unwrap();
    assert_eq!(record.engagement.status, EngagementStatus::Completed);
    assert_eq!(record.engagement.prospect.as_deref(), Some("Bank AG"));
    assert_eq!(record.requested_by(), Some(&rep()));
    let steps: Vec<_> =
        record.history.iter().map(|t| (t.from, t.to, t.actor.id.as_str(), t.reason.as_str())).collect();
    use EngagementStatus::*;
    assert_eq!(
        steps,
        [
            (None, Requested, "rita", ""),
            (Some(Requested), Approved, "olga", "fits"),
            (Some(Approved), Completed, "rita", "went well")
        ]
    );
    let times: Vec<String> = record.history.iter().map(|t| t.at.to_string()).collect();
    assert_eq!(times, ["2027-01-01T09:00:00Z", "2027-01-01T09:00:00Z", "2027-01-04T09:00:00Z"]);
    assert_eq!(program.state().seq, 3);
}

#[test]
fn every_invalid_transition_names_the_request_and_both_states() {
    use EngagementStatus::*;
    let allowed = [
        (Requested, Approved),
        (Requested, Declined),
        (Requested, Cancelled),
        (Approved, Completed),
        (Approved, Declined),
        (Approved, Cancelled),
    ];
    // Paths from requested to each state.
    let paths: [(EngagementStatus, &[EngagementStatus]); 5] = [
        (Requested, &[]),
        (Approved, &[Approved]),
        (Completed, &[Approved, Completed]),
        (Declined, &[Declined]),
        (Cancelled, &[Cancelled]),
    ];
    // On the engagement's day, so completing is allowed by the clock.
    set_clock(day(0));
    for (from, path) in paths {
        for &to in EngagementStatus::ALL {
            let program = program();
            let id = program.request(&rep(), "adv-1", "st-1", CALL, day(0), None).unwrap();
            for &step in path {
                program.transition(&admin(), &id, step, "").unwrap();
            }
            let result = program.transition(&admin(), &id, to, "");
            if allowed.contains(&(from, to)) {
                result.unwrap();
                continue;
            }
            let err = result.expect_err("an invalid transition");
            assert!(matches!(err, Error::InvalidTransition { .. }), "{err}");
            let message = err.to_string();
            assert!(message.starts_with(&format!("request {id}: cannot ")), "{message}");
            assert!(message.contains(from.as_str()), "{message} does not name {from}");
            let before = program.state();
            assert_eq!(program.record(&id).unwrap().engagement.status, from, "{message}");
            assert_eq!(program.state(), before);
        }
    }
    let program = program();
    let id = program.request(&rep(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.decline(&Actor::owner("olga"), &id, "no").unwrap();
    let err = program.complete(&admin(), &id, "").unwrap_err();
    assert_eq!(err.to_string(), "request eng-0001: cannot complete a declined request");
    let err = program.approve(&admin(), "eng-9999", "").unwrap_err();
    assert_eq!(err.to_string(), "unknown request id `eng-9999`");
}

#[test]
fn every_role_is_refused_what_it_may_not_do() {
    let program = program();
    let id = program.request(&rep(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let before = program.state();
    let other_rep = Actor::sales_rep("sam");
    let olga = Actor::owner("olga");
    let oscar = Actor::owner("oscar"); // owns acc-2, not adv-1's acc-1
    let adv1 = Actor::advocate("adv-1");
    let adv2 = Actor::advocate("adv-2");

    // Requests: sales reps and admins only.
    for actor in [&olga, &adv1] {
        assert_forbidden(
            program.request(actor, "adv-2", "st-1", CALL, day(30), None),
            actor,
            "request advocate adv-2",
        );
    }
    // Approve and decline: the account's owner or an admin.
    for actor in [&rep(), &other_rep, &oscar, &adv1] {
        assert_forbidden(program.approve(actor, &id, ""), actor, &format!("approve request {id}"));
        assert_forbidden(program.decline(actor, &id, ""), actor, &format!("decline request {id}"));
    }
    // Cancel: the requesting rep or an admin.
    for actor in [&other_rep, &olga, &adv1] {
        assert_forbidden(program.cancel(actor, &id, ""), actor, &format!("cancel request {id}"));
    }
    // Complete: the requesting rep, the owner or an admin.
    for actor in [&other_rep, &oscar, &adv1] {
        assert_forbidden(program.complete(actor, &id, ""), actor, &format!("complete request {id}"));
    }
    // An advocate updates only themself; reps and owners not at all.
    let paused = AdvocateUpdate { status: Some(AdvocateStatus::Paused), ..AdvocateUpdate::default() };
    for actor in [&adv2, &rep(), &olga] {
        assert_forbidden(
            program.update_advocate(actor, "adv-1", paused.clone()),
            actor,
            "update advocate adv-1",
        );
    }
    // An advocate actor is that advocate: adv-2 cannot act as adv-1.
    let impostor = Actor { id: "adv-2".into(), role: Role::Advocate };
    assert_forbidden(
        program.update_advocate(&impostor, "adv-1", paused.clone()),
        &impostor,
        "update advocate adv-1",
    );
    // Policies and hidden accounts: admins only.
    for actor in [&rep(), &olga, &adv1] {
        assert_forbidden(program.set_policy(actor, Policy::default()), actor, "change the policy");
        assert_forbidden(program.hide_account(actor, "acc-1", true), actor, "hide account acc-1");
    }
    // Marking an account do-not-contact: its owner or an admin.
    for actor in [&rep(), &oscar, &adv1] {
        let result = program.set_account_status(actor, "acc-1", AccountStatus::DoNotContact);
        assert_forbidden(result, actor, "set account acc-1 to do_not_contact");
    }
    assert_eq!(program.state(), before, "a refusal changed the ledger");

    // And what is allowed works.
    program.approve(&olga, &id, "").unwrap();
    program.update_advocate(&adv1, "adv-1", paused.clone()).unwrap();
    program.update_advocate(&admin(), "adv-2", paused).unwrap();
    program.hide_account(&admin(), "acc-2", true).unwrap();
    program.set_policy(&admin(), Policy::default()).unwrap();
    program.cancel(&rep(), &id, "prospect went quiet").unwrap();
}

#[test]
fn an_owner_marks_an_account_do_not_contact() {
    let program = program();
    program.set_account_status(&Actor::owner("olga"), "acc-1", AccountStatus::DoNotContact).unwrap();
    let err = program.request(&rep(), "adv-1", "st-1", CALL, day(0), None).unwrap_err();
    assert_eq!(rule_of(&err), "E1");
    assert!(err.to_string().contains("account acc-1 asked not to be contacted"), "{err}");
    program.set_account_status(&admin(), "acc-1", AccountStatus::Active).unwrap();
    program.request(&rep(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let err = program.set_account_status(&admin(), "acc-9", AccountStatus::Active).unwrap_err();
    assert_eq!(err.to_string(), "unknown account id `acc-9`");
}

#[test]
fn requests_are_refused_by_the_rules_ranking_uses() {
    // Early enough that every day asked for below is today or later.
    set_clock(day(-10));
    let program = program();
    let r = rep();
    // E1: paused advocate; do-not-contact account.
    assert_eq!(rule_of(&program.request(&r, "adv-4", "st-3", CALL, day(0), None).unwrap_err()), "E1");
    assert_eq!(rule_of(&program.request(&r, "adv-5", "st-4", CALL, day(0), None).unwrap_err()), "E1");
    // E2: adv-6 does site visits only.
    assert_eq!(rule_of(&program.request(&r, "adv-6", "st-3", CALL, day(20), None).unwrap_err()), "E2");
    // E4: adv-6's blackout covers days 0..=9.
    let visit = EngagementKind::SiteVisit;
    assert_eq!(rule_of(&program.request(&r, "adv-6", "st-3", visit, day(9), None).unwrap_err()), "E4");
    program.request(&r, "adv-6", "st-3", visit, day(10), None).unwrap();
    // E7: st-2 is not approved (adv-1 has an approved story too).
    let err = program.request(&r, "adv-1", "st-2", CALL, day(0), None).unwrap_err();
    assert_eq!(rule_of(&err), "E7");
    assert!(err.to_string().contains("story st-2 is not approved"), "{err}");
    // E5: rest 7 days; E6: cap 3 per 60 days.
    program.request(&r, "adv-1", "st-1", CALL, day(0), None).unwrap();
    assert_eq!(rule_of(&program.request(&r, "adv-1", "st-1", CALL, day(6), None).unwrap_err()), "E5");
    assert_eq!(rule_of(&program.request(&r, "adv-1", "st-1", CALL, day(-6), None).unwrap_err()), "E5");
    program.request(&r, "adv-1", "st-1", CALL, day(7), None).unwrap();
    program.request(&r, "adv-1", "st-1", CALL, day(14), None).unwrap();
    let err = program.request(&r, "adv-1", "st-1", CALL, day(50), None).unwrap_err();
    assert_eq!(rule_of(&err), "E6");
    assert!(err.to_string().contains("at capacity: 3 engagements held"), "{err}");
    // adv-3's own cap is 2.
    program.request(&r, "adv-3", "st-3", CALL, day(0), None).unwrap();
    program.request(&r, "adv-3", "st-3", CALL, day(30), None).unwrap();
    assert_eq!(rule_of(&program.request(&r, "adv-3", "st-3", CALL, day(59), None).unwrap_err()), "E6");
    // E8: a hidden account.
    program.hide_account(&admin(), "acc-1", true).unwrap();
    assert_eq!(rule_of(&program.request(&r, "adv-2", "st-1", CALL, day(0), None).unwrap_err()), "E8");
    program.hide_account(&admin(), "acc-1", false).unwrap();
    program.request(&r, "adv-2", "st-1", CALL, day(0), None).unwrap();
    // Not on the story; unknown ids.
    let err = program.request(&r, "adv-2", "st-3", CALL, day(0), None).unwrap_err();
    assert_eq!(err.to_string(), "advocate adv-2 does not tell story st-3");
    let err = program.request(&r, "adv-99", "st-1", CALL, day(0), None).unwrap_err();
    assert_eq!(err.to_string(), "unknown advocate id `adv-99`");
    let err = program.request(&r, "adv-1", "st-99", CALL, day(0), None).unwrap_err();
    assert_eq!(err.to_string(), "unknown story id `st-99`");
}

#[test]
fn releasing_a_request_frees_the_slot() {
    let program = program();
    let ids: Vec<String> = [0, 7, 14]
        .iter()
        .map(|&d| program.request(&rep(), "adv-1", "st-1", CALL, day(d), None).unwrap())
        .collect();
    assert!(program.request(&rep(), "adv-1", "st-1", CALL, day(40), None).is_err());
    program.decline(&Actor::owner("olga"), &ids[1], "too busy").unwrap();
    program.request(&rep(), "adv-1", "st-1", CALL, day(40), None).unwrap();
}

#[test]
fn ranking_right_after_a_request_reflects_it() {
    let program = program();
    let prospect = Prospect::new().with_industry("522110");
    let mut request = Request::new(CALL, day(20));
    request.max_per_account = 5;
    let ranked = |program: &Program| -> Vec<String> {
        program.rank_advocates(&prospect, &request).unwrap().into_iter().map(|m| m.advocate).collect()
    };
    assert!(ranked(&program).contains(&"adv-1".to_string()));
    let ids: Vec<String> = [0, 7, 40]
        .iter()
        .map(|&d| program.request(&rep(), "adv-1", "st-1", CALL, day(d), None).unwrap())
        .collect();
    assert!(!ranked(&program).contains(&"adv-1".to_string()), "adv-1 is at cap on day 20");
    match program.explain("adv-1", &prospect, &request).unwrap() {
        Verdict::Excluded(why) => assert_eq!(why.rule(), "E6"),
        Verdict::Eligible(m) => panic!("adv-1 at cap scored {}", m.score),
    }
    program.cancel(&rep(), &ids[2], "").unwrap();
    let found = program.rank_advocates(&prospect, &request).unwrap();
    let adv1 = found.iter().find(|m| m.advocate == "adv-1").expect("adv-1 is back after the cancel");
    assert_eq!((adv1.explanation.used, adv1.explanation.cap), (2, 3));
    // A hidden account disappears from ranking.
    program.hide_account(&admin(), "acc-1", true).unwrap();
    assert!(ranked(&program).iter().all(|a| a != "adv-1" && a != "adv-2"));
}

#[test]
fn tiers_and_overrides_apply_to_new_requests() {
    let program = program();
    let mut policy = program.state().library.policy;
    policy.tiers.set(Seniority::Executive, Limits::per(1, 90));
    program.set_policy(&admin(), policy).unwrap();
    // An advocate's own limits are the advocate's record.
    let mut adv2 = program.state().library.advocates[1].clone();
    adv2.rest_days = Some(30);
    program.upsert(&admin(), Record::Advocate(adv2)).unwrap();
    program.request(&rep(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let err = program.request(&rep(), "adv-1", "st-1", CALL, day(80), None).unwrap_err();
    assert_eq!(rule_of(&err), "E6");
    program.request(&rep(), "adv-2", "st-1", CALL, day(0), None).unwrap();
    assert_eq!(rule_of(&program.request(&rep(), "adv-2", "st-1", CALL, day(29), None).unwrap_err()), "E5");
    let fatigue = program.fatigue("adv-1", day(10)).unwrap();
    assert_eq!((fatigue.used, fatigue.cap, fatigue.window_days), (1, 1, 90));
    policy.window_days = 0;
    assert!(matches!(program.set_policy(&admin(), policy).unwrap_err(), Error::Invalid(_)));
}

#[test]
fn advocates_update_their_own_blackouts_languages_and_status() {
    let program = program();
    let me = Actor::advocate("adv-2");
    let blackout = AdvocateUpdate {
        blackouts: Some(vec![DateRange { start: day(0), end: day(20) }]),
        languages: Some(vec!["de".into()]),
        ..AdvocateUpdate::default()
    };
    program.update_advocate(&me, "adv-2", blackout).unwrap();
    assert_eq!(rule_of(&program.request(&rep(), "adv-2", "st-1", CALL, day(5), None).unwrap_err()), "E4");
    assert_eq!(program.fatigue("adv-2", day(5)).unwrap().next_available, Some(day(21)));
    let library = program.library();
    assert_eq!(library.advocate("adv-2").unwrap().languages, ["de"]);
    let backwards = AdvocateUpdate {
        blackouts: Some(vec![DateRange { start: day(5), end: day(1) }]),
        ..AdvocateUpdate::default()
    };
    let err = program.update_advocate(&me, "adv-2", backwards).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let departed = AdvocateUpdate { status: Some(AdvocateStatus::Departed), ..AdvocateUpdate::default() };
    program.update_advocate(&me, "adv-2", departed).unwrap();
    assert_eq!(rule_of(&program.request(&rep(), "adv-2", "st-1", CALL, day(30), None).unwrap_err()), "E1");
    assert_eq!(program.fatigue("adv-2", day(30)).unwrap().next_available, None);
}

#[test]
fn advocates_update_their_own_name_and_title() {
    let program = program();
    let me = Actor::advocate("adv-2");
    let profile = AdvocateUpdate {
        name: Some("Dr. Person Two".into()),
        title: Some("Chief Risk Officer".into()),
        ..AdvocateUpdate::default()
    };
    program.update_advocate(&me, "adv-2", profile).unwrap();
    let library = program.library();
    let found = library.advocate("adv-2").unwrap();
    assert_eq!((found.name.as_str(), found.title.as_str()), ("Dr. Person Two", "Chief Risk Officer"));
    let blank = AdvocateUpdate { name: Some("  ".into()), ..AdvocateUpdate::default() };
    let err = program.update_advocate(&me, "adv-2", blank).unwrap_err();
    assert!(matches!(&err, Error::OutOfRange { field, .. } if field == "name"), "{err}");
    let long = AdvocateUpdate { title: Some("x".repeat(257)), ..AdvocateUpdate::default() };
    assert!(matches!(program.update_advocate(&me, "adv-2", long).unwrap_err(), Error::Invalid(_)));
    let other = AdvocateUpdate { title: Some("Boss".into()), ..AdvocateUpdate::default() };
    assert!(matches!(program.update_advocate(&me, "adv-1", other).unwrap_err(), Error::Forbidden { .. }));
}

#[test]
fn answers_for_the_program_manager() {
    let program = program();
    for d in [0, 7, 14] {
        program.request(&rep(), "adv-1", "st-1", CALL, day(d), None).unwrap();
    }
    program.request(&rep(), "adv-3", "st-3", CALL, day(0), None).unwrap();
    let fatigue = program.fatigue("adv-1", day(20)).unwrap();
    assert_eq!((fatigue.used, fatigue.cap, fatigue.window_days, fatigue.rest_days), (3, 3, 60, 7));
    // Until day 59 a 60-day window holds days 0, 7 and 14 with the new day;
    // from day 60 on every window with the new day holds at most two.
    assert_eq!(fatigue.next_available, Some(day(60)));
    let full: Vec<String> = program.at_or_over_cap(day(20)).into_iter().map(|f| f.advocate).collect();
    assert_eq!(full, ["adv-1"]);
    assert_eq!(program.fatigue("adv-3", day(0)).unwrap().next_available, Some(day(7)));
    assert_eq!(program.never_asked(), ["adv-2", "adv-4", "adv-5", "adv-6"]);
    assert_eq!(program.fatigue_summary(day(20)).len(), 6);
    assert!(program.fatigue("adv-99", day(0)).is_err());
}

#[test]
fn the_sample_program_starts_from_its_ledger() {
    let library = Library::sample();
    let program = Program::new(library.clone());
    assert_eq!(program.state().requests.len(), library.engagements().len());
    let day: refmatch::Date = "2026-12-01".parse().unwrap();
    let full = program.at_or_over_cap(day);
    assert!(full.iter().any(|f| f.advocate == "adv-036"), "{full:?}");
    // The program ranks as the plain index does.
    let prospect = Prospect::new().with_industry("commercial banking").with_country("DE");
    let request = Request::new(CALL, day);
    let plain = refmatch::Index::new(library).rank_advocates(&prospect, &request).unwrap();
    assert_eq!(program.rank_advocates(&prospect, &request).unwrap(), plain);
}

#[test]
fn two_threads_racing_for_the_last_slot_get_one_success() {
    for round in 0..20 {
        let program = Arc::new(program());
        program.request(&rep(), "adv-3", "st-3", CALL, day(0), None).unwrap();
        // adv-3 has cap 2: one slot left, wanted on days 20 and 40.
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = [20, 40]
            .into_iter()
            .map(|d| {
                let (program, barrier) = (Arc::clone(&program), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    program.request(
                        &Actor::sales_rep(format!("rep-{d}")),
                        "adv-3",
                        "st-3",
                        CALL,
                        day(d),
                        None,
                    )
                })
            })
            .collect();
        let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "round {round}: {results:?}");
        let err = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert_eq!(rule_of(err), "E6", "round {round}: {err}");
    }
}
