//! A small hand-made program for the ledger tests (`mod ledger_support;`),
//! a fixed clock, and an independent check of the fatigue rules.
#![allow(dead_code)]

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use refmatch::ledger::{Options, ProgramState};
use refmatch::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, DateRange, Engagement, EngagementKind,
    EngagementStatus, Seniority, Story,
};
use refmatch::{Library, LibraryData, Policy};

/// The first day tests ask for.
pub const DAY0: Date = Date::constant(2027, 1, 4);

/// `DAY0` plus `n` days.
pub fn day(n: i64) -> Date {
    DAY0.checked_add(n.days()).expect("in range")
}

thread_local! {
    /// The time the test clock says on this thread.
    static NOW: std::cell::Cell<Timestamp> =
        std::cell::Cell::new("2027-01-01T09:00:00Z".parse::<Timestamp>().expect("a timestamp"));
}

/// A clock that says 2027-01-01T09:00:00Z on each thread until
/// [`set_clock`] moves it there.
pub fn fixed_options() -> Options {
    let mut options = Options::new();
    options.clock(|| NOW.with(std::cell::Cell::get));
    options
}

/// Moves this thread's test clock to 09:00 UTC of `date` (the ledger
/// refuses to complete an engagement before its day).
pub fn set_clock(date: Date) {
    let at = date.at(9, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).expect("a time").timestamp();
    NOW.with(|now| now.set(at));
}

fn account(id: &str, owner: &str, status: AccountStatus) -> Account {
    Account {
        id: id.into(),
        name: format!("Company {id}"),
        industry: "522110".into(),
        employees: 2_000,
        country: "DE".into(),
        status,
        owner: owner.into(),
        owner_id: owner.into(),
        advisory_board: vec![],
    }
}

fn advocate(id: &str, account: &str, seniority: Seniority, status: AdvocateStatus) -> Advocate {
    Advocate {
        id: id.into(),
        account: account.into(),
        name: format!("Person {id}"),
        title: "Head of Things".into(),
        seniority,
        languages: vec!["en".into()],
        kinds: vec![EngagementKind::ReferenceCall, EngagementKind::SiteVisit],
        status,
        cap: None,
        window_days: None,
        rest_days: None,
        blackouts: vec![],
    }
}

fn story(id: &str, account: &str, advocates: &[&str], approved: bool) -> Story {
    Story {
        id: id.into(),
        account: account.into(),
        title: format!("Story {id}"),
        summary: String::new(),
        products: vec![],
        use_cases: vec!["fraud detection".into()],
        advocates: advocates.iter().map(|a| a.to_string()).collect(),
        outcomes: vec![],
        competitors: vec![],
        assets: vec![],
        verified_on: Date::constant(2026, 1, 1),
        approved,
        approved_until: None,
    }
}

/// Accounts acc-1 (owner olga), acc-2 (owner oscar), acc-3 (owner olga,
/// do not contact). Advocates: adv-1 executive and adv-2 manager at acc-1,
/// adv-3 director (own cap 2) and adv-4 paused at acc-2, adv-5 at acc-3,
/// adv-6 at acc-2 with a blackout on days 0..=9 and only site visits.
/// Stories: st-1 (acc-1: adv-1, adv-2), st-2 (acc-1, unapproved: adv-1),
/// st-3 (acc-2: adv-3, adv-4, adv-6), st-4 (acc-3: adv-5).
/// Policy: cap 3 per 60 days, rest 7 days. No engagements.
pub fn small_library() -> Library {
    let mut adv3 = advocate("adv-3", "acc-2", Seniority::Director, AdvocateStatus::Active);
    adv3.cap = Some(2);
    let mut adv6 = advocate("adv-6", "acc-2", Seniority::Vp, AdvocateStatus::Active);
    adv6.blackouts = vec![DateRange { start: day(0), end: day(9) }];
    adv6.kinds = vec![EngagementKind::SiteVisit];
    let data = LibraryData {
        policy: Policy { cap: 3, window_days: 60, rest_days: 7, ..Policy::default() },
        products: vec![],
        accounts: vec![
            account("acc-1", "olga", AccountStatus::Active),
            account("acc-2", "oscar", AccountStatus::Active),
            account("acc-3", "olga", AccountStatus::DoNotContact),
        ],
        advocates: vec![
            advocate("adv-1", "acc-1", Seniority::Executive, AdvocateStatus::Active),
            advocate("adv-2", "acc-1", Seniority::Manager, AdvocateStatus::Active),
            adv3,
            advocate("adv-4", "acc-2", Seniority::Director, AdvocateStatus::Paused),
            advocate("adv-5", "acc-3", Seniority::Manager, AdvocateStatus::Active),
            adv6,
        ],
        stories: vec![
            story("st-1", "acc-1", &["adv-1", "adv-2"], true),
            story("st-2", "acc-1", &["adv-1"], false),
            story("st-3", "acc-2", &["adv-3", "adv-4", "adv-6"], true),
            story("st-4", "acc-3", &["adv-5"], true),
        ],
        engagements: vec![],
        ..LibraryData::default()
    };
    Library::new(data).expect("the small library is valid")
}

/// A reference call of adv-1 telling st-1 on `date` with `status`, as a
/// CRM's ledger holds it (no workflow history).
pub fn crm_call(id: &str, date: Date, status: EngagementStatus) -> Engagement {
    Engagement {
        id: id.into(),
        advocate: "adv-1".into(),
        story: "st-1".into(),
        kind: EngagementKind::ReferenceCall,
        date,
        status,
        prospect: None,
    }
}

