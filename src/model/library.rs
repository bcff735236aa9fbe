//! [`Library`]: a validated collection of the model's records.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;

use super::entities::{Account, Advocate, Engagement, Product, Story};
use super::feedback::Feedback;
use super::history::EngagementHistory;
use super::policy::Policy;
use super::quote::Quote;
use super::sales::{AccountFigure, Opportunity};
use super::validate::{DerivedOwnerId, Validated, ValidationError, validate};
use crate::taxonomy::Resolution;

/// The raw contents of a library, valid or not.
///
/// This is what files hold. Build one by hand or with [`crate::io`], then
/// pass it to [`Library::new`] to check it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryData {
    /// The fatigue policy and scoring weights. Defaults when absent.
    #[serde(default)]
    pub policy: Policy,
    /// Products sold.
    #[serde(default)]
    pub products: Vec<Product>,
    /// Customer accounts.
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// People at those accounts.
    #[serde(default)]
    pub advocates: Vec<Advocate>,
    /// References.
    #[serde(default)]
    pub stories: Vec<Story>,
    /// The engagement ledger.
    #[serde(default)]
    pub engagements: Vec<Engagement>,
    /// Sales opportunities, for the analytics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Opportunity>,
    /// Dated figures of accounts (employees, revenue), for the analytics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_figures: Vec<AccountFigure>,
    /// Customer statements about the stories, approved for use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    /// The workflow history of engagements: who asked, approved, declined
    /// and completed each, when and why. What [`crate::ledger::Program`]
    /// records and exports; a CRM export may carry it or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<EngagementHistory>,
    /// Feedback on completed engagements, at most one per engagement from
    /// each side ([`Feedback`]), as [`crate::ledger::Program::feedback`]
    /// records it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Feedback>,
    /// Ids of accounts hidden from ranking and requests (rule E8 for every
    /// query), as a program's admins set them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_accounts: Vec<String>,
}

/// An industry label that validation replaced with a code, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelResolution {
    /// Where the label stood, e.g. `accounts[4].industry`.
    pub place: String,
    /// The label, the chosen code and how similar they were.
    pub resolution: Resolution,
}

#[derive(Debug, Clone, Default)]
struct Ids {
    products: HashMap<String, usize>,
    accounts: HashMap<String, usize>,
    advocates: HashMap<String, usize>,
    stories: HashMap<String, usize>,
    engagements: HashMap<String, usize>,
    opportunities: HashMap<String, usize>,
    quotes: HashMap<String, usize>,
}

fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items.iter().enumerate().map(|(i, item)| (id(item).to_string(), i)).collect()
}

/// Replaces the item with `id` in `items` by `item`, or appends it and
/// notes its position in `ids`.
fn put_by_id<T>(items: &mut Vec<T>, ids: &mut HashMap<String, usize>, id: String, item: T) {
    match ids.get(&id) {
        Some(&i) => items[i] = item,
        None => {
            ids.insert(id, items.len());
            items.push(item);
        }
    }
}

/// Takes the item with `id` out of `items`, keeping the others' order and
/// `ids` in step: `O(n)` (a move of the later items and a pass over the
/// look-up).
fn remove_by_id<T>(items: &mut Vec<T>, ids: &mut HashMap<String, usize>, id: &str) -> Option<T> {
    let i = ids.remove(id)?;
    for at in ids.values_mut() {
        *at -= usize::from(*at > i);
    }
    Some(items.remove(i))
}

/// A checked collection of products, accounts, advocates, stories,
/// engagements, opportunities, account figures and quotes, with the program
/// policy.
///
/// Every id is unique within its kind and every reference resolves, so
/// look-ups by id on a `Library` are total for ids found inside it. Two
/// libraries are equal when their data is.
///
/// # Example
///
/// ```
/// use refmatch::Library;
///
/// let library = Library::sample();
/// let story = &library.stories()[0];
/// let account = library.account(&story.account).expect("references resolve");
/// assert_eq!(account.id, story.account);
/// ```
#[derive(Debug, Clone)]
pub struct Library {
    data: LibraryData,
    ids: Ids,
    resolutions: Vec<LabelResolution>,
    owner_ids: Vec<DerivedOwnerId>,
}

