//! The query language, read into clauses; no index needed, so the fuzz
//! target can call it on its own.
//!
//! A query is clauses separated by white space. A clause is an optional
//! `+` (required) or `-` (excluded), an optional `name:` and a value: a
//! word, a word ending in `*` (a prefix) or a `"phrase"`. The name is a
//! text field (`title`, `summary`, `outcome`, `use_case`, `quote`) or a
//! filter (`region`, `country`, `sector`, `product`, `kind`, `language`,
//! `approved`). Tantivy's own query parser reports a malformed query
//! without its position and stops at the first mistake; this one names the
//! column of every mistake, which is why it is written here.

use super::error::{QueryProblem, QueryProblemKind};
use super::request::Source;
use crate::model::limits::{MAX_LABEL_LEN, MAX_LIST_LEN, MAX_TEXT_LEN};

/// How a clause combines with the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Occur {
    /// Adds to the score; a document needs at least one such clause when
    /// no clause is required.
    Should,
    /// `+`: every hit has it.
    Must,
    /// `-`: no hit has it.
    MustNot,
}

/// The value of a text clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A word; one that analysis splits (`real-time`) is searched as a
    /// phrase.
    Word(String),
    /// A `"quoted phrase"`, without its quotes.
    Phrase(String),
    /// A word before `*`, without the `*`.
    Prefix(String),
}

/// A clause that searches text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextClause {
    pub(crate) occur: Occur,
    /// The one text field named, or `None` for every text field.
    pub(crate) source: Option<Source>,
    pub(crate) value: Value,
    /// Column of the clause's first character, from 1.
    pub(crate) column: usize,
}

/// The filters a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FilterName {
    Region,
    Country,
    Sector,
    Product,
    Kind,
    Language,
    Approved,
}

impl FilterName {
    const ALL: [(&'static str, FilterName); 7] = [
        ("region", FilterName::Region),
        ("country", FilterName::Country),
        ("sector", FilterName::Sector),
        ("product", FilterName::Product),
        ("kind", FilterName::Kind),
        ("language", FilterName::Language),
        ("approved", FilterName::Approved),
    ];

    fn parse(name: &str) -> Option<FilterName> {
        FilterName::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }
}

/// A clause that filters: `region:EMEA`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FilterClause {
    pub(crate) name: FilterName,
    pub(crate) value: String,
    /// Column of the value's first character.
    pub(crate) column: usize,
}

/// A query read into clauses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) text: Vec<TextClause>,
    pub(crate) filters: Vec<FilterClause>,
}

/// The field names a query may use, joined for messages.
fn known_names() -> String {
    let mut names: Vec<&str> = Source::ALL.iter().map(|s| s.as_str()).collect();
    names.extend(FilterName::ALL.iter().map(|(n, _)| *n));
    names.join(", ")
}

/// Reads `query` into clauses, or returns every problem found.
pub(crate) fn parse(query: &str) -> Result<Parsed, Vec<QueryProblem>> {
    if query.len() > MAX_TEXT_LEN {
        return Err(vec![QueryProblem::in_field(
            "request.query",
            QueryProblemKind::OutOfRange,
            format!("query is {} bytes long: expected at most {MAX_TEXT_LEN}", query.len()),
        )]);
    }
    let chars: Vec<char> = query.chars().collect();
    let mut parser = Parser { chars: &chars, at: 0, parsed: Parsed::default(), problems: Vec::new() };
    parser.run();
    let Parser { parsed, mut problems, .. } = parser;
    let clauses = parsed.text.len() + parsed.filters.len();
    if clauses > MAX_LIST_LEN {
        problems.push(QueryProblem::in_field(
            "request.query",
            QueryProblemKind::OutOfRange,
            format!("query has {clauses} clauses: expected at most {MAX_LIST_LEN}"),
        ));
    }
    if problems.is_empty() { Ok(parsed) } else { Err(problems) }
}

