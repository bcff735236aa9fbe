//! Feedback on engagements through the ledger: who may give each side,
//! what an engagement must be to take it, that it is kept by replay,
//! compaction and export, how a library's feedback is validated, how a
//! poor experience lengthens the advocate's rest under the policy's
//! `poor_feedback`, and the implicit judgments it gives.

mod ledger_support;

use ledger_support::{crm_call, day, fixed_options, set_clock, small_library};
use refmatch::eval::implicit;
use refmatch::ledger::{Actor, Error, FeedbackForm, Program, Role};
use refmatch::model::{EngagementKind, EngagementStatus, Feedback, FeedbackFrom, PoorFeedback, ProblemKind};
use refmatch::rank::Verdict;
use refmatch::{Library, LibraryData, Policy, Prospect, Request};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

fn rita() -> Actor {
    Actor::sales_rep("rita")
}

fn olga() -> Actor {
    Actor::owner("olga")
}

fn rep(rating: u8) -> FeedbackForm {
    FeedbackForm::new(FeedbackFrom::Rep, rating)
}

fn own(rating: u8) -> FeedbackForm {
    FeedbackForm::new(FeedbackFrom::Advocate, rating)
}

/// A program where rita asked adv-1 for day 0, olga approved, and rita
/// completed it on day 0; returns the request id.
fn completed(program: &Program) -> String {
    set_clock(day(-3));
    let id = program.request(&rita(), "adv-1", "st-1", CALL, day(0), Some("Bank AG")).unwrap();
    program.approve(&olga(), &id, "fits").unwrap();
    set_clock(day(0));
    program.complete(&rita(), &id, "done").unwrap();
    id
}

fn fresh() -> Program {
    Program::with_options(small_library(), &fixed_options())
}

#[test]
fn each_side_is_given_by_its_own_people() {
    let program = fresh();
    let id = completed(&program);
    // The rep's side: not another rep, not the advocate, not rita as an owner.
    for actor in
        [Actor::sales_rep("rob"), Actor::advocate("adv-1"), Actor::owner("rita"), Actor::owner("oscar")]
    {
        let err = program.feedback(&actor, &id, rep(4)).unwrap_err();
        assert!(matches!(&err, Error::Forbidden { .. }), "{actor}: {err}");
        assert_eq!(
            err.to_string(),
            format!(
                "{actor} may not give rep feedback on request {id}: only the requesting rep, the account's owner or an admin may"
            )
        );
    }
    program.feedback(&rita(), &id, rep(4)).unwrap();
    // The advocate's side: not another advocate, not the rep, not the owner.
    for actor in
        [Actor::advocate("adv-2"), rita(), olga(), Actor { id: "adv-1".into(), role: Role::SalesRep }]
    {
        let err = program.feedback(&actor, &id, own(5)).unwrap_err();
        assert!(matches!(&err, Error::Forbidden { .. }), "{actor}: {err}");
    }
    program.feedback(&Actor::advocate("adv-1"), &id, own(5)).unwrap();
    let record = program.record(&id).unwrap();
    assert_eq!(record.feedback.len(), 2);
    assert_eq!(record.advocate_rating(), Some(5));
    assert_eq!(record.feedback_from(FeedbackFrom::Rep).map(|f| (&f.actor, f.rating)), Some((&rita(), 4)));
}

#[test]
fn the_owner_and_admins_may_give_the_rep_side_and_admins_the_advocate_side() {
    let program = fresh();
    let id = completed(&program);
    program.feedback(&olga(), &id, rep(3)).unwrap();
    program.feedback(&Actor::admin("ada"), &id, own(2)).unwrap();
    let other = fresh();
    let id = completed(&other);
    other.feedback(&Actor::admin("ada"), &id, rep(3)).unwrap();
}

