//! The text factor in the index and in a query. The index keeps, for each
//! term of the stories' texts (a stem in a language), the stories that
//! have it; a query turns the prospect's text into its terms and counts,
//! through those lists, how many of them each story has, and the most any
//! story of each account has: the story's similarity and the account's
//! exact bound, for `O(stories + the lists of the prospect's terms)` per
//! query. What a term is, is [`crate::text`]'s; the formula is in the
//! [module docs](super).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::index::Index;
use super::vocab::Vocab;
use crate::model::{Library, Story};
use crate::score;
use crate::text::{Analyzer, STORY_LANGUAGE, StemCache};

/// The stories' terms, as lists of stories by term.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextIndex {
    /// Keys `"{language} {stem}"`.
    terms: Vocab,
    /// For each term, the index positions of the stories that have it.
    stories: Postings,
    /// The analyzers of the quotes' languages other than
    /// [`STORY_LANGUAGE`], by code.
    languages: Vec<Analyzer>,
    /// The terms (ascending) of stories changed in place since the build,
    /// by index position: they replace what `stories` says of those
    /// stories, whose old entries stay in the lists and are not counted.
    replaced: HashMap<u32, Box<[u32]>>,
    /// How many stories the lists were built for.
    built: u32,
    /// The index position now of each story the lists name, once stories
    /// were added since the build (empty until then: the positions are the
    /// lists' own).
    moved: Vec<u32>,
}

/// Lists of ascending story numbers, each number written as its distance
/// from the one before in LEB128 (7 bits a byte): most distances take one
/// byte, where a `u32` takes four, which keeps the text index within the
/// index's memory budget. Written out here rather than taken from a crate:
/// it is twenty lines, and the lists are only ever read front to back.
#[derive(Debug, Clone)]
struct Postings {
    /// Where each list starts in `bytes`; the last entry is the length.
    offsets: Vec<u32>,
    bytes: Vec<u8>,
}

impl Default for Postings {
    fn default() -> Postings {
        Postings { offsets: vec![0], bytes: Vec::new() }
    }
}

impl Postings {
    fn push_list(&mut self, list: &[u32]) {
        let mut previous = 0;
        for &s in list {
            let mut gap = s - previous;
            previous = s;
            while gap >= 0x80 {
                self.bytes.push((gap & 0x7f) as u8 | 0x80);
                gap >>= 7;
            }
            self.bytes.push(gap as u8);
        }
        self.offsets.push(u32::try_from(self.bytes.len()).expect("text lists under 4 GB"));
    }

    /// The stories of list `i`, ascending (none for a term added after the
    /// build, which has no list).
    #[inline]
    fn get(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        let range = match self.offsets.get(i..i + 2) {
            Some(&[start, end]) => start as usize..end as usize,
            _ => 0..0,
        };
        let mut bytes = self.bytes[range].iter();
        let mut previous = 0u32;
        std::iter::from_fn(move || {
            let (mut gap, mut shift) = (0u32, 0);
            loop {
                let byte = *bytes.next()?;
                gap |= u32::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    break;
                }
                shift += 7;
            }
            previous += gap;
            Some(previous)
        })
    }

    fn shrink_to_fit(&mut self) {
        self.offsets.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.bytes.capacity()
    }
}

/// Where [`TextIndex`]'s `moved` says a story of the lists is now when
/// it was taken out of the index.
const REMOVED: u32 = u32::MAX;

/// The key of a stem in a language.
fn key(language: &str, stem: &str) -> String {
    format!("{language} {stem}")
}

/// The texts of a story with their languages: its title, summary, outcome
/// descriptions and use cases in [`STORY_LANGUAGE`], then its quotes in
/// their own.
pub(crate) fn story_texts<'a>(
    story: &'a Story,
    quotes: &[&'a crate::model::Quote],
) -> Vec<(&'a str, &'a str)> {
    let mut texts = vec![(story.title.as_str(), STORY_LANGUAGE), (story.summary.as_str(), STORY_LANGUAGE)];
    texts.extend(story.outcomes.iter().map(|o| (o.description.as_str(), STORY_LANGUAGE)));
    texts.extend(story.use_cases.iter().map(|u| (u.as_str(), STORY_LANGUAGE)));
    texts.extend(quotes.iter().map(|q| (q.text.as_str(), q.language.as_str())));
    texts
}

