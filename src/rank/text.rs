//! The text factor in the index and in a query. The index keeps, for each
//! term of the stories' texts (a stem in a language), the stories that
//! have it; a query turns the prospect's text into its terms and counts,
//! through those lists, how many of them each story has, and the most any
//! story of each account has: the story's similarity and the account's
//! exact bound, for `O(stories + the lists of the prospect's terms)` per
//! query. What a term is, is [`crate::text`]'s; the formula is in the
//! [module docs](super).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::counts::Counts;
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

/// Lists of ascending story numbers. A sparse list writes each number
/// as its distance from the one before in LEB128 (7 bits a byte): most
/// distances take one byte, where a `u32` takes four, which keeps the text
/// index within the index's memory budget. A dense list (one in
/// [`DENSE`] stories or more) is a bit set over the stories instead, at
/// most four times the list's bytes, and read several times faster: the
/// common words of a query are most of what a query with text reads
/// (measured in `BENCHMARKS.md`). Written out here rather than
/// taken from a crate: it is forty lines, and the lists are only ever
/// read front to back.
#[derive(Debug, Clone)]
struct Postings {
    /// Where each list starts in `bytes`; the last entry is the length.
    offsets: Vec<u32>,
    bytes: Vec<u8>,
    /// The dense lists, ascending: (list, first word in `words`).
    dense: Vec<(u32, u32)>,
    /// The bit sets of the dense lists, `words_per_set` words each.
    words: Vec<u64>,
    /// How many stories the bit sets cover.
    universe: u32,
}

impl Default for Postings {
    fn default() -> Postings {
        Postings::new(0)
    }
}

/// A list naming one story in this many or more is kept as a bit set.
const DENSE: u32 = 32;

impl Postings {
    /// No lists yet, over `universe` stories.
    fn new(universe: u32) -> Postings {
        Postings { offsets: vec![0], bytes: Vec::new(), dense: Vec::new(), words: Vec::new(), universe }
    }

    fn words_per_set(&self) -> usize {
        self.universe.div_ceil(64) as usize
    }

    fn push_list(&mut self, list: &[u32]) {
        let i = self.offsets.len() as u32 - 1;
        if !list.is_empty() && list.len() as u64 * u64::from(DENSE) >= u64::from(self.universe) {
            let start = self.words.len();
            self.dense.push((i, u32::try_from(start).expect("text lists under 4 G words")));
            self.words.resize(start + self.words_per_set(), 0);
            for &s in list {
                self.words[start + s as usize / 64] |= 1 << (s % 64);
            }
        } else {
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
        }
        self.offsets.push(u32::try_from(self.bytes.len()).expect("text lists under 4 GB"));
    }

    /// Calls `f` with each story of list `i`, ascending (none for a term
    /// added after the build, which has no list).
    #[inline]
    fn for_each(&self, i: usize, mut f: impl FnMut(u32)) {
        if let Some(words) = self.dense_words(i as u32) {
            for (w, &word) in words.iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    f(w as u32 * 64 + word.trailing_zeros());
                    word &= word - 1;
                }
            }
            return;
        }
        let range = match self.offsets.get(i..i + 2) {
            Some(&[start, end]) => start as usize..end as usize,
            _ => 0..0,
        };
        let mut bytes = self.bytes[range].iter();
        let mut previous = 0u32;
        loop {
            let (mut gap, mut shift) = (0u32, 0);
            loop {
                let Some(&byte) = bytes.next() else { return };
                gap |= u32::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    break;
                }
                shift += 7;
            }
            previous += gap;
            f(previous);
        }
    }

    /// The bit set of list `i`, if it is dense.
    fn dense_words(&self, i: u32) -> Option<&[u64]> {
        let d = self.dense.binary_search_by_key(&i, |&(list, _)| list).ok()?;
        let start = self.dense[d].1 as usize;
        Some(&self.words[start..start + self.words_per_set()])
    }

    /// The stories of any of the lists `ids` as a bit set of
    /// [`Postings::words_per_set`] words (a dense list's own when it is the
    /// only one); `None` without lists.
    fn union(&self, ids: &[u32]) -> Option<Cow<'_, [u64]>> {
        if let [id] = ids
            && let Some(words) = self.dense_words(*id)
        {
            return Some(Cow::Borrowed(words));
        }
        if ids.is_empty() {
            return None;
        }
        let mut union = vec![0u64; self.words_per_set()];
        for &id in ids {
            match self.dense_words(id) {
                Some(words) => union.iter_mut().zip(words).for_each(|(u, w)| *u |= w),
                None => self.for_each(id as usize, |s| union[s as usize / 64] |= 1 << (s % 64)),
            }
        }
        Some(Cow::Owned(union))
    }

    /// The stories of any of the lists `ids`, ascending, each once, when
    /// they are few: no list is dense and the lists take no more bytes than
    /// a bit set has words (so adding their stories one by one costs less
    /// than a pass over a bit set); `None` otherwise.
    fn few(&self, ids: &[u32]) -> Option<Vec<u32>> {
        // A sparse list takes a byte or more per story: its bytes bound its
        // stories.
        let bytes = |id: u32| match self.offsets.get(id as usize..id as usize + 2) {
            Some(&[start, end]) => (end - start) as usize,
            _ => 0,
        };
        let sparse = ids.iter().all(|&id| self.dense_words(id).is_none());
        if !sparse || ids.iter().map(|&id| bytes(id)).sum::<usize>() > self.words_per_set() {
            return None;
        }
        let mut stories = Vec::new();
        for &id in ids {
            self.for_each(id as usize, |s| stories.push(s));
        }
        if ids.len() > 1 {
            stories.sort_unstable();
            stories.dedup();
        }
        Some(stories)
    }

    /// The stories of list `i`, ascending: [`Postings::for_each`] collected.
    #[cfg(test)]
    fn get(&self, i: usize) -> Vec<u32> {
        let mut out = Vec::new();
        self.for_each(i, |s| out.push(s));
        out
    }

    fn shrink_to_fit(&mut self) {
        self.offsets.shrink_to_fit();
        self.bytes.shrink_to_fit();
        self.dense.shrink_to_fit();
        self.words.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4
            + self.bytes.capacity()
            + self.dense.capacity() * 8
            + self.words.capacity() * 8
    }
}

