//! Whether a changed record leaves the library valid, without validating
//! the whole library again when it need not.
//!
//! The library was valid before the change. A changed or new record
//! ([`State::in_place`] says which; its industry title resolved first, as
//! [`Library::new`] would) can only break the rules that read it: its own
//! fields and ranges, and the references between it and its neighbours
//! (an advocate's account; a story's account, products, advocates with
//! their accounts, and quotes with theirs; a quote's story with all of
//! that and its advocate; nothing that refers to an account or a product
//! reads more than its id). An advocate or a story that moves to another
//! account is in place only when nothing refers to it, so its only
//! neighbours are those it names. Those
//! neighbours, taken out as a small library, are validated by
//! [`Library::new`] itself, so the rules are the same code. When the small
//! library is valid, so is the changed one: `O(the record's neighbours)`.
//! When it is not, the whole changed library is validated, so
//! the problems are reported with their places and messages exactly as
//! loading it would say them (`O(n)`, only for a refused change).

use super::records::Record;
use crate::ledger::error::Error;
use crate::ledger::state::State;
use crate::model::{Library, LibraryData};

/// Checks that putting `record` into the state's library keeps it valid.
///
/// # Errors
///
/// [`Error::Invalid`] with every problem of the changed library.
pub(super) fn check_put(state: &State, record: &Record) -> Result<(), Error> {
    let record = &record.clone().resolved();
    let small = state.in_place(record).then(|| neighbourhood(state, record));
    if small.is_some_and(|data| Library::new(data).is_ok()) {
        return Ok(());
    }
    let mut changed = state.clone();
    changed.put(record.clone());
    changed.library().map(drop).map_err(Error::Invalid)
}

/// Adds the records of `part` that `data` does not have yet, by id.
fn merge(data: &mut LibraryData, part: LibraryData) {
    fn add<T>(into: &mut Vec<T>, from: Vec<T>, id: impl Fn(&T) -> &str) {
        for item in from {
            if into.iter().all(|have| id(have) != id(&item)) {
                into.push(item);
            }
        }
    }
    add(&mut data.products, part.products, |p| &p.id);
    add(&mut data.accounts, part.accounts, |a| &a.id);
    add(&mut data.advocates, part.advocates, |a| &a.id);
    add(&mut data.stories, part.stories, |s| &s.id);
    add(&mut data.quotes, part.quotes, |q| &q.id);
}

/// `record` (an advocate, story, account, product or quote; a figure with
/// its account; an opportunity with its products and engagements) with the records it refers to and
/// those that refer to it in ways its change can break.
fn neighbourhood(state: &State, record: &Record) -> LibraryData {
    let library = &state.saved.library;
    let mut data = LibraryData { policy: library.policy, ..LibraryData::default() };
    let mut accounts: Vec<&str> = Vec::new();
    match record {
        Record::Advocate(advocate) => {
            accounts.push(&advocate.account);
            data.advocates.push(advocate.clone());
        }
        Record::Account(account) => data.accounts.push(account.clone()),
        Record::Product(product) => data.products.push(product.clone()),
        Record::Quote(quote) => {
            // The quote's story with its neighbours, this quote among its
            // quotes, and the quote's advocate (whether on the story or not).
            let Some((_, story)) = state.story(&quote.story) else { return data };
            data = neighbourhood(state, &Record::Story(story.clone()));
            match data.quotes.iter_mut().find(|q| q.id == quote.id) {
                Some(old) => *old = quote.clone(),
                None => data.quotes.push(quote.clone()),
            }
            let found = state.advocate(&quote.advocate).map(|(_, a)| a);
            if let Some(advocate) = found.filter(|a| data.advocates.iter().all(|b| b.id != a.id)) {
                let account = state.account(&advocate.account).map(|(_, a)| a);
                if let Some(account) = account.filter(|a| data.accounts.iter().all(|b| b.id != a.id)) {
                    data.accounts.push(account.clone());
                }
                data.advocates.push(advocate.clone());
            }
            return data;
        }
        Record::Story(story) => {
            accounts.push(&story.account);
            let quotes = state.quotes_of(&story.id);
            let mut advocates: Vec<&str> = story.advocates.iter().map(String::as_str).collect();
            advocates.extend(quotes.iter().map(|q| q.advocate.as_str()));
            advocates.sort_unstable();
            advocates.dedup();
            for (_, advocate) in advocates.into_iter().filter_map(|id| state.advocate(id)) {
                accounts.push(&advocate.account);
                data.advocates.push(advocate.clone());
            }
            let mut products: Vec<&str> = story.products.iter().map(String::as_str).collect();
            products.sort_unstable();
            products.dedup();
            data.products = library
                .products
                .iter()
                .filter(|p| products.binary_search(&p.id.as_str()).is_ok())
                .cloned()
                .collect();
            data.quotes = quotes.into_iter().cloned().collect();
            data.stories.push(story.clone());
        }
        Record::AccountFigure(figure) => {
            accounts.push(&figure.account);
            data.account_figures.push(figure.clone());
        }
        Record::Opportunity(opportunity) => {
            // Its products, and its engagements with their advocates and
            // stories (each story with its own neighbours).
            for (_, record) in opportunity.engagements.iter().filter_map(|id| state.request(id)) {
                let engagement = &record.engagement;
                if let Some((_, story)) = state.story(&engagement.story) {
                    merge(&mut data, neighbourhood(state, &Record::Story(story.clone())));
                }
                if let Some((_, advocate)) = state.advocate(&engagement.advocate) {
                    merge(&mut data, neighbourhood(state, &Record::Advocate(advocate.clone())));
                }
                data.engagements.push(engagement.clone());
            }
            let named = |p: &crate::model::Product| opportunity.prospect.products.contains(&p.id);
            merge(
                &mut data,
                LibraryData {
                    products: library.products.iter().filter(|p| named(p)).cloned().collect(),
                    ..LibraryData::default()
                },
            );
            data.opportunities.push(opportunity.clone());
            return data;
        }
    }
    accounts.sort_unstable();
    accounts.dedup();
    data.accounts = accounts.into_iter().filter_map(|id| state.account(id)).map(|(_, a)| a.clone()).collect();
    data
}