#[test]
fn an_unknown_request_is_told_only_to_admins() {
    let program = fresh();
    let id = completed(&program);
    let theirs = program.feedback(&Actor::sales_rep("rob"), &id, rep(4)).unwrap_err();
    let unknown = program.feedback(&Actor::sales_rep("rob"), "eng-9999", rep(4)).unwrap_err();
    assert!(matches!(&unknown, Error::Forbidden { .. }), "{unknown}");
    assert_eq!(theirs.to_string().replace(&id, "X"), unknown.to_string().replace("eng-9999", "X"));
    let err = program.feedback(&Actor::advocate("adv-1"), "eng-9999", own(4)).unwrap_err();
    assert!(matches!(&err, Error::Forbidden { .. }), "{err}");
    let err = program.feedback(&Actor::admin("ada"), "eng-9999", rep(4)).unwrap_err();
    assert!(matches!(&err, Error::Unknown { what: "request", .. }), "{err}");
}

#[test]
fn only_a_completed_engagement_takes_feedback_once_per_side_in_range() {
    let program = fresh();
    set_clock(day(-3));
    let open = program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let err = program.feedback(&rita(), &open, rep(4)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("feedback on request {open}: the request is requested: expected a completed engagement")
    );
    program.cancel(&rita(), &open, "").unwrap();
    assert!(matches!(program.feedback(&rita(), &open, rep(4)), Err(Error::Feedback { .. })));

    let id = completed(&program);
    for rating in [0, 6, 255] {
        let err = program.feedback(&rita(), &id, rep(rating)).unwrap_err();
        assert!(matches!(&err, Error::OutOfRange { field, .. } if field == "rating"), "{err}");
    }
    let mut long = rep(4);
    long.note = "x".repeat(20_001);
    let err = program.feedback(&rita(), &id, long).unwrap_err();
    assert!(matches!(&err, Error::OutOfRange { field, .. } if field == "note"), "{err}");

    let mut form = rep(2);
    form.helped = Some(false);
    form.missed = true;
    form.note = "the prospect did not dial in".into();
    program.feedback(&rita(), &id, form).unwrap();
    let err = program.feedback(&olga(), &id, rep(5)).unwrap_err();
    assert!(matches!(&err, Error::Feedback { .. }), "{err}");
    assert!(err.to_string().contains("the rep side gave feedback at"), "{err}");
    // The other side is still open.
    program.feedback(&Actor::advocate("adv-1"), &id, own(1)).unwrap();
    let given = program.record(&id).unwrap().feedback;
    assert_eq!(
        (given[0].missed, given[0].helped, given[0].note.as_str()),
        (true, Some(false), "the prospect did not dial in")
    );
}

#[test]
fn feedback_is_not_dated_before_the_engagements_day() {
    // A completed engagement the library came with, dated after the clock.
    let mut data: LibraryData = small_library().into_data();
    data.engagements.push(crm_call("crm-1", day(10), EngagementStatus::Completed));
    let program = Program::with_options(Library::new(data).unwrap(), &fixed_options());
    set_clock(day(9));
    let err = program.feedback(&olga(), "crm-1", rep(4)).unwrap_err();
    assert!(matches!(&err, Error::Dates { .. }), "{err}");
    // No requester is known for it: only its owner and admins give the rep side.
    set_clock(day(10));
    assert!(matches!(program.feedback(&rita(), "crm-1", rep(4)), Err(Error::Forbidden { .. })));
    program.feedback(&olga(), "crm-1", rep(4)).unwrap();
}

#[test]
fn feedback_survives_replay_compaction_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path().join("a"), &fixed_options()).unwrap();
    let id = completed(&program);
    let mut form = rep(5);
    form.helped = Some(true);
    form.note = "closed the deal".into();
    program.feedback(&rita(), &id, form).unwrap();
    let state = program.state();
    drop(program);

    let (reopened, report) = Program::open(dir.path().join("a"), &fixed_options()).unwrap();
    assert_eq!(report.replayed, 4);
    assert_eq!(reopened.state(), state);
    reopened.feedback(&Actor::advocate("adv-1"), &id, own(2)).unwrap();
    reopened.compact().unwrap();
    let state = reopened.state();
    drop(reopened);
    let (compacted, report) = Program::open(dir.path().join("a"), &fixed_options()).unwrap();
    assert_eq!(report.replayed, 0);
    assert_eq!(compacted.state(), state);

    let exported = compacted.export();
    assert_eq!(exported.feedback.len(), 2);
    assert_eq!(exported.feedback[0].note, "closed the deal");
    let library = Library::new(exported.clone()).expect("an export is valid");
    assert_eq!(library.feedback().len(), 2);
    let again = Program::create(library, dir.path().join("b"), &fixed_options()).unwrap();
    assert_eq!(again.export(), exported);
    // A side that gave feedback before the export cannot give it again.
    assert!(matches!(again.feedback(&rita(), &id, rep(1)), Err(Error::Feedback { .. })));
    // And it reads back from CSV.
    let csv = tempfile::tempdir().unwrap();
    let library = Library::new(exported).unwrap();
    refmatch::io::csv::write_dir(&library, csv.path()).unwrap();
    assert_eq!(refmatch::io::csv::load_dir(csv.path()).unwrap(), library);
}