/// The quotes of each story, by story id, in the library's order.
pub(crate) fn quotes_by_story(library: &Library) -> HashMap<&str, Vec<&crate::model::Quote>> {
    let mut quotes: HashMap<&str, Vec<&crate::model::Quote>> = HashMap::new();
    for quote in library.quotes() {
        quotes.entry(quote.story.as_str()).or_default().push(quote);
    }
    quotes
}

/// The distinct term keys of `story` and its `quotes`, ascending, each
/// text analysed by `analyzer(language)` with a memory of stems per
/// language in `caches`.
fn story_keys<'a>(
    story: &'a Story,
    quotes: &[&'a crate::model::Quote],
    analyzer: impl Fn(&str) -> Option<&'a Analyzer>,
    caches: &mut HashMap<&'a str, StemCache>,
) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut stems = Vec::new();
    for (text, language) in story_texts(story, quotes) {
        // Callers have an analyzer for every language they pass.
        let Some(analyzer) = analyzer(language) else { continue };
        stems.clear();
        analyzer.stems_into(text, caches.entry(language).or_default(), &mut stems);
        keys.extend(stems.iter().map(|stem| key(analyzer.language(), stem)));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// One analyzer per language, built once.
fn analyzers<'a>(languages: impl Iterator<Item = &'a str>) -> HashMap<String, Analyzer> {
    languages.map(|l| (l.to_string(), Analyzer::new(l))).collect()
}

impl TextIndex {
    /// The terms of the stories `source` (library positions, in index
    /// order). The texts are analysed in parallel, the terms numbered in
    /// story order, so the index is the same on any number of threads.
    pub(super) fn build(library: &Library, source: &[u32]) -> TextIndex {
        let quotes = quotes_by_story(library);
        let mut languages: Vec<String> = library.quotes().iter().map(|q| q.language.clone()).collect();
        languages.push(STORY_LANGUAGE.to_string());
        languages.sort();
        languages.dedup();
        let analyzers = analyzers(languages.iter().map(String::as_str));
        let keys: Vec<Vec<String>> = source
            .par_iter()
            // A memory of stems per language and thread (it changes no stem,
            // so the index is the same however rayon splits the work).
            .map_init(HashMap::<&str, StemCache>::new, |caches, &i| {
                let story = &library.stories()[i as usize];
                let quotes = quotes.get(story.id.as_str()).map_or(&[][..], Vec::as_slice);
                story_keys(story, quotes, |language| analyzers.get(language), caches)
            })
            .collect();
        let mut terms = Vocab::default();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for (s, keys) in keys.iter().enumerate() {
            for key in keys {
                let id = terms.intern(key) as usize;
                if id == lists.len() {
                    lists.push(Vec::new());
                }
                lists[id].push(s as u32);
            }
        }
        let mut stories = Postings::default();
        for list in lists {
            stories.push_list(&list);
        }
        stories.shrink_to_fit();
        languages.retain(|l| l != STORY_LANGUAGE);
        let languages = languages.iter().map(|l| Analyzer::new(l)).collect();
        TextIndex {
            terms,
            stories,
            languages,
            replaced: HashMap::new(),
            built: source.len() as u32,
            moved: Vec::new(),
        }
    }

    /// Puts the terms of `story` (with its `quotes`) in place of those of
    /// the story at index position `s`: `O(the story's text)`, the lists
    /// untouched. A quote in a language the index has no analyzer for
    /// gets one ([`TextIndex::learn`]).
    pub(super) fn replace_story(&mut self, s: u32, story: &Story, quotes: &[&crate::model::Quote]) {
        self.learn(quotes);
        let english = Analyzer::new(STORY_LANGUAGE);
        let analyzer = |language: &str| {
            if language == STORY_LANGUAGE {
                Some(&english)
            } else {
                self.languages.iter().find(|a| a.language() == language)
            }
        };
        let keys = story_keys(story, quotes, analyzer, &mut HashMap::new());
        let mut ids: Vec<u32> = keys.iter().map(|key| self.terms.intern(key)).collect();
        ids.sort_unstable();
        self.replaced.insert(s, ids.into_boxed_slice());
    }

