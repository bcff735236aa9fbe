//! [`Snippet`]: the part of a hit's text that best shows why it matched,
//! with the matched words marked.
//!
//! Each text of a hit is analyzed as it was indexed; a word is marked when
//! its stem is a searched stem of that field, or its plain form a word a
//! prefix stood for. The window of at most `max_chars` characters whose
//! marked words add the most weight (each distinct term counted once,
//! weighted by its inverse document frequency) wins; a tie goes to the
//! earlier window, then to the earlier source in [`Source::ALL`]. Tantivy
//! has a snippet generator, but it neither reports a snippet's score (so
//! the best of a hit's texts cannot be chosen) nor slides its window, so
//! this one is written here.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::analysis::Analyzers;
use super::request::Source;

/// A piece of a hit's text, with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text the piece comes from.
    pub source: Source,
    /// The piece, with `…` where it cuts the text.
    pub text: String,
    /// Byte ranges of `text` that matched, in order, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The text with each highlight between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out =
            String::with_capacity(self.text.len() + self.highlights.len() * (open.len() + close.len()));
        let mut at = 0;
        for range in &self.highlights {
            out.push_str(&self.text[at..range.start]);
            out.push_str(open);
            out.push_str(&self.text[range.clone()]);
            out.push_str(close);
            at = range.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The text as HTML, escaped, each highlight in `<b>` … `</b>`.
    pub fn to_html(&self) -> String {
        let escape = |s: &str| {
            s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
        };
        let mut out = String::new();
        let mut at = 0;
        for range in &self.highlights {
            out.push_str(&escape(&self.text[at..range.start]));
            out.push_str("<b>");
            out.push_str(&escape(&self.text[range.clone()]));
            out.push_str("</b>");
            at = range.end;
        }
        out.push_str(&escape(&self.text[at..]));
        out
    }
}

impl fmt::Display for Snippet {
    /// The text with each highlight in `**`, as Markdown writes bold.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.marked("**", "**"))
    }
}

/// The terms one field highlights: stems and plain forms, with weights.
#[derive(Default)]
pub(crate) struct Terms<'a> {
    pub(crate) stems: Option<&'a HashMap<String, f32>>,
    pub(crate) plain: Option<&'a HashMap<String, f32>>,
}

/// A candidate snippet: its weight, where it starts, and the snippet.
pub(crate) struct Candidate {
    pub(crate) weight: f32,
    pub(crate) snippet: Snippet,
}

/// The best window of `text`, or `None` when no word of it matched.
pub(crate) fn best_window(
    source: Source,
    text: &str,
    analyzers: &Analyzers,
    terms: &Terms<'_>,
    max_chars: usize,
) -> Option<Candidate> {
    // The marked words: byte range, term number (for distinctness), weight.
    let mut marked: Vec<(Range<usize>, usize, f32)> = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let words = analyzers.words(text);
    for word in &words {
        let stem = terms.stems.and_then(|t| t.get(&word.stem).map(|&w| (word.stem.as_str(), w)));
        let plain = terms.plain.and_then(|t| t.get(&word.plain).map(|&w| (word.plain.as_str(), w)));
        if let Some((term, weight)) = stem.or(plain) {
            let next = ids.len();
            let id = *ids.entry(term).or_insert(next);
            marked.push((word.start..word.end, id, weight));
        }
    }
    if marked.is_empty() {
        return None;
    }
    // Character offsets of every byte boundary we need: count lazily.
    let chars_before = |byte: usize| text[..byte].chars().count();
    let mut best: Option<(f32, usize, usize)> = None; // weight, first and last marked index
    for i in 0..marked.len() {
        let start_char = chars_before(marked[i].0.start);
        let mut seen = vec![false; ids.len()];
        let mut weight = 0.0;
        for j in i..marked.len() {
            if chars_before(marked[j].0.end) - start_char > max_chars {
                break;
            }
            if !seen[marked[j].1] {
                seen[marked[j].1] = true;
                weight += marked[j].2;
            }
            if best.is_none_or(|(w, _, _)| weight > w) {
                best = Some((weight, i, j));
            }
        }
        if best.is_none() {
            // A single word longer than the window: keep it anyway.
            best = Some((marked[i].2, i, i));
        }
    }
    let (weight, first, last) = best?;
    let (start, end) = frame(text, marked[first].0.start, marked[last].0.end, max_chars);
    let mut snippet_text = String::new();
    let lead = if start > 0 { "…" } else { "" };
    snippet_text.push_str(lead);
    snippet_text.push_str(text[start..end].trim());
    let trimmed_front = text[start..end].len() - text[start..end].trim_start().len();
    if end < text.len() {
        snippet_text.push('…');
    }
    let shift = |b: usize| b - start - trimmed_front + lead.len();
    let highlights = marked
        .iter()
        .filter(|(r, _, _)| r.start >= start && r.end <= end)
        .map(|(r, _, _)| shift(r.start)..shift(r.end))
        .collect();
    Some(Candidate { weight, snippet: Snippet { source, text: snippet_text, highlights } })
}