#[test]
fn replay_checks_feedback_again() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let id = completed(&program);
    program.feedback(&Actor::advocate("adv-1"), &id, own(3)).unwrap();
    drop(program);
    // Someone edits the log so that another advocate gave it, and reseals it.
    let log = dir.path().join("ledger.jsonl");
    let text = std::fs::read_to_string(&log).unwrap();
    let edited = text.replace(r#""id":"adv-1","role":"advocate""#, r#""id":"adv-2","role":"advocate""#);
    assert_ne!(edited, text);
    std::fs::write(&log, ledger_support::reseal_log(&edited)).unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(matches!(&err, Error::Corrupt { line: 5, .. }), "{err}");
    assert!(err.to_string().contains("refused on replay"), "{err}");
}

fn given(engagement: &str, from: FeedbackFrom, rating: u8, at: &str) -> Feedback {
    Feedback {
        engagement: engagement.into(),
        from,
        rating,
        helped: None,
        missed: false,
        note: String::new(),
        actor: Actor::admin("ada"),
        at: at.parse().unwrap(),
    }
}

#[test]
fn a_librarys_feedback_is_validated_with_places_all_at_once() {
    let mut data: LibraryData = small_library().into_data();
    data.engagements.push(crm_call("e-done", day(0), EngagementStatus::Completed));
    data.engagements.push(crm_call("e-open", day(0), EngagementStatus::Approved));
    let on_day = "2027-01-04T10:00:00Z";
    let mut long = given("e-done", FeedbackFrom::Advocate, 5, on_day);
    long.note = "x".repeat(20_001);
    long.actor.id = " ".into();
    data.feedback = vec![
        given("e-done", FeedbackFrom::Rep, 4, on_day),
        given("e-none", FeedbackFrom::Rep, 4, on_day),
        given("e-open", FeedbackFrom::Rep, 4, on_day),
        given("e-done", FeedbackFrom::Rep, 3, on_day),
        given("e-done", FeedbackFrom::Advocate, 0, "2027-01-03T23:00:00Z"),
        long,
    ];
    let err = Library::new(data.clone()).unwrap_err();
    let found: Vec<(&str, ProblemKind)> = err.problems().iter().map(|p| (p.place.as_str(), p.kind)).collect();
    assert_eq!(
        found,
        [
            ("feedback[1].engagement", ProblemKind::UnknownReference),
            ("feedback[2].engagement", ProblemKind::OutOfRange),
            ("feedback[3].from", ProblemKind::DuplicateId),
            ("feedback[4].at", ProblemKind::UnorderedRange),
            ("feedback[4].rating", ProblemKind::OutOfRange),
            ("feedback[5].from", ProblemKind::DuplicateId),
            ("feedback[5].note", ProblemKind::OutOfRange),
            ("feedback[5].actor.id", ProblemKind::EmptyId),
        ]
    );
    let messages: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert!(messages[0].contains("unknown engagement id \"e-none\""), "{}", messages[0]);
    assert!(
        messages[1].contains("is approved: expected feedback only on a completed engagement"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("the first is at feedback[0]"), "{}", messages[2]);
    data.feedback.truncate(1);
    assert_eq!(Library::new(data).unwrap().feedback().len(), 1);
}

#[test]
fn the_poor_feedback_option_is_range_checked() {
    let mut data: LibraryData = small_library().into_data();
    data.policy.poor_feedback = Some(PoorFeedback::new(0, 3661));
    let err = Library::new(data.clone()).unwrap_err();
    let places: Vec<&str> = err.problems().iter().map(|p| p.place.as_str()).collect();
    assert_eq!(places, ["policy.poor_feedback.at_most", "policy.poor_feedback.extra_rest_days"]);
    data.policy.poor_feedback = Some(PoorFeedback::new(6, 0));
    assert_eq!(Library::new(data.clone()).unwrap_err().problems().len(), 2);
    data.policy.poor_feedback = Some(PoorFeedback::new(5, 3660));
    Library::new(data).unwrap();
}

#[test]
fn a_poor_experience_lengthens_the_rest_after_it() {
    // Rest 7 days; a rating of at most 2 rests 10 days more.
    let program = fresh();
    let poor = Policy { poor_feedback: Some(PoorFeedback::new(2, 10)), ..*small_library().policy() };
    program.set_policy(&Actor::admin("ada"), poor).unwrap();
    let id = completed(&program);
    // Day 7 is free of the 7-day rest after day 0; so is every later day.
    assert_eq!(program.fatigue("adv-1", day(7)).unwrap().next_available, Some(day(7)));
    // The rep's poor rating of the call changes nothing.
    program.feedback(&rita(), &id, rep(1)).unwrap();
    assert_eq!(program.fatigue("adv-1", day(7)).unwrap().next_available, Some(day(7)));
    // The advocate's rating of 2 holds days 1 to 16: 0 + 7 + 10 - 1.
    program.feedback(&Actor::advocate("adv-1"), &id, own(2)).unwrap();
    assert_eq!(program.fatigue("adv-1", day(7)).unwrap().next_available, Some(day(17)));
    let err = program.request(&rita(), "adv-1", "st-1", CALL, day(16), None).unwrap_err();
    match &err {
        Error::Ineligible { exclusion, .. } => {
            assert_eq!(exclusion.rule(), "E5");
            assert_eq!(
                exclusion.to_string(),
                format!("rested: engagement on {} is within 17 days of {}", day(0), day(16))
            );
        }
        other => panic!("expected E5, got {other}"),
    }
    // Ranking sees it at once.
    let request = Request::new(CALL, day(16)).with_min_relevance(0.0);
    match program.explain("adv-1", &Prospect::new(), &request).unwrap() {
        Verdict::Excluded(why) => assert_eq!(why.rule(), "E5"),
        other => panic!("expected E5, got {other:?}"),
    }
    program.request(&rita(), "adv-1", "st-1", CALL, day(17), None).unwrap();
    // The rest before the engagement stays 7 days: day -7 is free, day -6 not.
    assert_eq!(program.fatigue("adv-1", day(-7)).unwrap().next_available, Some(day(-7)));
    // From day -6 the longer rest runs to day 16, and the request on day
    // 17 rests days 11 to 23 (7 each side).
    assert_eq!(program.fatigue("adv-1", day(-6)).unwrap().next_available, Some(day(24)));
}

#[test]
fn a_rating_above_the_threshold_or_no_option_keeps_the_rest() {
    for (policy, rating) in [(Some(PoorFeedback::new(2, 10)), 3), (None, 1)] {
        let program = fresh();
        program
            .set_policy(&Actor::admin("ada"), Policy { poor_feedback: policy, ..*small_library().policy() })
            .unwrap();
        let id = completed(&program);
        program.feedback(&Actor::advocate("adv-1"), &id, own(rating)).unwrap();
        assert_eq!(program.fatigue("adv-1", day(7)).unwrap().next_available, Some(day(7)), "{policy:?}");
        program.request(&rita(), "adv-1", "st-1", CALL, day(7), None).unwrap();
    }
}

#[test]
fn the_reps_feedback_gives_implicit_judgments() {
    let program = fresh();
    let id = completed(&program);
    let mut form = rep(5);
    form.helped = Some(true);
    program.feedback(&rita(), &id, form).unwrap();
    program.feedback(&Actor::advocate("adv-1"), &id, own(1)).unwrap();
    let library = Library::new(program.export()).unwrap();
    let inputs = implicit::feedback_of(&library);
    assert_eq!(
        inputs,
        [implicit::Feedback { engagement: id.clone(), rating: Some(5), helped: true, missed: false }]
    );
    let evidence = implicit::feedback(&inputs);
    assert_eq!((evidence[0].engagement.as_str(), evidence[0].grade), (id.as_str(), 3));
}
