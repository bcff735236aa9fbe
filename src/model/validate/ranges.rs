//! The ranges of [`crate::model::limits`], checked on every number, date,
//! string and list of a [`LibraryData`]: a pass of its own, so the rules
//! about references and codes stay apart from the rules about sizes.
//!
//! Values are shown in messages cut to [`SHOWN`] characters, so a 1 MB
//! label makes a short message.

use jiff::civil::Date;

use super::{ProblemKind, Report};
use crate::model::entities::{Advocate, Outcome, Story};
use crate::model::library::LibraryData;
use crate::model::limits::{
    MAX_CAP, MAX_DATE, MAX_DAYS, MAX_EMPLOYEES, MAX_ID_LEN, MAX_LABEL_LEN, MAX_LIST_LEN, MAX_MAGNITUDE,
    MAX_TEXT_LEN, MAX_WEIGHT, MIN_DATE, MIN_WEIGHT, date_in_range, weight_in_range,
};
use crate::model::{Policy, Prospect};

/// How many characters of a value a message shows.
pub(crate) const SHOWN: usize = 40;

/// `value` for a message: quoted, cut after [`SHOWN`] characters.
pub(crate) fn shown(value: &str) -> String {
    match value.char_indices().nth(SHOWN) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!("{:?}...", &value[..cut]),
    }
}

/// A number for a message: plain when it reads well (`-0.25`, `3000`),
/// else in scientific notation (`1e308`, `5e-324`), never 300 digits.
pub(crate) fn number(value: f64) -> String {
    let magnitude = value.abs();
    if value == 0.0 || !value.is_finite() || (1e-4..1e15).contains(&magnitude) {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// The kinds of strings, by their limits.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Len {
    /// An id or a reference to one: [`MAX_ID_LEN`].
    Id,
    /// A name, title, tag, code or location: [`MAX_LABEL_LEN`].
    Label,
    /// Free text: [`MAX_TEXT_LEN`].
    Text,
}

impl Len {
    pub(crate) fn max(self) -> usize {
        match self {
            Len::Id => MAX_ID_LEN,
            Len::Label => MAX_LABEL_LEN,
            Len::Text => MAX_TEXT_LEN,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Len::Id => "id",
            Len::Label => "label",
            Len::Text => "text",
        }
    }
}

/// The message for a string over its limit, `None` when it fits.
pub(crate) fn too_long(kind: Len, value: &str) -> Option<String> {
    (value.len() > kind.max()).then(|| {
        format!(
            "{} {} is {} bytes long: expected at most {} bytes",
            kind.what(),
            shown(value),
            value.len(),
            kind.max()
        )
    })
}

/// The message for a date outside the span, `None` when it is inside.
pub(crate) fn date_out_of_range(date: Date) -> Option<String> {
    (!date_in_range(date))
        .then(|| format!("date {date} is out of range: expected a day from {MIN_DATE} to {MAX_DATE}"))
}

/// The message for a weight outside its range, `None` when it is allowed.
pub(crate) fn weight_out_of_range(weight: f64) -> Option<String> {
    (!weight_in_range(weight)).then(|| {
        format!(
            "weight {} is not allowed: expected 0 or a number from {MIN_WEIGHT:e} to {MAX_WEIGHT:e}",
            number(weight)
        )
    })
}

/// The message for a whole number outside `lo..=hi`, `None` when inside.
pub(crate) fn count_out_of_range(what: &str, value: u64, lo: u64, hi: u64) -> Option<String> {
    (!(lo..=hi).contains(&value)).then(|| format!("{what} {value} is out of range: expected {lo}..={hi}"))
}

/// Where a number's range starts; every range ends at [`MAX_MAGNITUDE`].
#[derive(Debug, Clone, Copy)]
enum Low {
    /// At [`MAX_MAGNITUDE`] below 0.
    Signed,
    /// At 0.
    Zero,
    /// Above 0.
    AboveZero,
}

/// Checks that go into a [`Report`] under a place.
struct Check<'r> {
    report: &'r mut Report,
}

