//! Taking one record out of an [`Index`] in place, without a rebuild: what
//! a [`crate::ledger::Program`] does when a record that nothing refers to
//! is removed, and, with [`super::patch`]'s insertions, when an advocate or
//! a story moves to another account (out of the old one, into the new).
//!
//! The reverse of an insertion: the record's rows and lists come out, the
//! later positions, id ranks and library positions move down one, its
//! account's bounds are recomputed. An account can come out only once it
//! has no advocate and no story (the ledger refuses the removal before),
//! so no advocate or story row moves with it, only their account numbers.
//!
//! Cost: like an insertion, a pass over the rows to renumber and a move of
//! memory over the lists after the record; see `BENCHMARKS.md`.

use std::sync::Arc;

use super::index::Index;

/// Takes entry `at` out of `numbers`, a numbering of distinct values (id
/// ranks, library positions), and closes the gap it leaves: the numbers
/// above its value move down one.
fn close_gap(numbers: &mut Vec<u32>, at: usize) {
    let gone = numbers.remove(at);
    for n in numbers {
        *n -= u32::from(*n > gone);
    }
}

impl Index {
    /// Takes out the advocate with this id. Returns `false`, changing
    /// nothing, when the index has no such advocate or it still tells a
    /// story or holds an engagement (the ledger refuses such a removal, and
    /// an advocate that moves to another account has neither): rebuild then.
    pub(crate) fn remove_advocate(&mut self, id: &str) -> bool {
        let Some(a) = self.advocate_by_id(id) else { return false };
        if !self.advocate_stories.get(a).is_empty() || !self.held_of(a).0.is_empty() {
            return false;
        }
        let account = self.advocates[a].account as usize;
        close_gap(&mut self.advocate_rank, a);
        close_gap(&mut self.advocate_source, a);
        self.advocates.remove(a);
        self.advocate_limits.remove(a);
        self.advocate_blackouts.remove_list(a);
        self.advocate_held.remove_list(a);
        if !self.held_override.is_empty() {
            self.held_override.remove(a);
        }
        self.advocate_stories.remove_list(a);
        for first in &mut self.account_advocates[account + 1..] {
            *first -= 1;
        }
        self.refresh_account(account);
        self.chunks = self.make_chunks();
        Arc::make_mut(&mut self.library).remove_advocate(id);
        true
    }

    /// Takes out the story with this id, and it from its tellers' lists.
    /// Returns `false`, changing nothing, for an unknown story.
    pub(crate) fn remove_story(&mut self, id: &str) -> bool {
        let Some(story) = self.library.story(id) else { return false };
        let Some(s) = self.story_position(id, &story.account.clone()) else { return false };
        let account = self.story_account[s] as usize;
        for a in self.account_advocate_range(account) {
            let list = self.advocate_stories.get(a);
            if list.contains(&(s as u32)) {
                let kept: Vec<u32> = list.iter().copied().filter(|&t| t as usize != s).collect();
                self.advocate_stories.replace(a, kept);
                self.candidates -= 1;
            }
        }
        for t in self.advocate_stories.items_mut() {
            *t -= u32::from(*t as usize > s);
        }
        self.text.remove_story(s as u32);
        close_gap(&mut self.story_rank, s);
        close_gap(&mut self.story_source, s);
        self.story_account.remove(s);
        self.stories.remove(s);
        for first in &mut self.account_stories[account + 1..] {
            *first -= 1;
        }
        self.account_rows[account] = self.bound_of(account);
        Arc::make_mut(&mut self.library).remove_story(id);
        true
    }

    /// Takes out the account with this id. Returns `false`, changing
    /// nothing, for an unknown account or one that still has advocates or
    /// stories.
    pub(crate) fn remove_account(&mut self, id: &str) -> bool {
        let Some(i) = self.library.account_position(id) else { return false };
        if !self.account_advocate_range(i).is_empty() || !self.account_story_range(i).is_empty() {
            return false;
        }
        self.account_rows.remove(i);
        self.account_advocates.remove(i);
        self.account_stories.remove(i);
        self.account_held.remove_list(i);
        if !self.account_held_override.is_empty() {
            self.account_held_override.remove(i);
        }
        for row in &mut self.advocates {
            row.account -= u32::from(row.account as usize > i);
        }
        for account in &mut self.story_account {
            *account -= u32::from(*account as usize > i);
        }
        self.chunks = self.make_chunks();
        Arc::make_mut(&mut self.library).remove_account(id);
        true
    }

    /// Takes out the product with this id: no story names it (the ledger
    /// refuses the removal before), so only the library changes.
    pub(crate) fn remove_product(&mut self, id: &str) -> bool {
        Arc::make_mut(&mut self.library).remove_product(id).is_some()
    }

    /// Takes out the opportunity with this id: only the library changes.
    pub(crate) fn remove_opportunity(&mut self, id: &str) -> bool {
        Arc::make_mut(&mut self.library).remove_opportunity(id).is_some()
    }

    /// Takes out the figure of this account and day: only the library
    /// changes.
    pub(crate) fn remove_figure(&mut self, account: &str, date: jiff::civil::Date) -> bool {
        Arc::make_mut(&mut self.library).remove_figure(account, date).is_some()
    }

    /// Takes out the quote with this id, its story's text terms then those
    /// of the story with `quotes` (its other quotes). Returns `false`,
    /// changing nothing, for an unknown quote.
    pub(crate) fn remove_quote(&mut self, id: &str, quotes: &[&crate::model::Quote]) -> bool {
        let Some(quote) = self.library.quote(id) else { return false };
        let Some((s, story)) = self.text_story(&quote.story) else { return false };
        self.text.replace_story(s, &story, quotes);
        Arc::make_mut(&mut self.library).remove_quote(id);
        true
    }
}
