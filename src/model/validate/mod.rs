//! The rules a [`LibraryData`] must satisfy to become a
//! [`Library`](super::Library), checked in one pass that reports every
//! problem.

use std::collections::HashMap;
use std::fmt;

mod feedback;
mod history;
mod quotes;
pub(crate) mod ranges;
mod sales;
mod suggest;

use super::entities::{Account, Advocate};
use super::library::{LabelResolution, LibraryData};
use super::limits::MAX_LABEL_LEN;
use super::policy::Policy;
use crate::taxonomy::{IndustryError, country, naics};

/// What kind of rule a [`Problem`] breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// An id is used twice within its kind.
    DuplicateId,
    /// An id is empty.
    EmptyId,
    /// A reference names an id that does not exist.
    UnknownReference,
    /// A reference names a record of another account than it must.
    WrongAccount,
    /// An industry is neither a NAICS 2022 code nor a resolvable label.
    UnknownIndustry,
    /// A country is not an ISO 3166-1 alpha-2 code.
    UnknownCountry,
    /// A number is outside its allowed range.
    OutOfRange,
    /// A date range ends before it starts.
    UnorderedRange,
    /// A language is not an ISO 639-1 code.
    UnknownLanguage,
    /// A quote's advocate does not tell the quote's story.
    NotOnStory,
}

/// One broken rule, with its place in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path to the offending value, e.g. `stories[3].advocates[1]`.
    pub place: String,
    /// The rule broken.
    pub kind: ProblemKind,
    /// What is wrong and what was expected, lowercase.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Every problem that stops a [`LibraryData`] from being a
/// [`Library`](super::Library). Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    problems: Vec<Problem>,
}

impl ValidationError {
    /// The error of `problems`, `None` when there are none.
    pub(crate) fn from_problems(problems: Vec<Problem>) -> Option<ValidationError> {
        (!problems.is_empty()).then_some(ValidationError { problems })
    }

    /// The problems, in the order of the library's fields.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid library: {one}"),
            many => {
                write!(f, "invalid library: {} problems", many.len())?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ValidationError {}

/// Problems collected in one pass.
#[derive(Default)]
pub(crate) struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, place: impl Into<String>, kind: ProblemKind, message: impl Into<String>) {
        self.problems.push(Problem { place: place.into(), kind, message: message.into() });
    }

    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Orders the problems by section (in the order of [`LibraryData`]'s
    /// fields) and record, keeping the order of the checks within a
    /// record: the range pass runs apart from the others.
    fn sort_by_place(&mut self) {
        const SECTIONS: [&str; 12] = [
            "policy",
            "products",
            "accounts",
            "advocates",
            "stories",
            "engagements",
            "opportunities",
            "account_figures",
            "quotes",
            "history",
            "feedback",
            "hidden_accounts",
        ];
        let key = |place: &str| {
            let name = place.split(['[', '.']).next().unwrap_or(place);
            let section = SECTIONS.iter().position(|&s| s == name).unwrap_or(SECTIONS.len());
            let record = place
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            (section, record)
        };
        self.problems.sort_by_key(|p| key(&p.place));
    }
}

/// Collects the ids of one kind, reporting empty and duplicate ones.
fn index_ids<'a, T>(
    report: &mut Report,
    kind_name: &str,
    field: &str,
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let value = id(item);
        let place = || format!("{field}[{i}].id");
        if value.trim().is_empty() {
            report.add(
                place(),
                ProblemKind::EmptyId,
                format!("empty {kind_name} id: expected a non-empty string"),
            );
        } else if let Some(first) = seen.insert(value, i) {
            seen.insert(value, first);
            report.add(
                place(),
                ProblemKind::DuplicateId,
                format!("duplicate {kind_name} id {value:?}: first used at {field}[{first}]"),
            );
        }
    }
    seen
}