/// Where [`TextIndex`]'s `moved` says a story of the lists is now when
/// it was taken out of the index.
const REMOVED: u32 = u32::MAX;

/// The key of a stem in a language.
fn key(language: &str, stem: &str) -> String {
    let mut key = String::new();
    push_key(&mut key, language, stem);
    key
}

/// Writes [`key`] into `buffer`, emptied first: a query looks its keys up
/// through one buffer.
fn push_key(buffer: &mut String, language: &str, stem: &str) {
    buffer.clear();
    buffer.push_str(language);
    buffer.push(' ');
    buffer.push_str(stem);
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
        let mut stories = Postings::new(source.len() as u32);
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
    for term in Analyzer::new(STORY_LANGUAGE).remembered_terms(text) {
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
/// story has (and so the most of any story of an account).
#[derive(Debug, Clone)]
pub(crate) struct TextQuery {
    /// Per story (index position).
    found: Counts,
    /// `weight * overlap(c, terms)` for `c` terms found.
    value: Vec<f64>,
    /// The largest of `value`.
    largest: f64,
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
        let stories = index.stories();
        let mut buffer = String::new();
        let mut id_of = |language: &str, stem: &str| {
            push_key(&mut buffer, language, stem);
            text_index.terms.get(buffer.as_str())
        };
        // Each term's keys: its stem in the stories' language and its words
        // in each quote language.
        let keys_of: Vec<Vec<u32>> = terms
            .iter()
            .map(|(stem, words)| {
                let mut ids: Vec<u32> = id_of(STORY_LANGUAGE, stem).into_iter().collect();
                for analyzer in others {
                    for word in words {
                        if let Some(id) =
                            analyzer.remembered_term(word).and_then(|s| id_of(analyzer.language(), &s))
                        {
                            ids.push(id);
                        }
                    }
                }
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        // How many terms each story has: each term once however many of
        // its lists name the story.
        let postings = &text_index.stories;
        let mut found;
        if moved.is_empty() {
            // The lists' numbers are the stories' positions. A term of few
            // stories is added story by story; the others' bit sets (one
            // for terms with the same lists) are counted in one pass.
            debug_assert_eq!(stories as u32, text_index.built);
            let mut few: Vec<u32> = Vec::new();
            let mut distinct: Vec<&[u32]> = Vec::new();
            let mut counted: Vec<usize> = Vec::new();
            for ids in keys_of.iter().filter(|ids| !ids.is_empty()) {
                if let Some(stories) = postings.few(ids) {
                    few.extend(stories);
                } else if let Some(i) = distinct.iter().position(|seen| seen == ids) {
                    counted.push(i);
                } else {
                    counted.push(distinct.len());
                    distinct.push(ids);
                }
            }
            // On one thread: on rayon's, the bit sets of a 100k-story
            // query took longer.
            let sets: Vec<Cow<'_, [u64]>> = distinct
                .iter()
                .map(|ids| {
                    postings
                        .union(ids)
                        .expect("`distinct` holds no empty list of ids: they are filtered out above")
                })
                .collect();
            let sets: Vec<&[u64]> = counted.iter().map(|&i| &*sets[i]).collect();
            found = Counts::of_sets(stories, terms.len(), &sets);
            few.iter().for_each(|&s| found.increment(s as usize));
        } else {
            found = Counts::new(stories, terms.len());
            let sets = keys_of.iter().filter_map(|ids| postings.union(ids));
            // Stories moved since the build: each number to its position
            // now (a story taken out is [`REMOVED`] and not counted).
            let mut plain = vec![0usize; stories];
            for set in sets {
                for (w, &word) in set.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        let at = moved[w * 64 + word.trailing_zeros() as usize];
                        if let Some(n) = plain.get_mut(at as usize) {
                            *n += 1;
                        }
                        word &= word - 1;
                    }
                }
            }
            for (s, &n) in plain.iter().enumerate() {
                found.set(s, n);
            }
        }
        for (&s, have) in &text_index.replaced {
            let terms = keys_of.iter().filter(|ids| ids.iter().any(|id| have.binary_search(id).is_ok()));
            found.set(s as usize, terms.count());
        }
        let value: Vec<f64> = (0..=terms.len()).map(|c| weight * score::overlap(c, terms.len())).collect();
        let largest = value.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(TextQuery { found, value, largest, terms: terms.len() })
    }

    /// `weight * similarity` of story `s`.
    #[inline(always)]
    pub(crate) fn story(&self, s: usize) -> f64 {
        self.value[self.found.get(s)]
    }

    /// The largest [`TextQuery::story`] of the account's stories, where
    /// `starts` is [`Index::account_stories`]: worked out when asked, in
    /// the scan's own chunks, for the accounts the scan bounds.
    #[inline(always)]
    pub(crate) fn account(&self, starts: &[u32], account: usize) -> f64 {
        self.value[self.found.max(starts[account] as usize, starts[account + 1] as usize)]
    }

    /// The largest [`TextQuery::story`] any story could have.
    #[inline(always)]
    pub(crate) fn largest(&self) -> f64 {
        self.largest
    }

    /// The similarity of story `s`: the share of the prospect's terms it has.
    pub(crate) fn similarity(&self, s: usize) -> f64 {
        score::overlap(self.found.get(s), self.terms)
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

    /// Counting a term's lists as a bit set gives each story 1 when any of
    /// them names it, dense or sparse, as counting them one by one does.
    #[test]
    fn a_terms_lists_count_each_story_once() {
        let universe = 1_000;
        let lists: Vec<Vec<u32>> = vec![
            (0..universe).step_by(2).collect(),
            (0..universe).step_by(3).collect(),
            vec![1, 5, 64, 127, 999],
            vec![],
            vec![0, 63, 64, 65],
            // Sparse, with more stories than a bit set has words.
            (0..universe).step_by(37).collect(),
        ];
        let mut postings = Postings::new(universe);
        for list in &lists {
            postings.push_list(list);
        }
        assert!(postings.dense.len() == 2);
        for ids in [
            &[0u32][..],
            &[2],
            &[0, 1],
            &[1, 2, 4],
            &[3],
            &[],
            &[2, 4],
            &[0, 1, 2, 3, 4],
            &[5],
            &[2, 5],
            &[4, 2],
        ] {
            let mut found = super::Counts::new(universe as usize, 1);
            if let Some(set) = postings.union(ids) {
                found.add(&set);
            }
            let few = postings.few(ids);
            for s in 0..universe {
                let want = ids.iter().any(|&id| lists[id as usize].contains(&s));
                assert_eq!(found.get(s as usize), usize::from(want), "story {s} of {ids:?}");
                if let Some(few) = &few {
                    assert_eq!(few.contains(&s), want, "story {s} of {ids:?}, one by one");
                }
            }
            // Few stories: no dense list, and (here, where every gap but
            // one takes a byte) no more entries than words.
            let entries: usize = ids.iter().map(|&id| lists[id as usize].len()).sum();
            let sparse = ids.iter().all(|&id| lists[id as usize].len() * 32 < universe as usize);
            assert_eq!(few.is_some(), sparse && entries <= 16, "{ids:?}");
            assert!(few.is_none_or(|few| few.is_sorted()));
            let padding = universe as usize..postings.words_per_set() * 64;
            assert!(padding.into_iter().all(|s| found.get(s) == 0));
        }
    }

    #[test]
    fn postings_give_back_what_was_pushed() {
        let dense: Vec<u32> = (0..70_001).step_by(3).collect();
        let lists: [&[u32]; 6] =
            [&[0, 1, 2], &[], &[127, 128, 300, 16_384, 70_000], &[5], &dense, &[63, 64, 69_999, 70_000]];
        for universe in [70_001, 16] {
            let mut postings = Postings::new(universe);
            for list in lists {
                if list.iter().all(|&s| s < universe) || universe == 70_001 {
                    postings.push_list(list);
                } else {
                    postings.push_list(&[]);
                }
            }
            // The long list is a bit set, the short ones are not.
            assert!(universe == 16 || postings.dense.iter().map(|d| d.0).eq([4]));
            for (i, list) in lists.iter().enumerate() {
                let want: Vec<u32> =
                    if list.iter().all(|&s| s < universe) { list.to_vec() } else { Vec::new() };
                assert_eq!(postings.get(i), want, "list {i} over {universe}");
            }
        }
    }
}