impl Check<'_> {
    fn add(&mut self, place: impl Into<String>, message: Option<String>) {
        if let Some(message) = message {
            self.report.add(place, ProblemKind::OutOfRange, message);
        }
    }

    fn string(&mut self, place: impl FnOnce() -> String, kind: Len, value: &str) {
        if value.len() > kind.max() {
            self.add(place(), too_long(kind, value));
        }
    }

    fn strings<'a>(
        &mut self,
        place: impl Fn() -> String,
        kind: Len,
        values: impl ExactSizeIterator<Item = &'a String>,
    ) {
        self.list(&place, values.len());
        for (i, value) in values.enumerate() {
            self.string(|| format!("{}[{i}]", place()), kind, value);
        }
    }

    fn list(&mut self, place: impl FnOnce() -> String, len: usize) {
        if len > MAX_LIST_LEN {
            let message = format!("{len} items: expected at most {MAX_LIST_LEN}");
            self.add(place(), Some(message));
        }
    }

    fn date(&mut self, place: impl FnOnce() -> String, date: Date) {
        if !date_in_range(date) {
            self.add(place(), date_out_of_range(date));
        }
    }

    fn count(&mut self, place: impl FnOnce() -> String, what: &str, value: Option<u32>, lo: u32, hi: u32) {
        if let Some(message) = value.and_then(|v| count_out_of_range(what, v.into(), lo.into(), hi.into())) {
            self.add(place(), Some(message));
        }
    }

    fn employees(&mut self, place: impl FnOnce() -> String, employees: Option<u64>) {
        if let Some(message) = employees.and_then(|v| count_out_of_range("employees", v, 1, MAX_EMPLOYEES)) {
            self.add(place(), Some(message));
        }
    }

    fn magnitude(&mut self, place: impl FnOnce() -> String, what: &str, value: f64, low: Low) {
        let low_ok = match low {
            Low::Signed => true,
            Low::Zero => value >= 0.0,
            Low::AboveZero => value > 0.0,
        };
        if !value.is_finite() || !low_ok || value.abs() > MAX_MAGNITUDE {
            let range = match low {
                Low::Signed => "from -1e15 to 1e15",
                Low::Zero => "from 0 to 1e15",
                Low::AboveZero => "above 0 and at most 1e15",
            };
            let message =
                format!("{what} {} is not allowed: expected a finite number {range}", number(value));
            self.add(place(), Some(message));
        }
    }
}

/// The range problems of a policy: cap, window and rest days, weights.
/// Places start with `place` (`policy` or `request.policy`).
pub(crate) fn policy(report: &mut Report, place: &str, policy: &Policy) {
    let mut check = Check { report };
    check.count(|| format!("{place}.cap"), "cap", Some(policy.cap), 1, MAX_CAP);
    check.count(|| format!("{place}.window_days"), "window_days", Some(policy.window_days), 1, MAX_DAYS);
    check.count(|| format!("{place}.rest_days"), "rest_days", Some(policy.rest_days), 0, MAX_DAYS);
    for (name, weight) in policy.weights.named() {
        check.add(format!("{place}.weights.{name}"), weight_out_of_range(weight));
    }
    for (level, limits) in policy.tiers.iter() {
        let tier = format!("{place}.tiers.{level}");
        check.count(|| format!("{tier}.cap"), "cap", limits.cap, 1, MAX_CAP);
        check.count(|| format!("{tier}.window_days"), "window_days", limits.window_days, 1, MAX_DAYS);
        check.count(|| format!("{tier}.rest_days"), "rest_days", limits.rest_days, 0, MAX_DAYS);
    }
}

