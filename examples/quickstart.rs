//! A tour of the embedded sample reference program, then the question a
//! sales rep asks: who should this prospect talk to, and why?
//!
//! The prospect is a German commercial bank of about 3,000 employees that is
//! replacing Omnisuite and wants to hear about fraud detection and customer
//! onboarding, from someone at the level of its VP contact, on 2026-12-01.
//!
//! Run it with `cargo run --example quickstart`. It takes no arguments.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;

use jiff::civil::{Date, date};
use refmatch::model::{AssetKind, EngagementKind, Seniority};
use refmatch::rank::{Explanation, StoryRequest, Verdict};
use refmatch::taxonomy::{SalesRegion, country, naics};
use refmatch::{Index, Library, Prospect, Request};

/// How many days forward to look for the day an excluded advocate is free.
const LOOK_AHEAD_DAYS: usize = 120;

fn main() -> Result<(), Box<dyn Error>> {
    let library = Library::sample();
    let most_used = summary(&library);

    // Compile the library for ranking once; ask it as often as needed.
    let index = Index::new(library.clone());

    let prospect = Prospect::new()
        .with_industry("522110") // NAICS: commercial banking
        .with_employees(3_000)
        .with_country("DE")
        .with_competitor("Omnisuite")
        .with_use_case("fraud detection")
        .with_use_case("customer onboarding")
        .with_seniority(Seniority::Vp);
    let day = date(2026, 12, 1);
    let request = Request::new(EngagementKind::ReferenceCall, day);

    println!();
    println!("Prospect: German commercial bank (NAICS 522110), 3,000 employees, replacing Omnisuite,");
    println!("          wants fraud detection and customer onboarding; contact is a VP");
    println!("Request:  a reference call on {day}");

    let matches = index.rank_advocates(&prospect, &request)?;
    println!();
    println!(
        "Top {} advocates (score = relevance x availability; used = held engagements of the cap)",
        matches.len()
    );
    let mut rows = Vec::new();
    for (rank, m) in matches.iter().enumerate() {
        let advocate = library.advocate(&m.advocate);
        let account = library.account(&m.account);
        let story = library.story(&m.story).map_or(m.story.as_str(), |s| s.title.as_str());
        rows.push(Row {
            cells: vec![
                format!("{}", rank + 1),
                format!("{:.3}", m.score),
                advocate.map_or(m.advocate.clone(), |a| a.name.clone()),
                advocate.map_or(String::new(), |a| a.title.clone()),
                account.map_or(m.account.clone(), |a| a.name.clone()),
                account.map_or(String::new(), |a| a.country.clone()),
                format!("{}/{}", m.explanation.used, m.explanation.cap),
            ],
            notes: vec![format!("story  {story}"), format!("why    {}", top_factors(&m.explanation, 3))],
        });
    }
    print_table(
        &["#", "score", "advocate", "title", "account", "ctry", "used"],
        &[Align::Right, Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right],
        rows,
    );

    // The advocate everyone knows: why is she not on the list?
    if let Some(id) = most_used {
        let name = library.advocate(&id).map_or(id.as_str(), |a| a.name.as_str());
        println!();
        if matches.iter().any(|m| m.advocate == id) {
            println!("{name} ({id}), the most-used advocate, is on the list.");
        } else {
            println!("Why not {name} ({id}), the most-used advocate of the program?");
            match index.explain(&id, &prospect, &request)? {
                Verdict::Excluded(exclusion) => {
                    println!("  {exclusion} [rule {}]", exclusion.rule());
                    match next_available(&index, &id, &prospect, &request)? {
                        Some((free, score)) => {
                            println!(
                                "  next available for a reference call: {free} (score {score:.3} that day)"
                            )
                        }
                        None => println!("  not available within the next {LOOK_AHEAD_DAYS} days"),
                    }
                }
                // Eligible but outscored, or behind a colleague at the same
                // account (one advocate per account by default).
                Verdict::Eligible(m) => println!(
                    "  eligible with score {:.3}, below the top {} or behind a colleague at {}",
                    m.score,
                    matches.len(),
                    m.account
                ),
            }
        }
    }

    if let Some(top) = matches.first() {
        let name = library.advocate(&top.advocate).map_or(top.advocate.as_str(), |a| a.name.as_str());
        let story = library.story(&top.story).map_or(top.story.as_str(), |s| s.title.as_str());
        println!();
        println!("Why {name} ranks first, telling \"{story}\" ({})", top.story);
        for line in top.explanation.to_string().lines() {
            println!("  {line}");
        }
    }

    let mut content = StoryRequest::new(AssetKind::CaseStudy, day);
    content.k = 3;
    let stories = index.rank_stories(&prospect, &content)?;
    println!();
    println!(
        "Top {} case studies to send the prospect (score = relevance, without seniority)",
        stories.len()
    );
    print_table(
        &["#", "score", "story", "account", "ctry"],
        &[Align::Right, Align::Right, Align::Left, Align::Left, Align::Left],
        stories
            .iter()
            .enumerate()
            .map(|(rank, m)| {
                let account = library.account(&m.account);
                let mut notes = vec![format!("why    {}", top_factors(&m.explanation, 3))];
                notes.extend(m.assets.iter().map(|location| format!("asset  {location}")));
                Row {
                    cells: vec![
                        format!("{}", rank + 1),
                        format!("{:.3}", m.score),
                        library.story(&m.story).map_or(m.story.clone(), |s| s.title.clone()),
                        account.map_or(m.account.clone(), |a| a.name.clone()),
                        account.map_or(String::new(), |a| a.country.clone()),
                    ],
                    notes,
                }
            })
            .collect(),
    );

    #[cfg(feature = "search")]
    search_and_quote(&library)?;
    Ok(())
}

