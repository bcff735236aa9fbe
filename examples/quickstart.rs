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

use jiff::civil::date;
use refmatch::model::{AssetKind, EngagementKind, Seniority};
use refmatch::rank::{StoryRequest, Verdict};
use refmatch::taxonomy::{SalesRegion, country, naics};
use refmatch::{Index, Library, Prospect, Request};

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

    // The list, with what it leaves out and why.
    let ranking = index.rank(&prospect, &request)?;
    let matches = &ranking.matches;
    println!();
    println!("{}", ranking.summary());
    println!();
    println!(
        "Top {} advocates (score = relevance x availability; used = held engagements of the cap)",
        matches.len()
    );
    let mut rows = Vec::new();
    for (rank, m) in matches.iter().enumerate() {
        let country = library.account(&m.account).map_or(String::new(), |a| a.country.clone());
        rows.push(Row {
            cells: vec![
                format!("{}", rank + 1),
                format!("{:.3}", m.score),
                m.advocate_name().to_string(),
                m.advocate_title().to_string(),
                m.account_name().to_string(),
                country,
                format!("{}/{}", m.explanation.used, m.explanation.cap),
            ],
            notes: vec![format!("story  {}", m.story_title()), format!("why    {}", m.explanation.summary())],
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
                    match index.next_available(&id, day)? {
                        Some(free) => {
                            let later = Request { date: free, ..request.clone() };
                            let that_day = match index.explain(&id, &prospect, &later)? {
                                Verdict::Eligible(m) => format!(" (score {:.3} that day)", m.score),
                                Verdict::Excluded(why) => format!(" (but then: {why})"),
                            };
                            println!("  next available for a reference call: {free}{that_day}")
                        }
                        None => println!("  not available on any later day"),
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
        println!();
        println!(
            "Why {} ranks first, telling \"{}\" ({})",
            top.advocate_name(),
            top.story_title(),
            top.story
        );
        println!("  In a sentence: {}.", top.explanation.summary());
        println!("  Factor by factor (similarity x weight / total weight = contribution):");
        for line in top.explanation.to_string().lines() {
            println!("    {line}");
        }
    }

    let content = StoryRequest::new(AssetKind::CaseStudy, day).with_k(3);
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
                let mut notes = vec![format!("why    {}", m.explanation.summary())];
                notes.extend(m.assets.iter().map(|location| format!("asset  {location}")));
                Row {
                    cells: vec![
                        format!("{}", rank + 1),
                        format!("{:.3}", m.score),
                        m.story_title().to_string(),
                        m.account_name().to_string(),
                        library.account(&m.account).map_or(String::new(), |a| a.country.clone()),
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
