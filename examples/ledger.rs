//! A quarter of a reference program on the sample library: reps request
//! the best advocate for their prospects each week, account owners approve
//! (or decline), one request is refused with the reason, reps and
//! advocates rate the calls held, and the program manager reads the
//! fatigue summary and the feedback at the end.
//!
//! `cargo run --example ledger`; the ledger is written to a temporary
//! directory and reopened at the end to show that it replays. The
//! program's clock is simulated: the quarter passes day by day, so each
//! call is completed on its day.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use jiff::{Timestamp, ToSpan};
use refmatch::eval::implicit;
use refmatch::ledger::{Actor, FeedbackForm, FeedbackFrom, Options, Program};
use refmatch::model::EngagementKind;
use refmatch::rank::Request;
use refmatch::{Date, Library, Prospect};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let library = Library::sample();
    let dir = tempfile::tempdir()?;
    // The clock the ledger stamps every step with, moved by the simulation.
    let now = Arc::new(AtomicI64::new(at("2026-12-01", 9)?.as_second()));
    let mut options = Options::new();
    let clock = Arc::clone(&now);
    options.clock(move || {
        Timestamp::from_second(clock.load(Ordering::Relaxed)).unwrap_or(Timestamp::UNIX_EPOCH)
    });
    let program = Program::create(library.clone(), dir.path(), &options)?;
    let prospects = [
        Prospect::new()
            .with_industry("commercial banking")
            .with_country("DE")
            .with_use_case("fraud detection"),
        Prospect::new().with_industry("software publishers").with_country("US").with_employees(800),
        Prospect::new().with_industry("general medical and surgical hospitals").with_country("FR"),
        Prospect::new().with_industry("522110").with_country("GB").with_competitor("Omnisuite"),
    ];
    let reps = [Actor::sales_rep("rep-anna"), Actor::sales_rep("rep-ben")];

    // A refused request, with the reason a rep reads: the program's busiest
    // advocate is at her cap today.
    let busiest: Date = "2026-12-01".parse()?;
    let story =
        library.stories().iter().find(|s| s.advocates.iter().any(|a| a == "adv-036")).map(|s| s.id.clone());
    if let Some(story) = story {
        match program.request(&reps[0], "adv-036", &story, EngagementKind::ReferenceCall, busiest, None) {
            Ok(id) => println!("unexpectedly accepted {id}"),
            Err(refused) => println!("refused: {refused}"),
        }
    }

    let start: Date = "2027-01-04".parse()?;
    let (mut approved, mut declined) = (0, 0);
    println!("Q1 2027 on the sample program ({} advocates)\n", library.advocates().len());
    for week in 0..13i64 {
        for (i, prospect) in prospects.iter().enumerate() {
            let day = start.checked_add((week * 7 + i as i64).days())?;
            // Asked and decided the morning of the call.
            now.store(at(&day.to_string(), 8)?.as_second(), Ordering::Relaxed);
            let request = Request::new(EngagementKind::ReferenceCall, day);
            // The best advocate right now: ranking sees every earlier request.
            let Some(best) = program.rank_advocates(prospect, &request)?.into_iter().next() else { continue };
            let rep = &reps[i % reps.len()];
            let id =
                program.request(rep, &best.advocate, &best.story, request.kind, day, Some("Q1 prospect"))?;
            let owner = library.account(&best.account).map(|a| a.owner_id.clone()).unwrap_or_default();
            // Owners decline one request in seven; the rest are approved.
            if (week + i as i64) % 7 == 6 {
                program.decline(&Actor::owner(&owner), &id, "account in a renewal")?;
                declined += 1;
            } else {
                program.approve(&Actor::owner(&owner), &id, "good fit")?;
                approved += 1;
                if week < 10 {
                    // Held that afternoon.
                    now.store(at(&day.to_string(), 17)?.as_second(), Ordering::Relaxed);
                    program.complete(rep, &id, "call held")?;
                    // The rep rates the call and the advocate the
                    // experience, the next morning.
                    now.store(at(&day.tomorrow()?.to_string(), 9)?.as_second(), Ordering::Relaxed);
                    let rating = 3 + ((week + i as i64) % 3) as u8;
                    let mut call = FeedbackForm::new(FeedbackFrom::Rep, rating);
                    call.helped = Some(rating >= 4);
                    program.feedback(rep, &id, call)?;
                    let felt = if (week * 4 + i as i64) % 9 == 0 { 2 } else { 4 };
                    let mut experience = FeedbackForm::new(FeedbackFrom::Advocate, felt);
                    if felt == 2 {
                        experience.note = "the prospect was unprepared".into();
                    }
                    program.feedback(&Actor::advocate(&best.advocate), &id, experience)?;
                }
            }
            if week == 0 {
                println!(
                    "{day}: {} asks {} ({}) for {id}; {owner} decides",
                    rep.id, best.advocate, best.story
                );
            }
        }
    }
    println!("\n{approved} requests approved, {declined} declined");

    // A step the rep has no right to make.
    if let Err(refused) = program.approve(&reps[1], "eng-0001", "") {
        println!("refused: {refused}");
    }

    let end = start.checked_add(12.weeks())?;
    println!("\nFatigue on {end}:");
    let full = program.at_or_over_cap(end);
    println!("  at or over cap: {} advocates", full.len());
    for f in &full {
        let next = f.next_available.map_or("never".to_string(), |d| d.to_string());
        println!(
            "    {} used {}/{} per {} days, next available {next}",
            f.advocate, f.used, f.cap, f.window_days
        );
    }
    let mut busiest_now = program.fatigue_summary(end);
    busiest_now.sort_by(|a, b| b.used.cmp(&a.used).then_with(|| a.advocate.cmp(&b.advocate)));
    for f in busiest_now.iter().take(5) {
        println!("  {}: {}/{} in the busiest {}-day window", f.advocate, f.used, f.cap, f.window_days);
    }
    println!("  never asked: {} advocates", program.never_asked().len());

    // What the calls were worth, and how the advocates fared.
    let exported = Library::new(program.export())?;
    let given = exported.feedback();
    let poor = given.iter().filter(|f| f.from == FeedbackFrom::Advocate && f.rating <= 2).count();
    let evidence = implicit::feedback(&implicit::feedback_of(&exported));
    let helped = evidence.iter().filter(|e| e.grade >= 2).count();
    println!(
        "\nFeedback: {} ratings; {helped} of {} calls helped a deal (implicit grade 2 or 3); \
         {poor} poor experiences, which `Policy::poor_feedback` can turn into a longer rest",
        given.len(),
        evidence.len()
    );

    let live = program.state();
    drop(program);
    let (reopened, report) = Program::open(dir.path(), &Options::new())?;
    assert_eq!(reopened.state(), live, "the log replays to the live state");
    println!("\nreopened: {} operations replayed from {}", report.replayed, dir.path().display());
    Ok(())
}

/// `day` (YYYY-MM-DD) at `hour`:00 UTC.
fn at(day: &str, hour: i8) -> Result<Timestamp, Box<dyn std::error::Error>> {
    Ok(day.parse::<Date>()?.at(hour, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC)?.timestamp())
}
