//! Changing one advocate, story or account of an [`Index`] in place, or
//! adding an advocate or a story, without a rebuild: what a
//! [`crate::ledger::Program`] does when a record changes and keeps its id
//! and its account (the common CRM edit: a status, a language, a cap, a
//! blackout, an approval, a text, an account's size or status), or when a
//! new person or a new story comes in; a product or a quote (whose story's
//! text terms change) too, and opportunities and account figures, which
//! the index keeps in its library but does not read.
//!
//! A changed record keeps its place in the index's order (by account, then
//! id), so no position moves; a new advocate or story takes its place
//! among its account's and the later rows move up one (the text index
//! keeps its lists and notes where their stories are now). What changes is the record's own row, its lists
//! (an advocate's blackouts, the advocates' lists of stories when a story
//! names other advocates), the bounds of its account, and for a story its
//! text terms, which the text index keeps beside its lists
//! ([`super::text`]). New tags, languages and sets are numbered after the
//! ones the build numbered, which changes no score. The index's library is
//! changed in place too: copy-on-write, so a caller still holding the old
//! [`Arc`](std::sync::Arc) keeps the old library (and the change then
//! costs a copy of it). A new account goes after the others. A record that
//! moves to another account comes out of the old one ([`super::remove`])
//! and goes into the new.
//!
//! Cost: the record's own lists and sets, its account's rows, and a move
//! of memory over the lists after the changed one (`O(n)` but a copy of
//! a few bytes per candidate); see `BENCHMARKS.md`. A change of the
//! policy is a rebuild: `O(n log n)`.

use std::sync::Arc;

use super::build::limits_of;
use super::days::day_number;
use super::index::{AccountRow, Index, Limits};
use super::vocab::Sets;
use crate::model::{
    Account, AccountFigure, AccountStatus, Advocate, AdvocateStatus, Opportunity, Product, Quote, Story,
};

impl Index {
    /// Replaces the advocate with `advocate`'s id by `advocate`, or adds it
    /// when the id is new ([`Index::insert_advocate`]).
    /// An advocate that moves to another account comes out of the old one
    /// and goes into the new ([`Index::remove_advocate`]).
    pub(crate) fn put_advocate(&mut self, advocate: Advocate) -> bool {
        match self.library.advocate(&advocate.id) {
            Some(old) if old.account != advocate.account => {
                self.remove_advocate(&advocate.id) && self.insert_advocate(advocate)
            }
            Some(_) => self.replace_advocate(advocate),
            None => self.insert_advocate(advocate),
        }
    }

    /// Replaces the advocate with `advocate`'s id by `advocate`. Returns
    /// `false`, changing nothing, when the index has no advocate of that id
    /// or the advocate moves to another account: rebuild then.
    pub(crate) fn replace_advocate(&mut self, advocate: Advocate) -> bool {
        let Some(a) = self.advocate_by_id(&advocate.id) else { return false };
        let account = self.advocates[a].account;
        if self.account_id(account as usize) != advocate.account {
            return false;
        }
        let contactable = self.library.accounts()[account as usize].status == AccountStatus::Active;
        self.advocates[a] = self.advocate_row(&advocate, account, contactable, Sets::intern_sealed);
        self.advocate_limits[a] = self.limit_id(limits_of(&advocate));
        self.advocate_blackouts
            .replace(a, advocate.blackouts.iter().map(|r| (day_number(r.start), day_number(r.end))));
        self.refresh_account(account as usize);
        let source = self.advocate_source[a] as usize;
        Arc::make_mut(&mut self.library).replace_advocate(source, advocate);
        true
    }