    /// Adds `story` (with its `quotes`) at index position `s`, the stories
    /// from `s` on moving up one: `O(stories)` to renumber, the lists
    /// untouched.
    pub(super) fn insert_story(&mut self, s: u32, story: &Story, quotes: &[&crate::model::Quote]) {
        if self.moved.is_empty() {
            self.moved = (0..self.built).collect();
        }
        for at in &mut self.moved {
            *at += u32::from(*at >= s && *at != REMOVED);
        }
        self.replaced = std::mem::take(&mut self.replaced)
            .into_iter()
            .map(|(at, ids)| (at + u32::from(at >= s), ids))
            .collect();
        self.replace_story(s, story, quotes)
    }

    /// Takes the story at index position `s` out, the stories after it
    /// moving down one: `O(stories)` to renumber, the lists untouched (their
    /// entries for it are noted [`REMOVED`] and not counted).
    pub(super) fn remove_story(&mut self, s: u32) {
        if self.moved.is_empty() {
            self.moved = (0..self.built).collect();
        }
        for at in &mut self.moved {
            if *at == s {
                *at = REMOVED;
            } else if *at != REMOVED && *at > s {
                *at -= 1;
            }
        }
        self.replaced = std::mem::take(&mut self.replaced)
            .into_iter()
            .filter(|&(at, _)| at != s)
            .map(|(at, ids)| (at - u32::from(at > s), ids))
            .collect();
    }

    /// Adds an analyzer for each quote's language the index has none for
    /// (a query then looks its words up in that language too, as an index
    /// built with the quote would).
    fn learn(&mut self, quotes: &[&crate::model::Quote]) {
        for quote in quotes {
            let known = |a: &Analyzer| a.language() == quote.language;
            if quote.language != STORY_LANGUAGE && !self.languages.iter().any(known) {
                self.languages.push(Analyzer::new(&quote.language));
            }
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.moved.capacity() * 4
            + self.terms.heap_bytes()
            + self.stories.heap_bytes()
            + self.replaced.values().map(|ids| 4 + 16 + 4 * ids.len()).sum::<usize>()
            + self.languages.iter().map(|l| l.language().len() + 48).sum::<usize>()
    }
}

/// The prospect's text terms: its distinct stems in [`STORY_LANGUAGE`],
/// each with the words that have it, as written, in the order of first
/// sight.
pub(crate) fn prospect_terms(text: &str) -> Vec<(String, Vec<String>)> {
    let mut order: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for term in Analyzer::new(STORY_LANGUAGE).terms(text) {
        match seen.get(&term.stem) {
            Some(&i) => {
                if !order[i].1.contains(&term.word) {
                    order[i].1.push(term.word);
                }
            }
            None => {
                seen.insert(term.stem.clone(), order.len());
                order.push((term.stem, vec![term.word]));
            }
        }
    }
    order
}

/// The text factor of one query: how many of the prospect's terms each
/// story has, and the most of any story of each account.
#[derive(Debug, Clone)]
pub(crate) struct TextQuery {
    /// Per story (index position).
    found: Vec<u16>,
    /// Per account: the largest `found` of its stories.
    best: Vec<u16>,
    /// `weight * overlap(c, terms)` for `c` terms found.
    value: Vec<f64>,
    /// How many distinct terms the prospect's text has (`|P|`).
    terms: usize,
}

impl TextQuery {
    /// The text factor of `text` with weight `weight`, or `None` when the
    /// text has no term (the factor is then not in play).
    pub(crate) fn new(index: &Index, text: &str, weight: f64) -> Option<TextQuery> {
        let terms = prospect_terms(text);
        if terms.is_empty() {
            return None;
        }
        let text_index = &index.text;
        let others = &text_index.languages;
        let moved = &text_index.moved;
        // A story taken out counts in one slot past the others, dropped below.
        let removed = index.stories();
        let at =
            |s: u32| if moved.is_empty() { s as usize } else { (moved[s as usize] as usize).min(removed) };
        let mut found = vec![0u16; removed + 1];
        // The last term counted for each story, for terms with several
        // keys (allocated only for those).
        let mut last: Vec<u32> = Vec::new();
        // Each term's keys, for the stories changed in place.
        let mut keys_of: Vec<Vec<u32>> = Vec::new();
        for (t, (stem, words)) in terms.iter().enumerate() {
            let mut ids: Vec<u32> = text_index.terms.get(&key(STORY_LANGUAGE, stem)).into_iter().collect();
            for analyzer in others {
                for word in words {
                    if let Some(id) =
                        analyzer.term(word).and_then(|s| text_index.terms.get(&key(analyzer.language(), &s)))
                    {
                        ids.push(id);
                    }
                }
            }
            ids.sort_unstable();
            ids.dedup();
            if !text_index.replaced.is_empty() {
                keys_of.push(ids.clone());
            }
            if let [id] = ids[..] {
                for s in text_index.stories.get(id as usize) {
                    found[at(s)] += 1;
                }
                continue;
            }
            if ids.is_empty() {
                continue;
            }
            if last.is_empty() {
                last = vec![u32::MAX; found.len()];
            }
            for id in ids {
                for s in text_index.stories.get(id as usize) {
                    let s = at(s);
                    if last[s] != t as u32 {
                        last[s] = t as u32;
                        found[s] += 1;
                    }
                }
            }
        }
        found.truncate(removed);
        for (&s, have) in &text_index.replaced {
            let count = keys_of.iter().filter(|ids| ids.iter().any(|id| have.binary_search(id).is_ok()));
            found[s as usize] = count.count() as u16;
        }
        let mut best = vec![0u16; index.account_rows.len()];
        for (s, &n) in found.iter().enumerate() {
            let account = &mut best[index.story_account[s] as usize];
            *account = (*account).max(n);
        }
        let value = (0..=terms.len()).map(|c| weight * score::overlap(c, terms.len())).collect();
        Some(TextQuery { found, best, value, terms: terms.len() })
    }