/// Full-text search, as a rep types it, and a quote of the best story
/// (`refmatch::search`, feature `search`).
#[cfg(feature = "search")]
fn search_and_quote(library: &Library) -> Result<(), Box<dyn Error>> {
    use refmatch::model::Channel;
    use refmatch::search::{Filters, SearchIndex, SearchRequest};

    let search = SearchIndex::new(library.clone())?;
    let request = SearchRequest::new("fraud detection Omnisuite")
        .with_filters(Filters::new().region(SalesRegion::Emea))
        .with_limit(3);
    let results = search.search(request)?;
    println!();
    println!(
        "Search \"fraud detection Omnisuite\" in EMEA: {} hits, the best {}",
        results.total,
        results.hits.len()
    );
    for hit in &results.hits {
        let what = hit.quote.as_deref().map_or(format!("story {}", hit.story), |q| format!("quote {q}"));
        println!("  {:5.2}  {what}: {}", hit.score, hit.snippet);
    }
    let best = results.hits.iter().find(|h| h.quote.is_none()).map(|h| h.story.as_str());
    let quote =
        library.quotes().iter().find(|q| Some(q.story.as_str()) == best && q.allows(Channel::SalesDeck));
    if let Some(quote) = quote {
        let who = library.advocate(&quote.advocate).map_or(quote.advocate.as_str(), |a| a.name.as_str());
        println!();
        println!("A quote for the sales deck, from {who} ({}):", quote.language);
        println!("  \"{}\"", quote.text);
    }
    Ok(())
}