/// Whether `id` is one of `ids`, reporting it at `place` when not (the
/// place is only built then).
fn check_reference(
    report: &mut Report,
    place: impl FnOnce() -> String,
    kind_name: &str,
    id: &str,
    ids: &HashMap<&str, usize>,
) -> Option<usize> {
    let found = ids.get(id).copied();
    if found.is_none() {
        // Suggestions cost a pass over the ids: only for the first problems.
        let suggestion = if report.problems.len() < suggest::SUGGESTED_PROBLEMS {
            suggest::closest_id(id, ids.keys().copied())
        } else {
            None
        };
        report.add(
            place(),
            ProblemKind::UnknownReference,
            format!("unknown {kind_name} id {id:?}{}", suggest::did_you_mean(suggestion)),
        );
    }
    found
}

/// Checks an industry code, replacing a resolvable label with its code.
fn check_industry(
    report: &mut Report,
    place: impl FnOnce() -> String,
    industry: &mut String,
    resolutions: &mut Vec<LabelResolution>,
) {
    if naics().contains(industry) {
        return;
    }
    match naics().resolve(industry) {
        Ok(resolution) => {
            *industry = resolution.code.clone();
            resolutions.push(LabelResolution { place: place(), resolution });
        }
        Err(err @ (IndustryError::Unknown { .. } | IndustryError::Ambiguous { .. })) => report.add(
            place(),
            ProblemKind::UnknownIndustry,
            format!("{err}: expected a NAICS 2022 code such as \"522110\" or an industry title"),
        ),
        Err(err) => report.add(place(), ProblemKind::UnknownIndustry, err.to_string()),
    }
}

fn check_country(report: &mut Report, place: impl FnOnce() -> String, code: &str) {
    if country(code).is_none() {
        // "de", "DEU" and "Germany" are not codes, but say which one they name.
        let suggestion = crate::taxonomy::find_country(code).map(|found| found.code.as_str());
        report.add(
            place(),
            ProblemKind::UnknownCountry,
            format!(
                "unknown country code {code:?}: expected an ISO 3166-1 alpha-2 code such as \"DE\"{}",
                suggest::did_you_mean(suggestion)
            ),
        );
    }
}

fn check_account(
    report: &mut Report,
    i: usize,
    account: &mut Account,
    resolutions: &mut Vec<LabelResolution>,
) {
    let place = || format!("accounts[{i}]");
    // Labels and codes over their length limits are reported by the
    // range pass; they are not resolved.
    if account.industry.len() <= MAX_LABEL_LEN {
        check_industry(report, || format!("{}.industry", place()), &mut account.industry, resolutions);
    }
    if account.country.len() <= MAX_LABEL_LEN {
        check_country(report, || format!("{}.country", place()), &account.country);
    }
    if account.owner.trim().is_empty() {
        report.add(
            format!("{}.owner", place()),
            ProblemKind::OutOfRange,
            "empty owner: expected the account manager who approves its reference requests",
        );
    } else if account.owner_id.trim().is_empty() {
        report.add(
            format!("{}.owner_id", place()),
            ProblemKind::EmptyId,
            format!("owner {:?} gives no id: expected an owner id of letters or digits", account.owner),
        );
    }
}

fn check_advocate(report: &mut Report, i: usize, advocate: &Advocate) {
    let place = || format!("advocates[{i}]");
    for (j, language) in advocate.languages.iter().enumerate() {
        if language.trim().is_empty() {
            report.add(
                format!("{}.languages[{j}]", place()),
                ProblemKind::OutOfRange,
                "empty language: expected a language code such as \"en\"",
            );
        }
    }
    for (j, range) in advocate.blackouts.iter().enumerate() {
        if range.end < range.start {
            report.add(
                format!("{}.blackouts[{j}]", place()),
                ProblemKind::UnorderedRange,
                format!(
                    "blackout ends on {} before it starts on {}: expected start <= end",
                    range.end, range.start
                ),
            );
        }
    }
}