/// The range problems of a prospect, places under `place`.
pub(crate) fn prospect(report: &mut Report, place: &str, prospect: &Prospect) {
    let mut check = Check { report };
    if let Some(industry) = &prospect.industry {
        check.string(|| format!("{place}.industry"), Len::Label, industry);
    }
    check.employees(|| format!("{place}.employees"), prospect.employees);
    if let Some(country) = &prospect.country {
        check.string(|| format!("{place}.country"), Len::Label, country);
    }
    check.strings(|| format!("{place}.languages"), Len::Label, prospect.languages.iter());
    check.strings(|| format!("{place}.products"), Len::Id, prospect.products.iter());
    check.strings(|| format!("{place}.use_cases"), Len::Label, prospect.use_cases.iter());
    if let Some(competitor) = &prospect.competitor {
        check.string(|| format!("{place}.competitor"), Len::Label, competitor);
    }
    if let Some(text) = &prospect.text {
        check.string(|| format!("{place}.text"), Len::Text, text);
    }
}

/// Checks every number, date, string and list of `data` against its range.
/// The policy is [`policy`]'s (through `policy_problems`).
pub(super) fn check(report: &mut Report, data: &LibraryData) {
    let mut check = Check { report };
    for (i, product) in data.products.iter().enumerate() {
        let place = || format!("products[{i}]");
        check.string(|| format!("{}.id", place()), Len::Id, &product.id);
        check.string(|| format!("{}.name", place()), Len::Label, &product.name);
        check.string(|| format!("{}.family", place()), Len::Label, &product.family);
    }
    for (i, account) in data.accounts.iter().enumerate() {
        let place = || format!("accounts[{i}]");
        check.string(|| format!("{}.id", place()), Len::Id, &account.id);
        check.string(|| format!("{}.name", place()), Len::Label, &account.name);
        check.string(|| format!("{}.industry", place()), Len::Label, &account.industry);
        check.employees(|| format!("{}.employees", place()), Some(account.employees));
        check.string(|| format!("{}.country", place()), Len::Label, &account.country);
        check.string(|| format!("{}.owner", place()), Len::Label, &account.owner);
        check.string(|| format!("{}.owner_id", place()), Len::Id, &account.owner_id);
        check.list(|| format!("{}.advisory_board", place()), account.advisory_board.len());
        for (j, &year) in account.advisory_board.iter().enumerate() {
            let (lo, hi) = (i64::from(MIN_DATE.year()), i64::from(MAX_DATE.year()));
            if !(lo..=hi).contains(&i64::from(year)) {
                let message = format!("year {year} is out of range: expected {lo}..={hi}");
                check.add(format!("{}.advisory_board[{j}]", place()), Some(message));
            }
        }
    }
    for (i, advocate) in data.advocates.iter().enumerate() {
        check_advocate(&mut check, i, advocate);
    }
    for (i, story) in data.stories.iter().enumerate() {
        check_story(&mut check, i, story);
    }
    for (i, engagement) in data.engagements.iter().enumerate() {
        let place = || format!("engagements[{i}]");
        check.string(|| format!("{}.id", place()), Len::Id, &engagement.id);
        check.string(|| format!("{}.advocate", place()), Len::Id, &engagement.advocate);
        check.string(|| format!("{}.story", place()), Len::Id, &engagement.story);
        check.date(|| format!("{}.date", place()), engagement.date);
        if let Some(prospect) = &engagement.prospect {
            check.string(|| format!("{}.prospect", place()), Len::Label, prospect);
        }
    }
    for (i, opportunity) in data.opportunities.iter().enumerate() {
        let place = || format!("opportunities[{i}]");
        check.string(|| format!("{}.id", place()), Len::Id, &opportunity.id);
        check.string(|| format!("{}.name", place()), Len::Label, &opportunity.name);
        check.string(|| format!("{}.stage", place()), Len::Label, &opportunity.stage);
        check.magnitude(|| format!("{}.amount", place()), "amount", opportunity.amount, Low::Zero);
        check.date(|| format!("{}.created", place()), opportunity.created);
        check.date(|| format!("{}.close", place()), opportunity.close);
        check.strings(|| format!("{}.engagements", place()), Len::Id, opportunity.engagements.iter());
        prospect(check.report, &format!("{}.prospect", place()), &opportunity.prospect);
    }
    for (i, figure) in data.account_figures.iter().enumerate() {
        let place = || format!("account_figures[{i}]");
        check.string(|| format!("{}.account", place()), Len::Id, &figure.account);
        check.date(|| format!("{}.date", place()), figure.date);
        check.employees(|| format!("{}.employees", place()), figure.employees);
        if let Some(revenue) = figure.revenue {
            check.magnitude(|| format!("{}.revenue", place()), "revenue", revenue, Low::AboveZero);
        }
    }
}