/// Prints what is in the library and returns the most-used advocate: the
/// most held engagements in the ledger, a tie to the smaller id.
fn summary(library: &Library) -> Option<String> {
    println!("refmatch sample reference program");
    println!(
        "  {} products, {} accounts, {} advocates, {} stories, {} engagements",
        library.products().len(),
        library.accounts().len(),
        library.advocates().len(),
        library.stories().len(),
        library.engagements().len()
    );

    let mut sectors: BTreeMap<String, usize> = BTreeMap::new();
    for account in library.accounts() {
        let code = naics().sector(&account.industry).map_or(account.industry.clone(), |s| s.code.clone());
        *sectors.entry(code).or_default() += 1;
    }
    let mut sectors: Vec<(String, usize)> = sectors.into_iter().collect();
    sectors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    const SHOWN: usize = 3;
    let sector_list: Vec<String> = sectors
        .iter()
        .take(SHOWN)
        .map(|(code, n)| format!("{} {n}", naics().sector(code).map_or(code.as_str(), |s| s.title.as_str())))
        .collect();
    println!(
        "  accounts by NAICS sector: {} and {} more sectors",
        sector_list.join(", "),
        sectors.len().saturating_sub(SHOWN)
    );

    let mut regions: BTreeMap<SalesRegion, usize> = BTreeMap::new();
    for account in library.accounts() {
        if let Some(found) = country(&account.country) {
            *regions.entry(found.region).or_default() += 1;
        }
    }
    let region_list: Vec<String> = regions.iter().map(|(r, n)| format!("{} {n}", r.as_str())).collect();
    println!("  accounts by sales region: {}", region_list.join(", "));

    // Held engagements (requested, approved or completed) per advocate.
    let mut held: HashMap<&str, usize> = HashMap::new();
    for engagement in library.engagements().iter().filter(|e| e.status.is_held()) {
        *held.entry(&engagement.advocate).or_default() += 1;
    }
    let mut most: Vec<(&str, usize)> = held.into_iter().collect();
    most.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));

    println!();
    println!("Most-used advocates (held engagements in the ledger)");
    print_table(
        &["advocate", "name", "account", "held"],
        &[Align::Left, Align::Left, Align::Left, Align::Right],
        most.iter()
            .take(3)
            .filter_map(|&(id, n)| {
                let advocate = library.advocate(id)?;
                let account = library.account(&advocate.account)?;
                Some(Row::new([id, &advocate.name, &account.name, &n.to_string()]))
            })
            .collect(),
    );
    most.first().map(|&(id, _)| id.to_string())
}

/// The first day after `request.date`, within [`LOOK_AHEAD_DAYS`], on which
/// `advocate` is eligible, and its score that day.
fn next_available(
    index: &Index,
    advocate: &str,
    prospect: &Prospect,
    request: &Request,
) -> Result<Option<(Date, f64)>, Box<dyn Error>> {
    let mut later = request.clone();
    for _ in 0..LOOK_AHEAD_DAYS {
        later.date = later.date.tomorrow()?;
        if let Verdict::Eligible(m) = index.explain(advocate, prospect, &later)? {
            return Ok(Some((later.date, m.score)));
        }
    }
    Ok(None)
}

/// The `n` largest contributions, e.g. `industry .21, use_cases .21`.
fn top_factors(explanation: &Explanation, n: usize) -> String {
    let parts: Vec<String> = explanation
        .top_factors()
        .iter()
        .take(n)
        .map(|f| format!("{} {}", f.factor, short(f.contribution)))
        .collect();
    parts.join(", ")
}

/// A number in `[0, 1]` with two decimals and no leading zero: `.21`.
fn short(x: f64) -> String {
    let text = format!("{x:.2}");
    match text.strip_prefix('0') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// How a column lines up.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// A table row: its cells, and lines of notes printed under it.
struct Row {
    cells: Vec<String>,
    notes: Vec<String>,
}

impl Row {
    fn new<const N: usize>(cells: [&str; N]) -> Row {
        Row { cells: cells.iter().map(|c| c.to_string()).collect(), notes: Vec::new() }
    }
}

/// The column under which a row's notes start.
const NOTES_COLUMN: usize = 2;

/// Prints a header, a rule and the rows, each column as wide as its widest
/// cell (counted in characters); a row's notes follow it, indented to
/// [`NOTES_COLUMN`].
fn print_table(headers: &[&str], align: &[Align], rows: Vec<Row>) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(&row.cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(align)
            .map(|((cell, &width), align)| match align {
                Align::Left => format!("{cell:<width$}"),
                Align::Right => format!("{cell:>width$}"),
            })
            .collect();
        println!("  {}", parts.join("  ").trim_end());
    };
    let indent = " ".repeat(2 + widths.iter().take(NOTES_COLUMN).map(|w| w + 2).sum::<usize>());
    line(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    line(&widths.iter().map(|&w| "-".repeat(w)).collect::<Vec<_>>());
    for row in &rows {
        line(&row.cells);
        for note in &row.notes {
            println!("{indent}{note}");
        }
    }
}