/// Held days per advocate in `state`.
pub fn held_days(state: &ProgramState, advocate: &str) -> Vec<Date> {
    let mut days: Vec<Date> = state
        .requests
        .iter()
        .filter(|r| r.engagement.advocate == advocate && r.engagement.status.is_held())
        .map(|r| r.engagement.date)
        .collect();
    days.sort();
    days
}

/// Days from `a` to `b`.
pub fn between(a: Date, b: Date) -> i64 {
    i64::from(a.until(b).expect("a span").get_days())
}

/// `(cap, window, rest)` of `advocate` in `state`, resolved independently:
/// the advocate's own, else its tier's, else the program's.
pub fn limits(state: &ProgramState, advocate: &str) -> (u32, u32, u32) {
    let p = &state.library.policy;
    let found = state.library.advocates.iter().find(|a| a.id == advocate).expect("known");
    let tier = p.tiers.get(found.seniority);
    (
        found.cap.or(tier.cap).unwrap_or(p.cap),
        found.window_days.or(tier.window_days).unwrap_or(p.window_days),
        found.rest_days.or(tier.rest_days).unwrap_or(p.rest_days),
    )
}

/// Every window of `window` days, counted one by one: the most held days
/// any window contains.
pub fn busiest_window(days: &[Date], window: u32) -> usize {
    let Some(&first) = days.first() else { return 0 };
    let offsets: Vec<i64> = days.iter().map(|&d| between(first, d)).collect();
    let last = *offsets.last().expect("non-empty");
    (-(i64::from(window))..=last)
        .map(|start| offsets.iter().filter(|&&o| start <= o && o < start + i64::from(window)).count())
        .max()
        .unwrap_or(0)
}

/// Whether a new engagement of `advocate` on `date` keeps SCORING.md E4,
/// E5 and E6 against `state`, by brute force: adding it, no window of the
/// advocate's length holds more than its cap, and no held engagement is
/// closer than its rest days; and no blackout covers the date.
pub fn fatigue_allows(state: &ProgramState, advocate: &str, date: Date) -> bool {
    let (cap, window, rest) = limits(state, advocate);
    let found = state.library.advocates.iter().find(|a| a.id == advocate).expect("known");
    if found.blackouts.iter().any(|b| b.contains(date)) {
        return false;
    }
    let held = held_days(state, advocate);
    if held.iter().any(|&h| between(h, date).abs() < i64::from(rest)) {
        return false;
    }
    // used(d) < cap: in every window containing d, fewer than cap held.
    (0..i64::from(window)).all(|back| {
        let start = date.checked_sub(back.days()).expect("in range");
        let end = start.checked_add((i64::from(window) - 1).days()).expect("in range");
        held.iter().filter(|&&h| start <= h && h <= end).count() < cap as usize
    })
}

/// Whether an independent reading of SCORING.md E1..E8 lets `advocate`
/// tell `story` as a `kind` engagement on `date` in `state`: on the story,
/// active at a contactable account, accepting the kind, story approved on
/// the day, account not hidden, and [`fatigue_allows`].
pub fn independent_eligible(
    state: &ProgramState,
    advocate: &str,
    story: &str,
    kind: EngagementKind,
    date: Date,
) -> bool {
    let library = &state.library;
    let Some(found) = library.advocates.iter().find(|a| a.id == advocate) else { return false };
    let Some(told) = library.stories.iter().find(|s| s.id == story) else { return false };
    let account = library.accounts.iter().find(|a| a.id == found.account).expect("known");
    told.advocates.iter().any(|a| a == advocate)
        && found.status == AdvocateStatus::Active
        && account.status == AccountStatus::Active
        && found.kinds.contains(&kind)
        && told.approved_on(date)
        && !state.hidden.contains(&told.account)
        && fatigue_allows(state, advocate, date)
}

/// Recomputes the checksum of every record line of a log, as someone who
/// knows the format would after editing it: the CRC-32C of the record's
/// bytes, salted with the header's program id and generation. Replay must
/// still refuse what such an edit makes of the ledger.
pub fn reseal_log(log: &str) -> String {
    let mut lines: Vec<String> = log.lines().map(str::to_string).collect();
    let header: serde_json::Value = serde_json::from_str(&lines[0]).expect("a header line");
    let salt = salt_of(&header["head"]["program"], &header["head"]["generation"]);
    for line in &mut lines[1..] {
        let prefix_end = line.find(",\"rec\":").expect("a record line") + ",\"rec\":".len();
        let payload = &line[prefix_end..line.len() - 1];
        let crc = crc32c::crc32c_append(salt, payload.as_bytes());
        *line = format!("{{\"crc\":{crc},\"rec\":{payload}}}");
    }
    lines.join("\n") + "\n"
}

/// Recomputes the checksum of a snapshot's state.
pub fn reseal_snapshot(snapshot: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(snapshot).expect("a snapshot");
    let salt = salt_of(&value["program"], &value["generation"]);
    let start = snapshot.find("\"state\": ").expect("a state") + "\"state\": ".len();
    let end = snapshot.rfind('}').expect("the end");
    let payload = snapshot[start..end].trim_end();
    let crc = crc32c::crc32c_append(salt, payload.as_bytes());
    let crc_start = snapshot.find("\"crc\": ").expect("a crc") + "\"crc\": ".len();
    let crc_end = crc_start + snapshot[crc_start..].find(',').expect("a comma");
    format!("{}{crc}{}", &snapshot[..crc_start], &snapshot[crc_end..])
}

fn salt_of(program: &serde_json::Value, generation: &serde_json::Value) -> u32 {
    let hex = program.as_str().expect("a program id");
    let bytes: Vec<u8> =
        (0..16).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex")).collect();
    let generation = generation.as_u64().expect("a generation");
    crc32c::crc32c_append(crc32c::crc32c(&bytes), &generation.to_le_bytes())
}