/// The problems of a policy on its own: cap, window and rest days outside
/// their ranges, weights other than 0 or 1e-6..=1e6, every weight 0.
/// Places start with `policy.`.
pub(crate) fn policy_problems(policy: &Policy) -> Vec<Problem> {
    let mut report = Report::default();
    ranges::policy(&mut report, "policy", policy);
    if policy.weights.named().iter().all(|&(_, w)| w == 0.0) {
        report.add(
            "policy.weights",
            ProblemKind::OutOfRange,
            "every weight is 0: expected at least one above 0",
        );
    }
    if let Some(account) = policy.account_cap {
        use super::limits::{MAX_CAP, MAX_DAYS};
        for (field, value, max) in
            [("cap", account.cap, MAX_CAP), ("window_days", account.window_days, MAX_DAYS)]
        {
            if !(1..=max).contains(&value) {
                report.add(
                    format!("policy.account_cap.{field}"),
                    ProblemKind::OutOfRange,
                    format!("{field} {value} is not allowed: expected 1..={max}"),
                );
            }
        }
    }

    if let Some(poor) = policy.poor_feedback {
        use super::feedback::{MAX_RATING, MIN_RATING};
        use super::limits::MAX_DAYS;
        if !(MIN_RATING..=MAX_RATING).contains(&poor.at_most) {
            report.add(
                "policy.poor_feedback.at_most",
                ProblemKind::OutOfRange,
                format!(
                    "at_most {} is not allowed: expected a rating {MIN_RATING}..={MAX_RATING}",
                    poor.at_most
                ),
            );
        }
        if !(1..=MAX_DAYS).contains(&poor.extra_rest_days) {
            report.add(
                "policy.poor_feedback.extra_rest_days",
                ProblemKind::OutOfRange,
                format!("extra_rest_days {} is not allowed: expected 1..={MAX_DAYS}", poor.extra_rest_days),
            );
        }
    }

    report.problems
}

/// An owner id that validation derived from an account's owner name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedOwnerId {
    /// Where, e.g. `accounts[4].owner_id`.
    pub place: String,
    /// The owner's name.
    pub owner: String,
    /// The id derived from it, e.g. `lena-hoffmann`.
    pub id: String,
}

/// The owner id of an account manager's name: lowercased, every run of
/// characters other than letters and digits one `-`, none at either end:
/// "Lena Hoffmann" is `lena-hoffmann`, "Chloé  Martin" is `chloé-martin`.
///
/// ```
/// assert_eq!(refmatch::model::owner_id_of(" Lena  Hoffmann "), "lena-hoffmann");
/// assert_eq!(refmatch::model::owner_id_of("O'Neil, Sam"), "o-neil-sam");
/// ```
pub fn owner_id_of(name: &str) -> String {
    let spaced: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join("-").to_lowercase()
}

/// Fills the empty owner ids from the owners' names.
fn derive_owner_ids(data: &mut LibraryData) -> Vec<DerivedOwnerId> {
    let mut derived = Vec::new();
    for (i, account) in data.accounts.iter_mut().enumerate() {
        if account.owner_id.is_empty() && !account.owner.trim().is_empty() {
            account.owner_id = owner_id_of(&account.owner);
            derived.push(DerivedOwnerId {
                place: format!("accounts[{i}].owner_id"),
                owner: account.owner.clone(),
                id: account.owner_id.clone(),
            });
        }
    }
    derived
}

/// What validation made of a library.
pub(super) struct Validated {
    pub(super) data: LibraryData,
    pub(super) resolutions: Vec<LabelResolution>,
    pub(super) owner_ids: Vec<DerivedOwnerId>,
}