/// Widens the byte range `from..to` of `text` to at most `max_chars`
/// characters in all, a quarter of the room before it, cutting at white
/// space so no word is split.
fn frame(text: &str, from: usize, to: usize, max_chars: usize) -> (usize, usize) {
    let room = max_chars.saturating_sub(text[from..to].chars().count());
    // Start: `room / 4` characters back, then forward to a word start.
    let before = room / 4;
    let mut start = from;
    if before > 0 {
        match text[..from].char_indices().rev().nth(before - 1) {
            None => start = 0,
            Some((back, _)) => {
                start = back;
                if back > 0 {
                    start = text[back..from].find(char::is_whitespace).map_or(from, |p| back + p);
                }
            }
        }
    }
    // End: the rest of the room, cut at the last white space that fits.
    let after = room - text[start..from].chars().count().min(room);
    let end = match text[to..].char_indices().nth(after) {
        None => text.len(),
        Some((limit, _)) => text[to..to + limit].rfind(char::is_whitespace).map_or(to, |p| to + p),
    };
    (start, end)
}

/// The snippet of a hit with no marked word: the start of its first text.
pub(crate) fn opening(source: Source, text: &str, max_chars: usize) -> Snippet {
    let (_, end) = frame(text, 0, 0, max_chars);
    let mut out = text[..end].trim_end().to_string();
    if end < text.len() {
        out.push('…');
    }
    Snippet { source, text: out, highlights: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, stems: &[(&str, f32)], max_chars: usize) -> Option<Snippet> {
        let stems: HashMap<String, f32> = stems.iter().map(|(t, w)| (t.to_string(), *w)).collect();
        let terms = Terms { stems: Some(&stems), plain: None };
        best_window(Source::Summary, text, &Analyzers::new("en"), &terms, max_chars).map(|c| c.snippet)
    }

    #[test]
    fn marks_every_matched_word_in_a_short_text() {
        let s = snippet(
            "Fraud losses fell; fraud scoring runs in real time.",
            &[("fraud", 1.0), ("score", 2.0)],
            160,
        )
        .unwrap();
        assert_eq!(s.text, "Fraud losses fell; fraud scoring runs in real time.");
        assert_eq!(s.marked("[", "]"), "[Fraud] losses fell; [fraud] [scoring] runs in real time.");
        assert_eq!(s.to_string(), "**Fraud** losses fell; **fraud** **scoring** runs in real time.");
    }

    #[test]
    fn picks_the_window_with_the_most_distinct_weight() {
        let text = format!(
            "{} fraud here. {} fraud scoring together. {}",
            "x ".repeat(60),
            "y ".repeat(60),
            "z ".repeat(60)
        );
        let s = snippet(&text, &[("fraud", 1.0), ("score", 1.0)], 40).unwrap();
        assert!(s.text.contains("fraud scoring together"), "{s:?}");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{s:?}");
        assert!(s.text.chars().count() <= 42, "{} chars: {s:?}", s.text.chars().count());
        for r in &s.highlights {
            assert!(["fraud", "scoring"].contains(&&s.text[r.clone()]), "{s:?}");
        }
    }

    #[test]
    fn no_match_gives_none_and_html_is_escaped() {
        assert!(snippet("nothing to see", &[("fraud", 1.0)], 160).is_none());
        let s = snippet("<fraud> & co", &[("fraud", 1.0)], 160).unwrap();
        assert_eq!(s.to_html(), "&lt;<b>fraud</b>&gt; &amp; co");
    }

    #[test]
    fn multibyte_text_is_cut_on_character_boundaries() {
        let text = format!(
            "{}Betrugserkennung in Echtzeit für Überweisungen {}",
            "äöü ".repeat(30),
            "ß ".repeat(30)
        );
        let stems: HashMap<String, f32> = [("echtzeit".to_string(), 1.0)].into();
        let terms = Terms { stems: Some(&stems), plain: None };
        let s = best_window(Source::Quote, &text, &Analyzers::new("de"), &terms, 30).unwrap().snippet;
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(&s.text[s.highlights[0].clone()], "Echtzeit");
        let o = opening(Source::Quote, &text, 25);
        assert!(o.text.ends_with('…') && o.text.chars().count() <= 26, "{o:?}");
    }
}