struct Parser<'a> {
    chars: &'a [char],
    /// Index of the next character.
    at: usize,
    parsed: Parsed,
    problems: Vec<QueryProblem>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn problem(&mut self, index: usize, kind: QueryProblemKind, message: impl Into<String>) {
        self.problems.push(QueryProblem::at(index + 1, kind, message));
    }

    /// Skips to the next white space: the rest of a clause that has a
    /// problem already.
    fn skip_clause(&mut self) {
        while self.peek().is_some_and(|c| !c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn run(&mut self) {
        loop {
            while self.peek().is_some_and(char::is_whitespace) {
                self.at += 1;
            }
            if self.peek().is_none() {
                return;
            }
            self.clause();
        }
    }

    fn clause(&mut self) {
        let start = self.at;
        let occur = match self.peek() {
            Some('+') => Occur::Must,
            Some('-') => Occur::MustNot,
            _ => Occur::Should,
        };
        if occur != Occur::Should {
            self.at += 1;
            if self.peek().is_none_or(char::is_whitespace) {
                let sign = self.chars[start];
                self.problem(
                    start,
                    QueryProblemKind::Syntax,
                    format!("`{sign}` stands alone: write it right before a word, as in `{sign}fraud`"),
                );
                return;
            }
        }
        let name = self.name();
        let value_at = self.at;
        let Some(value) = self.value() else { return };
        let Some((name, name_at)) = name else {
            let column = start + 1;
            self.parsed.text.push(TextClause { occur, source: None, value, column });
            return;
        };
        if let Some(source) = Source::parse(&name) {
            self.parsed.text.push(TextClause { occur, source: Some(source), value, column: start + 1 });
        } else if let Some(filter) = FilterName::parse(&name) {
            let text = match value {
                Value::Word(text) | Value::Phrase(text) => text,
                Value::Prefix(text) => {
                    self.problem(
                        value_at,
                        QueryProblemKind::Syntax,
                        format!("filter `{name}:` takes a value, not a prefix `{text}*`"),
                    );
                    return;
                }
            };
            if occur != Occur::Should {
                self.problem(start, QueryProblemKind::Syntax, format!("filter `{name}:` cannot be required or excluded: write `{name}:{text}` without `+` or `-`"));
                return;
            }
            if text.len() > MAX_LABEL_LEN {
                self.problem(
                    value_at,
                    QueryProblemKind::OutOfRange,
                    format!(
                        "value of `{name}:` is {} bytes long: expected at most {MAX_LABEL_LEN}",
                        text.len()
                    ),
                );
                return;
            }
            self.parsed.filters.push(FilterClause { name: filter, value: text, column: value_at + 1 });
        } else {
            let shown: String = name.chars().take(32).collect();
            self.problem(
                name_at,
                QueryProblemKind::UnknownField,
                format!(
                    "unknown field `{shown}`: expected one of {}, or quote the text (\"{shown}:...\")",
                    known_names()
                ),
            );
        }
    }

    /// A `name:` before the value: letters, digits and `_`, starting with a
    /// letter, lowercased. Leaves the position alone when there is none.
    fn name(&mut self) -> Option<(String, usize)> {
        let start = self.at;
        let mut end = start;
        while self.chars.get(end).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            end += 1;
        }
        let starts_with_letter = self.chars.get(start).is_some_and(|c| c.is_alphabetic());
        if end == start || !starts_with_letter || self.chars.get(end) != Some(&':') {
            return None;
        }
        self.at = end + 1;
        let name: String = self.chars[start..end].iter().collect::<String>().to_lowercase();
        Some((name, start))
    }

    /// The value of a clause: a phrase, a prefix or a word.
    fn value(&mut self) -> Option<Value> {
        let start = self.at;
        match self.peek() {
            None => {
                self.problem(
                    start.saturating_sub(1),
                    QueryProblemKind::Syntax,
                    "nothing after `:`: expected a value such as `title:fraud`",
                );
                None
            }
            Some(c) if c.is_whitespace() => {
                self.problem(
                    start - 1,
                    QueryProblemKind::Syntax,
                    "nothing after `:`: expected a value right after it, such as `title:fraud`",
                );
                None
            }
            Some('"') => self.phrase(),
            Some(_) => self.word(),
        }
    }

    fn phrase(&mut self) -> Option<Value> {
        let open = self.at;
        let Some(close) = self.chars[open + 1..].iter().position(|&c| c == '"').map(|p| open + 1 + p) else {
            self.problem(
                open,
                QueryProblemKind::Syntax,
                "unbalanced quote: the phrase opened here is never closed",
            );
            self.at = self.chars.len();
            return None;
        };
        self.at = close + 1;
        let text: String = self.chars[open + 1..close].iter().collect();
        if let Some(star) = self.chars[open + 1..close].iter().position(|&c| c == '*') {
            self.problem(
                open + 1 + star,
                QueryProblemKind::Syntax,
                "`*` inside a phrase: a prefix is one word outside quotes, such as `onboard*`",
            );
            return None;
        }
        if text.trim().is_empty() {
            self.problem(open, QueryProblemKind::Syntax, "empty phrase: expected words between the quotes");
            return None;
        }
        if self.peek().is_some_and(|c| !c.is_whitespace()) {
            self.problem(self.at, QueryProblemKind::Syntax, "expected a space after the closing quote");
            self.skip_clause();
            return None;
        }
        Some(Value::Phrase(text))
    }

    fn word(&mut self) -> Option<Value> {
        let start = self.at;
        while self.peek().is_some_and(|c| !c.is_whitespace() && c != '"') {
            self.at += 1;
        }
        if self.peek() == Some('"') {
            self.problem(
                self.at,
                QueryProblemKind::Syntax,
                "quote inside a word: put a space before a phrase, or quote the whole word",
            );
            // The quote may open a phrase that holds spaces: skip it whole.
            match self.chars[self.at + 1..].iter().position(|&c| c == '"') {
                Some(p) => self.at += p + 2,
                None => self.at = self.chars.len(),
            }
            self.skip_clause();
            return None;
        }
        let word = &self.chars[start..self.at];
        match word.iter().position(|&c| c == '*') {
            None => Some(Value::Word(word.iter().collect())),
            Some(p) if p + 1 == word.len() => {
                let prefix: String = word[..p].iter().collect();
                if prefix.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    self.problem(start, QueryProblemKind::Syntax, format!("prefix `{prefix}*` is too short: expected at least 2 letters or digits before `*`"));
                    return None;
                }
                Some(Value::Prefix(prefix))
            }
            Some(p) => {
                self.problem(
                    start + p,
                    QueryProblemKind::Syntax,
                    "`*` inside a word: a prefix ends with `*`, as in `onboard*`",
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(query: &str) -> Vec<(Occur, Option<Source>, Value, usize)> {
        parse(query).unwrap().text.into_iter().map(|c| (c.occur, c.source, c.value, c.column)).collect()
    }

    /// The (column, kind) of each problem of `query`.
    fn problems(query: &str) -> Vec<(Option<usize>, QueryProblemKind)> {
        parse(query).unwrap_err().into_iter().map(|p| (p.column, p.kind)).collect()
    }

    #[test]
    fn words_phrases_prefixes_and_fields() {
        use Value::*;
        assert_eq!(
            text(r#"fraud +"real-time scoring" -title:legacy onboard* quote:Betrug"#),
            vec![
                (Occur::Should, None, Word("fraud".into()), 1),
                (Occur::Must, None, Phrase("real-time scoring".into()), 7),
                (Occur::MustNot, Some(Source::Title), Word("legacy".into()), 28),
                (Occur::Should, None, Prefix("onboard".into()), 42),
                (Occur::Should, Some(Source::Quote), Word("Betrug".into()), 51),
            ]
        );
    }

    #[test]
    fn filters_keep_their_values_and_columns() {
        let parsed = parse(r#"region:EMEA Product:"Sentinel Fraud" approved:2026-12-01"#).unwrap();
        let filters: Vec<(FilterName, &str, usize)> =
            parsed.filters.iter().map(|f| (f.name, f.value.as_str(), f.column)).collect();
        assert_eq!(
            filters,
            [
                (FilterName::Region, "EMEA", 8),
                (FilterName::Product, "Sentinel Fraud", 21),
                (FilterName::Approved, "2026-12-01", 47)
            ]
        );
        assert!(parsed.text.is_empty());
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(problems("Größe \"offen"), [(Some(7), QueryProblemKind::Syntax)]);
    }

    #[test]
    fn every_mistake_is_reported_with_its_column() {
        use QueryProblemKind::*;
        assert_eq!(problems("fraud \"open"), [(Some(7), Syntax)]);
        assert_eq!(problems("foo:bar ok"), [(Some(1), UnknownField)]);
        assert_eq!(
            problems("a*b + x title: \"\" o* -region:EMEA region:EM* fra\"ud\" y"),
            [
                (Some(2), Syntax),
                (Some(5), Syntax),
                (Some(14), Syntax),
                (Some(16), Syntax),
                (Some(19), Syntax),
                (Some(22), Syntax),
                (Some(42), Syntax),
                (Some(49), Syntax),
            ]
        );
        assert_eq!(
            problems("\"a*\" \"x\"y title:"),
            [(Some(3), Syntax), (Some(9), Syntax), (Some(16), Syntax)]
        );
    }

    #[test]
    fn messages_name_what_was_expected() {
        let err = parse("colour:red").unwrap_err();
        assert!(
            err[0].message.starts_with("unknown field `colour`: expected one of title, summary"),
            "{}",
            err[0]
        );
        assert_eq!(err[0].place, "query, column 1");
        let err = parse("\"fraud").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "query, column 1: unbalanced quote: the phrase opened here is never closed"
        );
    }

    #[test]
    fn limits_are_checked() {
        assert_eq!(problems(&"a".repeat(20_001)), [(None, QueryProblemKind::OutOfRange)]);
        assert_eq!(problems(&"ab ".repeat(1_001)), [(None, QueryProblemKind::OutOfRange)]);
        let long = format!("country:{}", "x".repeat(257));
        assert_eq!(problems(&long), [(Some(9), QueryProblemKind::OutOfRange)]);
    }

    #[test]
    fn plain_text_with_punctuation_parses() {
        assert_eq!(parse("real-time fraud scoring, replaced a legacy core, Germany").unwrap().text.len(), 8);
        assert!(parse("").unwrap().text.is_empty());
        assert!(parse("  \t ").unwrap().text.is_empty());
        // Digits before a colon are no field name.
        assert_eq!(text("10:30").len(), 1);
    }
}