impl Library {
    /// Checks `data` and returns it as a library.
    ///
    /// Industry labels in `accounts[i].industry` that are not NAICS codes are
    /// resolved to codes ([`crate::taxonomy::Naics::resolve`]) and replaced;
    /// [`Library::resolutions`] says which code was chosen for each.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem found, each with its
    /// place (`stories[3].advocates[1]`) and what was expected.
    pub fn new(data: LibraryData) -> Result<Library, ValidationError> {
        let Validated { data, resolutions, owner_ids } = validate(data)?;
        let ids = Ids {
            products: positions(&data.products, |p| &p.id),
            accounts: positions(&data.accounts, |a| &a.id),
            advocates: positions(&data.advocates, |a| &a.id),
            stories: positions(&data.stories, |s| &s.id),
            engagements: positions(&data.engagements, |e| &e.id),
            opportunities: positions(&data.opportunities, |o| &o.id),
            quotes: positions(&data.quotes, |q| &q.id),
        };
        Ok(Library { data, ids, resolutions, owner_ids })
    }

    /// The library's records.
    pub fn data(&self) -> &LibraryData {
        &self.data
    }

    /// Gives the records back, e.g. to edit them and validate again.
    pub fn into_data(self) -> LibraryData {
        self.data
    }

    /// Industry labels that were replaced by codes during validation.
    pub fn resolutions(&self) -> &[LabelResolution] {
        &self.resolutions
    }

    /// Owner ids that validation derived from owners' names, for accounts
    /// that had none ([`Account::owner_id`](crate::model::Account::owner_id)).
    pub fn owner_ids(&self) -> &[DerivedOwnerId] {
        &self.owner_ids
    }

    /// The program policy.
    pub fn policy(&self) -> &Policy {
        &self.data.policy
    }

    /// All products, in file order.
    pub fn products(&self) -> &[Product] {
        &self.data.products
    }

    /// All accounts, in file order.
    pub fn accounts(&self) -> &[Account] {
        &self.data.accounts
    }

    /// All advocates, in file order.
    pub fn advocates(&self) -> &[Advocate] {
        &self.data.advocates
    }

    /// All stories, in file order.
    pub fn stories(&self) -> &[Story] {
        &self.data.stories
    }

    /// All ledger entries, in file order.
    pub fn engagements(&self) -> &[Engagement] {
        &self.data.engagements
    }

    /// All sales opportunities, in file order.
    pub fn opportunities(&self) -> &[Opportunity] {
        &self.data.opportunities
    }

    /// All account figures, in file order.
    pub fn account_figures(&self) -> &[AccountFigure] {
        &self.data.account_figures
    }

    /// All quotes, in file order.
    pub fn quotes(&self) -> &[Quote] {
        &self.data.quotes
    }