    /// `weight * similarity` of story `s`.
    #[inline(always)]
    pub(crate) fn story(&self, s: usize) -> f64 {
        self.value[self.found[s] as usize]
    }

    /// The largest [`TextQuery::story`] of the account's stories.
    #[inline(always)]
    pub(crate) fn account(&self, account: usize) -> f64 {
        self.value[self.best[account] as usize]
    }

    /// The similarity of story `s`: the share of the prospect's terms it has.
    pub(crate) fn similarity(&self, s: usize) -> f64 {
        score::overlap(self.found[s] as usize, self.terms)
    }
}

/// The prospect's terms that `story` has, each as the prospect first
/// wrote it, in the order of the prospect's text, and how many distinct
/// terms the text has: the words of the explanation, computed from the
/// records (the definition, term by term).
pub(crate) fn matched_terms(library: &Library, story: &Story, text: &str) -> (Vec<String>, usize) {
    let terms = prospect_terms(text);
    let quotes = quotes_by_story(library);
    let quotes = quotes.get(story.id.as_str()).map_or(&[][..], Vec::as_slice);
    let mut have: HashMap<&str, Vec<String>> = HashMap::new();
    let texts = story_texts(story, quotes);
    let analyzers = analyzers(texts.iter().map(|&(_, l)| l));
    for (text, language) in &texts {
        have.entry(language)
            .or_default()
            .extend(analyzers[*language].terms(text).into_iter().map(|t| t.stem));
    }
    let matched = terms
        .iter()
        .filter(|(stem, words)| {
            have.get(STORY_LANGUAGE).is_some_and(|stems| stems.contains(stem))
                || have.iter().any(|(language, stems)| {
                    words.iter().any(|w| analyzers[*language].term(w).is_some_and(|s| stems.contains(&s)))
                })
        })
        .map(|(_, words)| words[0].clone())
        .collect();
    (matched, terms.len())
}

#[cfg(test)]
mod tests {
    use super::Postings;

    #[test]
    fn postings_give_back_what_was_pushed() {
        let mut postings = Postings::default();
        let lists: [&[u32]; 4] = [&[0, 1, 2], &[], &[127, 128, 300, 16_384, 70_000, u32::MAX], &[5]];
        for list in lists {
            postings.push_list(list);
        }
        for (i, list) in lists.iter().enumerate() {
            assert_eq!(postings.get(i).collect::<Vec<_>>(), *list);
        }
    }
}