    /// Replaces the story with `story`'s id by `story`, whose quotes are
    /// `quotes`. Returns `false`, changing nothing, when the index has no
    /// story of that id, the story moves to another account or names an
    /// advocate the index does not have at its account: rebuild then.
    pub(crate) fn replace_story(&mut self, story: Story, quotes: &[&Quote]) -> bool {
        let Some(account) = self.library.account_position(&story.account) else { return false };
        let Some(s) = self.story_position(&story.id, &story.account) else { return false };
        let source = self.story_source[s] as usize;
        let old = &self.library.stories()[source];
        let mut advocates: Vec<usize> = Vec::new();
        for id in story.advocates.iter().chain(&old.advocates) {
            match self.advocate_by_id(id) {
                Some(a) if self.advocates[a].account as usize == account => advocates.push(a),
                _ => return false,
            }
        }
        self.text.replace_story(s as u32, &story, quotes);
        advocates.sort_unstable();
        advocates.dedup();
        for a in advocates {
            let tells = story.advocates.iter().any(|id| *id == self.advocate_id(a));
            let mut list = self.advocate_stories.get(a).to_vec();
            let had = list.len();
            list.retain(|&t| t as usize != s);
            if tells {
                list.push(s as u32);
                list.sort_by_key(|&t| self.story_rank[t as usize]);
            }
            self.candidates = self.candidates - had + list.len();
            self.advocate_stories.replace(a, list);
        }
        self.stories[s] = self.story_row(&story, Sets::intern_sealed);
        self.account_rows[account] = self.bound_of(account);
        Arc::make_mut(&mut self.library).replace_story(source, story);
        true
    }

    /// Adds `advocate`, whose id the index does not have, at its place
    /// among its account's advocates (by id), with no stories yet (a story
    /// that names it is a change of that story). Returns `false`, changing
    /// nothing, when the id is taken or the account unknown: rebuild then.
    ///
    /// Cost: a pass over the advocates to number the new id in id order
    /// (the order ties are broken in) and a move of the per-advocate rows.
    pub(crate) fn insert_advocate(&mut self, advocate: Advocate) -> bool {
        let Some(account) = self.library.account_position(&advocate.account) else { return false };
        if self.library.advocate_position(&advocate.id).is_some() {
            return false;
        }
        let range = self.account_advocate_range(account);
        let a = range.clone().find(|&b| self.advocate_id(b) > advocate.id.as_str()).unwrap_or(range.end);
        // The advocates in id order, to find the new id's rank by halving.
        let mut by_rank = vec![0u32; self.advocates.len()];
        for (b, &rank) in self.advocate_rank.iter().enumerate() {
            by_rank[rank as usize] = b as u32;
        }
        let rank = by_rank.partition_point(|&b| self.advocate_id(b as usize) < advocate.id.as_str()) as u32;
        for r in &mut self.advocate_rank {
            *r += u32::from(*r >= rank);
        }
        let contactable = self.library.accounts()[account].status == AccountStatus::Active;
        let row = self.advocate_row(&advocate, account as u32, contactable, Sets::intern_sealed);
        let limits = self.limit_id(limits_of(&advocate));
        self.advocate_rank.insert(a, rank);
        self.advocate_source.insert(a, self.library.advocates().len() as u32);
        self.advocates.insert(a, row);
        self.advocate_limits.insert(a, limits);
        self.advocate_blackouts
            .insert_list(a, advocate.blackouts.iter().map(|r| (day_number(r.start), day_number(r.end))));
        self.advocate_held.insert_list(a, []);
        if !self.held_override.is_empty() {
            self.held_override.insert(a, None);
        }
        self.advocate_stories.insert_list(a, []);
        for first in &mut self.account_advocates[account + 1..] {
            *first += 1;
        }
        self.refresh_account(account);
        self.chunks = self.make_chunks();
        Arc::make_mut(&mut self.library).push_advocate(advocate);
        true
    }

    /// Replaces the story with `story`'s id by `story`, or adds it when the
    /// id is new ([`Index::insert_story`]).
    /// A story that moves to another account comes out of the old one and
    /// goes into the new ([`Index::remove_story`]).
    pub(crate) fn put_story(&mut self, story: Story, quotes: &[&Quote]) -> bool {
        match self.library.story(&story.id) {
            Some(old) if old.account != story.account => {
                self.remove_story(&story.id) && self.insert_story(story, quotes)
            }
            Some(_) => self.replace_story(story, quotes),
            None => self.insert_story(story, quotes),
        }
    }