    /// All feedback on engagements, in file order.
    pub fn feedback(&self) -> &[Feedback] {
        &self.data.feedback
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.ids.products.get(id).map(|&i| &self.data.products[i])
    }

    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.ids.accounts.get(id).map(|&i| &self.data.accounts[i])
    }

    /// The advocate with this id.
    pub fn advocate(&self, id: &str) -> Option<&Advocate> {
        self.ids.advocates.get(id).map(|&i| &self.data.advocates[i])
    }

    /// The story with this id.
    pub fn story(&self, id: &str) -> Option<&Story> {
        self.ids.stories.get(id).map(|&i| &self.data.stories[i])
    }

    /// Position of the advocate with this id in [`Library::advocates`].
    pub(crate) fn advocate_position(&self, id: &str) -> Option<usize> {
        self.ids.advocates.get(id).copied()
    }

    /// Position of the account with this id in [`Library::accounts`].
    pub(crate) fn account_position(&self, id: &str) -> Option<usize> {
        self.ids.accounts.get(id).copied()
    }

    /// Position of the story with this id in [`Library::stories`].
    pub(crate) fn story_position(&self, id: &str) -> Option<usize> {
        self.ids.stories.get(id).copied()
    }

    /// Replaces the advocate at `position` by one with the same id (the
    /// caller validated the change): the look-ups stay as they are.
    pub(crate) fn replace_advocate(&mut self, position: usize, advocate: Advocate) {
        debug_assert_eq!(self.data.advocates[position].id, advocate.id);
        self.data.advocates[position] = advocate;
    }

    /// Adds an advocate whose id is new (the caller validated it).
    pub(crate) fn push_advocate(&mut self, advocate: Advocate) {
        let id = advocate.id.clone();
        put_by_id(&mut self.data.advocates, &mut self.ids.advocates, id, advocate);
    }

    /// Replaces the product with `product`'s id, or adds it (the caller
    /// validated the change).
    pub(crate) fn put_product(&mut self, product: Product) {
        let id = product.id.clone();
        put_by_id(&mut self.data.products, &mut self.ids.products, id, product);
    }

    /// Replaces the quote with `quote`'s id, or adds it (the caller
    /// validated the change).
    pub(crate) fn put_quote(&mut self, quote: Quote) {
        let id = quote.id.clone();
        put_by_id(&mut self.data.quotes, &mut self.ids.quotes, id, quote);
    }

    /// Replaces the opportunity with `opportunity`'s id, or adds it (the
    /// caller validated the change).
    pub(crate) fn put_opportunity(&mut self, opportunity: Opportunity) {
        let id = opportunity.id.clone();
        put_by_id(&mut self.data.opportunities, &mut self.ids.opportunities, id, opportunity);
    }

    /// Replaces the figure of `figure`'s account and day, or adds it (the
    /// caller validated the change). `O(figures)`.
    pub(crate) fn put_figure(&mut self, figure: AccountFigure) {
        let figures = &mut self.data.account_figures;
        match figures.iter().position(|f| f.account == figure.account && f.date == figure.date) {
            Some(i) => figures[i] = figure,
            None => figures.push(figure),
        }
    }

    /// Adds an account whose id is new (the caller validated it).
    pub(crate) fn push_account(&mut self, account: Account) {
        let id = account.id.clone();
        put_by_id(&mut self.data.accounts, &mut self.ids.accounts, id, account);
    }

    /// Takes out the product with this id (the caller checked that nothing
    /// refers to it).
    pub(crate) fn remove_product(&mut self, id: &str) -> Option<Product> {
        remove_by_id(&mut self.data.products, &mut self.ids.products, id)
    }

    /// Takes out the account with this id (the caller checked that nothing
    /// refers to it).
    pub(crate) fn remove_account(&mut self, id: &str) -> Option<Account> {
        remove_by_id(&mut self.data.accounts, &mut self.ids.accounts, id)
    }

    /// Takes out the advocate with this id (the caller checked that nothing
    /// refers to it).
    pub(crate) fn remove_advocate(&mut self, id: &str) -> Option<Advocate> {
        remove_by_id(&mut self.data.advocates, &mut self.ids.advocates, id)
    }

    /// Takes out the story with this id (the caller checked that nothing
    /// refers to it).
    pub(crate) fn remove_story(&mut self, id: &str) -> Option<Story> {
        remove_by_id(&mut self.data.stories, &mut self.ids.stories, id)
    }

    /// Takes out the opportunity with this id.
    pub(crate) fn remove_opportunity(&mut self, id: &str) -> Option<Opportunity> {
        remove_by_id(&mut self.data.opportunities, &mut self.ids.opportunities, id)
    }

    /// Takes out the quote with this id.
    pub(crate) fn remove_quote(&mut self, id: &str) -> Option<Quote> {
        remove_by_id(&mut self.data.quotes, &mut self.ids.quotes, id)
    }

    /// Takes out the figure of this account and day. `O(figures)`.
    pub(crate) fn remove_figure(&mut self, account: &str, date: jiff::civil::Date) -> Option<AccountFigure> {
        let figures = &mut self.data.account_figures;
        let i = figures.iter().position(|f| f.account == account && f.date == date)?;
        Some(figures.remove(i))
    }

    /// Adds a story whose id is new (the caller validated it).
    pub(crate) fn push_story(&mut self, story: Story) {
        let id = story.id.clone();
        put_by_id(&mut self.data.stories, &mut self.ids.stories, id, story);
    }

    /// Replaces the account at `position` by one with the same id (the
    /// caller validated the change).
    pub(crate) fn replace_account(&mut self, position: usize, account: Account) {
        debug_assert_eq!(self.data.accounts[position].id, account.id);
        self.data.accounts[position] = account;
    }

    /// Replaces the story at `position` by one with the same id (the
    /// caller validated the change).
    pub(crate) fn replace_story(&mut self, position: usize, story: Story) {
        debug_assert_eq!(self.data.stories[position].id, story.id);
        self.data.stories[position] = story;
    }

    /// The ledger entry with this id.
    pub fn engagement(&self, id: &str) -> Option<&Engagement> {
        self.ids.engagements.get(id).map(|&i| &self.data.engagements[i])
    }

    /// The opportunity with this id.
    pub fn opportunity(&self, id: &str) -> Option<&Opportunity> {
        self.ids.opportunities.get(id).map(|&i| &self.data.opportunities[i])
    }

    /// The quote with this id.
    pub fn quote(&self, id: &str) -> Option<&Quote> {
        self.ids.quotes.get(id).map(|&i| &self.data.quotes[i])
    }
}

impl PartialEq for Library {
    fn eq(&self, other: &Library) -> bool {
        self.data == other.data
    }
}

impl Serialize for Library {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Library {
    /// Deserializes a [`LibraryData`] and validates it; validation problems
    /// become a custom deserialization error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Library, D::Error> {
        let data = LibraryData::deserialize(deserializer)?;
        Library::new(data).map_err(serde::de::Error::custom)
    }
}