/// Checks every rule, resolving industry labels to codes and deriving
/// owner ids on the way.
pub(super) fn validate(mut data: LibraryData) -> Result<Validated, ValidationError> {
    let mut report = Report::default();
    let mut resolutions = Vec::new();
    let owner_ids = derive_owner_ids(&mut data);

    report.problems.extend(policy_problems(&data.policy));
    ranges::check(&mut report, &data);

    // Sections are checked in the order of LibraryData's fields, so the
    // problems come out in that order; references only point to earlier
    // sections, whose ids are indexed by then.
    let products = index_ids(&mut report, "product", "products", &data.products, |p| &p.id);

    for (i, account) in data.accounts.iter_mut().enumerate() {
        check_account(&mut report, i, account, &mut resolutions);
    }
    let accounts = index_ids(&mut report, "account", "accounts", &data.accounts, |a| &a.id);

    let advocates = index_ids(&mut report, "advocate", "advocates", &data.advocates, |a| &a.id);
    for (i, advocate) in data.advocates.iter().enumerate() {
        check_reference(
            &mut report,
            || format!("advocates[{i}].account"),
            "account",
            &advocate.account,
            &accounts,
        );
        check_advocate(&mut report, i, advocate);
    }

    let stories = index_ids(&mut report, "story", "stories", &data.stories, |s| &s.id);
    for (i, story) in data.stories.iter().enumerate() {
        let account = check_reference(
            &mut report,
            || format!("stories[{i}].account"),
            "account",
            &story.account,
            &accounts,
        );
        for (j, product) in story.products.iter().enumerate() {
            check_reference(
                &mut report,
                || format!("stories[{i}].products[{j}]"),
                "product",
                product,
                &products,
            );
        }
        for (j, id) in story.advocates.iter().enumerate() {
            let place = || format!("stories[{i}].advocates[{j}]");
            let Some(a) = check_reference(&mut report, place, "advocate", id, &advocates) else {
                continue;
            };
            let works_at = &data.advocates[a].account;
            // An unknown account on either side is reported where it stands.
            if account.is_some() && accounts.contains_key(works_at.as_str()) && *works_at != story.account {
                report.add(
                    place(),
                    ProblemKind::WrongAccount,
                    format!(
                        "advocate {id:?} works at account {works_at:?}: expected someone at the story's account {:?}",
                        story.account
                    ),
                );
            }
        }
    }

    let engagements = index_ids(&mut report, "engagement", "engagements", &data.engagements, |e| &e.id);
    for (i, engagement) in data.engagements.iter().enumerate() {
        let place = || format!("engagements[{i}]");
        let advocate = check_reference(
            &mut report,
            || format!("{}.advocate", place()),
            "advocate",
            &engagement.advocate,
            &advocates,
        );
        let story = check_reference(
            &mut report,
            || format!("{}.story", place()),
            "story",
            &engagement.story,
            &stories,
        );
        if let (Some(a), Some(s)) = (advocate, story) {
            let (works_at, told_at) = (&data.advocates[a].account, &data.stories[s].account);
            let both_known =
                accounts.contains_key(works_at.as_str()) && accounts.contains_key(told_at.as_str());
            if both_known && works_at != told_at {
                report.add(
                    format!("{}.story", place()),
                    ProblemKind::WrongAccount,
                    format!(
                        "story {:?} is from account {told_at:?}: expected a story of the advocate's account {works_at:?}",
                        engagement.story
                    ),
                );
            }
        }
    }

    let known = sales::Known { products: &products, accounts: &accounts, engagements: &engagements };
    sales::check(&mut report, &known, &mut data.opportunities, &data.account_figures, &mut resolutions);

    let known = quotes::Known { advocates: &advocates, stories: &stories, story_records: &data.stories };
    quotes::check(&mut report, &known, &data.quotes);
    history::check(
        &mut report,
        &engagements,
        &data.engagements,
        &data.history,
        &accounts,
        &data.hidden_accounts,
    );
    feedback::check(&mut report, &engagements, &data.engagements, &data.feedback);

    report.sort_by_place();
    if report.problems.is_empty() {
        Ok(Validated { data, resolutions, owner_ids })
    } else {
        Err(ValidationError { problems: report.problems })
    }
}