fn check_advocate(check: &mut Check<'_>, i: usize, advocate: &Advocate) {
    let place = || format!("advocates[{i}]");
    check.string(|| format!("{}.id", place()), Len::Id, &advocate.id);
    check.string(|| format!("{}.account", place()), Len::Id, &advocate.account);
    check.string(|| format!("{}.name", place()), Len::Label, &advocate.name);
    check.string(|| format!("{}.title", place()), Len::Label, &advocate.title);
    check.strings(|| format!("{}.languages", place()), Len::Label, advocate.languages.iter());
    check.list(|| format!("{}.kinds", place()), advocate.kinds.len());
    check.count(|| format!("{}.cap", place()), "cap", advocate.cap, 1, MAX_CAP);
    check.count(|| format!("{}.window_days", place()), "window_days", advocate.window_days, 1, MAX_DAYS);
    check.count(|| format!("{}.rest_days", place()), "rest_days", advocate.rest_days, 0, MAX_DAYS);
    check.list(|| format!("{}.blackouts", place()), advocate.blackouts.len());
    for (j, range) in advocate.blackouts.iter().enumerate() {
        check.date(|| format!("{}.blackouts[{j}].start", place()), range.start);
        check.date(|| format!("{}.blackouts[{j}].end", place()), range.end);
    }
}

fn check_story(check: &mut Check<'_>, i: usize, story: &Story) {
    let place = || format!("stories[{i}]");
    check.string(|| format!("{}.id", place()), Len::Id, &story.id);
    check.string(|| format!("{}.account", place()), Len::Id, &story.account);
    check.string(|| format!("{}.title", place()), Len::Label, &story.title);
    check.string(|| format!("{}.summary", place()), Len::Text, &story.summary);
    check.strings(|| format!("{}.products", place()), Len::Id, story.products.iter());
    check.strings(|| format!("{}.use_cases", place()), Len::Label, story.use_cases.iter());
    check.strings(|| format!("{}.advocates", place()), Len::Id, story.advocates.iter());
    check.strings(|| format!("{}.competitors", place()), Len::Label, story.competitors.iter());
    check.list(|| format!("{}.outcomes", place()), story.outcomes.len());
    for (j, outcome) in story.outcomes.iter().enumerate() {
        check_outcome(check, &|| format!("{}.outcomes[{j}]", place()), outcome);
    }
    check.list(|| format!("{}.assets", place()), story.assets.len());
    for (j, asset) in story.assets.iter().enumerate() {
        check.string(|| format!("{}.assets[{j}].location", place()), Len::Label, &asset.location);
        if let Some(until) = asset.approved_until {
            check.date(|| format!("{}.assets[{j}].approved_until", place()), until);
        }
    }
    check.date(|| format!("{}.verified_on", place()), story.verified_on);
    if let Some(until) = story.approved_until {
        check.date(|| format!("{}.approved_until", place()), until);
    }
}

fn check_outcome(check: &mut Check<'_>, place: &dyn Fn() -> String, outcome: &Outcome) {
    check.string(|| format!("{}.metric", place()), Len::Label, &outcome.metric);
    check.string(|| format!("{}.unit", place()), Len::Label, &outcome.unit);
    check.string(|| format!("{}.description", place()), Len::Text, &outcome.description);
    if let Some(value) = outcome.value {
        check.magnitude(|| format!("{}.value", place()), "outcome value", value, Low::Signed);
    }
}
