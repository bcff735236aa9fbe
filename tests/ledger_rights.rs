//! Rights that identity alone decides: an advocate actor is that advocate,
//! actors compare by id and role, a blank owner owns nothing, and an actor
//! who may not see a record cannot learn that it exists.

mod ledger_support;

use ledger_support::{day, fixed_options, small_library};
use refmatch::ledger::{Actor, AdvocateUpdate, Error, Program, Role};
use refmatch::model::{AccountStatus, AdvocateStatus, EngagementKind, ProblemKind};
use refmatch::{Library, LibraryData};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

fn program() -> Program {
    Program::with_options(small_library(), &fixed_options())
}

fn paused() -> AdvocateUpdate {
    AdvocateUpdate { status: Some(AdvocateStatus::Paused), ..AdvocateUpdate::default() }
}

#[test]
fn an_advocate_actor_is_the_advocate_it_names() {
    let program = program();
    // adv-2 cannot edit adv-1, whatever else the actor says.
    let impostor = Actor { id: "adv-2".into(), role: Role::Advocate };
    let err = program.update_advocate(&impostor, "adv-1", paused()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "advocate adv-2 may not update advocate adv-1: only the advocate themself or an admin may"
    );
    program.update_advocate(&Actor::advocate("adv-1"), "adv-1", paused()).unwrap();
}

#[test]
fn actors_are_compared_by_id_and_role() {
    let program = program();
    let root = Actor::admin("root");
    let id = program.request(&root, "adv-1", "st-1", CALL, day(0), None).unwrap();
    let err = program.cancel(&Actor::sales_rep("root"), &id, "").unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err}");
    // The requester itself may, as the same actor.
    let rep = Actor::sales_rep("rita");
    let mine = program.request(&rep, "adv-3", "st-3", CALL, day(0), None).unwrap();
    let err = program.cancel(&Actor::admin("rita"), &mine, "").map(|()| "allowed");
    assert_eq!(err.ok(), Some("allowed"), "an admin may cancel anything");
    let again = program.request(&rep, "adv-3", "st-3", CALL, day(40), None).unwrap();
    program.cancel(&rep, &again, "").unwrap();
}

#[test]
fn a_blank_owner_is_invalid_so_nobody_can_approve_as_it() {
    let mut data: LibraryData = small_library().into_data();
    for blank in ["", "   "] {
        data.accounts[0].owner = blank.into();
        let err = Library::new(data.clone()).unwrap_err();
        let problem = &err.problems()[0];
        assert_eq!((problem.place.as_str(), problem.kind), ("accounts[0].owner", ProblemKind::OutOfRange));
    }
    // And an actor without an id acts for nobody.
    let program = program();
    let id = program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let err = program.approve(&Actor::owner(""), &id, "").unwrap_err();
    assert_eq!(err.to_string(), "actor.id: empty actor id: expected who acts, e.g. a login");
}

#[test]
fn ids_cannot_be_probed_by_actors_who_may_not_see_them() {
    let program = program();
    let id = program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let sam = Actor::sales_rep("sam");
    // Somebody else's request and a request that does not exist: the same refusal.
    let theirs = program.cancel(&sam, &id, "").unwrap_err().to_string();
    let missing = program.cancel(&sam, "eng-9999", "").unwrap_err().to_string();
    assert_eq!(theirs.replace(&id, "X"), missing.replace("eng-9999", "X"));
    assert!(missing.starts_with("sales rep sam may not cancel request eng-9999"), "{missing}");
    // The same for owners approving, advocates updating and owners of accounts.
    let oscar = Actor::owner("oscar");
    assert!(matches!(program.approve(&oscar, "eng-9999", ""), Err(Error::Forbidden { .. })));
    let adv = Actor::advocate("adv-1");
    assert!(matches!(program.update_advocate(&adv, "adv-99", paused()), Err(Error::Forbidden { .. })));
    let status = program.set_account_status(&oscar, "acc-99", AccountStatus::DoNotContact);
    assert!(matches!(status, Err(Error::Forbidden { .. })), "{status:?}");
    // Admins may see everything, so they are told what does not exist.
    let admin = Actor::admin("ada");
    assert!(matches!(program.cancel(&admin, "eng-9999", ""), Err(Error::Unknown { .. })));
    assert!(matches!(program.update_advocate(&admin, "adv-99", paused()), Err(Error::Unknown { .. })));
}