    /// Adds `story`, whose id the index does not have, at its place among
    /// its account's stories (by id). Returns `false`, changing nothing,
    /// when the id is taken, the account unknown, or the story names an
    /// advocate the index does not have at its account: rebuild then.
    ///
    /// Cost: a pass over the stories to number the new id in id order, one
    /// over the candidates to renumber the stories after it, and a move of
    /// the per-story rows.
    pub(crate) fn insert_story(&mut self, story: Story, quotes: &[&Quote]) -> bool {
        let Some(account) = self.library.account_position(&story.account) else { return false };
        if self.library.story(&story.id).is_some() {
            return false;
        }
        let mut tellers = Vec::new();
        for id in &story.advocates {
            match self.advocate_by_id(id) {
                Some(a) if self.advocates[a].account as usize == account => tellers.push(a),
                _ => return false,
            }
        }
        tellers.sort_unstable();
        tellers.dedup();
        let range = self.account_story_range(account);
        let s = range.clone().find(|&t| self.story(t).id > story.id).unwrap_or(range.end);
        self.text.insert_story(s as u32, &story, quotes);
        let mut by_rank = vec![0u32; self.stories()];
        for (t, &rank) in self.story_rank.iter().enumerate() {
            by_rank[rank as usize] = t as u32;
        }
        let rank = by_rank.partition_point(|&t| self.story(t as usize).id < story.id) as u32;
        for r in &mut self.story_rank {
            *r += u32::from(*r >= rank);
        }
        let row = self.story_row(&story, Sets::intern_sealed);
        self.story_rank.insert(s, rank);
        self.story_source.insert(s, self.library.stories().len() as u32);
        self.story_account.insert(s, account as u32);
        self.stories.insert(s, row);
        for first in &mut self.account_stories[account + 1..] {
            *first += 1;
        }
        for t in self.advocate_stories.items_mut() {
            *t += u32::from(*t as usize >= s);
        }
        for a in tellers {
            let mut list = self.advocate_stories.get(a).to_vec();
            list.push(s as u32);
            list.sort_by_key(|&t| self.story_rank[t as usize]);
            self.advocate_stories.replace(a, list);
            self.candidates += 1;
        }
        self.account_rows[account] = self.bound_of(account);
        Arc::make_mut(&mut self.library).push_story(story);
        true
    }

    /// Replaces the account with `account`'s id by `account`, or adds it
    /// when the id is new ([`Index::insert_account`]).
    pub(crate) fn put_account(&mut self, account: Account) -> bool {
        if self.library.account_position(&account.id).is_some() {
            self.replace_account(account)
        } else {
            self.insert_account(account)
        }
    }

    /// Adds `account`, whose id the index does not have, after the others
    /// (accounts keep the library's order), with no advocates and no
    /// stories yet. Returns `false`, changing nothing, when the id is taken.
    pub(crate) fn insert_account(&mut self, account: Account) -> bool {
        if self.library.account_position(&account.id).is_some() {
            return false;
        }
        let (advocates, stories) = (self.advocates.len() as u32, self.stories.len() as u32);
        self.account_advocates.push(advocates);
        self.account_stories.push(stories);
        self.account_rows.push(AccountRow {
            use_cases: 0,
            products: 0,
            competitors: 0,
            log_employees: 0.0,
            industry: 0,
            country: 0,
            freshest: i32::MIN,
            evidence: 0,
            gate: 0,
            languages: 0,
        });
        self.account_held.push_list([]);
        if !self.account_held_override.is_empty() {
            self.account_held_override.push(None);
        }
        self.chunks = self.make_chunks();
        Arc::make_mut(&mut self.library).push_account(account.clone());
        self.replace_account(account)
    }

    /// Replaces the account with `account`'s id by `account`: its
    /// industry, country and size, and its advocates' gates (rule E1 reads
    /// its status). Returns `false`, changing nothing, for an unknown id.
    pub(crate) fn replace_account(&mut self, account: Account) -> bool {
        let Some(i) = self.library.account_position(&account.id) else { return false };
        let country = self.countries.intern(&account.country);
        if country as usize == self.country_regions.len() {
            self.country_regions.push(crate::taxonomy::country(&account.country).map(|c| c.region));
        }
        let row = &mut self.account_rows[i];
        row.industry = self.industries.intern(&account.industry);
        row.country = country;
        row.log_employees = (account.employees.max(1) as f64).log10();
        let contactable = account.status == AccountStatus::Active;
        Arc::make_mut(&mut self.library).replace_account(i, account);
        for a in self.account_advocate_range(i) {
            let advocate = self.advocate(a);
            let open = advocate.status == AdvocateStatus::Active && contactable;
            let kinds = advocate.kinds.iter().fold(0u8, |bits, &k| bits | Index::engagement_kind_bit(k));
            self.advocates[a].gate = if open { kinds } else { 0 };
        }
        self.refresh_account(i);
        true
    }

    /// Replaces the product with `product`'s id, or adds it: the index
    /// numbers stories' products by id, so only its library changes.
    pub(crate) fn put_product(&mut self, product: Product) -> bool {
        Arc::make_mut(&mut self.library).put_product(product);
        true
    }

    /// Replaces the opportunity with `opportunity`'s id, or adds it: the
    /// index does not read opportunities, so only its library changes.
    pub(crate) fn put_opportunity(&mut self, opportunity: Opportunity) -> bool {
        Arc::make_mut(&mut self.library).put_opportunity(opportunity);
        true
    }

    /// Replaces the figure of `figure`'s account and day, or adds it: the
    /// index does not read figures, so only its library changes.
    pub(crate) fn put_figure(&mut self, figure: AccountFigure) -> bool {
        Arc::make_mut(&mut self.library).put_figure(figure);
        true
    }

    /// Replaces the quote with `quote`'s id, or adds it, its story's text
    /// terms then those of the story with `quotes` (all its quotes, this
    /// one among them); a quote that moves from another story gives that
    /// story the terms of `left` (the quotes it keeps). Returns `false`,
    /// changing nothing, for an unknown story: rebuild then.
    pub(crate) fn put_quote(&mut self, quote: Quote, quotes: &[&Quote], left: &[&Quote]) -> bool {
        let old = self.library.quote(&quote.id).map(|q| q.story.clone()).filter(|s| *s != quote.story);
        let mut stories = Vec::new();
        for (id, quotes) in std::iter::once((&quote.story, quotes)).chain(old.as_ref().map(|s| (s, left))) {
            let Some((s, story)) = self.text_story(id) else { return false };
            stories.push((s, story, quotes));
        }
        for (s, story, quotes) in stories {
            self.text.replace_story(s, &story, quotes);
        }
        Arc::make_mut(&mut self.library).put_quote(quote);
        true
    }

    /// The index position of the story with this id and the story, whose
    /// text terms a quote's change makes again.
    pub(super) fn text_story(&self, id: &str) -> Option<(u32, Story)> {
        let story = self.library.story(id)?;
        let s = self.story_position(&story.id, &story.account)?;
        Some((s as u32, story.clone()))
    }

    /// The index position of the story with this id at this account.
    pub(super) fn story_position(&self, id: &str, account: &str) -> Option<usize> {
        let account = self.library.account_position(account)?;
        self.account_story_range(account).find(|&s| self.story(s).id == id)
    }

    /// The number of `limits`, adding them when new.
    fn limit_id(&mut self, limits: Limits) -> u32 {
        match self.limits.iter().position(|&l| l == limits) {
            Some(id) => id as u32,
            None => {
                self.limits.push(limits);
                self.limits.len() as u32 - 1
            }
        }
    }

    /// The account's gate and language bits from its advocates' rows.
    pub(super) fn refresh_account(&mut self, account: usize) {
        let (mut gate, mut languages) = (0, 0);
        for a in self.account_advocate_range(account) {
            let row = self.advocates[a];
            gate |= row.gate;
            languages |= Index::language_bits(self.language_sets.members(row.languages));
        }
        let row = &mut self.account_rows[account];
        row.gate = gate;
        row.languages = languages;
    }
}
